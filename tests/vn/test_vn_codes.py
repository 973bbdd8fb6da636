"""The hand-written code tables, and how they relate to the learned D -> Đ table."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.vn.codes import tables

MODELS = Path(__file__).resolve().parents[2] / "models"


def test_d_repairs_only_name_real_codes() -> None:
    t = tables()
    assert t.d_repairs["ND"] == "NĐ" and t.d_repairs["QD"] == "QĐ"
    assert all(v.replace("Đ", "D") == k for k, v in t.d_repairs.items())
    assert "DA" not in t.d_repairs  # "DA" (Dự án) is a code of its own, never a broken "ĐA"


def test_type_codes() -> None:
    t = tables()
    assert {"KH", "QĐ", "NĐ", "TTr"} <= t.all_type_codes
    assert t.canonical_type_word("nghị  quyết") == "Nghị quyết"


def test_learned_table_is_a_separate_model() -> None:
    """models/channel-symbols.json is trained (scripts/train/channel.py --kind symbols): it is a
    D -> Đ map like the hand repairs, but learned from the corpus, not derived from the decrees."""
    learned = json.loads((MODELS / "channel-symbols.json").read_text(encoding="utf-8"))
    assert all(v.replace("Đ", "D") == k for k, v in learned.items())
    assert learned.get("DA") == "ĐA"  # the corpus writes "ĐA" far more often: the two tables differ
