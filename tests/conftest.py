"""Shared fixtures: small real input files generated on the fly into temporary folders.

The builders live in tests/fixture_files.py (import them from there, not from conftest); the
fixtures here wrap them.  pyproject's ``pythonpath`` puts the repository root (``scripts.lib``
and friends) and tests/ (the shared helpers: ``fixture_files``, ``proctools``) on the import path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from fixture_files import VIETNAMESE_LINES, write_text_pdf
from hypothesis import settings

# In CI the property tests replay the same examples every run (a red build must be reproducible);
# locally they explore new examples each time.  Falsifying examples are printed either way.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")



@pytest.fixture
def text_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Factory: ``text_pdf(pages, name="x.pdf", **kw)`` writes a PDF with a real text layer."""

    def make(pages: Sequence[Sequence[str]], name: str = "text.pdf", **kw: Any) -> Path:
        return write_text_pdf(tmp_path / name, pages, **kw)

    return make


@pytest.fixture
def born_digital_pdf(tmp_path: Path) -> Path:
    """Two pages of Vietnamese administrative text with a real Unicode text layer."""
    return write_text_pdf(tmp_path / "born_digital.pdf", [VIETNAMESE_LINES, VIETNAMESE_LINES[::-1]])


@pytest.fixture(scope="session")
def synthetic_scan(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A 2-page synthetic scan (mild degradation, 150 DPI) with .gt.txt/.gt.json, clean and
    born-digital variants: ``ScanFiles(pdf, gt_txt, gt_json, clean_pdf, digital_pdf)``."""
    from scripts.lib.scans import make_scan

    out = tmp_path_factory.mktemp("scans")
    return make_scan(out, "scan2", seed=7, pages=2, dpi=150, degrade_level="mild", clean=True, born_digital=True)
