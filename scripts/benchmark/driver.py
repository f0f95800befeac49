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

import scale
import verdicts
from load import SignInLoad, memory_mb, wrk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def autogroup() -> int | None:
    """Linux's kernel.sched_autogroup_enabled (scripts/bench turns it off for the run), if there is one."""
    try:
        with open("/proc/sys/kernel/sched_autogroup_enabled", encoding="ascii") as setting:
            return int(setting.read())
    except OSError:
        return None


class Run:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.bin = args.bin_dir
        self.data = tempfile.mkdtemp(prefix="sekisho-bench-")
        self.storage = ["--data-dir", self.data] + (["--database-url", args.database_url] if args.database_url else [])
        self.results: dict = {"db": "postgresql" if args.database_url else "sqlite", "people": args.people,
                              "autogroup": autogroup(),
                              "cores": os.cpu_count()}
        self.servers: list[subprocess.Popen] = []

    def sekisho(self, *arguments: str) -> str:
        return subprocess.run([f"{self.bin}/sekisho", *arguments, *self.storage], check=True, capture_output=True, text=True).stdout

    def seed(self, people: int) -> tuple[str, list[tuple[str, str]]]:
        """A new contract of `people`: its contractor, and sign-ins for up to 2,000 of them."""
        output = self.sekisho("dev", "seed", "--people", str(people))
        # For minutes after a million people were seeded, one hash took up to 50 % longer than before
        # or after; the likeliest cause is the kernel writing out the hundreds of MB just written.
        # Written out here, that work is done before anything is measured.
        os.sync()
        contractor = re.search(r"contractor: (\S+)", output).group(1)
        tag = contractor.removeprefix("owner")
        accounts = [(contractor, "seeded passphrase 1")]
        accounts += [(f"user{i}{tag}", f"seeded passphrase {i % 4 + 1}") for i in range(1, min(people, 2000))]
        return contractor, accounts

    def hash_ms(self, rounds: int = 5) -> float:
        """The median time of one scrypt hash on one thread, now."""
        return float(re.search(r"hash_ms ([\d.]+)", self.sekisho("dev", "bench-hash", "--rounds", str(rounds))).group(1))

    def parallel_hash_ms(self, rounds: int = 5) -> float:
        """The time of one hash while every core hashes at once: scrypt's 16 MiB each share the
        memory bus and the caches, so this is the hashing limit a server can reach."""
        hashers = [subprocess.Popen([f"{self.bin}/sekisho", "dev", "bench-hash", "--rounds", str(rounds), *self.storage],
                                    stdout=subprocess.PIPE, text=True) for _ in range(os.cpu_count() or 1)]
        times = [float(re.search(r"hash_ms ([\d.]+)", hasher.communicate()[0]).group(1)) for hasher in hashers]
        return max(times)

    def session(self, email: str) -> str:
        return "sekisho_session=" + self.sekisho("dev", "session", "--email", email).strip()

    def start(self, cpus: str | None = None) -> tuple[subprocess.Popen, int]:
        """`sekisho serve` on a free port (pinned to `cpus` when given), once `/readyz` answers 200."""
        port = free_port()
        log = open(os.path.join(self.data, f"server-{port}.log"), "wb")
        pin = ["taskset", "-c", cpus] if cpus else []
        started = time.monotonic()
        server = subprocess.Popen([*pin, f"{self.bin}/sekisho", "serve", "--host", "127.0.0.1", "--port", str(port), *self.storage],
                                  stdout=log, stderr=subprocess.STDOUT)
        self.servers.append(server)
        while True:
            if server.poll() is not None:
                sys.exit(f"sekisho exited with {server.returncode}; see {log.name}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/readyz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.001)  # polling interval
        self.results.setdefault("startup_ms", (time.monotonic() - started) * 1000)
        return server, port

    def hello(self) -> tuple[float, float]:
        """The bare Hummingbird route: its idle resident memory and its requests per second."""
        port = free_port()
        process = subprocess.Popen([f"{self.bin}/sekisho-bench-hello", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(5000):
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
                    break
                except OSError:
                    time.sleep(0.002)  # polling interval
            time.sleep(1)  # idle as Sekisho's figure is taken
            idle = memory_mb(process.pid)
            return idle, wrk(f"http://127.0.0.1:{port}/", self.args.seconds, 32)["rate"]
        finally:
            process.terminate()
            process.wait()

    def measure(self) -> dict:
        contractor, accounts = self.seed(self.args.people)
        self.results["hash_ms"] = self.hash_ms(rounds=10)
        self.results["parallel_hash_ms"] = self.parallel_hash_ms()
        self.server, port = self.start()
        time.sleep(1)  # let start-up work settle before the idle figure
        self.results["idle_mb"] = memory_mb(self.server.pid)
        self.results["idle_file_mb"] = memory_mb(self.server.pid, "RssFile")
        cookie = self.session(contractor)
        home = f"http://127.0.0.1:{port}/home"
        self.results["hello_idle_mb"], self.results["hello_rps"] = self.hello()
        self.results["healthz_rps"] = wrk(f"http://127.0.0.1:{port}/healthz", self.args.seconds, 32)["rate"]
        pages = wrk(home, self.args.seconds, 32, cookie=cookie)
        self.results["page_rps"], self.results["page_non_2xx"] = pages["rate"], pages["non_2xx"]
        threads = 4 * (os.cpu_count() or 2)
        signin = SignInLoad(port, accounts, threads).run(self.args.seconds)
        self.results.update({"signin_rps": signin["rate"], "signin_busy": signin["busy"], "signin_errors": signin["errors"],
                             "signin_p50_ms": signin["p50_ms"]})
        storm_load = SignInLoad(port, accounts, threads)
        storm = threading.Thread(target=lambda: self.results.update(storm_signin_rps=storm_load.run(self.args.seconds + 2)["rate"]))
        storm.start()
        time.sleep(1)  # the storm reaches its steady state before pages are timed
        during = wrk(home, self.args.seconds, 8, threads=1, cookie=cookie)
        storm.join()
        self.results.update({"storm_page_p50_ms": during["p50_ms"], "storm_page_p99_ms": during["p99_ms"],
                             "peak_mb": memory_mb(self.server.pid, "VmHWM")})
        self.results.update(scale.console(self, port, cookie, "base"))
        if self.args.scale:
            big_contractor, big_accounts = self.seed(self.args.scale)
            self.results["scale_people"] = self.args.scale
            self.results.update(scale.signins(port, {"base": accounts, "scale": big_accounts}, rounds=max(10, 2 * self.args.seconds)))
            self.results.update(scale.console(self, port, self.session(big_contractor), "scale"))
        if self.args.instances > 1:
            self.results.update(scale.instances(self, cookie, self.args.instances))
        return self.results

    def close(self) -> None:
        for server in self.servers:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=30)
        shutil.rmtree(self.data, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--scale", type=int, default=0, help="then seed a contract of this many people and measure again")
    parser.add_argument("--instances", type=int, default=1, help="also measure this many instances on one PostgreSQL")
    args = parser.parse_args()
    run = Run(args)
    try:
        results = run.measure()
    finally:
        run.close()
    print(f"\nSekisho benchmark: {results['db']}, {results['people']} people, {results['cores']} cores, "
          f"one hash {results['hash_ms']:.0f} ms, {results['parallel_hash_ms']:.0f} ms while every core hashes")
    verdicts.print_table(results)
    print("JSON " + json.dumps({key: round(value, 2) if isinstance(value, float) else value for key, value in results.items()}))


if __name__ == "__main__":
    main()
