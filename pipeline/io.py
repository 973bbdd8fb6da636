"""Atomic file writes: nothing is ever half-written (temp file in the same folder, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files 0600; outputs in a shared archive folder should get the usual mode.
_FILE_MODE = 0o666 & ~_current_umask()


def atomic_save(path: str | os.PathLike[str], save: Callable[[str], None]) -> None:
    """Let ``save(tmp_path)`` write a temp file beside ``path``, then rename it into place.

    For writers that only take a file name (pikepdf, reportlab); readers see either the old file
    or the whole new one, and a failed or interrupted save leaves no temp file behind.
    """
    atomic_save_all([(path, save)])


def atomic_save_all(saves: Sequence[tuple[str | os.PathLike[str], Callable[[str], None]]]) -> None:
    """Write several files so that all of them are replaced or none is (``vanban parse``'s JSON,
    text and review page): each ``save(tmp_path)`` writes a temp file beside its target, and the
    temp files are renamed into place only once every one of them was written."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, save in saves:
            target = Path(path)
            if target.is_dir():
                raise OutputError(f"cannot write {target}: it is a folder", path=str(target))
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                os.fchmod(fd, _FILE_MODE)
                os.close(fd)
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {exc.strerror}", path=str(target)) from exc
            temps.append((tmp, target))
            try:
                save(tmp)
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {exc.strerror}", path=str(target)) from exc
        for tmp, target in temps:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {exc.strerror}", path=str(target)) from exc
    except BaseException:
        for tmp, _ in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the whole new one."""

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    atomic_save(path, write)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: str | os.PathLike[str], obj: Any) -> None:
    """Write JSON (UTF-8, not ASCII-escaped, indented) atomically."""
    atomic_write_text(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def bytes_saver(data: bytes) -> Callable[[str], None]:
    """A ``save(tmp)`` for ``atomic_save_all`` that writes ``data``."""

    def save(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    return save
