"""The structure stage inside ``pipeline.parse``: a legacy .txt through ingest, runner and result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import structure_fixtures as F

import pipeline


def test_parse_txt_gives_the_document_json(tmp_path: Path, validate: Callable[[dict], None]) -> None:
    src = tmp_path / "qd.txt"
    src.write_text(F.QD_TEXT, encoding="utf-8")
    result = pipeline.parse(src, {"executor": "serial", "jobs": 1, "restore": {"enabled": False}})
    data = result.to_dict()
    validate(data)  # the document plus status, errors, timings (and citations when present)
    assert data["status"] == "success"
    assert data["source"]["sha256"] and data["source"]["pages"] == 2
    h = data["header"]
    assert (h["number"], h["date"], h["doc_type"]) == ("18/2024/QĐ-UBND", "2024-06-07", "QUYẾT ĐỊNH")
    assert [s["label"] for s in data["sections"]] == ["1", "2", "3"]
    assert data["appendices"][0]["tables"][0]["recovered_from_text"] is True
