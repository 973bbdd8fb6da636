"""The repair of a text table's row sequence once read (issue 13): misread TT numbers refitted
from their neighbours (a stray group number, an item read ahead of its place or under a group
that goes back), rows whose numbers were never read renumbered from the next label read, and
group rows put back where a group's number was lost."""

from __future__ import annotations

import re

from pipeline.structure.text_table_cells import _Row, _title_lines


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
    takes the group of the next label read when that one is the item after it ("5.2"), or the
    current group's when the number was read before (a number read twice)."""
    top = 0
    for i, row in enumerate(rows):
        m = re.fullmatch(r"(\d+)(?:\.(\d+))?", row.label)
        if m is None:
            continue
        g = int(m.group(1))
        if m.group(2) and g < top and not row.inferred:
            k, read = int(m.group(2)), row.label
            nxt = next((r for r in rows[i + 1 :] if not r.inferred and "." in r.label), None)
            n = re.fullmatch(r"(\d+)\.(\d+)", nxt.label) if nxt else None
            if n and int(n.group(1)) >= top and int(n.group(2)) == k + 1:
                before = rows[i - 1] if i else None
                if before is not None and before.label == m.group(1) and before.repaired and not before.cells:
                    before.label = n.group(1)  # the empty group row made for the misread number
                row.label, row.repaired, g = f"{n.group(1)}.{k}", True, int(n.group(1))
            elif any(r.label == row.label for r in rows[:i]) and not any(r.label == f"{top}.{k}" for r in rows[:i]):
                # read twice ("6.2" under group 7, 6.2 read before): no item of a group already
                # left, the current group's, its group digit misread
                row.label, row.repaired, g = f"{top}.{k}", True, top
            elif k == 1 and (gap := _group_gap(rows[i + 1 :], top)):
                row.label, row.repaired, g = f"{gap}.1", True, gap
            elif k == 1 and any(r.label == row.label for r in rows[:i]) \
                    and not any(r.label.startswith(f"{top + 1}.") for r in rows[i + 1 :]):
                # a first item read twice after the current group's own first item: the next
                # group's first item, its group digit misread (that group's number lost too)
                row.label, row.repaired, g = f"{top + 1}.1", True, top + 1
            if row.label != read:
                _follow_refit(rows, i, read)
        top = max(top, g)


def _follow_refit(rows: list[_Row], i: int, read: str) -> None:
    """The rows right after a refitted item whose numbers were never read took theirs from its
    misread number at the time ("3.1" for 5.1, then 3.3, 3.4: 3.2 was taken): they go on from
    the refitted one (5.2, 5.3)."""
    group, k = rows[i].label.rsplit(".", 1)
    old = read.rsplit(".", 1)[0]
    for n, row in enumerate(rows[i + 1 :], start=1):
        if not row.inferred or not re.fullmatch(rf"{re.escape(old)}\.\d+", row.label):
            break
        row.label = f"{group}.{int(k) + n}"


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
        if _after_read_item(rows, b):
            continue
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


def _after_read_item(rows: list[_Row], b: int) -> bool:
    """Rows whose numbers were never read between two items read of one group that leave them no
    number ("7.1", a whole row, "7.2"): a row is never made up whole, so the later number was
    misread one low (the English model reads 3 as 2); the rows follow the first, the later number
    after them. Returns whether the rows before ``b`` were numbered so."""
    m = re.fullmatch(r"(\d+)\.(\d+)", rows[b].label)
    if m is None:
        return False
    group, k = m.group(1), int(m.group(2))
    i = b - 1
    while i >= 0 and rows[i].inferred and rows[i].label.startswith(f"{group}."):
        i -= 1
    between = list(range(i + 1, b))
    lo = re.fullmatch(rf"{group}\.(\d+)", rows[i].label) if between and i >= 0 and not rows[i].inferred else None
    if lo is None or int(lo.group(1)) + len(between) < k:
        return False
    nxt = int(lo.group(1)) + len(between) + 1
    if any(r.label == f"{group}.{nxt}" for r in rows):
        return False
    for n, j in enumerate(between, start=int(lo.group(1)) + 1):
        rows[j].label = f"{group}.{n}"
    rows[b].label, rows[b].repaired = f"{group}.{nxt}", True
    return True


def _close_skips(rows: list[_Row]) -> None:
    """Rows whose numbers were never read, the last of their group, that skip a number no row has
    ("3.1", then 3.3 and 3.4 guessed: 3.2 was taken at the time by a guess later refitted to
    another group) take the numbers right after the row before them (3.2, 3.3); before a number
    of their group read later, ``_renumber`` has fitted them to it already."""
    labels = {r.label for r in rows}
    i = 1
    while i < len(rows):
        m = re.fullmatch(r"(\d+)\.(\d+)", rows[i - 1].label)
        j = i
        while m and j < len(rows) and rows[j].inferred and rows[j].label.startswith(m.group(1) + "."):
            j += 1
        if m is None or j == i or (j < len(rows) and rows[j].label.startswith(m.group(1) + ".")):
            i = j + 1 if j > i else i + 1
            continue
        g, k = m.group(1), int(m.group(2))
        if f"{g}.{k + 1}" not in labels:
            for n, row in enumerate(rows[i:j], start=k + 1):
                row.label = f"{g}.{n}"
            labels = {r.label for r in rows}
        i = j


def _fix_group_digit_items(rows: list[_Row]) -> None:
    """An item repaired from a dotless number into a later group ("42" read as 4.2 after 3.1, then
    3.3 read): its group digit was misread; it is the item the neighbours leave a gap for (3.2).
    The empty group row made for it goes."""
    items = [i for i, r in enumerate(rows) if re.fullmatch(r"\d+\.\d+", r.label)]
    for n, i in enumerate(items[1:-1], start=1):
        row, before, after = rows[i], rows[items[n - 1]], rows[items[n + 1]]
        if not row.repaired or row.inferred or after.inferred:
            continue
        (g, k), (a, b), (c, d) = (tuple(map(int, x.label.split("."))) for x in (row, before, after))
        if a == c and d == b + 2 and k == b + 1 and g != a:
            row.label = f"{a}.{k}"
    rows[:] = [r for r in rows if not (r.repaired and not r.cells and re.fullmatch(r"\d+", r.label)
                                       and not any(x.label.startswith(r.label + ".") for x in rows))]


def _fix_last_item_ahead(rows: list[_Row]) -> None:
    """The last item of a group repaired from a dotless number that skips items with no row between
    ("55" taken for 5.5 right after 5.2, then group 6): its item digit, a lookalike of the next
    item's, was misread; it is the next item (no later label of the group tells of rows lost).
    Right under its group's bare title ("72" under group 7, then group 8) it is the group's first
    item whatever digit was read: a first item lost would have left its task's lines there."""
    for i in range(1, len(rows)):
        row, before = rows[i], rows[i - 1]
        m, b = re.fullmatch(r"(\d+)\.(\d+)", row.label), re.fullmatch(r"(\d+)\.(\d+)", before.label)
        if m is not None and before.label == m.group(1) and row.repaired and not row.inferred and _bare_title(before) \
                and len(m.group(2)) == 1 and not any(r.label.startswith(m.group(1) + ".") for r in rows[i + 1 :]):
            row.label = f"{m.group(1)}.1"
            continue
        if m is None or b is None or not row.repaired or row.inferred or m.group(1) != b.group(1):
            continue
        if any(r.label.startswith(m.group(1) + ".") for r in rows[i + 1 :]):
            continue
        want = str(int(b.group(2)) + 1)
        if int(m.group(2)) > int(want) and len(want) == len(m.group(2)) and all(
                x == y or {x, y} in _LOOKALIKE_DIGITS for x, y in zip(want, m.group(2), strict=True)):
            row.label = f"{m.group(1)}.{want}"


def _bare_title(group: _Row) -> bool:
    """Whether a group row holds its title alone: a line or a few, no sentence ended, no other cell."""
    task = group.cells.get(1, [])
    return set(group.cells) <= {1} and 0 < len(task) <= 3 and not any(t.rstrip().endswith((".", ";")) for t in task)


# Digits a worn print makes the English model read one for the other (a "3" whose top is broken
# reads "5", a "6" closed reads "8"); a digit read another way names a lost row instead.
_LOOKALIKE_DIGITS = [{"3", "5"}, {"3", "8"}, {"5", "6"}, {"6", "8"}, {"5", "8"}, {"8", "9"}, {"0", "8"}, {"1", "7"}]
