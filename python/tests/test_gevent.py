"""Under gevent's monkey-patching, a blocking call lets the other greenlets run while it
waits, as a patched socket would. Run in a child process: patching is for the whole process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from leat.testing import Fault

pytest.importorskip("gevent", reason="gevent is not installed")


def test_greenlets_run_while_a_call_waits_and_calls_overlap(mock):
    mock.script([Fault.delay(0.5) for _ in range(8)])
    script = textwrap.dedent(
        """
        from gevent import monkey
        monkey.patch_all()
        import time
        import gevent, leat
        client = leat.Client(api_key={key!r}, base_url={url!r})
        ticks = []
        def ticker():
            while len(ticks) < 1000:
                ticks.append(1)
                gevent.sleep(0.01)
        clock = gevent.spawn(ticker)
        started = time.monotonic()
        calls = [gevent.spawn(client.webhook_subscriptions.list) for _ in range(8)]
        gevent.joinall(calls, raise_error=True)
        elapsed = time.monotonic() - started
        clock.kill()
        # While 8 calls of 0.5 s each waited, the hub kept running the ticker.
        print(len(ticks), all(c.value == [] for c in calls), elapsed)
        """
    ).format(key=mock.api_key, url=mock.url)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    ticks, all_empty, elapsed = out.stdout.split()
    assert all_empty == "True"
    # One after another the 8 calls take at least 4 s; overlapping, about 0.5 s. The bound
    # leaves room for a slow machine and still tells the two apart.
    assert float(elapsed) < 3.0, elapsed
    # Sequential calls would leave the ticker 0 turns while they wait; overlapping ones and a
    # free hub give it one every 10 ms through at least one 0.5 s wait.
    assert int(ticks) >= 20, ticks
