"""Receiving Leat's webhooks in Django: a decorator for function views that hands the view a
verified :class:`~leat.webhooks.WebhookEvent`.

::

    # views.py
    from django.http import HttpRequest
    from leat.webhooks import WebhookEvent
    from leat.webhooks.django import verified

    @verified()
    def leat_webhook(request: HttpRequest, event: WebhookEvent) -> None:
        handle(event.event_type, event.data)   # nothing returned: 204 No Content

    # urls.py
    urlpatterns = [path("leat/webhooks", views.leat_webhook)]

The decorated view is exempt from CSRF checks (Leat cannot send a CSRF token; the signature
authenticates it instead) and accepts POST only (405 otherwise). It reads the raw body
(``request.body``), never parsed data, and verifies it with the ``Signature`` header. The
event comes right after the request, before any URL arguments. A delivery that does not
verify, or whose body is not an event, is answered 400 with ``"<reason>: <message>"`` as
text, without calling the view; with no secret at all the answer is 500 naming
``LEAT_WEBHOOK_SECRET``. A body over ``limit`` bytes (default 1 MiB) is answered 413, by its
``Content-Length`` before it is read (one sent without it, Django receives whole itself
first); a ``limit`` above Django's own
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB by default) needs that setting raised too, or Django's
limit answers 413 first. The view answers with any
``HttpResponse``, or returns nothing for 204; the answer goes out only once the view returned,
so an exception in it is a 500 and Leat retries the delivery. ``async def`` views work too.

Django is imported by this module only; ``import leat.webhooks`` does not import it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Optional, Union, overload

from asgiref.sync import iscoroutinefunction
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from . import SIGNATURE_HEADER, Secrets, WebhookEvent
from ._receiver import DEFAULT_LIMIT, NO_CONTENT, TEXT, Refusal, Verifier

if TYPE_CHECKING:
    from typing import Concatenate, ParamSpec

    P = ParamSpec("P")
    SyncView = Callable[Concatenate[HttpRequest, WebhookEvent, P], Optional[HttpResponseBase]]
    AsyncView = Callable[Concatenate[HttpRequest, WebhookEvent, P], Awaitable[Optional[HttpResponseBase]]]

__all__ = ["verified", "Decorator"]


class Decorator:
    """What :func:`verified` returns: applied to a view (sync or ``async def``), it gives the
    Django view that verifies deliveries and then calls it."""

    def __init__(self, verifier: Verifier) -> None:
        self._verifier = verifier

    @overload
    def __call__(
        self, view: AsyncView[P]
    ) -> Callable[Concatenate[HttpRequest, P], Awaitable[HttpResponseBase]]: ...

    @overload
    def __call__(self, view: SyncView[P]) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]: ...

    def __call__(self, view: Callable[..., Any]) -> Callable[..., Any]:
        verifier = self._verifier

        def body(request: HttpRequest) -> Union[bytes, Refusal]:
            """The raw body, or the refusal of one over the limit (or over Django's own)."""
            if verifier.declared_too_large(request.META.get("CONTENT_LENGTH")):
                return verifier.too_large()
            try:
                return request.body
            except RequestDataTooBig:
                return Refusal(
                    413,
                    "body_too_large: the request body is larger than Django's "
                    "DATA_UPLOAD_MAX_MEMORY_SIZE; raise that setting to at least this receiver's limit "
                    f"of {verifier.limit} bytes",
                )

        def check(request: HttpRequest) -> Union[WebhookEvent, HttpResponseBase]:
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            raw = body(request)
            outcome = (
                raw
                if isinstance(raw, Refusal)
                else verifier.verify(raw, request.headers.get(SIGNATURE_HEADER))
            )
            if isinstance(outcome, Refusal):
                refusal = HttpResponse(outcome.text, status=outcome.status, content_type=TEXT)
                # Its length, so the sender can read the whole answer even when Django's server
                # then waits for a body it refused unread.
                refusal.headers["Content-Length"] = str(len(refusal.content))
                return refusal
            return outcome

        if iscoroutinefunction(view):

            @functools.wraps(view)
            async def receive_async(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
                event = check(request)
                if isinstance(event, HttpResponseBase):
                    return event
                answer = await view(request, event, *args, **kwargs)
                return HttpResponse(status=NO_CONTENT) if answer is None else answer

            return csrf_exempt(receive_async)

        @functools.wraps(view)
        def receive(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            event = check(request)
            if isinstance(event, HttpResponseBase):
                return event
            answer = view(request, event, *args, **kwargs)
            return HttpResponse(status=NO_CONTENT) if answer is None else answer

        return csrf_exempt(receive)


def verified(*, secret: Optional[Secrets] = None, limit: int = DEFAULT_LIMIT) -> Decorator:
    """Decorates a function view ``(request, event, ...)`` to receive Leat's deliveries.

    ``secret`` is the subscription's secret, or a list of secrets while one is rotated (any
    match passes); left out, ``LEAT_WEBHOOK_SECRET`` is read for each delivery (several
    secrets separated by commas). ``limit`` is the largest body read, in bytes (default
    1 MiB); a larger one is answered 413. A secret of the wrong type raises ``TypeError``
    here, as does a ``limit`` that is not an ``int`` (``ValueError`` when not above zero).
    """
    return Decorator(Verifier(secret, limit))
