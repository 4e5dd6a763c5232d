"""Python asyncio, 64 calls in flight: `leat.AsyncClient` vs `httpx.AsyncClient` vs
`aiohttp.ClientSession`, on the standard event loop. Each answer becomes objects the caller
reads a field of."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any, Awaitable, Callable, Dict, Tuple

from measure import COLLECTION, HEADERS, expect_ok, measure_async, options

Call = Callable[[], Awaitable[None]]
# get, list, and close: what each contender's factory returns.
Calls = Tuple[Call, Call, Call]


async def leat_calls(url: str, uuid: str, in_flight: int) -> Calls:
    import leat

    client = leat.AsyncClient(api_key="k", base_url=url)
    subscriptions = client.webhook_subscriptions

    async def get() -> None:
        (await subscriptions.get(uuid)).uuid

    async def list_() -> None:
        for subscription in await subscriptions.list():
            subscription.uuid

    return get, list_, client.close


async def httpx_calls(url: str, uuid: str, in_flight: int) -> Calls:
    import httpx

    # One kept-alive connection per call in flight, as the other contenders get.
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    client = httpx.AsyncClient(headers=HEADERS, limits=limits)
    item, collection = f"{url}{COLLECTION}/{uuid}", f"{url}{COLLECTION}"

    async def get() -> None:
        response = await client.get(item)
        expect_ok(response.status_code)
        response.json()["data"]["uuid"]

    async def list_() -> None:
        response = await client.get(collection)
        expect_ok(response.status_code)
        for subscription in response.json()["data"]:
            subscription["uuid"]

    return get, list_, client.aclose


async def aiohttp_calls(url: str, uuid: str, in_flight: int) -> Calls:
    import aiohttp

    session = aiohttp.ClientSession(headers=HEADERS, connector=aiohttp.TCPConnector(limit=in_flight))
    item, collection = f"{url}{COLLECTION}/{uuid}", f"{url}{COLLECTION}"

    async def fetch(target: str) -> Any:
        async with session.get(target) as response:
            expect_ok(response.status)
            return (await response.json())["data"]

    async def get() -> None:
        (await fetch(item))["uuid"]

    async def list_() -> None:
        for subscription in await fetch(collection):
            subscription["uuid"]

    return get, list_, session.close


CONTENDERS: Dict[str, Callable[[str, str, int], Awaitable[Calls]]] = {
    "leat": leat_calls,
    "httpx": httpx_calls,
    "aiohttp": aiohttp_calls,
}


async def in_flight(concurrency: int, calls: int, call: Call) -> None:
    """Makes `calls` calls with `concurrency` in flight, each worker starting its next call as
    soon as its last one ends."""
    left = iter(range(calls))

    async def worker() -> None:
        for _ in left:
            await call()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def main() -> None:
    args = options(CONTENDERS)
    get, list_, close = await CONTENDERS[args.contender](args.url, args.uuid, args.concurrency)
    for op, call in (("get", get), ("list", list_)):
        await in_flight(args.concurrency, args.warmup, call)
        await measure_async(op, args.calls, partial(in_flight, args.concurrency, args.calls, call))
    await close()


if __name__ == "__main__":
    asyncio.run(main())
