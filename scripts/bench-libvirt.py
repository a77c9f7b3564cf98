#!/usr/bin/env python3
"""The libvirt driver against the QEMU driver and libvirt's own tool, on this machine in one run: two agent processes
(Agent:Hypervisor = libvirt on a private libvirtd, and = qemu), one test-guest VM each (1 vCPU, max 8). Each round,
after an idle pause before every timed call and in rotating order: the agent verb +1 via libvirt, `virsh setvcpus
--live` +1 on the same domain, and the verb +1 via QMP; each followed by its −1 through the agent, timed until the
verb answered (the unplug outcome known). Once at the end: `virsh setvcpus --live` −1 alone (libvirt's timeout).

  scripts/bench.sh libvirt [--rounds N]     (built agent in $HOTSET_ARTIFACTS; HOTSET_GUEST_DIR: the test guest)
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.request, uuid

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
GUEST = os.environ.get("HOTSET_GUEST_DIR") or os.path.join(REPO, ".guest")
ARTIFACTS = os.environ.get("HOTSET_ARTIFACTS") or os.path.join(REPO, "artifacts")
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 8
IDLE = 0.5
SECRET = "bench-secret-" + uuid.uuid4().hex
procs = []


class Agent:
    def __init__(self, name, port, state, extra):
        self.url = f"http://127.0.0.1:{port}/jsonrpc"
        self.log = open(os.path.join(state, "agent.log"), "w")
        args = ["dotnet", os.path.join(ARTIFACTS, "bin", "Hotset.Agent", "release", "Hotset.Agent.dll"),
                f"--Agent:Urls=http://127.0.0.1:{port}", f"--Agent:StateDirectory={state}", f"--Agent:Secret={SECRET}",
                f"--Hooks:Directory={state}/hooks", f"--Qemu:GuestKernel={GUEST}/vmlinux",
                f"--Qemu:GuestInitrd={GUEST}/initramfs.cpio.gz", "--Logging:LogLevel:Default=Warning"] + extra
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        procs.append(self.proc)
        self.name, self.id = name, 0
        for _ in range(300):
            try:
                self.call("Host.getCapabilities")
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"the {name} agent did not start; see {state}/agent.log")

    def call(self, method, params=None):
        self.id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params or {}}).encode()
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json", "Authorization": f"Bearer {SECRET}"})
        reply = json.load(urllib.request.urlopen(request, timeout=60))
        if "error" in reply:
            raise RuntimeError(f"{self.name} {method}: {reply['error']}")
        return reply["result"]

    def stats(self, vm):
        return self.call("VM.getStats", {"vmID": vm})

    def until(self, vm, count, deadline=90):
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            s = self.stats(vm)
            if s.get("vcpuCount") == count and s.get("guestCPUCount") == count:
                return
            time.sleep(0.05)
        raise RuntimeError(f"{self.name}: VM {vm} did not reach {count} vCPUs: {s}")

    def set(self, vm, count):
        start = time.perf_counter()
        self.call("VM.setNumberOfCpus", {"vmID": vm, "numberOfCpus": count})
        return (time.perf_counter() - start) * 1000

    def create(self, vm):
        definition = {"vmId": vm, "vmName": f"bench-{self.name}", "memSize": 128, "smp": 1, "maxVCpus": 8}
        self.call("VM.create", {"vmID": vm, "vmParams": definition})
        self.until(vm, 1, 180)


def virsh(uri, *args):
    start = time.perf_counter()
    done = subprocess.run(["virsh", "-q", "-c", uri, *args], capture_output=True, text=True)
    return (time.perf_counter() - start) * 1000, done.returncode, done.stderr.strip()


def libvirt_count(uri, domain):
    done = subprocess.run(["virsh", "-q", "-c", uri, "vcpucount", domain, "--live", "--active"], capture_output=True, text=True)
    return int(done.stdout.strip() or -1)


def row(name, values):
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return f"| {name} | {statistics.median(values):.1f} | {p90:.1f} | {len(values)} |"


def main():
    uri = subprocess.run([os.path.join(REPO, "scripts", "libvirt-test.sh"), "start"], check=True, capture_output=True, text=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="hotset-bench-lv-")
    os.makedirs(f"{work}/lv/hooks"), os.makedirs(f"{work}/qemu/hooks")
    load_before = open("/proc/loadavg").read().split()[:3]
    lv = Agent("libvirt", 54391, f"{work}/lv", ["--Agent:Hypervisor=libvirt", f"--Libvirt:Uri={uri}"])
    qm = Agent("qemu", 54392, f"{work}/qemu", ["--Agent:Hypervisor=qemu"])
    lv_vm, qm_vm = str(uuid.uuid4()), str(uuid.uuid4())
    domain = "hotset-" + lv_vm
    try:
        print("libvirt bench: starting one VM per agent…", flush=True)
        lv.create(lv_vm)
        qm.create(qm_vm)
        results = {k: [] for k in ["verb +1 via libvirt", "virsh setvcpus --live +1", "verb +1 via QMP",
                                   "verb −1 via libvirt (unplug outcome known)", "verb −1 via QMP (unplug confirmed)"]}

        def virsh_plug():
            ms, code, err = virsh(uri, "setvcpus", domain, "2", "--live")
            if code != 0:
                raise RuntimeError(f"virsh setvcpus 2: {err}")
            return ms

        # (what plugs, its agent and VM, the plug's figure, the agent's unplug figure)
        kinds = [(lambda: lv.set(lv_vm, 2), lv, lv_vm, "verb +1 via libvirt", "verb −1 via libvirt (unplug outcome known)"),
                 (virsh_plug, lv, lv_vm, "virsh setvcpus --live +1", "verb −1 via libvirt (unplug outcome known)"),
                 (lambda: qm.set(qm_vm, 2), qm, qm_vm, "verb +1 via QMP", "verb −1 via QMP (unplug confirmed)")]
        for r in range(ROUNDS + 1):
            for step in range(3):
                plug_with, agent, vm, plug_name, unplug_name = kinds[(r + step) % 3]
                time.sleep(IDLE)
                plug = plug_with()
                agent.until(vm, 2)
                time.sleep(IDLE)
                unplug = agent.set(vm, 1)
                agent.until(vm, 1)
                if r > 0:
                    results[plug_name].append(plug)
                    results[unplug_name].append(unplug)
            print(f"  round {r}/{ROUNDS}{'' if r > 0 else ' (warm-up)'} done", flush=True)

        lv.set(lv_vm, 2)
        lv.until(lv_vm, 2)
        time.sleep(IDLE)
        alone_ms, alone_code, alone_err = virsh(uri, "setvcpus", domain, "1", "--live")
        qemu_after = lv.stats(lv_vm)["vcpuCount"]
        libvirt_after = libvirt_count(uri, domain)
        lv.set(lv_vm, 1)
        lv.until(lv_vm, 1)
        libvirt_fixed = libvirt_count(uri, domain)
        load_after = open("/proc/loadavg").read().split()[:3]

        print()
        print(f"Load average before {' '.join(load_before)}, after {' '.join(load_after)} on {os.cpu_count()} cores; {ROUNDS} timed rounds; {IDLE} s idle before each timed call.")
        print()
        print("| figure (ms) | median | p90 | n |")
        print("|---|---|---|---|")
        for name, values in results.items():
            print(row(name, values))
        plug, tool = statistics.median(results["verb +1 via libvirt"]), statistics.median(results["virsh setvcpus --live +1"])
        print(f"| verb +1 via libvirt / virsh setvcpus --live (medians) | {plug / tool:.2f}× | | goal ≤ 1.2× |")
        print(f"| virsh setvcpus --live −1 alone | {alone_ms:.0f} | | exit {alone_code}: {alone_err[:90]} |")
        print(f"| after it: QEMU has {qemu_after} vCPUs, libvirt counts {libvirt_after}; after the next verb libvirt counts {libvirt_fixed} | | | |")
    finally:
        for agent, vm in ((lv, lv_vm), (qm, qm_vm)):
            try:
                agent.call("VM.destroy", {"vmID": vm})
            except Exception as e:  # the VM may never have started
                print(f"destroy {vm}: {e}", file=sys.stderr)
        for p in procs:
            p.terminate()
            p.wait(10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
