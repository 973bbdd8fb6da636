"""The structured document: frozen records whose ``to_dict`` is the versioned JSON contract.

``Document.to_dict()`` produces ``{"schema": "vanban.document", "schema_version": "1.2", ...}`` as
described in ``pipeline/schema/document.schema.json``; ``Document.from_dict`` reads it back, so a
saved JSON file round-trips to the same records.  Every element carries provenance: the 1-based
``page_no`` it starts on and, where the input had geometry, its pixel ``bbox``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.archive_metadata import ArchiveMetadata, from_document

SCHEMA_NAME = "vanban.document"
SCHEMA_VERSION = "1.2"  # 1.1: the archives' "metadata" block; 1.2: "regions" (stamps, seals, hand-writing)

BBoxT = tuple[int, int, int, int]


def _bbox_out(b: BBoxT | None) -> list[int] | None:
    return None if b is None else [int(v) for v in b]


def _bbox_in(v: Any) -> BBoxT | None:
    if v is None:
        return None
    a, b, c, d = (int(x) for x in v)
    return (a, b, c, d)


@dataclass(frozen=True)
class SourceRef:
    """Where the document came from."""

    path: str | None = None
    sha256: str | None = None
    pages: int = 0
    kind: str | None = None
    # What the text was when it came in: "clean", "stripped" (typed without diacritics),
    # "ocr-eng" (an English-model OCR layer), "ocr-vie" (Tesseract vie) or "born-digital".
    input_kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"path": self.path, "sha256": self.sha256, "pages": self.pages, "kind": self.kind}
        if self.input_kind is not None:
            out["input_kind"] = self.input_kind
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SourceRef:
        return cls(d.get("path"), d.get("sha256"), int(d.get("pages", 0)), d.get("kind"), d.get("input_kind"))


@dataclass(frozen=True)
class Header:
    """The two-column header, the type title and the summary (trích yếu)."""

    authority: str | None = None
    parent_authority: str | None = None
    motto: str | None = None
    number: str | None = None
    place: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd, None when the date is blank or invalid
    date_text: str | None = None
    doc_type: str | None = None  # "KẾ HOẠCH", ..., "CÔNG VĂN" for a công văn (no title)
    summary: str | None = None
    kinh_gui: tuple[str, ...] = ()
    family: str = "state"  # "state" or "party"
    page_no: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "authority": self.authority,
            "parent_authority": self.parent_authority,
            "motto": self.motto,
            "number": self.number,
            "place": self.place,
            "date": self.date,
            "date_text": self.date_text,
            "doc_type": self.doc_type,
            "summary": self.summary,
            "kinh_gui": list(self.kinh_gui),
            "family": self.family,
            "page_no": self.page_no,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Header:
        return cls(
            authority=d.get("authority"),
            parent_authority=d.get("parent_authority"),
            motto=d.get("motto"),
            number=d.get("number"),
            place=d.get("place"),
            date=d.get("date"),
            date_text=d.get("date_text"),
            doc_type=d.get("doc_type"),
            summary=d.get("summary"),
            kinh_gui=tuple(d.get("kinh_gui") or ()),
            family=d.get("family", "state"),
            page_no=int(d.get("page_no", 1)),
        )


@dataclass(frozen=True)
class Section:
    """One node of the body tree: a part, article, clause, point or bullet."""

    kind: str  # part, chapter, section, article, clause, item, subitem, point, bullet, subbullet
    label: str | None
    title: str | None
    text: str
    page_no: int
    bbox: BBoxT | None = None
    children: tuple[Section, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "title": self.title,
            "text": self.text,
            "page_no": self.page_no,
            "bbox": _bbox_out(self.bbox),
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        return cls(
            kind=d["kind"],
            label=d.get("label"),
            title=d.get("title"),
            text=d.get("text", ""),
            page_no=int(d["page_no"]),
            bbox=_bbox_in(d.get("bbox")),
            children=tuple(cls.from_dict(c) for c in d.get("children", ())),
        )


@dataclass(frozen=True)
class TableRow:
    """One logical table row; ``cells`` holds one entry per physical (possibly merged) cell."""

    kind: str  # "group" (1, 2, I, A ...: a heading row) or "item"
    cells: tuple[str, ...]
    page_no: int
    continued: bool = False  # True when the row was merged across a page break

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "cells": list(self.cells), "page_no": self.page_no, "continued": self.continued}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TableRow:
        return cls(d["kind"], tuple(d["cells"]), int(d["page_no"]), bool(d.get("continued", False)))


@dataclass(frozen=True)
class TableRows:
    """A logical table, possibly spanning pages, with its header row recognised once."""

    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    page_nos: tuple[int, ...]
    recovered_from_text: bool = False  # rows guessed from plain text: cells are not column-split
    confidence: float = 1.0
    method: str = "cells"  # "cells" (OCR grid), "words" (word positions), "text" (plain text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": list(self.columns),
            "rows": [r.to_dict() for r in self.rows],
            "page_nos": list(self.page_nos),
            "recovered_from_text": self.recovered_from_text,
            "confidence": round(self.confidence, 4),
            "method": self.method,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TableRows:
        return cls(
            tuple(d.get("columns", ())),
            tuple(TableRow.from_dict(r) for r in d.get("rows", ())),
            tuple(int(p) for p in d.get("page_nos", ())),
            bool(d.get("recovered_from_text", False)),
            float(d.get("confidence", 1.0)),
            d.get("method", "cells"),
        )


@dataclass(frozen=True)
class Appendix:
    """A "PHỤ LỤC" block: its label, title, what it was issued with, and its tables."""

    label: str
    title: str | None
    issued_with: str | None
    page_no: int
    text: str = ""
    tables: tuple[TableRows, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "title": self.title,
            "issued_with": self.issued_with,
            "page_no": self.page_no,
            "text": self.text,
            "tables": [t.to_dict() for t in self.tables],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Appendix:
        return cls(
            d["label"],
            d.get("title"),
            d.get("issued_with"),
            int(d["page_no"]),
            d.get("text", ""),
            tuple(TableRows.from_dict(t) for t in d.get("tables", ())),
        )


@dataclass(frozen=True)
class Signature:
    """The signature block: authority prefix, on whose behalf, the position and the signer."""

    prefix: str | None = None  # TM., KT., Q., TL., TUQ., T/M, K/T, T/L
    on_behalf_of: str | None = None
    position: str | None = None
    signer: str | None = None
    lines: tuple[str, ...] = ()  # every line of the block as printed, top to bottom
    page_no: int | None = None
    bbox: BBoxT | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "prefix": self.prefix,
            "on_behalf_of": self.on_behalf_of,
            "position": self.position,
            "signer": self.signer,
            "lines": list(self.lines),
            "page_no": self.page_no,
            "bbox": _bbox_out(self.bbox),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Signature:
        return cls(
            d.get("prefix"),
            d.get("on_behalf_of"),
            d.get("position"),
            d.get("signer"),
            tuple(d.get("lines", ())),
            d.get("page_no"),
            _bbox_in(d.get("bbox")),
        )


@dataclass(frozen=True)
class PageText:
    """One page's text as read (after restoration), for search and for provenance."""

    page_no: int
    text: str
    mean_confidence: float
    text_layer: str
    restore_mode: str | None = None  # which restoration ran on the page ("ocr-eng", "none", ...)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "page_no": self.page_no,
            "text": self.text,
            "mean_confidence": round(self.mean_confidence, 4),
            "text_layer": self.text_layer,
        }
        if self.restore_mode is not None:
            out["restore_mode"] = self.restore_mode
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PageText:
        return cls(int(d["page_no"]), d["text"], float(d["mean_confidence"]), d["text_layer"], d.get("restore_mode"))


@dataclass(frozen=True)
class FlaggedRegion:
    """A stamp, seal or hand-writing found on a page and kept out of its text (schema 1.2): its box
    in the page's pixels, what OCR read there, and whether it is a hand-written fill-in that could
    not be read (the text marks it "…")."""

    kind: str  # "stamp", "seal", "handwriting"
    page_no: int
    bbox: BBoxT
    text: str = ""
    confidence: float = 0.0
    unreadable: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "page_no": self.page_no, "bbox": _bbox_out(self.bbox), "text": self.text,
                "confidence": round(self.confidence, 4), "unreadable": self.unreadable}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FlaggedRegion:
        box = _bbox_in(d["bbox"])
        assert box is not None
        return cls(d["kind"], int(d["page_no"]), box, d.get("text", ""), float(d.get("confidence", 0.0)),
                   bool(d.get("unreadable", False)))


def flagged_regions(pages: Iterable[Any]) -> tuple[FlaggedRegion, ...]:
    """The regions the OCR stage flagged on restored pages (``RestoredPage.page.regions``)."""
    return tuple(
        FlaggedRegion(r.kind, int(p.page_no), r.bbox, r.text, float(r.confidence), bool(r.unreadable))
        for p in pages for r in getattr(p.page, "regions", ())
    )


@dataclass(frozen=True)
class Document:
    """The whole structured document (schema ``vanban.document`` 1.2)."""

    source: SourceRef
    header: Header
    bases: tuple[str, ...] = ()
    preamble: str | None = None  # body text before the first numbered part ("Trên cơ sở ...")
    sections: tuple[Section, ...] = ()
    tables: tuple[TableRows, ...] = ()  # tables in the body, outside any appendix
    appendices: tuple[Appendix, ...] = ()
    signature: Signature | None = None
    recipients: tuple[str, ...] = ()
    pages: tuple[PageText, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    regions: tuple[FlaggedRegion, ...] = ()  # stamps, seals, hand-writing kept out of the page texts

    @property
    def text(self) -> str:
        """All page texts, pages separated by a form feed."""
        return "\f".join(p.text for p in self.pages)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of issue 5 (see pipeline/schema/document.schema.json)."""
        out: dict[str, Any] = {
            "schema": SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_dict(),
            "header": self.header.to_dict(),
            "bases": list(self.bases),
            "preamble": self.preamble,
            "sections": [s.to_dict() for s in self.sections],
            "tables": [t.to_dict() for t in self.tables],
            "appendices": [a.to_dict() for a in self.appendices],
            "signature": None if self.signature is None else self.signature.to_dict(),
            "recipients": list(self.recipients),
            "pages": [p.to_dict() for p in self.pages],
            "warnings": list(self.warnings),
            "metadata": self.metadata.to_dict(),
        }
        if self.regions:  # absent when none: a 1.1 reader sees the same document
            out["regions"] = [r.to_dict() for r in self.regions]
        return out

    @property
    def metadata(self) -> ArchiveMetadata:
        """The archives' metadata fields (derived, so reading back a JSON file recomputes them)."""
        return from_document(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """Read back a dict made by ``to_dict`` (extra keys such as "citations" are ignored).

        1.0 files (no "metadata") and 1.1 files (no "regions") read the same; "metadata" is derived,
        never read back.
        """
        if d.get("schema") != SCHEMA_NAME:
            raise ValueError(f"not a {SCHEMA_NAME} document: schema={d.get('schema')!r}")
        major = str(d.get("schema_version", "")).split(".")[0]
        if major != SCHEMA_VERSION.split(".")[0]:
            raise ValueError(f"unsupported schema_version {d.get('schema_version')!r}; this reads {SCHEMA_VERSION}")
        sig = d.get("signature")
        return cls(
            source=SourceRef.from_dict(d.get("source") or {}),
            header=Header.from_dict(d.get("header") or {}),
            bases=tuple(d.get("bases", ())),
            preamble=d.get("preamble"),
            sections=tuple(Section.from_dict(s) for s in d.get("sections", ())),
            tables=tuple(TableRows.from_dict(t) for t in d.get("tables", ())),
            appendices=tuple(Appendix.from_dict(a) for a in d.get("appendices", ())),
            signature=None if sig is None else Signature.from_dict(sig),
            recipients=tuple(d.get("recipients", ())),
            pages=tuple(PageText.from_dict(p) for p in d.get("pages", ())),
            warnings=tuple(d.get("warnings", ())),
            regions=tuple(FlaggedRegion.from_dict(r) for r in d.get("regions", ())),
        )
