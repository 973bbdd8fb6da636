"""Appendices: "PHỤ LỤC" blocks after the signature, with their title, basis and tables."""

from __future__ import annotations

import re

from pipeline.document import Appendix, TableRows
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import RE_APPENDIX, RE_ISSUED_WITH
from pipeline.structure.tables import rows_from_text, tables_from_cells
from pipeline.structure.tables_geo import grid_bounds, rows_from_words, table_from_words
from pipeline.structure.text_table import rows_from_text_lines
from pipeline.structure.text_table_header import is_header_line
from pipeline.structure.titles import POSITIONS, printed_title
from pipeline.types import Table
from pipeline.vn.orthography import is_caps, nfc_single_spaced, strip_marks

Pos = tuple[int, int]  # (page_no, y0) to order lines and tables on the page


# "PHULUC. :", "PHU LUC", "PHỤ LUC II": the heading as legacy OCR leaves it (marks and spaces lost).
_RE_GARBLED_HEADING = re.compile(r"^PHU[\s.,]*LUC(?:\s*(?:SO\s*)?(?P<num>[IVX]+|\d+))?[\s.:;,\-]*$")


def _garbled_heading(text: str) -> str | None:
    """The label of an appendix heading that restoration left garbled, else None."""
    # a scrap of the page's border or a stamp read before it (": PHU LUC", "' PHU LUC") is no text
    m = _RE_GARBLED_HEADING.match(re.sub(r"^[^\w(]{1,3}\s+", "", strip_marks(text).upper().strip()))
    if m is None:
        return None
    return "PHỤ LỤC" + (f" {m.group('num')}" if m.group("num") else "")


def is_appendix_start(ln: Ln) -> bool:
    """A "PHỤ LỤC" / "Phụ lục II" heading line (not a sentence that mentions an appendix)."""
    m = RE_APPENDIX.match(ln.text)
    if not m or len(ln.text) > 160:
        return _garbled_heading(ln.text) is not None
    label, rest = m.group("label"), m.group("rest")
    numbered = len(label.split()) > 2 or (label.split()[-1] not in ("lục", "LỤC"))
    return (label.startswith("PHỤ") or numbered) and (not rest or is_caps(rest) or rest[:1] in ":-–")


def headerless_table_start(lines: list[Ln], after: int) -> int | None:
    """Where a table whose appendix heading was never read starts: a column-header line opening
    with TT / STT after the closing block (NĐ 30 puts appendices after the signature), or with
    a short scrap where the OCR misread that title ("SIT", "Tr.")."""
    for i in range(after, len(lines)):
        t = lines[i].text
        first = t.split()[0] if t.split() else ""
        # a scrap alone on its line ("SÀN": a seal's speck by the signature) opens a header only when
        # more column titles follow it (a header read one cell per line)
        alone = len(t.split()) == 1 and not (i + 1 < len(lines) and is_header_line(lines[i + 1].text))
        if printed_title(re.sub(r"[^\w\s]", " ", t).strip()) in POSITIONS:
            continue  # the signature's title ("CHỦ TỊCH:", its prefix lost), not a column's
        if (re.match(r"^(?:S?TT|STT)\b", t) or (len(first) <= 3 and not first.isdigit() and not alone)) and _column_header(t):
            return i
    return None


def _column_header(t: str) -> bool:
    """The table's column header, which ends the title: header words in short cells (a TAB
    between them, or a line of a few words), not a long capitals title that shares some words."""
    return is_header_line(t) and ("\t" in t or len(t.split()) <= 3)


def _title_line(t: str, title: list[str]) -> bool:
    """A line of the appendix's title: in capitals (a year wrapped alone after it too)."""
    return is_caps(t) or bool(title) and re.fullmatch(r"[\d\s\-–/]+", t) is not None


def _header_ahead(lines: list[Ln], start: int, reach: int = 6) -> int:
    """Where the table's column header stands when it follows the heading within a few lines and
    only title-like lines (no row label) come before it: every line up to it is the title or the
    "Kèm theo" line, a word restored in lower case ("CHỈ Số") notwithstanding; -1 if none."""
    for j in range(start, min(len(lines), start + reach)):
        t = lines[j].text
        if _column_header(t) or (re.match(r"^(?:S?TT|STT)\b", t) and is_header_line(t)):
            return j
        if _tt_scrap(t) and j + 1 < len(lines) and is_header_line(lines[j + 1].text):
            return j  # the TT title misread alone on its line ("SsTT", "sút"), the other titles below
        if re.match(r"^\W*\d{1,3}(?:\.\d{1,3})*\.?(?:\s|$)", t) or not _mostly_caps(t):
            return -1
    return -1


def _tt_scrap(t: str) -> bool:
    """A scrap of four letters at most, no digit: the TT title as psm 3 misreads it alone."""
    t = t.strip()
    return 0 < len(t) <= 4 and " " not in t and not any(c.isdigit() for c in t) and any(c.isalpha() for c in t)


def _issued_end(t: str, issued: list[str]) -> bool:
    """Whether the "Kèm theo ..." line(s) ended before ``t`` though their ")" was never read (the
    OCR lost it): ``t`` is the table's column header or a row's first line, or the line already
    runs over three lines (the phrase names one document: number, date, issuer)."""
    if len(issued) >= 3 or _column_header(t) or re.match(r"^(?:S?TT|STT)\b", t):
        return True
    return bool(re.match(r"^\W*\d{1,3}(?:\.\d{1,3})*\.?\s", t)) and "\t" in t


def _mostly_caps(t: str) -> bool:
    """Most letters in capitals, or a "Kèm theo" line and its wrapped end (the title block)."""
    letters = [c for c in t if c.isalpha()]
    return RE_ISSUED_WITH.match(t) is not None or t.rstrip().endswith(")") or (
        bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters))


def pos(ln: Ln) -> Pos:
    return (ln.page_no, ln.bbox[1] if ln.bbox else 0)


def _fill_missed_grids(
    rest: list[Ln], tables: list[tuple[int, Table]], label: str, warnings: list[str]
) -> list[tuple[int, Table]]:
    """Pages of the appendix where OCR found no grid get one from their words, with the columns of
    a grid read on another page (the table runs on; only the ruling was missed)."""
    if not tables:
        return tables
    bounds = grid_bounds(tables[0][1])
    have = {p for p, _ in tables}
    out = list(tables)
    for page_no in sorted({ln.page_no for ln in rest if ln.words} - have):
        if page_no < min(have):
            continue
        t = table_from_words([ln for ln in rest if ln.page_no == page_no], bounds)
        if t is not None:
            out.append((page_no, t))
            warnings.append(f"{label}: page {page_no} table rebuilt from word positions (no ruled grid was read)")
    return sorted(out, key=lambda x: x[0])


def _one(lines: list[Ln], tables: list[tuple[int, Table]]) -> tuple[Appendix, list[str]]:
    head = lines[0]
    m = RE_APPENDIX.match(head.text)
    garbled = _garbled_heading(head.text) if m is None else None
    i = 1
    if m is not None:
        label = nfc_single_spaced(m.group("label")).upper().replace("PHỤ LỤC SỐ", "PHỤ LỤC")
        title: list[str] = [m.group("rest").lstrip(":-– ")] if m.group("rest") else []
    else:
        label, title = garbled or "PHỤ LỤC", []
        if garbled is None:
            i = 0  # no heading was read: the block starts at the table's column header
    issued: list[str] = []
    header = _header_ahead(lines, i)
    while i < len(lines):
        t = lines[i].text
        if issued and not issued[-1].rstrip().endswith(")") and not _issued_end(t, issued):
            issued.append(t)
        elif not issued and RE_ISSUED_WITH.match(t):
            issued.append(t)
        elif not issued and (_title_line(t, title) or i < header) and not re.match(r"^(?:S?TT|STT)\b", t) and not _column_header(t):
            title.append(t)
        else:
            break
        i += 1
    rest = lines[i:]
    warnings: list[str] = []
    tables = _fill_missed_grids(rest, tables, label, warnings)
    found: list[TableRows] = tables_from_cells(tables)
    text_lines = [ln.text for ln in rest]
    if not found and any(ln.words for ln in rest):
        geo = rows_from_words(rest)
        if geo is not None and geo.rows:
            found = [geo]
            text_lines = []
            warnings.append(f"{label}: table rebuilt from word positions (no ruled grid was read)")
    if not found:
        recovered = rows_from_text_lines([(ln.page_no, ln.text) for ln in rest])
        if recovered is not None and len(recovered.rows) >= 2:
            found = [recovered]
            text_lines = []
            warnings.append(f"{label}: table rows recovered from the text lines (cells placed by content and order)")
    if not found:
        recovered = rows_from_text([(ln.page_no, ln.text) for ln in rest])
        if recovered is not None and len(recovered.rows) >= 2:
            found = [recovered]
            text_lines = []
            warnings.append(f"{label}: table rows recovered from plain text (cells not split into columns)")
    issued_text = nfc_single_spaced(" ".join(issued)) or None
    app = Appendix(
        label=label,
        title=nfc_single_spaced(" ".join(title)) or None,
        issued_with=issued_text,
        page_no=head.page_no,
        text="\n".join(text_lines),
        tables=tuple(found),
    )
    return app, warnings


def parse_appendices(
    lines: list[Ln], starts: list[int], tables: list[tuple[Pos, Table]]
) -> tuple[list[Appendix], list[tuple[Pos, Table]], list[str]]:
    """Appendices from their start lines; returns the tables that belong to none (body tables)."""
    apps: list[Appendix] = []
    warnings: list[str] = []
    if not starts:
        return apps, tables, warnings
    first = pos(lines[starts[0]])
    outside = [t for t in tables if t[0] < first]
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(lines)
        lo = pos(lines[s])
        hi = pos(lines[e]) if e < len(lines) else (10**9, 0)
        mine = [(p[0], t) for p, t in tables if lo <= p < hi]
        app, w = _one(lines[s:e], mine)
        apps.append(app)
        warnings.extend(w)
    return apps, outside, warnings


def implicit_appendix(
    lines: list[Ln], close: int, tables: list[tuple[Pos, Table]]
) -> tuple[list[Appendix], list[tuple[Pos, Table]], list[str]]:
    """Tables after the signature with no "PHỤ LỤC" heading read: an appendix without a title
    (NĐ 30 puts appendices after the signature; the heading was lost, not the table)."""
    if close >= len(lines) or not tables:
        return [], tables, []
    after = [(p, t) for p, t in tables if p > pos(lines[close])]
    if not after:
        return [], tables, []
    found = tables_from_cells([(p[0], t) for p, t in after])
    app = Appendix(label="PHỤ LỤC", title=None, issued_with=None, page_no=after[0][0][0], tables=tuple(found))
    warn = f"page {app.page_no}: tables after the signature but no PHỤ LỤC heading was read; kept as an appendix without title"
    return [app], [t for t in tables if t not in after], [warn]
