"""`vanban parse`: outputs, progress on stderr, and the exit code of each outcome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from test_runner import PAGES, FailingEngine, image_pdf, page_image

from pipeline import runner
from pipeline.cli import main
from pipeline.errors import ExitCode

FAST = ["--no-restore", "--jobs", "1"]


@pytest.fixture(scope="module")
def page_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "page.png"
    Image.fromarray(page_image(PAGES[0])).save(path, dpi=(300, 300))
    return path


def test_parse_writes_json_and_text_with_progress(page_png: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, txt = tmp_path / "out.json", tmp_path / "out.txt"
    code = main(["parse", str(page_png), "--json", str(out), "--text", str(txt), *FAST])
    assert code == ExitCode.ok
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "success" and data["errors"] == []
    assert "ocr" in data["timings"]
    text = txt.read_text(encoding="utf-8")
    assert "Số: 119/KH-UBND" in text and "ỦY BAN NHÂN DÂN" in text
    err = capsys.readouterr().err
    assert "1/1" in err and "success" in err  # the per-page bar and the summary line
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temp files


def test_quiet_prints_nothing(page_png: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(page_png), "--json", str(tmp_path / "o.json"), "--quiet", *FAST]) == ExitCode.ok
    assert capsys.readouterr().err == ""


def test_partial_exit_code_still_writes_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.ocr.engine._factory", FailingEngine)  # the engine seam (use_engine)
    runner._worker_state.clear()
    out = tmp_path / "partial.json"
    try:
        code = main(["parse", str(image_pdf(tmp_path / "three.pdf")), "--json", str(out), "--quiet", *FAST])
    finally:
        runner._worker_state.clear()
    assert code == ExitCode.partial
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "partial_success"
    assert [(e["stage"], e["page_no"], e["code"]) for e in data["errors"]] == [("ocr", 2, "VB200")]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--timeout-per-page", "0"], ExitCode.invalid_config),
        (["--lang", "xyz"], ExitCode.missing_dependency),
        (["--model", "huge"], ExitCode.bad_args),
        (["--jobs", "0"], ExitCode.bad_args),
    ],
)
def test_bad_options(page_png: Path, tmp_path: Path, args: list[str], expected: ExitCode) -> None:
    out = tmp_path / "o.json"
    assert main(["parse", str(page_png), "--json", str(out), "--quiet", "--no-restore", *args]) == expected
    assert not out.exists()


def test_bad_inputs_and_outputs(page_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    assert main(["parse", str(tmp_path / "missing.pdf"), "--json", str(out), "--quiet"]) == ExitCode.file_access_error
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    assert main(["parse", str(junk), "--json", str(out), "--quiet"]) == ExitCode.input_file
    assert not out.exists()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["parse", str(page_png), "--json", str(blocker / "o.json"), "--quiet", *FAST])
    assert code == ExitCode.invalid_output
    assert main(["parse", str(page_png), "--quiet"]) == ExitCode.bad_args  # --json is required


def test_text_output_keeps_table_rows_in_place(tmp_path: Path) -> None:
    from PIL import ImageDraw, ImageFont

    img = Image.new("L", (1100, 560), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeSerif.ttf", 36)
    draw.text((100, 40), "Danh sách đơn vị", font=font, fill=0)
    xs, ys = (100, 300, 800), (140, 230, 320)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for (r, c), text in {(0, 0): "STT", (0, 1): "Đơn vị", (1, 0): "1", (1, 1): "Sở Tài chính"}.items():
        draw.text((xs[c] + 20, ys[r] + 22), text, font=font, fill=0)
    draw.text((100, 420), "Nơi nhận: như trên.", font=font, fill=0)
    png, txt = tmp_path / "table.png", tmp_path / "table.txt"
    img.save(png, dpi=(300, 300))
    assert main(["parse", str(png), "--json", str(tmp_path / "t.json"), "--text", str(txt), "--quiet", *FAST]) == 0
    assert txt.read_text(encoding="utf-8").split("\n")[:4] == [
        "Danh sách đơn vị", "STT\tĐơn vị", "1\tSở Tài chính", "Nơi nhận: như trên."
    ]
