"""Readings of a table word proposed by its neighbours' words (issue 13, 150 dpi table lines).

At 150 dpi the English model loses a whole vowel group or reads it as another letter ("tiu" for
"tiêu", "Ddn" for "Đôn", "di" for "đội"), and the channel's shortlists, ranked by the channel and
a frequency prior, fill up with rare syllables that differ from the token by marks only ("tĩu",
"tíu", "dì", "dí").  The true syllable is then no candidate, or one the bigram pre-pruning drops,
however plainly the words beside it call for it ("chỉ tiêu", "Đôn đốc", "đội ngũ").

So after a first decoding, each doubtful table word also gets the syllables that the LM most
expects after the word before it and before the word after it (their chosen reading and their
best channel reading), each scored by the channel like any other reading: the decoder weighs
them as it weighs the shortlist's.  Only syllables within ``GARBLE.context_margin`` of the
word's best channel score are added, so a reading the letters do not support stays out.
"""

from __future__ import annotations

import numpy as np

from pipeline.restore.core.cache import cached
from pipeline.restore.core.lm import NgramLM
from pipeline.restore.ocrfix.channel import ChannelModel
from pipeline.restore.ocrfix.garble.pieces import Piece, recase
from pipeline.restore.ocrfix.settings import GARBLE
from pipeline.vn.orthography import retone

Positions = list[list[tuple[str, float]]]
Owners = list[tuple[Piece, list[str]] | None]


class Bigrams:
    """The LM's bigrams as lists of likeliest successors and predecessors of each word id."""

    def __init__(self, lm: NgramLM) -> None:
        keys, logp = lm.keys[2], lm.logp[2]
        mask = (1 << lm.bits) - 1
        prev, word = keys >> lm.bits, keys & mask
        by_prev = np.lexsort((-logp, prev))  # each word's successors, likeliest first
        by_word = np.lexsort((-logp, word))  # each word's predecessors, likeliest first
        self._after = (prev[by_prev], word[by_prev])
        self._before = (word[by_word], prev[by_word])

    @staticmethod
    def _top(index: tuple[np.ndarray, np.ndarray], wid: int, n: int) -> list[int]:
        lo = int(np.searchsorted(index[0], wid, "left"))
        hi = min(int(np.searchsorted(index[0], wid, "right")), lo + n)
        return [int(x) for x in index[1][lo:hi]]

    def after(self, wid: int, n: int) -> list[int]:
        """The ``n`` words likeliest after ``wid``."""
        return self._top(self._after, wid, n)

    def before(self, wid: int, n: int) -> list[int]:
        """The ``n`` words after which ``wid`` is likeliest."""
        return self._top(self._before, wid, n)


def bigrams(lm: NgramLM) -> Bigrams:
    """The LM's ``Bigrams`` (built once per LM)."""
    return cached(("bigram neighbours", id(lm)), lambda: Bigrams(lm))


def _context_words(positions: Positions, owners: Owners, choices: list[int], j: int) -> set[str]:
    """The chosen unit and the best channel reading of word position ``j`` (none for a mark or an end)."""
    if j < 0 or j >= len(positions) or owners[j] is None:
        return set()
    pos = positions[j]
    best = max(range(len(pos)), key=lambda k: pos[k][1])
    return {pos[choices[j]][0], pos[best][0]}


def with_context_readings(
    positions: Positions,
    owners: Owners,
    choices: list[int],
    confs: list[float],
    wide: set[int],
    lm: NgramLM,
    channel: ChannelModel,
    style: str,
) -> tuple[Positions, Owners, dict[int, set[int]]]:
    """The lattice with neighbour-proposed readings added to each doubtful ``wide`` position (a
    table word decoded with confidence below ``GARBLE.context_below``); ``choices``/``confs``:
    the first decoding.  Existing candidates keep their indexes (new ones are appended).  Also,
    per doubtful position, the ``GARBLE.context_keep`` readings (old or new) that score best
    with those neighbour words: the decoder's bigram pre-pruning, which links each reading to
    the best of every reading beside it, must keep them."""
    big = bigrams(lm)
    keep: dict[int, set[int]] = {}
    vocab = lm.vocab
    n = GARBLE.context_readings
    new_pos, new_own = list(positions), list(owners)
    for i in sorted(wide):
        own = owners[i]
        if own is None or confs[i] >= GARBLE.context_below:
            continue
        piece, texts = own
        obs = piece.text.lower()
        if not any(c.isalpha() for c in obs):
            continue
        proposed: set[int] = set()
        left = [lm.word_id(w) for w in _context_words(positions, owners, choices, i - 1)]
        right = [lm.word_id(w) for w in _context_words(positions, owners, choices, i + 1)]
        for wid in left:
            proposed.update(big.after(wid, n))
        for wid in right:
            proposed.update(big.before(wid, n))
        have = {u for u, _ in positions[i]}
        best = max(sc for _, sc in positions[i])
        upper = texts[0].isupper() and len(texts[0]) > 1
        added_pos, added_txt = [], []
        for wid in sorted(proposed):
            syl = vocab[wid]
            if syl in have or syl not in channel.syllables:
                continue
            sc = GARBLE.channel_weight * channel.logp(obs, syl)
            if sc < best - GARBLE.context_margin:
                continue
            out = recase(syl if style == "old" else retone(syl, style), piece.text, upper)
            added_pos.append((syl, sc))
            added_txt.append(out)
        if added_pos:
            new_pos[i] = positions[i] + added_pos
            new_own[i] = (piece, texts + added_txt)
        keep[i] = _best_linked(new_pos[i], left, right, lm)
    return new_pos, new_own, keep


def _best_linked(pos: list[tuple[str, float]], left: list[int], right: list[int], lm: NgramLM) -> set[int]:
    """Indexes of the ``GARBLE.context_keep`` readings with the best channel score plus bigram
    links to the best of the ``left`` and ``right`` word ids."""
    ids = np.array([lm.word_id(u) for u, _ in pos], dtype=np.int64)
    score = np.array([sc for _, sc in pos], dtype=np.float64)
    for side, ctx_ids in (("left", left), ("right", right)):
        if not ctx_ids:
            continue
        best = np.full(len(ids), -np.inf)
        for c in ctx_ids:
            ctx = np.full((len(ids), lm.order - 1), lm.no_context_id, dtype=np.int64)
            if side == "left":
                ctx[:, -1] = c
                lp = lm.logprob_batch(ctx, ids, max_order=2)
            else:
                ctx[:, -1] = ids
                lp = lm.logprob_batch(ctx, np.full(len(ids), c, dtype=np.int64), max_order=2)
            best = np.maximum(best, lp)
        score += best
    order = np.argsort(-score, kind="stable")[: GARBLE.context_keep]
    return {int(k) for k in order}
