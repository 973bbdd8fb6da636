"""Discovery and output naming: recursive, by type, never opening a file, never escaping OUTPUT_DIR."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.batch.discover import check_relative, kind_of, output_path, plan, sanitize_part, walk
from pipeline.batch.errors import UnsafePathError


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.pdf", "pdf"), ("A.PDF", "pdf"), ("b.Png", "image"), ("c.jpeg", "image"), ("d.JPG", "image"),
     ("e.tif", "image"), ("f.TIFF", "image"), ("g.txt", "text"), ("h.docx", None), ("i", None), ("j.gt.json", None)],
)
def test_kind_by_extension(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind


@pytest.mark.parametrize(
    ("part", "safe"),
    [("two\nlines", "two_lines"), ("tab\there", "tab_here"), ("..", "__"), (".", "_"), ("", "_"),
     ("a:b\\c", "a_b_c"), ("  padded  ", "padded"), ("Quyết định", "Quyết định"),
     (unicodedata.normalize("NFD", "Nghị định"), "Nghị định")],
)
def test_sanitize_part(part: str, safe: str) -> None:
    assert sanitize_part(part) == safe


@given(st.text(min_size=1, max_size=80))
def test_sanitized_names_are_always_plain_components(part: str) -> None:
    safe = sanitize_part(part)
    assert safe not in ("", ".", "..")
    assert "/" not in safe or "/" in part  # '/' cannot occur in a real file name component
    assert not any(unicodedata.category(c) == "Cc" for c in safe)
    assert unicodedata.is_normalized("NFC", safe)


@pytest.mark.parametrize("rel", ["../x.pdf", "a/../../x.pdf", "/etc/passwd", "~/x.pdf", "a/.."])
def test_escaping_relative_paths_are_refused(rel: str) -> None:
    with pytest.raises(UnsafePathError):
        check_relative(rel)


def test_plan_gives_distinct_outputs_for_case_and_type_duplicates(tmp_path: Path) -> None:
    rels = ["Dup.txt", "dup.txt", "DUP.pdf", "x/a.pdf", "X/a.pdf", "line\nbreak.png", "ok.txt"]
    items = {i.rel: i for i in plan(str(tmp_path), rels)}
    outs = [i.out_rel.casefold() for i in items.values()]
    assert len(set(outs)) == len(rels)
    assert items["line\nbreak.png"].out_rel == "line_break"
    assert items["DUP.pdf"].out_rel == "DUP"  # sorted order decides who keeps the plain name
    assert items["Dup.txt"].out_rel == "Dup~2" and items["dup.txt"].out_rel == "dup~3"
    again = plan(str(tmp_path), list(reversed(rels)))
    assert [(i.rel, i.out_rel) for i in again] == [(i.rel, i.out_rel) for i in items.values()]  # deterministic


def test_walk_recurses_follows_dir_links_once_and_skips_output(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "deep.tif").write_bytes(b"x")
    (src / "top.PDF").write_bytes(b"x")
    (src / "notes.docx").write_bytes(b"x")
    os.symlink(src, src / "a" / "loop")  # a folder loop
    (src / "out").mkdir()
    (src / "out" / "old.txt").write_text("an output of a previous run")
    assert walk(str(src), exclude=str(src / "out")) == ["a/b/deep.tif", "top.PDF"]


def test_output_path_refuses_a_symlinked_subfolder(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "sub")
    assert output_path(str(out), "a/b", ".json") == str(out.resolve() / "a" / "b.json")
    with pytest.raises(UnsafePathError):
        output_path(str(out), "sub/x", ".json")


def test_long_multibyte_names_are_cut_by_bytes(tmp_path: Path) -> None:
    # Issue 15 #11: names were cut at 200 characters (600 bytes of Vietnamese), so a 248+ byte
    # name failed with "check that the output folder is writable".
    from pipeline.batch import BatchOptions, run_batch

    name = "Quyết định " + "ế" * 77  # 251 bytes with ".txt"
    assert sanitize_part(name).encode().__len__() <= 200
    assert sanitize_part("ế" * 100).encode() == ("ế" * 66).encode()
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / f"{name}.txt").write_text("Văn bản", encoding="utf-8")
    summary = run_batch(str(src), str(out), BatchOptions(jobs=1, parse_options={"restore": {"enabled": False}}))
    assert summary.counts == {"success": 1}, (out / "report.jsonl").read_text()
