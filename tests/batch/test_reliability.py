"""The reliability suite: every kind of bad input gives its documented code while the batch goes on.

Cheap and tiny-OCR cases run here, all in ONE batch (as an archivist would meet them); the slow
ones (a 50 MB single-line .txt) run in scripts/reliability/suite.py.
"""

from __future__ import annotations

import json
import os

import pytest
from conftest import PARSE_OPTIONS

from pipeline.batch import BatchOptions, exit_code, run_batch
from tests.batch.badinputs import CASES, Case

FAST = [c for c in CASES if c.cost != "slow"]


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, list[str]], dict[str, dict], int]:
    root = tmp_path_factory.mktemp("reliability")
    src = root / "in"
    src.mkdir()
    made = {c.name: c.make(str(src)) for c in FAST}
    (src / "good.txt").write_text("Điều 1. Phạm vi điều chỉnh\n", encoding="utf-8")
    summary = run_batch(str(src), str(root / "out"), BatchOptions(jobs=2, timeout_per_page=60, parse_options=PARSE_OPTIONS))
    lines = [json.loads(x) for x in (root / "out" / "report.jsonl").read_text(encoding="utf-8").splitlines()]
    return str(root / "out"), made, {x["input"]: x for x in lines}, exit_code(summary)


def test_at_least_25_kinds() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", FAST, ids=[c.name for c in FAST])
def test_documented_code(suite, case: Case) -> None:
    _, made, lines, _ = suite
    for rel in made[case.name]:
        line = lines[rel]
        assert line["code"] in case.expect, line
        if None in case.expect and line["code"] is None:
            assert line["status"] == "success"
        else:
            assert line["status"] in ("failure", "partial_success")
            assert line["message"] and line["code"] in line["message"]
        for key in ("status", "code", "message", "pages", "seconds", "mean_confidence", "findings"):
            assert key in line


def test_batch_continued_to_the_good_file(suite) -> None:
    out, made, lines, code = suite
    assert lines["good.txt"]["status"] == "success"
    assert 20 < lines["good.txt"]["worker_peak_mb"] < 4096  # within the worker's memory limit
    assert os.path.exists(os.path.join(out, "good.json"))
    assert len(lines) == sum(len(v) for v in made.values()) + 1  # one line per input, none lost
    assert code == 10


def test_odd_names_get_safe_distinct_outputs(suite) -> None:
    out, _, lines, _ = suite
    assert lines["two\nlines.txt"]["outputs"]["txt"] == "two_lines.txt"
    assert lines["Quyết định số 12 năm 2020.txt"]["outputs"]["json"] == "Quyết định số 12 năm 2020.json"
    a, b = lines["Dup.txt"]["outputs"]["txt"], lines["dup.txt"]["outputs"]["txt"]
    assert a.casefold() != b.casefold()
    texts = {open(os.path.join(out, p), encoding="utf-8").read().strip() for p in (a, b)}
    assert len(texts) == 2  # neither overwrote the other


def test_failed_inputs_leave_no_outputs(suite) -> None:
    out, _, lines, _ = suite
    for line in lines.values():
        if line["status"] == "failure":
            assert line["outputs"] == {}
    names = [f for _, _, files in os.walk(out) for f in files]
    assert not [f for f in names if f.endswith(".tmp")]
    assert not [f for f in names if f.startswith(("empty.", "bomb.", "truncated."))]


def test_paths_escaping_output_dir_are_refused(tmp_path) -> None:
    src, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    outside.mkdir()
    (tmp_path / "escape.txt").write_text("x", encoding="utf-8")
    (src / "sub" / "a.txt").write_text("Văn bản", encoding="utf-8")
    (src / "ok.txt").write_text("Văn bản", encoding="utf-8")
    out.mkdir()
    os.symlink(outside, out / "sub")  # a sub-folder of OUTPUT_DIR that leads elsewhere
    files = ["../escape.txt", "/etc/hostname", "sub/a.txt", "ok.txt"]
    summary = run_batch(str(src), str(out), BatchOptions(jobs=1, parse_options=PARSE_OPTIONS), files=files)
    lines = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    assert {k: v["code"] for k, v in lines.items() if k != "ok.txt"} == {
        "../escape.txt": "VB601",
        "/etc/hostname": "VB601",
        "sub/a.txt": "VB601",
    }
    assert lines["ok.txt"]["status"] == "success"
    assert os.listdir(outside) == [] and not (tmp_path / "escape.json").exists()
    assert summary.failed == 3
