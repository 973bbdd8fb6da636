"""The library entry points: ``parse`` for documents; the stage APIs are re-exported in __init__."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline import runner
from pipeline.options import ParseOptions
from pipeline.result import ParseResult


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
    return runner.run(source, ParseOptions.from_dict(options), raises=raises, progress=progress)


def parse_many(
    sources: Iterable[str | os.PathLike[str]],
    options: ParseOptions | dict[str, Any] | None = None,
) -> Iterator[ParseResult]:
    """Parse several inputs one after the other; a bad file gives a failure result, never stops."""
    opts = ParseOptions.from_dict(options)
    for src in sources:
        yield runner.run(src, opts, raises=False)
