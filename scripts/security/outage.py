"""Issue 10, item 4's two outages, against a release build on PostgreSQL with mail over SMTP:

- the SMTP server down for a while, then back: every mail queued meanwhile is delivered once it is
  back, none lost;
- PostgreSQL stopped, then started: the requests meanwhile get the 503 page within the connection
  wait (no 500, no hang), and the same server serves again once PostgreSQL is back, without a
  restart.

Run through scripts/outage, which starts the throwaway PostgreSQL this stops and starts."""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmark"))
sys.path.insert(0, os.path.dirname(__file__))
from driver import Run  # noqa: E402
from enumeration import CSRF, Browser  # noqa: E402

CONNECTION_WAIT = 5  # seconds: PostgresBackend.defaultConnectionWait


class MailPeer:
    """An SMTP server on a fixed port that can be stopped and started again; keeps every recipient."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.recipients: list[str] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.recipients.extend(envelope.rcpt_tos)
        return "250 2.0.0 OK"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


class Database:
    def __init__(self, args: argparse.Namespace):
        self.args = args

    def sql(self, statement: str) -> str:
        return subprocess.run([f"{self.args.pg_bin}/psql", self.args.database_url, "-At", "-c", statement],
                              check=True, capture_output=True, text=True).stdout.strip()

    def control(self, action: str) -> None:
        """`pg_ctl stop` (fast: every connection is ended) or `pg_ctl start`, waiting for either."""
        extra = ["-m", "fast"] if action == "stop" else ["-l", os.path.join(self.args.pg_data, "..", "server.log")]
        subprocess.run(["runuser", "-u", "postgres", "--", f"{self.args.pg_bin}/pg_ctl", action, "-D", self.args.pg_data,
                        "-w", *extra], check=True, capture_output=True)


def wait_for(condition, seconds: float) -> float | None:
    """Polls `condition` until it holds; the seconds it took, or None after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.5)  # polling interval
    return None


def smtp_drill(port: int, peer: MailPeer, database: Database, accounts: list) -> tuple[str, list[str]]:
    """Forgotten-password requests and applications while the SMTP server is down; then it comes back."""
    peer.stop()
    queued = []
    for address, _ in accounts[1:11]:
        if Browser(port).post("/password/forgot", "/password/forgot", {"email": address})[0] == 200:
            queued.append(address)
    for n in range(5):
        address = f"outage-applicant{n}@example.jp"
        status, _, _ = Browser(port).post("/apply", "/apply", {
            "company_name": "株式会社障害訓練", "name": "山田 太郎", "email": address, "plan": "trial",
            "password": "correct horse battery", "password_confirmation": "correct horse battery"})
        if status == 200:
            queued.append(address)
    failing = "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND attempts > 0"
    tried = wait_for(lambda: int(database.sql(failing)) >= len(queued), 60)
    problems = [] if tried is not None else [f"the outbox did not try the {len(queued)} mails while SMTP was down"]
    attempts = int(database.sql(failing))
    peer.start()
    delivered = wait_for(lambda: database.sql("SELECT count(*) FROM outbox WHERE delivered_at IS NULL") == "0", 150)
    if delivered is None:
        problems.append("mail still undelivered 150 s after the SMTP server came back")
    lost = [address for address in queued if address not in peer.recipients]
    problems += [f"mail to {address} lost" for address in lost]
    return (f"SMTP down: {len(queued)} mails queued and acknowledged, {attempts} failed their first attempt; "
            f"all delivered {delivered or 0:.0f} s after the server came back (next retry 30 s after a failure)"), problems


class PageLoad:
    """Browsers asking for the signed-in home and posting the sign-in form; every answer with its time."""

    def __init__(self, port: int, cookie: str, accounts: list):
        self.port, self.cookie, self.accounts = port, cookie, accounts
        self.answers: list[tuple[float, int | str, float]] = []  # (when, status or error, seconds)
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def _record(self, started: float, outcome) -> None:
        with self.lock:
            self.answers.append((started, outcome, time.monotonic() - started))

    def pages(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", "/home", headers={"Cookie": self.cookie})
                response = connection.getresponse()
                response.read()
                connection.close()
                self._record(started, response.status)
            except (OSError, http.client.HTTPException) as error:
                self._record(started, type(error).__name__)
            time.sleep(0.05)  # a person's pace

    def sign_ins(self) -> None:
        """GET /login (which opens an anonymous session for the form's token), then POST it; a form
        page that did not come is recorded with its own status."""
        turn = 0
        while not self.stop.is_set():
            address, password = self.accounts[turn % len(self.accounts)]
            turn += 1
            started = time.monotonic()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("GET", "/login")
                form = connection.getresponse()
                page = form.read().decode()
                token = CSRF.search(page)
                if form.status != 200 or not token:
                    self._record(started, form.status)
                else:
                    cookie = (form.getheader("Set-Cookie") or "").split(";")[0]
                    fields = urllib.parse.urlencode({"_csrf": token.group(1), "email": address, "password": password})
                    connection.request("POST", "/login", body=fields, headers={
                        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
                    answer = connection.getresponse()
                    answer.read()
                    self._record(started, answer.status)
                connection.close()
            except (OSError, http.client.HTTPException) as error:
                self._record(started, type(error).__name__)
            time.sleep(0.1)  # a person's pace


def database_drill(run: Run, server, port: int, database: Database, contractor: str, accounts: list) -> tuple[str, list[str]]:
    """Pages and sign-ins go on while PostgreSQL is stopped for `--down` seconds and started again."""
    load = PageLoad(port, run.session(contractor), accounts)
    threads = [threading.Thread(target=load.pages, daemon=True) for _ in range(3)]
    threads.append(threading.Thread(target=load.sign_ins, daemon=True))
    for thread in threads:
        thread.start()
    time.sleep(3)  # healthy traffic first
    stopping = time.monotonic()
    database.control("stop")
    stopped = time.monotonic()
    readiness = Browser(port)
    readiness.connection.request("GET", "/readyz")
    ready_status = readiness.connection.getresponse().status
    time.sleep(run.args.down)  # the outage
    starting = time.monotonic()
    database.control("start")
    started = time.monotonic()
    served = wait_for(lambda: any(when > started and outcome == 200 for when, outcome, _ in list(load.answers)), 60)
    time.sleep(3)  # healthy traffic after
    load.stop.set()
    for thread in threads:
        thread.join(timeout=60)

    problems = []
    during = [(outcome, took) for when, outcome, took in load.answers if stopped <= when < starting]
    codes = sorted({str(outcome) for outcome, _ in during})
    if not during or any(outcome != 503 for outcome, _ in during):
        problems.append(f"while PostgreSQL was down the answers were {codes}, not only 503")
    slowest = max((took for _, took in during), default=0)
    if slowest > CONNECTION_WAIT + 2:
        problems.append(f"an answer took {slowest:.1f} s while PostgreSQL was down")
    if ready_status != 503:
        problems.append(f"/readyz answered {ready_status} while PostgreSQL was down")
    broken = [outcome for when, outcome, _ in load.answers if outcome not in (200, 303, 503) and not stopping <= when < started]
    if broken:
        problems.append(f"answers outside the outage that are not 200/303/503: {sorted(set(map(str, broken)))}")
    if served is None:
        problems.append("the server did not serve again within 60 s of PostgreSQL's start")
    after = [outcome for when, outcome, _ in load.answers if when > started + (served or 0) + 1]
    if any(outcome not in (200, 303) for outcome in after):
        problems.append(f"after recovery some answers were still {sorted(set(map(str, after)) - {'200', '303'})}")
    if server.poll() is not None:
        problems.append("the server exited")
    summary = (f"PostgreSQL down {run.args.down} s: {len(during)} requests meanwhile, all {codes}, slowest {slowest:.1f} s "
               f"(wait {CONNECTION_WAIT} s); /readyz {ready_status}; served again {served or 0:.1f} s after PostgreSQL was up, "
               f"same process; {len(load.answers)} requests in all")
    return summary, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--pg-bin", required=True)
    parser.add_argument("--pg-data", required=True)
    parser.add_argument("--down", type=int, default=10, help="seconds PostgreSQL stays stopped")
    args = parser.parse_args()
    peer = MailPeer()
    peer.start()
    os.environ.update({
        "SEKISHO_MAIL_TRANSPORT": "smtp", "SEKISHO_SMTP_HOST": "127.0.0.1", "SEKISHO_SMTP_PORT": str(peer.port),
        "SEKISHO_SMTP_SECURITY": "plain", "SEKISHO_SMTP_TIMEOUT": "5", "SEKISHO_OUTBOX_POLL_INTERVAL": "1",
        "SEKISHO_PASSWORD_SCRYPT_LOG_N": "10",  # the drill is about outages, not hashing
    })
    run = Run(argparse.Namespace(bin_dir=args.bin_dir, database_url=args.database_url, people=50, seconds=0, scale=0,
                                 instances=1, down=args.down))
    database = Database(args)
    try:
        contractor, accounts = run.seed(50)
        server, port = run.start()
        mail_summary, mail_problems = smtp_drill(port, peer, database, accounts)
        db_summary, db_problems = database_drill(run, server, port, database, contractor, accounts[20:40])
    finally:
        run.close()
        peer.stop()
    problems = mail_problems + db_problems
    print(f"\nOutages:\n  {mail_summary}\n  {db_summary}")
    for problem in problems:
        print("  PROBLEM:", problem)
    print("no mail lost; 503 during the outage and service again without a restart" if not problems else
          f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
