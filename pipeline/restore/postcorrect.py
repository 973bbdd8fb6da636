"""Post-correcting Tesseract ``vie`` output: only tokens the OCR engine was unsure of may change."""

from __future__ import annotations

from pipeline.restore.channel import ChannelModel
from pipeline.restore.lm import NgramLM
from pipeline.types import Token


def postcorrect_lines(
    lines: list[str],
    confidences: list[list[float]],
    lm: NgramLM,
    channel: ChannelModel,
    *,
    threshold: float = 0.80,
) -> tuple[list[str], list[Token]]:
    """Post-correct Tesseract ``vie`` lines: only tokens below ``threshold`` confidence may change."""
    from pipeline.restore.garble import restore_garbled  # garble re-exports this module

    if not lines:
        return [], []
    text, tokens = restore_garbled(
        "\n".join(lines), "ocr-vie", lm, channel, confidences=confidences, threshold=threshold
    )
    return text.split("\n"), tokens
