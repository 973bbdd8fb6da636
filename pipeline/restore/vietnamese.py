"""Vietnamese orthography now lives in ``pipeline.vn.orthography`` (the domain layer below every
stage); this module only keeps the restore package's existing imports working while the package is
reorganised.  New code imports from ``pipeline.vn.orthography``."""

from __future__ import annotations

from pipeline.vn.orthography import (
    MARKED_VOWELS,
    MODEL_STYLE,
    QUALITY_MARKS,
    TONE_CHARS,
    TONE_MARKS,
    VOWELS,
    add_tone,
    apply_case,
    case_class,
    detect_tone_style,
    follow_convention,
    has_diacritics,
    model_form,
    nfc,
    retone,
    split_tone,
    strip_diacritics,
    syllable_tone,
    tone_position,
    tone_style,
)

__all__ = [
    "MARKED_VOWELS", "MODEL_STYLE", "QUALITY_MARKS", "TONE_CHARS", "TONE_MARKS", "VOWELS", "add_tone",
    "apply_case", "case_class", "detect_tone_style", "follow_convention", "has_diacritics", "model_form",
    "nfc", "retone", "split_tone", "strip_diacritics", "syllable_tone", "tone_position", "tone_style",
]
