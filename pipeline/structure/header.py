"""The header: two columns (geometry first, text patterns for one-line legacy text), title, summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.document import Header
from pipeline.structure.header_borne import authority_as_the_body_writes, borne_out_date
from pipeline.structure.header_date import (
    loose_place,
    loose_words,
    place_of_authority,
    place_start,
    printed_keywords,
    read_date,
    skeleton,
)
from pipeline.structure.header_number import (
    code_agrees,
    dash_from_issuer,
    number_borne_out,
    number_digits,
    number_label,
    number_of_issue,
    resplit_symbol,
)
from pipeline.structure.header_specks import (
    clean_field_edges,
    drop_modifier_glyphs,
    no_letter_line,
    strip_tail_marks,
)
from pipeline.structure.header_summary_years import (
    locality_by_vote,
    summary_cut_year,
    summary_place,
    summary_year_misread,
    summary_year_of_date,
    summary_year_of_issue,
    summary_years,
)
from pipeline.structure.header_title import (
    _JUNK_HEAD,
    _RULE,
    _is_body_start,
    _kinh_gui,
    _kinh_gui_line,
    _title_and_trich_yeu,
    _type_line,
)
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import (
    RE_APPENDIX,
    RE_VV,
)
from pipeline.structure.summary_dash import dash_specks
from pipeline.structure.summary_head import (
    capital_after_first,
    caps_specks,
    lost_words,
    wrap_comma_specks,
)
from pipeline.structure.summary_words import (
    as_the_body_reads,
    capitals_from_body,
    commas_as_the_body,
    decoded_from_body,
    lost_glyph_from_body,
    near_after_body,
    near_from_body,
    onsets_from_body,
    specked_from_body,
)
from pipeline.vn.doctypes import (
    MOTTO,
    NATIONAL_NAME,
    PARTY_NAME,
    RE_MOTTO,
    RE_NATIONAL_NAME,
    RE_NATIONAL_NAME_TAIL,
    RE_PARTY_NAME,
    canonical_motto,
    match_doc_type,
)
from pipeline.vn.orthography import is_caps, nfc_single_spaced, strip_marks
from pipeline.vn.symbols import NUMBER_LINE_RE, clean_number

# Words that start the name of an organisation: a new name (the issuing body under its parent).
_ORG_HEADS = (
    "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "ĐẢNG ỦY", "ĐẢNG ĐOÀN", "BAN CÁN SỰ", "SỞ ", "BỘ ",
    "CỤC ", "VỤ ", "VĂN PHÒNG", "BAN ", "PHÒNG ", "TRUNG TÂM", "TRƯỜNG ", "CHI CỤC", "BỆNH VIỆN",
    "VIỆN ", "TỔNG CỤC", "THANH TRA", "ỦY BAN", "UỶ BAN", "HỘI ĐỒNG", "CÔNG AN", "KHO BẠC",
    "BẢO HIỂM", "CHI NHÁNH", "HỌC VIỆN", "ĐẠI HỌC", "CÔNG TY", "MẶT TRẬN", "LIÊN ĐOÀN", "UBND ",
    "HĐND ", "BCH ", "ĐOÀN ", "HỘI ", "KHOA ",
)
_HEADER_LINES = 16
# Marks after a summary's last word: detached from it, or a colon / semicolon (a trích yếu never
# ends a clause).
_SPECK_TAIL = re.compile(r"(?:\s+[.,:;'`~|_\-–—]+|[:;]+)$")
# A symbol whose code was split by a space ("97/Đ A-UBND"): the letters before the space glue on.
_SPLIT_CODE = re.compile(r"^(?P<num>\d+/[A-ZĐ]{1,3})\s+(?P<rest>[A-ZĐ]{1,3}-[A-ZĐ][A-Za-zĐđ]*)(?=\s|$)")


# "V/v" as OCR of a worn scan reads it ("V/\\", "V/y", "V/ v") besides the printed forms, or with
# its slash and small v read as one or two marks ("V#⁄", "V|/").
_RE_VV = re.compile(rf"{RE_VV.pattern}|^\s*VW\s+(?=[^\W\d_A-ZĐ])|^\s*V\s?/\s?[\\yv]\s+(?=[^\W\d_])|^\s*V[^\w\s.,:;]{{1,2}}[vyw]?\s+(?=[^\W\d_])")


@dataclass(frozen=True)
class HeaderResult:
    header: Header
    end: int  # index of the first body line


def _skeleton_chars(text: str) -> tuple[str, list[int], set[int]]:
    """The letters of ``text`` without marks, lower case, with each one's position in ``text`` and
    the indices (in the skeleton) where a word starts."""
    chars: list[str] = []
    where: list[int] = []
    starts: set[int] = set()
    prev_alpha = False
    for i, ch in enumerate(text):
        c = strip_marks(ch).lower() if ch.isalpha() else ""
        if len(c) == 1 and c.isalpha():
            if not prev_alpha and not (i > 0 and text[i - 1].isdigit()):
                starts.add(len(chars))
            chars.append(c)
            where.append(i)
        prev_alpha = ch.isalpha() or ch.isdigit()
    return "".join(chars), where, starts


def _fuzzy_find(text: str, phrase: str) -> int | None:
    """Where a fixed header phrase (the national name, the motto, the party's name) starts in
    ``text`` when OCR or restoration garbled it past the loose patterns ("CỘNG HOÀ XÃ HOLCHU",
    "Poc lập — Tw do — Hanh phic"): a word start from which some stretch of letters is within one
    edit per six letters of the phrase's letters; None when there is none."""
    key = skeleton(phrase)
    most = len(key) // 6
    skel, where, starts = _skeleton_chars(text)
    best: tuple[int, int] | None = None  # (edits, start): the closest stretch, the first of equals
    for s in sorted(starts):
        window = skel[s : s + len(key) + most]
        if len(window) < len(key) - most:
            break
        prev = list(range(len(window) + 1))  # phrase prefix x window prefix; last row read at every length
        for i, ca in enumerate(key, 1):
            cur = [i]
            for j, cb in enumerate(window, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        cost = min(prev[max(0, len(key) - most) :])
        if cost <= most and (best is None or cost < best[0]):
            best = (cost, where[s])
    return None if best is None else best[1]


def _motto_starts(text: str) -> list[int]:
    """Where the right column's fixed phrases start in a legacy line (loose patterns, then fuzzy)."""
    found = [m.start() for rx in (RE_NATIONAL_NAME, RE_MOTTO, RE_PARTY_NAME) if (m := rx.search(text))]
    if found:
        return found
    return [p for phrase in (NATIONAL_NAME, MOTTO, PARTY_NAME) if (p := _fuzzy_find(text, phrase)) is not None]


def split_header_line(text: str) -> tuple[str, str]:
    """Split a legacy line holding both header columns: left (authority, Số) and right (motto, date)."""
    starts = _motto_starts(text)
    d = read_date(text)
    if d is not None:
        starts.append(place_start(text, d))
    elif (cut := _DATE_HEAD.search(text)) is not None:  # the date goes on on the next line
        words = loose_words(text[: cut.start()])
        starts.append(words[0].start() if words else cut.start() + 1)
    if not starts:
        return text.strip(), ""
    p = min(starts)
    return text[:p].strip(), text[p:].strip()


def group_authorities(lines: list[str]) -> tuple[str | None, str | None]:
    """(parent_authority, authority) from the capitalised lines above "Số"."""
    groups: list[list[str]] = []
    for t in lines:
        head = any(t.startswith(h) for h in _ORG_HEADS)
        joins = groups and (groups[-1][-1].endswith((" VÀ", ",", "-")) or not head)
        if joins:
            groups[-1].append(t)
        else:
            groups.append([t])
    # a speck glued to a word inside the name ("ỦY BAN. NHÂN DÂN"): no authority's name has one
    names = [re.sub(r"(?<=[^\W\d_]{3})[.'’`](?= [^\W\d_])", "", " ".join(g)) for g in groups]
    # nor a colon or semicolon after a word ("ỦY BAN NHÂN DÂN:" / "TỈNH LẠNG SƠN:"): specks of the rule
    names = [re.sub(r"(?<=[^\W\d_])\s*[:;]+(?=\s|$)", "", n).strip() for n in names]
    if not names:
        return None, None
    parent = " ".join(names[:-1]) or None
    return parent, names[-1]


@dataclass
class _Columns:
    """The two header columns as they are collected, and what has been seen in them so far."""

    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    seen_num: bool = False
    seen_date: bool = False
    seen_motto: bool = False
    prose: int = 0  # left-column lines of running text (eight words or more, not capitals)

    def add(self, parts: list[tuple[str, str]], geo: bool) -> None:
        for col, part in parts:
            # OCR specks before a header line ("_-ỦY BAN") and glyphs no word has ("ỦY BAN NHÂN DÂN ˆ")
            part = _JUNK_HEAD.sub("", drop_modifier_glyphs(part)).strip()
            if not part:
                continue
            # "năm 2024" on its own line ends the right column's date, unless the page puts it in the
            # left column (where it ends a V/v summary and the date line was unreadable)
            if col == "R" or (not self.seen_date and self.right and _YEAR_TAIL.match(part) and not (geo and col == "L")):
                self._add_right(part, geo)
            else:
                part = number_label(part)
                self.left.append(part)
                self.prose += len(part.split()) >= 8 and not is_caps(part)
                self.seen_num = self.seen_num or bool(NUMBER_LINE_RE.match(part))

    def _add_right(self, part: str, geo: bool) -> None:
        if RE_NATIONAL_NAME_TAIL.search(part) or _motto_starts(part):
            self.seen_motto = True
        if not self.seen_motto and geo and is_caps(part) and len(part) < 40 and read_date(part) is None:
            return  # a signature stamp's caption above the motto
        self.right.append(part)
        joined = " ".join(self.right[-2:])
        self.seen_date = self.seen_date or read_date(part) is not None or read_date(joined) is not None


# A date line broken before its year: ", ngày 04 tháng 12" at the end of a line.
_DATE_HEAD = re.compile(r",\s*ng\w{1,3}y\s*\S{1,3}\s*th\w{1,3}ng\s*\S{1,3}\s*$", re.I)
_YEAR_TAIL = re.compile(r"^n\w{1,3}m[.\-–—~]?\s*(?:19|20)\d\d\b")


def _zone_start(lines: list[Ln], limit: int, geo: bool) -> int:
    """Where the header block starts: the motto line in legacy text (or the lines just above it)."""
    motto_at = next((i for i in range(limit) if RE_NATIONAL_NAME.search(lines[i].text) or RE_PARTY_NAME.search(lines[i].text)), None)
    start = motto_at if (motto_at is not None and not geo) else 0
    # Legacy text may put the left column's first lines above the motto line.
    while start > 0 and motto_at is not None and motto_at - start < 4 and (
        is_caps(lines[start - 1].text) or NUMBER_LINE_RE.match(lines[start - 1].text)
    ):
        start -= 1
    return start


def _body_begins(ln: Ln, first: Ln, geo: bool, cols: _Columns) -> bool:
    """True when ``ln`` is past the header: another page, Kính gửi, an appendix, the body, the title."""
    t = ln.text
    if ln.page_no != first.page_no or _kinh_gui_line(t) or RE_APPENDIX.match(t):
        return True
    if not (cols.seen_num or cols.seen_date) and _is_body_start(t) and not NUMBER_LINE_RE.match(t):
        return True
    # a title read into the right column (a page set off-centre) ends the header once Số and the
    # motto are read, also when the date line's day was hand-written and no date could be read
    return bool(match_doc_type(_type_line(t))) and (
        not geo or ln.col == "C" or (cols.seen_num and (cols.seen_date or cols.seen_motto)))


def _line_parts(ln: Ln, geo: bool) -> list[tuple[str, str]]:
    """The line's pieces by column: its own column with geometry, split by text patterns without."""
    if geo and ln.col in ("L", "R"):
        return [(ln.col, ln.text)]
    lp, rp = split_header_line(ln.text)
    return [("L", lp), ("R", rp)]


def _summary_ends(ln: Ln, parts: list[tuple[str, str]], geo: bool, cols: _Columns) -> bool:
    """After Số and the date only the left column's V/v summary may follow: True when it does not."""
    lt = next((p for c, p in parts if c == "L" and p), "")
    if not lt or any(c == "R" and p for c, p in parts) or (ln.col == "C"):
        return True
    if _RE_VV.match(lt):
        return False
    inside_vv = bool(_vv_head(cols.left)) and not ln.gap_before
    return not inside_vv or (not geo and len(lt) > 60)


# A V/v's wrapped lines are centred under its first (NĐ 30/2020 centres the công văn's trích yếu
# under the số); a line whose middle is this far off, in widths of the V/v line, is something else.
_VV_OFF_CENTRE = 0.15


def _span(ln: Ln) -> tuple[int, int] | None:
    """The left and right ends of ``ln``'s words that hold a letter or a digit (a speck read as a
    mark beside them moves its box, not them); its box without word boxes; None without either."""
    boxes = [w.bbox for w in ln.words if any(c.isalnum() for c in w.text)]
    if boxes:
        return min(b[0] for b in boxes), max(b[2] for b in boxes)
    return (ln.bbox[0], ln.bbox[2]) if ln.bbox is not None else None


def _off_vv(ln: Ln, above: list[Ln]) -> bool:
    """Whether left-column line ``ln`` under the V/v line (``above[0]``) is no wrapped line of it:
    short (a word or two) and far off the centre of the V/v and of every other line of the column
    given (the Số line: the column centres both)."""
    me, head = _span(ln), _span(above[0])
    if ln.col != "L" or me is None or head is None or len(ln.text.split()) > 2 or head[1] <= head[0]:
        return False
    most = _VV_OFF_CENTRE * (head[1] - head[0])
    return all(abs(sum(me) - sum(ref)) / 2 > most for a in above if (ref := _span(a)) is not None)


def _zone(lines: list[Ln]) -> tuple[list[str], list[str], int]:
    """Left and right header texts and the index after the header block."""
    geo = bool(lines) and lines[0].geo
    start = _zone_start(lines, min(len(lines), _HEADER_LINES), geo)
    cols = _Columns()
    # the V/v line and the Số line above it, where the page's geometry gives their boxes
    vv: list[Ln] = []
    number_line: list[Ln] = []
    i = start
    while i < len(lines) and i < start + _HEADER_LINES:
        ln = lines[i]
        if _body_begins(ln, lines[start], geo, cols):
            break
        parts = _line_parts(ln, geo)
        if cols.seen_num and cols.seen_date and _summary_ends(ln, parts, geo, cols):
            break
        if (vv and _off_vv(ln, vv)) or no_letter_line(ln, lines[start : start + _HEADER_LINES]):
            i += 1  # a speck OCR read as a word ("TÔ" under the authority, "tỉnh" beside the V/v)
            continue
        cols.add(parts, geo)
        if not vv and geo and ln.col == "L" and _RE_VV.match(ln.text):
            vv = [ln, *number_line]
        if not number_line and geo and ln.col == "L" and NUMBER_LINE_RE.match(number_label(ln.text)):
            number_line = [ln]
        i += 1
    if not (cols.seen_motto or cols.seen_num or cols.seen_date):
        return [], [], 0  # no header on this page: leave every line to the body
    if not (cols.seen_motto or cols.seen_num) and cols.prose >= 2:
        # only a date, after lines of running text: a later page's body that cites a date ("... trước
        # 10 giờ 00 ngày 04/8/2020"), not a header whose motto and number OCR lost (its left column
        # holds the authority's short capital lines, and running text only after Số)
        return [], [], 0
    return cols.left, cols.right, i


# Marks before a wrapped line's first word that no text puts there: two or more glued ("-:mới"),
# or one that is no dash or opening quote ("; Đắk Lắk"); "- xã hội" (a dash the phrase wrapped at) stays.
_WRAP_SPECK = re.compile(r"^(?:[^\w\s]{2,}|[^\w\s\-–—(“\"‘\[])\s*(?=[^\W\d_])")


_BARE_NUMBER = re.compile(r"^(?P<num>\d{1,6})(?P<letters>[A-ZĐ]{3,})[.,]?$")


def _unlabelled_number(left: list[str]) -> int | None:
    """Where the left column's number line is when OCR lost its "Số:" label and its slash and dash
    ("961722UBNDTH" under ỦY BAN NHÂN DÂN TỈNH BẾN TRE): digits glued to letters that hold the issuer's
    code, as the authority above names it.  None when no line is so."""
    for k, t in enumerate(left):
        m = _BARE_NUMBER.match(t)
        if m is None or k == 0:
            continue
        _, authority = group_authorities([c for x in left[:k] if (c := _caps_line(x))])
        if resplit_symbol(m.group("letters"), authority) is not None:
            return k
    return None


def _vv_head(left: list[str]) -> str:
    """The V/v line of the left column, if any (to know whether we are inside it)."""
    for t in left:
        if _RE_VV.match(t):
            return t
    return ""


# The rest of a number line that is only a dash and a short code ("- vx", "-  KT").
_SLASH_CODE = re.compile(r"^/\s*([A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ0-9]+)*)(?=\s|$)")
_CUT_CODE = re.compile(r"^-\s*(?P<code>[A-Za-zĐđ]{1,5})$")


def _parse_columns(left: list[str], right: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    left = [t for t in left if not _RULE.match(t)]
    num_at = next((i for i, t in enumerate(left) if NUMBER_LINE_RE.match(t)), None)
    if num_at is None and (lost := _unlabelled_number(left)) is not None:
        num_at, left = lost, [*left[:lost], f"Số: {left[lost]}", *left[lost + 1 :]]
    above = left if num_at is None else left[:num_at]
    caps = [c for t in above if (c := _caps_line(strip_tail_marks(t)))]
    out["parent_authority"], out["authority"] = group_authorities(caps)
    if num_at is not None:
        m = NUMBER_LINE_RE.match(left[num_at])
        assert m is not None
        raw, rest = m.group("num"), left[num_at][m.end():].strip()
        if (g := _SPLIT_CODE.match(f"{raw} {rest}".strip())) is not None:
            raw, rest = g.group("num") + g.group("rest"), f"{raw} {rest}".strip()[g.end():].strip()
        number = clean_number(number_digits(raw))
        if (two := re.fullmatch(r"\d+/(\d+)", number)) is not None and (coded_rest := _SLASH_CODE.match(rest)) is not None:
            # "4/35 /SGDĐT-CTrTT": a hand-written 1535 read with a slash in it, the printed symbol
            # after the blank; NUMBER/YEAR before it ("12/2020 /NĐ-CP") is a whole symbol's start
            year = re.fullmatch(r"(?:19|20)\d\d", two.group(1)) is not None
            code_part = coded_rest.group(1)
            number, rest = (f"{number}/{code_part}" if year else f"/{code_part}"), rest[coded_rest.end():].strip()
        glued = re.match(r"^[A-Za-zĐđ]{3,}(?=[.,]?(?:\s|$))", rest) if number.isdigit() and left[num_at][m.end() : m.end() + 1].isalpha() else None
        if glued is not None and (symbol := resplit_symbol(glued.group(0), out.get("authority"))) is not None:
            number, rest = number + symbol, rest[glued.end() :].lstrip(".,").strip()
        if "/" in number and (cut := _CUT_CODE.match(rest)) is not None:
            # "1956/UBND- vx": the issuer's last code part split off by a space after the dash, its
            # capitals read small by a noisy scan (a symbol's codes are capitals, NĐ 30/2020).
            code = cut.group("code")
            number, rest = f"{number}-{code.upper() if code.islower() else code}", rest[cut.end():].strip()
        tail = ([rest] if rest else []) + left[num_at + 1 :]
        if "/" not in number and "-" not in number and tail and re.match(r"^/\S+$", tail[0]):
            number += clean_number(tail.pop(0))  # "Số: 542" and "/TB-UBND" read as two lines
        out["number"] = dash_from_issuer(number, out.get("authority"))
        # the V/v summary under Số; OCR may leave a piece of the symbol on a line of its own above it
        vv_at = next((k for k, t in enumerate(tail[:2]) if _RE_VV.match(t)), None)
        if vv_at is not None:
            vv_lines = [tail[vv_at], *(_WRAP_SPECK.sub("", t) for t in tail[vv_at + 1 :])]
            out["vv"] = nfc_single_spaced(_RE_VV.sub("", _join_wrapped(vv_lines), count=1))
            out["vv_lines"] = vv_lines
    joined = " ".join(right)
    m1, m2, mp = RE_NATIONAL_NAME.search(joined), RE_MOTTO.search(joined), RE_PARTY_NAME.search(joined)
    if mp:
        out["motto"], out["family"] = canonical_motto(mp.group(0), PARTY_NAME), "party"
    elif m1 or m2:
        pairs = ((m1, NATIONAL_NAME), (m2, MOTTO))
        mottos = [canonical_motto(m.group(0), c) for m, c in pairs if m]
        if m1 is None and RE_NATIONAL_NAME_TAIL.search(joined):
            mottos.insert(0, NATIONAL_NAME)  # its tail was read; the first words were lost
        out["motto"] = " / ".join(mottos)
    else:
        out.update(_fuzzy_motto(joined))
    out.update(_date_fields(right, out.get("authority")))
    return out


def _date_fields(right: list[str], authority: object) -> dict[str, object]:
    """Date, place and date text from the right column: the first line with a date, else two
    lines read as one (a date line OCR broke before "năm 2024")."""
    lines = right + [f"{a} {b}" for a, b in zip(right, right[1:], strict=False)]
    for t in lines:
        d = read_date(t)
        if d is None:
            continue
        out: dict[str, object] = {"date": d.iso, "place": d.place, "date_text": printed_keywords(d.text),
                                  "date_alternatives": d.alternatives, "place_read": d.place}
        place = place_of_authority(loose_place(t[: d.start + len(d.place or "")]), authority)
        if place is not None and place != d.place:
            rest = d.text[len(d.place) :].lstrip(" ,") if d.place else d.text
            out["place"], out["date_text"] = place, f"{place}, {printed_keywords(rest)}"
        return out
    return {}


def _marked_wraps(lines: list[str]) -> set[tuple[str, str]]:
    """(last word, next line's first word) where a wrapped line ended in a mark before lower case."""
    out: set[tuple[str, str]] = set()
    for a, b in zip(lines, lines[1:], strict=False):
        wa, wb = re.findall(r"[^\W\d_]+", a), re.findall(r"[^\W\d_]+", b)
        if wa and wb and a.rstrip().endswith((".", ",")) and b[:1].islower():
            out.add((wa[-1], wb[0]))
    return out


def _join_wrapped(lines: list[str]) -> str:
    """Lines of one wrapped phrase joined; a period before a line that goes on in lower case is an
    OCR speck ("chỉ số năng." / "lực cạnh tranh"), not the end of a sentence."""
    out = ""
    for t in lines:
        if out.endswith(".") and t[:1].islower() and not out.endswith(".."):
            out = out[:-1]
        out = f"{out} {t}" if out else t
    return out


def _fuzzy_motto(joined: str) -> dict[str, object]:
    """The motto (and the party family) of a right column whose phrases only the fuzzy finder read."""
    if _fuzzy_find(joined, PARTY_NAME) is not None and _fuzzy_find(joined, NATIONAL_NAME) is None:
        return {"motto": PARTY_NAME, "family": "party"}
    mottos = [c for c in (NATIONAL_NAME, MOTTO) if _fuzzy_find(joined, c) is not None]
    return {"motto": " / ".join(mottos)} if mottos else {}


def _caps_line(t: str) -> str | None:
    """The authority line above Số in capitals, as NĐ 30/2020 writes it: the line itself, or, when
    OCR or restoration wrote its first word in title case ("Ủy BAN NHÂN DÂN", "Tỉnh HÀ TĨNH"), the line
    upper-cased (every other word must be in capitals). None for a line that is not capitals."""
    if is_caps(t):
        return _canonical_org(t)
    words = [w for w in t.split() if any(c.isalpha() for c in w)]
    title = [w for w in words if not is_caps(w)]
    # (or all in lower case when short: "ủy BAN NHÂN DÂN", the English model's "uy" for ỦY)
    if len(words) >= 3 and len(title) == 1 and title[0] == words[0] and (title[0][:1].isupper() or len(title[0]) <= 3):
        return _canonical_org(t.upper())
    # restoration may title-case the name after the head word ("TỈNH Bình Định", "SỞ Tài Chính")
    caps = [w for w in words if is_caps(w) and sum(c.isalpha() for c in w) >= 2]
    if len(words) >= 2 and caps and words[0] in caps and all(w[:1].isupper() for w in title):
        return _canonical_org(t.upper())
    return None


# Names of issuing bodies that open an authority line (NĐ 30/2020, HD 36-HD/VPTW), as printed.
_ORG_NAMES = (
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "BAN CHẤP HÀNH", "BAN THƯỜNG VỤ",
    "BAN CÁN SỰ ĐẢNG", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "ĐẢNG ỦY", "ĐẢNG ĐOÀN", "VĂN PHÒNG",
    "TRUNG TÂM", "CHI CỤC", "TỔNG CỤC", "THANH TRA", "CÔNG AN", "KHO BẠC NHÀ NƯỚC", "BẢO HIỂM XÃ HỘI",
)


def _org_head(t: str) -> str:
    """An authority line whose body's name OCR ran together or read with wrong marks ("ỦY BANNHANDAN.
    TỈNH PHÚ YÊN"): the tokens that spell one known name's letters, no more and no fewer, written as
    that name.  Other lines as they are."""
    tokens = t.split()
    for name in _ORG_NAMES:
        want, got, k = skeleton(name), "", 0
        while k < min(len(tokens), len(name.split())) and len(got) < len(want):
            got += skeleton(tokens[k])
            k += 1
        if got == want and " ".join(tokens[:k]) != name and (k == len(tokens) or skeleton(tokens[k])):
            return " ".join([name, *tokens[k:]])
    return t


def _canonical_org(t: str) -> str:
    """The NĐ 30/2020 spelling of the council's head word (the tone on U: "ỦY BAN", not "UỶ BAN"), and
    the unit after "NHÂN DÂN" or opening the line with the tone OCR misread on it ("TÍNH HÀ TĨNH" is TỈNH:
    no province's name begins with the word)."""
    t = _org_head(t)
    t = re.sub(r"(?:(?<=NHÂN DÂN )|^)T[ÍÌĨỊI]NH(?= \w)", "TỈNH", t)
    return re.sub(r"(?<!\w)UỶ(?= BAN\b)", "ỦY", t)


def parse_header(lines: list[Ln]) -> HeaderResult:
    """Header fields, doc type, summary and Kính gửi; ``end`` is where the body begins."""
    left, right, i = _zone(lines)
    f = _parse_columns(left, right)
    while i < len(lines) and _RULE.match(lines[i].text):
        i += 1
    doc_type, summary_lines, titled, i = _title_and_trich_yeu(lines, i, f)
    addressed = i < len(lines) and _kinh_gui_line(lines[i].text)
    kinh_gui, i = _kinh_gui(lines, i)
    summary = nfc_single_spaced(_join_wrapped(summary_lines)) if summary_lines else None
    if summary:  # a speck of the border after the last word ("... năm 2020 :"): a trích yếu ends with a word
        summary = _SPECK_TAIL.sub("", summary) or summary
    if doc_type is None and (f.get("vv") or addressed):  # a letter: V/v, or Kính gửi under the header
        doc_type = "CÔNG VĂN"
        summary = f.get("vv") or summary  # type: ignore[assignment]
    summary = clean_field_edges(summary)  # "ˆ Triển khai …": a speck before (or glued in) the trích yếu
    summary = summary_years(summary)
    f.update(locality_by_vote(summary, f))
    place, authority = f.get("place"), f.get("authority")
    if isinstance(place, str) and isinstance(authority, str) and place.upper() in authority.upper():
        summary = summary_place(summary, place, authority)  # a place the date line and the authority both give
    summary = summary_year_of_date(summary, f.get("date"))
    summary = summary_year_of_issue(summary, doc_type, lines[i:])
    summary = summary_year_misread(summary, doc_type, lines[i:])
    summary = summary_cut_year(summary, f.get("date"), lines[i:])
    body = [ln.text for ln in lines[i:]]  # the text the summary's words are checked against
    if titled is not None and doc_type is not None:
        summary = lost_words(summary, *titled, body)  # a word OCR lost, where the page shows its gap
    summary = as_the_body_reads(summary, body)
    if summary:  # a mark standing alone between two words ("năm , 2019"): a speck, printed marks touch their word
        summary = re.sub(r"(?<=\w) [,.:;'`]+(?= \w)", "", summary)
        # a colon glued to a word before a lower-case one ("nông thôn: mới"): a trích yếu names its
        # matter in one phrase and never opens a list inside it, so the colon is a speck of the border
        summary = re.sub(r"(?<=[^\W\d_]):(?= ([^\W\d_]))", lambda m: "" if m.group(1).islower() else ":", summary)
    summary = capitals_from_body(decoded_from_body(specked_from_body(summary, body), body), body)
    summary = lost_glyph_from_body(onsets_from_body(near_after_body(near_from_body(summary, body), body), body), body)
    summary = as_the_body_reads(summary, body)  # a pair the decoded word completes ("mới trường": môi trường)
    marked = _marked_wraps(summary_lines + list(f.get("vv_lines") or []))  # type: ignore[call-overload]
    summary = caps_specks(wrap_comma_specks(commas_as_the_body(summary, body, marked), body, marked), body)
    summary = capital_after_first(summary, body)
    summary = dash_specks(summary, body)  # "trên - địa bàn": a speck read as a dash where no pair can be
    page_no = lines[0].page_no if lines else 1
    f["number"] = code_agrees(f.get("number"), doc_type)  # type: ignore[arg-type]
    f["number"] = number_borne_out(f.get("number"), lines[i:])
    if f.get("number") is None:
        f["number"] = number_of_issue(doc_type, lines[i:])
    if f.get("date_alternatives") or f.get("date") is None:
        f.update(borne_out_date(f, lines[i:]))
    f["authority"] = authority_as_the_body_writes(f.get("authority"), [summary or "", *body])  # its marks
    header = Header(
        authority=f.get("authority"),  # type: ignore[arg-type]
        parent_authority=f.get("parent_authority"),  # type: ignore[arg-type]
        motto=f.get("motto"),  # type: ignore[arg-type]
        number=f.get("number"),  # type: ignore[arg-type]
        place=f.get("place"),  # type: ignore[arg-type]
        date=f.get("date"),  # type: ignore[arg-type]
        date_text=f.get("date_text"),  # type: ignore[arg-type]
        doc_type=doc_type,
        summary=summary,
        kinh_gui=tuple(kinh_gui),
        family=str(f.get("family", "state")),
        page_no=page_no,
    )
    if header.family == "state" and header.number and re.match(r"^\d+-[A-Za-zĐđ]+/", header.number):
        header = replace(header, family="party")
    return HeaderResult(header, i)
