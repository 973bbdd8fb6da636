"""Prepare the restoration corpus: inventory, LM training ids, held-out dev/test documents.

    python -m scripts.data.prepare_corpus --corpus ../shared/corpus --out work/corpus
                                          [--splits data/splits/corpus-splits.json.gz | --splits old]

Writes under ``--out``:
  inventory.tsv     lowercase old-style syllables with counts (corpus syllables*.tsv merged
                    across tone styles, plus counts from the training text)
  vocab.txt         LM vocabulary: the special tokens, then the inventory by frequency
  train_ids.npy     uint16 id stream of deduplicated training sentences, each ``<s> ... </s>``
                    (legal/admin tier whole, general tier subsampled by document)
  dev.jsonl, test.jsonl   the held-out documents {source, id, stratum, text}, for benchmarks only
The split (``--splits``) is the duplicate-aware split file of scripts/data/split_corpus.py
(issue 17, docs/bench/splits.md): its dev and test ids are held out, its excluded duplicates
(and ``wordlists/``, which holds no documents) are left out of everything, every other document
is train.  ``--splits old`` reproduces the models trained before it: the hash buckets of
``scripts.lib.corpus.split_of`` (stratum "" in the held-out files, wordlists/ in train).
Text is NFC; tone placement is unified to the old style ("hòa", "thủy") for the model; the
restorer maps its output back to the convention of the input (pipeline/vn/orthography.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from pipeline.restore.core.lm import BOS_ID, EOS_ID, SPECIALS, UNK_ID
from pipeline.restore.core.tokenize import lm_tokens
from pipeline.vn.orthography import model_form, nfc, strip_diacritics, syllable_tone
from scripts.lib.corpus import (
    DEFAULT_CORPUS,
    DEFAULT_SPLITS,
    Splitter,
    is_tier1,
    iter_docs,
)


def read_syllable_counts(corpus: Path) -> dict[str, int]:
    """Corpus syllable list merged over tone styles (old style kept); dictionary-only get 0."""
    counts: dict[str, int] = {}
    detail = corpus / "syllables_detail.tsv"
    with open(detail, encoding="utf-8") as f:
        next(f)
        for line in f:
            syl, count_all, *_ = line.rstrip("\n").split("\t")
            form = model_form(syl)
            counts[form] = counts.get(form, 0) + int(count_all)
    return counts


ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
STOP_FINALS = ("p", "t", "c", "ch")


def split_onset(toneless: str) -> list[tuple[str, str]]:
    """Every (onset, rhyme) reading of a toneless lowercase syllable."""
    return [(o, toneless[len(o) :]) for o in ONSETS if toneless.startswith(o) and len(toneless) > len(o)]


def rhyme_set(syllables: list[str]) -> set[str]:
    """Rhymes attested in the corpus syllable list (its onset parsing misses some qu- syllables)."""
    rhymes: set[str] = set()
    for syl in syllables:
        toneless, _, _ = syllable_tone(syl)
        for onset, rhyme in split_onset(toneless):
            if onset != "qu" and onset != "gi":
                rhymes.add(rhyme)
                break
    return rhymes


def plausible_syllable(word: str, rhymes: set[str], stripped_known: set[str] | frozenset[str] = frozenset()) -> bool:
    """A syllable the corpus list misses: qu-/gi- + attested rhyme + an allowed tone (stop finals
    take sắc or nặng only).  Other forms missing from the list are misspellings ("câp", "việ") or
    foreign words, which stay ``<unk>`` and are never candidates."""
    toneless, tone, _ = syllable_tone(word)
    if not toneless.isalpha() or not toneless.islower():
        return False
    for onset, rhyme in split_onset(toneless):
        if onset in ("qu", "gi") and rhyme in rhymes and (tone in (1, 5) or not rhyme.endswith(STOP_FINALS)):
            return True
    return False


def frequent_foreign(word: str, count: int, min_count: int) -> bool:
    """A plain ASCII word written as is often enough to be a candidate of its own ("tip", "kit")."""
    return word.isascii() and word.isalpha() and word.islower() and count >= min_count


def general_keep(source: str, doc_id: str, fraction: float) -> bool:
    """Deterministic document subsample of the general tier (independent of the split hash)."""
    h = int(hashlib.md5(f"{source}\t{doc_id}".encode()).hexdigest(), 16) % 10000
    return h < fraction * 10000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--out", default="work/corpus")
    ap.add_argument("--general-fraction", type=float, default=0.6,
                    help="share of general-tier train documents kept (0.6 from 2026-12-07, chosen on the new dev split "
                    "with the LM size capped at 20 MB; 0.4 from 2026-11-26, 0.12 before)")
    ap.add_argument("--legal-fraction", type=float, default=1.0, help="share of legal-tier train documents kept")
    ap.add_argument("--min-count", type=int, default=5, help="training occurrences for a syllable missing from the corpus list")
    ap.add_argument("--min-foreign", type=int, default=50, help="training occurrences for a plain ASCII word to join the vocabulary")
    ap.add_argument("--sources", default="", help="comma-separated source folders (default: all)")
    ap.add_argument("--splits", default=DEFAULT_SPLITS, help="split file of scripts.data.split_corpus, or 'old' for the hash buckets of scripts/lib/corpus.py")
    args = ap.parse_args(argv)
    corpus, out = Path(args.corpus), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()

    shared = read_syllable_counts(corpus)
    counts = dict(shared)
    # Every word form gets a provisional id; the final vocabulary (shared syllable list plus
    # plausible syllables seen often enough) is decided after counting, then ids are remapped.
    forms = _Forms()
    only = [x for x in args.sources.split(",") if x] or None
    splitter = Splitter(args.splits)
    raw_ids, stats = _train_stream(corpus, only, args.legal_fraction, args.general_fraction, forms, out, t0, splitter)
    raw_counts = np.bincount(raw_ids, minlength=len(forms.forms))
    vocab = _vocabulary(counts, forms, raw_counts, args.min_count, args.min_foreign)
    final = {w: i for i, w in enumerate(vocab)}
    remap = np.array([final.get(w, UNK_ID) for w in forms.forms], dtype=np.uint16)
    ids_all = remap[raw_ids]
    del raw_ids
    np.save(out / "train_ids.npy", ids_all)
    index = final
    added = [w for w in vocab[len(SPECIALS) :] if w not in shared]
    (out / "added_syllables.txt").write_text("\n".join(added) + "\n", encoding="utf-8")

    # Add training-text counts to the inventory counts so the priors reflect the training mix.
    tc = np.bincount(ids_all, minlength=len(vocab))
    with open(out / "inventory.tsv", "w", encoding="utf-8") as f:
        f.write("# syllable\tcount (corpus syllable list + training text), old-style tones, lowercase\n")
        for w in vocab[len(SPECIALS) :]:
            f.write(f"{w}\t{counts[w] + int(tc[index[w]])}\n")
    (out / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    stats["unk_rate_permille"] = int(1000 * tc[UNK_ID] / max(1, stats["tokens"]))
    stats["seconds"] = int(time.time() - t0)
    record: dict[str, object] = {**stats, "splits": args.splits, "general_fraction": args.general_fraction, "legal_fraction": args.legal_fraction}
    (out / "stats.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(stats), file=sys.stderr)
    return 0


class _Forms:
    """Provisional ids of the word forms (model form) in order of first appearance, specials first."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {w: i for i, w in enumerate(SPECIALS)}
        self.forms: list[str] = list(SPECIALS)
        self._cache: dict[str, int] = {}

    def wid(self, w: str) -> int:
        i = self._cache.get(w)
        if i is None:
            m = model_form(w)
            i = self.index.get(m)
            if i is None:
                i = self.index[m] = len(self.forms)
                self.forms.append(m)
            self._cache[w] = i
        return i


def _train_stream(corpus: Path, only: list[str] | None, legal_fraction: float, general_fraction: float,
                  forms: _Forms, out: Path, t0: float, splitter: Splitter) -> tuple[np.ndarray, dict[str, int]]:
    """The provisional-id stream of the kept train documents' deduplicated sentences, and counts;
    dev and test documents go to OUT/dev.jsonl and OUT/test.jsonl, excluded ones nowhere."""
    seen: set[bytes] = set()
    chunks: list[np.ndarray] = []
    buf: list[int] = []
    held = {"dev": open(out / "dev.jsonl", "w", encoding="utf-8"), "test": open(out / "test.jsonl", "w", encoding="utf-8")}
    stats = {"docs": 0, "sentences": 0, "dup_sentences": 0, "tokens": 0, "legal_tokens": 0, "excluded_docs": 0, "dev_docs": 0, "test_docs": 0}
    for source, doc_id, text in iter_docs(corpus, only=only):
        split, stratum = splitter(source, doc_id)
        if split == "excluded":
            stats["excluded_docs"] += 1
            continue
        if split != "train":
            stats[f"{split}_docs"] += 1
            rec = {"source": source, "id": doc_id, "stratum": stratum, "text": text}
            held[split].write(json.dumps(rec, ensure_ascii=False) + "\n")
            continue
        tier1 = is_tier1(source)
        frac = legal_fraction if tier1 else general_fraction
        if frac < 1.0 and not general_keep(source, doc_id, frac):
            continue
        stats["docs"] += 1
        _add_document(text, tier1, forms, seen, buf, stats)
        if len(buf) > 5_000_000:
            chunks.append(np.array(buf, dtype=np.uint32))
            buf = []
            print(f"  {stats['tokens']:,} tokens, {time.time() - t0:.0f}s", file=sys.stderr)
    chunks.append(np.array(buf, dtype=np.uint32))
    for f in held.values():
        f.close()
    return np.concatenate(chunks), stats


def _add_document(text: str, tier1: bool, forms: _Forms, seen: set[bytes], buf: list[int], stats: dict[str, int]) -> None:
    """Append the document's sentences to ``buf`` as ``<s> ids </s>``, each sentence of 6 or more
    tokens once (``seen`` holds the hashes met so far)."""
    for para in nfc(text).split("\n"):
        for sent in lm_tokens(para):
            ids = [forms.wid(w.lower()) if w[0] != "<" else forms.index[w] for w in sent]
            if len(ids) >= 6:
                h = hashlib.blake2b(np.array(ids, dtype=np.uint32).tobytes(), digest_size=8).digest()
                if h in seen:
                    stats["dup_sentences"] += 1
                    continue
                seen.add(h)
            buf.append(BOS_ID)
            buf.extend(ids)
            buf.append(EOS_ID)
            stats["sentences"] += 1
            stats["tokens"] += len(ids)
            if tier1:
                stats["legal_tokens"] += len(ids)


def _vocabulary(counts: dict[str, int], forms: _Forms, raw_counts: np.ndarray, min_count: int,
                min_foreign: int) -> list[str]:
    """The LM vocabulary: specials, then the corpus syllable list plus the plausible syllables and
    frequent foreign words of the training text (added to ``counts`` with count 0), by frequency."""
    rhymes = rhyme_set(list(counts))
    stripped_known = {strip_diacritics(w) for w in counts}
    for i in range(len(SPECIALS), len(forms.forms)):
        w = forms.forms[i]
        if w in counts:
            continue
        if raw_counts[i] >= min_count and plausible_syllable(w, rhymes, stripped_known):
            counts[w] = 0
        elif frequent_foreign(w, int(raw_counts[i]), min_foreign):
            counts[w] = 0
    seen_count = {w: int(raw_counts[forms.index[w]]) for w in counts if w in forms.index}
    vocab = list(SPECIALS) + sorted(counts, key=lambda s: (-counts[s] - seen_count.get(s, 0), s))
    if len(vocab) >= 2**14 - 1:
        raise SystemExit(f"vocabulary of {len(vocab)} too large for 14-bit ids")
    return vocab


if __name__ == "__main__":
    raise SystemExit(main())
