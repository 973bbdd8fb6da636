"""Typed, frozen records of the citation stage: symbols, dates, citations, findings, the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

# Severity order, used to sort and to count.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Symbol:
    """A parsed number + symbol (số, ký hiệu), repaired where OCR damaged it."""

    text: str  # normalized form: "152/2020/NĐ-CP"
    raw: str  # as written in the source
    number: str  # "152" (digits, leading zeros kept)
    year: int | None  # year segment of a legal normative symbol
    type_code: str | None  # "NĐ", "KH", "KL" ...; None for công văn and laws
    issuer_codes: tuple[str, ...]  # ("CP",), ("BTTTT", "TTĐN"), ("QH13",)
    form: str  # "state", "legal", "law", "cong_van", "party", "old" (<số>-<cơ quan>, before 2005)
    party_shape: bool  # written <số>-<loại>/<cơ quan> (the Party form)
    repairs: tuple[str, ...] = ()  # what was repaired: "spaces", "O->0", "D->Đ", "dash", "case", "dot", "slash"
    problems: tuple[str, ...] = ()  # what could not be repaired (broken segments ...)

    @property
    def repaired(self) -> bool:
        return bool(self.repairs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "raw": self.raw,
            "number": self.number,
            "year": self.year,
            "type_code": self.type_code,
            "issuer_codes": list(self.issuer_codes),
            "form": self.form,
            "repairs": list(self.repairs),
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class DateValue:
    """A date as written; ``iso`` is None when the day or month is impossible or blank."""

    text: str
    day: int | None
    month: int | None
    year: int | None
    style: str  # "slash", "dash", "dot", "words"
    span: Span

    @property
    def iso(self) -> str | None:
        from datetime import date

        if self.day is None or self.month is None or self.year is None:
            return None
        try:
            return date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None

    @property
    def blank(self) -> bool:
        return self.day is None or self.month is None or self.year is None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "iso": self.iso, "style": self.style, "span": list(self.span)}


@dataclass(frozen=True)
class Citation:
    """One mention of a document: its symbol, type word, date and issuer, with character spans.

    ``role`` is "citation" for a cited document and "own_number" for the document's own
    "Số: ..." line.  ``first_mention`` is the index of the first full mention of the same
    symbol when this one is a short later mention (or repeats it).
    """

    role: str
    symbol: Symbol
    span: Span  # the whole mention, from the type word (or symbol) to the date/issuer
    symbol_span: Span
    matched_text: str  # text[span[0]:span[1]]
    type_word: str | None = None  # "Nghị quyết", normalized capitalization
    type_word_span: Span | None = None
    date: DateValue | None = None
    issuer: str | None = None
    issuer_span: Span | None = None
    issuer_codes_named: tuple[str, ...] = ()  # codes the issuer name implies ("của Chính phủ" -> CP)
    page_no: int | None = None
    line: int = 1
    first_mention: int | None = None

    @property
    def is_short(self) -> bool:
        return self.date is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "symbol": self.symbol.text,
            "raw_symbol": self.symbol.raw,
            "number": self.symbol.number,
            "year": self.symbol.year,
            "type_code": self.symbol.type_code,
            "issuer_codes": list(self.symbol.issuer_codes),
            "form": self.symbol.form,
            "repairs": list(self.symbol.repairs),
            "problems": list(self.symbol.problems),
            "type_word": self.type_word,
            "date": self.date.iso if self.date else None,
            "date_text": self.date.text if self.date else None,
            "issuer": self.issuer,
            "span": list(self.span),
            "symbol_span": list(self.symbol_span),
            "text": self.matched_text,
            "page_no": self.page_no,
            "line": self.line,
            "first_mention": self.first_mention,
        }


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on a span of text; rules return these instead of raising."""

    rule: str
    severity: str  # "error", "warning" or "info"
    message: str
    span: Span
    line: int = 1
    page_no: int | None = None
    excerpt: str = ""
    citation: int | None = None  # index into CitationReport.citations

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "span": list(self.span),
            "line": self.line,
            "page_no": self.page_no,
            "excerpt": self.excerpt,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class CitationReport:
    """What the citation stage found in one document: citations, findings and the own number."""

    citations: tuple[Citation, ...]
    findings: tuple[Finding, ...]
    document_number: str | None = None
    document_date: str | None = None  # ISO
    text_length: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    # What the resolver knows of cited documents: (citation index, registry entry as a dict).
    resolved: tuple[tuple[int, dict[str, Any]], ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def cited(self) -> tuple[Citation, ...]:
        """The citations of other documents (not the document's own number)."""
        return tuple(c for c in self.citations if c.role == "citation")

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_number": self.document_number,
            "document_date": self.document_date,
            "counts": self.counts(),
            "citations": [c.to_dict() for c in self.citations],
            "findings": [f.to_dict() for f in self.findings],
            "notes": list(self.notes),
            "resolved": [dict(e, citation=i) for i, e in self.resolved],
        }
