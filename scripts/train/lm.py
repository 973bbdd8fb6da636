"""Estimate the restoration n-gram LM: interpolated modified Kneser-Ney, pruned, 12-bit quantized.

    python -m scripts.train.lm --data work/corpus --out models/

Reads ``train_ids.npy``, ``vocab.txt`` and ``inventory.tsv`` written by scripts/data/prepare_corpus.py and
writes ``models/restore_lm.npz`` (pipeline/restore/core/lm.py format) and ``models/restore_inventory.tsv``.
Estimation follows Chen & Goodman (1998) as KenLM's lmplz does: adjusted (continuation) counts
for lower orders, three discounts per order from counts-of-counts, interpolation with the lower
order (unigrams with the uniform distribution), stored in backoff form.  Pruning by raw count
then renormalizes each context's backoff weight over the n-grams that were kept (as SRILM does).
All counting is numpy over int64-packed n-gram keys, so 50 M tokens fit in a few GB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from pipeline.restore.core.lm import BOS_ID, EOS_ID, save_model

BITS = 14
MASK = (1 << BITS) - 1


def log(msg: str, t0: float) -> None:
    print(f"[{time.time() - t0:6.0f}s] {msg}", file=sys.stderr, flush=True)


def count_order(ids: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Unique n-gram keys (sorted) and raw counts; no n-gram crosses a sentence boundary."""
    L = len(ids)
    m = L - n + 1
    ce = np.concatenate([[0], np.cumsum(ids == EOS_ID, dtype=np.int32)])
    cb = np.concatenate([[0], np.cumsum(ids == BOS_ID, dtype=np.int32)])
    p = np.arange(m)
    valid = (ce[p + n - 1] - ce[p]) == 0  # no </s> before the last position
    valid &= (cb[p + n] - cb[p + 1]) == 0  # no <s> after the first position
    if n == 1:
        valid &= ids[:m] != BOS_ID
    del ce, cb, p
    key = np.zeros(int(valid.sum()), dtype=np.int64)
    for j in range(n):
        key = (key << BITS) | ids[j : j + m][valid]
    uniq, counts = np.unique(key, return_counts=True)
    return uniq, counts.astype(np.int64)


def discounts(a: np.ndarray) -> tuple[float, float, float]:
    """Modified KN discounts D1, D2, D3+ from counts-of-counts."""
    t = [max(1, int((a == k).sum())) for k in (1, 2, 3, 4)]
    y = t[0] / (t[0] + 2 * t[1])
    d = (1 - 2 * y * t[1] / t[0], 2 - 3 * y * t[2] / t[1], 3 - 4 * y * t[3] / t[2])
    return tuple(float(min(max(x, 0.05), k + 1 - 0.05)) for k, x in enumerate(d))  # type: ignore[return-value]


def group_sums(ctx: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For sorted ``ctx``: unique contexts, their start offsets, and per-row group sums of ``vals``."""
    starts = np.flatnonzero(np.concatenate([[True], ctx[1:] != ctx[:-1]]))
    sums = np.add.reduceat(vals, starts)
    lens = np.diff(np.concatenate([starts, [len(ctx)]]))
    return ctx[starts], starts, np.repeat(sums, lens)


def lookup(keys: np.ndarray, vals: np.ndarray, q: np.ndarray, default: float = 0.0) -> np.ndarray:
    pos = np.searchsorted(keys, q)
    pos[pos >= len(keys)] = 0
    hit = keys[pos] == q
    out = np.full(len(q), default, dtype=np.float64)
    out[hit] = vals[pos[hit]]
    return out


def quantize(x: np.ndarray, levels: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """Codebook by quantiles (codebook = bin means): uint16 codes and a float32 codebook."""
    if len(x) == 0:
        return np.zeros(0, np.uint16), np.zeros(levels, np.float32)
    edges = np.unique(np.quantile(x, np.linspace(0, 1, levels + 1)[1:-1]))
    codes = np.searchsorted(edges, x).astype(np.uint16)
    sums = np.bincount(codes, weights=x, minlength=levels)
    cnt = np.bincount(codes, minlength=levels)
    book = np.where(cnt > 0, sums / np.maximum(cnt, 1), 0.0).astype(np.float32)
    return codes, book


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="work/corpus")
    ap.add_argument("--out", default="models")
    ap.add_argument("--order", type=int, default=4)
    ap.add_argument("--prune", default="0,0,2,3", help="minimum raw count per order 1..N (0 keeps all); 0,0,2,3 keeps the 76 M-token LM at 37 MB")
    ap.add_argument("--name", default="restore_lm.npz")
    args = ap.parse_args(argv)
    t0 = time.time()
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    vocab = (data / "vocab.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    V = len(vocab)
    assert V <= MASK
    ids = np.load(data / "train_ids.npy").astype(np.int64)
    N = args.order
    prune = [int(x) for x in args.prune.split(",")] + [0] * N
    log(f"{len(ids):,} ids, vocab {V}, order {N}", t0)

    keys: dict[int, np.ndarray] = {}
    raw: dict[int, np.ndarray] = {}
    for n in range(1, N + 1):
        keys[n], raw[n] = count_order(ids, n)
        log(f"order {n}: {len(keys[n]):,} n-grams", t0)
    del ids

    # Adjusted counts: continuation counts, except n-grams starting with <s> (and the top order).
    adj: dict[int, np.ndarray] = {N: raw[N]}
    for n in range(1, N):
        suf = keys[n + 1] & ((1 << (BITS * n)) - 1)
        suf.sort()
        su, sc = np.unique(suf, return_counts=True)
        a = lookup(su, sc.astype(np.float64), keys[n]).astype(np.int64)
        first = keys[n] >> (BITS * (n - 1))
        adj[n] = np.where(first == BOS_ID, raw[n], np.maximum(a, 1))
        del suf, su, sc

    # Interpolated probabilities, low order to high; gamma per context becomes the backoff.
    prob: dict[int, np.ndarray] = {}
    lower: dict[int, np.ndarray] = {}
    gamma: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    disc: dict[int, tuple[float, float, float]] = {}
    for n in range(1, N + 1):
        a = adj[n].astype(np.float64)
        d = discounts(adj[n])
        disc[n] = d
        dvec = np.where(a >= 3, d[2], np.where(a == 2, d[1], d[0]))
        ctx = keys[n] >> BITS if n > 1 else np.zeros(len(a), dtype=np.int64)
        uctx, _, denom = group_sums(ctx, a)
        _, _, mass = group_sums(ctx, dvec)
        phat = np.maximum(a - dvec, 0) / denom
        g = mass / denom
        if n == 1:
            low = np.full(len(a), 1.0 / (V - 1))
        else:
            low = np.exp(lookup(keys[n - 1], np.log(prob[n - 1]), keys[n] & ((1 << (BITS * (n - 1))) - 1), -99.0))
        prob[n] = phat + g * low
        lower[n] = low
        starts = np.flatnonzero(np.concatenate([[True], ctx[1:] != ctx[:-1]]))
        gamma[n] = (uctx, g[starts])
        log(f"order {n}: D={tuple(round(x, 3) for x in d)}", t0)

    # Unigram table over the whole vocabulary (unseen words get the uniform share).
    g1 = gamma[1][1][0]
    logp1 = np.full(V, np.log(g1 / (V - 1)), dtype=np.float64)
    logp1[keys[1]] = np.log(prob[1])
    logp1[BOS_ID] = 0.0

    # Prune by raw count, then renormalize the backoff of every context over what was kept.
    kept: dict[int, np.ndarray] = {n: raw[n] >= max(1, prune[n - 1]) for n in range(1, N + 1)}
    for n in range(N - 1, 1, -1):  # a kept n-gram's prefix must be kept (it carries the backoff)
        pref = np.unique(keys[n + 1][kept[n + 1]] >> BITS)
        pos = np.searchsorted(keys[n], pref)
        kept[n][pos] = True
    bow: dict[int, np.ndarray] = {}
    for n in range(1, N):
        # Contexts of order n live in table n; their backoff comes from order n+1 statistics.
        k1 = kept[n + 1]
        ctx = keys[n + 1] >> BITS
        num = np.ones(len(ctx))
        den = np.ones(len(ctx))
        uctx, starts, s_hi = group_sums(ctx, np.where(k1, prob[n + 1], 0.0))
        _, _, s_lo = group_sums(ctx, np.where(k1, lower[n + 1], 0.0))
        num = 1.0 - s_hi[starts]
        den = 1.0 - s_lo[starts]
        b = np.log(np.clip(num, 1e-12, None)) - np.log(np.clip(den, 1e-12, None))
        if n == 1:
            bow1 = np.zeros(V)
            bow1[uctx] = b
            bow[1] = bow1
        else:
            bow[n] = lookup(uctx, b, keys[n], 0.0)
    bow[N] = np.zeros(0)

    tables: dict[str, np.ndarray] = {"logp1": logp1.astype(np.float32), "bow1": bow[1].astype(np.float32)}
    sizes = {}
    for n in range(2, N + 1):
        k = keys[n][kept[n]]
        sizes[n] = int(len(k))
        for j in range(n):
            tables[f"w{n}_{j}"] = ((k >> (BITS * (n - 1 - j))) & MASK).astype(np.uint16)
        q, book = quantize(np.log(prob[n][kept[n]]))
        tables[f"q{n}"], tables[f"cb{n}"] = q, book
        if n < N:
            qb, bookb = quantize(bow[n][kept[n]])
            tables[f"qb{n}"], tables[f"cbb{n}"] = qb, bookb
        log(f"order {n}: kept {sizes[n]:,} of {len(keys[n]):,}", t0)
    path = out / args.name
    save_model(path, vocab, N, tables)
    if (data / "inventory.tsv").exists():
        shutil.copyfile(data / "inventory.tsv", out / "restore_inventory.tsv")
    info = {"file": args.name, "order": N, "prune": prune[:N], "ngrams": sizes, "discounts": disc, "bytes": path.stat().st_size, "seconds": int(time.time() - t0)}
    (data / "lm_stats.json").write_text(json.dumps(info, indent=2) + "\n")
    write_manifest(out, data, info, argv if argv is not None else sys.argv[1:])
    log(json.dumps(info), t0)
    return 0


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(out: Path, data: Path, info: dict[str, object], argv: list[str]) -> None:
    """Record the restoration model files in models/MANIFEST.json (other entries are kept)."""
    path = out / "MANIFEST.json"
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    files = manifest.setdefault("files", {})
    prep = {}
    if (data / "stats.json").exists():
        prep = json.loads((data / "stats.json").read_text(encoding="utf-8"))
    common = {
        "built": time.strftime("%Y-%m-%d", time.gmtime()),
        "command": "python -m scripts.data.prepare_corpus --corpus ../shared/corpus --out work/corpus && "
        "python -m scripts.train.lm " + " ".join(argv),
        "training_data": "../shared/corpus train split (scripts/lib/corpus.py: sha1(source\\tid) % 1000 >= 40), "
        "legal/admin tier whole, general tier subsampled by document; dev/test documents never used",
        "corpus_stats": prep,
    }
    for name, what in (
        (str(info.get("file", "restore_lm.npz")), "syllable 4-gram LM, interpolated modified Kneser-Ney, count-pruned, 12-bit quantized (pipeline/restore/core/lm.py format; own scorer because pip kenlm has no build_binary and ARPA loading takes many seconds)"),
        ("restore_inventory.tsv", "syllable inventory: lowercase old-style syllables with counts (candidates per stripped form)"),
    ):
        f = out / name
        if f.exists():
            entry = dict(files.get(name, {}))
            entry.update(common)
            entry.update({"description": what, "sha256": sha256(f), "bytes": f.stat().st_size})
            if name.endswith(".npz"):
                entry["lm"] = {k: v for k, v in info.items() if k != "file"}
            files[name] = entry
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
