"""leat.webhooks.flask: the view decorator in a Flask app served by werkzeug on 127.0.0.1 and
fed by the mock's signed deliveries."""

from __future__ import annotations

import threading
from typing import Iterator

import pytest
from flask import Flask
from leat.webhooks import WebhookEvent
from leat.webhooks.flask import verified
from receivers_support import (
    BODY,
    DATA,
    SECRET,
    SMALL_LIMIT,
    Handled,
    check_a_bad_signature_is_answered_400_with_the_reason,
    check_a_body_over_the_limit_is_answered_413,
    check_a_delivery_from_the_mock_is_verified_and_handled,
    check_a_handler_that_raises_is_answered_500_so_leat_retries,
    check_a_signed_body_that_is_not_an_event_is_answered_400,
    check_leat_webhook_secret_with_two_secrets_verifies_either,
    check_the_handler_gets_a_typed_event_that_resolves_to_the_contact,
    check_without_any_secret_the_answer_is_500_naming_leat_webhook_secret,
    post,
    signed,
)
from werkzeug.serving import make_server

HANDLED = Handled()

app = Flask(__name__)


@app.post("/hook")
@verified(secret=SECRET)
def hook(event: WebhookEvent) -> None:
    HANDLED(event)


@app.post("/small")
@verified(secret=SECRET, limit=SMALL_LIMIT)
def small(event: WebhookEvent) -> None:
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
    check_a_delivery_from_the_mock_is_verified_and_handled(base_url, client, mock, handled)


def test_the_handler_gets_a_typed_event_that_resolves_to_the_contact(base_url, client, mock, handled):
    check_the_handler_gets_a_typed_event_that_resolves_to_the_contact(base_url, client, mock, handled)


def test_the_view_gets_the_event_before_url_variables_and_its_answer_is_kept(base_url, handled):
    assert post(f"{base_url}/shops/amsterdam/hook", BODY, signed(secret="whsec_next")) == (
        202,
        "thanks, amsterdam",
    )
    assert handled.events == [WebhookEvent("contact_created", DATA)]


def test_a_signed_body_that_is_not_an_event_is_answered_400(base_url, handled):
    check_a_signed_body_that_is_not_an_event_is_answered_400(base_url, handled)


def test_a_body_over_the_limit_is_answered_413(base_url, handled):
    check_a_body_over_the_limit_is_answered_413(base_url, handled)


def test_a_limit_that_is_not_a_positive_number_of_bytes_fails_when_the_view_is_decorated():
    with pytest.raises(TypeError, match="limit must be a number of bytes"):
        verified(limit=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="greater than zero, got -1"):
        verified(limit=-1)


def test_a_bad_signature_is_answered_400_with_the_reason(base_url, handled, caplog):
    check_a_bad_signature_is_answered_400_with_the_reason(base_url, handled, caplog)


def test_without_any_secret_the_answer_is_500_naming_leat_webhook_secret(
    base_url, handled, monkeypatch, caplog
):
    check_without_any_secret_the_answer_is_500_naming_leat_webhook_secret(
        base_url, handled, monkeypatch, caplog
    )


def test_leat_webhook_secret_with_two_secrets_verifies_either(base_url, client, mock, handled, monkeypatch):
    check_leat_webhook_secret_with_two_secrets_verifies_either(base_url, client, mock, handled, monkeypatch)


def test_a_view_that_raises_is_answered_500_so_leat_retries(base_url, client, mock, handled):
    check_a_handler_that_raises_is_answered_500_so_leat_retries(base_url, client, mock, handled)


def test_a_secret_of_the_wrong_type_fails_when_the_view_is_decorated():
    with pytest.raises(TypeError, match="must be str or bytes, got int"):
        verified(secret=42)  # type: ignore[arg-type]
