"""Structure-test fixtures: the JSON Schema validator and the golden-file regenerate switch.

Regenerate golden JSON with ``pytest tests/structure --regen-golden`` or
``VANBAN_REGEN_GOLDEN=1 pytest tests/structure``; review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "pipeline" / "schema" / "document.schema.json"
GOLDEN_DIR = ROOT / "tests" / "golden"
DEV_GOLD = Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared")) / "dev" / "legacy-ocr-119-KH-UBND" / "gold.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    try:
        parser.addoption("--regen-golden", action="store_true", default=False, help="rewrite tests/golden/*.json")
    except ValueError:
        pass  # already added by another conftest


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    try:
        flag = bool(request.config.getoption("--regen-golden"))
    except ValueError:
        flag = False
    return flag or os.environ.get("VANBAN_REGEN_GOLDEN") == "1"


@pytest.fixture(scope="session")
def validate() -> Any:
    """Validate a dict against pipeline/schema/document.schema.json (draft 2020-12)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    def check(doc: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])

    return check
