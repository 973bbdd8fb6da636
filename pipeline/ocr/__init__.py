"""OCR stage: image clean-up (orientation, deskew, denoise, binarize, borders), Tesseract, ruled tables."""

from __future__ import annotations

from pipeline.ocr.engine import EngineFactory, OcrEngine, PageReader, make_engine, use_engine

__all__ = ["OcrEngine", "PageReader", "EngineFactory", "make_engine", "use_engine"]
