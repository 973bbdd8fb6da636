"""``check_citations``: accept a text, a vanban JSON dict or a Document; find, then check."""

from __future__ import annotations

import unicodedata
from typing import Any

from pipeline.citations.dates import parse_iso, valid_ymd
from pipeline.citations.finder import find
from pipeline.citations.model import CitationReport
from pipeline.citations.registry import Resolver, default_resolver
from pipeline.citations.rules import Context, run_rules
from pipeline.citations.tables import tables
from pipeline.errors import CitationError

PAGE_SEPARATOR = "\f"  # as in ParseResult.text: spans of a document index the pages joined by \f


def _as_dict(doc: Any) -> dict[str, Any] | None:
    if isinstance(doc, dict):
        return doc
    to_dict = getattr(doc, "to_dict", None)
    if callable(to_dict):
        d = to_dict()
        if isinstance(d, dict):
            return d
    return None


def document_text(doc: Any) -> tuple[str, tuple[int, ...], dict[str, Any]]:
    """The text to scan, where each page starts in it, and the header dict (may be empty)."""
    if isinstance(doc, str):
        return unicodedata.normalize("NFC", doc), (), {}
    d = _as_dict(doc)
    if d is None:
        raise CitationError(f"cannot check citations of a {type(doc).__name__}; pass a str, a dict or a Document")
    header = d.get("header") or {}
    pages = d.get("pages") or []
    if pages:
        texts, starts, pos = [], [], 0
        for p in sorted(pages, key=lambda p: int(p.get("page_no", 0) or 0)):
            t = unicodedata.normalize("NFC", p.get("text") or "")
            starts.append(pos)
            texts.append(t)
            pos += len(t) + len(PAGE_SEPARATOR)
        return PAGE_SEPARATOR.join(texts), tuple(starts), header
    return unicodedata.normalize("NFC", d.get("text") or ""), (), header


def check_citations(text_or_document: Any, *, resolver: Resolver | None = None) -> CitationReport:
    """Find every citation in a text or document and run every rule of reference §5 on it.

    ``resolver`` looks symbols up in a registry of known documents; None uses the shipped
    registry (pass ``NullResolver()`` to switch the registry check off).
    """
    text, page_starts, header = document_text(text_or_document)
    own_number = header.get("number") if isinstance(header.get("number"), str) else None
    found = find(text, page_starts, own_number=own_number)
    doc_date = None
    ymd = parse_iso(header.get("date")) if header.get("date") else None
    if ymd and valid_ymd(*ymd):
        doc_date = f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
    elif found.date_line is not None:
        dl = found.date_line
        d, m = dl.day_raw.replace("O", "0"), dl.month_raw.replace("O", "0")
        if d.isdigit() and m.isdigit() and valid_ymd(dl.year, int(m), int(d)):
            doc_date = f"{dl.year:04d}-{int(m):02d}-{int(d):02d}"
    own = next((c for c in found.citations if c.role == "own_number"), None)
    family = header.get("family") if header else None
    if family is None and own is not None:
        family = "party" if own.symbol.party_shape else "state"
    ctx = Context(found, doc_date, family, resolver if resolver is not None else default_resolver(), tables())
    findings = run_rules(ctx)
    number = own.symbol.text if own is not None else own_number
    return CitationReport(found.citations, findings, number, doc_date, len(text))
