"""Python, one thread, one call at a time: `leat.Client` vs `requests.Session` vs
`httpx.Client`. Each call's answer becomes objects the caller reads a field of."""

from __future__ import annotations

from typing import Callable, Dict, Tuple

from measure import COLLECTION, HEADERS, expect_ok, measure, options

Calls = Tuple[Callable[[], None], Callable[[], None]]


def leat_calls(url: str, uuid: str) -> Calls:
    import leat

    subscriptions = leat.Client(api_key="k", base_url=url).webhook_subscriptions

    def get() -> None:
        subscriptions.get(uuid).uuid

    def list_() -> None:
        for subscription in subscriptions.list():
            subscription.uuid

    return get, list_


def requests_calls(url: str, uuid: str) -> Calls:
    import requests

    session = requests.Session()
    session.headers.update(HEADERS)
    return _plain(session.get, url, uuid)


def httpx_calls(url: str, uuid: str) -> Calls:
    import httpx

    client = httpx.Client(headers=HEADERS)
    return _plain(client.get, url, uuid)


def _plain(fetch: Callable[[str], object], url: str, uuid: str) -> Calls:
    """get and list over a requests- or httpx-style `fetch(url) -> response`."""
    item, collection = f"{url}{COLLECTION}/{uuid}", f"{url}{COLLECTION}"

    def get() -> None:
        response = fetch(item)
        expect_ok(response.status_code)  # type: ignore[attr-defined]
        response.json()["data"]["uuid"]  # type: ignore[attr-defined]

    def list_() -> None:
        response = fetch(collection)
        expect_ok(response.status_code)  # type: ignore[attr-defined]
        for subscription in response.json()["data"]:  # type: ignore[attr-defined]
            subscription["uuid"]

    return get, list_


CONTENDERS: Dict[str, Callable[[str, str], Calls]] = {
    "leat": leat_calls,
    "requests": requests_calls,
    "httpx": httpx_calls,
}


def main() -> None:
    args = options(CONTENDERS)
    get, list_ = CONTENDERS[args.contender](args.url, args.uuid)
    for op, call in (("get", get), ("list", list_)):
        for _ in range(args.warmup):
            call()

        def phase(call: Callable[[], None] = call) -> None:
            for _ in range(args.calls):
                call()

        measure(op, args.calls, phase)


if __name__ == "__main__":
    main()
