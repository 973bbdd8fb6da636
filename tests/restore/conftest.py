"""Model fixtures shared by the restore tests: the shipped n-gram LM and the English-model channel
(loaded once per module; a module that cannot run without them skips itself, see test_garble's
``pytestmark``).  A module may define its own ``lm`` (test_lm_decoder does): that one wins."""

from __future__ import annotations

from pathlib import Path

import pytest

LM_PATH = Path(__file__).resolve().parents[2] / "models" / "restore_lm.npz"


@pytest.fixture(scope="module")
def lm():  # type: ignore[no-untyped-def]
    from pipeline.restore.core.lm import NgramLM

    return NgramLM.load(LM_PATH)


@pytest.fixture(scope="module")
def eng():  # type: ignore[no-untyped-def]
    from pipeline.restore.ocrfix.garble import load_channel

    return load_channel("ocr-eng")
