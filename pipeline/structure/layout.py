"""Pages to a flat list of layout lines: column segments, gaps, indents, noise removed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from pipeline.options import StructureOptions
from pipeline.structure.patterns import RE_PAGE_NO, RE_STAMP
from pipeline.types import BBox, Line, RestoredPage, Word
from pipeline.vn.orthography import nfc_cells, nfc_single_spaced

# The thresholds are StructureOptions fields (what each means is written there).
_DEFAULTS = StructureOptions()


@dataclass(frozen=True)
class Ln:
    """One line (or one column segment of a line) with what the layout tells about it."""

    text: str
    page_no: int
    bbox: BBox | None = None
    col: str = ""  # "L", "R", "C" (spans the middle) or "" (no geometry)
    gap_before: bool = False  # a blank line or a wide vertical gap precedes it
    indent: bool = False  # first-line indent (geometry only)
    short: bool = False  # ends well before the right margin: a paragraph or heading ends here
    page_start: bool = False
    centered: bool = False
    words: tuple[Word, ...] = ()  # the words with their boxes (restored text), when known

    @property
    def geo(self) -> bool:
        return self.bbox is not None


Seg = tuple[str, BBox, tuple[Word, ...]]


def _split_segments(line: Line, width: int, column_gap: float) -> list[Seg]:
    """Split a line at wide gaps between words (two header columns read as one line)."""
    assert line.bbox is not None
    tokens = line.text.split()
    words = line.words
    if not words or len(words) != len(tokens) or width <= 0:
        return [(line.text, line.bbox, ())]
    # The restored text replaces the OCR'd word text; boxes stay.
    words = tuple(Word(t, w.bbox, w.confidence) for t, w in zip(tokens, words, strict=True))
    groups: list[list[int]] = [[0]]
    for i in range(1, len(words)):
        if words[i].bbox[0] - words[i - 1].bbox[2] > column_gap * width:
            groups.append([])
        groups[-1].append(i)
    out: list[Seg] = []
    for g in groups:
        boxes = [words[i].bbox for i in g]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        out.append((" ".join(tokens[i] for i in g), box, tuple(words[i] for i in g)))
    return out


def _col(box: BBox, width: int, o: StructureOptions) -> str:
    if abs((box[0] + box[2]) / 2 - width / 2) < o.center_band * width:
        return "C"  # centered on the page: a title, not a column
    if box[2] <= o.left_column_end * width:
        return "L"
    if box[0] >= o.right_column_start * width:
        return "R"
    return "C"


def _text_edges(boxes: list[BBox], h: float) -> tuple[int, int]:
    """The page's text edges: the outermost left and right ends that another line also reaches
    (within a letter height).  Justified print shares its edges; one line that reaches past all the
    others does so by a speck glued to it, and taken as the edge it made every centred line look
    off-centre.  With no shared edge, the outermost end."""
    def edge(ends: list[int], sign: int) -> int:
        ends = sorted(ends, key=lambda e: -sign * e)
        return next((a for a, b in zip(ends, ends[1:], strict=False) if abs(a - b) <= h), ends[0])
    return edge([b[0] for b in boxes], -1), edge([b[2] for b in boxes], 1)


def _geo_lines(page: RestoredPage, o: StructureOptions) -> list[Ln]:
    lines = [ln for ln in page.lines if ln.text.strip() and ln.bbox is not None]
    width = page.page.width or max((ln.bbox[2] for ln in lines if ln.bbox), default=0)
    segs: list[Seg] = []
    for ln in lines:
        for text, box, wds in _split_segments(ln, width, o.column_gap):
            prev = segs[-1] if segs else None
            # "Số:" and "/TB-UBND" around a blank: one segment of the same column and row.
            if (
                prev is not None
                and abs(prev[1][1] - box[1]) < o.same_row * (box[3] - box[1])
                and 0 <= box[0] - prev[1][2] < o.join_gap * width
                and _col(prev[1], width, o) == _col(box, width, o) != "C"
            ):
                pb = prev[1]
                segs[-1] = (prev[0] + " " + text, (pb[0], min(pb[1], box[1]), box[2], max(pb[3], box[3])), prev[2] + wds)
            else:
                segs.append((text, box, wds))
    if not segs:
        return []
    heights = [b[3] - b[1] for _, b, _ in segs if b[3] > b[1]]
    h = statistics.median(heights) if heights else 10
    left, right = _text_edges([b for _, b, _ in segs], h)
    out: list[Ln] = []
    prev_bottom: int | None = None
    prev_top: int | None = None
    for i, (text, box, wds) in enumerate(segs):
        same_row = prev_top is not None and abs(box[1] - prev_top) < o.same_row * h
        gap = prev_bottom is not None and not same_row and box[1] - prev_bottom > o.paragraph_gap * h
        inset_l, inset_r = box[0] - left, right - box[2]
        out.append(
            Ln(
                text=nfc_single_spaced(text),
                page_no=page.page_no,
                bbox=box,
                col=_col(box, width, o),
                gap_before=gap,
                indent=o.indent_min * width < inset_l < o.indent_max * width,
                short=inset_r > o.short_line_inset * width,
                page_start=i == 0,
                centered=abs(inset_l - inset_r) < o.centered_balance * width and inset_l > o.centered_min_inset * width,
                words=wds,
            )
        )
        if not same_row:
            prev_top = box[1]
        prev_bottom = box[3] if not same_row or prev_bottom is None else max(prev_bottom, box[3])
    return out


def _text_lines(page: RestoredPage, o: StructureOptions) -> list[Ln]:
    raw = [nfc_cells(ln.text) for ln in page.lines]
    lengths = [len(t) for t in raw if len(t) > 20]
    typical = max(statistics.median(lengths), 60) if lengths else 70  # a full printed line is 60-90 chars
    out: list[Ln] = []
    gap = False
    first = True
    for t in raw:
        if not t:
            gap = True
            continue
        out.append(Ln(text=t, page_no=page.page_no, gap_before=gap and not first, short=len(t) < o.text_short_line * typical, page_start=first))
        gap = False
        first = False
    return out


def _caption(t: str) -> bool:
    return len(t) < 40 and t.upper() == t and "CỘNG HÒA" not in t and "ĐẢNG CỘNG" not in t


def _drop_noise(lines: list[Ln]) -> list[Ln]:
    """Drop digital-signature stamps and page numbers at the top or bottom of a page."""
    # Stamps sit in the first lines of a page and are short; an e-mail in the body is kept.
    stamp = [i < 8 and len(ln.text) < 48 and bool(RE_STAMP.search(ln.text)) for i, ln in enumerate(lines)]
    # The stamp's caption ("TRUNG TÂM CÔNG BÁO / VÀ TIN HỌC") sits just above its e-mail line.
    for i in range(min(8, len(lines))):
        if not stamp[i] and any(stamp[i + 1 : i + 3]) and (i == 0 or stamp[i - 1] or not lines[i].gap_before):
            if all(_caption(lines[k].text) for k in range(i + 1) if not stamp[k]):
                stamp[i] = True
    keep = [ln for ln, s in zip(lines, stamp, strict=True) if not s]
    for idx in (0, -1):
        if keep and RE_PAGE_NO.match(keep[idx].text) and len(keep) > 1:
            keep.pop(idx)
    if keep and not keep[0].page_start:
        first = keep[0]
        keep[0] = replace(first, page_start=True)
    return keep


def page_lines(page: RestoredPage, options: StructureOptions | None = None) -> list[Ln]:
    """Layout lines of one page, geometry used when every line has a box."""
    o = options or _DEFAULTS
    has_geo = any(ln.bbox is not None for ln in page.lines) and all(
        ln.bbox is not None for ln in page.lines if ln.text.strip()
    )
    lines = _geo_lines(page, o) if has_geo else _text_lines(page, o)
    return _drop_noise(lines)


def document_lines(pages: list[RestoredPage], options: StructureOptions | None = None) -> list[Ln]:
    """Layout lines of all pages in reading order."""
    out: list[Ln] = []
    for p in pages:
        out.extend(page_lines(p, options))
    return out
