"""Diacritic restoration and OCR post-correction (the ``restore`` stage).

``restore(text)`` restores a text; ``Restorer(options).restore_page(page)`` restores an OCR page
for the runner.  The fast model is a syllable n-gram LM decoded over inventory candidates
(``fast.py``); the accurate model adds the neural tagger's scores (``neural.py``); OCR garble goes
through the channel model (``garble.py``).
"""

from __future__ import annotations

from pipeline.restore.api import Restorer, RestoreResult, detect_mode, restore

__all__ = ["restore", "RestoreResult", "Restorer", "detect_mode"]

# ``pipeline.__getattr__`` binds the name ``pipeline.restore`` to the function ``restore`` once
# ``from pipeline import restore`` ran, which then shadows this package for code that expects the
# module (the runner's ``restore.Restorer``): give the function the stage's names too.
restore.Restorer = Restorer  # type: ignore[attr-defined]
restore.RestoreResult = RestoreResult  # type: ignore[attr-defined]
restore.detect_mode = detect_mode  # type: ignore[attr-defined]
