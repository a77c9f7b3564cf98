#!/usr/bin/env bash
# `make run`: builds and starts the host agent and the engine on this machine, registers the agent as host `local` in
# cluster `Default`, prints where everything is and a 2-minute tour. Ctrl-C stops both.
#
#   HOTSET_URLS            where the engine listens            (default http://127.0.0.1:8080)
#   HOTSET_DATA_DIR        engine database, agent state, hooks (default ./data)
#   HOTSET_DB              SQLite path or PostgreSQL connection string (default: SQLite in $HOTSET_DATA_DIR)
#   HOTSET_ADMIN_PASSWORD  password of admin@internal          (default: generated once into $HOTSET_DATA_DIR/admin-password)
#   HOTSET_AGENT_URL       where the local agent listens       (default http://127.0.0.1:54321)
#   HOTSET_LOCAL_HOSTS     1, or 2 for a second agent, host 'local2', to try live migration on one machine (default 1)
#   HOTSET_AGENT2_URL      where the second agent listens      (default http://127.0.0.1:54322; state in $HOTSET_DATA_DIR/agent2)
#   HOTSET_HYPERVISOR      the local agents' driver: qemu, libvirt (docs/libvirt.md), or simulated (no real VMs; docs/agent.md) (default qemu)
#   HOTSET_LIBVIRT_URI     with libvirt: libvirtd's URI (default: a private libvirtd, scripts/libvirt-test.sh start)
#   HOTSET_READY_TIMEOUT   seconds to wait for host 'local' to be Up before giving up      (default 120)
#   HOTSET_LOG_FORMAT      text or json, for both logs                                      (default text)
#
# Everything under the data directory is its owner's only (directories 0700, files 0600): the database, the key ring,
# the agent's secret and the logs. The admin password is printed only on the run that generated it.
set -euo pipefail
umask 077
cd "$(dirname "$0")/.."
repo=$(pwd)

export HOTSET_URLS=${HOTSET_URLS:-http://127.0.0.1:8080}
data=${HOTSET_DATA_DIR:-./data}
mkdir -p "$data"
chmod 700 "$data"
data=$(cd "$data" && pwd)
export HOTSET_DATA_DIR=$data
agent_url=${HOTSET_AGENT_URL:-http://127.0.0.1:54321}
agent_state=$data/agent
hooks=$data/hooks
mkdir -p "$agent_state" "$hooks/before_set_num_of_cpus" "$hooks/after_set_num_of_cpus"
chmod 700 "$agent_state"
local_hosts=${HOTSET_LOCAL_HOSTS:-1}
case "$local_hosts" in
  1|2) ;;
  *) echo "HOTSET_LOCAL_HOSTS must be 1 or 2, not '$local_hosts'." >&2; exit 2 ;;
esac
agent2_url=${HOTSET_AGENT2_URL:-http://127.0.0.1:54322}
agent2_state=$data/agent2
if [ "$local_hosts" = 2 ]; then mkdir -p "$agent2_state" && chmod 700 "$agent2_state"; fi

# The password is shown only when this run generated it; later runs (and one from the environment) say where it is.
if [ -z "${HOTSET_ADMIN_PASSWORD:-}" ]; then
  if [ ! -s "$data/admin-password" ]; then
    head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$data/admin-password"
    login="admin@internal, password (generated now, kept in $data/admin-password): $(cat "$data/admin-password")"
  else
    login="admin@internal, password in $data/admin-password"
  fi
  chmod 600 "$data/admin-password"
  HOTSET_ADMIN_PASSWORD=$(cat "$data/admin-password")
  password_ref="\$(cat $data/admin-password)"
else
  login="admin@internal, password from HOTSET_ADMIN_PASSWORD"
  password_ref="\$HOTSET_ADMIN_PASSWORD"
fi
export HOTSET_ADMIN_PASSWORD
export HOTSET_GUEST_DIR=${HOTSET_GUEST_DIR:-$repo/.guest}

artifacts=${HOTSET_ARTIFACTS:-$repo/artifacts}
echo "Building the engine and the agent (log: $data/build.log)…"
: >"$data/build.log"
chmod 600 "$data/build.log"
for project in src/Hotset.Agent/Hotset.Agent.csproj src/Hotset.Engine/Hotset.Engine.csproj src/Hotset.Cli/Hotset.Cli.csproj; do
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >>"$data/build.log" 2>&1 \
    || { echo "Building $project failed:" >&2; tail -30 "$data/build.log" >&2; exit 1; }
done
scripts/publish-web.sh >>"$data/build.log" 2>&1 \
  || echo "Publishing the web UI failed (see $data/build.log); the engine runs without it." >&2

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo; echo "Stopping the engine and the agent (running VMs keep running; the agent re-attaches them next time)…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all INT TERM EXIT

libvirt_args=()
if [ "${HOTSET_HYPERVISOR:-qemu}" = libvirt ]; then
  HOTSET_LIBVIRT_URI=${HOTSET_LIBVIRT_URI:-$(scripts/libvirt-test.sh start)}
  libvirt_args=(--Libvirt:Uri="$HOTSET_LIBVIRT_URI")
fi

scripts/rotate-log.sh "$data/engine.log"
# start_agent URL STATE LOG: one host agent; waits until it has written its secret.
start_agent() {
  scripts/rotate-log.sh "$3"
  (cd "$artifacts/bin/Hotset.Agent/release" && exec dotnet Hotset.Agent.dll \
    --Agent:Urls="$1" --Agent:StateDirectory="$2" --Hooks:Directory="$hooks" \
    --Qemu:GuestKernel="$HOTSET_GUEST_DIR/vmlinux" --Qemu:GuestInitrd="$HOTSET_GUEST_DIR/initramfs.cpio.gz" \
    --Agent:Hypervisor="${HOTSET_HYPERVISOR:-qemu}" "${libvirt_args[@]}") \
    >"$3" 2>&1 &
  pids+=($!)
  local pid=$!
  for _ in $(seq 1 100); do
    [ -s "$2/agent.secret" ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "The agent did not start; see $3:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.2
  done
}
start_agent "$agent_url" "$agent_state" "$data/agent.log"
if [ "$local_hosts" = 2 ]; then start_agent "$agent2_url" "$agent2_state" "$data/agent2.log"; fi

(cd "$artifacts/bin/Hotset.Engine/release" && exec dotnet Hotset.Engine.dll \
  --Engine:LocalHost:Address="$agent_url" --Engine:LocalHost:SecretFile="$agent_state/agent.secret" \
  --Engine:LocalHost:Name=local --Engine:LocalHost:Cluster=Default) \
  >"$data/engine.log" 2>&1 &
pids+=($!)

api=${HOTSET_URLS%%;*}
api=${api/0.0.0.0/127.0.0.1}
# Ready means ready: the banner comes only once the engine reports host 'local' Up on its anonymous readiness endpoint
# (docs/operations.md), so a VM started right after it finds a host to run on.
ready_timeout=${HOTSET_READY_TIMEOUT:-120}
deadline=$((SECONDS + ready_timeout))
report=""
ready=false
while [ "$SECONDS" -lt "$deadline" ]; do
  report=$(curl -s --max-time 5 "$api/health/ready" 2>/dev/null || true)
  if printf '%s' "$report" | grep -q '"local":"up"'; then ready=true; break; fi
  kill -0 "${pids[0]}" 2>/dev/null || { echo "The agent stopped; see $data/agent.log:" >&2; tail -20 "$data/agent.log" >&2; exit 1; }
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "The engine stopped; see $data/engine.log:" >&2; tail -20 "$data/engine.log" >&2; exit 1; }
  sleep 0.5
done

if $ready && [ "$local_hosts" = 2 ]; then
  # The second agent is registered through the API like any host (a name already taken means it is registered).
  curl -s --max-time 10 -u "admin@internal:$HOTSET_ADMIN_PASSWORD" -H Content-Type:application/json -H Accept:application/json \
    -X POST "$api/ovirt-engine/api/hosts" \
    -d "{\"name\":\"local2\",\"address\":\"$agent2_url\",\"root_password\":\"$(cat "$agent2_state/agent.secret")\",\"cluster\":{\"name\":\"Default\"}}" \
    >/dev/null 2>&1 || true
  ready=false
  while [ "$SECONDS" -lt "$deadline" ]; do
    report=$(curl -s --max-time 5 "$api/health/ready" 2>/dev/null || true)
    if printf '%s' "$report" | grep -q '"local2":"up"'; then ready=true; break; fi
    sleep 0.5
  done
  $ready || echo "Host 'local2' did not come Up within ${ready_timeout} s; see $data/agent2.log." >&2
fi

if ! $ready; then
  echo "Hotset is not ready: within ${ready_timeout} s (HOTSET_READY_TIMEOUT) the engine did not report host 'local' Up." >&2
  echo "  Its last readiness report ($api/health/ready): ${report:-no answer}" >&2
  echo "  Logs: $data/engine.log, $data/agent.log" >&2
  exit 1
fi

cat <<TOUR

Hotset is running.
  Web UI   $api/   (also $api/ovirt-engine/webadmin)
  Engine   $api/ovirt-engine/api   (API reference: $api/ovirt-engine/apidoc)
  Agent    $agent_url  (host 'local' in cluster 'Default')$([ "$local_hosts" = 2 ] && printf '\n  Agent 2  %s  (host '"'"'local2'"'"', log %s)' "$agent2_url" "$data/agent2.log")
  Logs     $data/engine.log, $data/agent.log
  Login    $login
  Data     $data

The 2-minute tour (copy and paste):
  A="-su admin@internal:$password_ref -H Accept:application/json -H Content-Type:application/json"
  API=$api/ovirt-engine/api
  VM=\$(curl \$A -X POST \$API/vms -d '{"name":"vm1","cluster":{"name":"Default"},"template":{"name":"Blank"}}' | sed -n 's/.*"id" *: *"\\([^"]*\\)".*/\\1/p' | head -1)
  curl \$A -X POST \$API/vms/\$VM/start -d '{}'
  sleep 10; curl \$A \$API/vms/\$VM | grep -E '"status"|guest_cpu_count'
  curl \$A -i -X PUT \$API/vms/\$VM -d '{"cpu":{"topology":{"sockets":"2"}}}' | grep -E 'Hotset-Cpu-Hot-Set|"sockets"'
  sleep 2; curl \$A \$API/vms/\$VM | grep -E 'guest_cpu_count|vcpu_count'
  curl \$A "\$API/events?max=5" | grep description

The same hot plug with the CLI (./hotset in $repo; exit codes in ./hotset vm set-cpus --help):
  export HOTSET_URL=$api HOTSET_PASSWORD=$password_ref      # or: ./hotset login $api
  ./hotset vm create vm2 --memory 128 && ./hotset vm start vm2
  ./hotset vm set-cpus vm2 --sockets 2 --dry-run
  ./hotset vm set-cpus vm2 --sockets 2 --wait     # exit 0 once the guest reports 2 CPUs
  ./hotset vm cpus vm2; ./hotset events --vm vm2 -n 3

TOUR
if [ "$local_hosts" = 2 ]; then
  cat <<MIGRATE
Live migration between the two hosts (docs/migration.md):
  ./hotset vm set-cpus vm2 --sockets 3 --wait
  ./hotset vm migrate vm2 --host local2 --wait    # the guest keeps its 3 CPUs; host local2 runs it now
  ./hotset vm migrate vm2 --wait                  # no host: the other Up host with the most free vCPUs
  ./hotset events --vm vm2 -n 3                   # 62 started, 63 completed (duration, downtime)

MIGRATE
fi
echo "Ctrl-C stops the engine and the agents."

wait -n "${pids[@]}" || true
