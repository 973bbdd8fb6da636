"""Rows of a text table whose TT numbers the OCR lost, misread or read out of place (issue 13):
lines held under a group cut into the rows they read, the titles of groups whose numbers were
lost between them or after a whole row (a line across the merged cells), a line across the unit cells read above its row's number, a number glued to
the task's first word by a rule read as a mark.  The reader (``text_table_reader``) calls these."""

from __future__ import annotations

import re

from pipeline.structure.text_table_cells import (
    _group_title,
    _holds_row,
    _join,
    _product_start,
    _Row,
    _scrap,
    _split_at_width,
    _split_name_rests,
    _split_open_tail,
    _split_time_rest,
    _time_complete,
    _time_start,
    _title_lines,
)
from pipeline.structure.text_table_labels import _later_group, _lost_first_item, _next_item
from pipeline.structure.text_table_placement import assign
from pipeline.structure.text_table_state import _ReaderState
from pipeline.structure.text_table_units import _open, _unit_start
from pipeline.vn.timeframes import is_time


def _held_rows(held: list[list[str]]) -> list[list[list[str]]]:
    """Lines held after a group's title, cut into the rows they read: a row is whole once it has
    a unit and its timeframe ends a line; the next line opens the next row when it is a scrap
    where a number stands ("sẽ") or a new sentence (capitalised, no unit, no timeframe). A group's
    title, wider than the task column, after a sentence's end opens one too (rows read side by
    side, their timeframes garbled past reading)."""
    sizes = sorted(len(fr[0]) for fr in held if len(fr) == 1 and len(fr[0].split()) >= 3)
    width = sizes[len(sizes) // 2] if len(sizes) >= 5 else 0
    out: list[list[list[str]]] = [[]]
    for fr in held:
        cur = out[-1]
        last = cur[-1][-1] if cur and cur[-1] else ""
        before = cur[-2][-1] if len(cur) >= 2 and cur[-2] else ""
        ended = _time_complete(last) or (bool(before) and _time_complete(f"{before} {last}"))
        # a row cut by a page break: its task's rest read after the page's header, below its unit
        # and timeframe, up to the sentence's end; the row is whole there too
        ended = ended or (len(cur) >= 2 and len(cur[-1]) == 1 and last.rstrip().endswith((".", ";"))
                          and _rest_after_time(cur))
        head = fr[0] if fr else ""
        # a number alone on its line after a whole row: the next row's, read where no label was expected
        opens = (_label_scrap(head) or bool(re.fullmatch(r"\d{1,3}", head))) and len(fr) == 1 or (head[:1].isupper() and not _unit_start(head) and not _time_start(head))
        if cur and ((ended and _holds_row(cur) and opens) or (_wide_title(fr, width) and last.rstrip().endswith((".", ";")))):
            out.append([])
        out[-1].append(fr)
    return out


def _wide_title(fr: list[str], width: int) -> bool:
    """A line alone that reads as a group's title spanning the table: capitalised, wider than the
    task column's lines, no final mark, no unit name or timeframe inside (a row read side by side
    holds them)."""
    text = fr[0] if len(fr) == 1 else ""
    words = text.split()
    if not width or len(text) < 1.3 * width or not text[:1].isupper() or not _group_title(text, "X"):
        return False
    return not any(_unit_start(" ".join(words[i:])) or _time_start(" ".join(words[i:])) for i in range(len(words)))


def _rest_after_time(cur: list[list[str]]) -> bool:
    """Whether a held row's lines read a whole timeframe, then task lines only (no unit, no
    timeframe among them): the task's rest, read after a page break."""
    at = max((i for i, fr in enumerate(cur) if any(_time_complete(f) for f in fr)), default=None)
    return at is not None and at < len(cur) - 1 and all(
        len(fr) == 1 and not _unit_start(fr[0]) and not _time_start(fr[0]) for fr in cur[at + 1 :])


def _label_scrap(line: str) -> bool:
    """A scrap alone on its line where a row's number stands: a few letters ("ở", "aFeh"), a
    number garbled past reading."""
    return _scrap(line) or (len(line) <= 4 and " " not in line and any(c.isupper() for c in line[1:]))


def _chunk_title(held: list[list[str]], joins: frozenset[str]) -> int:
    """How many of a held row's first lines are a group's title (``_title_lines``), counted on the
    lines that hold one fragment each (a line read across cells holds no title)."""
    texts: list[str] = []
    for fr in held:
        year = len(fr) == 1 and bool(texts) and re.fullmatch(r"\d{4}", fr[0]) is not None  # a title's year wrapped alone
        if len(fr) != 1 or _unit_start(fr[0]) or (is_time(fr[0]) and not year):
            if texts and len(fr) > 1 and not _unit_start(fr[0]) and not _time_start(fr[0]):
                texts.append(fr[0])  # the task's first line, cut by a rule read in it: it follows the title
            break
        texts.append(fr[0])
    n = _title_lines(texts, joins)
    return n if n < len(texts) else 0


def _lone_title(held: list[list[str]], joins: frozenset[str]) -> bool:
    """Whether held lines are a group's title alone (one fragment a line, no unit, no timeframe,
    no final mark, a wrap in lower case)."""
    texts = [fr[0] for fr in held if len(fr) == 1]
    if not texts or len(texts) != len(held) or len(texts) > 2 or any(_unit_start(t) or _time_start(t) for t in texts):
        return False
    return not any(t[:1].isupper() for t in texts[1:]) and _group_title(" ".join(texts), "X", joins)


def _title_wrap(held: list[list[str]], title: str) -> int:
    """The lines that go on with a group's title held open (no final mark): in lower case, no
    final mark, up to a new sentence."""
    n = 0
    while n + 1 < len(held) and len(held[n]) == 1 and held[n][0][:1].islower() and _group_title(f"{title} {held[n][0]}", held[n + 1][0]):
        title, n = f"{title} {held[n][0]}", n + 1
    return n


def _second_cells(placed: list[tuple[int, str]], kinds: list[str], before: dict[int, str]) -> bool:
    """Whether a line placed in a row that had all its cells opened them again: two cells or more
    beyond the task, one of them a unit name where the cell's names were closed or a timeframe
    where it was whole (a row's cells name one timeframe)."""
    cols = {c for c, _ in placed if c >= 2}
    if len(cols) < 2:
        return False
    for col, frag in placed:
        kind, prev = kinds[col], before.get(col, "")
        if kind == "time" and prev and _time_complete(prev) and is_time(frag):
            return True
        if kind in ("lead", "coord") and prev and not _open(prev) and _unit_start(frag) and not prev.rstrip().endswith(","):
            return True
    return False


def _unglue_label(frags: list[str]) -> list[str]:
    """The line's fragments with a row number glued to the task by a rule read as a mark set apart."""
    m = _RE_GLUED_LABEL.match(frags[0])
    return [f"{m.group(1)} {frags[0][m.end() :]}", *frags[1:]] if m else frags


# A row's number glued to the task's first word by the column rule, read as a mark ("7.2/Ra soát").
_RE_GLUED_LABEL = re.compile(r"(\d{1,2}(?:\.\d{1,2})?)[/|\\!\]\[]+(?=[^\W\d_])")


class _LostRows(_ReaderState):
    """The reader's handling of lines held under a group's title until a label is read: the
    group's own, or rows whose numbers were lost (``text_table_reader`` reads the rest)."""

    def _flush_held(self, label: str, page_no: int, repaired: bool = False) -> str:
        """Text held after a group's title goes to the group, or to its first item when ``label``
        shows that item lost its number ("1.2" right after group "1", with text between; "2.1" or
        "2" after group "1" and a unit and a timeframe read: a whole row). Returns the label, the
        first item of the group whose title the held lines end with when it read as a group
        number already passed ("2" after group 3's title: 3.1 misread)."""
        self._group_was_item(label)
        group = self.rows[-1].label
        chunks = _held_rows(self.held) if repaired and label == f"{group}.1" and re.fullmatch(r"\d+", group) else []
        if sum(_holds_row(c) for c in chunks) >= 2:
            # whole rows held under a group, then a garbled number repaired as its first item: every
            # number was lost and this one misread ("5.3" garbled to "$3"); the rows are the items,
            # the number the next of the sequence
            self._place_held(chunks, label, label, page_no)
            self.held = []
            return _next_item(self.labels[-1])
        k = next((i for i, fr in enumerate(self.held) if any(_unit_start(f) for f in fr[1:])), None)
        if label == f"{group}.1" and self.beside and self.rows[-1].cells.keys() == {1}:
            # the number beside the row's unit or timeframe, below its task: the held lines after
            # the title's wrapped end are the item's
            k = _title_wrap(self.held, self.rows[-1].text(1))
            for fr in self.held[:k]:
                self.rows[-1].add(1, fr[0])
            self.ahead, self.held = self.held[k:], []
        elif label == f"{group}.1" and k is not None and len(self.held) - k <= 3:
            # lines across the unit cells right before the first item's number: that item's first
            # lines, read above its number (the cells' first lines sit higher on a skewed scan)
            self.ahead, self.held = self.held[k:], self.held[:k]
        lost = _lost_first_item(label, group, self.labels)
        if lost is not None and lost != f"{group}.1" and f"{group}.1" not in self.labels \
                and sum(_holds_row(c) for c in _held_rows(self.held)) == 1:
            # one whole row held under the group, then its third item's number ("11.3"): the row is
            # the group's first item (a group starts at its first) and the number read the second's,
            # misread; a row is never lost whole between two read
            lost, label = f"{group}.1", f"{group}.2"
        roman = any(re.fullmatch(r"[IVXL]+", x) for x in self.labels)  # items "1", "2" under groups "I", "II"
        if lost is None and not roman and _later_group(label, group) and (_holds_row(self.held) or _row_across(self.held)) \
                and f"{group}.1" not in self.labels:
            last = self.held[-1][0] if self.held[-1] else ""
            if "." in label and len(self.held) >= 2 and len(self.held[-1]) == 1 and not _holds_row(self.held[-1:]) \
                    and not is_time(last) and not _unit_start(last):
                self.orphans.append(self.held.pop()[0])  # the next group's title, its number lost too
            lost = f"{group}.1"
        chunks = [self.held]
        rows_held = _held_rows(self.held)
        m = re.fullmatch(rf"{re.escape(group)}\.(\d+)", label)
        if lost is not None and m and f"{group}.1" not in self.labels and len(rows_held) == int(m.group(1)) - 1 >= 2 \
                and all(_holds_row(c) for c in rows_held):
            # as many whole rows held under the group as the number read leaves before it ("1.3"
            # after two): the group's first items, each its own row
            lost, chunks = f"{group}.1", rows_held
        elif lost == f"{group}.1" and _later_group(label, group):
            chunks = rows_held  # every item of the group lost its number: one row each
        label = self._place_held(chunks, lost, label, page_no)
        self.held = []
        return label

    def _lost_group_title(self, frags: list[str]) -> bool:
        """A line wider than the task column with no rule in it, after an item read side by side that
        has all its cells: a group row (its title spans the merged cells) whose number the OCR lost
        or garbled (kept in the title: no text is dropped). (After a row read cell after cell the
        title waits as orphan text for what follows.) Cut in pieces with no rule read and no unit or
        timeframe among them ("... chống thiên." / "tài"), it is one line still."""
        if len(frags) == 2 and len(frags[0]) <= 3 and " " not in frags[0] and frags[0][:1].isupper() \
                and frags[0].isalpha() and frags[1][:1].islower():
            frags = [" ".join(frags)]  # its number lost, a rule read inside its first word ("H ⇥ thống văn bản")
        elif len(frags) == 2 and len(frags[0]) <= 3 and " " not in frags[0]:
            frags = frags[1:]  # its number garbled past reading in the TT cell ("a" for 11), a rule after it
        text = frags[0] if len(frags) == 1 or self.ruled or any(
            _unit_start(f) or _time_start(f) for f in frags[1:]) else " ".join(frags)
        if len(frags) > 1 and self.width and any(len(f) >= 1.3 * self.width for f in frags[1:]) and not any(
                _unit_start(f) or _time_start(f) or _product_start(f) for f in frags):
            # gaps in a garbled title read as rules ("Cả 80 đất ⇥ Liệu phục vụ công tác ... ⇥ Kang phí"):
            # a piece past the first wider than the task column is no cell of a row (the task is the
            # widest), and no piece is a unit, a product or a timeframe
            text = " ".join(frags)
        if len(frags) > 1 and self.width and len(frags[0]) >= 1.15 * self.width and all(
                f[:1].islower() for f in frags[1:]) and not any(
                _unit_start(p.strip()) or _time_start(f) or _product_start(f) or _open(f) for f in frags for p in re.split(r"[,;]", f)):
            # psm 3 cuts a merged title's line at a gap over a column rule ("Chất lượng đội ngũ cán
            # bộ, công chức ⇥ làm công tác ..."): its first piece is wider than the task column holds,
            # and a row's line puts capitalised cells after its task (a cell opens with a capital)
            # or the lower-case rest of a cell left open, listing units; the row before has none open (below)
            text = " ".join(frags)
        head = text.split()[0]
        numbered = len(head) <= 3 and any(c.isdigit() for c in head)  # its number read, garbled ("5" for 9)
        if text != " ".join(frags) or not self.width or len(text) < 1.3 * self.width or not (text[:1].isupper() or numbered):
            return False
        if _unit_start(text) or _time_start(text) or _open(text) or text.endswith((".", ";", ",", ":")):
            return False
        row = self.rows[-1]
        task = row.text(1).split()
        if task and _join(task[-1], text.split()[0].rstrip(".,;:")) in self.joins:
            return False  # "... công chức làm" / "Công tác ...": a phrase the table repeats, wrapped (its case misread)
        closed = not any(_open(row.text(c)) for c in range(2, len(self.kinds)))  # no unit name waits for its rest
        return "." in row.label and not self.block and self._complete() and closed

    def _group_was_item(self, label: str) -> None:
        """A bare number read after an item of the group before ("2" after 1.1), its lines held, then
        that number's own first item ("2.1"): when the held lines are a whole row (a unit and a
        timeframe) and then a title alone, the number was that item's with its group and dot lost
        ("1.2"): a group's row spans its cells with a title, and the title read here is the group's
        own, its number lost.  The row becomes the item; the title goes back to the held lines'
        end, where ``_flush_held`` gives it to a group of its own."""
        row = self.rows[-1] if len(self.rows) >= 2 else None
        m = re.fullmatch(r"(\d+)\.(\d+)", self.rows[-2].label) if row is not None else None
        if row is None or m is None or row.cells or row.inferred or row.repaired or label != f"{row.label}.1" \
                or not re.fullmatch(r"\d+", row.label) or int(row.label) != int(m.group(1)) + 1:
            return
        cut = next((k for k in (len(self.held) - 1, len(self.held) - 2)
                    if k >= 1 and _holds_row(self.held[:k]) and _lone_title(self.held[k:], self.joins)), None)
        item = _next_item(self.rows[-2].label)
        if cut is None or item in self.labels:
            return
        held, title = self.held[:cut], self.held[cut:]
        self.labels[len(self.labels) - 1 - self.labels[::-1].index(row.label)] = item
        row.label, row.repaired = item, True
        for fr in held:
            for col, frag in assign(self._cut(fr, row), self.kinds, row, 1, names=self.names):
                row.add(col, frag)
        group = _Row(str(int(m.group(1)) + 1), row.page_no, repaired=True, inferred=True)
        for fr in title:
            group.add(1, " ".join(fr))
        self.rows.append(group)
        self.labels.append(group.label)
        self.held = []

    def _place_held(self, chunks: list[list[list[str]]], lost: str | None, label: str, page_no: int) -> str:
        """The held lines, cut in ``chunks``, placed in the group row or in rows of their own (the
        first ``lost``, then the next items, with the group titles among them); returns ``label``."""
        target = self.rows[-1]
        for n, held in enumerate(chunks):
            if lost:
                heading = _chunk_title(held, self.joins) if len(chunks) > 1 else 0
                if n == 0 and target.cells.keys() == {1}:
                    wrap = _title_wrap(held, target.text(1))
                    for fr in held[:wrap]:
                        target.add(1, fr[0])  # the group title's wrapped end
                    held = held[wrap:]
                elif n > 0 and n == len(chunks) - 1 and _lone_title(held, self.joins):
                    # the held lines end with a title alone: the next group's, its number lost
                    group = str(int(self.labels[-1].split(".")[0]) + 1)
                    self.rows.append(_Row(group, page_no, repaired=True, inferred=True))
                    self.labels.append(group)
                    for fr in held:
                        self.rows[-1].add(1, " ".join(fr))
                    if re.fullmatch(r"\d+", label) and int(label) <= int(group):
                        label = f"{group}.1"
                    break
                elif n > 0 and heading:
                    # a new sentence after a row, then a title alone before the next one: the next
                    # group, its number lost too
                    group = str(int(self.labels[-1].split(".")[0]) + 1)
                    self.rows.append(_Row(group, page_no, repaired=True, inferred=True))
                    self.labels.append(group)
                    for fr in held[:heading]:
                        self.rows[-1].add(1, " ".join(fr))
                    held = held[heading:]
                item = lost if n == 0 else _next_item(self.labels[-1])
                target = _Row(item, page_no, repaired=True, inferred=n > 0)
                self.rows.append(target)
                self.labels.append(item)
                if held and held[0] == [item.replace(".", "")]:
                    held = held[1:]  # its number read alone, the dot lost ("42"): the label given, no task text
            for fr in held:
                if "." in target.label:
                    fr = self._cut(fr, target)  # an item's lines, read side by side: cut as any row's
                # (lines held for a row read later: the rules read on them still part their cells)
                for col, frag in assign(fr, self.kinds, target, 1, names=self.names, ruled=self.ever_ruled):
                    target.add(col, frag)
        return label

    def _cut(self, frags: list[str], row: _Row) -> list[str]:
        """A line read side by side cut where the OCR read no rule between two cells: a timeframe's
        second half at its end, the task's slice at the column's width, a unit name's rest."""
        time_text = row.text(self.kinds.index("time")) if "time" in self.kinds else ""
        if time_text and not _time_complete(time_text):
            frags = _split_time_rest(frags, time_text)
        if self.width:
            frags = _split_at_width(frags, self.width)
        frags = _split_open_tail(frags, row, self.kinds, self.names)
        return _split_name_rests(frags, row, self.kinds, self.names)


# A timeframe whose period the OCR garbled past reading, its year whole ("IVv/2020", "Il/2021").
_RE_GARBLED_END = re.compile(r"\W*[^\s/]{1,4}\s*/\s*(?:19|20)\d{2}\W*")


def _row_across(held: list[list[str]]) -> bool:
    """Whether a held line was read across three cells or more and ends in a timeframe (garbled
    or not): a row's line, which a group's title, one merged cell, never is (its first lines and
    unit lost at a page's foot, the unit's rest in lower case)."""
    return any(len(fr) >= 3 and (_time_start(fr[-1]) or bool(_RE_GARBLED_END.fullmatch(fr[-1]))) for fr in held)
