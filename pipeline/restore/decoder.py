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

import numpy as np

from pipeline.restore.lm import BOS_ID, EOS_ID, NgramLM

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
    scores = [np.array([s for _, s in pos], dtype=np.float64) for pos in positions]
    if all(len(u) == 1 for pu in units for u in pu):
        single = [np.array([u[0] for u in pu], dtype=np.int64) for pu in units]
        return viterbi(single, scores, lm, lm_weight=lm_weight)
    if all(len(u) >= 1 for pu in units for u in pu) and all(len(pu) == 1 for pu in units if any(len(u) != 1 for u in pu)):
        # Only fixed multi-unit positions (e.g. sentence ends): expand them and stay exact.
        ids: list[np.ndarray] = []
        emis: list[np.ndarray] = []
        owner: list[int] = []
        for i, pu in enumerate(units):
            if len(pu[0]) == 1 or len(pu) > 1:
                ids.append(np.array([u[0] for u in pu], dtype=np.int64))
                emis.append(scores[i])
                owner.append(i)
            else:
                for k, u in enumerate(pu[0]):
                    ids.append(np.array([u], dtype=np.int64))
                    emis.append(scores[i] if k == 0 else np.zeros(1))
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
    ids: list[np.ndarray], emis: list[np.ndarray], lm: NgramLM, *, lm_weight: float = 1.0
) -> tuple[list[int], list[float]]:
    """Exact Viterbi for single-unit candidates: ``ids[i]`` LM ids, ``emis[i]`` caller scores."""
    n = lm.order
    pad = n - 1
    cands = [np.array([BOS_ID], dtype=np.int64)] * pad + list(ids) + [np.array([EOS_ID], dtype=np.int64)]
    em = [np.zeros(1)] * pad + list(emis) + [np.zeros(1)]
    t_len = len(cands)
    sizes = [len(c) for c in cands]
    # Every window of n consecutive positions: all combinations, scored in one batch.
    ctx_parts: list[np.ndarray] = []
    word_parts: list[np.ndarray] = []
    for i in range(pad, t_len):
        win = cands[i - pad : i + 1]
        grids = np.meshgrid(*win, indexing="ij")
        ctx_parts.append(np.stack([g.ravel() for g in grids[:-1]], axis=1))
        word_parts.append(grids[-1].ravel())
    lp_all = lm.logprob_batch(np.concatenate(ctx_parts), np.concatenate(word_parts)).astype(np.float64)
    lp: list[np.ndarray] = []
    off = 0
    for i in range(pad, t_len):
        shape = tuple(sizes[i - pad : i + 1])
        size = int(np.prod(shape))
        lp.append(lm_weight * lp_all[off : off + size].reshape(shape) + em[i].reshape((1,) * pad + (-1,)))
        off += size
    # Forward: delta over the states (last n-1 positions).
    delta = np.zeros(tuple(sizes[:pad]))
    back: list[np.ndarray] = []
    deltas: list[np.ndarray] = [delta]
    for t in lp:
        tot = delta[..., None] + t
        back.append(np.argmax(tot, axis=0))
        delta = np.max(tot, axis=0)
        deltas.append(delta)
    # Backward max-scores for confidences.
    betas: list[np.ndarray] = [np.zeros_like(deltas[-1])]
    beta = betas[0]
    for t in reversed(lp):
        beta = np.max(t + beta[None, ...], axis=-1)
        betas.append(beta)
    betas.reverse()
    # Backtrack the best path.
    state = list(np.unravel_index(int(np.argmax(delta)), delta.shape))
    path = [0] * t_len
    for j in range(pad):
        path[t_len - pad + j] = int(state[j])
    for k in range(len(lp) - 1, 0, -1):
        prev = int(back[k][tuple(path[k + 1 : k + 1 + pad])]) if pad else 0
        path[k] = prev
    choices: list[int] = []
    confs: list[float] = []
    for i in range(pad, t_len - 1):
        choices.append(path[i])
        if sizes[i] == 1:
            confs.append(1.0)
            continue
        # Max-marginal of each candidate at i: best total score of a path through it.
        k = i - pad + 1
        mm = deltas[k] + betas[k]
        mm = mm.reshape(-1, sizes[i]).max(axis=0)
        mm = np.exp(mm - mm.max())
        confs.append(float(mm[path[i]] / mm.sum()))
    return choices, confs


def beam_search(
    units: list[list[list[int]]], scores: list[np.ndarray], lm: NgramLM, *, lm_weight: float = 1.0, beam: int = 16
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
