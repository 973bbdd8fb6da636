"""The runner: serial and process executors agree, bad pages become structured errors, the pool streams.

The small multi-page inputs here (PIL-rendered image-only PDFs) are also used by test_cli_parse.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline import runner
from pipeline.api import parse
from pipeline.errors import OcrError, VanbanError
from pipeline.ocr import OcrEngine
from pipeline.options import ParseOptions
from pipeline.types import OcrPage, SourcePage, Status

FREESERIF = "/usr/share/fonts/truetype/freefont/FreeSerif.ttf"
PAGES = (
    ("ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", "Số: 119/KH-UBND"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương;", "Ủy ban nhân dân tỉnh ban hành Kế hoạch."),
    ("Nơi nhận:", "Lưu: VT."),
)


def page_image(lines: Sequence[str], size: int = 38, width: int = 1300) -> np.ndarray:
    """A small white page with the lines in black FreeSerif."""
    img = Image.new("L", (width, 80 + 64 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((50, 40 + i * 64), line, font=ImageFont.truetype(FREESERIF, size), fill=0)
    return np.asarray(img).copy()


def image_pdf(path: Path, pages: Sequence[Sequence[str]] = PAGES, blank: int = 0) -> Path:
    """An image-only PDF at 300 dpi: one page per line group, then ``blank`` empty pages."""
    images = [Image.fromarray(page_image(lines)) for lines in pages]
    images += [Image.new("L", (400, 300), 255) for _ in range(blank)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=300.0)
    return path


def fast_options(**kw: Any) -> ParseOptions:
    """OCR only (no restoration models, no structure or citations): what these tests are about."""
    data: dict[str, Any] = {"restore": {"enabled": False}, "structure": {"enabled": False}, "citations": {"enabled": False}}
    data.update(kw)
    return ParseOptions.from_dict(data)


class FailingEngine(OcrEngine):
    """The real engine, except that page 2 fails the way a crashed Tesseract does."""

    def read(self, page: SourcePage) -> OcrPage:
        if page.page_no == 2:
            raise OcrError("Tesseract failed: simulated crash", path=page.path, page_no=page.page_no)
        return super().read(page)


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return image_pdf(tmp_path_factory.mktemp("runner") / "three.pdf")


def test_serial_and_process_executors_agree(three_pages: Path) -> None:
    serial = parse(three_pages, fast_options(executor="serial"))
    pooled = parse(three_pages, fast_options(executor="process", jobs=2))
    assert serial.status is pooled.status is Status.success
    assert [p.page_no for p in pooled.pages] == [1, 2, 3]
    assert serial.text == pooled.text
    assert "Số: 119/KH-UBND" in serial.text and "Nơi nhận:" in serial.text
    assert [p.page.mean_confidence for p in serial.pages] == [p.page.mean_confidence for p in pooled.pages]
    assert {t.stage for t in pooled.timings} >= {"ingest", "ocr", "restore"}
    assert serial.to_dict()["status"] == "success"


def test_bad_page_gives_partial_success_with_a_structured_error(three_pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.ocr.engine._factory", FailingEngine)  # the engine seam (use_engine)
    runner._worker_state.clear()
    result = parse(three_pages, fast_options(executor="serial"))
    runner._worker_state.clear()
    assert result.status is Status.partial_success
    [err] = result.errors
    assert (err.stage, err.page_no, err.code) == ("ocr", 2, "VB200")
    assert "simulated crash" in err.message and err.path == str(three_pages)
    assert [bool(p.lines) for p in result.pages] == [True, False, True]
    assert result.to_dict()["errors"][0]["page_no"] == 2


def test_nothing_read_is_a_failure_raised_with_the_page_error_class(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.ocr.engine._factory", FailingEngine)  # the engine seam (use_engine)
    runner._worker_state.clear()
    pdf = image_pdf(tmp_path / "second.pdf", pages=[("",), PAGES[1]])  # page 1 blank, page 2 fails
    try:
        result = parse(pdf, fast_options(executor="serial"), raises=False)
        assert result.status is Status.failure
        assert [(e.stage, e.page_no) for e in result.errors] == [("ocr", 2)]
        with pytest.raises(OcrError) as info:  # the same class, so the CLI exits with the OCR code
            parse(pdf, fast_options(executor="serial"))
        assert info.value.code == "VB200" and "simulated crash" in str(info.value)
    finally:
        runner._worker_state.clear()


class CountingPool(ProcessPoolExecutor):
    """Counts pages submitted, so that the test can see how far ahead the runner reads."""

    submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        CountingPool.submitted += 1
        return super().submit(fn, *args, **kwargs)


def test_pool_streams_pages_with_bounded_in_flight(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = image_pdf(tmp_path / "blank.pdf", pages=[], blank=10)
    monkeypatch.setattr(runner, "ProcessPoolExecutor", CountingPool)
    CountingPool.submitted = 0
    jobs = 2
    seen, ahead = [], []
    for outcome in runner._pages_parallel(str(pdf), list(range(1, 11)), fast_options(jobs=jobs)):
        seen.append(outcome.page.page_no)
        ahead.append(CountingPool.submitted - len(seen))
    assert seen == list(range(1, 11))  # in page order
    assert CountingPool.submitted == 10
    assert max(ahead) <= 2 * jobs  # never more than 2 x jobs pages rasterized or in flight


def test_unreadable_input_raises_or_is_recorded(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 this is not a pdf")
    with pytest.raises(VanbanError) as info:
        parse(bad, fast_options())
    result = parse(bad, fast_options(), raises=False)
    assert result.status is Status.failure and result.errors[0].code == info.value.code


class TableOnlyEngine(OcrEngine):
    """Every page read as one table and no lines (a long plan's annex page), a tone mark wrong."""

    def read(self, page: SourcePage) -> OcrPage:
        from pipeline.types import Line, Table, TableCell, Word

        words = tuple(Word(w, (20 * i, 40, 20 * i + 18, 50), 0.96) for i, w in enumerate("công tác chuyến đổi số".split()))
        line = Line(" ".join(w.text for w in words), (0, 40, 100, 50), words, 0.96)
        cell = TableCell(0, 0, line.text, (0, 40, 100, 50), lines=(line,))
        return OcrPage(page.page_no, 300, 300, 150, (), (Table((0, 40, 100, 50), 1, 1, (cell,)),))


def test_page_that_is_all_table_is_restored(three_pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.ocr.engine._factory", TableOnlyEngine)  # the engine seam (use_engine)
    runner._worker_state.clear()
    result = parse(three_pages, {"executor": "serial", "structure": {"enabled": False}, "citations": {"enabled": False}})
    runner._worker_state.clear()
    assert not result.errors
    assert [p.tables[0].cells[0].text for p in result.pages] == ["công tác chuyển đổi số"] * 3


def test_process_pages_after_the_caller_ran_openmp_on_several_threads(three_pages: Path) -> None:
    """torch run by the caller leaves GNU OpenMP's thread pool behind; a forked worker then hung in
    Tesseract's first parallel region.  The pool starts its workers fresh in that case."""
    import subprocess
    import sys

    script = (
        "import torch, sys\n"
        "torch.set_num_threads(2)\n"
        "x = torch.randn(256, 256)\n"
        "for _ in range(10): x @ x\n"
        "from pipeline.api import parse\n"
        "from pipeline.options import ParseOptions\n"
        "opts = {'restore': {'enabled': False}, 'structure': {'enabled': False}, 'citations': {'enabled': False},\n"
        "        'executor': 'process', 'jobs': 2}\n"
        "if __name__ == '__main__':\n"
        "    r = parse(sys.argv[1], ParseOptions.from_dict(opts))\n"
        "    print(r.status.value, len(r.pages))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(three_pages)], capture_output=True, text=True,
                          timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["success", "3"]
