"""Row numbers of an appendix table read alone on their lines, put back into their sequence.

Where the English model reads a table cell by cell (page segmentation that finds the columns),
the TT cell of each row comes out alone on a line: "1.1", then the row's task, units and
timeframe on lines of their own, then "1.2".  The dot of a small label is easily lost or
misread ("21" for "2.1", "3:2" for "3.2", "132" for "13.2") and some labels come out as garble
("2p)").  The rows of a plan's table are numbered in sequence (1.1, 1.2, ... then 2.1 under
group 2), so a label read with a lost or misread dot is the one its neighbours leave room for:
only a reading that is the next number after the label before it (or the first of the next
group), or the number before the label after it, is taken; a garble with one digit is read as
the number between two neighbours that leave exactly one gap.  A page needs at least two labels
read whole, alone on their lines, before any is repaired.
"""

from __future__ import annotations

import re

from pipeline.restore.ocrfix.cell_rules import is_column_header

_WHOLE = re.compile(r"(\d{1,2})\.(\d{1,2})")
_SEPARATED = re.compile(r"(\d{1,2})[:;,'’`](\d{1,2})[.:,)]?")  # "3:2", "2,1"
_DIGITS = re.compile(r"(\d{1,3})[.:,)]?")  # "21", "132": the dot lost; "3": a group's number
_GARBLE = re.compile(r"(?=.*\d)(?=.*[^\d])[\w():;,.’'`]{1,4}")  # "2p)", "a1": a digit and specks
Label = tuple[int, int]  # (group, row); row 0 is the group's own row
# A ruled row opening with its number read whole ("4.1 ⇥ Kiểm tra ..."): on a page read partly
# cell by cell, the rows read whole anchor the sequence of the lone labels around them.
_RULED_WHOLE = re.compile(r"[ ]*(\d{1,2}\.\d{1,2})\t")


def _readings(token: str) -> list[Label]:
    """The labels a token may be, with its dot lost or misread."""
    if m := _SEPARATED.fullmatch(token):
        return [(int(m.group(1)), int(m.group(2)))]
    if m := _DIGITS.fullmatch(token):
        d = m.group(1)
        whole = [(int(d), 0)] if len(d) <= 2 else []
        return whole + [(int(d[:k]), int(d[k:])) for k in range(1, len(d)) if d[k] != "0" and k <= 2]
    return []


def _next(label: Label) -> set[Label]:
    """The labels that may follow ``label`` (a group's number may be lost with its title)."""
    g, r = label
    return {(g, 1)} if r == 0 else {(g, r + 1), (g + 1, 0), (g + 1, 1)}


def _fits(token: str, before: Label | None, after: Label | None, garble: bool = True) -> list[Label]:
    """The readings of ``token`` that its neighbours in the sequence leave room for."""
    room: set[Label] = set()
    if before is not None:
        room |= _next(before)
    if after is not None:
        room |= {(after[0], after[1] - 1)} if after[1] > 1 else {(after[0], 0)} if after[1] == 1 else set()
    fits = [r for r in _readings(token) if r in room]
    if not fits and garble and before is not None and after is not None and _GARBLE.fullmatch(token):
        fits = [x for x in _next(before) if after in _next(x) and x[1]]
    return fits


def repair_row_labels(lines: list[str]) -> list[str]:
    """The lines with each lone row label that its sequence explains written as "X.Y"."""
    slots: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        t = ln.strip()
        if t and " " not in t and (_WHOLE.fullmatch(t) or _readings(t) or _GARBLE.fullmatch(t)):
            slots.append((i, t))
        elif (m := _RULED_WHOLE.match(ln)) is not None:
            slots.append((i, m.group(1)))  # a ruled row's number read whole: an anchor, kept as it is
    known: list[Label | None] = [
        (int(m.group(1)), int(m.group(2))) if (m := _WHOLE.fullmatch(t) or _SEPARATED.fullmatch(t)) else None
        for _, t in slots
    ]
    # Two lone labels read whole show a column read cell by cell: then a garble between two
    # numbers is one; a single one (or ruled rows read whole) anchors only misread digits.
    lone_whole = sum(bool(_WHOLE.fullmatch(t)) and lines[i].strip() == t for i, t in slots)
    if not any(_WHOLE.fullmatch(t) for _, t in slots):
        return lines
    changed = True
    while changed:  # each reading may explain its neighbour
        changed = False
        for k, (_, tok) in enumerate(slots):
            if known[k] is None:
                fits = _fits(tok, known[k - 1] if k else None, known[k + 1] if k + 1 < len(slots) else None, lone_whole >= 2)
                if len(fits) == 1:
                    known[k], changed = fits[0], True
    out = list(lines)
    for (i, tok), label in zip(slots, known, strict=True):
        if label is not None and not _WHOLE.fullmatch(tok):
            out[i] = lines[i].replace(tok, f"{label[0]}.{label[1]}" if label[1] else str(label[0]))
    return out


# --- Row numbers at the start of a ruled table's lines (psm 4/6: a row's cells share its lines) ---
#
# The TT cell is narrow and its number small: the English model loses the dot ("41"), reads a
# digit as a letter ("§.2", "1,3", "a1"), reads a group's bold number as a mark before the title
# ("a] Các nhiệm vụ", "S| Hiệu quả") or loses it altogether (the group's title alone on its line).
# The rows are numbered in sequence, and a group's title row comes right before its first item,
# so the numbers the neighbours leave room for are put back: a misread number where the sequence
# admits exactly one of its readings, a group's number before the title line just above its first
# item, an item's number on the one line between its two neighbours that opens a row.
_OCR_DIGIT = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0", "S": "5", "§": "5", "$": "5",
                            "B": "8", "G": "6", "g": "9", ",": ".", ":": ".", ";": "."})
_GROUP = re.compile(r"(\d{1,2})\.?")


def _title_start(text: str) -> bool:
    """Whether ``text`` starts with a capitalised word (a capital, then a lower-case letter)."""
    return text[:1].isupper() and text[1:2].islower()

# What ends a row's last line: a task's full stop, or a timeframe (the last column) as read.
_ROW_END = re.compile(
    r"(?:[.]|(?:Qu[yýỹi]|QUY|Th[aá]ng|N[aăi]m|Nim|H[aàằi]ng|Th[uư][oờ]ng|xu[yý][eéê]n)[.]?|\S{1,4}/(?:19|20)\d\d"
    r"|(?:19|20)\d\d ?[-–]? ?(?:(?:19|20)\d\d)?)\s*$"
)


def _first(line: str) -> tuple[str, str, str]:
    """A line's first token, the space after it (a TAB: a cell boundary), and the rest."""
    m = re.match(r"[ ]*([^\s]+)([ \t]*)(.*)$", line)
    return (m.group(1), m.group(2), m.group(3)) if m else ("", "", "")


def _known(line: str) -> Label | None:
    """The row number a table line opens with, read whole ("2.3", or a group's "4" alone, before a
    cell boundary or before a title)."""
    tok, sep, rest = _first(line)
    if m := _WHOLE.fullmatch(tok):
        return int(m.group(1)), int(m.group(2))
    if (m := _GROUP.fullmatch(tok)) and 0 < int(m.group(1)) <= 30 and ("\t" in sep or not rest or _title_start(rest)):
        return int(m.group(1)), 0
    return None


def _digit_readings(tok: str) -> list[Label]:
    """The labels a short token at a line's start may be, its letters read as the digits the
    English model mistakes them for and its dot lost or misread."""
    if len(tok) > 5:
        return []
    t = tok.rstrip(".:,;)").translate(_OCR_DIGIT)
    if not t or not any(c.isdigit() for c in tok):
        return []
    return _readings(t) if not _WHOLE.fullmatch(t) else [(int(t.split(".")[0]), int(t.split(".")[1]))]


def _neighbours(known: dict[int, Label], i: int) -> tuple[Label | None, Label | None]:
    before = max((j for j in known if j < i), default=None)
    after = min((j for j in known if j > i), default=None)
    return (known[before] if before is not None else None, known[after] if after is not None else None)


def _ends_row(line: str) -> bool:
    """A row's last line: a task's full stop, or a timeframe line ("Quý I/2023", "Hằng năm")."""
    text = line.strip()
    return text.endswith(".") or bool(_ROW_END.search(text)) and len(text.split()) <= 3


def _after_row(lines: list[str], i: int, inside: bool = False) -> bool:
    """Whether line ``i`` follows a row's end, a line in capitals (the column header) or nothing
    (a row's number alone on the line before is no end: the row goes on); ``inside``: a task's
    full stop followed by another column's wrapped words counts ("tỉnh. thành phố")."""
    prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    return (
        not prev or prev.isupper() or is_column_header(prev) or bool(_ROW_END.search(prev))
        or inside and bool(re.search(r"[^\W\d_]\.[ \t]+[^\W\d_]", prev))
    )


def repair_table_labels(lines: list[str], table: list[bool]) -> list[str]:
    """The lines of a ruled table with its misread or lost row numbers put back (see above)."""
    out = list(lines)
    rows = [i for i, t in enumerate(table) if t and out[i].strip()]
    head = next((i for i in rows if is_column_header(out[i])), -1)
    rows = [i for i in rows if i > head]  # the rows under the column header (above it: a page number)
    known: dict[int, Label] = {}
    for i in rows:
        lab = _known(out[i])
        last = known[max(known)] if known else None
        if lab is not None and not (lab[1] == 0 and last is not None and lab[0] != last[0] + 1):
            known[i] = lab  # a group's number out of sequence ("2" for 4.2) is no anchor
    if len([k for k in known.values() if k[1]]) < 2:
        return out  # too few numbers read to know the sequence
    _misread_numbers(out, rows, known)
    _group_numbers(out, rows, known)
    _lost_item_numbers(out, rows, known)
    _group_numbers(out, rows, known)  # the titles above first items found just now
    _cell_by_cell_rows(out, rows, known)
    _garbled_item_numbers(out, rows, known)
    return out


def _misread_numbers(out: list[str], rows: list[int], known: dict[int, Label]) -> None:
    """A number alone or before a cell boundary whose neighbours admit exactly one of its readings."""
    for i in rows:
        tok, sep, rest = _first(out[i])
        if i in known or rest and "\t" not in sep:
            continue
        before, after = _neighbours(known, i)
        room = (_next(before) if before else set()) | ({(after[0], after[1] - 1)} if after and after[1] > 1 else set())
        fits = [r for r in _digit_readings(tok) if r in room and r[1]]
        if len(fits) == 1:
            known[i] = fits[0]
            out[i] = out[i].replace(tok, f"{fits[0][0]}.{fits[0][1]}", 1)


def _group_numbers(out: list[str], rows: list[int], known: dict[int, Label]) -> None:
    """A group's number before its title: the line (or two) just above its first item."""
    for i in sorted(known):
        g, r = known[i]
        above = [j for j in rows if j < i]
        if r != 1 or not above or above[-1] in known:
            continue
        j = above[-1]
        if out[j].lstrip()[:1].islower() and len(above) >= 2 and above[-2] not in known \
                and _title_start(out[above[-2]].lstrip()) and not _ends_row(out[above[-2]]):
            j = above[-2]  # a title wrapped onto a second line ("... cạnh tranh" / "cấp tỉnh")
        if is_column_header(out[j]) or not any(c.islower() for c in out[j]) or _ends_row(out[j]):
            continue  # the column header, a title in capitals, or the last line of the row before
        before, _ = _neighbours(known, j)
        if before is not None and (before[0] != g - 1 or before == (g, 0)) or not _after_row(out, j, inside=True):
            continue
        tok, sep, rest = _first(out[j])
        if "\t" in sep and len(tok) <= 3 and not tok[:1].isdigit():
            out[j] = out[j].replace(tok, str(g), 1)  # "a] Các nhiệm vụ": the number read as a mark
        elif len(tok) <= 2 and _title_start(rest):
            out[j] = out[j].replace(tok + sep, f"{g}\t", 1)  # "Cs Hiệu quả"
        elif not out[j].lstrip()[:1].islower():  # a wrapped cell's last words ("hình tỉnh") are no title
            out[j] = re.sub(r"^( *)", rf"\g<1>{g}\t", out[j], count=1)  # the title alone: its number lost
        else:
            continue
        known[j] = (g, 0)


def _lost_item_numbers(out: list[str], rows: list[int], known: dict[int, Label]) -> None:
    """An item's number lost: the one line between its two neighbours (or after the page's last
    group title) that opens a row (its first line holds several cells; the line before it ends a row,
    or is its group's title); a short mark before a cell boundary there is the number misread."""
    order = sorted(known)
    for a, b in zip([-1, *order], [*order, len(out)], strict=True):
        (g, k), nxt = known.get(a, (0, -1)), known.get(b)
        titled = nxt is not None and nxt[1] == 2 and (a < 0 or nxt[0] == g + 1)
        if titled and nxt is not None:
            g, k = nxt[0], 0  # the next group's first item, its title's number lost too (or the page's first rows)
        elif a < 0 or nxt is None and k or nxt is not None and nxt != (g, k + 2) and not (k == 0 and nxt[0] == g + 1):
            continue  # the gap holds no one item (after the page's last number, a group may begin)
        first = next((j for j in rows if j > a), -1)
        opens = [i for i in rows if a < i < b and "\t" in out[i] and _opens_with_title(out[i])
                 and (_after_row(out, i) or (k == 0 and i == first and a >= 0) or titled and _after_title(out, i))]
        if len(opens) == 1:
            i = opens[0]
            known[i] = (g, k + 1)
            tok, sep, rest = _first(out[i])
            lead = "" if _title_start(tok) else tok + sep  # "a ⇥ Xây dựng": the number read as a mark
            out[i] = re.sub(rf"^( *){re.escape(lead)}", rf"\g<1>{g}.{k + 1}\t", out[i], count=1)


def _after_title(lines: list[str], i: int) -> bool:
    """Whether line ``i`` follows a group's title: one line of a single cell that starts with a
    capitalised word (or a short mark) and follows a row's end."""
    j = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), -1)
    return j >= 0 and "\t" not in lines[j].strip() and not lines[j].lstrip()[:1].islower() \
        and not _ends_row(lines[j]) and _after_row(lines, j, inside=True)


def _opens_with_title(line: str) -> bool:
    """A row's first line: a task of a few words (a capitalised word first), maybe after a short
    mark and a cell boundary, then other cells; a wrapped cell's two words ("Đào tạo ⇥ IV/2025")
    open no row, nor does a group's title after a mark ("a ⇥ Các nhiệm vụ, giải pháp ...")."""
    tok, sep, rest = _first(line)
    if "\t" in sep and len(tok) <= 2 and not tok[:1].isdigit() and _title_start(rest):
        line = rest
    elif not _title_start(tok):
        return False
    # several cells, the first of a few words (a group's title after a mark is one cell)
    return "\t" in line and len(line.split("\t")[0].split()) >= 3


# --- Rows read cell by cell (page segmentation that finds the columns: psm 3) ---------------------
#
# Each row comes out as blocks of lines: its number alone, the task's lines, the units' lines, the
# timeframe ("Quý" / "IV/2023", "2023 - 2025", "Thường xuyên").  A group's title, a full-width row,
# comes out alone between the last timeframe of one group and the number of the next group's first
# item, its own number lost (bold and narrow) and a small item number read as letters ("ap", "del",
# "a1").  The sequence puts both back: a title gets the number of the group whose first item follows
# it, a garbled number alone between a row's end and a task gets the next number in the sequence.
_TIMEFRAME_END = re.compile(r"(?:(?:19|20)\d\d|qu[yýỹi]|n[aăi]m|xu[yýi][eéèê]n)[.:]?\s*$", re.IGNORECASE)
_LONE_GARBLE = re.compile(r"(?=\d?[^\W\d_])[^\W_]{1,3}[:)]?")  # a label read as letters: "ap", "del", "US", "a1"


def _row_end(line: str) -> bool:
    """A row's last line read cell by cell: a task's full stop, a timeframe, the column header."""
    text = line.strip()
    return (
        text.endswith(".") or is_column_header(text) or text.isupper()
        or len(text.split()) <= 3 and bool(_TIMEFRAME_END.search(text))
    )


def _cell_by_cell_rows(out: list[str], rows: list[int], known: dict[int, Label]) -> None:
    """Group titles and garbled item numbers of rows read cell by cell (see above)."""
    def lone(i: int) -> bool:
        t = out[i].strip()
        return " " not in t and "\t" not in t and len(t) <= 4

    for n, j in enumerate(rows):
        if n == 0 or j in known or "\t" in out[j] or not _title_start(out[j].strip()) or len(out[j].split()) < 3:
            continue
        if not _row_end(out[rows[n - 1]]):
            continue
        before, _ = _neighbours(known, j)
        # the title's wrapped lines (lower case, or a speck), then its first item's number alone
        group, k = None, -1
        for m in range(n + 1, min(n + 5, len(rows))):
            k = rows[m]
            if k in known:
                group = known[k][0] if known[k][1] == 1 else None
                break
            nxt = out[rows[m + 1]].strip() if m + 1 < len(rows) else ""
            if lone(k) and _LONE_GARBLE.fullmatch(out[k].strip()) and _title_start(nxt) and len(nxt.split()) >= 3:
                group = before[0] + 1 if before is not None else None
                _, after = _neighbours(known, k)
                if group is not None and after is not None and (after[0] != group or after[1] < 2):
                    group = None  # the next number read whole is no later item of this group
                if group is not None:
                    out[k] = out[k].replace(out[k].strip(), f"{group}.1", 1)
                    known[k] = (group, 1)
                break
            text = out[k].strip()
            if "\t" in out[k] or not (text[:1].islower() or lone(k) and not any(c.isdigit() for c in text)):
                break
        if group is None or before is not None and before[0] != group - 1 or rows[m] != rows[n + 1]:
            continue  # a title wrapped onto more lines: where its number was read is unknown
        out[j] = re.sub(r"^( *)", rf"\g<1>{group}\t", out[j], count=1)
        known[j] = (group, 0)


def _garbled_item_numbers(out: list[str], rows: list[int], known: dict[int, Label]) -> None:
    """An item's number read as letters alone on its line, between a timeframe (the row before's
    last cell) and a task: the number after the one before it, where the next one read leaves room."""
    for n in range(1, len(rows) - 1):
        i, text = rows[n], out[rows[n]].strip()
        if i in known or " " in text or "\t" in text or not _LONE_GARBLE.fullmatch(text) or len(text) > 4:
            continue
        prev = out[rows[n - 1]].strip()
        if not (len(prev.split()) <= 3 and _TIMEFRAME_END.search(prev) or is_column_header(prev)):
            continue
        if not _title_start(nxt := out[rows[n + 1]].strip()) or len(nxt.split()) < 3:
            continue
        before, after = _neighbours(known, i)
        if before is None or after is None:
            continue
        label = (before[0], before[1] + 1)
        if after not in _next(label):
            continue
        out[i] = out[i].replace(text, f"{label[0]}.{label[1]}", 1)
        known[i] = label
