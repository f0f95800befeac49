"""Issue 10, item 5: for sign-in, forgotten password, application and invitation, an email that has
an account and one that has none must give the same status and the same page bytes, and their
median times must differ by less than 5 %. Each flow alternates the two kinds, `--tries` of each,
against a release build; pages are compared with the CSRF token and the typed email masked.
Run through scripts/enumeration."""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmark"))
from driver import Run  # noqa: E402

CSRF = re.compile(r'name="_csrf" value="([^"]+)"')
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PASSWORD = "not the password 42"


class Browser:
    """One cookie jar and connection: GET a form, then POST it with its CSRF token."""

    def __init__(self, port: int, cookie: str = ""):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie = cookie

    def get(self, path: str) -> str:
        self.connection.request("GET", path, headers={"Cookie": self.cookie} if self.cookie else {})
        response = self.connection.getresponse()
        body = response.read().decode()
        fresh = (response.getheader("Set-Cookie") or "").split(";")[0]
        if fresh and not self.cookie:
            self.cookie = fresh
        return body

    def post(self, form_path: str, action: str, fields: dict) -> tuple[int, str, float]:
        token = CSRF.search(self.get(form_path)).group(1)
        body = urllib.parse.urlencode({"_csrf": token, **fields})
        started = time.perf_counter()
        self.connection.request("POST", action, body=body, headers={
            "Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"})
        response = self.connection.getresponse()
        page = response.read().decode()
        elapsed = time.perf_counter() - started
        location = response.getheader("Location") or ""
        masked = ID.sub("ID", CSRF.sub('name="_csrf" value="…"', f"{location}\n{page}"))
        if "email" in fields:
            masked = masked.replace(fields["email"], "EMAIL")
        return response.status, masked, elapsed


# name → (form page, action, the form's fields for an email)
FLOWS = {
    "sign-in": ("/login", "/login", lambda email: {"email": email, "password": PASSWORD}),
    "forgotten password": ("/password/forgot", "/password/forgot", lambda email: {"email": email}),
    "application": ("/apply", "/apply", lambda email: {
        "company_name": "株式会社テスト", "name": "山田 太郎", "email": email, "plan": "trial",
        "password": "correct horse battery", "password_confirmation": "correct horse battery"}),
    # an admin of another contract invites: the existing emails belong to the first contract
    "invitation": ("/admin/users/new", "/admin/users", lambda email: {"name": "佐藤 花子", "email": email}),
}


def measure(port: int, admin_session, existing: list[str], tries: int) -> list[dict]:
    results = []
    for name, (form, action, fields) in FLOWS.items():
        # The admin signs in just before inviting: the invitation form needs a sign-in less than
        # 10 minutes old (step-up), and the flows before it take minutes.
        cookie = admin_session() if name == "invitation" else ""
        answers = {"existing": set(), "unknown": set()}
        times = {"existing": [], "unknown": []}
        for index in range(tries):
            for kind in ("existing", "unknown"):
                email = existing[index % len(existing)] if kind == "existing" else f"nobody{index}-{time.time_ns()}@example.jp"
                browser = Browser(port, cookie)
                status, page, elapsed = browser.post(form, action, fields(email))
                answers[kind].add((status, page))
                times[kind].append(elapsed)
        medians = {kind: statistics.median(values) * 1000 for kind, values in times.items()}
        difference = abs(medians["existing"] - medians["unknown"]) / min(medians.values())
        same = len(answers["existing"] | answers["unknown"]) == 1
        results.append({"flow": name, "same_answer": same, "answers": len(answers["existing"] | answers["unknown"]),
                        "existing_ms": medians["existing"], "unknown_ms": medians["unknown"], "difference": difference})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--tries", type=int, default=200)
    args = parser.parse_args()
    os.environ["SEKISHO_LOCKOUT_ADDRESS_FAILURES"] = "100000"  # one client address sends every try
    run = Run(argparse.Namespace(bin_dir=args.bin_dir, database_url="", people=args.tries + 1, seconds=0, scale=0, instances=1))
    try:
        contractor, accounts = run.seed(args.tries + 1)
        other_contractor, _ = run.seed(2)
        _, port = run.start()
        existing = [email for email, _ in accounts[1:]]
        results = measure(port, lambda: run.session(other_contractor), existing, args.tries)
    finally:
        run.close()
    print(f"\nEnumeration and timing: {args.tries} tries of each kind per flow, existing vs unknown emails")
    print(f"{'flow':20} {'same status+page':18} {'existing ms':>12} {'unknown ms':>11} {'difference':>11}  met")
    failed = False
    for r in results:
        met = r["same_answer"] and r["difference"] < 0.05
        failed |= not met
        print(f"{r['flow']:20} {'yes' if r['same_answer'] else 'NO (' + str(r['answers']) + ' kinds)':18} "
              f"{r['existing_ms']:12.1f} {r['unknown_ms']:11.1f} {r['difference']:10.1%}  {'yes' if met else 'NO'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
