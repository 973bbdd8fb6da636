"""One page text: ParseResult.text, `vanban parse --text` and the evaluation all use result.page_text."""

from __future__ import annotations

from pipeline.citations import check_citations
from pipeline.citations.registry import NullResolver
from pipeline.document import Document, Header, PageText, SourceRef
from pipeline.result import ParseResult, page_text
from pipeline.types import Line, OcrPage, RestoredPage, SourceInfo, Status, Table, TableCell


def _page() -> RestoredPage:
    lines = (Line("Điều 1. Phê duyệt", (100, 100, 600, 130)), Line("Nơi nhận:", (100, 900, 300, 930)))
    cells = (TableCell(0, 0, "1", (100, 400, 150, 440)), TableCell(0, 1, "Sở  Tài chính", (150, 400, 600, 440)))
    ocr = OcrPage(page_no=1, width=1000, height=1400, dpi=300, lines=lines)
    return RestoredPage(page=ocr, lines=lines, tables=(Table((100, 400, 600, 440), 1, 2, cells),))


def test_table_rows_sit_between_the_lines_they_are_between() -> None:
    assert page_text(_page()) == "Điều 1. Phê duyệt\n1\tSở Tài chính\nNơi nhận:"


def test_result_text_is_the_page_text_with_tables() -> None:
    # ParseResult.text used to drop the table rows (so batch NAME.txt lacked them while --text had them).
    result = ParseResult(Status.success, SourceInfo("x.pdf", "0", 2, "pdf"), (_page(), _page()))
    assert result.text == page_text(_page()) + "\f" + page_text(_page())
    assert "Sở Tài chính" in result.text


def test_text_only_pages_keep_their_order() -> None:
    lines = (Line("b"), Line("a"))
    page = RestoredPage(page=OcrPage(1, 0, 0, 0, lines, engine="text"), lines=lines, tables=())
    assert page_text(page) == "b\na" == page.text


def test_citations_read_the_document_records() -> None:
    text = "Căn cứ Quyết định số 12/QĐ-UBND ngày 03/3/2024 của UBND tỉnh;"
    doc = Document(SourceRef(), Header(number="119/KH-UBND", date="2024-06-07"),
                   pages=(PageText(1, "Mở đầu", 1.0, "real"), PageText(2, text, 1.0, "real")))
    rep = check_citations(doc, resolver=NullResolver())
    assert rep.document_date == "2024-06-07" and rep.document_number == "119/KH-UBND"
    (c,) = [c for c in rep.citations if c.role == "citation"]
    assert c.page_no == 2 and c.symbol.text == "12/QĐ-UBND"
    # The same document as its JSON dict (a file read back) gives the same report.
    assert check_citations(doc.to_dict(), resolver=NullResolver()).to_dict() == rep.to_dict()
