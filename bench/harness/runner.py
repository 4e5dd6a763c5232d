"""Running one contender once: its own process, pinned to the client CPU, against the run's
server; the phases it printed, plus the server's CPU time per call it caused."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from .contenders import UUID, Contender
from .server import Server

# No single contender run may take longer than this.
TIMEOUT_S = 180


@dataclass
class Phase:
    """One measured phase of one run."""

    calls: int
    wall_s: float
    cpu_s: float
    max_rss_kib: int
    server_cpu_per_call_s: Optional[float] = None

    @property
    def calls_per_s(self) -> float:
        return self.calls / self.wall_s

    @property
    def cpu_per_call_s(self) -> float:
        return self.cpu_s / self.calls

    @property
    def server_busy(self) -> Optional[float]:
        """The share of its CPU the server was busy while this phase ran."""
        if self.server_cpu_per_call_s is None:
            return None
        return self.server_cpu_per_call_s * self.calls_per_s


class ContenderFailed(RuntimeError):
    pass


def _signal(returncode: int) -> str:
    if returncode < 0:
        try:
            return signal.Signals(-returncode).name
        except ValueError:
            return f"signal {-returncode}"
    if returncode == 134:  # a shell's way of saying SIGABRT
        return "SIGABRT"
    return f"exit {returncode}"


def run_once(
    contender: Contender, server: Optional[Server], client_cpu: Optional[int], cwd: Path
) -> Tuple[Dict[str, Phase], Optional[str]]:
    """The phases of one run, and how the process ended when it printed every phase and then
    failed anyway (e.g. crashed while exiting): the figures stand, the crash is reported."""
    command = list(contender.command)
    if contender.http:
        assert server is not None
        command += ["--url", server.url, "--uuid", UUID]
    if client_cpu is not None:
        command = ["taskset", "-c", str(client_cpu), *command]
    server_before = server.cpu_seconds() if server and contender.http else 0.0
    try:
        finished = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise ContenderFailed(f"took longer than {TIMEOUT_S} s") from None
    phases: Dict[str, Phase] = {}
    for line in finished.stdout.splitlines():
        if line.startswith("{"):
            data = json.loads(line)
            op = data.pop("op")
            phases[op] = Phase(**data)
    missing = [op for op in contender.ops if op not in phases]
    last = (finished.stderr.strip().splitlines() or ["(no output)"])[-1][:200]
    if missing:
        why = _signal(finished.returncode) if finished.returncode else "no failure reported"
        raise ContenderFailed(f"{why}: {last}; no line for {', '.join(missing)}")
    ended = None
    if finished.returncode != 0:
        ended = f"{_signal(finished.returncode)} after printing its figures"
    if server and contender.http:
        # Every call the process made, warm-up included, reached the server.
        warmup = int(contender.command[contender.command.index("--warmup") + 1])
        total = sum(phase.calls + warmup for phase in phases.values())
        per_call = (server.cpu_seconds() - server_before) / total
        for phase in phases.values():
            phase.server_cpu_per_call_s = per_call
    return phases, ended


def run_all(
    contenders: List[Contender],
    runs: int,
    server: Server,
    client_cpu: Optional[int],
    cwd: Path,
) -> "Outcomes":
    """Runs every contender `runs` times, round-robin, so that noise from other work on the
    machine spreads over all rows. A contender that fails is not run again."""
    outcomes = Outcomes({i: [] for i in range(len(contenders))}, {}, {})
    for run in range(1, runs + 1):
        for index, contender in enumerate(contenders):
            if contender.unavailable or index in outcomes.failures:
                continue
            started = time.perf_counter()
            try:
                phases, ended = run_once(contender, server, client_cpu, cwd)
                outcomes.phases[index].append(phases)
                outcome = f"{time.perf_counter() - started:5.1f} s"
                if ended:
                    outcomes.crashes.setdefault(index, []).append(ended)
                    outcome += f", then {ended}"
            except ContenderFailed as err:
                outcomes.failures[index] = str(err)
                outcome = f"FAILED: {err}"
            print(f"  run {run}/{runs}  {contender.group}: {contender.name}  {outcome}", flush=True)
    return outcomes


@dataclass
class Outcomes:
    # By contender index: the phases of each run that printed them all.
    phases: Dict[int, List[Dict[str, Phase]]]
    # Why a contender failed without its figures.
    failures: Dict[int, str]
    # How runs that printed their figures ended badly anyway, one entry per such run.
    crashes: Dict[int, List[str]]
