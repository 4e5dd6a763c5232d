"""Start-up: how long importing each library takes in a fresh interpreter (median of several
processes), and how big leat's built artifacts are."""

from __future__ import annotations

import filecmp
import subprocess
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import List, Optional

PYTHON_IMPORT = "import time; t = time.perf_counter(); import {0}; print(time.perf_counter() - t)"
NODE_REQUIRE = (
    "const t = process.hrtime.bigint(); require('{0}');"
    " console.log(Number(process.hrtime.bigint() - t) / 1e9)"
)


@dataclass
class Startup:
    language: str
    what: str
    leat: bool
    seconds: Optional[float]
    missing: Optional[str] = None


def _median_seconds(command: List[str], cwd: Path, runs: int, pin: List[str]) -> float:
    samples = []
    for _ in range(runs):
        done = subprocess.run([*pin, *command], cwd=cwd, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError((done.stderr.strip().splitlines() or ["failed"])[-1][:200])
        samples.append(float(done.stdout.strip().splitlines()[-1]))
    return median(samples)


def measure(python: Path, node: str, bench: Path, runs: int, client_cpu: Optional[int]) -> List[Startup]:
    pin = ["taskset", "-c", str(client_cpu)] if client_cpu is not None else []
    plan = [
        ("Python", "import leat", True, [str(python), "-c", PYTHON_IMPORT.format("leat")]),
        ("Python", "import requests", False, [str(python), "-c", PYTHON_IMPORT.format("requests")]),
        ("Python", "import httpx", False, [str(python), "-c", PYTHON_IMPORT.format("httpx")]),
        ("Python", "import aiohttp", False, [str(python), "-c", PYTHON_IMPORT.format("aiohttp")]),
        ("Node", "require('leat-sdk')", True, [node, "-e", NODE_REQUIRE.format("leat-sdk")]),
        ("Node", "require('undici')", False, [node, "-e", NODE_REQUIRE.format("undici")]),
    ]
    results = []
    for language, what, leat, command in plan:
        try:
            # From bench/node, so that require() finds leat-sdk and undici there.
            seconds = _median_seconds(command, bench / "node", runs, pin)
            results.append(Startup(language, what, leat, seconds))
        except (RuntimeError, OSError, ValueError, subprocess.TimeoutExpired) as err:
            results.append(Startup(language, what, leat, None, str(err)))
    return results


@dataclass
class Artifact:
    what: str
    path: Optional[Path]
    # The release build this artifact must be a copy of (None: nothing to compare with).
    release: Optional[Path] = None

    @property
    def size(self) -> Optional[int]:
        return self.path.stat().st_size if self.path and self.path.exists() else None

    @property
    def is_release(self) -> Optional[bool]:
        """Whether the artifact the contenders loaded is the release build `make bench` made:
        another build (e.g. `make test`'s) may have replaced it in a shared work tree."""
        if self.release is None or self.path is None:
            return None
        return self.release.exists() and filecmp.cmp(self.path, self.release, shallow=False)


def _newest(pattern: str, folder: Path) -> Optional[Path]:
    found = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def artifacts(root: Path, release_dir: Path) -> List[Artifact]:
    return [
        Artifact(
            "Python wheel (maturin build --release)", _newest("leat_sdk-*.whl", root / "target" / "wheels")
        ),
        Artifact(
            "Python extension, installed (_native.abi3.so)",
            _newest("_native*.so", root / "python" / "leat"),
            release_dir / "lib_native.so",
        ),
        Artifact(
            "Node addon (.node, napi build --release)",
            _newest("leat-sdk.*.node", root / "node"),
            release_dir / "libleat_node.so",
        ),
    ]
