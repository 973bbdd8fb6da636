"""Appendix table rows from a restored legacy-OCR line stream (no geometry, issue 13).

A ruled table read line by line by an old OCR run arrives as lines holding fragments of several
cells of one row, left to right, cell boundaries marked by TABs where the restorer saw a rule
(``pipeline.restore.ocrfix.cell_rules``).  This module finds the column header (and skips its repeats
on later pages), starts a row at each TT label (misread labels repaired from the numbering
sequence: "L2" after 1.1 is 1.2, "47" after 4.6 is 4.7), and places each fragment in a column
by what columns hold (unit names for the lead and coordinating units, "Năm 2024", "Quý II/2025",
"Hằng năm" for the timeframe) and by left-to-right order.  A fragment that fits nowhere stays
in the row's task cell: text is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.document import TableRow, TableRows
from pipeline.vn.orthography import nfc, strip_marks
from pipeline.vn.timeframes import HANG, NAM, QUY, THANG, canonical_time, is_time, roman_quarters

CELL = "\t"

# Column kinds, recognised in the header by their words (NĐ 30 plans and their appendices).
_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tt", ("STT", "TT", "SỐ TT")),
    ("lead", ("CHỦ TRÌ", "CHU TRI", "ĐƠN VỊ THỰC HIỆN", "CƠ QUAN THỰC HIỆN")),
    ("coord", ("PHỐI HỢP", "PHOI HOP")),
    ("time", ("THỜI GIAN", "THỜI HẠN", "TIẾN ĐỘ", "THOI GIAN")),
    ("product", ("SẢN PHẨM", "KẾT QUẢ")),
    ("note", ("GHI CHÚ",)),
    ("task", ("NHIỆM VỤ", "NỘI DUNG", "CHƯƠNG TRÌNH", "TÊN", "HOẠT ĐỘNG", "GIẢI PHÁP", "ĐỀ ÁN")),
)
_HEADER_WORDS = {
    w for _, ws in _COLUMN_WORDS for p in ws for w in p.split()
} | {"ĐƠN", "VỊ", "CƠ", "QUAN", "THỰC", "HIỆN", "GIAN", "TRÌ", "HỢP", "PHỐI", "CHỦ", "THỜI", "CÔNG", "VIỆC", "DỰ", "KIẾN",
     "HOÀN", "THÀNH", "HẠN"}
_HEADER_SKELETONS = {strip_marks(w) for w in _HEADER_WORDS}
# Head words that open the name of a unit (organisations a plan assigns tasks to).
_UNIT_HEADS = (
    "Sở", "Ban", "Bộ", "UBND", "Ủy ban", "Uỷ ban", "Văn phòng", "Công an", "Đài", "Trung tâm", "Hội",
    "Liên đoàn", "Đoàn", "Mặt trận", "Cục", "Chi cục", "Tổng cục", "Viện", "Trường", "Bệnh viện",
    "Báo", "Tỉnh đoàn", "Các sở", "Các cơ quan", "Cơ quan", "Kho bạc", "Ngân hàng", "Thanh tra",
    "Bộ Chỉ huy", "Hội đồng", "HĐND", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Đảng ủy", "Công ty",
    "Phòng", "Các đơn vị", "Các địa phương", "Các huyện", "Cảnh sát", "Quân sự", "Hải quan",
    "Cục Thuế", "Ủy ban MTTQ", "UBMTTQ", "Các Sở", "Các ban", "Các tổ chức", "Doanh nghiệp",
)
_RE_UNIT_EXACT = re.compile(r"^(?:" + "|".join(re.escape(h) for h in sorted(_UNIT_HEADS, key=len, reverse=True)) + r")\b")
# The same heads by their letters, for a head that restoration gave a wrong mark ("Sổ Kế hoạch"):
# a one-syllable head then needs a capitalised name after it ("Số hóa" is no unit).
_UNIT_SKELETONS = {" ".join(strip_marks(h).lower().split()) for h in _UNIT_HEADS}


def _unit_start(text: str) -> bool:
    """Whether ``text`` opens with the name of a unit."""
    m = _RE_UNIT_EXACT.match(text)
    if m:
        # a one-word head that is also a common word ("Báo cáo", "Hội nghị", "Phòng, chống",
        # "Ban hành") opens a name only with a capitalised word after it ("Báo Nghệ An")
        head, rest = m.group(), text[m.end() :].split()
        return " " in head or head.isupper() or not rest or rest[0][:1].isupper()
    words = text.split()
    for n in (2, 1):
        if len(words) <= n or not words[0][:1].isupper():
            continue
        if " ".join(strip_marks(w).lower() for w in words[:n]) in _UNIT_SKELETONS and (n == 2 or words[n][:1].isupper()):
            return True
    return False
# What a "Sản phẩm" column holds: the kind of document or output a task delivers (NĐ 30 types and
# the usual deliverables), capitalised at the start of the cell.
_PRODUCT_HEADS = ("Báo cáo", "Kế hoạch", "Quyết định", "Quy chế", "Quy định", "Đề án", "Dự án", "Văn bản", "Danh mục",
                  "Tài liệu", "Hệ thống", "Chương trình", "Tờ trình", "Hướng dẫn", "Phương án", "Cơ sở dữ liệu",
                  "Phần mềm", "Sổ tay", "Bộ tiêu chí", "Nghị quyết", "Chỉ thị", "Thông báo")
_RE_PRODUCT = re.compile(r"^(?:" + "|".join(re.escape(h) for h in _PRODUCT_HEADS) + r")(?![^\W\d_])")


def _product_start(text: str, before: str = "") -> bool:
    """Whether ``text`` opens with a product ("Báo cáo đánh giá"), not the rest of a unit's name
    ("Sở" / "Kế hoạch và Đầu tư": after a unit head or "và" it is the name's)."""
    last = before.split()[-1] if before.split() else ""
    return bool(_RE_PRODUCT.match(text)) and (last in ("các", "của", "với", "thị", "thành") or (
        last not in _CONNECTORS and last not in ("Phòng", "phòng")))


_HEADS_NEEDING_MORE = {"Văn phòng", "Ủy ban", "Uỷ ban", "Các", "Bộ Chỉ huy", "Hội đồng", "Đài", "Trung tâm", "Ban"}
_RE_LABEL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,2}\.?|[IVXL]{1,5}\.?|[A-Z]\.?)$")
_OCR_DIGIT = str.maketrans({"L": "1", "l": "1", "I": "1", "|": "1", "O": "0", "o": "0", "S": "5", "Z": "2",
                            "B": "8", "G": "6", "g": "9", "]": "1", "[": "1", "{": "1", "}": "1", ",": ".", "_": "",
                            ":": ".", ";": "."})


@dataclass
class _Row:
    label: str
    page_no: int
    cells: dict[int, list[str]] = field(default_factory=dict)
    repaired: bool = False
    block: bool = False  # cells read one after another (the label alone on its line)
    inferred: bool = False  # no label was read: the number comes from the sequence (renumbered later)

    def add(self, col: int, text: str) -> None:
        if text:
            self.cells.setdefault(col, []).append(text)

    def text(self, col: int) -> str:
        return " ".join(self.cells.get(col, []))


# Single words of each kind: a header split over several lines ("ĐƠN VỊ CHỦ" / "TRÌ") keeps them.
_KIND_WORDS = {"tt": ("STT", "TT"), "task": ("NHIỆM", "NỘI", "CHƯƠNG", "HOẠT"), "lead": ("CHỦ", "TRÌ"),
               "coord": ("PHỐI", "HỢP"), "time": ("THỜI", "GIAN", "HẠN", "TIẾN"), "product": ("SẢN", "PHẨM"),
               "note": ("GHI", "CHÚ")}
DEFAULT_COLUMNS = ["tt", "task", "lead", "coord", "time"]


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
    # Glued and without marks ("SANPHAM", "DONVICHUTRI"): the phrases by their letters alone.
    have = {k for _, k in found}
    where = [i for i, ch in enumerate(strip_marks(t)) if not ch.isspace()]
    letters = "".join(strip_marks(t)[i] for i in where)
    for kind, words in _COLUMN_WORDS:
        if kind in have or kind == "tt":
            continue
        hits = [letters.find(strip_marks(w).replace(" ", "")) for w in words if len(w.replace(" ", "")) >= 5]
        hits = [h for h in hits if h >= 0]
        if hits:
            found.append((where[min(hits)], kind))
    return [k for _, k in sorted(found)]


_RE_TT_FIRST = re.compile(r"^(?:S?TT|Số\s+TT)\b", re.I)


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
    head, _, rest = nfc(text).replace(CELL, " ").strip().partition(" ")
    if len(head) <= 3 and not _RE_LABEL.match(head) and len(rest.split()) >= 3 and _caps_header(rest):
        return True  # the TT title misread ("từ", "1T") before the other titles
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


def _expected(prev: list[str]) -> list[str]:
    """Labels that may follow the labels seen so far, nearest first: the next item or group, and
    one step further (a label the OCR lost must not derail the rest)."""
    if not prev:
        return ["1", "I", "1.1", "A", "2", "1.2"]
    last = prev[-1]
    if re.fullmatch(r"[IVXL]+", last):
        return [_roman(_unroman(last) + 1), "1", f"{_unroman(last)}.1", _roman(_unroman(last) + 2)]
    if re.fullmatch(r"\d+(?:\.\d+)*", last):
        parts = [int(p) for p in last.split(".")]
        head = parts[:-1]
        out = [".".join(map(str, [*head, parts[-1] + 1])), f"{last}.1"]
        if len(parts) > 1:
            up = [*parts[:-2], parts[-2] + 1]
            out += [".".join(map(str, up)), ".".join(map(str, [*up, 1]))]
        out.append(_roman(len([p for p in prev if re.fullmatch(r"[IVXL]+", p)]) + 1))
        out.append(".".join(map(str, [*head, parts[-1] + 2])))
        out.append(f"{last}.2")
        if len(parts) > 1:
            out += [".".join(map(str, [*up, 2])), ".".join(map(str, [*parts[:-2], parts[-2] + 2]))]
        return out
    return []


_ROMANS = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMANS:
        while n >= v:
            out, n = out + s, n - v
    return out


def _unroman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, c in enumerate(s):
        v = vals[c]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def match_label(token: str, prev: list[str]) -> tuple[str, bool] | None:
    """(label, repaired) when ``token`` reads as the next TT label, else None."""
    tok = token.rstrip(".:;,")
    if not tok or len(tok) > 8:
        return None
    expected = _expected(prev)
    if tok in expected:
        return tok, False
    if _RE_LABEL.match(token) and re.fullmatch(r"\d+(?:\.\d+)*", tok) and "." in tok:
        return tok, False  # a well-formed numbered label out of sequence: trust it
    digits = tok.translate(_OCR_DIGIT)
    if not digits or not re.fullmatch(r"[\d.]+", digits):
        return None
    # A stray rule before the number ("L2", "|3") reads as the number itself when that is the
    # nearer label of the sequence; otherwise the letters are misread digits ("L2" = 1.2).
    bare = tok[1:] if len(tok) > 1 and tok[0] in "LlI|[{" else None
    for e in expected:
        if bare is not None and e == bare:
            return e, True
        if re.fullmatch(r"[\d.]+", e) and digits.replace(".", "") == e.replace(".", "") and len(digits) <= len(e):
            return e, True
    if re.fullmatch(r"\d+", tok) and not prev:
        return tok, False
    return None


def _misread_group(lab: tuple[str, bool], guess: str) -> tuple[str, bool]:
    """A label read where the item ``guess`` ("5.1", after a group title whose number was lost) was
    expected, with that item's number but an earlier group ("3.1"): its group digit was misread."""
    m, g = re.fullmatch(r"(\d+)\.(\d+)", lab[0]), re.fullmatch(r"(\d+)\.(\d+)", guess)
    if m and g and m.group(2) == g.group(2) and int(m.group(1)) < int(g.group(1)):
        return guess, True
    return lab


def _next_item(label: str) -> str:
    """The item after ``label``: "3.2" -> "3.3", a group "3" -> "3.1"."""
    if "." in label:
        head, _, last = label.rpartition(".")
        return f"{head}.{int(last) + 1}"
    return f"{label}.1"


def _lost_first_item(label: str, prev: str, labels: list[str]) -> str | None:
    """The item whose number the OCR lost, when ``label`` ("3.2") follows its group ("3") directly."""
    m = re.fullmatch(r"(\d+)\.(\d+)", label)
    if not m or m.group(1) != prev or int(m.group(2)) < 2:
        return None
    lost = f"{prev}.{int(m.group(2)) - 1}"
    return None if lost in labels else lost


def _later_group(label: str, group: str) -> bool:
    """Whether ``label`` ("2", "2.1") belongs to a group after ``group`` ("1")."""
    return bool(re.fullmatch(r"\d+", group)) and bool(re.match(r"\d+", label)) and int(label.split(".")[0]) > int(group)


def _holds_row(held: list[list[str]]) -> bool:
    """Whether held lines hold a whole row: a unit and a timeframe."""
    frags = [f for fr in held for f in fr]
    return any(_unit_start(f) for f in frags) and any(_time_start(f) for f in frags)


def _lone_label(token: str, prev: list[str]) -> tuple[str, bool] | None:
    """A number alone on its line that lost its dot ("92" for 9.2, "213" for 2.13), read as the
    label of a group at most three ahead of the current one; a plain group number ("10") as itself.
    A number that fits the sequence no way ("39" after 3.1) is still a row's label, misread: the
    next item's (marked repaired)."""
    tok = token.rstrip(".:;,")
    if not prev:
        return None
    if not re.fullmatch(r"\d{1,3}", tok):
        # a short token with a digit alone on its line ("a2", "3:1"): a label too garbled to read
        last = prev[-1]
        if len(tok) <= 4 and any(c.isdigit() for c in tok) and not tok.isdigit() and not is_time(tok) \
                and not set(tok) & set("()") \
                and re.fullmatch(r"\d+\.\d+", last):
            return _next_item(last), True
        return None
    nums = [p for p in prev if re.fullmatch(r"\d+(?:\.\d+)?", p)]
    if not nums:
        return None
    group = int(nums[-1].split(".")[0])
    last_k = int(nums[-1].split(".")[1]) if "." in nums[-1] else 0
    if group < int(tok) <= group + 3 and tok not in prev:
        return tok, False
    for cut in range(1, len(tok)):
        g, k = int(tok[:cut]), int(tok[cut:])
        plausible = (g == group and last_k < k <= last_k + 3) or (group < g <= group + 3 and k <= 3) or (
            g == group - 1 and k >= 2)  # the current group may be one guessed from a title
        if tok[cut] != "0" and plausible and f"{g}.{k}" not in prev:
            return f"{g}.{k}", True
    if len(tok) >= 2 and "." in nums[-1]:
        return _next_item(nums[-1]), True
    return None


def _task_width(lines: list[tuple[int, str]]) -> int:
    """The task column's width in characters: the median length of the task text on lines where a
    rule was read after it (a line of a ruled table holds one wrapped slice of each cell)."""
    sizes = []
    for _, raw in lines:
        parts = [p.strip() for p in nfc(raw).split(CELL) if p.strip()]
        if len(parts) >= 2 and re.fullmatch(r"\S{1,5}", parts[0]):
            parts = parts[1:]  # the TT label
        if len(parts) >= 2 and len(parts[0].split()) >= 3 and not is_header_line(parts[0]):
            sizes.append(len(parts[0]))
    return sorted(sizes)[len(sizes) // 2] if len(sizes) >= 5 else 0


def _name_key(text: str) -> str:
    return " ".join(strip_marks(text).lower().replace(",", " ").split())


def _name_pieces(text: str) -> list[str]:
    """The unit names a cell lists: split at its commas, a lower-case piece going on with the name
    before it ("UBND các huyện, thị xã, thành phố", "Các sở, ban, ngành" are one name each)."""
    out: list[str] = []
    for piece in text.split(", "):
        if out and piece[:1].islower() and not _unit_start(piece):
            out[-1] += ", " + piece
        else:
            out.append(piece)
    return out


def _last_name(text: str) -> str:
    return _name_pieces(text)[-1].strip() if text else ""


def _unit_name_prefixes(lines: list[tuple[int, str]]) -> frozenset[str]:
    """The table's own unit names, learned from its lines: a name read whole (a unit head, no open
    end) at least twice.  Returns the proper beginnings of those names ("so ke", "so ke hoach va"):
    a cell that ends so is still open, whatever its last word ("Sở Kế" / "hoạch và Đầu tư")."""
    seen: dict[str, int] = {}
    for _, raw in lines:
        for part in nfc(raw).split(CELL):
            for frag in _split_units(" ".join(part.split())):
                for piece in _name_pieces(frag):
                    if _unit_start(piece) and not _open(piece) and len(piece.split()) >= 2:
                        key = _name_key(piece)
                        seen[key] = seen.get(key, 0) + 1
    out: set[str] = set()
    for key, n in seen.items():
        words = key.split()
        if n >= 3:
            out.update(" ".join(words[:i]) for i in range(1, len(words)))
            out.add(key + " $")  # the whole name: a lead cell that holds it is closed
    return frozenset(out)


def _name_rest(last: str, tail: str, names: frozenset[str]) -> bool:
    """Whether ``tail`` goes on with the name ``last`` left open, as the table writes its names
    (up to the tail's first comma: a list of units may follow)."""
    head = tail.split(",", 1)[0]
    key = _name_key(f"{last} {head}")
    return key in names or f"{key} $" in names


def _split_open_tail(frags: list[str], row: _Row, kinds: list[str], names: frozenset[str]) -> list[str]:
    """A unit cell left open on the line before ("Sở Tài chính, Sở") goes on on this line: when
    the line's first fragment (the task's slice) ends with words that continue that name ("...
    người đứng đầu. Giáo dục và Đào tạo"), those words are cut off as the cell's slice. With a rule
    read after that fragment, only the lead's name can end it (the next cell comes after the rule)."""
    if not names or len(frags[0].split()) < 2:
        return frags
    for kind in ("coord", "lead") if len(frags) == 1 else ("lead",):
        if kind not in kinds:
            continue
        text = row.text(kinds.index(kind))
        last = _last_name(text)
        if not last or _open(text) and text.rstrip().endswith(",") or f"{_name_key(last)} $" in names:
            continue
        if _name_key(last) not in names:
            continue
        words = frags[0].split()
        cut = next((i for i in range(1, len(words)) if _name_rest(last, " ".join(words[i:]), names)), 0)
        if cut:
            return [" ".join(words[:cut]), " ".join(words[cut:]), *frags[1:]]
    return frags


def _split_name_rests(frags: list[str], row: _Row, kinds: list[str], names: frozenset[str]) -> list[str]:
    """A fragment that holds the rest of the lead unit's name and, with no rule read between, the
    rest of the coordinating units ("Đào tạo các huyện, thị xã," under "Sở Giáo dục và" and
    "Sở Tư pháp, UBND"): cut where the lead's name, as the table writes it whole, ends."""
    if "lead" not in kinds or "coord" not in kinds or not row.text(kinds.index("coord")):
        return frags
    last = _name_key(_last_name(row.text(kinds.index("lead"))))
    if not last or last not in names:
        return frags  # the lead cell is empty, whole, or ends in no beginning of a known name
    out = list(frags[:1])
    for k, frag in enumerate(frags[1:], start=1):
        words = frag.split()
        cut = next((i for i in range(1, len(words)) if f"{_name_key(last + ' ' + ' '.join(words[:i]))} $" in names), 0)
        if cut:
            return [*out, " ".join(words[:cut]), " ".join(words[cut:]), *frags[k + 1 :]]
        out.append(frag)
    return out


def _split_at_width(frags: list[str], width: int) -> list[str]:
    """A line's first fragment longer than the task column can hold: the task's slice, then the
    next cells' text the OCR read without a rule between.  The cut is the word boundary nearest
    the width, a capitalised word after it (a unit's name, a new cell) preferred."""
    head = frags[0]
    if len(head) <= 1.15 * width:
        return frags
    words = head.split()
    cuts = [(len(" ".join(words[:i])), i) for i in range(2, len(words))]
    fits = [(n, i) for n, i in cuts if 0.7 * width <= n <= 1.08 * width]
    if not fits:
        return frags
    caps = [(n, i) for n, i in fits if words[i][:1].isupper()]
    _, cut = max(caps or fits)
    return [" ".join(words[:cut]), " ".join(words[cut:]), *frags[1:]]


def _split_time_rest(frags: list[str]) -> list[str]:
    """A timeframe wrapped over lines ("Thường" / "xuyên", "Quý" / "IV/2021"): its second half ends
    the line, glued to the cell before it when no rule was read between them."""
    words = frags[-1].split()
    if len(words) > 1 and _RE_TIME_REST.fullmatch(words[-1].strip(" .;,")) and not _RE_TIME_REST.fullmatch(words[-2]):
        return [*frags[:-1], " ".join(words[:-1]), words[-1]]
    return frags


def _time_start(text: str) -> bool:
    """A timeframe, or the first word of one wrapped over lines ("Thường", "Quý", "2025 -")."""
    return is_time(text) or bool(re.fullmatch(rf"(?:{HANG}|Thường|{THANG}|{NAM}|{QUY}|Từ|Trước)\b.*", text.strip()))


def _title_lines(task: list[str]) -> int:
    """How many of a row's first task lines are a group's title read before it (one, or two when
    the title wrapped): 0 when the text reads as one task."""
    for n in (1, 2):
        if len(task) > n and _group_title(task[n - 1], task[n]) and (n == 1 or (
                task[1][:1].islower() and not task[0].rstrip().endswith((".", ";", ":")))):
            return n
    return 0


def _group_title(line: str, following: str) -> bool:
    """A line read before a task's first line that is a group's title: no sentence or list goes on
    from it (no final punctuation, no open connector), and the next line opens a new sentence."""
    line = line.rstrip()
    return len(line.split()) >= 3 and not line.endswith((".", ",", ";", ":", "-")) and not _open(line) \
        and following[:1].isupper() and not _unit_start(following)


def _unit_columns(header_text: list[str]) -> int:
    """How many "ĐƠN VỊ" / "CƠ QUAN" column titles the header holds (glued ones too)."""
    t = strip_marks(nfc(" ".join(header_text)).upper()).replace(" ", "")
    return len(re.findall(r"DONV|COQUAN", t))  # "ĐƠN VECHU": the letters of ĐƠN V are enough


def _ends_cell(before: str, rest: str) -> bool:
    """Whether an open range ("2021 -") at the end of ``before`` starts the timeframe cell: only
    after a unit's name; after a sentence it is the sentence's own range, wrapped ("... 2021 -" /
    "2026; ..."). Any other timeframe ("Năm 2024", "Quý", "2024 - 2025") starts the cell after anything."""
    words = before.split()
    if words and words[-1] in _DATE_GOVERNORS and re.match(r"\d{4}\b", rest.strip()):
        return False  # "trong giai đoạn 2025 - 2026", "đến năm 2030": the sentence's own date
    return not re.fullmatch(r"\d{4}\s*[-–]", rest.strip()) or bool(_unit_start(before))


# Words a year follows inside a sentence (a date the sentence names, not the timeframe cell).
_DATE_GOVERNORS = {"đoạn", "năm", "từ", "đến", "tới", "trong", "kỳ", "sau", "trước", "cuối", "đầu"}


def _name_cut_short(before: str, names: frozenset[str]) -> bool:
    """Whether the last name of ``before`` is a known name cut short ("Các sở, ban," of "Các sở,
    ban, ngành"): its rest is on the next line, and a unit after it on this one is the next cell's."""
    key = _name_key(_last_name(before))
    return bool(key) and key in names and f"{key} $" not in names


def _split_units(text: str, width: int = 0, products: bool = False, names: frozenset[str] = frozenset()) -> list[str]:
    """A fragment that holds two cells the OCR saw no rule between ("Sở Tài chính Văn phòng
    UBND"), cut before a unit head that follows a complete name, and before a final timeframe;
    with ``products`` (the table has a product column) before a product after a unit's name."""
    words = text.split()
    cuts = [0]
    for i in range(1, len(words)):
        rest = " ".join(words[i:])
        prev = words[i - 1]
        if prev.endswith(".") and len(prev) > 3 and words[i][:1].islower() and words[i][:1].isalpha() \
                and len(words) - i <= 5 and not rest.endswith((".", ";")):
            cuts.append(i)  # "... và chất lượng. huyện, thị xã": no sentence goes on in lower case after a
            continue  # full stop; a short scrap, open at its end, is another cell's slice
        if products and _product_start(rest, " ".join(words[cuts[-1] : i])) and _unit_start(" ".join(words[cuts[-1] : i])):
            cuts.append(i)  # "Sở Tài chính Báo cáo đánh giá": the unit, then the product cell
            continue
        if is_time(rest) and not rest[:1].islower() and not rest.endswith((";", ",", ".")) \
                and not is_time(" ".join(words[cuts[-1] : i])) and _ends_cell(" ".join(words[cuts[-1] : i]), rest):
            cuts.append(i)  # "Đài Phát thanh và Năm 2020": the timeframe cell after an open name
            break
        # "và" joins two names in one cell, unless a whole name stands before it and a capitalised
        # unit head after it ("Sở Giáo dục và Các sở, ban, ngành": two cells, no rule read); "các"
        # inside a name goes on in lower case ("UBND các huyện"): "UBND các Công an tỉnh" is two cells
        if prev in ("với", "của", "hoặc") or (prev == "các" and not (i >= 2 and rest[:1].isupper())) or (prev == "và" and not (
                rest[:1].isupper() and _unit_start(" ".join(words[cuts[-1] : i])))):
            continue
        before = " ".join(words[cuts[-1] : i])
        if prev.endswith((",", ";")) and (_unit_start(before) or (
                before[:1].islower() and len(before) < 0.5 * width)) and not _name_cut_short(before, names):
            continue  # "Sở Tài chính, Công an tỉnh", "tạo, UBND các": one cell listing units
        if _unit_start(rest):
            head = " ".join(words[max(0, cuts[-1]) : i])
            if any(head == h or head.endswith(" " + h) for h in _HEADS_NEEDING_MORE):
                continue
            cuts.append(i)
    return [" ".join(words[a:b]) for a, b in zip(cuts, [*cuts[1:], len(words)], strict=True) if a < b]


_CONNECTORS = {"và", "các", "của", "với", "hoặc", "thị", "thành", "Công", "Sở", "Ban", "Bộ", "Văn", "Đài", "Trung",
               "Ủy", "Uỷ", "Hội", "Liên", "Mặt", "Cục", "Chi", "Tổng", "Bệnh", "Kho", "Ngân", "Thanh", "Cảnh", "Ủy ban"}


def _open(prev: str) -> bool:
    """A cell's text that cannot end there: a trailing comma, connector or bare unit head word."""
    prev = prev.rstrip()
    return bool(prev) and (prev.endswith((",", "-", "–")) or prev.split()[-1] in _CONNECTORS)


_RE_TIME_REST = re.compile(r"(?:[IVX1lT]{1,4}\s*/\s*\d{4}|\d{1,2}\s*/\s*\d{4}|xuyên|năm|quý|tháng|tuần|\d{4}(?:\s*[-–]\s*\d{4})?)")


def _time_complete(text: str) -> bool:
    t = text.strip(" .;,")
    return is_time(t) and not re.fullmatch(rf"(?:{HANG}|Thường|{THANG}|{NAM}|{QUY}|\d{{4}}\s*[-–])", t)


def _fit(frag: str, kind: str, row: _Row, col: int, names: frozenset[str] = frozenset(), products: bool = False) -> float:
    """How well a fragment suits a column of the given kind in this row; ``names``: beginnings of
    the table's unit names (a cell that ends in one is open); ``products``: the table has a
    product column."""
    prev = row.text(col)
    cont = bool(prev) and not prev.rstrip().endswith((".", ";"))
    unit = bool(_unit_start(frag))
    # a name the table writes whole, read only in part ("Sở Kế"): open to its rest, not to a new name
    last = _last_name(prev)
    opened = _open(prev) or (kind in ("lead", "coord") and (last in _HEADS_NEEDING_MORE or (
        not unit and _name_key(last) in names)))  # "Văn phòng" names no unit yet: "UBND tỉnh" is its rest
    time = is_time(frag)
    lower = frag[:1].islower()
    if kind == "time":
        if frag.rstrip().endswith((";", ",")):
            return -3.0  # a clause of a sentence ("2021 - 2026;"), not a timeframe
        if prev and not _time_complete(prev) and _RE_TIME_REST.fullmatch(frag.strip(" .;,")):
            return 3.0  # "Thường" / "xuyên", "Quý" / "II/2025", "2025 -" / "2026"
        if prev and _time_complete(prev):
            return -3.0  # a timeframe is short: once whole, nothing more joins it
        return 3.0 if time else (1.0 if cont and len(frag.split()) <= 3 else -3.0)
    if kind in ("lead", "coord"):
        # an open name ("... và", "Sở", "...,") takes what follows, capitalised or not ("Thông tin")
        s = 2.0 if unit else (1.5 if opened else 1.0 if cont and (lower or prev.endswith((",", "và"))) else -1.0)
        if kind == "lead" and not unit and prev and not opened:
            s -= 2.0 if _name_key(prev) + " $" in names else 1.0  # the lead cell names one unit: once whole, the next line's text continues another
        if unit and prev and not opened and row.block:
            s -= 2.5  # one unit after another, no comma: the next cell
        elif unit and prev and not opened and kind == "lead":
            s -= 1.0  # side by side: the lead cell names one unit, a second one is coordinating
        if time:
            s -= 3.0
        if len(frag.split()) > 9:
            s -= 2.0
        if products and not opened and not unit and _product_start(frag):
            s -= 2.0  # a product, in a table that has their column
        return s
    if kind in ("product", "note"):
        # a short noun phrase ("Báo cáo kết quả", "Quyết định phê duyệt"), or its continuation
        s = 0.5 if len(frag.split()) <= 6 and not unit and not time else -1.0
        if kind == "product" and _product_start(frag) and not prev:
            s += 1.5
        return s + (0.5 if cont and lower and len(frag.split()) <= 4 else 0.0)
    if kind == "task":
        # a long fragment is prose, unless it opens with a unit's head (a long name: "Sở Giáo dục và Đào tạo")
        long = len(frag.split()) > 5 and (lower or not unit)
        return (1.0 if not unit or lower else -0.5) + (0.5 if long else 0.0) - (2.0 if time else 0.0)
    return 0.0


_SAME_CELL = -1.5  # two fragments of a line in one cell: a rule read inside a cell (a stray "|")
_RULED_CELL = -1.0  # more when a rule was read between them: rules mostly stand between cells


def assign(frags: list[str], kinds: list[str], row: _Row, first_col: int, stay: int = 0,
           names: frozenset[str] = frozenset(), ruled: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Best monotone placement of the line's fragments in columns first_col.. (a small DP); two
    fragments may share a cell at a cost (the rule between them was a misread letter or junk), a
    higher one when a rule was read before the second (``ruled``: the fragments a rule precedes)."""
    cols = list(range(first_col, len(kinds)))
    if not frags or not cols:
        return []
    n, m = len(frags), len(cols)
    # A finished sentence in the current cell ("... của địa phương.") makes the next cell likelier.
    done = row.text(stay).rstrip().endswith((".", ";")) if stay else False
    stay_bonus = 0.3 if done else 1.5

    def gain(i: int, j: int, same: bool = False) -> float:
        col = cols[j - 1]
        at = row
        if same and kinds[col] in ("lead", "coord"):
            # the fragment before it went to this cell too: judged after that one (a name it completed)
            at = _Row(row.label, row.page_no, {**row.cells, col: [*row.cells.get(col, []), frags[i - 2]]}, block=row.block)
        sc = _fit(frags[i - 1], kinds[col], at, col, names, "product" in kinds)
        if stay:  # cells read one after another: keep to the current cell unless content says
            sc += stay_bonus if col == stay else -0.5 * (col - stay)
        return sc

    neg = -1e9
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            # fragment i-1 in column j-1; the previous fragment in a column before it, or the same
            for k in range(0 if i == 1 else 1, (1 if i == 1 else j + 1)):
                if best[i - 1][k] <= neg:
                    continue
                same = (_SAME_CELL + (_RULED_CELL if frags[i - 1] in ruled else 0.0)) if k == j else 0.0
                sc = best[i - 1][k] + gain(i, j, k == j) + same
                if sc > best[i][j]:
                    best[i][j], back[i][j] = sc, k
    j = max(range(1, m + 1), key=lambda jj: best[n][jj])
    out: list[tuple[int, str]] = []
    for i in range(n, 0, -1):
        out.append((cols[j - 1], frags[i - 1]))
        j = back[i][j]
    return out[::-1]


def _after_rules(text: str, width: int = 0, products: bool = False, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The fragments of a line that a rule was read before (the first of each cell part but the first)."""
    parts = [" ".join(p.split()) for p in nfc(text).split(CELL)]
    return frozenset(_split_units(p, width, products, names)[0] for p in parts[1:] if p and any(c.isalnum() for c in p))


def _fragments(text: str, width: int = 0, products: bool = False, names: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for part in nfc(text).split(CELL):
        part = " ".join(part.split())
        if part and any(c.isalnum() for c in part):  # a cell of rule junk ("~", "—") holds no text
            out.extend(_split_units(part, width, products, names))
    return out


def _table_kinds(header_text: list[str]) -> list[str]:
    """The table's column kinds from its header lines, "tt" first and a "task" column always."""
    kinds = _header_kinds(header_text)
    if len(kinds) < 3:
        kinds = list(DEFAULT_COLUMNS)
    elif "coord" in kinds and "lead" not in kinds and _unit_columns(header_text) >= 2:
        kinds.insert(kinds.index("coord"), "lead")  # "ĐƠN VỊ CHỦ" lost its second word
    elif "lead" in kinds and "coord" not in kinds and _unit_columns(header_text) >= 2:
        kinds.insert(kinds.index("lead") + 1, "coord")  # "PHỐI HỢP" unreadable ("PHOLHOP"): two unit columns
    if kinds[0] != "tt":
        kinds = ["tt", *[k for k in kinds if k != "tt"]]
    if "task" not in kinds:
        kinds.insert(1, "task")
    return kinds


class _Reader:
    """The line-by-line state of a text table: header, rows so far, and text waiting for a row."""

    def __init__(self) -> None:
        self.header_text: list[str] = []
        self.kinds: list[str] = []
        self.rows: list[_Row] = []
        self.labels: list[str] = []
        self.in_header = False
        self.block = False  # cells one after another (a label alone on its line), not side by side
        self.pointer = 1
        self.orphans: list[str] = []  # text after a row's last cell: the next group's title?
        self.held: list[list[str]] = []  # text after a group's title: its own, or a lost first item's
        self.last_page = -1
        self.fresh: int | None = None  # where a new sentence opened the current row's task after its last cell
        self.prev_end = ""  # how the previous line ended
        self.width = 0  # the task column's width in characters, learned from the table (0: unknown)
        self.names: frozenset[str] = frozenset()  # beginnings of the table's unit names, learned from it
        self.title: tuple[_Row, int] | None = None  # the last line, alone, opened a sentence in a task
        self.ruled: frozenset[str] = frozenset()  # the current line's fragments a rule was read before
        self.junk = False  # the last line was a short scrap where a row's number stands (a label misread)
        self.prev_junk = False  # the line before the current one was such a scrap
        self.last_title: tuple[_Row, int] | None = None  # the line before, alone after a finished task

    def read(self, page_no: int, raw: str) -> None:
        """Take one line of the stream."""
        text = nfc(raw).strip()
        if not text or self._header_line(text):
            return
        self.in_header = False
        if not self.kinds:
            self.kinds = _table_kinds(self.header_text)
        if self._page_number(page_no, text):
            return
        frags = _fragments(text, self.width, "product" in self.kinds, self.names)
        self.ruled = _after_rules(text, self.width, "product" in self.kinds, self.names)
        if not frags:
            return
        title, self.title = self.title, None
        junk, self.junk = self.junk, self._label_junk(frags)
        self.prev_junk, self.last_title = junk, title
        first, *_ = frags[0].split(" ", 1)
        guess = self._empty_guess()
        labels = self.labels[:-1] if guess else self.labels  # a guessed row, still empty, gives way to a label read
        lab, guessed = match_label(first, labels), False
        if lab is None and len(frags) == 1 and first == frags[0]:
            lab = _lone_label(first, labels)
            guessed = lab is not None and lab[0].replace(".", "") != first.rstrip(".:;,")
        if lab is not None:
            if guess:
                lab = self._drop_guess(lab)
            rest = self._start_row(lab, frags[0][len(first) :].strip(), frags[1:], page_no)
            self.rows[-1].inferred |= guessed  # a garbled label ("2p"): its number is the sequence's
            if rest is None:
                self.prev_end = text[-1:]
                return
            frags = rest
        elif self.rows and self._lost_group_title(frags):
            self._new_row(page_no, [], title=frags[0])
            self.prev_end = text[-1:]
            return
        elif self.rows and self._opens_lost_row(frags, after_title=title is not None or junk):
            self._new_row(page_no, [], title=self._take_title(title))
        elif not self.rows:
            self._start_unnumbered(frags, page_no)
            self.prev_end = text[-1:]
            return
        self._place_in_row(frags, page_no)
        self.prev_end = text[-1:]

    def _drop_guess(self, lab: tuple[str, bool]) -> tuple[str, bool]:
        """A label read where an item was guessed after a group title: the guess goes; the title is
        that of the group the label names ("7.1" read: group 6's title was lost, this one is 7's)."""
        lab = _misread_group(lab, self.labels[-1])
        self.rows.pop()
        self.labels.pop()
        group, m = self.rows[-1], re.fullmatch(r"(\d+)\.\d+", lab[0])
        if m and group.inferred and re.fullmatch(r"\d+", group.label) and int(m.group(1)) > int(group.label):
            self.labels[self.labels.index(group.label)] = group.label = m.group(1)
            group.inferred = False
        return lab

    def _label_junk(self, frags: list[str]) -> bool:
        """A scrap of two or three letters alone on its line after a finished row read side by side
        ("hệ", "Ie"): where the next row's number stands, misread. (It stays in the task cell.)"""
        text = frags[0]
        if len(frags) != 1 or len(text) > 3 or " " in text or any(c.isdigit() for c in text):
            return False
        if _RE_TIME_REST.fullmatch(text) or not self.rows or self.block or "." not in self.rows[-1].label:
            return False
        return self._complete()

    def _empty_guess(self) -> bool:
        """Whether the current row is an item guessed from the sequence that holds nothing yet."""
        return bool(self.rows) and self.rows[-1].inferred and not self.rows[-1].cells and "." in self.rows[-1].label

    def _lost_group_title(self, frags: list[str]) -> bool:
        """A line wider than the task column with no rule in it, after an item read side by side that
        has all its cells: a group row (its title spans the merged cells) whose number the OCR lost
        or garbled (kept in the title: no text is dropped). (After a row read cell after cell the
        title waits as orphan text for what follows.)"""
        text = frags[0]
        head = text.split()[0]
        numbered = len(head) <= 3 and any(c.isdigit() for c in head)  # its number read, garbled ("5" for 9)
        if len(frags) != 1 or not self.width or len(text) < 1.3 * self.width or not (text[:1].isupper() or numbered):
            return False
        if _unit_start(text) or _time_start(text) or _open(text) or text.endswith((".", ";", ",", ":")):
            return False
        row = self.rows[-1]
        closed = not any(_open(row.text(c)) for c in range(2, len(self.kinds)))  # no unit name waits for its rest
        return "." in row.label and not self.block and self._complete() and closed

    def _take_title(self, title: tuple[_Row, int] | None) -> str | None:
        """The line before a row read side by side whose number was lost, when it stood alone after
        a finished task: the title of a group whose number was lost too."""
        if title is None or title[0] is not self.rows[-1]:
            return None
        row, at = title
        text = row.cells[1][at]
        if not _group_title(text, "X"):
            return None
        del row.cells[1][at]
        return text

    def _complete(self) -> bool:
        """Whether the current row has its unit and its whole timeframe: what follows is a new row,
        or the rest of its task text."""
        row = self.rows[-1]
        if "time" not in self.kinds or len(self.kinds) < 4:
            return False
        return _time_complete(row.text(self.kinds.index("time"))) and bool(row.text(2))

    def _opens_lost_row(self, frags: list[str], after_title: bool = False) -> bool:
        """A line read across a whole row (a new sentence, then a unit, then a timeframe) after a
        row that has all its cells: the first line of a row whose number the OCR never read."""
        row = self.rows[-1]
        if len(frags) < 2 or "time" not in self.kinds or not row.text(self.kinds.index("time")) or not row.text(2):
            return False
        head = frags[0]
        if not head[:1].isupper() or _unit_start(head) or is_time(head):
            return False
        units = [i for i, f in enumerate(frags) if i and _unit_start(f)]
        if units and _time_start(frags[-1]) and units[0] < len(frags) - 1:
            return True
        # no timeframe on the line (read below the row): a new sentence after a finished one, then
        # a unit, when the row before has its timeframe whole and its unit cells closed
        time_done = _time_complete(row.text(self.kinds.index("time")))
        cells_closed = not any(_open(row.text(c)) for c in range(2, len(self.kinds)))
        return bool(units) and time_done and cells_closed and (self.prev_end in ".;" or after_title)

    def _new_row(self, page_no: int, task: list[str], block: bool = False, title: str | None = None) -> _Row:
        """A row whose number was never read: the next of the sequence, renumbered at the end from
        the labels read after it; a first task line that is a group's title (or ``title``, a title
        line already told) opens the next group."""
        last = self.rows[-1].label
        n = _title_lines(task)
        heading = [title] if title else task[:n]
        if heading and re.fullmatch(r"\d+(?:\.\d+)?", last):
            group = str(int(last.split(".")[0]) + 1)
            self.rows.append(_Row(group, page_no, repaired=True, inferred=True))
            for t in heading:
                self.rows[-1].add(1, t)
            self.labels.append(group)
            task = task if title else task[n:]
            label = f"{group}.1"
        else:
            label = _next_item(last) if re.fullmatch(r"\d+(?:\.\d+)?", last) else last + "."
            while label in self.labels and re.fullmatch(r"\d+\.\d+", label):
                label = _next_item(label)
            task = [title, *task] if title else task
        self.labels.append(label)
        row = _Row(label, page_no, repaired=True, block=block, inferred=True)
        for t in task:
            row.add(1, t)
        self.rows.append(row)
        self.block, self.pointer, self.fresh = block, 1, None
        return row

    def _header_line(self, text: str) -> bool:
        """Whether ``text`` is (part of) the column header or its repeat on a later page."""
        if is_header_line(text):
            if not self.rows:
                self.header_text.append(text)
            self.in_header = True
            return True
        if (self.in_header and not self.rows and text.isupper() and len(text) < 40
                and match_label(text.split()[0], self.labels) is None):
            self.header_text.append(text)
            return True
        if not self.rows and not self.header_text and len(text) <= 3 and not any(c.isdigit() for c in text):
            self.header_text.append(text)  # the TT title misread alone on its line ("ÍT"), the others below
            self.in_header = True
            return True
        return False

    def _page_number(self, page_no: int, text: str) -> bool:
        """The page number on a new page's first line (NĐ 30 prints it at the top from page 2)."""
        if page_no == self.last_page:
            return False
        self.last_page = page_no
        number = text.strip("()-–. ")
        if number == str(page_no):
            return True
        # printed numbers count the document's pages, not the file's: a decorated small number
        # ("3)", "- 4 -") first on a page is one too
        return number.isdigit() and int(number) <= page_no and text != number and bool(set(text) & set("()-–"))

    def _start_row(self, lab: tuple[str, bool], rest: str, more: list[str], page_no: int) -> list[str] | None:
        """Open the row of a TT label; returns the line's fragments still to place (None: done)."""
        label, repaired = lab
        carried: list[str] = []
        if len(self.rows) == 1 and self.rows[0].inferred and label == self.rows[0].label:
            # the first group's number was read after all, below text the OCR put first
            carried = [self.rows.pop().text(1), *(" ".join(fr) for fr in self.held)]
            self.held = []
        if self.held:
            self._flush_held(label, page_no)
        self._close_group(label, page_no)
        self.labels.append(label)
        self.rows.append(_Row(label, page_no, repaired=repaired))
        for t in carried:
            self.rows[-1].add(1, t)
        frags = ([rest] if rest else []) + more
        self.block = not frags  # the label alone on its line: the row's cells follow one by one
        self.rows[-1].block = self.block
        self.pointer = 1
        self.fresh = None
        if len(frags) == 1 and not _unit_start(frags[0]) and not is_time(frags[0]):
            self.rows[-1].add(1, frags[0])  # a group row, or an item whose other cells are empty
            return None
        return frags

    def _start_unnumbered(self, frags: list[str], page_no: int) -> None:
        """Text after the header before any label was read: the first group, whose number the OCR
        lost; a line that is a title alone is its title, the rest waits for the first label read."""
        self.rows.append(_Row("1", page_no, repaired=True, inferred=True))
        if len(frags) == 1 and not _unit_start(frags[0]) and not is_time(frags[0]):
            self.rows[-1].add(1, frags[0])
        else:
            self.held.append(frags)

    def _flush_held(self, label: str, page_no: int) -> None:
        """Text held after a group's title goes to the group, or to its first item when ``label``
        shows that item lost its number ("1.2" right after group "1", with text between; "2.1" or
        "2" after group "1" and a unit and a timeframe read: a whole row)."""
        group = self.rows[-1].label
        lost = _lost_first_item(label, group, self.labels)
        roman = any(re.fullmatch(r"[IVXL]+", x) for x in self.labels)  # items "1", "2" under groups "I", "II"
        if lost is None and not roman and _later_group(label, group) and _holds_row(self.held) and f"{group}.1" not in self.labels:
            if "." in label and len(self.held) >= 2 and len(self.held[-1]) == 1 and not _holds_row(self.held[-1:]):
                self.orphans.append(self.held.pop()[0])  # the next group's title, its number lost too
            lost = f"{group}.1"
        target = self.rows[-1]
        if lost:
            target = _Row(lost, page_no, repaired=True)
            self.rows.append(target)
            self.labels.append(lost)
        for fr in self.held:
            for col, frag in assign(fr, self.kinds, target, 1, names=self.names):
                target.add(col, frag)
        self.held = []

    def _close_group(self, label: str, page_no: int) -> None:
        """Before an item label: rebuild its group when the group's number was lost ("2.1" with no
        group "2" read: its title was read, as orphan text), else orphan text ends the last row."""
        if "." in label and not any(r.label == label.rsplit(".", 1)[0] for r in self.rows):
            heading = self._take_title(self.last_title) if self.rows else None  # the line before, alone
            self.rows.append(_Row(label.rsplit(".", 1)[0], page_no, repaired=True))
            if heading:
                self.rows[-1].add(1, heading)
            self._drop_orphans()
        elif self.orphans and self.rows:
            self._drop_orphans()

    def _drop_orphans(self) -> None:
        for t in self.orphans:
            self.rows[-1].add(1, t)
        self.orphans = []

    def _place_in_row(self, frags: list[str], page_no: int) -> None:
        """Place a line's fragments in the current row's cells (or hold them for the next row)."""
        row, kinds = self.rows[-1], self.kinds
        if self.block and not row.cells and any(_unit_start(f) or _time_start(f) for f in frags[1:]):
            self.block = row.block = False  # the label alone, then the row read side by side
        time_text = row.text(kinds.index("time")) if "time" in kinds else ""
        if time_text and not _time_complete(time_text):
            frags = _split_time_rest(frags)
        if self.block and time_text and _time_complete(time_text) and not is_time(frags[0]):
            unit = next((i for i, f in enumerate(frags) if _unit_start(f)), None)
            if unit is not None and (self.orphans or unit > 0) and re.fullmatch(r"\d+(?:\.\d+)?", row.label):
                self.orphans.extend(frags[:unit])  # the task's first line, read beside the unit
                self._row_without_number(frags[unit:], page_no)
                return
            self.orphans.append(" ".join(frags))  # after the last cell: the next group's title?
            return
        if not self.block and "." not in row.label:
            self.held.append(frags)  # after a group's title: the group's, or a first item's whose number was lost
            return
        if not self.block and self._split_at_fresh(frags, page_no):
            return
        if not self.block and self.width:
            frags = _split_at_width(frags, self.width)
        if not self.block:
            frags = _split_open_tail(frags, row, kinds, self.names)
            frags = _split_name_rests(frags, row, kinds, self.names)
            self.ruled = frozenset(f for f in frags if any(r.startswith(f) for r in self.ruled))  # a cut keeps its rule
        placed = assign(frags, kinds, row, self.pointer if self.block else 1, stay=self.pointer if self.block else 0,
                        names=self.names, ruled=self.ruled)
        for col, frag in placed:
            row.add(col, frag)
        if not self.block and placed == [(1, frags[0])] and frags[0][:1].isupper() and (
                self.prev_end in ".;" or self.prev_junk):
            self.title = (row, len(row.cells[1]) - 1)
        if self.block and placed:
            self.pointer = placed[-1][0]

    def _split_at_fresh(self, frags: list[str], page_no: int) -> bool:
        """Rows read side by side, then (after a page break) cell after cell: a unit alone on its line
        after the row had all its cells, with a new sentence read since, opens a row whose number
        was lost; the text from that sentence on is its task."""
        row = self.rows[-1]
        complete = self._complete()
        if complete and self.fresh is None and self.prev_end in ".;" and frags[0][:1].isupper() \
                and not _unit_start(frags[0]) and not is_time(frags[0]):
            self.fresh = len(row.cells.get(1, []))
        if not (complete and self.fresh is not None and len(frags) == 1 and _unit_start(frags[0])):
            return False
        task = row.cells.get(1, [])[self.fresh :]
        if not task:
            return False
        del row.cells[1][self.fresh :]
        new = self._new_row(page_no, task, block=True)
        placed = assign(frags, self.kinds, new, 2, stay=2, names=self.names)
        for col, frag in placed:
            new.add(col, frag)
        self.pointer = placed[-1][0] if placed else 2
        return True

    def _row_without_number(self, frags: list[str], page_no: int) -> None:
        """Task text, then a unit, after a finished row: a row whose number the OCR never read; it
        takes the next number of the sequence (marked repaired)."""
        task, self.orphans = self.orphans, []
        new = self._new_row(page_no, task, block=True)
        placed = assign(frags, self.kinds, new, 2, stay=2, names=self.names)
        for col, frag in placed:
            new.add(col, frag)
        self.pointer = placed[-1][0] if placed else 2

    def finish(self) -> None:
        """Text still waiting at the end of the stream joins the last row."""
        for t in self.orphans:
            if self.rows:
                self.rows[-1].add(1, t)
        for fr in self.held:
            for col, frag in assign(fr, self.kinds, self.rows[-1], 1, names=self.names):
                self.rows[-1].add(col, frag)


def _fix_stray_groups(rows: list[_Row]) -> None:
    """A group number read right before items of an earlier group ("3" then "2.2", "12" then 11.3)
    was misread: it is that earlier group's own number when that group has no row, the item
    between its neighbours when they leave a gap for one ("11.1", "12", "11.3"), else stray
    (a mark or a title's garble read as a number): its text joins the row before it."""
    i = 1
    while i < len(rows) - 1:
        g, nxt = rows[i].label, re.fullmatch(r"(\d+)\.(\d+)", rows[i + 1].label)
        if not re.fullmatch(r"\d+", g) or nxt is None or int(nxt.group(1)) >= int(g):
            i += 1
            continue
        head, k = nxt.group(1), int(nxt.group(2))
        before = rows[i - 1].label
        if before == head and any(v for c, v in rows[i - 1].cells.items() if c > 1):
            before = f"{head}.1"  # the group row holds its first item, whose number was lost (split later)
        if not any(r.label == head for r in rows[:i]) and rows[i - 1].label != head:
            rows[i].label = head
        elif before == f"{head}.{k - 2}" or (k == 2 and rows[i - 1].label == head and rows[i - 1].cells):
            rows[i].label = f"{head}.{k - 1}"
        else:
            prev = rows[i - 1]
            for col, texts in rows.pop(i).cells.items():
                prev.cells.setdefault(col, []).extend(texts)
            continue
        i += 1


def _fix_backward_items(rows: list[_Row]) -> None:
    """An item whose group goes back ("2.2" after 4.1, then 5.3 read) had its group misread: it
    takes the group of the next label read when that one is the item after it ("5.2")."""
    top = 0
    for i, row in enumerate(rows):
        m = re.fullmatch(r"(\d+)(?:\.(\d+))?", row.label)
        if m is None:
            continue
        g = int(m.group(1))
        if m.group(2) and g < top and not row.inferred:
            k = int(m.group(2))
            nxt = next((r for r in rows[i + 1 :] if not r.inferred and "." in r.label), None)
            n = re.fullmatch(r"(\d+)\.(\d+)", nxt.label) if nxt else None
            if n and int(n.group(1)) >= top and int(n.group(2)) == k + 1:
                before = rows[i - 1] if i else None
                if before is not None and before.label == m.group(1) and before.repaired and not before.cells:
                    before.label = n.group(1)  # the empty group row made for the misread number
                row.label, row.repaired, g = f"{n.group(1)}.{k}", True, int(n.group(1))
            elif k == 1 and (gap := _group_gap(rows[i + 1 :], top)):
                row.label, row.repaired, g = f"{gap}.1", True, gap
        top = max(top, g)


def _group_gap(after: list[_Row], top: int) -> int:
    """The group between ``top`` and the next group number read when exactly one is missing
    ("4.1", "3.1", "6": the first item read backward is 5.1, the number of group 5 lost); 0 if none."""
    nxt = next((r for r in after if not r.inferred and re.fullmatch(r"\d+(?:\.\d+)?", r.label)), None)
    if nxt is None or not re.fullmatch(r"\d+", nxt.label) or int(nxt.label) != top + 2:
        return 0
    return top + 1


def _add_lost_groups(rows: list[_Row]) -> None:
    """A group whose number and title were both lost still heads its items: an empty group row
    (those made on the way, for numbers later refitted, give way to these)."""
    rows[:] = [r for r in rows if r.cells or not r.repaired or not re.fullmatch(r"\d+", r.label)]
    seen: set[str] = set()
    i = 0
    while i < len(rows):
        m = re.fullmatch(r"(\d+)\.\d+", rows[i].label)
        if m and m.group(1) not in seen:
            rows.insert(i, _Row(m.group(1), rows[i].page_no, repaired=True, inferred=True))
            i += 1
        seen.add(m.group(1) if m else rows[i].label)
        i += 1


def _split_lost_first_items(rows: list[_Row]) -> None:
    """A group number read, then its title, then a whole row whose number was lost: in a table of
    dotted items the group row holds a unit or a timeframe, which no group row has. Its title
    lines stay the group's; the rest is item N.1 (when no N.1 was read)."""
    if not any(re.fullmatch(r"\d+\.\d+", r.label) for r in rows):
        return
    i = 0
    while i < len(rows):
        r = rows[i]
        task = r.cells.get(1, [])
        n = _title_lines(task)
        if (re.fullmatch(r"\d+", r.label) and n and any(r.cells.get(c) for c in r.cells if c > 1)
                and not any(x.label == f"{r.label}.1" for x in rows)):
            item = _Row(f"{r.label}.1", r.page_no, repaired=True, block=r.block)
            item.cells = {c: (v[n:] if c == 1 else v) for c, v in r.cells.items()}
            r.cells = {1: task[:n]}
            rows.insert(i + 1, item)
        i += 1


def _fill_lost_group(rows: list[_Row], b: int) -> None:
    """Group "7" read with no row of group 6 before it: the rows just before whose numbers were
    lost (and guessed as more items of group 5) are group 6's."""
    lost = str(int(rows[b].label) - 1)
    if lost == "0" or any(r.label == lost or r.label.startswith(lost + ".") for r in rows[:b]):
        return
    run = []
    i = b - 1
    while i >= 0 and rows[i].inferred and "." in rows[i].label:
        run.append(i)
        i -= 1
    for n, j in enumerate(reversed(run), start=1):
        rows[j].label = f"{lost}.{n}"


def _renumber(rows: list[_Row]) -> None:
    """Rows whose numbers were never read take them from the next label read: the items just
    before a read "2.3" are 2.2 and 2.1 (a global fit of the sequence, not the guess made at the
    time, which followed the last label read before them)."""
    for b, anchor in enumerate(rows):
        if not anchor.inferred and re.fullmatch(r"\d+", anchor.label):
            _fill_lost_group(rows, b)
        m = re.fullmatch(r"(\d+)\.(\d+)", anchor.label)
        if anchor.inferred or m is None:
            continue
        group, k = m.group(1), int(m.group(2))
        i, synthetic = b - 1, None
        if i >= 0 and rows[i].label == group and rows[i].repaired and not rows[i].cells:
            synthetic, i = i, i - 1  # the group row made when "2.3" came with no "2" read
        run: list[int] = []
        while i >= 0 and rows[i].inferred and "." in rows[i].label and len(run) < k - 1:
            run.append(i)
            i -= 1
        if not run:
            continue
        for n, j in enumerate(run, start=1):
            rows[j].label = f"{group}.{k - n}"
        if synthetic is not None:
            rows.insert(run[-1], rows.pop(synthetic))


def _table_rows(rows: list[_Row], kinds: list[str], header_text: list[str]) -> TableRows:
    """The rows as a TableRows: a row whose number heads the next row's is a group row."""
    out: list[TableRow] = []
    dotted = any("." in r.label for r in rows)  # items 1.1, 1.2: a bare number with a title alone is a group
    times = [c for c, k in enumerate(kinds) if k == "time"]
    roman = roman_quarters([r.text(c) for r in rows for c in times])
    for i, r in enumerate(rows):
        nxt = rows[i + 1].label if i + 1 < len(rows) else ""
        group = nxt.startswith(f"{r.label}.") or bool(re.fullmatch(r"[IVXL]+|[A-Z]", r.label)) or (
            dotted and bool(re.fullmatch(r"\d+", r.label)) and not any(r.text(c) for c in range(2, len(kinds))))
        cells = [r.label] + [canonical_time(r.text(c), roman) if c in times else r.text(c) for c in range(1, len(kinds))]
        if group:
            cells = [r.label, " ".join(c for c in cells[1:] if c)]
        out.append(TableRow("group" if group else "item", tuple(cells), r.page_no))
    names = _column_names(header_text, kinds)
    return TableRows(
        columns=tuple(names),
        rows=tuple(out),
        page_nos=tuple(sorted({r.page_no for r in out})),
        recovered_from_text=True,
        confidence=0.7,
        method="text",
    )


def _read(lines: list[tuple[int, str]], width: int, names: frozenset[str]) -> _Reader:
    reader = _Reader()
    reader.width, reader.names = width, names
    for page_no, raw in lines:
        reader.read(page_no, raw)
    reader.finish()
    return reader


def _cell_name_prefixes(reader: _Reader, least: int = 2) -> frozenset[str]:
    """Unit names as the rows' lead and coordinating cells hold them once read, whole names at
    least ``least`` times: their proper beginnings and the whole name (as ``_unit_name_prefixes``)."""
    seen: dict[str, int] = {}
    cols = [c for c, k in enumerate(reader.kinds) if k in ("lead", "coord")]
    for row in reader.rows:
        for c in cols:
            for piece in _name_pieces(row.text(c)):
                piece = piece.strip(" ,.;")
                if _unit_start(piece) and not _open(piece) and len(piece.split()) >= 2:
                    seen[_name_key(piece)] = seen.get(_name_key(piece), 0) + 1
    out: set[str] = set()
    for key, n in seen.items():
        if n >= least:
            words = key.split()
            out.update(" ".join(words[:i]) for i in range(1, len(words)))
            out.add(key + " $")
    return frozenset(out)


def _whole_names(names: frozenset[str]) -> frozenset[str]:
    """A name seen whole that begins a longer name of the table ("Đài Phát thanh", cut at a line
    end, of "Đài Phát thanh và Truyền hình tỉnh") is not whole: only its beginning is kept."""
    return frozenset(n for n in names if not (n.endswith(" $") and n[:-2] in names))


def rows_from_text_lines(lines: list[tuple[int, str]]) -> TableRows | None:
    """The appendix table of a legacy-OCR line stream, or None when no numbered rows are found."""
    width, names = _task_width(lines), _whole_names(_unit_name_prefixes(lines))
    reader = _read(lines, width, names)
    # a second reading knows the names the first one put together from wrapped lines (the table
    # names the same units again and again: a register of its own names)
    for _ in range(3):
        more = _cell_name_prefixes(reader)
        if not more - names:
            break
        names = _whole_names(names | more)
        reader = _read(lines, width, names)
    if len(reader.rows) < 2:
        return None
    _fix_backward_items(reader.rows)
    _renumber(reader.rows)
    _fix_stray_groups(reader.rows)
    _renumber(reader.rows)
    _add_lost_groups(reader.rows)
    _split_lost_first_items(reader.rows)
    return _table_rows(reader.rows, reader.kinds, reader.header_text)


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
