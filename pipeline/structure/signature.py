"""The closing block: "Nơi nhận" on the left, the signature on the right."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.document import Signature
from pipeline.structure.header_specks import drop_modifier_glyphs
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import (
    RE_NOI_NHAN,
    RE_SIG_PREFIX,
    damaged_noi_nhan,
    split_caps_tail,
)
from pipeline.structure.signature_capacity import (
    deputy_of,
    deputy_signs_for_head,
    head_title,
    known_head,
    no_title_words,
    position_lines,
)
from pipeline.structure.signature_prefix import (
    SPECK_TAIL,
    bare_prefix,
    clean_prefix,
    garbled_body_line,
    garbled_caps,
    mended_prefix,
    prefix_kind,
    sig_prefix,
)
from pipeline.structure.titles import (
    POSITIONS,
    TITLE_SYLLABLES,
    body_by_last_word,
    printed_title,
)
from pipeline.types import BBox
from pipeline.vn.orthography import is_caps, nfc_single_spaced, strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable


class _NameRx:
    """A person's name: 2-6 capitalised words ("Nguyễn Văn An", "Nguyễn Văn A")."""

    @staticmethod
    def match(t: str) -> bool:
        words = t.split()
        return 2 <= len(words) <= 6 and all(
            w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words
        )


_RE_NAME = _NameRx()
_RE_SIGNED = re.compile(r"^\(?\s*(?:Đã\s+ký|đã\s+ký|Ký|ký|Chữ\s+ký|Signed)\b.*\)?$")
_LOCALITIES = ("TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "QUẬN ", "THỊ XÃ ", "XÃ ", "PHƯỜNG ", "THỊ TRẤN ")
_RE_SIGNED_TAIL = re.compile(r"\s*\((?:Đã|đã)\s+ký\)\s*$")
# Specks OCR left before a name: a dash or a mark ("- Đặng Ngọc Tuấn", a quote: '"Nguyễn Văn An'), a
# glyph of the seal ("a Đặng …").  No name is printed in quotes: a quote mark there is a speck.
_RE_SPECK_HEAD = re.compile(r"^(?:[\s.,:;'`’~\-–—•_\"“”„]+|[^\W\d_]{1,2}\s+(?=[^\W\d_]))")
_RE_NAME_TAIL = re.compile(r"[\s.,:;'`’~\-–—_\"“”„]+$")
_RE_LUU_NAME = re.compile(r"^(-\s*Lưu\b.*?\.)\s+(\S.*)$")


# A heading that follows the signature block (an appendix, its title): where the block ends, even
# when OCR read it in the signature's column or on the position's line ("PHÓ BÍ THƯ PHỤ LỤC").
_RE_HEADING_AFTER = re.compile(r"(?:^|\s)(?:PHU\s*LUC|DANH\s+MUC|BIEU\s+MAU)(?=[\s.:;,\-]|$)")


def _before_heading(lines: list[str]) -> list[str]:
    """The signature's lines up to a heading that follows the block: the heading's capitalised lines
    dropped, a signer's name OCR read after them kept."""
    for i, t in enumerate(lines):
        m = _RE_HEADING_AFTER.search(strip_marks(t).upper()) if is_caps(t) else None
        if m is not None:  # strip_marks keeps the length: the offsets are the line's
            head = t[: m.start()].strip()
            names = [n for n in lines[i + 1 :] if not is_caps(n) and _RE_NAME.match(SPECK_TAIL.sub("", n))]
            return [*lines[:i], *([head] if head else []), *names[:1]]
    return lines


@dataclass(frozen=True)
class Closing:
    signature: Signature | None
    recipients: tuple[str, ...]


# A token of modifier glyphs only ("ˆ", "˜", "`"): an OCR speck, never a word of the block.
_MODIFIER_TOKEN = re.compile(r"(?<!\S)[\u02b0-\u02ff\u0300-\u036f`´¨]+(?!\S)")


# Capitals the English model reads as digits at a word's start ("1ê Quang Minh" for Lê).
_DIGIT_CAPITALS = {"1": "LI", "0": "OĐ", "5": "S", "8": "B", "6": "G"}


def _digit_capitals(t: str) -> str:
    """``t`` with a word that opens with a digit glyph before lower-case letters ("1ê") read with
    the one capital that makes it a Vietnamese syllable ("Lê"; "Iê" is none): a name's words are
    syllables, capitalised.  A word two capitals or none make so stays as read."""
    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        hits = [c + w[1:] for c in _DIGIT_CAPITALS[w[0]] if is_vietnamese_syllable(c + w[1:])]
        return hits[0] if len(hits) == 1 else w
    return re.sub(r"(?<!\S)[0-9](?=[^\W\d_]+(?!\S))[^\W\d_A-ZĐ]+", lambda m: fix(m) if m.group(0)[0] in _DIGIT_CAPITALS else m.group(0), t)


def _name(t: str) -> str | None:
    """The signer's name in a line, specks before or after it dropped, else None."""
    if is_caps(t):
        return None
    t = _digit_capitals(t)
    t = re.sub(r"^[^\W\d_]\s+(?=[^\W\d_]{2})", "", t)  # a one-letter word is no part of a name: a speck ("B Lê Quang Minh")
    for cand in (SPECK_TAIL.sub("", t), _RE_NAME_TAIL.sub("", _RE_SPECK_HEAD.sub("", t, count=1))):
        if _RE_NAME.match(cand):
            return cand
    return None


def _unglued(t: str) -> str:
    """A caps line with two title syllables OCR ran together split again ("KT.CHỦTỊCH" -> "KT.CHỦ TỊCH")."""
    def split(m: re.Match[str]) -> str:
        w = m.group(0)
        if w in TITLE_SYLLABLES:
            return w
        for k in range(2, len(w) - 1):
            if w[:k] in TITLE_SYLLABLES and w[k:] in TITLE_SYLLABLES:
                return f"{w[:k]} {w[k:]}"
        return w

    return re.sub(r"[^\W\d_]{4,}", split, t) if is_caps(t) else t


def _unspecked(t: str) -> str:
    """A line without the glyphs no word has, standing alone ("ˆ") or glued to a word ("ˆTrần")."""
    return drop_modifier_glyphs(" ".join(_MODIFIER_TOKEN.sub(" ", t).split()) if _MODIFIER_TOKEN.search(t) else t)


def is_closing_start(ln: Ln) -> bool:
    """True for the line where the signature block or "Nơi nhận:" begins."""
    t = _unspecked(ln.text)
    if RE_NOI_NHAN.match(t) or damaged_noi_nhan(t):
        return True
    m = sig_prefix(t)
    if not m or len(t.split()) > 8:
        return False
    # in the signature's column a prefix opens the block even where a seal made OCR read the body's
    # name in lower case ("T/M Bì giường VỤ"); elsewhere the line must be capitals
    return is_caps(t) and (not ln.geo or ln.col != "L") or (ln.geo and ln.col == "R" and garbled_caps(t[m.end():]))


# The recipients every closing lists first or last (NĐ 30/2020: "Như trên", "Lưu: VT"), dashed.
# A Party list ends "- Lưu Văn phòng Tỉnh ủy" (HD 36-HD/VPTW), with no colon; "- Lưu VT" is one lost.
# "Như trên" whose dash a seal or a speck took is still the list's head when a mark ends it ("Như
# trên, — ˆ"), as no sentence of a body opens so.
_RE_STOCK_RECIPIENT = re.compile(
    r"^\s*(?:[-–•+]\s*(?:Như\s*trên\b|Lưu\s*(?::|VT\b|Văn\s+phòng\b))|Như\s*trên\s*[;,.:](?:[\s\W]|$))")


def closing_without_label(lines: list[Ln], lo: int, hi: int) -> int | None:
    """Where the closing begins when neither "Nơi nhận:" nor a signing prefix was read (a seal or a
    speck wiped its first line): at the first stock recipient ("- Như trên;", "- Lưu: VT") after
    the body, taking in the dashed recipients and the signature column's capitals just above it."""
    at = next((i for i in range(lo, hi) if _RE_STOCK_RECIPIENT.match(lines[i].text)), None)
    if at is None:
        return None
    first = "Như" in lines[at].text  # "Như trên" heads the list; above "Lưu" are other recipients
    k = at
    while k - 1 >= lo:
        prev = lines[k - 1]
        t = _unspecked(prev.text)
        if sum(c.isalpha() for c in t) < 3:  # a speck of the seal or a rule (":", "nh"): look above it
            k -= 1
            continue
        dashed = not first and re.match(r"^\s*[-–•+]\s*\S", t) and not t.rstrip().endswith(".")
        position = is_caps(t) and len(t.split()) <= 6 and prev.geo and prev.col == "R"
        # a recipient whose dash OCR lost: in the list's column, ending as an item does, under another
        lost_dash = (not first and prev.geo and prev.col == "L" and t.rstrip().endswith((";", ":"))
                     and k - 2 >= lo and re.match(r"^\s*[-–•+]\s*\S", lines[k - 2].text) is not None)
        if not (dashed or position or lost_dash):
            break
        k -= 1
        at = k
    return at


def _split_text_line(t: str) -> tuple[str, str]:
    """Left (recipients) and right (signature) parts of a legacy line holding both columns."""
    t = RE_NOI_NHAN.sub("", t, count=1).strip() if RE_NOI_NHAN.match(t) else t
    if damaged_noi_nhan(t):
        return "", ""
    t = _RE_SIGNED_TAIL.sub("", t)  # "(đã ký)" printed in the signature column of a copy
    m = _RE_LUU_NAME.match(t)
    if m and _RE_NAME.match(m.group(2)):
        return m.group(1), m.group(2)
    if t.startswith(("-", "+", "•")) or not t:
        return split_caps_tail(t)
    if RE_SIG_PREFIX.match(t) or is_caps(t) or _name(t) is not None or _RE_SIGNED.match(t):
        return "", t
    left, right = split_caps_tail(t)
    return (left, right) if right else _glued_title_tail(t) or (left, right)


def _glued_title_tail(t: str) -> tuple[str, str] | None:
    """A recipient line that ends in the signature's position with its spaces lost and a mark glued
    before it ("Như trên, — ˆ j6... ¿7 :CHÁNHVÃNPHÒNG"): the recipients, and the position as the
    closed grammar prints it.  None when the last word is no known position run together."""
    words = t.split()
    last = words[-1].strip(".,:;'`’~-–—_\"") if len(words) >= 2 else ""
    if len(last) < 7 or not last.isalpha() or not is_caps(last):
        return None
    title = printed_title(last)
    return (" ".join(words[:-1]), title) if title in POSITIONS and " " in title else None


def _recipients(parts: list[str]) -> tuple[str, ...]:
    items: list[str] = []
    for t in parts:
        t = t.strip()
        if not t:
            continue
        if re.match(r"^[-–+•]\s*", t) or not items:
            items.append(re.sub(r"^[-–+•]\s*", "", t))
        else:
            items[-1] = items[-1] + " " + t  # a recipient wrapped onto the next line
    return tuple(c for c in (nfc_single_spaced(i).rstrip(";,.: ") for i in items) if c)


_GLYPHS_BEFORE_PREFIX = re.compile(r"^(?=\S*[a-zđà-ỹ])\S{1,4}(?:\s+\S{1,4})?\s+(?P<line>(?:TUQ|TM|KT|TL|T/M|K/T|T/L)[.\s]\s*\S.*)$")


def _caps_core(t: str) -> str:
    """A title line without the specks a seal left around it: a mark before it, a glyph or two in
    lower case after it ("- PHÓ CHỦ TỊCH sẽ" is PHÓ CHỦ TỊCH) or before it ("đợc PHÓ BÍ THƯ"), a
    period between two words of it ("CHÁNH.VĂN PHÒNG"; a prefix's period stays: "KT.CHỦ TỊCH"); any
    other line as it is."""
    if is_caps(t):
        return re.sub(r"(?<![^\W\d_])([^\W\d_]{4,})\.(?=[^\W\d_]{2})", r"\1 ", t)  # "CHÁNH.VĂN PHÒNG": a speck
    # a seal's or a speck's glyphs read as a word or two in lower case before a prefix line ("Sun tọa
    # TM BAN THƯỜNG VỤ"): the line from its prefix on, when that is capitals
    if (g := _GLYPHS_BEFORE_PREFIX.match(t)) is not None and is_caps(g.group("line")):
        return g.group("line")
    u = re.sub(r"\s+[^\W\d_]{1,2}$", "", re.sub(r"^[-–—•.,:;'`’~_]+\s*", "", t))
    # a seal's glyphs read as a short word in lower case before the title ("đợc PHÓ BÍ THƯ")
    if (g := re.match(r"^(?=\S{0,2}[a-zđà-ỹ])\S{1,3}\s+(?P<title>\S.*)$", u)) is not None and all(
            w in TITLE_SYLLABLES for w in g.group("title").split()):
        u = g.group("title")
    if u != t and len(u.split()) >= 2 and is_caps(u):
        return u
    return _known_position_tail(t) or t


def _known_position_tail(t: str) -> str | None:
    """A deputy's position the closed grammar knows ("PHÓ CHỦ TỊCH") ending a line a seal's glyphs
    began in lower case and digits ("l0 VU i02 PHÓ CHỦ TỊCH:"): the longest run of capitals at the
    line's end that is such a position, with specks after it dropped.  A head's title so read
    ("xa 2 CHỦ TỊCH") may be the prefix line the seal garbled ("KT. CHỦ TỊCH"), not the position:
    None for it, as for any other line."""
    words = SPECK_TAIL.sub("", t).split()
    if is_caps(t) or len(words) < 3:
        return None
    for k in range(1, len(words) - 1):  # glyphs before the title: at least one word
        tail = " ".join(words[k:])
        if tail in POSITIONS and tail.startswith("PHÓ "):
            return tail
    return None


def _position_behind_specks(lines: list[str]) -> list[str]:
    """The lines with the one under the prefix line read as its known position when a seal's specks
    before it ("e. +. CHÁNH VĂN PHÒNG": words of two letters at most) kept it from reading as
    capitals, and no caps line follows (one would be the position, this the head line a seal garbled)."""
    out = list(lines)
    for k in range(1, len(out)):
        if is_caps(out[k]) or not sig_prefix(out[k - 1]) or any(is_caps(u) for u in out[k + 1 :]):
            continue
        words = out[k].split()
        for j in range(1, len(words) - 1):
            title = printed_title(SPECK_TAIL.sub("", " ".join(words[j:])))
            if all(sum(c.isalpha() for c in w) <= 2 for w in words[:j]) and title in POSITIONS and " " in title:
                out[k] = title
                break
    return out


# Common Vietnamese family names: a closed set.  Letters without marks that two of them share
# (Đoàn, Doãn) name neither.
_SURNAMES = frozenset((
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Đinh", "Lâm", "Lương", "Mai", "Trương", "Trịnh", "Cao", "Tạ",
    "Hà", "Tô", "Lưu", "Kiều", "Thái", "Châu", "Quách", "Tăng", "Triệu", "Vương", "Phùng", "Tôn",
    "Thân", "Lại", "Khổng", "Từ", "Chu", "Hứa", "Mạc", "Lục", "Nông", "Giang", "Doãn", "Âu", "Đàm",
    "Nghiêm", "Thạch", "Ông", "Tiêu", "Bạch",
))
_LETTERS = Counter(strip_marks(n) for n in _SURNAMES)
_SURNAME_OF_LETTERS = {strip_marks(n): n for n in _SURNAMES if _LETTERS[strip_marks(n)] == 1}


def _surname(name: str) -> str:
    """A full name's first word is its family name, from a small closed set: a first word with the
    letters of one of them but other marks is that name, whose marks OCR and restoration lost or
    changed ("Nguyên Văn An", "Đăng Ngọc Tuấn": Nguyên and Đăng are given names, never family
    names).  Only a name of three words or more is read so: in two, the first may be a given name."""
    words = name.split()
    if len(words) < 3 or words[0] in _SURNAMES:
        return name
    family = _SURNAME_OF_LETTERS.get(strip_marks(words[0]))
    return " ".join([family, *words[1:]]) if family is not None else name


_LONE_PREFIX = re.compile(r"^\s*(?:T/M|K/T|T/L|TM\.?|KT\.?|TL\.?|TUQ\.?)\s*$")


def _lone_prefix_joined(sig: list[str]) -> list[str]:
    """The block's lines with a prefix OCR read as a line of its own ("T/M" beside "BAN THƯỜNG VỤ":
    its box apart from the words after it) put before the line it opens; a line of fewer than three
    letters is otherwise dropped as a speck."""
    out: list[str] = []
    k = 0
    while k < len(sig):
        t = sig[k]
        if k + 1 < len(sig) and _LONE_PREFIX.match(t) and is_caps(sig[k + 1]) and not sig_prefix(sig[k + 1]):
            t = f"{t.strip()} {sig[k + 1].strip()}"
            k += 1
        out.append(t)
        k += 1
    return out


def parse_signature_lines(sig: list[str], page_no: int | None, bbox: BBox | None) -> Signature | None:
    """Prefix, on whose behalf, position and signer from the right-column lines, top to bottom."""
    sig = _lone_prefix_joined(sig)
    # Drop "(Đã ký)" and specks read off the signature or the seal ("Ộ", "ff").
    lines = [_caps_core(mended_prefix(nfc_single_spaced(_unspecked(t)))) for t in sig if sum(c.isalpha() for c in t) >= 3 and not _RE_SIGNED.match(t.strip())]
    lines = _position_behind_specks(_before_heading(lines))
    if not lines:
        return None
    # the signer's name ends the block (NĐ 30/2020): a caps line under it that is no title's words
    # is what a seal or a speck left there ("PHUEUĐC. -"), not a piece of the position
    named = [k for k, t in enumerate(lines) if _name(t) is not None]
    if named and any(is_caps(t) for t in lines[: named[-1]]):
        lines = [t for k, t in enumerate(lines) if k <= named[-1] or not is_caps(t) or sig_prefix(t)
                 or all(w in TITLE_SYLLABLES for w in re.findall(r"[^\W\d_]+", _unglued(t)))]
    caps_at = [k for k, t in enumerate(lines) if is_caps(t) or garbled_body_line(t)]
    caps = [_unglued(clean_prefix(lines[k])) for k in caps_at]
    # a name with an OCR speck before or after it ("Hoàng Minh Đức.", "- Đặng Ngọc Tuấn") is the name
    names = [n for t in lines if (n := _name(t)) is not None]
    prefix = on_behalf = position = None
    prefixed = [i for i, t in enumerate(caps) if sig_prefix(t)]
    tail = caps
    if prefixed:
        m = sig_prefix(caps[prefixed[0]])
        assert m is not None
        prefix = m.group(1)
        on_behalf = SPECK_TAIL.sub("", caps[prefixed[0]][m.end():]).strip() or None  # "TL. CHỦ TỊCH." a speck
        k = prefixed[0] + 1
        # "TM. ỦY BAN NHÂN DÂN" wrapped before "TỈNH QUẢNG NGÃI": still on whose behalf.
        while k < len(caps) and on_behalf and caps[k].startswith(_LOCALITIES) and k not in prefixed:
            on_behalf += " " + caps[k]
            k += 1
        tail = caps[max(k, prefixed[-1] + 1):]
        if not tail and len(prefixed) > 1:
            last = caps[prefixed[-1]]
            m2 = sig_prefix(last)
            tail = [last[m2.end():].strip()] if m2 else []
    elif caps and (bare := bare_prefix(caps[0])) is not None:
        # written as the family's form the block shows (a slash in any of its lines), else the state's;
        # the archive mapping puts the document's family's form back
        prefix = {"TM": "T/M", "KT": "K/T", "TL": "T/L"}.get(bare[0], bare[0]) if any("/" in t for t in caps) else bare[0] + "."
        on_behalf, tail = bare[1], caps[1:]
    if tail:
        position = position_lines(tail)  # a long position wraps: "CỤC TRƯỞNG" / "CỤC THÔNG TIN ĐỐI NGOẠI"
        # the deputy's line, under the head line a seal or a speck garbled (read in lower case and
        # dropped, or in capitals with its prefix lost: "R1 T.CHỦ TỊCH" for "KT.CHỦ TỊCH")
        for k, t in enumerate(tail[:2] if prefix is None else []):  # no prefix read: the tail is every caps line
            above = lines[caps_at[k] - 1] if caps_at[k] > 0 else None
            if prefix is None and (head := deputy_of(above, t, first=caps_at[k] == 1)) is not None:
                prefix, on_behalf = ("K/T" if any("/" in t for t in caps) else "KT."), head
                position = position_lines(tail[k:])
    if prefix_kind(prefix) == "TM" and on_behalf and not is_caps(on_behalf):
        on_behalf = body_by_last_word(on_behalf) or on_behalf
    # a title is a closed grammar: one read with a mark wrong is the one form within marks of it
    on_behalf, position = printed_title(on_behalf), known_head(printed_title(position))
    if no_title_words(position):
        position = None
    if prefix_kind(prefix) == "KT" and position:
        on_behalf, position = deputy_signs_for_head(on_behalf, position)
    if prefix_kind(prefix) in ("KT", "TL", "TUQ") and position:
        on_behalf = head_title(on_behalf)
    return Signature(
        prefix=prefix,
        on_behalf_of=on_behalf,
        position=position,
        signer=_surname(names[-1]) if names else None,
        lines=tuple(lines),
        page_no=page_no,
        bbox=bbox,
    )


def parse_closing(lines: list[Ln]) -> Closing:
    """Recipients and signature from the lines after the body (before any appendix)."""
    left: list[str] = []
    right: list[str] = []
    boxes: list[BBox] = []
    page_no: int | None = None
    for ln in lines:
        if ln.geo and ln.col in ("L", "R"):
            t = ln.text
            if ln.col == "L":
                if RE_NOI_NHAN.match(t):
                    t = RE_NOI_NHAN.sub("", t, count=1).strip()
                elif damaged_noi_nhan(t):
                    continue
                left.append(t)
                continue
            right.append(t)
            if ln.bbox is not None:
                boxes.append(ln.bbox)
            page_no = page_no or ln.page_no
            continue
        lp, rp = _split_text_line(ln.text)
        left.append(lp)
        if rp:
            right.append(rp)
            page_no = page_no or ln.page_no
            if ln.bbox is not None:
                boxes.append(ln.bbox)
    bbox = None
    if boxes:
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Closing(parse_signature_lines(right, page_no, bbox), _recipients(left))
