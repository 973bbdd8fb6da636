"""Issue 17: the evaluators' gold set (data/gold) is drawn from the TEST side of the duplicate-aware
split file, so that it can never drift back to training text.  (That the split file's test side
shares no more than the threshold of shingles with train is tested in test_split_corpus.py.)"""

from __future__ import annotations

import gzip
import hashlib
import json
import lzma
from pathlib import Path

from scripts.data.build_gold import split_record, take_lines
from scripts.lib.corpus import DEFAULT_SPLITS, Splitter, split_of

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "data" / "gold"
SPLITS = ROOT / DEFAULT_SPLITS
CORPUS_ITEMS = {"stripped-admin", "stripped-general", "synthetic-ocr-eng", "scan-corpus"}


def _metas() -> dict[str, dict[str, object]]:
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*/meta.json"))}


def test_every_gold_corpus_document_is_on_the_test_side_of_the_split_file() -> None:
    metas = _metas()
    with_docs = {name for name, meta in metas.items() if meta.get("documents")}
    assert with_docs == CORPUS_ITEMS  # no corpus item escapes the check by naming no documents
    splitter = Splitter(SPLITS)
    digest = hashlib.sha256(SPLITS.read_bytes()).hexdigest()
    for name in sorted(with_docs):
        meta = metas[name]
        # built from this very split file (a rebuilt split file means a rebuilt gold set)
        assert meta["split"] == {"splits": DEFAULT_SPLITS, "sha256": digest, "side": "test"}, name
        docs = meta["documents"]
        assert isinstance(docs, list) and docs, name
        for key in docs:
            source, _, doc_id = str(key).partition("/")
            assert splitter.split_of(source, doc_id) == "test", (name, key)
    # the scan item's body document is the one its meta names as content
    assert metas["scan-corpus"]["documents"] == [metas["scan-corpus"]["content"]]


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "legal_a").mkdir(parents=True)
    with lzma.open(root / "legal_a" / "docs.jsonl.xz", "wt", encoding="utf-8") as f:
        for i in range(300):
            f.write(json.dumps({"id": f"d{i}", "text": f"văn bản số {i} quy định chi tiết thi hành luật"}) + "\n")
    return root


def test_build_gold_draws_only_the_chosen_test_side(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    splits = tmp_path / "splits.json.gz"
    with gzip.open(splits, "wt", encoding="utf-8") as f:
        json.dump({"format": "vanban.corpus-splits 1", "sources": ["legal_a"],
                   "dev": {"legal/title": ["legal_a/d1"]}, "test": {"legal/title": ["legal_a/d5", "legal_a/d7"]},
                   "excluded_exact": ["legal_a/d6"]}, f)
    lines, docs = take_lines(str(corpus), {"legal_a": 1.0}, 10_000, 50, Splitter(splits))
    assert docs == ["legal_a/d5", "legal_a/d7"]
    assert lines == ["văn bản số 5 quy định chi tiết thi hành luật", "", "văn bản số 7 quy định chi tiết thi hành luật", ""]
    assert split_record(Splitter(splits))["sha256"] == hashlib.sha256(splits.read_bytes()).hexdigest()

    _, old_docs = take_lines(str(corpus), {"legal_a": 1.0}, 10_000, 50, Splitter("old"))
    assert old_docs == [f"legal_a/d{i}" for i in range(300) if split_of("legal_a", f"d{i}") == "test"]
    assert split_record(Splitter("old"))["splits"] == "old"
