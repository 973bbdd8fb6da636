"""`vanban restore`: line contract, stdin/stdout, atomic output, errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import ExitCode


def test_restore_file_keeps_every_line(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Ke hoach trien khai\n\n  thuc hien Nghi quyet so 47/NQ-CP\ncua Chinh phu\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["restore", str(src), "-o", str(out)]) == ExitCode.ok
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines == ["Kế hoạch triển khai", "", "  thực hiện Nghị quyết số 47/NQ-CP", "của Chính phủ", ""]


def test_restore_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Uy ban nhan dan\ntinh")))
    assert main(["restore", "--mode", "stripped"]) == ExitCode.ok
    assert capsys.readouterr().out == "Ủy ban nhân dân\ntỉnh"


def test_restore_missing_and_non_utf8(tmp_path: Path) -> None:
    assert main(["restore", str(tmp_path / "nope.txt")]) == ExitCode.file_access_error
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Vi\xeat Nam")
    assert main(["restore", str(bad)]) == ExitCode.input_file
    assert main(["restore", "--model", "nope"]) == ExitCode.bad_args


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_restore_reads_what_parse_reads(tmp_path: Path, encoding: str) -> None:
    # Issue 15 #13: UTF-16 with a BOM was refused (parse reads it), with VB100 instead of VB111.
    src = tmp_path / "in.txt"
    src.write_bytes("Ke hoach trien khai\n".encode(encoding))
    out = tmp_path / "out.txt"
    assert main(["restore", str(src), "-o", str(out)]) == ExitCode.ok
    assert out.read_text(encoding="utf-8") == "Kế hoạch triển khai\n"


def test_bad_encoding_is_vb111_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Ke hoach\n" * 50_000 + b"Vi\xeat Nam")  # the bad byte far into the file
    out = tmp_path / "out.txt"
    assert main(["restore", str(bad), "-o", str(out)]) == ExitCode.input_file
    assert "[VB111]" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".out.txt.*"))


@pytest.mark.parametrize("mode", ["auto", "stripped", "ocr-eng", "ocr-vie"])
def test_cli_and_library_agree_on_odd_characters(tmp_path: Path, mode: str) -> None:
    import pipeline

    text = "Ke hoach\x7f trien\u2028khai\x85 nghi\u2029quyet\r\nso 5\tcua\x0bChinh phu\n"
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(text.encode("utf-8"))
    assert main(["restore", "--mode", mode, str(src), "-o", str(out)]) == ExitCode.ok
    assert out.read_bytes().decode("utf-8") == pipeline.restore_text(text, mode=mode).text
