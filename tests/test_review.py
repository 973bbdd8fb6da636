"""The review page: token marks, image overlays, finding links, and a real `vanban parse --html`."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from review_pages import constructed_result, page_array, write_png

from pipeline.citations import check_citations
from pipeline.cli import main
from pipeline.errors import ExitCode
from pipeline.review import first_lines, review_html
from pipeline.types import OcrPage, RestoredPage


def _line(doc: str, anchor: str) -> str:
    m = re.search(rf'<span class="line" id="{anchor}">(.*?)</span>(?=<span class="line"|<table|</div>)', doc)
    assert m, f"no line {anchor}"
    return re.sub(r"<[^>]+>", "", m.group(1))


def test_tokens_are_marked_with_confidence_and_original() -> None:
    result, img = constructed_result()
    doc = review_html(result)
    assert 'class="low changed" title="read: Uy · confidence 0.30">Ủy</span>' in doc
    assert 'class="changed" title="read: trien · confidence 0.97">triển</span>' in doc
    assert ">khai</span>" not in doc  # an unchanged, sure token stays plain text
    # The marked lines still read exactly as the restored text.
    for i, line in enumerate(result.pages[0].lines, start=1):
        assert _line(doc, f"p1-l{i}") == line.text.replace("&", "&amp;")


def test_image_is_embedded_and_cells_and_unsure_words_outlined() -> None:
    result, img = constructed_result()
    doc = review_html(result)
    data = re.search(r"src='data:image/jpeg;base64,([^']+)'", doc)
    assert data and Image.open(io.BytesIO(base64.b64decode(data.group(1)))).size == (img.shape[1], img.shape[0])
    assert len(re.findall(r'stroke="#27c"', doc)) == 6  # the six table cells
    assert len(re.findall(r'stroke="#e80"', doc)) == 1  # the one word read with confidence 0.3
    assert "<td colspan='1' rowspan='1'>Tuyên truyền</td>" in doc
    assert "http" not in doc.replace("http-equiv", "")  # nothing fetched from outside: readable offline


def test_findings_link_to_the_line_that_holds_them() -> None:
    result, img = constructed_result()
    doc = review_html(result)
    links = re.findall(r'<a href="#(p\d+-l\d+)">', doc)
    assert links == ["p1-l3"]
    assert "31/02/2020" in _line(doc, links[0])


@pytest.mark.parametrize("pages", [
    ["Số: 12/QĐ-UBND\nCăn cứ Nghị định 30/2020/NĐ-CP ngày 31/02/2020;", "Theo Luật 80/2015/QH13 ngày 30/02/2015."],
    ["một\nhai\nba", "", "Căn cứ Thông tư 01/2011/TT-BNV ngày 31/4/2011;\nhết"],
])
def test_document_lines_map_to_page_lines(pages: list[str]) -> None:
    """The finder counts lines over pages joined by form feeds; each finding lands on its own line."""
    report = check_citations({"pages": [{"page_no": i + 1, "text": t} for i, t in enumerate(pages)], "header": {}})
    assert report.findings
    starts = first_lines([_page(i + 1, t) for i, t in enumerate(pages)])
    for f in report.findings:
        assert f.page_no is not None
        line_on_page = f.line - starts[f.page_no] + 1
        assert f.excerpt in pages[f.page_no - 1].split("\n")[line_on_page - 1]


def _page(page_no: int, text: str) -> RestoredPage:
    from pipeline.types import Line

    lines = tuple(Line(t) for t in text.split("\n"))
    return RestoredPage(OcrPage(page_no, 10, 10, 300, lines), lines, ())


@pytest.fixture(scope="module")
def turned_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real `vanban parse --html` of a page scanned a quarter turn counter-clockwise."""
    folder = tmp_path_factory.mktemp("review")
    png = write_png(folder / "turned.png", np.ascontiguousarray(np.rot90(page_array(), 1)))
    code = main(["parse", str(png), "--json", str(folder / "t.json"), "--html", str(folder / "t.html"),
                 "--jobs", "1", "--quiet"])
    assert code == ExitCode.ok
    return folder / "t.html"


def test_real_parse_writes_review_page_in_reading_orientation(turned_review: Path) -> None:
    doc = turned_review.read_text(encoding="utf-8")
    data = re.search(r"src='data:image/jpeg;base64,([^']+)'", doc)
    assert data
    w, h = Image.open(io.BytesIO(base64.b64decode(data.group(1)))).size
    assert w > 2 * h  # shown turned back upright, as OCR read it (the file itself is portrait)
    assert "Số: 119/KH-UBND" in doc
    assert len(re.findall(r'stroke="#27c"', doc)) >= 4  # the ruled table's cells outlined on the image
    (link,) = re.findall(r'<a href="#(p\d+-l\d+)">', doc)
    assert "31/02/2020" in _line(doc, link)


def test_born_digital_pdf_review_page_shows_every_page(born_digital_pdf: Path, tmp_path: Path) -> None:
    """A born-digital PDF's pages are rendered by ingest like scans: the review page shows each one
    (it used to show none, as only OCR'd pages were re-rendered from the source)."""
    html_out = tmp_path / "d.html"
    code = main(["parse", str(born_digital_pdf), "--json", str(tmp_path / "d.json"), "--html", str(html_out),
                 "--jobs", "1", "--quiet"])
    assert code == ExitCode.ok
    doc = html_out.read_text(encoding="utf-8")
    images = re.findall(r"<img alt='page (\d+)' src='data:image/jpeg;base64,([^']+)'", doc)
    assert [n for n, _ in images] == ["1", "2"]
    for _, data in images:
        w, h = Image.open(io.BytesIO(base64.b64decode(data))).size
        assert 0 < w <= 1100 and h > w  # a portrait page, scaled for the review
    assert "no image" not in doc


def test_page_images_are_kept_only_when_asked(born_digital_pdf: Path) -> None:
    from pipeline.api import parse

    plain = parse(born_digital_pdf, {"jobs": 1})
    assert all(p.image is None for p in plain.pages)
    kept = parse(born_digital_pdf, {"jobs": 1, "page_images": True})
    assert all(p.image is not None and p.image.jpeg[:2] == b"\xff\xd8" for p in kept.pages)
    assert kept.to_dict() == {**plain.to_dict(), "timings": kept.to_dict()["timings"]}  # the JSON is the same
