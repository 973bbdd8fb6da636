"""The type title under the header, the trích yếu under it and Kính gửi: where the body begins."""

from __future__ import annotations

import re

from pipeline.structure.header_date import skeleton
from pipeline.structure.header_number import type_of_number
from pipeline.structure.header_specks import (
    drop_modifier_glyphs,
    no_letter_line,
)
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import (
    RE_ARTICLE,
    RE_BASIS,
    RE_CHAPTER,
    RE_KINH_GUI,
    RE_NUM,
    RE_ROMAN,
    edit_distance,
)
from pipeline.structure.summary_apart import head_apart, with_head
from pipeline.vn.doctypes import DOC_TYPES, match_doc_type
from pipeline.vn.orthography import is_caps, nfc_single_spaced, strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable

_RULE = re.compile(r"^[\s*\-_=—–.·•~]*$")
# Specks before a header line's first word, spaced or not ("ˆ . :961722UBNDTH"); "$ố:" is Số, its S read as $
# (also with its ố read as 6, before the label's colon: "$6; 189/HD-UBND").
_JUNK_HEAD = re.compile(r"^(?:(?:[_\-–—.,:;'\"“”`ˆ˜´¨~|^]|\$(?![ốô]|6\s*[:;]))\s*)+(?=\w)")
# a mark, or a lone letter without a mark (no word of a trích yếu but "y", as in "y tế")
_SPECK_HEAD = re.compile(r"^(?:[.,:;'\"“”`ˆ~|]+|[a-xz])\s+(?=\w)")
# Words that open the first body paragraph, not a continuation of the summary.
_OPENERS = re.compile(r"^(?:Thực hiện|Căn cứ|Ngày \d|Theo|Để|Nhằm|Trên cơ sở|Xét|Qua|Sau khi|Tiếp theo|Hiện nay|Nay)\b")


def _strip_junk(t: str) -> str:
    return _JUNK_HEAD.sub("", t).strip()



def _type_line(t: str) -> str:
    """A title line without the specks OCR left around it ("HƯỚNG DẪN." is the title HƯỚNG DẪN)."""
    return re.sub(r"\s*[.,:;'`’]+$", "", _strip_junk(t))


def _is_body_start(t: str) -> bool:
    return bool(
        RE_BASIS.match(t) or RE_KINH_GUI.match(t) or RE_ROMAN.match(t) or RE_ARTICLE.match(t)
        or RE_CHAPTER.match(t) or RE_NUM.match(t)
    )


_BASIS_SKELETON = re.compile(r"^(?:c[aiđdeo]{1,2}n\s+c|theo\s+de\s+nghi|xet\s+de\s+nghi)", re.I)
# "Căn cứ" garbled, then the kind of document it cites: a basis even where its line wraps on.
_BASIS_CITING = re.compile(
    r"^c\w{0,2}n\s+c\w{0,2}:?\s+(?:luat|bo luat|hien phap|nghi (?:quyet|dinh)|quyet dinh|thong tu|chi thi|"
    r"ke hoach|cong van|van ban|ket luan|chuong trinh|huong dan|dieu le|thong bao|to trinh|bao cao)\b"
)


def _looks_like_basis(t: str) -> bool:
    """A Căn cứ line the restorer left garbled ("Cần a Luật ...;", "Cin ctr ..."): it ends a clause
    with ";" (a summary line never does), or its skeleton opens like "can c..." and ends one."""
    skel = strip_marks(t).lower()
    if _BASIS_CITING.match(skel):
        return True
    return t.rstrip().endswith(";") or bool(_BASIS_SKELETON.match(skel)) and t.rstrip().endswith((".", ","))


def _basis_above_basis(lines: list[Ln], i: int) -> bool:
    """A first Căn cứ line garbled past the patterns ("Căn a Lưới Tổ chức chính quyền …"): its first
    word has the letters of "Căn" and the line under it is a basis."""
    words = lines[i].text.split()
    if not words or skeleton(words[0]) != "can" or i + 1 >= len(lines):
        return False
    nxt = lines[i + 1].text
    return bool(RE_BASIS.match(nxt)) or _looks_like_basis(nxt)


def _last_name_piece(lines: list[Ln], i: int) -> bool:
    """Whether line ``i`` is a trích yếu's short last line that opens with a capitalised word (the
    rest of a name wrapped: "Giang năm 2025"): a few words, no clause ending, and after it a gap, the
    body's first line or the end."""
    t = lines[i].text.strip()
    words = t.split()
    if not words or not _title_word(words[0]) or len(words) > 6 or t.endswith((".", ";", ":", ",")) or _OPENERS.match(t):
        return False
    if i + 1 >= len(lines):
        return True
    nxt = lines[i + 1]
    return nxt.gap_before or _is_body_start(nxt.text) or _looks_like_basis(nxt.text) or bool(_OPENERS.match(nxt.text))


def _title_word(w: str) -> bool:
    return w[:1].isupper() and (len(w) == 1 or w[1:].islower())


def _centered_under(ln: Ln, above: Ln) -> bool:
    """A wrapped summary line whose words, without a speck OCR read as a mark beside them ("năm 2021
    -": a dash of a few pixels past the year), are centered under the centered line above it."""
    boxes = [w.bbox for w in ln.words if any(c.isalnum() for c in w.text)]
    if not boxes or above.bbox is None:
        return False
    # the line above spans the page's middle and this one is much shorter: a wrap, even where the
    # page's text edges (taken from its widest lines, a speck before one of them included) make the
    # line above look off-centre
    narrow = max(b[2] for b in boxes) - min(b[0] for b in boxes) < 0.8 * (above.bbox[2] - above.bbox[0])
    if not (above.centered or (above.col == "C" and narrow)):
        return False
    mid, above_mid = (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2, (above.bbox[0] + above.bbox[2]) / 2
    return abs(mid - above_mid) < 0.02 * (above.bbox[2] - above.bbox[0])


def _summary(lines: list[Ln], i: int) -> tuple[list[str], int]:
    """Trích yếu lines under the title: centered, before a gap, a basis, a caps line or a marker."""
    out: list[str] = []
    first = i
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        if _RULE.match(t) or not any(c.isalnum() for c in t) or no_letter_line(ln, lines[max(0, i - 4) : i + 4]):
            i += 1  # a rule, or a speck read as a mark alone or as a word in a box too low for a letter
            continue
        if _is_body_start(t) or (out and is_caps(t)) or _looks_like_basis(t) or (out and _basis_above_basis(lines, i)):
            break
        # a period before a line that goes on in lower case is an OCR speck ("trên địa bàn." / "tỉnh …"),
        # as it is before a short last line that goes on with a name ("tỉnh Tiền." / "Giang năm 2025")
        speck = bool(out) and out[-1].endswith(".") and not out[-1].endswith("..") and (
            t[:1].islower() or _last_name_piece(lines, i))
        ended = bool(out) and out[-1].endswith((".", ":", ";")) and not speck
        if out and (ln.gap_before or ended or _OPENERS.match(t)):
            break
        if speck and not t[:1].islower():
            out[-1] = out[-1][:-1]
        if ln.geo and not ln.centered and not (out == [] and ln.col == "C") and not (out and _centered_under(ln, lines[i - 1])):
            break  # a summary line is centered; the body starts at the margin or an indent
        # a trích yếu opens with a word, never a mark ("- Rà soát"); a wrapped line neither with a
        # speck of the border before it (": Đắk Lắk"; a hyphen may be the text's: "- xã hội")
        if not out:
            first = i
        out.append(_SPECK_HEAD.sub("", t) if out else _strip_junk(t))
        i += 1
    if out and (k := head_apart(lines, first, i, _opens_body)) is not None:
        out[0] = with_head(_strip_junk(lines[k].text), out[0], [ln.text for ln in lines[i:]])  # its head OCR read further down
    return out, i


def _opens_body(t: str) -> bool:
    return bool(_is_body_start(t) or _looks_like_basis(t) or _OPENERS.match(t))


def _kinh_gui_line(t: str) -> bool:
    """A "Kính gửi:" line, also with a speck OCR read as a modifier glyph before it ("ˆ Kính gửi:")."""
    return bool(RE_KINH_GUI.match(drop_modifier_glyphs(t).strip()))


def _trich_yeu_without_vv(lines: list[Ln], i: int) -> list[str]:
    """A letter's trích yếu whose "V/v" OCR lost: one to three short lines of the left column under
    the number, then Kính gửi (a công văn's layout, NĐ 30/2020); [] for anything else."""
    for n in (1, 2, 3):
        if i + n >= len(lines) or not _kinh_gui_line(lines[i + n].text):
            continue
        part = lines[i : i + n]
        if all(ln.col == "L" and len(ln.text) <= 60 and not _is_body_start(ln.text) for ln in part):
            return [ln.text for ln in part]
    return []


def _kinh_gui(lines: list[Ln], i: int) -> tuple[list[str], int]:
    if i >= len(lines) or not _kinh_gui_line(lines[i].text):
        return [], i
    items: list[str] = []
    rest = RE_KINH_GUI.sub("", drop_modifier_glyphs(lines[i].text).strip(), count=1).strip()
    if rest:
        items.append(rest)
    i += 1
    while i < len(lines) and re.match(r"^[-–+•]\s*\S", lines[i].text) and not lines[i].gap_before:
        items.append(lines[i].text)
        i += 1
    cleaned = [nfc_single_spaced(re.sub(r"^[-–+•]\s*", "", t)).rstrip(";.,") for t in items]
    return [c for c in cleaned if c], i


def _capsish(w: str) -> bool:
    """A word of a capitalised line as a strong scan leaves it: most of its letters capitals ("HOẠcH")."""
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters) or is_caps(w) and bool(letters)


def _damaged_type(t: str) -> tuple[str, str] | None:
    """The type title and the rest of a title line OCR damaged on a strong scan: the title run on
    into the summary's first line ("KẾ HOẠCH Triển khai ..."), or a word of it one glyph off
    ("KẾ HOẠCN", "HƯỚNG DẪM"; two for a long title), the nearest type title and only it.  None else."""
    words = _type_line(t).split()
    caps: list[str] = []
    for w in words:
        if not _capsish(w):
            break
        caps.append(w)
    types = sorted(set(DOC_TYPES), key=len, reverse=True)
    for k in range(min(len(caps), 4), 0, -1):
        head, rest = " ".join(caps[:k]).upper(), " ".join(words[k:])
        if rest and (rest[:1].islower() or not rest[:1].isalpha()):
            continue  # a title's run-on summary begins with a capital
        if head in types:
            return head, rest
        bare = strip_marks(head)
        near = [(edit_distance(bare, strip_marks(x)), x) for x in types if len(x.split()) == k and len(x) >= 6]
        if not near:
            continue
        best = min(d for d, _ in near)
        hits = [x for d, x in near if d == best]
        if len(hits) == 1 and best <= (2 if len(hits[0]) >= 10 else 1):
            return hits[0], rest
    return None


def _title_at(lines: list[Ln], i: int) -> tuple[str, str, int] | None:
    """The type title at line i (or under a speck line there), the text after it, and the next line."""
    for k in (i, i + 1):
        if k >= len(lines):
            return None
        t = lines[k].text
        if (dt := match_doc_type(_type_line(t))) is not None:
            return dt, nfc_single_spaced(_type_line(t))[len(dt):].strip(), k + 1
        if (hit := _damaged_type(nfc_single_spaced(t))) is not None:
            return hit[0], hit[1], k + 1
        if sum(c.isalpha() for c in t) > 2:  # not a speck: no title here
            return None
    return None


def _other_heading(lines: list[Ln], i: int, coded: str) -> bool:
    """A line of capitals in real words where the title would stand, far from the title the number's
    code names ("KẾT QUẢ" under a KH number): some other heading, no title OCR garbled (then the code
    is not taken for the type).  A line within a third of the title's letters of it is the title."""
    if i >= len(lines):
        return False
    t = _type_line(lines[i].text)
    words = re.findall(r"[^\W\d_]+", t)
    if not (is_caps(t) and words and all(is_vietnamese_syllable(w) for w in words)):
        return False
    want = skeleton(coded)
    return edit_distance(skeleton(t), want) > len(want) // 3


def _lost_title(lines: list[Ln], i: int) -> int | None:
    """Where the trích yếu starts under a type title OCR lost (a seal, a fold or a speck garbled it
    past reading): after a short line where the title stands (a word or four, not the body), or at
    ``i`` when the title left no line and a centered line opens there.  None when the body starts."""
    if i >= len(lines) or _is_body_start(lines[i].text) or _looks_like_basis(lines[i].text):
        return None
    ln = lines[i]
    words = _type_line(ln.text).split()
    if 0 < len(words) <= 4 and not ln.text.rstrip().endswith((";", ",")) and i + 1 < len(lines):
        nxt = lines[i + 1]
        if not (_is_body_start(nxt.text) or _looks_like_basis(nxt.text) or _OPENERS.match(nxt.text)):
            return i + 1
        return None
    if _OPENERS.match(ln.text) or not ln.text[:1].isupper():
        return None
    return i if (not ln.geo or ln.centered) else None


def _title_and_trich_yeu(
    lines: list[Ln], i: int, f: dict[str, object]
) -> tuple[str | None, list[str], tuple[Ln, list[Ln]] | None, int]:
    """The type title and the trích yếu's lines from ``i`` on: (type, lines, (title line, its
    trích yếu's lines) when the title stands alone, index after them)."""
    doc_type = None
    summary_lines: list[str] = []
    titled: tuple[Ln, list[Ln]] | None = None
    if (title := _title_at(lines, i)) is not None:
        doc_type, extra, i = title
        start = i
        summary_lines, i = _summary(lines, i)
        if not extra:
            titled = (lines[start - 1], lines[start:i])
        if extra:
            summary_lines.insert(0, extra)
    elif not f.get("vv") and (coded := type_of_number(f.get("number"))) is not None and not _other_heading(lines, i, coded):
        # the title line lost to OCR: the number's type code names the type (the document's own word
        # for it, NĐ 30/2020), and the trích yếu stands under where the title stood
        doc_type = coded
        if (at := _lost_title(lines, i)) is not None:
            summary_lines, i = _summary(lines, at)
    if doc_type is None and not f.get("vv") and (lost_vv := _trich_yeu_without_vv(lines, i)):
        summary_lines, i = lost_vv, i + len(lost_vv)
    return doc_type, summary_lines, titled, i
