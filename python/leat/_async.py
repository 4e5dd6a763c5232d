"""How ``AsyncClient`` calls run as coroutines and come back to asyncio.

Each method of ``AsyncClient.webhook_subscriptions`` returns the coroutine :func:`call` makes:
nothing starts until it runs (awaited, or scheduled with ``asyncio.create_task``,
``TaskGroup`` or ``asyncio.run``), and cancelling its task cancels the call. A call runs on the
extension's runtime; when it ends, its result waits in the native queue of its event loop,
and the queue wakes the loop once per batch of results by writing to a socket the loop
watches. The loop then settles every finished call on its own thread: no runtime thread ever
takes the GIL, and nothing reaches a loop that has closed.
"""

from __future__ import annotations

import asyncio
import socket
import weakref
from typing import Any, Callable, TypeVar

from . import _native

T = TypeVar("T")


class _LoopCalls:
    """One event loop's queue of calls, and the socket pair that wakes the loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        # The native queue owns the write end from here on, and closes it when the last call
        # that may still write to it has ended.
        self.calls = _native.Calls(writer.detach())
        self.generation = _native.generation()
        self._reader = reader
        try:
            loop.add_reader(reader.fileno(), self._drain)
        except NotImplementedError:
            # Windows' ProactorEventLoop watches no file descriptors: a task reads instead.
            self._task = loop.create_task(self._read_forever(loop))

    def _drain(self) -> None:
        try:
            while self._reader.recv(4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        self.calls.drain()

    async def _read_forever(self, loop: asyncio.AbstractEventLoop) -> None:
        while await loop.sock_recv(self._reader, 4096):
            self.calls.drain()

    def __del__(self) -> None:
        self._reader.close()


_by_loop: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopCalls]" = weakref.WeakKeyDictionary()


def _calls_of(loop: asyncio.AbstractEventLoop) -> Any:
    found = _by_loop.get(loop)
    if found is None or found.generation != _native.generation():
        # New loop, or one inherited through os.fork(): its queue belongs to the parent.
        found = _by_loop[loop] = _LoopCalls(loop)
    return found.calls


async def call(start: Callable[[Any, "asyncio.Future[T]"], int]) -> T:
    """Runs a prepared native call on the running loop and returns its result."""
    loop = asyncio.get_running_loop()
    calls = _calls_of(loop)
    future: "asyncio.Future[T]" = loop.create_future()
    call_id = start(calls, future)
    try:
        return await future
    except asyncio.CancelledError:
        calls.cancel(call_id)
        raise


async def ready(value: T) -> T:
    """A coroutine that returns ``value`` at once (``await client.close()``, ``async with``)."""
    return value
