"""Across an archive: conflicts between documents, cited-but-absent documents, the most cited."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.citations import NullResolver, check_citations
from pipeline.citations.archive import build_archive, iter_archive

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: {num} Bình Định, ngày {date}\n"


def _doc(num: str, date: str, body: str, iso: str) -> dict:
    return {"header": {"number": num, "date": iso}, "pages": [{"page_no": 1, "text": HEAD.format(num=num, date=date) + body}]}


def write_archive(root: Path) -> None:
    a = _doc("119/KH-UBND", "07 tháng 6 năm 2024",
             "Căn cứ Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ;\nCăn cứ Quyết định số 12/QĐ-UBND ngày 01/3/2024;", "2024-06-07")
    b = _doc("12/QĐ-UBND", "02 tháng 3 năm 2024", "Căn cứ Nghị quyết số 47/NQ-CP ngày 16/4/2024 của Chính phủ;", "2024-03-02")
    c = _doc("20/TB-UBND", "10 tháng 6 năm 2024", "Thực hiện Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ;\n"
             "Căn cứ Nghị quyết số 11/NQ-CP ngày 30/01/2022;", "2024-06-10")
    d = _doc("5/KH-UBND", "05 tháng 02 năm 2026", "Căn cứ Nghị quyết số 11/NQ-CP ngày 14/01/2026;", "2026-02-05")
    # One output already carries its citation report, as `vanban parse` writes it.
    c["citations"] = check_citations(c, resolver=NullResolver()).to_dict()
    (root / "sub").mkdir(parents=True)
    (root / "a.json").write_text(json.dumps(a, ensure_ascii=False), "utf-8")
    (root / "sub" / "b.json").write_text(json.dumps(b, ensure_ascii=False), "utf-8")
    (root / "c.json").write_text(json.dumps(c, ensure_ascii=False), "utf-8")
    (root / "d.json").write_text(json.dumps(d, ensure_ascii=False), "utf-8")
    (root / "broken.json").write_text("{not json", "utf-8")


def test_archive_graph(tmp_path: Path) -> None:
    write_archive(tmp_path)
    rep = build_archive(iter_archive(tmp_path))
    assert rep.skipped == ("broken.json",)
    assert {(e.source, e.target, e.date) for e in rep.edges} == {
        ("a.json", "47/NQ-CP", "2024-04-15"),
        ("a.json", "12/QĐ-UBND", "2024-03-01"),
        ("sub/b.json", "47/NQ-CP", "2024-04-16"),
        ("c.json", "47/NQ-CP", "2024-04-15"),
        ("c.json", "11/NQ-CP", "2022-01-30"),
        ("d.json", "11/NQ-CP", "2026-01-14"),
    }
    conflicts = {c["symbol"]: c for c in rep.conflicts}
    assert "11/NQ-CP" not in conflicts  # two namesakes: state numbering restarts every year
    assert conflicts["47/NQ-CP"]["dates"] == {"2024-04-15": ["a.json", "c.json"], "2024-04-16": ["sub/b.json"]}
    assert conflicts["12/QĐ-UBND"]["archived_date"] == ["2024-03-02"]
    assert [(m["symbol"], m["cited_by"]) for m in rep.missing] == [("47/NQ-CP", 3), ("11/NQ-CP", 2)]
    assert rep.most_cited[0] == {"symbol": "47/NQ-CP", "cited_by": 3, "in_archive": False, "files": []}
    csv_lines = rep.edges_csv().splitlines()
    assert csv_lines[0] == "source,source_number,target,date,line,page_no"
    assert len(csv_lines) == 7
    json.dumps(rep.to_dict(), ensure_ascii=False)
