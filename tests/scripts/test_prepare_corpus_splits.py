"""prepare_corpus on the duplicate-aware split file (issue 17): dev/test ids held out with their
stratum, excluded duplicates and wordlists/ left out of training; the restore benchmark's strata."""

from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path

import numpy as np

from scripts.bench.restore import paired_interval, register_of, stratum_samples
from scripts.data.prepare_corpus import main

TEXT = "Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai công tác năm {i} tại địa phương"


def _write(root: Path, source: str, records: list[dict[str, str]]) -> None:
    (root / source).mkdir(parents=True)
    with lzma.open(root / source / "docs.jsonl.xz", "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def test_prepare_uses_split_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "legal_a", [{"id": f"l{i}", "text": TEXT.format(i=i)} for i in range(6)])
    _write(corpus, "news_b", [{"id": f"n{i}", "text": f"Người dân hào hứng đón chờ sự kiện lớn số {i} của thành phố"} for i in range(4)])
    _write(corpus, "wordlists", [{"text": "bảng chữ cái"}])
    (corpus / "syllables_detail.tsv").write_text("syllable\tcount_all\tcount_legal\tn_dictionaries\nhào\t5\t0\t1\n", encoding="utf-8")
    splits = tmp_path / "splits.json.gz"
    with gzip.open(splits, "wt", encoding="utf-8") as f:
        json.dump({"format": "vanban.corpus-splits 1", "sources": ["legal_a", "news_b"],
                   "dev": {"legal/title": ["legal_a/l1"]}, "test": {"general/paragraph": ["news_b/n2"]},
                   "excluded_exact": ["legal_a/l3"], "excluded_near": ["news_b/n3"]}, f)
    out = tmp_path / "out"
    assert main(["--corpus", str(corpus), "--out", str(out), "--splits", str(splits), "--general-fraction", "1"]) == 0

    dev = [json.loads(x) for x in (out / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    test = [json.loads(x) for x in (out / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["source"], d["id"], d["stratum"]) for d in dev] == [("legal_a", "l1", "legal/title")]
    assert [(d["source"], d["id"], d["stratum"]) for d in test] == [("news_b", "n2", "general/paragraph")]
    stats = json.loads((out / "stats.json").read_text())
    # train: legal l0 l2 l4 l5, news n0 n1; excluded: l3, n3 and the wordlists record
    assert (stats["docs"], stats["excluded_docs"], stats["dev_docs"], stats["test_docs"]) == (6, 3, 1, 1)
    vocab = (out / "vocab.txt").read_text(encoding="utf-8").split("\n")
    ids = np.load(out / "train_ids.npy")
    # six training sentences (the numbers become <num>: the copies count as duplicates)
    assert stats["sentences"] + stats["dup_sentences"] == 6 and len(ids) == stats["tokens"] + 2 * stats["sentences"]
    assert "chữ" not in vocab  # only the wordlists record had it


def test_strata_and_interval() -> None:
    assert [register_of(s) for s in ("admin_x", "legal_y", "news_z", "general_viwiki")] == ["admin/legal", "admin/legal", "news", "general"]
    long_doc = "\n".join(" ".join(["một"] * 10) for _ in range(50))  # 500 syllables
    recs = [{"source": "news_a", "id": f"d{i}", "stratum": "general/document", "text": long_doc} for i in range(5)]
    recs += [{"source": "general_w", "id": f"t{i}", "stratum": "general/title", "text": "Tên bài"} for i in range(3)]
    s = stratum_samples(recs, budget=250, doc_cap=100)
    assert sorted(s) == ["general/title", "news/document"]
    assert len(s["general/title"]) == 3
    # cap = max(100, 250 // 5) = 100 syllables per document from its start; stop at the budget
    assert [len(r["text"].split()) for r in s["news/document"]] == [100, 100, 100]
    lo, hi = paired_interval([(10, 1)] * 20, [(10, 0)] * 20)
    assert abs(lo - 0.1) < 1e-9 and abs(hi - 0.1) < 1e-9
