"""The state of a text table read line by line (issue 13), and what it tells of the rows read
so far: whether the current row is complete, an empty guess, or a line opens a row or a group
whose number the OCR lost.  The reading itself is in ``text_table_reader``."""

from __future__ import annotations

import re

from pipeline.structure.text_table_cells import (
    _RE_TIME_REST,
    _group_title,
    _holds_row,
    _Row,
    _scrap,
    _time_complete,
    _time_start,
    _title_lines,
)
from pipeline.structure.text_table_labels import _misread_group, _next_item, match_label
from pipeline.structure.text_table_units import _open, _unit_start
from pipeline.vn.timeframes import is_time


class _ReaderState:
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
        self.time_line = False  # the last line held a timeframe alone (a row's last cell, read below its others)
        self.after_time_line = False  # the line before the current one did
        self.unit_line = False  # the last line was a unit cell's slice alone
        self.after_unit_line = False  # the line before the current one was
        self.spill = False  # the last line went on with a finished row's task (read after its other cells)
        self.after_spill = False  # the line before the current one did
        self.page_top = False  # no text line read yet on the current page (page number, header repeat)
        self.at_top = False  # the current line is the page's first text line
        self.timed = False  # the rows' lines end in timeframe cells (the table has that column)
        self.width = 0  # the task column's width in characters, learned from the table (0: unknown)
        self.beside = False  # the label read goes on with a unit or a timeframe (no task beside it)
        self.carry: list[str] = []  # task lines read before their row's number (mid-row): the next row's
        self.joins: frozenset[str] = frozenset()  # word pairs the table repeats inside its lines
        self.names: frozenset[str] = frozenset()  # beginnings of the table's unit names, learned from it
        self.title: tuple[_Row, int] | None = None  # the last line, alone, opened a sentence in a task
        self.ruled: frozenset[str] = frozenset()  # the current line's fragments a rule was read before
        self.ever_ruled: frozenset[str] = frozenset()  # the fragments a rule was read before, on any line so far
        self.junk = False  # the last line was a short scrap where a row's number stands (a label misread)
        self.prev_junk = False  # the line before the current one was such a scrap
        self.last_title: tuple[_Row, int] | None = None  # the line before, alone after a finished task
        self.early: tuple[_Row, list[tuple[int, str]]] | None = None  # the last line reopened a finished row's cells
        self.ahead: list[list[str]] = []  # a line held under a group, read above its first item's number

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

    def _note_title(self, row: _Row, text: str, complete: bool) -> None:
        """A line placed alone in a row's task that may be the next group's title (``_take_title``
        takes it back when a row whose number was lost follows): capitalised after a finished
        sentence, a scrap, or the whole row's timeframe line; or the lower-case wrapped end of
        such a title with no stop (psm 3 cuts a merged cell's line in two)."""
        if text[:1].isupper() and (self.prev_end in ".;" or self.prev_junk or (complete and self.after_time_line)):
            self.title = (row, len(row.cells[1]) - 1)
        elif self.last_title is not None and self.last_title[0] is row and self.last_title[1] == len(row.cells[1]) - 2 \
                and text[:1].islower() and complete and not text.rstrip().endswith((".", ";", ",", ":")):
            self.title = self.last_title

    def _take_title(self, title: tuple[_Row, int] | None) -> str | None:
        """The line before a row read side by side whose number was lost, when it stood alone after
        a finished task: the title of a group whose number was lost too."""
        if title is None or title[0] is not self.rows[-1]:
            return None
        row, at = title
        text = " ".join(row.cells[1][at : at + 2])  # with its wrapped end, when it was kept the title
        if not _group_title(text, "X"):
            return None
        del row.cells[1][at : at + 2]
        return text

    def _skipped_first_item(self, lab: tuple[str, bool], guess: bool) -> tuple[str, bool]:
        """A well-formed item number that opens its group past its first item ("3.4" after group
        3's title, the last row whole, its number read): the items skipped were never read, no unit
        or timeframe since that row, so an item digit was misread ("1" read as "4"); it is N.1."""
        m = re.fullmatch(r"(\d+)\.(\d+)", lab[0])
        if m is None or int(m.group(2)) < 2 or self.held or "time" not in self.kinds:
            return lab
        group = m.group(1)
        labels = self.labels[:-1] if guess else self.labels
        if any(x.split(".")[0] == group and "." in x for x in labels):
            return lab
        items = [r for r in self.rows if "." in r.label and not (guess and r is self.rows[-1])]
        after = self.rows[self.rows.index(items[-1]) + 1 :] if items else []
        if not items or any(r.label != group and not (guess and r is self.rows[-1]) for r in after):
            return lab  # only the group's own row may stand between the last item and the label
        last = items[-1]
        if last.inferred:
            return lab  # a row whose number was lost may be the new group's first: "4.2" after it stands
        if not re.fullmatch(r"\d+", last.label.split(".")[0]) or int(last.label.split(".")[0]) + 1 != int(group):
            return lab
        if not (_time_complete(last.text(self.kinds.index("time"))) and last.text(2)):
            return lab
        if any(_unit_start(t) or _time_start(t) or is_time(t) for t in self.orphans):
            return lab
        if any(set(r.cells) - {1} for r in after):
            return lab  # the group's row took a unit or a timeframe (cells one per line): its first item, lost
        return f"{group}.1", True

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
        head = frags[0].lstrip("‘’'`\"“ ")  # a speck of the rule before the cell read as a quote
        if self.at_top and not head[:1].isupper() and frags[-1] in self.ruled and _time_complete(frags[-1]) \
                and _time_complete(row.text(self.kinds.index("time"))) and not is_time(head):
            # a page's first line in lower case, a whole timeframe after a rule, under a row whose
            # own is whole: a row cut by the page break whose first lines (its number with them)
            # the OCR lost at the page's foot; the task's slice goes on mid-sentence
            return True
        # a row number garbled into a scrap with a digit, glued to the task's first line ("a1 Kiểm tra")
        head = re.sub(r"^(?=[^\W\d_]?\d)\w{1,3}\s+(?=[A-ZĐ])", "", head)
        if not head[:1].isupper() or _unit_start(head) or is_time(head):
            return False
        units = [i for i, f in enumerate(frags) if i and _unit_start(f)]
        if not units and self.kinds[2:3] == ["lead"] and frags[1] in self.ruled and frags[1][:1].isupper() \
                and not _time_start(frags[1]) and len(frags[1].split()) >= 2:
            units = [1]  # a rule read, then a capitalised cell of words: the lead unit, garbled past its name
        time_text = row.text(self.kinds.index("time"))
        if not _time_complete(time_text) and _time_complete(f"{time_text} {frags[-1]}"):
            return False  # the row's timeframe left open ("Tháng" / "6/2025"): this line is its rest
        if units and _time_start(frags[-1]) and units[0] < len(frags) - 1:
            return True
        # no timeframe on the line (read below the row): a new sentence after a finished one, then
        # a unit, when the row before has its timeframe whole and its unit cells closed
        time_done = _time_complete(time_text)
        cells_closed = not any(_open(row.text(c)) for c in range(2, len(self.kinds)))
        # or a whole timeframe ends the line (the unit cell empty there): the row before has its
        # own, and a timeframe once whole takes nothing more
        again = not units and _time_complete(frags[-1])
        return bool(units or again) and time_done and cells_closed and (
            self.prev_end in ".;" or after_title or (self.after_time_line and bool(units)))

    def _task_spill(self, frags: list[str]) -> bool:
        """Lines after a finished item read cell after cell that go on with its task: psm 3 reads a
        task cell cut by a page break after the row's unit and timeframe, and the new page opens
        with the task's rest. A page's first line in lower case is no title and no new task (both
        open with a capital); the lines after it go on until a sentence ends."""
        row = self.rows[-1]
        if self.orphans or "." not in row.label:
            return False
        first = frags[0]
        # a capitalised line far wider than the task column spans the merged cells of a group's title
        wide = bool(self.width) and first[:1].isupper() and len(" ".join(frags)) >= 1.3 * self.width
        self.spill = not wide and (((self.at_top or self.after_spill) and first[:1].islower() and len(first.split()) >= 2) or (
            self.after_spill and self.prev_end not in ".;:"))
        return self.spill

    def _group_below_title(self, label: str) -> bool:
        """Whether the bare number ``label`` is the next group's, read below its title: the row
        before is whole (unit, timeframe) and the lines read since stand alone as a title (no
        closing stop, no unit, no timeframe)."""
        texts = self.orphans
        if not re.fullmatch(r"\d+", label) or not texts or len(texts) > 4 or not self._complete():
            return False
        last = re.fullmatch(r"(\d+)\.\d+", self.rows[-1].label)
        if last is None or int(label) != int(last.group(1)) + 1:
            return False
        return texts[0][:1].isupper() and not texts[-1].rstrip().endswith((".", ";", ":")) and not any(
            _unit_start(t) or is_time(t) for t in texts)

    def _item_read_as_group(self, nxt: str = "") -> None:
        """A bare number read after an item of the group before ("2" after 1.1) whose row turned out
        a whole item (a task with no title, a unit, a timeframe; a group row spans its cells with a
        title alone): the item's number with its group and dot lost, the next item of that group.
        When the next label read (``nxt``) is that number's own second item ("2.2"), the row is its
        first (the English model reads "2.1" as "2]", restored "2": one loss, not two)."""
        if len(self.rows) < 2 or self.held:
            return
        row, before = self.rows[-1], self.rows[-2]
        m = re.fullmatch(r"(\d+)\.(\d+)", before.label)
        if row.inferred or row.repaired or not re.fullmatch(r"\d+", row.label) or m is None \
                or int(row.label) != int(m.group(1)) + 1 or "time" not in self.kinds:
            return
        task = row.cells.get(1, [])
        if not task or not row.text(2) or not _time_complete(row.text(self.kinds.index("time"))) or _title_lines(task, self.joins):
            return
        label = _next_item(before.label)
        if nxt == f"{row.label}.2":
            label = f"{row.label}.1"
        if label in self.labels:
            return
        self.labels[len(self.labels) - 1 - self.labels[::-1].index(row.label)] = label
        row.label, row.repaired = label, True

    def _after_lost_title(self, lab: tuple[str, bool]) -> tuple[str, bool]:
        """A garbled label guessed as the current group's next item, read after a finished row and a
        title alone (held as orphan text, cells one per line): the next group's first item, the
        group's number lost with its title's line."""
        m = re.fullmatch(r"(\d+)\.(\d+)", lab[0])
        held = self.held
        if m and m.group(2) == "1" and self.rows and self.rows[-1].label == m.group(1) and len(held) >= 2 \
                and _holds_row(held[:-1]) and len(held[-1]) == 1 and not _unit_start(held[-1][0]) \
                and not _time_start(held[-1][0]) and _group_title(held[-1][0], "X", self.joins):
            # every number of the group lost: whole rows held after its title, then a title alone
            # (cells one per line): the group's first item is behind; this is the next group's
            return f"{int(m.group(1)) + 1}.1", True
        last = re.fullmatch(r"(\d+)\.\d+", self.rows[-1].label) if self.rows else None
        texts = self.orphans
        if m is None or last is None or m.group(1) != last.group(1) or not texts or len(texts) > 3 or not self._complete():
            return lab
        if any(t.rstrip().endswith((".", ";", ":", ",")) for t in texts) or any(t[:1].isupper() for t in texts[1:]):
            return lab
        if not _group_title(" ".join(texts), "X", self.joins) or _unit_start(texts[0]) or _time_start(texts[0]):
            return lab
        return f"{int(m.group(1)) + 1}.1", True

    def _sentence_end(self, token: str) -> bool:
        """A short token alone on its line that closes the sentence the line before left open
        ("kinh" / "tés6.": "tế số." garbled, its syllables glued): the task's last word, not a
        garbled TT label (a label's letters are misread digits, and a label ends no sentence)."""
        letters = [c for c in token if c.isalpha() and c not in "lIoOSZBGg"]
        return self.prev_end.isalpha() and token.endswith(".") and len(letters) >= 2

    def _take_early(self, early: tuple[_Row, list[tuple[int, str]]] | None, label: str) -> list[str]:
        """The line before a label, read across the unit cells of a row that had them all: the new
        row's first line, read above its number (the cells' first lines sit higher on a skewed
        scan); taken back from the row before, to be the new row's."""
        if early is None or early[0] is not self.rows[-1] or "." not in label:
            return []
        row, placed = early
        for col, frag in placed:
            cell = row.cells.get(col, [])
            if frag in cell:
                del cell[len(cell) - 1 - cell[::-1].index(frag)]
                if not cell:
                    del row.cells[col]
        return [frag for _, frag in placed]

    def _give_back_slice(self) -> None:
        """Orphan lines in lower case first go on with the task of the row before (its slice after
        a page break), up to the end of its sentence, when a new sentence follows."""
        task = self.orphans
        cut = next((k + 1 for k, t in enumerate(task) if t.rstrip().endswith((".", ";"))), 0)
        if task and task[0][:1].islower() and not _scrap(task[0]) and 0 < cut < len(task) and task[cut][:1].isupper():
            for t in task[:cut]:
                self.rows[-1].add(1, t)
            self.orphans = task[cut:]

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

    def _mid_sentence(self) -> bool:
        """Whether the text held since the last row is a task's sentence still open: three lines or
        more (a title wraps once at most), the last one going on in lower case, no final mark."""
        texts = self.orphans
        return len(texts) >= 3 and texts[-1][:1].islower() and self.prev_end.isalpha()

    def _one_back(self, token: str) -> tuple[str, bool] | None:
        """A number alone that lost its dot and reads as the item before the last one, repaired
        from a dotless number too ("35" taken for 3.5 after 3.2, then "34"): the last one's digit
        was misread (it is 3.3); this one is 3.4 as read."""
        tok = token.rstrip(".:;,")
        items = [r for r in self.rows if re.fullmatch(r"\d+\.\d+", r.label)]
        if not re.fullmatch(r"\d{2,3}", tok) or len(items) < 2 or items[-1] is not self.rows[-1]:
            return None
        last, before = items[-1], items[-2]
        if not last.repaired or last.inferred:
            return None
        g, k = last.label.split(".")
        if tok != f"{g}{int(k) - 1}" or before.label != f"{g}.{int(k) - 3}":
            return None
        label = f"{g}.{int(k) - 2}"
        self.labels[len(self.labels) - 1 - self.labels[::-1].index(last.label)] = label
        last.label = label
        return f"{g}.{int(k) - 1}", True

    def _names_guessed_row(self, label: str, rest: str) -> bool:
        """A label read beside a timeframe (no task beside it) right after a row whose number was
        not read and whose timeframe is still to come: the number and the timeframe are that row's
        (the number sits low in its cell). The row takes the label."""
        row = self.rows[-1] if self.rows else None
        if row is None or not row.inferred or "." not in row.label or "." not in label or "time" not in self.kinds:
            return False
        if not row.text(1) or not row.text(2) or row.text(self.kinds.index("time")) or not _time_start(rest):
            return False
        if row.label.split(".")[0] != label.split(".")[0] or (label in self.labels and label != row.label):
            return False
        self.labels[len(self.labels) - 1 - self.labels[::-1].index(row.label)] = label
        row.label, row.inferred, row.repaired = label, False, False
        return True

    def _first_open(self) -> int:
        """The first cell a line read cell after cell may go to: the current one, or a unit cell
        before it whose name was left open ("Đài Phát thanh và" / "Kế hoạch" / "Truyền hình tỉnh,":
        two cells side by side on one line, then the first one's rest)."""
        row = self.rows[-1]
        for col in range(2, self.pointer):
            text = row.text(col)
            if self.kinds[col] in ("lead", "coord") and text and _open(text) and not text.rstrip().endswith(","):
                return col
        return self.pointer
