"""Retries, the whole-call timeout and OAuth, as the core implements them, seen from Python."""

from __future__ import annotations

import asyncio
import time

import leat
import pytest
from conftest import api_requests
from leat.testing import Fault, MockServer


def test_a_create_after_a_500_is_sent_once(client, mock):
    mock.script([Fault.status(500)])
    with pytest.raises(leat.ServerError):
        client.webhook_subscriptions.create(name="n", event_type="contact_created", url="https://e.com/h")
    assert len(api_requests(mock, "POST")) == 1


def test_a_get_after_a_dropped_connection_succeeds(client, mock):
    mock.script([Fault.drop_connection()])
    assert client.webhook_subscriptions.list() == []
    assert len(api_requests(mock, "GET")) == 2


def test_retry_after_is_honoured(client, mock):
    mock.script([Fault.status(429, headers={"Retry-After": "1"})])
    started = time.monotonic()
    client.webhook_subscriptions.list()
    assert time.monotonic() - started >= 0.9


def test_the_timeout_bounds_the_whole_call(mock):
    with leat.Client(api_key=mock.api_key, base_url=mock.url, timeout=0.5, max_retries=5) as c:
        mock.script([Fault.status(503, headers={"Retry-After": "0"})] * 3 + [Fault.delay(5)])
        started = time.monotonic()
        with pytest.raises(leat.APITimeoutError):
            c.webhook_subscriptions.list()
    assert time.monotonic() - started < 1.5


def oauth_client(mock: MockServer, cls=leat.Client):  # type: ignore[no-untyped-def]
    return cls(client_id=mock.client_id, client_secret=mock.client_secret, base_url=mock.url)


def test_oauth_fetches_one_token_and_renews_it_once(mock):
    with oauth_client(mock) as c:
        c.webhook_subscriptions.list()
        c.webhook_subscriptions.list()
        assert mock.token_requests() == 1
        mock.expire_tokens()
        c.webhook_subscriptions.list()
        assert mock.token_requests() == 2


def test_oauth_client_id_may_be_an_int(mock):
    with leat.Client(client_id=int(mock.client_id), client_secret=mock.client_secret, base_url=mock.url) as c:
        c.webhook_subscriptions.list()


async def test_concurrent_async_calls_share_one_token_fetch(mock):
    mock.script([Fault.delay(0.2, path="/oauth/token")])
    async with oauth_client(mock, leat.AsyncClient) as c:
        await asyncio.gather(*(c.webhook_subscriptions.list() for _ in range(20)))
    assert mock.token_requests() == 1


def test_wrong_client_secret(mock):
    with leat.Client(client_id=mock.client_id, client_secret="cs_WRONG", base_url=mock.url) as c:
        with pytest.raises(leat.AuthenticationError) as info:
            c.webhook_subscriptions.list()
    assert "cs_WRONG" not in str(info.value)
