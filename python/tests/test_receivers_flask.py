"""leat.webhooks.flask: the view decorator in a Flask app served by werkzeug on 127.0.0.1 and
fed by the mock's signed deliveries."""

from __future__ import annotations

import threading
from typing import Iterator

import pytest
from flask import Flask
from leat.webhooks import WebhookEvent
from leat.webhooks.flask import verified
from receivers_support import BODY, DATA, EVENT, SECRET, Handled, post, signed, subscribe
from werkzeug.serving import make_server

HANDLED = Handled()

app = Flask(__name__)


@app.post("/hook")
@verified(secret=SECRET)
def hook(event: WebhookEvent) -> None:
    HANDLED(event)


@app.post("/env")
@verified()
def from_env(event: WebhookEvent) -> None:
    HANDLED(event)


@app.post("/shops/<shop>/hook")
@verified(secret=[SECRET, "whsec_next"])
def shop_hook(event: WebhookEvent, shop: str) -> tuple[str, int]:
    HANDLED(event)
    return f"thanks, {shop}", 202


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)
    server.server_close()


@pytest.fixture(autouse=True)
def handled() -> Handled:
    HANDLED.reset()
    return HANDLED


def test_a_delivery_from_the_mock_reaches_the_view_verified(base_url, client, mock, handled):
    sub = subscribe(client, f"{base_url}/hook")
    deliveries = mock.trigger("contact_created", DATA)
    assert deliveries == [{"uuid": sub.uuid, "url": f"{base_url}/hook", "status": 204, "attempts": 1}]
    assert handled.events == [EVENT]


def test_the_view_gets_the_event_before_url_variables_and_its_answer_is_kept(base_url, handled):
    assert post(f"{base_url}/shops/amsterdam/hook", BODY, signed(secret="whsec_next")) == (
        202,
        "thanks, amsterdam",
    )
    assert handled.events == [WebhookEvent("contact_created", DATA)]


def test_a_bad_signature_is_answered_400_with_the_reason(base_url, handled):
    status, text = post(f"{base_url}/hook", BODY, signed(secret="whsec_someone_else"))
    assert status == 400
    assert text.startswith("signature_mismatch: the signature matches none of the 1 secret(s) given")
    assert handled.calls == 0


def test_without_any_secret_the_answer_is_500_naming_leat_webhook_secret(base_url, handled, monkeypatch):
    monkeypatch.delenv("LEAT_WEBHOOK_SECRET", raising=False)
    status, text = post(f"{base_url}/env", BODY, signed())
    assert status == 500
    assert text.startswith("no_secret:") and "LEAT_WEBHOOK_SECRET" in text
    assert handled.calls == 0


def test_leat_webhook_secret_with_two_secrets_verifies_either(base_url, client, mock, handled, monkeypatch):
    monkeypatch.setenv("LEAT_WEBHOOK_SECRET", "whsec_old,whsec_new")
    subscribe(client, f"{base_url}/env", secret="whsec_old")
    subscribe(client, f"{base_url}/env", secret="whsec_new")
    deliveries = mock.trigger("contact_created", DATA)
    assert [(d["status"], d["attempts"]) for d in deliveries] == [(204, 1), (204, 1)]
    assert handled.events == [EVENT, EVENT]


def test_a_view_that_raises_is_answered_500_so_leat_retries(base_url, client, mock, handled):
    handled.fail_first = 2
    subscribe(client, f"{base_url}/hook")
    [delivery] = mock.trigger("contact_created", DATA)
    assert (delivery["status"], delivery["attempts"]) == (204, 3)
    assert (handled.calls, handled.events) == (3, [EVENT])


def test_a_secret_of_the_wrong_type_fails_when_the_view_is_decorated():
    with pytest.raises(TypeError, match="must be str or bytes, got int"):
        verified(secret=42)  # type: ignore[arg-type]
