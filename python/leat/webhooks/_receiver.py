"""What the framework receivers (``fastapi``, ``flask``, ``django``) do alike: verify a
delivery's raw body with the core, and turn a refusal into the HTTP answer Leat gets.

A delivery that does not verify is answered 400 with ``"<reason>: <message>"``. A receiver
without any secret (none given, ``LEAT_WEBHOOK_SECRET`` unset or empty) answers 500 naming the
variable: the fault is the server's, and Leat retries until it is fixed. The environment is
read for each delivery, so the variable may be set after the receiver was built.
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


@dataclass(frozen=True)
class Refusal:
    """A delivery not handed to the handler: the status and text to answer with."""

    status: int
    text: str


class Verifier:
    """Verifies deliveries with the secrets given (checked once, here) or, when none were
    given, with ``LEAT_WEBHOOK_SECRET`` as it is when each delivery arrives."""

    def __init__(self, secret: Optional[Secrets]) -> None:
        # A secret of the wrong type (None in a list, a number) is a TypeError at start-up.
        self._secrets: Optional[List[bytes]] = None if secret is None else _secrets(secret)

    def verify(self, body: bytes, signature: Optional[str]) -> Union[WebhookEvent, Refusal]:
        """The event, or how to refuse the delivery."""
        try:
            return construct_event(body, signature, self._secrets)
        except SignatureVerificationError as err:
            if err.reason == "no_secret":
                _log.error("a webhook delivery could not be verified: %s", err)
                return Refusal(500, f"{err.reason}: {err}")
            _log.warning("refused a webhook delivery: %s", err)
            return Refusal(400, f"{err.reason}: {err}")
