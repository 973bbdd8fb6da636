"""Lay out a ``DocSpec`` on A4 pages in the Nghị định 30/2020 layout: draw operations + exact text.

Units are PDF points (1/72 in), y grows downwards.  Every printed line is recorded in the page's
ground truth in geometric reading order: by baseline, then left to right, so the two-column header
gives "ỦY BAN NHÂN DÂN" then "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (each column's piece its own
line, as a row-wise reader such as Tesseract meets them), and the closing block interleaves
"Nơi nhận" lines and signature lines by height; a table row is one line, cells joined by a tab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from scripts.lib.scans_text import DocSpec, Section, date_line

PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT, TOP, BOTTOM = 85.0, 57.0, 57.0, 57.0  # NĐ 30: 30 mm left, 20 mm elsewhere
TEXT_W = PAGE_W - LEFT - RIGHT
BODY, SMALL, TABLE = 13.0, 11.0, 11.0
INDENT = 28.0
LINE = 1.2  # line height / font size
TABLE_COLS = (30.0, 170.0, 90.0, 100.0, 63.0)
PAD = 3.0

FONT_DIRS = ("/usr/share/fonts/truetype/freefont", "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/noto")
FONT_FILES = {
    "r": ("FreeSerif.ttf", "DejaVuSerif.ttf", "NotoSerif-Regular.ttf"),
    "b": ("FreeSerifBold.ttf", "DejaVuSerif-Bold.ttf", "NotoSerif-Bold.ttf"),
    "i": ("FreeSerifItalic.ttf", "DejaVuSerif-Italic.ttf", "NotoSerif-Italic.ttf"),
    "bi": ("FreeSerifBoldItalic.ttf", "DejaVuSerif-BoldItalic.ttf", "NotoSerif-BoldItalic.ttf"),
}


@cache
def font_path(style: str) -> str:
    """A serif font file with Vietnamese glyphs (FreeSerif, else DejaVu Serif, else Noto Serif)."""
    for name in FONT_FILES[style]:
        for d in FONT_DIRS:
            if (Path(d) / name).exists():
                return str(Path(d) / name)
    raise FileNotFoundError("no Vietnamese serif font found; install fonts-freefont-ttf or fonts-dejavu-core")


@cache
def font(style: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(style), size_px)


@lru_cache(maxsize=100_000)
def _word_width(word: str, style: str) -> float:
    return font(style, 100).getlength(word)


def text_width(text: str, style: str, size: float) -> float:
    """Width in points: cached word widths plus spaces (measured at 100 px and scaled)."""
    words = text.split(" ")
    total = sum(_word_width(w, style) for w in words) + (len(words) - 1) * _word_width(" ", style)
    return total * size / 100


def wrap(text: str, style: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    """Greedy word wrap to ``width`` points; the first line is ``first_indent`` narrower."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        avail = width - (first_indent if not lines else 0.0)
        if cur and text_width(trial, style, size) > avail:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines or [""]


@dataclass
class Op:
    kind: str  # "text" (x, y = left baseline) or "line" (x, y) -> (x1, y1)
    x: float
    y: float
    text: str = ""
    style: str = "r"
    size: float = BODY
    x1: float = 0.0
    y1: float = 0.0
    role: str = ""  # "cell:R:C" for table text (row index on the page, column): legacy-OCR ground truth


@dataclass
class Page:
    ops: list[Op] = field(default_factory=list)
    entries: list[tuple[float, float, str]] = field(default_factory=list)  # (baseline y, x, text)
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of cells as printed here

    @property
    def lines(self) -> list[str]:
        """Printed lines in reading order: by baseline (pieces within 2 pt share a row), then x."""
        out: list[str] = []
        row: list[tuple[float, float, str]] = []
        for entry in sorted(self.entries):
            if row and entry[0] - row[0][0] > 2.0:
                out += [t for _, _, t in sorted(row, key=lambda e: e[1])]
                row = []
            row.append(entry)
        return out + [t for _, _, t in sorted(row, key=lambda e: e[1])]


@dataclass
class Layout:
    pages: list[Page]
    section_pages: dict[int, int]  # id(section) -> page_no where its heading/first text is
    row_pages: list[tuple[int, int]]  # per spec row: (first page_no, last page_no)
    appendix_page: int | None


class Flow:
    """Places lines top to bottom, starting new pages (with a page number from page 2)."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.y = 0.0
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = TOP
        if len(self.pages) > 1:  # NĐ 30: page numbers centred in the top margin from page 2
            n = str(len(self.pages))
            self.page.ops.append(Op("text", (PAGE_W - text_width(n, "r", BODY)) / 2, TOP - 14, n, "r", BODY))
            self.page.entries.append((TOP - 14, 0.0, n))

    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y

    def need(self, h: float) -> None:
        if h > self.room():
            self.new_page()

    def add(self, ops: list[Op]) -> None:
        """Draw ``ops``; their text becomes ground-truth lines where it is printed."""
        self.page.ops += ops
        self.page.entries += [(op.y, op.x, op.text) for op in ops if op.kind == "text"]

    def text_line(self, text: str, style: str, size: float, x: float) -> None:
        lh = size * LINE
        self.need(lh)
        self.add([Op("text", x, self.y + size, text, style, size)])
        self.y += lh

    def para(self, text: str, style: str = "r", size: float = BODY, indent: float = INDENT,
             align: str = "left", x0: float = LEFT, width: float = TEXT_W, after: float = 2.0) -> None:
        for i, line in enumerate(wrap(text, style, size, width, indent)):
            if align == "center":
                x = x0 + (width - text_width(line, style, size)) / 2
            else:
                x = x0 + (indent if i == 0 else 0.0)
            self.text_line(line, style, size, x)
        self.y += after

    def rule(self, cx: float, length: float) -> None:
        self.page.ops.append(Op("line", cx - length / 2, self.y, x1=cx + length / 2, y1=self.y))


def _column(flow: Flow, items: list[tuple[str, str, float]], x0: float, width: float, y0: float) -> tuple[list[Op], list[str], float]:
    """Centred lines of a header column from y0; ("rule", "", len) draws a short rule."""
    ops: list[Op] = []
    lines: list[str] = []
    y = y0
    cx = x0 + width / 2
    for text, style, size in items:
        if text == "rule":
            ops.append(Op("line", cx - size / 2, y + 2, x1=cx + size / 2, y1=y + 2))
            y += 8
            continue
        for line in wrap(text, style, size, width):
            ops.append(Op("text", cx - text_width(line, style, size) / 2, y + size, line, style, size))
            lines.append(line)
            y += size * LINE
    return ops, lines, y


def _header(flow: Flow, spec: DocSpec) -> None:
    lx, lw, rx, rw = 50.0, 220.0, 265.0, PAGE_W - 265.0 - 40.0
    left = [(spec.parent_authority, "r", 12.0)] if spec.parent_authority else []
    left += [(t, "b", 12.5) for t in spec.authority_lines]
    left += [("*", "b", 12.5)] if spec.star else [("rule", "", 70.0)]
    motto = spec.motto_lines
    right = [(motto[0], "b", 12.0 if len(motto) > 1 else 13.0)] + [(m, "b", 13.0) for m in motto[1:]]
    right += [("rule", "", text_width(motto[-1], "b", 13.0))]
    lops, llines, ly = _column(flow, left, lx, lw, flow.y)
    rops, rlines, ry = _column(flow, right, rx, rw, flow.y)
    y = max(ly, ry) + 4
    number = [(f"{spec.number_label}{spec.number}", "r", 13.0)] + ([(spec.vv, "r", 12.0)] if spec.vv else [])
    sops, slines, y1 = _column(flow, number, lx, lw, y)
    dops, dlines, y2 = _column(flow, [(date_line(spec.place, spec.date), "i", 13.0)], rx, rw, y)
    flow.add(lops + sops + rops + dops)
    flow.y = max(y1, y2) + 16


def _section(flow: Flow, s: Section, depth: int, pages: dict[int, int]) -> None:
    flow.need(BODY * LINE * (3 if depth < 2 else 1))  # keep a heading with its first lines
    pages[id(s)] = len(flow.pages)
    if depth < 2 and s.title:
        flow.para(f"{s.label}. {s.title}", "b", BODY)
    paras = list(s.paragraphs)
    if not s.title and paras:  # a numbered paragraph "1. text" or a lettered point "a) text"
        paras[0] = f"{s.label}{'.' if depth < 2 else ')'} {paras[0]}"
    for p in paras:
        flow.para(p)
    for c in s.children:
        _section(flow, c, depth + 1, pages)


def _closing(flow: Flow, spec: DocSpec) -> None:
    left: list[tuple[str, str, float]] = [("Nơi nhận:", "bi", 12.0)] + [(f"- {r}", "r", SMALL) for r in spec.recipients]
    sig = spec.signature
    right = [(f"{sig['prefix']} {sig['on_behalf_of']}", "b", BODY), (sig["position"], "b", BODY)]
    height = max(sum(s * LINE for _, _, s in left), BODY * LINE * 3 + 60)
    flow.y += 6
    flow.need(height)
    y0 = flow.y
    ops, lines, y = [], [], y0
    for text, style, size in left:
        for line in wrap(text, style, size, 230.0):
            ops.append(Op("text", LEFT - 10, y + size, line, style, size))
            lines.append(line)
            y += size * LINE
    rops, rlines, ry = _column(flow, right, 300.0, 250.0, y0)
    nops, nlines, ny = _column(flow, [(sig["signer"], "b", BODY)], 300.0, 250.0, ry + 60)
    flow.add(ops + rops + nops)
    flow.y = max(y, ny) + 6


def _table_row(flow: Flow, cells: list[list[str]], kind: str, header: bool,
               widths: tuple[float, ...] = TABLE_COLS) -> None:
    """Draw one (part of a) row with borders; record it as printed."""
    lh = TABLE * LINE
    h = max(len(c) for c in cells) * lh + 2 * PAD
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    spans = [(xs[0], xs[1]), (xs[1], xs[-1])] if kind == "group" else list(zip(xs[:-1], xs[1:], strict=True))
    y = flow.y
    ops = flow.page.ops
    ops.append(Op("line", xs[0], y, x1=xs[-1], y1=y))
    ops.append(Op("line", xs[0], y + h, x1=xs[-1], y1=y + h))
    for a, _ in spans + [(xs[-1], xs[-1])]:
        ops.append(Op("line", a, y, x1=a, y1=y + h))
    style = "b" if header or kind == "group" else "r"
    for ci, ((a, b), lines) in enumerate(zip(spans, cells, strict=True)):
        for li, line in enumerate(lines):
            w = text_width(line, style, TABLE)
            centre = header or ci == 0 or (kind == "item" and ci == len(spans) - 1)
            x = a + (b - a - w) / 2 if centre else a + PAD
            role = f"cell:{len(flow.page.tables[-1])}:{ci}"
            ops.append(Op("text", x, y + PAD + li * lh + TABLE, line, style, TABLE, role=role))
    printed = [" ".join(c) for c in cells]
    flow.page.entries.append((y + PAD + TABLE, LEFT, "\t".join(printed)))
    flow.page.tables[-1].append(printed)
    flow.y += h


def _wrap_cells(cells: list[str], kind: str, style: str, widths: tuple[float, ...] = TABLE_COLS) -> list[list[str]]:
    cols = [widths[0], sum(widths[1:])] if kind == "group" else list(widths)
    return [wrap(c, style, TABLE, w - 2 * PAD) for c, w in zip(cells, cols, strict=True)]


def _table(flow: Flow, spec: DocSpec, n_rows: int) -> list[tuple[int, int]]:
    widths = spec.table_cols or TABLE_COLS
    head = _wrap_cells(spec.columns, "item", "b", widths)
    head_h = max(len(c) for c in head) * TABLE * LINE + 2 * PAD
    lh = TABLE * LINE

    def start_page_part() -> None:
        flow.page.tables.append([])
        _table_row(flow, head, "item", True, widths)

    flow.need(head_h + 3 * lh)
    start_page_part()
    row_pages: list[tuple[int, int]] = []
    for kind, cells in spec.rows[:n_rows]:
        lines = _wrap_cells(cells, kind, "b" if kind == "group" else "r", widths)
        first = 0
        while True:
            n = max(len(c) for c in lines)
            if n * lh + 2 * PAD <= flow.room():
                first = first or len(flow.pages)
                _table_row(flow, lines, kind, False, widths)
                break
            k = int((flow.room() - 2 * PAD) // lh)
            if kind == "item" and 1 <= k < n:  # split the row across the page break
                first = first or len(flow.pages)
                _table_row(flow, [c[:k] for c in lines], kind, False, widths)
                lines = [c[k:] for c in lines]
            elif len(flow.page.tables[-1]) <= 1:
                raise ValueError("a table row is taller than a page")
            flow.new_page()
            start_page_part()
        row_pages.append((first, len(flow.pages)))
    return row_pages


def layout(spec: DocSpec, n_rows: int) -> Layout:
    """Place the whole document; the appendix (if n_rows > 0) starts on a new page."""
    flow = Flow()
    _header(flow, spec)
    if spec.kind == "congvan":  # no type name: "Kính gửi" instead
        if len(spec.addressees) == 1:
            flow.para(f"Kính gửi: {spec.addressees[0]}.", "r", 14.0, 0.0, "center", after=10)
        else:
            flow.para("Kính gửi:", "r", 14.0, 110.0, after=0)
            for i, a in enumerate(spec.addressees):
                flow.para(f"- {a}{'.' if i == len(spec.addressees) - 1 else ';'}", "r", 14.0, 190.0, after=0)
            flow.y += 10
    else:
        flow.para(spec.doc_type, "b", 14.0, 0.0, "center", after=0)
        flow.para(spec.summary, "b", 14.0, 0.0, "center", x0=LEFT + 40, width=TEXT_W - 80, after=0)
        flow.rule(PAGE_W / 2 + (LEFT - RIGHT) / 2, 90.0)
        flow.y += 12
    for i, b in enumerate(spec.bases):
        flow.para(b + ("." if i == len(spec.bases) - 1 else ";"), "i", BODY)
    flow.para(spec.preamble)
    pages: dict[int, int] = {}
    for s in spec.sections:
        _section(flow, s, 0, pages)
    _closing(flow, spec)
    appendix_page = None
    row_pages: list[tuple[int, int]] = []
    if n_rows > 0:
        flow.new_page()
        appendix_page = len(flow.pages)
        flow.para("PHỤ LỤC", "b", BODY, 0.0, "center", after=0)
        flow.para(spec.appendix_title, "b", BODY, 0.0, "center", after=0)
        flow.para(spec.appendix_issued_with, "i", BODY, 0.0, "center", after=8)
        row_pages = _table(flow, spec, n_rows)
    return Layout(flow.pages, pages, row_pages, appendix_page)
