"""``leat.Client`` and ``leat.AsyncClient``: the native clients, with every group of Leat's API.

The native clients (``leat._native``) build the core's client from the arguments, own the
connections and run every call; these classes add the group properties
(``client.contacts``, ``client.credit_receptions``, ...; generated in ``_client_groups``),
each of which loads its module the first time it is used.
"""

from __future__ import annotations

import os
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Literal, Optional, Type, TypeVar, Union

from . import _native
from ._client_groups import AsyncClientGroups, ClientGroups

if TYPE_CHECKING:
    from .webhooks._resolve import AsyncWebhooks, Webhooks

__all__ = ["Client", "AsyncClient"]

_Self = TypeVar("_Self", bound="Client")
_AsyncSelf = TypeVar("_AsyncSelf", bound="AsyncClient")


class Client(ClientGroups):
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
    honoured. A bad setting raises ``ConfigurationError``.

    Every group of Leat's API is a property named after it: ``client.contacts.get(uuid)``,
    ``client.webhook_subscriptions.list()``; see ``docs/reference/python.md``.
    """

    _inner: _native.Client

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
        self._inner = _native.Client(
            api_key,
            access_token=access_token,
            client_id=client_id,
            client_secret=client_secret,
            base_url=base_url,
            timeout=timeout,
            connect_timeout=connect_timeout,
            max_retries=max_retries,
            partner_id=partner_id,
            ca_bundle=ca_bundle,
            proxy=proxy,
        )

    @classmethod
    def _of(cls, native: _native.Client) -> Client:
        client = cls.__new__(cls)
        client._inner = native
        return client

    @cached_property
    def webhooks(self) -> Webhooks:
        """What a received webhook event leads to: ``client.webhooks.resolve(event)`` fetches
        the current state of its entity."""
        from .webhooks._resolve import Webhooks

        return Webhooks(self._inner)

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._inner.base_url

    def with_options(self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None) -> Client:
        """A client whose calls use these settings instead (``timeout`` in seconds; ``None``
        keeps this client's), sharing its connections, credentials and OAuth token."""
        return self._of(self._inner.with_options(timeout=timeout, max_retries=max_retries))

    def close(self) -> None:
        """Releases the connections; later calls raise ``ConfigurationError``."""
        self._inner.close()

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self._inner.close()

    def __repr__(self) -> str:
        return repr(self._inner)


class AsyncClient(AsyncClientGroups):
    """An asyncio Leat client: every call is a coroutine, cancelled with its task. One client
    serves every event loop of the process. Takes the same arguments as ``Client``.

    Every group of Leat's API is a property named after it, with the methods of ``Client``'s
    as coroutines: ``await client.contacts.get(uuid)``; a list that pages returns an
    :class:`~leat.AsyncPager` (``await`` it, or ``async for`` over it).
    """

    _inner: _native.AsyncClient

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
        self._inner = _native.AsyncClient(
            api_key,
            access_token=access_token,
            client_id=client_id,
            client_secret=client_secret,
            base_url=base_url,
            timeout=timeout,
            connect_timeout=connect_timeout,
            max_retries=max_retries,
            partner_id=partner_id,
            ca_bundle=ca_bundle,
            proxy=proxy,
        )

    @classmethod
    def _of(cls, native: _native.AsyncClient) -> AsyncClient:
        client = cls.__new__(cls)
        client._inner = native
        return client

    @cached_property
    def webhooks(self) -> AsyncWebhooks:
        """What a received webhook event leads to: ``await client.webhooks.resolve(event)``
        fetches the current state of its entity."""
        from .webhooks._resolve import AsyncWebhooks

        return AsyncWebhooks(self._inner)

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._inner.base_url

    def with_options(
        self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None
    ) -> AsyncClient:
        """A client whose calls use these settings instead (``timeout`` in seconds; ``None``
        keeps this client's), sharing its connections, credentials and OAuth token."""
        return self._of(self._inner.with_options(timeout=timeout, max_retries=max_retries))

    async def close(self) -> None:
        """Releases the connections: ``await client.close()``."""
        await self._inner.close()

    async def __aenter__(self: _AsyncSelf) -> _AsyncSelf:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self._inner.close()

    def __repr__(self) -> str:
        return repr(self._inner)
