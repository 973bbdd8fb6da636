"""Load each model file once per process, by absolute path (workers reload by path, KenLM style)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from pipeline.errors import ModelMissingError

T = TypeVar("T")

_cache: dict[str, Any] = {}
_lock = threading.Lock()


def load_once(path: str | os.PathLike[str], what: str, read: Callable[[str], T]) -> T:
    """``read(abs_path)`` the first time a path is asked for, the same object afterwards."""
    key = os.path.abspath(os.fspath(path))
    with _lock:
        if key in _cache:
            return _cache[key]  # type: ignore[no-any-return]
        if not os.path.exists(key):
            raise ModelMissingError(f"{what} {key} not found", path=key)
        value = read(key)
        _cache[key] = value
        return value
