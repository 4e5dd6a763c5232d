"""Receiving webhooks: verify Leat's ``Signature`` header and parse the event.

Leat signs each delivery with the subscription's secret (or the account's secret when the
subscription has none): ``Signature`` is the hex HMAC-SHA256 of the **raw** request body.
Verify the bytes exactly as received; a body parsed and serialised again will not match.

>>> event = leat.webhooks.construct_event(request.body, request.headers, secret="whsec_...")
>>> event.event_type, event.data
>>> event.credit_reception                     # the entity it carries, typed (or None)
>>> client.webhooks.resolve(event)             # its current state from the API: a Contact

Each event type's entity, its model and how it is fetched are listed in
``docs/webhook-events.md``. Leat does not publish these payloads: they are inferred, so the
typed accessors are tolerant (an absent or unreadable entity is ``None``, unknown fields are
kept in ``to_dict()``).

Leat writes the body with PHP's ``json_encode`` (``"https:\\/\\/..."``, ``"Cr\\u00e8me"``,
``1.0e+25``): re-serialising parsed JSON never gives those bytes back. ``event.data`` keeps the
keys in Leat's order and every number exactly (``1.0e+25`` is ``1e+25``, integers stay exact).

The secret may be left out: then ``LEAT_WEBHOOK_SECRET`` is read (several secrets separated by
commas while one is rotated). A secret is ``str`` or ``bytes``.

Receivers for web frameworks, each imported only when used: ``leat.webhooks.fastapi``
(a FastAPI/Starlette dependency), ``leat.webhooks.flask`` and ``leat.webhooks.django`` (view
decorators). By hand, pass the raw body: Flask ``request.get_data()``, FastAPI/Starlette
``await request.body()``, Django ``request.body``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from .. import _native
from ..exceptions import SignatureVerificationError
from ._entities import Entity, EventEntities

__all__ = [
    "SIGNATURE_HEADER",
    "ENV_WEBHOOK_SECRET",
    "WebhookEvent",
    "Entity",
    "construct_event",
    "verify_signature",
    "sign",
    "signature_from_headers",
    "SignatureVerificationError",
]

SIGNATURE_HEADER = "Signature"
ENV_WEBHOOK_SECRET = "LEAT_WEBHOOK_SECRET"

Payload = Union[bytes, bytearray, memoryview, str]
Secret = Union[str, bytes]
Secrets = Union[Secret, Sequence[Secret]]
Headers = Union[Mapping[str, Any], Iterable[Tuple[str, Any]]]


@dataclass(frozen=True)
class WebhookEvent(EventEntities):
    """A verified delivery: what happened (``event_type``), its payload (``data``), and the
    entity it carries, typed: ``entity``, or the property of its kind (``contact``,
    ``credit_reception``, ``voucher``, ...), ``None`` when absent or not readable as its model.
    ``client.webhooks.resolve(event)`` fetches the entity's current state."""

    event_type: str
    data: Dict[str, Any] = field(default_factory=dict)


def _raw(payload: object) -> bytes:
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, (bytearray, memoryview)):
        return bytes(payload)
    if isinstance(payload, str):
        return payload.encode("utf-8")
    if isinstance(payload, (dict, list)):
        raise TypeError(
            "construct_event needs the raw request body (bytes or str), not parsed JSON: the "
            "signature covers the exact bytes Leat sent, which re-serialising changes. Pass e.g. "
            "Flask's request.get_data(), FastAPI's await request.body() or Django's request.body."
        )
    raise TypeError(f"the payload must be bytes or str, got {type(payload).__name__}")


def _key(secret: object, where: str) -> bytes:
    """One secret as the bytes HMAC is keyed with: text as UTF-8, bytes as they are."""
    if isinstance(secret, str):
        return secret.encode("utf-8", "surrogateescape")
    if isinstance(secret, (bytes, bytearray, memoryview)):
        return bytes(secret)
    if secret is None:
        raise TypeError(f"the webhook secret{where} is None; is the environment variable it comes from set?")
    raise TypeError(f"the webhook secret{where} must be str or bytes, got {type(secret).__name__}")


def _secrets(secret: Optional[Secrets]) -> List[bytes]:
    if secret is None:
        # The core's rule for the variable's text: comma-separated, trimmed, empties dropped.
        return [_key(s, "") for s in _native.parse_secrets(os.environ.get(ENV_WEBHOOK_SECRET, ""))]
    if isinstance(secret, (str, bytes, bytearray, memoryview)):
        return [_key(secret, "")]
    if not isinstance(secret, Iterable):
        return [_key(secret, "")]
    return [_key(s, f" at index {i}") for i, s in enumerate(secret)]


def signature_from_headers(headers: Headers) -> Optional[str]:
    """The ``Signature`` header from any mapping or list of pairs, found case-insensitively."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    for name, value in items:
        name = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        if name.lower() == "signature":
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def _signature(signature: Union[str, bytes, Headers, None]) -> bytes:
    """The header value as bytes: a value any framework decoded (even with lone surrogates)
    reaches the core, which refuses what is not a signature with a reason."""
    if signature is None:
        return b""
    if isinstance(signature, bytes):
        return signature
    if not isinstance(signature, str):
        signature = signature_from_headers(signature) or ""
    return signature.encode("utf-8", "surrogateescape")


def verify_signature(
    payload: Payload, signature: Union[str, bytes, Headers, None], secret: Optional[Secrets] = None
) -> None:
    """Raises :class:`SignatureVerificationError` unless ``signature`` (the header value, or
    the request's headers) is ``payload`` signed with one of ``secret`` (rotation: any match;
    ``None``: ``LEAT_WEBHOOK_SECRET``)."""
    _native.verify_signature(_raw(payload), _signature(signature), _secrets(secret))


def construct_event(
    payload: Payload, signature: Union[str, bytes, Headers, None], secret: Optional[Secrets] = None
) -> WebhookEvent:
    """Verifies the signature, then parses the body into a :class:`WebhookEvent`."""
    event_type, data = _native.construct_event(_raw(payload), _signature(signature), _secrets(secret))
    return WebhookEvent(event_type=event_type, data=data)


def sign(payload: Payload, secret: Secret) -> str:
    """The ``Signature`` Leat would send for ``payload`` under ``secret`` (for tests)."""
    return _native.sign(_raw(payload), _key(secret, ""))
