#!/usr/bin/env bash
# `make bench`: builds the agent, the engine and the harness in Release, then runs bench/Hotset.Bench, which starts
# them as real processes (with the test guest under QEMU), measures, stops everything it started and prints the
# figures as a markdown table for docs/benchmarks.md.
#
#   scripts/bench.sh                 all four parts: agent, engine, list, preview
#   scripts/bench.sh migrate [--rounds N]   live migration total time and downtime (scripts/bench-migrate.py)
#   scripts/bench.sh agent|engine|list|preview [--rounds N] [--warmup N] [--idle SECONDS] [--requests N] [--vms N] [--calls N] [--keep]
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

echo "Building the agent, the engine and the harness (Release)…"
for project in src/Hotset.Agent/Hotset.Agent.csproj src/Hotset.Engine/Hotset.Engine.csproj bench/Hotset.Bench/Hotset.Bench.csproj; do
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v q
done

echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
exec dotnet "$artifacts/bin/Hotset.Bench/release/Hotset.Bench.dll" --artifacts "$artifacts" "$@"
