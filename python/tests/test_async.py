"""AsyncClient methods are real coroutines: they start nothing until they run, work with every
asyncio scheduling API, are cancelled with their task, and come back to the right event loop,
whichever loop, whatever the process does around them (fork, exit)."""

from __future__ import annotations

import asyncio
import inspect
import os
import subprocess
import sys
import textwrap
import threading
import time

import leat
import pytest
from conftest import api_requests
from leat._async import _calls_of
from leat.testing import Fault, MockServer

HOOK = dict(name="n", event_type="contact_created", url="https://example.com/h")


def every_call(client: leat.AsyncClient, uuid: str, *, delete: bool = True) -> list:
    """A coroutine of every method; `delete=False` leaves the subscription in place."""
    subs = client.webhook_subscriptions
    calls = [subs.list(), subs.create(**HOOK), subs.get(uuid), subs.update(uuid, name="renamed")]
    return calls + [subs.delete(uuid)] if delete else calls


def running_calls() -> int:
    """Calls of the running loop whose Rust future is still alive."""
    return int(_calls_of(asyncio.get_running_loop()).running())


async def test_every_method_returns_a_real_coroutine(aclient, mock):
    created = await aclient.webhook_subscriptions.create(**HOOK)
    for coroutine in every_call(aclient, created.uuid):
        assert inspect.iscoroutine(coroutine) and asyncio.iscoroutine(coroutine)
        coroutine.close()
    assert len(api_requests(mock)) == 1, "a coroutine that never ran sends nothing"


async def test_every_method_works_as_a_task_in_a_task_group_and_under_wait_for(aclient):
    created = await aclient.webhook_subscriptions.create(**HOOK)
    for coroutine in every_call(aclient, created.uuid, delete=False):
        await asyncio.create_task(coroutine)
    for coroutine in every_call(aclient, created.uuid, delete=False):
        await asyncio.wait_for(coroutine, timeout=10)
    if sys.version_info >= (3, 11):
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(c) for c in every_call(aclient, created.uuid, delete=False)]
        assert tasks[2].result().uuid == created.uuid
    await asyncio.ensure_future(aclient.webhook_subscriptions.delete(created.uuid))


def test_asyncio_run_takes_a_method_call_directly(mock):
    client = leat.AsyncClient(api_key=mock.api_key, base_url=mock.url)
    created = asyncio.run(client.webhook_subscriptions.create(**HOOK))
    assert asyncio.run(client.webhook_subscriptions.get(created.uuid)) == created
    assert [s.uuid for s in asyncio.run(client.webhook_subscriptions.list())] == [created.uuid]
    assert asyncio.run(client.webhook_subscriptions.delete(created.uuid)) is None


async def test_a_task_cancelled_before_it_runs_sends_nothing(aclient, mock):
    task = asyncio.create_task(aclient.webhook_subscriptions.create(**HOOK))
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.05)
    assert api_requests(mock) == []


async def test_a_cancelled_call_is_dropped_and_the_client_goes_on(aclient, mock):
    mock.script([Fault.delay(2.0)])
    task = asyncio.create_task(aclient.webhook_subscriptions.list())
    await asyncio.sleep(0.1)
    assert running_calls() == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert running_calls() == 0  # the Rust future was dropped, not left to finish
    assert await aclient.webhook_subscriptions.list() == []


async def test_wait_for_a_slow_call_raises_timeout_and_drops_it(aclient, mock):
    mock.script([Fault.delay(2.0)])
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(aclient.webhook_subscriptions.list(), timeout=0.1)
    assert running_calls() == 0
    assert await aclient.webhook_subscriptions.list() == []


def test_one_client_serves_several_event_loops_at_once(mock):
    client = leat.AsyncClient(api_key=mock.api_key, base_url=mock.url)
    results: list = []

    def in_a_thread() -> None:
        async def work() -> int:
            calls = [client.webhook_subscriptions.create(**HOOK) for _ in range(20)]
            return len(await asyncio.gather(*calls))

        results.append(asyncio.run(work()))

    threads = [threading.Thread(target=in_a_thread) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [20, 20, 20, 20]
    assert len(mock.subscriptions()) == 80


def test_a_future_that_cannot_be_settled_does_not_hold_up_the_rest_of_its_batch(mock):
    class RefusesFirstResult(asyncio.Future):
        refused: list = []

        def set_result(self, result: object) -> None:
            if not self.refused:
                self.refused.append(self)
                raise RuntimeError("this future refuses its result")
            super().set_result(result)

    class Loop(asyncio.SelectorEventLoop):
        def create_future(self) -> asyncio.Future:
            return RefusesFirstResult(loop=self)

    reported: list = []

    async def work() -> tuple:
        asyncio.get_running_loop().set_exception_handler(lambda _, context: reported.append(context))
        client = leat.AsyncClient(api_key=mock.api_key, base_url=mock.url)
        tasks = [asyncio.ensure_future(client.webhook_subscriptions.list()) for _ in range(3)]
        await asyncio.sleep(0.05)  # every call started
        time.sleep(0.5)  # the loop busy: all three finish into one batch
        done, pending = await asyncio.wait(tasks, timeout=5)
        for task in pending:
            task.cancel()
        return done, pending

    loop = Loop()
    try:
        done, pending = loop.run_until_complete(work())
    finally:
        loop.close()
    assert (len(done), len(pending)) == (2, 1)
    assert all(task.result() == [] for task in done)
    assert [str(context.get("exception")) for context in reported] == ["this future refuses its result"]


def test_uvloop_runs_the_calls_too(mock):
    uvloop = pytest.importorskip("uvloop", reason="uvloop is not installed")
    client = leat.AsyncClient(api_key=mock.api_key, base_url=mock.url)

    async def work() -> int:
        created = await client.webhook_subscriptions.create(**HOOK)
        found = await asyncio.gather(*(client.webhook_subscriptions.get(created.uuid) for _ in range(50)))
        return len(found)

    assert uvloop.run(work()) == 50


def _child(script: str, mock: MockServer) -> subprocess.CompletedProcess:
    code = textwrap.dedent(script).format(key=mock.api_key, url=mock.url)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is not available")
def test_a_child_after_fork_runs_its_own_calls(mock):
    out = _child(
        """
        import asyncio, os, leat
        client = leat.AsyncClient(api_key={key!r}, base_url={url!r})
        asyncio.run(client.webhook_subscriptions.list())
        pid = os.fork()
        if pid == 0:
            subs = client.webhook_subscriptions
            created = asyncio.run(subs.create(name="child", event_type="contact_created", url="https://e.com"))
            os._exit(0 if created.name == "child" else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, status
        print(len(asyncio.run(client.webhook_subscriptions.list())))
        """,
        mock,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"


def test_calls_pending_when_asyncio_run_ends_are_cancelled_quietly(mock):
    mock.script([Fault.delay(1.0) for _ in range(4)])
    out = _child(
        """
        import asyncio, leat
        client = leat.AsyncClient(api_key={key!r}, base_url={url!r})
        async def main():
            for _ in range(4):
                asyncio.ensure_future(client.webhook_subscriptions.list())
            await asyncio.sleep(0.1)
        asyncio.run(main())
        print("done")
        """,
        mock,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "done"
    assert out.stderr == "", out.stderr


def test_exiting_with_calls_in_flight_never_crashes(mock):
    for _ in range(10):
        mock.script([Fault.delay(0.05) for _ in range(32)])
        out = _child(
            """
            import asyncio, leat
            client = leat.AsyncClient(api_key={key!r}, base_url={url!r})
            async def main():
                tasks = [asyncio.ensure_future(client.webhook_subscriptions.list()) for _ in range(32)]
                await asyncio.sleep(0.03)
            loop = asyncio.new_event_loop()
            loop.run_until_complete(main())
            """,
            mock,
        )
        assert out.returncode == 0, out.stderr
        assert "panicked" not in out.stderr and "Fatal" not in out.stderr, out.stderr


def test_a_blocking_call_in_a_daemon_thread_at_exit_ends_quietly(mock):
    mock.script([Fault.delay(1.0)])
    out = _child(
        """
        import threading, time, leat
        client = leat.Client(api_key={key!r}, base_url={url!r})
        threading.Thread(target=client.webhook_subscriptions.list, daemon=True).start()
        time.sleep(0.2)
        print("exiting")
        """,
        mock,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "exiting"
    assert out.stderr == "", out.stderr
