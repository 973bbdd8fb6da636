"""`vanban eval` on a tiny temporary gold set: scores, baselines, JSON, HTML diffs, scan items."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.document import Document, Header, SourceRef, TableRow, TableRows
from pipeline.errors import ExitCode
from pipeline.eval_run import (
    GoldItem,
    citation_scores,
    load_gold,
    run_gold,
    run_scan_item,
    structure_scores,
)
from pipeline.vn.orthography import strip_diacritics

GOLD = ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n"
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện như sau:\n"
        "1. TĂNG CƯỜNG CÔNG TÁC TUYÊN TRUYỀN\n")


def _write(folder: Path, meta: dict[str, object], files: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    root = tmp_path / "gold"
    _write(root / "stripped", {"kind": "restore", "mode": "stripped", "input": "in.txt", "gold": "gold.txt",
                               "citations": [{"symbol": "30/2020/NĐ-CP", "date": "2020-03-05"}]},
           {"in.txt": strip_diacritics(GOLD), "gold.txt": GOLD})
    return root


def test_eval_scores_systems_side_by_side_and_writes_json_and_html(gold_dir: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out_json, out_html = tmp_path / "e.json", tmp_path / "e.html"
    code = main(["eval", str(gold_dir), "--baseline", "identity", "--json", str(out_json), "--html", str(out_html)])
    assert code == ExitCode.ok
    printed = capsys.readouterr().out
    assert "| stripped | identity |" in printed and "| stripped | fast |" in printed
    assert "Syllable accuracy side by side" in printed
    data = json.loads(out_json.read_text(encoding="utf-8"))
    by = {r["system"]: r for r in data["results"]}
    n = len(GOLD.split())
    unmarked = sum(t == strip_diacritics(t) for t in GOLD.split())
    # identity keeps the input: exactly the tokens without marks are right
    assert by["identity"]["syllables"] == n
    assert by["identity"]["syllable_accuracy"] == pytest.approx(unmarked / n, abs=1e-5)
    assert by["identity"]["diacritic_accuracy"] == 0.0
    assert by["identity"]["case_accuracy"]["UPPER"] < 0.5  # TĂNG CƯỜNG ... lost their marks
    assert by["fast"]["syllable_accuracy"] > by["identity"]["syllable_accuracy"] + 0.3
    assert by["fast"]["citations"]["tp"] == by["fast"]["citations"]["gold"] == 1
    assert {t["system"] for t in data["totals"]} == {"identity", "fast"}
    page = out_html.read_text(encoding="utf-8")
    wrong = n - unmarked  # every identity error is a substitution: one <del> per wrong token
    section = page.split("stripped · identity")[1].split("</details>")[0]
    assert len(re.findall(r"<del ", section)) == wrong and len(re.findall(r"<ins>", section)) == wrong
    assert '<del title="gold: Căn">Can</del>' in section


def test_missing_gold_folder_is_an_input_error(tmp_path: Path) -> None:
    assert main(["eval", str(tmp_path / "nope")]) == ExitCode.input_file


def test_citation_scores_use_hand_checked_list_before_the_gold_text() -> None:
    item = GoldItem("x", Path("."), {"citations": [{"symbol": "30/2020/NĐ-CP", "date": "2020-03-05"},
                                                    {"symbol": "47/NQ-CP", "date": None}]})
    got = citation_scores(GOLD, item, gold="")
    assert (got["tp"], got["predicted"], got["gold"]) == (1, 1, 2)
    plain = GoldItem("y", Path("."), {})
    assert citation_scores(GOLD, plain, gold=GOLD)["f1"] == 1.0


@pytest.mark.parametrize(("change", "fields_right", "rows_tp"), [
    ({}, 6, 2),
    ({"number": "14/KH-UBND"}, 5, 2),
    ({"summary": "Về  việc\ntriển khai"}, 6, 2),  # line breaks and doubled spaces do not count
    ({"rows": [["1", "Tuyên truyền"], ["2", "Kiểm tra sai"]]}, 6, 1),
])
def test_structure_scores(change: dict[str, object], fields_right: int, rows_tp: int) -> None:
    header = {"authority": "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", "number": "119/KH-UBND", "place": "Bình Định",
              "date": "2024-06-07", "doc_type": "KẾ HOẠCH", "summary": "Về việc triển khai"}
    rows = [["1", "Tuyên truyền"], ["2", "Kiểm tra, giám sát"]]
    gold = {"header": header, "appendices": [{"tables": [{"rows": [{"cells": r} for r in rows]}]}]}
    got_rows = change.pop("rows", rows)
    table = TableRows((), tuple(TableRow("item", tuple(r), 1) for r in got_rows), (1,))  # type: ignore[union-attr]
    doc = Document(SourceRef(), Header(**{**header, **change}), tables=(table,))  # type: ignore[arg-type]
    s = structure_scores(doc, gold)
    assert sum(s["header_fields"].values()) == fields_right
    assert s["rows"]["tp"] == rows_tp and s["rows"]["gold"] == 2


def test_scan_item_is_parsed_and_scored(tmp_path: Path) -> None:
    from scripts.lib.scans import make_scan

    root = tmp_path / "gold"
    (root / "scan").mkdir(parents=True)
    files = make_scan(root / "scan", "s", seed=5, pages=1, dpi=200, degrade_level="none")
    (root / "scan" / "meta.json").write_text(json.dumps(
        {"kind": "scan", "input": files.pdf.name, "gold_text": files.gt_txt.name, "gold_json": files.gt_json.name}))
    assert [i.kind for i in load_gold(root)] == ["scan"]
    (res,) = run_gold(root, ["identity", "pyvi"])  # pyvi reads no pages: skipped on scans
    assert res.system == "identity" and res.extra["status"] == "success"
    assert res.scores.syllables > 100 and res.scores.cer < 0.1  # a clean page: OCR reads nearly all of it
    assert res.extra["header_accuracy"] >= 0.5
    assert set(res.extra["rows"]) >= {"precision", "recall", "f1"}
    assert len(res.predicted) == len(res.gold) == 1  # compared page by page


@pytest.mark.parametrize(("pages", "extra", "missing", "acc"),
                         [(["quản lý", "số một", "thừa"], 1, 0, 0.75), (["quản lý"], 0, 1, 0.5)])
def test_scan_item_counts_extra_and_missing_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  pages: list[str], extra: int, missing: int, acc: float) -> None:
    """Issue 17: a scan read into more pages than the gold had its extra pages silently dropped."""
    import types

    import pipeline.api
    import pipeline.result

    result = types.SimpleNamespace(pages=pages, status=types.SimpleNamespace(value="success"),
                                   document=None, citations=None)
    monkeypatch.setattr(pipeline.api, "parse", lambda *a, **k: result)
    monkeypatch.setattr(pipeline.result, "page_text", lambda p: p)
    item = GoldItem("s", tmp_path, {"kind": "scan", "input": "x.pdf", "gold_text": "gold.txt"})
    (tmp_path / "gold.txt").write_text("quản lý\fsố một\n", encoding="utf-8")
    res = run_scan_item(item, "identity")
    assert (res.extra["extra_pages"], res.extra["missing_pages"], res.extra["gold_pages"]) == (extra, missing, 2)
    assert res.scores.syllable_accuracy == pytest.approx(acc)
    assert len(res.predicted) == len(res.gold) == max(len(pages), 2)


def test_report_tables_and_confusions_from_results() -> None:
    from pipeline.eval_report import confusions, side_by_side, terminal_report
    from pipeline.eval_run import ItemResult
    from pipeline.evaluate import score_lines

    def res(item: str, system: str, pred: str, kind: str = "restore") -> ItemResult:
        return ItemResult(item, system, "", "stripped", score_lines([pred], ["quản lý số"]), 1.0,
                          [pred], ["quản lý số"], {"kind": kind})

    results = [res("a", "identity", "quan ly so"), res("a", "fast", "quân lý số"),
               res("a", "accurate", "quân lý số"), res("s", "fast", "quản lý sổ", kind="scan")]
    assert confusions(results) == [("quân", "quản", 1)]  # the first vanban system only, no double count
    assert confusions(results, kind="scan") == [("sổ", "số", 1)]
    assert "| a | 0.00% | 66.67% | 66.67% |" in side_by_side(results)
    text = terminal_report(results)
    assert "| **all restore items** | fast | 3 | 66.67% |" in text and "quân → quản ×1" in text


def test_external_item_missing_here_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "gold"
    _write(root / "real", {"kind": "scan", "external": True, "input": str(tmp_path / "absent.jpg"),
                           "gold_text": str(tmp_path / "absent.txt")}, {})
    assert run_gold(root, ["identity"]) == []
    err = capsys.readouterr().err
    assert "real:" in err and "skipped" in err
