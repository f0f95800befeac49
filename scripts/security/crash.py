"""Issue 10, item 4: a mixed load (applications, sign-ins, password resets, invitations) against a
release build that is killed with SIGKILL at random moments and restarted on the same data; then
every change a client saw acknowledged must be there, the database must be whole, and every queued
mail must have been delivered. On SQLite, or on PostgreSQL with --database-url. Run through
scripts/crash-safety."""

from __future__ import annotations

import argparse
import email
import http.client
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmark"))
sys.path.insert(0, os.path.dirname(__file__))
from driver import Run  # noqa: E402
from enumeration import Browser  # noqa: E402

TICKET = re.compile(r"/lo/reset\?ticket=([A-Za-z0-9_-]+)")


class Server:
    """The server under test: its port survives restarts, so clients just retry."""

    def __init__(self, run: Run):
        self.run = run
        self.process, self.port = run.start()

    def kill_and_restart(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process, self.port = self.run.start()


class Load:
    """Client threads; each records only what the server acknowledged."""

    def __init__(self, server: Server, accounts: list[tuple[str, str]], admin_cookie: str):
        self.server, self.accounts, self.admin_cookie = server, accounts, admin_cookie
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acked: dict[str, list] = {"application": [], "invitation": [], "reset": [], "sign-in": []}
        self.refused = 0

    def _ack(self, kind: str, value) -> None:
        with self.lock:
            self.acked[kind].append(value)

    def _browser(self, cookie: str = "") -> Browser:
        return Browser(self.server.port, cookie)

    def apply(self, n: int) -> None:
        address = f"applicant{n}-{time.time_ns()}@example.jp"
        status, _, _ = self._browser().post("/apply", "/apply", {
            "company_name": "株式会社クラッシュ", "name": "山田 太郎", "email": address, "plan": "trial",
            "password": "correct horse battery", "password_confirmation": "correct horse battery"})
        if status == 200:
            self._ack("application", address)

    def invite(self, n: int) -> None:
        address = f"invitee{n}-{time.time_ns()}@example.jp"
        status, _, _ = self._browser(self.admin_cookie).post("/admin/users/new", "/admin/users", {"name": "佐藤 花子", "email": address})
        if status == 303:
            self._ack("invitation", address)

    # Sign-ins use the first half of the people, resets the second: a sign-in with a password that a
    # reset just replaced would count towards the lock.
    def sign_in(self, n: int) -> None:
        address, password = self.accounts[n % (len(self.accounts) // 2)]
        status, page, _ = self._browser().post("/login", "/login", {"email": address, "password": password})
        if status == 303 and "/two-step" in page:
            self._ack("sign-in", address)

    def reset(self, n: int) -> None:
        """Forgotten password, the link from the mail, a new password: acknowledged by the done page."""
        half = len(self.accounts) // 2
        address, _ = self.accounts[half + n % half]
        status, _, _ = self._browser().post("/password/forgot", "/password/forgot", {"email": address})
        if status != 200:
            return
        ticket = None
        deadline = time.monotonic() + 8
        while ticket is None and time.monotonic() < deadline and not self.stop.is_set():
            ticket = latest_ticket(self.server.run.data, address)
            time.sleep(0.2)  # the background job's poll
        if ticket is None:
            return
        new_password = f"crash passphrase {n} {random.randrange(10**9)}"
        status, _, _ = self._browser().post(f"/lo/reset?ticket={ticket}", "/lo/reset", {
            "ticket": ticket, "password": new_password, "password_confirmation": new_password})
        if status == 200:
            self._ack("reset", (address, new_password, time.time()))

    def worker(self, index: int) -> None:
        actions = [self.apply, self.invite, self.sign_in, self.reset]
        n = index * 100_000
        while not self.stop.is_set():
            n += 1
            try:
                actions[n % len(actions)](n)
            except (OSError, AttributeError, http.client.HTTPException):
                with self.lock:
                    self.refused += 1
                time.sleep(0.05)  # the server is restarting


def mails(data: str) -> list[email.message.Message]:
    folder = os.path.join(data, "outbox", "mail")
    found = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), "rb") as file:
            found.append((name, email.message_from_bytes(file.read())))
    return found


def body(message) -> str:
    part = message.get_payload(decode=True)
    return part.decode() if part else ""


def latest_ticket(data: str, address: str) -> str | None:
    tickets = [TICKET.search(body(m)) for _, m in mails(data) if m["To"] == address]
    tickets = [t.group(1) for t in tickets if t]
    return tickets[-1] if tickets else None


class Database:
    """The run's database as rows of text, for the checks: the SQLite file, or PostgreSQL through psql."""

    def __init__(self, run: Run, psql: str):
        self.url, self.psql = run.args.database_url, psql
        self.sqlite = None if self.url else sqlite3.connect(os.path.join(run.data, "sekisho.sqlite"))

    def rows(self, statement: str) -> list[tuple[str, ...]]:
        if self.sqlite:
            return [tuple(map(str, row)) for row in self.sqlite.execute(statement).fetchall()]
        output = subprocess.run([self.psql, self.url, "-At", "-F", "\t", "-c", statement],
                                check=True, capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in output.splitlines()]

    def whole(self) -> list[str]:
        """SQLite's own checks of the file; PostgreSQL's WAL and its enforced keys need none here."""
        if not self.sqlite:
            return []
        problems = [] if self.rows("PRAGMA integrity_check") == [("ok",)] else ["integrity_check failed"]
        return problems + (["foreign keys broken"] if self.rows("PRAGMA foreign_key_check") else [])


LEASE_SECONDS = 10


def wait_for_delivery(database: Database) -> None:
    """Until the outbox is empty, or a lease and a few polls have passed (then `verify` reports it)."""
    deadline = time.monotonic() + LEASE_SECONDS + 10
    while time.monotonic() < deadline:
        if int(database.rows("SELECT count(*) FROM outbox WHERE delivered_at IS NULL")[0][0]) == 0:
            return
        time.sleep(0.5)  # polling the database, not waiting for an event


def verify(run: Run, load: Load, database: Database) -> list[str]:
    """What must hold after the last restart; the list of what does not."""
    problems = database.whole()
    recipients = {row[0] for row in database.rows("SELECT recipient FROM outbox")}
    applications = {row[0] for row in database.rows("SELECT email FROM contract_applications")}
    people = {row[0] for row in database.rows("SELECT email FROM people")}
    for address in load.acked["application"]:
        if address not in applications:
            problems.append(f"acknowledged application lost: {address}")
        if address not in recipients:
            problems.append(f"no mail queued for the application of {address}")
    for address in load.acked["invitation"]:
        if address not in people:
            problems.append(f"acknowledged invitation lost: {address}")
        if address not in recipients:
            problems.append(f"no mail queued for the invitation of {address}")
    undelivered = int(database.rows("SELECT count(*) FROM outbox WHERE delivered_at IS NULL")[0][0])
    if undelivered:
        problems.append(f"{undelivered} queued mails never delivered")
    files = {name for name, _ in mails(run.data)}
    for outbox_id, created in database.rows("SELECT id, created_at FROM outbox WHERE channel = 'mail'"):
        if f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(int(created)))}-{outbox_id}.eml" not in files:
            problems.append(f"mail {outbox_id} queued but no file written")
    last = {}
    for address, password, at in load.acked["reset"]:
        if at >= last.get(address, (None, 0))[1]:
            last[address] = (password, at)
    for address, (password, _) in last.items():
        status, page, _ = Browser(load.server.port).post("/login", "/login", {"email": address, "password": password})
        if not (status == 303 and "/two-step" in page):
            problems.append(f"acknowledged password reset lost: {address}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--database-url", default="", help="PostgreSQL instead of the SQLite file")
    parser.add_argument("--psql", default="psql")
    args = parser.parse_args()
    os.environ["SEKISHO_LOCKOUT_ADDRESS_FAILURES"] = "100000"
    os.environ["SEKISHO_PASSWORD_SCRYPT_LOG_N"] = "10"  # the load is about crashes, not hashing
    # What a killed worker had claimed goes out again when its lease ends: short here, so the run
    # sees it delivered instead of waiting out the default 10 minutes.
    os.environ["SEKISHO_OUTBOX_LEASE"] = str(LEASE_SECONDS)
    run = Run(argparse.Namespace(bin_dir=args.bin_dir, database_url=args.database_url, people=50, seconds=0, scale=0, instances=1))
    try:
        contractor, accounts = run.seed(50)
        server = Server(run)
        load = Load(server, accounts[:50], run.session(contractor))
        workers = [threading.Thread(target=load.worker, args=(index,), daemon=True) for index in range(args.clients)]
        for worker in workers:
            worker.start()
        for _ in range(args.kills):
            time.sleep(random.uniform(1.5, 4.0))  # a random moment of the load
            server.kill_and_restart()
        time.sleep(2)  # the last restart under load
        load.stop.set()
        for worker in workers:
            worker.join(timeout=60)
        database = Database(run, args.psql)
        wait_for_delivery(database)
        problems = verify(run, load, database)
    finally:
        run.close()
    counts = ", ".join(f"{len(values)} {kind}s" for kind, values in load.acked.items())
    print(f"\nCrash safety on {run.results['db']}: {args.kills} kills survived under {args.clients} clients; acknowledged: {counts}; "
          f"{load.refused} requests cut off by the kills")
    for problem in problems[:50]:
        print("  PROBLEM:", problem)
    print("every acknowledged change present, database whole, every queued mail delivered" if not problems else
          f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
