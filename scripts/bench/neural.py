"""Benchmark the accurate (neural) diacritic model on held-out documents; prints markdown tables.

    python -m scripts.bench.neural --corpus ../shared/corpus                 # neural alone, test split
    python -m scripts.bench.neural --split dev --combine --weights 0,0.5,1,2 # tune the lattice weight
    python -m scripts.bench.neural --combine --weights 1                     # report it on test

Paragraphs are sampled deterministically from the split (legal/admin and general separately),
grouped into chunks of up to 30 lines, stripped of diacritics and restored chunk by chunk (the
context crosses lines).  A word is right when its restored form equals the original (lower case,
old tone placement).  ``--combine`` also runs the fast n-gram restorer (models/restore_lm.npz)
alone and with the neural log-probs added to its lattice, ``weight * log p_neural``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from pipeline.io import atomic_write_text
from pipeline.restore.diacritics.neural import NeuralRestorer
from pipeline.restore.diacritics.neural_vocab import WORD_RE
from pipeline.vn.orthography import has_diacritics, model_form, strip_diacritics
from scripts.lib.corpus import DEFAULT_CORPUS, add_splits_option, sample_docs, use_splits

CHUNK_LINES = 30


def chunks_of(docs: list[str], max_words: int) -> list[str]:
    """Up to ``max_words`` words of documents, as chunks of at most CHUNK_LINES lines."""
    out: list[str] = []
    words = 0
    for doc in docs:
        lines = doc.split("\n")
        for i in range(0, len(lines), CHUNK_LINES):
            chunk = "\n".join(lines[i : i + CHUNK_LINES])
            out.append(chunk)
            words += len(WORD_RE.findall(chunk))
            if words >= max_words:
                return out
    return out


def score(gold_chunks: list[str], outs: list[str]) -> dict[str, float]:
    """Word accuracy (all words and words with marks) of restored chunks against the originals."""
    words = marked = good = good_marked = 0
    for gold, out in zip(gold_chunks, outs, strict=True):
        for m in WORD_RE.finditer(gold):
            g = m.group()
            ok = model_form(out[m.start() : m.end()]) == model_form(g)
            words += 1
            good += ok
            if has_diacritics(g):
                marked += 1
                good_marked += ok
    return {"words": words, "acc": good / max(words, 1), "acc_marked": good_marked / max(marked, 1)}


def run_system(fn: Callable[[str], str], chunks: list[str]) -> tuple[list[str], float]:
    """Outputs of one system on stripped chunks, and its seconds."""
    t0 = time.perf_counter()
    outs = [fn(strip_diacritics(c)) for c in chunks]
    return outs, time.perf_counter() - t0


def combined(nr: NeuralRestorer, fr: object, weight: float) -> Callable[[str], str]:
    """The fast restorer's lattice with ``weight`` x neural log-probs as candidate scores."""

    def fn(text: str) -> str:
        plan = fr.plan(text)  # type: ignore[attr-defined]
        preds = nr.predict([t.text for t in plan.toks]) if plan.toks else []
        emissions: list[np.ndarray] = []
        for j, k in enumerate(plan.owner):
            forms = plan.forms[j]
            if k < 0 or forms is None:
                emissions.append(np.zeros(len(plan.ids[j])))
                continue
            scores = dict(preds[k])
            floor = min(scores.values(), default=0.0) - 3.0
            emissions.append(weight * np.array([scores.get(model_form(f), floor) for f in forms]))
        return str(fr.restore_chunk(text, emissions=emissions)[0])  # type: ignore[attr-defined]

    return fn


def main() -> None:
    """Command line entry."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--model", default=None)
    ap.add_argument("--split", default="test")
    ap.add_argument("--max-words", type=int, default=100_000)
    ap.add_argument("--combine", action="store_true", help="also run fast and fast+neural")
    ap.add_argument("--lm-dir", default=None, help="folder of restore_lm.npz (default models/)")
    ap.add_argument("--weights", default="1.0")
    add_splits_option(ap)
    args = ap.parse_args()
    use_splits(args.splits)
    torch.set_num_threads(1)
    t0 = time.perf_counter()
    nr = NeuralRestorer.load(args.model)
    load_s = time.perf_counter() - t0
    rss_model_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # reading the corpus takes minutes; one cache per split file (the old buckets kept apart)
    tag = "old" if args.splits == "old" else Path(args.splits).name.split(".")[0]
    cache = Path("work/neural") / f"sample_{args.split}_{tag}.json"
    if cache.exists():
        docs = json.loads(cache.read_text(encoding="utf-8"))
    else:
        docs = sample_docs(args.corpus, args.split, 0.25, 0.05)
        atomic_write_text(cache, json.dumps(docs, ensure_ascii=False))
    systems: dict[str, Callable[[str], str]] = {"identity": lambda s: s, "accurate (neural alone)": nr.restore_text}
    if args.combine:
        from pipeline.restore.diacritics.fast import FastRestorer

        fr = FastRestorer(args.lm_dir)
        systems["fast (n-gram)"] = lambda s: str(fr.restore_chunk(s)[0])
        for w in (float(x) for x in args.weights.split(",")):
            systems[f"fast + {w:g} x neural"] = combined(nr, fr, w)
    print(f"| {args.split} split | group | words | syllable acc. | on marked syllables | words/s (1 thread) |")
    print("|---|---|---:|---:|---:|---:|")
    for group in ("legal", "general"):
        chunks = chunks_of(docs[group], args.max_words)
        for name, fn in systems.items():
            outs, secs = run_system(fn, chunks)
            r = score(chunks, outs)
            speed = f"{r['words'] / secs:,.0f}" if name != "identity" else "-"
            print(f"| {name} | {group} | {r['words']:,} | {r['acc']:.2%} | {r['acc_marked']:.2%} | {speed} |", flush=True)
    path = Path(args.model) if args.model else Path(__file__).resolve().parents[2] / "models" / "neural.pt"
    print()
    print(
        f"neural model: load {load_s:.2f} s; RSS after load {rss_model_mb:.0f} MB; file "
        f"{os.path.getsize(path) / 1e6:.1f} MB; bf16 inference {nr.bf16}; trained steps "
        f"{nr.meta.get('step')}, tokens seen {nr.meta.get('tokens_seen')}"
    )


if __name__ == "__main__":
    main()
