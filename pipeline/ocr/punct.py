"""Punctuation and tone marks that OCR garbles on blurred, low-resolution scans, put back where the
writing system leaves one reading.

A comma read as a period.  On a 150 dpi scan with blur and noise a comma's tail is one or two
grey pixels and Tesseract reads "phòng. chống" for "phòng, chống" (issue 14: the commonest
token error of the strong generated set).  In Vietnamese, as in every Latin-script text, a
sentence after a full stop starts with a capital; a word of letters closed by a period and
followed, in the same paragraph, by a word starting with a lower-case letter closed no sentence:
its mark was a comma.  Abbreviations with inner dots ("v.v."), numbers ("1.2.") and ellipses are
not words of letters and stay.

A vowel read twice ("QUÁẢNG", "THỤỰC", "ĐỜƠN").  A Vietnamese syllable carries one tone mark and
never doubles a vowel but "oo" (xoong) and "ưu"; when a mark is unclear the recogniser sometimes
writes the vowel once with each candidate.  The doubled vowel is made one again, keeping the copy
that leaves a possible syllable; when both do (QUẢNG and QUÁNG, THỰC and THỤC, ĐƠN and ĐỜN), the
later copy, which was the printed one in all three cases seen (the born-digital header word of
issue 14; the other two on dev scans, seeds 2000-2005): a heuristic, with that little evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pipeline.vn.orthography import split_tone, strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable

# A word of letters (Vietnamese included) closed by one period: "phòng.", "huyện.", not "v.v.",
# "1.", "..." or "a."; a word in capitals ("UBND.": an abbreviation may end so) is left out below.
_WORD_PERIOD = re.compile(r"^[^\W\d_]+\.$")
# The next word: letters only, maybe closed by punctuation (a list label "a)" is no word here).
_WORD = re.compile(r"^[^\W\d_]+[,.;:]?$")


def commas_before_lower_case(texts: Sequence[str], groups: Sequence[object]) -> list[str]:
    """The tokens with "word." before a lower-case word of the same group (paragraph) made "word,".

    ``groups[i]`` says which paragraph token ``i`` belongs to; the two tokens must share it."""
    out = list(texts)
    for i in range(len(out) - 1):
        w, nxt = out[i], out[i + 1]
        if (groups[i] == groups[i + 1] and len(w) >= 3 and _WORD_PERIOD.match(w) and not w.isupper()
                and _WORD.match(nxt) and nxt[0].islower()):
            out[i] = w[:-1] + ","
    return out


def _letter(ch: str) -> str:
    """The basic Latin letter under a Vietnamese vowel, lower case ("Ự" -> "u", "Ờ" -> "o")."""
    return strip_marks(ch).lower()


def one_tone_per_vowel(token: str) -> str:
    """"QUÁẢNG" -> "QUẢNG", "THỤỰC" -> "THỰC", "ĐỜƠN" -> "ĐƠN": a vowel written twice in a row,
    with a tone mark on at least one copy, in a token that is no syllable, written once, when
    that leaves a syllable.  Any other token is returned unchanged ("soóc", "cừu": syllables)."""
    text = unicodedata.normalize("NFC", token)
    core = _core(text)
    if len(core) < 3 or not core.isalpha() or is_vietnamese_syllable(core):
        return token
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if not (a.isalpha() and _letter(a) == _letter(b) and _letter(a) in "aeiouy"
                and (split_tone(a)[1] or split_tone(b)[1])):
            continue
        keep_b, keep_a = text[:i] + text[i + 1 :], text[: i + 1] + text[i + 2 :]
        if is_vietnamese_syllable(_core(keep_b)):
            return keep_b
        if is_vietnamese_syllable(_core(keep_a)):
            return keep_a
        return token
    return token


def _core(token: str) -> str:
    """The token without punctuation around it, lower-cased (what the syllable check reads)."""
    return token.strip(".,;:!?()\"'“”").lower()


# A word closed by one period or colon, with at least two letters or digits before it: "lượng:",
# "2025.", "CT."; not a numbering ("1.", "2.3."), an ellipsis or "v.v.".
_DOTTED = re.compile(r"^(?!\d{1,3}(?:\.\d+)*[.:]$)[^\W_][^\W_]+[.:]$")
_TAILED = {".": ",", ":": ";"}


def may_have_lost_tail(token: str) -> bool:
    """Whether ``token`` ends in a period or a colon that could be a comma or a semicolon whose
    tail the scan blurred (the image decides: ``boxes.mark_has_tail``)."""
    return bool(_DOTTED.match(token))


def with_tail(token: str) -> str:
    """"lượng:" -> "lượng;", "vụ." -> "vụ,"."""
    return token[:-1] + _TAILED[token[-1]]
