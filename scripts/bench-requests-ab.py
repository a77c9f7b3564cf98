#!/usr/bin/env python3
"""Many small API requests in flight (GET /vms?max=1, 20 at a time) against engine builds A and B in turn: latency,
wall time and engine CPU per request (docs/benchmarks.md, "GET /vms A/B").
Usage: bench-requests-ab.py DATA_DIR REQUESTS IN_FLIGHT LABEL=ENGINE_BUILD_DIR [LABEL=ENGINE_BUILD_DIR …]"""
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request, urllib.parse
from concurrent.futures import ThreadPoolExecutor
db_dir, n, conc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
engines = [a.split("=", 1) for a in sys.argv[4:]]
pw = "PerfAb-Password-1"; tick = os.sysconf("SC_CLK_TCK")
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
def cpu_ms(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split(); return (int(f[11]) + int(f[12])) * 1000 / tick
procs = []; started = []
try:
    for label, edir in engines:
        data = tempfile.mkdtemp(prefix="perf-b-"); shutil.copytree(db_dir, data, dirs_exist_ok=True); port = free_port()
        env = dict(os.environ, HOTSET_URLS=f"http://127.0.0.1:{port}", HOTSET_DATA_DIR=data, HOTSET_ADMIN_PASSWORD=pw)
        log = open(os.path.join(data, "engine.log"), "w")
        p = subprocess.Popen(["dotnet", os.path.join(edir, "Hotset.Engine.dll")], env=env, stdout=log, stderr=log)
        procs.append((p, data)); started.append([label, port, p, None])
    for e in started:
        for _ in range(300):
            try:
                body = urllib.parse.urlencode({"grant_type": "password", "scope": "ovirt-app-api", "username": "admin@internal", "password": pw}).encode()
                r = urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{e[1]}/ovirt-engine/sso/oauth/token", data=body, headers={"Accept": "application/json"}))
                e[3] = json.load(r)["access_token"]; break
            except Exception: time.sleep(0.3)
    def get(port, token):
        req = urllib.request.Request(f"http://127.0.0.1:{port}/ovirt-engine/api/vms?max=1", headers={"Accept": "application/json", "Authorization": "Bearer " + token})
        t = time.perf_counter(); urllib.request.urlopen(req).read(); return (time.perf_counter() - t) * 1000
    res = {}
    with ThreadPoolExecutor(conc) as pool:
        for rnd in range(6):
            for label, port, p, tok in (started if rnd % 2 == 0 else started[::-1]):
                c0 = cpu_ms(p.pid); t0 = time.perf_counter()
                lat = list(pool.map(lambda _: get(port, tok), range(n)))
                wall = time.perf_counter() - t0; time.sleep(0.2); c1 = cpu_ms(p.pid)
                if rnd >= 2: res.setdefault(label, []).append((statistics.median(lat), wall, (c1 - c0) / n))
    print(f"load {open('/proc/loadavg').read().split()[:3]}")
    for label, rs in res.items():
        print(f"{label:8} {n} requests, {conc} in flight: median latency {statistics.median(r[0] for r in rs):.1f} ms, wall {statistics.median(r[1] for r in rs):.2f} s, engine CPU {statistics.median(r[2] for r in rs):.2f} ms/request (4 rounds)")
finally:
    for p, data in procs:
        p.terminate(); p.wait(10); shutil.rmtree(data, ignore_errors=True)
