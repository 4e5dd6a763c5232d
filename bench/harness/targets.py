"""The performance targets (issues 7 and 14), checked on the rows of the same run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from .stats import Row, limit_for

RAW = "raw Rust"


@dataclass(frozen=True)
class Target:
    title: str
    group: str
    leat: str
    # A peer of the same group, or RAW: raw reqwest + serde_json with as many calls in flight.
    against: str
    factor: float
    # Whether CPU per call must be `factor` times better too (calls/s always must).
    cpu: bool = True
    ops: Tuple[str, ...] = ("get", "list")


TARGETS = [
    Target(
        "Python sync >= 6x requests.Session", "Python sync, 1 thread", "leat.Client", "requests.Session", 6
    ),
    Target("Python sync >= 5x httpx.Client", "Python sync, 1 thread", "leat.Client", "httpx.Client", 5),
    Target(
        "Python async >= 3x httpx.AsyncClient",
        "Python asyncio, 64 in flight",
        "leat.AsyncClient",
        "httpx.AsyncClient",
        3,
    ),
    Target(
        "Python async >= 1.5x aiohttp",
        "Python asyncio, 64 in flight",
        "leat.AsyncClient",
        "aiohttp.ClientSession",
        1.5,
    ),
    Target(
        "Node >= 1.2x undici.request on a Pool",
        "Node, 64 in flight",
        "leat-sdk",
        "undici.request on a Pool",
        1.2,
    ),
    Target(
        "Python sync within 25% of raw Rust calls/s (1 in flight)",
        "Python sync, 1 thread",
        "leat.Client",
        RAW,
        0.75,
        cpu=False,
    ),
    Target(
        "Python threads within 25% of raw Rust calls/s (8 in flight)",
        "Python threads, 8 sharing one client",
        "leat.Client",
        RAW,
        0.75,
        cpu=False,
    ),
    Target(
        "Python async within 25% of raw Rust calls/s (64 in flight)",
        "Python asyncio, 64 in flight",
        "leat.AsyncClient",
        RAW,
        0.75,
        cpu=False,
    ),
    Target(
        "Node within 25% of raw Rust calls/s (64 in flight)",
        "Node, 64 in flight",
        "leat-sdk",
        RAW,
        0.75,
        cpu=False,
    ),
    Target(
        "Python webhook verification (64 KiB) >= hmac",
        "Webhooks, Python",
        "leat.webhooks.verify_signature",
        "hmac + compare_digest",
        1,
        ops=("verify 64 KiB",),
    ),
    Target(
        "Node webhook verification (64 KiB) >= crypto",
        "Webhooks, Node",
        "leat-sdk webhooks.verifySignature",
        "createHmac + timingSafeEqual",
        1,
        ops=("verify 64 KiB",),
    ),
]


@dataclass
class Check:
    target: Target
    op: str
    rate: Optional[float]  # leat's calls/s over the other's
    cpu: Optional[float]  # the other's CPU per call over leat's
    why_not: Optional[str] = None

    @property
    def met(self) -> Optional[bool]:
        if self.rate is None:
            return None
        if self.rate < self.target.factor:
            return False
        return not self.target.cpu or (self.cpu is not None and self.cpu >= self.target.factor)


def _find(rows: List[Row], group: str, name: str, op: str) -> Optional[Row]:
    for row in rows:
        if row.contender.group == group and row.contender.name == name and row.op == op:
            return row
    return None


def check(rows: List[Row]) -> List[Check]:
    checks: List[Check] = []
    for target in TARGETS:
        for op in target.ops:
            mine = _find(rows, target.group, target.leat, op)
            other = (
                (limit_for(rows, mine) if mine is not None else None)
                if target.against == RAW
                else _find(rows, target.group, target.against, op)
            )
            if mine is None or not mine.ok:
                why = mine.missing if mine is not None else "no such row"
                checks.append(Check(target, op, None, None, f"{target.leat}: {why}"))
            elif other is None or not other.ok:
                why = other.missing if other is not None else "no such row"
                checks.append(Check(target, op, None, None, f"{target.against}: {why}"))
            else:
                checks.append(
                    Check(
                        target,
                        op,
                        mine.calls_per_s / other.calls_per_s,
                        other.cpu_per_call_s / mine.cpu_per_call_s,
                    )
                )
    return checks
