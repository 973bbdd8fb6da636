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


def test_parse_writes_all_outputs_or_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 15 #14: when only --text failed, the JSON was left written.
    src = tmp_path / "a.txt"
    src.write_text("Ủy ban nhân dân tỉnh\n", encoding="utf-8")
    js, blocker = tmp_path / "a.json", tmp_path / "file"
    blocker.write_text("x")
    code = main(["parse", str(src), "--json", str(js), "--text", str(blocker / "a.txt"), "--quiet", "--no-restore"])
    assert code == ExitCode.invalid_output
    assert not js.exists() and not list(tmp_path.glob(".a.json.*"))
    (tmp_path / "dir.txt").mkdir()
    code = main(["parse", str(src), "--json", str(js), "--text", str(tmp_path / "dir.txt"), "--quiet", "--no-restore"])
    assert code == ExitCode.invalid_output and not js.exists()
    assert main(["parse", str(src), "--json", str(js), "--text", str(tmp_path / "a.out.txt"), "--quiet", "--no-restore"]) == 0
    assert js.exists() and (tmp_path / "a.out.txt").exists()


@pytest.mark.parametrize("source", [None, 5, b"/nonexistent.pdf", "/tmp/a\0b.pdf", 3.5])
def test_library_never_leaks_type_or_value_errors(source: object) -> None:
    import pipeline

    res = pipeline.parse(source, raises=False)  # type: ignore[arg-type]
    assert res.status.value == "failure" and res.errors and res.errors[0].code.startswith("VB")


@pytest.mark.parametrize("options", [{"jobs": "x"}, {"jobs": None}, {"ocr": {"timeout_per_page": "60"}}, "x"])
def test_bad_option_types_are_option_errors(tmp_path: Path, options: object) -> None:
    import pipeline
    from pipeline.errors import InvalidConfigError

    src = tmp_path / "a.txt"
    src.write_text("Văn bản", encoding="utf-8")
    res = pipeline.parse(src, options, raises=False)  # type: ignore[arg-type]
    assert res.status.value == "failure" and res.errors[0].code == "VB002"
    with pytest.raises(InvalidConfigError):
        pipeline.parse(src, options)  # type: ignore[arg-type]
