"""Testing without Leat: ``MockServer``, the core's ``leat-mock`` running in-process.

>>> from leat.testing import MockServer, Fault
>>> with MockServer() as mock:
...     client = leat.Client(api_key=mock.api_key, base_url=mock.url)
...     mock.script([Fault.status(503, headers={"Retry-After": "1"})])
...     client.webhook_subscriptions.list()   # retried after a second, then succeeds

The mock is a ready account (a shop, a default unit, a loyalty program, a promotion, rewards at
several prices) that keeps state: credits given raise the balance, a reward the contact cannot
afford is refused with Leat's 1017, a voucher redeems once. Its changes send the matching
webhooks, signed as Leat signs them, to ACTIVE subscriptions, in the background:

>>> with MockServer(seed=1) as mock:       # seed: the same uuids on every run
...     client = leat.Client(api_key=mock.api_key, base_url=mock.url)
...     client.webhook_subscriptions.create(name="hook", event_type="credit_reception_created",
...                                         url=receiver_url, secret="whsec_test")
...     client.credit_receptions.create(contact_uuid=..., shop_uuid=..., credits=10)
...     [delivery] = mock.deliveries(wait=5)   # wait for the delivery to end
...     mock.reset()                           # the fresh account again, same uuids

``MockServer(state={...})`` or ``mock.load_state({...})`` start from an account description
instead (shops, units, promotions, rewards, contacts with balances, giftcards, vouchers; see
``ACCOUNT.md`` of the ``leat-mock`` crate).

``MockServer(tls=True)`` serves HTTPS at ``https://localhost:PORT`` with a certificate signed
by a private CA it makes at start; ``mock.ca_pem`` is that CA's PEM certificate:

>>> with MockServer(tls=True) as mock:
...     client = leat.Client(api_key=mock.api_key, base_url=mock.url, ca_bundle=mock.ca_pem)
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from ._native import MockServer

__all__ = ["MockServer", "Fault"]


class Fault:
    """Builders for the faults ``MockServer.script`` takes (plain dicts, so JSON works too)."""

    @staticmethod
    def status(
        code: int,
        *,
        body: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
        path: Optional[str] = None,
        method: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Answer ``code`` without acting on the request."""
        fault: Dict[str, Any] = {"status": code}
        if body is not None:
            fault["body"] = body
        if headers:
            fault["headers"] = dict(headers)
        return _on(fault, path, method)

    @staticmethod
    def delay(seconds: float, *, path: Optional[str] = None, method: Optional[str] = None) -> Dict[str, Any]:
        """Wait, then handle the request normally (it is acted on even if the client gave up)."""
        return _on({"delay_ms": int(seconds * 1000)}, path, method)

    @staticmethod
    def drop_connection(*, path: Optional[str] = None, method: Optional[str] = None) -> Dict[str, Any]:
        """Close the connection without answering and without acting."""
        return _on({"drop": True}, path, method)

    @staticmethod
    def malformed_body(*, path: Optional[str] = None, method: Optional[str] = None) -> Dict[str, Any]:
        """Act on the request, then answer 200 with a truncated, non-JSON body."""
        return _on({"malformed": True}, path, method)

    @staticmethod
    def echo(
        status: int = 400, *, path: Optional[str] = None, method: Optional[str] = None
    ) -> Dict[str, Any]:
        """Answer ``status`` without acting, quoting the request back (every header, the
        ``Authorization`` header included, and the body) in the error's message, field errors
        and request id, as a debug page or a misbehaving proxy does: for checking that no
        secret reaches an error."""
        return _on({"echo": True, "status": status}, path, method)


def _on(fault: Dict[str, Any], path: Optional[str], method: Optional[str]) -> Dict[str, Any]:
    """Only a request whose path starts with ``path`` and whose method is ``method`` takes it."""
    if path is not None:
        fault["path"] = path
    if method is not None:
        fault["method"] = method
    return fault
