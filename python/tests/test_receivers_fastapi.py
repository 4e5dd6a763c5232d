"""leat.webhooks.fastapi: the dependency in FastAPI and in a plain Starlette route, served by
uvicorn on 127.0.0.1 and fed by the mock's signed deliveries."""

# No `from __future__ import annotations`: FastAPI reads these routes' annotations at run time.

import json
import socket
import subprocess
import sys
import threading
from typing import Annotated, Iterator

import pytest
import uvicorn
from fastapi import Depends, FastAPI
from leat.webhooks import WebhookEvent
from leat.webhooks.fastapi import leat_event
from receivers_support import (
    BODY,
    DATA,
    EVENT,
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
    subscribe,
    wait_until,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

HANDLED = Handled()

app = FastAPI()


@app.post("/hook", status_code=204)
def hook(event: Annotated[WebhookEvent, Depends(leat_event(secret=SECRET))]) -> None:
    HANDLED(event)


@app.post("/small", status_code=204)
def small(event: Annotated[WebhookEvent, Depends(leat_event(secret=SECRET, limit=SMALL_LIMIT))]) -> None:
    HANDLED(event)


@app.post("/env", status_code=204)
async def from_env(event: WebhookEvent = Depends(leat_event())) -> None:
    HANDLED(event)


verify = leat_event(secret=[b"whsec_old", SECRET])


async def starlette_hook(request: Request) -> Response:
    event = await verify(request)
    HANDLED(event)
    return Response("thanks", media_type="text/plain")


async def starlette_echo(request: Request) -> Response:
    await verify(request)
    return Response(await request.body(), media_type="text/plain")


app.mount(
    "/starlette",
    Starlette(
        routes=[
            Route("/hook", starlette_hook, methods=["POST"]),
            Route("/echo", starlette_echo, methods=["POST"]),
        ]
    ),
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_until(lambda: server.started, "uvicorn's start")
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(autouse=True)
def handled() -> Handled:
    HANDLED.reset()
    return HANDLED


def detail(answer: str) -> str:
    """A refusal as FastAPI answers an HTTPException: the ``detail`` of a JSON object."""
    return str(json.loads(answer)["detail"])


def test_a_delivery_from_the_mock_reaches_the_route_verified(base_url, client, mock, handled):
    check_a_delivery_from_the_mock_is_verified_and_handled(base_url, client, mock, handled)


def test_the_handler_gets_a_typed_event_that_resolves_to_the_contact(base_url, client, mock, handled):
    check_the_handler_gets_a_typed_event_that_resolves_to_the_contact(base_url, client, mock, handled)


def test_the_dependency_works_in_a_plain_starlette_route(base_url, client, mock, handled):
    subscribe(client, f"{base_url}/starlette/hook")
    [delivery] = mock.trigger("contact_created", DATA)
    assert (delivery["status"], delivery["attempts"]) == (200, 1)
    assert handled.events == [EVENT]


def test_a_bad_signature_is_answered_400_with_the_reason(base_url, handled, caplog):
    check_a_bad_signature_is_answered_400_with_the_reason(base_url, handled, caplog, refusal=detail)


def test_a_signed_body_that_is_not_an_event_is_answered_400(base_url, handled):
    check_a_signed_body_that_is_not_an_event_is_answered_400(base_url, handled, refusal=detail)


def test_a_body_over_the_limit_is_answered_413(base_url, handled):
    check_a_body_over_the_limit_is_answered_413(base_url, handled, refusal=detail)


def test_the_route_may_still_read_the_body_after_the_dependency(base_url, handled):
    status, text = post(f"{base_url}/starlette/echo", BODY, signed())
    assert (status, text) == (200, BODY.decode())


def test_a_limit_that_is_not_a_positive_number_of_bytes_fails_when_the_dependency_is_made():
    with pytest.raises(TypeError, match="limit must be a number of bytes"):
        leat_event(limit="1MB")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="greater than zero, got 0"):
        leat_event(limit=0)


def test_a_missing_signature_is_answered_400_by_a_starlette_route_as_text(base_url, handled):
    status, text = post(f"{base_url}/starlette/hook", BODY)
    assert (status, text.split(":")[0]) == (400, "missing_signature")
    assert handled.calls == 0


def test_without_any_secret_the_answer_is_500_naming_leat_webhook_secret(
    base_url, handled, monkeypatch, caplog
):
    check_without_any_secret_the_answer_is_500_naming_leat_webhook_secret(
        base_url, handled, monkeypatch, caplog, refusal=detail
    )


def test_leat_webhook_secret_with_two_secrets_verifies_either(base_url, client, mock, handled, monkeypatch):
    # With a space after the comma: the secrets are trimmed.
    check_leat_webhook_secret_with_two_secrets_verifies_either(
        base_url, client, mock, handled, monkeypatch, variable="whsec_old, whsec_new"
    )


def test_a_route_that_raises_is_answered_500_so_leat_retries(base_url, client, mock, handled):
    check_a_handler_that_raises_is_answered_500_so_leat_retries(base_url, client, mock, handled)


def test_a_secret_of_the_wrong_type_fails_when_the_dependency_is_made():
    with pytest.raises(TypeError, match="at index 1"):
        leat_event(secret=["whsec_a", None])  # type: ignore[list-item]


def test_importing_leat_webhooks_imports_no_framework():
    code = (
        "import sys, leat, leat.webhooks; "
        "print(sorted(m for m in ('fastapi', 'starlette', 'flask', 'django') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
