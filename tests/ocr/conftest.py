"""Fixtures of the OCR tests: the real engine, built once per session."""

from __future__ import annotations

import pytest

from pipeline.ocr import OcrEngine
from pipeline.options import OcrOptions


@pytest.fixture(scope="session")
def engine() -> OcrEngine:
    """The real engine with every clean-up step on (Tesseract vie)."""
    return OcrEngine(OcrOptions(lang="vie", timeout_per_page=60))
