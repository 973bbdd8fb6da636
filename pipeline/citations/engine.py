"""``check_citations``: accept a text, a vanban JSON dict or a Document; find, then check."""

from __future__ import annotations

import unicodedata
from typing import Any

from pipeline.citations.finder import find
from pipeline.citations.model import CitationReport
from pipeline.citations.registry import RegistryEntry, Resolver, default_resolver
from pipeline.citations.rules import Context, compatible, run_rules
from pipeline.errors import CitationError
from pipeline.vn.codes import tables
from pipeline.vn.dates import parse_iso, valid_ymd

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
    return CitationReport(found.citations, findings, number, doc_date, len(text), resolved=_resolve(ctx))


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
