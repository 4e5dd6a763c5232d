"""The one loopback server of a run: `leat-bench-server`, pinned to its own CPU, and how much
CPU it has used (to show it is never the bottleneck)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import List, Optional


class Server:
    def __init__(self, binary: Path, fixtures: Path, cpu: Optional[int]) -> None:
        command: List[str] = [str(binary), "--fixtures", str(fixtures)]
        if cpu is not None:
            command = ["taskset", "-c", str(cpu), *command]
        # The server exits by itself when its stdin closes, so it never outlives the harness.
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._process.stdout is not None
        self.url = self._process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"the benchmark server did not start (printed {self.url!r})")
        self.cpu = cpu

    def cpu_seconds(self) -> float:
        """CPU time the server's threads have run so far (from /proc/PID/task/*/schedstat)."""
        total_ns = 0
        for stat in Path(f"/proc/{self._process.pid}/task").glob("*/schedstat"):
            try:
                total_ns += int(stat.read_text().split()[0])
            except (OSError, ValueError, IndexError):
                pass  # a thread that ended meanwhile
        return total_ns / 1e9

    def stop(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
