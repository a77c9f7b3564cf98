#!/usr/bin/env bash
# rotate-log.sh FILE [KEEP]: keeps the last KEEP (default 5) runs' logs: FILE.KEEP is dropped, FILE.n becomes FILE.n+1,
# FILE becomes FILE.1. The caller then writes a fresh FILE, so a crash's stack trace survives the next start.
# Kept logs are their owner's only (0600), also those an older version left readable by others.
set -euo pipefail
umask 077
file=$1
keep=${2:-5}
[ -e "$file" ] || exit 0
rm -f "$file.$keep"
for ((n = keep - 1; n >= 1; n--)); do
  [ -e "$file.$n" ] && mv -f "$file.$n" "$file.$((n + 1))"
done
mv -f "$file" "$file.1"
for ((n = 1; n <= keep; n++)); do
  [ -e "$file.$n" ] && chmod 600 "$file.$n"
done
exit 0
