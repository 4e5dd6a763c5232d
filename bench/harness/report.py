"""The report as Markdown: the machine, the results table, start-up and sizes, and the
targets; the same text is printed and written to bench/results/latest.md (or
latest-unpinned.md)."""

from __future__ import annotations

from typing import Dict, List, Optional

from .startup import Artifact, Startup
from .stats import Row
from .targets import Check


def _number(value: float) -> str:
    """Three significant digits, thousands separated."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _ratio(value: Optional[float]) -> str:
    return "" if value is None else f"{value:.2f}x"


def _percent(value: Optional[float]) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def _table(header: List[str], lines: List[List[str]], right_from: int) -> str:
    align = ["---" if i < right_from else "---:" for i in range(len(header))]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(line) + " |" for line in lines]
    return "\n".join(out)


def results_table(rows: List[Row]) -> str:
    header = [
        "group",
        "contender",
        "work",
        "calls/s",
        "CPU µs/call",
        "peak RSS MiB",
        "calls/s vs best peer",
        "CPU vs best peer",
        "calls/s vs raw Rust",
        "server busy",
    ]
    lines = []
    for row in rows:
        name = f"**{row.contender.name}**" if row.contender.leat else row.contender.name
        if not row.ok:
            lines.append([row.contender.group, name, row.op, "—", "—", "—", row.missing or "", "", "", ""])
            continue
        lines.append(
            [
                row.contender.group,
                name,
                row.op,
                _number(row.calls_per_s),
                _number(row.cpu_per_call_s * 1e6),
                f"{row.max_rss_kib / 1024:.1f}",
                _ratio(row.vs_peer_rate),
                _ratio(row.vs_peer_cpu),
                _ratio(row.vs_raw_rate),
                _percent(row.server_busy),
            ]
        )
    return _table(header, lines, right_from=3)


def notes(rows: List[Row]) -> str:
    seen = []
    for row in rows:
        line = f"- {row.contender.group}, {row.contender.name}: {row.note}"
        if row.note and line not in seen:
            seen.append(line)
    return "\n".join(seen) if seen else "- none"


def startup_table(startups: List[Startup], artifacts: List[Artifact]) -> str:
    lines = []
    for s in startups:
        what = f"**{s.what}**" if s.leat else s.what
        lines.append(
            [s.language, what, "—" if s.seconds is None else f"{s.seconds * 1000:.1f} ms", s.missing or ""]
        )
    for a in artifacts:
        size = a.size
        note = a.path.name if a.path else "not built"
        if a.is_release is False:
            note += f" (NOT the release build {a.release}: see the warning above)"
        lines.append(["size", a.what, "—" if size is None else f"{size / 1024 / 1024:.2f} MiB", note])
    return _table(["", "what", "time or size", "note"], lines, right_from=2)


def targets_table(checks: List[Check]) -> str:
    lines = []
    for c in checks:
        needed = f"{c.target.factor:g}x" + (" calls/s and CPU" if c.target.cpu else " calls/s")
        if c.met is None:
            verdict = f"not measured ({c.why_not})"
        else:
            verdict = "**met**" if c.met else "**missed**"
        lines.append(
            [
                c.target.title,
                c.op,
                needed,
                _ratio(c.rate),
                _ratio(c.cpu) if c.target.cpu else "",
                verdict,
            ]
        )
    return _table(["target", "work", "needed", "calls/s", "CPU", "verdict"], lines, right_from=3)


def render(
    machine: Dict[str, str],
    settings: str,
    rows: List[Row],
    startups: List[Startup],
    artifacts: List[Artifact],
    checks: List[Check],
) -> str:
    about = "\n".join(f"- {key}: {value}" for key, value in machine.items())
    stale = [a for a in artifacts if a.is_release is False]
    warning = "".join(
        f"\n**Warning:** {a.path} is not the release build in {a.release}: something (e.g. "
        "`make test`, which builds for debugging) replaced it after `make bench` built it, so "
        "the leat rows may have measured that build. Run `make bench` again.\n"
        for a in stale
    )
    return f"""# leat-sdk benchmarks: latest run
{warning}
{about}
- settings: {settings}

## Results

Medians over the runs. CPU is the client process's user + system time per call, all threads
included. "vs best peer": leat's (or a peer's) calls/s over the best peer's, and the best peer's
CPU per call over this row's, so above 1.00x is better on both. "server busy": the share of the
server's own CPU it spent answering, at the row's calls/s.

{results_table(rows)}

Runs that printed their figures and then failed (the figures above include them):

{notes(rows)}

## Start-up and size

{startup_table(startups, artifacts)}

## Targets

{targets_table(checks)}
"""
