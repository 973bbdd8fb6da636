"""Document types and the fixed header formulae."""

from __future__ import annotations

import pytest

from pipeline.vn.codes import tables
from pipeline.vn.doctypes import (
    DOC_TYPES,
    FORMULAE,
    MOTTO,
    NATIONAL_NAME,
    PARTY_NAME,
    RE_MOTTO,
    RE_NATIONAL_NAME,
    RE_NATIONAL_NAME_TAIL,
    RE_PARTY_NAME,
    canonical_motto,
    match_doc_type,
)


def test_one_motto_for_every_stage() -> None:
    assert MOTTO == "Độc lập - Tự do - Hạnh phúc" and tables().motto == MOTTO
    assert FORMULAE == (NATIONAL_NAME, MOTTO, PARTY_NAME)
    assert len(set(DOC_TYPES)) == len(DOC_TYPES) and "KẾ HOẠCH" in DOC_TYPES


@pytest.mark.parametrize(
    ("pattern", "text"),
    [(RE_NATIONAL_NAME, "CỘ NG HOA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (RE_MOTTO, "Độc lập – Tự do – Hạnh phúc"),
     (RE_PARTY_NAME, "ĐẢNG CỘNG SẢN VIỆT NAM"), (RE_NATIONAL_NAME_TAIL, "XA HỘI CHỦ NGHĨA VIỆT NAM")],
)
def test_loose_formulae(pattern, text: str) -> None:  # type: ignore[no-untyped-def]
    assert pattern.search(text)


def test_canonical_motto() -> None:
    assert canonical_motto("Độc lập -Tự do-  Hạnh phúc", MOTTO) == MOTTO
    assert canonical_motto("Độc lập - Tự do - Hạnh  phúc!", MOTTO) == "Độc lập - Tự do - Hạnh phúc!"


@pytest.mark.parametrize(
    ("line", "want"),
    [("KẾ HOẠCH", "KẾ HOẠCH"), ("THÔNG BÁO KẾT LUẬN", "THÔNG BÁO"), ("THÔNG TƯ LIÊN TỊCH", "THÔNG TƯ LIÊN TỊCH"),
     ("ĐỂ AN", "ĐỀ ÁN"), ("Kế hoạch", None), ("ỦY BAN NHÂN DÂN", None)],
)
def test_match_doc_type(line: str, want: str | None) -> None:
    assert match_doc_type(line) == want
