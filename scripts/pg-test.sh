#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for the store tests: `start` prints its connection string, `stop` removes it.
set -euo pipefail
dir=${HOTSET_PG_DIR:-/tmp/hotset-pg}
port=${HOTSET_PG_PORT:-55432}
bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/lib/postgresql/15/bin/pg_ctl)")
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

case "${1:-}" in
  start)
    if ! as_pg "$bin/pg_ctl -D $dir status" >/dev/null 2>&1; then
      rm -rf "$dir"; mkdir -p "$dir"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb -D $dir -U postgres -A trust --no-sync" >/dev/null
      as_pg "$bin/pg_ctl -D $dir -l $dir/log -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D $dir -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
