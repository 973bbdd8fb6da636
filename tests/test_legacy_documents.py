"""A whole legacy-OCR plan with an appendix table, made, OCR'd with Tesseract eng and parsed (issue 13).

Real components throughout: the document is rendered, degraded and read by ``tesseract -l eng``
(scripts/data/make_legacy_docs.py), then restored and structured by ``pipeline.parse``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.evaluate import TextScores, score_line
from scripts.bench.legacy_docs import page_lines

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from scripts.data.make_legacy_docs import make_doc

    out = tmp_path_factory.mktemp("legacy")
    # psm 6 at 200 dpi: a ruled table read line by line across its columns, as archive dumps are
    make_doc(out, "doc", seed=7, pages=3, corpus=None, corpus_index=0, psms=[6], dpis=[200])
    return out / "doc.ocr.txt"


def test_generated_ground_truth_is_line_aligned(legacy_doc: Path) -> None:
    ocr, gold = page_lines(legacy_doc), page_lines(legacy_doc.with_name("doc.gold.txt"))
    kinds = json.loads(legacy_doc.with_name("doc.gt.json").read_text())["line_kinds"]
    assert len(ocr) == len(gold) == len(kinds) == 3
    for o, g, k in zip(ocr, gold, kinds, strict=True):
        assert len(o) == len(g) == len(k)
    assert any("table" in k for k in kinds)


def test_table_lines_restore_and_keep_cells_apart(legacy_doc: Path) -> None:
    ocr, gold = page_lines(legacy_doc), page_lines(legacy_doc.with_name("doc.gold.txt"))
    kinds = json.loads(legacy_doc.with_name("doc.gt.json").read_text())["line_kinds"]
    table = TextScores()
    for o, g, k in zip(ocr, gold, kinds, strict=True):
        out = pipeline.restore_text("\n".join(o)).text.split("\n")
        for pred, ref, kind in zip(out, g, k, strict=True):
            if kind != "prose":
                table.add(score_line(pred, ref))
                assert "|" not in pred
    assert table.syllables > 100
    assert table.syllable_accuracy >= 0.85


def test_whole_document_parses_to_header_and_rows(legacy_doc: Path) -> None:
    gt = json.loads(legacy_doc.with_name("doc.gt.json").read_text())
    res = pipeline.parse(str(legacy_doc), {"jobs": 1})
    d = res.to_dict()
    for field in ("number", "date", "doc_type"):
        assert d["header"][field] == gt["header"][field]
    assert d["source"]["input_kind"] == "ocr-eng"
    rows = [r for a in d["appendices"] for t in a["tables"] for r in t["rows"]]
    want = [r["cells"][0] for r in gt["appendices"][0]["tables"][0]["rows"]]
    got = [r["cells"][0] for r in rows]
    assert sum(w in got for w in want) >= 0.8 * len(want)
    items = [r for r in rows if r["kind"] == "item"]
    assert items and all(len(r["cells"]) == 5 for r in items)
