"""The OCR channel model: rule estimation, scoring, candidates, persistence, the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.restore.ocrfix.channel import (
    ChannelModel,
    UnsureChannel,
    count_rules,
    estimate_rules,
    skeleton,
    split_edges,
)

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "channel-eng.json.gz"

# A few (true, observed) token pairs of English-model garble, with counts.
PAIRS = [("của", "ciia", 5), ("của", "cua", 9), ("số", "s6", 7), ("về", "vé", 6), ("đề", "dé", 4),
         ("sơ", "so’", 3), ("nước", "nudc", 2), ("người", "nguoi", 4), ("điều", "diéu", 5), ("thể", "thé", 3),
         ("cũng", "cing", 2), ("hồ", "ho", 3), ("có", "cé", 4), ("ủy", "iiy", 2)]  # fmt: skip
SYLLABLES = {"của": 100, "cửa": 20, "cua": 3, "số": 80, "sổ": 10, "sơ": 15, "về": 90, "vẻ": 5, "đề": 40,
             "để": 60, "nước": 50, "người": 70, "điều": 60, "thể": 30, "thế": 30, "cũng": 40, "hồ": 20,
             "có": 99, "ủy": 10, "thủ": 25, "thú": 5, "tục": 20, "mười": 12}  # fmt: skip


@pytest.fixture(scope="module")
def tiny() -> ChannelModel:
    rewrites, totals = count_rules(PAIRS)
    rules = estimate_rules(rewrites, totals, min_count=1)
    table: dict[str, dict[str, int]] = {}
    true_counts: dict[str, int] = {}
    for t, o, n in PAIRS:
        table.setdefault(o, {})[t] = n
        true_counts[t] = true_counts.get(t, 0) + n
    return ChannelModel(rules, table, true_counts, SYLLABLES)


def test_rules_are_probabilities(tiny: ChannelModel) -> None:
    for tc, outs in tiny.rules.items():
        assert all(lp <= 0.0 for lp in outs.values()), tc
    assert tiny.rules["ủ"]["ii"] > tiny.rules["ủ"].get("x", -99)


def test_seen_garble_scores_above_unrelated(tiny: ChannelModel) -> None:
    assert tiny.logp("ciia", "của") > tiny.logp("ciia", "cửa")
    assert tiny.logp("s6", "số") > tiny.logp("s6", "để")


def test_generalizes_to_unseen_garble(tiny: ChannelModel) -> None:
    # "thii" never occurred, but ủ -> ii and t -> t did: "thủ" must beat its look-alikes.
    assert "thii" not in tiny.table
    cands = [t for t, _ in tiny.candidates("thii")]
    assert cands and cands[0] == "thủ"
    # "mudi" for "mười": ư -> u and ờ -> d were seen in "nudc"/"nguoi" only.
    assert "mười" in [t for t, _ in tiny.candidates("mudi")]


def test_candidates_are_sorted_and_bounded(tiny: ChannelModel) -> None:
    cands = tiny.candidates("ciia")
    assert cands[0][0] == "của"
    assert len(cands) <= 8
    assert all(t in SYLLABLES for t, _ in cands)


def test_prior_readings_bring_back_a_frequent_syllable_crowded_out_by_mark_look_alikes() -> None:
    # The English model drops marks almost always: "cín", "cìn" read as "cin" cost nearly
    # nothing, "cán" read as "cin" (á -> i) a few nats; the weak-prior shortlist keeps the rare
    # look-alikes, the full prior puts the frequent word first.
    rules = {"á": {"a": -0.2, "i": -3.0}, "í": {"i": -0.1}, "ì": {"i": -0.1}, "c": {"c": -0.01}, "n": {"n": -0.01}}
    model = ChannelModel(rules, {}, {}, {"cán": 300, "cín": 1, "cìn": 1})
    assert "cán" not in [t for t, _ in model.candidates("cin", 2)]
    assert [t for t, _ in model.prior_readings("cin", 1)] == ["cán"]
    assert set(t for t, _ in model.prior_readings("cin", 3)) == {"cán", "cín", "cìn"}


@pytest.mark.skipif(not SHIPPED.exists(), reason="models/channel-eng.json.gz not built")
@pytest.mark.parametrize(("obs", "true"), [("cin", "cán"), ("dim", "đảm"), ("chit", "chất"), ("di", "đội")])
def test_shipped_model_prior_readings_hold_frequent_words(obs: str, true: str) -> None:
    from pipeline.restore.ocrfix.settings import GARBLE

    model = ChannelModel.load(SHIPPED)
    assert true in [t for t, _ in model.prior_readings(obs, GARBLE.prior_readings)]


def test_save_load_roundtrip(tiny: ChannelModel, tmp_path: Path) -> None:
    tiny.precompute(["ciia", "s6"])
    path = tmp_path / "ch.json.gz"
    tiny.save(path)
    back = ChannelModel.load(path)
    assert back.rules == tiny.rules and back.table == tiny.table
    assert back.logp("ciia", "của") == pytest.approx(tiny.logp("ciia", "của"))
    assert [t for t, _ in back.candidates("s6")] == [t for t, _ in tiny.candidates("s6")]
    assert back.pool_size == tiny.pool_size


def test_unsure_channel_mixes_in_what_unsure_words_become(tiny: ChannelModel) -> None:
    # An engine unsure of a word misreads it far more often: here "mười" was read "hười".
    rewrites, totals = count_rules([("mười", "hười", 3), ("của", "của", 1)])
    unsure_model = ChannelModel(estimate_rules(rewrites, totals, min_count=1), {"hười": {"mười": 3}},
                                {"mười": 3, "của": 1}, SYLLABLES)  # fmt: skip
    mixed = UnsureChannel(tiny, unsure_model, 0.5)
    assert mixed.logp("hười", "mười") > tiny.logp("hười", "mười") + 3
    assert "mười" in [t for t, _ in mixed.candidates("hười")]
    # The syllable list and token table are the base model's, so keep-or-change rules agree.
    assert mixed.syllables is tiny.syllables and mixed.table is tiny.table
    assert mixed.is_syllable_shape("cua") and not mixed.is_syllable_shape("xyzq")
    # Weight 0 is the base channel.
    assert UnsureChannel(tiny, unsure_model, 0.0).logp("ciia", "của") == pytest.approx(tiny.logp("ciia", "của"))


@pytest.mark.parametrize(
    ("token", "core"),
    [
        ("hdi:", "hdi"),
        ("(ciia", "ciia"),
        ("so’", "so’"),
        ("du’o’c,", "du’o’c"),
        ("“Diéu", "Diéu"),
        ("...", ""),
    ],
)
def test_split_edges_keeps_garble_marks(token: str, core: str) -> None:
    assert split_edges(token)[1] == core


def test_skeleton_folds_digit_confusions() -> None:
    assert skeleton("s6") == skeleton("Số") == "so"
    assert skeleton("5O") == "so"


@pytest.mark.skipif(not SHIPPED.exists(), reason="models/channel-eng.json.gz not built")
@pytest.mark.parametrize(
    ("obs", "true"),
    [("ciia", "của"), ("ctia", "của"), ("s6", "số"), ("nudc", "nước"), ("chwong", "chương"), ("k&", "kế"),
     ("du’o’c", "được"), ("trién", "triển"), ("diéu", "điều"), ("tw", "tự"), ("pinh", "định")],
)  # fmt: skip
def test_shipped_model_shortlists_the_true_syllable(obs: str, true: str) -> None:
    model = ChannelModel.load(SHIPPED)
    assert true in [t for t, _ in model.candidates(obs)]


def test_deletes_of_a_long_key_are_bounded() -> None:
    # Issue 15: the neighbourhood of a 2,000-letter token took 3.7 GB (cubic in its length).
    from pipeline.restore.ocrfix.channel import MAX_DELETE_KEY, deletes

    assert deletes("ab" * 1000, 2) == {"ab" * 1000}
    assert len(deletes("x" * 40, 2)) == 1
    short = deletes("nguyen", 2)
    assert "ngyen" in short and "nyen" in short and "nguyen" in short
    assert len(deletes("abcdefghijklmnopqrstuvwxyz012345"[:MAX_DELETE_KEY], 2)) > 400


def test_a_long_word_restores_in_bounded_memory() -> None:
    from memcap import python_capped

    code = ("import sys; from pipeline.restore import restore\n"
            "for mode in ('ocr-eng', 'ocr-vie', 'auto'):\n"
            "    out = restore('Ke hoach ' + 'ab' * 1000 + ' trien khai', mode=mode).text\n"
            "    assert out.split()[2] == 'ab' * 1000, out[:40]\n"
            "print('ok')\n")
    res = python_capped(code, 1500, timeout=240)
    assert res.returncode == 0 and res.stdout.strip() == b"ok", res.stderr.decode()[-800:]


def test_wide_readings_reach_a_frequent_syllable_three_skeleton_edits_away() -> None:
    # "thực" read "thyte" at 150 dpi: skeletons "thuc" / "thyte" are three edits apart, beyond
    # the delete-neighbourhood pools; the wide search scores the frequent syllables that far.
    rules = {"ự": {"yt": -1.0}, "c": {"e": -1.5, "c": -0.01}, "t": {"t": -0.01}, "h": {"h": -0.01}}
    model = ChannelModel(rules, {}, {}, {"thực": 500, "thức": 5, "the": 50})
    assert "thực" not in [t for t, _ in model.candidates("thyte")]
    assert model.wide_readings("thyte", 1)[0][0] == "thực"
    assert model.wide_readings("thy", 4) == ()  # too short a key: too many syllables that near


def test_a_trailing_apostrophe_pools_what_the_bare_letters_stood_for() -> None:
    # "cit’": the horn of "ứ" read as letters and an apostrophe; training saw "cit" for "cứ".
    rules = {"ứ": {"it": -1.7}, "": {"’": -6.6}, "c": {"c": -0.01}}
    model = ChannelModel(rules, {"cit": {"cứ": 34}}, {"cứ": 40}, {"cứ": 100, "cứt": 1})
    assert "cứ" in [t for t, _ in model.candidates("cit’")]


@pytest.mark.skipif(not SHIPPED.exists(), reason="models/channel-eng.json.gz not built")
@pytest.mark.parametrize(("obs", "true"), [("thyre", "thực"), ("chtre", "chức"), ("neéng", "tướng"), ("ciéin", "căn")])
def test_shipped_model_wide_readings_hold_150_dpi_garbles(obs: str, true: str) -> None:
    from pipeline.restore.ocrfix.settings import GARBLE

    model = ChannelModel.load(SHIPPED)
    assert true in [t for t, _ in model.wide_readings(obs, GARBLE.wide_readings)]
