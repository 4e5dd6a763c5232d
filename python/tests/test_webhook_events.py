"""Typed webhook events: the entity each event type carries (from the shared realistic payloads
of tests/fixtures/webhook_events.json), and ``client.webhooks.resolve(event)`` fetching its
current state from the mock."""

from __future__ import annotations

import copy
import json
import pathlib
import pickle
from typing import Any, Dict, List

import leat
import pytest
from leat.testing import MockServer
from leat.webhooks import WebhookEvent, construct_event, sign

FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "webhook_events.json"
EVENTS: List[Dict[str, Any]] = json.loads(FIXTURE.read_text())["events"]
KINDS = [
    "contact",
    "contact_identifier",
    "credit_reception",
    "giftcard_transaction",
    "prepaid_transaction",
    "promotion",
    "reward",
    "voucher",
]


def case(event_type: str) -> Dict[str, Any]:
    return copy.deepcopy(next(e for e in EVENTS if e["type"] == event_type))


def received(body: Dict[str, Any]) -> WebhookEvent:
    """The delivery as a receiver gets it: signed bytes, verified and parsed by the core."""
    raw = json.dumps(body).encode()
    return construct_event(raw, sign(raw, "whsec_test"), "whsec_test")


def test_every_event_type_has_a_fixture() -> None:
    assert sorted(e["type"] for e in EVENTS) == sorted(t.value for t in leat.EventType)


@pytest.mark.parametrize("fixture", EVENTS, ids=[e["type"] for e in EVENTS])
def test_each_event_types_entity_is_typed_from_a_realistic_payload(fixture: Dict[str, Any]) -> None:
    event = received(fixture["body"])
    if fixture["model"] is None:
        assert event.entity is None
        assert all(getattr(event, kind) is None for kind in KINDS)
        return
    entity = event.entity
    assert type(entity).__name__ == fixture["model"]
    assert isinstance(entity, getattr(leat, fixture["model"]))
    assert entity.to_dict() == fixture["body"]["data"][fixture["entity"]]
    # Its own kind's property gives it; every other kind's is None.
    for kind in KINDS:
        expected = entity if kind == fixture["entity"] else None
        assert getattr(event, kind) == expected, kind


def test_the_typed_entity_reads_the_payloads_fields() -> None:
    event = received(case("credit_reception_created")["body"])
    reception = event.credit_reception
    assert reception is not None
    assert reception.uuid == "294183c2-20f2-4f86-a5e5-17e71c4b0660"
    assert reception.contact is not None and reception.contact.uuid == "123"
    voucher = received(case("voucher_redeemed")["body"]).voucher
    assert voucher is not None and voucher.code == "EXAMPLE-CODE-03785"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"contact": None},
        {"contact": []},
        {"contact": "123"},
        {"contact": {"email": "no-uuid@example.com"}},
        {"voucher": {"uuid": "the wrong key"}},
    ],
)
def test_an_absent_or_malformed_entity_is_none(data: Dict[str, Any]) -> None:
    event = received({"type": "contact_created", "data": data})
    assert event.entity is None
    assert event.contact is None


def test_an_unknown_event_type_carries_no_entity() -> None:
    assert WebhookEvent("loyalty_party_started", {"contact": {"uuid": "123"}}).entity is None


def test_fields_the_model_does_not_know_are_kept() -> None:
    body = case("contact_created")["body"]
    body["data"]["contact"]["favourite_colour"] = "teal"
    contact = received(body).contact
    assert contact is not None
    assert contact.to_dict()["favourite_colour"] == "teal"
    assert contact.uuid == "123"


def test_an_event_made_by_hand_is_typed_too() -> None:
    event = WebhookEvent("voucher_created", case("voucher_created")["body"]["data"])
    assert isinstance(event.voucher, leat.Voucher)


def test_the_typed_entity_leaves_equality_repr_and_pickling_as_they_were() -> None:
    data = case("contact_created")["body"]["data"]
    event = received({"type": "contact_created", "data": data})
    assert event.contact is not None
    assert event == WebhookEvent("contact_created", data)
    assert repr(event).startswith("WebhookEvent(event_type='contact_created', data=")
    again = pickle.loads(pickle.dumps(event))
    assert again == event and again.contact == event.contact


def test_a_credit_reception_resolves_to_its_contact(client: leat.Client, mock: MockServer) -> None:
    event = received(case("credit_reception_created")["body"])
    contact = client.webhooks.resolve(event)
    assert isinstance(contact, leat.Contact)
    assert contact.uuid == "123"
    [request] = mock.requests()
    assert (request["method"], request["path"]) == ("GET", "/api/v3/oauth/clients/contacts/123")
    assert request["headers"]["authorization"] == f"Bearer {mock.api_key}"


def test_a_voucher_resolves_by_its_code(client: leat.Client, mock: MockServer) -> None:
    voucher = client.webhooks.resolve(received(case("voucher_redeemed")["body"]))
    assert isinstance(voucher, leat.Voucher)
    assert voucher.code == "EXAMPLE-CODE-03785"
    [request] = mock.requests()
    assert (request["path"], request["query"]) == (
        "/api/v3/oauth/clients/vouchers/find",
        "code=EXAMPLE-CODE-03785",
    )


@pytest.mark.parametrize(
    ("event_type", "path"),
    [
        ("reward_updated", "/api/v3/oauth/clients/rewards/024d7a8a-54c8-430c-bfa4-ca2ee800574a"),
        ("promotion_updated", "/api/v3/oauth/clients/promotions/5c3d59c7-7799-4d41-894a-8f46e50edfda"),
        (
            "giftcard_transaction_created",
            "/api/v3/oauth/clients/giftcard-transactions/9e6426ef-1916-4f3c-a94f-4cf6af4f945b",
        ),
    ],
)
def test_rewards_promotions_and_giftcard_transactions_resolve_by_uuid(
    client: leat.Client, mock: MockServer, event_type: str, path: str
) -> None:
    fixture = case(event_type)
    event = received(fixture["body"])
    resolved = client.webhooks.resolve(event)
    assert type(resolved).__name__ == fixture["resolve"]["model"]
    assert resolved == event.entity
    assert [r["path"] for r in mock.requests()] == [path]


@pytest.mark.parametrize("event_type", ["form_submission_completed", "referral_completed"])
def test_events_leat_offers_no_way_to_fetch_resolve_to_none(
    client: leat.Client, mock: MockServer, event_type: str
) -> None:
    assert client.webhooks.resolve(received(case(event_type)["body"])) is None
    assert (
        client.webhooks.resolve(WebhookEvent("loyalty_party_started", {"contact": {"uuid": "123"}})) is None
    )
    assert mock.requests() == []


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"credit_reception": {"uuid": "r1", "credits": 5}}, "is missing"),
        ({}, "is missing"),
        ({"credit_reception": {"contact": {"uuid": 42}}}, "is the number 42, not a string"),
        ({"credit_reception": {"contact": {"uuid": ""}}}, "is an empty string"),
    ],
)
def test_a_payload_without_the_needed_key_is_refused_before_anything_is_sent(
    client: leat.Client, mock: MockServer, data: Dict[str, Any], says: str
) -> None:
    with pytest.raises(leat.ValidationError) as info:
        client.webhooks.resolve(WebhookEvent("credit_reception_created", data))
    text = str(info.value)
    assert "cannot resolve a credit_reception_created event" in text
    assert "data.credit_reception.contact.uuid, which contacts.get takes as contact_uuid" in text
    assert says in text
    assert mock.requests() == []


def test_an_entity_gone_from_the_account_is_not_found(client: leat.Client) -> None:
    event = WebhookEvent("contact_updated", {"contact": {"uuid": "4b0a7c2e-0000-4000-8000-000000000000"}})
    with pytest.raises(leat.NotFoundError) as info:
        client.webhooks.resolve(event)
    assert info.value.code == 55031


def test_resolve_takes_only_an_event(client: leat.Client) -> None:
    with pytest.raises(TypeError, match="takes a leat.webhooks.WebhookEvent"):
        client.webhooks.resolve({"type": "contact_created"})  # type: ignore[arg-type]


async def test_the_async_client_resolves_as_a_coroutine(aclient: leat.AsyncClient, mock: MockServer) -> None:
    contact = await aclient.webhooks.resolve(received(case("prepaid_transaction_created")["body"]))
    assert isinstance(contact, leat.Contact) and contact.uuid == "123"
    assert await aclient.webhooks.resolve(received(case("referral_completed")["body"])) is None
    with pytest.raises(leat.ValidationError):
        await aclient.webhooks.resolve(WebhookEvent("voucher_redeemed", {"voucher": {"uuid": "v1"}}))
    assert [r["path"] for r in mock.requests()] == ["/api/v3/oauth/clients/contacts/123"]
