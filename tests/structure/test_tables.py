"""Appendix tables: header once, repeated header dropped, rows merged across a page break."""

from __future__ import annotations

import pytest
import structure_fixtures as F

from pipeline.structure import build_document
from pipeline.structure.tables import rows_from_text, tables_from_cells
from pipeline.types import Table


def _table(rows: list[list]) -> Table:
    return F.PageBuilder(1).table(F.TABLE_COLS, rows).tables[0]


def test_multi_page_table_repeated_header_and_split_row() -> None:
    doc = build_document(F.kh_pages(), None)
    (app,) = doc.appendices
    (table,) = app.tables
    assert table.columns == tuple(F.TABLE_HEADER)
    assert table.page_nos == (3, 4)
    labels = [r.cells[0] for r in table.rows]
    assert labels == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1"]  # no header, no (1)..(5)
    kinds = [r.kind for r in table.rows]
    assert kinds == ["group", "item", "item", "item", "group", "item", "item", "group", "item"]
    split = table.rows[5]
    assert split.continued and split.page_no == 3
    assert split.cells == ("2.1", "Xây dựng ấn phẩm quảng bá hình ảnh tỉnh Bình Định bằng nhiều thứ tiếng",
                           "Sở Ngoại vụ", "Các sở, ngành liên quan", "Năm 2024")
    assert table.rows[3].cells[2] == "Sở Văn hóa và Thể thao"  # the cell merged over rows 1.2-1.3
    assert table.rows[0].cells == ("1", "Công tác tuyên truyền")  # the group title spans 4 columns
    assert not table.recovered_from_text


def test_a_different_table_on_the_next_page_is_not_merged() -> None:
    t1 = _table([F.TABLE_HEADER, ["1", "a", "b", "c", "d"]])
    t2 = _table([["STT", "TÊN", "GHI CHÚ", "SỐ LƯỢNG", "ĐƠN VỊ"], ["1", "x", "y", "z", "w"]])
    out = tables_from_cells([(1, t1), (2, t2)])
    assert [t.columns[0] for t in out] == ["TT", "STT"]


@pytest.mark.parametrize(
    ("first_row_next_page", "merged"),
    [
        (["", "tiếp theo", "", "", ""], True),  # no label: the row goes on
        (["Bi", "tiếp theo", "", "", "x"], True),  # OCR noise where a label would be: still goes on
        (["1.2", "mới", "x", "y", "z"], False),  # a labelled row starts afresh
    ],
)
def test_row_continuation_rule(first_row_next_page: list, merged: bool) -> None:
    t1 = _table([F.TABLE_HEADER, ["1.1", "việc", "A", "B", "C"]])
    t2 = _table([F.TABLE_HEADER, first_row_next_page])
    (out,) = tables_from_cells([(1, t1), (2, t2)])
    assert len(out.rows) == (1 if merged else 2)
    assert out.rows[0].continued is merged
    assert out.rows[0].cells[0] == "1.1"


def test_table_without_header_row_keeps_all_rows() -> None:
    (out,) = tables_from_cells([(1, _table([["1", "a", "b", "c", "d"], ["2", "e", "f", "g", "h"]]))])
    assert out.columns == () and len(out.rows) == 2


def test_rows_from_text_are_flagged_and_not_split_into_invented_columns() -> None:
    lines = [(1, "TT Nội dung Đơn vị chủ trì"), (1, "1 Tuyên truyền"), (1, "1.1 Quán triệt Sở Nội vụ"),
             (2, "TT Nội dung Đơn vị chủ trì"), (2, "tiếp tục năm 2025"), (2, "1.2 Báo chí Sở TTTT")]
    t = rows_from_text(lines)
    assert t is not None and t.recovered_from_text and t.confidence < 1
    assert [r.cells for r in t.rows] == [("1", "Tuyên truyền"), ("1.1", "Quán triệt Sở Nội vụ tiếp tục năm 2025"), ("1.2", "Báo chí Sở TTTT")]
    assert [r.kind for r in t.rows] == ["group", "item", "item"]
    assert t.columns == ("TT Nội dung Đơn vị chủ trì",)


def _text_layer_table_pages() -> list:
    """An appendix table as a born-digital text layer gives it: words with boxes, no grid."""
    xs = [400, 560, 1200, 1600, 2050]  # left edge of each column's text
    p1 = F.PageBuilder(1)
    p1.center("PHỤ LỤC").center("DANH MỤC NHIỆM VỤ").center("(Kèm theo Kế hoạch số 119/KH-UBND)")

    def row(p: F.PageBuilder, cells: list[str]) -> None:
        segs = [(t, x) for t, x in zip(cells, xs, strict=True) if t]
        p.lines.append(F.make_line(segs, p.y))
        p.y += F.STEP

    for p in (p1,):
        row(p, ["TT", "NHIỆM VỤ", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"])
    p1.lines.append(F.make_line([("1", 400), ("Công tác tuyên truyền và phổ biến", 560)], p1.y))
    p1.y += F.STEP
    row(p1, ["1.1", "Quán triệt Kết luận", "Sở TTTT", "Các sở", "Năm 2024"])
    row(p1, ["1.2", "Tuyên truyền trên", "Sở VHTT", "Báo tỉnh", "Hằng năm"])
    p2 = F.PageBuilder(2)
    row(p2, ["TT", "NHIỆM VỤ", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"])
    row(p2, ["", "báo chí", "", "", ""])
    row(p2, ["1.3", "Kiểm tra", "Sở Nội vụ", "Các sở", "Quý IV"])
    return [p1.build(), p2.build()]


def test_table_rebuilt_from_word_positions_across_pages() -> None:
    doc = build_document(_text_layer_table_pages(), None)
    (table,) = doc.appendices[0].tables
    assert table.method == "words" and not table.recovered_from_text
    assert table.columns == ("TT", "NHIỆM VỤ", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN")
    assert [(r.kind, r.cells) for r in table.rows] == [
        ("group", ("1", "Công tác tuyên truyền và phổ biến")),
        ("item", ("1.1", "Quán triệt Kết luận", "Sở TTTT", "Các sở", "Năm 2024")),
        ("item", ("1.2", "Tuyên truyền trên báo chí", "Sở VHTT", "Báo tỉnh", "Hằng năm")),
        ("item", ("1.3", "Kiểm tra", "Sở Nội vụ", "Các sở", "Quý IV")),
    ]
    assert table.rows[2].continued and table.page_nos == (1, 2)


def test_repair_labels_only_where_the_sequence_decides() -> None:
    from pipeline.document import TableRow
    from pipeline.structure.tables import repair_labels

    rows = [TableRow("group", ("1", "A"), 1), TableRow("item", ("I1", "x"), 1), TableRow("item", ("12", "y"), 1),
            TableRow("group", ("", "B"), 1), TableRow("item", ("2.1", "z"), 1), TableRow("item", ("77", "w"), 1)]
    assert [r.cells[0] for r in repair_labels(rows)] == ["1", "1.1", "1.2", "2", "2.1", "77"]


def test_repair_roman_one_and_bare_group_number_items() -> None:
    from pipeline.document import TableRow
    from pipeline.structure.tables import repair_labels

    rows = [TableRow("group", ("I", "A"), 1), TableRow("item", ("I1", "x"), 1), TableRow("item", ("1", "y"), 1),
            TableRow("group", ("II", "B"), 1), TableRow("item", ("2.1", "z"), 1)]
    assert [r.cells[0] for r in repair_labels(rows)] == ["1", "1.1", "1.2", "II", "2.1"]


def test_tables_after_the_signature_without_a_heading_form_an_untitled_appendix() -> None:
    pages = F.kh_pages()
    p3 = pages[2]
    kept = tuple(ln for ln in p3.lines if "PHỤ LỤC" not in ln.text and "DANH MỤC" not in ln.text and "Kèm theo" not in ln.text
                 and "UBND tỉnh Bình Định)" not in ln.text)
    pages[2] = type(p3)(page=p3.page, lines=kept, tables=p3.tables)
    doc = build_document(pages, None)
    (app,) = doc.appendices
    assert app.title is None and len(app.tables[0].rows) == 9 and not doc.tables
    assert any("no PHỤ LỤC heading" in w for w in doc.warnings)


def test_a_seal_speck_alone_on_its_line_opens_no_headerless_table() -> None:
    """"SÀN" (a seal's speck by "KT. CHỦ TỊCH") has the letters of a column title but stands alone: no
    table after the signature; a title alone followed by the other titles still opens one."""
    from pipeline.structure.appendix import headerless_table_start
    from pipeline.structure.layout import Ln

    closing = [Ln(t, 2) for t in ("Nơi nhận:", "SÀN", "KT. CHỦ TỊCH", "- Như trên;", "PHÓ CHỦ TỊCH", "Huỳnh Tấn Phát")]
    assert headerless_table_start(closing, 0) is None
    one_per_line = [Ln(t, 2) for t in ("Huỳnh Tấn Phát", "SẢN", "THỜI GIAN", "GHI CHÚ")]  # a header read one title a line
    assert headerless_table_start(one_per_line, 0) == 1
