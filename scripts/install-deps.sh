#!/usr/bin/env bash
# Installs the Debian packages Hotset needs to run and test: QEMU 10 (bookworm-backports), the guest agent,
# busybox-static and the pieces the test guest is built from. Idempotent: does nothing when all is present.
set -euo pipefail

need=()
qemu_major() { qemu-system-x86_64 --version 2>/dev/null | sed -n 's/.*version \([0-9]*\)\..*/\1/p'; }
[ "$(qemu_major || true)" -ge 10 ] 2>/dev/null || need+=(qemu)
command -v busybox >/dev/null || [ -x /bin/busybox ] || need+=(busybox-static)
[ -x /usr/sbin/qemu-ga ] || need+=(qemu-ga)
command -v cpio >/dev/null || need+=(cpio)
command -v xz >/dev/null || need+=(xz-utils)
command -v initdb >/dev/null || [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "install-deps: installing ${need[*]}" >&2

sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

backports=/etc/apt/sources.list.d/hotset-backports.sources
if [ ! -f "$backports" ]; then
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || echo http://deb.debian.org/debian)
  sudo_ tee "$backports" >/dev/null <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
export DEBIAN_FRONTEND=noninteractive
sudo_ apt-get update -qq
sudo_ apt-get install -y -qq --no-install-recommends busybox-static cpio xz-utils sqlite3 >/dev/null
sudo_ apt-get install -y -qq --no-install-recommends -t bookworm-backports \
  qemu-system-x86 qemu-utils qemu-guest-agent >/dev/null
if ! command -v initdb >/dev/null && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  sudo_ apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
# Debian's Chromium for the web UI tests (Playwright drives it; it never downloads a browser of its own).
if [ ! -x /usr/bin/chromium ]; then
  sudo_ apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
v=$(qemu_major)
if [ "${v:-0}" -lt 10 ]; then
  echo "install-deps: QEMU 10 or newer is required, found $(qemu-system-x86_64 --version | head -1)" >&2
  exit 1
fi
