"""Fault soak, Python: the same checks as soak/soak.rs, through leat.Client (threads) and
leat.AsyncClient (asyncio), against the embedded mock scripted at random (seeded).

Checks: every call ends in a success or a leat exception within its timeout; no subscription
is created twice or lost; every GET/PUT/DELETE that could succeed did; the key never appears
in an error; memory stays flat. SOAK_CALLS and SOAK_SEED tune it. Exits non-zero on a broken
invariant.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import os
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Tuple

import leat
from leat.testing import Fault, MockServer

# Python clients use the default backoff (0.5 s, doubling): two retries fit in 2.5 s.
TIMEOUT = 2.5
MAX_RETRIES = 2
COLLECTION = "/api/v3/oauth/clients/webhook-subscriptions"
PLAN_NUMBERS = itertools.count()


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def faults_for_one_call(rng: random.Random, **where: str) -> Tuple[List[Dict[str, Any]], bool]:
    """Retryable faults, then perhaps one that ends the call; and whether it can succeed."""
    retryable = [
        lambda: Fault.status(503, **where),
        lambda: Fault.status(429, headers={"Retry-After": "0"}, **where),
        lambda: Fault.status(500, **where),
        lambda: Fault.drop_connection(**where),
    ]
    count = rng.randint(0, MAX_RETRIES + 1)
    faults = [rng.choice(retryable)() for _ in range(count)]
    can_succeed = count <= MAX_RETRIES
    if can_succeed and rng.random() < 0.5:
        kind = rng.randrange(3)
        if kind == 0:
            faults.append(Fault.delay(rng.uniform(0.01, 0.1), **where))
        elif kind == 1:
            faults.append(Fault.malformed_body(**where))
            can_succeed = False
        else:
            faults.append(Fault.delay(TIMEOUT + 0.2, **where))
            can_succeed = False
    return faults, can_succeed


class Tally:
    def __init__(self, key: str) -> None:
        self.key = key
        self.lock = threading.Lock()
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.max_latency = 0.0
        self.acknowledged: List[str] = []
        self.maybe_deleted: List[str] = []
        self.should_have_succeeded = 0
        self.key_shown = 0

    def record(
        self, op: str, outcome: str, latency: float, expect: bool, error: BaseException | None
    ) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            self.max_latency = max(self.max_latency, latency)
            if error is not None:
                if self.key in f"{error} {error!r}":
                    self.key_shown += 1
                if expect and op in ("get", "update", "delete"):
                    self.should_have_succeeded += 1
                    print(f"{op} should have succeeded: {error}", file=sys.stderr)


def classify(error: BaseException | None) -> str:
    if error is None:
        return "ok"
    if isinstance(error, leat.LeatError):
        return type(error).__name__
    return f"untyped:{type(error).__name__}"


class Plan:
    """What one worker does next, decided by its own seeded random generator."""

    def __init__(self, mock: MockServer, tally: Tally, rng: random.Random, name: str) -> None:
        name = f"{name}-{next(PLAN_NUMBERS)}"
        self.mock, self.tally, self.rng, self.name = mock, tally, rng, name
        self.owned: List[str] = []
        self.count = 0

    def next(self) -> Tuple[str, str, bool]:
        self.count += 1
        op = "create" if not self.owned else self.rng.choice(["create", "get", "update", "delete", "list"])
        target = self.owned[-1] if self.owned else ""
        expect = True
        if op in ("get", "update", "delete"):
            faults, expect = faults_for_one_call(self.rng, path=f"{COLLECTION}/{target}")
            self.mock.script(faults)
        elif op == "create":
            self.mock.script(faults_for_one_call(self.rng, method="POST")[0])
        if op == "delete":
            self.owned.pop()
            with self.tally.lock:
                self.tally.maybe_deleted.append(target)
        return op, target, expect

    def created(self, uuid: str) -> None:
        self.owned.append(uuid)
        with self.tally.lock:
            self.tally.acknowledged.append(uuid)


def forget_requests(mock: MockServer, done: threading.Event) -> None:
    """The mock logs every request; forget them so memory measures the client."""
    while not done.wait(0.2):
        mock.clear_requests()


def run_sync(mock: MockServer, tally: Tally, calls: int, seed: int, workers: int = 16) -> None:
    client = leat.Client(api_key=mock.api_key, base_url=mock.url, timeout=TIMEOUT, max_retries=MAX_RETRIES)

    def worker(index: int) -> None:
        plan = Plan(mock, tally, random.Random(seed * 1000 + index), f"sync{index}")
        subs = client.webhook_subscriptions
        for _ in range(calls // workers):
            op, target, expect = plan.next()
            began, error = time.monotonic(), None
            try:
                if op == "create":
                    plan.created(
                        subs.create(
                            name=f"soak-{plan.name}-{plan.count}",
                            event_type="contact_created",
                            url="https://example.com/soak",
                        ).uuid
                    )
                elif op == "get":
                    subs.get(target)
                elif op == "update":
                    subs.update(target, name=f"renamed-{plan.count}")
                elif op == "delete":
                    subs.delete(target)
                else:
                    subs.list()
            except BaseException as err:  # noqa: BLE001 - every failure is counted and classified
                error = err
            tally.record(op, classify(error), time.monotonic() - began, expect, error)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(worker, range(workers)))
    client.close()


async def run_async(mock: MockServer, tally: Tally, calls: int, seed: int, workers: int = 64) -> None:
    async with leat.AsyncClient(
        api_key=mock.api_key, base_url=mock.url, timeout=TIMEOUT, max_retries=MAX_RETRIES
    ) as client:
        subs = client.webhook_subscriptions

        async def worker(index: int) -> None:
            plan = Plan(mock, tally, random.Random(seed * 1000 + 500 + index), f"async{index}")
            for _ in range(calls // workers):
                op, target, expect = plan.next()
                began, error = time.monotonic(), None
                try:
                    if op == "create":
                        created = await subs.create(
                            name=f"soak-{plan.name}-{plan.count}",
                            event_type="contact_created",
                            url="https://example.com/soak",
                        )
                        plan.created(created.uuid)
                    elif op == "get":
                        await subs.get(target)
                    elif op == "update":
                        await subs.update(target, name=f"renamed-{plan.count}")
                    elif op == "delete":
                        await subs.delete(target)
                    else:
                        await subs.list()
                except BaseException as err:  # noqa: BLE001
                    error = err
                tally.record(op, classify(error), time.monotonic() - began, expect, error)

        await asyncio.gather(*(worker(i) for i in range(workers)))


def main() -> int:
    calls = int(os.environ.get("SOAK_CALLS", "3000"))
    seed = int(os.environ.get("SOAK_SEED", "42"))
    failed = False
    with MockServer() as mock:
        for name, runner in (
            ("Python sync, 16 threads", lambda t: run_sync(mock, t, calls, seed)),
            ("Python async, 64 tasks", lambda t: asyncio.run(run_async(mock, t, calls, seed))),
        ):
            tally = Tally(mock.api_key)
            done = threading.Event()
            threading.Thread(target=forget_requests, args=(mock, done), daemon=True).start()
            rss_start = rss_kib()
            began = time.monotonic()
            runner(tally)
            runner_rss_mid = rss_kib()
            runner(tally)  # a second round (new names): memory must not keep growing
            elapsed = time.monotonic() - began
            rss_end = rss_kib()
            done.set()
            stored = mock.subscriptions()
            names = collections.Counter(s["name"] for s in stored if s["name"].startswith("soak-"))
            duplicates = sum(1 for n in names.values() if n > 1)
            stored_uuids = {s["uuid"] for s in stored}
            gone = set(tally.maybe_deleted)
            lost = sum(1 for u in tally.acknowledged if u not in gone and u not in stored_uuids)
            untyped = sum(n for k, n in tally.outcomes.items() if k.startswith("untyped"))
            total = sum(tally.outcomes.values())
            print(f"| soak ({name}) | value |\n|---|---|")
            print(f"| calls | {total} in {elapsed:.1f} s, seed {seed} |")
            for outcome, count in sorted(tally.outcomes.items()):
                print(f"| outcome {outcome} | {count} |")
            print(
                f"| max latency vs timeout | {tally.max_latency * 1000:.0f} ms vs {TIMEOUT * 1000:.0f} ms |"
            )
            print(f"| creates acknowledged / stored | {len(tally.acknowledged)} / {len(names)} |")
            print(f"| duplicates | {duplicates} |")
            print(f"| acknowledged but lost | {lost} |")
            print(f"| GET/PUT/DELETE that could succeed but failed | {tally.should_have_succeeded} |")
            print(f"| untyped failures | {untyped} |")
            print(f"| key in an error message | {tally.key_shown} |")
            print(
                f"| RSS start / after round 1 / after round 2 | {rss_start} / {runner_rss_mid} / {rss_end} KiB |\n"
            )
            failed |= bool(
                duplicates
                or lost
                or untyped
                or tally.should_have_succeeded
                or tally.key_shown
                or tally.max_latency > TIMEOUT + 0.15
            )
    if failed:
        print("the soak found a broken invariant (see the tables)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
