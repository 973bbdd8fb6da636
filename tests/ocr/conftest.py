"""Fixtures of the OCR tests: the real engine, built once per session, and engine fakes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from pipeline.ocr import OcrEngine, PageReader, use_engine
from pipeline.options import OcrOptions


@pytest.fixture(scope="session")
def engine() -> OcrEngine:
    """The real engine with every clean-up step on (Tesseract vie)."""
    return OcrEngine(OcrOptions(lang="vie", timeout_per_page=60))


@pytest.fixture
def fake_engine() -> Iterator[Callable[[PageReader], None]]:
    """Install an engine fake for the test: ``fake_engine(NoopEngine())``; the runner's per-process
    engine cache is cleared before and after, so no real engine leaks in or out."""
    from pipeline import runner

    stack = ExitStack()

    def install(fake: PageReader) -> None:
        runner._worker_state.clear()
        stack.enter_context(use_engine(lambda options: fake))

    with stack:
        yield install
    runner._worker_state.clear()
