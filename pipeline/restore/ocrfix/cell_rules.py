"""Table rules that an English-model OCR read as characters, turned back into cell boundaries.

A ruled appendix table read line by line comes out with its column rules as ``|``, ``I``, ``l``,
``[``, ``]``, ``{``, ``}`` or ``¢``, often glued to the word beside them (``truong|So``,
``|Trien``, ``nam|``, ``thi]``), with fragments of several cells of one row on one line.  Left
in, a rule is decoded as a word or glues two cells into one garbled token, and the LM reads one
cell's words as the context of the next.  ``mark_cell_rules`` replaces each rule by a TAB (the
cell boundary: whitespace to every scorer and tokenizer, a boundary to the decoder and to the
structure stage) and keeps everything else byte for byte.

What counts as a rule is decided by the glyph and by where the line is: ``|`` (never Vietnamese
text) always; the other glyphs only on a table line (a line with a ``|``, or among lines that
have them) and only where they stand alone or sit at a word's edge without their partner
bracket.  A ``[`` before a lower-case vowel stays: the English model reads "l" that way
("[an" for "lần"), and ``garble.pieces`` repairs it.
"""

from __future__ import annotations

import re

from pipeline.restore.ocrfix.settings import CELL_RULES
from pipeline.restore.ocrfix.unit_tails import unit_tail_boundaries
from pipeline.vn.orthography import strip_diacritics

CELL = "\t"
ALWAYS = "|¦‖"
# Glyphs that are a rule only on a table line (alone, or unpaired at a word's edge).
ON_TABLE_LINES = "|¦‖[]{}¢Il!_"
_EDGE = "|¦‖[]{}¢!_"  # I and l glued to a word are letters ("Ilà", "lập"), never rules
_STANDALONE_LETTERS = {"I", "l", "ll", "Il", "lI", "II", "|I", "I|", "l|", "|l"}
_LOWER_VOWEL = re.compile(r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
# A lone I after these words is a Roman numeral that belongs to the text (Phụ lục I, Mục I,
# giai đoạn I, hạng I, loại I, nhóm I, đợt I).
_NUMERAL_BEFORE = re.compile(
    r"(?:lục|luc|LỤC|LUC|mục|muc|Mục|Muc|MỤC|MUC|Phần|Phan|PHẦN|PHAN|phần|khoản|Quý|Quy|QUÝ|quý|đoạn|doan|ĐOẠN|"
    r"kỳ|ky|Kỳ|khóa|khoá|Khóa|Chương|CHƯƠNG|chương|Điều|điều|hạng|hang|loại|loai|nhóm|nhom|đợt|dot|vùng|vung|cấp|"
    r"độ|do|bậc|bac|tập|tap)$"
)
_SO_CENT = re.compile(r"[Ss]¢6?[,.]?")
_SPECKS = set("‘’'`_-—.,:;~")
# Specks that stand alone between two cells of a table line ("nông thôn : Phát thanh", "trường,
# . | Sở", "TRI . HỢP"): no cell's text has them alone (none in the gold table lines of the
# dev legacy documents; a range's "-" is text and is not among them).
_SHADOW = set("‘’'`.,:;")


# A rule beside a row number: "[6 ...", "{1.2 ...", "5.2} ..." (never a bracketed reference,
# which is closed: "[1]").
_RULED_LABEL = re.compile(r"(?:^|\s)(?:[\[{]\d{1,2}(?:\.\d{1,2})?(?![\d.]*[\]}])|\d{1,2}(?:\.\d{1,2})?[\]}](?=\s))")


def _has_rule(line: str) -> bool:
    return (
        any(c in ALWAYS for c in line)
        or bool(re.search(r"(?:^|\s)[\[\]{}](?:\s|$)", line))
        or bool(_RULED_LABEL.search(line))
    )


def table_lines(lines: list[str]) -> list[bool]:
    """Which lines belong to a ruled table: a rule on the line, or on enough lines around it."""
    ruled = [_has_rule(ln) for ln in lines]
    out = []
    for i in range(len(lines)):
        near = sum(ruled[max(0, i - CELL_RULES.window) : i + CELL_RULES.window + 1])
        out.append(ruled[i] or near >= CELL_RULES.min_ruled_near)
    # A long cell's lines between two table lines ("... công tác" / "thực hành tiết kiệm," /
    # ... / "6.2 | ..."): the row has not ended, the lines are the table's.
    # A column header whose rules the OCR lost ("STT" / "NOI DUNG CONG VIEC" / "CO QUAN CHU TRI"
    # / "THOI HAN" ...): a run of header lines opens the table as a ruled line does.
    header = _header_block(lines)
    for i in header:
        out[i] = True
    runs = [i for i, t in enumerate(out) if t]
    for a, b in zip(runs, runs[1:], strict=False):
        if 1 < b - a <= CELL_RULES.max_gap:
            out[a + 1 : b] = [True] * (b - a - 1)
    # A page that ends inside the table: a long cell's last lines after the page's last ruled line
    # ("... bảo đảm đúng tiến độ và chất" / "lượng."), or a whole page of rows under a header whose
    # rules were all lost.  The lines from the last table line to the page's end are the table's.
    if runs and CELL_RULES.max_gap:
        heads = [i for i, h in enumerate(column_header_lines(lines, out)) if h]
        start = heads[0] if heads else runs[-1]
        if heads or len(lines) - 1 - start <= CELL_RULES.max_gap:
            out[start:] = [True] * (len(lines) - start)
    return out


_TT_TITLE = re.compile(r"[STst]?[TIl1][TIl1]")  # the TT column's title as read ("STT", "TT", "SIT")


def _header_block(lines: list[str]) -> list[int]:
    """The lines of a table's column header met without rules: at least 3 consecutive lines of
    header words (the TT column's title alone on its line counts), 2 of them more than the title."""
    found: list[int] = []
    i = 0
    while i < len(lines):
        j = i
        heads = 0
        while j < len(lines):
            if is_column_header(lines[j]):
                heads += 1
            elif not _TT_TITLE.fullmatch(lines[j].strip()):
                break
            j += 1
        if j - i >= 3 and heads >= 2:
            found.extend(range(i, j))
        i = max(j, i + 1)
    return found


# The shadow of a rule or of a cell's underline, read as a run of strokes and specks ("méi__|",
# "d6i_—_", "—III/2021", "an__‘|"): on a table line it holds no text, and where it is glued to a
# word it stands where the rule was.  "-" alone is no such run (a range: "2021 -").
_RULE_RUN = re.compile(r"[‘’'`.,\-–]*[_—~=][_—~=‘’'`.,\-–]*")
# A speck read as "." "-" ":" (or a lost space after "," ";") between two lower-case words of a
# table cell ("dOi.ngi", "an-tinh", "trong:cod", "ban,nganh"): a cell's running text never glues
# words so (no such token in the cells of the dev legacy documents' gold).  Prose keeps them
# ("kinh tế-xã hội", "mô-men": real in ../shared/ocr-pairs, which has no specks).  The word after
# may have its vowel read as a digit ("vu.c6ng", "té-s6": "vụ công", "tế số").
_LOWER_SPECK = re.compile(r"(?<=[^\W_]{2})([.\-:,;])(?=[a-zà-ỹđ][a-zà-ỹđ06@])")
_WEB = re.compile(r"\.(?:vn|com|net|org|gov|edu|info)\b|www\.|@", re.IGNORECASE)


def _unglue_specks(tok: str) -> list[str]:
    """A table token's text parts with the specks between its words dropped (or, for "," and
    ";", kept with the space after them): "dOi.ngi" -> ["dOi", "ngi"], "ban,nganh" -> ["ban,", "nganh"]."""
    if _WEB.search(tok) or not _LOWER_SPECK.search(tok):
        return [tok]
    out: list[str] = []
    start = 0
    for m in _LOWER_SPECK.finditer(tok):
        keep = m.group(1) in ",;"
        out.append(tok[start : m.end() if keep else m.start()])
        start = m.end()
    out.append(tok[start:])
    return [p for p in out if p]


def _whole_token(tok: str, on_table: bool, first: bool, prev: str, runs: bool) -> list[str] | None:
    """The parts of a token read as a whole (a rule alone, a rule run, "Sở" as "S¢", a token
    without rule glyphs), or None where its characters must be looked at one by one."""
    if on_table and tok in _STANDALONE_LETTERS and not first and not _NUMERAL_BEFORE.search(prev):
        return [CELL]
    if on_table and runs and _RULE_RUN.search(tok):
        return _split_rule_runs(tok, first, prev)
    if on_table and len(tok) <= 2 and all(c in _SHADOW for c in tok):
        return [CELL]  # a speck alone beside a rule, or the rule itself read as ":" ("trường, . | Sở")
    glyphs = ON_TABLE_LINES if on_table else ALWAYS
    if all(c in glyphs and c not in "Il" for c in tok):
        return [CELL]
    # "S¢": Sở, its hooked o read as ¢ (repaired as a unit head), no rule
    if not any(c in glyphs for c in tok) or _SO_CENT.fullmatch(tok):
        return _unglue_specks(tok) if on_table else [tok]
    core = tok.strip(ALWAYS)
    if _SO_CENT.fullmatch(core):  # "|S¢": a rule, then "Sở"
        return [CELL] * tok.startswith(tuple(ALWAYS)) + [core] + [CELL] * tok.endswith(tuple(ALWAYS))
    return None


def _split_token(tok: str, on_table: bool, first: bool, prev: str, runs: bool = True) -> list[str]:
    """A whitespace-free token as a list of text parts and CELL markers."""
    whole = _whole_token(tok, on_table, first, prev, runs)
    if whole is not None:
        return whole
    out: list[str] = []
    buf = ""
    opened = {"[": 0, "{": 0}
    for k, c in enumerate(tok):
        if c in "[{":
            opened[c] += 1
        rule = c in ALWAYS
        if not rule and on_table and c in _EDGE:
            at_edge = k == 0 or k == len(tok) - 1 or tok[k - 1].isalpha() and tok[k + 1 : k + 2].isupper()
            if c == "[" and _LOWER_VOWEL.match(tok[k + 1 : k + 2] or " "):
                at_edge = False  # "[an" is "lần": the English model's reading of l
            elif c in "]}" and opened["[" if c == "]" else "{"]:
                at_edge = False  # a closed bracket is text
            elif c in "[{" and ("]" if c == "[" else "}") in tok[k + 1 :]:
                at_edge = False  # ... and so is the bracket that opens it
            elif c == "!" and k == len(tok) - 1:
                at_edge = False  # "!" ending a word is punctuation
            # between two digits it is a broken slash or dot ("20{5/2022"), left to symbol repair
            rule = at_edge and not (tok[max(0, k - 1) : k].isdigit() and tok[k + 1 : k + 2].isdigit())
        if rule:
            if buf:
                out.append(buf)
            out.append(CELL)
            buf = ""
        else:
            buf += c
    if buf:
        out.append(buf)
    if CELL in out:  # "‘|", "_|": specks of the rule's shadow beside it are no text
        out = [p for p in out if p == CELL or not all(c in _SPECKS for c in p)]
    return [q for p in out for q in ([p] if p == CELL else _unglue_specks(p))]


def _split_rule_runs(tok: str, first: bool, prev: str) -> list[str]:
    """A table token with rule runs in it: each run at the token's edge, or between a letter and
    a letter, a CELL; the rest read as usual ("méi__|" -> ["méi", CELL])."""
    out: list[str] = []
    start = 0
    for m in _RULE_RUN.finditer(tok):
        left, right = tok[m.start() - 1 : m.start()], tok[m.end() : m.end() + 1]
        at_edge = not left.isalnum() or not right.isalnum() or (left.isalpha() and right.isalpha())
        if not at_edge:
            continue
        if start < m.start():
            out += _split_token(tok[start : m.start()], True, first and not out, prev, runs=False)
        out.append(CELL)
        start = m.end()
    if start < len(tok):
        out += _split_token(tok[start:], True, first and not out, prev, runs=False)
    return out


def column_header_lines(lines: list[str], on_table: list[bool] | None = None) -> list[bool]:
    """Which lines are a table's column header: header words on a table line, and the lines of
    header words right after one (a header's titles wrap: "THOI" / "GIAN" / "THUC" / "HIEN")."""
    on_table = table_lines(lines) if on_table is None else on_table
    out: list[bool] = []
    for i, line in enumerate(lines):
        out.append((on_table[i] or bool(i and out[i - 1])) and is_column_header(line))
    return out


def mark_cell_rules(lines: list[str]) -> list[str]:
    """Each line with its column rules replaced by TABs (one per boundary, none at the edges)."""
    on_table = table_lines(lines)
    header = column_header_lines(lines, on_table)
    body = _table_body(lines, on_table, header)
    out = []
    for line, tab, head, rows in zip(lines, on_table, header, body, strict=True):
        if not tab and not any(c in ALWAYS for c in line):
            out.append(repair_column_header(line) if head else line)
            continue
        parts: list[str] = []
        prev = ""
        for m in re.finditer(r"\t|[^\s]+", line):  # a TAB already in the text is a cell boundary too
            tok = _CENT_C.sub("c", m.group()) if tab else m.group()
            for part in [CELL] if tok == CELL else _split_token(tok, tab, not parts, prev):
                if part == CELL:
                    if parts and parts[-1] != CELL:
                        parts.append(CELL)
                else:
                    parts.append(part)
                    prev = part
        while parts and parts[-1] == CELL:
            parts.pop()
        if rows:
            parts = _unruled_boundaries(parts)
            if parts and _DOTTED_LABEL.fullmatch(parts[0]):
                parts[0] = parts[0][:-1]  # "6.3." / "4.2:": a row's number has no mark after it
        text = ""
        for k, part in enumerate(parts):
            if part == CELL:
                text += CELL
            else:
                text += ("" if k == 0 or parts[k - 1] == CELL else " ") + part
        out.append(repair_column_header(text) if tab else text)
    return unit_tail_boundaries(out, body) if CELL_RULES.unit_tails else out


# "¢" opening a word before lower-case letters is its "c" read with a speck ("¢ao", "¢éng" for
# "cao", "công"; dev legacy table lines: 5 of 5), not a rule glued to the word.
_CENT_C = re.compile(r"^¢(?=[a-zà-ỹ0-9@]?[a-zà-ỹ]{2})")
_DOTTED_LABEL = re.compile(r"\d{1,2}(?:\.\d{1,2})+[.:,]")


def _table_body(lines: list[str], on_table: list[bool], header: list[bool]) -> list[bool]:
    """Which table lines hold rows: those from a table's column header or its first ruled line
    on (a table region also takes in the lines just above it: a title, "(Kèm theo ...)")."""
    out: list[bool] = []
    started = False
    for line, tab, head in zip(lines, on_table, header, strict=True):
        started = tab and (started or head or _has_rule(line))
        out.append(started)
    return out


def _opens_cell(prev: str, word: str) -> bool:
    """A cell that starts where the English model lost its rule: a capitalised word (capital,
    then a lower-case letter) right after a lower-case word, on a table line.  Inside a cell's
    running text a capital follows a sentence end or a comma-free name list; a unit name's own
    capitals follow "và" ("Sở Thông tin và Truyền thông"), which does not count.  A capital I
    before lower-case letters is the English model's l ("Ive", "Ic" for "lực", "Iudt" for
    "luật"): no Vietnamese word a cell opens with starts so."""
    return (
        prev[-1:].isalpha()
        and prev[:1].islower()
        and strip_diacritics(prev).lower() != "va"
        and word[:1].isupper()
        and word[:1] != "I"
        and (word[1:2].islower() or _VOWEL_READ.fullmatch(word[1:]) is not None)
    )


# A capitalised word whose vowel the English model read as a digit or a mark ("C6ng", "N6i",
# "C4c"): still a capital and lower-case letters (dev legacy table lines: 47 of 50 such words
# after a lower-case word opened a cell).
_VOWEL_READ = re.compile(r"[0-9@€&¢][^\W\d_]*[a-zà-ỹđ][^\s]*")


_SO_HEAD = re.compile(r"(?:S|\$)(?:[oO0@6éèóòơôõờớởợỡốồổộỗG¢&]|¢6|06|o6|O6)")  # "Sở" as read
_TIMEFRAME_TAIL = re.compile(
    r"(?:(?:Qu[yýỹi]|QUY|Th[aá]ng|N[aă]m|Nim|H[aàằ]ng)[:.]?(?: \S+/(?:19|20)\d\d| (?:19|20)\d\d| n[aăi]m)?"
    r"|\S{1,4}/(?:19|20)\d\d|(?:19|20)\d\d ?[-–] ?(?:19|20)\d\d"
    # "Thường xuyên", whole or its second word wrapped ("Thuong" ended the line before)
    r"|(?:Th[^\s]{2,5} )?xu[yýi][eéèêế]n)"
)


def _unruled_boundaries(parts: list[str]) -> list[str]:
    """``parts`` (text parts and CELL markers) with a CELL where a cell opens without a rule."""
    out: list[str] = []
    tail = _timeframe_tail(parts)
    for k, part in enumerate(parts):
        if out and part != CELL and out[-1] != CELL:
            head = _SO_HEAD.fullmatch(part) and parts[k + 1 : k + 2] and parts[k + 1][:1].isupper()
            if _opens_cell(out[-1], part) or (head and _opens_cell(out[-1], "Sở")) or k == tail:
                out.append(CELL)
        out.append(part)
    return out


def _timeframe_tail(parts: list[str]) -> int:
    """Where a timeframe that ends the line starts ("Quy 1/2025", "Hang nim", "2025 - 2028"), or -1."""
    start = len(parts)
    while start > 0 and parts[start - 1] != CELL and len(parts) - start < 4:
        start -= 1
    for k in range(start, len(parts)):
        if _TIMEFRAME_TAIL.fullmatch(" ".join(parts[k:])):
            return k
    return -1


# The words of appendix column headers (NĐ 30 plans: TT, nội dung / nhiệm vụ, đơn vị chủ trì /
# phối hợp, thời gian thực hiện, sản phẩm, ghi chú ...).  Printed in capitals, with little
# context, they are where word-by-word decoding fails ("THÔI", "TRỊ HỌP"); on a line made of
# them they are read from this list by their letters alone.
HEADER_WORDS = (
    "TT STT NỘI DUNG NHIỆM VỤ CHƯƠNG TRÌNH ĐƠN VỊ CHỦ TRÌ PHỐI HỢP THỜI GIAN THỰC HIỆN HOÀN THÀNH "
    "GHI CHÚ SẢN PHẨM KẾT QUẢ CƠ QUAN KINH PHÍ NGUỒN DỰ KIẾN TIẾN ĐỘ HẠN CÔNG VIỆC HOẠT ĐỘNG GIẢI PHÁP "
    "CHỈ TIÊU MỤC TÊN SỐ LƯỢNG ĐỀ ÁN"
).split()
_GLUED_HEADER = ("ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "ĐƠN VỊ CHỦ", "ĐƠN VỊ PHỐI", "ĐƠN VỊ", "CHỦ TRÌ", "PHỐI HỢP",
                 "THỜI GIAN", "THỰC HIỆN", "GHI CHÚ", "NỘI DUNG", "NHIỆM VỤ")


def _skeleton(word: str) -> str:
    return strip_diacritics(word).upper()


_HEADER_BY_SKELETON: dict[str, str] = {}
for _w in HEADER_WORDS + [g.replace(" ", "") for g in _GLUED_HEADER]:
    _HEADER_BY_SKELETON.setdefault(_skeleton(_w), _w)
_GLUED_BY_SKELETON = {_skeleton(g.replace(" ", "")): g for g in _GLUED_HEADER}


def _glued_header(key: str) -> str | None:
    """Header words glued into one token ("VICHU", "VILCHU": VỊ CHỦ, the rule between read as
    L or I), found by covering the letters with header words, a rule letter allowed between."""
    best: list[list[str] | None] = [[]] + [None] * len(key)
    for end in range(1, len(key) + 1):
        for start in range(max(0, end - 7), end - 1):
            part = key[start:end]
            # a word's final I read as L before the next word ("PHOLHOP": PHỐI HỢP)
            word = _HEADER_BY_SKELETON.get(part) or (_HEADER_BY_SKELETON.get(part[:-1] + "I") if part[-1] == "L" else None)
            for left in (start, start - 1):  # the word, or the word after a rule letter
                if left < 0 or best[left] is None or (left < start and key[left] not in "LI1"):
                    continue
                cand = [*best[left], word] if word else None  # type: ignore[misc]
                if cand and (best[end] is None or len(cand) < len(best[end])):  # type: ignore[arg-type]
                    best[end] = cand
    found = best[len(key)]
    return " ".join(found) if found and len(found) >= 2 else None


def _header_word(tok: str, prev: str) -> str | None:
    core = tok.strip(",.;:")
    key = _skeleton(core).replace(".", "")  # "VI.CHU": a speck between glued words
    if key[-1:] in ("L", "!") and key not in _HEADER_BY_SKELETON and key[:-1] + "I" in _HEADER_BY_SKELETON:
        key = key[:-1] + "I"  # "THOL", "PHO!": the final I read as L or !
    if key == "CHU" and _skeleton(prev) == "GHI":
        word = "CHÚ"
    elif key in _GLUED_BY_SKELETON and " " in _GLUED_BY_SKELETON[key]:
        word = _GLUED_BY_SKELETON[key]
    else:
        found = _HEADER_BY_SKELETON.get(key) or (_glued_header(key) if len(key) >= 4 and key.isalpha() else None)
        if found is None and "G" in key.replace("NG", ""):
            # the English model reads a capital Ơ, Ộ as G ("CG" for "CƠ", "CHUGNG" for "CHƯƠNG")
            found = _HEADER_BY_SKELETON.get(re.sub(r"(?<!N)G", "O", key))
        if found is None:
            return None
        word = found
    return tok.replace(core, word) if core else None


_TT_READ = re.compile(r"[TtIl1S][TtrIl1]T?")


def is_column_header(line: str) -> bool:
    """A line in capitals made (nearly) all of column-header words."""
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    if words and _TT_READ.fullmatch(words[0]):
        words = words[1:]  # the TT column's title as read ("Tr", "tr")
    if not words or any(not w.isupper() and not (len(w) <= 2 and w[:1].isupper()) for w in words):
        return False
    known = sum(_header_word(w, "") is not None for w in words)
    return known >= (len(words) if len(words) <= 3 else round(0.6 * len(words)))


def header_word_starts(line: str) -> set[int]:
    """On a column-header line, where its header words start: read from the vocabulary, they are
    kept as they are (the LM, with little context, reads "TRÌ" as "TRỊ", "THỜI" as "THÔI")."""
    if not is_column_header(line):
        return set()
    vocab = set(HEADER_WORDS)
    return {m.start() for m in re.finditer(r"\S+", line) if m.group().strip(",.;:") in vocab}


def repair_column_header(line: str) -> str:
    """A table's column-header line (capitals, nearly all header words) read from the header
    vocabulary: "THOI GIAN" -> "THỜI GIAN", "DONVICHU" -> "ĐƠN VỊ CHỦ", "Tr" opening it -> "TT"."""
    if not is_column_header(line):
        return line
    cells = line.split(CELL)
    out_cells = []
    prev = ""
    for ci, cell in enumerate(cells):
        toks = cell.split()
        fixed = []
        for k, tok in enumerate(toks):
            if ci == 0 and k == 0 and _TT_READ.fullmatch(tok) and (len(toks) == 1 or _header_word(toks[1], tok)):
                fixed.append("STT" if tok.startswith("S") else "TT")  # the TT column's title
            else:
                word = _header_word(tok, prev)
                # a speck read as "." after a header word ("ĐƠN VỊ. CHỦ"): titles end without one
                fixed.append(word.rstrip(".") if word and k + 1 < len(toks) else word or tok)
            prev = tok
        out_cells.append(" ".join(fixed))
    return CELL.join(out_cells)
