"""The five operations, sync and async, and what each puts on the wire."""

from __future__ import annotations

import asyncio
import datetime

import leat
from conftest import api_requests, body_of, create, fixture
from leat.testing import Fault


def test_create_returns_a_typed_subscription(client, mock):
    sub = create(client)
    assert isinstance(sub, leat.WebhookSubscription)
    assert sub.name == "New members"
    assert sub.event_type == "contact_created" == leat.EventType.CONTACT_CREATED
    assert sub.status == leat.Status.ACTIVE
    assert sub.version == "V1"
    assert sub.properties == []
    assert isinstance(sub.created_at, datetime.datetime)
    assert sub.created_at.tzinfo is not None
    assert len(mock.subscriptions()) == 1


def test_create_leaves_out_fields_not_given(client, mock):
    create(client)
    assert set(body_of(api_requests(mock, "POST")[-1])) == {"name", "event_type", "url"}


def test_create_sends_secret_and_attributes(client, mock):
    sub = create(
        client,
        event_type=leat.EventType.CONTACT_UPDATED,
        secret="whsec_1",
        attributes=["firstname", "lastname"],
    )
    body = body_of(api_requests(mock, "POST")[-1])
    assert body["secret"] == "whsec_1"
    assert body["event_type"] == "contact_updated"
    assert sub.properties == ["firstname", "lastname"]


def test_get_list_update_delete(client, mock):
    subs = client.webhook_subscriptions
    created = create(client)
    assert subs.get(created.uuid) == created
    assert [s.uuid for s in subs.list()] == [created.uuid]
    assert subs.list(event_type="voucher_redeemed") == []
    assert api_requests(mock, "GET")[-1]["query"] == "event_type=voucher_redeemed"
    updated = subs.update(created.uuid, status=leat.Status.INACTIVE, name="Paused")
    assert (updated.status, updated.name) == ("INACTIVE", "Paused")
    assert body_of(api_requests(mock, "PUT")[-1]) == {"name": "Paused", "status": "INACTIVE"}
    assert subs.list(status="INACTIVE")[0].uuid == created.uuid
    assert subs.delete(created.uuid) is None
    assert mock.subscriptions() == []


def test_headers_name_the_sdk_and_python(client, mock):
    client.webhook_subscriptions.list()
    headers = api_requests(mock)[-1]["headers"]
    assert headers["authorization"] == f"Bearer {mock.api_key}"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith(f"leat-sdk/{leat.__version__}")
    assert "python/3." in headers["user-agent"]


def test_partner_id_header(mock):
    with leat.Client(api_key=mock.api_key, base_url=mock.url, partner_id="p-1") as c:
        c.webhook_subscriptions.list()
    assert api_requests(mock)[-1]["headers"]["x-partner-id"] == "p-1"


def test_subscription_repr_eq_hash_and_to_dict(client):
    sub = create(client)
    again = client.webhook_subscriptions.get(sub.uuid)
    assert sub == again and hash(sub) == hash(again)
    assert sub != create(client)
    assert sub != "not a subscription"
    text = repr(sub)
    assert text.startswith("WebhookSubscription(") and f"uuid='{sub.uuid}'" in text
    as_dict = sub.to_dict()
    assert as_dict["uuid"] == sub.uuid and as_dict["event_type"] == "contact_created"
    assert as_dict["created_at"].endswith("+00:00")


def test_to_dict_keeps_the_fields_leat_added_after_the_known_ones(client, mock):
    mock.script([Fault.status(200, body=fixture("get_extra_fields.json"))])
    sub = client.webhook_subscriptions.get("59165ef0-1afd-4baf-b1f7-ffee287aff32")
    as_dict = sub.to_dict()
    assert list(as_dict)[-2:] == ["updated_at", "retries"]
    assert (as_dict["updated_at"], as_dict["retries"]) == ("2023-11-14T08:00:00+00:00", {"max": 5})


def test_subscriptions_are_immutable(client):
    sub = create(client)
    try:
        sub.name = "changed"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a subscription could be changed")


def test_plain_strings_and_enums_are_interchangeable(client):
    sub = create(client, event_type=leat.EventType.VOUCHER_CREATED)
    assert client.webhook_subscriptions.list(event_type="voucher_created")[0].uuid == sub.uuid
    assert str(leat.EventType.VOUCHER_CREATED) == "voucher_created"
    assert len(list(leat.EventType)) == 13


async def test_async_client_runs_every_operation(aclient, mock):
    subs = aclient.webhook_subscriptions
    created = await subs.create(name="n", event_type="contact_created", url="https://e.com/h")
    assert (await subs.get(created.uuid)) == created
    assert len(await subs.list()) == 1
    assert (await subs.update(created.uuid, name="m")).name == "m"
    assert await subs.delete(created.uuid) is None
    assert mock.subscriptions() == []


async def test_100_concurrent_async_calls(aclient, mock):
    subs = aclient.webhook_subscriptions
    created = await asyncio.gather(
        *(subs.create(name=f"n{i}", event_type="contact_created", url="https://e.com/h") for i in range(100))
    )
    assert len({s.uuid for s in created}) == 100
    assert len(mock.subscriptions()) == 100


def test_sync_and_async_clients_from_one_mock(mock):
    async def main() -> int:
        async with leat.AsyncClient(api_key=mock.api_key, base_url=mock.url) as ac:
            return len(await ac.webhook_subscriptions.list())

    with leat.Client(api_key=mock.api_key, base_url=mock.url) as c:
        create(c)
    assert asyncio.run(main()) == 1
    # A second event loop, one after the other, with a new client.
    assert asyncio.run(main()) == 1
