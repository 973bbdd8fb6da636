"""The result of ``pipeline.parse``: a status, the document, structured errors and timings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.types import ErrorRecord, RestoredPage, SourceInfo, StageTiming, Status


@dataclass(frozen=True)
class ParseResult:
    """What a parse produced; ``document`` is None only when the parse failed before structure."""

    status: Status
    source: SourceInfo | None
    pages: tuple[RestoredPage, ...] = ()
    document: Any = None  # pipeline.document.Document
    citations: Any = None  # pipeline.citations.CitationReport
    errors: tuple[ErrorRecord, ...] = ()
    timings: tuple[StageTiming, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """The restored text of all pages, pages separated by a form feed."""
        return "\f".join(p.text for p in self.pages)

    def timing(self, stage: str) -> float:
        return sum(t.seconds for t in self.timings if t.stage == stage)

    def to_dict(self) -> dict[str, Any]:
        """The document JSON plus status, errors, timings and the citation report."""
        out: dict[str, Any] = dict(self.document.to_dict()) if self.document is not None else {}
        if self.citations is not None:
            out["citations"] = self.citations.to_dict()
        out["status"] = self.status.value
        out["errors"] = [e.to_dict() for e in self.errors]
        stages: dict[str, float] = {}
        for t in self.timings:
            stages[t.stage] = round(stages.get(t.stage, 0.0) + t.seconds, 4)
        out["timings"] = stages
        return out
