"""The signing prefix of a signature block (TM., KT., TL., TUQ.; Nghị định 30/2020, Điều 13) as OCR
leaves it: specks around it, its period lost or read as another mark, a glyph of it one off."""

from __future__ import annotations

import re

from pipeline.structure.patterns import RE_SIG_PREFIX
from pipeline.structure.titles import BODIES, HEAD_TITLES, printed_title
from pipeline.vn.orthography import is_caps, strip_marks

SPECK_TAIL = re.compile(r"[\s.,:;'`’~\-_]+$")


# One or two glyphs of a seal or a speck that OCR read before the signing prefix ("TẾ TL. CHỦ TỊCH"),
# or tokens with no letter a seal left there ("0 182 KT. CHỦ TỊCH").
_SPECK_HEAD = re.compile(r"^(?:\S{1,2}|(?:[\d_]|[^\w\s])+(?:\s+(?:[\d_]|[^\w\s])+)*)\s+(?=(?:TUQ|TM|KT|TL|T/M|K/T|T/L)[.\s])")


# Specks around a signing prefix: marks before it ("“T/M"), one glyph glued after it ("T/MÀ BAN").
_PREFIX_SPECKS = re.compile(r"^[^\w\s]{1,2}\s*(?=TUQ|TM|KT|TL|T/M|K/T|T/L)|(?<=^T/M|^K/T|^T/L)[^\W\d_](?=\s)")


def clean_prefix(t: str) -> str:
    """A caps line with the specks OCR left around its signing prefix dropped."""
    return _PREFIX_SPECKS.sub("", _PREFIX_SPECKS.sub("", t, count=1), count=1)


def garbled_caps(rest: str) -> bool:
    """Whether the words after a signing prefix are a title a seal or a speck garbled: some of
    them in capitals, the last one among them, none a digit."""
    words = rest.split()
    return bool(words) and is_caps(words[-1]) and not any(c.isdigit() for c in rest)


def garbled_body_line(t: str) -> bool:
    """A TM. / T/M line whose body's name OCR read partly in lower case ("T/M Bì giường VỤ")."""
    m = RE_SIG_PREFIX.match(t)
    return m is not None and m.group(1) in ("TM.", "T/M") and garbled_caps(t[m.end():])


def sig_prefix(t: str) -> re.Match[str] | None:
    """The signing prefix at the start of ``t``, after a speck of one or two glyphs if need be."""
    m = RE_SIG_PREFIX.match(t)
    if m is None and (speck := _SPECK_HEAD.match(t)) is not None:
        m = RE_SIG_PREFIX.match(t, speck.end())
    return m


# A prefix whose period OCR lost ("TM BAN THƯỜNG VỤ"): its letters before the body or the head the
# closed grammar prints after them.
_BARE_PREFIX = re.compile(r"^(?P<p>TM|KT|TL|TUQ)\s+(?P<rest>\S.*)$")


def bare_prefix(t: str) -> tuple[str, str] | None:
    """(the prefix's letters, the words after them) of a caps line whose prefix lost its period."""
    m = _BARE_PREFIX.match(t)
    if m is None:
        return None
    rest = printed_title(SPECK_TAIL.sub("", m.group("rest"))) or ""
    heads = BODIES if m.group("p") == "TM" else HEAD_TITLES
    return (m.group("p"), rest) if any(rest == h or rest.startswith(h + " ") for h in heads) else None


def prefix_kind(prefix: str | None) -> str:
    """A prefix's letters, however it was printed or read: "TM." / "T/M" / "TM" -> "TM"."""
    return (prefix or "").replace("/", "").rstrip(".")


# A signing prefix OCR damaged on a strong scan: its period read as another mark ("KT," "KT:"), a
# space inside it ("K T."), a letter in lower case or one glyph off ("Kt.", "KI."), and capitals of
# the title after it read as look-alike lower-case glyphs ("CHỦ TlCH"); restoration may have put a
# tone mark on a glyph of it ("KỈ." for KI., one glyph off KT.).
_DAMAGED_PREFIX = re.compile(r"^(?P<p>[^\W\d_][ ]?[^\W\d_1|!])\s*[.,:;!](?!\S*[/.]\S)\s*(?P<rest>\S.*)$")


_PREFIX_LETTERS = ("KT", "TL", "TM")


_LOOKALIKE_CAPS = str.maketrans({"l": "I", "|": "I", "1": "I", "!": "I"})


def mended_prefix(t: str) -> str:
    """A signature line whose prefix a strong scan damaged, as printed ("KT, CHỦ TỊCH" -> "KT. CHỦ
    TỊCH"): the letters are one prefix's, or one glyph off one of them and no other, and the title
    after them is in capitals but for look-alike glyphs.  Any other line as it is."""
    if (printed := RE_SIG_PREFIX.match(t)) is not None:
        rest = t[printed.end():]
        words = [w.translate(_LOOKALIKE_CAPS) for w in rest.split()]
        if words and not is_caps(rest) and all(is_caps(w) for w in words if any(c.isalpha() for c in w)):
            return t[: printed.end()] + " ".join(words)
        return t
    m = _DAMAGED_PREFIX.match(t)
    if m is None:
        return t
    rest = m.group("rest")
    words = [w.translate(_LOOKALIKE_CAPS) for w in rest.split()]
    if not words or not all(is_caps(w) for w in words if any(c.isalpha() for c in w)):
        return t
    letters = strip_marks(m.group("p").replace(" ", "")).upper().translate(_LOOKALIKE_CAPS)
    if not (letters.isascii() and letters.isalpha()):
        return t
    near = [p for p in _PREFIX_LETTERS if sum(a != b for a, b in zip(p, letters, strict=True)) <= 1]
    if letters not in _PREFIX_LETTERS and (len(near) != 1 or letters[0] != near[0][0]):
        return t
    return f"{letters if letters in _PREFIX_LETTERS else near[0]}. {' '.join(words)}"
