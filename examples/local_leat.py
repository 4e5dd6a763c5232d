"""A whole loyalty flow against a local Leat: the embedded mock keeps the account's state and
sends the webhooks its changes cause, signed as Leat signs them, to a Flask receiver.

It subscribes the receiver to ``credit_reception_created`` and ``voucher_redeemed``, finds or
creates a contact by email, gives it credits for a purchase, sees the signed delivery arrive
and resolves its event to the contact, reads the balance, is refused a reward the contact cannot
afford (Leat's 1017) and redeems one it can, then redeems a voucher and is refused a second time.

Run: python examples/local_leat.py (after ``make python-build``; needs Flask, as the dev
dependencies have it). Exits non-zero on any failure.
"""

from __future__ import annotations

import logging
import threading
from typing import List

import leat
from flask import Flask
from leat.testing import MockServer
from leat.webhooks import WebhookEvent
from leat.webhooks.flask import verified
from werkzeug.serving import make_server

SECRET = "whsec_local_leat_example"
received: List[WebhookEvent] = []

app = Flask(__name__)


@app.post("/leat/webhooks")
@verified(secret=SECRET)
def receive(event: WebhookEvent) -> None:
    received.append(event)  # nothing returned: 204, the delivery succeeded


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per delivery
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/leat/webhooks"
    # seed=1: the same uuids on every run.
    with MockServer(seed=1) as mock, leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        for event_type in (leat.EventType.CREDIT_RECEPTION_CREATED, leat.EventType.VOUCHER_REDEEMED):
            client.webhook_subscriptions.create(
                name=f"Local {event_type}", event_type=event_type, url=url, secret=SECRET
            )
        print(f"receiver at {url}, subscribed to credit_reception_created and voucher_redeemed")

        shop = client.shops.list()[0]
        contact = client.contacts.find_or_create(email="jane@example.com")
        print(f"contact   {contact.uuid} ({contact.email})")

        reception = client.credit_receptions.create(
            contact_uuid=contact.uuid, shop_uuid=shop.uuid, unit_value=42.5
        )
        print(f"received  {reception.credits} credits for a purchase of 42.50 at {shop.name}")

        # Leat delivers in the background; the mock lets a test wait for it.
        [delivery] = mock.deliveries(wait=10, count=1)
        print(f"delivered {delivery['event_type']} to the receiver: HTTP {delivery['status']}")
        event = received[0]
        assert event.credit_reception is not None, event.data
        resolved = client.webhooks.resolve(event)
        assert isinstance(resolved, leat.models.Contact) and resolved.uuid == contact.uuid, resolved
        print(f"resolved  the event to contact {resolved.uuid}")

        balance = client.contacts.get_credit_balance(contact.uuid).balance
        print(f"balance   {balance} credits")

        rewards = sorted(client.rewards.list(), key=lambda r: r.required_credits or 0)
        too_dear = next(r for r in reversed(rewards) if (r.required_credits or 0) > balance)
        try:
            client.reward_receptions.create(
                contact_uuid=contact.uuid, shop_uuid=shop.uuid, reward_uuid=too_dear.uuid
            )
            raise SystemExit(
                f"{too_dear.title} ({too_dear.required_credits} credits) should have been refused"
            )
        except leat.LimitError as err:
            print(
                f"refused   {too_dear.title} ({too_dear.required_credits} credits): {err.code} {err.message}"
            )
        affordable = next(r for r in rewards if 0 < (r.required_credits or 0) <= balance)
        client.reward_receptions.create(
            contact_uuid=contact.uuid, shop_uuid=shop.uuid, reward_uuid=affordable.uuid
        )
        left = client.contacts.get_credit_balance(contact.uuid).balance
        print(f"redeemed  {affordable.title} for {affordable.required_credits} credits; {left} left")

        promotion = client.promotions.list()[0]
        voucher = client.vouchers.create(promotion_uuid=promotion.uuid, contact_uuid=contact.uuid)
        client.vouchers.redeem(code=voucher.code, shop_uuid=shop.uuid)
        try:
            client.vouchers.redeem(code=voucher.code, shop_uuid=shop.uuid)
            raise SystemExit(f"a second redeem of {voucher.code} should have been refused")
        except leat.ConflictError as err:
            print(f"voucher   {voucher.code} redeemed once; again: {err.code} {err.message}")
        mock.deliveries(wait=10, count=2)
        redeemed = client.webhooks.resolve(received[-1])
        assert isinstance(redeemed, leat.models.Voucher) and redeemed.code == voucher.code, redeemed
        print(f"resolved  the voucher_redeemed event to voucher {redeemed.code}")
    server.shutdown()


if __name__ == "__main__":
    main()
