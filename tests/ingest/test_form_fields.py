"""An e-office system prints the number and the day into a born-digital page's blanks through
signature form fields; those words are the page's text, its signing stamp is not
(``pipeline.ingest.form_fields``)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
from fixture_files import write_text_pdf
from pikepdf import Array, Dictionary, Name

from pipeline.ingest.pdf import load_pdf_page
from pipeline.options import ParseOptions

LINES = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
    "Số:           /TB-UBND",
    "Quảng Ngãi, ngày          tháng 11 năm 2024",
    "THÔNG BÁO",
    "Về việc tham dự Hội nghị đánh giá Chương trình mục tiêu quốc gia",
    "Thực hiện Công văn số 2003/UBDT-VPCTMTQG ngày 01/11/2024 của Ủy ban Dân tộc.",
)


def _gap(path: Path, before: str, after: str) -> tuple[float, float, float]:
    """x0, x1 of the blank between two words of one line and that line's baseline (PDF space)."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        a = next(w for w in words if w["text"] == before)
        b = next(w for w in words if w["text"] == after and abs(w["top"] - a["top"]) < 2)
        return a["x1"], b["x0"], page.height - a["bottom"]


def _with_fields(path: Path, fields: list[tuple[list[float], str]]) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
        annots = []
        for k, (rect, text) in enumerate(fields):
            ap = pdf.make_stream(f"BT /F1 11 Tf 2 4 Td ({text}) Tj ET".encode())
            ap.Type, ap.Subtype = Name.XObject, Name.Form
            ap.BBox = Array([0, 0, rect[2] - rect[0], rect[3] - rect[1]])
            ap.Resources = Dictionary(Font=Dictionary(F1=font))
            annots.append(pdf.make_indirect(Dictionary(
                Type=Name.Annot, Subtype=Name.Widget, FT=Name.Sig, T=pikepdf.String(f"Sig{k}"),
                Rect=Array(rect), F=132, AP=Dictionary(N=ap), P=pdf.pages[0].obj)))
        pdf.pages[0].obj.Annots = Array(annots)
        pdf.Root.AcroForm = Dictionary(Fields=Array(annots), SigFlags=3)
        pdf.save(path)


def _signed_pdf(tmp_path: Path) -> Path:
    path = write_text_pdf(tmp_path / "signed.pdf", [LINES])
    x0, x1, base = _gap(path, "Số:", "/TB-UBND")
    d0, d1, dbase = _gap(path, "ngày", "tháng")
    _with_fields(path, [
        ([x0 + 4, base - 4, x1 - 4, base + 14], "5 4 2"),  # characters spaced out, as e-office prints them
        ([d0 + 4, dbase - 4, d1 - 4, dbase + 14], "0 6"),
        ([380, 790, 570, 830], "TRUNG TAM CONG BAO 06.11.2024"),  # the signing stamp, above the text
    ])
    return path


def test_the_number_and_day_printed_by_form_fields_fill_the_blanks(tmp_path: Path) -> None:
    page = load_pdf_page(str(_signed_pdf(tmp_path)), 1, ParseOptions.from_dict({}).ingest)
    assert page.text is not None
    assert "Số: 542 /TB-UBND" in page.text
    assert "ngày 06 tháng 11 năm 2024" in page.text
    assert "TRUNG" not in page.text and "06.11.2024" not in page.text


def test_a_page_without_form_fields_reads_as_before(tmp_path: Path) -> None:
    path = write_text_pdf(tmp_path / "plain.pdf", [LINES])
    page = load_pdf_page(str(path), 1, ParseOptions.from_dict({}).ingest)
    assert page.text is not None
    assert "542" not in page.text and "\n/TB-UBND\n" in page.text  # the blank splits the line


def test_a_form_that_cannot_be_read_leaves_the_page_its_text_layer(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pipeline.ingest import form_fields

    def broken(*_: object) -> list[dict[str, object]]:
        raise KeyError("/AP")

    monkeypatch.setattr(form_fields, "_flattened_chars", broken)
    page = load_pdf_page(str(_signed_pdf(tmp_path)), 1, ParseOptions.from_dict({}).ingest)
    assert page.text is not None and "THÔNG BÁO" in page.text and "542" not in page.text
    assert any("form fields could not be read (KeyError)" in n for n in page.notes)
