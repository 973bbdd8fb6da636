"""The checks of reference §5, one function per rule.  Rules return findings; they never raise.

Each rule is listed in ``RULES`` with its id and severity so the CLI, the docs and the tests can
enumerate them.  ``run_rules`` calls every rule inside a guard: a rule that crashes becomes an
``engine.rule_failed`` info finding, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from pipeline.citations.finder import HEADER_CHARS, Found
from pipeline.citations.model import Citation, Finding, Span, Symbol
from pipeline.citations.registry import RegistryEntry, Resolver
from pipeline.citations.symbols import is_party, old_issuers
from pipeline.vn.codes import Tables
from pipeline.vn.doctypes import MOTTO


@dataclass(frozen=True)
class Context:
    """What the rules see: the finder's output, the document's own date and a resolver."""

    found: Found
    doc_date: str | None  # ISO
    family: str | None  # "state" / "party" / None (unknown)
    resolver: Resolver | None
    t: Tables

    def finding(self, rule: str, severity: str, message: str, span: Span, citation: int | None = None) -> Finding:
        text = self.found.text
        excerpt = " ".join(text[span[0] : span[1]].split())
        if len(excerpt) > 100:
            excerpt = excerpt[:97] + "..."
        return Finding(rule, severity, message, span, self.found.line_of(span[0]), self.found.page_of(span[0]), excerpt, citation)


# The motto found by its first and last two words ("Độc lập ... Hạnh phúc"), however written between.
_MOTTO_RE = regex.compile(
    r"\s+".join(MOTTO.split()[:2]) + r".{0,30}?" + r"\s+".join(MOTTO.split()[-2:]), regex.V1 | regex.IGNORECASE
)
OLD_FORMS_UNTIL = 2005  # year from which NĐ 110/2004 and TTLT 55/2005 fixed today's symbol forms
RuleFn = Callable[[Context], Iterator[Finding]]
# id -> (severity, what it checks); severities here are the defaults a rule emits.
RULES: dict[str, tuple[str, str]] = {}
_FUNCS: list[RuleFn] = []


def rule(*ids: tuple[str, str, str]) -> Callable[[RuleFn], RuleFn]:
    def deco(fn: RuleFn) -> RuleFn:
        for rid, sev, doc in ids:
            RULES[rid] = (sev, doc)
        _FUNCS.append(fn)
        return fn

    return deco


def _cites(ctx: Context) -> Iterator[tuple[int, Citation]]:
    for i, c in enumerate(ctx.found.citations):
        if c.role == "citation":
            yield i, c


@rule(
    ("symbol.malformed", "error", "a symbol segment OCR broke beyond repair (digits inside letters, stray lower case)"),
    ("symbol.ocr_repaired", "warning", "a symbol had OCR damage that was repaired (spaces, O for 0, lost Đ, dash)"),
    ("symbol.unknown_type_code", "warning", "a type code that is in none of the code tables"),
    ("symbol.no_issuer", "info", "a symbol with a type code but no issuer code (1699/QĐ)"),
)
def symbol_grammar(ctx: Context) -> Iterator[Finding]:
    t = ctx.t
    for i, c in enumerate(ctx.found.citations):
        s = c.symbol
        if s.problems:
            yield ctx.finding("symbol.malformed", "error", f"symbol {s.raw!r} is malformed: {'; '.join(s.problems)}", c.symbol_span, i)
        repairs = [r for r in s.repairs if not (c.role == "own_number" and r == "spaces")]
        if repairs:
            yield ctx.finding(
                "symbol.ocr_repaired", "warning",
                f"symbol written {' '.join(s.raw.split())!r} read as {s.text!r} ({', '.join(repairs)})", c.symbol_span, i,
            )
        if s.type_code is not None:
            known = t.party_type_codes if s.party_shape else t.all_type_codes
            if s.type_code not in known:
                yield ctx.finding("symbol.unknown_type_code", "warning", f"type code {s.type_code!r} of {s.text} is not a known code", c.symbol_span, i)
            if not s.issuer_codes:
                yield ctx.finding("symbol.no_issuer", "info", f"{s.text} names no issuer after the type code", c.symbol_span, i)


@rule(
    ("symbol.party_in_state_form", "error", "a Party symbol written in the state form (57/KL-TW for 57-KL/TW)"),
    ("symbol.state_in_party_form", "error", "a state symbol written in the Party form (12-KH/UBND)"),
    ("symbol.qdi_in_state", "error", "the Party code QĐi used in a state symbol (state quy định is QyĐ)"),
)
def symbol_family(ctx: Context) -> Iterator[Finding]:
    t = ctx.t
    for i, c in enumerate(ctx.found.citations):
        s = c.symbol
        party_issuer = is_party(s, t)
        # Before the 2004-2005 rules (NĐ 110/2004, TTLT 55/2005) state documents too were written
        # "64-CP", "18-L/CTN": an old date makes the other family's form a note, not an error.
        old = c.date is not None and c.date.year is not None and c.date.year < OLD_FORMS_UNTIL
        sev = "info" if old else "error"
        if not s.party_shape and (party_issuer or s.type_code in t.party_only_type_codes):
            good = f"{s.number}-{s.type_code}/{'-'.join(s.issuer_codes)}" if s.type_code else None
            hint = f"; the Party form is {good}" if good else ""
            yield ctx.finding("symbol.party_in_state_form", sev, f"{s.text} is a Party symbol written in the state form{hint}", c.symbol_span, i)
        elif (
            s.party_shape and not party_issuer and "CTN" not in s.issuer_codes  # "18-L/CTN": a law of the 1990s
            and any(code in t.state_issuer_codes for code in s.issuer_codes)
        ):
            yield ctx.finding("symbol.state_in_party_form", sev, f"{s.text} is a state symbol written in the Party form; write {s.number}/{s.type_code}-{'-'.join(s.issuer_codes)}", c.symbol_span, i)
        if not s.party_shape and s.type_code == "QĐi":
            yield ctx.finding("symbol.qdi_in_state", "error", f"{s.text}: QĐi is a Party code; a state quy định is QyĐ", c.symbol_span, i)


@rule(
    ("type.code_mismatch", "error", "the type word does not match the type code (Quyết định số 12/KH-UBND)"),
    ("type.code_missing", "info", "the type word needs a type code the symbol lacks (old forms such as 12/CP)"),
)
def type_code(ctx: Context) -> Iterator[Finding]:
    for i, c in enumerate(ctx.found.citations):
        if not c.type_word:
            continue
        allowed = ctx.t.type_words.get(c.type_word)
        if not allowed or "@any" in allowed:
            continue
        s = c.symbol
        if s.form == "law":
            ok = "@law" in allowed
        elif "@none" in allowed:
            if s.type_code is not None and s.form in ("state", "legal"):
                yield ctx.finding("type.code_mismatch", "warning", f"{c.type_word} has no type code, but {s.text} carries {s.type_code!r}", c.span, i)
            continue
        else:
            ok = s.type_code in allowed
        # "Quyết định 163a/CT" (1987): before the 2004-2005 rules a lone code could be the issuer's
        # (CT, the Chairman of the Council of Ministers), not a type code.
        lone_issuer = (
            not ok and not s.issuer_codes and s.type_code in old_issuers(ctx.t)
            and c.date is not None and c.date.year is not None and c.date.year < OLD_FORMS_UNTIL
        )
        if not ok and (s.type_code is None or lone_issuer):
            yield ctx.finding("type.code_missing", "info", f"{c.type_word} {s.text} has no type code (an old form, or OCR lost it)", c.span, i)
        elif not ok:
            want = "/".join(a for a in allowed if not a.startswith("@")) or "a law number <số>/<năm>/QH<khóa>"
            got = s.type_code or "no type code"
            yield ctx.finding("type.code_mismatch", "error", f"{c.type_word} expects {want}, but {s.text} has {got}", c.span, i)


def _issuer_ok(named: tuple[str, ...], codes: tuple[str, ...]) -> bool:
    for n in named:
        for code in codes:
            if code == n or (n in ("QH", "UBTVQH") and code.startswith(n) and code[len(n) :].isdigit()):
                return True
            if len(code) >= 3 and len(n) >= 3 and (code in n or n in code):  # LĐTBXH for BLĐTBXH
                return True
    return False


@rule(("issuer.mismatch", "warning", "the issuer named (của Chính phủ) does not match the issuer code (CP)"))
def issuer(ctx: Context) -> Iterator[Finding]:
    for i, c in _cites(ctx):
        if c.issuer_codes_named and c.issuer_span and not _issuer_ok(c.issuer_codes_named, c.symbol.issuer_codes):
            want = "/".join(c.issuer_codes_named)
            yield ctx.finding("issuer.mismatch", "warning", f"issued by {c.issuer!r} ({want}), but {c.symbol.text} names {'-'.join(c.symbol.issuer_codes)}", (c.symbol_span[0], c.issuer_span[1]), i)


@rule(
    ("date.year_segment", "error", "the year segment of a legal symbol differs from the year of its date"),
    ("date.invalid", "error", "a cited date with an impossible day or month (31/2/2024)"),
    ("date.after_document", "error", "a cited date later than the document's own date"),
    ("date.placeholder", "error", "a cited date left blank (ngày / /2024)"),
)
def dates(ctx: Context) -> Iterator[Finding]:
    for i, c in _cites(ctx):
        d = c.date
        if d is None:
            continue
        if d.blank:
            yield ctx.finding("date.placeholder", "error", f"the date of {c.symbol.text} is left blank ({d.text!r})", d.span, i)
            continue
        if d.iso is None:
            yield ctx.finding("date.invalid", "error", f"{d.text!r} is not a real date (day {d.day}, month {d.month})", d.span, i)
            continue
        if c.symbol.year is not None and d.year != c.symbol.year:
            yield ctx.finding("date.year_segment", "error", f"{c.symbol.text} has year {c.symbol.year} but is dated {d.text}", (c.symbol_span[0], d.span[1]), i)
        if ctx.doc_date and d.iso > ctx.doc_date:
            yield ctx.finding("date.after_document", "error", f"{c.symbol.text} is dated {d.text}, after this document's date {ctx.doc_date}", d.span, i)


@rule(
    ("citation.conflicting_dates", "error", "the same symbol cited with two different dates in one document"),
    ("citation.incomplete_first", "warning", "the first mention lacks the date that a later mention gives"),
)
def mentions(ctx: Context) -> Iterator[Finding]:
    dated: dict[str, list[tuple[int, Citation]]] = {}
    reported: set[tuple[str, str]] = set()
    for i, c in _cites(ctx):
        d = c.date
        if d is None or d.iso is None or d.year is None:
            continue
        key = c.symbol.text
        earlier = dated.setdefault(key, [])
        for _j, first in earlier:
            assert first.date is not None and first.date.year is not None
            if d.iso != first.date.iso and may_be_same(c.symbol, first.date.year, d.year) and (key, d.iso) not in reported:
                reported.add((key, d.iso))
                yield ctx.finding(
                    "citation.conflicting_dates", "error",
                    f"{key} is dated {d.text} here but {first.date.text} on line {first.line}", d.span, i,
                )
                break
        earlier.append((i, c))
    first_date = {k: v[0] for k, v in dated.items()}
    seen: set[str] = set()
    for i, c in _cites(ctx):
        key = c.symbol.text
        if key in seen:
            continue
        seen.add(key)
        if c.date is None and key in first_date:
            j, full = first_date[key]
            if j > i:
                yield ctx.finding("citation.incomplete_first", "warning", f"first mention of {key} has no date; it is first dated on line {full.line}", c.span, i)


def may_be_same(sym: Symbol, year_a: int, year_b: int) -> bool:
    """Whether two dates can belong to one document with this symbol (else they are namesakes).

    A year segment makes a symbol unique; state numbering restarts every 1 January; Party
    numbering runs through a five-year term.
    """
    if sym.year is not None or sym.form == "law":
        return True
    if sym.party_shape:
        return abs(year_a - year_b) <= 5
    return year_a == year_b


def _own(ctx: Context) -> tuple[int, Citation] | None:
    for i, c in enumerate(ctx.found.citations):
        if c.role == "own_number":
            return i, c
    return None


@rule(
    ("header.number_missing", "warning", "the header has a date line but no \"Số: ...\" number"),
    ("header.number_form", "warning", "the header number: \"Số\" without \":\", or a number below 10 not padded"),
    ("header.number_spacing", "info", "the header number has spaces inside (a number written by hand into a blank)"),
)
def header_number(ctx: Context) -> Iterator[Finding]:
    own = _own(ctx)
    found = ctx.found
    if own is None:
        blank = any(p[0][0] < HEADER_CHARS for p in found.placeholders)
        if found.date_line is not None and not blank:
            yield ctx.finding("header.number_missing", "warning", "the header has a date line but no 'Số: ...' number", found.date_line.span)
        return
    i, c = own
    label = found.text[c.span[0] : c.symbol_span[0]]
    if ":" not in label:
        yield ctx.finding("header.number_form", "warning", f"write 'Số:' with a colon before {c.symbol.text}", c.span, i)
    n = c.symbol.number
    if n.isdigit() and int(n) < 10 and len(n) < 2:
        yield ctx.finding("header.number_form", "warning", f"number {n} below 10 takes a leading zero (0{n})", c.symbol_span, i)
    if "spaces" in c.symbol.repairs:
        yield ctx.finding("header.number_spacing", "info", f"own number written {' '.join(c.symbol.raw.split())!r}: spaces inside the symbol", c.symbol_span, i)


@rule(
    ("header.date_format", "error", "the header date line breaks §3: day < 10 padded, months 1-2 padded, others not (tháng 6, never tháng 06)"),
    ("header.date_invalid", "error", "the header date line has an impossible day or month"),
    ("header.motto", "warning", "the national motto is not exactly 'Độc lập - Tự do - Hạnh phúc'"),
)
def header_date(ctx: Context) -> Iterator[Finding]:
    dl = ctx.found.date_line
    if dl is not None:
        d, m = dl.day_raw.replace("O", "0"), dl.month_raw.replace("O", "0")
        if d.isdigit() and m.isdigit():
            from pipeline.vn.dates import valid_ymd

            day, month = int(d), int(m)
            if not valid_ymd(dl.year, month, day):
                yield ctx.finding("header.date_invalid", "error", f"{dl.text!r} is not a real date", dl.span)
            else:
                want_d = f"{day:02d}"
                want_m = f"{month:02d}" if month <= 2 else str(month)
                if d != want_d or m != want_m:
                    yield ctx.finding(
                        "header.date_format", "error",
                        f"date line should read 'ngày {want_d} tháng {want_m} năm {dl.year}' (day padded; only months 1-2 padded)", dl.span,
                    )
    if ctx.family == "party":
        return
    text = ctx.found.text[:HEADER_CHARS]
    m2 = _MOTTO_RE.search(text)
    if m2 and m2.group(0) != ctx.t.motto:
        yield ctx.finding("header.motto", "warning", f"motto written {m2.group(0)!r}; it is {ctx.t.motto!r}", m2.span())


@rule(("placeholder.unfilled", "error", "a number or date left blank (Kế hoạch số /KH-UBND ngày / /2024); a warning in the header, info in a dotted form template"))
def placeholders(ctx: Context) -> Iterator[Finding]:
    dl = ctx.found.date_line
    if dl is not None and not (dl.day_raw.strip(" .…_") and dl.month_raw.strip(" .…_")):
        yield ctx.finding("placeholder.unfilled", "warning", f"the header date is left blank ({dl.text!r})", dl.span)
    text = ctx.found.text
    for span, code in ctx.found.placeholders:
        in_header = span[0] < min(HEADER_CHARS, _body_start(ctx))
        blank = text[span[0] : span[1]]
        # A dotted leader ("Số: ..../TB-…..") is a form template in an appendix, blank on purpose.
        template = any(ch in blank for ch in ".…_") or text[span[1] : span[1] + 1] in ("…", ".", "[", "(")
        sev = "info" if template else "warning" if in_header else "error"
        where = "a form template" if template else "the header number" if in_header else "a cited number"
        yield ctx.finding("placeholder.unfilled", sev, f"{where} is left blank before '/{code}'", span)


def _body_start(ctx: Context) -> int:
    dl = ctx.found.date_line
    return dl.span[1] + 1 if dl is not None else 400


def compatible(c: Citation, e: RegistryEntry, t: Tables) -> bool:
    """Whether a registry entry can be the document this citation names (not a namesake)."""
    s = c.symbol
    if s.form not in ("legal", "law"):
        if c.date is None or c.date.year is None or e.year is None:
            return False
        window = 5 if s.party_shape else 0  # Party numbering runs per term, state per year
        if abs(e.year - c.date.year) > window:
            return False
    if not all(code in t.national_issuer_codes or code.startswith(("QH", "UBTVQH")) for code in s.issuer_codes[:1]):
        # Local issuers (every province has a "UBND"): trust only an entry of the same issuer.
        if not (c.issuer and e.issuer and e.issuer.lower() in c.issuer.lower()):
            return False
    return True


@rule(("registry.date_differs", "warning", "the cited date differs from the date the registry knows for the symbol"))
def registry(ctx: Context) -> Iterator[Finding]:
    if ctx.resolver is None:
        return
    for i, c in _cites(ctx):
        if c.date is None or c.date.iso is None or c.first_mention is not None and ctx.found.citations[c.first_mention].date == c.date:
            continue
        entries = [e for e in ctx.resolver.lookup(c.symbol) if e.date and compatible(c, e, ctx.t)]
        if entries and all(e.date != c.date.iso for e in entries):
            best = max(entries, key=lambda e: e.sources)
            yield ctx.finding(
                "registry.date_differs", "warning",
                f"{c.symbol.text} is dated {c.date.text} here; the registry has {best.date} ({best.sources} source(s))", c.date.span, i,
            )


def run_rules(ctx: Context) -> tuple[Finding, ...]:
    """Every rule on the context; a crashing rule becomes an info finding, never an exception."""
    out: list[Finding] = []
    for fn in _FUNCS:
        try:
            out.extend(fn(ctx))
        except Exception as exc:  # noqa: BLE001 - rules never raise
            out.append(Finding("engine.rule_failed", "info", f"rule {fn.__name__} failed: {type(exc).__name__}: {exc}", (0, 0)))
    order = {s: k for k, s in enumerate(("error", "warning", "info"))}
    out.sort(key=lambda f: (f.span[0], order.get(f.severity, 3), f.rule))
    return tuple(out)


RULES["engine.rule_failed"] = ("info", "a rule crashed on this input (reported, never raised)")
