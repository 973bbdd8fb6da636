"""vanban: scanned Vietnamese administrative documents to correct text and structured JSON.

The public surface is imported lazily, so that ``import pipeline.types`` in a worker process (or
``vanban restore``) does not pay for loading OCR, torch or the citation tables.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "parse": "pipeline.api",
    "parse_many": "pipeline.api",
    "restore_text": "pipeline.api",
    "restore": "pipeline.restore",
    "RestoreResult": "pipeline.restore",
    "check_citations": "pipeline.citations",
    "ParseResult": "pipeline.result",
    "ParseOptions": "pipeline.options",
    "IngestOptions": "pipeline.options",
    "OcrOptions": "pipeline.options",
    "RestoreOptions": "pipeline.options",
    "StructureOptions": "pipeline.options",
    "CitationOptions": "pipeline.options",
    "Status": "pipeline.types",
    "RestoreModel": "pipeline.types",
    "RestoreMode": "pipeline.types",
    "ExitCode": "pipeline.errors",
    "VanbanError": "pipeline.errors",
}

__all__ = [
    "parse", "parse_many", "restore_text", "restore", "RestoreResult", "check_citations", "ParseResult",
    "ParseOptions", "IngestOptions", "OcrOptions", "RestoreOptions", "StructureOptions",
    "CitationOptions", "Status", "RestoreModel", "RestoreMode", "ExitCode", "VanbanError", "__version__",
]

if TYPE_CHECKING:  # pragma: no cover
    from pipeline import restore
    from pipeline.api import parse, parse_many, restore_text
    from pipeline.citations import check_citations
    from pipeline.errors import ExitCode, VanbanError
    from pipeline.options import (
        CitationOptions,
        IngestOptions,
        OcrOptions,
        ParseOptions,
        RestoreOptions,
        StructureOptions,
    )
    from pipeline.restore import RestoreResult
    from pipeline.result import ParseResult
    from pipeline.types import RestoreMode, RestoreModel, Status


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    imported = importlib.import_module(module)
    # "restore" is the stage package itself (its function is ``pipeline.restore_text``).
    value = imported if name == module.rsplit(".", 1)[-1] else getattr(imported, name)
    globals()[name] = value
    return value
