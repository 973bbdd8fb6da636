"""Reading ../shared/corpus and the train/dev/test split every vanban model and benchmark uses.

The split is the duplicate-aware split file ``data/splits/corpus-splits.json.gz`` written by
scripts/data/split_corpus.py (issue 17, docs/bench/splits.md): explicit dev and test ids, each
sharing at most 5 % of its 8-word shingles with the other sides and no document number/symbol,
exact and near duplicates excluded from every side, everything else train.  ``active_split_of``
answers from the split chosen with ``use_splits`` (a script's ``--splits`` option, see
``add_splits_option``), the split file unless told ``old``; ``iter_docs``, ``sample_docs`` and
``scripts.lib.ocr_lines.corpus_lines`` use it unless given another ``split_fn``.

``split_of`` is the old split by document id (``sha1(source \\t id) % 1000``: 0-19 test, 20-39
dev, the rest train), which issue 17 found leaky (the same text sits in the corpus under several
ids); it stays only so that figures of the models trained on it can be reproduced (``--splits old``).
The shingle/symbol helpers below serve the split tool and its tests.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import lzma
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

DEFAULT_CORPUS = "../shared/corpus"

TIER1_PREFIXES = ("legal_", "admin_")  # legal / administrative register
TIER2_PREFIXES = ("general_", "news_")


def split_of(source: str, doc_id: str) -> str:
    """"test", "dev" or "train" for a document (source = corpus folder name, doc_id = record id)."""
    bucket = int(hashlib.sha1(f"{source}\t{doc_id}".encode()).hexdigest(), 16) % 1000
    if bucket < 20:
        return "test"
    if bucket < 40:
        return "dev"
    return "train"


def is_tier1(source: str) -> bool:
    """True for the legal/administrative sources."""
    return source.startswith(TIER1_PREFIXES)


def sources(corpus: str | Path = DEFAULT_CORPUS) -> list[str]:
    """Source folder names of the corpus (each holds one *.jsonl.xz file), sorted."""
    root = Path(corpus)
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder {root} not found; pass --corpus PATH (default {DEFAULT_CORPUS})")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.jsonl.xz")))


def iter_docs(
    corpus: str | Path = DEFAULT_CORPUS,
    *,
    only: Iterable[str] | None = None,
    split: str | None = None,
    split_fn: Callable[[str, str], str] | None = None,
) -> Iterator[tuple[str, str, str]]:
    """Yield (source, doc_id, text) for every document, optionally of some sources and one split
    (as ``split_fn`` answers: ``active_split_of`` by default, the split file unless told "old")."""
    of = split_fn or active_split_of
    root = Path(corpus)
    wanted = set(only) if only is not None else None
    for source in sources(root):
        if wanted is not None and source not in wanted:
            continue
        for path in sorted((root / source).glob("*.jsonl.xz")):
            with lzma.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    doc = json.loads(line)
                    doc_id = str(doc.get("id", ""))
                    if split is not None and of(source, doc_id) != split:
                        continue
                    yield source, doc_id, doc.get("text") or ""


def _keep(source: str, doc_id: str, k: int, p: float) -> bool:
    """Deterministic paragraph sampling (same paragraphs on every run)."""
    h = int(hashlib.md5(f"{source}\t{doc_id}\t{k}".encode()).hexdigest()[:8], 16)
    return h < p * 0xFFFFFFFF


def sample_docs(corpus: str, split: str, p_legal: float, p_general: float,
                split_fn: Callable[[str, str], str] | None = None) -> dict[str, list[str]]:
    """Sampled paragraphs of one split, grouped as {"legal": [doc text...], "general": [...]}.

    A paragraph of a legal/administrative document is kept with probability ``p_legal``, of any
    other with ``p_general``, by a hash of (source, id, paragraph number): the neural restorer's
    training sample (scripts/train/neural.py) and its benchmark (scripts/bench/neural.py).
    ``split_fn`` answers a document's split (``active_split_of`` by default)."""
    out: dict[str, list[str]] = {"legal": [], "general": []}
    for source, doc_id, text in iter_docs(corpus, split=split, split_fn=split_fn):
        group = "legal" if is_tier1(source) else "general"
        p = p_legal if group == "legal" else p_general
        paras = [x for k, x in enumerate(text.split("\n")) if x.strip() and _keep(source, doc_id, k, p)]
        if paras:
            out[group].append("\n".join(paras))
    return out


# --- Near-duplicate measures (issue 17): word shingles, document numbers/symbols ------------------

SHINGLE_WORDS = 8  # a shingle is 8 consecutive words (lower-cased \w+ runs, paragraph breaks ignored)
_WORD = re.compile(r"\w+")
# 64-bit odd multipliers, one per shingle position (fixed: shingle hashes must not change between runs)
_POSITION = [int.from_bytes(hashlib.blake2b(f"shingle-position-{i}".encode(), digest_size=8).digest(), "little") | 1
             for i in range(64)]


class _TokenHashes(dict[str, int]):
    """Token -> stable 64-bit hash (blake2b of the token), computed once per distinct token."""

    def __missing__(self, token: str) -> int:
        value = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
        self[token] = value
        return value


_TOKEN_HASHES = _TokenHashes()


def words(text: str) -> list[str]:
    """The words shingles are made of: lower-cased runs of letters/digits (punctuation and
    spacing differences between sources do not hide a duplicate)."""
    return _WORD.findall(text.lower())


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 64-bit hashes of the text's k-word shingles (uint64).  A text of fewer than
    k words (but at least one) has one shingle: all its words; an empty text has none.  The same
    words give the same hashes in every process (no Python hash randomisation)."""
    toks = words(text)
    if not toks:
        return np.zeros(0, dtype=np.uint64)
    t = np.array(list(map(_TOKEN_HASHES.__getitem__, toks)), dtype=np.uint64)
    width = min(k, len(t))
    n = len(t) - width + 1
    h = np.zeros(n, dtype=np.uint64)
    for i in range(width):
        h += t[i:i + n] * np.uint64(_POSITION[i])  # wraps modulo 2**64, as intended
    return np.unique(h)


def share_in(shingles: np.ndarray, index: np.ndarray) -> float:
    """Share of ``shingles`` (unique uint64) found in ``index`` (a sorted unique uint64 array)."""
    if len(shingles) == 0 or len(index) == 0:
        return 0.0
    return float(np.count_nonzero(in_sorted(shingles, index))) / len(shingles)


def in_sorted(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Boolean mask: which of ``values`` occur in the sorted array ``index``."""
    if len(index) == 0:
        return np.zeros(len(values), dtype=bool)
    pos = np.searchsorted(index, values)
    pos[pos == len(index)] = 0
    return np.asarray(index[pos] == values)


_SYMBOL = re.compile(r"(?<![\w/])(\d{1,5})/(?:(?:19|20)\d\d/)?([A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*)")
_SLUG = re.compile(r"(?:^|[-/])(\d{1,5})-(?:(?:19|20)\d\d-)?([a-z]{2,}[0-9]*)(?:-([a-z]{2,}[0-9]*))?")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TYPE_CODES = {"nd", "nq", "tt", "qd", "ct", "kh", "tb", "cv", "vbhn", "ttlt", "ubnd", "l", "ubtvqh"}


def _fold(s: str) -> str:
    return s.replace("Đ", "D").replace("đ", "d").lower()


def doc_symbols(source: str, record: dict[str, object]) -> set[str]:
    """Normalised number/symbol keys of a legal/administrative record ("193/nd-cp"), from its
    ``so_hieu`` field, its title and its id (slugs like ``nghi-dinh-193-2026-nd-cp-...``).  The
    year is left out (titles often omit it), so a key may match a same-numbered document of another
    year: over-matching only moves a document to train.  General (news, wiki) records have none:
    an article that names a decree is not a copy of it."""
    if not is_tier1(source):
        return set()
    keys: set[str] = set()
    for field_ in ("so_hieu", "title", "id"):
        value = str(record.get(field_) or "")
        for num, typ in _SYMBOL.findall(value):
            keys.add(f"{int(num)}/{_fold(typ)}")
        if field_ != "title" and not _UUID.fullmatch(value):
            for num, first, second in _SLUG.findall(_fold(value)):
                if first in _TYPE_CODES or first[-1].isdigit():
                    typ = f"{first}-{second}" if second and first in _TYPE_CODES else first
                    keys.add(f"{int(num)}/{typ}")
    return keys


def iter_records(corpus: str | Path = DEFAULT_CORPUS) -> Iterator[tuple[str, dict[str, object]]]:
    """Yield (source, record) for every corpus record, with all its fields (title, so_hieu, ...)."""
    root = Path(corpus)
    for source in sources(root):
        for path in sorted((root / source).glob("*.jsonl.xz")):
            with lzma.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        yield source, json.loads(line)


# --- The duplicate-aware split file written by scripts/data/split_corpus.py ----------------------

DEFAULT_SPLITS = "data/splits/corpus-splits.json.gz"
_REPO = Path(__file__).resolve().parents[2]


def _split_path(spec: str | Path) -> Path:
    """A split file named relative to the working directory, else to the repository root."""
    path = Path(spec)
    return path if path.is_absolute() or path.exists() else _REPO / path


class SplitFile:
    """The split of scripts/data/split_corpus.py: explicit dev and test ids, an exclusion list
    (exact and near duplicates), everything else train.  ``split_of`` answers like the module's
    ``split_of`` but may also answer "excluded" (leave the document out of every split)."""

    def __init__(self, data: dict[str, object]):
        self.meta = data
        self._of: dict[str, str] = {}
        self.stratum: dict[str, str] = {}  # dev/test key -> stratum ("legal/title", ...)
        for name in ("dev", "test"):
            groups = data.get(name) or {}
            for stratum, keys in groups.items():  # type: ignore[attr-defined]
                for key in keys:
                    self._of[str(key)] = name
                    self.stratum[str(key)] = str(stratum)
        for name in ("excluded_exact", "excluded_near"):
            for key in data.get(name) or []:  # type: ignore[attr-defined]
                self._of[str(key)] = "excluded"

    @classmethod
    def load(cls, path: str | Path = DEFAULT_SPLITS) -> SplitFile:
        with gzip.open(_split_path(path), "rt", encoding="utf-8") as f:
            return cls(json.load(f))

    def split_of(self, source: str, doc_id: str) -> str:
        """"train", "dev", "test" or "excluded" (a duplicate, or a folder that holds no documents:
        ``sources()`` also lists wordlists/, whose *.jsonl.xz files are dictionary headwords)."""
        covered = self.meta.get("sources")
        if isinstance(covered, list) and source not in covered:
            return "excluded"
        return self._of.get(f"{source}/{doc_id}", "train")


class Splitter:
    """The split a script was told to use (its ``--splits`` option): a split file of
    scripts/data/split_corpus.py (answers "train", "dev", "test" or "excluded", with the stratum of
    held-out documents), or ``"old"`` for the hash buckets of ``split_of`` (stratum "").  Shared by
    scripts/data/prepare_corpus.py and scripts/data/build_gold.py."""

    def __init__(self, spec: str | Path = DEFAULT_SPLITS) -> None:
        self.file = None if str(spec) == "old" else SplitFile.load(spec)
        self.name = str(spec)

    def split_of(self, source: str, doc_id: str) -> str:
        """The document's split (never "excluded" under ``"old"``)."""
        return split_of(source, doc_id) if self.file is None else self.file.split_of(source, doc_id)

    def __call__(self, source: str, doc_id: str) -> tuple[str, str]:
        """(split, stratum) of a document."""
        if self.file is None:
            return split_of(source, doc_id), ""
        return self.file.split_of(source, doc_id), self.file.stratum.get(f"{source}/{doc_id}", "")


_active: Splitter | None = None


def use_splits(spec: str | Path = DEFAULT_SPLITS) -> Splitter:
    """Make ``spec`` (a split file, or "old") the split ``active_split_of`` answers from."""
    global _active
    _active = Splitter(spec)
    return _active


def active_split_of(source: str, doc_id: str) -> str:
    """The document's split under the split chosen with ``use_splits`` (the split file by default):
    "train", "dev", "test", or "excluded" (a duplicate: in no split)."""
    return (_active or use_splits()).split_of(source, doc_id)


def active_splits_name() -> str:
    """The chosen split, for manifests and reports: the split file's path, or "old"."""
    return (_active or use_splits()).name


def add_splits_option(ap: argparse.ArgumentParser) -> None:
    """The ``--splits`` option every data, training and benchmark script takes (call ``use_splits``)."""
    ap.add_argument("--splits", default=DEFAULT_SPLITS,
                    help="split file of scripts.data.split_corpus (issue 17, the default), "
                         "or 'old' for the hash buckets the models before it were trained on")
