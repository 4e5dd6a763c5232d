"""What the framework receiver tests (test_receivers_*.py) share: the handler they record with,
subscribing a receiver on the mock, posting a delivery by hand, and the scenarios every
framework's receiver passes alike (the ``check_*`` functions, whose asserts pytest rewrites:
each test file registers this module before importing it)."""

from __future__ import annotations

import http.client
import json
import logging
import pathlib
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable, Dict, Iterable, List, Optional, Tuple, Union

import leat
import pytest
from leat.testing import MockServer
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


def post(
    url: str, body: Union[bytes, Iterable[bytes]] = BODY, headers: Optional[Dict[str, str]] = None
) -> Tuple[int, str]:
    """POSTs ``body`` as Leat would (JSON); the status and the answer's text. An iterable of
    pieces is sent chunked, without ``Content-Length``."""
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with _opener.open(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def post_declaring(url: str, length: int, headers: Optional[Dict[str, str]] = None) -> Tuple[int, str]:
    """Sends only the head of a POST whose ``Content-Length`` says ``length`` bytes, none of
    which are sent: an answer shows the receiver refused it without reading the body."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        head = [f"POST {parts.path} HTTP/1.1", f"Host: {parts.netloc}", "Content-Type: application/json"]
        head += [f"Content-Length: {length}", "Connection: close"]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        answer = http.client.HTTPResponse(sock)
        answer.begin()
        return answer.status, answer.read().decode()


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


# The scenarios every receiver passes alike. Each test_receivers_*.py calls them from its own
# tests, named after the behaviour as its framework words it, with the base URL of its server:
# there "/hook" verifies with SECRET and "/env" with LEAT_WEBHOOK_SECRET, and "/small" with
# SECRET and limit=SMALL_LIMIT; each hands the event to the module's Handled and answers 204.

SMALL_LIMIT = 64
"""The limit= of each test app's "/small" receiver, in bytes: less than BODY."""

NOT_EVENTS = [
    b'["contact_created",{}]',
    b'"contact_created"',
    b'{"type":"contact_created","data":5}',
    b'{"type":"contact_created","data":"text"}',
    b'{"type":"contact_created","data":[1,2]}',
]
"""Signed bodies that are JSON but not events: not an object, or data not an object."""


def large_body(size: int = 2 * 1024 * 1024) -> bytes:
    """A valid delivery of about ``size`` bytes."""
    return json.dumps({"type": "contact_created", "data": {"padding": "x" * size}}).encode()


def as_text(answer: str) -> str:
    """A refusal as Flask and Django answer it: the text itself."""
    return answer


def check_a_delivery_from_the_mock_is_verified_and_handled(
    base_url: str, client: leat.Client, mock: MockServer, handled: Handled
) -> None:
    sub = subscribe(client, f"{base_url}/hook")
    deliveries = mock.trigger("contact_created", DATA)
    assert deliveries == [{"uuid": sub.uuid, "url": f"{base_url}/hook", "status": 204, "attempts": 1}]
    assert handled.events == [EVENT]


FIXTURE_EVENTS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "webhook_events.json"


def check_the_handler_gets_a_typed_event_that_resolves_to_the_contact(
    base_url: str, client: leat.Client, mock: MockServer, handled: Handled
) -> None:
    events = json.loads(FIXTURE_EVENTS.read_text())["events"]
    data = next(e for e in events if e["type"] == "credit_reception_created")["body"]["data"]
    client.webhook_subscriptions.create(
        name="receiver", event_type="credit_reception_created", url=f"{base_url}/hook", secret=SECRET
    )
    [delivery] = mock.trigger("credit_reception_created", data)
    assert delivery["status"] == 204
    [event] = handled.events
    assert isinstance(event.credit_reception, leat.CreditReception)
    assert event.credit_reception.credits == data["credit_reception"]["credits"]
    assert event.entity == event.credit_reception
    contact = client.webhooks.resolve(event)
    assert isinstance(contact, leat.Contact)
    assert contact.uuid == data["credit_reception"]["contact"]["uuid"]


def check_a_bad_signature_is_answered_400_with_the_reason(
    base_url: str, handled: Handled, caplog: pytest.LogCaptureFixture, refusal: Callable[[str], str] = as_text
) -> None:
    """``refusal`` reads the refusal's text out of the answer. The refusal is logged as a
    warning on ``leat.webhooks``."""
    with caplog.at_level(logging.WARNING, logger="leat.webhooks"):
        status, text = post(f"{base_url}/hook", BODY, signed(secret="whsec_someone_else"))
    assert status == 400
    assert refusal(text).startswith("signature_mismatch: the signature matches none of the 1 secret(s) given")
    assert handled.calls == 0
    ours = [r for r in caplog.records if r.name == "leat.webhooks"]  # frameworks log too
    assert [r.levelname for r in ours] == ["WARNING"]
    assert "refused a webhook delivery" in ours[0].getMessage()


def check_without_any_secret_the_answer_is_500_naming_leat_webhook_secret(
    base_url: str,
    handled: Handled,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    refusal: Callable[[str], str] = as_text,
) -> None:
    """``refusal`` reads the refusal's text out of the answer. The missing secret is logged as
    an error on ``leat.webhooks``: the server's owner must fix it."""
    monkeypatch.delenv("LEAT_WEBHOOK_SECRET", raising=False)
    with caplog.at_level(logging.WARNING, logger="leat.webhooks"):
        status, text = post(f"{base_url}/env", BODY, signed())
    assert status == 500
    assert refusal(text).startswith("no_secret:") and "LEAT_WEBHOOK_SECRET" in text
    assert handled.calls == 0
    ours = [r for r in caplog.records if r.name == "leat.webhooks"]  # frameworks log too
    assert [r.levelname for r in ours] == ["ERROR"]
    assert "LEAT_WEBHOOK_SECRET" in ours[0].getMessage()


def check_leat_webhook_secret_with_two_secrets_verifies_either(
    base_url: str,
    client: leat.Client,
    mock: MockServer,
    handled: Handled,
    monkeypatch: pytest.MonkeyPatch,
    variable: str = "whsec_old,whsec_new",
) -> None:
    """``variable`` is LEAT_WEBHOOK_SECRET's value: whsec_old and whsec_new, comma-separated."""
    monkeypatch.setenv("LEAT_WEBHOOK_SECRET", variable)
    subscribe(client, f"{base_url}/env", secret="whsec_old")
    subscribe(client, f"{base_url}/env", secret="whsec_new")
    deliveries = mock.trigger("contact_created", DATA)
    assert [(d["status"], d["attempts"]) for d in deliveries] == [(204, 1), (204, 1)]
    assert handled.events == [EVENT, EVENT]


def check_a_handler_that_raises_is_answered_500_so_leat_retries(
    base_url: str, client: leat.Client, mock: MockServer, handled: Handled
) -> None:
    handled.fail_first = 2
    subscribe(client, f"{base_url}/hook")
    [delivery] = mock.trigger("contact_created", DATA)
    assert (delivery["status"], delivery["attempts"]) == (204, 3)
    assert (handled.calls, handled.events) == (3, [EVENT])


def check_a_signed_body_that_is_not_an_event_is_answered_400(
    base_url: str, handled: Handled, refusal: Callable[[str], str] = as_text
) -> None:
    """A JSON array, or data that is not an object, never reaches the handler."""
    for body in NOT_EVENTS:
        status, text = post(f"{base_url}/hook", body, signed(body))
        assert (status, refusal(text).split(":")[0]) == (400, "not_an_event"), body
    assert handled.calls == 0
    empty = b'{"type":"contact_created","data":[]}'
    assert post(f"{base_url}/hook", empty, signed(empty))[0] == 204
    assert handled.events == [WebhookEvent("contact_created", {})]


def check_a_body_over_the_limit_is_answered_413(
    base_url: str, handled: Handled, refusal: Callable[[str], str] = as_text, chunked: bool = True
) -> None:
    """Over the default limit (1 MiB) by Content-Length, answered before the body is sent;
    where the server takes chunked bodies, one without Content-Length; and over a receiver's
    own ``limit=``."""
    status, text = post_declaring(f"{base_url}/hook", 2 * 1024 * 1024, signed())
    assert (status, refusal(text).split(":")[0]) == (413, "body_too_large")
    assert "limit of 1048576 bytes" in refusal(text)
    if chunked:
        body = large_body()
        pieces = (body[i : i + 65536] for i in range(0, len(body), 65536))
        status, text = post(f"{base_url}/hook", pieces, signed(body))
        assert (status, refusal(text).split(":")[0]) == (413, "body_too_large")
        small = (BODY[i : i + 16] for i in range(0, len(BODY), 16))
        status, text = post(f"{base_url}/small", small, signed())
        assert (status, refusal(text).split(":")[0]) == (413, "body_too_large")
    status, text = post(f"{base_url}/small", BODY, signed())
    assert (status, refusal(text).split(":")[0]) == (413, "body_too_large")
    assert f"limit of {SMALL_LIMIT} bytes" in refusal(text)
    assert handled.calls == 0
    assert post(f"{base_url}/hook", BODY, signed())[0] == 204
    chunked_body = (BODY[i : i + 16] for i in range(0, len(BODY), 16))
    if chunked:
        assert post(f"{base_url}/hook", chunked_body, signed())[0] == 204
        assert handled.events == [EVENT, EVENT]
