#!/usr/bin/env bash
# Builds everything and runs every test project, then prints one closing line: "N passed, N failed, N skipped".
# Exits non-zero when a test failed, a project failed to build or run, or no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'scripts/pg-test.sh stop >/dev/null 2>&1; scripts/libvirt-test.sh stop >/dev/null 2>&1; rm -rf "$results"' EXIT

dotnet build Hotset.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
# The browser tests drive the published web UI.
scripts/publish-web.sh || { echo "0 passed, 1 failed"; exit 1; }

# A real PostgreSQL server for the store suite; its connection string reaches the tests through the environment.
if HOTSET_TEST_PG=$(scripts/pg-test.sh start); then export HOTSET_TEST_PG; else echo "PostgreSQL did not start" >&2; fi
# A private libvirtd (and virtlogd) for the libvirt driver's tests; they fail, saying so, when it is not running.
if HOTSET_TEST_LIBVIRT=$(scripts/libvirt-test.sh start); then export HOTSET_TEST_LIBVIRT; else echo "libvirtd did not start" >&2; fi

passed=0; failed=0; skipped=0; broken=0

# The code style is part of the build: an unformatted file fails the run like a failing test.
echo "== dotnet format --verify-no-changes"
if ! dotnet format Hotset.slnx --verify-no-changes -v q; then
  echo "Code style: run 'make format' and commit the result."; broken=$((broken + 1))
fi
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  dotnet test "$proj" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" ${HOTSET_TEST_FILTER:+--filter "$HOTSET_TEST_FILTER"} 2>&1 | tee "$results/$name.log" \
    | grep -vE '^\s*$'
  code=${PIPESTATUS[0]}
  line=$(grep -E '(Passed|Failed)! +- Failed: ' "$results/$name.log" | tail -1)
  if [ -z "$line" ]; then
    [ "$code" -ne 0 ] && { echo "$name: no test summary (exit $code)"; broken=$((broken + 1)); }
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

failed=$((failed + broken))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
