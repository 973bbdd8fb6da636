"""The shipped n-gram LM and the lattice decoder (exact Viterbi and beam search)."""

from __future__ import annotations

import itertools
import pickle

import numpy as np
import pytest

from pipeline import modelstore
from pipeline.restore.core.decoder import SENT_END, decode, viterbi
from pipeline.restore.core.inventory import SyllableInventory
from pipeline.restore.core.lm import BOS_ID, NgramLM
from pipeline.restore.diacritics.fast import INVENTORY_FILE, LM_FILE


@pytest.fixture(scope="module")
def lm() -> NgramLM:
    return NgramLM.load(modelstore.models_dir() / LM_FILE)


@pytest.fixture(scope="module")
def inv() -> SyllableInventory:
    return SyllableInventory.load(modelstore.models_dir() / INVENTORY_FILE)


@pytest.mark.parametrize("context", [["ủy", "ban"], ["căn", "cứ"], ["<s>"], ["theo", "quy", "định"], ["xyzzy", "<num>"]])
def test_distribution_sums_to_one(lm: NgramLM, context: list[str]) -> None:
    ids = [BOS_ID] * lm.order + lm.ids(context)
    ctx = np.array([ids[-(lm.order - 1) :]] * len(lm.vocab))
    words = np.arange(len(lm.vocab))
    p = np.exp(lm.logprob_batch(ctx, words))
    total = p[words != BOS_ID].sum()
    assert abs(total - 1.0) < 0.02  # quantization leaves a little slack


def test_fluent_beats_scrambled(lm: NgramLM) -> None:
    good = "ủy ban nhân dân tỉnh ban hành kế hoạch".split()
    bad = "ủy bạn nhấn dần tình bàn hạnh kẻ hoách".split()
    assert lm.score(good) > lm.score(bad) + 20
    assert lm.logprob(["căn"], "cứ") > lm.logprob(["căn"], "cú")


def test_pickles_by_path(lm: NgramLM) -> None:
    blob = pickle.dumps(lm)
    assert len(blob) < 1000
    assert pickle.loads(blob) is lm


def test_inventory(inv: SyllableInventory) -> None:
    forms = [s for s, _ in inv.candidates("hoach")]
    assert forms[0] == "hoạch"
    assert inv.is_valid("Thuỷ") and inv.is_valid("thủy") and not inv.is_valid("thuyx")
    assert all(p <= 0 for _, p in inv.candidates("a"))


def test_viterbi_is_exact(lm: NgramLM, inv: SyllableInventory) -> None:
    words = "quyet dinh ve viec ban hanh".split()
    cands = [[s for s, _ in inv.candidates(w)[:4]] for w in words]
    ids = [np.array(lm.ids(c)) for c in cands]
    emis = [np.linspace(0, -0.5, len(c)) for c in cands]
    choices, confs = viterbi(ids, emis, lm)
    best = max(
        itertools.product(*[range(len(c)) for c in cands]),
        key=lambda ch: lm.score([cands[i][k] for i, k in enumerate(ch)]) + sum(emis[i][k] for i, k in enumerate(ch)),
    )
    assert tuple(choices) == best
    assert all(0.0 <= c <= 1.0 for c in confs)


def test_decode_generic_with_deletion_and_split(lm: NgramLM) -> None:
    positions = [
        [("ủy", 0.0)],
        [("ban", 0.0), ("bạn", 0.0)],
        [("", -0.5), ("@@", -0.1)],  # junk: dropping it is cheaper than an unknown word
        [("nhân dân", -1.0), ("nhândân", 0.0)],  # a merged token split back into two syllables
        [("tỉnh", 0.0), ("tình", 0.0)],
        [(SENT_END, 0.0)],
        [("căn", 0.0), ("cản", 0.0)],
        [("cứ", 0.0), ("cú", 0.0)],
    ]
    choices, confs = decode(positions, lm)
    picked = [positions[i][c][0] for i, c in enumerate(choices)]
    assert picked == ["ủy", "ban", "", "nhân dân", "tỉnh", SENT_END, "căn", "cứ"]
    assert len(confs) == len(positions) and all(0.0 <= c <= 1.0 for c in confs)


def test_decode_single_units_matches_viterbi(lm: NgramLM) -> None:
    positions = [[("cong", 0.0)], [("hòa", 0.0), ("hóa", 0.0)], [(SENT_END, 0.0)], [("xã", 0.0), ("xa", 0.0)], [("hội", 0.0), ("hỏi", 0.0)]]
    choices, _ = decode(positions, lm)
    assert [positions[i][c][0] for i, c in enumerate(choices)][3:] == ["xã", "hội"]
