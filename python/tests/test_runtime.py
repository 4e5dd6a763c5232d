"""Threads, the GIL, fork, secrets and logging."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import leat
import pytest
from conftest import create
from leat.testing import Fault


def test_16_threads_share_one_client(client, mock):
    with ThreadPoolExecutor(max_workers=16) as pool:
        created = list(pool.map(lambda i: create(client, name=f"n{i}"), range(64)))
    assert len({s.uuid for s in created}) == 64
    assert len(mock.subscriptions()) == 64


def test_the_gil_is_released_while_a_call_waits(client, mock):
    mock.script([Fault.delay(1.0)])
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.01)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        client.webhook_subscriptions.list()
    finally:
        done.set()
        counter.join()
    # Python code ran in another thread during the one-second call.
    assert ticks > 20


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_client_used_before_fork_works_in_the_child(client, mock):
    create(client)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 0 if len(client.webhook_subscriptions.list()) == 1 else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert len(client.webhook_subscriptions.list()) == 1


def test_keyboard_interrupt_ends_a_long_call_early(mock):
    script = f"""
import signal, threading, time, os, leat
client = leat.Client(api_key={mock.api_key!r}, base_url={mock.url!r}, timeout=20)
threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
started = time.monotonic()
try:
    client.webhook_subscriptions.list()
except KeyboardInterrupt:
    print("interrupted after", round(time.monotonic() - started, 1))
"""
    mock.script([Fault.delay(10)])
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=15)
    assert "interrupted after" in out.stdout, out.stderr
    assert float(out.stdout.split()[-1]) < 3


def test_the_key_never_shows(mock):
    key = "sk_live_NEVER_SHOWN"
    c = leat.Client(api_key=key, base_url=mock.url)
    texts = [repr(c), str(c)]
    for call in (lambda: c.webhook_subscriptions.list(), lambda: c.webhook_subscriptions.get("a/b")):
        try:
            call()
        except leat.LeatError as err:
            texts += [str(err), repr(err), repr(err.__dict__)]
    c.close()
    assert all(key not in t for t in texts), texts


def test_each_attempt_reaches_the_leat_logger(mock, caplog):
    mock.script([Fault.status(503)])
    with caplog.at_level(logging.DEBUG, logger="leat"):
        # Python's logging levels are read when a client is created.
        with leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
            client.webhook_subscriptions.list()
    records = [r for r in caplog.records if r.name.startswith("leat")]
    assert len(records) >= 2, caplog.text
    assert "503" in caplog.text and "GET" in caplog.text
    assert mock.api_key not in caplog.text


def test_leat_log_env_turns_logging_on(mock):
    script = f"""
import leat
with leat.Client(api_key={mock.api_key!r}, base_url={mock.url!r}) as c:
    c.webhook_subscriptions.list()
"""
    env = dict(os.environ, LEAT_LOG="debug")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30, env=env)
    assert out.returncode == 0, out.stderr
    assert "leat" in out.stderr and "GET" in out.stderr, out.stderr
