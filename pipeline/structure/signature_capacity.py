"""Whom a signature signs for when a seal or a speck took part of its block: the head a deputy
signs for under "KT.", the head a unit head signs for under "TL.", a position read as no title."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.document import Signature
from pipeline.structure.signature_prefix import SPECK_TAIL, sig_prefix
from pipeline.structure.titles import (
    BODIES,
    BODY_HEADS,
    HEAD_TITLES,
    POSITIONS,
    TITLE_SYLLABLES,
    UNIT_HEADS,
    printed_title,
)
from pipeline.vn.orthography import strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable

# Every word of a title the closed grammar prints (positions, the bodies signed for, their units).
_TITLE_WORDS = frozenset(strip_marks(w) for f in (*POSITIONS, *BODIES, *TITLE_SYLLABLES) for w in f.split())
# The heads of state bodies a deputy signs for under "KT." (a Party's BÍ THƯ is signed for under T/M).
_STATE_HEADS = frozenset(h for h in HEAD_TITLES if h != "BÍ THƯ")


def _last_word(t: str) -> str:
    words = re.findall(r"[^\W\d_]+", t)
    return strip_marks(words[-1]).lower() if words else ""


def _no_title(t: str) -> bool:
    """A line none of whose words is a word of a title, marks aside ("TH do -": a seal's garble)."""
    words = re.findall(r"[^\W\d_]+", t)
    return bool(words) and not any(strip_marks(w).upper() in _TITLE_WORDS for w in words)


def deputy_of(above: str | None, position: str, first: bool = False) -> str | None:
    """The head a deputy signs for ("KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH") when a seal or a speck
    left that line unreadable but for its last word: the line just above the position ends in a
    word within an edit of the head's last word ("RĐP OMŨ TỊCH", "x3 L1 lich"); or, the line above
    being the block's ``first``, when none of its words is a title's ("TH do -": the seal over the
    whole line; the block's one line above the deputy's position is the head line).  A deputy of
    the state signing for the head writes "KT." and the head's title (Nghị định 30/2020, Điều 13; a
    Party deputy signs "T/M" for the committee, HD 36: not read so); None otherwise."""
    head = printed_title(SPECK_TAIL.sub("", position)) or ""  # "PHÓCHỦTỊCH": its spaces lost
    if not head.startswith("PHÓ ") or above is None:
        return None
    head = head[4:].strip()
    last = _last_word(head)
    if len(last) < 3 or sig_prefix(above):
        return None
    if first and head in _STATE_HEADS and _no_title(above):
        return head
    seen = _last_word(above)
    if len(seen) < 3 or sum(a != b for a, b in zip(seen, last, strict=False)) + abs(len(seen) - len(last)) > 1:
        return None
    return head


def known_head(position: str | None) -> str | None:
    """A position the closed grammar knows followed by one short word without marks that no title
    has ("PHÓ CHỦ TỊCH DEN": the seal's edge read under the title; titles are printed with their
    marks) is that position; any other as it is ("GIÁM ĐỐC SỞ" keeps its unit)."""
    words = (position or "").split()
    last = words[-1] if words else ""
    if (len(words) >= 3 and len(last) <= 3 and strip_marks(last) == last and last not in TITLE_SYLLABLES
            and " ".join(words[:-1]) in POSITIONS):
        return " ".join(words[:-1])
    return position




def no_title_words(position: str | None) -> bool:
    """Whether a position read holds no word any title has ("TƯ NI": a seal's glyphs read as short
    words where the title stood): no title, better none than those words in the archive's record."""
    words = re.findall(r"[^\W\d_]+", position or "")
    return bool(words) and not any(strip_marks(w).upper() in _TITLE_WORDS for w in words)


def seal_letters(line: str, under_position: bool = False) -> bool:
    """Whether a caps line under the position is letters a seal left ("MP : VN XS", "NUNG)"): each
    word bare of marks and no title's word, and no Vietnamese syllable unless the lines above are a
    whole position already (then nothing of the title is left to wrap).  A position's wrapped line
    ("CỤC THÔNG TIN ĐỐI NGOẠI") is words of the language, and a place name's carry marks ("ĐẮK LẮK")."""
    words = re.findall(r"[^\W\d_]+", line)
    return bool(words) and all(w.isascii() and w.upper() not in _TITLE_WORDS
                               and (under_position or not is_vietnamese_syllable(w.lower())) for w in words)


def position_lines(tail: list[str]) -> str:
    """The position from its caps lines: the first as read, a line of a seal's letters under it left
    out (the signer's name follows the position, NĐ 30/2020; nothing else is printed between)."""
    kept = tail[:1]
    for t in tail[1:]:
        above = " ".join(re.findall(r"[^\W\d_]+", " ".join(kept)))  # its words, specks aside ("—— CHÁNH VĂN PHÒNG")
        if not seal_letters(t, printed_title(above) in POSITIONS):
            kept.append(t)
    return " ".join(kept)


def deputy_signs_for_head(on_behalf: str | None, position: str) -> tuple[str | None, str]:
    """Under "KT." a deputy ("PHÓ CHỦ TỊCH") signs for the head whose title is his own without "PHÓ"
    (Nghị định 30/2020, Điều 13): a seal-garbled head line ("KT. UNU TY", a word no title has) is
    that head's title, and glyphs the seal left before "PHÓ" ("TỪ PHÓ CHỦ TỊCH") are no part of the
    position.  A head line made of title words stays as read."""
    m = re.search(r"(?:^|\s)(PHÓ\s+(\S.*))$", position)
    if m is None:
        return on_behalf, position
    before = position[: m.start(1)].split()
    if before and not all(w in TITLE_SYLLABLES for w in before):
        position = m.group(1)
    head = re.sub(r"\s+THƯỜNG\s+TRỰC$", "", m.group(2)).strip()  # the deputy's own qualifier
    words = (on_behalf or "").split()
    if not words or not all(w in TITLE_SYLLABLES for w in words):
        on_behalf = head
    return on_behalf, position


def head_title(on_behalf: str | None) -> str | None:
    """The head's title when OCR lost or garbled its first word ("TL. TỊCH" for "TL. CHỦ TỊCH",
    "KT. CHLJ TỊCH"): the words read end one known head title and only one, and the words before
    them are no title syllables.  A head line made of title words, or one that ends several known
    titles ("TRƯỞNG"), stays as read."""
    words = (on_behalf or "").split()
    if not words or " ".join(words) in HEAD_TITLES:
        return on_behalf
    for k in range(1, len(words) + 1):
        tail, before = words[-k:], words[:-k]
        fits = [h for h in HEAD_TITLES if h.split()[-k:] == tail and len(h.split()) > k]
        if len(fits) == 1 and not any(w in TITLE_SYLLABLES for w in before) and len(before) <= len(fits[0].split()) - k:
            return fits[0]
    return on_behalf


def _unit_head(position: str) -> str | None:
    """The unit head's title that ends ``position``, the words before it (if any) what a seal left of
    the head line above it ("RĐP OMŨ TỊCH CHÁNH VĂN PHÒNG"), or that line with its prefix lost
    ("CHỦ TỊCH CHÁNH VĂN PHÒNG").  A deputy's title ("PHÓ CHÁNH VĂN PHÒNG") is none."""
    for title in UNIT_HEADS:
        if position == title or position.endswith(" " + title):
            before = position[: -len(title)].split()
            if not before or before[-1] != "PHÓ":
                return title
    return None


def signs_for_the_head(sig: Signature | None, authority: str | None) -> Signature | None:
    """A unit head's signature read without its prefix line (a seal or a speck wiped "TL. CHỦ TỊCH",
    or left of it glyphs run onto the position) signs "TL." for the head of the body the header
    names: "CHÁNH VĂN PHÒNG" under ỦY BAN NHÂN DÂN is "TL. CHỦ TỊCH". A body's own office (its name
    in the header) signs in its own name; a signature with a prefix read stays as read."""
    if sig is None or sig.prefix is not None or not sig.position or not authority:
        return sig
    name = strip_marks(" ".join(authority.split())).upper()
    if "VAN PHONG" in name or (unit := _unit_head(sig.position)) is None:
        return sig
    head = next((h for kind, h in BODY_HEADS if name.startswith(strip_marks(kind))), None)
    if head is None:
        return sig
    return replace(sig, prefix="TL.", on_behalf_of=head, position=unit)
