"""The CLI's catch-all and its output errors (issue 15 #7): a message and a documented exit code,
never a traceback with exit 1 ("bad arguments")."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands import restore as restore_cmd
from pipeline.errors import ExitCode


@pytest.mark.parametrize("exc", [MemoryError(), ValueError("boom"), OSError(28, "No space left on device")])
def test_unexpected_errors_exit_15_with_a_message(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                  exc: BaseException) -> None:
    def run(args: argparse.Namespace) -> int:
        raise exc

    monkeypatch.setattr(restore_cmd, "run", run)
    assert main(["restore", "-"]) == ExitCode.other_error
    err = capsys.readouterr().err
    assert err.startswith("vanban: [VB900]") and "Traceback" not in err


def test_batch_output_folder_that_is_a_file_or_cannot_be_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Văn bản", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["batch", str(src), str(blocker), "--quiet"]) == ExitCode.invalid_output
    assert main(["batch", str(src), str(blocker / "out"), "--quiet"]) == ExitCode.invalid_output
    err = capsys.readouterr().err
    assert err.count("[VB110]") == 2 and "Traceback" not in err
