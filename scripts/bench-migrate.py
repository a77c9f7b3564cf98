#!/usr/bin/env python3
"""Live migration of the 128 MiB test guest between two QEMU processes on this machine, with the argv the agent
gives (VM.create / VM.migrationCreate): total time and downtime as QEMU's query-migrate reports them, median of N
migrations (ping-pong: each destination becomes the next source), for a VM with 1 vCPU and one with 4 (3 hot plugged).

  scripts/bench.sh migrate [--rounds N]      (HOTSET_GUEST_DIR: the test guest, default ./.guest)
"""
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

GUEST = os.environ.get("HOTSET_GUEST_DIR") or os.path.join(os.path.dirname(__file__), "..", ".guest")
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 10
RETURN_PATH = {"capabilities": [{"capability": "return-path", "state": True}]}
pids = []


def cpu(i):
    return f"qemu64-x86_64-cpu,id=vcpu{i},socket-id={i},core-id=0,thread-id=0"


def start(run, devices, incoming):
    os.makedirs(run, exist_ok=True)
    args = ["qemu-system-x86_64", "-no-user-config", "-nodefaults", "-nographic", "-nic", "none", "-machine", "pc",
            "-accel", "tcg", "-cpu", "qemu64", "-m", "128M", "-smp", "1,sockets=255,cores=1,threads=1,maxcpus=255"]
    for i in devices:
        args += ["-device", cpu(i)]
    args += ["-kernel", f"{GUEST}/vmlinux", "-initrd", f"{GUEST}/initramfs.cpio.gz",
             "-append", "console=ttyS0 quiet possible_cpus=4", "-serial", f"file:{run}/console.log",
             "-qmp", f"unix:{run}/qmp.sock,server=on,wait=off",
             "-chardev", f"socket,id=qga0,path={run}/qga.sock,server=on,wait=off",
             "-device", "virtio-serial-pci,id=virtio-serial0", "-device", "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0"]
    args += (["-incoming", "defer"] if incoming else []) + ["-daemonize", "-pidfile", f"{run}/qemu.pid"]
    subprocess.run(args, check=True)
    pids.append(int(open(f"{run}/qemu.pid").read()))
    s = socket.socket(socket.AF_UNIX)
    s.connect(f"{run}/qmp.sock")
    f = s.makefile("rw")
    f.readline()

    def qmp(command, arguments=None):
        f.write(json.dumps({"execute": command, "arguments": arguments or {}}) + "\n")
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if "error" in reply:
                raise RuntimeError(f"{command}: {reply['error']}")
            if "return" in reply:
                return reply["return"]
    qmp("qmp_capabilities")
    return qmp


def run(base, vcpus):
    devices = list(range(1, vcpus))
    source = start(f"{base}/v{vcpus}-0", [], False)
    time.sleep(8)  # boot (≈ 3 s idle under TCG)
    for i in devices:
        source("device_add", {"driver": "qemu64-x86_64-cpu", "id": f"vcpu{i}", "socket-id": i, "core-id": 0, "thread-id": 0})
    time.sleep(2)
    totals, downtimes = [], []
    for n in range(1, ROUNDS + 1):
        run_dir = f"{base}/v{vcpus}-{n}"
        destination = start(run_dir, devices, True)
        destination("migrate-set-capabilities", RETURN_PATH)
        destination("migrate-incoming", {"uri": f"unix:{run_dir}/migrate.sock"})
        source("migrate-set-capabilities", RETURN_PATH)
        source("migrate-set-parameters", {"max-bandwidth": 1024 << 20})
        source("migrate", {"uri": f"unix:{run_dir}/migrate.sock"})
        began = time.time()
        while (info := source("query-migrate"))["status"] not in ("completed", "failed", "cancelled"):
            if time.time() - began > 30:
                raise RuntimeError(f"migration {n} not done in 30 s: {info['status']}")
            time.sleep(0.01)
        if info["status"] != "completed":
            raise RuntimeError(f"migration {n} {info['status']}: {info.get('error-desc')}")
        assert len(destination("query-cpus-fast")) == vcpus
        totals.append(info["total-time"])
        downtimes.append(info["downtime"])
        source("quit")
        source = destination
    return totals, downtimes


def main():
    base = tempfile.mkdtemp(prefix="hst-mig-")
    try:
        print(f"Load average before the run: {open('/proc/loadavg').read().split()[:3]} on {os.cpu_count()} cores")
        print("| vCPUs | migrations | total ms median (min–max) | downtime ms median (min–max) |")
        print("|---|---|---|---|")
        for vcpus in (4, 1):
            totals, downtimes = run(base, vcpus)
            print(f"| {vcpus}{' (3 hot plugged)' if vcpus == 4 else ''} | {len(totals)} | "
                  f"{statistics.median(totals):.0f} ({min(totals)}–{max(totals)}) | "
                  f"{statistics.median(downtimes):.0f} ({min(downtimes)}–{max(downtimes)}) |")
    finally:
        for pid in pids:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        shutil.rmtree(base, ignore_errors=True)


main()
