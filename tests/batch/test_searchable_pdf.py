"""--pdf: the original page images, untouched, plus an invisible, extractable text layer."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from conftest import PARSE_OPTIONS
from PIL import Image

from pipeline.batch import BatchOptions, run_batch
from tests.batch.badinputs import image_pdf, text_image

WORDS = "Quy định chung"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pdf")
    src = root / "in"
    src.mkdir()
    text_image(WORDS, size=(420, 80)).save(src / "scan.png", dpi=(300, 300))  # type: ignore[attr-defined]
    (src / "scan_pdf.pdf").write_bytes(image_pdf(text_image(WORDS, size=(420, 80))))
    (src / "legacy.txt").write_text("Điều 1.", encoding="utf-8")
    run_batch(str(src), str(root / "out"), BatchOptions(jobs=2, pdf=True, parse_options=PARSE_OPTIONS))
    return root


def _page_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join((p.extract_text() or "") for p in pdf.pages)


@pytest.mark.parametrize("name", ["scan", "scan_pdf"])
def test_text_layer_is_the_restored_text(converted: Path, name: str) -> None:
    out = converted / "out"
    restored = (out / f"{name}.txt").read_text(encoding="utf-8").split()
    assert restored, "OCR read nothing on a clean page"
    assert _page_text(out / f"{name}.pdf").split() == restored
    with pdfplumber.open(out / f"{name}.pdf") as pdf:
        chars = pdf.pages[0].chars
        assert chars and all(c.get("text_render_mode", 3) == 3 for c in pdf.pages[0].objects.get("char", []))
        word = pdf.pages[0].extract_words()[0]
        assert 0 <= word["x0"] < word["x1"] <= pdf.pages[0].width  # placed on the page, at its line


def test_original_page_image_is_kept(converted: Path) -> None:
    src, out = converted / "in", converted / "out"
    with pikepdf.open(src / "scan_pdf.pdf") as a, pikepdf.open(out / "scan_pdf.pdf") as b:
        ia = next(iter(a.pages[0].get_images().values()))
        ib = next(iter(b.pages[0].get_images().values()))
        assert ia.read_raw_bytes() == ib.read_raw_bytes()
        assert list(a.pages[0].mediabox) == list(b.pages[0].mediabox)
    with pikepdf.open(out / "scan.pdf") as b:
        img = pikepdf.PdfImage(next(iter(b.pages[0].get_images().values()))).as_pil_image()
        assert img.size == Image.open(src / "scan.png").size
        assert float(b.pages[0].mediabox[2]) == pytest.approx(420 * 72 / 300, rel=1e-3)


def test_text_input_has_no_pdf_and_rerun_is_byte_identical(converted: Path) -> None:
    out = converted / "out"
    assert not (out / "legacy.pdf").exists()
    report = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    assert "pdf" not in report["legacy.txt"]["outputs"]
    before = {p: (out / p).read_bytes() for p in ("scan.pdf", "scan_pdf.pdf")}
    run_batch(str(converted / "in"), str(out), BatchOptions(jobs=2, pdf=True, force=True, parse_options=PARSE_OPTIONS))
    assert {p: (out / p).read_bytes() for p in before} == before
    assert io.BytesIO(before["scan.pdf"]).read(5) == b"%PDF-"


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_boxes_of_a_turned_page_land_on_the_original_page(rotation: int) -> None:
    from pipeline.batch.searchable_pdf import _to_page

    w0, h0 = 200, 100  # the scan as stored; OCR read it turned ``rotation`` degrees clockwise
    w, h = (h0, w0) if rotation in (90, 270) else (w0, h0)
    f = _to_page(rotation, w, h, scale=0.5)
    corners = [f(u, v) for u in (0, w) for v in (0, h)]
    xs, ys = sorted(x for x, _ in corners), sorted(y for _, y in corners)
    assert (xs[0], xs[-1], ys[0], ys[-1]) == pytest.approx((0, 100, 0, 50))
    # The top-left of what OCR read (u=0, v=h) is where the reading started on the stored scan.
    start = {0: (0, 50), 90: (0, 0), 180: (100, 0), 270: (100, 50)}[rotation]
    assert f(0, h) == pytest.approx(start)


def _line(words: list[tuple[str, tuple[int, int, int, int]]]) -> Any:
    from pipeline.types import Line, Word

    boxes = [b for _, b in words]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Line(" ".join(t for t, _ in words), box, tuple(Word(t, b, 0.9) for t, b in words))


def test_pdftotext_splits_words_boxed_touching_or_overlapping(tmp_path: Path) -> None:
    """pdftotext of the text layer gives the restored words, one for one, where the OCR's boxes
    do not separate them: a speck's box inside a word's, two words whose boxes overlap, a line that
    ends where the next line on the same band begins, glyphs boxed narrower than a dot, a line
    ending in a dash (pdftotext drops a line-final "-" as a hyphen otherwise), and a line of
    one-glyph words (which pdftotext takes for letter-spaced text)."""
    import shutil
    import subprocess

    from pipeline.batch.searchable_pdf import write_searchable_pdf
    from pipeline.types import OcrPage, RestoredPage

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    lines = (
        _line([("phối", (100, 100, 190, 140)), ("I", (210, 100, 211, 140)), ("hợp", (210, 100, 290, 140)),
               ("giữa", (305, 100, 395, 140))]),
        _line([("Kế", (100, 200, 140, 240)), ("hoạch", (160, 200, 285, 240))]),
        _line([("và", (278, 200, 320, 240)), ("Truyền", (340, 200, 480, 240)), ("hình", (470, 200, 560, 240))]),
        _line([("về", (100, 300, 121, 340)), ("È", (119, 300, 122, 340)), ("..", (140, 300, 142, 340)),
               ("SỐ", (160, 300, 184, 340)), ("s", (163, 300, 178, 340)), ("——", (200, 300, 204, 340))]),
        _line([("giai", (100, 400, 170, 440)), ("đoạn", (185, 400, 280, 440)), ("2020", (295, 400, 380, 440)),
               ("-", (395, 400, 409, 440))]),
        _line([("2022.", (100, 460, 200, 500)), ("Triển", (215, 460, 320, 500)), ("khai", (335, 460, 420, 500))]),
        _line([(":", (100, 540, 112, 580)), ("D", (127, 540, 178, 580))]),  # one-glyph words 0.375 em apart
    )
    ocr = OcrPage(page_no=1, width=600, height=600, dpi=150, lines=lines)
    page = RestoredPage(page=ocr, lines=lines, tables=())
    src = tmp_path / "scan.pdf"
    src.write_bytes(image_pdf(Image.new("L", (600, 600), 255)))
    out = tmp_path / "out.pdf"
    write_searchable_pdf(str(src), "pdf", [page], str(out))
    got = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split()
    want = " ".join(ln.text for ln in lines).split()
    assert sorted(got) == sorted(want)



def _a4_pdftotext_words(tmp_path: Path, lines: tuple[Any, ...], rotation: int) -> list[str]:
    """The words pdftotext reads from the text layer of an A4 page at 300 dpi holding ``lines``, sorted."""
    import subprocess

    from pipeline.batch.searchable_pdf import write_searchable_pdf
    from pipeline.types import OcrPage, RestoredPage

    ocr = OcrPage(page_no=1, width=2481, height=3508, dpi=300, lines=lines, rotation=rotation)
    page = RestoredPage(page=ocr, lines=lines, tables=())
    src = tmp_path / "scan.pdf"
    src.write_bytes(image_pdf(Image.new("L", (3508, 2481) if rotation else (2481, 3508), 255)))
    out = tmp_path / "out.pdf"
    write_searchable_pdf(str(src), "pdf", [page], str(out))
    return sorted(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())


@pytest.mark.parametrize("rotation", [0, 270])
def test_pdftotext_keeps_a_dash_that_is_not_last_in_its_ocr_line(tmp_path: Path, rotation: int) -> None:
    """A speck read as "-" before one more speck word, on a line whose band overlaps the line above
    (a strongly degraded scan): pdftotext orders the speck word elsewhere, the "-" ends its line
    there and is dropped as a hyphen, though the OCR line did not end with it."""
    import shutil


    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    # Two lines of a strongly degraded scan as the OCR boxed them (300 dpi).
    above = [("-", (311, 1150, 332, 1175)), ("theo", (355, 1124, 447, 1163)), ("đúng", (460, 1124, 565, 1175)),
             ("quy", (578, 1135, 653, 1175)), ("định", (668, 1124, 762, 1171)), ("của", (777, 1124, 849, 1163)),
             ("pháp", (865, 1123, 967, 1175)), ("luật;", (983, 1124, 1071, 1172)), ("triển", (1088, 1117, 1183, 1163)),
             ("khai", (1201, 1124, 1287, 1167)), ("hệ", (1306, 1124, 1353, 1171)), ("thống", (1370, 1118, 1487, 1174)),
             ("văn", (1501, 1126, 1573, 1164)), ("bản", (1591, 1124, 1664, 1164)), ("quy", (1679, 1136, 1755, 1174)),
             ("luật", (2021, 1124, 2094, 1171)), ("liên", (2113, 1124, 2186, 1163))]
    below = [("quan", (354, 1200, 455, 1239)), ("đến", (470, 1181, 545, 1228)), ("thực", (561, 1188, 655, 1234)),
             ("hành", (670, 1188, 772, 1227)), ("tiết", (787, 1182, 854, 1227)), ("kiệm,", (872, 1187, 990, 1236)),
             ("chống", (1004, 1168, 1131, 1238)), ("lãngphí.", (1148, 1188, 1327, 1239)), ("-", (1398, 1237, 1401, 1240)),
             ("ˆ.", (1497, 1198, 1529, 1231))]
    lines = (_line(above), _line(below))
    assert _a4_pdftotext_words(tmp_path, lines, rotation) == sorted(" ".join(ln.text for ln in lines).split())


@pytest.mark.parametrize("rotation", [0, 270])
def test_pdftotext_keeps_apart_the_words_of_two_lines_on_one_band(tmp_path: Path, rotation: int) -> None:
    """Two lines of a table cell on a strongly degraded, turned scan whose bands overlap (one band
    stretched by a speck) interleave on one row: pdftotext joined a word of one line to a word of the
    other whatever the gap ("sựđịaphối"), so the words of such a row carry their space as actual text."""
    import shutil


    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    # The lines of a cell and its neighbours as the OCR boxed them (300 dpi, a strong scan turned 270°).
    rows = [
        [("1.2", (387, 1247, 444, 1282))],
        [("dân", (622, 1242, 690, 1325)), ("sự", (705, 1255, 750, 1287)), ("phối", (764, 1243, 839, 1325)),
         ("hợp", (854, 1248, 915, 1292)), ("giữa", (937, 1245, 1005, 1325)), ("các", (1027, 1248, 1080, 1282)),
         ("sở,", (1095, 1248, 1149, 1325))],
        [("te", (482, 1242, 549, 1398)), ("th", (585, 1248, 679, 1347)), ("địa", (729, 1302, 795, 1342)),
         ("phương", (820, 1243, 952, 1398)), ("0rodhg", (990, 1248, 1160, 1398))],
        [("quy", (490, 1368, 545, 1447)), ("định", (567, 1358, 647, 1452)), ("của", (665, 1337, 717, 1458)),
         ("pháp", (737, 1358, 819, 1455)), ("lui.", (837, 1358, 910, 1455)), ("Hướng", (939, 1357, 1042, 1447)),
         ("d", (1062, 1412, 1104, 1452))],
        [("các", (490, 1413, 550, 1447)), ("nhiệm", (567, 1412, 664, 1452)), ("vụ,", (689, 1422, 742, 1453)),
         ("giải", (757, 1412, 819, 1455)), ("pháp", (842, 1412, 914, 1455)), ("về", (937, 1407, 974, 1447)),
         ("Ra", (1002, 1463, 1164, 1508))],
        [("Sở", (1200, 1246, 1241, 1283)), ("Tư", (1261, 1246, 1305, 1281)), ("pháp", (1325, 1246, 1415, 1291))],
        [("Các", (1576, 1246, 1640, 1282)), ("sở,", (1658, 1247, 1711, 1284)), ("ban,", (1726, 1246, 1800, 1284)),
         ("ngành", (1810, 1246, 1918, 1291))],
        [("Tháng", (2053, 1246, 2168, 1291))],
        [("6/2022", (2046, 1299, 2173, 1344))],
    ]
    lines = tuple(_line(r) for r in rows)
    assert _a4_pdftotext_words(tmp_path, lines, rotation) == sorted(" ".join(ln.text for ln in lines).split())


def test_words_of_two_lines_on_one_row_stay_where_they_were_read() -> None:
    """Laid out left to right, the words of a row shared by two lines were pushed along onto the
    words of the line below (pdftotext then read "Giáosở,"): such a row keeps every word's box."""
    from pipeline.batch.searchable_pdf import _Run, _separated

    runs = [_Run("Các", (1202, 1347, 1265, 1384)), _Run("sở,", (1283, 1347, 1335, 1384)),
            _Run("tăng", (1100, 1340, 1560, 1420)),  # a line whose band a speck stretched
            _Run("Giáo", (1578, 1401, 1659, 1437))]
    out = _separated(runs, lambda text, size: 0.5 * size * len(text))
    assert [r.box for r in out[:3]] == [r.box for r in runs[:3]] and all(r.crowded for r in out[:3])
    assert not out[3].crowded
