"""vanban: scanned Vietnamese administrative documents to correct text and structured JSON."""

from __future__ import annotations

from pipeline.api import parse, parse_many
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
from pipeline.restore import RestoreResult, restore
from pipeline.result import ParseResult
from pipeline.types import Status

__version__ = "0.1.0"

__all__ = [
    "parse",
    "parse_many",
    "restore",
    "check_citations",
    "RestoreResult",
    "ParseResult",
    "ParseOptions",
    "IngestOptions",
    "OcrOptions",
    "RestoreOptions",
    "StructureOptions",
    "CitationOptions",
    "Status",
    "ExitCode",
    "VanbanError",
    "__version__",
]
