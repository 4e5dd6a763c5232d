"""`make bench`: starts the loopback server, runs every contender (see BENCHMARKS.md),
prints one report and writes it to bench/results/latest.md (latest-unpinned.md when the
server or the contenders are not pinned).

Settings, from the environment: BENCH_RUNS (runs per contender, default 5), BENCH_SCALE
(multiplies every call count, default 1), BENCH_SERVER_CPU and BENCH_CLIENT_CPU (the CPUs the
server and the contenders are pinned to; default the last CPU and CPU 0, none on one CPU),
BENCH_BIN_DIR (where cargo put leat-bench-server and leat-bench-rust), NODE (default node).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from harness import contenders, machine, report, runner, startup, stats, targets
from harness.server import Server

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _cpu(name: str, default: Optional[int]) -> Optional[int]:
    value = os.environ.get(name)
    if value is None:
        return default
    return None if value in ("", "none") else int(value)


def _node_check(node: str, script: str, why: str) -> Optional[str]:
    """None when `script` succeeds in bench/node, else `why` with the reason."""
    done = subprocess.run([node, "-e", script], cwd=BENCH / "node", capture_output=True, text=True)
    if done.returncode == 0:
        return None
    last = (done.stderr.strip().splitlines() or [""])[-1][:160]
    return f"{why}{': ' + last if last else ''}"


def main() -> int:
    started = time.perf_counter()
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    scale = float(os.environ.get("BENCH_SCALE", "1"))
    cpus = os.cpu_count() or 1
    server_cpu = _cpu("BENCH_SERVER_CPU", cpus - 1 if cpus > 1 else None)
    client_cpu = _cpu("BENCH_CLIENT_CPU", 0 if cpus > 1 else None)
    bin_dir = Path(os.environ.get("BENCH_BIN_DIR", ROOT / "target" / "release")).resolve()
    node = os.environ.get("NODE", "node")
    programs = contenders.Programs(
        python=Path(sys.executable), node=node, rust=bin_dir / "leat-bench-rust", bench=BENCH
    )
    node_leat = _node_check(node, "require('leat-sdk')", "leat-sdk does not load")
    node_webhooks = node_leat or _node_check(
        node,
        "process.exit(typeof require('leat-sdk').webhooks?.verifySignature === 'function' ? 0 : 3)",
        "leat-sdk has no webhooks.verifySignature export in this checkout",
    )
    plan = contenders.http_contenders(programs, scale, node_leat) + contenders.webhook_contenders(
        programs, scale, node_webhooks
    )
    pinning = (
        f"server pinned to CPU {server_cpu}, contenders to CPU {client_cpu}"
        if server_cpu is not None and client_cpu is not None
        else "not pinned"
    )
    about = machine.describe(ROOT, programs.python, node, pinning)
    print(f"leat-sdk benchmarks: {len(plan)} contenders x {runs} runs", flush=True)
    with Server(
        bin_dir / "leat-bench-server", ROOT / "tests" / "fixtures" / "responses", server_cpu
    ) as server:
        outcomes = runner.run_all(plan, runs, server, client_cpu, BENCH)
    rows = stats.aggregate(plan, outcomes)
    print("  start-up ...", flush=True)
    startups = startup.measure(programs.python, node, BENCH, max(5, runs * 2), client_cpu)
    about["load average at end (1/5/15 min)"] = machine.load()
    settings = f"BENCH_RUNS={runs} BENCH_SCALE={scale:g}; whole run {time.perf_counter() - started:.0f} s"
    text = report.render(
        about, settings, rows, startups, startup.artifacts(ROOT, bin_dir), targets.check(rows)
    )
    print()
    print(text)
    pinned = server_cpu is not None and client_cpu is not None
    out = BENCH / "results" / ("latest.md" if pinned else "latest-unpinned.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(f"(written to {out.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
