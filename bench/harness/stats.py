"""From runs to rows: the median of each figure over the runs, and each row compared with
the best peer of its group and with raw Rust at the same number of calls in flight."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import List, Optional

from .contenders import Contender
from .runner import Outcomes


@dataclass
class Row:
    contender: Contender
    op: str
    runs: int = 0
    calls: int = 0
    calls_per_s: float = 0.0
    cpu_per_call_s: float = 0.0
    max_rss_kib: float = 0.0
    server_busy: Optional[float] = None
    # Why there are no figures.
    missing: Optional[str] = None
    # Something the figures do not show, e.g. runs that crashed after printing them.
    note: Optional[str] = None
    # calls/s over the best peer's; the best peer's CPU per call over this row's (both: more
    # is better); calls/s over raw Rust's with as many calls in flight.
    vs_peer_rate: Optional[float] = None
    vs_peer_cpu: Optional[float] = None
    vs_raw_rate: Optional[float] = None

    @property
    def ok(self) -> bool:
        return self.missing is None


def aggregate(contenders: List[Contender], outcomes: Outcomes) -> List[Row]:
    rows: List[Row] = []
    for index, contender in enumerate(contenders):
        runs = outcomes.phases.get(index, [])
        crashes = outcomes.crashes.get(index, [])
        for op in contender.ops:
            row = Row(contender, op)
            phases = [run[op] for run in runs if op in run]
            if crashes:
                kinds = ", ".join(sorted(set(crashes)))
                row.note = f"{len(crashes)} of {len(runs)} runs ended with {kinds}"
            if contender.unavailable:
                row.missing = contender.unavailable
            elif index in outcomes.failures:
                row.missing = f"failed: {outcomes.failures[index]}"
            elif not phases:
                row.missing = "no runs"
            else:
                row.runs = len(phases)
                row.calls = phases[0].calls
                row.calls_per_s = median(p.calls_per_s for p in phases)
                row.cpu_per_call_s = median(p.cpu_per_call_s for p in phases)
                row.max_rss_kib = median(p.max_rss_kib for p in phases)
                busy = [p.server_busy for p in phases if p.server_busy is not None]
                row.server_busy = median(busy) if busy else None
            rows.append(row)
    compare(rows)
    return rows


def compare(rows: List[Row]) -> None:
    for row in rows:
        if not row.ok:
            continue
        peers = [
            r
            for r in rows
            if r.ok and not r.contender.leat and r.contender.group == row.contender.group and r.op == row.op
        ]
        if peers:
            row.vs_peer_rate = row.calls_per_s / max(p.calls_per_s for p in peers)
            row.vs_peer_cpu = min(p.cpu_per_call_s for p in peers) / row.cpu_per_call_s
        raw = limit_for(rows, row)
        if raw is not None:
            row.vs_raw_rate = row.calls_per_s / raw.calls_per_s


def limit_for(rows: List[Row], row: Row) -> Optional[Row]:
    """Raw Rust's row for the same operation with as many calls in flight."""
    if not row.contender.http:
        return None
    for r in rows:
        if r.ok and r.contender.limit and r.op == row.op and r.contender.in_flight == row.contender.in_flight:
            return r
    return None
