"""leat-sdk: the Leat (formerly Piggy) loyalty platform's Webhook Subscriptions API.

>>> import leat
>>> client = leat.Client(api_key="...")          # or LEAT_API_KEY
>>> sub = client.webhook_subscriptions.create(
...     name="New members", event_type=leat.EventType.CONTACT_CREATED,
...     url="https://example.com/hooks")

``leat.AsyncClient`` has the same methods as coroutines. Every failure is a
:class:`leat.LeatError`. Set ``LEAT_LOG=debug`` to see each HTTP attempt on stderr.
"""

from __future__ import annotations

import atexit as _atexit
import logging as _logging
import os as _os

from . import _native, exceptions, webhooks
from ._native import (
    AsyncClient,
    AsyncWebhookSubscriptions,
    Client,
    WebhookSubscription,
    WebhookSubscriptions,
    __version__,
)
from ._types import EventType, Status
from .exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    InternalError,
    InvalidInputError,
    LeatError,
    MaintenanceError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    SignatureVerificationError,
    ValidationError,
)

__all__ = [
    "Client",
    "AsyncClient",
    "WebhookSubscriptions",
    "AsyncWebhookSubscriptions",
    "WebhookSubscription",
    "EventType",
    "Status",
    "exceptions",
    "webhooks",
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
    "__version__",
]


def _log_from_environment() -> None:
    """``LEAT_LOG=debug`` (or info, warning, ...) shows the ``leat`` logger on stderr."""
    level_name = _os.environ.get("LEAT_LOG", "").strip().upper()
    if not level_name:
        return
    level = _logging.getLevelName(level_name)
    if not isinstance(level, int):
        return
    logger = _logging.getLogger("leat")
    logger.setLevel(level)
    if not logger.handlers:
        handler = _logging.StreamHandler()
        handler.setFormatter(_logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


_log_from_environment()

# The runtime's threads must be stopped before the interpreter finalizes.
_atexit.register(_native._shutdown)

# A child process made by os.fork() makes its runtimes and connections anew.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_native._forked)
