"""Truncated inputs give what can be read (issue 15 #9): a PDF cut at 90 % loses only what qpdf
cannot recover, a TIFF cut at 60 % keeps the frames before the cut; the rest is a failed page."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from test_runner import PAGES, image_pdf

import pipeline
from pipeline import ingest
from pipeline.ingest.errors import CorruptImageError, CorruptPdfError
from pipeline.ingest.pdf import close_cached
from pipeline.options import IngestOptions

OPTS = {"jobs": 1, "restore": {"enabled": False}}


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    close_cached()
    yield
    close_cached()


def test_pdf_cut_at_90_percent_keeps_the_pages_qpdf_recovers(tmp_path: Path) -> None:
    data = image_pdf(tmp_path / "full.pdf", PAGES).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * 0.9)])
    info = ingest.open_source(cut)
    assert info.pages == 3  # 2 recovered + 1 standing for what the cut lost
    first = ingest.load_page(cut, 1, IngestOptions(dpi=100))
    assert first.image is not None and any("recovered 2 page" in n for n in first.notes)
    with pytest.raises(CorruptPdfError, match="truncated"):
        ingest.load_page(cut, 3, IngestOptions(dpi=100))
    res = pipeline.parse(cut, OPTS, raises=False)
    assert res.status.value == "partial_success"
    assert "ỦY BAN NHÂN DÂN" in res.pages[0].text and "Căn cứ" in res.pages[1].text
    assert [e.code for e in res.errors if e.code != "VB150"] == ["VB105"]


def test_tiff_cut_at_60_percent_keeps_the_frames_before_the_cut(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    frames = [Image.fromarray((rng.random((120, 160)) * 255).astype("uint8")) for _ in range(20)]
    full = tmp_path / "full.tif"
    frames[0].save(full, save_all=True, append_images=frames[1:], compression="tiff_deflate")
    data = full.read_bytes()
    cut = tmp_path / "cut.tif"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    info = ingest.open_source(cut)
    assert 8 <= info.pages - 1 < 20
    for n in range(1, info.pages):
        assert ingest.load_page(cut, n).image is not None
    with pytest.raises(CorruptImageError, match="truncated"):
        ingest.load_page(cut, info.pages)
