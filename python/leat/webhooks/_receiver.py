"""What the framework receivers (``fastapi``, ``flask``, ``django``) do alike: verify a
delivery's raw body with the core, and turn a refusal into the HTTP answer Leat gets.

A delivery that does not verify, or whose body is not an event, is answered 400 with
``"<reason>: <message>"``. A body larger than the receiver's ``limit`` (default 1 MiB: Leat's
deliveries are small) is answered 413 with ``"body_too_large: ..."``, refused by its declared
``Content-Length`` before it is read; of one without it, nothing past the limit is kept where
the framework lets the receiver read it a piece at a time. A receiver without any secret (none
given, ``LEAT_WEBHOOK_SECRET`` unset or empty) answers 500 naming the variable: the fault is the
server's, and Leat retries until it is fixed. The environment is read for each delivery, so
the variable may be set after the receiver was built.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import List, Optional, Union

from ..exceptions import SignatureVerificationError
from . import Secrets, WebhookEvent, _secrets, construct_event

_log = logging.getLogger("leat.webhooks")

TEXT = "text/plain; charset=utf-8"
"""The content type of a refusal's text."""

NO_CONTENT = 204
"""The answer when the handler succeeded and gave no answer of its own."""

DEFAULT_LIMIT = 1024 * 1024
"""The largest body a receiver reads by default: 1 MiB (Leat's deliveries are a few KiB)."""


@dataclass(frozen=True)
class Refusal:
    """A delivery not handed to the handler: the status and text to answer with."""

    status: int
    text: str


def _checked_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be a number of bytes (an int), got {type(limit).__name__}")
    if limit <= 0:
        raise ValueError(f"limit must be a number of bytes greater than zero, got {limit}")
    return limit


class Verifier:
    """Verifies deliveries with the secrets given (checked once, here) or, when none were
    given, with ``LEAT_WEBHOOK_SECRET`` as it is when each delivery arrives; and refuses bodies
    over ``limit`` bytes."""

    def __init__(self, secret: Optional[Secrets], limit: int = DEFAULT_LIMIT) -> None:
        # A secret of the wrong type (None in a list, a number) is a TypeError at start-up, as
        # is a limit that is not a positive number of bytes.
        self._secrets: Optional[List[bytes]] = None if secret is None else _secrets(secret)
        self.limit = _checked_limit(limit)

    def too_large(self) -> Refusal:
        """The answer to a body over the limit."""
        _log.warning("refused a webhook delivery: its body is larger than the limit of %d bytes", self.limit)
        return Refusal(
            413,
            f"body_too_large: the request body is larger than this receiver's limit of {self.limit} "
            "bytes (its limit= argument)",
        )

    def declared_too_large(self, content_length: object) -> bool:
        """Whether a ``Content-Length`` header (text, a number, or ``None`` when absent) says
        the body is over the limit, so it can be refused without reading it."""
        try:
            return int(str(content_length).strip()) > self.limit
        except ValueError:
            return False

    def verify(self, body: bytes, signature: Optional[str]) -> Union[WebhookEvent, Refusal]:
        """The event, or how to refuse the delivery."""
        if len(body) > self.limit:
            return self.too_large()
        try:
            return construct_event(body, signature, self._secrets)
        except SignatureVerificationError as err:
            if err.reason == "no_secret":
                _log.error("a webhook delivery could not be verified: %s", err)
                return Refusal(500, f"{err.reason}: {err}")
            _log.warning("refused a webhook delivery: %s", err)
            return Refusal(400, f"{err.reason}: {err}")
