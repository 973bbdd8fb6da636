"""--html: a review page beside each JSON, counted as an output when a rerun decides to skip."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import PARSE_OPTIONS

from pipeline.batch import BatchOptions, run_batch
from tests.batch.badinputs import text_image


def test_html_review_page_is_written_and_resume_needs_it(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    text_image("Quy định chung", size=(420, 80)).save(src / "scan.png", dpi=(300, 300))  # type: ignore[attr-defined]
    out = tmp_path / "out"
    run_batch(str(src), str(out), BatchOptions(jobs=1, html=True, parse_options=PARSE_OPTIONS))
    page = (out / "scan.html").read_text(encoding="utf-8")
    assert "data:image/jpeg;base64," in page and "<html" in page

    (out / "scan.html").unlink()  # an incomplete output set must not be skipped on rerun
    run_batch(str(src), str(out), BatchOptions(jobs=1, html=True, parse_options=PARSE_OPTIONS))
    lines = [json.loads(x) for x in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["status"] == "success"
    assert (out / "scan.html").exists()
