"""A compact backoff n-gram language model over lowercase, old-style-toned syllables.

Estimated by ``scripts/train/lm.py`` (interpolated modified Kneser-Ney, stored in backoff form as
in ARPA: each n-gram's interpolated log-probability and its context's backoff weight).  Stored as
one ``.npz``: per order, the word-id columns (uint16, lexicographically sorted, so they compress
well) and 12-bit quantized log-probabilities and backoffs with their codebooks.  At load the columns
become sorted int64 keys and lookups are vectorized ``np.searchsorted`` calls, which is what makes
scoring whole lattices in a few numpy calls possible.  All scores are natural logarithms.

Why not KenLM: the pip package has no ``build_binary``, so it could only load ARPA text, which
takes many seconds for a model this size; this format loads in well under a second.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from pipeline.errors import RestoreError
from pipeline.restore.core.cache import load_once
from pipeline.vn.orthography import model_form

UNK, BOS, EOS, NUM, PUNCT = "<unk>", "<s>", "</s>", "<num>", "<p>"
SPECIALS = (UNK, BOS, EOS, NUM, PUNCT)
UNK_ID, BOS_ID, EOS_ID, NUM_ID, PUNCT_ID = range(5)



def _pack(cols: list[np.ndarray], bits: int) -> np.ndarray:
    key = np.zeros(len(cols[0]), dtype=np.int64)
    for c in cols:
        key = (key << bits) | c.astype(np.int64)
    return key


def _search(table: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Positions of ``keys`` in the sorted ``table`` (0 where beyond the end); equality is checked
    by the caller.  Sorted, de-duplicated needles make the binary searches cache-friendly."""
    if len(keys) > 64:
        uniq, inverse = np.unique(keys, return_inverse=True)
        pos = np.searchsorted(table, uniq)[inverse]
    else:
        pos = np.searchsorted(table, keys)
    pos[pos >= len(table)] = 0
    return pos


class NgramLM:
    """Backoff n-gram LM; ``logprob_batch`` scores many (context, word) pairs at once."""

    def __init__(self, vocab: list[str], order: int, tables: dict[str, np.ndarray], path: str = "") -> None:
        self.vocab = vocab
        self.order = order
        self.path = path
        self.index = {w: i for i, w in enumerate(vocab)}
        self.bits = max(14, int(np.ceil(np.log2(max(len(vocab), 2)))))
        # An id no n-gram contains: padding it into a context makes the query back off to a
        # shorter one (``decoder`` uses it to score with a lower order).
        self.no_context_id = (1 << self.bits) - 1
        if self.bits * order > 62:
            raise RestoreError(f"vocabulary of {len(vocab)} is too large for order {order}")
        self.uni_logp = tables["logp1"].astype(np.float32)
        self.uni_bow = tables["bow1"].astype(np.float32)
        self.keys: dict[int, np.ndarray] = {}
        self.logp: dict[int, np.ndarray] = {}
        self.bow: dict[int, np.ndarray] = {}
        for n in range(2, order + 1):
            cols = [tables[f"w{n}_{j}"] for j in range(n)]
            self.keys[n] = _pack(cols, self.bits)
            self.logp[n] = tables[f"cb{n}"][tables[f"q{n}"]].astype(np.float32)
            if n < order:
                self.bow[n] = tables[f"cbb{n}"][tables[f"qb{n}"]].astype(np.float32)

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> NgramLM:
        """Load (once per process) the model stored at ``path``."""
        return load_once(path, "language model", cls._read)

    @classmethod
    def _read(cls, key: str) -> NgramLM:
        with np.load(key, allow_pickle=False) as z:
            tables = {k: z[k] for k in z.files}
        vocab = bytes(tables.pop("vocab")).decode("utf-8").split("\n")
        order = int(tables.pop("order")[0])
        return cls(vocab, order, tables, key)

    def __reduce__(self) -> tuple[Any, ...]:
        # Workers reload by path (KenLM style) instead of pickling hundreds of MB.
        return (NgramLM.load, (self.path,))

    # -- vocabulary ----------------------------------------------------------------------
    def word_id(self, word: str) -> int:
        """Id of an LM unit: a special token as is, a syllable in model form; else ``<unk>``."""
        i = self.index.get(word)
        if i is not None:
            return i
        return self.index.get(model_form(word), UNK_ID)

    def ids(self, words: list[str] | tuple[str, ...]) -> list[int]:
        """Ids of several LM units."""
        return [self.word_id(w) for w in words]

    def __contains__(self, word: str) -> bool:
        return word in self.index

    # -- scoring -------------------------------------------------------------------------
    def logprob_batch(self, context: np.ndarray, words: np.ndarray, *, max_order: int = 0) -> np.ndarray:
        """ln P(word | context) for M pairs: ``context`` (M, order-1) ids, oldest first; ``words`` (M,).

        Contexts shorter than order-1 are left-padded with ``<s>`` (``BOS_ID``); a context that
        never occurred simply backs off.  Predicting ``<s>`` costs 0.  ``max_order`` (2..order)
        scores with only the last ``max_order``-1 context words.
        """
        words = np.asarray(words, dtype=np.int64)
        context = np.asarray(context, dtype=np.int64).reshape(len(words), self.order - 1)
        m = len(words)
        out = np.zeros(m, dtype=np.float32)
        todo = np.arange(m)
        acc = np.zeros(m, dtype=np.float32)
        bits = self.bits
        top = min(self.order, max_order) if max_order >= 2 else self.order
        for n in range(top, 1, -1):
            if len(todo) == 0:
                break
            ctx = context[todo, self.order - n :]
            key = np.zeros(len(todo), dtype=np.int64)
            for j in range(n - 1):
                key = (key << bits) | ctx[:, j]
            ctx_key = key
            key = (key << bits) | words[todo]
            table = self.keys[n]
            pos = _search(table, key)
            found = table[pos] == key
            hit = todo[found]
            out[hit] = acc[hit] + self.logp[n][pos[found]]
            todo, ctx_key = todo[~found], ctx_key[~found]
            if len(todo) == 0:
                break
            # Back off: add the backoff weight of the (n-1)-word context when it exists.
            if n - 1 == 1:
                acc[todo] += self.uni_bow[ctx_key]
            else:
                ctab = self.keys[n - 1]
                cpos = _search(ctab, ctx_key)
                cfound = ctab[cpos] == ctx_key
                acc[todo[cfound]] += self.bow[n - 1][cpos[cfound]]
        if len(todo):
            out[todo] = acc[todo] + self.uni_logp[words[todo]]
        out[words == BOS_ID] = 0.0
        return out

    def logprob(self, context: list[str] | tuple[str, ...], word: str) -> float:
        """ln P(word | context) for one word; context words oldest first."""
        ids = [BOS_ID] * (self.order - 1) + self.ids(list(context))
        ctx = np.array([ids[len(ids) - (self.order - 1) :]], dtype=np.int64)
        return float(self.logprob_batch(ctx, np.array([self.word_id(word)]))[0])

    def score_ids(self, ids: list[int], *, bos: bool = True, eos: bool = True) -> float:
        """Total ln probability of a sentence given as ids."""
        seq = ([BOS_ID] if bos else []) + list(ids) + ([EOS_ID] if eos else [])
        pad = [BOS_ID] * (self.order - 1)
        full = pad + seq
        start = len(pad) + (1 if bos else 0)
        if start >= len(full):
            return 0.0
        ctx = np.array([full[i - self.order + 1 : i] for i in range(start, len(full))], dtype=np.int64)
        words = np.array(full[start:], dtype=np.int64)
        return float(self.logprob_batch(ctx, words).sum())

    def score(self, words: list[str] | tuple[str, ...], *, bos: bool = True, eos: bool = True) -> float:
        """Total ln probability of a sentence of LM units (syllables, ``<num>``, ``<p>``...)."""
        return self.score_ids(self.ids(list(words)), bos=bos, eos=eos)


def save_model(path: str | os.PathLike[str], vocab: list[str], order: int, tables: dict[str, np.ndarray]) -> None:
    """Write the ``.npz`` that ``NgramLM.load`` reads (compressed)."""
    arrays = dict(tables)
    arrays["vocab"] = np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8)
    arrays["order"] = np.array([order], dtype=np.int64)
    tmp = os.fspath(path) + ".tmp.npz"
    np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
    os.replace(tmp, path)
