"""scripts/data/make_scans.py: the synthetic scans and their ground truth agree with each other."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from scripts.data import make_scans
from scripts.lib.scans import make_scan
from scripts.lib.scans_text import date_line

COLUMNS = ["TT", "CHƯƠNG TRÌNH, NHIỆM VỤ", "ĐƠN VỊ CHỦ TRÌ", "ĐƠN VỊ PHỐI HỢP", "THỜI GIAN THỰC HIỆN"]


def _load(files) -> tuple[list[str], dict]:
    pages = files.gt_txt.read_text(encoding="utf-8").rstrip("\n").split("\f")
    return pages, json.loads(files.gt_json.read_text(encoding="utf-8"))


def _walk(sections: list[dict]):
    for s in sections:
        yield s
        yield from _walk(s["children"])


@pytest.fixture(scope="module")
def four_pages(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("scans4")
    return make_scan(out, "doc", seed=11, pages=4, dpi=150, degrade_level="strong", rotate90=True)


def test_cli_writes_the_files(tmp_path: Path) -> None:
    assert make_scans.main(["--out", str(tmp_path), "--n", "2", "--seed", "5", "--pages", "2",
                            "--dpi", "120", "--degrade", "none", "--clean"]) == 0
    for seed in (5, 6):
        for suffix in (".pdf", ".gt.txt", ".gt.json", ".clean.pdf"):
            assert (tmp_path / f"scan_{seed:04d}{suffix}").stat().st_size > 100


def test_text_and_json_agree(synthetic_scan) -> None:
    pages, gt = _load(synthetic_scan)
    pdf = pdfium.PdfDocument(synthetic_scan.pdf)
    try:
        assert len(pdf) == len(pages) == gt["source"]["pages"] == len(gt["pages"]) == 2
        width, height = pdf[0].get_size()
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4
        assert pdf[0].get_textpage().count_chars() == 0  # image only
    finally:
        pdf.close()
    assert [p["text"] for p in gt["pages"]] == pages
    first = pages[0].split("\n")
    h = gt["header"]
    for line in ("ỦY BAN NHÂN DÂN", f"Số: {h['number']}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", h["date_text"], h["doc_type"]):
        assert line in first
    assert h["date_text"] == date_line(h["place"], dt.date.fromisoformat(h["date"]))
    assert re.fullmatch(r"\d{2,3}/[A-ZĐa-z]+-UBND", h["number"])
    flat = " ".join(" ".join(p.split()) for p in pages)
    for base in gt["bases"]:
        assert base in flat
    for r in gt["recipients"]:
        assert f"- {r}" in flat
    sig = gt["signature"]
    assert f"{sig['prefix']} {sig['on_behalf_of']}" in first or f"{sig['prefix']} {sig['on_behalf_of']}" in pages[1]
    for s in _walk(gt["sections"]):
        assert 1 <= s["page_no"] <= 2
        for para in s["text"].split("\n"):
            assert " ".join(para.split()) in flat


def test_appendix_table_spans_pages_with_repeated_header(four_pages) -> None:
    pages, gt = _load(four_pages)
    assert len(pages) == 4
    (appendix,) = gt["appendices"]
    table = appendix["tables"][0]
    assert table["columns"] == COLUMNS
    table_pages = [p for p in gt["pages"] if p["tables"]]
    assert len(table_pages) >= 2
    for p in table_pages:  # the header row repeats on every page of the table
        assert p["tables"][0][0] == COLUMNS
        assert p["text"].split("\n")[1 if p["page_no"] > 1 else 0].split("\t") == COLUMNS or "\t".join(COLUMNS) in p["text"]
    kinds = [r["kind"] for r in table["rows"]]
    assert kinds[0] == "group" and "item" in kinds
    for r in table["rows"]:
        label = r["cells"][0]
        assert (r["kind"] == "group") == ("." not in label)
        assert len(r["cells"]) == (2 if r["kind"] == "group" else 5)
    split = [r for r in table["rows"] if "continued_on_page" in r]
    assert split, "no row was split across a page break"
    for r in split:  # both halves are printed, in order, on consecutive pages
        first, rest = gt["pages"][r["page_no"] - 1], gt["pages"][r["continued_on_page"] - 1]
        top = next(c for c in first["tables"][0] if c[0] == r["cells"][0])
        bottom = rest["tables"][0][1]
        assert r["continued_on_page"] == r["page_no"] + 1
        for whole, a, b in zip(r["cells"], top, bottom, strict=True):
            assert " ".join(x for x in (a, b) if x) == whole


def test_degradation_is_recorded(four_pages) -> None:
    _, gt = _load(four_pages)
    meta = gt["pages"]
    assert sum(p["rotated"] == 90 for p in meta) == 1
    assert all(abs(p["skew"]) <= 2.0 and p["dpi"] == 150 for p in meta)
    assert gt["generator"]["degrade"] == "strong"
    pdf = pdfium.PdfDocument(four_pages.pdf)
    try:
        turned = next(p["page_no"] for p in meta if p["rotated"])
        w, h = pdf[turned - 1].get_size()
        assert w > h  # the turned page is landscape
    finally:
        pdf.close()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = make_scan(tmp_path / "a", "x", seed=3, pages=2, dpi=100, degrade_level="mild")
    b = make_scan(tmp_path / "b", "x", seed=3, pages=2, dpi=100, degrade_level="mild")
    assert a.pdf.read_bytes() == b.pdf.read_bytes()
    assert a.gt_json.read_text() == b.gt_json.read_text()


def test_text_file_content(tmp_path: Path) -> None:
    src = tmp_path / "body.txt"
    para = "Tổ chức quán triệt, tuyên truyền sâu rộng nội dung kế hoạch đến cán bộ, công chức, viên chức."
    src.write_text(para + "\n", encoding="utf-8")
    files = make_scan(tmp_path, "t", seed=1, pages=2, dpi=100, degrade_level="none", text_file=src)
    pages, gt = _load(files)
    assert para in " ".join(" ".join(p.split()) for p in pages)
    assert gt["generator"]["content"] == "file:body.txt"


def test_corpus_text_comes_from_the_test_split_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip
    import lzma

    from scripts.lib import corpus as corpus_lib

    # A split file of scripts.data.split_corpus naming this fake corpus's dev and test documents
    # (the default split every corpus reader uses); everything it does not name is train.
    ids = [str(i) for i in range(400)]
    chosen = {"test": ids[5::40], "dev": ids[25::40]}

    def split(doc_id: str) -> str:
        return next((name for name, keys in chosen.items() if doc_id in keys), "train")

    test_ids = chosen["test"]
    split_file = tmp_path / "splits.json.gz"
    with gzip.open(split_file, "wt", encoding="utf-8") as g:
        json.dump({"sources": ["admin_fake"],
                   **{name: {"legal/document": [f"admin_fake/{i}" for i in keys]} for name, keys in chosen.items()}}, g)
    monkeypatch.setattr(corpus_lib, "_active", corpus_lib.Splitter(split_file))
    folder = tmp_path / "corpus" / "admin_fake"
    folder.mkdir(parents=True)
    with lzma.open(folder / "docs.jsonl.xz", "wt", encoding="utf-8") as f:
        for i in ids:
            paras = [f"Đoạn văn số {k} của văn bản mã {i} thuộc tập {split(i)}, viết đủ dài để được chọn làm nội dung."
                     for k in range(10)]
            f.write(json.dumps({"id": int(i), "text": "\n".join(paras)}, ensure_ascii=False) + "\n")
    files = make_scan(tmp_path / "out", "c", seed=2, pages=2, dpi=100, degrade_level="none",
                      corpus=tmp_path / "corpus", corpus_index=1)
    pages, gt = _load(files)
    assert gt["generator"]["content"] == f"corpus:admin_fake/{test_ids[1]}"
    text = " ".join(" ".join(p.split()) for p in pages)
    assert f"văn bản mã {test_ids[1]} thuộc tập test" in text
    assert "tập train" not in text and "tập dev" not in text


@pytest.mark.parametrize("kind", ["plan", "congvan", "party"])
def test_document_kinds(tmp_path: Path, kind: str) -> None:
    files = make_scan(tmp_path, kind, seed=8, pages=2, dpi=100, degrade_level="none", kind=kind)
    pages, gt = _load(files)
    first = pages[0].split("\n")
    h = gt["header"]
    assert gt["kind"] == kind and len(pages) == 2
    assert h["motto"].split(" / ")[0] in first and h["date_text"] in first
    if kind == "congvan":
        assert re.fullmatch(r"\d+/UBND-[A-Z]+", h["number"]) and f"Số: {h['number']}" in first
        assert gt["addressees"] and gt["appendices"] == [] and gt["bases"] == []
        assert any(line.startswith("V/v ") for line in first) and any("Kính gửi" in line for line in first)
        assert gt["recipients"][0] == "Như trên"
    elif kind == "party":
        assert h["motto"] == "ĐẢNG CỘNG SẢN VIỆT NAM" and h["authority"].startswith("TỈNH ỦY")
        assert re.fullmatch(r"\d+-[A-ZĐa-z]+/TU", h["number"]) and f"Số {h['number']}" in first and "*" in first
        assert gt["signature"]["prefix"] == "T/M"
    else:
        assert gt["appendices"] and h["doc_type"] in first
    # Every date cited in the text falls on or before the document's own date.
    own = dt.date.fromisoformat(h["date"])
    for d, m, y in re.findall(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})", " ".join(pages)):
        assert dt.date(int(y), int(m), int(d)) <= own
