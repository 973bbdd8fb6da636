"""Vietnamese orthography: NFC, marks, tone placement styles and case.

The one home of what the stages need to know about how Vietnamese is written.  Where two stages
needed different behaviour under the same name, the two now have different names that say the
difference (nothing changed behaviour when they moved here):

- ``nfc`` is Unicode NFC only; ``nfc_single_spaced`` also collapses whitespace runs to one space
  and strips the ends (the structure stage compares whole lines with it); ``nfc_cells`` does the
  same per TAB-separated table cell.
- ``has_diacritics`` asks whether stripping marks changes an NFC token (any mark on a letter, or
  đ); ``has_vietnamese_marks`` asks whether any of the eight Vietnamese marks (or đ) occurs in the
  token in any normal form (the scorer's definition of a "diacritic syllable").
- ``case_class`` ("lower", "upper", "title", "mixed") is what restoration copies back onto a
  restored syllable; ``case_bucket`` ("lower", "UPPER", "Title", "other", one capital letter
  counting as Title) is the class the scorer reports accuracy by.
- ``strip_diacritics`` keeps length (one character per character, for offsets); ``strip_marks``
  drops every combining mark (NFD, category Mn), for comparing what OCR may have garbled.

Every function works on NFC text unless it says otherwise.  In NFC every Vietnamese letter is one code point, so a
stripped syllable has exactly as many characters as the accented one; case is transferred
character by character for that reason.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks used by Vietnamese (NFD): tones and vowel-quality marks.
TONE_MARKS = {"\u0300": 2, "\u0301": 1, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # grave acute hook tilde dot
TONE_CHARS = {v: k for k, v in TONE_MARKS.items()}
QUALITY_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
VOWELS = "aăâeêioôơuưy"
MARKED_VOWELS = "ăâêôơư"

# The ambiguous nuclei: with no final consonant the tone sits on the first vowel in the
# old ("hòa", "khỏe", "thủy") and on the second in the new style ("hoà", "khoẻ", "thuỷ").
_STYLE_NUCLEI = ("oa", "oe", "uy")


def nfc(text: str) -> str:
    """Unicode NFC normalisation (Vietnamese text is NFC everywhere in vanban)."""
    return unicodedata.normalize("NFC", text)


def nfc_single_spaced(s: str) -> str:
    """NFC and single spaces: whitespace runs become one space, the ends are stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def nfc_cells(s: str) -> str:
    """NFC and single spaces, but a TAB (a table cell boundary from restoration) kept as one TAB."""
    cells = [nfc_single_spaced(c) for c in unicodedata.normalize("NFC", s).split("\t")]
    return "\t".join(c for c in cells if c)


def is_caps(s: str) -> bool:
    """True when every letter is upper case and there are at least two letters."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=65536)
def _strip_char(ch: str) -> str:
    if ch == "đ":
        return "d"
    if ch == "Đ":
        return "D"
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFD", ch)
    kept = "".join(c for c in base if not unicodedata.combining(c))
    # Keep one character per character so offsets survive stripping.
    return kept if len(kept) == 1 else ch


def strip_diacritics(text: str) -> str:
    """Remove tone and vowel marks and turn đ into d, keeping case and length (NFC in, NFC out)."""
    if text.isascii():
        return text
    return "".join(_strip_char(c) for c in text)


def has_diacritics(text: str) -> bool:
    """True when any character carries a Vietnamese mark (or is đ/Đ)."""
    return strip_diacritics(text) != text


def strip_marks(s: str) -> str:
    """``s`` without any combining mark (NFD, category Mn; đ -> d), NFC out; unlike
    ``strip_diacritics`` it may change the length (a lone combining mark disappears)."""
    decomposed = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


# The eight combining marks of Vietnamese (NFD): five tones and the three vowel-quality marks.
_VIETNAMESE_MARKS = frozenset(TONE_MARKS) | QUALITY_MARKS


def has_vietnamese_marks(token: str) -> bool:
    """True when the token carries any Vietnamese diacritic (tone, vowel mark or đ), in any
    normal form: the scorer's "diacritic syllable"."""
    if "đ" in token or "Đ" in token:
        return True
    return any(ch in _VIETNAMESE_MARKS for ch in unicodedata.normalize("NFD", token))


@lru_cache(maxsize=65536)
def split_tone(ch: str) -> tuple[str, int]:
    """Split one NFC character into (character without tone, tone 0..5)."""
    if ch.isascii():
        return ch, 0
    parts = unicodedata.normalize("NFD", ch)
    tone = 0
    kept = []
    for c in parts:
        if c in TONE_MARKS:
            tone = TONE_MARKS[c]
        else:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def add_tone(ch: str, tone: int) -> str:
    """Put tone 1..5 on a toneless character (0 leaves it as is)."""
    if tone == 0:
        return ch
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", ch) + TONE_CHARS[tone])


def syllable_tone(syl: str) -> tuple[str, int, int]:
    """Return (syllable without tone, tone, index of the toned character or -1)."""
    chars = []
    tone, pos = 0, -1
    for i, ch in enumerate(syl):
        base, t = split_tone(ch)
        if t:
            tone, pos = t, i
        chars.append(base)
    return "".join(chars), tone, pos


def _nucleus(toneless_lower: str) -> tuple[int, int]:
    """Span [start, end) of the vowel nucleus, treating qu- and gi- as onsets."""
    s = toneless_lower
    i = 0
    while i < len(s) and s[i] not in VOWELS:
        i += 1
    start = i
    if start > 0 and s[start - 1] == "q" and start < len(s) and s[start] == "u":
        start += 1
    elif start == 1 and s[0] == "g" and s[start : start + 1] == "i":
        j = start + 1
        if j < len(s) and s[j] in VOWELS:
            start += 1
    end = start
    while end < len(s) and s[end] in VOWELS:
        end += 1
    return start, end


def tone_position(toneless: str, style: str = "old") -> int:
    """Index where the tone mark goes in a toneless syllable, for the "old" or "new" style."""
    low = toneless.lower()
    start, end = _nucleus(low)
    if start >= end:
        return -1
    nuc = low[start:end]
    marked = [k for k, c in enumerate(nuc) if c in MARKED_VOWELS]
    if marked:
        return start + marked[-1]
    if len(nuc) == 1:
        return start
    has_coda = end < len(low)
    if has_coda:
        return end - 1
    if len(nuc) == 3:
        return start + 1
    if nuc in _STYLE_NUCLEI:
        return start + (1 if style == "new" else 0)
    return start


def retone(syl: str, style: str) -> str:
    """Move a syllable's tone mark to where ``style`` ("old"/"new") puts it; others unchanged."""
    if syl.isascii():
        return syl
    if " " in syl:
        return " ".join(retone(part, style) for part in syl.split(" "))
    toneless, tone, pos = syllable_tone(syl)
    if tone == 0:
        return syl
    want = tone_position(toneless, style)
    if want < 0 or want == pos:
        return syl
    chars = list(toneless)
    chars[want] = add_tone(chars[want], tone)
    return "".join(chars)


def tone_style(syl: str) -> str | None:
    """"old" or "new" when the syllable shows a placement convention (hòa/hoà), else None."""
    toneless, tone, pos = syllable_tone(syl)
    if tone == 0:
        return None
    old, new = tone_position(toneless, "old"), tone_position(toneless, "new")
    if old == new:
        return None
    if pos == old:
        return "old"
    if pos == new:
        return "new"
    return None


def detect_tone_style(tokens: list[str] | tuple[str, ...], default: str = "old") -> str:
    """The majority tone-placement style of already-accented tokens, else ``default``."""
    votes = {"old": 0, "new": 0}
    for tok in tokens:
        st = tone_style(tok)
        if st:
            votes[st] += 1
    if votes["old"] == votes["new"]:
        return default
    return "old" if votes["old"] > votes["new"] else "new"


# Model convention: the language model and inventory store lowercase, old-style syllables.
MODEL_STYLE = "old"


def model_form(syl: str) -> str:
    """The form the LM sees: NFC, lowercase, tone in the model's placement style."""
    return retone(nfc(syl).lower(), MODEL_STYLE)


def case_class(token: str) -> str:
    """"lower", "upper", "title" or "mixed" (tokens without letters count as "lower")."""
    letters = [c for c in token if c.isalpha()]
    if not letters or all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    return "mixed"


def case_bucket(token: str) -> str:
    """The scorer's case class: lower, UPPER, Title or other (digits, symbols, mixed case);
    one capital letter alone is Title."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return "other"
    if all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "UPPER" if len(letters) > 1 else "Title"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "Title"
    return "other"


def apply_case(restored: str, pattern: str) -> str:
    """Re-case ``restored`` to the case of ``pattern`` (same length: character by character)."""
    if pattern.islower():
        return restored.lower()
    if pattern.isupper():
        return restored.upper()
    if pattern[:1].isupper() and pattern[1:].islower():
        return restored[:1].upper() + restored[1:].lower()
    if len(restored) == len(pattern):
        return "".join(
            r.upper() if p.isupper() else r.lower() if p.islower() else r
            for r, p in zip(restored, pattern, strict=True)
        )
    cls = case_class(pattern)
    if cls == "upper":
        return restored.upper()
    if cls == "title":
        return restored[:1].upper() + restored[1:].lower()
    return restored.lower()


def follow_convention(restored: str, original: str, style: str) -> str:
    """Give a restored syllable the original's case and the document's tone-placement style."""
    if style != MODEL_STYLE:
        restored = retone(restored, style)
    return apply_case(restored, original)
