"""pipeline.vn is below every stage: it imports no stage package and nothing of the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pipeline.vn

ALLOWED = ("pipeline.vn", "pipeline.types", "pipeline.errors")


def test_vn_imports_no_stage() -> None:
    root = Path(pipeline.vn.__file__).parent
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name == "pipeline" or name.startswith("pipeline."):
                    assert name.startswith(ALLOWED), f"{path.name} imports {name}"


def test_data_ships_with_the_package() -> None:
    root = Path(pipeline.vn.__file__).parent
    assert (root / "data" / "codes.json").is_file() and (root / "data" / "doctypes.json").is_file()
