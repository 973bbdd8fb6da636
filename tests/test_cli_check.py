"""`vanban check`: a text file, a vanban JSON, an archive; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.cli import main

TEXT = (
    "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 119/KH-UBND Bình Định, ngày 07 tháng 06 năm 2024\n"
    "Căn cứ Kết luận số 57/KL-TW ngày 15/6/2023 của Bộ Chính trị;\n"
    "Căn cứ Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ;\n"
)


def test_check_text_file_terminal_and_json(tmp_path: Path, capsys) -> None:
    src = tmp_path / "doc.txt"
    src.write_text(TEXT, "utf-8")
    out = tmp_path / "report.json"
    assert main(["check", str(src), "--json", str(out), "--no-registry"]) == 0
    term = capsys.readouterr().out
    assert "symbol.party_in_state_form" in term and "header.date_format" in term
    rep = json.loads(out.read_text("utf-8"))
    assert rep["document_number"] == "119/KH-UBND"
    assert [c["symbol"] for c in rep["citations"]] == ["119/KH-UBND", "57/KL-TW", "47/NQ-CP"]
    rules = {f["rule"]: f for f in rep["findings"]}
    assert rules["symbol.party_in_state_form"]["line"] == 4
    assert rules["header.date_format"]["severity"] == "error"


def test_check_vanban_json(tmp_path: Path, capsys) -> None:
    doc = {"header": {"number": "119/KH-UBND", "date": "2024-06-07"},
           "pages": [{"page_no": 1, "text": "Mở đầu"}, {"page_no": 2, "text": "theo Kế hoạch số 87-KH/TU ngày 16/7/2024"}]}
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    assert main(["check", str(src), "--json", "-", "--no-registry"]) == 0
    rep = json.loads(capsys.readouterr().out)
    (f,) = rep["findings"]
    assert (f["rule"], f["page_no"]) == ("date.after_document", 2)


def test_check_archive(tmp_path: Path, capsys) -> None:
    import importlib.util

    # Reuse the archive fixture of tests/citations without making tests/ a package.
    spec = importlib.util.spec_from_file_location("_archive_fixture", Path(__file__).parent / "citations" / "test_archive.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.write_archive(tmp_path / "arch")
    edges, out = tmp_path / "edges.csv", tmp_path / "archive.json"
    assert main(["check", "--archive", str(tmp_path / "arch"), "--json", str(out), "--csv", str(edges)]) == 0
    assert "47/NQ-CP" in capsys.readouterr().out
    assert len(edges.read_text("utf-8").splitlines()) == 7
    assert json.loads(out.read_text("utf-8"))["most_cited"][0]["symbol"] == "47/NQ-CP"


def test_exit_codes(tmp_path: Path) -> None:
    assert main(["check"]) == 1
    assert main(["check", str(tmp_path / "absent.txt")]) == 5
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", "utf-8")
    assert main(["check", str(bad)]) == 2
    assert main(["check", "--archive", str(tmp_path / "nope")]) == 5
