"""What the framework receiver tests (test_receivers_*.py) share: the handler they record with,
subscribing a receiver on the mock, and posting a delivery by hand."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Callable, Dict, List, Optional, Tuple

import leat
from leat.webhooks import WebhookEvent

SECRET = "whsec_receiver_test"
DATA = {"contact": {"uuid": "9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d"}, "url": "https://shop.example/c/1"}
EVENT = WebhookEvent("contact_created", DATA)
BODY = json.dumps({"type": "contact_created", "data": DATA}).encode()


class Handled:
    """The events a receiver's handler got; it raises for the first ``fail_first`` calls."""

    def __init__(self) -> None:
        self.events: List[WebhookEvent] = []
        self.calls = 0
        self.fail_first = 0
        self._lock = threading.Lock()

    def reset(self) -> None:
        with self._lock:
            self.events, self.calls, self.fail_first = [], 0, 0

    def __call__(self, event: WebhookEvent) -> None:
        with self._lock:
            self.calls += 1
            if self.calls <= self.fail_first:
                raise RuntimeError(f"the handler failed on call {self.calls}")
            self.events.append(event)


def subscribe(client: leat.Client, url: str, secret: Optional[str] = SECRET) -> leat.WebhookSubscription:
    """A contact_created subscription on the mock for ``url``."""
    return client.webhook_subscriptions.create(
        name="receiver", event_type="contact_created", url=url, secret=secret
    )


# urllib without the environment's proxies: the receiver is on 127.0.0.1.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(url: str, body: bytes = BODY, headers: Optional[Dict[str, str]] = None) -> Tuple[int, str]:
    """POSTs ``body`` as Leat would (JSON); the status and the answer's text."""
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with _opener.open(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def signed(body: bytes = BODY, secret: str = SECRET) -> Dict[str, str]:
    """The ``Signature`` header for ``body`` under ``secret``."""
    return {"Signature": leat.webhooks.sign(body, secret)}


def wait_until(ready: Callable[[], bool], what: str, seconds: float = 10.0) -> None:
    """Waits (bounded) until ``ready()``, for a server thread to start."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {seconds} s")
        time.sleep(0.01)
