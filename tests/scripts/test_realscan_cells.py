"""The real-scan cells bench scores table rows and body lines apart (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.bench.realscan_cells import score_page

TRUTH = {
    "page": 1,
    "body": ["THÔNG BÁO", "Kính gửi: Phòng Đào tạo"],
    "table": [["STT", "Ngày"], ["1", "12/02/2014"]],
}


def test_rows_and_body_are_scored_apart_and_the_header_block_is_skipped() -> None:
    page = "TRƯỜNG ĐẠI HỌC\nSố: 01/TB\nTHÔNG BÁO\nKính gửi: Phòng Đào tạo\nSTT\tNgày\n1\t12/02/2014"
    got = score_page(page, TRUTH)
    assert got["body_cer"] == 0.0  # the lines above the first body line are not body
    assert got["cell_cer"] == 0.0


def test_a_misread_cell_counts_against_the_cells_only() -> None:
    page = "THÔNG BÁO\nKính gửi: Phòng Đào tạo\nSTT\tNgày\n1\t12/02 2014"
    got = score_page(page, TRUTH)
    assert got["body_cer"] == 0.0
    assert 0.0 < got["cell_cer"] < 0.2


def test_the_shipped_transcription_is_well_formed() -> None:
    root = Path(__file__).resolve().parents[2] / "data" / "real-scans-hand"
    files = sorted(root.glob("*.json"))
    assert files
    for path in files:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert truth["source"] and truth["method"]
        for page in truth["pages"]:
            assert page["body"] and all(isinstance(line, str) for line in page["body"])
            widths = {len(row) for row in page.get("table", [])}
            assert len(widths) <= 1  # every row has the table's columns
