"""Receiving webhooks: verify Leat's ``Signature`` header and parse the event.

Leat signs each delivery with the subscription's secret (or the account's secret when the
subscription has none): ``Signature`` is the hex HMAC-SHA256 of the **raw** request body.
Verify the bytes exactly as received; a body parsed and serialised again will not match.

>>> event = leat.webhooks.construct_event(request.body, request.headers, secret="whsec_...")
>>> event.event_type, event.data

Frameworks: Flask ``request.get_data()``, FastAPI/Starlette ``await request.body()``,
Django ``request.body``, Express ``express.raw({type: "application/json"})``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from .exceptions import SignatureVerificationError

__all__ = [
    "SIGNATURE_HEADER",
    "WebhookEvent",
    "construct_event",
    "verify_signature",
    "sign",
    "signature_from_headers",
    "SignatureVerificationError",
]

SIGNATURE_HEADER = "Signature"

Payload = Union[bytes, bytearray, memoryview, str]
Secrets = Union[str, Sequence[str]]
Headers = Union[Mapping[str, str], Iterable[Tuple[str, str]]]


@dataclass(frozen=True)
class WebhookEvent:
    """A verified delivery: what happened (``event_type``) and its payload (``data``)."""

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


def _secrets(secret: Secrets) -> List[str]:
    if isinstance(secret, str):
        return [secret]
    if isinstance(secret, (bytes, bytearray)):
        raise TypeError("the secret must be a str (or a sequence of str), not bytes")
    return [str(s) for s in secret]


def signature_from_headers(headers: Headers) -> Optional[str]:
    """The ``Signature`` header from any mapping or list of pairs, found case-insensitively."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    for name, value in items:
        if name.lower() == "signature":
            return value
    return None


def _signature(signature: Union[str, Headers]) -> str:
    if isinstance(signature, str):
        return signature
    return signature_from_headers(signature) or ""


def verify_signature(payload: Payload, signature: Union[str, Headers], secret: Secrets) -> None:
    """Raises :class:`SignatureVerificationError` unless ``signature`` (the header value, or
    the request's headers) is ``payload`` signed with one of ``secret`` (rotation: any match)."""
    _native.verify_signature(_raw(payload), _signature(signature), _secrets(secret))


def construct_event(payload: Payload, signature: Union[str, Headers], secret: Secrets) -> WebhookEvent:
    """Verifies the signature, then parses the body into a :class:`WebhookEvent`."""
    event_type, data = _native.construct_event(_raw(payload), _signature(signature), _secrets(secret))
    return WebhookEvent(event_type=event_type, data=data)


def sign(payload: Payload, secret: str) -> str:
    """The ``Signature`` Leat would send for ``payload`` under ``secret`` (for tests)."""
    return _native.sign(_raw(payload), secret)
