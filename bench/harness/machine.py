"""What the numbers were measured on: CPU, cores, memory, load, and the versions of
everything that ran."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Dict, List, Optional


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _output(command: List[str], cwd: Optional[Path] = None) -> str:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=30)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unknown"


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def describe(root: Path, python: Path, node: str, pinning: str) -> Dict[str, str]:
    flags = _first("/proc/cpuinfo", "flags").split()
    memory_kib = int(_first("/proc/meminfo", "MemTotal").split()[0] or 0)
    peers = _output(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; print(', '.join(f'{p} {m.version(p)}'"
            " for p in ('leat-sdk', 'requests', 'httpx', 'aiohttp')))",
        ]
    )
    undici = "unknown"
    try:
        package = root / "bench" / "node" / "node_modules" / "undici" / "package.json"
        undici = json.loads(package.read_text())["version"]
    except (OSError, KeyError, ValueError):
        pass
    commit = _output(["git", "-C", str(root), "rev-parse", "--short", "HEAD"])
    dirty = _output(["git", "-C", str(root), "status", "--porcelain"])
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": f"{_first('/proc/cpuinfo', 'model name')}"
        f" ({'SHA-NI' if 'sha_ni' in flags else 'no SHA-NI'},"
        f" {'virtual machine' if 'hypervisor' in flags else 'bare metal'})",
        "cores": f"{os.cpu_count()} ({pinning})",
        "memory": f"{memory_kib / 1024 / 1024:.1f} GiB",
        "kernel": f"{platform.system()} {platform.release()}",
        "load average at start (1/5/15 min)": load(),
        "Rust": _output(["rustc", "-V"]),
        "Python": _output([str(python), "-V"]) + f"; {peers}",
        "Node": _output([node, "-v"])
        + f"; undici {undici} (global fetch: undici "
        + _output([node, "-p", "process.versions.undici"])
        + ")",
        "commit": commit + (" with uncommitted changes" if dirty not in ("", "unknown") else ""),
    }
