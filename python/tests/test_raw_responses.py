"""``with_raw_response``: Leat's answer as it came (status, headers in any case, body bytes,
request id, rate limits) and ``parse()``, from both clients; on an error, the same exception
as the plain method, carrying the answer's headers, body and rate limits."""

from __future__ import annotations

import json

import leat
import pytest
from conftest import create
from leat.testing import Fault

RATE_LIMITED = {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "59"}
MISSING = "00000000-0000-4000-8000-000000000000"


def test_a_raw_get_carries_the_answer_and_parses_into_the_model(client, mock):
    created = create(client)
    raw = client.webhook_subscriptions.with_raw_response.get(created.uuid)
    assert isinstance(raw, leat.RawResponse)
    assert raw.status_code == 200
    assert raw.headers["Content-Type"] == raw.headers["content-type"] == "application/json"
    assert "X-REQUEST-ID" in raw.headers and raw.request_id == raw.headers["x-request-id"]
    assert json.loads(raw.content) == raw.json() and raw.text == raw.content.decode()
    assert raw.json()["data"]["uuid"] == created.uuid
    parsed = raw.parse()
    assert isinstance(parsed, leat.WebhookSubscription) and parsed == created
    assert (raw.rate_limit_limit, raw.rate_limit_remaining) == (None, None)


def test_the_rate_limit_headers_are_read_on_success(client, mock):
    body = json.dumps({"data": [], "meta": []})
    mock.script([Fault.status(200, body=body, headers={**RATE_LIMITED, "X-Extra": "kept"})])
    raw = client.webhook_subscriptions.with_raw_response.list()
    assert (raw.rate_limit_limit, raw.rate_limit_remaining) == (60, 59)
    assert raw.headers.get_list("x-extra") == ["kept"]
    assert raw.content == body.encode() and raw.parse() == []


def test_a_raw_create_and_a_raw_delete(client, mock):
    raw = client.webhook_subscriptions.with_raw_response.create(
        name="n", event_type="contact_created", url="https://example.com/h"
    )
    assert raw.status_code == 201
    uuid = raw.parse().uuid
    deleted = client.webhook_subscriptions.with_raw_response.delete(uuid)
    assert deleted.status_code == 200 and deleted.parse() is None
    assert mock.subscriptions() == []


def test_an_error_raises_the_plain_methods_class_with_the_answer(client, mock):
    body = json.dumps({"message": "Contact not found.", "code": 55031, "status_code": 400})
    mock.script([Fault.status(400, body=body, headers=RATE_LIMITED)])
    with pytest.raises(leat.NotFoundError) as info:
        client.webhook_subscriptions.with_raw_response.get(MISSING)
    err = info.value
    assert (err.status_code, err.code, err.message) == (400, 55031, "Contact not found.")
    assert err.body == body.encode()
    assert err.headers["x-ratelimit-limit"] == "60"
    assert (err.rate_limit_limit, err.rate_limit_remaining) == (60, 59)


def test_a_plain_call_error_carries_the_same_answer(client, mock):
    mock.script([Fault.status(429, headers={**RATE_LIMITED, "Retry-After": "7"})])
    with pytest.raises(leat.RateLimitError) as info:
        client.with_options(max_retries=0).webhook_subscriptions.list()
    err = info.value
    assert (err.retry_after, err.rate_limit_limit, err.rate_limit_remaining) == (7.0, 60, 59)
    assert err.headers["retry-after"] == "7" and isinstance(err.body, bytes)


async def test_the_async_raw_methods_are_coroutines(aclient, mock):
    created = await aclient.webhook_subscriptions.create(
        name="n", event_type="contact_created", url="https://example.com/h"
    )
    raw = await aclient.webhook_subscriptions.with_raw_response.get(created.uuid)
    assert raw.status_code == 200 and raw.parse() == created
    mock.script([Fault.status(400, body='{"message": "m", "code": 80300}', headers=RATE_LIMITED)])
    with pytest.raises(leat.NotFoundError) as info:
        await aclient.webhook_subscriptions.with_raw_response.get(MISSING)
    assert info.value.rate_limit_remaining == 59 and info.value.body == b'{"message": "m", "code": 80300}'


def test_headers_that_are_not_numbers_give_no_rate_limit(client, mock):
    body = json.dumps({"data": [], "meta": []})
    headers = {"X-RateLimit-Limit": "lots", "X-RateLimit-Remaining": " 3 "}
    mock.script([Fault.status(200, body=body, headers=headers)])
    raw = client.webhook_subscriptions.with_raw_response.list()
    assert (raw.rate_limit_limit, raw.rate_limit_remaining) == (None, 3)
