#!/usr/bin/env bash
# A private libvirtd + virtlogd for the libvirt driver's tests and benchmarks (no systemd needed):
#   install  installs libvirt 9 (apt, --no-install-recommends; nothing when present) and the libvirt-qemu user/group
#   start    installs, starts both daemons (sockets and PID files under $HOTSET_LIBVIRT_DIR) and prints the URI to use
#   stop     stops the daemons this script started, destroying the domains left on them
#   restart  restarts libvirtd only (its domains keep running; tests of reconnecting use it)
#   uri      prints the URI of the private daemon
# QEMU runs as root (/etc/libvirt/qemu.conf, written once): the test guest and the agent's run directories are root's.
set -euo pipefail
dir=${HOTSET_LIBVIRT_DIR:-/tmp/hotset-libvirt}
uri="qemu:///system?socket=$dir/run/libvirt-sock"
marker="# Hotset: QEMU under libvirt runs as root"

install() {
  if ! command -v libvirtd >/dev/null || ! command -v virsh >/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/libvirt-qemu.so.0 ]; then
    if [ "$(id -u)" -ne 0 ]; then echo "libvirt is not installed and installing it needs root" >&2; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients >/dev/null
  fi
  # The QEMU driver refuses to start without its user and group, even when QEMU runs as root.
  getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
  getent passwd libvirt-qemu >/dev/null || useradd --system -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
  mkdir -p /etc/libvirt
  if ! grep -qF "$marker" /etc/libvirt/qemu.conf 2>/dev/null; then
    printf '\n%s\nuser = "root"\ngroup = "root"\ndynamic_ownership = 0\nsecurity_driver = "none"\n' "$marker" >>/etc/libvirt/qemu.conf
  fi
}

running() { [ -s "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

start() {
  install
  mkdir -p "$dir/run" /var/log/libvirt/qemu /var/lib/libvirt/qemu /var/cache/libvirt/qemu /run/libvirt
  if ! running virtlogd; then
    virtlogd --daemon --pid-file "$dir/virtlogd.pid"
  fi
  if ! running libvirtd; then
    cat >"$dir/libvirtd.conf" <<CONF
unix_sock_dir = "$dir/run"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "3:file:$dir/libvirtd.log"
CONF
    libvirtd --daemon --config "$dir/libvirtd.conf" --pid-file "$dir/libvirtd.pid"
  fi
  for _ in $(seq 1 100); do
    virsh -q -c "$uri" version >/dev/null 2>&1 && { echo "$uri"; return 0; }
    sleep 0.1
  done
  echo "libvirtd did not answer on $uri within 10 s; see $dir/libvirtd.log" >&2
  exit 1
}

stop() {
  if running libvirtd; then
    for domain in $(virsh -q -c "$uri" list --all --name 2>/dev/null); do
      virsh -q -c "$uri" destroy "$domain" >/dev/null 2>&1 || true
      virsh -q -c "$uri" undefine "$domain" >/dev/null 2>&1 || true
    done
  fi
  for daemon in libvirtd virtlogd; do
    if running "$daemon"; then
      pid=$(cat "$dir/$daemon.pid")
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$dir/$daemon.pid"
  done
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  restart)
    if running libvirtd; then
      pid=$(cat "$dir/libvirtd.pid"); kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    start ;;
  uri) echo "$uri" ;;
  *) echo "usage: $0 install|start|stop|restart|uri" >&2; exit 2 ;;
esac
