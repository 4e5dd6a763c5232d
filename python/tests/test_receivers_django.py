"""leat.webhooks.django: the view decorator in a Django project configured here (this module is
its URLconf, with CSRF protection on), served by Django's own threaded WSGI server on
127.0.0.1 and fed by the mock's signed deliveries."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from typing import Iterator

import django
import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.http import HttpRequest, HttpResponse
from django.urls import path
from leat.webhooks import WebhookEvent
from leat.webhooks.django import verified
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

HANDLED = Handled()


@verified(secret=SECRET)
def hook(request: HttpRequest, event: WebhookEvent) -> None:
    HANDLED(event)


@verified()
def from_env(request: HttpRequest, event: WebhookEvent) -> None:
    HANDLED(event)


@verified(secret=SECRET, limit=SMALL_LIMIT)
def small(request: HttpRequest, event: WebhookEvent) -> None:
    HANDLED(event)


@verified(secret=SECRET)
async def hook_async(request: HttpRequest, event: WebhookEvent, shop: str) -> HttpResponse:
    HANDLED(event)
    return HttpResponse(f"thanks, {shop}", status=202, content_type="text/plain")


urlpatterns = [
    path("hook", hook),
    path("env", from_env),
    path("small", small),
    path("shops/<str:shop>/hook", hook_async),
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="django-test-key-not-a-webhook-secret",
            ALLOWED_HOSTS=["127.0.0.1"],
            ROOT_URLCONF=__name__,
            MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
            INSTALLED_APPS=[],
            DATABASES={},
        )
        django.setup()
    from django.core.wsgi import get_wsgi_application

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
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


def test_a_delivery_from_the_mock_reaches_the_view_verified_past_csrf(base_url, client, mock, handled):
    check_a_delivery_from_the_mock_is_verified_and_handled(base_url, client, mock, handled)


def test_the_handler_gets_a_typed_event_that_resolves_to_the_contact(base_url, client, mock, handled):
    check_the_handler_gets_a_typed_event_that_resolves_to_the_contact(base_url, client, mock, handled)


def test_an_async_view_gets_the_event_before_url_arguments_and_its_answer_is_kept(base_url, handled):
    assert post(f"{base_url}/shops/utrecht/hook", BODY, signed()) == (202, "thanks, utrecht")
    assert handled.events == [WebhookEvent("contact_created", DATA)]


def test_only_post_is_accepted(base_url, handled):
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"{base_url}/hook", timeout=10)
    assert (info.value.code, info.value.headers["Allow"]) == (405, "POST")
    assert handled.calls == 0


def test_a_signed_body_that_is_not_an_event_is_answered_400(base_url, handled):
    check_a_signed_body_that_is_not_an_event_is_answered_400(base_url, handled)


def test_a_body_over_the_limit_is_answered_413(base_url, handled):
    # Django's WSGI server takes no chunked bodies: only Content-Length is exercised.
    check_a_body_over_the_limit_is_answered_413(base_url, handled, chunked=False)


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
    with pytest.raises(TypeError, match="is None"):
        verified(secret=[None])  # type: ignore[list-item]
