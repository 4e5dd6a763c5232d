"""Receiving Leat's webhooks in Flask: a view decorator that hands the view a verified
:class:`~leat.webhooks.WebhookEvent`.

::

    from flask import Flask
    from leat.webhooks import WebhookEvent
    from leat.webhooks.flask import verified

    app = Flask(__name__)

    @app.post("/leat/webhooks")
    @verified()
    def receive(event: WebhookEvent) -> None:
        handle(event.event_type, event.data)   # nothing returned: 204 No Content

The decorator reads the raw body (``request.get_data()``), never parsed JSON, and verifies it
with the ``Signature`` header. The event comes first, before any URL variables. A delivery
that does not verify, or whose body is not an event, is answered 400 with
``"<reason>: <message>"`` as text, without calling the view; with no secret at all the answer
is 500 naming ``LEAT_WEBHOOK_SECRET``. A body over ``limit`` bytes (default 1 MiB) is answered
413: by its ``Content-Length`` before it is read, and a body without one is not kept past the
limit. The view
answers as any Flask view does, or returns nothing for 204; the answer goes out only once the
view returned, so an exception in it is a 500 and Leat retries the delivery.

Flask is imported by this module only; ``import leat.webhooks`` does not import it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, Optional

from flask import Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from . import SIGNATURE_HEADER, Secrets
from ._receiver import DEFAULT_LIMIT, NO_CONTENT, TEXT, Refusal, Verifier

if TYPE_CHECKING:
    from typing import Concatenate, ParamSpec

    from flask.typing import ResponseReturnValue

    from . import WebhookEvent

    P = ParamSpec("P")
    View = Callable[Concatenate[WebhookEvent, P], Optional[ResponseReturnValue]]

__all__ = ["verified"]


def _body(verifier: Verifier) -> Optional[bytes]:
    """The raw body; ``None`` when it is over the limit: refused by its ``Content-Length``
    unread, or, without one, no longer kept past the limit (the rest is read and dropped, so
    the answer still reaches the sender)."""
    if verifier.declared_too_large(request.content_length):
        return None
    try:
        if request.content_length is not None:
            return request.get_data()
        chunks, size = [], 0
        while chunk := request.stream.read(_PIECE):
            size += len(chunk)
            if size <= verifier.limit:
                chunks.append(chunk)
    except RequestEntityTooLarge:
        return None
    if size > verifier.limit:
        return None
    body = b"".join(chunks)
    # What request.get_data() keeps, so the view may still call it.
    request._cached_data = body
    return body


_PIECE = 64 * 1024
"""How much of a body without ``Content-Length`` is read at a time."""


def verified(
    *, secret: Optional[Secrets] = None, limit: int = DEFAULT_LIMIT
) -> Callable[[View[P]], Callable[P, ResponseReturnValue]]:
    """Decorates a view that takes the verified event as its first argument.

    ``secret`` is the subscription's secret, or a list of secrets while one is rotated (any
    match passes); left out, ``LEAT_WEBHOOK_SECRET`` is read for each delivery (several
    secrets separated by commas). ``limit`` is the largest body read, in bytes (default
    1 MiB); a larger one is answered 413. A secret of the wrong type raises ``TypeError``
    here, as does a ``limit`` that is not an ``int`` (``ValueError`` when not above zero).
    """
    verifier = Verifier(secret, limit)

    def decorate(view: View[P]) -> Callable[P, ResponseReturnValue]:
        @functools.wraps(view)
        def receive(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
            body = _body(verifier)
            outcome = (
                verifier.too_large()
                if body is None
                else verifier.verify(body, request.headers.get(SIGNATURE_HEADER))
            )
            if isinstance(outcome, Refusal):
                return Response(outcome.text, status=outcome.status, content_type=TEXT)
            answer = current_app.ensure_sync(view)(outcome, *args, **kwargs)
            return Response(status=NO_CONTENT) if answer is None else answer

        return receive

    return decorate
