"""Appendix table rows from a restored legacy-OCR line stream (no geometry, issue 13).

A ruled table read line by line by an old OCR run arrives as lines holding fragments of several
cells of one row, left to right, cell boundaries marked by TABs where the restorer saw a rule
(``pipeline.restore.ocrfix.cell_rules``).  This module finds the column header (and skips its repeats
on later pages), starts a row at each TT label (misread labels repaired from the numbering
sequence: "L2" after 1.1 is 1.2, "47" after 4.6 is 4.7), and places each fragment in a column
by what columns hold (unit names for the lead and coordinating units, "Năm 2024", "Quý II/2025",
"Hằng năm" for the timeframe) and by left-to-right order.  A fragment that fits nowhere stays
in the row's task cell: text is never dropped.

Here: the reader (line by line) and the repair of the row sequence once read.  The column header
is in ``text_table_header``, the TT numbering in ``text_table_labels``, what cells hold and how a
line's fragments are cut and placed in ``text_table_cells``.
"""

from __future__ import annotations

import re

from pipeline.document import TableRow, TableRows
from pipeline.structure.text_table_cells import (
    _RE_TIME_REST,
    CELL,
    _after_rules,
    _fragments,
    _group_title,
    _holds_row,
    _name_key,
    _name_pieces,
    _open,
    _Row,
    _split_at_width,
    _split_name_rests,
    _split_open_tail,
    _split_time_rest,
    _standard_names,
    _time_complete,
    _time_start,
    _title_lines,
    _unit_name_prefixes,
    _unit_start,
    _whole_names,
    assign,
    respell_units,
    unit_spellings,
)
from pipeline.structure.text_table_header import (
    _column_names,
    _table_kinds,
    is_header_line,
)
from pipeline.structure.text_table_labels import (
    _later_group,
    _lone_label,
    _lost_first_item,
    _misread_group,
    _next_item,
    match_label,
)
from pipeline.vn.orthography import nfc
from pipeline.vn.timeframes import canonical_time, is_time, roman_quarters


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
        self.prev_time = False  # the last line was a timeframe (or its end): a row's last cell
        self.after_time = False  # the line before the current one was
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
        self.after_time, self.prev_time = self.prev_time, False
        self.in_header = False
        if not self.kinds:
            self.kinds = _table_kinds(self.header_text)
        if page_no != self.last_page and self.block:
            self.pointer = 1  # a row cut by a page break goes on with each of its cells from the first
        if self._page_number(page_no, text):
            return
        frags = _fragments(text, self.width, "product" in self.kinds, self.names)
        self.prev_time = bool(frags) and (is_time(frags[-1]) or bool(_RE_TIME_REST.fullmatch(frags[-1])))
        self.ruled = _after_rules(text, self.width, "product" in self.kinds, self.names)
        if not frags:
            return
        title, self.title = self.title, None
        junk, self.junk = self.junk, self._label_junk(frags)
        self.prev_junk, self.last_title = junk, title
        frags = self._drop_mark_before_label(frags)
        first, *_ = frags[0].split(" ", 1)
        guess = self._empty_guess()
        labels = self.labels[:-1] if guess else self.labels  # a guessed row, still empty, gives way to a label read
        if not labels and self.rows:
            labels = [self.rows[0].label]  # the first group, its number lost: the sequence starts from it
        read = next((r.label for r in reversed(self.rows) if not r.repaired and "." in r.label), "")
        lab, guessed = match_label(first, labels, read) or (match_label(first, []) if not self.labels else None), False
        if lab is None and len(frags) == 1 and first == frags[0]:
            lab = _lone_label(first, labels)
            guessed = lab is not None and lab[0].replace(".", "") != first.rstrip(".:;,")
        if lab is None:
            lab = self._undo_title_guess(first, read)
        if lab is not None:
            if guess and self.rows[-1].inferred:
                lab = self._drop_guess(lab)
            rest = self._start_row(lab, frags[0][len(first) :].strip(), frags[1:], page_no)
            self.rows[-1].inferred |= guessed  # a garbled label ("2p"): its number is the sequence's
            if rest is None:
                self.prev_end = text[-1:]
                return
            frags = rest
        elif self.rows and self._lost_group_title(frags):
            self._new_row(page_no, [], title=" ".join(frags))
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

    def _undo_title_guess(self, first: str, read: str) -> tuple[str, bool] | None:
        """A label that goes on with the items before a group guessed from a wide line ("1.3" after
        1.2, then the guessed group 2 and its item 2.1): the line was a task's, read across its
        unit cell with no rule, not a group's title. The guess goes, its text back to the row
        before; returns the label."""
        if len(self.rows) < 3 or not self.rows[-2].inferred or not re.fullmatch(r"\d+", self.rows[-2].label):
            return None
        group, item, before = self.rows[-2], self.rows[-1], self.rows[-3]
        if not item.inferred or item.label != f"{group.label}.1" or "." not in before.label:
            return None
        lab = match_label(first, self.labels[:-2], read)
        if lab is None or lab[0] != _next_item(before.label):
            return None
        del self.rows[-2:], self.labels[-2:]
        for row in (group, item):
            for col, texts in row.cells.items():
                before.cells.setdefault(col, []).extend(texts)
        return lab

    def _drop_mark_before_label(self, frags: list[str]) -> list[str]:
        """A speck or a rule's stub read before the row's number (": 5.1", "= 2.3", "' 4"): the
        number is the line's label when it reads as one as it stands (no repair needed)."""
        mark, _, rest = frags[0].partition(" ")
        if not rest or any(c.isalnum() for c in mark) or len(mark) > 2:
            return frags
        lab = match_label(rest.split(" ", 1)[0], self.labels)
        return [rest, *frags[1:]] if lab is not None and not lab[1] else frags

    def _drop_guess(self, lab: tuple[str, bool]) -> tuple[str, bool]:
        """A label read where an item was guessed after a group title: the guess goes; the title is
        that of the group the label names ("7.1" read: group 6's title was lost, this one is 7's)."""
        lab = _misread_group(lab, self.labels[-1])
        wrap = self.rows.pop().text(1)
        self.labels.pop()
        group, m = self.rows[-1], re.fullmatch(r"(\d+)\.\d+", lab[0])
        group.add(1, wrap)  # the title's last line, wrapped
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
        """Whether the current row is an item guessed from the sequence after a group title that
        holds nothing yet, or only a short lower-case line: the title's wrapped end ("cấp tỉnh")."""
        if len(self.rows) < 2 or not self.rows[-1].inferred or "." not in self.rows[-1].label:
            return False
        row = self.rows[-1]
        if not row.cells:
            return True
        wrap = row.cells.get(1, [])
        return set(row.cells) == {1} and len(wrap) == 1 and wrap[0][:1].islower() and len(wrap[0].split()) <= 4 \
            and "." not in self.rows[-2].label

    def _lost_group_title(self, frags: list[str]) -> bool:
        """A line wider than the task column with no rule in it, after an item read side by side that
        has all its cells: a group row (its title spans the merged cells) whose number the OCR lost
        or garbled (kept in the title: no text is dropped). (After a row read cell after cell the
        title waits as orphan text for what follows.) Cut in pieces with no rule read and no unit or
        timeframe among them ("... chống thiên." / "tài"), it is one line still."""
        text = frags[0] if len(frags) == 1 or self.ruled or any(
            _unit_start(f) or _time_start(f) for f in frags[1:]) else " ".join(frags)
        head = text.split()[0]
        numbered = len(head) <= 3 and any(c.isdigit() for c in head)  # its number read, garbled ("5" for 9)
        if text != " ".join(frags) or not self.width or len(text) < 1.3 * self.width or not (text[:1].isupper() or numbered):
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
        # or a whole timeframe ends the line (the unit cell empty there): the row before has its
        # own, and a timeframe once whole takes nothing more
        again = not units and _time_complete(frags[-1])
        return bool(units or again) and time_done and cells_closed and (self.prev_end in ".;" or after_title)

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
            frags = _split_time_rest(frags, time_text)
        if self.block and time_text and _time_complete(time_text) and not is_time(frags[0]):
            unit = next((i for i, f in enumerate(frags) if _unit_start(f)), None)
            if unit is not None and (self.orphans or unit > 0) and re.fullmatch(r"\d+(?:\.\d+)?", row.label):
                self.orphans.extend(frags[:unit])  # the task's first line, read beside the unit
                self._row_without_number(frags[unit:], page_no, block=unit == 0)
                return
            self.orphans.append(" ".join(frags))  # after the last cell: the next group's title?
            return
        if self.block and time_text and _time_complete(time_text) and is_time(frags[0]):
            if not self._unit_lost(page_no, frags):
                self.orphans.append(" ".join(frags))  # a whole timeframe takes nothing more: a title's year?
            return
        if not self.block and "." not in row.label:
            self.held.append(frags)  # after a group's title: the group's, or a first item's whose number was lost
            return
        if not self.block and self._split_at_fresh(frags, page_no, self.after_time):
            return
        if not self.block and self.width:
            frags = _split_at_width(frags, self.width)
        if not self.block:
            frags = _split_open_tail(frags, row, kinds, self.names, self.ruled)
            frags = _split_name_rests(frags, row, kinds, self.names)
            # a cut that leaves rule junk alone ("Truyền hình tỉnh —"): junk holds no cell's text
            frags = [f for f in frags if any(c.isalnum() for c in f)] or frags
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

    def _unit_lost(self, page_no: int, frags: list[str]) -> bool:
        """A timeframe after a finished row, with a task read since (held as orphan text): a row
        whose number was lost and whose unit the OCR garbled past recognition ("S0-Gido đục và Đào
        tạo"). The short capitalised lines after the task's last sentence are its unit cell."""
        if not re.fullmatch(r"\d+(?:\.\d+)?", self.rows[-1].label):
            return False
        texts = self.orphans
        cut = next((i for i in range(len(texts) - 1, 0, -1) if texts[i - 1].rstrip().endswith((".", ";"))), 0)
        if not cut or len(texts) - cut > 3 or not texts[cut][:1].isupper() or any(
                len(t) > max(40, 0.8 * self.width) or t.rstrip().endswith((".", ";")) for t in texts[cut:]):
            return False
        unit, self.orphans = texts[cut:], texts[:cut]
        self._row_without_number([" ".join(unit), *frags], page_no)
        return True

    def _split_at_fresh(self, frags: list[str], page_no: int, after_time: bool = False) -> bool:
        """Rows read side by side, then (after a page break) cell after cell: a unit alone on its line
        after the row had all its cells, with a new sentence read since (after a full stop, or
        right after the row's timeframe line), opens a row whose number was lost; the text from
        that sentence on is its task."""
        row = self.rows[-1]
        complete = self._complete()
        if complete and self.fresh is None and (self.prev_end in ".;" or after_time) and frags[0][:1].isupper() \
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

    def _row_without_number(self, frags: list[str], page_no: int, block: bool = True) -> None:
        """Task text, then a unit, after a finished row: a row whose number the OCR never read; it
        takes the next number of the sequence (marked repaired). ``block``: its cells come one
        per line (the unit alone on its line); else side by side (a task slice beside the unit)."""
        task, self.orphans = self.orphans, []
        new = self._new_row(page_no, task, block=block)
        placed = assign(frags, self.kinds, new, 2, stay=2 if block else 0, names=self.names)
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


def _fix_letter_first_group(rows: list[_Row]) -> None:
    """A first group lettered "A", or numbered other than 1 ("7"), whose items are numbered 1.1,
    1.2 (no "B" read): the OCR misread the group number "1"; the empty group row made for "1"
    gives way to it."""
    first = rows[0]
    nxt = next((r for r in rows[1:] if re.fullmatch(r"\d+\.\d+", r.label)), None)
    misread = first.label == "A" or bool(re.fullmatch(r"[2-9]|\d{2}", first.label))
    if not misread or nxt is None or not nxt.label.startswith("1.") or any(r.label == "B" for r in rows):
        return
    first.label, first.repaired = "1", True
    rows[1:] = [r for r in rows[1:] if not (r.label == "1" and r.repaired and not r.cells)]


def _fix_items_ahead(rows: list[_Row]) -> None:
    """An item read ahead of its place ("2.4" right after group 2, then 2.2 read): its number was
    misread ("4" for 1); it is the item between the row before it and the next item read, counting
    the rows whose numbers were lost between them."""
    for i in range(1, len(rows) - 1):
        m = re.fullmatch(r"(\d+)\.(\d+)", rows[i].label)
        if m is None or rows[i].inferred:
            continue
        g, k = m.group(1), int(m.group(2))
        before = rows[i - 1].label
        b = 0 if before == g else int(before.split(".")[1]) if re.fullmatch(rf"{g}\.\d+", before) else None
        j = i + 1
        while j < len(rows) and rows[j].inferred and rows[j].label.startswith(g + "."):
            j += 1
        n = re.fullmatch(rf"{g}\.(\d+)", rows[j].label) if j < len(rows) else None
        if b is None or n is None or k == b + 1 or int(n.group(1)) != b + 1 + (j - i):
            continue
        rows[i].label, rows[i].repaired = f"{g}.{b + 1}", True


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
    units = [c for c, k in enumerate(kinds) if k in ("lead", "coord")]
    spellings = unit_spellings([r.text(c) for r in rows for c in units])
    for i, r in enumerate(rows):
        nxt = rows[i + 1].label if i + 1 < len(rows) else ""
        group = nxt.startswith(f"{r.label}.") or bool(re.fullmatch(r"[IVXL]+|[A-Z]", r.label)) or (
            dotted and bool(re.fullmatch(r"\d+", r.label)) and not any(r.text(c) for c in range(2, len(kinds))))
        cells = [r.label] + [canonical_time(r.text(c), roman) if c in times else
                             respell_units(r.text(c), spellings) if c in units else r.text(c) for c in range(1, len(kinds))]
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


def rows_from_text_lines(lines: list[tuple[int, str]]) -> TableRows | None:
    """The appendix table of a legacy-OCR line stream, or None when no numbered rows are found."""
    width, names = _task_width(lines), _whole_names(_unit_name_prefixes(lines) | _standard_names())
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
    _fix_letter_first_group(reader.rows)
    _fix_items_ahead(reader.rows)
    _fix_backward_items(reader.rows)
    _renumber(reader.rows)
    _fix_stray_groups(reader.rows)
    _renumber(reader.rows)
    _add_lost_groups(reader.rows)
    _split_lost_first_items(reader.rows)
    return _table_rows(reader.rows, reader.kinds, reader.header_text)
