"""The hand-made citation list (data/citations-hand): its spans still match the corpus text at their
offsets (so the list cannot silently rot), and the scoring counts a missed and a spurious mention."""

from __future__ import annotations

import json

import pytest

from scripts.bench.citations_hand import (
    DEFAULT_CORPUS,
    MENTIONS,
    SAMPLE,
    Pred,
    build,
    load_texts,
    read_mentions,
    read_notes,
    score_passage,
    symbol_parts,
)
from scripts.bench.cite_reference import extract

ROLES = {"cited", "own", "partial"}


def test_hand_list_is_well_formed():
    items = json.loads(SAMPLE.read_text("utf-8"))["items"]
    recs = read_mentions()
    assert len(recs) >= 60
    for r in recs:
        it = items[r["item"]]
        assert r["doc"] == it["doc"]
        assert it["start"] <= r["start"] < r["end"] <= it["end"]
        assert len(r["text"]) == r["end"] - r["start"]
        assert r["role"] in ROLES
        assert (r["symbol"] is None) == (r["role"] == "partial")
        if r["symbol"]:
            assert r["number"] == r["symbol"].split("/")[0].split("-")[0]
        if r["date"]:
            y, m, d = (int(x) for x in r["date"].split("-"))
            assert 1900 < y < 2100 and 1 <= m <= 12 and 1 <= d <= 31


@pytest.mark.slow
def test_spans_match_the_corpus_text():
    if not DEFAULT_CORPUS.is_dir():
        pytest.skip("corpus (../shared/corpus) not present")
    items = json.loads(SAMPLE.read_text("utf-8"))["items"]
    texts = load_texts(DEFAULT_CORPUS, items)
    recs = read_mentions()
    for r in recs:
        assert texts[r["doc"]][r["start"]:r["end"]] == r["text"], r
    # and mentions.jsonl is what the annotator's notes build to
    assert build(items, texts, read_notes()) == recs
    assert MENTIONS.read_text("utf-8").count("\n") == len(recs)


TEXT = "Căn cứ Nghị định số 152/2020/NĐ-CP ngày 30/12/2020; Quyết định số 12/QĐ-UBND; tỷ lệ 3/TB-X."


def _hand(sym: str, date: str | None, role: str = "cited") -> dict:
    a = TEXT.index(sym)
    return {"start": a, "end": a + len(sym), "text": sym, "symbol": sym, "date": date, "role": role}


def _pred(sym: str, date: str | None, pad: int = 0) -> Pred:
    a = TEXT.index(sym)
    return Pred(a, a + len(sym) + pad, sym, date)


def test_score_counts_missed_spurious_and_wrong():
    hand = [_hand("152/2020/NĐ-CP", "2020-12-30"), _hand("12/QĐ-UBND", None)]
    errors: list[str] = []
    # the first found right (its span with the trailing ";" punctuation still matches), the second
    # missed, one spurious
    t = score_passage(TEXT, hand, [_pred("152/2020/NĐ-CP", "2020-12-30"), _pred("3/TB-X", None)], errors)
    assert (t.hand, t.pred, t.found, t.symbol_ok, t.right) == (2, 2, 1, 1, 1)
    assert sum(e.startswith("missed") for e in errors) == 1
    assert sum(e.startswith("spurious") for e in errors) == 1
    # span ± punctuation matches; a wrong date is found but not right
    t = score_passage(TEXT, hand, [_pred("12/QĐ-UBND", None, pad=1), _pred("152/2020/NĐ-CP", None)])
    assert (t.pred, t.found, t.right) == (2, 2, 1)
    # a prediction on an own number or a number-only mention is not counted
    t = score_passage(TEXT, [_hand("12/QĐ-UBND", None, role="own")], [_pred("12/QĐ-UBND", None)])
    assert (t.hand, t.pred) == (0, 0)


def test_symbol_parts():
    assert symbol_parts("152/2020/NĐ-CP")["form"] == "legal"
    assert symbol_parts("80/2015/QH13")["form"] == "law"
    assert symbol_parts("57-KL/TW") == {"number": "57", "year": None, "type_code": "KL", "issuers": ["TW"], "form": "party"}
    assert symbol_parts("1578/BTTTT-TTĐN")["form"] == "cong_van"
    assert symbol_parts("119/KH-UBND")["type_code"] == "KH"
    assert symbol_parts("55-CP")["form"] == "old"
    assert symbol_parts("37-NQ/TW")["form"] == "party"


def test_reference_extractor():
    t = ("Số: 119/KH-UBND\nCăn cứ Nghị định số 152/2020/NĐ-CP ngày 30 tháng 12 năm 2020 của Chính phủ; "
         "công văn số 2905-cv/tu ngày 16/4/2020; Quyết định số 60/2017 / QĐ - UBND ngày 5/12/2017; tỷ lệ 3/4; 80.000 đồng/kg")
    got = [(m.symbol, m.date, m.role) for m in extract(t)]
    assert got == [("119/KH-UBND", None, "own"), ("152/2020/NĐ-CP", "2020-12-30", "cited"),
                   ("2905-CV/TU", "2020-04-16", "cited"), ("60/2017/QĐ-UBND", "2017-12-05", "cited")]
