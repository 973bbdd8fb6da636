"""Per-file isolation: a crash, a hang or a memory blow-up costs one report line, never the batch."""

from __future__ import annotations

import json
import os

import pytest
from batch_faults import faulty

from pipeline.batch import BatchOptions, exit_code, run_batch
from pipeline.batch.pool import IsolatedPool

NAMES = ["a.txt", "segv.txt", "b.txt", "hang.txt", "c.txt", "oom.txt", "d.txt", "exit.txt", "raise.txt", "e.txt",
         "segvoom.txt"]


@pytest.fixture(scope="module")
def faulty_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, dict], object, IsolatedPool]:
    root = tmp_path_factory.mktemp("faults")
    src, out = root / "in", root / "out"
    src.mkdir()
    for n in NAMES:
        (src / n).write_text(f"văn bản {n}", encoding="utf-8")
    # A budget that a loaded CI machine cannot overrun by accident (segvoom once read as a hang).
    pool = IsolatedPool(2, timeout_per_page=6.0, startup_grace=2.0, memory_limit_mb=1024, work=faulty)
    summary = run_batch(str(src), str(out), BatchOptions(jobs=2), runner=pool.run)
    lines = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    return str(out), lines, summary, pool


@pytest.mark.parametrize(
    ("name", "code"),
    [("segv.txt", "VB602"), ("exit.txt", "VB602"), ("hang.txt", "VB603"), ("oom.txt", "VB604"), ("raise.txt", "VB900"),
     ("segvoom.txt", "VB604")],  # issue 15 #2: native code crashing at the memory limit
)
def test_each_fault_is_recorded_with_its_code(faulty_batch, name: str, code: str) -> None:
    _, lines, _, _ = faulty_batch
    assert lines[name]["status"] == "failure"
    assert lines[name]["code"] == code
    assert name in lines[name]["message"]


def test_batch_goes_on_and_workers_are_replaced(faulty_batch) -> None:
    out, lines, summary, pool = faulty_batch
    good = [n for n in NAMES if len(n) == 5]
    for n in good:
        assert lines[n]["status"] == "success"
        stem = os.path.splitext(n)[0]
        with open(os.path.join(out, stem + ".txt"), encoding="utf-8") as f:
            assert f.read() == f"VĂN BẢN {n.upper()}"
    assert len(lines) == len(NAMES)
    assert pool.restarts == 4  # segv, segvoom, exit and the hang's kill; the MemoryError left its worker alive
    assert exit_code(summary) == 10
    assert pool.slots == []  # every worker stopped at the end


def test_no_temp_files_left(faulty_batch) -> None:
    out, *_ = faulty_batch
    leftovers = [f for _, _, files in os.walk(out) for f in files if f.endswith(".tmp")]
    assert leftovers == []
