"""Restoring OCR text: English-model garble (``ocr-eng``) and Tesseract ``vie`` errors (``ocr-vie``).

How ``pipeline.restore`` calls it::

    from pipeline.restore.ocrfix.garble import detect_mode, load_channel, restore_garbled
    from pipeline.restore.ocrfix.postcorrect import postcorrect_lines
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

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import modelstore
from pipeline.errors import ModelMissingError
from pipeline.restore.core.cache import cached
from pipeline.restore.core.decoder import SENT_END, prune_lattice, viterbi
from pipeline.restore.core.lm import BOS_ID, EOS_ID, NUM, PUNCT, NgramLM
from pipeline.restore.ocrfix.cell_rules import (
    CELL,
    table_lines,
)
from pipeline.restore.ocrfix.cell_specks import drop_open_word_specks
from pipeline.restore.ocrfix.channel import ChannelModel, UnsureChannel, split_edges
from pipeline.restore.ocrfix.foreign import ForeignWords, foreign_words
from pipeline.restore.ocrfix.formulae import header_columns
from pipeline.restore.ocrfix.garble.candidates import (
    LATIN1,
    AnyChannel,
    is_impossible,
    learned_mark,
    mark_candidates,
    vietnamese_only,
    word_candidates,
)
from pipeline.restore.ocrfix.garble.context import with_context_readings
from pipeline.restore.ocrfix.garble.digit_words import respell_so
from pipeline.restore.ocrfix.garble.pieces import (
    PLAIN_PUNCT,
    SENTENCE_PUNCT,
    Piece,
    assemble,
    attach_confidences,
    repair_list_markers,
    split_pieces,
)
from pipeline.restore.ocrfix.garble.prepare import prepare_lines
from pipeline.restore.ocrfix.garble.streams import SOFT_END as SOFT_END
from pipeline.restore.ocrfix.garble.streams import Candidates, Fragment, Lattice
from pipeline.restore.ocrfix.garble.table_marks import colons_to_semicolons, province_at_line_end
from pipeline.restore.ocrfix.outline import (
    opens_item,
)
from pipeline.restore.ocrfix.settings import CELL_RULES, GARBLE
from pipeline.restore.ocrfix.symbols import (
    PartRepair,
    load_codes,
    load_part_repair,
)
from pipeline.restore.ocrfix.unit_names import respell_chosen
from pipeline.types import Token
from pipeline.vn.orthography import detect_tone_style, retone, strip_diacritics

__all__ = [
    "Rescorer",
    "SENTENCE_PUNCT",
    "detect_mode",
    "load_channel",
    "restore_garbled",
    "symbol_codes",
    "symbol_parts",
]

# (candidate output texts per position, or None where the position is fixed; first-pass choices;
# each position's first LM unit) -> an extra score per candidate of every position.
Rescorer = Callable[[list[list[str] | None], list[int], list[str]], list[list[float]]]


def load_channel(mode: str, models_dir: str | Path | None = None) -> ChannelModel:
    """The channel model of ``mode`` ("ocr-eng" or "ocr-vie"), loaded once per process."""
    name = f"channel-{mode.removeprefix('ocr-')}.json.gz"
    path = modelstore.models_dir(models_dir, need=name) / name

    def build() -> ChannelModel:
        if not path.exists():
            raise ModelMissingError(
                f"channel model {path} not found; rebuild it with python -m scripts.train.channel",
                path=str(path),
            )
        channel = ChannelModel.load(path)
        unsure = path.with_name(path.name.replace(".json.gz", "-unsure.json.gz"))
        if unsure.exists():  # optional: without it, unsure words use the all-token channel
            channel.unsure = UnsureChannel(channel, ChannelModel.load(unsure), GARBLE.unsure_weight)
        return channel

    return cached(("channel", str(path.resolve())), build)


def symbol_codes(models_dir: str | Path | None = None) -> dict[str, str]:
    """The learned D -> Đ table of document-symbol code parts (cached)."""
    root = modelstore.models_dir(models_dir)
    return cached(("symbol codes", str(root.resolve())), lambda: load_codes(root / "channel-symbols.json"))


def symbol_parts(models_dir: str | Path | None = None) -> PartRepair | None:
    """Known symbol code parts and the English model's confusions inside symbols (cached)."""
    root = modelstore.models_dir(models_dir)
    return cached(("symbol parts", str(root.resolve())), lambda: load_part_repair(root / "channel-symbol-parts.json"))


def detect_mode(text: str, channel: ChannelModel | None = None) -> str:
    """Classify input as "clean", "stripped", "ocr-eng" or "ocr-vie" from its word statistics."""
    ch = channel or load_channel("ocr-eng")
    words = [split_edges(w)[1] for w in text.split()]
    words = [w for w in words if any(c.isalpha() for c in w) and "/" not in w]
    if not words:
        return "clean"
    n = len(words)
    vn = sum(any(vietnamese_only(c) for c in w) for w in words) / n
    accented = sum(any(c in LATIN1 for c in w) for w in words) / n
    marks = (
        sum(bool(re.search(r"[a-z][0-9’'`¢§€@&|]|[0-9][a-z]", w, re.IGNORECASE)) for w in words) / n
    )
    if vn >= 0.08:
        # Foreign names and typos make some words invalid in any text; Vietnamese-marked
        # non-syllables ("hoạeh") are what a Vietnamese OCR engine leaves behind.
        impossible = sum(is_impossible(w, ch) for w in words) / n
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
    raw = text.split("\n")
    table = table_lines(raw) if confidences is None and mode == "ocr-eng" else None
    parts = symbol_parts() if mode == "ocr-eng" else None
    fixed, formula_lines, frozen = prepare_lines(raw, mode, channel, codes, lm, cell_rules=confidences is None, parts=parts)
    per_line = [split_pieces(ln, channel if mode == "ocr-eng" else None) for ln in fixed]
    if mode == "ocr-eng":
        repair_list_markers(per_line)
    if confidences is not None:
        attach_confidences(fixed, per_line, confidences)
    style = detect_tone_style(
        [p.text for i, ps in enumerate(per_line) if i not in formula_lines for p in ps if p.kind == "word"], "old"
    )
    reading = _Reading(
        mode=mode,
        channel=channel,
        codes=codes,
        penalty=GARBLE.identity_penalty(mode),
        threshold=threshold,
        style=style,
        sure_marks=sure_marks,
        unsure_known=confidences is not None,
        foreign=foreign_words(lm, channel.is_syllable_shape, mode),
    )
    streams = table if CELL_RULES.column_streams else None
    columns = header_columns(fixed) if mode == "ocr-eng" else {}
    if columns:  # the header's two columns: each its own stream, like a table's
        streams = [bool(streams and streams[i]) or i in columns for i in range(len(fixed))]
    positions, owners = _lattice(fixed, per_line, reading, streams, frozen, columns)
    on_table = {id(p) for ps, t in zip(per_line, table or [], strict=False) if t for p in ps}
    wide = {k for k, own in enumerate(owners) if own is not None and id(own[0]) in on_table}
    nats = GARBLE.lattice_nats_eng if mode == "ocr-eng" else GARBLE.lattice_nats
    choices, confs = _decode_lattice(positions, owners, lm, rescore, wide, nats)
    if table is not None and any(table) and CELL_RULES.register_weight:
        force: dict[int, set[int]] = {}  # decoded only here: no readings are proposed for no second pass
        if mode == "ocr-eng" and wide and GARBLE.context_readings:
            positions, owners, force = with_context_readings(positions, owners, choices, confs, wide, lm, channel, style)
        positions = _with_register(positions, owners, choices, confs, on_table)
        choices, confs = _decode_lattice(positions, owners, lm, rescore, wide, nats, force)
    chosen = _chosen(owners, choices, confs, mode, threshold)
    for ps in per_line:
        for p in ps:
            if p.fix is not None and id(p) not in chosen:
                chosen[id(p)] = (p.fix, 0.9)
    if mode == "ocr-eng":
        _drop_hook_colons(per_line, chosen)
        respell_so(per_line, chosen, table, lm)  # "chuyển đổi 86." is "chuyển đổi số."
    if table is not None and any(table):
        drop_open_word_specks(per_line, chosen, table)  # "và." is "và": no sentence ends after it
        colons_to_semicolons(per_line, chosen, table)  # "lượng: tăng" is "lượng; tăng"
        respell_chosen(fixed, per_line, chosen, table)  # "Truyền thống" -> "Truyền thông" in a unit's name
        province_at_line_end(per_line, chosen, table, lm)
    return assemble(fixed, per_line, chosen)


@dataclass(frozen=True)
class _Reading:
    """What reading one piece depends on besides the piece and its line."""

    mode: str
    channel: ChannelModel
    codes: dict[str, str]
    penalty: float  # keeping a token that is no syllable
    threshold: float  # OCR confidence at or above which a word is sure
    style: str  # the document's tone style
    sure_marks: bool
    unsure_known: bool  # per-word OCR confidences were given
    foreign: ForeignWords


def _lattice(
    lines: list[str],
    per_line: list[list[Piece]],
    reading: _Reading,
    table: list[bool] | None = None,
    frozen: dict[int, set[int]] | None = None,
    columns: dict[int, int] | None = None,
) -> tuple[list[list[tuple[str, float]]], list[tuple[Piece, list[str]] | None]]:
    """Per position, (LM unit, score) candidates, and the piece it restores with their texts.

    Positions follow the text, except on the lines of a ruled table (``table``): there each
    column's fragments are decoded as one stream (``streams.column_streams``), since a cell that wraps
    continues on the next line in the same column, not after the row's last cell.  ``columns``
    gives, per line, an offset where a second column starts without a TAB (the header's motto).
    """
    lattice = Lattice()
    region: list[list[Fragment]] = []  # table lines waiting, as fragments
    titled = False  # the last prose line opened an item and ended on a word: a title
    for i, (line, pieces) in enumerate(zip(lines, per_line, strict=True)):
        fragments = _fragments(line, pieces, reading, (frozen or {}).get(i, set()), (columns or {}).get(i, -1))
        if table is not None and table[i]:
            if fragments:
                region.append(fragments)
            continue
        lattice.add_region(region)
        region = []
        item = reading.mode == "ocr-eng" and opens_item(line)  # measured on English-model OCR only
        if not pieces or item or titled and line.lstrip()[:1].isupper():
            # a blank line ends the sentence, a new item starts one, and so does a capital
            # after an item's title ("1. Hệ thống ... kinh tế số" / "Triển khai ...")
            lattice.end_sentence()
        titled = item and line.rstrip()[-1:].isalnum()
        for k, fragment in enumerate(fragments):
            if k:
                lattice.end_sentence()  # a new cell: its own context, not its neighbour's
            lattice.emit(fragment)
    lattice.add_region(region)
    lattice.flush()
    return lattice.positions, lattice.owners


def _fragments(
    line: str, pieces: list[Piece], reading: _Reading, frozen: set[int], column: int = -1
) -> list[Fragment]:
    """The line's pieces with their readings, split into cell fragments at the TABs and at the
    ``column`` offset; a word starting at one of the ``frozen`` offsets has its own reading only."""
    # Case is judged per stretch between semicolons: "- BO TTTT; PHO CHU TICH" is a recipient
    # beside the signature's title in capitals, two columns on one line.
    stretches: list[list[Piece]] = [[]]
    for p in pieces:
        if p.kind == "word":
            stretches[-1].append(p)
        elif ";" in p.text:
            stretches.append([])
    segment = {id(w): ws for ws in stretches for w in ws}
    upper_of = {id(ws): _capitals_line(ws) for ws in stretches}
    words = [p for p in pieces if p.kind == "word"]
    whole = _capitals_line(words)  # for marks and numbers
    out: list[Fragment] = []
    for k, p in enumerate(pieces):
        near = segment.get(id(p), words)
        line_upper = upper_of.get(id(near), whole)
        if reading.mode == "ocr-eng" and _hook_colon(pieces, k):
            continue  # no sentence end between "phù" and "hợp" ("phi: hop"); _drop_hook_colons
        if not k or CELL in line[pieces[k - 1].end : p.start] or p.start == column:
            out.append([])
        cands = _piece_candidates(p, near, line_upper, reading)
        if cands is not None and p.start in frozen and p.kind == "word":
            cands = [c for c in cands if c[1] == p.text][:1] or [(p.text.lower(), p.text, 0.0)]
        out[-1].append((p, cands))
    return out


def _piece_candidates(p: Piece, words: list[Piece], line_upper: bool, reading: _Reading) -> Candidates | None:
    """The readings of one piece, or None where it is kept as it is (a fixed position)."""
    mode, channel, codes = reading.mode, reading.channel, reading.codes
    learned = learned_mark(p, mode, line_upper) if p.unit == PUNCT else None
    if learned is not None and learned[1]:
        keep, alts = learned
        return [(p.unit, p.text, keep), *alts]
    if p.kind != "word":
        alts = mark_candidates(p, mode, channel, line_upper) if p.unit in (NUM, PUNCT) else []
        if not alts:
            return None
        # A rare mark ("&", "¢") stands for itself far less often than "<p>" suggests.
        rare = p.unit == PUNCT and any(c not in PLAIN_PUNCT for c in p.text)
        return [(p.unit, p.text, GARBLE.rare_mark if rare else 0.0), *alts]
    if p.text in codes and p.text.isupper() and not channel.is_syllable_shape(p.text):
        return [(codes[p.text], codes[p.text], 0.0)]  # an acronym written with Đ (CĐR, HĐND)
    if mode in _VOWELLESS_MODES and _vowelless_caps(p.text):
        return [("<unk>", p.text, 0.0)]  # TT, CT, PCT, VT: an abbreviation, never a syllable
    unsure = reading.unsure_known and p.conf < GARBLE.unsure_below and channel.unsure
    upper = (line_upper and not _lower_beside(words, p)) or _caps_between(words, p)
    cands = word_candidates(
        p, mode, unsure or channel, reading.penalty, reading.threshold, upper, reading.style, reading.sure_marks
    )
    if p.conf < reading.threshold and len(p.text) >= GARBLE.min_foreign_length:
        cands = _with_foreign_words(p, cands, unsure or channel, reading.foreign)
    return cands


def _register_key(text: str) -> str:
    """The observed word a register groups by: as read, its case kept where
    ``CELL_RULES.register_case`` (a capitalised "Dén" opening a task is "Đôn", the lower-case
    "dén" inside one is "đến": they vote apart)."""
    return text if CELL_RULES.register_case else text.lower()


def _with_register(
    positions: list[list[tuple[str, float]]],
    owners: list[tuple[Piece, list[str]] | None],
    choices: list[int],
    confs: list[float],
    on_table: set[int],
) -> list[list[tuple[str, float]]]:
    """A table's words as a register: the same garbled word read elsewhere in the page's table
    (a unit name, a timeframe repeated row after row) votes for its reading there.  Each
    reading of a table word gets ``CELL_RULES.register_weight`` times the log share of the
    votes of the page's other readings of the same observed word (add-one smoothed)."""
    votes: dict[str, dict[str, float]] = {}
    for pos, own in enumerate(owners):
        if own is None or id(own[0]) not in on_table:
            continue
        v = votes.setdefault(_register_key(own[0].text), {})
        out = own[1][choices[pos]].lower()
        v[out] = v.get(out, 0.0) + confs[pos]
    w = CELL_RULES.register_weight
    new = list(positions)
    for pos, own in enumerate(owners):
        if own is None or id(own[0]) not in on_table:
            continue
        v = dict(votes[_register_key(own[0].text)])
        mine = own[1][choices[pos]].lower()
        v[mine] -= confs[pos]  # not its own vote
        total = sum(v.values())
        if total < 1.0:
            continue
        k = len(own[1])
        new[pos] = [
            (u, sc + w * math.log((v.get(t.lower(), 0.0) + 1.0) / (total + k)))
            for (u, sc), t in zip(positions[pos], own[1], strict=True)
        ]
    return new


def _decode_lattice(
    positions: list[list[tuple[str, float]]],
    owners: list[tuple[Piece, list[str]] | None],
    lm: NgramLM,
    rescore: Rescorer | None,
    wide: set[int] | None = None,
    nats: float = GARBLE.lattice_nats,
    force: dict[int, set[int]] | None = None,
) -> tuple[list[int], list[float]]:
    """Decode the lattice, keeping readings up to ``nats`` below a position's best; with
    ``rescore``, once more with its extra scores.  The ``wide`` positions (a table's words) keep
    ``GARBLE.table_lattice_width`` candidates."""
    if not positions:
        return [], []
    nats = nats if rescore is None else GARBLE.accurate_lattice_nats
    choices, confs = _decode(positions, lm, nats, wide, force)
    if rescore is not None:
        readings = [own[1] if own is not None else None for own in owners]
        extra = rescore(readings, choices, [pos[0][0] for pos in positions])
        positions = [
            [(u, sc + e) for (u, sc), e in zip(pos, ex, strict=True)]
            for pos, ex in zip(positions, extra, strict=True)
        ]
        choices, confs = _decode(positions, lm, nats, wide, force)
    return choices, confs


def _chosen(
    owners: list[tuple[Piece, list[str]] | None], choices: list[int], confs: list[float], mode: str, threshold: float
) -> dict[int, tuple[str, float]]:
    """Each restored piece's text and confidence, where the decoder was sure enough to change it."""
    chosen: dict[int, tuple[str, float]] = {}
    for pos, own in enumerate(owners):
        if own is None:
            continue
        piece, texts = own
        text_out, conf = texts[choices[pos]], confs[pos]
        if mode == "ocr-vie" and text_out != piece.text and conf < GARBLE.min_change_confidence:
            text_out = piece.text  # Vietnamese OCR is usually right: change only when sure
        elif text_out != piece.text and piece.conf >= threshold and conf < GARBLE.sure_change_confidence:
            text_out = piece.text  # the engine was sure: the LM must be much surer
        chosen[id(piece)] = (text_out, conf)
    return chosen


_VOWELLESS_MODES = ("ocr-eng", "ocr-vie")


def _lower_beside(words: list[Piece], p: Piece) -> bool:
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


def _capitals_line(words: list[Piece]) -> bool:
    """Most of the line's words are in capitals.  Codes without vowels (TTTT, HĐND) do not vote,
    and beside a code only a capitals word of three letters or more makes a capitals line: in
    "- BO TTTT;" (a recipient "Bộ TTTT") the two-letter "BO" is a title-case word read tall."""
    spelled = [w for w in words if not _vowelless_caps(w.text)]
    if not spelled or sum(w.text.isupper() for w in spelled) < 0.6 * len(spelled):
        return False
    return len(spelled) == len(words) or any(w.text.isupper() and sum(c.isalpha() for c in w.text) >= 3 for w in spelled)


def _neighbours(words: list[Piece], p: Piece) -> list[Piece]:
    """The words just before and after ``p`` on its line."""
    k = next(i for i, w in enumerate(words) if w is p)
    return words[max(0, k - 1) : k] + words[k + 1 : k + 2]


def _caps_between(words: list[Piece], p: Piece) -> bool:
    """A capitals word beside a capitals word ("TINH NGHE AN" in a line that also holds the motto
    in mixed case): its own case says little when it is short, its neighbour says capitals."""
    if not (p.text.isupper() and p.text.isalpha()):
        return False
    return any(w.text.isupper() and w.text.isalpha() and len(w.text) >= 3 and not _vowelless_caps(w.text)
               for w in _neighbours(words, p))  # fmt: skip


_HOOK_U = ("ủ", "ù")


def _hook_colon(pieces: list[Piece], k: int) -> bool:
    """A colon glued to a word ending in "i" or "t" with a lower-case word after it on the line:
    the English model's reading of "ủ"/"ù" ("phi: hop" for "phù hợp"), 373 times of 414 such
    colons in the 89,992 lines of ../shared/ocr-pairs (all splits) (other words' colons: 404 of 416 real)."""
    p = pieces[k]
    if p.text != ":" or k == 0 or k + 1 >= len(pieces):
        return False
    word, nxt = pieces[k - 1], pieces[k + 1]
    return (
        word.kind == "word" and word.end == p.start and word.text[-1:] in ("i", "t")
        and nxt.kind == "word" and nxt.text[:1].islower()
    )


def _drop_hook_colons(per_line: list[list[Piece]], chosen: dict[int, tuple[str, float]]) -> None:
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
    p: Piece, cands: list[tuple[str, str, float]], channel: AnyChannel, foreign: ForeignWords
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
            out.append((w, text, GARBLE.channel_weight * channel.logp(obs, w)))
    return out


def _decode(
    positions: list[list[tuple[str, float]]],
    lm: NgramLM,
    nats: float = GARBLE.lattice_nats,
    wide: set[int] | None = None,
    force: dict[int, set[int]] | None = None,
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
        if len(pos) == 1 and pos[0][0] == SOFT_END:
            ids.append([BOS_ID])  # predicting <s> costs nothing: the context restarts, no sentence end
            emis.append([0.0])
            owner.append(-1)
            continue
        ids.append([lm.word_id(t) for t, _ in pos])
        emis.append([sc for _, sc in pos])
        owner.append(i)
    kept = _shortlist(ids, emis, lm, nats)
    if wide and GARBLE.table_lattice_width > GARBLE.lattice_width:
        wider = prune_lattice(ids, emis, lm, keep=GARBLE.table_lattice_width, nats=nats, keep_small=True, max_order=0)
        kept = [w if i in wide else k for k, w, i in zip(kept, wider, owner, strict=True)]
    if force:  # readings that the words beside them call for (garble.context)
        kept = [sorted(set(k) | force[i]) if i in force else k for k, i in zip(kept, owner, strict=True)]
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
    ids: list[list[int]], emis: list[list[float]], lm: NgramLM, nats: float = GARBLE.lattice_nats
) -> list[list[int]]:
    """Per position, the candidates worth the full-order Viterbi (bigram links on both sides).

    As the decoder's own first pass, but wider (``GARBLE.lattice_width`` within ``GARBLE.lattice_nats``):
    channel scores spread over several nats, and a tight bigram cut drops readings that the
    full context prefers ("Việt Nam ở nước ngoài").
    """
    return prune_lattice(ids, emis, lm, keep=GARBLE.lattice_width, nats=nats, keep_small=True, max_order=0)

