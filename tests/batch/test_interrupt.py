"""Ctrl-C stops the batch cleanly: workers stopped, the report written, exit code 130."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from proctools import BATCH_UNDER_SIGNAL as SCRIPT

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]



@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_writes_the_report_and_exits_130(tmp_path: Path, sig: signal.Signals) -> None:
    # Issue 15 #10: SIGTERM wrote no summary.json and no not_run lines; #15: the test waited a
    # fixed second after b.txt's output and 30 s after the signal, and failed on a loaded machine.
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a.txt", "b.txt", "hang.txt", "z.txt"):
        (src / name).write_text("văn bản", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(src), str(out)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        # The event: hang.txt handed to the worker, so a and b are done and in the report's lines.
        for line in proc.stdout:
            if line.strip() == "started hang.txt":
                break
        else:
            pytest.fail(f"the batch ended before hang.txt: {proc.communicate()[1]}")
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "interrupted" in err
    lines = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    assert lines["a.txt"]["status"] == lines["b.txt"]["status"] == "success"
    assert lines["hang.txt"]["status"] == lines["z.txt"]["status"] == "not_run"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["interrupted"] is True and summary["by_status"] == {"success": 2, "not_run": 2}
    assert not [p for p in out.rglob("*.tmp")]
