"""Post-correcting Tesseract ``vie`` output: only tokens the OCR engine was unsure of may change."""

from __future__ import annotations

from typing import Any

from pipeline.restore.core.lm import NgramLM
from pipeline.restore.ocrfix.channel import ChannelModel
from pipeline.restore.ocrfix.garble import restore_garbled
from pipeline.types import Token


def postcorrect_lines(
    lines: list[str],
    confidences: list[list[float]],
    lm: NgramLM,
    channel: ChannelModel,
    *,
    threshold: float = 0.90,  # RestoreOptions.ocr_confidence_threshold
    sure_marks: bool = True,
    rescore: Any = None,
) -> tuple[list[str], list[Token]]:
    """Post-correct Tesseract ``vie`` lines: unsure tokens, or sure ones the LM overrules strongly.

    Below ``threshold`` confidence a word may take any channel reading (with the unsure-word
    channel where the model ships one); at or above it (with ``sure_marks``) another reading
    only when the decoder is very sure, and other letters at an extra cost.
    """
    if not lines:
        return [], []
    text, tokens = restore_garbled(
        "\n".join(lines),
        "ocr-vie",
        lm,
        channel,
        confidences=confidences,
        threshold=threshold,
        sure_marks=sure_marks,
        rescore=rescore,
    )
    return text.split("\n"), tokens
