"""Receiving Leat's webhooks in FastAPI or Starlette: a dependency that hands the route a
verified :class:`~leat.webhooks.WebhookEvent`.

FastAPI::

    from typing import Annotated
    from fastapi import Depends, FastAPI
    from leat.webhooks import WebhookEvent
    from leat.webhooks.fastapi import leat_event

    app = FastAPI()

    @app.post("/leat/webhooks", status_code=204)
    async def receive(event: Annotated[WebhookEvent, Depends(leat_event())]) -> None:
        await handle(event.event_type, event.data)

Starlette (the dependency is an ordinary coroutine function of the request)::

    verify = leat_event()

    async def receive(request: Request) -> Response:
        event = await verify(request)
        await handle(event.event_type, event.data)
        return Response(status_code=204)

The dependency reads the raw body (as ``await request.body()`` would, which still works
after it), never parsed JSON, and verifies it with the ``Signature`` header. A delivery that
does not verify, or whose body is not an event, stops the route with ``HTTPException(400)``
whose detail is ``"<reason>: <message>"`` (FastAPI answers it as ``{"detail": ...}``,
Starlette as text); with no secret at all the answer is 500 naming ``LEAT_WEBHOOK_SECRET``. A
body over ``limit`` bytes (default 1 MiB) is answered 413: by its ``Content-Length`` before
it is read, and a body without one is not kept past the limit. The response goes out only once the route returned:
an exception in it is a 500, and Leat retries the delivery.

Only Starlette is imported (FastAPI is built on it); ``import leat.webhooks`` imports neither.
"""

from __future__ import annotations

from typing import Awaitable, Callable, Optional

from starlette.exceptions import HTTPException
from starlette.requests import Request

from . import SIGNATURE_HEADER, Secrets, WebhookEvent
from ._receiver import DEFAULT_LIMIT, Refusal, Verifier

__all__ = ["leat_event"]


async def _body(request: Request, verifier: Verifier) -> Optional[bytes]:
    """The raw body, read a piece at a time; ``None`` when it is over the limit: refused by
    its ``Content-Length`` unread, or, without one, no longer kept past the limit (the rest is
    read and dropped, so the answer still reaches the sender)."""
    if verifier.declared_too_large(request.headers.get("content-length")):
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= verifier.limit:
            chunks.append(chunk)
    if size > verifier.limit:
        return None
    body = b"".join(chunks)
    # What request.body() keeps, so the route may still call it.
    request._body = body
    return body


def leat_event(
    secret: Optional[Secrets] = None, *, limit: int = DEFAULT_LIMIT
) -> Callable[[Request], Awaitable[WebhookEvent]]:
    """A dependency that verifies the delivery and returns its event.

    ``secret`` is the subscription's secret, or a list of secrets while one is rotated (any
    match passes); left out, ``LEAT_WEBHOOK_SECRET`` is read for each delivery (several
    secrets separated by commas). ``limit`` is the largest body read, in bytes (default
    1 MiB); a larger one is answered 413. A secret of the wrong type raises ``TypeError``
    here, as does a ``limit`` that is not an ``int`` (``ValueError`` when not above zero).
    """
    verifier = Verifier(secret, limit)

    async def leat_webhook_event(request: Request) -> WebhookEvent:
        body = await _body(request, verifier)
        outcome = (
            verifier.too_large()
            if body is None
            else verifier.verify(body, request.headers.get(SIGNATURE_HEADER))
        )
        if isinstance(outcome, Refusal):
            raise HTTPException(outcome.status, outcome.text)
        return outcome

    return leat_webhook_event
