#!/usr/bin/env bash
# Publishes the web admin UI (Blazor WebAssembly, src/Hotset.Web) into artifacts/publish/Hotset.Web/release/wwwroot,
# where the engine finds and serves it. Does nothing when no source of the UI changed since the last publish.
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts=${HOTSET_ARTIFACTS:-$PWD/artifacts}
stamp=$artifacts/publish/Hotset.Web/release/.published
if [ -f "$stamp" ] && [ -f "${stamp%/*}/wwwroot/index.html" ] \
  && [ -z "$(find src/Hotset.Web src/Hotset.Client Directory.Packages.props Directory.Build.props -newer "$stamp" \
      -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "Publishing the web UI (Blazor WebAssembly; about a minute)…" >&2
# The stamp takes the time the publish started: a source edited meanwhile is newer and publishes again next time.
mkdir -p "${stamp%/*}"
touch "$stamp.new"
dotnet publish src/Hotset.Web/Hotset.Web.csproj -c Release -nologo -clp:ErrorsOnly -v q
mv "$stamp.new" "$stamp"
