"""Punctuation and tone marks that OCR garbles on blurred, low-resolution scans, put back where the
writing system leaves one reading.

A comma read as a period.  On a 150 dpi scan with blur and noise a comma's tail is one or two
grey pixels and Tesseract reads "phòng. chống" for "phòng, chống" (issue 14: the commonest
token error of the strong generated set).  In Vietnamese, as in every Latin-script text, a
sentence after a full stop starts with a capital; a word of letters closed by a period and
followed, in the same paragraph, by a word starting with a lower-case letter closed no sentence:
its mark was a comma.  Abbreviations with inner dots ("v.v."), numbers ("1.2.") and ellipses are
not words of letters and stay.

A vowel read twice with two tone marks ("QUÁẢNG").  A Vietnamese syllable carries one tone mark;
when the mark is unclear the recogniser sometimes writes the vowel once with each candidate.  The
doubled vowel is made one again, keeping the candidate that leaves a possible syllable; when both
do (QUẢNG and QUÁNG), the later one: the recogniser's second try (it repairs the born-digital
header word of issue 14, and every doubled-vowel case in the dev pages that had one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pipeline.vn.orthography import split_tone
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


def _toned(ch: str) -> bool:
    return split_tone(ch)[1] != 0


def one_tone_per_vowel(token: str) -> str:
    """"QUÁẢNG" -> "QUẢNG": a vowel written twice in a row, each with a tone mark (no Vietnamese
    syllable has two), written once.  Any other token is returned unchanged."""
    text = unicodedata.normalize("NFC", token)
    if len(text) < 3:
        return token
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        base_a, tone_a = split_tone(a)
        base_b, tone_b = split_tone(b)
        if not (tone_a and tone_b and base_a.lower() == base_b.lower()):
            continue
        # Count tone marks in the whole token: the pair must hold the only two.
        if sum(_toned(c) for c in text) != 2:
            return token
        keep_b, keep_a = text[:i] + text[i + 1 :], text[: i + 1] + text[i + 2 :]
        core_b, core_a = _core(keep_b), _core(keep_a)
        ok_b, ok_a = is_vietnamese_syllable(core_b), is_vietnamese_syllable(core_a)
        if ok_b:
            return keep_b
        if ok_a:
            return keep_a
        return token
    return token


def _core(token: str) -> str:
    """The token without punctuation around it, lower-cased (what the syllable check reads)."""
    return token.strip(".,;:!?()\"'“”").lower()
