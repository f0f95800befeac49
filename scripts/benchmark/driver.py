"""scripts/bench's measurements: one run against a release build, printed as a table against the
targets of the performance issue and as one JSON line. Run through scripts/bench, which builds and
installs what this needs."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

from load import SignInLoad, memory_mb, wrk

ALLAUTH_PAGES = 1032  # django-allauth's signed-in page, req/s, on this machine kind
SCRYPT_MB = 16        # scrypt N=2^14, r=8: 128 * r * N bytes per hash in progress


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Run:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.bin = args.bin_dir
        self.data = tempfile.mkdtemp(prefix="sekisho-bench-")
        self.storage = ["--data-dir", self.data] + (["--database-url", args.database_url] if args.database_url else [])
        self.results: dict = {"db": "postgresql" if args.database_url else "sqlite", "people": args.people,
                              "cores": os.cpu_count()}

    def sekisho(self, *arguments: str) -> str:
        return subprocess.run([f"{self.bin}/sekisho", *arguments, *self.storage], check=True, capture_output=True, text=True).stdout

    def seed(self) -> list[tuple[str, str]]:
        output = self.sekisho("dev", "seed", "--people", str(self.args.people))
        self.contractor = re.search(r"contractor: (\S+)", output).group(1)
        tag = self.contractor.removeprefix("owner")
        accounts = [(self.contractor, "seeded passphrase 1")]
        accounts += [(f"user{i}{tag}", f"seeded passphrase {i % 4 + 1}") for i in range(1, min(self.args.people, 2000))]
        return accounts

    def start(self) -> None:
        self.port = free_port()
        self.log = open(os.path.join(self.data, "server.log"), "wb")
        started = time.monotonic()
        self.server = subprocess.Popen([f"{self.bin}/sekisho", "serve", "--host", "127.0.0.1", "--port", str(self.port), *self.storage],
                                       stdout=self.log, stderr=subprocess.STDOUT)
        while True:
            if self.server.poll() is not None:
                sys.exit(f"sekisho exited with {self.server.returncode}; see {self.log.name}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.001)  # polling interval
        self.results["startup_ms"] = (time.monotonic() - started) * 1000

    def hello(self) -> float:
        port = free_port()
        process = subprocess.Popen([f"{self.bin}/sekisho-bench-hello", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(5000):
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
                    break
                except OSError:
                    time.sleep(0.002)  # polling interval
            return wrk(f"http://127.0.0.1:{port}/", self.args.seconds, 32)["rate"]
        finally:
            process.terminate()
            process.wait()

    def measure(self) -> dict:
        accounts = self.seed()
        self.results["hash_ms"] = float(re.search(r"hash_ms ([\d.]+)", self.sekisho("dev", "bench-hash", "--rounds", "10")).group(1))
        self.start()
        time.sleep(1)  # let start-up work settle before the idle figure
        self.results["idle_mb"] = memory_mb(self.server.pid)
        cookie = "sekisho_session=" + self.sekisho("dev", "session", "--email", self.contractor).strip()
        home = f"http://127.0.0.1:{self.port}/home"
        self.results["hello_rps"] = self.hello()
        pages = wrk(home, self.args.seconds, 32, cookie=cookie)
        self.results["page_rps"], self.results["page_non_2xx"] = pages["rate"], pages["non_2xx"]
        threads = 4 * (os.cpu_count() or 2)
        signin = SignInLoad(self.port, accounts, threads).run(self.args.seconds)
        self.results.update({"signin_rps": signin["rate"], "signin_busy": signin["busy"], "signin_errors": signin["errors"],
                             "signin_p50_ms": signin["p50_ms"]})
        storm_load = SignInLoad(self.port, accounts, threads)
        storm = threading.Thread(target=lambda: self.results.update(storm_signin_rps=storm_load.run(self.args.seconds + 2)["rate"]))
        storm.start()
        time.sleep(1)  # the storm reaches its steady state before pages are timed
        during = wrk(home, self.args.seconds, 8, threads=1, cookie=cookie)
        storm.join()
        self.results.update({"storm_page_p50_ms": during["p50_ms"], "storm_page_p99_ms": during["p99_ms"],
                             "peak_mb": memory_mb(self.server.pid, "VmHWM")})
        return self.results

    def close(self) -> None:
        if getattr(self, "server", None) and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=30)
        shutil.rmtree(self.data, ignore_errors=True)


def verdicts(r: dict) -> list[tuple[str, str, str, bool]]:
    """(target, measured, goal, met) rows of the performance issue's targets."""
    limit = r["cores"] / (r["hash_ms"] / 1000)
    threads = r["cores"]
    return [
        ("1 sign-in throughput", f"{r['signin_rps']:.1f}/s = {r['signin_rps'] / limit:.0%} of {limit:.1f}/s", "≥ 95 %",
         r["signin_rps"] >= 0.95 * limit),
        ("2 page p99 in a sign-in storm", f"{r['storm_page_p99_ms']:.1f} ms (p50 {r['storm_page_p50_ms']:.1f})", "≤ 20 ms",
         r["storm_page_p99_ms"] <= 20),
        ("3 signed-in page throughput", f"{r['page_rps']:.0f}/s = {r['page_rps'] / r['hello_rps']:.0%} of bare "
         f"{r['hello_rps']:.0f}/s, {r['page_rps'] / ALLAUTH_PAGES:.1f}× allauth", "≥ 40 %, ≥ 10×",
         r["page_rps"] >= 0.4 * r["hello_rps"] and r["page_rps"] >= 10 * ALLAUTH_PAGES),
        ("4a idle memory", f"{r['idle_mb']:.1f} MB", "≤ 30 MB", r["idle_mb"] <= 30),
        ("4b peak memory", f"{r['peak_mb']:.1f} MB", f"≤ {r['idle_mb'] + threads * SCRYPT_MB + 20:.0f} MB",
         r["peak_mb"] <= r["idle_mb"] + threads * SCRYPT_MB + 20),
        ("5 startup to /readyz", f"{r['startup_ms']:.0f} ms", "≤ 300 ms", r["startup_ms"] <= 300),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    run = Run(args)
    try:
        results = run.measure()
    finally:
        run.close()
    print(f"\nSekisho benchmark: {results['db']}, {results['people']} people, {results['cores']} cores, "
          f"one hash {results['hash_ms']:.0f} ms")
    print(f"{'target':32} {'measured':62} {'goal':16} met")
    for name, measured, goal, met in verdicts(results):
        print(f"{name:32} {measured:62} {goal:16} {'yes' if met else 'NO'}")
    print("JSON " + json.dumps({key: round(value, 2) if isinstance(value, float) else value for key, value in results.items()}))


if __name__ == "__main__":
    main()
