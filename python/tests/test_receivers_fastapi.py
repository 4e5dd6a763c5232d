"""leat.webhooks.fastapi: the dependency in FastAPI and in a plain Starlette route, served by
uvicorn on 127.0.0.1 and fed by the mock's signed deliveries."""

# No `from __future__ import annotations`: FastAPI reads these routes' annotations at run time.

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
from receivers_support import BODY, DATA, EVENT, SECRET, Handled, post, signed, subscribe, wait_until
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

HANDLED = Handled()

app = FastAPI()


@app.post("/hook", status_code=204)
def hook(event: Annotated[WebhookEvent, Depends(leat_event(secret=SECRET))]) -> None:
    HANDLED(event)


@app.post("/env", status_code=204)
async def from_env(event: WebhookEvent = Depends(leat_event())) -> None:
    HANDLED(event)


verify = leat_event(secret=[b"whsec_old", SECRET])


async def starlette_hook(request: Request) -> Response:
    event = await verify(request)
    HANDLED(event)
    return Response("thanks", media_type="text/plain")


app.mount("/starlette", Starlette(routes=[Route("/hook", starlette_hook, methods=["POST"])]))


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


def test_a_delivery_from_the_mock_reaches_the_route_verified(base_url, client, mock, handled):
    sub = subscribe(client, f"{base_url}/hook")
    deliveries = mock.trigger("contact_created", DATA)
    assert deliveries == [{"uuid": sub.uuid, "url": f"{base_url}/hook", "status": 204, "attempts": 1}]
    assert handled.events == [EVENT]


def test_the_dependency_works_in_a_plain_starlette_route(base_url, client, mock, handled):
    subscribe(client, f"{base_url}/starlette/hook")
    [delivery] = mock.trigger("contact_created", DATA)
    assert (delivery["status"], delivery["attempts"]) == (200, 1)
    assert handled.events == [EVENT]


def test_a_bad_signature_is_answered_400_with_the_reason(base_url, handled):
    status, text = post(f"{base_url}/hook", BODY, signed(secret="whsec_someone_else"))
    assert status == 400
    assert "signature_mismatch: the signature matches none of the 1 secret(s) given" in text
    assert handled.calls == 0


def test_a_missing_signature_is_answered_400_by_a_starlette_route_as_text(base_url, handled):
    status, text = post(f"{base_url}/starlette/hook", BODY)
    assert (status, text.split(":")[0]) == (400, "missing_signature")
    assert handled.calls == 0


def test_without_any_secret_the_answer_is_500_naming_leat_webhook_secret(base_url, handled, monkeypatch):
    monkeypatch.delenv("LEAT_WEBHOOK_SECRET", raising=False)
    status, text = post(f"{base_url}/env", BODY, signed())
    assert status == 500
    assert "no_secret" in text and "LEAT_WEBHOOK_SECRET" in text
    assert handled.calls == 0


def test_leat_webhook_secret_with_two_secrets_verifies_either(base_url, client, mock, handled, monkeypatch):
    monkeypatch.setenv("LEAT_WEBHOOK_SECRET", "whsec_old, whsec_new")
    subscribe(client, f"{base_url}/env", secret="whsec_old")
    subscribe(client, f"{base_url}/env", secret="whsec_new")
    deliveries = mock.trigger("contact_created", DATA)
    assert [(d["status"], d["attempts"]) for d in deliveries] == [(204, 1), (204, 1)]
    assert handled.events == [EVENT, EVENT]


def test_a_route_that_raises_is_answered_500_so_leat_retries(base_url, client, mock, handled):
    handled.fail_first = 2
    subscribe(client, f"{base_url}/hook")
    [delivery] = mock.trigger("contact_created", DATA)
    assert (delivery["status"], delivery["attempts"]) == (204, 3)
    assert (handled.calls, handled.events) == (3, [EVENT])


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
