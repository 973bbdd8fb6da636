"""PDF pages: rendering, and the real / absent / garbage decision on their text layers."""

from __future__ import annotations

import pickle
import unicodedata
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from fixture_files import TCVN3_LINES, VIETNAMESE_LINES, VNI_LINES, page_like_image, write_text_pdf

from pipeline import ingest
from pipeline.ingest.pdf import close_cached
from pipeline.options import IngestOptions
from pipeline.types import SourcePage, TextLayer

OPTS = IngestOptions(dpi=100)


@pytest.fixture(autouse=True)
def _fresh_cache():
    close_cached()
    yield
    close_cached()


def _scan_background(seed: int = 1) -> np.ndarray:
    return np.kron(page_like_image(84, 60, seed), np.ones((10, 10), np.uint8))


def test_born_digital_layer_is_real_with_pixel_geometry(born_digital_pdf: Path) -> None:
    page = ingest.load_page(born_digital_pdf, 1, OPTS)
    assert page.text_layer is TextLayer.real and not page.notes
    assert page.text == "\n".join(VIETNAMESE_LINES)
    assert page.text == unicodedata.normalize("NFC", page.text)
    assert page.image.shape == (page.height, page.width)
    assert abs(page.height - 1169) <= 2 and abs(page.width - 827) <= 2  # A4 at 100 DPI
    assert [line.text for line in page.lines] == list(VIETNAMESE_LINES)
    for line in page.lines:
        x0, y0, x1, y1 = line.bbox
        assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
        assert page.image[y0:y1, x0:x1].min() < 100  # ink where the text layer says text is
        assert " ".join(w.text for w in line.words) == line.text


def test_boxes_scale_with_dpi(born_digital_pdf: Path) -> None:
    low = ingest.load_page(born_digital_pdf, 2, IngestOptions(dpi=72))
    high = ingest.load_page(born_digital_pdf, 2, IngestOptions(dpi=144))
    for a, b in zip(low.lines, high.lines, strict=True):
        assert all(abs(2 * p - q) <= 2 for p, q in zip(a.bbox, b.bbox, strict=True))


def test_rotated_page_boxes_follow_the_rendered_image(tmp_path: Path, born_digital_pdf: Path) -> None:
    path = tmp_path / "rotated.pdf"
    with pikepdf.open(born_digital_pdf) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(path)
    page = ingest.load_page(path, 1, OPTS)
    assert page.width > page.height and page.text_layer is TextLayer.real
    for word in (w for line in page.lines for w in line.words):
        x0, y0, x1, y1 = word.bbox
        assert page.image[y0:y1, x0:x1].min() < 100, word


@pytest.mark.parametrize(
    ("lines", "encoding"),
    [(TCVN3_LINES, "TCVN3"), (VNI_LINES, "VNI")],
    ids=["tcvn3", "vni"],
)
def test_legacy_font_encoding_is_garbage(text_pdf, lines: tuple[str, ...], encoding: str) -> None:
    page = ingest.load_page(text_pdf([lines * 3]), 1, OPTS)
    assert page.text_layer is TextLayer.garbage and page.text is None and page.image is not None
    assert len(page.notes) == 1 and encoding in page.notes[0] and "OCR'd again" in page.notes[0]


def test_scanner_ocr_layer_without_diacritics_is_garbage(text_pdf) -> None:
    stripped = [unicodedata.normalize("NFD", s) for s in VIETNAMESE_LINES]
    stripped = ["".join(c for c in s if not unicodedata.combining(c)).replace("Đ", "D").replace("đ", "d") for s in stripped]
    path = text_pdf([stripped * 3], invisible=True, background=_scan_background())
    page = ingest.load_page(path, 1, OPTS)
    assert page.text_layer is TextLayer.garbage
    assert "scanner OCR layer" in page.notes[0] and "diacritics" in page.notes[0]


def test_good_invisible_layer_over_scan_is_used(text_pdf) -> None:
    path = text_pdf([VIETNAMESE_LINES], invisible=True, background=_scan_background())
    page = ingest.load_page(path, 1, OPTS)
    assert page.text_layer is TextLayer.real and page.text == "\n".join(VIETNAMESE_LINES)


def test_signature_stamp_only_is_absent_with_note(text_pdf) -> None:
    stamp = ["Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", "Cơ quan: Tỉnh Quảng Ngãi",
             "Thời gian ký: 07/01/2025 10:09:57 +07:00", "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"]
    page = ingest.load_page(text_pdf([stamp], background=_scan_background()), 1, OPTS)
    assert page.text_layer is TextLayer.absent and page.text is None
    assert "digital-signature stamp" in page.notes[0]


@pytest.mark.parametrize("scan", [True, False], ids=["over-scan", "alone"])
def test_page_number_only_is_absent_quietly(text_pdf, scan: bool) -> None:
    # The page's content may be an image or vector outlines: OCR it rather than trust "- 2 -".
    page = ingest.load_page(text_pdf([["- 2 -"]], background=_scan_background() if scan else None), 1, OPTS)
    assert page.text_layer is TextLayer.absent and page.notes == () and page.image is not None


def test_force_ocr_ignores_a_real_layer(born_digital_pdf: Path) -> None:
    page = ingest.load_page(born_digital_pdf, 1, IngestOptions(dpi=72, force_ocr=True))
    assert page.text_layer is TextLayer.absent and "force_ocr" in page.notes[0]


def test_image_only_scan_is_absent(synthetic_scan) -> None:
    info = ingest.open_source(synthetic_scan.pdf, OPTS)
    assert (info.kind, info.pages, len(info.sha256)) == ("pdf", 2, 64)
    page = ingest.load_page(synthetic_scan.pdf, 2, OPTS)
    assert page.text_layer is TextLayer.absent and page.notes == () and page.lines == ()
    assert page.image.dtype == np.uint8 and page.image.ndim == 2 and page.dpi == 100
    assert abs(page.height - 1169) <= 2 and abs(page.width - 827) <= 2


def test_make_scans_born_digital_variant_is_real_and_matches_gt(synthetic_scan) -> None:
    gt_pages = synthetic_scan.gt_txt.read_text(encoding="utf-8").rstrip("\n").split("\f")
    page = ingest.load_page(synthetic_scan.digital_pdf, 1, OPTS)
    assert page.text_layer is TextLayer.real
    # The text layer's lines come out in the ground truth's geometric reading order.
    assert [line.text for line in page.lines] == gt_pages[0].split("\n")
    by_text = {line.text: line for line in page.lines}
    header = by_text["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert header.block_no == 1 and by_text["ỦY BAN NHÂN DÂN"].block_no == 0


def test_source_page_pickles(born_digital_pdf: Path) -> None:
    page = ingest.load_page(born_digital_pdf, 1, IngestOptions(dpi=72))
    back: SourcePage = pickle.loads(pickle.dumps(page))
    assert back.text == page.text and np.array_equal(back.image, page.image) and back.lines == page.lines


def test_pages_stream_one_render_per_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2

    path = write_text_pdf(tmp_path / "long.pdf", [[f"Trang số {i}", *VIETNAMESE_LINES[:2]] for i in range(1, 41)])
    calls: list[int] = []
    real = pypdfium2.PdfPage.render

    def counting(self, *a, **kw):
        calls.append(1)
        return real(self, *a, **kw)

    monkeypatch.setattr(pypdfium2.PdfPage, "render", counting)
    assert ingest.open_source(path, OPTS).pages == 40
    assert calls == []  # counting pages renders nothing
    for n in (40, 1, 17):  # any order, one page at a time
        page = ingest.load_page(path, n, IngestOptions(dpi=72))
        assert (page.text or "").startswith(f"Trang số {n}\n")
    assert len(calls) == 3


@pytest.mark.parametrize("where", ["names", "open_action"])
def test_javascript_is_noted_and_ignored(tmp_path: Path, born_digital_pdf: Path, where: str) -> None:
    path = tmp_path / "js.pdf"
    with pikepdf.open(born_digital_pdf) as pdf:
        action = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        if where == "names":
            pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), action])))
        else:
            pdf.Root.OpenAction = action
        pdf.save(path)
    first = ingest.load_page(path, 1, OPTS)
    assert first.text_layer is TextLayer.real and any("JavaScript" in n for n in first.notes)
    assert not any("JavaScript" in n for n in ingest.load_page(path, 2, OPTS).notes)
    assert not any("JavaScript" in n for n in ingest.load_page(born_digital_pdf, 1, OPTS).notes)


def test_pages_load_in_worker_processes(tmp_path: Path) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    path = write_text_pdf(tmp_path / "pool.pdf", [[f"Trang số {i}", *VIETNAMESE_LINES[:2]] for i in range(1, 5)])
    options = IngestOptions(dpi=72)
    ctx = multiprocessing.get_context("forkserver")  # as pipeline.runner does
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        pages = list(pool.map(ingest.load_page, [str(path)] * 4, [4, 2, 3, 1], [options] * 4))
    assert [p.page_no for p in pages] == [4, 2, 3, 1]
    for p in pages:
        serial = ingest.load_page(path, p.page_no, options)
        assert p.text == serial.text and p.text_layer is TextLayer.real
        assert np.array_equal(p.image, serial.image)


@pytest.mark.parametrize("chars,one_operator", [(10_000_000, False), (10_000_000, True), (1_000_000, False)])
def test_a_page_with_absurd_text_is_ocrd_in_bounded_memory(tmp_path: Path, chars: int, one_operator: bool) -> None:
    # Issue 15 #2: a 53 KB PDF whose page shows 10 MB of text took 10.8 GB (SIGSEGV under a cap).
    from fixture_files import write_text_bomb_pdf
    from memcap import python_capped

    pdf = write_text_bomb_pdf(tmp_path / "bomb.pdf", chars, one_operator=one_operator)
    assert pdf.stat().st_size < 100_000
    code = ("import sys; from pipeline.ingest import load_page; from pipeline.options import IngestOptions\n"
            f"p = load_page({str(pdf)!r}, 1, IngestOptions(dpi=100))\n"
            "print(p.text_layer.value, p.image is not None, 'too large' in ' '.join(p.notes) or 'characters' in ' '.join(p.notes))\n")
    res = python_capped(code, 1024, timeout=300)
    assert res.returncode == 0, res.stderr.decode()[-800:]
    assert res.stdout.split() == [b"garbage", b"True", b"True"]
    assert res.peak_mb < 700, res.peak_mb


def test_a_text_layer_pdfminer_cannot_parse_is_ocrd_not_dropped(born_digital_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 15 #8: pdfium rendered the page, pdfminer failed on its text layer, and the page was lost.
    import pdfplumber.page

    def broken(self: object, **kw: object) -> list:
        raise KeyError("a content stream pdfminer cannot parse")

    monkeypatch.setattr(pdfplumber.page.Page, "extract_words", broken)
    page = ingest.load_page(str(born_digital_pdf), 1, IngestOptions(dpi=100))
    assert page.image is not None and page.image.size > 0
    assert page.text_layer == TextLayer.garbage and not page.text
    assert any("cannot read the text layer" in n and "OCR'd" in n for n in page.notes)


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotated_text_layer_is_read_in_its_own_frame(tmp_path: Path, born_digital_pdf: Path, rotate: int) -> None:
    # Issue 15 #6: a /Rotate 90 page read "2. 1. Ủy Căn Số: ỦY ..." (column-wise) as a real layer;
    # 180 and 270 gave words spelt backwards.
    path = tmp_path / f"rot{rotate}.pdf"
    with pikepdf.open(born_digital_pdf) as pdf:
        pdf.pages[0].Rotate = rotate
        pdf.save(path)
    page = ingest.load_page(path, 1, OPTS)
    assert page.text_layer is TextLayer.real
    assert page.text == "\n".join(VIETNAMESE_LINES)
    for line in page.lines:
        for word in line.words:
            x0, y0, x1, y1 = word.bbox
            assert page.image[y0:y1, x0:x1].min() < 100, word
