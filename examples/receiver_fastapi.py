"""Python webhook receiver in FastAPI: the ``leat.webhooks.fastapi`` dependency verifies Leat's
Signature on the raw body and hands the route the event. It subscribes itself on the embedded
mock server, has the mock deliver an event, and prints what it verified.
Run: python examples/receiver_fastapi.py (with fastapi and uvicorn installed)
"""

from __future__ import annotations

import socket
import threading
import time
from typing import List

import leat
import uvicorn
from fastapi import Depends, FastAPI
from leat.testing import MockServer
from leat.webhooks import WebhookEvent
from leat.webhooks.fastapi import leat_event

SECRET = "whsec_receiver_example"  # leave it out to read LEAT_WEBHOOK_SECRET
received: List[WebhookEvent] = []

app = FastAPI()


@app.post("/leat/webhooks", status_code=204)
def receive(event: WebhookEvent = Depends(leat_event(secret=SECRET))) -> None:
    # Handle it here: the 204 goes out only after this returns; an exception answers 500 and
    # Leat retries the delivery.
    received.append(event)


def main() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/leat/webhooks"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    print(f"FastAPI receiver listening at {url}")
    with MockServer() as mock, leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        sub = client.webhook_subscriptions.create(
            name="FastAPI receiver example",
            event_type=leat.EventType.VOUCHER_REDEEMED,
            url=url,
            secret=SECRET,
        )
        print(f"subscribed {sub.uuid} to voucher_redeemed")
        data = {
            "voucher": {"uuid": "5b0f1c2d-3e4f-4c43-9a6e-2f3c5e4a7d7e"},
            "url": "https://shop.example/v/1",
        }
        for delivery in mock.trigger("voucher_redeemed", data):
            print(
                f"mock delivered to {delivery['url']}: HTTP {delivery['status']} after {delivery['attempts']} attempt(s)"
            )
    server.should_exit = True
    thread.join()
    if not received:
        raise SystemExit("no verified event arrived")
    print(f"verified event {received[0].event_type} with data {received[0].data}")


if __name__ == "__main__":
    main()
