"""Table regions on English-model OCR pages: a long cell's rule-less lines between two table
lines, or after the page's last one, are the table's, and so is a page of rows under a column
header whose rules were all lost (``cell_rules.table_lines``), and a unit cell's wrapped "tỉnh" at a table
line's end is read as the province, not from the task cell's context (issue 13)."""

from __future__ import annotations

import pytest

from pipeline.restore.ocrfix.cell_rules import table_lines
from pipeline.restore.ocrfix.settings import CELL_RULES
from tests.restore.test_garble import LM_PATH, pytestmark  # noqa: F401  (skips without models)


def _page(inner: int, after: int = CELL_RULES.max_gap + CELL_RULES.window + 2) -> list[str]:
    rows = ["1.1 | Kiem tra cong tac | So Noi vu | Nam 2025"] * 3
    cell = ["thuc hien cac nhiem vu cua co quan"] * inner
    prose = ["Thuc hien cong tac nam 2025."] * (CELL_RULES.window + 1)
    return [*prose, *rows, *cell, *rows, *prose, *prose[:1] * (after - len(prose))]


def test_lines_of_a_long_cell_between_rules_are_the_tables() -> None:
    page = _page(CELL_RULES.max_gap - 1)
    got = table_lines(page)
    assert all(got[CELL_RULES.window + 1 : CELL_RULES.window + 1 + 6 + CELL_RULES.max_gap - 1])
    assert not got[0] and not got[-1]  # prose before and after stays prose


def test_a_page_that_ends_inside_a_cell() -> None:
    # the last row's task cell runs on to the page's end, past the page's last ruled line
    page = _page(2, after=CELL_RULES.max_gap - 1)
    got = table_lines(page)
    assert all(got[CELL_RULES.window + 1 :])
    assert not got[0]


def test_a_header_without_rules_opens_the_table() -> None:
    # the OCR lost every rule of a page: a column header over several lines, then rows one cell
    # per line, far more lines than the gap rule spans
    prose = ["Thuc hien cong tac nam 2025."] * 5
    header = ["STT", "NOI DUNG CONG VIEC", "CO QUAN CHU TRI", "THOI HAN", "HOAN", "THANH"]
    rows = ["1.1", "Kiem tra cong tac cua cac co quan", "nha nuoc tren dia ban.", "So Noi vu", "Nam 2025"] * 6
    got = table_lines([*prose, *header, *rows])
    assert not any(got[: len(prose)]) and all(got[len(prose) :])


def test_caps_headings_open_no_table() -> None:
    # one heading in capitals, or two, is a section title, not a column header
    prose = ["Thuc hien cong tac nam 2025."] * 5
    page = [*prose, "NHIEM VU VA GIAI PHAP", *prose * 4, "KET QUA THUC HIEN", *prose * 4]
    assert not any(table_lines(page))


def test_a_long_gap_is_no_cell() -> None:
    page = _page(CELL_RULES.max_gap + 8)
    got = table_lines(page)
    assert not got[len(page) // 2]  # the middle of the run: text between two tables


@pytest.fixture(scope="module")
def models():  # type: ignore[no-untyped-def]
    from pipeline.restore.core.lm import NgramLM
    from pipeline.restore.ocrfix.garble import load_channel

    return NgramLM.load(LM_PATH), load_channel("ocr-eng")


def _restore(text: str, models) -> list[str]:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import restore_garbled

    return restore_garbled(text, "ocr-eng", *models)[0].split("\n")


def test_province_at_a_table_line_end(models) -> None:  # type: ignore[no-untyped-def]
    rows = ["1.1 | Kiem tra cong tac | So Noi vu | Nam 2025"] * 2
    out = _restore("\n".join([*rows, "thuc hanh tiet kiem, chong lang tinh", "nam 2025, bao dam hieu qua.", *rows]), models)
    assert out[2].endswith("chống lãng tỉnh")


def test_a_wrapped_pair_keeps_its_reading(models) -> None:  # type: ignore[no-untyped-def]
    rows = ["1.1 | Kiem tra cong tac | So Noi vu | Nam 2025"] * 2
    out = _restore("\n".join([*rows, "Bao cao danh gia tinh", "hinh thuc hien ke hoach.", *rows]), models)
    assert out[2].endswith("tình") and out[3].startswith("hình")
