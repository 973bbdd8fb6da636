"""A horn-vowel syllable that an English-model OCR read as a clump of letters (issue 13).

The English model has no glyph for ư and ơ: their horns come out as extra letters between the
syllable's onset and its final ("trường" -> "trading", "truiding"; "cường" -> "curding";
"Hướng" -> "Hiténg"; "phương" -> "phicong").  Such a reading is long and no syllable, so the
table-line ungluer (``pieces.unglue_syllables``, for words a tight cell glued together) cuts it
into two readable parts, and the decoder then reads two wrong words where there was one
("môi trả đúng", "Tặng cà răng").  Before a cut, the token is tried as one syllable with a
horn vowel that keeps its onset and its final consonants: where the channel reads it so well
enough, the token is that syllable, written as the English model writes it when it reads the
letters cleanly (its skeleton, "truong"), and the decoder's channel and LM choose the marks
from there ("môi trường") as for any other unmarked reading.
"""

from __future__ import annotations

import re

from pipeline.restore.ocrfix.channel import ChannelModel, skeleton

_ONSET = re.compile(r"^(?:ngh|ng|nh|ch|tr|th|ph|kh|gh|gi|qu|[bcdghklmnprstvx])")
_FINAL = re.compile(r"(?:ng|nh|ch|[cmnpt])$")
# The horned u (ư, ươ) is what comes out as several letters; a lone ơ is read as one ("o", "6", "@").
_HORNS = set("ưứừửữự")
# ln P(token | syllable) a horn reading needs: the dev legacy sets' horn syllables cut in two
# read at -7.6 to -14.8; tokens that are two glued syllables ("Kéhoach", "Céngan", "Rasoat")
# have no horn syllable with their onset and final, or read far below (-23 and under).
_FLOOR = -15.0


def _shape(key: str) -> tuple[str, str] | None:
    onset, final = _ONSET.match(key), _FINAL.search(key)
    if onset is None or final is None:
        return None
    return onset.group(0), final.group(0)


# Per channel (loaded once per process); the channel is kept with its keys, so its id stays its own.
_KEYS: dict[int, tuple[ChannelModel, dict[tuple[str, str], dict[str, list[str]]]]] = {}


def _horn_keys(channel: ChannelModel) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Per (onset, final), the skeletons of the horn syllables with them, and their syllables."""
    if id(channel) not in _KEYS:
        out: dict[tuple[str, str], dict[str, list[str]]] = {}
        for syl in channel.syllables:
            if _HORNS & set(syl.lower()) and (shape := _shape(skeleton(syl))) is not None:
                out.setdefault(shape, {}).setdefault(skeleton(syl), []).append(syl.lower())
        _KEYS[id(channel)] = (channel, out)
    return _KEYS[id(channel)][1]


def horn_reading(token: str, channel: ChannelModel) -> str | None:
    """The skeleton of the horn syllable that ``token`` (no syllable as read) spells, in the
    token's case, or None where it reads as no such syllable well enough."""
    key = skeleton(token)
    shape = _shape(key)
    if shape is None or not token.isalpha():
        return None
    # the likeliest syllable (channel times corpus frequency) among those read well enough
    scored = [
        (lp + channel.frequency_logp(s), skel)
        for skel, syls in _horn_keys(channel).get(shape, {}).items()
        for s in syls
        if (lp := channel.char_logp(token.lower(), s)) >= _FLOOR
    ]
    if not scored:
        return None
    best = max(scored)[1]
    if token.isupper():
        return best.upper()
    return best.capitalize() if token[0].isupper() else best
