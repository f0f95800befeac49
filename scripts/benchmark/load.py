"""The load of scripts/bench: password sign-ins from Python threads, pages from wrk, and the
server's memory from /proc."""

from __future__ import annotations

import http.client
import re
import subprocess
import threading
import time
import urllib.parse

CSRF = re.compile(r'name="_csrf" value="([^"]+)"')


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class SignInLoad:
    """Browsers that sign in over and over, as a person does: GET /login for the cookie and the
    CSRF token, then POST the form. A 303 to /two-step is a password accepted; 503 is the hashing
    queue saying "busy"; anything else is an error."""

    def __init__(self, port: int, accounts: list[tuple[str, str]], threads: int):
        self.port = port
        self.accounts = accounts
        self.threads = threads
        self.lock = threading.Lock()
        self.accepted: list[float] = []
        self.busy = 0
        self.errors = 0
        self.stop = threading.Event()

    def _browser(self, index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        turn = index
        while not self.stop.is_set():
            email, password = self.accounts[turn % len(self.accounts)]
            turn += self.threads
            started = time.monotonic()
            try:
                connection.request("GET", "/login")
                form = connection.getresponse()
                body = form.read().decode()
                cookie = (form.getheader("Set-Cookie") or "").split(";")[0]
                token = CSRF.search(body).group(1)
                fields = urllib.parse.urlencode({"_csrf": token, "email": email, "password": password})
                connection.request("POST", "/login", body=fields, headers={
                    "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
                answer = connection.getresponse()
                answer.read()
                outcome = answer.status, answer.getheader("Location")
            except (OSError, http.client.HTTPException, AttributeError):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                outcome = None, None
            with self.lock:
                if outcome == (303, "/two-step"):
                    self.accepted.append(time.monotonic() - started)
                elif outcome[0] == 503:
                    self.busy += 1
                else:
                    self.errors += 1
        connection.close()

    def run(self, seconds: float) -> dict:
        workers = [threading.Thread(target=self._browser, args=(index,), daemon=True) for index in range(self.threads)]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        self.stop.wait(seconds)
        self.stop.set()
        with self.lock:
            accepted, elapsed = len(self.accepted), time.monotonic() - started
            latencies = list(self.accepted)
        for worker in workers:
            worker.join(timeout=60)
        return {"rate": accepted / elapsed, "accepted": accepted, "busy": self.busy, "errors": self.errors,
                "p50_ms": percentile(latencies, 0.50) * 1000, "p99_ms": percentile(latencies, 0.99) * 1000}


def wrk(url: str, seconds: int, connections: int, threads: int = 2, cookie: str | None = None) -> dict:
    """Requests per second and latency percentiles of `url` under wrk."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)

    def latency(label: str) -> float:
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {"rate": rate, "p50_ms": latency("50"), "p99_ms": latency("99"), "non_2xx": int(non_2xx.group(1)) if non_2xx else 0}


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """VmRSS (resident now), RssFile (of it, pages mapped from files) or VmHWM (the high-water mark) of a
    process, in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0
