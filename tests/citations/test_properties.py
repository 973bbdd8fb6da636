"""Property tests: spans slice back to the matched text; checking never raises on any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.citations import NullResolver, check_citations, find

WORDS = ["Nghị quyết", "Kết luận", "Kế hoạch", "Văn bản", "Tờ trình", "Chỉ thị", "Nghị định",
         "Quyết định", "Thông tư", "Luật", "Công văn", "Hướng dẫn", "Thông báo", "Quy định"]
CODES = ["NQ", "KL", "KH", "TTr", "CT", "NĐ", "QĐ", "TT", "HD", "TB", "QĐi", "ND", "QD"]
ISSUERS = ["CP", "TTg", "TW", "TU", "UBND", "BTTTT-TTĐN", "UBND-VX", "STTTT", "QH13"]
SEPS = ["/", " /", "/ ", "-", " - ", "-\n", "—"]
FILLER = ["Căn cứ ", " của Chính phủ", " của Bộ Chính trị", "; ", "\n", " về việc ", "ngày ", " số ", "\f"]


@st.composite
def citation_text(draw: st.DrawFn) -> str:
    num = draw(st.from_regex(r"[0-9][0-9O]{0,3}", fullmatch=True))
    party = draw(st.booleans())
    code, issuer = draw(st.sampled_from(CODES)), draw(st.sampled_from(ISSUERS))
    if party:
        sym = f"{num}{draw(st.sampled_from(SEPS))}{code}/{issuer}"
    else:
        year = draw(st.one_of(st.just(""), st.integers(1990, 2030).map(lambda y: f"{y}/")))
        sym = f"{num}{draw(st.sampled_from(SEPS[:3]))}{year}{code}{draw(st.sampled_from(SEPS[3:]))}{issuer}"
    d, m, y = draw(st.integers(0, 32)), draw(st.integers(0, 13)), draw(st.integers(1990, 2030))
    date = draw(st.sampled_from([f" ngày {d}/{m}/{y}", f" ngày {d:02d} tháng {m} năm {y}", f" ngày {d}-{m}-{y}", "", " ngày / /2024"]))
    return f"{draw(st.sampled_from(WORDS))} số {sym}{date}"


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(citation_text(), st.sampled_from(FILLER), st.text(max_size=20)), max_size=12))
    return "".join(parts)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_span_slices_back_to_its_text(text: str) -> None:
    found = find(text)
    for c in found.citations:
        assert text[c.span[0] : c.span[1]] == c.matched_text
        assert c.span[0] <= c.symbol_span[0] < c.symbol_span[1] <= c.span[1]
        assert text[c.symbol_span[0] : c.symbol_span[1]] == c.symbol.raw
        if c.date is not None:
            assert text[c.date.span[0] : c.date.span[1]] == c.date.text
        if c.issuer_span is not None:
            assert " ".join(text[c.issuer_span[0] : c.issuer_span[1]].split()) == c.issuer


@settings(max_examples=60, deadline=None)
@given(st.one_of(documents(), st.text(max_size=300)))
def test_checking_never_raises(text: str) -> None:
    rep = check_citations(text, resolver=NullResolver())
    assert all(f.severity in ("error", "warning", "info") for f in rep.findings)
    assert all(0 <= f.span[0] <= f.span[1] <= len(text) for f in rep.findings)
    assert not [f for f in rep.findings if f.rule == "engine.rule_failed"]
    rep.to_dict()


@settings(max_examples=40, deadline=None)
@given(citation_text())
def test_a_written_citation_is_found(text: str) -> None:
    cits = find(text).citations
    assert len(cits) >= 1
