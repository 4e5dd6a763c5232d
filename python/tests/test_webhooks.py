"""Receiving webhooks: the shared vectors, the parsed-body refusal, and delivery end to end."""

from __future__ import annotations

import json
import pathlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, List

import pytest

import leat
from leat import webhooks

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "webhook-signatures.json"
CASES = json.loads(VECTORS.read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_vector(case):
    payload, signature, secrets = case["body"], case["signature"], case["secrets"]
    if case["outcome"] == "ok":
        event = webhooks.construct_event(payload, signature, secrets)
        assert event.event_type == case["event_type"]
        assert isinstance(event.data, dict)
    else:
        with pytest.raises(leat.SignatureVerificationError) as info:
            webhooks.construct_event(payload.encode(), signature, secrets)
        assert info.value.reason == case["outcome"]
        assert all(s not in str(info.value) for s in secrets if s)


def test_sign_matches_python_hmac():
    valid = next(c for c in CASES if c["name"] == "valid")
    assert webhooks.sign(valid["body"], valid["secrets"][0]) == valid["signature"]


def test_a_parsed_body_is_refused_with_advice():
    with pytest.raises(TypeError, match="raw request body"):
        webhooks.construct_event({"type": "contact_created"}, "0" * 64, "s")  # type: ignore[arg-type]


def test_the_signature_is_found_in_headers_case_insensitively():
    body = b'{"type":"contact_created","data":{}}'
    signature = webhooks.sign(body, "s")
    for headers in ({"signature": signature}, {"SIGNATURE": signature}, [("Signature", signature)]):
        assert webhooks.construct_event(body, headers, "s").event_type == "contact_created"
    with pytest.raises(leat.SignatureVerificationError) as info:
        webhooks.verify_signature(body, {"content-type": "application/json"}, "s")
    assert info.value.reason == "missing_signature"


def test_a_large_body_verifies():
    body = json.dumps({"type": "contact_updated", "data": {"blob": "x" * 100_000}}).encode()
    webhooks.verify_signature(body, webhooks.sign(body, "s"), ["old", "s"])


class Receiver:
    """A stdlib HTTP receiver that verifies deliveries; fails the first `fail_first` calls."""

    def __init__(self, secret: str, fail_first: int = 0) -> None:
        self.secret, self.fail_first, self.calls = secret, fail_first, 0
        self.events: List[webhooks.WebhookEvent] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                receiver.calls += 1
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = 500
                if receiver.calls > receiver.fail_first:
                    try:
                        receiver.events.append(webhooks.construct_event(body, dict(self.headers), receiver.secret))
                        status = 200
                    except leat.SignatureVerificationError:
                        status = 400
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver("whsec_py")
    yield r
    r.close()


def test_a_triggered_event_is_verified_by_the_receiver(client, mock, receiver):
    sub = client.webhook_subscriptions.create(
        name="py", event_type="contact_created", url=receiver.url, secret="whsec_py"
    )
    deliveries = mock.trigger("contact_created", {"contact": {"uuid": "c1"}})
    assert deliveries == [{"uuid": sub.uuid, "url": receiver.url, "status": 200, "attempts": 1}]
    assert receiver.events == [webhooks.WebhookEvent("contact_created", {"contact": {"uuid": "c1"}})]


def test_a_failing_receiver_gets_three_attempts(client, mock):
    flaky = Receiver("s", fail_first=2)
    try:
        client.webhook_subscriptions.create(name="f", event_type="contact_created", url=flaky.url, secret="s")
        [delivery] = mock.trigger("contact_created", {})
        assert (delivery["status"], delivery["attempts"], flaky.calls) == (200, 3, 3)
    finally:
        flaky.close()


def test_no_delivery_to_inactive_subscriptions_or_other_types(client, mock, receiver):
    paused = client.webhook_subscriptions.create(
        name="p", event_type="contact_created", url=receiver.url, secret="whsec_py"
    )
    client.webhook_subscriptions.update(paused.uuid, status="INACTIVE")
    client.webhook_subscriptions.create(name="o", event_type="voucher_created", url=receiver.url, secret="whsec_py")
    assert mock.trigger("contact_created") == []
    assert receiver.calls == 0


def test_the_account_secret_signs_subscriptions_without_one(client, mock):
    r = Receiver(mock.webhook_secret)
    try:
        client.webhook_subscriptions.create(name="a", event_type="reward_updated", url=r.url)
        assert mock.trigger("reward_updated", {"reward": {"uuid": "r1"}})[0]["status"] == 200
        assert r.events[0].data == {"reward": {"uuid": "r1"}}
    finally:
        r.close()
