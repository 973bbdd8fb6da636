"""`vanban parse --alto --hocr --pdfa` and `vanban batch --alto --hocr --pdfa`: real OCR on one small
page; PDF/A declared and validated, fonts embedded, metadata in XMP, the JSON attached; all or none."""

from __future__ import annotations

import collections
import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from test_runner import PAGES, page_image

from pipeline.batch import BatchOptions, run_batch
from pipeline.cli import main
from pipeline.errors import ExitCode, OutputError
from pipeline.export.alto import NS
from pipeline.io import atomic_save_all, bytes_saver

FAST = ["--no-restore", "--jobs", "1", "--quiet"]


@pytest.fixture(scope="module")
def page_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "page.png"
    Image.fromarray(page_image(PAGES[0])).save(path, dpi=(300, 300))
    return path


@pytest.fixture(scope="module")
def parsed(page_png: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parsed")
    args = ["parse", str(page_png), "--json", str(out / "d.json"), "--text", str(out / "d.txt"),
            "--alto", str(out / "d.xml"), "--hocr", str(out / "d.hocr"), "--pdfa", str(out / "d.pdf"), *FAST]
    assert main(args) == ExitCode.ok
    return out


def _words(text: str) -> collections.Counter[str]:
    return collections.Counter(text.split())


def test_alto_and_hocr_hold_every_word_of_the_text(parsed: Path) -> None:
    text = (parsed / "d.txt").read_text(encoding="utf-8")
    alto = ET.parse(parsed / "d.xml").getroot()
    contents = [s.get("CONTENT", "") for s in alto.iter(f"{{{NS}}}String")]
    assert _words(" ".join(contents)) == _words(text)
    hocr = ET.parse(parsed / "d.hocr").getroot()
    words = [w.text or "" for w in hocr.iter("{http://www.w3.org/1999/xhtml}span") if w.get("class") == "ocrx_word"]
    assert words == contents


def test_pdfa_declares_part_3b_embeds_fonts_and_attaches_the_json(parsed: Path) -> None:
    doc = json.loads((parsed / "d.json").read_text(encoding="utf-8"))
    with pikepdf.open(parsed / "d.pdf") as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "3B"
        assert meta["dc:language"] == {"vi"} and meta["xmp:CreatorTool"].startswith("vanban")
        if doc["metadata"]["number"]:
            assert doc["metadata"]["number"] in meta["dc:identifier"]
        assert "/OutputIntents" in pdf.Root
        attached = pdf.attachments["vanban.json"].get_file().read_bytes()
        assert json.loads(attached) == doc
        assert str(pdf.Root.AF[0].AFRelationship) == "/Data"
        for page in pdf.pages:
            for _, font in page.Resources.get("/XObject", {}).items():
                for _, f in font.get("/Resources", {}).get("/Font", {}).items():
                    fd = f.get("/FontDescriptor") or f.DescendantFonts[0].FontDescriptor
                    assert any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))  # embedded


def test_pdftotext_of_the_pdfa_gives_the_restored_text(parsed: Path) -> None:
    out = subprocess.run(["pdftotext", str(parsed / "d.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert _words(out) == _words((parsed / "d.txt").read_text(encoding="utf-8"))


def test_pdfa_part_2_has_no_attachment(page_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    assert main(["parse", str(page_png), "--json", str(tmp_path / "d.json"), "--pdfa", str(out), "--pdfa-part", "2", *FAST]) == 0
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B" and len(pdf.attachments) == 0


def test_a_text_input_with_layout_outputs_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "legacy.txt"
    src.write_text("Điều 1. Phạm vi điều chỉnh\n", encoding="utf-8")
    code = main(["parse", str(src), "--json", str(tmp_path / "o.json"), "--alto", str(tmp_path / "o.xml"), *FAST])
    assert code == ExitCode.bad_args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["legacy.txt"]


def test_outputs_are_all_or_none(page_png: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.export.pdfa as pdfa

    def broken(*args: object, **kw: object) -> None:
        raise OutputError("disk full", path="x")

    monkeypatch.setattr(pdfa, "write_pdfa", broken)
    code = main(["parse", str(page_png), "--json", str(tmp_path / "o.json"), "--alto", str(tmp_path / "o.xml"),
                 "--pdfa", str(tmp_path / "o.pdf"), *FAST])
    assert code == ExitCode.invalid_output
    assert list(tmp_path.iterdir()) == []  # neither the JSON nor the ALTO, and no temp files


def test_atomic_save_all_renames_nothing_when_one_fails(tmp_path: Path) -> None:
    def fail(tmp: str) -> None:
        raise OSError(28, "No space left on device")

    (tmp_path / "a").write_text("old")
    with pytest.raises(OutputError, match="No space"):
        atomic_save_all([(tmp_path / "a", bytes_saver(b"new")), (tmp_path / "b", fail)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"] and (tmp_path / "a").read_text() == "old"


def test_batch_writes_layout_outputs_and_metadata_csv(page_png: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "scan.png").write_bytes(page_png.read_bytes())
    (src / "legacy.txt").write_text("KẾ HOẠCH\nĐiều 1.\n", encoding="utf-8")
    opts = BatchOptions(jobs=2, alto=True, hocr=True, pdfa=True, parse_options={"restore": {"enabled": False}})
    summary = run_batch(str(src), str(tmp_path / "out"), opts)
    assert summary.failed == 0
    out = tmp_path / "out"
    report = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    assert set(report["scan.png"]["outputs"]) == {"json", "txt", "alto", "hocr", "pdfa"}
    assert set(report["legacy.txt"]["outputs"]) == {"json", "txt"}  # no page images: no layout outputs
    for name in ("scan.alto.xml", "scan.hocr", "scan.pdfa.pdf"):
        assert (out / name).stat().st_size > 0
    data = (out / "metadata.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"))))
    assert [r["Tệp"] for r in rows] == ["legacy.txt", "scan.png"]
    scan = json.loads((out / "scan.json").read_text(encoding="utf-8"))["metadata"]
    assert rows[1]["Ký hiệu của văn bản"] == (scan["symbol"] or "") and rows[1]["Số lượng trang"] == "1"
    again = run_batch(str(src), str(tmp_path / "out"), opts)  # complete outputs: skipped, CSV kept
    assert again.counts == {"skipped": 2} and (out / "metadata.csv").read_bytes() == data
