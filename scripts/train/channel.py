"""Train the OCR channel models (models/channel-eng.json.gz, models/channel-vie.json.gz).

Pairs come from train-split documents only (the duplicate-aware split file, ``--splits``): ../shared/ocr-pairs for the
English model (plus work/ocr-pairs/eng-*.jsonl from scripts/data/make_ocr_pairs.py when present) and
work/ocr-pairs/vie-*.jsonl (train split, never the test files) for Tesseract ``vie``.  Never the
dev file or any gold file.

    python -m scripts.train.channel --kind eng
    python -m scripts.train.channel --kind vie
    python -m scripts.train.channel --kind vie-unsure  # only words Tesseract vie was unsure of
    python -m scripts.train.channel --kind marks    # what a lone mark ("&", "@") stood for
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pipeline.io import atomic_write_text
from pipeline.restore.ocrfix.align import align_tokens
from pipeline.restore.ocrfix.channel import (
    ChannelModel,
    count_rules,
    estimate_rules,
    split_edges,
)
from pipeline.restore.ocrfix.settings import CHANNEL
from pipeline.restore.ocrfix.symbols import learn_codes, learn_parts
from pipeline.vn.orthography import model_form, strip_diacritics
from scripts.lib.corpus import (
    active_split_of,
    active_splits_name,
    add_splits_option,
    is_tier1,
    iter_docs,
    sources,
    use_splits,
)
from scripts.lib.manifest import record

# Tesseract vie misreads first letters (h for b, m for n), which the skeleton search ranks late:
# scoring 96 syllables per lookup instead of 32 took the four dev-split sets from 790 to 776 edits.
VIE_POOL_SIZE = 96


def _pair_files(kind: str, work: Path, names: list[str] | None) -> list[Path]:
    """The pair files of ``work`` to learn from: ``names``, else every ``kind``-*.jsonl but test."""
    if names:
        return [work / n for n in names]
    return [p for p in sorted(work.glob(f"{kind}-*.jsonl")) if "test" not in p.name]


def read_pairs(kind: str, shared: Path, work: Path, names: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """(gold line, OCR line) of train-split documents."""
    if kind == "eng":
        with lzma.open(shared / "ocr-pairs" / "pairs.jsonl.xz", "rt", encoding="utf-8") as f:
            for raw in f:
                p = json.loads(raw)
                if active_split_of(p["source"], p["doc"]) == "train":
                    yield p["gold"], p["ocr_eng"]
    for gold, ocr, _ in read_confident_pairs(work, names, kind):
        yield gold, ocr


def token_pairs(
    lines: Iterator[tuple[str, str]] | Iterator[tuple[str, str, list[float]]],
    below: float | None = None,
) -> Counter[tuple[str, str]]:
    """Counts of (true syllable in model form, observed core in lower case) over 1:1 links.

    With ``below``, lines carry the OCR engine's word confidences and only words it was less
    sure of than that count (the unsure channel).
    """
    out: Counter[tuple[str, str]] = Counter()
    for gold, ocr, *rest in lines:
        g, o = gold.split(), ocr.split()
        conf = rest[0] if rest else None
        if below is not None and (conf is None or len(conf) != len(o)):
            continue
        for link in align_tokens(g, o):
            if link.g1 - link.g0 != 1 or link.o1 - link.o0 != 1:
                continue
            if below is not None and conf is not None and conf[link.o0] >= below:
                continue
            gc = split_edges(g[link.g0])[1]
            oc = split_edges(o[link.o0])[1]
            if not gc.isalpha() or not oc or len(oc) > 12:
                continue
            out[(model_form(gc), oc.lower())] += 1
    return out


def read_confident_pairs(
    work: Path, names: list[str] | None = None, kind: str = "vie"
) -> Iterator[tuple[str, str, list[float]]]:
    """(gold line, OCR line, word confidences) of the train-split pairs made by scripts/data/make_ocr_pairs.py."""
    for path in _pair_files(kind, work, names):
        with open(path, encoding="utf-8") as f:
            for raw in f:
                p = json.loads(raw)
                if active_split_of(p["source"], p["doc"]) == "train":
                    yield p["gold"], p["ocr"], p.get("conf", [])


_VOWELS = set("aăâeêioôơuưy")


def _syllable_like(word: str) -> bool:
    """One vowel group between consonants, at most 7 letters: "quan" yes, "ubnd"/"ôtô"/"trump" no."""
    base = strip_diacritics(word)
    groups = sum(
        1 for i, c in enumerate(base) if c in _VOWELS and (i == 0 or base[i - 1] not in _VOWELS)
    )
    if base.startswith("qu"):
        groups = sum(
            1
            for i, c in enumerate(base[2:])
            if c in _VOWELS and (i == 0 or base[i + 1] not in _VOWELS)
        )
    return (
        len(word) <= 7
        and groups == 1
        and (word != base or word.startswith("qu"))
        and word.isalpha()
    )


def _tier1_train_texts(corpus: Path) -> Iterator[str]:
    """Texts of the legal/administrative train-split documents (where symbols live)."""
    tier1 = [s for s in sources(corpus) if is_tier1(s)]
    return (text for _, _, text in iter_docs(corpus, only=tier1, split="train"))


def train_symbols(corpus: Path, out: str) -> int:
    """Learn the D -> Đ table of symbol codes and acronyms from legal/administrative train documents."""
    syllables = {
        line.split("\t", 1)[0] for line in open(corpus / "syllables.txt", encoding="utf-8")
    }
    codes = learn_codes(_tier1_train_texts(corpus), syllables)
    atomic_write_text(out, json.dumps(codes, ensure_ascii=False, indent=0) + "\n")
    print(f"wrote {out}: {len(codes)} codes", file=sys.stderr)
    return 0


def train_symbol_parts(corpus: Path, shared: Path, work: Path, out: str) -> int:
    """Known symbol code parts (tier-1 train documents) and the single-letter confusions the
    English model makes inside symbols (train-split pairs; D -> Đ is the codes table's job)."""
    parts = learn_parts(_tier1_train_texts(corpus))
    symbol = re.compile(r"^\d{1,6}/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)*$")
    subs: Counter[tuple[str, str]] = Counter()
    for gold, ocr in read_pairs("eng", shared, work):
        g, o = gold.split(), ocr.split()
        for link in align_tokens(g, o):
            if link.g1 - link.g0 != 1 or link.o1 - link.o0 != 1:
                continue
            gt, ot = g[link.g0].strip(".,;:()"), o[link.o0].strip(".,;:()")
            if gt != ot and len(gt) == len(ot) and symbol.match(gt):
                diff = [(b, a) for a, b in zip(gt, ot, strict=True) if a != b]
                if len(diff) <= 2:
                    subs.update(d for d in diff if d != ("D", "Đ"))
    confusions = [[a, b, n] for (a, b), n in subs.most_common() if n >= 5 and a != b]
    data = {"parts": parts, "confusions": confusions}
    atomic_write_text(out, json.dumps(data, ensure_ascii=False, indent=0) + "\n")
    print(f"wrote {out}: {len(parts)} parts, confusions {confusions}", file=sys.stderr)
    return 0


def train_marks(shared: Path, work: Path, out: str) -> int:
    """Write {lone mark: {true token: count}} of the English model (1:1 links, train split)."""
    counts: dict[str, Counter[str]] = {}
    for gold, ocr in read_pairs("eng", shared, work):
        g, o = gold.split(), ocr.split()
        if len(g) != len(o):
            continue  # the aligner rarely links a mark to a word; equal-length lines need no aligner
        for true, obs in zip(g, o, strict=True):
            if len(obs) <= 2 and not any(c.isalnum() for c in obs):
                counts.setdefault(obs, Counter())[true] += 1
    table = {
        m: {t: n for t, n in c.most_common(6) if n >= 2}
        for m, c in sorted(counts.items())
        if sum(c.values()) >= 10 and any(not m_.isascii() or m_ in "&@|" for m_ in m)
    }
    atomic_write_text(out, json.dumps(table, ensure_ascii=False, indent=0) + "\n")
    print(f"wrote {out}: {len(table)} marks", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Train one channel model and write it to models/."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=("eng", "vie", "vie-unsure", "symbols", "symbol-parts", "marks"), default="eng")
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--work", default="work/ocr-pairs")
    ap.add_argument(
        "--pairs",
        default="",
        help="comma-separated pair files in --work to learn from (default: every <kind>-*.jsonl but test ones)",
    )
    ap.add_argument("-o", "--output", default=None)
    add_splits_option(ap)
    args = ap.parse_args(argv)
    use_splits(args.splits)
    corpus = Path(args.corpus)
    t0 = time.time()
    tables = {  # kind: (trainer, default output, what it is, what it learns from)
        "symbols": (lambda out: train_symbols(corpus, out), "the D -> Đ table of document-symbol codes",
                    "legal/administrative documents of the train side"),
        "symbol-parts": (lambda out: train_symbol_parts(corpus, corpus.parent, Path(args.work), out),
                         "known symbol code parts and the English model's confusions inside symbols",
                         "legal/administrative documents and the English-model pairs of the train side"),
        "marks": (lambda out: train_marks(corpus.parent, Path(args.work), out), "what a lone mark stood for",
                  "the English-model pairs of the train side"),
    }
    if args.kind in tables:
        trainer, what, data = tables[args.kind]
        out = args.output or f"models/channel-{args.kind}.json"
        rc = trainer(out)
        record(Path(out), what, f"{data} of {active_splits_name()} (dev, test and excluded documents skipped)")
        return rc
    names = [n for n in args.pairs.split(",") if n] or None
    if args.kind == "vie-unsure":
        # Words Tesseract vie was unsure of: misread far more often, and in other ways.
        from pipeline.restore.ocrfix.settings import GARBLE

        pairs = token_pairs(read_confident_pairs(Path(args.work), names), below=GARBLE.unsure_below)
    else:
        pairs = token_pairs(read_pairs(args.kind, corpus.parent, Path(args.work), names))
    print(
        f"{sum(pairs.values())} aligned tokens, {len(pairs)} distinct pairs ({time.time() - t0:.0f}s)",
        file=sys.stderr,
    )
    model = build_channel(pairs, corpus, args.kind)
    if args.kind != "vie-unsure":
        # Ship the shortlists of observed tokens seen at least 3 times: most lookups become free.
        frequent = Counter[str]()
        for (_, o), n in pairs.items():
            frequent[o] += n
        model.precompute(o for o, n in frequent.items() if n >= 3)
    out = args.output or f"models/channel-{args.kind}.json.gz"
    model.save(out)
    record(Path(out), f"character channel model of Tesseract {args.kind} errors (pipeline/restore/ocrfix/channel.py)",
           _training_data(args), aligned_tokens=sum(pairs.values()), distinct_pairs=len(pairs))
    print(f"wrote {out}: {sum(len(v) for v in model.rules.values())} rules, {len(model.table)} table "
          f"entries, {len(model.syllables)} syllables ({time.time() - t0:.0f}s)", file=sys.stderr)  # fmt: skip
    return 0


def _training_data(args: argparse.Namespace) -> str:
    """The manifest's training-data line: which pairs, which split."""
    names = [n for n in args.pairs.split(",") if n] or None
    files = ", ".join(p.name for p in _pair_files(args.kind.split("-")[0], Path(args.work), names))
    shared = "../shared/ocr-pairs (train documents) + " if args.kind == "eng" else ""
    return (f"{shared}{args.work}: {files or 'none'}; train side of {active_splits_name()} only "
            "(dev, test and excluded documents skipped); never the dev file or a gold file")


def build_channel(pairs: Counter[tuple[str, str]], corpus: Path, kind: str) -> ChannelModel:
    """Rewrite rules, token table and syllable list from aligned (true, observed) counts."""
    rewrites, totals = count_rules((t, o, n) for (t, o), n in pairs.items())
    rules = estimate_rules(rewrites, totals, min_count=2 if kind == "eng" else 1)
    table: dict[str, dict[str, int]] = {}
    true_counts: Counter[str] = Counter()
    for (t, o), n in pairs.items():
        true_counts[t] += n
        if n >= 2 or kind != "eng":
            table.setdefault(o, {})[t] = n
    table = {o: dict(Counter(ts).most_common(6)) for o, ts in table.items()}
    syllables: Counter[str] = Counter()
    for row in open(corpus / "syllables.txt", encoding="utf-8"):
        syl, _, cnt = row.rstrip("\n").partition("\t")
        if syl and syl.isalpha():
            syllables[model_form(syl)] += int(cnt or 1)
    # ../shared/corpus/syllables.txt misses the qu- + a rhymes (quan, quản, quang, quanh, quay):
    # add every syllable-shaped word that the corpus lines of the pairs use often enough.  The
    # vie pairs alone are too few (quang, quán, quay were missing, and so kept at a penalty).
    seen = true_counts if kind == "eng" else true_counts + gold_word_counts(corpus.parent)
    for t, n in seen.items():
        if n >= 5 and t not in syllables and _syllable_like(t):
            syllables[t] += n
    pool = CHANNEL.pool_size if kind == "eng" else VIE_POOL_SIZE
    return ChannelModel(rules, table, dict(true_counts), dict(syllables), name=f"ocr-{kind.split('-')[0]}", pool_size=pool)


def gold_word_counts(shared: Path) -> Counter[str]:
    """Words (model form) of the train-split gold lines of ../shared/ocr-pairs."""
    counts: Counter[str] = Counter()
    with lzma.open(shared / "ocr-pairs" / "pairs.jsonl.xz", "rt", encoding="utf-8") as f:
        for raw in f:
            p = json.loads(raw)
            if active_split_of(p["source"], p["doc"]) == "train":
                counts.update(model_form(c) for w in p["gold"].split() if (c := split_edges(w)[1]).isalpha())
    return counts


if __name__ == "__main__":
    raise SystemExit(main())
