"""Panics become a documented exception, and clients release what they hold."""

from __future__ import annotations

import asyncio
import gc
import os
import threading

import leat
import pytest
from leat import _native


def test_a_panic_in_a_blocking_call_is_an_internal_error_and_the_process_goes_on(client):
    with pytest.raises(leat.InternalError, match="provoked by a test") as info:
        _native._provoke_panic()
    assert isinstance(info.value, leat.LeatError)
    assert client.webhook_subscriptions.list() == []


async def test_a_panic_in_an_async_call_is_an_internal_error(aclient):
    with pytest.raises(leat.InternalError):
        await _native._provoke_async_panic()
    assert await aclient.webhook_subscriptions.list() == []


def _threads() -> int:
    return (
        len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else threading.active_count()
    )


def test_a_thousand_clients_created_and_dropped_leak_no_threads(mock):
    with leat.Client(api_key=mock.api_key, base_url=mock.url) as warm:
        warm.webhook_subscriptions.list()
    before = _threads()
    for i in range(1000):
        c = leat.Client(api_key=mock.api_key, base_url=mock.url)
        if i % 50 == 0:
            c.webhook_subscriptions.list()
        if i % 2:
            c.close()
        del c
    gc.collect()
    assert _threads() <= before + 2


def test_an_async_client_works_from_two_event_loops_one_after_another(mock):
    client = leat.AsyncClient(api_key=mock.api_key, base_url=mock.url)

    async def use() -> int:
        return len(await client.webhook_subscriptions.list())

    async def close() -> None:
        await client.close()

    assert asyncio.run(use()) == 0
    assert asyncio.run(use()) == 0
    asyncio.run(close())
