"""Cells of a text table read by legacy OCR (issue 13): what each column holds (unit names,
products, timeframes), the beginnings of the unit names the table repeats, how a line is cut into
fragments (at the rules read, at unit names, products and timeframes read with no rule between)
and the row a line's fragments are placed in.  A unit name itself (its head, pieces, letters
and spellings) is in ``text_table_units``, the placement of fragments in ``text_table_placement``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.structure.patterns import edit_distance
from pipeline.structure.text_table_units import (
    _CONNECTORS,
    _last_name,
    _name_key,
    _name_pieces,
    _open,
    _so_misread,
    _unit_start,
)
from pipeline.vn.orthography import nfc, strip_marks
from pipeline.vn.timeframes import HANG, NAM, QUY, THANG, is_time

CELL = "\t"


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


def _split_open_names(frags: list[str], row: _Row, kinds: list[str], names: frozenset[str]) -> list[str]:
    """A fragment after the task's that goes on with a name a unit cell left open, then holds the
    next cell's text with no rule between ("Phát thanh và hướng dẫn" under "Sở Tư pháp, Đài" and
    "Văn bản"): cut where the name, as the table writes it, can go on no further."""
    opened = [_last_name(row.text(kinds.index(k))) for k in ("lead", "coord") if k in kinds]
    opened = [n for n in opened if n and _name_key(n) in names and f"{_name_key(n)} $" not in names]
    if not opened:
        return frags
    out = list(frags[:1])
    for frag in frags[1:]:
        words = frag.split()
        for last in [] if _unit_start(frag) else opened:  # a fragment that opens a name is no rest of one
            ext = [i for i in range(1, len(words) + 1) if _name_key(f"{last} {' '.join(words[:i])}") in names
                   or f"{_name_key(f'{last} ' + ' '.join(words[:i]))} $" in names]
            i = max(ext, default=0)
            if 0 < i < len(words) and not words[i - 1].endswith(",") and not _unit_start(" ".join(words[i:])):
                out += [" ".join(words[:i]), " ".join(words[i:])]
                break
        else:
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


def _title_lines(task: list[str], joins: frozenset[str] = frozenset()) -> int:
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
        if _group_title(" ".join(lines), task[used], joins) and not any(t[:1].isupper() for t in lines[1:]) \
                and not any(_stops(t, nxt) for t, nxt in zip(lines, lines[1:], strict=False)):
            return used
    return start + cut if (cut := _cut_title(task[start:], joins)) else 0


def _stops(line: str, nxt: str) -> bool:
    """Whether a title's line ends a sentence or opens a list: a final stop, or a colon unless a
    short wrapped end in lower case follows (a speck read as ":" in a word the wrap cut, "thờ:" /
    "ông tin mạng"). A full stop before a line in lower case ends no sentence (the next would
    open with a capital): a comma misread ("tiết kiệm." / "chống lãng phí")."""
    line = line.rstrip()
    if line.endswith(";") or (line.endswith(".") and not nxt[:1].islower()):
        return True
    return line.endswith(":") and not (nxt[:1].islower() and len(nxt.split()) <= 3)


def _cut_title(task: list[str], joins: frozenset[str] = frozenset()) -> int:
    """How many first task lines are a merged group title whose line psm 3 cut at the column rules
    under it: the task column's piece first, then, each alone on its line, the title's wrapped end
    and the pieces over the other columns ("... liên quan" / "nước" / "đến ... trong" / "cơ quan
    nhà"), all short and in lower case (a scrap where the number stood among them); 0 if none."""
    first = task[0].rstrip() if task else ""
    for n in range(4, min(len(task), 7)):
        pieces = [t.strip() for t in task[1:n] if not _scrap(t)]
        if len(pieces) < 3 or len(pieces) < n - 2 or _scrap(task[n - 1]):
            continue
        if all(t[:1].islower() and len(t) <= 0.6 * len(first) and not t.endswith((".", ";", ":", ","))
               for t in pieces) and _group_title(" ".join([first, *pieces]), task[n], joins):
            return n
    return 0


def _group_title(line: str, following: str, joins: frozenset[str] = frozenset()) -> bool:
    """A line read before a task's first line that is a group's title: no sentence or list goes on
    from it (no final punctuation, no open connector), and the next line opens a new sentence
    (``joins``: word pairs the table writes again and again inside its lines; a line break inside
    one is a wrap, the next word's capital a misread case: "phát triển" / "Kinh tế")."""
    line, following = line.rstrip(), following.lstrip("‘’'`\"“ ")  # a speck of the rule read as a quote
    if joins and line.split() and following.split() and _join(line.split()[-1], following.split()[0].rstrip(".,;:")) in joins:
        return False  # ("địa" / "Phương. Rà soát": the phrase's end with its mark, capitalised by a misread)
    # one capital alone, lower case after it ("A chất lượng"): a word in lower case the English
    # model misread (heavy marks: "độ"), inside the sentence; no new one opens there
    nxt = following.split()
    misread = len(nxt) >= 2 and len(nxt[0]) == 1 and nxt[0].isupper() and nxt[1][:1].islower()
    # a title names its matter in one phrase; a task lists its actions between semicolons
    return len(line.split()) >= 3 and not line.endswith((".", ",", ";", ":", "-")) and ";" not in line and not _open(line) \
        and following[:1].isupper() and not _unit_start(following) and not misread


def _join(a: str, b: str) -> str:
    return f"{a.lower()} {b.lower()}"


def _phrase_joins(lines: list[tuple[int, str]], least: int = 3) -> frozenset[str]:
    """Word pairs a table writes at least ``least`` times inside a line with no mark between (its
    repeated phrases): where a line ends between them, the next line goes on with the phrase."""
    seen: dict[str, int] = {}
    for _, raw in lines:
        for part in nfc(raw).split(CELL):
            words = part.split()
            for a, b in zip(words, words[1:], strict=False):
                b = b.rstrip(".,;:")  # a phrase ends a clause inside the line ("địa phương,") too
                if a.isalpha() and b.isalpha():
                    seen[_join(a, b)] = seen.get(_join(a, b), 0) + 1
    return frozenset(k for k, n in seen.items() if n >= least)


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


def _other_name(head: str, rest: str, names: frozenset[str]) -> bool:
    """Whether ``rest`` opens another of the table's names rather than the rest of ``head`` ("Văn
    phòng" / "UBND các": the table writes "Văn phòng UBND tỉnh" and "UBND các huyện, ..." but no
    name "Văn phòng UBND các"): two cells read with no rule between."""
    two = " ".join(rest.split()[:2])
    return bool(names) and len(two.split()) == 2 and _name_key(f"{head} {two}") not in names \
        and f"{_name_key(f'{head} {two}')} $" not in names and _name_key(two) in names


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
            if any(head == h or head.endswith(" " + h) for h in _HEADS_NEEDING_MORE) and not _other_name(head, rest, names):
                continue
            cuts.append(i)
    return [" ".join(words[a:b]) for a, b in zip(cuts, [*cuts[1:], len(words)], strict=True) if a < b]


# A speck read after a timeframe's word, inside the cell ("Thường. xuyên", "Hằng, năm").
_RE_TIME_SPECK = re.compile(r"(?<=[^\W\d_])[.,:;'’]+(?=\s)")


_RE_TIME_REST = re.compile(r"(?:[IVX1lT]{1,4}\s*/\s*\d{4}|\d{1,2}\s*/\s*\d{4}|xuyên|năm|quý|tháng|tuần|\d{4}(?:\s*[-–]\s*\d{4})?)")


# A quarter or month the OCR garbled between its word and its year ("Quý: Ii/2021", "Quý I'V/2024",
# "Quy IV¥/2020", "Quý 172020": the slash read as 7): whole all the same (its year read is the cell's end).
# At 150 dpi the year's last digit, against the cell's rule, is lost with it ("Quy 111/202"): still the end.
_RE_GARBLED_PERIOD = re.compile(
    rf"\W*(?:{QUY}|{THANG})\W{{0,2}}\s*(?:[^\s/]{{1,4}}\s*/\s*(?:19|20)\d{{1,2}}|[^\s/]{{1,3}}?(?:19|20)\d{{2}})")


# Timeframes of words alone (no number to anchor them): a cell of two words whose letters are
# within two edits of one, each word opening with the same letter, is that timeframe garbled by the
# OCR and its restoration ("Hùng nạn" for Hằng năm).
_WORD_TIMES = ("Hằng năm", "Hằng quý", "Hằng tháng", "Thường xuyên", "Định kỳ")


def _word_time(frag: str) -> str | None:
    words = frag.strip(" .,;:").split()
    if len(words) != 2 or not all(w.isalpha() for w in words) or is_time(" ".join(words)):
        return None
    seen = [strip_marks(w).lower() for w in words]
    for want in _WORD_TIMES:
        key = [strip_marks(w).lower() for w in want.split()]
        if all(a[:1] == b[:1] for a, b in zip(seen, key, strict=True)) \
                and edit_distance(" ".join(seen), " ".join(key)) <= min(2, len(want) // 4):
            return want
    return None


def _time_dash(frag: str) -> str:
    """A timeframe whose space before the year was read as a dash ("Nam-2019", a speck of the rule
    or the scan): the timeframe, when it reads as one with a space there."""
    fixed = re.sub(r"^([^\W\d_]+)\s*[-–—~]\s*((?:19|20)\d{2})$", r"\1 \2", frag.strip())
    # a range's dash with a speck beside it ("2025 -:2027", "2025 .- 2027"): the dash alone
    fixed = re.sub(r"^((?:19|20)\d{2})\s*[.,:;'`]?[-–—~][.,:;'`]?\s*((?:19|20)\d{2})$", r"\1 - \2", fixed)
    fixed = _word_time(fixed) or fixed
    return fixed if fixed != frag.strip() and is_time(fixed) else frag


def _time_complete(text: str) -> bool:
    t = _RE_TIME_SPECK.sub("", text.strip(" .;,"))  # "Thường. xuyên": a speck inside it
    if _RE_GARBLED_PERIOD.fullmatch(t):
        return True
    return is_time(t) and not re.fullmatch(rf"(?:{HANG}|Thường|{THANG}|{NAM}|{QUY}|\d{{4}}\s*[-–])", t)


def _after_rules(text: str, width: int = 0, products: bool = False, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The fragments of a line that a rule was read before (the first of each cell part but the first)."""
    parts = [_so_misread(" ".join(p.split())) for p in nfc(text).split(CELL)]
    return frozenset(_split_units(p, width, products, names)[0] for p in parts[1:] if p and any(c.isalnum() for c in p))


def _fragments(text: str, width: int = 0, products: bool = False, names: frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for part in nfc(text).split(CELL):
        part = _so_misread(" ".join(part.split()))  # before the cuts: a list's misread "Sở" opens a unit
        if part and any(c.isalnum() for c in part):  # a cell of rule junk ("~", "—") holds no text
            out.extend(_split_units(part, width, products, names))
        elif not out and part in ("$", "§"):
            out.append(part)  # first on the line, a row's number misread ("$" for 5): the label's place
    return out


