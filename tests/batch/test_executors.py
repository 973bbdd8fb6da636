"""The executor seam: every executor is a ``pipeline.procs.Executor``; report lines are records."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import PARSE_OPTIONS

from pipeline.batch import BatchOptions, run_batch
from pipeline.batch.dask_executor import DaskExecutor
from pipeline.batch.pool import IsolatedPool
from pipeline.batch.report import ReportLine
from pipeline.batch.run import default_executor
from pipeline.batch.serial import SerialExecutor
from pipeline.batch.worker import FileTask
from pipeline.options import ParseOptions
from pipeline.procs import Executor
from pipeline.runner import PageExecutor


def _fake(task: FileTask, progress: Callable[[int, int], None]) -> ReportLine:
    progress(1, 1)
    if task.rel.startswith("bad"):
        raise RuntimeError("boom")
    return ReportLine(task.rel, "success", pages=1, seconds=0.0, errors=0, outputs={})


def test_every_executor_fills_the_one_seam() -> None:
    assert isinstance(SerialExecutor(), Executor)
    assert isinstance(IsolatedPool(1, timeout_per_page=10), Executor)
    assert isinstance(DaskExecutor("tcp://nowhere:8786"), Executor)
    assert isinstance(PageExecutor("x.pdf", ParseOptions()), Executor)
    assert isinstance(default_executor(BatchOptions(executor="serial")), SerialExecutor)
    assert isinstance(default_executor(BatchOptions()), IsolatedPool)


def test_a_batch_on_an_injected_executor(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "bad.txt"):
        (src / name).write_text("Điều 1.", encoding="utf-8")
    pages: list[tuple[str, int, int]] = []
    executor = SerialExecutor(_fake, on_page=lambda t, d, n: pages.append((t.rel, d, n)))
    summary = run_batch(str(src), str(tmp_path / "out"), BatchOptions(), runner=executor)
    assert summary.counts == {"success": 1, "failure": 1}
    assert sorted(pages) == [("a.txt", 1, 1), ("bad.txt", 1, 1)]
    report = {r["input"]: r for r in map(json.loads, (tmp_path / "out" / "report.jsonl").read_text().splitlines())}
    assert report["bad.txt"]["code"] == "VB900" and "boom" in report["bad.txt"]["message"]
    assert set(report["a.txt"]) == set(report["bad.txt"])  # every line has every key


def test_the_serial_executor_runs_the_real_parse(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "v.txt").write_text("Điều 1. Văn bản số 1", encoding="utf-8")
    opts = BatchOptions(executor="serial", parse_options=PARSE_OPTIONS)
    summary = run_batch(str(src), str(tmp_path / "out"), opts)
    assert summary.counts == {"success": 1}
    assert (tmp_path / "out" / "v.json").is_file()


def test_report_lines_round_trip_and_keep_unknown_keys() -> None:
    line = ReportLine("a.pdf", "success", None, None, pages=2, seconds=1.5, mean_confidence=0.9,
                      findings=0, errors=0, timings={"ocr": 1.0}, outputs={"json": "a.json"})
    assert ReportLine.from_dict(line.to_dict()) == line
    older = {"input": "b.pdf", "status": "success", "from_a_later_version": [1, 2]}
    back = ReportLine.from_dict(older)
    assert back.extra == {"from_a_later_version": [1, 2]}
    assert back.to_dict()["from_a_later_version"] == [1, 2]
    assert ReportLine.not_run("c.pdf").to_dict()["status"] == "not_run"
