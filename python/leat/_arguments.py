"""List and map arguments as the native call takes them: lists, tuples and dicts.

The generated methods accept any ``Sequence`` for a list parameter and any ``Mapping`` for a
map parameter (as their types say); the native call reads lists, tuples and dicts, so other
containers are copied into those first. Plain lists, tuples and dicts (what callers pass
nearly always) go through untouched. Text is never taken apart: a ``str`` given for a list is
handed on, and the core refuses it with a ``TypeError``. Every check of the values themselves
is the core's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["plain"]

_AS_IS = frozenset({type(None), list, tuple, dict})


def plain(value: Any) -> Any:
    """``value`` as a list, tuple or dict when it is another sequence or mapping."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray)):
        return [plain(item) for item in value]
    return value
