"""Type stubs for the ``leat._native`` extension module.

The docstrings are the extension's own (its Rust doc comments), copied by
``python tools/stub_docs.py --write`` and checked by the test suite.
"""

from __future__ import annotations

import datetime
import os
from types import TracebackType
from typing import Any, Coroutine, Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Type, Union, final

__all__ = [
    "Client",
    "AsyncClient",
    "MockServer",
    "construct_event",
    "verify_signature",
    "sign",
    "event_entity",
    "webhook_fetch",
    "Receiver",
    "DEFAULT_BODY_LIMIT",
    "parse_secrets",
    "run_cli",
    "Calls",
    "Start",
    "contract",
    "operations",
    "parse_datetime",
    "_provoke_panic",
    "_provoke_async_panic",
    "_shutdown",
    "_forked",
    "generation",
    "__version__",
]

__version__: str
DEFAULT_BODY_LIMIT: int

@final
class Client:
    """A blocking Leat client, safe to share between threads (and across ``os.fork()``). Every
    call releases the GIL while it waits, on a runtime of the calling thread's own.

    Credentials: ``api_key`` (a personal access token, Leat's preferred way), a ready
    ``access_token``, or ``client_id`` + ``client_secret`` (OAuth client credentials: the
    client fetches, caches and renews the token itself); with none, ``LEAT_API_KEY`` is read.
    ``base_url`` defaults to ``LEAT_BASE_URL``, else ``https://api.piggy.eu``. ``timeout``
    bounds each whole call, retries and waits included (seconds; ``float("inf")`` for no
    practical limit); ``connect_timeout`` each connection attempt; ``max_retries`` how often a
    failed attempt may be repeated when that is safe. ``partner_id`` is sent as
    ``X-Partner-ID``. ``ca_bundle``: CA certificates to trust besides the system's roots (a PEM
    file's path, or PEM text). ``proxy``: a proxy URL for every request, or ``False`` for
    none; by default ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` are
    honoured. A bad setting raises ``ConfigurationError``."""

    def __new__(
        cls,
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
    ) -> Client: ...
    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
    def call(self, operation: str, /, **args: Any) -> Any:
        """Calls the operation with this id (``"contacts.get"``) with keyword arguments named as on
        the wire, and returns the answer's data as Python data (``(data, page)`` for a list
        that pages). The methods of ``leat.resources`` call this; it is the way to an
        operation by id."""
    def call_raw(
        self, operation: str, /, **args: Any
    ) -> Tuple[Any, Optional[Dict[str, Any]], int, List[Tuple[str, str]], bytes]:
        """``call``, answering ``(data, page or None, status, headers, body)``: the HTTP answer
        too, for ``with_raw_response``."""
    def with_options(self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None) -> Client:
        """A client whose calls use these settings instead (``timeout`` in seconds;
        ``None`` keeps this client's), sharing its connections, credentials and OAuth
        token. The settings are checked as the constructor checks them. Closing the
        view (``close()``, or leaving its ``with`` block) ends only the view's calls;
        closing this client ends the view's too."""
    def close(self) -> None:
        """Releases the connections; later calls raise ``ConfigurationError``. On a view made by
        ``with_options``, closes only the view: the client and its other views keep working."""
    def __enter__(self) -> Client: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None: ...

@final
class AsyncClient:
    """An asyncio Leat client: every call is a coroutine, cancelled with its task. One client
    serves every event loop of the process. Takes the same arguments as ``Client``."""

    def __new__(
        cls,
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
    ) -> AsyncClient: ...
    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
    def call(self, operation: str, /, **args: Any) -> Coroutine[Any, Any, Any]:
        """``Client.call`` as a coroutine: nothing starts until it runs, and cancelling its task
        cancels the call."""
    def call_raw(
        self, operation: str, /, **args: Any
    ) -> Coroutine[Any, Any, Tuple[Any, Optional[Dict[str, Any]], int, List[Tuple[str, str]], bytes]]:
        """``Client.call_raw`` as a coroutine."""
    def with_options(
        self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None
    ) -> AsyncClient:
        """A client whose calls use these settings instead (``timeout`` in seconds;
        ``None`` keeps this client's), sharing its connections, credentials and OAuth
        token. The settings are checked as the constructor checks them. Closing the
        view (``close()``, or leaving its ``with`` block) ends only the view's calls;
        closing this client ends the view's too."""
    async def close(self) -> None:
        """Releases the connections: ``await client.close()``. On a view made by
        ``with_options``, closes only the view: the client and its other views keep working."""
    async def __aenter__(self) -> AsyncClient: ...
    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None: ...

def construct_event(payload: bytes, signature: bytes, secrets: List[bytes]) -> Tuple[str, Dict[str, Any]]:
    """Verifies, then parses: `(event_type, data)`."""

def verify_signature(payload: bytes, signature: bytes, secrets: List[bytes]) -> None:
    """Checks the `Signature` of a raw payload against any of `secrets`."""

@final
class Receiver:
    """A framework receiver's verifier (`leat.webhooks._receiver.Verifier` wraps it): the secrets
    given, kept here once (or, with none, `LEAT_WEBHOOK_SECRET` read for each delivery), the
    body limit, and the core's rule for what each refusal answers."""

    def __new__(cls, secrets: Optional[List[bytes]], limit: int, limit_option: str) -> Receiver: ...
    @property
    def limit(self) -> int:
        """The largest body read, in bytes."""
    def declared_too_large(self, content_length: str) -> bool:
        """Whether a `Content-Length` value says the body is over the limit."""
    def too_large(self) -> Tuple[int, str, str, bool]:
        """The refusal of a body over the limit: `(status, reason, text, server_fault)`."""
    def receive(self, body: bytes, signature: bytes) -> Tuple[Any, ...]:
        """`("event", event_type, data)`, or `("refusal", (status, reason, text, server_fault))`."""

def event_entity(event_type: str, data: Dict[str, Any]) -> Optional[Tuple[str, str]]:
    """Where the event's entity is and what it is, when it reads as its model: `(key, model)`,
    e.g. `("contact", "Contact")`; `None` otherwise."""

def webhook_fetch(event_type: str, data: Dict[str, Any]) -> Optional[Tuple[str, Dict[str, Any], str]]:
    """The call that fetches the event's entity: `(operation, args, model)`, `None` when Leat
    offers no way; `ValidationError` when the payload lacks what the call needs."""

def sign(payload: bytes, secret: bytes) -> str:
    """The signature Leat would send for `payload` under `secret`."""

def parse_secrets(text: str) -> List[str]:
    """The secrets in the text of `LEAT_WEBHOOK_SECRET`: comma-separated, trimmed."""

def contract() -> Dict[str, Any]:
    """The contract as Python data: ``{"error_classes": [...], "event_types": [...], ...}``."""

def operations() -> List[Dict[str, Any]]:
    """Every operation, as `leat operations --json` lists them."""

def parse_datetime(text: str) -> datetime.datetime:
    """A timestamp as Leat writes it (ISO 8601 with an offset, `T` or a space), read by the
    core's own rule, as a timezone-aware `datetime`."""

def generation() -> int:
    """The current fork generation: what was made in another one belongs to another process."""

def run_cli(argv: List[str]) -> int:
    """Runs the `leat` command line with `argv` (the arguments after the program name) and
    returns its exit status. The GIL is released while it runs."""

def _forked() -> None: ...
def _shutdown() -> None: ...
def _provoke_panic() -> None: ...
async def _provoke_async_panic() -> None: ...

@final
class Calls:
    """One event loop's calls: those running, and those finished but not yet handed to asyncio."""

    def __new__(cls, wake: int) -> Calls: ...
    def drain(self) -> None:
        """Settles the future of every call that ended since the last drain; run by the event
        loop, on its thread, when the socket has something to read. A future that cannot be
        settled does not keep the others of the batch waiting: all are settled, then the first
        failure is raised."""
    def cancel(self, id: int) -> None:
        """Stops call `id` if it is still running: its Rust future is dropped, its result never
        delivered. Run when the task awaiting it is cancelled."""
    def running(self) -> int:
        """How many calls are running (for tests)."""

@final
class Start:
    """A call not started yet: `leat._async.call` starts it when its coroutine runs."""

    def __call__(self, calls: Calls, future: Any) -> int: ...

@final
class MockServer:
    """A local, stateful stand-in for the Leat API on 127.0.0.1 with a free port, for tests and
    offline work: ``with MockServer() as mock:``. Credentials are random unless given;
    ``token_ttl`` (seconds) is how long issued OAuth tokens live; ``webhook_secret`` signs
    deliveries to subscriptions made without a secret; ``delivery_backoff`` (seconds) is the
    first wait before a failed delivery is retried. ``tls=True`` serves HTTPS at
    ``https://localhost:PORT`` with a certificate signed by a private CA made at start; trust
    it with ``ca_bundle=mock.ca_pem``. ``seed`` makes uuids and ids the same on every run (and
    after ``reset()``); ``state`` is an account description (a dict, or the path of a JSON file)
    to start from instead of the default account."""

    def __new__(
        cls,
        *,
        api_key: Optional[str] = None,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        token_ttl: Optional[float] = None,
        webhook_secret: Optional[str] = None,
        delivery_backoff: Optional[float] = None,
        tls: bool = False,
        seed: Optional[int] = None,
        state: Union[Mapping[str, Any], str, os.PathLike[str], None] = None,
    ) -> MockServer: ...
    def start(self) -> MockServer:
        """Starts the server (once); returns itself."""
    def stop(self) -> None:
        """Stops the server; its port is freed."""
    def __enter__(self) -> MockServer: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None: ...
    @property
    def url(self) -> str:
        """Where the server listens, e.g. `http://127.0.0.1:54321`, or `https://localhost:54321`
        with `tls=True`."""
    @property
    def ca_pem(self) -> Optional[str]:
        """With `tls=True`, the PEM certificate of the private CA that signed the server's
        certificate (pass it as `ca_bundle=`); otherwise `None`."""
    @property
    def api_key(self) -> str:
        """The API key the server accepts."""
    @property
    def client_id(self) -> str:
        """The OAuth client id the server accepts."""
    @property
    def client_secret(self) -> str:
        """The OAuth client secret the server accepts."""
    @property
    def webhook_secret(self) -> str:
        """The account's webhook secret, for subscriptions created without one."""
    def trigger(self, event_type: str, data: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
        """POSTs a signed `{"type", "data"}` to every ACTIVE subscription of `event_type` (on
        this machine), retrying failing receivers up to 5 times; returns one dict per
        subscription (`uuid`, `url`, `status`, `attempts`) once all attempts have ended."""
    def script(self, faults: Sequence[Mapping[str, Any]]) -> None:
        """Queues faults for the next requests: dicts such as `{"status": 503}`,
        `{"delay_ms": 500}`, `{"drop": True}`, `{"malformed": True}` (see `leat.testing.Fault`)."""
    def requests(self) -> List[Dict[str, Any]]:
        """Every request received so far: dicts with method, path, query, headers and body."""
    def clear_requests(self) -> None:
        """Forgets the requests received so far."""
    def subscriptions(self) -> List[Dict[str, Any]]:
        """The subscriptions stored, as the API would return them."""
    def token_requests(self) -> int:
        """How many times `/oauth/token` was asked."""
    def expire_tokens(self) -> None:
        """Makes every access token issued so far invalid."""
    def reset(self) -> None:
        """Back to the starting account (the ``state`` given, or the default one): every entity,
        subscription, request, queued fault and delivery forgotten; with a ``seed``, the same
        uuids again."""
    def load_state(self, account: Union[Mapping[str, Any], str, os.PathLike[str]]) -> None:
        """Replaces the account with ``account`` (a dict, or the path of a JSON file), which
        ``reset()`` then returns to; ``ValueError`` names what in it is wrong."""
    def entities(self, collection: str) -> List[Dict[str, Any]]:
        """The entities the mock keeps for ``collection`` (``"contacts"``, ``"vouchers"``, ...), as
        the API returns them."""
    def deliveries(
        self, *, wait: Optional[float] = None, count: Optional[int] = None
    ) -> List[Dict[str, Any]]:
        """The webhook deliveries that have ended, oldest first: dicts with ``event_type``,
        ``subscription_uuid``, ``url``, ``body`` (the signed text), ``signature``, ``status``
        (``None`` when the receiver never answered) and ``attempts``. Deliveries are sent in the
        background, as Leat sends them: with ``wait`` (seconds), waits until ``count`` (default
        1) have ended, or ``wait`` has passed."""
