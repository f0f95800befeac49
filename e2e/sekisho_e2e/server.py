"""Starts `sekisho serve` on a free loopback port with a temporary data directory."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it if pytest dies without cleaning up (Linux)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SekishoServer:
    """One `sekisho serve` process in development mode (mail goes to /dev/mail).

    `database_url` empty means the embedded SQLite database in the data directory. `host_name` is the
    host of the public URL: security keys need a domain name there (WebAuthn takes no IP address as
    the relying party id), so their scenario uses `localhost`.
    """

    def __init__(self, binary: str, database_url: str = "", ready_timeout: float = 60.0, environment: dict[str, str] | None = None,
                 host_name: str = "127.0.0.1"):
        self.binary = binary
        self.database_url = database_url
        self.environment = {**os.environ, **(environment or {})}
        self.ready_timeout = ready_timeout
        self.port = free_port()
        self.url = f"http://{host_name}:{self.port}"
        self.data_dir = tempfile.mkdtemp(prefix="sekisho-e2e-")
        self.log_path = os.path.join(self.data_dir, "server.log")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def database(self) -> str:
        return "postgresql" if self.database_url else "sqlite"

    def start(self) -> None:
        command = [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--data-dir", self.data_dir, "--public-url", self.url]
        if self.database_url:
            command += ["--database-url", self.database_url]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, cwd=self.data_dir, env=self.environment,
                                            preexec_fn=_die_with_parent)
        try:
            self._wait_until_ready()
        except Exception:
            self.stop()
            raise

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sekisho exited with {self.process.returncode} before it was ready\n{self.log()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)  # polling interval, not a wait for something to happen
        raise RuntimeError(f"sekisho was not ready at {self.url}/readyz within {self.ready_timeout:.0f}s\n{self.log()}")

    def stop(self) -> None:
        """SIGTERM (graceful shutdown), then SIGKILL after 15 seconds."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def log(self) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as log:
                return log.read()
        except OSError:
            return "(no server log)"
