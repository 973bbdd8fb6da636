"""OCR stage: image clean-up (orientation, deskew, denoise, binarize, borders), Tesseract, ruled tables."""

from __future__ import annotations

from pipeline.ocr.engine import OcrEngine

__all__ = ["OcrEngine"]
