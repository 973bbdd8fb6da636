"""Readings of a doubtful table word proposed by the words beside it (garble.context, issue 13):
at 150 dpi the English model loses a vowel group ("di" for "đội", "tiu" for "tiêu") and the
channel's shortlist, or the bigram pre-pruning, loses the true syllable."""

from __future__ import annotations

import dataclasses

from tests.restore.test_garble import pytestmark  # noqa: F401  (skips without models; lm, eng: conftest)


def test_bigram_neighbours_are_the_likeliest_first(lm) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.context import Bigrams

    big = Bigrams(lm)
    after = [lm.vocab[w] for w in big.after(lm.word_id("chỉ"), 20)]
    assert "tiêu" in after and "con" not in after
    before = [lm.vocab[w] for w in big.before(lm.word_id("ngũ"), 20)]
    assert "đội" in before
    # likeliest first: the successors' log-probabilities do not rise
    import numpy as np

    words = np.array(big.after(lm.word_id("chỉ"), 5), dtype=np.int64)
    ctx = np.full((len(words), lm.order - 1), lm.no_context_id, dtype=np.int64)
    ctx[:, -1] = lm.word_id("chỉ")
    lps = lm.logprob_batch(ctx, words, max_order=2).tolist()
    assert lps == sorted(lps, reverse=True)


def test_the_reading_its_neighbours_call_for_is_kept(lm) -> None:  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble.context import _best_linked

    # "di" between "lượng" and "ngũ": the bigram pre-pruning ranks "đội" 11th (rare readings
    # such as "dì" link well to some reading of the next word); beside the chosen words it leads
    pos = [("đi", -0.01), ("di", 0.0), ("dì", 0.0), ("dí", 0.0), ("đã", -4.6), ("đội", -3.2)]
    kept = _best_linked(pos, [lm.word_id("lượng")], [lm.word_id("ngũ")], lm)
    assert 5 in kept
    assert 5 not in _best_linked(pos, [], [], lm)  # by the channel alone it is not


def _table_page(row: str) -> str:
    head = "TT | NHIEM VU | CO QUAN CHU TRI | CO QUAN PHOI HOP | THOI GIAN"
    rows = ["1.1 | Kiem tra cong tac | So Noi vu | Cac so, ban, nganh | Nam 2025"] * 3
    return "\n".join([head, *rows, row, *rows])


def test_a_table_word_reads_as_its_neighbours_call_for(lm, eng, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pipeline.restore.ocrfix.garble.decode as decode
    from pipeline.restore.ocrfix.garble import restore_garbled

    page = _table_page("5 | Chat ligng di ngii can bd, cong chifc | So Noi vu | Cac so, ban, nganh | Nam 2025")
    got = restore_garbled(page, "ocr-eng", lm, eng)[0].split("\n")[4]
    assert "đội ngũ cán bộ" in got
    monkeypatch.setattr(decode, "GARBLE", dataclasses.replace(decode.GARBLE, context_readings=0))
    off = restore_garbled(page, "ocr-eng", lm, eng)[0].split("\n")[4]
    assert "đội ngũ" not in off  # the shortlist and the pruning alone lose it
