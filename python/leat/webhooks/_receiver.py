"""What the framework receivers (``fastapi``, ``flask``, ``django``) do alike: hand a
delivery's raw body to the core's receiver (``leat._native.Receiver``), which verifies it and
says how to refuse it, and log what was refused.

The core's rule: a delivery that does not verify, or whose body is not an event, is answered
400 with ``"<reason>: <message>"``; a body larger than the receiver's ``limit`` (default 1 MiB:
Leat's deliveries are small) 413 with ``"body_too_large: ..."``, refused by its declared
``Content-Length`` before it is read where the framework allows; a receiver without any secret
(none given, ``LEAT_WEBHOOK_SECRET`` unset or empty) 500 naming the variable: the fault is the
server's, and Leat retries until it is fixed. The variable is read as each delivery arrives,
so it may be set after the receiver was made. The secrets given are handed to the core once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional, Union

from .. import _native
from . import Secrets, WebhookEvent, _secrets, _signature

_log = logging.getLogger("leat.webhooks")

TEXT = "text/plain; charset=utf-8"
"""The content type of a refusal's text."""

NO_CONTENT = 204
"""The answer when the handler succeeded and gave no answer of its own."""

DEFAULT_LIMIT: int = _native.DEFAULT_BODY_LIMIT
"""The largest body a receiver reads by default: 1 MiB (Leat's deliveries are a few KiB)."""


@dataclass(frozen=True)
class Refusal:
    """A delivery not handed to the handler: the status and text to answer with."""

    status: int
    text: str


def _checked_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be a number of bytes (an int), got {type(limit).__name__}")
    return limit


class Verifier:
    """The core's receiver, made once with the secrets given (``None``: ``LEAT_WEBHOOK_SECRET``
    as each delivery arrives) and the body limit, and the log of what it refuses."""

    def __init__(self, secret: Optional[Secrets], limit: int = DEFAULT_LIMIT) -> None:
        # A secret of the wrong type (None in a list, a number) is a TypeError at start-up, as
        # is a limit that is not a positive number of bytes (a ValueError from the core).
        secrets = None if secret is None else _secrets(secret)
        self._receiver = _native.Receiver(secrets, _checked_limit(limit), "limit= argument")
        self.limit: int = self._receiver.limit

    def _refused(self, status: int, reason: str, text: str, server_fault: bool) -> Refusal:
        if server_fault:
            _log.error("a webhook delivery could not be verified: %s", text)
        else:
            _log.warning("refused a webhook delivery: %s", text)
        return Refusal(status, text)

    def too_large(self) -> Refusal:
        """The answer to a body over the limit."""
        return self._refused(*self._receiver.too_large())

    def declared_too_large(self, content_length: object) -> bool:
        """Whether a ``Content-Length`` header (text, a number, or ``None`` when absent) says
        the body is over the limit, so it can be refused without reading it."""
        return content_length is not None and self._receiver.declared_too_large(str(content_length))

    def verify(self, body: bytes, signature: Optional[str]) -> Union[WebhookEvent, Refusal]:
        """The event, or how to refuse the delivery."""
        outcome = self._receiver.receive(body, _signature(signature))
        if outcome[0] == "event":
            return WebhookEvent(event_type=outcome[1], data=outcome[2])
        return self._refused(*outcome[1])
