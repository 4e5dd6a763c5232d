"""Receiving webhooks: the shared vectors, the parsed-body refusal, and delivery end to end."""

from __future__ import annotations

import json
import pathlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, List

import leat
import pytest
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


PHP = json.loads((VECTORS.parent / "php-deliveries.json").read_text())["cases"]


def _ordered(value: object) -> object:
    """The value with every dict as a list of pairs: equal only with the same key order."""
    if isinstance(value, dict):
        return [(k, _ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize("case", PHP, ids=[c["name"] for c in PHP])
def test_a_delivery_made_by_php(case):
    event = webhooks.construct_event(case["body"].encode(), case["signature"], case["secret"])
    assert event.event_type == case["event_type"]
    # The same numbers (to the last digit, int stays int), types and key order as json.loads.
    assert _ordered(event.data) == _ordered(case["data"])
    parsed = json.loads(case["body"])["data"]
    if parsed != []:
        assert _ordered(event.data) == _ordered(parsed)


def test_php_floats_and_big_integers_come_back_exactly():
    body = b'{"type":"t","data":{"a":1.0e+25,"b":0.30000000000000004,"c":9223372036854775807,"z":1,"y":2}}'
    data = webhooks.construct_event(body, webhooks.sign(body, "s"), "s").data
    assert data["a"] == 1e25 and repr(data["a"]) == "1e+25"
    assert data["b"] == 0.30000000000000004
    assert data["c"] == 9223372036854775807 and isinstance(data["c"], int)
    assert list(data) == ["a", "b", "c", "z", "y"]


def test_none_in_a_list_of_secrets_is_a_type_error_never_the_key_none():
    body = b'{"type":"contact_created","data":{}}'
    forged = webhooks.sign(body, "None")
    for secrets in ([None, "whsec_new"], ["whsec_new", None]):
        with pytest.raises(TypeError, match="None"):
            webhooks.construct_event(body, forged, secrets)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="int"):
        webhooks.construct_event(body, forged, ["whsec_new", 42])  # type: ignore[list-item]


def test_bytes_secrets_are_the_key_bytes_never_their_repr():
    body = b'{"type":"contact_created","data":{}}'
    assert (
        webhooks.construct_event(body, webhooks.sign(body, b"real"), [b"real"]).event_type
        == "contact_created"
    )
    webhooks.verify_signature(body, webhooks.sign(body, b"\xff\x00"), ["old", b"\xff\x00"])
    with pytest.raises(leat.SignatureVerificationError):
        webhooks.verify_signature(body, webhooks.sign(body, "b'real'"), [b"real"])


def test_a_signature_header_with_undecodable_bytes_is_refused_not_a_crash():
    body = b'{"type":"contact_created","data":{}}'
    for header in ["\udcff" * 64, "abc\udc80", "é" * 64]:
        with pytest.raises(leat.SignatureVerificationError) as info:
            webhooks.construct_event(body, header, "s")
        assert info.value.reason == "malformed_signature"
        with pytest.raises(leat.SignatureVerificationError):
            webhooks.verify_signature(body, {"Signature": header}, "s")
    with pytest.raises(leat.SignatureVerificationError):
        webhooks.verify_signature(body, b"\xff" * 64, "s")


def test_without_a_secret_leat_webhook_secret_is_read(monkeypatch):
    body = b'{"type":"contact_created","data":{}}'
    signature = webhooks.sign(body, "whsec_current")
    monkeypatch.setenv("LEAT_WEBHOOK_SECRET", " whsec_old , whsec_current ,")
    assert webhooks.construct_event(body, signature).event_type == "contact_created"
    monkeypatch.delenv("LEAT_WEBHOOK_SECRET")
    with pytest.raises(leat.SignatureVerificationError) as info:
        webhooks.verify_signature(body, signature)
    assert info.value.reason == "no_secret"
    assert "LEAT_WEBHOOK_SECRET" in str(info.value)


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
                        receiver.events.append(
                            webhooks.construct_event(body, dict(self.headers), receiver.secret)
                        )
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
    client.webhook_subscriptions.create(
        name="o", event_type="voucher_created", url=receiver.url, secret="whsec_py"
    )
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
