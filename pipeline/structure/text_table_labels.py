"""TT labels of a text table read by legacy OCR (issue 13): the numbering sequence that says
which label comes next, and the repair of labels the OCR misread ("L2" after 1.1 is 1.2, "47"
after 4.6 is 4.7, "213" is 2.13, "92" alone on its line is 9.2)."""

from __future__ import annotations

import re

from pipeline.vn.timeframes import is_time

_RE_LABEL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,2}\.?|[IVXL]{1,5}\.?|[A-Z]\.?)$")


_OCR_DIGIT = str.maketrans({"L": "1", "l": "1", "I": "1", "|": "1", "O": "0", "o": "0", "S": "5", "Z": "2",
                            "B": "8", "G": "6", "g": "9", "§": "5", "$": "5", "]": "1", "[": "1", "{": "1", "}": "1", ",": ".", "_": "",
                            ":": ".", ";": "."})


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
        romans = len([p for p in prev if re.fullmatch(r"[IVXL]+", p)])
        if romans or not any("." in p for p in prev):
            # a table opens its Roman parts before its items: after items read under Arabic
            # groups and no Roman part, an "I" is a number misread ("7.2" read as "I")
            out.append(_roman(romans + 1))
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


def match_label(token: str, prev: list[str], read: str = "") -> tuple[str, bool] | None:
    """(label, repaired) when ``token`` reads as the next TT label, else None; ``read``: the last
    item label read as it stands (not repaired)."""
    tok = token.rstrip(".:;,\"'’”")  # a speck after the number ("3.2\"") is no part of it
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+\.?[-–~_]{1,2}", tok):
        tok = tok.rstrip("-–~_.")  # nor is a speck of the rule after a dotted number ("6.2.-")
    if not tok or len(tok) > 8:
        return None
    expected = _expected(prev)
    if tok in expected:
        return tok, False
    if _RE_LABEL.match(token) and re.fullmatch(r"\d+(?:\.\d+)*", tok) and "." in tok:
        return _group_misread(tok, prev, read) or (tok, False)  # a well-formed numbered label out of sequence: trust it
    # beside a digit, "i" is a 1 too ("i2" for 1.2); alone it is a scrap of a word
    digits = (tok.replace("i", "1") if any(c.isdigit() for c in tok) else tok).translate(_OCR_DIGIT)
    if not digits or not re.fullmatch(r"[\d.]+", digits):
        return None
    # A stray rule before the number ("L2", "|3") reads as the number itself when that is the
    # nearer label of the sequence; otherwise the letters are misread digits ("L2" = 1.2).
    bare = tok[1:] if len(tok) > 1 and tok[0] in "LlI|[{" else None
    deep = any(p.count(".") >= 2 for p in prev)
    for e in expected:
        if e.count(".") >= 2 and not e.endswith(".1") and not deep:
            continue  # "712" after 7.1 is 7.2, its dot read as "1": no table skips its first sub-item 7.1.1
        if bare is not None and e == bare:
            return e, True
        if re.fullmatch(r"[\d.]+", e) and digits.replace(".", "") == e.replace(".", "") and len(digits) <= len(e):
            return e, True
    if re.fullmatch(r"\d{1,2}", tok) and not prev:
        return tok, False  # the first label read (a year, "2025 -", is a timeframe's)
    return None


def _misread_group(lab: tuple[str, bool], guess: str) -> tuple[str, bool]:
    """A label read where the item ``guess`` ("5.1", after a group title whose number was lost) was
    expected, with that item's number but an earlier group ("3.1"): its group digit was misread."""
    m, g = re.fullmatch(r"(\d+)\.(\d+)", lab[0]), re.fullmatch(r"(\d+)\.(\d+)", guess)
    if m and g and m.group(2) == g.group(2) and int(m.group(1)) < int(g.group(1)):
        return guess, True
    return lab


def _group_misread(tok: str, prev: list[str], read: str = "") -> tuple[str, bool] | None:
    """A well-formed item label whose item number is the next of the current group but whose
    group goes back or skips a whole group ("3.3" or "8.3" after 5.2, "3.1" right under group 5):
    its group digit was misread ("5" read as 3 or 8); it is the current group's next item. (The
    next group, "6.3", may follow rows whose numbers were lost; one that goes on from the last
    label read as it stands, "3.3" after 3.1 read and "42" taken for 4.2, is the repair's error.)"""
    m = re.fullmatch(r"(\d+)\.(\d+)", tok)
    last = re.fullmatch(r"(\d+)(?:\.(\d+))?", prev[-1]) if prev else None
    if m is None or last is None:
        return None
    g, k, top, j = int(m.group(1)), int(m.group(2)), int(last.group(1)), int(last.group(2) or 0)
    seen = max(int(p.split(".")[0]) for p in prev if re.fullmatch(r"\d+(?:\.\d+)*", p))
    r = re.fullmatch(rf"{g}\.(\d+)", read)
    if r and 0 < k - int(r.group(1)) <= 2:
        return None
    if k == j + 1 and (g < top or g > seen + 1):
        return f"{top}.{k}", True
    return None


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


def _lone_label(token: str, prev: list[str]) -> tuple[str, bool] | None:
    """A number alone on its line that lost its dot ("92" for 9.2, "213" for 2.13), read as the
    label of a group at most three ahead of the current one; a plain group number ("10") as itself.
    A number that fits the sequence no way ("39" after 3.1) is still a row's label, misread: the
    next item's (marked repaired)."""
    tok = token.rstrip(".:;,")
    if not prev:
        return None
    if re.fullmatch(r"\d{1,2}\)", tok):  # alone on its line, "5)" is "5.1" with its "1" read as ")"
        lab = match_label(tok[:-1] + "1", prev)
        return (lab[0], True) if lab and "." in lab[0] else None
    if not re.fullmatch(r"\d{1,3}", tok):
        # a short token with a digit alone on its line ("a2", "3:1"): a label too garbled to read
        last = prev[-1]
        if len(tok) <= 4 and any(c.isdigit() for c in tok) and not tok.isdigit() and not is_time(tok) \
                and not set(tok) & set("()") and re.fullmatch(r"\d+", last):
            return f"{last}.1", True  # right after a group's title ("$1" under group 8): its first item
        if len(tok) <= 4 and any(c.isdigit() for c in tok) and not tok.isdigit() and not is_time(tok) \
                and not set(tok) & set("()") \
                and re.fullmatch(r"\d+\.\d+", last):
            lead = re.match(r"\d+", tok)
            nxt = int(last.split(".")[0]) + 1
            if lead and int(lead.group()) == nxt and lead.end() < len(tok):
                return f"{nxt}.1", True  # "7A" after 6.3: the next group's first item, its ".1" garbled
            return _next_item(last), True
        return None
    nums = [p for p in prev if re.fullmatch(r"\d+(?:\.\d+)?", p)]
    if not nums:
        return None
    group = int(nums[-1].split(".")[0])
    last_k = int(nums[-1].split(".")[1]) if "." in nums[-1] else 0
    # the group before's items so far: one guessed from a title may still be its next few
    before_k = max((int(p.split(".")[1]) for p in nums if p.startswith(f"{group - 1}.")), default=0)
    if group < int(tok) <= group + 3 and tok not in prev:
        return tok, False
    for cut in range(1, len(tok)):
        g, k = int(tok[:cut]), int(tok[cut:])
        # a later group's item: its first ones (the next group's first three, a group further on
        # only its first: "52" after 3.1 would have group 4 and item 5.1 lost, it is 3.2 misread)
        plausible = (g == group and last_k < k <= last_k + 3) or (g == group + 1 and k <= 3) or (
            group + 1 < g <= group + 3 and k == 1) or (
            g == group - 1 and 2 <= k <= before_k + 3)  # the current group may be one guessed from a title
        if tok[cut] != "0" and plausible and f"{g}.{k}" not in prev:
            return f"{g}.{k}", True
    if len(tok) >= 2 and "." in nums[-1]:
        return _next_item(nums[-1]), True
    return None


def _group_digit_misread(token: str, prev: list[str]) -> tuple[str, bool] | None:
    """A number whose dot was lost and whose group digit was misread ("12" for 7.2 after 7.1: the
    English model reads 7 as 1, 8 as 3 or 6): the next item of the current group when the token
    differs from it in one digit of the group's part and nowhere else."""
    tok = token.rstrip(".:;,")
    if not re.fullmatch(r"\d{2,3}", tok) or not prev or not re.fullmatch(r"\d+\.\d+", prev[-1]):
        return None
    want = _next_item(prev[-1])
    group, item = want.split(".")
    if len(tok) != len(group) + len(item) or tok[len(group) :] != item:
        return None
    return (want, True) if sum(a != b for a, b in zip(tok, group, strict=False)) == 1 else None
