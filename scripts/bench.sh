#!/usr/bin/env bash
# `make bench`: builds the agent, the engine and the harness in Release, then runs bench/Hotset.Bench, which starts
# them as real processes (with the test guest under QEMU), measures, stops everything it started and prints the
# figures as a markdown table for docs/benchmarks.md.
#
#   scripts/bench.sh                 all four parts: agent, engine, list, preview
#   scripts/bench.sh agent|engine|list|preview [--rounds N] [--warmup N] [--idle SECONDS] [--requests N] [--vms N] [--calls N] [--keep]
#   scripts/bench.sh fleet [--hosts N] [--vms N] [--concurrency N] [--database sqlite|postgres|both] [--steady SECONDS] [--keep]
#                    the engine against a SIMULATED fleet (bench/Hotset.Bench.Fleet, docs/scale.md); needs no QEMU
#
#   HOTSET_ARTIFACTS   build output (default ./artifacts)
#   HOTSET_GUEST_DIR   the test guest (default ./.guest, built by `make guest`)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
artifacts=${HOTSET_ARTIFACTS:-$repo/artifacts}
export HOTSET_GUEST_DIR=${HOTSET_GUEST_DIR:-$repo/.guest}

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
