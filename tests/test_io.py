"""Atomic writes: whole file or old file, never a temp file left behind, the umask's mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline.errors import OutputError
from pipeline.io import atomic_save, atomic_write_json, atomic_write_text


def test_write_replaces_whole_file_with_normal_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    atomic_write_text(target, "cũ")
    atomic_write_text(target, "mới")
    assert target.read_text(encoding="utf-8") == "mới"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_failed_save_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    atomic_write_json(target, {"a": 1})

    def broken(tmp: str) -> None:
        Path(tmp).write_text("half", encoding="utf-8")
        raise RuntimeError("killed mid-write")

    with pytest.raises(RuntimeError):
        atomic_save(target, broken)
    assert target.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as err:
        atomic_write_text(blocker / "out.txt", "x")
    assert err.value.code == "VB110"
