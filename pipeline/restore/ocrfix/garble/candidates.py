"""Channel-model candidates of one OCR word or mark, with the cost of keeping it as read."""

from __future__ import annotations

import json
import math
import unicodedata

from pipeline import modelstore
from pipeline.restore.core.cache import cached
from pipeline.restore.ocrfix.channel import ChannelModel, UnsureChannel
from pipeline.restore.ocrfix.garble.pieces import PLAIN_PUNCT, Piece, recase
from pipeline.restore.ocrfix.settings import GARBLE
from pipeline.vn.orthography import model_form, retone, strip_diacritics

AnyChannel = ChannelModel | UnsureChannel  # an unsure word is read with the mixed channel

# Candidate costs (channel weight, keep costs, sure-word costs): ``ocrfix.settings.GARBLE``.
# Letters Tesseract's English model cannot produce: their presence means a Vietnamese engine.
LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_cand_cache: dict[tuple[int, str, float, bool, str, int], list[tuple[str, str, float]]] = {}


def vietnamese_only(ch: str) -> bool:
    return (
        ch.isalpha()
        and not ch.isascii()
        and ch not in LATIN1
        and unicodedata.name(ch, "").startswith("LATIN")
    )


def word_candidates(
    p: Piece,
    mode: str,
    channel: AnyChannel,
    penalty: float,
    threshold: float,
    line_upper: bool,
    style: str,
    sure_marks: bool = False,
) -> list[tuple[str, str, float]]:
    """(LM unit, output text, channel score) alternatives of one word."""
    sure = p.conf >= threshold and not is_impossible(p.text, channel)
    if sure and not sure_marks:
        return [(p.text, p.text, 0.0)]  # the OCR engine was sure: not a candidate for change
    extra = GARBLE.prior_readings if mode == "ocr-eng" and isinstance(channel, ChannelModel) else 0
    key = (id(channel), p.text, penalty, line_upper, style, extra)
    hit = _cand_cache.get(key)
    if hit is None:
        if len(_cand_cache) > 200_000:
            _cand_cache.clear()
        hit = _cand_cache[key] = _fresh_candidates(p.text, channel, penalty, line_upper, style, extra)
    if sure:
        # Other marks on the same letters cost nothing extra (the engine is often sure of a wrong
        # tone or hook); other letters cost GARBLE.sure_letter_cost (it rarely misreads letters it is
        # sure of, but "mày" for "này" at 0.96 happens).  The decoder's confidence gate decides.
        base = strip_diacritics(p.text)
        return [(p.text, p.text, 0.0)] + [
            (u, o, sc + (GARBLE.sure_change_cost if strip_diacritics(o) == base else GARBLE.sure_letter_cost))
            for u, o, sc in hit
            if o != p.text
        ]
    return hit


def _fresh_candidates(
    text: str, channel: AnyChannel, penalty: float, line_upper: bool, style: str, extra: int = 0
) -> list[tuple[str, str, float]]:
    obs = text.lower()
    cands: list[tuple[str, str, float]] = []
    seen: set[str] = set()
    readings = list(channel.candidates(obs)[:GARBLE.max_candidates])
    if extra and isinstance(channel, ChannelModel):
        # Frequent syllables that the weak-prior shortlist crowded out (``ChannelModel.prior_readings``).
        known = {s for s, _ in readings}
        readings += [(s, lp) for s, lp in channel.prior_readings(obs, extra) if s not in known]
        if GARBLE.wide_readings and max((lp for _, lp in readings), default=-math.inf) < GARBLE.wide_below:
            known = {s for s, _ in readings}
            readings += [(s, lp) for s, lp in channel.wide_readings(obs, GARBLE.wide_readings) if s not in known]
    for syl, lp in readings:
        out = recase(
            syl if style == "old" else retone(syl, style), text, line_upper
        )  # model form is old
        if out not in seen:
            seen.add(out)
            cands.append((syl, out, GARBLE.channel_weight * lp))
    if text not in seen:
        # Keeping the token: free for valid syllables, cheap for codes (UBND), else a penalty.
        if retone(obs, "old") in channel.syllables:
            keep = 0.0
        elif text.isupper() and len(text) > 1 and not channel.is_syllable_shape(text) and not _digit_garble(obs, channel):
            keep = GARBLE.code_keep
        elif len(text) == 1:
            keep = GARBLE.letter_keep  # a lone letter is a list marker or an initial ("b)", "x"), rarely a garble
        elif (
            any(c.isdigit() for c in text)
            and obs not in channel.table
            and sum(c.isalpha() for c in text) < 2
        ):
            keep = -3.0  # a code such as "2a" or "A4" unless training saw it as a garble
        elif is_impossible(text, channel):
            keep = GARBLE.impossible_penalty
        else:
            keep = penalty
        cands.append((text, text, keep))
    return cands


def _digit_garble(obs: str, channel: AnyChannel) -> bool:
    """A capitals token with a digit that training mostly saw stand for a syllable ("NGUO1" =
    "NGƯỜI" 26 of 26 in train-split pairs, "CH6" = "CHỖ"): not a code such as "VTV3"."""
    if not any(c.isdigit() for c in obs):
        return False
    seen = channel.table.get(obs) or {}
    return bool(seen) and seen.get(obs, 0) < 0.5 * sum(seen.values())


def is_impossible(text: str, channel: AnyChannel) -> bool:
    """A word with Vietnamese-only letters that is no Vietnamese syllable: wrong however sure OCR was."""
    return (
        any(vietnamese_only(c) for c in text)
        and retone(text.lower(), "old") not in channel.syllables
    )


def mark_candidates(
    p: Piece, mode: str, channel: ChannelModel, line_upper: bool
) -> list[tuple[str, str, float]]:
    """Syllables a short digit or mark may stand for ("6", "&" for "ở"), only where training saw it."""
    junk = len(p.text) == 1 and p.text not in PLAIN_PUNCT
    if mode != "ocr-eng" or len(p.text) > 2 or (p.text not in channel.table and not junk):
        return []
    out = []
    for syl, lp in channel.candidates(p.text)[:3] or _lone_mark_readings(p.text, channel):
        if syl in channel.table.get(p.text, ()) or (junk and len(syl) == 1):
            text = syl.upper() if line_upper else syl
            out.append((syl, text, GARBLE.channel_weight * lp + GARBLE.mark_penalty))
    return out


_lone_marks: dict[tuple[int, str], tuple[tuple[str, float], ...]] = {}


def _lone_mark_readings(mark: str, channel: ChannelModel) -> tuple[tuple[str, float], ...]:
    """One-letter syllables a lone mark may stand for ("¢" for "ở"), when its rules say which.

    Marks never seen alone have no shortlist; the character rules learned inside words still
    rank the vowels, unless they only give the flat stray-mark back-off (no evidence).
    """
    key = (id(channel), mark)
    hit = _lone_marks.get(key)
    if hit is None:
        ones = [s for s in channel.syllables if len(s) == 1]
        scored = sorted(((s, channel.logp(mark, s)) for s in ones), key=lambda x: -x[1])
        flat = scored[len(scored) // 2][1] if scored else 0.0
        hit = tuple(scored[:GARBLE.lone_mark_readings]) if scored and scored[0][1] > flat + 1.0 else ()
        _lone_marks[key] = hit
    return hit


_MARKS_FILE = "channel-marks.json"


def _marks_table() -> dict[str, dict[str, int]]:
    # optional model: without it, lone marks use the channel's rules only
    path = modelstore.models_dir() / _MARKS_FILE
    return cached(
        ("lone marks", str(path)),
        lambda: json.loads(path.read_text("utf-8")) if path.exists() else {},
    )


def learned_mark(
    p: Piece, mode: str, line_upper: bool
) -> tuple[float, list[tuple[str, str, float]]] | None:
    """(cost of keeping, readings) of a lone mark from what it stood for in training ("&" = "ở").

    The English model writes "&" for "ở" 928 times out of 970 in the train-split pairs; the
    character channel never sees these (a lone mark has no letters to align).
    """
    row = _marks_table().get(p.text) if mode == "ocr-eng" else None
    if not row:
        return None
    total = sum(row.values()) + 1
    by_unit: dict[str, int] = {}
    for true, n in row.items():
        if true.isalpha():
            unit = model_form(true.lower())
            by_unit[unit] = by_unit.get(unit, 0) + n
    alts = [(u, u.upper() if line_upper else u, math.log(n / total)) for u, n in by_unit.items()]
    return math.log((row.get(p.text, 0) + 1) / total), alts
