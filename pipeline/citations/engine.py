"""``check_citations``: accept a Document, a text or a vanban JSON dict; find, then check."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.citations.finder import find
from pipeline.citations.model import CitationReport
from pipeline.citations.registry import RegistryEntry, Resolver, default_resolver
from pipeline.citations.rules import Context, compatible, run_rules
from pipeline.document import Document
from pipeline.errors import CitationError
from pipeline.vn.codes import tables
from pipeline.vn.dates import parse_iso, valid_ymd

PAGE_SEPARATOR = "\f"  # as in ParseResult.text: spans of a document index the pages joined by \f


@dataclass(frozen=True)
class _Source:
    """What checking needs of its input: the text, where each page starts, and three header fields."""

    text: str
    page_starts: tuple[int, ...] = ()
    number: str | None = None  # the document's own number (its citations of itself are not citations)
    date: str | None = None  # ISO date of the document
    family: str | None = None  # "state" or "party"


def _paged(pages: list[tuple[int, str]]) -> tuple[str, tuple[int, ...]]:
    texts, starts, pos = [], [], 0
    for _, text in sorted(pages, key=lambda p: p[0]):
        t = unicodedata.normalize("NFC", text)
        starts.append(pos)
        texts.append(t)
        pos += len(t) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(texts), tuple(starts)


def _from_document(doc: Document) -> _Source:
    text, starts = _paged([(p.page_no, p.text) for p in doc.pages])
    h = doc.header
    return _Source(text, starts, h.number, h.date, h.family)


def _from_json(d: Mapping[str, Any]) -> _Source:
    """A vanban JSON dict as read from a file (possibly partial: only "pages" and "header" are read)."""
    header = d.get("header") or {}
    pages = d.get("pages") or []
    if pages:
        text, starts = _paged([(int(p.get("page_no", 0) or 0), p.get("text") or "") for p in pages])
    else:
        text, starts = unicodedata.normalize("NFC", d.get("text") or ""), ()
    number = header.get("number") if isinstance(header.get("number"), str) else None
    return _Source(text, starts, number, header.get("date") or None, header.get("family") if header else None)


def _source(doc: str | Document | Mapping[str, Any]) -> _Source:
    if isinstance(doc, str):
        return _Source(unicodedata.normalize("NFC", doc))
    if isinstance(doc, Document):
        return _from_document(doc)
    if isinstance(doc, Mapping):
        return _from_json(doc)
    raise CitationError(f"cannot check citations of a {type(doc).__name__}; pass a str, a Document or a vanban JSON dict")


def document_text(doc: str | Document | Mapping[str, Any]) -> tuple[str, tuple[int, ...]]:
    """The text citations are found in (pages joined by form feeds) and where each page starts in it."""
    src = _source(doc)
    return src.text, src.page_starts


def check_citations(document: str | Document | Mapping[str, Any], *, resolver: Resolver | None = None) -> CitationReport:
    """Find every citation in a text or document and run every rule of reference §5 on it.

    ``document`` is a ``Document`` (its page texts and header are read), a plain text, or a vanban
    JSON dict as read from a file.  ``resolver`` looks symbols up in a registry of known
    documents; None uses the shipped registry (pass ``NullResolver()`` to switch that check off).
    """
    src = _source(document)
    found = find(src.text, src.page_starts, own_number=src.number)
    doc_date = None
    ymd = parse_iso(src.date) if src.date else None
    if ymd and valid_ymd(*ymd):
        doc_date = f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
    elif found.date_line is not None:
        dl = found.date_line
        d, m = dl.day_raw.replace("O", "0"), dl.month_raw.replace("O", "0")
        if d.isdigit() and m.isdigit() and valid_ymd(dl.year, int(m), int(d)):
            doc_date = f"{dl.year:04d}-{int(m):02d}-{int(d):02d}"
    own = next((c for c in found.citations if c.role == "own_number"), None)
    family = src.family
    if family is None and own is not None:
        family = "party" if own.symbol.party_shape else "state"
    ctx = Context(found, doc_date, family, resolver if resolver is not None else default_resolver(), tables())
    findings = run_rules(ctx)
    number = own.symbol.text if own is not None else src.number
    return CitationReport(found.citations, findings, number, doc_date, len(src.text), resolved=_resolve(ctx))


def _resolve(ctx: Context) -> tuple[tuple[int, dict[str, Any]], ...]:
    """The registry entry each citation names, when the resolver knows one (never raises)."""
    if ctx.resolver is None:
        return ()
    out: list[tuple[int, dict[str, Any]]] = []
    cache: dict[str, list[RegistryEntry]] = {}
    try:
        for i, c in enumerate(ctx.found.citations):
            if c.role != "citation":
                continue
            if c.symbol.text not in cache:
                cache[c.symbol.text] = list(ctx.resolver.lookup(c.symbol))
            entries = [e for e in cache[c.symbol.text] if e.date]
            if c.date is not None and c.date.iso:
                entries = [e for e in entries if compatible(c, e, ctx.t)]
            elif c.symbol.form not in ("legal", "law"):
                continue  # without a date or a year segment, a namesake cannot be ruled out
            if entries:
                same = [e for e in entries if c.date is not None and e.date == c.date.iso]
                best = max(same or entries, key=lambda e: e.sources)
                out.append((i, {"symbol": best.symbol, "date": best.date, "issuer": best.issuer,
                                "doc_type": best.doc_type, "title": best.title, "sources": best.sources,
                                "date_agrees": bool(same)}))
    except Exception:  # noqa: BLE001 - a broken resolver is reported by the rules, never raised
        return tuple(out)
    return tuple(out)
