"""`ocrmypdf --plugin pipeline.ocrmypdf_plugin`: OCRmyPDF's PDF/A with vanban's restored text as the
text layer, the sidecar equal to `vanban parse --text`, words placed on the page image."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image
from test_runner import PAGES, page_image

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plugin")
    Image.fromarray(page_image(PAGES[0])).convert("L").save(out / "in.pdf", "PDF", resolution=300.0)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-m", "ocrmypdf", "--plugin", "pipeline.ocrmypdf_plugin", "-l", "vie", "-j", "1",
           "--sidecar", str(out / "side.txt"), "-q", str(out / "in.pdf"), str(out / "out.pdf")]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert main(["parse", str(out / "in.pdf"), "--json", str(out / "v.json"), "--text", str(out / "v.txt"), "--quiet", "--jobs", "1"]) == 0
    return out


def test_sidecar_is_vanban_parse_text(run: Path) -> None:
    side = (run / "side.txt").read_text(encoding="utf-8")
    assert side.split() == (run / "v.txt").read_text(encoding="utf-8").split()
    assert "ỦY BAN NHÂN DÂN" in side


def test_output_is_ocrmypdf_pdfa_with_vanban_as_the_engine(run: Path) -> None:
    with pikepdf.open(run / "out.pdf") as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status.startswith("2")  # OCRmyPDF's default output type, PDF/A-2b
        assert "vanban" in str(meta.get("xmp:CreatorTool", "")) + str(pdf.docinfo.get("/Creator", ""))


def test_text_layer_words_sit_on_the_page(run: Path) -> None:
    words = (run / "v.txt").read_text(encoding="utf-8").split()
    with pdfplumber.open(run / "out.pdf") as pdf:
        page = pdf.pages[0]
        found = page.extract_words()
        assert [w["text"] for w in found if w["text"] in words]
        assert sum(w["text"] in words for w in found) >= 0.9 * len(found)
        assert all(0 <= w["x0"] < w["x1"] <= page.width and 0 <= w["top"] < w["bottom"] <= page.height for w in found)
