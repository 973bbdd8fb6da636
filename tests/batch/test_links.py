"""Symlinks out of INPUT_DIR are not read (issue 15 #5), and rejected inputs are not "already
done" (#12)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import PARSE_OPTIONS

from pipeline.batch import BatchOptions, run_batch
from pipeline.batch.discover import plan, walk
from pipeline.batch.errors import OutsideInputError
from pipeline.batch.run import BatchEvents

SECRET = "mật khẩu bí mật 12345"


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    src, outside = tmp_path / "in", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    (outside / "dir").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "dir" / "more.txt").write_text(SECRET, encoding="utf-8")
    (src / "a.txt").write_text("Văn bản", encoding="utf-8")
    os.symlink(outside / "secret.txt", src / "secret.txt")  # a link to any readable file
    os.symlink(src / "a.txt", src / "sub" / "inner.txt")  # a link inside INPUT_DIR is fine
    os.symlink(outside / "dir", src / "linked_dir")  # a folder leading out
    return src, outside


def test_plan_and_walk_refuse_links_out_of_input_dir(tmp_path: Path) -> None:
    src, _ = _tree(tmp_path)
    assert walk(str(src)) == ["a.txt", "secret.txt", "sub/inner.txt"]
    assert walk(str(src), follow_links=True) == ["a.txt", "linked_dir/more.txt", "secret.txt", "sub/inner.txt"]
    items = {i.rel: i for i in plan(str(src), ["a.txt", "secret.txt", "sub/inner.txt", "linked_dir/more.txt"])}
    assert items["a.txt"].error is None and items["sub/inner.txt"].error is None
    assert isinstance(items["secret.txt"].error, OutsideInputError)
    assert isinstance(items["linked_dir/more.txt"].error, OutsideInputError)
    assert all(i.error is None for i in plan(str(src), list(items), follow_links=True))


class Starts(BatchEvents):
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def start(self, total_files: int, skipped: int) -> None:
        self.calls.append((total_files, skipped))


def test_batch_skips_links_out_with_vb605_and_publishes_nothing(tmp_path: Path) -> None:
    src, _ = _tree(tmp_path)
    out = tmp_path / "out"
    events = Starts()
    summary = run_batch(str(src), str(out), BatchOptions(jobs=1, parse_options=PARSE_OPTIONS),
                        files=["a.txt", "secret.txt", "linked_dir/more.txt", "../x.txt"], events=events)
    assert events.calls == [(4, 0)]  # a fresh OUTPUT_DIR: nothing is "already done"
    lines = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    for rel in ("secret.txt", "linked_dir/more.txt"):
        assert lines[rel]["status"] == "skipped" and lines[rel]["code"] == "VB605", lines[rel]
        assert lines[rel]["outputs"] == {}
    assert lines["a.txt"]["status"] == "success"
    assert summary.counts == {"success": 1, "skipped": 2, "failure": 1}  # ../x.txt: VB601
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    assert SECRET not in published
    # Asked for explicitly, links are read.
    run_batch(str(src), str(out), BatchOptions(jobs=1, follow_links=True, parse_options=PARSE_OPTIONS))
    lines = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    assert lines["secret.txt"]["status"] == "success"
