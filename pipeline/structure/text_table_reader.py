"""The reader of a text table (issue 13): takes the line stream one line at a time, skips the
header and page numbers, opens a row at each TT label (or where a row's number was lost) and
places each line's fragments in the current row's cells.  Its state, and the tests on it that
decide whether a line opens a row, are in ``text_table_state``; opening a row and filling the open
row's cells in ``text_table_fill``."""

from __future__ import annotations

import re

from pipeline.structure.text_table_cells import (
    _RE_TIME_REST,
    _after_rules,
    _fragments,
    _holds_row,
    _Row,
    _time_complete,
    _time_dash,
    _time_start,
    _title_lines,
)
from pipeline.structure.text_table_fill import _Filling
from pipeline.structure.text_table_header import _table_kinds, is_header_line
from pipeline.structure.text_table_labels import (
    _group_digit_misread,
    _lone_label,
    match_label,
)
from pipeline.structure.text_table_lost import (
    _unglue_label,
)
from pipeline.structure.text_table_placement import assign
from pipeline.structure.text_table_units import _so_misread, _unit_start
from pipeline.vn.orthography import nfc
from pipeline.vn.timeframes import is_time


class _Reader(_Filling):
    """Reads a text table line by line into rows (its state in ``_ReaderState``, the lines held
    for rows whose numbers were lost in ``_LostRows``)."""

    def read(self, page_no: int, raw: str) -> None:
        """Take one line of the stream."""
        text = nfc(raw).strip()
        if not text or self._header_line(text):
            return
        self.after_time, self.prev_time = self.prev_time, False
        self.after_time_line, self.time_line = self.time_line, False
        self.after_unit_line, self.unit_line = self.unit_line, False
        self.after_spill, self.spill = self.spill, False
        self.in_header = False
        if not self.kinds:
            self.kinds = _table_kinds(self.header_text, self.timed)
        if page_no != self.last_page and self.block:
            self.pointer = 1  # a row cut by a page break goes on with each of its cells from the first
        self.page_top |= page_no != self.last_page
        if self._page_number(page_no, text):
            return
        self.at_top, self.page_top = self.page_top, False
        frags = [_time_dash(_so_misread(f)) for f in _fragments(text, self.width, "product" in self.kinds, self.names)]
        if len(frags) == 2 and not is_time(frags[1]) and is_time(" ".join(frags)):
            frags = [" ".join(frags)]  # "Quý ⇥ IV/2021": a rule read inside the timeframe, one cell
        self.prev_time = bool(frags) and (is_time(frags[-1]) or bool(_RE_TIME_REST.fullmatch(frags[-1])))
        # (a rule read inside the cell cuts it: "Thắng ⇥ 6/2022" is one timeframe alone all the same)
        self.time_line = self.prev_time and (len(frags) == 1 or is_time(" ".join(frags)))
        self.ruled = _after_rules(text, self.width, "product" in self.kinds, self.names)
        self.ever_ruled |= self.ruled
        if not frags:
            return
        title, self.title = self.title, None
        early, self.early = self.early, None
        junk, self.junk = self.junk, self._label_junk(frags)
        self.prev_junk, self.last_title = junk, title
        frags = self._drop_mark_before_label(_unglue_label(frags))
        first, *_ = frags[0].split(" ", 1)
        guess = self._empty_guess()
        lab, guessed = self._label(first, frags, guess)
        if lab is not None:
            if guess and self.rows[-1].inferred:
                lab = self._drop_guess(lab)
            self._open_labelled(lab, guessed, frags, len(first), early, page_no)
            self.prev_end = text[-1:]
            return
        elif self.rows and self._lost_group_title(frags):
            self._new_row(page_no, [], title=" ".join(frags))
            self.prev_end = text[-1:]
            return
        elif self.rows and self._opens_lost_row(frags, after_title=title is not None or junk):
            heading = self._take_title(title)
            if self.orphans and not heading and "." in self.rows[-1].label:
                # lines held after the finished row (cells read one per line): a title and the new
                # row's task lines read before its line across the units
                self._give_back_slice()
                task, self.orphans = self.orphans, []
                self._new_row(page_no, task)
            else:
                self._new_row(page_no, [], title=heading)
        elif not self.rows:
            self._start_unnumbered(frags, page_no)
            self.prev_end = text[-1:]
            return
        row, at = self.rows[-1], self.kinds.index("time") if "time" in self.kinds else None
        was_open = at is not None and bool(row.text(at)) and not _time_complete(row.text(at))
        self._place_in_row(frags, page_no)
        # a line that closed the row's open timeframe ("Thường" / "... xuyên") ends with it, as
        # a line ending on a whole timeframe does: a new sentence after it opens a row
        self.prev_time |= was_open and at is not None and self.rows[-1] is row and _time_complete(row.text(at))
        self.prev_end = text[-1:]

    def _open_labelled(self, lab: tuple[str, bool], guessed: bool, frags: list[str], cut: int,
                       early: tuple[_Row, list[tuple[int, str]]] | None, page_no: int) -> None:
        """A line that opens with a TT label (``cut``: the label's length in the first fragment)."""
        rest_text = frags[0][cut:].strip() or (frags[1] if len(frags) > 1 else "")
        if self._names_guessed_row(lab[0], rest_text):
            more = ([rest_text] if frags[0][cut:].strip() else []) + frags[1:]
            for col, frag in assign(more, self.kinds, self.rows[-1], 2, names=self.names):
                self.rows[-1].add(col, frag)
            return
        self.beside = _unit_start(rest_text) or _time_start(rest_text)
        ahead = self._take_early(early, lab[0])
        self.ahead = []
        rest = self._start_row(lab, frags[0][cut:].strip(), frags[1:], page_no)
        self.rows[-1].inferred |= guessed  # a garbled label ("2p"): its number is the sequence's
        if rest is not None:
            self._place_in_row(rest, page_no)
        for fr in [ahead] if ahead else self.ahead:
            fr = fr if ahead else self._cut(fr, self.rows[-1])
            for col, frag in assign(fr, self.kinds, self.rows[-1], 1, names=self.names):
                self.rows[-1].add(col, frag)

    def _label(self, first: str, frags: list[str], guess: bool) -> tuple[tuple[str, bool] | None, bool]:
        """The TT label the line's first token reads as (None: no row opens here), and whether
        it was guessed from the sequence (a garbled label)."""
        labels = self.labels[:-1] if guess else self.labels  # a guessed row, still empty, gives way to a label read
        if not labels and self.rows:
            labels = [self.rows[0].label]  # the first group, its number lost: the sequence starts from it
        read = next((r.label for r in reversed(self.rows) if not r.repaired and "." in r.label), "")
        fresh = match_label(first, []) if not self.labels else None
        if fresh and self.rows and re.fullmatch(r"\d{2,3}", fresh[0]) and frags == [first]:
            fresh = None  # after a first group guessed, a number alone that lost its dot ("21"): read below
        lab, guessed = match_label(first, labels, read) or fresh, False
        tok = first.rstrip(".:;,")
        if not self.labels and lab is not None and lab[1] and re.fullmatch(r"\d+\.\d+", tok):
            # the first number read, well formed, under a first group whose number was lost too
            # (guessed "1"): nothing read tells its group digit wrong ("3.1" after rows held)
            lab = (tok, False)
        if lab is not None and re.fullmatch(r"\d+", lab[0]) and frags[0][len(first) :].strip()[:1].islower() \
                and self.rows and (self.prev_end not in ".;:" or first.endswith(",")):
            lab = None  # "6 và chất lượng" in a task still open, "6, ban, ngành": a word misread as a digit, no group
        if lab is not None and lab[1] and self._task_open():
            lab = None  # "61 $6 trong" mid-sentence, the row holding its task alone: a word misread ("đổi số")
        if lab is None and len(frags) == 1 and first == frags[0] and not self._sentence_end(first):
            lab = self._one_back(first) or _lone_label(first, labels) or self._after_held_rows(first)
            guessed = lab is not None and lab[0].replace(".", "") != first.rstrip(".:;,")
            if guessed and lab is not None:
                lab = self._after_lost_title(lab)
            # (or a word garbled into digits closing the task's open sentence: "kinh 12" / "36.")
            if guessed and (self._mid_sentence() or (first.endswith(".") and self._task_open())):
                lab = None  # a garbled scrap inside a task's sentence read since the last row: no number
        if lab is None and self.prev_end in ".;" and not frags[0][len(first) :].strip()[:1].islower():
            lab = _group_digit_misread(first, labels)  # a finished row, then "12 Tăng cường" for 7.2
            guessed = lab is not None
        if lab is None:
            lab = self._undo_title_guess(first, read)
        if lab is None and first == frags[0] and len(frags) > 1 and frags[1] in self.ruled:
            lab = _lone_label(first, labels)  # alone in the TT cell, a rule read after it ("$1 ⇥ Tổ chức ...")
            guessed = lab is not None and lab[0].replace(".", "") != first.rstrip(".:;,")
        if lab is not None and not lab[1]:
            lab = self._skipped_first_item(lab, guess)
        return lab, guessed

    def _after_held_rows(self, first: str) -> tuple[str, bool] | None:
        """Two digits alone on their line ("24") after whole rows held under a group with no number
        read since (every number lost, titles among them): an item that lost its dot, an item of one
        of the next three groups, whatever its place (how many rows were lost is unknown; the
        current group's own items are ``_lone_label``'s)."""
        tok = first.rstrip(".:;,")
        row = self.rows[-1] if self.rows else None
        if row is None or not re.fullmatch(r"\d+", row.label) or not re.fullmatch(r"\d[1-9]", tok) \
                or not self.held or not _holds_row(self.held) or not self.after_time:
            return None
        g = int(tok[0])
        return (f"{g}.{tok[1]}", True) if int(row.label) < g <= int(row.label) + 3 else None

    def _task_open(self) -> bool:
        """Whether the current item row holds only its task so far and the last line ended inside
        a sentence: no row ends there (a row's unit comes before the next row's number)."""
        row = self.rows[-1] if self.rows else None
        # (a clause ended with a comma or a semicolon goes on with the next, a word garbled into
        # digits too, "kinh 12" for kinh tế: still inside the sentence)
        return row is not None and "." in row.label and set(row.cells) == {1} and (self.prev_end.isalnum() or self.prev_end in ",;")

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

    def _start_row(self, lab: tuple[str, bool], rest: str, more: list[str], page_no: int) -> list[str] | None:
        """Open the row of a TT label; returns the line's fragments still to place (None: done)."""
        label, repaired = lab
        self._item_read_as_group(label)
        carried: list[str] = []
        if len(self.rows) == 1 and self.rows[0].inferred and label == self.rows[0].label:
            # the first group's number was read after all, below text the OCR put first
            carried = [self.rows.pop().text(1), *(" ".join(fr) for fr in self.held)]
            self.held = []
        if self.held:
            label = self._flush_held(label, page_no, repaired)
        if self.rows and self.rows[-1].repaired and not self.rows[-1].cells and self.rows[-1].label == label:
            self.rows.pop()  # the first item opened for a group's number read below its title: read after all
        elif self._group_below_title(label):
            # a group's title read alone after a finished row, then its number: psm 3 reads the number
            # below a wrapped title, or the ".1" of the first item's "5.1" was lost ("5]", "5"): either
            # way the title is the group's and the lines that follow its first item's
            self.rows.append(_Row(label, page_no, repaired=repaired))
            for t in self.orphans:
                self.rows[-1].add(1, t)
            self.labels.append(label)
            self.orphans = []
            label, repaired = f"{label}.1", True
        self._close_group(label, page_no, _unit_start(rest or (more[0] if more else "")))
        self.labels.append(label)
        self.rows.append(_Row(label, page_no, repaired=repaired))
        carried, self.carry = [*carried, *self.carry], []
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

    def _close_group(self, label: str, page_no: int, unit_first: bool = False) -> None:
        """Before an item label: rebuild its group when the group's number was lost ("2.1" with no
        group "2" read: its title was read, as orphan text), else orphan text ends the last row,
        or, when the label's line goes on with a unit (``unit_first``: no task beside the number),
        opens the new row: its number sits mid-row, beside its unit, below its task's first lines."""
        if "." in label and not any(r.label == label.rsplit(".", 1)[0] for r in self.rows):
            if self.rows:
                self._give_back_slice()
            heading = self._take_title(self.last_title) if self.rows else None  # the line before, alone
            self.rows.append(_Row(label.rsplit(".", 1)[0], page_no, repaired=True))
            if heading:
                self.rows[-1].add(1, heading)
            n = _title_lines(self.orphans, self.joins) if not heading and label.endswith(".1") else 0
            if n and len(self.orphans) - n >= 2 and self.orphans[-1].rstrip()[-1:] not in ".;":
                # a title, then a task whose sentence the item's number broke: the number read
                # mid-row (after its task's first lines); the task is the item's
                self.carry, self.orphans = self.orphans[n:], self.orphans[:n]
            self._drop_orphans()
        elif self.orphans and self.rows:
            if unit_first and "." in label and "." in self.rows[-1].label and self._complete():
                self._give_back_slice()
                texts = self.orphans
                if texts and texts[0][:1].isupper() and texts[-1].rstrip().endswith((".", ";")):
                    self.carry, self.orphans = [*self.carry, *texts], []
            self._drop_orphans()

    def _drop_orphans(self) -> None:
        for t in self.orphans:
            self.rows[-1].add(1, t)
        self.orphans = []

    def finish(self) -> None:
        """Text still waiting at the end of the stream joins the last row."""
        for t in self.orphans:
            if self.rows:
                self.rows[-1].add(1, t)
        for fr in self.held:
            for col, frag in assign(fr, self.kinds, self.rows[-1], 1, names=self.names):
                self.rows[-1].add(col, frag)
