"""The accurate (neural) diacritic model: the shipped models/neural.pt, for real."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import MissingDependencyError
from pipeline.restore.diacritics.neural import NeuralRestorer
from pipeline.vn.orthography import strip_diacritics


@pytest.fixture(scope="module")
def nr() -> NeuralRestorer:
    return NeuralRestorer.load()


def test_loads_fast(nr: NeuralRestorer) -> None:
    # Timed after the fixture's load: torch's own first import (seconds) is not the model's.
    t0 = time.perf_counter()
    NeuralRestorer.load()
    assert time.perf_counter() - t0 < 5.0  # target 2 s (docs/bench/neural.md); slack for busy CI


def test_missing_model_names_the_fix(tmp_path) -> None:
    with pytest.raises(MissingDependencyError, match="scripts.train.neural"):
        NeuralRestorer.load(tmp_path / "nope.pt")


# Administrative sentences written for this test (not taken from the corpus).
ADMIN_SENTENCES = [
    "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện nhiệm vụ năm 2025",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Các sở, ban, ngành và địa phương phối hợp thực hiện, bảo đảm đúng tiến độ.",
    "Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.",
]


def test_restores_administrative_sentences(nr: NeuralRestorer) -> None:
    # The model alone is weaker than the n-gram LM (it is meant to rescore its lattice), so
    # this asks for most syllables, not all (docs/bench/neural.md has the measured accuracy).
    gold = "\n".join(ADMIN_SENTENCES)
    out = nr.restore_text(strip_diacritics(gold))
    pairs = list(zip(out.split(), gold.split(), strict=True))
    right = sum(a == b for a, b in pairs)
    assert right / len(pairs) >= 0.85, [p for p in pairs if p[0] != p[1]]


@pytest.mark.parametrize(
    ("stripped", "gold"),
    [("Quyet dinh nay co hieu luc ke tu ngay ky", "Quyết định này có hiệu lực kể từ ngày ký"),
     ("UY BAN NHAN DAN", "ỦY BAN NHÂN DÂN"),
     ("Cong hoa xa hoi chu nghia Viet Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")],
)
def test_restores_stock_phrases(nr: NeuralRestorer, stripped: str, gold: str) -> None:
    assert nr.restore_text(stripped) == gold


def test_keeps_case_symbols_and_layout(nr: NeuralRestorer) -> None:
    text = "UY BAN NHAN DAN\nSo: 119/KH-UBND  ngay 5/3/2024\n\n  Dieu 1. Pham vi"
    out = nr.restore_text(text)
    assert "119/KH-UBND  " in out and "5/3/2024" in out
    assert out.count("\n") == text.count("\n")
    assert strip_diacritics(out) == text


def test_accented_tokens_are_left_alone(nr: NeuralRestorer) -> None:
    # "Hòa" (old style) stays as written even though the rest is restored around it.
    assert nr.restore_tokens(["Hòa", "binh", "va", "phat", "trien"])[0] == "Hòa"


def test_predict_gives_sorted_distributions(nr: NeuralRestorer) -> None:
    items = ["thuc", "hien", ",", "\n", "47", "UBND", "(Dieu"]
    out = nr.predict(items)
    assert len(out) == len(items)
    for item, cands in zip(items, out, strict=True):
        scores = [s for _, s in cands]
        assert scores == sorted(scores, reverse=True)
        assert all(strip_diacritics(c) == item.lower() for c, _ in cands)
        assert math.isclose(sum(math.exp(s) for s in scores), 1.0, abs_tol=1e-3)
    assert out[2] == [(",", 0.0)] and out[4] == [("47", 0.0)]
    assert out[6][0][0] == "(điều"


_SYL = st.sampled_from(
    ["ke", "hoach", "trien", "khai", "Thuc", "HIEN", "nghi", "quyet", "cua", "chinh", "phu", "Dieu", "so"]
)
_OTHER = st.sampled_from([",", ".", "47/NQ-CP", "2025", "(", ")", "UBND", "e-mail", "\n", "  "])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(_SYL, _OTHER), min_size=1, max_size=40))
def test_output_strips_back_to_input(nr: NeuralRestorer, parts: list[str]) -> None:
    text = " ".join(parts)
    out = nr.restore_text(text)
    assert strip_diacritics(out) == text
    assert len(out.split()) == len(text.split())


def test_manifest_matches_shipped_file(nr: NeuralRestorer) -> None:
    # The manifest (sha256, dev-tuned lattice weight) must describe the file actually shipped.
    import hashlib
    import json
    from pathlib import Path

    models = Path(__file__).resolve().parents[2] / "models"
    man = json.loads((models / "neural.manifest.json").read_text(encoding="utf-8"))
    assert man["sha256"] == hashlib.sha256((models / "neural.pt").read_bytes()).hexdigest()
    weight = nr.meta.get("lattice_weight")
    assert weight == man.get("lattice_weight")
    assert weight is None or 0.0 < float(weight) <= 1.0


class _FakeTagger:
    """Stands in for the network: fixed distributions per stripped syllable."""

    def __init__(self, table: dict[str, list[tuple[str, float]]]) -> None:
        self.table = table
        self.seen: list[str] = []

    def predict(self, items: list[str]) -> list[list[tuple[str, float]]]:
        self.seen = list(items)
        return [self.table.get(i.lower(), [(i.lower(), 0.0)]) for i in items]


def test_lattice_rescorer_arbitrates_marks_only() -> None:
    from pipeline.restore.diacritics.neural import lattice_rescorer

    fake = _FakeTagger({"ban": [("bản", -0.1), ("bạn", -2.0), ("ban", -4.0)]})
    rescore = lattice_rescorer(fake, 0.5)  # type: ignore[arg-type]
    # Position 0 is a word read "bạn" in the first pass, with a reading of other letters ("bàn"
    # shares the letters; "bao" does not); position 1 is a fixed number.
    extra = rescore([["bạn", "bản", "bao", "ban"], None], [0, 0], ["bạn", "<num>"])
    assert fake.seen == ["ban", "1"]  # the stripped first-pass reading; a number stands as "1"
    scores = extra[0]
    assert scores[1] == 0.0  # the network's best among the same letters
    assert scores[0] == pytest.approx(0.5 * (-2.0 + 0.1))
    assert scores[2] == scores[0]  # other letters: the current choice's value, no push either way
    assert scores[3] == pytest.approx(0.5 * (-4.0 + 0.1))
    assert extra[1] == [0.0]


def test_accurate_ocr_eng_restores_garble_and_keeps_layout() -> None:
    import pipeline

    text = "Trién khai thye hién Nghi quyét s6 47/NQ-CP\nngay 15/4/2024 ciia Chinh phu"
    out = pipeline.restore_text(text, model="accurate", mode="ocr-eng")
    assert out.text.split("\n") == [
        "Triển khai thực hiện Nghị quyết số 47/NQ-CP",
        "ngày 15/4/2024 của Chính phủ",
    ]
    assert out.model == "accurate" and out.mode == "ocr-eng"
