"""The restore stage's one per-process cache: every model, table and index is built once.

Workers reload by path (KenLM style): a model file is keyed by its absolute path, so two names
for the same file share one object.  One re-entrant lock guards the cache (a restorer's loader
loads its LM and inventory through it while holding it).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from pipeline.errors import ModelMissingError

T = TypeVar("T")

_cache: dict[Hashable, Any] = {}
_lock = threading.RLock()


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """``build()`` the first time ``key`` is asked for, the same object afterwards.

    A build that raises caches nothing: the next call tries again.
    """
    with _lock:
        if key in _cache:
            return _cache[key]  # type: ignore[no-any-return]
        value = build()
        _cache[key] = value
        return value


def load_once(path: str | os.PathLike[str], what: str, read: Callable[[str], T]) -> T:
    """``read(abs_path)`` the first time a path is asked for, the same object afterwards."""
    key = os.path.abspath(os.fspath(path))

    def build() -> T:
        if not os.path.exists(key):
            raise ModelMissingError(f"{what} {key} not found", path=key)
        return read(key)

    return cached(("file", key), build)
