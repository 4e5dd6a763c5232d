"""Python loyalty quickstart: find or create a contact by email, give it credits for a
purchase, read its credit balance, list the rewards it can afford, and redeem one.

With LEAT_API_KEY set it talks to Leat (or to LEAT_BASE_URL when that is set too); otherwise
it starts the embedded mock server, a ready account, and talks to that. Exits non-zero on any
failure.
"""

from __future__ import annotations

import contextlib
import os
from typing import Iterator

import leat
from leat.testing import MockServer


@contextlib.contextmanager
def connect() -> Iterator[leat.Client]:
    if os.environ.get("LEAT_API_KEY", "").strip():
        with leat.Client() as client:
            yield client
        return
    with MockServer() as mock, leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        yield client


def main() -> None:
    with connect() as client:
        print(f"using Leat at {client.base_url}")
        # The shop the purchase was made in.
        shop = client.shops.list()[0]

        # The customer, by email: found, or made when Leat has none.
        contact = client.contacts.find_or_create(email="jane@example.com")
        print(f"contact  {contact.uuid} ({contact.email})")

        # Credits for a purchase of 42.50 in the account's default unit: Leat's rules decide
        # how many. Sent once: a reception whose outcome is unknown is never repeated.
        reception = client.credit_receptions.create(
            contact_uuid=contact.uuid, shop_uuid=shop.uuid, unit_value=42.5
        )
        print(f"received {reception.credits} credits at {shop.name}")

        balance = client.contacts.get_credit_balance(contact.uuid).balance
        print(f"balance  {balance} credits")

        # The rewards it can afford now.
        offered = client.rewards.list(contact_uuid=contact.uuid)
        affordable = [r for r in offered if r.required_credits is not None and r.required_credits <= balance]
        print(f"{len(affordable)} of {len(offered)} rewards are within reach")

        if affordable:
            redeemed = client.reward_receptions.create(
                reward_uuid=affordable[0].uuid, shop_uuid=shop.uuid, contact_uuid=contact.uuid
            )
            print(f"redeemed {redeemed.title} for {abs(redeemed.credits)} credits")
            after = client.contacts.get_credit_balance(contact.uuid).balance
            print(f"balance  {after} credits left")


if __name__ == "__main__":
    main()
