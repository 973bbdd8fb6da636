"""Diacritic restoration and OCR post-correction (the ``restore`` stage).

``restore(text)`` restores a text; ``Restorer(options).restore_page(page)`` restores an OCR page
for the runner.  The fast model is a syllable n-gram LM decoded over inventory candidates
(``fast.py``); the accurate model adds the neural tagger's scores (``neural.py``); OCR garble goes
through the channel model (``garble.py``).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from pipeline.restore.api import Restorer, RestoreResult, detect_mode, restore

__all__ = ["restore", "RestoreResult", "Restorer", "detect_mode"]

# ``pipeline.restore`` is both this package and the documented function ``pipeline.restore(text)``.
# Whichever is imported first, Python binds the attribute to the package, so the package itself is
# made callable: it delegates to ``restore`` and still exposes the stage's names.


class _CallableStage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> RestoreResult:
        return restore(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableStage
