"""Shared settings of the batch tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The full pipeline as shipped.  The batch tests check the orchestrator, not restoration quality:
# while the restore stage's language model is not in models/ yet, they run without that stage
# rather than record VB301 for every input.
_LM = Path(__file__).resolve().parents[2] / "models" / "restore_lm.npz"
PARSE_OPTIONS: dict[str, Any] = {} if _LM.exists() else {"restore": {"enabled": False}}
