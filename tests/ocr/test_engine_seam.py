"""The OCR stage and the runner with engine fakes (no Tesseract): what the runner makes of an engine
that reads nothing, crashes, or replays a recording.  The real engine is in test_engine.py."""

from __future__ import annotations

from collections.abc import Callable

import pytesseract
import pytest
from engine_fakes import (
    SAMPLE_SCAN,
    CrashingEngine,
    NoopEngine,
    RecordedEngine,
    page_from_dict,
    page_to_dict,
)

from pipeline import parse
from pipeline.errors import OcrError
from pipeline.ocr import OcrEngine, PageReader, engine, make_engine, use_engine
from pipeline.options import OcrOptions
from pipeline.types import SourcePage, Status

SERIAL = {"jobs": 1, "executor": "serial", "restore": {"enabled": False}}
Install = Callable[[PageReader], None]


@pytest.fixture(autouse=True)
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any call to the real Tesseract fails: these tests must not need it."""
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")


def test_the_fakes_and_the_real_engine_fill_one_seam() -> None:
    for fake in (NoopEngine(), CrashingEngine(), RecordedEngine()):
        assert isinstance(fake, PageReader)
    assert isinstance(OcrEngine, type) and hasattr(OcrEngine, "read")
    with use_engine(lambda options: NoopEngine(options)):
        built = make_engine(OcrOptions(lang="eng"))
        assert isinstance(built, NoopEngine) and built.options.lang == "eng"
    assert engine._factory is None  # the real engine again after the block


def test_an_engine_that_reads_nothing(fake_engine: Install) -> None:
    noop = NoopEngine()
    fake_engine(noop)
    result = parse(SAMPLE_SCAN, SERIAL, raises=False)
    assert noop.pages == [1, 2, 3]
    assert [p.page.engine for p in result.pages] == ["noop"] * 3
    assert not any(p.lines for p in result.pages)
    assert not [e for e in result.errors if e.stage == "ocr"]


@pytest.mark.parametrize("error, code", [
    (lambda p: OcrError("crashed", path=p.path, page_no=p.page_no), "VB200"),
    (lambda p: RuntimeError("segfault in the engine"), "VB900"),
])
def test_an_engine_that_crashes_on_every_page(fake_engine: Install, error: Callable, code: str) -> None:
    fake_engine(CrashingEngine(error))
    result = parse(SAMPLE_SCAN, SERIAL, raises=False)
    assert result.status is Status.failure
    assert [(e.stage, e.code, e.page_no) for e in result.errors] == [("ocr", code, n) for n in (1, 2, 3)]
    with pytest.raises(Exception) as raised:  # raises=True: the first error, as its own class
        parse(SAMPLE_SCAN, SERIAL)
    assert getattr(raised.value, "code", None) == code


@pytest.mark.parametrize("options", [SERIAL, {"jobs": 2, "executor": "process", "restore": {"enabled": False}}],
                         ids=["serial", "page-pool"])
def test_one_crashed_page_keeps_the_others(fake_engine: Install, options: dict) -> None:
    fake_engine(CrashingEngine(on_pages={2}, rest=RecordedEngine()))
    result = parse(SAMPLE_SCAN, options, raises=False)
    assert result.status is Status.partial_success
    assert [(e.stage, e.code, e.page_no) for e in result.errors] == [("ocr", "VB200", 2)]
    assert [bool(p.lines or p.tables) for p in result.pages] == [True, False, True]  # page 3: a table


def test_a_recorded_engine_replays_the_real_reading(fake_engine: Install) -> None:
    replay = RecordedEngine()
    fake_engine(replay)
    result = parse(SAMPLE_SCAN, SERIAL, raises=False)
    assert result.status is Status.success
    assert [p.page.engine for p in result.pages] == ["tesseract"] * 3  # recorded from the real one
    assert "Số: 224/KH-UBND" in result.text  # the stages after OCR get the real reading to work on
    assert result.document is not None and result.document.header.number == "224/KH-UBND"


def test_a_recording_round_trips() -> None:
    replay = RecordedEngine()
    first = replay.read(SourcePage(1, str(SAMPLE_SCAN)))
    assert page_from_dict(page_to_dict(first)) == first
    with pytest.raises(OcrError, match="no recorded OCR"):
        replay.read(SourcePage(9, str(SAMPLE_SCAN)))
