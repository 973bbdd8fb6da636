"""The per-document diagnosis of the legacy-documents benchmark: where gold cell words went."""

from __future__ import annotations

from typing import Any

from scripts.bench.legacy_docs import losses


def _doc(rows: list[tuple[str, ...]]) -> dict[str, Any]:
    return {"appendices": [{"tables": [{"rows": [{"kind": "item", "cells": list(r)} for r in rows]}]}]}


def test_gold_words_lost_are_told_by_where_they_went() -> None:
    gold = _doc([("1.1", "Rà soát văn bản", "Sở Nội vụ", "Sở Tư pháp", "Năm 2024"),
                 ("1.2", "Tổ chức tập huấn", "Công an tỉnh", "Sở Tài chính", "Quý II/2024"),
                 ("1.3", "Kiểm tra", "Sở Y tế", "Sở Tư pháp", "Năm 2025")])
    pred = _doc([("1.1", "Rà soát văn bản Tổ chức", "Sở Nội vụ Sở Tư pháp", "", "Năm 2024"),  # a column, a row off
                 ("1.2", "tập huấn", "Công an tính", "Sở Tài chính", "Quý II/2024"),  # "tỉnh" misread
                 ("9.9", "Kiểm tra", "Sở Y tế", "Sở Tư pháp", "Năm 2025")])  # 1.3 lost, its words extra
    got = losses(gold, pred)
    assert got["other column"] == 3  # Sở Tư pháp: coordinating words in the lead cell
    assert got["other row"] == 2  # "tổ chức" went to the row before
    assert got["row lost"] == 10
    assert got["misread"] == 1  # "tỉnh" read "tính"
    assert got["extra"] == 10 + 1  # the lost row's words under a wrong number, and "tính"
