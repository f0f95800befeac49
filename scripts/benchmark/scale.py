"""Targets 6 and 7 of scripts/bench: sign-in latency and the admin console without load (at the
base size and at --scale), and signed-in pages of several instances on one PostgreSQL."""

from __future__ import annotations

import threading
import urllib.parse

from load import SignInLoad, percentile, wrk

# What the admin console is asked: its first page, and searches the seed's names and emails answer
# (a given name, part of one email, the most common surname, a full name, nothing).
SEARCHES = ["美咲", "user4242-", "佐藤", "佐藤 美咲", "zzzz"]


def console(run, port: int, cookie: str, label: str) -> dict:
    """The admin console's list and searches, one request at a time (each one's p50 and p99)."""
    base = f"http://127.0.0.1:{port}/admin/users"
    pages = {"list": base} | {term: f"{base}?{urllib.parse.urlencode({'q': term})}" for term in SEARCHES}
    results = {}
    for name, url in pages.items():
        measured = wrk(url, max(2, run.args.seconds // 2), 1, threads=1, cookie=cookie)
        if measured["non_2xx"]:
            raise SystemExit(f"{url} answered {measured['non_2xx']} non-2xx responses")
        results[f"{label}_console_{name}_p99_ms"] = measured["p99_ms"]
        # The p50 beside it tells a slow plan (both high) from a stall of the machine (the p99 alone).
        results[f"{label}_console_{name}_p50_ms"] = measured["p50_ms"]
    return results


def signins(port: int, groups: dict[str, list[tuple[str, str]]], rounds: int) -> dict:
    """One browser signing in, one second with each group's accounts in turn, `rounds` times: the
    groups meet the same moments of a shared machine (whose hash time drifts by tens of ms from one
    minute to the next), so their medians compare. The p50 of each group's sign-ins."""
    latencies: dict[str, list[float]] = {label: [] for label in groups}
    for _ in range(rounds):
        for label, accounts in groups.items():
            load = SignInLoad(port, accounts, 1)
            load.run(1)
            latencies[label] += load.accepted
    return {f"{label}_signin_ms": percentile(values, 0.50) * 1000 for label, values in latencies.items()} | {
        f"{label}_signins": len(values) for label, values in latencies.items()}


def instances(run, cookie: str, count: int) -> dict:
    """Signed-in pages of one instance pinned to core 0, then of `count` instances, each pinned to its
    own core, loaded at once; all of them share the run's database."""
    def pages(port: int, into: list, index: int) -> None:
        into[index] = wrk(f"http://127.0.0.1:{port}/home", run.args.seconds, 16, threads=1, cookie=cookie)["rate"]

    ports = [run.start(cpus=str(core))[1] for core in range(count)]
    one = [0.0]
    pages(ports[0], one, 0)
    many = [0.0] * count
    loads = [threading.Thread(target=pages, args=(port, many, index)) for index, port in enumerate(ports)]
    for load in loads:
        load.start()
    for load in loads:
        load.join()
    return {"instances": count, "one_instance_rps": one[0], "instances_rps": sum(many)}
