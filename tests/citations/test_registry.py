"""The registry: build it from a tiny synthetic corpus, load it, and check the shipped one."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

import pytest

from pipeline.citations import Resolver, check_citations, default_resolver, find, load_registry
from pipeline.citations.registry import DEFAULT_REGISTRY
from scripts.data import build_registry


def _write(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with lzma.open(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    cite = "Căn cứ Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ về người lao động;"
    typo = "Căn cứ Nghị định số 152/2020/NĐ-CP ngày 31/12/2020 của Chính phủ;"
    docs = [
        {"id": f"d{i}", "source": "x", "title": "", "text": f"CHÍNH PHỦ\nSố: 1{i}/2021/NĐ-CP Hà Nội, ngày 0{i + 1} tháng 3 năm 2021\n{cite}"}
        for i in range(3)
    ] + [{"id": "typo", "source": "x", "title": "", "text": typo}]
    _write(tmp_path / "legal_congbao_8chude" / "c.jsonl.xz", [dict(d, so_hieu="", loai="Nghị định") for d in docs])
    _write(tmp_path / "admin_binhduong_trichyeu" / "b.jsonl.xz", [
        {"id": "3637/UBND-VX", "source": "y", "title": "", "text": "triển khai công tác bhyt", "ngay_ban_hanh": "20/07/2022"},
    ])
    return tmp_path


def test_build_and_load(tiny_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "reg.json.gz"
    assert build_registry.main(["--corpus", str(tiny_corpus), "--out", str(out),
                                "--sources", "legal_congbao_8chude,admin_binhduong_trichyeu"]) == 0
    reg = load_registry(out)
    assert isinstance(reg, Resolver)
    sym = find("Nghị định số 152/2020/NĐ-CP").citations[0].symbol
    (entry,) = reg.lookup(sym)  # the one-source typo (31/12) is outvoted
    assert (entry.date, entry.sources, entry.issuer) == ("2020-12-30", 3, "Chính phủ")
    own = reg.lookup(find("Số: 11/2021/NĐ-CP").citations[0].symbol)
    assert own and own[0].date == "2021-03-02" and own[0].origin == "own"
    (bd,) = reg.lookup(find("Công văn số 3637/UBND-VX").citations[0].symbol)
    assert bd.date == "2022-07-20" and bd.issuer == "UBND tỉnh Bình Dương"
    rep = check_citations("Căn cứ Nghị định số 152/2020/NĐ-CP ngày 31/12/2020 của Chính phủ;", resolver=reg)
    assert [f.rule for f in rep.findings] == ["registry.date_differs"]


@pytest.mark.skipif(not DEFAULT_REGISTRY.exists(), reason="shipped registry not built")
def test_shipped_registry() -> None:
    assert DEFAULT_REGISTRY.stat().st_size < 5_000_000
    reg = default_resolver()
    sym = find("Nghị định số 30/2020/NĐ-CP").citations[0].symbol
    dates = {e.date for e in reg.lookup(sym)}
    assert "2020-03-05" in dates
    rep = check_citations("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/4/2020 của Chính phủ về công tác văn thư;")
    assert "registry.date_differs" in [f.rule for f in rep.findings]
