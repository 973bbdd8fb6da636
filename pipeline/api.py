"""The library entry points: ``parse`` for documents; the stage APIs are re-exported in __init__."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pipeline import runner
from pipeline.errors import BadArgsError, FileAccessError, VanbanError
from pipeline.options import ParseOptions
from pipeline.result import ParseResult
from pipeline.types import ErrorRecord, Status

if TYPE_CHECKING:  # pragma: no cover
    from pipeline.restore import RestoreResult


def parse(
    source: str | os.PathLike[str],
    options: ParseOptions | dict[str, Any] | None = None,
    *,
    raises: bool = True,
    progress: runner.ProgressFn | None = None,
) -> ParseResult:
    """Turn a scanned or born-digital PDF, a page image or a legacy text file into a ParseResult.

    With ``raises=True`` an unreadable input raises a ``VanbanError``; with ``raises=False`` it
    comes back as a result with status ``failure`` and the error recorded.
    """
    try:
        path = source_path(source)
        opts = ParseOptions.from_dict(options)
    except VanbanError as exc:
        if raises:
            raise
        where = source if isinstance(source, str) else None
        return ParseResult(Status.failure, None, errors=(ErrorRecord("ingest", exc.code, str(exc), None, where),))
    return runner.run(path, opts, raises=raises, progress=progress)


def restore_text(text: str, *, model: str = "fast", mode: str = "auto") -> RestoreResult:
    """Restore Vietnamese diacritics (or OCR garble) in ``text``, keeping its layout exactly.

    ``model``: "fast" (n-gram) or "accurate" (neural); ``mode``: "auto", "stripped", "ocr-eng" or
    "ocr-vie".  The same as ``pipeline.restore.restore``.
    """
    from pipeline.restore import restore

    return restore(text, model=model, mode=mode)


def source_path(source: Any) -> str:
    """``source`` as a path string; a wrong type or a NUL is a ``VanbanError``, never a TypeError."""
    if isinstance(source, bytes):
        source = os.fsdecode(source)
    if not isinstance(source, str | os.PathLike):
        raise BadArgsError(f"the source must be a file path (str or os.PathLike), not {type(source).__name__}")
    try:
        path = os.fspath(source)
    except TypeError as exc:
        raise BadArgsError(f"the source must be a file path, not {type(source).__name__}") from exc
    path = os.fsdecode(path)
    if "\0" in path:
        raise FileAccessError("the path holds a NUL character, which no file name can", path=path.replace("\0", "\\0"))
    return path


def parse_many(
    sources: Iterable[str | os.PathLike[str]],
    options: ParseOptions | dict[str, Any] | None = None,
) -> Iterator[ParseResult]:
    """Parse several inputs one after the other; a bad file gives a failure result, never stops."""
    opts = ParseOptions.from_dict(options)
    for src in sources:
        yield parse(src, opts, raises=False)
