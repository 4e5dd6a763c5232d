"""Python quickstart: create, get, list, update and delete a webhook subscription.

With LEAT_API_KEY set it talks to Leat (or to LEAT_BASE_URL when that is set too); otherwise
it starts the embedded mock server and talks to that. Exits non-zero on any failure.
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
            print(f"using Leat at {client.base_url}")
            yield client
        return
    with MockServer() as mock:
        print(f"LEAT_API_KEY is not set: using the embedded mock server at {mock.url}")
        with leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
            yield client


def main() -> None:
    with connect() as client:
        subs = client.webhook_subscriptions
        created = subs.create(
            name="leat-sdk quickstart (Python)",
            event_type=leat.EventType.CONTACT_CREATED,
            url="https://example.com/leat-sdk-quickstart/webhooks",
        )
        print(f"created  {created.uuid} {created.event_type} -> {created.url} ({created.status})")

        fetched = subs.get(created.uuid)
        print(f"got      {fetched.uuid} named {fetched.name!r}, created at {fetched.created_at.isoformat()}")

        listed = subs.list(event_type=leat.EventType.CONTACT_CREATED)
        print(f"listed   {len(listed)} contact_created subscription(s)")
        if not any(s.uuid == created.uuid for s in listed):
            raise SystemExit("the new subscription is missing from the list")

        updated = subs.update(
            created.uuid, name="leat-sdk quickstart (Python, paused)", status=leat.Status.INACTIVE
        )
        print(f"updated  {updated.uuid} named {updated.name!r} is now {updated.status}")

        subs.delete(created.uuid)
        print(f"deleted  {created.uuid}")


if __name__ == "__main__":
    main()
