"""Lists that page: ``Page`` for ``Client``, ``AsyncPage`` and ``AsyncPager`` for ``AsyncClient``.

A paged operation answers one page at a time. The core reads where the page stands from
either of Leat's ``meta`` formats (``page/limit/last_page/total`` or Laravel's
``current_page/last_page/per_page``) and says which page comes next; the next page is the same
operation called with the same arguments and ``page=<next>``. Iterating a page walks every
item of the list, asking for each further page only when the items before it are used up.
"""

from __future__ import annotations

from typing import (
    Any,
    AsyncIterator,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    TypeVar,
)

__all__ = ["Page", "AsyncPage", "AsyncPager", "fetch_page", "page_parser", "async_page_parser"]

T = TypeVar("T")

#: What turns one item of ``data`` into what the page holds (a model class, usually).
Item = Callable[[Any], T]


class _Position:
    """Where a page stands: the fields ``Page`` and ``AsyncPage`` share."""

    __slots__ = ("page", "last_page", "per_page", "total", "_next", "_call", "_operation", "_args")

    #: This page's number, from 1.
    page: int
    #: The number of the last page, when Leat said.
    last_page: Optional[int]
    #: How many items a page holds, when Leat said (``limit`` or ``per_page``).
    per_page: Optional[int]
    #: How many items the whole list holds, when Leat said.
    total: Optional[int]

    def __init__(self, call: Any, operation: str, args: Dict[str, Any], info: Dict[str, Any]) -> None:
        self.page = info["page"]
        self.last_page = info["last_page"]
        self.per_page = info["per_page"]
        self.total = info["total"]
        self._next: Optional[int] = info["next_page"]
        self._call = call
        self._operation = operation
        self._args = args

    def has_next_page(self) -> bool:
        """Whether another page follows this one."""
        return self._next is not None

    def _next_args(self) -> Dict[str, Any]:
        return {**self._args, "page": self._next}

    def _describe(self, items: int) -> str:
        return (
            f"{type(self).__name__}(page={self.page}, last_page={self.last_page}, "
            f"per_page={self.per_page}, total={self.total}, data=[{items} items])"
        )


class Page(_Position, Generic[T]):
    """One page of a list, from a blocking ``Client``.

    ``data`` holds this page's items. Iterating the page walks every item of the list, this
    page's first, fetching each further page when it is reached::

        for contact in client.contacts.list(limit=100):
            print(contact.uuid)

    ``next_page()`` fetches the page after this one (``None`` after the last), and
    ``iter_pages()`` walks the pages themselves.
    """

    __slots__ = ("data", "_item")

    #: This page's items.
    data: List[T]

    def __init__(
        self,
        call: Any,
        operation: str,
        item: Item[T],
        args: Dict[str, Any],
        data: List[Any],
        info: Dict[str, Any],
    ) -> None:
        super().__init__(call, operation, args, info)
        self._item = item
        self.data = [item(entry) for entry in data]

    def next_page(self) -> Optional[Page[T]]:
        """The page after this one, fetched now; ``None`` when this is the last."""
        if self._next is None:
            return None
        return fetch_page(self._call, self._operation, self._item, self._next_args())

    def iter_pages(self) -> Iterator[Page[T]]:
        """This page, then every page after it, each fetched when it is reached."""
        page: Optional[Page[T]] = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data

    def __repr__(self) -> str:
        return self._describe(len(self.data))


def fetch_page(call: Any, operation: str, item: Item[T], args: Dict[str, Any]) -> Page[T]:
    """Calls the paged ``operation`` with ``args`` through a blocking client's ``call``."""
    data, info = call(operation, **args)
    return Page(call, operation, item, args, data, info)


class AsyncPage(_Position, Generic[T]):
    """One page of a list, from an ``AsyncClient``.

    ``data`` holds this page's items; ``async for`` over the page walks every item of the
    list, this page's first, fetching each further page when it is reached.
    ``await page.next_page()`` fetches the page after this one (``None`` after the last), and
    ``iter_pages()`` walks the pages themselves.
    """

    __slots__ = ("data", "_item")

    #: This page's items.
    data: List[T]

    def __init__(
        self,
        call: Any,
        operation: str,
        item: Item[T],
        args: Dict[str, Any],
        data: List[Any],
        info: Dict[str, Any],
    ) -> None:
        super().__init__(call, operation, args, info)
        self._item = item
        self.data = [item(entry) for entry in data]

    async def next_page(self) -> Optional[AsyncPage[T]]:
        """The page after this one, fetched now; ``None`` when this is the last."""
        if self._next is None:
            return None
        return await _fetch_async_page(self._call, self._operation, self._item, self._next_args())

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page, then every page after it, each fetched when it is reached."""
        page: Optional[AsyncPage[T]] = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for entry in page.data:
                yield entry

    def __repr__(self) -> str:
        return self._describe(len(self.data))


async def _fetch_async_page(call: Any, operation: str, item: Item[T], args: Dict[str, Any]) -> AsyncPage[T]:
    data, info = await call(operation, **args)
    return AsyncPage(call, operation, item, args, data, info)


class AsyncPager(Generic[T]):
    """What a paged method of an ``AsyncClient`` returns: nothing is sent until it is used.

    ``await`` it for the first page (an :class:`AsyncPage`), or ``async for`` over it to walk
    every item of the list, each page fetched when it is reached::

        first = await client.contacts.list(limit=100)
        async for contact in client.contacts.list():
            print(contact.uuid)
    """

    __slots__ = ("_call", "_operation", "_item", "_args")

    def __init__(self, call: Any, operation: str, item: Item[T], args: Dict[str, Any]) -> None:
        self._call = call
        self._operation = operation
        self._item = item
        self._args = args

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return _fetch_async_page(self._call, self._operation, self._item, self._args).__await__()

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """Every page of the list, from the first, each fetched when it is reached."""
        first = await self
        async for page in first.iter_pages():
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        first = await self
        async for entry in first:
            yield entry

    def __repr__(self) -> str:
        return f"<AsyncPager {self._operation} (not fetched until awaited or iterated)>"


def page_parser(
    call: Any, operation: str, item: Item[T], args: Dict[str, Any]
) -> Callable[[Any, Any], Page[T]]:
    """How a raw response of a paged operation makes its ``Page`` (whose next pages ``call``
    fetches): for ``RawResponse.parse()``."""

    def parse(data: Any, info: Any) -> Page[T]:
        return Page(call, operation, item, args, data, info)

    return parse


def async_page_parser(
    call: Any, operation: str, item: Item[T], args: Dict[str, Any]
) -> Callable[[Any, Any], AsyncPage[T]]:
    """``page_parser`` for an ``AsyncClient``: the ``AsyncPage`` of a raw response."""

    def parse(data: Any, info: Any) -> AsyncPage[T]:
        return AsyncPage(call, operation, item, args, data, info)

    return parse
