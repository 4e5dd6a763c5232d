"""The exceptions of leat-sdk. Every failure is a :class:`LeatError`.

API errors carry Leat's answer: ``status_code``, ``code`` (Leat's error code, e.g. 80300),
``message``, ``errors`` (field -> messages), ``request_id``, on rate limits ``retry_after``
(seconds), and the call's ``method`` and ``path``. Connection errors carry ``method``,
``path`` and ``maybe_sent``; timeouts also ``timeout`` (seconds) and ``attempts``. The classes
and fields are the core's contract (``leat._native.contract()``), the same in every
language. Exceptions pickle with their fields. No exception ever holds an
API key, token or webhook secret.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

__all__ = [
    "LeatError",
    "APIError",
    "NotFoundError",
    "InvalidInputError",
    "AuthenticationError",
    "PermissionDeniedError",
    "RateLimitError",
    "MaintenanceError",
    "ServerError",
    "APIConnectionError",
    "APITimeoutError",
    "ResponseDecodeError",
    "ValidationError",
    "ConfigurationError",
    "SignatureVerificationError",
    "InternalError",
]


class LeatError(Exception):
    """The root of every leat-sdk exception."""

    _fields: tuple = ()

    def __init__(self, description: str, **fields: Any) -> None:
        super().__init__(description)
        for name in self._fields:
            setattr(self, name, fields.pop(name, getattr(type(self), name, None)))
        if fields:
            raise TypeError(f"unexpected fields for {type(self).__name__}: {sorted(fields)}")

    def __reduce__(self) -> Any:
        fields = {name: getattr(self, name) for name in self._fields}
        return (_rebuild, (type(self), str(self), fields))

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _rebuild(cls: type, description: str, fields: Dict[str, Any]) -> LeatError:
    return cls(description, **fields)


class APIError(LeatError):
    """Leat answered with an error."""

    _fields = ("status_code", "code", "message", "errors", "request_id", "retry_after", "method", "path")
    status_code: int
    code: Optional[int] = None
    message: str = ""
    errors: Dict[str, List[str]]
    request_id: Optional[str] = None
    retry_after: Optional[float] = None
    method: Optional[str] = None
    path: Optional[str] = None

    def __init__(self, description: str, **fields: Any) -> None:
        fields.setdefault("status_code", 0)
        fields.setdefault("message", description)
        fields["errors"] = dict(fields.get("errors") or {})
        super().__init__(description, **fields)


class NotFoundError(APIError):
    """Leat code 80300 or HTTP 404: the subscription does not exist."""


class InvalidInputError(APIError):
    """Leat code 1003 or HTTP 422: Leat rejected the input; see ``errors``."""


class AuthenticationError(APIError):
    """HTTP 401: the API key or token was refused."""


class PermissionDeniedError(APIError):
    """HTTP 403: the credentials may not do this."""


class RateLimitError(APIError):
    """HTTP 429: too many requests; ``retry_after`` says how long to wait."""


class MaintenanceError(APIError):
    """HTTP 503: Leat is in maintenance mode."""


class ServerError(APIError):
    """Another HTTP 5xx answer."""


class APIConnectionError(LeatError):
    """No answer came back: the connection failed or broke. ``maybe_sent`` says whether the
    request may have reached Leat (for a create: the subscription may exist)."""

    _fields = ("method", "path", "maybe_sent")
    method: Optional[str] = None
    path: Optional[str] = None
    maybe_sent: bool = True


class APITimeoutError(APIConnectionError):
    """The call's timeout (retries and waits included) ran out."""

    _fields = APIConnectionError._fields + ("timeout", "attempts")
    timeout: Optional[float] = None
    attempts: Optional[int] = None


class ResponseDecodeError(LeatError):
    """Leat's answer could not be understood; ``field`` says where."""

    _fields = ("method", "path", "status_code", "field", "body_snippet")
    method: Optional[str] = None
    path: Optional[str] = None
    status_code: Optional[int] = None
    field: Optional[str] = None
    body_snippet: Optional[str] = None


class ValidationError(LeatError, ValueError):
    """An argument was rejected before anything was sent; ``argument`` names it."""

    _fields = ("argument",)
    argument: Optional[str] = None


class ConfigurationError(LeatError):
    """The client could not be built from the arguments (or environment) given."""


class InternalError(LeatError):
    """A bug inside leat-sdk (a Rust panic), caught before it could end the process. The
    client stays usable; please report the message."""


class SignatureVerificationError(LeatError):
    """A webhook delivery's ``Signature`` did not verify, or its body is not an event.

    ``reason`` is one of ``missing_signature``, ``malformed_signature``, ``no_secret``,
    ``signature_mismatch``, ``invalid_json``, ``missing_type``, ``not_an_event`` (not a JSON
    object, or its ``data`` is not an object) (the same in every language).
    """

    _fields = ("reason",)
    reason: Optional[str] = None
