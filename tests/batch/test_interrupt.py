"""Ctrl-C stops the batch cleanly: workers stopped, the report written, exit code 130."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

SCRIPT = """
import sys
sys.path.insert(0, sys.argv[3])
from batch_faults import faulty
from pipeline.batch import BatchInterrupted, BatchOptions, run_batch
from pipeline.batch.pool import IsolatedPool
if __name__ == "__main__":
    pool = IsolatedPool(1, timeout_per_page=600, work=faulty)
    try:
        run_batch(sys.argv[1], sys.argv[2], BatchOptions(jobs=1), runner=pool.run)
    except BatchInterrupted as exc:
        print(exc.summary.text(), file=sys.stderr)
        sys.exit(130)
"""


def test_ctrl_c_writes_the_report_and_exits_130(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a.txt", "b.txt", "hang.txt", "z.txt"):
        (src / name).write_text("văn bản", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(src), str(out), str(HERE)], cwd=REPO,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / "b.txt").exists() and time.monotonic() < deadline:  # a and b done, hang running
        time.sleep(0.1)
    time.sleep(1.0)  # b's report line reaches the parent right after its outputs
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    lines = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    assert lines["a.txt"]["status"] == "success"
    assert lines["b.txt"]["status"] in ("success", "not_run")  # not_run only on a starved machine
    assert lines["hang.txt"]["status"] == lines["z.txt"]["status"] == "not_run"
    assert not [p for p in out.rglob("*.tmp")]
