"""Two syllables that the English model glued with a mark it read for their space.

At 150 dpi a speck or a thickened serif between two words reads as "-", "." or an apostrophe
and the space is gone: "thién-céc" (thiện các), "cOng-chife" (công chức), "c6ng.tac" (công tác),
"T6'chitc" (Tổ chức).  Left glued, the pair is one token: the decoder reads each side but keeps
the mark ("thiện-các"), or keeps the whole garble.  ``unglue_specks`` and ``unglue_apostrophe``
(``pieces``) cut the plain cases (letters only, syllable-shaped sides); this cuts the rest,
where a side is a garble with a digit read for a vowel ("s6", "d6") or is no syllable as read,
as long as each side reads as a syllable under the channel and the two read better than the
token as one syllable.

Never cut: codes and names (a side in capitals: "UBND-NC", "KH/TU"; a capitalised side after
the mark: "Nam-Lào"; a number: "Covid-19"), web addresses, and tokens the channel's training saw
whole (a horn read as an apostrophe inside one syllable: "ngu’di" for "người").  A lower-case
hyphened pair is a loanword in real text now and then ("mô-men": 160 lower-case pairs in the
78,312 train-split lines of ../shared/ocr-pairs, none in the gold of the dev-split legacy
documents, whose OCR has 337 such pairs, all a lost space); such a pair is cut only where a side is
no valid syllable as read (a garble, a digit read for a vowel), or where the LM finds its two
words a phrase far likelier side by side than hyphened (``_phrase``): a loanword read clean is kept.
A loanword read garbled ("m6-men", "r6-bét", "Ki-t6") is cut all the same: on the 78,312
train-split lines (300 dpi, legal, news and encyclopedia text) the cuts are 161, about half of
them such loanwords.  Asking the LM to prefer the pair side by side there too would spare 52 of
those 63 loanwords but give up 16 of the 69 lost spaces of the dev-split legacy pools 20, 24 and
27 at 150 dpi ("công chức": after a mark the LM expects common words almost as much).
"""

from __future__ import annotations

import math
import re

from pipeline.restore.core.lm import PUNCT, NgramLM
from pipeline.restore.ocrfix.channel import ChannelModel
from pipeline.restore.ocrfix.garble.pieces import reading_score
from pipeline.vn.orthography import model_form, retone

_SIDE = r"[^\W\d_][^\W_]{0,6}"  # a letter, then letters or digits read for vowels ("s6", "c6ng")
_JOINED = re.compile(
    rf"(?<![^\s(\"“‘])({_SIDE})([-.'’])([a-zà-ỹđ][^\W_]{{0,6}})(?=[.,;:)'’]?(?!\S))"
)
_WEBBY = re.compile(r"\w@\w|://|www\.|\.(?:vn|com|net|org|gov|edu|info)\b", re.IGNORECASE)
# The sides must read this much better (ln) than the token read whole, as ``pieces._cuts``
# asks of a glued table token: a horn read as an apostrophe leaves one syllable that reads
# well whole ("tru’dng" for "trường": 7.5 worse cut; "té's6" for "tế số": 21 better cut).
_WHOLE_BETTER = 3.0
# Two clean sides are cut only where the LM reads them side by side this much (ln) better than
# with a mark between: "cạnh tranh" 6.0, "cơ quan" 4.9, "Ủy ban" 4.0; none of 22 lower-case
# hyphened words of the train-split gold lines reaches 3 ("ô-tô" 2.7, "tây-nam" 1.9, "xi-lanh"
# 1.3, "mua-bán" -1.7, "mô-men" -4.5).
_PHRASE_BETTER = 3.0


def _two_syllables(token: str, left: str, right: str, channel: ChannelModel) -> bool:
    """Each side reads as a syllable, and the two read better than the token as one."""
    a, b = reading_score(left, channel), reading_score(right, channel)
    if a is None or b is None:
        return False
    whole = reading_score(token, channel, floor=-math.inf)
    return whole is None or a + b > whole + _WHOLE_BETTER


def _clean(part: str, channel: ChannelModel) -> bool:
    """The side is a valid syllable as read, marks and all: a loanword's side read clean is."""
    return retone(part.lower(), "old") in channel.syllables


def _phrase(left: str, right: str, channel: ChannelModel, lm: NgramLM) -> bool:
    """The two sides read as words that the LM expects side by side far more than with a mark
    between them ("canh-tranh": cạnh tranh), as a loanword's are not ("ô-tô", "xi-lanh")."""
    pairs = [(model_form(a), model_form(b)) for a in _readings(left, channel) for b in _readings(right, channel)]
    if not pairs:
        return False
    side_by_side = max(lm.logprob([a], b) for a, b in pairs)
    with_mark = max(lm.logprob([a, PUNCT], b) for a, b in pairs)
    return side_by_side - with_mark >= _PHRASE_BETTER


def _readings(part: str, channel: ChannelModel, k: int = 4) -> list[str]:
    """The side's ``k`` likeliest syllables, channel and corpus frequency together."""
    scored = sorted(channel.candidates(part.lower()), key=lambda c: -(c[1] + channel.frequency_logp(c[0])))
    return [syl for syl, _ in scored[:k]]


def unglue_joins(line: str, channel: ChannelModel, lm: NgramLM) -> str:
    """Each pair of syllable garbles glued by "-", "." or an apostrophe, cut at the mark."""
    if _WEBBY.search(line):
        return line

    def fix(m: re.Match[str]) -> str:
        left, mark, right = m.group(1), m.group(2), m.group(3)
        if not (left[-1].islower() or left[-1].isdigit()) or (len(left) > 1 and left.isupper()):
            return m.group(0)
        if m.group(0).lower() in channel.table or not _two_syllables(m.group(0), left, right, channel):
            return m.group(0)
        if mark == "-" and _clean(left, channel) and _clean(right, channel) and not _phrase(left, right, channel, lm):
            return m.group(0)  # "mô-men", "xi-lanh": a loanword as easily as a lost space
        return f"{left} {right}"

    return _JOINED.sub(fix, line)
