"""Reading ../shared/corpus and the one train/dev/test split every vanban model and benchmark uses.

The split is by whole document: ``split_of(source, doc_id)`` hashes ``"{source}\\t{doc_id}"``;
buckets 0-19 (of 1000) are test, 20-39 dev, the rest train.  Never change it: models trained by
different scripts are compared on the same held-out documents.
"""

from __future__ import annotations

import hashlib
import json
import lzma
from collections.abc import Iterable, Iterator
from pathlib import Path

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
) -> Iterator[tuple[str, str, str]]:
    """Yield (source, doc_id, text) for every document, optionally of some sources and one split."""
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
                    if split is not None and split_of(source, doc_id) != split:
                        continue
                    yield source, doc_id, doc.get("text") or ""


def _keep(source: str, doc_id: str, k: int, p: float) -> bool:
    """Deterministic paragraph sampling (same paragraphs on every run)."""
    h = int(hashlib.md5(f"{source}\t{doc_id}\t{k}".encode()).hexdigest()[:8], 16)
    return h < p * 0xFFFFFFFF


def sample_docs(corpus: str, split: str, p_legal: float, p_general: float) -> dict[str, list[str]]:
    """Sampled paragraphs of one split, grouped as {"legal": [doc text...], "general": [...]}.

    A paragraph of a legal/administrative document is kept with probability ``p_legal``, of any
    other with ``p_general``, by a hash of (source, id, paragraph number): the neural restorer's
    training sample (scripts/train/neural.py) and its benchmark (scripts/bench/neural.py)."""
    out: dict[str, list[str]] = {"legal": [], "general": []}
    for source, doc_id, text in iter_docs(corpus, split=split):
        group = "legal" if is_tier1(source) else "general"
        p = p_legal if group == "legal" else p_general
        paras = [x for k, x in enumerate(text.split("\n")) if x.strip() and _keep(source, doc_id, k, p)]
        if paras:
            out[group].append("\n".join(paras))
    return out
