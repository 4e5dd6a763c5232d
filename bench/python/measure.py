"""What every Python contender shares: its options, the request it sends, and the JSON line
it prints per measured phase (`{"op", "calls", "wall_s", "cpu_s", "max_rss_kib"}`)."""

from __future__ import annotations

import argparse
import json
import resource
import time
from typing import Awaitable, Callable

COLLECTION = "/api/v3/oauth/clients/webhook-subscriptions"
# What leat sends besides its User-Agent, so every contender asks for the same thing.
HEADERS = {"Authorization": "Bearer k", "Accept": "application/json"}


def options(contenders: object) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("contender", choices=sorted(contenders))  # type: ignore[call-overload]
    parser.add_argument("--url", default="")
    parser.add_argument("--uuid", default="")
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=1)
    return parser.parse_args()


def cpu_seconds() -> float:
    """User plus system CPU time of every thread of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def max_rss_kib() -> int:
    """This program's peak resident set size: `VmHWM`, not `ru_maxrss`, which keeps the peak
    of the process that exec'd it (the harness's fork)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def report(op: str, calls: int, wall: float, cpu: float) -> None:
    line = {"op": op, "calls": calls, "wall_s": wall, "cpu_s": cpu, "max_rss_kib": max_rss_kib()}
    print(json.dumps(line), flush=True)


def measure(op: str, calls: int, phase: Callable[[], None]) -> None:
    """Runs `phase`, which makes `calls` calls, and prints its line."""
    cpu, started = cpu_seconds(), time.perf_counter()
    phase()
    report(op, calls, time.perf_counter() - started, cpu_seconds() - cpu)


async def measure_async(op: str, calls: int, phase: Callable[[], Awaitable[None]]) -> None:
    cpu, started = cpu_seconds(), time.perf_counter()
    await phase()
    report(op, calls, time.perf_counter() - started, cpu_seconds() - cpu)


def expect_ok(status: int) -> None:
    if status != 200:
        raise RuntimeError(f"the benchmark server answered {status}")
