"""leat-sdk: the client for the Leat (formerly Piggy) loyalty platform's OAuth v3 API.

>>> import leat
>>> client = leat.Client(api_key="...")          # or LEAT_API_KEY
>>> contact = client.contacts.find_or_create(email="jane@example.com")
>>> for reward in client.rewards.list(contact_uuid=contact.uuid):
...     print(reward.title)

Every group of the API is a property of the client (``client.contacts``,
``client.credit_receptions``, ...; ``docs/reference/python.md`` lists them all).
``leat.AsyncClient`` has the same methods as coroutines. Every failure is a
:class:`leat.LeatError`. Set ``LEAT_LOG=debug`` to see each HTTP attempt on stderr.

``import leat`` loads only the clients: each model, resource, enum and exception module is
loaded the first time one of its names is used.
"""

from __future__ import annotations

import atexit as _atexit
import importlib as _importlib
import logging as _logging
import os as _os
from typing import TYPE_CHECKING, Any, Dict, List

from . import _native
from ._client import AsyncClient, Client
from ._exports import EXPORTS as _EXPORTS
from ._native import __version__

if TYPE_CHECKING:
    from . import enums as enums
    from . import exceptions as exceptions
    from . import models as models
    from . import resources as resources
    from . import webhooks as webhooks
    from ._exports import *  # noqa: F403
    from ._models import Model as Model
    from ._pagination import AsyncPage as AsyncPage
    from ._pagination import AsyncPager as AsyncPager
    from ._pagination import Page as Page
    from ._response import Headers as Headers
    from ._response import RawResponse as RawResponse

#: The names offered here that are not from the spec, and the module each lives in.
_OWN: Dict[str, str] = {
    "Page": "leat._pagination",
    "AsyncPage": "leat._pagination",
    "AsyncPager": "leat._pagination",
    "RawResponse": "leat._response",
    "Headers": "leat._response",
    "Model": "leat._models",
}

#: Submodules reachable as attributes of ``leat``, loaded when first used.
_SUBMODULES = ("enums", "exceptions", "models", "resources", "webhooks")

__all__: List[str] = [
    "Client",
    "AsyncClient",
    *_OWN,
    *_SUBMODULES,
    *_EXPORTS,
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name) or _OWN.get(name)
    if module is not None:
        value = getattr(_importlib.import_module(module), name)
    elif name in _SUBMODULES:
        value = _importlib.import_module(f"leat.{name}")
    else:
        raise AttributeError(f"module 'leat' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))


def _log_from_environment() -> None:
    """``LEAT_LOG=debug`` (or info, warning, ...) shows the ``leat`` logger on stderr."""
    level_name = _os.environ.get("LEAT_LOG", "").strip().upper()
    if not level_name:
        return
    level = _logging.getLevelName(level_name)
    if not isinstance(level, int):
        return
    logger = _logging.getLogger("leat")
    logger.setLevel(level)
    if not logger.handlers:
        handler = _logging.StreamHandler()
        handler.setFormatter(_logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


_log_from_environment()

# The runtime's threads must be stopped before the interpreter finalizes.
_atexit.register(_native._shutdown)

# A child process made by os.fork() makes its runtimes and connections anew.
if hasattr(_os, "register_at_fork"):
    _os.register_at_fork(after_in_child=_native._forked)
