"""Lists that page, in both of Leat's meta formats: the first page at once, every item across
pages by iterating (sync and async), the first page awaitable, each next page asked for with
the same arguments and the next page's number. Pages are Leat-shaped answers scripted on the
mock, one per request."""

from __future__ import annotations

import asyncio
import copy
import json
import pathlib
from typing import Any, Dict, List

import leat
import pytest
from leat.testing import Fault, MockServer

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "spec" / "examples"
CONTACTS = "/api/v3/oauth/clients/contacts"
VOUCHERS = "/api/v3/oauth/clients/vouchers"


def example_item(operation: str) -> Dict[str, Any]:
    item: Dict[str, Any] = json.loads((EXAMPLES / f"{operation}.json").read_text())["data"][0]
    return item


def page_limit_pages(count: int, size: int) -> List[str]:
    """Contacts pages in the page/limit format, `limit` as the string Leat sends."""
    base = example_item("contacts.list")
    pages = []
    for number in range(1, count + 1):
        items = [dict(copy.deepcopy(base), uuid=f"contact-{number}-{i}") for i in range(size)]
        meta = {
            "page": number,
            "limit": str(size),
            "viewing_from": (number - 1) * size + 1,
            "viewing_to": number * size,
            "last_page": count,
            "total": count * size,
        }
        pages.append(json.dumps({"data": items, "meta": meta}))
    return pages


def laravel_pages(count: int, size: int) -> List[str]:
    """Voucher pages in Laravel's format; this one says no last_page, only the total."""
    base = example_item("vouchers.list")
    pages = []
    for number in range(1, count + 1):
        items = [dict(copy.deepcopy(base), uuid=f"voucher-{number}-{i}") for i in range(size)]
        meta = {
            "current_page": number,
            "from": (number - 1) * size + 1,
            "links": [],
            "path": "https://api.example.com/api/v3/oauth/clients/vouchers",
            "per_page": size,
            "to": number * size,
            "total": count * size,
        }
        pages.append(json.dumps({"data": items, "meta": meta}))
    return pages


def serve(mock: MockServer, path: str, pages: List[str]) -> None:
    mock.script([Fault.status(200, body=body, path=path) for body in pages])


def sent_queries(mock: MockServer, path: str) -> List[str]:
    return [r["query"] for r in mock.requests() if r["path"] == path]


def test_a_page_limit_list_walks_every_item_of_three_pages(client, mock):
    serve(mock, CONTACTS, page_limit_pages(3, 2))
    first = client.contacts.list(limit=2, sort="-created_at")
    assert isinstance(first, leat.Page)
    assert (first.page, first.last_page, first.per_page, first.total) == (1, 3, 2, 6)
    assert [c.uuid for c in first.data] == ["contact-1-0", "contact-1-1"]
    assert all(isinstance(c, leat.Contact) for c in first.data)
    assert first.has_next_page()
    assert len(sent_queries(mock, CONTACTS)) == 1, "the first page only, until more is asked for"
    assert [c.uuid for c in first] == [f"contact-{p}-{i}" for p in (1, 2, 3) for i in (0, 1)]
    assert sent_queries(mock, CONTACTS) == [
        "limit=2&sort=-created_at",
        "page=2&limit=2&sort=-created_at",
        "page=3&limit=2&sort=-created_at",
    ]


def test_pages_one_by_one_and_the_last_has_no_next(client, mock):
    serve(mock, CONTACTS, page_limit_pages(3, 1))
    first = client.contacts.list()
    second = first.next_page()
    assert second is not None and second.page == 2
    third = second.next_page()
    assert third is not None and third.page == 3
    assert not third.has_next_page() and third.next_page() is None
    assert len(sent_queries(mock, CONTACTS)) == 3


def test_iter_pages_yields_each_page_once(client, mock):
    serve(mock, CONTACTS, page_limit_pages(4, 1))
    assert [p.page for p in client.contacts.list().iter_pages()] == [1, 2, 3, 4]


def test_items_are_fetched_lazily(client, mock):
    serve(mock, CONTACTS, page_limit_pages(3, 2))
    items = iter(client.contacts.list())
    assert [next(items).uuid for _ in range(3)] == ["contact-1-0", "contact-1-1", "contact-2-0"]
    assert len(sent_queries(mock, CONTACTS)) == 2, "page 3 is not asked for before it is reached"


def test_a_laravel_list_walks_every_item_of_three_pages(client, mock):
    serve(mock, VOUCHERS, laravel_pages(3, 2))
    first = client.vouchers.list(status=leat.VoucherStatus.ACTIVE)
    assert (first.page, first.last_page, first.per_page, first.total) == (1, None, 2, 6)
    assert [v.uuid for v in first] == [f"voucher-{p}-{i}" for p in (1, 2, 3) for i in (0, 1)]
    assert all(isinstance(v, leat.Voucher) for v in first.data)
    assert sent_queries(mock, VOUCHERS) == ["status=ACTIVE", "status=ACTIVE&page=2", "status=ACTIVE&page=3"]


async def test_the_async_first_page_is_awaitable(aclient, mock):
    serve(mock, CONTACTS, page_limit_pages(3, 2))
    pager = aclient.contacts.list(limit=2)
    assert isinstance(pager, leat.AsyncPager)
    await asyncio.sleep(0.05)
    assert sent_queries(mock, CONTACTS) == [], "nothing is sent before it is awaited or iterated"
    first = await pager
    assert isinstance(first, leat.AsyncPage)
    assert (first.page, first.last_page, first.total) == (1, 3, 6)
    assert [c.uuid for c in first.data] == ["contact-1-0", "contact-1-1"]
    second = await first.next_page()
    assert second is not None and [c.uuid for c in second.data] == ["contact-2-0", "contact-2-1"]


async def test_async_iteration_walks_every_item_of_three_pages(aclient, mock):
    serve(mock, CONTACTS, page_limit_pages(3, 2))
    seen = [c.uuid async for c in aclient.contacts.list(limit=2)]
    assert seen == [f"contact-{p}-{i}" for p in (1, 2, 3) for i in (0, 1)]
    assert sent_queries(mock, CONTACTS) == ["limit=2", "page=2&limit=2", "page=3&limit=2"]


async def test_async_iteration_of_a_laravel_list_and_its_pages(aclient, mock):
    serve(mock, VOUCHERS, laravel_pages(3, 1))
    assert [v.uuid async for v in aclient.vouchers.list()] == ["voucher-1-0", "voucher-2-0", "voucher-3-0"]
    serve(mock, VOUCHERS, laravel_pages(3, 1))
    assert [p.page async for p in aclient.vouchers.list().iter_pages()] == [1, 2, 3]


async def test_iterating_an_async_page_continues_across_pages(aclient, mock):
    serve(mock, CONTACTS, page_limit_pages(3, 1))
    first = await aclient.contacts.list()
    assert [c.uuid async for c in first] == ["contact-1-0", "contact-2-0", "contact-3-0"]


def test_a_raw_first_page_parses_into_a_page_that_goes_on(client, mock):
    serve(mock, CONTACTS, page_limit_pages(3, 1))
    raw = client.contacts.with_raw_response.list()
    assert raw.status_code == 200 and json.loads(raw.content)["meta"]["last_page"] == 3
    page = raw.parse()
    assert isinstance(page, leat.Page)
    assert [c.uuid for c in page] == ["contact-1-0", "contact-2-0", "contact-3-0"]


def test_a_bad_page_argument_is_refused_before_sending(client, mock):
    with pytest.raises(TypeError):
        client.contacts.list(page="two")  # type: ignore[arg-type]
    assert mock.requests() == []
