"""The base of every model class in ``leat.models``: an answer's object kept as Leat sent it.

A model holds the ``dict`` the answer carried and nothing else (``__slots__ = ("_data",)``):
the generated subclasses read each field from it when it is asked for, so making a model costs
one small object whatever the answer's size, and ``to_dict()`` gives back exactly what came
(key order, unknown fields, exact numbers). Models are read-only, compared by value, hashable
and picklable.
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, Iterable, List, Tuple

__all__ = ["Model"]

# How much of a value ``repr`` shows before it shortens it.
_REPR_TEXT = 60
_REPR_TOTAL = 400


class Model:
    """An object of one of Leat's answers, read through typed, read-only properties.

    Build one from a ``dict`` shaped as Leat sends it (``leat.Contact(event.data["contact"])``
    works too); ``to_dict()`` returns it as it came, fields this version does not know included.
    """

    __slots__ = ("_data",)

    #: The fields the class knows, as Leat names them, in Leat's order.
    _fields: ClassVar[Tuple[str, ...]] = ()

    _data: Dict[str, Any]

    def __init__(self, data: Dict[str, Any]) -> None:
        if type(data) is not dict:
            data = _object(data, type(self).__name__)
        self._data = data

    def to_dict(self) -> Dict[str, Any]:
        """The object as Leat sent it: its keys in Leat's order, unknown fields included."""
        copied: Dict[str, Any] = _copy(self._data)
        return copied

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model) or type(other) is not type(self):
            return NotImplemented
        return self._data == other._data

    def __hash__(self) -> int:
        return hash((type(self).__qualname__, _frozen(self._data)))

    def __reduce__(self) -> Tuple[Any, Tuple[Dict[str, Any]]]:
        return (type(self), (self._data,))

    def __repr__(self) -> str:
        shown: List[str] = []
        length = 0
        for name in self._fields:
            if name not in self._data:
                continue
            part = f"{name}={_short(self._data[name])}"
            length += len(part) + 2
            if length > _REPR_TOTAL:
                shown.append("...")
                break
            shown.append(part)
        else:
            if any(name not in self._fields for name in self._data):
                shown.append("...")
        return f"{type(self).__name__}({', '.join(shown)})"


def _object(data: Any, model: str) -> Dict[str, Any]:
    """``data`` as a model's object: PHP writes an empty object as ``[]``."""
    if isinstance(data, list) and not data:
        return {}
    if isinstance(data, dict):
        return dict(data)
    raise TypeError(f"a {model} is made from a dict as Leat sends it, got {type(data).__name__}")


def entries(value: Any) -> Iterable[Tuple[str, Any]]:
    """The entries of a map field: PHP writes an empty map as ``[]``."""
    if isinstance(value, dict):
        return value.items()
    return ()


def _copy(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists and scalars), keeping key order."""
    if type(value) is dict:
        return {key: _copy(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy(item) for item in value]
    return value


def _frozen(value: Any) -> Any:
    """JSON data as a hashable value that is equal when the data is equal."""
    if type(value) is dict:
        return frozenset((key, _frozen(item)) for key, item in value.items())
    if type(value) is list:
        return tuple(_frozen(item) for item in value)
    return value


def _short(value: Any) -> str:
    """A value as ``repr`` shows it inside a model: short text, and containers summarised."""
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= _REPR_TEXT else text[: _REPR_TEXT - 4] + "...'"
    if isinstance(value, dict):
        return "{...}" if value else "{}"
    if isinstance(value, list):
        return f"[{len(value)} items]" if value else "[]"
    return repr(value)
