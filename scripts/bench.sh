#!/usr/bin/env bash
# `make bench`: builds the agent, the engine and the harness in Release, then runs bench/Hotset.Bench, which starts
# them as real processes (with the test guest under QEMU), measures, stops everything it started and prints the
# figures as a markdown table for docs/benchmarks.md.
#
#   scripts/bench.sh                 all four parts: agent, engine, list, preview
#   scripts/bench.sh migrate [--rounds N]   live migration total time and downtime (scripts/bench-migrate.py)
#   scripts/bench.sh libvirt [--rounds N]   the libvirt driver vs the QEMU driver vs virsh (scripts/bench-libvirt.py)
#   scripts/bench.sh agent|engine|list|preview [--rounds N] [--warmup N] [--idle SECONDS] [--requests N] [--vms N] [--calls N] [--keep]
#   scripts/bench.sh ui [--rounds N]  the web UI in headless Chromium with 1,000 VMs (tests/Hotset.Web.Tests, ScaleTests):
#                                     first loads, list render, scroll frames; medians of N rounds (default 5)
#   scripts/bench.sh fleet [--hosts N] [--vms N] [--concurrency N] [--database sqlite|postgres|both] [--steady SECONDS] [--keep]
#                    the engine against a SIMULATED fleet (bench/Hotset.Bench.Fleet, docs/scale.md); needs no QEMU
#
#   HOTSET_ARTIFACTS   build output (default ./artifacts)
#   HOTSET_GUEST_DIR   the test guest (default ./.guest, built by `make guest`)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
if [[ "${1:-}" == migrate ]]; then  # live migration between two QEMU processes: no build needed
  shift
  export HOTSET_GUEST_DIR=${HOTSET_GUEST_DIR:-$repo/.guest}
  exec python3 scripts/bench-migrate.py "$@"
fi
artifacts=${HOTSET_ARTIFACTS:-$repo/artifacts}
export HOTSET_GUEST_DIR=${HOTSET_GUEST_DIR:-$repo/.guest}

if [ "${1:-}" = libvirt ]; then  # two agent processes (libvirt and qemu drivers) on a private libvirtd
  shift
  dotnet build src/Hotset.Agent/Hotset.Agent.csproj -c Release -nologo -clp:ErrorsOnly -v q
  export HOTSET_ARTIFACTS=$artifacts
  exec python3 scripts/bench-libvirt.py "$@"
fi

if [ "${1:-}" = ui ]; then
  rounds=5
  if [ "${2:-}" = --rounds ]; then rounds=$3; fi
  scripts/publish-web.sh
  echo "Building the browser tests and the engine (Release)…"
  dotnet build tests/Hotset.Web.Tests -c Release -nologo -clp:ErrorsOnly -v q
  echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  log=$(mktemp)
  HOTSET_UI_BENCH_ROUNDS=$rounds dotnet test tests/Hotset.Web.Tests -c Release --no-build \
    --filter "FullyQualifiedName~ScaleTests.VmList_ThousandVms" --logger "console;verbosity=detailed" >"$log" 2>&1 \
    || { cat "$log"; rm -f "$log"; exit 1; }
  echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  grep -o 'figure: .*' "$log" | python3 -c '
import statistics, sys
runs = {}
for line in sys.stdin:
    name, value = line[len("figure: "):].rsplit(": ", 1)
    runs.setdefault(name, []).append(float(value))
print("| figure | median | rounds |")
print("|---|---|---|")
for name, values in runs.items():
    each = ", ".join(f"{v:.0f}" for v in values)
    print(f"| {name} | {statistics.median(values):.0f} | {each} |")
'
  rm -f "$log"
  exit 0
fi

if [ "${1:-}" = fleet ]; then
  echo "Building the engine and the fleet harness (Release)…"
  for project in src/Hotset.Engine/Hotset.Engine.csproj bench/Hotset.Bench.Fleet/Hotset.Bench.Fleet.csproj; do
    dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v q
  done
  # A private PostgreSQL server for the run (HOTSET_PG_DIR / HOTSET_PG_PORT as in scripts/pg-test.sh), removed after.
  export HOTSET_PG_DIR=${HOTSET_PG_DIR:-/tmp/hotset-pg-fleet} HOTSET_PG_PORT=${HOTSET_PG_PORT:-55439}
  if [[ " $* " != *" --database sqlite "* && -z "${HOTSET_FLEET_PG:-}" ]]; then
    HOTSET_FLEET_PG=$(scripts/pg-test.sh start); export HOTSET_FLEET_PG
    trap 'scripts/pg-test.sh stop >/dev/null 2>&1' EXIT
  fi
  echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  dotnet "$artifacts/bin/Hotset.Bench.Fleet/release/Hotset.Bench.Fleet.dll" --artifacts "$artifacts" "$@"
  exit
fi

echo "Building the agent, the engine and the harness (Release)…"
for project in src/Hotset.Agent/Hotset.Agent.csproj src/Hotset.Engine/Hotset.Engine.csproj bench/Hotset.Bench/Hotset.Bench.csproj; do
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v q
done

echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
exec dotnet "$artifacts/bin/Hotset.Bench/release/Hotset.Bench.dll" --artifacts "$artifacts" "$@"
