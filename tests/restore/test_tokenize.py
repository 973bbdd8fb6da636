"""The restoration tokenizer: spans, protected symbols, LM units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.restore.core.tokenize import NUMBER, PUNCT, SYMBOL, WORD, lm_tokens, tokenize


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("so 47/NQ-CP,", [("so", WORD), ("47/NQ-CP", NUMBER), (",", PUNCT)]),
        ("(http://a.gov.vn/x)", [("(", PUNCT), ("http://a.gov.vn/x", SYMBOL), (")", PUNCT)]),
        ("lh@ubnd.gov.vn;", [("lh@ubnd.gov.vn", SYMBOL), (";", PUNCT)]),
        ("kinh te-xa hoi", [("kinh", WORD), ("te", WORD), ("-", PUNCT), ("xa", WORD), ("hoi", WORD)]),
        ("15/4/2024 1.500", [("15/4/2024", NUMBER), ("1.500", NUMBER)]),
        ("TP.HCM don't", [("TP.HCM", SYMBOL), ("don't", SYMBOL)]),
        ("khac.Dieu", [("khac", WORD), (".", PUNCT), ("Dieu", WORD)]),
        ("TP.Ha H.Tay", [("TP", WORD), (".", PUNCT), ("Ha", WORD), ("H", WORD), (".", PUNCT), ("Tay", WORD)]),
    ],
)
def test_tokenize_kinds(text: str, kinds: list[tuple[str, str]]) -> None:
    assert [(t.text, t.kind) for t in tokenize(text)] == kinds


@given(st.text(alphabet="abc đê 1/.,-()\n@:", max_size=80))
def test_spans_cover_all_non_space_text(text: str) -> None:
    toks = tokenize(text)
    rebuilt = list(" " * len(text))
    for t in toks:
        assert text[t.start : t.end] == t.text
        rebuilt[t.start : t.end] = t.text
    assert "".join(rebuilt).split() == text.split() or "".join(c if not c.isspace() else " " for c in text).split() == "".join(rebuilt).split()


def test_lm_tokens_sentences() -> None:
    assert lm_tokens("Dieu 5. Can cu (a), b") == [["Dieu", "<num>"], ["Can", "cu", "<p>", "a", "<p>", "b"]]
