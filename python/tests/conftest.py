"""Shared fixtures: a fresh mock server per test and clients pointed at it."""

from __future__ import annotations

import json
import pathlib
from typing import Iterator

import leat
import pytest
from leat.testing import MockServer

# Shared checks live in receivers_support: let pytest show the values when one fails there.
pytest.register_assert_rewrite("receivers_support")

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "responses"
COLLECTION = "/api/v3/oauth/clients/webhook-subscriptions"


@pytest.fixture
def mock() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


@pytest.fixture
def client(mock: MockServer) -> Iterator[leat.Client]:
    with leat.Client(api_key=mock.api_key, base_url=mock.url, timeout=10.0) as c:
        yield c


@pytest.fixture
async def aclient(mock: MockServer):  # type: ignore[no-untyped-def]
    async with leat.AsyncClient(api_key=mock.api_key, base_url=mock.url, timeout=10.0) as c:
        yield c


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text()


def api_requests(mock: MockServer, method: str | None = None) -> list:
    return [
        r
        for r in mock.requests()
        if r["path"].startswith(COLLECTION) and (method is None or r["method"] == method)
    ]


def body_of(request: dict) -> dict:
    return json.loads(request["body"])


def create(client: leat.Client, **overrides: object) -> leat.WebhookSubscription:
    fields = dict(name="New members", event_type="contact_created", url="https://example.com/hooks")
    fields.update(overrides)
    return client.webhook_subscriptions.create(**fields)  # type: ignore[arg-type]
