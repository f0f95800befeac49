"""nginx (Debian) on another loopback address as the carrier gateway of line authentication.

It listens on 127.0.0.2, connects to Sekisho from 127.0.0.2 (`proxy_bind`), keeps the browser's
`Host` (the line entrance's) and sets the subscriber line header, replacing whatever the browser
sent, as a carrier gateway does.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

GATEWAY_ADDRESS = "127.0.0.2"


def free_port(address: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


class LineGateway:
    """The gateway for one subscriber line (`line_number`)."""

    def __init__(self, line_number: str):
        self.line_number = line_number
        self.port = free_port(GATEWAY_ADDRESS)
        self.url = f"http://{GATEWAY_ADDRESS}:{self.port}"
        self.directory = tempfile.mkdtemp(prefix="sekisho-gateway-")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def environment(self) -> dict[str, str]:
        """What Sekisho needs to know: its line entrance, and who the gateway is."""
        return {"SEKISHO_LINE_URL": self.url, "SEKISHO_LINE_GATEWAYS": GATEWAY_ADDRESS}

    def start(self, upstream_port: int) -> "LineGateway":
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        config = os.path.join(self.directory, "nginx.conf")
        with open(config, "w", encoding="utf-8") as file:
            file.write(self._config(upstream_port))
        self.process = subprocess.Popen([nginx, "-c", config, "-p", self.directory, "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}: {self.log()}")
            try:
                with socket.create_connection((GATEWAY_ADDRESS, self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.05)  # polling interval, not a wait for something to happen
        raise RuntimeError(f"nginx did not listen on {self.url}: {self.log()}")

    def _config(self, upstream_port: int) -> str:
        user = "user root;\n" if os.geteuid() == 0 else ""
        return f"""{user}worker_processes 1;
pid {self.directory}/nginx.pid;
error_log {self.directory}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {self.directory}/body;
    proxy_temp_path {self.directory}/proxy;
    fastcgi_temp_path {self.directory}/fastcgi;
    uwsgi_temp_path {self.directory}/uwsgi;
    scgi_temp_path {self.directory}/scgi;
    server {{
        listen {GATEWAY_ADDRESS}:{self.port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream_port};
            proxy_bind {GATEWAY_ADDRESS};
            proxy_set_header Host $http_host;
            proxy_set_header X-Line-Number {self.line_number};
            proxy_set_header X-Line-Area "";
            proxy_redirect off;
        }}
    }}
}}
"""

    def log(self) -> str:
        try:
            with open(os.path.join(self.directory, "error.log"), encoding="utf-8", errors="replace") as file:
                return file.read()
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.directory, ignore_errors=True)
