#!/usr/bin/env python3
"""A/B of GET /ovirt-engine/api/vms between engine builds (docs/benchmarks.md, "GET /vms A/B"): one engine per
build directory, each on its own copy of one data directory (engine.db), requests interleaved A, B, B, A…; per build
and format the latency and the engine's CPU time per request (utime + stime from /proc).
Usage: bench-list-ab.py DATA_DIR N LABEL=ENGINE_BUILD_DIR [LABEL=ENGINE_BUILD_DIR …]"""
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request, urllib.parse

db_dir, n = sys.argv[1], int(sys.argv[2])
engines = [a.split("=", 1) for a in sys.argv[3:]]
password = "PerfAb-Password-1"
tick = os.sysconf("SC_CLK_TCK")


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def cpu_ms(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / tick


procs = []
try:
    started = []
    for label, edir in engines:
        data = tempfile.mkdtemp(prefix="perf-ab-")
        shutil.copytree(db_dir, data, dirs_exist_ok=True)
        port = free_port()
        env = dict(os.environ, HOTSET_URLS=f"http://127.0.0.1:{port}", HOTSET_DATA_DIR=data,
                   HOTSET_ADMIN_PASSWORD=password, DOTNET_ENVIRONMENT="Production")
        log = open(os.path.join(data, "engine.log"), "w")
        p = subprocess.Popen(["dotnet", os.path.join(edir, "Hotset.Engine.dll")], env=env, stdout=log, stderr=log)
        procs.append((p, data))
        started.append((label, port, p))
    tokens = {}
    for label, port, p in started:
        for _ in range(300):
            try:
                body = urllib.parse.urlencode({"grant_type": "password", "scope": "ovirt-app-api",
                                               "username": "admin@internal", "password": password}).encode()
                r = urllib.request.urlopen(urllib.request.Request(
                    f"http://127.0.0.1:{port}/ovirt-engine/sso/oauth/token", data=body,
                    headers={"Accept": "application/json"}))
                tokens[label] = json.load(r)["access_token"]; break
            except Exception:
                time.sleep(0.3)

    def get(port, token, accept):
        req = urllib.request.Request(f"http://127.0.0.1:{port}/ovirt-engine/api/vms",
                                     headers={"Accept": accept, "Authorization": "Bearer " + token})
        t = time.perf_counter()
        body = urllib.request.urlopen(req).read()
        return (time.perf_counter() - t) * 1000, len(body)

    results = {}
    for fmt, accept in (("JSON", "application/json"), ("XML", "application/xml")):
        for label, port, p in started:
            for _ in range(3):
                get(port, tokens[label], accept)
        for i in range(n):
            for label, port, p in (started if i % 2 == 0 else started[::-1]):
                c0 = cpu_ms(p.pid)
                ms, size = get(port, tokens[label], accept)
                time.sleep(0.05)  # let the engine finish its own bookkeeping after the body went out
                c1 = cpu_ms(p.pid)
                results.setdefault((label, fmt), []).append((ms, c1 - c0, size))
    print(f"load {open('/proc/loadavg').read().split()[:3]}")
    for (label, fmt), rs in results.items():
        lat = [r[0] for r in rs]; cpu = [r[1] for r in rs]
        print(f"{label:10} {fmt:4} n={len(rs)} latency median {statistics.median(lat):7.1f} min {min(lat):7.1f} ms; "
              f"engine CPU per request median {statistics.median(cpu):6.0f} mean {statistics.mean(cpu):6.0f} ms; body {rs[0][2]} B")
finally:
    for p, data in procs:
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
        shutil.rmtree(data, ignore_errors=True)
