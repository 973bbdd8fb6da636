"""Two syllable garbles glued by a mark read for their space, cut apart (``garble.joins``)."""

from __future__ import annotations

from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parents[2] / "models"
LM_PATH = MODELS / "restore_lm.npz"
pytestmark = pytest.mark.skipif(
    not (LM_PATH.exists() and (MODELS / "channel-eng.json.gz").exists()), reason="shipped models not built"
)


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Hoan thién-céc nhiém vy", "Hoan thién céc nhiém vy"),
        ("chi s6-nang lye", "chi s6 nang lye"),
        ("can bO, cOng-chife lam", "can bO, cOng chife lam"),
        ("kiém tra c6ng.tac phat", "kiém tra c6ng tac phat"),
        ("Luat Té'chitc chinh", "Luat Té chitc chinh"),
        ("phat trién kinh té's6.", "phat trién kinh té s6."),
        ("T6 chife.co' sé dir", "T6 chife co' sé dir"),
        ("nang luc canh-tranh cap tinh", "nang luc canh tranh cap tinh"),  # clean sides, a phrase
    ],
)
def test_glued_garbles_are_cut(line: str, want: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.joins import unglue_joins

    assert unglue_joins(line, eng, lm) == want


@pytest.mark.parametrize(
    "line",
    [
        "Covid-19 va UBND-NC, KH-UBND",  # codes
        "Nam-Lào, A-rap",  # names
        "mô-men xoắn, xi-lanh, ô-tô, mô-đun",  # loanwords read clean
        "bao vé moi tru’dng",  # a horn read as an apostrophe inside one syllable
        "Lang So'n",
        "xem www.abc-xyz.vn",
        "ngày 1.5.2020",
    ],
)
def test_codes_names_loanwords_and_one_syllable_kept(line: str, lm, eng) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.joins import unglue_joins

    assert unglue_joins(line, eng, lm) == line
