"""Benchmark diacritic restoration on held-out test documents, side by side in one run.

    python -m scripts.bench.restore --corpus ../shared/corpus [--out docs/bench/restore.md]
    python -m scripts.bench.restore --splits data/splits/corpus-splits.json.gz --split dev \
        --heldout work/corpus --models old=models,new=work/models/new [--json FILE] [--report FILE]

With ``--splits`` (issue 17) the held-out documents are the dev or test split of the
duplicate-aware split file, reported per stratum: register (admin/legal, general = encyclopedia,
news) x length (title, paragraph, document: the split file's length classes), with the fast
model of each ``--models`` folder side by side (the first is the baseline; each later one gets
its difference from it with a 95 % interval from a paired bootstrap over documents), and the
speed and load time of each.  Without it, the old two-register benchmark below.

Test documents are the ``test`` split of scripts/lib/corpus.py (never trained on), in two
registers: administrative/legal (tier 1) and general (encyclopedia + news).  Each document's
paragraphs become lines of one input text, stripped of diacritics; systems: identity (the
stripped input), pyvi ``ViUtils.add_accents``, vanban fast, vanban accurate (when its model is
shipped).  Scores come from ``pipeline.evaluate`` (whitespace tokens, exact match after NFC).
"Style-free" scores forgive tone placement only (hòa = hoà), which the input cannot reveal.
Speed is CPU time of this process (one core); load time and resident memory are measured in a
fresh subprocess per model.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from pipeline.evaluate import TextScores, score_texts
from pipeline.vn.orthography import retone, strip_diacritics
from scripts.lib.corpus import DEFAULT_CORPUS, is_tier1, iter_docs, split_of

_PROBE = r"""
import json, time, sys
t0, c0 = time.perf_counter(), time.process_time()
from pipeline.restore import restore
restore("Ke hoach trien khai", model=sys.argv[1], mode="stripped")
load, cpu = time.perf_counter() - t0, time.process_time() - c0
rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) // 1024
print(json.dumps({"load_s": load, "load_cpu_s": cpu, "rss_mb": rss}))
"""


def test_docs(corpus: str, heldout: str) -> list[tuple[str, str]]:
    """(source, text) of every test-split document (from prepare_corpus's test.jsonl if given)."""
    if heldout and Path(heldout).exists():
        with open(heldout, encoding="utf-8") as f:
            return [(d["source"], d["text"]) for d in map(json.loads, f)]
    return [(s, t) for s, _, t in iter_docs(corpus, split="test", split_fn=split_of)]  # the old buckets


NOTES = """Held-out documents: the `test` split of `scripts/lib/corpus.py` (document-level hash, never
used for training or tuning), up to 40 paragraphs per document, each paragraph one input line,
stripped of all diacritics (đ -> d included).  Scores: `pipeline.evaluate` over whitespace
tokens (punctuation attached, numbers and symbols count too), exact after NFC.  *Style-free*
forgives only tone placement (hòa = hoà), which stripped input cannot reveal: vanban writes the
old placement unless the document shows the new one.  Speed: CPU seconds of the benchmark
process (one core), the fastest of `--repeat` passes over the same inputs (3 by default: single
passes vary by +-20 % on the shared VM, and the first pays the page faults on the LM tables).
pyvi: `ViUtils.add_accents` line by line, case given back as in `vanban eval`."""


def sample_texts(docs_all: list[tuple[str, str]], tier1: bool, max_lines: int, seed: int = 13) -> list[str]:
    """Test-split documents of one register, as multi-line texts, up to ``max_lines`` lines."""
    docs = [t for s, t in docs_all if is_tier1(s) == tier1 and t.strip()]
    random.Random(seed).shuffle(docs)
    texts, n = [], 0
    for t in docs:
        lines = [ln for ln in t.split("\n") if ln.strip()][:40]  # many documents, not a few long ones
        texts.append("\n".join(lines))
        n += len(lines)
        if n >= max_lines:
            break
    return texts


def style_free(text: str) -> str:
    return " ".join(retone(w, "old") for w in text.split(" "))


def run_system(name: str, inputs: list[str], repeat: int = 3) -> tuple[list[str], float]:
    if name == "identity":
        fn = lambda s: s  # noqa: E731
    elif name == "pyvi":
        # The same wrapper as `vanban eval` (line by line, case given back); ImportError skips it.
        import pyvi  # noqa: F401

        from pipeline.eval_run import _pyvi

        def fn(s: str) -> str:
            return _pyvi(s, "stripped")
    else:
        from pipeline.restore import restore

        restore("Ke hoach", model=name, mode="stripped")  # load outside the timing

        def fn(s: str) -> str:
            return restore(s, model=name, mode="stripped").text

    # The fastest of ``repeat`` passes: on this shared VM one pass over the same text varied from
    # 17,000 to 24,000 syllables/s, and the first also pays the page faults on the LM's tables.
    best = float("inf")
    outs: list[str] = []
    for _ in range(max(1, repeat) if name != "identity" else 1):
        t0 = time.process_time()
        outs = [fn(s) for s in inputs]
        best = min(best, time.process_time() - t0)
    return outs, best


def probe(model: str, models_dir: str = "") -> dict[str, float]:
    """Load time (wall, CPU) and resident memory of ``model`` in a fresh process (models from
    ``models_dir`` when given, through VANBAN_MODELS)."""
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ)
    if models_dir:
        env["VANBAN_MODELS"] = str(Path(models_dir).resolve())
    r = subprocess.run([sys.executable, "-c", _PROBE, model], cwd=root, capture_output=True, text=True, timeout=300, env=env)
    if r.returncode != 0:
        return {}
    return json.loads(r.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if any(a == "--splits" or a.startswith("--splits=") for a in argv):
        return main_strata(argv)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--heldout", default="", help="test.jsonl from scripts.data.prepare_corpus (same documents, faster)")
    ap.add_argument("--lines", type=int, default=3000, help="lines per register")
    ap.add_argument("--systems", default="identity,pyvi,fast,accurate")
    ap.add_argument("--out", default="", help="also write the markdown report here (e.g. docs/bench/restore.md)")
    ap.add_argument("--json", default="", help="write all scores as JSON here")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per system; the fastest counts")
    ap.add_argument("--manifest", default="", help="record the fast model's scores in this models/MANIFEST.json")
    args = ap.parse_args(argv)
    systems = [s for s in args.systems.split(",") if s]
    if "accurate" in systems and not (Path(__file__).resolve().parents[2] / "models" / "neural.pt").exists():
        systems.remove("accurate")
        print("accurate model not shipped (models/neural.pt): skipped", file=sys.stderr)

    rows: list[dict[str, object]] = []
    docs_all = test_docs(args.corpus, args.heldout)
    for register, tier1 in (("admin/legal", True), ("general/news", False)):
        gold = sample_texts(docs_all, tier1, args.lines)
        inputs = [strip_diacritics(t) for t in gold]
        n_syll = sum(len(t.split()) for t in gold)
        n_lines = sum(t.count("\n") + 1 for t in gold)
        for name in systems:
            try:
                outs, secs = run_system(name, inputs, args.repeat)
            except ImportError as exc:
                print(f"{name}: skipped ({exc})", file=sys.stderr)
                continue
            sc: TextScores = score_texts(zip(outs, gold, strict=True))
            sf = score_texts((style_free(o), style_free(g)) for o, g in zip(outs, gold, strict=True))
            rows.append(
                {
                    "register": register,
                    "system": name,
                    "lines": n_lines,
                    "syllables": n_syll,
                    "acc": sc.syllable_accuracy,
                    "acc_style_free": sf.syllable_accuracy,
                    "diacritic_acc": sc.diacritic_accuracy,
                    "cer": sc.cer,
                    "case": sc.case_accuracy(),
                    "syll_per_s": n_syll / secs if secs > 0 else float("inf"),
                    "top_errors": [f"{p}→{g} ×{n}" for (p, g), n in sc.confusions.most_common(8)],
                }
            )
            print(f"{register:13s} {name:9s} acc={sc.syllable_accuracy:.4f} style-free={sf.syllable_accuracy:.4f} "
                  f"diac={sc.diacritic_accuracy:.4f} cer={sc.cer:.4f} {n_syll / max(secs, 1e-9):,.0f} syll/s", file=sys.stderr)
    resources = {m: probe(m) for m in systems if m in ("fast", "accurate")}

    md = [
        "| register | system | syllable acc. | style-free acc. | diacritic-bearing acc. | CER | lower | Title | UPPER | syll/s (1 core) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        case = r["case"]
        assert isinstance(case, dict)
        md.append(
            f"| {r['register']} | {r['system']} | {100 * float(r['acc']):.2f} % | {100 * float(r['acc_style_free']):.2f} % | "  # type: ignore[arg-type]
            f"{100 * float(r['diacritic_acc']):.2f} % | {100 * float(r['cer']):.2f} % | "  # type: ignore[arg-type]
            + " | ".join(f"{100 * case.get(k, float('nan')):.2f} %" for k in ("lower", "Title", "UPPER"))
            + (" | — |" if r["system"] == "identity" else f" | {float(r['syll_per_s']):,.0f} |")  # type: ignore[arg-type]
        )
    md.append("")
    md.append("| model | load time, CPU (import + models, one core) | load time, wall clock | resident memory |")
    md.append("|---|---:|---:|---:|")
    for m, v in resources.items():
        if v:
            md.append(f"| {m} | {v['load_cpu_s']:.2f} s | {v['load_s']:.2f} s | {v['rss_mb']:.0f} MB |")
    table = "\n".join(md)
    print(table)
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "resources": resources}, ensure_ascii=False, indent=2) + "\n")
    if args.manifest and Path(args.manifest).exists():
        man = json.loads(Path(args.manifest).read_text(encoding="utf-8"))
        entry = man.get("files", {}).get("restore_lm.npz")
        if entry is not None:
            entry["scores"] = {
                "date": time.strftime("%Y-%m-%d", time.gmtime()),
                "command": "python -m scripts.bench.restore " + " ".join(argv if argv is not None else sys.argv[1:]),
                "test": {
                    f"{r['register']}": {
                        "syllable_accuracy": round(float(r["acc"]), 5),  # type: ignore[arg-type]
                        "diacritic_accuracy": round(float(r["diacritic_acc"]), 5),  # type: ignore[arg-type]
                        "cer": round(float(r["cer"]), 5),  # type: ignore[arg-type]
                        "syllables": r["syllables"],
                    }
                    for r in rows
                    if r["system"] == "fast"
                },
            }
            Path(args.manifest).write_text(json.dumps(man, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.out:
        cmd = "python -m scripts.bench.restore " + " ".join(argv if argv is not None else sys.argv[1:])
        errs = "\n".join(f"- {r['register']} / {r['system']}: {', '.join(r['top_errors'])}" for r in rows if r["system"] in ("fast", "accurate"))  # type: ignore[arg-type]
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(
            f"# Diacritic restoration benchmark\n\nCommand: `{cmd}`  \nDate: {time.strftime('%Y-%m-%d', time.gmtime())}\n\n"
            f"{NOTES}\n\n{table}\n\nMost frequent errors (output→gold):\n\n{errs}\n",
            encoding="utf-8",
        )
    return 0


# --- Stratified benchmark on the duplicate-aware split (issue 17) ------------------------------------

REGISTERS = ("admin/legal", "general", "news")
LENGTHS = ("title", "paragraph", "document")


def register_of(source: str) -> str:
    """admin/legal (legal_*, admin_*), news (news_*) or general (the encyclopedia)."""
    if is_tier1(source):
        return "admin/legal"
    return "news" if source.startswith("news_") else "general"


def heldout_records(corpus: str, splits: str, split: str, heldout: str) -> list[dict[str, str]]:
    """{source, id, stratum, text} of the split's documents: from prepare_corpus's ``SPLIT.jsonl``
    (``heldout`` = that file or its folder) or read from the corpus with the split file."""
    path = Path(heldout) / f"{split}.jsonl" if heldout and Path(heldout).is_dir() else Path(heldout)
    if heldout and path.exists():
        with open(path, encoding="utf-8") as f:
            recs = [json.loads(line) for line in f if line.strip()]
        if recs and not recs[0].get("stratum"):
            raise SystemExit(f"{path} has no strata: write it with prepare_corpus --splits FILE")
        return recs
    from scripts.lib.corpus import SplitFile

    sf = SplitFile.load(splits)
    out = []
    for source, doc_id, text in iter_docs(corpus):
        if sf.split_of(source, doc_id) == split:
            out.append({"source": source, "id": doc_id, "stratum": sf.stratum[f"{source}/{doc_id}"], "text": text})
    return out


def _head(text: str, cap: int) -> str:
    """The document's non-empty lines from its start, up to about ``cap`` syllables (at least one line)."""
    lines: list[str] = []
    n = 0
    for ln in text.split("\n"):
        if not ln.strip():
            continue
        if lines and n + len(ln.split()) > cap:
            break
        lines.append(ln)
        n += len(ln.split())
    return "\n".join(lines)


def stratum_samples(recs: list[dict[str, str]], budget: int, doc_cap: int, seed: int = 13) -> dict[str, list[dict[str, str]]]:
    """Per stratum ("news/paragraph" ...): documents in a seeded order, each cut to at most
    max(``doc_cap``, budget / documents of the stratum) syllables from its start (titles and most
    paragraphs are whole), until the stratum holds ``budget`` syllables."""
    groups: dict[str, list[dict[str, str]]] = {}
    for r in sorted(recs, key=lambda r: (r["source"], r["id"])):
        if r["text"].strip():
            groups.setdefault(f"{register_of(r['source'])}/{r['stratum'].split('/')[-1]}", []).append(r)
    out: dict[str, list[dict[str, str]]] = {}
    for name in (f"{g}/{n}" for g in REGISTERS for n in LENGTHS):
        docs = groups.get(name, [])
        random.Random(f"{seed}/{name}").shuffle(docs)
        cap = max(doc_cap, budget // max(1, len(docs)))
        taken, n = [], 0
        for r in docs:
            text = _head(r["text"], cap)
            taken.append({**r, "text": text})
            n += len(text.split())
            if n >= budget:
                break
        if taken:
            out[name] = taken
    return out


def _run_fast(models_dir: str, inputs: list[str], model: str = "fast") -> tuple[list[str], float]:
    """The fast (or ``model``) restorer of ``models_dir`` on ``inputs``: outputs and CPU seconds
    (loaded beforehand)."""
    from pipeline import modelstore
    from pipeline.restore import restore

    modelstore.configure(models_dir)
    try:
        restore("Ke hoach", model=model, mode="stripped")
        t0 = time.process_time()
        outs = [restore(s, model=model, mode="stripped").text for s in inputs]
        return outs, time.process_time() - t0
    finally:
        modelstore.configure(None)


def paired_interval(base: list[tuple[int, int]], new: list[tuple[int, int]], rounds: int = 2000, seed: int = 7) -> tuple[float, float]:
    """95 % interval of (accuracy of ``new`` - accuracy of ``base``) by resampling documents;
    each list holds (syllables, edits) per document, in the same order."""
    import numpy as np

    syl = np.array([s for s, _ in base], dtype=np.float64)
    d = np.array([eb - en for (_, eb), (_, en) in zip(base, new, strict=True)], dtype=np.float64)
    if len(syl) == 0 or syl.sum() == 0:
        return 0.0, 0.0
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(syl), size=(rounds, len(syl)))
    diffs = d[idx].sum(axis=1) / np.maximum(syl[idx].sum(axis=1), 1)
    lo, hi = np.quantile(diffs, [0.025, 0.975])
    return float(lo), float(hi)


def old_lm_saw(r: dict[str, str]) -> bool:
    """Whether the shipped (old-split) LM was trained on this document: old ``split_of`` train,
    legal/admin whole, other tiers 40 % by document (prepare_corpus --general-fraction 0.4)."""
    from scripts.data.prepare_corpus import general_keep

    return split_of(r["source"], r["id"]) == "train" and (is_tier1(r["source"]) or general_keep(r["source"], r["id"], 0.4))


class Scored:
    """Per-document scores of every system on one stratum's documents."""

    def __init__(self, docs: list[dict[str, str]], per: dict[str, list[TextScores]], secs: dict[str, float]) -> None:
        self.docs = docs
        self.per = per
        self.secs = secs
        self.seen = [old_lm_saw(r) for r in docs]


def score_strata(samples: dict[str, list[dict[str, str]]], models: list[tuple[str, str]], model: str = "fast") -> dict[str, Scored]:
    """Identity and each labelled folder's ``model`` restorer on every stratum, scored per document."""
    out: dict[str, Scored] = {}
    for name, docs in samples.items():
        gold = [r["text"] for r in docs]
        inputs = [strip_diacritics(t) for t in gold]
        outs = {"identity": inputs}
        secs = {}
        for label, folder in models:
            outs[label], secs[label] = _run_fast(folder, inputs, model)
        per = {k: [score_texts([(x, g)]) for x, g in zip(o, gold, strict=True)] for k, o in outs.items()}
        out[name] = Scored(docs, per, secs)
        accs = " ".join(f"{k}={_total(v).syllable_accuracy:.4f}" for k, v in per.items())
        print(f"{name:24s} docs={len(docs)} {accs}", file=sys.stderr, flush=True)
    return out


def _total(scores: list[TextScores]) -> TextScores:
    total = TextScores()
    for sc in scores:
        total.add(sc)
    return total


def strata_rows(scored: dict[str, Scored], labels: list[str], unseen_only: bool = False) -> list[dict[str, object]]:
    """One row per stratum, then pooled per register and overall; ``unseen_only`` keeps the
    documents the old LM was not trained on (the fair comparison with it)."""
    groups = [(name, [name]) for name in scored]
    groups += [(f"{g} (pooled)", [n for n in scored if n.startswith(g + "/")]) for g in REGISTERS]
    groups += [("all (pooled)", list(scored))]
    rows = []
    for name, members in groups:
        pick = [(m, i) for m in members for i in range(len(scored[m].docs)) if not (unseen_only and scored[m].seen[i])]
        if pick:
            rows.append(_row(name, pick, scored, labels))
    return rows


def _row(name: str, pick: list[tuple[str, int]], scored: dict[str, Scored], labels: list[str]) -> dict[str, object]:
    docs = [scored[m].docs[i] for m, i in pick]
    seen = sum(len(scored[m].docs[i]["text"].split()) for m, i in pick if scored[m].seen[i])
    n = sum(len(r["text"].split()) for r in docs)
    row: dict[str, object] = {"stratum": name, "documents": len(docs), "syllables": n, "old_lm_trained_on": seen / n if n else 0.0}
    if len({m for m, _ in pick}) == 1:
        secs = scored[pick[0][0]].secs
        row["cpu_s"] = {k: secs[k] for k in labels if k in secs}
    per = {k: [scored[m].per[k][i] for m, i in pick] for k in ("identity", *labels)}
    for k, scores in per.items():
        sc = _total(scores)
        row[k] = {"acc": sc.syllable_accuracy, "diacritic_acc": sc.diacritic_accuracy, "cer": sc.cer,
                  "top_errors": [f"{p}→{g} ×{c}" for (p, g), c in sc.confusions.most_common(6)]}
    for k in labels[1:]:
        base = [(x.syllables, x.syllable_edits) for x in per[labels[0]]]
        lo, hi = paired_interval(base, [(x.syllables, x.syllable_edits) for x in per[k]])
        row[f"{k}-{labels[0]}"] = {"diff": row[k]["acc"] - row[labels[0]]["acc"], "lo": lo, "hi": hi}  # type: ignore[index]
    return row


def strata_table(rows: list[dict[str, object]], labels: list[str]) -> str:
    """Markdown: one line per stratum, syllable accuracy of identity and each model, differences."""
    diffs = [f"{k}-{labels[0]}" for k in labels[1:]]
    head = ["stratum", "docs", "syllables", "old LM trained on", "identity", *labels, *(f"{d} (95 % CI)" for d in diffs)]
    md = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for r in rows:
        cells = [str(r["stratum"]), f"{r['documents']:,}", f"{r['syllables']:,}", f"{100 * float(r['old_lm_trained_on']):.0f} %"]  # type: ignore[arg-type]
        cells += [f"{100 * r[k]['acc']:.2f} %" for k in ("identity", *labels)]  # type: ignore[index]
        cells += [f"{100 * r[d]['diff']:+.2f} ({100 * r[d]['lo']:+.2f} … {100 * r[d]['hi']:+.2f})" for d in diffs]  # type: ignore[index]
        md.append("| " + " | ".join(cells) + " |")
    return "\n".join(md)


def speed_table(samples: dict[str, list[dict[str, str]]], models: list[tuple[str, str]], repeat: int) -> tuple[str, dict[str, object]]:
    """Syllables/s of each fast model (fastest of ``repeat`` passes over the pooled sample,
    models alternating so load drifts hit both), and load time / memory in a fresh process."""
    inputs = [strip_diacritics(r["text"]) for ds in samples.values() for r in ds]
    n = sum(len(t.split()) for t in inputs)
    best = {label: float("inf") for label, _ in models}
    for _ in range(max(1, repeat)):
        for label, folder in models:
            best[label] = min(best[label], _run_fast(folder, inputs)[1])
    info: dict[str, object] = {}
    md = ["| model | LM file | syll/s (1 core, fastest pass) | load, CPU | load, wall | resident memory |", "|---|---:|---:|---:|---:|---:|"]
    for label, folder in models:
        p = probe("fast", folder)
        size = (Path(folder) / "restore_lm.npz").stat().st_size
        info[label] = {"folder": folder, "lm_bytes": size, "syll_per_s": n / best[label], **p}
        md.append(f"| {label} ({folder}) | {size / 1e6:.1f} MB | {n / best[label]:,.0f} | {p.get('load_cpu_s', float('nan')):.2f} s | "
                  f"{p.get('load_s', float('nan')):.2f} s | {p.get('rss_mb', 0):.0f} MB |")
    return "\n".join(md), {"syllables": n, "models": info}


def main_strata(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--splits", required=True, help="split file of scripts.data.split_corpus")
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--heldout", default="", help="prepare_corpus --out folder (or its SPLIT.jsonl): the same documents, faster")
    ap.add_argument("--models", default="shipped=models", help="comma-separated LABEL=FOLDER; the first is the baseline")
    ap.add_argument("--budget", type=int, default=20000, help="syllables per stratum (at most)")
    ap.add_argument("--doc-cap", type=int, default=2000, help="syllables per document from its start (raised to budget/documents in small strata)")
    ap.add_argument("--repeat", type=int, default=0, help="speed passes per model (0: no speed table)")
    ap.add_argument("--model", choices=("fast", "accurate"), default="fast",
                    help="restorer run from each folder (accurate: the folder's neural.pt on top of its LM)")
    ap.add_argument("--json", default="")
    ap.add_argument("--report", default="", help="write the markdown tables here")
    args = ap.parse_args(argv)
    models = [(m.split("=", 1)[0], m.split("=", 1)[1]) for m in args.models.split(",") if m]
    recs = heldout_records(args.corpus, args.splits, args.split, args.heldout)
    samples = stratum_samples(recs, args.budget, args.doc_cap)
    scored = score_strata(samples, models, args.model)
    labels = [m for m, _ in models]
    rows = strata_rows(scored, labels)
    unseen = strata_rows(scored, labels, unseen_only=True)
    md = f"Split: `{args.splits}` {args.split}; command: `python -m scripts.bench.restore {' '.join(argv)}`\n\n"
    md += "All sampled documents:\n\n" + strata_table(rows, labels)
    md += "\n\nOnly the documents the shipped (old-split) LM was not trained on:\n\n" + strata_table(unseen, labels)
    speed: dict[str, object] = {}
    if args.repeat > 0:
        table, speed = speed_table(samples, models, args.repeat)
        md += "\n\n" + table
    print(md)
    if args.json:
        Path(args.json).write_text(json.dumps({"argv": argv, "rows": rows, "rows_unseen_by_old_lm": unseen, "speed": speed}, ensure_ascii=False, indent=2) + "\n")
    if args.report:
        Path(args.report).write_text(md + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
