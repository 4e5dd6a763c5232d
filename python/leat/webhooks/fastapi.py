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

The dependency reads the raw body (``await request.body()``), never parsed JSON, and
verifies it with the ``Signature`` header. A delivery that does not verify stops the route
with ``HTTPException(400)`` whose detail is ``"<reason>: <message>"`` (FastAPI answers it as
``{"detail": ...}``, Starlette as text); with no secret at all the answer is 500 naming
``LEAT_WEBHOOK_SECRET``. The response goes out only once the route
returned: an exception in it is a 500, and Leat retries the delivery.

Only Starlette is imported (FastAPI is built on it); ``import leat.webhooks`` imports neither.
"""

from __future__ import annotations

from typing import Awaitable, Callable, Optional

from starlette.exceptions import HTTPException
from starlette.requests import Request

from . import SIGNATURE_HEADER, Secrets, WebhookEvent
from ._receiver import Refusal, Verifier

__all__ = ["leat_event"]


def leat_event(secret: Optional[Secrets] = None) -> Callable[[Request], Awaitable[WebhookEvent]]:
    """A dependency that verifies the delivery and returns its event.

    ``secret`` is the subscription's secret, or a list of secrets while one is rotated (any
    match passes); left out, ``LEAT_WEBHOOK_SECRET`` is read for each delivery (several
    secrets separated by commas). A secret of the wrong type raises ``TypeError`` here.
    """
    verifier = Verifier(secret)

    async def leat_webhook_event(request: Request) -> WebhookEvent:
        outcome = verifier.verify(await request.body(), request.headers.get(SIGNATURE_HEADER))
        if isinstance(outcome, Refusal):
            raise HTTPException(outcome.status, outcome.text)
        return outcome

    return leat_webhook_event
