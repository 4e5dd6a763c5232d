"""Python webhook receiver: a standard-library WSGI app that verifies Leat's Signature on the
raw body. It subscribes itself on the embedded mock server, has the mock deliver an event, and
prints what it verified. Run: python examples/receiver.py
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, Iterable, List
from wsgiref.simple_server import WSGIRequestHandler, make_server

import leat
from leat import webhooks
from leat.testing import MockServer

SECRET = "whsec_receiver_example"
received: List[webhooks.WebhookEvent] = []


def app(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    # The raw bytes, exactly as sent: never json.loads() before verifying.
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    try:
        event = webhooks.construct_event(body, environ.get("HTTP_SIGNATURE", ""), SECRET)
    except leat.SignatureVerificationError as err:
        start_response("400 Bad Request", [("Content-Type", "text/plain")])
        return [str(err).encode()]
    received.append(event)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/webhooks"
    print(f"receiver listening at {url}")
    with MockServer() as mock, leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        sub = client.webhook_subscriptions.create(
            name="Receiver example (Python)",
            event_type=leat.EventType.CONTACT_CREATED,
            url=url,
            secret=SECRET,
        )
        print(f"subscribed {sub.uuid} to contact_created")
        for delivery in mock.trigger(
            "contact_created", {"contact": {"uuid": "9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d"}}
        ):
            print(
                f"mock delivered to {delivery['url']}: HTTP {delivery['status']} after {delivery['attempts']} attempt(s)"
            )
    server.shutdown()
    if not received:
        raise SystemExit("no verified event arrived")
    print(f"verified event {received[0].event_type} with data {received[0].data}")


if __name__ == "__main__":
    main()
