"""ALTO 4.2 and hOCR: the structure the ALTO schema requires, restored words with the OCR reading
kept, table cells as blocks, boxes mapped back onto the page image as it came in."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import export_fixtures as F
import pytest

from pipeline.errors import OutputError
from pipeline.export.alto import NS, alto_xml
from pipeline.export.hocr import XHTML, hocr_html, page_hocr
from pipeline.export.layout import page_layout, source_mapper, split_box

A = f"{{{NS}}}"
GEOMETRY = ("HPOS", "VPOS", "WIDTH", "HEIGHT")


def _alto(**kw: object) -> ET.Element:
    return ET.fromstring(alto_xml([F.page(**kw)], "scan.pdf"))  # type: ignore[arg-type]


def _box(el: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(el.get(k, "nan")) for k in GEOMETRY)
    return x, y, x + w, y + h


def test_alto_has_the_elements_and_attributes_the_schema_requires() -> None:
    root = _alto()
    assert root.tag == f"{A}alto" and root.get("SCHEMAVERSION") == "4.2"
    assert [c.tag for c in root] == [f"{A}Description", f"{A}Tags", f"{A}Layout"]  # schema order
    desc = root.find(f"{A}Description")
    assert desc is not None and desc[0].tag == f"{A}MeasurementUnit" and desc[0].text == "pixel"
    page = root.find(f"{A}Layout/{A}Page")
    assert page is not None and page.get("ID") and page.get("PHYSICAL_IMG_NR") == "1"
    assert (page.get("WIDTH"), page.get("HEIGHT")) == ("1000", "1400") and 0 <= float(page.get("PC", "-1")) <= 1
    ids = [el.get("ID") for el in root.iter() if el.get("ID") is not None]
    assert len(ids) == len(set(ids)) and all(i and i[0].isalpha() for i in ids)  # xsd:ID
    for tag in ("PrintSpace", "TextBlock", "ComposedBlock", "TextLine", "String"):
        for el in root.iter(f"{A}{tag}"):
            assert all(el.get(k, "").isdigit() for k in GEOMETRY), (tag, el.attrib)
    strings = list(root.iter(f"{A}String"))
    assert all(s.get("CONTENT") and 0 <= float(s.get("WC", "-1")) <= 1 for s in strings)
    tag_ids = {t.get("ID") for t in root.iter(f"{A}LayoutTag")}
    assert all(el.get("TAGREFS") in tag_ids for el in root.iter() if el.get("TAGREFS"))
    for line in root.iter(f"{A}TextLine"):  # a line holds Strings with SP between them, nothing else
        kinds = [c.tag.removeprefix(A) for c in line]
        assert kinds[0] == kinds[-1] == "String" and all(k in ("String", "SP") for k in kinds)


def test_alto_string_is_the_restored_word_with_the_ocr_reading_as_alternative() -> None:
    root = _alto()
    first_line = next(root.iter(f"{A}TextLine"))
    words = [(s.get("CONTENT"), [a.text for a in s.findall(f"{A}ALTERNATIVE")]) for s in first_line.iter(f"{A}String")]
    assert words == [("Kế", ["Ke"]), ("hoạch", ["hoach"]), ("số", ["so"])]
    assert [s.get("WC") for s in first_line.iter(f"{A}String")] == ["0.910", "0.620", "0.950"]
    assert _box(next(first_line.iter(f"{A}String"))) == (100, 100, 160, 140)


def test_alto_table_cells_are_text_blocks_of_a_table_block() -> None:
    root = _alto()
    table = next(root.iter(f"{A}ComposedBlock"))
    assert table.get("TYPE") == "table" and _box(table) == (100, 300, 600, 500)
    cells = table.findall(f"{A}TextBlock")
    assert [c.get("ID", "").rsplit("_", 1)[-1] for c in cells] == ["R1C1", "R1C2", "R2C1", "R2C2"]
    two_lines = cells[1].findall(f"{A}TextLine")
    assert [[s.get("CONTENT") for s in ln.iter(f"{A}String")] for ln in two_lines] == [["Nội", "dung"], ["công", "việc"]]
    assert two_lines[0].find(f"{A}String/{A}ALTERNATIVE").text == "Noi"  # type: ignore[union-attr]
    for cell in cells:  # every word of a cell lies inside the cell
        x0, y0, x1, y1 = _box(cell)
        for s in cell.iter(f"{A}String"):
            a, b, c, d = _box(s)
            assert x0 <= a < c <= x1 and y0 <= b < d <= y1


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_boxes_of_a_turned_page_are_given_on_the_page_as_it_came_in(rotation: int) -> None:
    root = _alto(rotation=rotation, tables=False)
    page = root.find(f"{A}Layout/{A}Page")
    assert page is not None
    w, h = (1400, 1000) if rotation in (90, 270) else (1000, 1400)
    assert (page.get("WIDTH"), page.get("HEIGHT")) == (str(w), str(h))
    f, _, _ = source_mapper(rotation, 0.0, 1000, 1400)
    first = next(root.iter(f"{A}String"))
    assert _box(first) == f((100, 100, 160, 140))
    x0, y0, x1, y1 = _box(first)
    assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h


def test_deskew_is_undone_about_the_page_centre() -> None:
    f, w, h = source_mapper(0, 2.0, 1000, 1400)
    assert (w, h) == (1000, 1400)
    x0, y0, x1, y1 = f((490, 690, 510, 710))  # the centre does not move
    assert (x0 + x1) / 2 == pytest.approx(500, abs=1) and (y0 + y1) / 2 == pytest.approx(700, abs=1)
    a = f((900, 690, 910, 710))  # right of the centre: deskewing counter-clockwise raised it
    assert (a[1] + a[3]) / 2 > 700


@pytest.mark.parametrize("text,widths", [("Kế hoạch", 2), ("", 0), ("  Điều   1 ", 2)])
def test_split_box_covers_the_box_left_to_right(text: str, widths: int) -> None:
    parts = split_box(text, (0, 0, 100, 20))
    assert len(parts) == widths
    assert all(b[0] < b[2] and b[1:4:2] == (0, 20) for _, b in parts)
    assert all(parts[i][1][2] <= parts[i + 1][1][0] for i in range(len(parts) - 1))


def test_a_page_without_geometry_is_refused() -> None:
    with pytest.raises(OutputError, match="no geometry"):
        alto_xml([F.text_page()])
    with pytest.raises(OutputError):
        hocr_html([F.text_page()])


def test_hocr_is_well_formed_and_ocrmypdf_reads_its_words() -> None:
    data = hocr_html([F.page()], "scan.pdf")
    root = ET.fromstring(data)
    x = f"{{{XHTML}}}"
    words = [w for w in root.iter(f"{x}span") if w.get("class") == "ocrx_word"]
    assert [w.text for w in words][:3] == ["Kế", "hoạch", "số"]
    assert [w.get("data-ocr") for w in words][:3] == ["Ke", "hoach", "so"]
    assert words[1].get("title") == "bbox 175 98 320 142; x_wconf 62"
    tables = [d for d in root.iter(f"{x}div") if d.get("class") == "ocr_table"]
    assert len(tables) == 1 and [c.get("data-cell") for c in tables[0]] == ["1 1 1 1 1", "1 1 2 1 1", "1 2 1 1 1", "1 2 2 1 1"]


def test_ocrmypdf_hocr_parser_reads_a_page(tmp_path: Path) -> None:
    from ocrmypdf.hocrtransform import HocrParser

    path = tmp_path / "p.hocr"
    path.write_bytes(page_hocr(F.page(), "p.png", size=(500, 700)))  # OCRmyPDF's image at half the resolution
    tree = HocrParser(path).parse()
    text = [w.text for w in _walk(tree) if getattr(w, "text", None)]
    assert text[:3] == ["Kế", "hoạch", "số"]
    first = next(w for w in _walk(tree) if getattr(w, "text", None) == "Kế")
    assert (first.bbox.left, first.bbox.top, first.bbox.right, first.bbox.bottom) == (50, 50, 80, 70)


def _walk(el: object) -> list[object]:
    out = [el]
    for c in getattr(el, "children", []) or []:
        out += _walk(c)
    return out


def test_layout_keeps_every_restored_word_once() -> None:
    lay = page_layout(F.page())
    words = [w.text for b in lay.blocks for ln in b.lines for w in ln.words]
    assert words == ["Kế", "hoạch", "số", "TT", "Nội", "dung", "công", "việc", "1", "Tuyên", "truyền"]
    assert [w.estimated for w in lay.blocks[0].lines[0].words] == [False, False, False]


def test_cells_with_ocr_word_boxes_use_them() -> None:
    from dataclasses import replace

    from pipeline.types import Line, Word

    page = F.page()
    table = page.tables[0]
    boxes = (Word("Tuyen", (230, 430, 330, 470), 0.8), Word("truyen", (345, 430, 470, 470), 0.6))
    cell = replace(table.cells[3], lines=(Line("Tuyen truyen", (230, 430, 470, 470), boxes, 0.7),))
    page = replace(page, tables=(replace(table, cells=(*table.cells[:3], cell)),))
    block = page_layout(page).blocks[-1]
    assert [(w.text, w.ocr, w.bbox, w.estimated) for w in block.lines[0].words] == [
        ("Tuyên", "Tuyen", (230, 430, 330, 470), False), ("truyền", "truyen", (345, 430, 470, 470), False)]


def test_restoration_merging_or_splitting_words_keeps_the_measured_boxes() -> None:
    """A changed word count no longer cuts the whole line's box by characters: each restored token
    gets the boxes of the OCR words its letters came from."""
    from dataclasses import replace

    from pipeline.types import Line, Word

    page = F.page(tables=False)
    ocr_words = (Word("Uỷ", (100, 100, 150, 140), 0.9), Word("ban", (160, 100, 230, 140), 0.7),
                 Word("số224/KH-UBND", (300, 100, 560, 140), 0.8), Word("ngày", (580, 100, 660, 140), 0.95))
    ocr_line = Line(" ".join(w.text for w in ocr_words), (100, 100, 660, 140), ocr_words, 0.8, 1)
    # restoration merged "Uỷ ban" (as a model might) and split "số224/KH-UBND"
    restored = replace(ocr_line, text="Ủyban số 224/KH-UBND ngày")
    page = replace(page, page=replace(page.page, lines=(ocr_line,)), lines=(restored,))
    words = page_layout(page).blocks[0].lines[0].words
    assert [(w.text, w.ocr, w.estimated) for w in words] == [
        ("Ủyban", "Uỷ ban", False), ("số", "số", True), ("224/KH-UBND", "224/KH-UBND", True), ("ngày", "ngày", False)]
    assert words[0].bbox == (100, 100, 230, 140)  # the union of the two words it merged
    assert words[3].bbox == (580, 100, 660, 140)  # untouched words keep their own box
    assert 300 == words[1].bbox[0] < words[1].bbox[2] <= words[2].bbox[0] < words[2].bbox[2] == 560  # the split word's box, shared


def test_a_cell_whose_restored_text_merged_words_keeps_their_boxes_and_lines() -> None:
    from dataclasses import replace

    from pipeline.types import Line, Word

    page = F.page()
    table = page.tables[0]
    first = (Word("Tuyen", (230, 410, 330, 440), 0.8), Word("truyen", (345, 410, 470, 440), 0.6))
    second = (Word("pho", (230, 450, 290, 480), 0.9), Word("bien", (300, 450, 370, 480), 0.9))
    lines = (Line("Tuyen truyen", (230, 410, 470, 440), first, 0.7), Line("pho bien", (230, 450, 370, 480), second, 0.9))
    cell = replace(table.cells[3], text="Tuyêntruyền\nphổ biến", lines=lines)
    page = replace(page, tables=(replace(table, cells=(*table.cells[:3], cell)),))
    block = page_layout(page).blocks[-1]
    assert [[(w.text, w.bbox, w.estimated) for w in ln.words] for ln in block.lines] == [
        [("Tuyêntruyền", (230, 410, 470, 440), False)],
        [("phổ", (230, 450, 290, 480), False), ("biến", (300, 450, 370, 480), False)]]


def test_an_upside_down_skewed_page_has_its_boxes_on_the_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine deskews, finds the text upside down, turns and deskews again: the page record
    holds both deskews (it held only the second, ~0, and the boxes missed by the first)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.export.layout import to_source
    from pipeline.ocr import OcrEngine, orientation
    from pipeline.options import OcrOptions
    from pipeline.types import RestoredPage, SourcePage

    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeSerif.ttf", 40)
    lines = ("Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện chuyển đổi số",
             "Các sở, ban, ngành và địa phương phối hợp thực hiện đúng tiến độ.",
             "Tăng cường công tác tuyên truyền, nâng cao nhận thức của cán bộ.")
    size = (1700, 420)

    def scan(img: Image.Image) -> np.ndarray:  # skewed 1.5 degrees, then turned upside down
        return np.asarray(img.rotate(1.5, fillcolor=0 if img.mode == "1" else 255).rotate(180))

    page_img = Image.new("L", size, 255)
    truth = []
    for i, line in enumerate(lines):
        x = 60
        for word in line.split():
            ImageDraw.Draw(page_img).text((x, 60 + 100 * i), word, font=font, fill=0)
            mask = Image.new("1", size, 0)
            ImageDraw.Draw(mask).text((x, 60 + 100 * i), word, font=font, fill=1)
            ys, xs = np.nonzero(scan(mask))
            truth.append((int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))
            x += int(font.getlength(word + " "))
    monkeypatch.setattr(orientation, "detect", lambda *a, **k: (0, True))  # no turn found before reading
    image = scan(page_img)
    ocr = OcrEngine(OcrOptions(lang="vie")).read(SourcePage(1, "t.png", size[0], size[1], 300, image))
    assert ocr.rotation == 180 and ocr.skew == pytest.approx(-1.5, abs=0.4)  # the deskew that undoes it
    lay = to_source(page_layout(RestoredPage(ocr, ocr.lines, ())), ocr.rotation, ocr.skew)
    boxes = [w.bbox for b in lay.blocks for ln in b.lines for w in ln.words]

    def iou(a: tuple[int, ...], b: tuple[int, ...]) -> float:
        ix, iy = max(0, min(a[2], b[2]) - max(a[0], b[0])), max(0, min(a[3], b[3]) - max(a[1], b[1]))
        return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)

    hits = sum(max(iou(t, b) for b in boxes) >= 0.7 for t in truth)
    assert hits >= 0.9 * len(truth)
