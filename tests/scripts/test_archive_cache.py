"""The archive metadata dev loop (scripts/bench/archive_cache.py): a generated scan parsed once, its
structure rerun from the cache with the same metadata, and a stale or half-written entry never read."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from scripts.bench import archive_cache


@pytest.mark.slow
def test_a_cached_scan_rescores_as_its_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive_cache.build(tmp_path, 1000, 1000)  # real generation, OCR and restoration, once
    assert not list(tmp_path.glob("*.tmp"))
    record = pickle.loads((tmp_path / "1000.pkl").read_bytes())
    assert record["kind"] and record["level"] == "mild" and record["meta"]
    archive_cache.build(tmp_path, 1000, 1000)  # kept: nothing parsed again
    capsys.readouterr()
    right, total = archive_cache.score(tmp_path, 1000, 1001, verbose=True, check=True)  # 1001 absent: skipped
    out = capsys.readouterr().out
    assert total == len(archive_cache.FIELDS)
    assert "differs from the cached parse" not in out  # the rerun is the parse's own structure
    assert right >= total - 2, out
    archive_cache.dump(tmp_path, tmp_path / "docs.json")
    docs = json.loads((tmp_path / "docs.json").read_text(encoding="utf-8"))
    assert list(docs) == ["1000"] and docs["1000"]["metadata"]["page_count"] == 2
