"""Estimate the restoration n-gram LM: interpolated modified Kneser-Ney, pruned, quantized.

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
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from pipeline.restore.core.lm import BOS_ID, EOS_ID, save_model
from scripts.lib.manifest import sha256

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
    """Codebook by quantiles (codebook = bin means): codes (uint8 up to 256 levels, else uint16)
    and a float32 codebook.  The loader only indexes the codebook with the codes."""
    dtype = np.uint8 if levels <= 256 else np.uint16
    if len(x) == 0:
        return np.zeros(0, dtype), np.zeros(levels, np.float32)
    edges = np.unique(np.quantile(x, np.linspace(0, 1, levels + 1)[1:-1]))
    codes = np.searchsorted(edges, x).astype(dtype)
    sums = np.bincount(codes, weights=x, minlength=levels)
    cnt = np.bincount(codes, minlength=levels)
    book = np.where(cnt > 0, sums / np.maximum(cnt, 1), 0.0).astype(np.float32)
    return codes, book


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="work/corpus")
    ap.add_argument("--out", default="models")
    ap.add_argument("--order", type=int, default=4)
    ap.add_argument("--prune", default="0,0,4,6",
                    help="minimum raw count per order 1..N (0 keeps all); several settings separated by ';' "
                    "are estimated from one count, each into OUT/prune-A-B-C-D/ (to choose one on dev). "
                    "0,0,4,6 with --levels 256 keeps the 2026-12-07 LM (new split, 98 M tokens) at 18.6 MB "
                    "(0,0,2,3 and 4096 levels gave the 76 M-token LM of 2026-11-26, 37.5 MB)")
    ap.add_argument("--name", default="restore_lm.npz")
    ap.add_argument("--levels", type=int, default=256,
                    help="quantization levels of log-probabilities and backoffs (256: one byte per value, "
                    "the 2026-12-07 LM; 4096: 12 bits in two bytes, the LMs before)")
    args = ap.parse_args(argv)
    t0 = time.time()
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    vocab = (data / "vocab.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert len(vocab) <= MASK
    ids = np.load(data / "train_ids.npy").astype(np.int64)
    log(f"{len(ids):,} ids, vocab {len(vocab)}, order {args.order}", t0)
    est = estimate(ids, len(vocab), args.order, t0)
    del ids
    settings = [x.strip() for x in args.prune.split(";") if x.strip()]
    for setting in settings:
        prune = [int(x) for x in setting.split(",")] + [0] * args.order
        folder = out if len(settings) == 1 else out / ("prune-" + "-".join(map(str, prune[: args.order])))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / args.name
        sizes = prune_and_save(est, prune, vocab, path, t0, args.levels)
        if (data / "inventory.tsv").exists():
            shutil.copyfile(data / "inventory.tsv", folder / "restore_inventory.tsv")
        info = {"file": args.name, "order": est.order, "prune": prune[: est.order], "levels": args.levels, "ngrams": sizes, "discounts": est.disc,
                "bytes": path.stat().st_size, "seconds": int(time.time() - t0)}
        (data / f"lm_stats{'' if len(settings) == 1 else '-' + folder.name}.json").write_text(json.dumps(info, indent=2) + "\n")
        write_manifest(folder, data, info, argv if argv is not None else sys.argv[1:])
        log(json.dumps(info), t0)
    return 0


class Estimate:
    """Counts and interpolated Kneser-Ney estimates of every order, before pruning."""

    def __init__(self, order: int, vocab_size: int) -> None:
        self.order = order
        self.V = vocab_size
        self.keys: dict[int, np.ndarray] = {}
        self.raw: dict[int, np.ndarray] = {}
        self.prob: dict[int, np.ndarray] = {}
        self.lower: dict[int, np.ndarray] = {}
        self.disc: dict[int, tuple[float, float, float]] = {}
        self.logp1 = np.zeros(0)


def estimate(ids: np.ndarray, V: int, N: int, t0: float) -> Estimate:
    """Raw counts, adjusted (continuation) counts and interpolated probabilities of orders 1..N."""
    est = Estimate(N, V)
    keys, raw = est.keys, est.raw
    for n in range(1, N + 1):
        keys[n], raw[n] = count_order(ids, n)
        log(f"order {n}: {len(keys[n]):,} n-grams", t0)

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
    g1 = 0.0
    for n in range(1, N + 1):
        a = adj[n].astype(np.float64)
        d = discounts(adj[n])
        est.disc[n] = d
        dvec = np.where(a >= 3, d[2], np.where(a == 2, d[1], d[0]))
        ctx = keys[n] >> BITS if n > 1 else np.zeros(len(a), dtype=np.int64)
        _, starts, denom = group_sums(ctx, a)
        _, _, mass = group_sums(ctx, dvec)
        phat = np.maximum(a - dvec, 0) / denom
        g = mass / denom
        if n == 1:
            low = np.full(len(a), 1.0 / (V - 1))
            g1 = float(g[starts][0])
        else:
            low = np.exp(lookup(keys[n - 1], np.log(est.prob[n - 1]), keys[n] & ((1 << (BITS * (n - 1))) - 1), -99.0))
        est.prob[n] = phat + g * low
        est.lower[n] = low
        log(f"order {n}: D={tuple(round(x, 3) for x in d)}", t0)
        del adj[n]

    # Unigram table over the whole vocabulary (unseen words get the uniform share).
    est.logp1 = np.full(V, np.log(g1 / (V - 1)), dtype=np.float64)
    est.logp1[keys[1]] = np.log(est.prob[1])
    est.logp1[BOS_ID] = 0.0
    return est


def prune_and_save(est: Estimate, prune: list[int], vocab: list[str], path: Path, t0: float, levels: int = 4096) -> dict[int, int]:
    """Prune by raw count, renormalize every context's backoff over what was kept, quantize and
    write the model; returns the n-grams kept per order (2..N)."""
    N, keys, raw, prob, lower = est.order, est.keys, est.raw, est.prob, est.lower
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
        uctx, starts, s_hi = group_sums(ctx, np.where(k1, prob[n + 1], 0.0))
        _, _, s_lo = group_sums(ctx, np.where(k1, lower[n + 1], 0.0))
        num = 1.0 - s_hi[starts]
        den = 1.0 - s_lo[starts]
        b = np.log(np.clip(num, 1e-12, None)) - np.log(np.clip(den, 1e-12, None))
        if n == 1:
            bow1 = np.zeros(est.V)
            bow1[uctx] = b
            bow[1] = bow1
        else:
            bow[n] = lookup(uctx, b, keys[n], 0.0)

    tables: dict[str, np.ndarray] = {"logp1": est.logp1.astype(np.float32), "bow1": bow[1].astype(np.float32)}
    sizes = {}
    for n in range(2, N + 1):
        k = keys[n][kept[n]]
        sizes[n] = int(len(k))
        for j in range(n):
            tables[f"w{n}_{j}"] = ((k >> (BITS * (n - 1 - j))) & MASK).astype(np.uint16)
        q, book = quantize(np.log(prob[n][kept[n]]), levels)
        tables[f"q{n}"], tables[f"cb{n}"] = q, book
        if n < N:
            qb, bookb = quantize(bow[n][kept[n]], levels)
            tables[f"qb{n}"], tables[f"cbb{n}"] = qb, bookb
        log(f"{path}: order {n}: kept {sizes[n]:,} of {len(keys[n]):,}", t0)
    save_model(path, vocab, N, tables)
    return sizes


def training_data(prep: dict[str, object]) -> str:
    """The training-data line of the manifest, from prepare_corpus's stats.json."""
    frac = prep.get("general_fraction", 0.4)
    tiers = f"legal/admin tier whole, general tier: {100 * float(frac):.0f} % of its train documents (by document hash)"  # type: ignore[arg-type]
    splits = prep.get("splits", "old")
    if splits == "old":
        return ("../shared/corpus train split (scripts/lib/corpus.py: sha1(source\\tid) % 1000 >= 40), "
                f"{tiers}; dev/test documents never used")
    return (f"../shared/corpus train side of the duplicate-aware split {splits} (scripts/data/split_corpus.py, "
            f"docs/bench/splits.md: every document not listed as dev, test or excluded; wordlists/ not used), {tiers}; "
            "dev/test documents and excluded duplicates never used")


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
        "command": f"python -m scripts.data.prepare_corpus --corpus ../shared/corpus --out {data} --splits {prep.get('splits', 'old')} "
        f"--general-fraction {prep.get('general_fraction', 0.4)} && python -m scripts.train.lm " + " ".join(argv),
        "training_data": training_data(prep),
        "corpus_stats": prep,
    }
    for name, what in (
        (str(info.get("file", "restore_lm.npz")), f"syllable {info.get('order', 4)}-gram LM, interpolated modified Kneser-Ney, count-pruned, quantized to {info.get('levels', 4096)} levels (pipeline/restore/core/lm.py format; own scorer because pip kenlm has no build_binary and ARPA loading takes many seconds)"),
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
