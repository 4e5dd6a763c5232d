"""The ``leat`` command line through the Python package: ``python -m leat`` and the ``leat``
console script run the native CLI with the process's arguments."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
from typing import Dict, List, Optional

import leat
from leat.testing import MockServer


def run(command: List[str], env: Optional[Dict[str, str]] = None) -> "subprocess.CompletedProcess[str]":
    """Runs ``command`` with none of this process's ``LEAT_*`` variables, plus ``env``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LEAT_")}
    clean.update(env or {})
    return subprocess.run(command, capture_output=True, text=True, env=clean, timeout=60)


def test_python_m_leat_prints_the_version() -> None:
    result = run([sys.executable, "-m", "leat", "--version"])
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"leat {leat.__version__}\n"


def test_the_leat_console_script_lists_the_mock_s_subscriptions() -> None:
    script = pathlib.Path(sys.executable).parent / "leat"
    assert script.exists(), f"no console script at {script}"
    with MockServer() as mock, leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        created = client.webhook_subscriptions.create(
            name="New members", event_type="contact_created", url="https://example.com/hooks"
        )
        result = run(
            [str(script), "subscriptions", "list", "--output", "json"],
            {"LEAT_API_KEY": mock.api_key, "LEAT_BASE_URL": mock.url},
        )
    assert result.returncode == 0, result.stderr
    assert [s["uuid"] for s in json.loads(result.stdout)] == [created.uuid]


def test_ctrl_c_stops_leat_mock_run_by_python() -> None:
    mock = subprocess.Popen(
        [sys.executable, "-m", "leat", "mock", "--output", "json"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert mock.stdout is not None
        assert json.loads(mock.stdout.readline())["url"].startswith("http://127.0.0.1:")
        mock.send_signal(signal.SIGINT)
        assert mock.wait(timeout=30) == 0
    finally:
        mock.kill()
        mock.wait()
