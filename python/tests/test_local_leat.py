"""The loyalty flow end to end against the stateful mock: its changes send signed webhooks to a
Flask receiver, whose typed events resolve to their entities; reset and seed make it repeat."""

from __future__ import annotations

import threading
from typing import Any, Dict, Iterator, List, Tuple

import leat
import pytest
from flask import Flask
from leat.testing import MockServer
from leat.webhooks import WebhookEvent
from leat.webhooks.flask import verified
from werkzeug.serving import make_server

SECRET = "whsec_local_leat_test"


@pytest.fixture
def receiver() -> Iterator[Tuple[str, List[WebhookEvent]]]:
    """A Flask receiver on a real server, and the events it verified."""
    received: List[WebhookEvent] = []
    app = Flask(__name__)

    @app.post("/leat/webhooks")
    @verified(secret=SECRET)
    def receive(event: WebhookEvent) -> None:
        received.append(event)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/leat/webhooks", received
    finally:
        server.shutdown()
        thread.join()


def flow(mock: MockServer, client: leat.Client, url: str, received: List[WebhookEvent]) -> Dict[str, Any]:
    """The issue's flow; returns what it saw, to compare two runs."""
    for event_type in ("credit_reception_created", "voucher_redeemed"):
        client.webhook_subscriptions.create(name=event_type, event_type=event_type, url=url, secret=SECRET)
    shop = client.shops.list()[0]
    contact = client.contacts.find_or_create(email="jane@example.com")
    assert client.contacts.find_or_create(email="jane@example.com").uuid == contact.uuid
    before = client.contacts.get_credit_balance(contact.uuid).balance

    reception = client.credit_receptions.create(
        contact_uuid=contact.uuid, shop_uuid=shop.uuid, unit_value=42.5
    )
    assert reception.credits > 0

    [delivery] = mock.deliveries(wait=10, count=1)
    assert delivery["event_type"] == "credit_reception_created"
    assert delivery["status"] == 204 and delivery["attempts"] == 1
    assert delivery["signature"] == leat.webhooks.sign(delivery["body"], SECRET)
    [event] = received
    assert event.event_type == "credit_reception_created"
    assert event.credit_reception is not None and event.voucher is None
    resolved = client.webhooks.resolve(event)
    assert isinstance(resolved, leat.models.Contact)
    assert resolved.uuid == contact.uuid

    balance = client.contacts.get_credit_balance(contact.uuid).balance
    assert balance == before + reception.credits

    rewards = sorted(client.rewards.list(), key=lambda r: r.required_credits or 0)
    too_dear = next(r for r in reversed(rewards) if (r.required_credits or 0) > balance)
    with pytest.raises(leat.LimitError) as refused:
        client.reward_receptions.create(
            contact_uuid=contact.uuid, shop_uuid=shop.uuid, reward_uuid=too_dear.uuid
        )
    assert refused.value.code == 1017
    assert client.contacts.get_credit_balance(contact.uuid).balance == balance
    affordable = next(r for r in rewards if 0 < (r.required_credits or 0) <= balance)
    client.reward_receptions.create(
        contact_uuid=contact.uuid, shop_uuid=shop.uuid, reward_uuid=affordable.uuid
    )
    left = client.contacts.get_credit_balance(contact.uuid).balance
    assert left == balance - affordable.required_credits

    promotion = client.promotions.list()[0]
    voucher = client.vouchers.create(promotion_uuid=promotion.uuid, contact_uuid=contact.uuid)
    client.vouchers.redeem(code=voucher.code, shop_uuid=shop.uuid)
    with pytest.raises(leat.ConflictError) as again:
        client.vouchers.redeem(code=voucher.code, shop_uuid=shop.uuid)
    assert again.value.code == 80005

    sent = mock.deliveries(wait=10, count=2)
    assert [d["event_type"] for d in sent] == ["credit_reception_created", "voucher_redeemed"]
    redeemed_event = received[-1]
    assert redeemed_event.voucher is not None and redeemed_event.voucher.code == voucher.code
    redeemed = client.webhooks.resolve(redeemed_event)
    assert isinstance(redeemed, leat.models.Voucher) and redeemed.code == voucher.code
    return {
        "contact": contact.uuid,
        "reception": reception.uuid,
        "credits": reception.credits,
        "left": left,
        "voucher": (voucher.uuid, voucher.code),
        "bodies": [d["body"] for d in sent],
    }


def test_the_flow_runs_twice_alike_after_reset(receiver: Tuple[str, List[WebhookEvent]]) -> None:
    url, received = receiver
    with MockServer(seed=42) as mock, leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        first = flow(mock, client, url, received)
        mock.reset()
        assert mock.deliveries() == [] and mock.subscriptions() == []
        received.clear()
        second = flow(mock, client, url, received)
    # The contact is new to the fresh account both times, with the seed's uuids.
    assert second == first


def test_a_state_description_replaces_the_account() -> None:
    account = {
        "contacts": [{"email": "rich@example.com", "credits": 5000}],
    }
    with MockServer(state=account) as mock, leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        contact = client.contacts.find_one_by(email="rich@example.com")
        assert client.contacts.get_credit_balance(contact.uuid).balance == 5000
        with pytest.raises(leat.NotFoundError):
            client.contacts.find_one_by(email="jane@example.com")
        mock.load_state({"contacts": [{"email": "poor@example.com", "credits": 0}]})
        poor = client.contacts.find_one_by(email="poor@example.com")
        assert client.contacts.get_credit_balance(poor.uuid).balance == 0
        mock.reset()
        assert client.contacts.find_one_by(email="poor@example.com").email == "poor@example.com"
    with pytest.raises(ValueError, match="contacts"):
        MockServer(state={"contacts": "not a list"}).start()


def test_deliveries_without_subscribers_or_wait_are_empty() -> None:
    with MockServer() as mock:
        assert mock.deliveries() == []
        assert mock.deliveries(wait=0.05) == []
        with pytest.raises(ValueError, match="wait"):
            mock.deliveries(wait=-1)
