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
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.restore.channel import ChannelModel, split_edges
from pipeline.restore.decoder import SENT_END, viterbi
from pipeline.restore.lm import BOS_ID, EOS_ID, NUM, PUNCT, UNK, NgramLM
from pipeline.restore.symbols import load_codes, repair_symbols
from pipeline.restore.vietnamese import detect_tone_style, retone
from pipeline.types import Token

MODELS = Path(__file__).resolve().parents[2] / "models"
CHANNEL_WEIGHT = 1.0  # weight of ln P(obs | true) against the LM's ln-probability
IDENTITY_PENALTY = {"ocr-eng": -13.0, "ocr-vie": -4.0}  # keeping a token that is no syllable
MAX_CANDIDATES = 8
LATTICE_WIDTH = 4  # candidates per position that reach the full-order Viterbi
LATTICE_NATS = 5.0  # ... and no further than this below the position's best bigram reading
IMPOSSIBLE_PENALTY = -10.0  # keeping a word with Vietnamese marks that is no syllable ("haặc")
MARK_PENALTY = -1.5
RARE_MARK = -3.0  # ln P(this mark | some punctuation) for marks other than ordinary punctuation  # reading a digit or mark as a word must be clearly better than keeping it
MIN_CHANGE_CONFIDENCE = 0.7  # ocr-vie: a token changes only when the decoder is this sure
SENTENCE_PUNCT = set(".!?;:…")
# Letters Tesseract's English model cannot produce: their presence means a Vietnamese engine.
_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_WEBBY = re.compile(
    r"\w@\w[\w.-]*\.\w|/@|://|^www\.|\.(?:vn|com|net|org|gov|edu|info)\b", re.IGNORECASE
)
_WORD_PART = (
    r"[^\W\d_][^\W\d_A-ZĐ]*"  # a lower- or title-case word (codes such as KL, TTr excluded)
)
_SLASHED = re.compile(rf"^{_WORD_PART}(?:(?:/{_WORD_PART})+/?|/)$")
_GLUED = re.compile(r"(?<=[^\W\d_]{2})([.,;:])(?=[^\W\d_]{2})", re.UNICODE)
_PLAIN_PUNCT = set(".,;:!?()[]{}\"'“”‘’-–—/\\…%*+=<>#_")
_NUMBERISH = re.compile(r"^[\d.,:/\-–]+$")
_O_NUMBER = re.compile(
    r"^(?=(?:.*\d){2})(?=.*O)[\dO]{3,}$"
)  # letter O read for a zero inside a number

_lock = threading.Lock()
_channels: dict[str, ChannelModel] = {}
_codes: dict[str, dict[str, str]] = {}
_cand_cache: dict[tuple[int, str, float, bool, str], list[tuple[str, str, float]]] = {}


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
            _channels[key] = ChannelModel.load(path)
        return _channels[key]


def symbol_codes(models_dir: str | Path = MODELS) -> dict[str, str]:
    """The learned D -> Đ table of document-symbol code parts (cached)."""
    key = str(Path(models_dir).resolve())
    with _lock:
        if key not in _codes:
            _codes[key] = load_codes(Path(models_dir) / "channel-symbols.json")
        return _codes[key]


# -- mode detection ------------------------------------------------------------------------
def _vietnamese_only(ch: str) -> bool:
    return (
        ch.isalpha()
        and not ch.isascii()
        and ch not in _LATIN1
        and unicodedata.name(ch, "").startswith("LATIN")
    )


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


# -- tokens --------------------------------------------------------------------------------
@dataclass
class _Piece:
    kind: str  # "word", "keep" (number, symbol, punctuation)
    text: str
    start: int
    end: int
    unit: str  # LM unit for kept pieces ("<num>", "<unk>", "<p>", "</s>")
    conf: float = 0.0  # OCR confidence (post-correction); 0 = unknown
    fix: str | None = None  # a deterministic repair of a kept piece ("O1" -> "01", "?" -> "")


def _pieces(line: str, channel: ChannelModel | None = None) -> list[_Piece]:
    garbles = channel.table if channel is not None else None
    out: list[_Piece] = []
    for m in re.finditer(r"\S+", line):
        chunk, base = m.group(), m.start()
        lead, core, trail = split_edges(chunk)
        for k, ch in enumerate(lead):
            out.append(_Piece("keep", ch, base + k, base + k + 1, PUNCT))
        s = base + len(lead)
        glued = _GLUED.split(core) if core and _classify(core)[0] == "word" else [core]
        if len(glued) == 3 and all(glued):
            # Two words glued by punctuation without a space ("trúc.Điều", "Truyền,thông").
            out.append(_Piece("word", glued[0], s, s + len(glued[0]), ""))
            u = SENT_END if glued[1] in SENTENCE_PUNCT else PUNCT
            out.append(_Piece("keep", glued[1], s + len(glued[0]), s + len(glued[0]) + 1, u))
            core, s = glued[2], s + len(glued[0]) + 1
            lead = chunk[: s - base]
        if core and _SLASHED.match(core):
            # Words paired by slashes ("đường/phố", "và/hoặc"), not a code: each word restored.
            parts = core.split("/")
            for k, part in enumerate(parts):
                if part:
                    out.append(_Piece("word", part, s, s + len(part), ""))
                    s += len(part)
                if k < len(parts) - 1:
                    out.append(_Piece("keep", "/", s, s + 1, PUNCT))
                    s += 1
            lead, core = chunk[: s - base], ""
        if core:
            kind, unit = _classify(core)
            seen_garble = garbles is not None and core.lower() in garbles  # "5O" reads "số"
            fix = core.replace("O", "0") if _O_NUMBER.match(core) and not seen_garble else None
            if fix is not None:
                kind, unit = "keep", NUM
            if (
                kind == "keep"
                and unit == NUM
                and garbles
                and core.lower() in garbles
                and core[-1:].isalpha()
            ):
                kind = "word"  # a garble seen in training ("16p" for "lớp"), not a number
            out.append(_Piece(kind, core, s, s + len(core), unit, fix=fix))
        if trail:
            s = base + len(lead) + len(core)
            unit = SENT_END if any(c in SENTENCE_PUNCT for c in trail) else PUNCT
            # The English model reads a hooked letter as "t?" ("st?" for "sử"): a "?" glued to a
            # word in the middle of a line is part of the garble, not a question.
            stray = (
                channel is not None
                and trail == "?"
                and not channel.is_syllable_shape(core)
                and core.isalpha()
                and line[m.end() :].strip() != ""
            )
            out.append(
                _Piece(
                    "keep",
                    trail,
                    s,
                    s + len(trail),
                    PUNCT if stray else unit,
                    fix="" if stray else None,
                )
            )
    return out


def _classify(core: str) -> tuple[str, str]:
    letters = sum(c.isalpha() for c in core)
    if not letters:
        return "keep", NUM if any(c.isdigit() for c in core) else PUNCT
    if _WEBBY.search(core):
        return "keep", UNK  # URL, e-mail or domain
    if "/" in core or _NUMBERISH.match(core) or re.search(r"\d[-.]\w|\w-\d|[A-Z]{2,}-", core):
        return "keep", UNK  # document symbol, date or code: kept verbatim
    if sum(c.isdigit() for c in core) > letters:
        return "keep", NUM
    return "word", ""


def _recase(syl: str, obs: str, line_upper: bool) -> str:
    letters = [c for c in obs if c.isalpha()]
    ups = sum(c.isupper() for c in letters)
    if letters and ups == len(letters) and (len(letters) >= 3 or line_upper):
        return syl.upper()
    if line_upper and 2 * ups > len(letters):
        return syl.upper()  # "PiCH" in a heading: one letter lost its case
    if len(letters) == 2 and ups == 2:
        return syl[:1].upper() + syl[1:]  # "BO" in running text is "Bộ" read with a tall accent
    if letters and letters[0].isupper() or (not obs[:1].isalpha() and ups):
        return syl[:1].upper() + syl[1:]
    return syl


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
) -> tuple[str, list[Token]]:
    """Restore OCR text line by line with cross-line LM context; see the module docstring."""
    if codes is None:
        codes = symbol_codes()
    lines = text.split("\n")
    fixed = [repair_symbols(ln, codes) for ln in lines]
    per_line = [_pieces(ln, channel if mode == "ocr-eng" else None) for ln in fixed]
    if confidences is not None:
        _attach_confidences(fixed, per_line, confidences)
    style = detect_tone_style([p.text for ps in per_line for p in ps if p.kind == "word"], "old")
    positions: list[list[tuple[str, float]]] = []
    owners: list[tuple[_Piece, list[str]] | None] = []
    penalty = IDENTITY_PENALTY.get(mode, -9.0)
    for pieces in per_line:
        words = [p for p in pieces if p.kind == "word"]
        line_upper = bool(words) and sum(p.text.isupper() for p in words) >= 0.6 * len(words)
        if not pieces and positions and positions[-1] != [(SENT_END, 0.0)]:
            positions.append([(SENT_END, 0.0)])  # a blank line ends the sentence
            owners.append(None)
        for p in pieces:
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
            else:
                cands = _word_candidates(p, mode, channel, penalty, threshold, line_upper, style)
            positions.append([(unit, sc) for unit, _, sc in cands])
            owners.append((p, [out for _, out, _ in cands]))
    choices, confs = _decode(positions, lm) if positions else ([], [])
    chosen: dict[int, tuple[str, float]] = {}
    for pos, own in enumerate(owners):
        if own is not None:
            piece, texts = own
            text_out, conf = texts[choices[pos]], confs[pos]
            if mode == "ocr-vie" and text_out != piece.text and conf < MIN_CHANGE_CONFIDENCE:
                text_out = piece.text  # Vietnamese OCR is usually right: change only when sure
            chosen[id(piece)] = (text_out, conf)
    for ps in per_line:
        for p in ps:
            if p.fix is not None and id(p) not in chosen:
                chosen[id(p)] = (p.fix, 0.9)
    return _assemble(fixed, per_line, chosen)


def _decode(positions: list[list[tuple[str, float]]], lm: NgramLM) -> tuple[list[int], list[float]]:
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
    kept = _shortlist(ids, emis, lm)
    ids = [[c[k] for k in kp] for c, kp in zip(ids, kept, strict=True)]
    emis = [[e[k] for k in kp] for e, kp in zip(emis, kept, strict=True)]
    ch, cf = viterbi(ids, emis, lm, prune=False)
    choices = [0] * len(positions)
    confs = [1.0] * len(positions)
    for j, i in enumerate(owner):
        if i >= 0:
            choices[i], confs[i] = kept[j][ch[j]], cf[j]
    return choices, confs


def _shortlist(ids: list[list[int]], emis: list[list[float]], lm: NgramLM) -> list[list[int]]:
    """Per position, the candidates worth the full-order Viterbi (bigram links on both sides).

    As the decoder's own first pass, but wider (``LATTICE_WIDTH`` within ``LATTICE_NATS``):
    channel scores spread over several nats, and a tight bigram cut drops readings that the
    full context prefers ("Việt Nam ở nước ngoài").
    """
    full = [[BOS_ID], *ids, [EOS_ID]]
    sizes = np.array([len(c) for c in full], dtype=np.int64)
    flat = np.array([x for c in full for x in c], dtype=np.int64)
    base = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    npairs = sizes[:-1] * sizes[1:]
    total = int(npairs.sum())
    link = np.repeat(np.arange(len(full) - 1), npairs)
    within = np.arange(total) - np.repeat(np.concatenate([[0], np.cumsum(npairs)[:-1]]), npairs)
    g_prev = base[link] + within // sizes[link + 1]
    g_next = base[link + 1] + within % sizes[link + 1]
    ctx = np.full((total, lm.order - 1), lm.no_context_id, dtype=np.int64)
    ctx[:, -1] = flat[g_prev]
    lp = lm.logprob_batch(ctx, flat[g_next]).astype(np.float64)
    left = np.full(len(flat), -np.inf)
    right = np.full(len(flat), -np.inf)
    np.maximum.at(left, g_next, lp)
    np.maximum.at(right, g_prev, lp)
    score = (left + right).tolist()
    out: list[list[int]] = []
    for i, c in enumerate(ids):
        if len(c) <= LATTICE_WIDTH:
            out.append(list(range(len(c))))
            continue
        b = int(base[i + 1])
        sc = [score[b + k] + emis[i][k] for k in range(len(c))]
        best = max(sc)
        top = sorted(range(len(c)), key=lambda k: -sc[k])[:LATTICE_WIDTH]
        out.append(sorted(k for k in top if sc[k] >= best - LATTICE_NATS))
    return out


def _word_candidates(
    p: _Piece,
    mode: str,
    channel: ChannelModel,
    penalty: float,
    threshold: float,
    line_upper: bool,
    style: str,
) -> list[tuple[str, str, float]]:
    """(LM unit, output text, channel score) alternatives of one word."""
    if p.conf >= threshold and not _impossible(p.text, channel):
        return [(p.text, p.text, 0.0)]  # the OCR engine was sure: not a candidate for change
    key = (id(channel), p.text, penalty, line_upper, style)
    hit = _cand_cache.get(key)
    if hit is None:
        if len(_cand_cache) > 200_000:
            _cand_cache.clear()
        hit = _cand_cache[key] = _fresh_candidates(p.text, channel, penalty, line_upper, style)
    return hit


def _fresh_candidates(
    text: str, channel: ChannelModel, penalty: float, line_upper: bool, style: str
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
        elif text.isupper() and len(text) > 1 and not channel.is_syllable_shape(text):
            keep = -2.0
        elif len(text) == 1:
            keep = -1.0  # a lone letter is a list marker or an initial ("b)", "x"), rarely a garble
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


def _impossible(text: str, channel: ChannelModel) -> bool:
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
    for syl, lp in channel.candidates(p.text)[:3]:
        if syl in channel.table.get(p.text, ()) or (junk and len(syl) == 1):
            text = syl.upper() if line_upper else syl
            out.append((syl, text, CHANNEL_WEIGHT * lp + MARK_PENALTY))
    return out


def _attach_confidences(
    lines: list[str], per_line: list[list[_Piece]], confidences: list[list[float]]
) -> None:
    for ln, pieces, confs in zip(lines, per_line, confidences, strict=False):
        chunks = [(m.start(), m.end()) for m in re.finditer(r"\S+", ln)]
        if len(chunks) != len(confs):
            for p in pieces:
                p.conf = 1.0  # cannot tell which word is unsure: change nothing on this line
            continue
        for p in pieces:
            for (s, e), c in zip(chunks, confs, strict=True):
                if s <= p.start < e:
                    p.conf = c
                    break


def _assemble(
    lines: list[str], per_line: list[list[_Piece]], chosen: dict[int, tuple[str, float]]
) -> tuple[str, list[Token]]:
    out_lines: list[str] = []
    tokens: list[Token] = []
    offset = 0
    for ln, pieces in zip(lines, per_line, strict=True):
        buf: list[str] = []
        pos = 0
        for p in pieces:
            if p.kind != "word" and id(p) not in chosen:
                continue
            new, conf = chosen.get(id(p), (p.text, 1.0))
            buf.append(ln[pos : p.start])
            start = offset + sum(len(b) for b in buf)
            buf.append(new)
            tokens.append(
                Token(new, p.text, start, start + len(new), round(float(conf), 4), new != p.text)
            )
            pos = p.end
        buf.append(ln[pos:])
        line_out = "".join(buf)
        out_lines.append(line_out)
        offset += len(line_out) + 1
    return "\n".join(out_lines), tokens


def postcorrect_lines(
    lines: list[str],
    confidences: list[list[float]],
    lm: NgramLM,
    channel: ChannelModel,
    *,
    threshold: float = 0.80,
) -> tuple[list[str], list[Token]]:
    """Post-correct Tesseract ``vie`` lines: only tokens below ``threshold`` confidence may change."""
    if not lines:
        return [], []
    text, tokens = restore_garbled(
        "\n".join(lines), "ocr-vie", lm, channel, confidences=confidences, threshold=threshold
    )
    return text.split("\n"), tokens
