"""Restoring OCR text: English-model garble (``ocr-eng``) and Tesseract ``vie`` errors (``ocr-vie``).

How ``pipeline.restore`` calls it::

    from pipeline.restore.garble import detect_mode, load_channel, restore_garbled, postcorrect_lines
    mode = detect_mode(text)               # "clean" | "stripped" | "ocr-eng" | "ocr-vie"
    if mode in ("ocr-eng", "ocr-vie"):
        channel = load_channel(mode)       # models/channel-eng.json.gz or channel-vie.json.gz (cached)
        restored, tokens = restore_garbled(text, mode, lm, channel)
    # after Tesseract vie, with per-word confidences (one list per line, one float per
    # whitespace-separated chunk of that line), only unsure tokens may change:
    restored, tokens = postcorrect_lines(lines, confidences, lm, load_channel("ocr-vie"))

``restored`` has exactly the input's lines (line i restores line i; the LM context runs across
lines); ``tokens`` are ``pipeline.types.Token`` with spans in ``restored``.  Numbers, dates and
document symbols are kept, except that broken symbols are repaired (``symbols.py``).  Words are
decoded jointly by the n-gram LM (``decoder.decode``) over channel-model candidates.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

from pipeline import modelstore
from pipeline.restore.cell_rules import CELL, mark_cell_rules
from pipeline.restore.channel import ChannelModel, UnsureChannel, split_edges
from pipeline.restore.decoder import SENT_END, prune_lattice, viterbi
from pipeline.restore.foreign import MIN_LENGTH as MIN_FOREIGN
from pipeline.restore.foreign import ForeignWords, foreign_words
from pipeline.restore.formulae import repair_formulae
from pipeline.restore.garble_candidates import (
    _LATIN1,
    CHANNEL_WEIGHT,
    IDENTITY_PENALTY,
    IMPOSSIBLE_PENALTY,
    MARK_PENALTY,
    MAX_CANDIDATES,
    AnyChannel,
    _impossible,
    _learned_mark,
    _mark_candidates,
    _vietnamese_only,
    _word_candidates,
)
from pipeline.restore.garble_pieces import (
    _PLAIN_PUNCT,
    SENTENCE_PUNCT,
    _assemble,
    _attach_confidences,
    _list_markers,
    _Piece,
    _pieces,
    unglue_apostrophe,
    unglue_so,
)
from pipeline.restore.lm import BOS_ID, EOS_ID, NUM, PUNCT, NgramLM
from pipeline.restore.symbols import (
    PartRepair,
    load_codes,
    load_part_repair,
    repair_parts,
    repair_symbols,
)
from pipeline.restore.vietnamese import detect_tone_style, retone, strip_diacritics
from pipeline.types import Token

__all__ = [
    "CHANNEL_WEIGHT",
    "IDENTITY_PENALTY",
    "IMPOSSIBLE_PENALTY",
    "MARK_PENALTY",
    "MAX_CANDIDATES",
    "SENTENCE_PUNCT",
    "detect_mode",
    "load_channel",
    "postcorrect_lines",
    "restore_garbled",
    "symbol_codes",
]

MODELS = modelstore.models_dir()
# (candidate output texts per position, or None where the position is fixed; first-pass choices;
# each position's first LM unit) -> an extra score per candidate of every position.
Rescorer = Callable[[list[list[str] | None], list[int], list[str]], list[list[float]]]
LATTICE_WIDTH = (
    6  # candidates per position that reach the full-order Viterbi (4, 5, 6 tried on dev docs)
)
LATTICE_NATS = 5.0  # ... and no further than this below the position's best bigram reading
# The accurate model (with ``rescore``) keeps readings up to 7 nats below: on 150 dev-split
# documents 5 / 7 / 9 nats gave 437 / 424 / 461 syllable edits (width 8: 422 at 7 nats, at a
# quarter of the speed); the fast model keeps 5, which runs at twice the speed of 7.
ACCURATE_LATTICE_NATS = 7.0
RARE_MARK = -3.0  # ln P(this mark | some punctuation) for marks other than ordinary punctuation  # reading a digit or mark as a word must be clearly better than keeping it
LIST_MARKERS = True  # ocr-eng: the item after d) is đ), which the English model reads as d)
UNGLUE_APOSTROPHE = True  # ocr-eng: 'TU’DO' is two words
MIN_CHANGE_CONFIDENCE = 0.6  # ocr-vie: a token changes only when the decoder is this sure
SURE_CHANGE_CONFIDENCE = 0.95  # ... and a token the OCR engine was sure of, only when this sure
# Words below this OCR confidence are read with ``ChannelModel.unsure`` (models/channel-vie-unsure,
# trained on the train-split tokens below it), mixed in at this weight.  On the four dev-split
# vie sets (973 raw character edits) with the shipped all-word channel: without it 760; weight
# 0.3 / 0.4 / 0.6: 731 / 727 / 727; the change gate at 0.5 / 0.6 / 0.7: 728 / 727 / 738.
UNSURE_BELOW = 0.8
UNSURE_WEIGHT = 0.4
CELL_RULES = True  # ocr-eng: table rules read as | I l [ ] { } become cell boundaries (cell_rules.py)
TABLE_LINE_END = False  # ... a table line's end as a sentence end: dev table lines 91.42 % (on) vs 91.59 % (off)
FOREIGN_WORDS = True  # the LM's foreign words as readings of a word that is no syllable
_lock = threading.Lock()
_channels: dict[str, ChannelModel] = {}
_codes: dict[str, dict[str, str]] = {}


def load_channel(mode: str, models_dir: str | Path = MODELS) -> ChannelModel:
    """The channel model of ``mode`` ("ocr-eng" or "ocr-vie"), loaded once per process."""
    path = Path(models_dir) / f"channel-{mode.removeprefix('ocr-')}.json.gz"
    key = str(path.resolve())
    with _lock:
        if key not in _channels:
            if not path.exists():
                from pipeline.errors import ModelMissingError

                raise ModelMissingError(
                    f"channel model {path} not found; rebuild it with scripts/train_channel.py",
                    path=str(path),
                )
            channel = ChannelModel.load(path)
            unsure = path.with_name(path.name.replace(".json.gz", "-unsure.json.gz"))
            if unsure.exists():  # optional: without it, unsure words use the all-token channel
                channel.unsure = UnsureChannel(channel, ChannelModel.load(unsure), UNSURE_WEIGHT)
            _channels[key] = channel
        return _channels[key]


def symbol_codes(models_dir: str | Path = MODELS) -> dict[str, str]:
    """The learned D -> Đ table of document-symbol code parts (cached)."""
    key = str(Path(models_dir).resolve())
    with _lock:
        if key not in _codes:
            _codes[key] = load_codes(Path(models_dir) / "channel-symbols.json")
        return _codes[key]


_parts: dict[str, PartRepair | None] = {}


def symbol_parts(models_dir: str | Path = MODELS) -> PartRepair | None:
    """Known symbol code parts and the English model's confusions inside symbols (cached)."""
    key = str(Path(models_dir).resolve())
    with _lock:
        if key not in _parts:
            _parts[key] = load_part_repair(Path(models_dir) / "channel-symbol-parts.json")
        return _parts[key]


def detect_mode(text: str, channel: ChannelModel | None = None) -> str:
    """Classify input as "clean", "stripped", "ocr-eng" or "ocr-vie" from its word statistics."""
    ch = channel or load_channel("ocr-eng")
    words = [split_edges(w)[1] for w in text.split()]
    words = [w for w in words if any(c.isalpha() for c in w) and "/" not in w]
    if not words:
        return "clean"
    n = len(words)
    vn = sum(any(_vietnamese_only(c) for c in w) for w in words) / n
    accented = sum(any(c in _LATIN1 for c in w) for w in words) / n
    marks = (
        sum(bool(re.search(r"[a-z][0-9’'`¢§€@&|]|[0-9][a-z]", w, re.IGNORECASE)) for w in words) / n
    )
    if vn >= 0.08:
        # Foreign names and typos make some words invalid in any text; Vietnamese-marked
        # non-syllables ("hoạeh") are what a Vietnamese OCR engine leaves behind.
        impossible = sum(_impossible(w, ch) for w in words) / n
        return "ocr-vie" if impossible >= 0.015 else "clean"
    # Without Vietnamese letters: stripped text spells syllables without marks; garble does not.
    unshaped = sum(not ch.is_syllable_shape(w) and not w.isupper() for w in words) / n
    if accented >= 0.03 or marks >= 0.02 or unshaped > 0.10:
        return "ocr-eng"
    return "stripped"


# -- decoding --------------------------------------------------------------------------------
def restore_garbled(
    text: str,
    mode: str,
    lm: NgramLM,
    channel: ChannelModel,
    *,
    confidences: list[list[float]] | None = None,
    threshold: float = 1.1,
    codes: dict[str, str] | None = None,
    sure_marks: bool = False,
    rescore: Rescorer | None = None,
) -> tuple[str, list[Token]]:
    """Restore OCR text line by line with cross-line LM context; see the module docstring.

    ``rescore`` (the accurate model) gets the first pass's reading of every position and returns
    extra scores for each position's candidates; the lattice is then decoded again with them.
    """
    if codes is None:
        codes = symbol_codes()
    lines = text.split("\n")
    formula_lines: set[int] = set()
    if mode == "ocr-eng":
        if CELL_RULES and confidences is None:
            lines = mark_cell_rules(lines)
        lines = [unglue_so(ln) for ln in lines]
        repaired = [repair_formulae(ln) for ln in lines]
        # The formulae are written in one tone style; the document's own words decide its style.
        formula_lines = {i for i, (a, b) in enumerate(zip(lines, repaired, strict=True)) if a != b}
        lines = repaired
        if UNGLUE_APOSTROPHE:
            lines = [unglue_apostrophe(ln, channel) for ln in lines]
    fixed = [repair_symbols(ln, codes) for ln in lines]
    parts = symbol_parts() if mode == "ocr-eng" else None
    if parts is not None:
        fixed = [repair_parts(ln, parts, codes) for ln in fixed]
    per_line = [_pieces(ln, channel if mode == "ocr-eng" else None) for ln in fixed]
    if mode == "ocr-eng" and LIST_MARKERS:
        _list_markers(per_line)
    if confidences is not None:
        _attach_confidences(fixed, per_line, confidences)
    style = detect_tone_style(
        [p.text for i, ps in enumerate(per_line) if i not in formula_lines for p in ps if p.kind == "word"], "old"
    )
    positions: list[list[tuple[str, float]]] = []
    owners: list[tuple[_Piece, list[str]] | None] = []
    penalty = IDENTITY_PENALTY.get(mode, -9.0)
    foreign = foreign_words(lm, channel.is_syllable_shape, mode) if FOREIGN_WORDS else None
    for line, pieces in zip(fixed, per_line, strict=True):
        words = [p for p in pieces if p.kind == "word"]
        line_upper = bool(words) and sum(p.text.isupper() for p in words) >= 0.6 * len(words)
        if not pieces and positions and positions[-1] != [(SENT_END, 0.0)]:
            positions.append([(SENT_END, 0.0)])  # a blank line ends the sentence
            owners.append(None)
        for k, p in enumerate(pieces):
            if k and CELL in line[pieces[k - 1].end : p.start] and positions[-1] != [(SENT_END, 0.0)]:
                positions.append([(SENT_END, 0.0)])  # a new cell: its own context, not its neighbour's
                owners.append(None)
            learned = _learned_mark(p, mode, line_upper) if p.unit == PUNCT else None
            if learned is not None and learned[1]:
                keep, alts = learned
                positions.append([(p.unit, keep), *[(u, sc) for u, _, sc in alts]])
                owners.append((p, [p.text, *[out for _, out, _ in alts]]))
                continue
            if p.kind != "word":
                alts = (
                    _mark_candidates(p, mode, channel, line_upper) if p.unit in (NUM, PUNCT) else []
                )
                if not alts:
                    positions.append([(p.unit, 0.0)])
                    owners.append(None)
                    continue
                # A rare mark ("&", "¢") stands for itself far less often than "<p>" suggests.
                rare = p.unit == PUNCT and any(c not in _PLAIN_PUNCT for c in p.text)
                cands = [(p.unit, p.text, RARE_MARK if rare else 0.0), *alts]
            elif p.text in codes and p.text.isupper() and not channel.is_syllable_shape(p.text):
                cands = [
                    (codes[p.text], codes[p.text], 0.0)
                ]  # an acronym written with Đ (CĐR, HĐND)
            elif KEEP_VOWELLESS_CAPS and mode in VOWELLESS_MODES and _vowelless_caps(p.text):
                cands = [("<unk>", p.text, 0.0)]  # TT, CT, PCT, VT: an abbreviation, never a syllable
            else:
                unsure = confidences is not None and p.conf < UNSURE_BELOW and channel.unsure
                upper = (line_upper and not (MIXED_LINES and _lower_beside(words, p))) or _caps_between(words, p)
                cands = _word_candidates(
                    p, mode, unsure or channel, penalty, threshold, upper, style, sure_marks
                )
                if foreign is not None and p.conf < threshold and len(p.text) >= MIN_FOREIGN:
                    cands = _with_foreign_words(p, cands, unsure or channel, foreign)
            positions.append([(unit, sc) for unit, _, sc in cands])
            owners.append((p, [out for _, out, _ in cands]))
        if TABLE_LINE_END and CELL in line and positions and positions[-1] != [(SENT_END, 0.0)]:
            positions.append([(SENT_END, 0.0)])  # the next table line starts in another cell
            owners.append(None)
    nats = LATTICE_NATS if rescore is None else ACCURATE_LATTICE_NATS
    choices, confs = _decode(positions, lm, nats) if positions else ([], [])
    if rescore is not None and positions:
        readings = [own[1] if own is not None else None for own in owners]
        extra = rescore(readings, choices, [pos[0][0] for pos in positions])
        positions = [
            [(u, sc + e) for (u, sc), e in zip(pos, ex, strict=True)]
            for pos, ex in zip(positions, extra, strict=True)
        ]
        choices, confs = _decode(positions, lm, nats)
    chosen: dict[int, tuple[str, float]] = {}
    for pos, own in enumerate(owners):
        if own is not None:
            piece, texts = own
            text_out, conf = texts[choices[pos]], confs[pos]
            if mode == "ocr-vie" and text_out != piece.text and conf < MIN_CHANGE_CONFIDENCE:
                text_out = piece.text  # Vietnamese OCR is usually right: change only when sure
            elif (
                text_out != piece.text and piece.conf >= threshold and conf < SURE_CHANGE_CONFIDENCE
            ):
                text_out = piece.text  # the engine was sure: the LM must be much surer
            chosen[id(piece)] = (text_out, conf)
    for ps in per_line:
        for p in ps:
            if p.fix is not None and id(p) not in chosen:
                chosen[id(p)] = (p.fix, 0.9)
    if mode == "ocr-eng":
        _drop_hook_colons(per_line, chosen)
    return _assemble(fixed, per_line, chosen)


KEEP_VOWELLESS_CAPS = True
VOWELLESS_MODES = ("ocr-eng", "ocr-vie")
MIXED_LINES = True


def _lower_beside(words: list[_Piece], p: _Piece) -> bool:
    """Every word beside this one is in lower or title case: on a line that is mostly capitals
    (a signature title beside a Nơi nhận entry), this word belongs to the other column."""
    near = _neighbours(words, p)
    return bool(near) and not any(w.text.isupper() for w in near)
_VOWELS = set("AEIOUYWĂÂÊÔƠƯ")


def _vowelless_caps(text: str) -> bool:
    """Capitals with no vowel at all ("TT", "PCT", "VT"): no Vietnamese syllable is spelled so,
    and the English model does not drop every vowel of a capitals word (it reads some as G)."""
    bare = strip_diacritics(text).upper()
    # G is the English model's reading of Ợ, Ộ, Ã ("TRG" for "TRỢ", "BG" for "Bộ"): not an abbreviation
    return len(text) >= 2 and text.isalpha() and text.isupper() and not any(c in _VOWELS or c == "G" for c in bare)


def _neighbours(words: list[_Piece], p: _Piece) -> list[_Piece]:
    """The words just before and after ``p`` on its line."""
    k = next(i for i, w in enumerate(words) if w is p)
    return words[max(0, k - 1) : k] + words[k + 1 : k + 2]


def _caps_between(words: list[_Piece], p: _Piece) -> bool:
    """A capitals word beside a capitals word ("TINH NGHE AN" in a line that also holds the motto
    in mixed case): its own case says little when it is short, its neighbour says capitals."""
    if not (p.text.isupper() and p.text.isalpha()):
        return False
    return any(w.text.isupper() and w.text.isalpha() and len(w.text) >= 3 for w in _neighbours(words, p))


_HOOK_U = ("ủ", "ù")


def _drop_hook_colons(per_line: list[list[_Piece]], chosen: dict[int, tuple[str, float]]) -> None:
    """The English model reads "ủ"/"ù" as "i:" or "t:" ("chi:" for "chủ", "tht:" for "thù"): a
    colon glued to such a word, read as one of those syllables, is part of the garble (379 of
    380 such colons inside train-split lines of ../shared/ocr-pairs were not in the gold)."""
    for pieces in per_line:
        for k in range(len(pieces) - 2):  # not the last piece: a colon ending a line is left
            word, mark = pieces[k], pieces[k + 1]
            if word.kind != "word" or mark.text != ":" or mark.start != word.end:
                continue
            text, conf = chosen.get(id(word), (word.text, 1.0))
            if word.text[-1:] in "it" and text[-1:].lower() in _HOOK_U:
                chosen[id(mark)] = ("", conf)


def _with_foreign_words(
    p: _Piece, cands: list[tuple[str, str, float]], channel: AnyChannel, foreign: ForeignWords
) -> list[tuple[str, str, float]]:
    """Add the LM's foreign words near a word that is no syllable ("Singoporv": "Singapore");
    a word that is one of them ("Fukushima") is kept at no cost."""
    obs = p.text.lower()
    if retone(obs, "old") in channel.syllables:
        return cands
    near = foreign.near(obs)
    if not near:
        return cands
    out = [(u, o, 0.0) if o == p.text and obs in near else (u, o, sc) for u, o, sc in cands]
    upper, title = p.text.isupper(), p.text[:1].isupper()
    for w in near:
        if w != obs:
            text = w.upper() if upper else w[:1].upper() + w[1:] if title else w
            out.append((w, text, CHANNEL_WEIGHT * channel.logp(obs, w)))
    return out


def _decode(
    positions: list[list[tuple[str, float]]], lm: NgramLM, nats: float = LATTICE_NATS
) -> tuple[list[int], list[float]]:
    """Exact Viterbi over the lattice, without the decoder's bigram pre-pruning.

    The pruning pass suits stripped text, whose candidates score alike; channel scores spread
    over several nats and a bigram view then drops readings the full-order LM prefers ("ở").
    """
    ids: list[list[int]] = []
    emis: list[list[float]] = []
    owner: list[int] = []
    for i, pos in enumerate(positions):
        if len(pos) == 1 and pos[0][0] == SENT_END:
            ids += [[EOS_ID], [BOS_ID]]
            emis += [[0.0], [0.0]]
            owner += [-1, -1]
            continue
        ids.append([lm.word_id(t) for t, _ in pos])
        emis.append([sc for _, sc in pos])
        owner.append(i)
    kept = _shortlist(ids, emis, lm, nats)
    ids = [[c[k] for k in kp] for c, kp in zip(ids, kept, strict=True)]
    emis = [[e[k] for k in kp] for e, kp in zip(emis, kept, strict=True)]
    ch, cf = viterbi(ids, emis, lm, prune=False)
    choices = [0] * len(positions)
    confs = [1.0] * len(positions)
    for j, i in enumerate(owner):
        if i >= 0:
            choices[i], confs[i] = kept[j][ch[j]], cf[j]
    return choices, confs


def _shortlist(
    ids: list[list[int]], emis: list[list[float]], lm: NgramLM, nats: float = LATTICE_NATS
) -> list[list[int]]:
    """Per position, the candidates worth the full-order Viterbi (bigram links on both sides).

    As the decoder's own first pass, but wider (``LATTICE_WIDTH`` within ``LATTICE_NATS``):
    channel scores spread over several nats, and a tight bigram cut drops readings that the
    full context prefers ("Việt Nam ở nước ngoài").
    """
    return prune_lattice(ids, emis, lm, keep=LATTICE_WIDTH, nats=nats, keep_small=True, max_order=0)


# Re-exported: the post-correction entry point lives in postcorrect.py.
from pipeline.restore.postcorrect import postcorrect_lines  # noqa: E402
