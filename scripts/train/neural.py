"""Train the accurate diacritic model (pipeline/restore/diacritics/neural.py) from scratch on the corpus.

    nice -n 5 python -m scripts.train.neural --corpus ../shared/corpus --out models/ --minutes 45

Steps: sample paragraphs of the TRAIN split (legal/admin and general sources mixed), encode them
(work/neural/*.npz, reused by later runs), train the BERT candidate tagger for a fixed wall-clock
budget (learning rate follows the elapsed fraction of it), check dev accuracy now and then, and
write models/neural.pt (fp16) + models/neural.manifest.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch

from pipeline.io import atomic_write_bytes, atomic_write_text
from pipeline.restore.diacritics.neural_model import DEFAULT_ARCH, CandidateTagger, cand_tensor
from pipeline.restore.diacritics.neural_vocab import (
    Vocab,
    build_vocab,
    encode,
    tokenize,
)
from pipeline.vn.orthography import strip_diacritics
from scripts.lib.corpus import DEFAULT_CORPUS, add_splits_option, sample_docs, use_splits
from scripts.lib.manifest import record

WORK = Path("work/neural")


def doc_tokens(doc: str) -> list[str]:
    """Tokens of a document, line breaks kept as "\\n" tokens (context crosses lines)."""
    toks: list[str] = []
    for line in doc.split("\n"):
        toks.extend(tokenize(line))
        toks.append("\n")
    return toks


def make_vocab(corpus: str, docs: list[str]) -> Vocab:
    """Inventory syllables + frequent non-syllable words and symbols of (part of) the train docs."""
    counts = {}
    for line in open(Path(corpus) / "syllables.txt", encoding="utf-8"):
        syl, n = line.rstrip("\n").split("\t")
        counts[syl] = int(n)
    words: Counter[str] = Counter()
    syms: Counter[str] = Counter()
    for doc in docs[:20000]:
        for tok in tokenize(doc):
            if tok[:1].isalpha():
                words[strip_diacritics(tok.lower())] += 1
            elif not tok.isdigit():
                syms[tok] += 1
    stripped_syls = {strip_diacritics(s) for s in counts}
    other = [w for w, n in words.most_common() if n >= 20 and w not in stripped_syls][:3000]
    return build_vocab(counts, other, [s for s, n in syms.most_common() if n >= 10])


def encode_docs(vocab: Vocab, docs: list[str]) -> dict[str, np.ndarray]:
    """Concatenate encoded documents into flat arrays (ids, cases, tgts)."""
    cache: dict[str, tuple[int, int, int]] = {}
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for doc in docs:
        a, b, c = encode(vocab, doc_tokens(doc), cache)
        parts.append((np.asarray(a, np.int32), np.asarray(b, np.int8), np.asarray(c, np.int8)))
    return {name: np.concatenate([p[k] for p in parts]) for k, name in enumerate(("ids", "cases", "tgts"))}


def prepare(args: argparse.Namespace) -> tuple[Vocab, dict[str, dict[str, np.ndarray]]]:
    """Sample + encode train/dev data once (cached under work/neural)."""
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    vpath = work / "vocab.json"
    names = ["train", "dev_legal", "dev_general"]
    if vpath.exists() and all((work / f"{n}.npz").exists() for n in names):
        vocab = Vocab.from_dict(json.loads(vpath.read_text(encoding="utf-8")))
        return vocab, {n: dict(np.load(work / f"{n}.npz")) for n in names}
    t0 = time.time()
    split_fn = use_splits(args.splits).split_of
    train = sample_docs(args.corpus, "train", args.p_legal, args.p_general, split_fn)
    print(f"sampled train: {len(train['legal'])} legal, {len(train['general'])} general docs "
          f"({time.time() - t0:.0f}s)", flush=True)
    mixed = train["legal"] + train["general"]
    random.Random(0).shuffle(mixed)
    if args.vocab:
        # Continuing a shipped model on a new sample: its vocabulary (and so its embeddings) stays.
        vocab = Vocab.from_dict(json.loads(Path(args.vocab).read_text(encoding="utf-8")))
    else:
        vocab = make_vocab(args.corpus, mixed)
    atomic_write_text(vpath, json.dumps(vocab.to_dict(), ensure_ascii=False))
    data = {"train": encode_docs(vocab, mixed)}
    dev = sample_docs(args.corpus, "dev", 0.1, 0.02, split_fn)
    data["dev_legal"] = encode_docs(vocab, dev["legal"])
    data["dev_general"] = encode_docs(vocab, dev["general"])
    for n, arrs in data.items():
        np.savez(work / f"{n}.npz", **arrs)
        print(f"{n}: {len(arrs['ids']):,} tokens", flush=True)
    print(f"prepared in {time.time() - t0:.0f}s", flush=True)
    return vocab, data


def evaluate(model: CandidateTagger, arrs: dict[str, np.ndarray], window: int, limit: int) -> float:
    """Word accuracy on a dev stream (non-overlapping windows; OOV words count as the copy)."""
    model.eval()
    n = min(len(arrs["ids"]), limit) // window * window
    ids = torch.from_numpy(arrs["ids"][:n].astype(np.int64)).view(-1, window)
    cases = torch.from_numpy(arrs["cases"][:n].astype(np.int64)).view(-1, window)
    tg = torch.from_numpy(arrs["tgts"][:n].astype(np.int64)).view(-1, window)
    good = total = 0
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        for i in range(0, len(ids), 64):
            pred = model(ids[i : i + 64], cases[i : i + 64]).argmax(-1)
            t = tg[i : i + 64]
            total += int((t != -1).sum())
            good += int(((pred == t) & (t >= 0)).sum() + (t == -3).sum())
    model.train()
    return good / max(total, 1)


def save(model: CandidateTagger, vocab: Vocab, out: Path, meta: dict) -> Path:
    """Write the fp16 model file atomically; returns its path."""
    import io

    state = {k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    buf = io.BytesIO()
    torch.save({"arch": model.arch, "vocab": vocab.to_dict(), "state": state, "meta": meta}, buf)
    path = out / "neural.pt"
    atomic_write_bytes(path, buf.getvalue())
    return path


def train(args: argparse.Namespace) -> None:
    """Prepare data, train for ``--minutes``, save the model and its manifest."""
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    vocab, data = prepare(args)
    arch = dict(DEFAULT_ARCH)
    arch["type"] = args.arch
    if args.arch == "bilstm":
        arch.update(hidden_size=args.hidden, num_hidden_layers=args.layers)
    labels = cand_tensor(vocab.label_table()[1])
    prior: dict = {}
    if args.init:
        # Resume from a shipped model: its arch and vocab must be the ones prepared here.
        blob = torch.load(args.init, map_location="cpu", weights_only=True)
        if blob["vocab"] != vocab.to_dict():
            raise SystemExit(f"--init {args.init}: vocab differs from {Path(args.work) / 'vocab.json'}")
        arch = dict(blob["arch"])
    model = CandidateTagger(len(vocab.inputs), len(vocab.outputs), cand_tensor(vocab.cands), labels, arch)
    if args.init:
        model.load_state_dict({k: v.float() for k, v in blob["state"].items()})
        prior.update(blob.get("meta", {}))
        print(f"init from {args.init}: {prior.get('tokens_seen', 0):,} tokens seen before", flush=True)
    print(f"params: {sum(p.numel() for p in model.parameters()):,}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01, betas=(0.9, 0.98))
    tr = data["train"]
    ids_all = torch.from_numpy(tr["ids"].astype(np.int64))
    cases_all = torch.from_numpy(tr["cases"].astype(np.int64))
    tg_all = torch.from_numpy(tr["tgts"].astype(np.int64))
    win, bs = arch["window"], args.batch
    n_tok = len(ids_all)
    rng = np.random.default_rng(0)
    budget = args.minutes * 60
    t0 = last_eval = time.time()
    step, seen, loss_avg = 0, 0, 0.0
    out = Path(args.out)
    history = []
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1.0:
            break
        lr = args.lr * min(1.0, (step + 1) / args.warmup) * max(0.05, 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = lr
        starts = torch.from_numpy(rng.integers(0, n_tok - win, bs))
        idx = starts[:, None] + torch.arange(win)[None, :]
        tg = tg_all[idx]
        with torch.autocast("cpu", dtype=torch.bfloat16):
            logits = model(ids_all[idx], cases_all[idx])
        loss = torch.nn.functional.cross_entropy(
            logits.view(-1, logits.shape[-1]), tg.view(-1).clamp(min=-100).masked_fill(tg.view(-1) < 0, -100)
        )
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen += bs * win
        loss_avg = 0.98 * loss_avg + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 50 == 0:
            el = time.time() - t0
            print(f"step {step} loss {loss_avg:.4f} lr {lr:.2e} tok/s {seen / el:.0f} elapsed {el / 60:.1f}m", flush=True)
        if time.time() - last_eval > args.eval_every * 60:
            last_eval = time.time()
            acc_l = evaluate(model, data["dev_legal"], win, 20000)
            acc_g = evaluate(model, data["dev_general"], win, 20000)
            history.append({"step": step, "tokens": seen, "dev_legal": acc_l, "dev_general": acc_g})
            print(f"DEV step {step}: legal {acc_l:.4%} general {acc_g:.4%}", flush=True)
            save(model, vocab, out, {"step": step, "tokens_seen": seen, "partial": True})
    acc_l = evaluate(model, data["dev_legal"], win, 10**9)
    acc_g = evaluate(model, data["dev_general"], win, 10**9)
    history.append({"step": step, "tokens": seen, "dev_legal": acc_l, "dev_general": acc_g})
    print(f"FINAL DEV step {step}: legal {acc_l:.4%} general {acc_g:.4%}", flush=True)
    meta = {
        "step": step,
        "tokens_seen": seen,
        "train_tokens_available": int(n_tok),
        "minutes": args.minutes,
        "threads": args.threads,
        "history": history,
    }
    if args.init:
        meta["init"] = args.init
        meta["tokens_seen_total"] = seen + int(prior.get("tokens_seen_total", prior.get("tokens_seen", 0)))
    # Dev-tuned combination weights read by pipeline/restore/api.py (docs/bench/neural.md).
    for key in ("lattice_weight", "garble_weight"):
        value = getattr(args, key)
        if value is not None:
            meta[key] = value
    path = save(model, vocab, out, meta)
    manifest = {
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "bytes": path.stat().st_size,
        "kind": f"accurate diacritic model ({'2-layer BiLSTM' if args.arch == 'bilstm' else 'BERT'} candidate tagger, from scratch, fp16)",
        "arch": arch,
        "training_data": f"{args.corpus}: {_split_words(args.splits)}; paragraphs sampled "
        f"p_legal={args.p_legal}, p_general={args.p_general}",
        "command": "nice -n 5 python " + " ".join(sys.argv),
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "dev": {"legal": acc_l, "general": acc_g},
        **{k: meta[k] for k in ("lattice_weight", "garble_weight") if k in meta},
        "train": meta,
    }
    atomic_write_text(out / "neural.manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    record(path, str(manifest["kind"]), str(manifest["training_data"]), dev_accuracy=manifest["dev"])
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", flush=True)


def _split_words(splits: str) -> str:
    """The training side, in words, for the manifest."""
    if splits == "old":
        return "TRAIN split of the old hash buckets (sha1 doc buckets >= 40)"
    return (f"train side of the duplicate-aware split {splits} (scripts/data/split_corpus.py, docs/bench/splits.md; "
            "dev documents for the dev accuracy, test and excluded documents never read)")


def main() -> None:
    """Command line entry."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    add_splits_option(ap)
    ap.add_argument("--out", default="models/")
    ap.add_argument("--minutes", type=float, default=45.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--eval-every", type=float, default=5.0)
    ap.add_argument("--p-legal", type=float, default=0.25)
    ap.add_argument("--p-general", type=float, default=0.05)
    ap.add_argument("--prepare-only", action="store_true")
    ap.add_argument("--arch", choices=("bert", "bilstm"), default="bert")
    ap.add_argument("--hidden", type=int, default=192)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--init", default="", help="model file (neural.pt) to continue training from")
    ap.add_argument("--work", default=str(WORK), help="where the encoded sample is cached")
    ap.add_argument("--vocab", default="", help="vocab.json to reuse (continuing a model on a new sample)")
    ap.add_argument("--lattice-weight", type=float, default=None, help="store this stripped-text lattice weight in meta")
    ap.add_argument("--garble-weight", type=float, default=None, help="store this OCR-garble lattice weight in meta")
    args = ap.parse_args()
    if args.prepare_only:
        prepare(args)
        return
    train(args)


if __name__ == "__main__":
    main()
