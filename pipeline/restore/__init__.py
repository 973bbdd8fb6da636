"""Diacritic restoration and OCR post-correction (the ``restore`` stage).

``restore(text)`` restores a text (``pipeline.restore_text`` at the top level);
``Restorer(options).restore_page(page)`` restores an OCR page for the runner.  Three subpackages:

- ``core/``: tokens, the syllable n-gram LM, the lattice decoder, the syllable inventory, the
  per-process model cache;
- ``diacritics/``: text without marks; the fast model is the LM decoded over inventory candidates
  (``fast.py``), the accurate model adds the neural tagger's scores (``neural.py``), ``stream.py``
  decodes texts of any size in bounded memory;
- ``ocrfix/``: OCR errors; the channel model and the garble decoder (``garble/``),
  post-correction of Tesseract ``vie`` output (``postcorrect.py``).

``symbols.py``, ``vietnamese.py`` and ``formulae.py`` hold the document knowledge both use.
"""

from __future__ import annotations

from pipeline.restore.api import Restorer, RestoreResult, detect_mode, restore

__all__ = ["restore", "RestoreResult", "Restorer", "detect_mode"]
