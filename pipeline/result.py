"""The result of ``pipeline.parse``: a status, the document, structured errors and timings.

Also the one definition of a page's plain text (``page_text``), used by ``ParseResult.text``,
``vanban parse --text``, ``vanban batch``'s NAME.txt, the OCRmyPDF plugin and the evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.types import ErrorRecord, RestoredPage, SourceInfo, StageTiming, Status

if TYPE_CHECKING:  # the citation stage loads its tables on import: only for the annotations
    from pipeline.citations.model import CitationReport
    from pipeline.document import Document


def page_text(page: RestoredPage) -> str:
    """A page's plain text as a reader sees it: its lines and table rows top to bottom.

    Lines with boxes and table rows are ordered by their top edge (lines of one height keep their
    reading order; a line without a box stays after the one before it); a table row is its cells,
    white space collapsed, joined by tabs.  Text-only sources (no boxes, no tables) keep their
    lines as they are.  This is the text of ``--text``, of batch NAME.txt and of the evaluation.

    ``RestoredPage.text`` (the lines outside tables, in reading order) is another thing: it is what
    the document JSON's ``pages[].text`` holds and what citation spans index; the tables are in
    the JSON as tables.
    """
    items: list[tuple[int, int, str]] = []
    y = 0
    for i, line in enumerate(page.lines):
        y = line.bbox[1] if line.bbox else y  # a line without a box stays after the one before it
        items.append((y, i, line.text))
    for table in page.tables:
        for r in range(table.n_rows):
            cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
            if cells:
                row = "\t".join(" ".join(c.text.split()) for c in cells)
                items.append((cells[0].bbox[1], len(items), row))
    if all(line.bbox is None for line in page.lines) and not page.tables:
        return page.text  # text-only sources keep their order
    return "\n".join(text for _, _, text in sorted(items))


@dataclass(frozen=True)
class ParseResult:
    """What a parse produced; ``document`` is None only when the parse failed before structure."""

    status: Status
    source: SourceInfo | None
    pages: tuple[RestoredPage, ...] = ()
    document: Document | None = None
    citations: CitationReport | None = None
    errors: tuple[ErrorRecord, ...] = ()
    timings: tuple[StageTiming, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """The plain text of all pages (``page_text``: table rows included), split by form feeds."""
        return "\f".join(page_text(p) for p in self.pages)

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
