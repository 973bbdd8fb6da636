"""The issuer's name with its marks as the document's own text writes it (header_borne)."""

from __future__ import annotations

import pytest

from pipeline.structure.header import parse_header
from pipeline.structure.header_borne import authority_as_the_body_writes
from pipeline.structure.layout import Ln

_BODY = ["Khoa Hệ thống Thông tin thông báo đến sinh viên chính quy ngành Hệ", "thống Thông tin kế hoạch như sau:"]


@pytest.mark.parametrize(("name", "texts", "want"), [
    # a real scan: THỐNG read with the wrong mark in capitals; the body writes the name twice
    ("KHOA HỆ THÓNG THÔNG TIN", _BODY, "KHOA HỆ THỐNG THÔNG TIN"),
    ("KHOA HỆ THÓNG THÔNG TIN", _BODY[:1], "KHOA HỆ THÓNG THÔNG TIN"),  # given once: not enough
    ("KHOA HỆ THÓNG THÔNG TIN", ["Hệ thống Thông tin và Hệ thông Thông tin"], "KHOA HỆ THÓNG THÔNG TIN"),  # forms disagree
    ("TỈNH THANH HÓA", ["tỉnh Thanh Hoá, tỉnh Thanh Hoá"], "TỈNH THANH HÓA"),  # a tone placed elsewhere only
    ("SỞ Y TẾ", ["Sở Y tế và Sở Y tế"], "SỞ Y TẾ"),
    ("BAN TUYÊN GIÁO", ["ban tuyên giao, ban tuyên giao"], "BAN TUYÊN GIÁO"),  # marks lost in the body: no syllable changes
    (None, _BODY, None),
])
def test_an_issuers_marks_as_the_body_writes_the_name(name: str | None, texts: list[str], want: str | None) -> None:
    assert authority_as_the_body_writes(name, texts) == want


def test_the_header_files_the_issuer_as_the_body_writes_it() -> None:
    rows = [("TRƯỜNG ĐẠI HỌC", "L", 240), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "R", 240),
            ("CÔNG NGHỆ THÔNG TIN", "L", 300), ("Độc lập - Tự do - Hạnh phúc", "R", 300),
            ("KHOA HỆ THÓNG THÔNG TIN", "L", 360), ("Tp. Hồ Chí Minh, ngày 10 tháng 01 năm 2014", "R", 360),
            ("Số: 12/TB-HTTT", "L", 420), ("THÔNG BÁO", "C", 520), ("Kế hoạch bảo vệ Thực tập Tốt nghiệp", "C", 580)]
    lines = [Ln(t, 1, (300 if c == "L" else 1300 if c == "R" else 400, y, 1000 if c == "L" else 2200, y + 50), c,
                centered=c == "C") for t, c, y in rows] + [Ln(t, 1) for t in _BODY]
    assert parse_header(lines).header.authority == "KHOA HỆ THỐNG THÔNG TIN"
