"""Raw responses: the HTTP answer behind a result, from ``with_raw_response``.

``client.contacts.with_raw_response.get(uuid)`` returns a :class:`RawResponse` holding Leat's
answer as it came (status, headers, body bytes, the rate-limit headers) and ``parse()``, which
gives the result the plain method would have returned. An error answer raises the same
exception as the plain method; it carries the same ``headers``, ``body`` and rate limits.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, Tuple, TypeVar

__all__ = ["RawResponse", "Headers"]

T = TypeVar("T")

#: What ``Client.call_raw`` answers: data, page (or None), status, headers, body.
Answer = Tuple[Any, Optional[Dict[str, Any]], int, List[Tuple[str, str]], bytes]

_U64 = 1 << 64


class Headers(Mapping[str, str]):
    """An answer's headers, looked up in any case (``headers["X-Request-Id"]``).

    A header sent more than once reads as its values joined by ``", "``; ``get_list(name)``
    gives them one by one. Iterating gives the names in lowercase, in the order received.
    """

    __slots__ = ("_pairs", "_joined")

    def __init__(self, pairs: List[Tuple[str, str]]) -> None:
        self._pairs = pairs
        joined: Dict[str, str] = {}
        for name, value in pairs:
            key = name.lower()
            joined[key] = f"{joined[key]}, {value}" if key in joined else value
        self._joined = joined

    def __getitem__(self, name: str) -> str:
        return self._joined[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._joined

    def __iter__(self) -> Iterator[str]:
        return iter(self._joined)

    def __len__(self) -> int:
        return len(self._joined)

    def get_list(self, name: str) -> List[str]:
        """Every value of the header ``name`` (any case), in the order received."""
        key = name.lower()
        return [value for header, value in self._pairs if header.lower() == key]

    def __repr__(self) -> str:
        return f"Headers({self._joined!r})"


def _count(text: Optional[str]) -> Optional[int]:
    """A whole number from a header, as the core reads ``X-RateLimit-*``; ``None`` otherwise."""
    if text is None:
        return None
    digits = text.strip()
    if digits.startswith("+"):
        digits = digits[1:]
    if not (digits.isascii() and digits.isdigit()):
        return None
    value = int(digits)
    return value if value < _U64 else None


class RawResponse(Generic[T]):
    """Leat's answer to one call, as it came, and the result read from it (``parse()``)."""

    __slots__ = ("status_code", "headers", "content", "_data", "_page", "_parse")

    #: The HTTP status.
    status_code: int
    #: The answer's headers, looked up in any case.
    headers: Headers
    #: The answer's body, byte for byte.
    content: bytes

    def __init__(self, answer: Answer, parse: Callable[[Any, Optional[Dict[str, Any]]], T]) -> None:
        data, page, status, headers, body = answer
        self.status_code = status
        self.headers = Headers(headers)
        self.content = body
        self._data = data
        self._page = page
        self._parse = parse

    @property
    def text(self) -> str:
        """The body as text (UTF-8; a byte that is not UTF-8 reads as U+FFFD)."""
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The whole body (``{"data": ..., "meta": ...}``) as Python data."""
        import json

        return json.loads(self.content)

    @property
    def request_id(self) -> Optional[str]:
        """The ``X-Request-Id`` header, to quote to Leat's support; ``None`` when absent."""
        return self.headers.get("x-request-id")

    @property
    def rate_limit_limit(self) -> Optional[int]:
        """The ``X-RateLimit-Limit`` header: calls allowed per window, when sent."""
        return _count(self.headers.get("x-ratelimit-limit"))

    @property
    def rate_limit_remaining(self) -> Optional[int]:
        """The ``X-RateLimit-Remaining`` header: calls left in this window, when sent."""
        return _count(self.headers.get("x-ratelimit-remaining"))

    def parse(self) -> T:
        """The result the method without ``with_raw_response`` would have returned."""
        return self._parse(self._data, self._page)

    def __repr__(self) -> str:
        return f"<RawResponse status_code={self.status_code} content={len(self.content)} bytes>"
