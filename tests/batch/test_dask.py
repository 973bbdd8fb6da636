"""--executor dask: the same per-file work on a Dask distributed cluster (a LocalCluster here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PARSE_OPTIONS

from pipeline.batch import BatchOptions, run_batch
from pipeline.batch.dask_executor import run_on_dask

distributed = pytest.importorskip("distributed")


@pytest.mark.parametrize("isolate", [True, False], ids=["isolated-process", "in-dask-worker"])
def test_dask_gives_the_same_outputs_as_local(tmp_path: Path, isolate: bool) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(2):
        (src / ("sub" if i % 2 else "") / f"v{i}.txt").write_text(f"Điều {i}. Văn bản số {i}", encoding="utf-8")
    (src / "empty.pdf").write_bytes(b"")
    local = run_batch(str(src), str(tmp_path / "local"), BatchOptions(jobs=1, parse_options=PARSE_OPTIONS))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        opts = BatchOptions(jobs=2, executor="dask", scheduler=cluster.scheduler_address, isolate=isolate,
                            parse_options=PARSE_OPTIONS)
        remote = run_batch(str(src), str(tmp_path / "dask"), opts)
        # The runner also takes a cluster object directly (notebooks) and bounds tasks in flight.
        lines = list(run_on_dask(iter([]), cluster, window=1))
    assert lines == []
    assert local.counts == remote.counts == {"success": 2, "failure": 1}
    for p in (tmp_path / "local").rglob("*.json"):
        if p.name != "summary.json":
            assert p.read_bytes() == (tmp_path / "dask" / p.relative_to(tmp_path / "local")).read_bytes()
    report = [json.loads(x) for x in (tmp_path / "dask" / "report.jsonl").read_text().splitlines()]
    assert {r["input"]: r["code"] for r in report}["empty.pdf"] == "VB103"


def test_dask_needs_a_scheduler() -> None:
    from pipeline.errors import BadArgsError

    with pytest.raises(BadArgsError):
        BatchOptions(executor="dask")
