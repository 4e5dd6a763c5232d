"""Type stubs for the ``leat._native`` extension module."""

from __future__ import annotations

import datetime
import os
from types import TracebackType
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Type, Union

__version__: str

class WebhookSubscription:
    """A webhook subscription as Leat returned it. Immutable; compares by value."""

    @property
    def uuid(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def event_type(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def properties(self) -> List[Any]: ...
    @property
    def status(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    def to_dict(self) -> Dict[str, Any]:
        """The fields as Leat sent them, unknown ones included."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class WebhookSubscriptions:
    """``client.webhook_subscriptions`` of a blocking :class:`Client`."""

    def list(
        self, event_type: Optional[str] = None, status: Optional[str] = None
    ) -> List[WebhookSubscription]:
        """The account's subscriptions, optionally of one event type and/or status."""
    def create(
        self,
        *,
        name: str,
        event_type: str,
        url: str,
        secret: Optional[str] = None,
        attributes: Optional[Sequence[str]] = None,
    ) -> WebhookSubscription:
        """Subscribes ``url`` to an event type. Never sent twice."""
    def get(self, uuid: str) -> WebhookSubscription:
        """One subscription by uuid."""
    def update(
        self,
        uuid: str,
        *,
        name: Optional[str] = None,
        url: Optional[str] = None,
        status: Optional[str] = None,
        attributes: Optional[Sequence[str]] = None,
    ) -> WebhookSubscription:
        """Changes the fields given; the event type and secret cannot change."""
    def delete(self, uuid: str) -> None:
        """Removes a subscription."""

class AsyncWebhookSubscriptions:
    """``client.webhook_subscriptions`` of an :class:`AsyncClient`: coroutines."""

    async def list(
        self, event_type: Optional[str] = None, status: Optional[str] = None
    ) -> List[WebhookSubscription]: ...
    async def create(
        self,
        *,
        name: str,
        event_type: str,
        url: str,
        secret: Optional[str] = None,
        attributes: Optional[Sequence[str]] = None,
    ) -> WebhookSubscription: ...
    async def get(self, uuid: str) -> WebhookSubscription: ...
    async def update(
        self,
        uuid: str,
        *,
        name: Optional[str] = None,
        url: Optional[str] = None,
        status: Optional[str] = None,
        attributes: Optional[Sequence[str]] = None,
    ) -> WebhookSubscription: ...
    async def delete(self, uuid: str) -> None: ...

class Client:
    """A blocking Leat client, safe to share between threads. Calls release the GIL."""

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        access_token: Optional[str] = None,
        client_id: Union[str, int, None] = None,
        client_secret: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        max_retries: int = 2,
        partner_id: Optional[str] = None,
        ca_bundle: Union[str, bytes, os.PathLike[str], None] = None,
        proxy: Union[str, Literal[False], None] = None,
    ) -> None:
        """``timeout`` bounds each whole call (seconds; ``float("inf")`` for no practical
        limit). ``proxy``: send every request through this ``http://`` or ``https://`` proxy
        (credentials may be in the URL; never shown), or ``False`` for none; by default
        ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` are honoured.
        ``ca_bundle``: CA certificates to trust besides the system's roots (or the Mozilla
        roots bundled with leat-sdk when the system has none), for a private or corporate CA:
        the path of a PEM file (``str`` or ``os.PathLike``) or PEM text (``bytes``, or a
        ``str`` holding ``-----BEGIN CERTIFICATE-----``). An unreadable file or bad PEM raises
        ``ConfigurationError``. ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` replace the system's roots.
        Nothing turns certificate verification off."""
    @property
    def base_url(self) -> str: ...
    def with_options(self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None) -> Client:
        """A client whose calls use these settings instead (``timeout`` in seconds; ``None``
        keeps this client's), sharing its connections, credentials and OAuth token."""
    @property
    def webhook_subscriptions(self) -> WebhookSubscriptions: ...
    def close(self) -> None: ...
    def __enter__(self) -> Client: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None: ...

class AsyncClient:
    """An asyncio Leat client; use one per process, from any event loop."""

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        access_token: Optional[str] = None,
        client_id: Union[str, int, None] = None,
        client_secret: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        max_retries: int = 2,
        partner_id: Optional[str] = None,
        ca_bundle: Union[str, bytes, os.PathLike[str], None] = None,
        proxy: Union[str, Literal[False], None] = None,
    ) -> None:
        """``timeout`` bounds each whole call (seconds; ``float("inf")`` for no practical
        limit). ``proxy``: send every request through this ``http://`` or ``https://`` proxy
        (credentials may be in the URL; never shown), or ``False`` for none; by default
        ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` are honoured.
        ``ca_bundle``: CA certificates to trust besides the system's roots (or the Mozilla
        roots bundled with leat-sdk when the system has none), for a private or corporate CA:
        the path of a PEM file (``str`` or ``os.PathLike``) or PEM text (``bytes``, or a
        ``str`` holding ``-----BEGIN CERTIFICATE-----``). An unreadable file or bad PEM raises
        ``ConfigurationError``. ``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` replace the system's roots.
        Nothing turns certificate verification off."""
    @property
    def base_url(self) -> str: ...
    def with_options(self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None) -> AsyncClient:
        """A client whose calls use these settings instead (``timeout`` in seconds; ``None``
        keeps this client's), sharing its connections, credentials and OAuth token."""
    @property
    def webhook_subscriptions(self) -> AsyncWebhookSubscriptions: ...
    async def close(self) -> None: ...
    async def __aenter__(self) -> AsyncClient: ...
    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None: ...

def construct_event(payload: bytes, signature: bytes, secrets: List[bytes]) -> Tuple[str, Dict[str, Any]]: ...
def verify_signature(payload: bytes, signature: bytes, secrets: List[bytes]) -> None: ...
def sign(payload: bytes, secret: bytes) -> str: ...
def parse_secrets(text: str) -> List[str]: ...
def contract() -> Dict[str, Any]:
    """The core's contract: error classes with their parents and fields, event types,
    statuses and subscription fields."""
def generation() -> int:
    """The fork generation: bumped in a child process after ``os.fork()``."""
def _forked() -> None: ...
def _shutdown() -> None: ...
def _provoke_panic() -> None: ...
async def _provoke_async_panic() -> None: ...

class Calls:
    """One event loop's running and finished ``AsyncClient`` calls (see ``leat._async``)."""

    def __init__(self, wake: int) -> None: ...
    def drain(self) -> None: ...
    def cancel(self, id: int) -> None: ...
    def running(self) -> int: ...

class Start:
    """A prepared ``AsyncClient`` call, started by ``leat._async.call``."""

    def __call__(self, calls: Calls, future: Any) -> int: ...
def run_cli(argv: List[str]) -> int:
    """Runs the ``leat`` command line with ``argv`` (after the program name); its exit status."""

class MockServer:
    """A local, stateful stand-in for the Leat API (see ``leat.testing``)."""

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        token_ttl: Optional[float] = None,
        webhook_secret: Optional[str] = None,
        delivery_backoff: Optional[float] = None,
        tls: bool = False,
    ) -> None:
        """``tls=True`` serves HTTPS at ``https://localhost:PORT`` with a certificate signed by a
        private CA made at start; trust it with ``ca_bundle=mock.ca_pem``."""
    def start(self) -> MockServer: ...
    def stop(self) -> None: ...
    def __enter__(self) -> MockServer: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None: ...
    @property
    def url(self) -> str: ...
    @property
    def ca_pem(self) -> Optional[str]:
        """With ``tls=True``, the PEM certificate of the mock's private CA; else ``None``."""
    @property
    def api_key(self) -> str: ...
    @property
    def client_id(self) -> str: ...
    @property
    def client_secret(self) -> str: ...
    @property
    def webhook_secret(self) -> str: ...
    def trigger(self, event_type: str, data: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
        """Delivers a signed event to every ACTIVE subscription of the type; one result each."""
    def script(self, faults: Sequence[Mapping[str, Any]]) -> None: ...
    def requests(self) -> List[Dict[str, Any]]: ...
    def clear_requests(self) -> None: ...
    def subscriptions(self) -> List[Dict[str, Any]]: ...
    def token_requests(self) -> int: ...
    def expire_tokens(self) -> None: ...
