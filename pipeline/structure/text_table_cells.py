"""Cells of a text table read by legacy OCR (issue 13): what each column holds (unit names,
products, timeframes), the table's own register of unit names, how a line is cut into fragments
(at the rules read, at unit names, products and timeframes read with no rule between) and the
placement of a line's fragments in the row's columns (``assign``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.vn.orthography import nfc, strip_marks
from pipeline.vn.timeframes import HANG, NAM, QUY, THANG, is_time
from pipeline.vn.units import STANDARD_UNITS

CELL = "\t"


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


def _product_start(text: str, before: str = "", names: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` opens with a product ("Báo cáo đánh giá"), not the rest of a unit's name
    ("Sở" / "Kế hoạch và Đầu tư": after a unit head or "và" it is the name's; with the table's
    register of names, only when the name goes on so: "Văn phòng" / "Kế hoạch" is a product)."""
    last = before.split()[-1] if before.split() else ""
    if not _RE_PRODUCT.match(text):
        return False
    if names and before and last in _CONNECTORS | {"Phòng", "phòng"}:
        return _name_key(f"{_last_name(before)} {text.split()[0]}") not in names
    return last in ("các", "của", "với", "thị", "thành") or (last not in _CONNECTORS and last not in ("Phòng", "phòng"))


_HEADS_NEEDING_MORE = {"Văn phòng", "Ủy ban", "Uỷ ban", "Các", "Bộ Chỉ huy", "Hội đồng", "Đài", "Trung tâm", "Ban"}


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


def _holds_row(held: list[list[str]]) -> bool:
    """Whether held lines hold a whole row: a unit and a timeframe."""
    frags = [f for fr in held for f in fr]
    return any(_unit_start(f) for f in frags) and any(_time_start(f) for f in frags)


def _name_key(text: str) -> str:
    """A name by its letters: no marks, no case, no punctuation (a stray "}" or "." read inside)."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", strip_marks(text).lower()).split())


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


def _standard_names() -> frozenset[str]:
    out: set[str] = set()
    for name in STANDARD_UNITS:
        words = _name_key(name).split()
        out.update(" ".join(words[:i]) for i in range(1, len(words)))
        out.add(" ".join(words) + " $")
    return frozenset(out)


def unit_spellings(cells: list[str]) -> dict[str, str]:
    """How the table spells each unit name: the standard units as written officially, the
    table's other names as most of its cells write them (a name read whole at least twice)."""
    votes: dict[str, dict[str, int]] = {}
    for cell in cells:
        for piece in _name_pieces(cell):
            piece = piece.strip(" ,.;")
            if _unit_start(piece) and not _open(piece) and len(piece.split()) >= 2:
                forms = votes.setdefault(_name_key(piece), {})
                forms[piece] = forms.get(piece, 0) + 1
    out = {key: max(forms, key=forms.__getitem__) for key, forms in votes.items() if sum(forms.values()) >= 2}
    out.update({_name_key(name): name for name in STANDARD_UNITS})
    return out


def respell_units(cell: str, spellings: dict[str, str]) -> str:
    """A unit cell with each name it lists written as the table writes it: restoration gave a
    name's letters wrong marks ("Số Tư pháp", "Đại Phát thanh", "Truyền thống") that the same
    letters elsewhere in the table, or the official name, have right."""
    out = []
    for piece in _name_pieces(cell):
        core = piece.strip(" ,.;")
        form = spellings.get(_name_key(core)) if core else None
        out.append(piece.replace(core, form, 1) if form and len(form.split()) == len(core.split()) else piece)
    return ", ".join(out)


def _name_rest(last: str, tail: str, names: frozenset[str]) -> bool:
    """Whether ``tail`` goes on with the name ``last`` left open, as the table writes its names
    (up to the tail's first comma: a list of units may follow)."""
    head = tail.split(",", 1)[0]
    key = _name_key(f"{last} {head}")
    return key in names or f"{key} $" in names


def _split_open_tail(frags: list[str], row: _Row, kinds: list[str], names: frozenset[str],
                     ruled: frozenset[str] = frozenset()) -> list[str]:
    """A unit cell left open on the line before ("Sở Tài chính, Sở") goes on on this line: when
    the line's first fragment (the task's slice) ends with words that continue that name ("...
    người đứng đầu. Giáo dục và Đào tạo"), those words are cut off as the cell's slice. With a rule
    read after that fragment, only the lead's name can end it (the next cell comes after the rule)."""
    if not names or len(frags[0].split()) < 2:
        return frags
    for kind in ("coord", "lead") if len(frags) == 1 or frags[1] not in ruled else ("lead",):
        if kind not in kinds:
            continue
        text = row.text(kinds.index(kind))
        last = _last_name(text)
        if not last or _open(text) and text.rstrip().endswith(",") or f"{_name_key(last)} $" in names:
            continue
        if _name_key(last) not in names:
            continue
        if _name_rest(last, frags[0], names):
            continue  # the whole fragment goes on with the name ("tỉnh, Công an tỉnh"): no task slice
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


def _split_time_rest(frags: list[str], open_time: str = "") -> list[str]:
    """A timeframe wrapped over lines ("Thường" / "xuyên", "Quý" / "IV/2021"): its second half ends
    the line, glued to the cell before it when no rule was read between them; with ``open_time``
    (the cell's first half, read as one), only a second half that completes it ("Tháng" / "năm"
    does not)."""
    words = frags[-1].split()
    if open_time and _time_start(open_time) and len(words) > 1 and not _time_complete(f"{open_time} {words[-1]}"):
        return frags
    if len(words) > 1 and _RE_TIME_REST.fullmatch(words[-1].strip(" .;,")) and not _RE_TIME_REST.fullmatch(words[-2]):
        return [*frags[:-1], " ".join(words[:-1]), words[-1]]
    return frags


def _time_start(text: str) -> bool:
    """A timeframe, or the first word of one wrapped over lines ("Thường", "Quý", "2025 -")."""
    return is_time(text) or bool(re.fullmatch(rf"(?:{HANG}|Thường|{THANG}|{NAM}|{QUY}|Từ|Trước)\b.*", text.strip()))


def _scrap(line: str) -> bool:
    """A scrap of one to three letters alone on its line ("i", "ở", "oH"): a row number misread."""
    return len(line) <= 3 and " " not in line and not line.isdigit() and not line.endswith((".", ";", ",", ":"))


def _title_lines(task: list[str]) -> int:
    """How many of a row's first task lines are a group's title read before it (one, or up to
    three when the title wrapped, its year wrapped alone: "... năm" / "2021"): 0 when the text
    reads as one task. A scrap where the group's or the item's number stands (a number misread)
    before or after the title goes with it."""
    start = 1 if len(task) > 2 and _scrap(task[0]) else 0
    for n in (1, 2, 3):
        nxt = start + n
        if len(task) <= nxt:
            break
        used = nxt + 1 if _scrap(task[nxt]) and len(task) > nxt + 1 else nxt
        lines = task[start:nxt]
        if _group_title(" ".join(lines), task[used]) and not any(t[:1].isupper() for t in lines[1:]) \
                and not any(t.rstrip().endswith((".", ";", ":")) for t in lines[:-1]):
            return used
    return 0


def _group_title(line: str, following: str) -> bool:
    """A line read before a task's first line that is a group's title: no sentence or list goes on
    from it (no final punctuation, no open connector), and the next line opens a new sentence."""
    line = line.rstrip()
    return len(line.split()) >= 3 and not line.endswith((".", ",", ";", ":", "-")) and not _open(line) \
        and following[:1].isupper() and not _unit_start(following)


def _ends_cell(before: str, rest: str, products: bool = False) -> bool:
    """Whether an open range ("2021 -") at the end of ``before`` starts the timeframe cell: only
    after a unit's name; after a sentence it is the sentence's own range, wrapped ("... 2021 -" /
    "2026; ..."). Any other timeframe ("Năm 2024", "Quý", "2024 - 2025") starts the cell after anything."""
    words = before.split()
    if words and words[-1] in _DATE_GOVERNORS and re.match(r"\d{4}\b", rest.strip()):
        return False  # "trong giai đoạn 2025 - 2026", "đến năm 2030": the sentence's own date
    return not re.fullmatch(r"\d{4}\s*[-–]", rest.strip()) or bool(_unit_start(before)) or (
        products and bool(_RE_PRODUCT.match(before)))  # or a product's ("Văn bản" / "2023 -")


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
        if products and _product_start(rest, " ".join(words[cuts[-1] : i]), names) and _unit_start(" ".join(words[cuts[-1] : i])):
            cuts.append(i)  # "Sở Tài chính Báo cáo đánh giá": the unit, then the product cell
            continue
        if is_time(rest) and not rest[:1].islower() and not rest.endswith((";", ",", ".")) \
                and not is_time(" ".join(words[cuts[-1] : i])) and _ends_cell(" ".join(words[cuts[-1] : i]), rest, products):
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


# A quarter or month the OCR garbled between its word and its year ("Quý: Ii/2021", "Quý I'V/2024"):
# whole all the same (its year read is the cell's end).
_RE_GARBLED_PERIOD = re.compile(rf"\W*(?:{QUY}|{THANG})\W{{0,2}}\s*[\w']{{1,4}}\s*/\s*\d{{4}}")


def _time_complete(text: str) -> bool:
    t = text.strip(" .;,")
    if _RE_GARBLED_PERIOD.fullmatch(t):
        return True
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
    # "Văn phòng" names no unit yet: "UBND tỉnh" is its rest; a name the table writes longer ("Các
    # sở") is open to its rest, or to a capitalised word (its rest, misread), not to other prose
    opened = _open(prev) or (kind in ("lead", "coord") and (last in _HEADS_NEEDING_MORE or (
        not unit and _name_key(last) in names and (frag[:1].isupper() or _name_rest(last, frag, names)))))
    if opened and unit and kind in ("lead", "coord") and _name_key(last) in names and not _name_rest(last, frag, names):
        opened = False  # "Sở Giáo dục và" / "Đài Phát thanh": a known name left open takes its rest, not another name
    time = is_time(frag) or (frag.endswith(":") and is_time(frag[:-1].rstrip())) or bool(  # "Quý:" / "II/2021"
        _RE_GARBLED_PERIOD.fullmatch(frag.strip(" .;,")))  # "Quý I'V/2024"
    lower = frag[:1].islower()
    if kind == "time":
        return _fit_time(frag, row, prev, time, cont)
    if kind in ("lead", "coord"):
        # an open name ("... và", "Sở", "...,") takes what follows, capitalised or not ("Thông tin")
        s = 2.0 if unit else (1.5 if opened else 1.0 if cont and (lower or prev.endswith((",", "và"))) else -1.0)
        if opened and not unit and names and _name_rest(last, frag, names):
            s += 1.0  # it goes on with the name the cell left open, as the table writes it ("Sở Tài" / "chính,")
        if kind == "lead" and not unit and prev and not opened:
            s -= 2.0 if _name_key(prev) + " $" in names else 1.0  # the lead cell names one unit: once whole, the next line's text continues another
        elif kind == "coord" and not unit and lower and not opened and f"{_name_key(last)} $" in names \
                and not prev.rstrip().endswith((",", ";")):
            s -= 1.0  # after a whole name with no comma, lower-case text lists no further unit
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


def _fit_time(frag: str, row: _Row, prev: str, time: bool, cont: bool) -> float:
    """How well a fragment suits the timeframe cell (``prev``: what it holds so far)."""
    if frag.rstrip().endswith((";", ",")):
        return -3.0  # a clause of a sentence ("2021 - 2026;"), not a timeframe
    task = row.text(1).rstrip()
    if not prev and row.block and re.match(r"\d{4}\b", frag) and (
            re.search(r"\d{4}\s*[-–]$", task) or (task.split() or [""])[-1] in _DATE_GOVERNORS):
        # cells one per line: the end of the task's own range or date ("trong giai đoạn 2024 -" /
        # "2027.", "... kinh tế số năm" / "2019.")
        return -3.0
    if prev and not _time_complete(prev) and _RE_TIME_REST.fullmatch(frag.strip(" .;,")):
        return 3.0  # "Thường" / "xuyên", "Quý" / "II/2025", "2025 -" / "2026"
    if prev and _time_complete(prev):
        return -3.0  # a timeframe is short: once whole, nothing more joins it
    return 3.0 if time else (1.0 if cont and len(frag.split()) <= 3 else -3.0)


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


def _whole_names(names: frozenset[str]) -> frozenset[str]:
    """A name seen whole that begins a longer name of the table ("Đài Phát thanh", cut at a line
    end, of "Đài Phát thanh và Truyền hình tỉnh") is not whole: only its beginning is kept."""
    return frozenset(n for n in names if not (n.endswith(" $") and n[:-2] in names))
