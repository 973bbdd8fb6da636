"""Lattice decoding with the n-gram LM: pick one candidate per position, jointly.

``decode(positions, lm)`` is the one entry point used by every restorer (stripped text, OCR
garble, neural rescoring).  ``positions`` is a list; each position is a non-empty list of
``(candidate_text, log_score)``:

* ``candidate_text`` is ``""`` (drop the token), one LM unit, or several space-separated units
  (a split token).  Units are syllables (any case and tone style: they are put in model form),
  or the class tokens ``<num>``, ``<p>``, ``<unk>``.  A position whose only candidate is
  ``"</s>"`` ends a sentence (the LM context restarts after it).
* ``log_score`` is the caller's own ln score of the candidate (channel model, neural log-prob,
  0.0 for "no preference"); it is added to ``lm_weight`` times the LM ln-probability.

It returns ``(choices, confidences)``: the index of the best candidate of every position and, per
position, the share of probability (softmax of max-marginals, in [0, 1]) of that choice.  When
every candidate is a single unit the exact Viterbi over (order-1)-unit states runs vectorized;
otherwise a beam search (``beam`` hypotheses) handles deletions and splits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from pipeline.restore.core.lm import BOS_ID, EOS_ID, NgramLM
from pipeline.restore.core.settings import DECODER

Position = list[tuple[str, float]]
SENT_END = "</s>"


def _units(lm: NgramLM, text: str) -> list[int]:
    if not text:
        return []
    if text == SENT_END:
        return [EOS_ID, BOS_ID]
    return [lm.word_id(u) for u in text.split(" ")]


def decode(
    positions: list[Position],
    lm: NgramLM,
    *,
    lm_weight: float = 1.0,
    beam: int = 16,
) -> tuple[list[int], list[float]]:
    """Best candidate index per position and its confidence (see the module docstring)."""
    if not positions:
        return [], []
    units = [[_units(lm, t) for t, _ in pos] for pos in positions]
    scores = [[float(s) for _, s in pos] for pos in positions]
    if all(len(u) == 1 for pu in units for u in pu):
        return viterbi([[u[0] for u in pu] for pu in units], scores, lm, lm_weight=lm_weight)
    if all(len(u) >= 1 for pu in units for u in pu) and all(len(pu) == 1 for pu in units if any(len(u) != 1 for u in pu)):
        # Only fixed multi-unit positions (e.g. sentence ends): expand them and stay exact.
        ids: list[list[int]] = []
        emis: list[list[float]] = []
        owner: list[int] = []
        for i, pu in enumerate(units):
            if len(pu[0]) == 1 or len(pu) > 1:
                ids.append([u[0] for u in pu])
                emis.append(scores[i])
                owner.append(i)
            else:
                for k, u in enumerate(pu[0]):
                    ids.append([u])
                    emis.append(scores[i] if k == 0 else [0.0])
                    owner.append(i if k == 0 else -1)
        ch, conf = viterbi(ids, emis, lm, lm_weight=lm_weight)
        out_c = [0] * len(positions)
        out_p = [1.0] * len(positions)
        for j, i in enumerate(owner):
            if i >= 0:
                out_c[i], out_p[i] = ch[j], conf[j]
        return out_c, out_p
    return beam_search(units, scores, lm, lm_weight=lm_weight, beam=beam)




def viterbi(
    ids: Sequence[Sequence[int]],
    emis: Sequence[Sequence[float]],
    lm: NgramLM,
    *,
    lm_weight: float = 1.0,
    prune: bool = True,
) -> tuple[list[int], list[float]]:
    """Exact Viterbi for single-unit candidates: ``ids[i]`` LM ids, ``emis[i]`` caller scores.

    With ``prune`` a bigram pass first drops candidates whose best path is hopeless (max-marginal
    more than ``DECODER.prune_nats`` below the best), so the full-order pass sees small lattices.
    """
    cand = [c if isinstance(c, list) else [int(x) for x in c] for c in ids]
    em = [e if isinstance(e, list) else [float(x) for x in e] for e in emis]
    keep = [list(range(len(c))) for c in cand]
    if prune and any(len(c) > DECODER.prune_keep for c in cand):
        keep = prune_lattice(cand, em, lm, lm_weight=lm_weight)
        cand = [[c[k] for k in kp] for c, kp in zip(cand, keep, strict=True)]
        em = [[e[k] for k in kp] for e, kp in zip(em, keep, strict=True)]
    path, mm = _dp(cand, em, lm, lm.order, lm_weight)
    choices = [keep[i][k] for i, k in enumerate(path)]
    confs: list[float] = []
    for i, m in enumerate(mm):
        if len(m) == 1:
            confs.append(1.0)
            continue
        top = max(m)
        z = sum(math.exp(v - top) for v in m)
        confs.append(math.exp(m[path[i]] - top) / z)
    return choices, confs


def prune_lattice(
    cand: list[list[int]],
    em: list[list[float]],
    lm: NgramLM,
    *,
    lm_weight: float = 1.0,
    keep: int = DECODER.prune_keep,
    nats: float = DECODER.prune_nats,
    keep_small: bool = False,
    max_order: int = 2,
) -> list[list[int]]:
    """Candidates worth a full decode: best bigram link to the left plus best link to the right.

    All bigram links of the lattice are scored in one vectorized batch; a candidate survives
    when its local score is within ``nats`` of its position's best (at most ``keep``).  With
    ``keep_small`` a position with at most ``keep`` candidates keeps them all (the OCR-garble
    restorer, whose channel scores spread wider than stripped text's).
    """
    full = [[BOS_ID]] + cand + [[EOS_ID]]
    sizes = np.array([len(c) for c in full], dtype=np.int64)
    flat = np.array([x for c in full for x in c], dtype=np.int64)
    base = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    npairs = sizes[:-1] * sizes[1:]  # links between position i and i+1
    total = int(npairs.sum())
    link_pos = np.repeat(np.arange(len(full) - 1), npairs)
    within = np.arange(total) - np.repeat(np.concatenate([[0], np.cumsum(npairs)[:-1]]), npairs)
    nxt_size = sizes[link_pos + 1]
    g_prev = base[link_pos] + within // nxt_size
    g_next = base[link_pos + 1] + within % nxt_size
    ctx = np.full((total, lm.order - 1), lm.no_context_id, dtype=np.int64)
    ctx[:, -1] = flat[g_prev]
    lp = lm_weight * lm.logprob_batch(ctx, flat[g_next], max_order=max_order).astype(np.float64)
    left = np.full(len(flat), -np.inf)
    right = np.full(len(flat), -np.inf)
    np.maximum.at(left, g_next, lp)
    np.maximum.at(right, g_prev, lp)
    left[0] = right[-1] = 0.0
    score = (left + right).tolist()
    out: list[list[int]] = []
    for i, c in enumerate(cand):
        if len(c) == 1 or (keep_small and len(c) <= keep):
            out.append(list(range(len(c))))
            continue
        b = int(base[i + 1])
        sc = [score[b + k] + em[i][k] for k in range(len(c))]
        best = max(sc)
        order = sorted(range(len(c)), key=lambda k: -sc[k])[:keep]
        out.append(sorted(k for k in order if sc[k] >= best - nats))
    return out


def _dp(
    cand: list[list[int]], em: list[list[float]], lm: NgramLM, order: int, lm_weight: float
) -> tuple[list[int], list[list[float]]]:
    """Viterbi over states of the last ``order``-1 choices: best path and per-candidate max-marginals."""
    n1 = order - 1
    full = [[BOS_ID]] * n1 + cand + [[EOS_ID]]
    emf = [[0.0]] * n1 + em + [[0.0]]
    t_len = len(full)
    sizes = [len(c) for c in full]
    lp, offsets = _window_logprobs(full, sizes, lm, order, lm_weight)
    n_states = _state_counts(sizes, n1)
    deltas, backs = _forward(lp, offsets, emf, sizes, n_states, n1)
    # Backtrack: the state index after position i ends with that position's choice.
    delta = deltas[-1]
    st = max(range(len(delta)), key=delta.__getitem__)
    path_full = [0] * t_len
    for i in range(t_len - 1, n1 - 1, -1):
        path_full[i] = st % sizes[i]
        st = backs[i - n1][st]
    mm_full = _max_marginals(lp, offsets, emf, sizes, n_states, n1, deltas)
    return path_full[n1 : t_len - 1], mm_full[n1 : t_len - 1]


def _window_logprobs(
    full: list[list[int]], sizes: list[int], lm: NgramLM, order: int, lm_weight: float
) -> tuple[list[float], list[int]]:
    """All n-gram log-probs of the lattice (weighted) and each position's offset into them.

    One batch, window by window, in product order (the newest position varies fastest), built
    with array arithmetic rather than Python loops.
    """
    n1 = order - 1
    size_arr = np.array(sizes, dtype=np.int64)
    n_win = len(full) - n1
    slot_sizes = np.stack([size_arr[j : j + n_win] for j in range(order)])  # (order, windows)
    win_prod = slot_sizes.prod(axis=0)
    starts = np.concatenate([[0], np.cumsum(win_prod)[:-1]])
    total = int(win_prod.sum())
    row_win = np.repeat(np.arange(n_win), win_prod)
    local = np.arange(total) - starts[row_win]
    flat = np.array([x for c in full for x in c], dtype=np.int64)
    pos_base = np.concatenate([[0], np.cumsum(size_arr)[:-1]])
    arr = np.empty((total, order), dtype=np.int64)
    for j in range(order - 1, -1, -1):
        sz = slot_sizes[j][row_win]
        arr[:, j] = flat[pos_base[row_win + j] + local % sz]
        local //= sz
    offsets = [0] * n1 + starts.tolist()
    ctx = arr[:, :-1]
    if order < lm.order:  # shorter contexts: pad with an id that occurs in no n-gram
        pad = np.full((total, lm.order - order), lm.no_context_id, dtype=np.int64)
        ctx = np.concatenate([pad, ctx], axis=1)
    lp = (lm_weight * lm.logprob_batch(ctx, arr[:, -1], max_order=order).astype(np.float64)).tolist()
    return lp, offsets


def _state_counts(sizes: list[int], n1: int) -> list[int]:
    """States after each position: mixed-radix indices over the candidates of the last n1 positions."""
    n_states = [1] * len(sizes)
    for i in range(len(sizes)):
        prod = 1
        for s_ in sizes[max(0, i - n1 + 1) : i + 1]:
            prod *= s_
        n_states[i] = prod if i >= n1 - 1 else 1
    return n_states


def _forward(
    lp: list[float], offsets: list[int], emf: list[list[float]], sizes: list[int], n_states: list[int], n1: int
) -> tuple[list[list[float]], list[list[int]]]:
    """Best score of each state after each position (from position n1 - 1 on), and back-pointers."""
    ninf = -math.inf
    delta = [0.0]
    deltas: list[list[float]] = [delta]
    backs: list[list[int]] = []
    for i in range(n1, len(sizes)):
        off, last, e_i = offsets[i], sizes[i], emf[i]
        keep_mod = n_states[i] // last  # states of positions i-n1+1..i-1 (drops the oldest)
        if len(delta) == 1 and last == 1:
            delta = [delta[0] + lp[off] + e_i[0]]
            backs.append([0])
            deltas.append(delta)
            continue
        new = [ninf] * n_states[i]
        back = [0] * n_states[i]
        for st, sc in enumerate(delta):
            if sc == ninf:
                continue
            base = off + st * last
            r = (st % keep_mod) * last
            for c in range(last):
                v = sc + lp[base + c] + e_i[c]
                if v > new[r + c]:
                    new[r + c] = v
                    back[r + c] = st
        delta = new
        backs.append(back)
        deltas.append(delta)
    return deltas, backs


def _max_marginals(
    lp: list[float],
    offsets: list[int],
    emf: list[list[float]],
    sizes: list[int],
    n_states: list[int],
    n1: int,
    deltas: list[list[float]],
) -> list[list[float]]:
    """Backward pass (best future of each state), then the max-marginal of every candidate."""
    ninf = -math.inf
    t_len = len(sizes)
    beta = [0.0] * len(deltas[-1])
    mm_full: list[list[float]] = [[] for _ in range(t_len)]
    for i in range(t_len - 1, n1 - 1, -1):
        fwd = deltas[i - n1 + 1]
        last = sizes[i]
        if last == 1:
            mm_full[i] = [max(f + b for f, b in zip(fwd, beta, strict=True))]
        else:
            m = [ninf] * last
            for ns, (f, b) in enumerate(zip(fwd, beta, strict=True)):
                if f + b > m[ns % last]:
                    m[ns % last] = f + b
            mm_full[i] = m
        beta = _step_back(lp, offsets[i], emf[i], last, n_states[i] // last, len(deltas[i - n1]), beta)
    return mm_full


def _step_back(
    lp: list[float], off: int, e_i: list[float], last: int, keep_mod: int, n_prev: int, beta: list[float]
) -> list[float]:
    """The best future of each state before a position, from the best future after it."""
    ninf = -math.inf
    prev = [ninf] * n_prev
    for st in range(n_prev):
        base = off + st * last
        r = (st % keep_mod) * last
        best = ninf
        for c in range(last):
            v = lp[base + c] + e_i[c] + beta[r + c]
            if v > best:
                best = v
        prev[st] = best
    return prev


def beam_search(
    units: list[list[list[int]]], scores: list[list[float]], lm: NgramLM, *, lm_weight: float = 1.0, beam: int = 16
) -> tuple[list[int], list[float]]:
    """Beam search for candidates of any length (deletions, splits); same outputs as ``decode``."""
    n1 = lm.order - 1
    hyps: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = [(0.0, (BOS_ID,) * n1, ())]
    local_conf: list[float] = []
    for i, pu in enumerate(units):
        ctx_rows: list[list[int]] = []
        words: list[int] = []
        spans: list[tuple[int, int, int, tuple[int, ...]]] = []
        for h, (_, state, _) in enumerate(hyps):
            for c, seq in enumerate(pu):
                hist = list(state)
                start = len(words)
                for u in seq:
                    ctx_rows.append(hist[-n1:])
                    words.append(u)
                    hist.append(u)
                spans.append((h, c, start, tuple(hist[-n1:])))
        lp = lm.logprob_batch(np.array(ctx_rows, dtype=np.int64).reshape(-1, n1), np.array(words, dtype=np.int64)) if words else np.zeros(0)
        cum = np.concatenate([[0.0], np.cumsum(lp, dtype=np.float64)])
        new: dict[tuple[int, ...], tuple[float, tuple[int, ...], tuple[int, ...]]] = {}
        best_by_cand = np.full(len(pu), -np.inf)
        for h, c, start, st in spans:
            end = start + len(pu[c])
            s = hyps[h][0] + lm_weight * (cum[end] - cum[start]) + scores[i][c]
            best_by_cand[c] = max(best_by_cand[c], s)
            prev = new.get(st)
            if prev is None or s > prev[0]:
                new[st] = (s, st, hyps[h][2] + (c,))
        hyps = sorted(new.values(), key=lambda x: -x[0])[:beam]
        e = np.exp(best_by_cand - best_by_cand.max())
        local_conf.append(float(e.max() / e.sum()))
    # Close the sentence.
    fin = lm.logprob_batch(np.array([h[1] for h in hyps], dtype=np.int64).reshape(-1, n1), np.full(len(hyps), EOS_ID))
    totals = np.array([h[0] for h in hyps]) + lm_weight * fin
    best = hyps[int(np.argmax(totals))]
    choices = list(best[2])
    # Confidence: how strongly the local scores preferred the chosen candidate's alternatives.
    return choices, [min(1.0, lc) if len(pu) > 1 else 1.0 for lc, pu in zip(local_conf, units, strict=True)]
