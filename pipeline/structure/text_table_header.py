"""The column header of a text table read by legacy OCR (issue 13): which columns the table has
(TT, task, lead and coordinating units, product, timeframe, note) from its title words, however
wrapped, glued or misread, and the lines that repeat it on later pages."""

from __future__ import annotations

import re

from pipeline.structure.text_table_cells import CELL
from pipeline.structure.text_table_labels import _RE_LABEL
from pipeline.vn.orthography import nfc, strip_marks

# Column kinds, recognised in the header by their words (NĐ 30 plans and their appendices).
_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tt", ("STT", "TT", "SỐ TT")),
    ("lead", ("CHỦ TRÌ", "CHU TRI", "ĐƠN VỊ THỰC HIỆN", "CƠ QUAN THỰC HIỆN")),
    ("coord", ("PHỐI HỢP", "PHOI HOP")),
    ("time", ("THỜI GIAN", "THỜI HẠN", "TIẾN ĐỘ", "THOI GIAN", "HOÀN THÀNH")),
    ("product", ("SẢN PHẨM", "KẾT QUẢ")),
    ("note", ("GHI CHÚ",)),
    ("task", ("NHIỆM VỤ", "NỘI DUNG", "CÔNG VIỆC", "CHƯƠNG TRÌNH", "TÊN", "HOẠT ĐỘNG", "GIẢI PHÁP", "ĐỀ ÁN")),
)


_HEADER_WORDS = {
    w for _, ws in _COLUMN_WORDS for p in ws for w in p.split()
} | {"ĐƠN", "VỊ", "CƠ", "QUAN", "THỰC", "HIỆN", "GIAN", "TRÌ", "HỢP", "PHỐI", "CHỦ", "THỜI", "CÔNG", "VIỆC", "DỰ", "KIẾN",
     "HOÀN", "THÀNH", "HẠN"}


_HEADER_SKELETONS = {strip_marks(w) for w in _HEADER_WORDS}


# Single words of each kind: a header split over several lines ("ĐƠN VỊ CHỦ" / "TRÌ") keeps them.
_KIND_WORDS = {"tt": ("STT", "TT"), "task": ("NHIỆM", "NỘI", "CHƯƠNG", "HOẠT"), "lead": ("CHỦ", "TRÌ"),
               "coord": ("PHỐI", "HỢP"), "time": ("THỜI", "GIAN", "HẠN", "TIẾN"), "product": ("SẢN", "PHẨM"),
               "note": ("GHI", "CHÚ")}


DEFAULT_COLUMNS = ["tt", "task", "lead", "coord", "time"]


_LIKE_I = str.maketrans("L1", "II")  # letters an old OCR reads for a capital I


def columns_from_header(text: str) -> list[str]:
    """Column kinds in the order their words first appear in the header text ("tt", "task", ...)."""
    t = nfc(text).upper()
    found: list[tuple[int, str]] = []
    for kind, words in _COLUMN_WORDS:
        hits = [m.start() for w in words for m in re.finditer(rf"(?<![^\W\d_]){re.escape(w)}(?![^\W\d_])", t)]
        if hits and kind not in (k for _, k in found):
            found.append((min(hits), kind))
    # A header split over several lines ("ĐƠN VỊ CHỦ" / "TRÌ") breaks the phrases: its single
    # words place the kinds the phrases missed.
    have = {k for _, k in found}
    for kind, keys in _KIND_WORDS.items():
        if kind in have:
            continue
        # by their letters too when long enough to tell ("THÔI" for THỜI, "GIẢN" for GIAN)
        skel = {strip_marks(k) for k in keys if len(k) >= 4}
        at = [m.start() for m in re.finditer(r"[^\W\d_]+", t) if m.group() in keys or strip_marks(m.group()) in skel]
        if at:
            found.append((min(at), kind))
    # Glued, without marks, joined by a hyphen, an I read as L ("SANPHAM", "DONVICHUTRI",
    # "CHU-TRI", "THOLHAN"): the phrases by their letters alone.
    have = {k for _, k in found}
    where = [i for i, ch in enumerate(strip_marks(t)) if ch.isalnum()]
    letters = "".join(strip_marks(t)[i] for i in where).translate(_LIKE_I)
    for kind, words in _COLUMN_WORDS:
        if kind in have or kind == "tt":
            continue
        hits = [letters.find(strip_marks(w).replace(" ", "").translate(_LIKE_I)) for w in words
                if len(w.replace(" ", "")) >= 5]
        hits = [h for h in hits if h >= 0]
        if hits:
            found.append((where[min(hits)], kind))
    return [k for _, k in sorted(found)]


_RE_TT_FIRST = re.compile(r"^(?:S{0,2}TT|Số\s+TT)\b", re.I)  # "SsTT": an S doubled by a speck


def kinds_from_cells(cells: list[str]) -> list[str]:
    """Column kinds from the header's first line split at its rules, one kind per cell: a title
    wrapped over lines ("CƠ QUAN" / "CHỦ TRÌ") is still told by its first words; a bare "ĐƠN VỊ" /
    "CƠ QUAN" is the lead unit the first time, the coordinating units the second."""
    out: list[str] = []
    for i, cell in enumerate(cells):
        words = set(re.findall(r"[^\W\d_]+", nfc(cell).upper()))
        if i == 0 and len(cell.strip()) <= 4:
            kind = "tt"
        elif words & {"THỜI", "GIAN", "HẠN", "TIẾN"}:
            kind = "time"
        elif words & {"SẢN", "PHẨM", "KẾT", "QUẢ"}:
            kind = "product"
        elif words & {"GHI", "CHÚ"}:
            kind = "note"
        elif words & {"PHỐI", "HỢP"}:
            kind = "coord"
        elif words & {"CHỦ", "TRÌ"}:
            kind = "lead"
        elif words & {"ĐƠN", "VỊ", "CƠ", "QUAN"}:
            kind = "coord" if "lead" in out else "lead"
        elif words & {"NHIỆM", "VỤ", "NỘI", "DUNG", "CHƯƠNG", "TRÌNH", "TÊN", "HOẠT", "ĐỘNG", "GIẢI", "PHÁP"}:
            kind = "task"
        elif re.search(r"DONV|COQUAN", strip_marks(nfc(cell).upper()).replace(" ", "")):
            kind = "coord" if "lead" in out else "lead"  # read without its marks, glued ("DON VICHU")
        else:
            kind = "task" if "task" not in out else "note"
        out.append(kind)
    return out if len(set(out)) == len(out) and "task" in out else []


_CANON = ("tt", "task", "lead", "coord", "product", "time", "note")


def _header_kinds(header_text: list[str]) -> list[str]:
    """The columns: which kinds from the header's words, their order from the first header
    line's cells when those name every kind (a wrapped header puts "CHỦ TRÌ" on the next line,
    after "THỜI"), else the usual NĐ 30 order."""
    by_words = columns_from_header(" ".join(header_text))
    first = [c for c in header_text[0].split(CELL) if c.strip()] if header_text else []
    by_cells = kinds_from_cells(first) if len(first) >= 3 else []
    union = set(by_words) | set(by_cells)
    if by_cells and union <= set(by_cells):
        return by_cells
    return sorted(union, key=_CANON.index)


def is_header_line(text: str) -> bool:
    """An all-capitals line made of column-header words (the header, or its repeat on a new page),
    or a line opening with "TT" / "STT" in any case."""
    if _RE_TT_FIRST.match(nfc(text).strip()):
        return True
    words = nfc(text).replace(CELL, " ").split()
    k = 0
    while k < min(2, len(words)) and len(words[k]) <= 3 and not _RE_LABEL.match(words[k]):
        k += 1
    if k and len(words) - k >= 3 and _caps_header(" ".join(words[k:])):
        return True  # the TT title misread ("từ", "1T", "on i") before the other titles
    return _caps_header(text)


def _caps_header(text: str) -> bool:
    """A line in capitals made mostly of column-header words."""
    words = [w.strip(",.;:()!") for w in nfc(text).replace(CELL, " ").split()]
    words = [w for w in words if w]
    if not words or any(not w.isupper() for w in words if any(c.isalpha() for c in w)):
        return False
    # by their letters: a repeat of the header restored with a wrong mark ("TRÍ", "GIẢN") is one
    known = sum(w in _HEADER_WORDS or strip_marks(w) in _HEADER_SKELETONS for w in words)
    return known >= max(1, (len(words) + 1) // 2)


def _unit_columns(header_text: list[str]) -> int:
    """How many "ĐƠN VỊ" / "CƠ QUAN" column titles the header holds (glued ones too)."""
    t = strip_marks(nfc(" ".join(header_text)).upper()).replace(" ", "")
    # "ĐƠN VECHU": the letters of ĐƠN V are enough; "CGO QUAN": those of QUAN (no other title has them)
    return len(re.findall(r"DONV|QUAN", t))


def _table_kinds(header_text: list[str], timed: bool = False) -> list[str]:
    """The table's column kinds from its header lines, "tt" first and a "task" column always;
    ``timed``: the rows' lines end in timeframe cells, so the table has that column even when its
    title was never read (the header's last cell lost at the page's edge)."""
    kinds = _header_kinds(header_text)
    # every table has its TT and task columns, whether or not their titles were read ("NOEDUNG"
    # for NỘI DUNG, the TT title lost): two other titles read are enough to tell the table's columns
    if len(kinds) < 3 and len([k for k in kinds if k not in ("tt", "task")]) < 2:
        kinds = list(DEFAULT_COLUMNS)
    elif "coord" in kinds and "lead" not in kinds and _unit_columns(header_text) >= 2:
        kinds.insert(kinds.index("coord"), "lead")  # "ĐƠN VỊ CHỦ" lost its second word
    elif "lead" in kinds and "coord" not in kinds and _unit_columns(header_text) >= 2:
        kinds.insert(kinds.index("lead") + 1, "coord")  # "PHỐI HỢP" unreadable ("PHOLHOP"): two unit columns
    if kinds[0] != "tt":
        kinds = ["tt", *[k for k in kinds if k != "tt"]]
    if "task" not in kinds:
        kinds.insert(1, "task")
    if timed and "time" not in kinds:
        kinds.insert(kinds.index("note") if "note" in kinds else len(kinds), "time")
    return kinds


_NAMES = {"tt": "TT", "task": "NHIỆM VỤ", "lead": "ĐƠN VỊ CHỦ TRÌ", "coord": "ĐƠN VỊ PHỐI HỢP",
          "time": "THỜI GIAN THỰC HIỆN", "product": "SẢN PHẨM", "note": "GHI CHÚ"}


_RE_TITLE_START = re.compile(
    r"(?<=\s)(?:Nội dung|Nhiệm vụ|Chương trình|Đơn vị|Cơ quan|Thời gian|Thời hạn|Tiến độ|Sản phẩm|Kết quả|Ghi chú)\b",
    re.I,
)


def _column_names(header_text: list[str], kinds: list[str]) -> list[str]:
    """Header cells when the first header line splits into as many cells as columns, else the
    kinds' usual names (the header's own words are spread over several lines)."""
    if header_text:
        first = [c.strip() for c in header_text[0].split(CELL) if c.strip()]
        if len(first) == len(kinds):
            return first
        if len(header_text) == 1 and len(first) == 1:  # "TT Nội dung Đơn vị chủ trì Thời gian"
            cuts = [m.start() for m in _RE_TITLE_START.finditer(first[0])]
            parts = [first[0][a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(first[0])], strict=True)]
            parts = [x for x in parts if x]
            if len(parts) == len(kinds):
                return parts
    return [_NAMES.get(k, k.upper()) for k in kinds]
