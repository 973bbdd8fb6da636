"""Placing a text table's lines (issue 13): a new row with its task and title, and the fragments of
a line without a TT label put in the open row's cells, or in a row whose number OCR lost."""


from __future__ import annotations

import re

from pipeline.structure.text_table_cells import (
    _name_rest,
    _Row,
    _split_at_width,
    _split_name_rests,
    _split_open_names,
    _split_open_tail,
    _split_time_rest,
    _time_complete,
    _time_start,
    _title_lines,
)
from pipeline.structure.text_table_labels import (
    _next_item,
)
from pipeline.structure.text_table_lost import (
    _LostRows,
    _second_cells,
)
from pipeline.structure.text_table_placement import assign
from pipeline.structure.text_table_units import _open, _unit_start
from pipeline.vn.timeframes import is_time

# Marks OCR reads for specks before a line's first letter.
_SPECKS = " ‘’'\"“”`.,:;-~_"


class _Filling(_LostRows):
    """The part of the reader that opens rows and fills the open row's cells (its state in
    ``_ReaderState``, the lines held for rows whose numbers were lost in ``_LostRows``)."""

    def _new_row(self, page_no: int, task: list[str], block: bool = False, title: str | None = None) -> _Row:
        """A row whose number was never read: the next of the sequence, renumbered at the end from
        the labels read after it; a first task line that is a group's title (or ``title``, a title
        line already told) opens the next group."""
        self._item_read_as_group()
        last = self.rows[-1].label
        n = _title_lines(task, self.joins) or self._title_alone(task)
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

    def _title_alone(self, task: list[str]) -> int:
        """All of ``task`` when it is a group's title alone, no task's line after it: capitalised, far
        wider than the task column (it spans the merged cells), its wrapped end in lower case, no
        sentence ended (the row's task was read beside its unit, after it)."""
        if not task or len(task) > 2 or not self.width or not task[0][:1].isupper() or len(task[0]) < 1.3 * self.width:
            return 0
        if any(t.rstrip().endswith((".", ";", ":")) for t in task) or not all(t[:1].islower() for t in task[1:]):
            return 0
        return len(task)

    def _place_in_row(self, frags: list[str], page_no: int) -> None:
        """Place a line's fragments in the current row's cells (or hold them for the next row)."""
        row, kinds = self.rows[-1], self.kinds
        if self.block and not row.cells and any(_unit_start(f) or _time_start(f) for f in frags[1:]):
            self.block = row.block = False  # the label alone, then the row read side by side
        time_text = row.text(kinds.index("time")) if "time" in kinds else ""
        if time_text and not _time_complete(time_text):
            frags = _split_time_rest(frags, time_text)
        if self.block and time_text and _time_complete(time_text) and not is_time(frags[0]):
            self._after_finished(row, frags, page_no)
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
        if not self.block:
            frags = self._side_cuts(frags, row)
        complete = not self.block and "." in row.label and self._complete()
        before = {c: row.text(c) for c in range(2, len(kinds))}
        placed = assign(frags, kinds, row, self._first_open() if self.block else 1, stay=self.pointer if self.block else 0,
                        names=self.names, ruled=self.ruled)
        for col, frag in placed:
            row.add(col, frag)
        if complete and _second_cells(placed, kinds, before):
            self.early = (row, placed)
        if not self.block and placed == [(1, frags[0])]:
            self._note_title(row, frags[0], complete)
        self.unit_line = len(placed) == 1 and placed[0][0] >= 2 and kinds[placed[0][0]] in ("lead", "coord")
        if self.block and placed:
            self.pointer = placed[-1][0]
            if row.cells.get(1) and len({c for c, _ in placed}) >= 2 and placed[0][0] == 2 and _unit_start(placed[0][1]) \
                    and kinds[placed[-1][0]] == "time" and not _time_complete(row.text(placed[-1][0])):
                # the task alone, then a line across its other cells up to a timeframe left open
                # ("Quý" / "IV/2024"): its next lines hold the rest of each cell side by side
                self.block = row.block = False

    def _after_finished(self, row: _Row, frags: list[str], page_no: int) -> None:
        """A line after a row read cell after cell that has all its cells (no timeframe first)."""
        units = [c for c, k in enumerate(self.kinds) if k in ("lead", "coord") and _open(row.text(c))]
        if units and not self.orphans and len(frags) == 1 and _name_rest(row.text(units[-1]), frags[0], self.names):
            row.add(units[-1], frags[0])  # a unit name's wrapped end read below the timeframe beside it
            return
        if self._task_spill(frags):
            self._add_spill(row, " ".join(frags))
            return
        unit = next((i for i, f in enumerate(frags) if _unit_start(f)), None)
        if unit is not None and (self.orphans or unit > 0) and re.fullmatch(r"\d+(?:\.\d+)?", row.label):
            self.orphans.extend(frags[:unit])  # the task's first line, read beside the unit
            self._row_without_number(frags[unit:], page_no, block=unit == 0)
            return
        self.orphans.append(" ".join(frags))  # after the last cell: the next group's title?

    def _add_spill(self, row: _Row, text: str) -> None:
        """A line that goes on with a finished row after a page break: the task's rest, or, once
        the task's sentence ended, the rest of a unit name the break cut ("thành phố")."""
        units = [c for c, k in enumerate(self.kinds) if k in ("lead", "coord") and _open(row.text(c))]
        if units and row.text(1).rstrip().endswith((".", ";")):
            row.add(units[-1], text)
            self.spill = False
        else:
            row.add(1, text)

    def _side_cuts(self, frags: list[str], row: _Row) -> list[str]:
        """A line read side by side cut where cells meet with no rule read (see ``_cut``)."""
        if self.width:
            frags = _split_at_width(frags, self.width)
        frags = _split_open_tail(frags, row, self.kinds, self.names, self.ruled)
        frags = _split_open_names(_split_name_rests(frags, row, self.kinds, self.names), row, self.kinds, self.names)
        # a cut that leaves rule junk alone ("Truyền hình tỉnh —"): junk holds no cell's text
        frags = [f for f in frags if any(c.isalnum() for c in f)] or frags
        self.ruled = frozenset(f for f in frags if any(r.startswith(f) for r in self.ruled))  # a cut keeps its rule
        return frags

    def _unit_lost(self, page_no: int, frags: list[str]) -> bool:
        """A timeframe after a finished row, with a task read since (held as orphan text): a row
        whose number was lost and whose unit the OCR garbled past recognition ("S0-Gido đục và Đào
        tạo"). The short capitalised lines after the task's last sentence are its unit cell."""
        if not re.fullmatch(r"\d+(?:\.\d+)?", self.rows[-1].label):
            return False
        texts = self.orphans
        cut = next((i for i in range(len(texts) - 1, 0, -1) if texts[i - 1].rstrip().endswith((".", ";"))), 0)
        # (a speck before the unit's first letter, "‘Cée’sd; ban, ngành", is no lower-case word)
        if not cut or len(texts) - cut > 3 or not texts[cut].lstrip(_SPECKS)[:1].isupper() or any(
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
        alone = len(frags) == 1 and self.after_unit_line  # a line alone after a unit's slice alone: the task had ended
        # (or after a scrap where a number stood: "Để"; one read after a new sentence had opened and
        # ended, "năm 2023." / "Tăng cường ... 2028." / "o)" / "Triển khai ...", moves the new row's
        # start past it; after a group's title, with no stop, the title and its number's scrap stay)
        task = row.cells.get(1, [])
        moved = self.prev_junk and len(task) >= 2 and task[-2].rstrip().endswith((".", ";"))
        if complete and (self.fresh is None or moved) and (self.prev_end in ".;" or after_time or self.prev_junk or alone) \
                and frags[0][:1].isupper() and not _unit_start(frags[0]) and not is_time(frags[0]):
            self.fresh = len(row.cells.get(1, []))
        # a unit alone, or a line across the unit cells (units, then maybe the timeframe)
        across = _unit_start(frags[0]) and all(_unit_start(f) or _time_start(f) for f in frags[1:])
        if not (complete and self.fresh is not None and across):
            return False
        if len(frags) == 1 and any(_open(row.text(c)) for c, k in enumerate(self.kinds) if k in ("lead", "coord")):
            return False  # a unit cell left open ("Văn phòng UBND tỉnh,"): the unit alone is its rest
        task = row.cells.get(1, [])[self.fresh :]
        if not task:
            return False
        del row.cells[1][self.fresh :]
        block = len(frags) == 1
        new = self._new_row(page_no, task, block=block)
        placed = assign(frags, self.kinds, new, 2, stay=2 if block else 0, names=self.names)
        for col, frag in placed:
            new.add(col, frag)
        self.pointer = placed[-1][0] if placed else 2
        return True

    def _row_without_number(self, frags: list[str], page_no: int, block: bool = True) -> None:
        """Task text, then a unit, after a finished row: a row whose number the OCR never read; it
        takes the next number of the sequence (marked repaired). ``block``: its cells come one
        per line (the unit alone on its line); else side by side (a task slice beside the unit)."""
        self._give_back_slice()
        task, self.orphans = self.orphans, []
        new = self._new_row(page_no, task, block=block)
        placed = assign(frags, self.kinds, new, 2, stay=2 if block else 0, names=self.names)
        for col, frag in placed:
            new.add(col, frag)
        self.pointer = placed[-1][0] if placed else 2
