"""Golden JSON for whole documents: geometry and text inputs, schema-valid, round-tripping."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import structure_fixtures as F
from conftest import DEV_GOLD, GOLDEN_DIR

from pipeline.document import Document
from pipeline.structure import build_document, document_from_text
from pipeline.types import SourceInfo

INFO = SourceInfo(path="synthetic.pdf", sha256="0" * 64, pages=0, kind="pdf")

CASES: dict[str, Callable[[], Document]] = {
    "kh_geometry": lambda: build_document(F.kh_pages(merged_header=True), INFO),
    "cong_van_geometry": lambda: build_document(F.cong_van_pages(), INFO),
    "party_text": lambda: document_from_text(F.PARTY_TEXT, "party.txt"),
    "qd_legal_text": lambda: document_from_text(F.QD_TEXT, "qd.txt"),
}


def _skeleton(sections: list[dict]) -> list[dict]:
    return [{"kind": s["kind"], "label": s["label"], "title": s["title"], "page_no": s["page_no"],
             "children": _skeleton(s["children"])} for s in sections]


def _check_golden(name: str, doc: Document, regen: bool, validate: Callable[[dict], None], *, full: bool = True) -> None:
    data = doc.to_dict()
    validate(data)
    assert Document.from_dict(data).to_dict() == data  # round trip
    if not full:
        # Shared dev text stays out of the repo: keep only the structure, not the running text.
        data = {"header": data["header"], "bases": [b[:48] for b in data["bases"]],
                "sections": _skeleton(data["sections"]), "signature": data["signature"]}
    path = GOLDEN_DIR / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if regen or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not regen:
            pytest.fail(f"golden file {path.name} was missing and has been written; review and rerun")
    assert json.loads(path.read_text(encoding="utf-8")) == data, f"{path.name} differs; rerun with --regen-golden and review the diff"


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, regen_golden: bool, validate: Callable[[dict], None]) -> None:
    _check_golden(name, CASES[name](), regen_golden, validate)


@pytest.mark.skipif(not DEV_GOLD.exists(), reason="shared dev set not mounted")
def test_golden_dev_legacy_text(regen_golden: bool, validate: Callable[[dict], None]) -> None:
    doc = document_from_text(DEV_GOLD.read_text(encoding="utf-8"), "gold.txt")
    _check_golden("dev_119_KH_UBND_text", doc, regen_golden, validate, full=False)


def test_header_columns_as_one_line_or_two_give_the_same_document() -> None:
    merged = build_document(F.kh_pages(merged_header=True), INFO).to_dict()
    split = build_document(F.kh_pages(merged_header=False), INFO).to_dict()
    for d in (merged, split):
        d.pop("pages")
    assert merged == split
