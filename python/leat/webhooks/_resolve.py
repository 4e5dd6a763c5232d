"""``client.webhooks``: what a received event leads to in the API. ``resolve(event)`` fetches
the current state of the event's entity; the core says which operation and which arguments
(``_native.webhook_fetch``), and the call goes through the client's one door (``call``), with
its authentication, retries and typed errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Tuple

from .. import _native
from . import WebhookEvent
from ._entities import Entity, model_class

if TYPE_CHECKING:
    from .._native import AsyncClient, Client

__all__ = ["Webhooks", "AsyncWebhooks"]


def _plan(event: object) -> Optional[Tuple[str, Any, str]]:
    if not isinstance(event, WebhookEvent):
        raise TypeError(
            f"resolve() takes a leat.webhooks.WebhookEvent (from construct_event or a receiver), "
            f"got {type(event).__name__}"
        )
    return _native.webhook_fetch(event.event_type, event.data)


class Webhooks:
    """``client.webhooks`` of a blocking :class:`leat.Client`."""

    __slots__ = ("_client",)

    def __init__(self, client: Client) -> None:
        self._client = client

    def resolve(self, event: WebhookEvent) -> Optional[Entity]:
        """Fetches the current state of the event's entity (a contact by uuid, a voucher by code,
        ...) and returns it as its model; a credit reception or prepaid transaction resolves to
        its contact. ``None`` when Leat offers no way (``form_submission_completed``,
        ``referral_completed``, an unknown type). Raises ``ValidationError`` when the payload
        lacks what the call needs (nothing is sent), and the call's errors otherwise
        (``NotFoundError``, ...). ``docs/webhook-events.md`` lists each type's call.
        """
        plan = _plan(event)
        if plan is None:
            return None
        operation, args, model = plan
        entity: Entity = model_class(model)(self._client.call(operation, **args))
        return entity


class AsyncWebhooks:
    """``client.webhooks`` of a :class:`leat.AsyncClient`."""

    __slots__ = ("_client",)

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def resolve(self, event: WebhookEvent) -> Optional[Entity]:
        """:meth:`Webhooks.resolve` as a coroutine."""
        plan = _plan(event)
        if plan is None:
            return None
        operation, args, model = plan
        entity: Entity = model_class(model)(await self._client.call(operation, **args))
        return entity
