"""A duplicate-aware train/dev/test split of ../shared/corpus (issue 17), and an audit of the old one.

    nice -n 10 python -m scripts.data.split_corpus [CORPUS] [--out data/splits/corpus-splits.json.gz]
                                                   [--report docs/bench/splits.md] [--gold data/gold]

Method (docs/bench/splits.md has the figures):

1. Every document is cut into 8-word shingles (lower-cased ``\\w+`` runs, 64-bit hashes:
   ``scripts.lib.corpus.shingle_hashes``) and given its number/symbol keys (``doc_symbols``).
2. Duplicates are removed across the whole corpus: one global sort of all shingles gives each
   document the share of its shingles that occur in some other document; only documents where that
   share reaches ``--near`` (0.8) can be duplicates.  They are visited longest first and a document
   is dropped ("excluded") when ``--near`` of its shingles are already in the documents kept so far
   (identical shingle sets: "exact", else "near").
3. Strata: register (legal/admin vs general) x length (title: one line of at most 40 words;
   paragraph: at most 400 words; document: longer).  In each stratum the documents are walked in
   the order of a hash of their key; the first ones that may be held out fill dev and test in
   turn (2 % each, at least ``--min-per-stratum``, at most a fifth of the stratum).
4. A document may be held out only if at most ``--threshold`` (5 %) of its shingles occur in any
   other document of the corpus, none of its number/symbol keys belongs to another document and
   its id is not shared by several records.  Whatever the other documents become, a dev document
   then shares at most that with train and a test document with train + dev; documents passed
   over stay train.  A final check measures each held-out document against the actual train
   (+ dev) side and moves any failure to train (none is expected; the count is printed).
5. The audit measures the same overlap for the old hash-bucket split (``split_of``) and for the
   gold items of data/gold (whose text comes from old test documents).

Runs in about 10-20 minutes and ~8 GB on 2 shared cores (one pass over the corpus, all shingles in
memory; ``--cache FILE`` keeps the read corpus for reruns).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import pickle
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scripts.lib.corpus import (
    DEFAULT_CORPUS,
    DEFAULT_SPLITS,
    SHINGLE_WORDS,
    TIER1_PREFIXES,
    TIER2_PREFIXES,
    doc_symbols,
    in_sorted,
    is_tier1,
    iter_records,
    shingle_hashes,
    split_of,
    words,
)

TITLE_WORDS = 40
PARAGRAPH_WORDS = 400
STRATA = tuple(f"{r}/{n}" for r in ("legal", "general") for n in ("title", "paragraph", "document"))


@dataclass
class Corpus:
    """All documents as parallel lists; ``shingles[i]`` is a sorted unique uint64 array."""

    keys: list[str] = field(default_factory=list)  # "source/id"
    sources: list[str] = field(default_factory=list)
    stratum: list[str] = field(default_factory=list)
    n_words: list[int] = field(default_factory=list)
    symbols: list[set[str]] = field(default_factory=list)
    shingles: list[np.ndarray] = field(default_factory=list)
    repeated: set[str] = field(default_factory=set)  # keys that several records share (never dev/test)

    def __len__(self) -> int:
        return len(self.keys)


def stratum_of(source: str, text: str, n_words: int) -> str:
    register = "legal" if is_tier1(source) else "general"
    if "\n" not in text.strip() and n_words <= TITLE_WORDS:
        return f"{register}/title"
    return f"{register}/{'paragraph' if n_words <= PARAGRAPH_WORDS else 'document'}"


def load(corpus: str | Path, k: int = SHINGLE_WORDS, progress: bool = True) -> Corpus:
    c = Corpus()
    seen: set[str] = set()
    start = time.time()
    for source, rec in iter_records(corpus):
        if not source.startswith(TIER1_PREFIXES + TIER2_PREFIXES):
            continue  # wordlists/ holds dictionary headwords in *.jsonl.xz files, not documents
        key = f"{source}/{rec.get('id', '')}"
        if key in seen:  # an id repeated in one source (binhduong's numbers recur across years): the
            c.repeated.add(key)  # records are kept apart here, but the split file sees one key
        seen.add(key)
        text = str(rec.get("text") or "")
        n = len(words(text))
        c.keys.append(key)
        c.sources.append(source)
        c.n_words.append(n)
        c.stratum.append(stratum_of(source, text, n))
        c.symbols.append(doc_symbols(source, rec))
        c.shingles.append(shingle_hashes(text, k))
        if progress and len(c) % 20000 == 0:
            print(f"  {len(c):,} documents read ({time.time() - start:.0f} s)", file=sys.stderr)
    return c


def union(c: Corpus, idx: Sequence[int] | np.ndarray) -> np.ndarray:
    """Sorted unique shingles of the documents ``idx``."""
    parts = [c.shingles[i] for i in idx]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)


def shared_mask(c: Corpus) -> list[np.ndarray]:
    """For each document, which of its shingles also occur in another document (one global sort)."""
    lengths = np.array([len(s) for s in c.shingles], dtype=np.int64)
    flat = np.concatenate(c.shingles)
    order = np.argsort(flat, kind="stable")
    s = flat[order]
    eq = s[1:] == s[:-1]
    flag_sorted = np.zeros(len(s), dtype=bool)
    flag_sorted[1:] |= eq
    flag_sorted[:-1] |= eq
    del s, eq
    flag = np.empty(len(flat), dtype=bool)
    flag[order] = flag_sorted
    del order, flag_sorted, flat
    return np.split(flag, np.cumsum(lengths)[:-1])


def dedup(c: Corpus, near: float, shared: list[np.ndarray] | None = None) -> dict[int, str]:
    """Document index -> "exact" / "near" for the duplicates dropped across the whole corpus."""
    if shared is None:
        shared = shared_mask(c)
    cand = [i for i in range(len(c)) if len(c.shingles[i]) and shared[i].sum() >= near * len(c.shingles[i])]
    cand_set = set(cand)
    static_parts = [c.shingles[i][shared[i]] for i in range(len(c)) if i not in cand_set and shared[i].any()]
    static = np.unique(np.concatenate(static_parts)) if static_parts else np.zeros(0, dtype=np.uint64)
    dynamic: set[int] = set()
    kept_digests: set[bytes] = set()
    out: dict[int, str] = {}
    for i in sorted(cand, key=lambda j: (-len(c.shingles[j]), c.keys[j])):
        sh = c.shingles[i][shared[i]]
        hit = in_sorted(sh, static)
        covered = int(hit.sum()) + sum(1 for x in sh[~hit].tolist() if x in dynamic)
        digest = hashlib.blake2b(c.shingles[i].tobytes(), digest_size=16).digest()
        if covered >= near * len(c.shingles[i]):
            out[i] = "exact" if digest in kept_digests else "near"
        else:
            dynamic.update(sh.tolist())
            kept_digests.add(digest)
    return out


def _order_key(key: str) -> str:
    return hashlib.sha1(f"vanban-split-2\t{key}".encode()).hexdigest()


@dataclass
class Choice:
    dev: list[int]
    test: list[int]
    target: dict[str, tuple[int, int]]  # stratum -> (dev, test) targets
    eligible: Counter[str]  # stratum -> documents that could be held out at all
    passed_over: Counter[str]  # stratum -> documents met in the walk before the targets were filled, not held out
    by_symbol: Counter[str]  # ... of which for a number/symbol
    fixpoint_moved: int  # held-out documents the final check moved to train (0 expected)


def _targets(n: int, frac: float, min_n: int) -> int:
    return min(max(min_n, round(frac * n)), n // 5)


def _why_not(c: Corpus, i: int, shared: list[np.ndarray], sym_docs: Counter[str], threshold: float) -> str | None:
    """Why document ``i`` may not be held out: a key several records share, a symbol another
    document has, or more than ``threshold`` of its shingles found in any other document."""
    if c.keys[i] in c.repeated:
        return "repeated id"
    if any(sym_docs[k] > 1 for k in c.symbols[i]):
        return "symbol"
    n = len(c.shingles[i])
    return "shingles" if n and shared[i].sum() > threshold * n else None


def _fails(c: Corpus, i: int, indexes: list[np.ndarray], symbols: set[str], threshold: float) -> bool:
    sh = c.shingles[i]
    if c.symbols[i] & symbols:
        return True
    return bool(len(sh)) and Side(indexes, set()).hits(sh) > threshold * len(sh)


def choose(c: Corpus, excluded: dict[int, str], *, dev_frac: float, test_frac: float, min_n: int,
           threshold: float, shared: list[np.ndarray] | None = None) -> Choice:
    """Dev and test documents per stratum, walked in a hash order.  A document is held out only if at
    most ``threshold`` of its shingles occur in *any* other document and no other document has one
    of its symbol keys: whatever the others end up as, it then shares at most that with train (and
    test with train + dev).  A final check against the actual train (+ dev) side confirms it."""
    if shared is None:
        shared = shared_mask(c)
    sym_docs: Counter[str] = Counter(k for syms in c.symbols for k in syms)
    by_stratum: dict[str, list[int]] = defaultdict(list)
    for i in range(len(c)):
        if i not in excluded:
            by_stratum[c.stratum[i]].append(i)
    target: dict[str, tuple[int, int]] = {}
    eligible: Counter[str] = Counter()
    passed_over: Counter[str] = Counter()
    by_symbol: Counter[str] = Counter()
    dev: list[int] = []
    test: list[int] = []
    for st, idx in by_stratum.items():
        idx.sort(key=lambda j: _order_key(c.keys[j]))
        n_dev, n_test = target[st] = (_targets(len(idx), dev_frac, min_n), _targets(len(idx), test_frac, min_n))
        took: list[int] = []
        for i in idx:
            why = _why_not(c, i, shared, sym_docs, threshold)
            eligible[st] += why is None
            if len(took) < n_dev + n_test:
                if why is None:
                    took.append(i)
                else:
                    passed_over[st] += 1
                    by_symbol[st] += why == "symbol"
        d: list[int] = []
        t: list[int] = []
        for i in took:  # alternate by how full each split is, so a scarce stratum feeds both
            (d if len(d) < n_dev and len(d) * n_test <= len(t) * n_dev else t).append(i)
        dev += d
        test += t
    moved = 0
    while True:  # the final check: everything not held out or excluded is train
        held = set(dev) | set(test)
        train_idx = [i for i in range(len(c)) if i not in held and i not in excluded]
        index = union(c, train_idx)
        train_sym = set().union(*(c.symbols[i] for i in train_idx))
        bad = {i for i in dev if _fails(c, i, [index], train_sym, threshold)}
        dev = [i for i in dev if i not in bad]
        train_sym |= set().union(*(c.symbols[i] for i in dev))
        dev_index = union(c, dev)
        bad |= {i for i in test if _fails(c, i, [index, dev_index], train_sym, threshold)}
        if not bad:
            break
        moved += len(bad)
        test = [i for i in test if i not in bad]
    return Choice(sorted(dev), sorted(test), target, eligible, passed_over, by_symbol, moved)


@dataclass
class Overlap:
    docs: int = 0
    words: int = 0
    shingles: int = 0
    shared: int = 0  # shingles found on the training side
    over: int = 0  # documents over the threshold
    half: int = 0  # documents with more than half their shingles on the training side
    symbol: int = 0  # documents whose number/symbol belongs to a training document
    max_share: float = 0.0

    def add(self, n_words: int, n_sh: int, n_shared: int, threshold: float, symbol: bool) -> None:
        self.docs += 1
        self.words += n_words
        self.shingles += n_sh
        self.shared += n_shared
        share = n_shared / n_sh if n_sh else 0.0
        self.over += share > threshold
        self.half += share > 0.5
        self.symbol += symbol
        self.max_share = max(self.max_share, share)

    def row(self, name: str) -> str:
        pooled = self.shared / self.shingles if self.shingles else 0.0
        pct = (lambda n: f"{n:,} ({100 * n / self.docs:.1f} %)" if self.docs else "0")  # noqa: E731
        return (f"| {name} | {self.docs:,} | {self.words:,} | {100 * pooled:.2f} % | {pct(self.over)} | "
                f"{pct(self.half)} | {pct(self.symbol)} | {100 * self.max_share:.1f} % |")


OVERLAP_HEAD = ("| stratum | documents | words | shingles found in train (pooled) | documents over the threshold | "
                "documents > 50 % | number/symbol of a train document | largest share |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|")


@dataclass
class Side:
    """One side of a split (train, or train + dev) as shingle indexes and symbol keys."""

    indexes: list[np.ndarray]
    symbols: set[str]

    @classmethod
    def of(cls, c: Corpus, idx: Sequence[int]) -> Side:
        return cls([union(c, idx)], set().union(*(c.symbols[i] for i in idx)))

    def plus(self, other: Side) -> Side:
        return Side(self.indexes + other.indexes, self.symbols | other.symbols)

    def hits(self, sh: np.ndarray) -> int:
        mask = np.zeros(len(sh), dtype=bool)
        for index in self.indexes:
            mask |= in_sorted(sh, index)
        return int(mask.sum())


def measure(c: Corpus, held: Sequence[int], side: Side, threshold: float) -> dict[str, Overlap]:
    """Overlap of the held-out documents with one side (train, or train + dev), per stratum and in all."""
    out: dict[str, Overlap] = defaultdict(Overlap)
    for i in held:
        sh = c.shingles[i]
        n_shared = side.hits(sh) if len(sh) else 0
        sym = bool(c.symbols[i] & side.symbols)
        for name in (c.stratum[i], c.stratum[i].split("/")[0] + "/all", "all"):
            out[name].add(c.n_words[i], len(sh), n_shared, threshold, sym)
    return out


def overlap_table(stats: dict[str, Overlap]) -> str:
    names = [s for s in (*STRATA, "legal/all", "general/all", "all") if s in stats]
    return "\n".join([OVERLAP_HEAD, *(stats[s].row(s) for s in names)])


def gold_audit(gold_root: Path, index: np.ndarray, frag_chars: int = 48) -> str:
    """Per data/gold item: share of its 8-word shingles found in train, and how many of its
    48-character fragments (whole words inside, >= 8 of them) have every shingle in train."""
    rows = ["| gold item | words | shingles found in train | 48-char fragments wholly in train |",
            "|---|---:|---:|---:|"]
    for meta_path in sorted(gold_root.rglob("meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        name = str(meta.get("gold") or meta.get("gold_text") or "")
        path = meta_path.parent / name
        if not name or meta.get("external") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        sh = shingle_hashes(text)
        share = float(in_sorted(sh, index).mean()) if len(sh) else 0.0
        flat = " ".join(text.split())
        n_frag = hit = 0
        for k in range(0, len(flat) - frag_chars + 1, frag_chars):
            inner = words(flat[k:k + frag_chars])[1:-1]  # the first and last word may be cut
            if len(inner) < SHINGLE_WORDS:
                continue
            n_frag += 1
            fsh = shingle_hashes(" ".join(inner))
            hit += bool(in_sorted(fsh, index).all())
        frag = f"{hit} / {n_frag} ({100 * hit / n_frag:.0f} %)" if n_frag else "-"
        rows.append(f"| {meta_path.parent.relative_to(gold_root)} | {len(words(text)):,} | {100 * share:.1f} % | {frag} |")
    return "\n".join(rows)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help=f"corpus folder (default {DEFAULT_CORPUS})")
    ap.add_argument("--out", default=DEFAULT_SPLITS, help=f"split file to write (default {DEFAULT_SPLITS})")
    ap.add_argument("--report", default=None, help="write the audit as markdown here (e.g. docs/bench/splits.md)")
    ap.add_argument("--gold", default="data/gold", help="gold set to audit against the old split's train")
    ap.add_argument("--threshold", type=float, default=0.05,
                    help="largest share of a dev/test document's shingles allowed on the training side")
    ap.add_argument("--near", type=float, default=0.8, help="share of covered shingles that makes a duplicate")
    ap.add_argument("--dev-frac", type=float, default=0.02)
    ap.add_argument("--test-frac", type=float, default=0.02)
    ap.add_argument("--min-per-stratum", type=int, default=60, help="dev and test documents per stratum at least")
    ap.add_argument("--no-old-audit", action="store_true", help="skip the audit of the old split")
    ap.add_argument("--cache", default=None, help="pickle of the read corpus (written if absent, read if present)")
    return ap


def split_table(c: Corpus, excluded: dict[int, str], ch: Choice) -> str:
    rows = ["| stratum | documents | exact dup. dropped | near dup. dropped | could be held out | dev target / kept | "
            "test target / kept | passed over to train (by symbol) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    n = Counter(c.stratum)
    ex = Counter((c.stratum[i], why) for i, why in excluded.items())
    dev, test = Counter(c.stratum[i] for i in ch.dev), Counter(c.stratum[i] for i in ch.test)
    for st in STRATA:
        if st not in n:
            continue
        td, tt = ch.target.get(st, (0, 0))
        elig = f"{ch.eligible[st]:,} ({100 * ch.eligible[st] / n[st]:.0f} %)"
        rows.append(f"| {st} | {n[st]:,} | {ex[(st, 'exact')]:,} | {ex[(st, 'near')]:,} | {elig} | {td} / {dev[st]} | "
                    f"{tt} / {test[st]} | {ch.passed_over[st]:,} ({ch.by_symbol[st]:,}) |")
    tot = sum(ch.eligible.values())
    rows.append(f"| all | {len(c):,} | {sum(v == 'exact' for v in excluded.values()):,} | "
                f"{sum(v == 'near' for v in excluded.values()):,} | {tot:,} ({100 * tot / len(c):.0f} %) | "
                f"{sum(t[0] for t in ch.target.values())} / {len(ch.dev)} | "
                f"{sum(t[1] for t in ch.target.values())} / {len(ch.test)} | {sum(ch.passed_over.values()):,} "
                f"({sum(ch.by_symbol.values()):,}) |")
    return "\n".join(rows)


def write_splits(path: Path, c: Corpus, excluded: dict[int, str], ch: Choice, args: argparse.Namespace) -> None:
    def grouped(idx: Sequence[int]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for i in idx:
            out[c.stratum[i]].append(c.keys[i])
        return {k: sorted(v) for k, v in sorted(out.items())}

    data = {
        "format": "vanban.corpus-splits 1", "made_by": "python -m scripts.data.split_corpus",
        "date": dt.date.today().isoformat(), "documents": len(c), "shingle_words": SHINGLE_WORDS,
        "threshold": args.threshold, "near": args.near, "rule": "listed in dev or test: that split; "
        "listed in excluded_*: no split (a duplicate); a folder not in sources (wordlists/): no split; "
        "any other document: train",
        "sources": sorted(set(c.sources)), "dev": grouped(ch.dev), "test": grouped(ch.test),
        "excluded_exact": sorted(c.keys[i] for i, w in excluded.items() if w == "exact"),
        "excluded_near": sorted(c.keys[i] for i, w in excluded.items() if w == "near"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))


def _load_cached(args: argparse.Namespace) -> Corpus:
    """The corpus's shingles, read once and kept in ``--cache`` (a pickle) for reruns of the audit."""
    cache = Path(args.cache) if args.cache else None
    if cache and cache.is_file():
        with cache.open("rb") as f:
            loaded: Corpus = pickle.load(f)
        return loaded
    c = load(args.corpus)
    if cache:
        with cache.open("wb") as f:
            pickle.dump(c, f, protocol=pickle.HIGHEST_PROTOCOL)
    return c


def run(args: argparse.Namespace) -> str:
    t0 = time.time()
    c = _load_cached(args)
    print(f"read {len(c):,} documents in {time.time() - t0:.0f} s", file=sys.stderr)
    shared = shared_mask(c)
    excluded = dedup(c, args.near, shared)
    print(f"duplicates: {len(excluded):,} ({time.time() - t0:.0f} s)", file=sys.stderr)
    ch = choose(c, excluded, dev_frac=args.dev_frac, test_frac=args.test_frac, min_n=args.min_per_stratum,
                threshold=args.threshold, shared=shared)
    del shared
    print(f"split chosen; the final check moved {ch.fixpoint_moved} ({time.time() - t0:.0f} s)", file=sys.stderr)
    write_splits(Path(args.out), c, excluded, ch, args)
    held = set(ch.dev) | set(ch.test)
    train_new = Side.of(c, [i for i in range(len(c)) if i not in held and i not in excluded])
    dev_side = Side.of(c, ch.dev)
    parts = ["### New split: what was removed and held out", "", split_table(c, excluded, ch), "",
             "### New split: test documents against train + dev", "",
             overlap_table(measure(c, ch.test, train_new.plus(dev_side), args.threshold)), "",
             "### New split: dev documents against train", "",
             overlap_table(measure(c, ch.dev, train_new, args.threshold))]
    del train_new, dev_side
    if not args.no_old_audit:
        old = [split_of(*k.split("/", 1)) for k in c.keys]
        old_train = Side.of(c, [i for i in range(len(c)) if old[i] == "train"])
        old_test = [i for i in range(len(c)) if old[i] == "test"]
        old_dev = [i for i in range(len(c)) if old[i] == "dev"]
        parts += ["", "### Old split (`split_of`, hash buckets): test documents against its train", "",
                  overlap_table(measure(c, old_test, old_train, args.threshold)), "",
                  "### Old split: dev documents against its train", "",
                  overlap_table(measure(c, old_dev, old_train, args.threshold))]
        if args.gold and Path(args.gold).is_dir():
            parts += ["", "### data/gold items against the old split's train", "",
                      gold_audit(Path(args.gold), old_train.indexes[0])]
    print(f"done in {time.time() - t0:.0f} s", file=sys.stderr)
    return "\n".join(parts) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    text = run(args)
    print(text)
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
