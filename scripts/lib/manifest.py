"""models/MANIFEST.json: what each shipped model file is, how it was built and from which data.

Every trainer records its files here (other entries are kept), so an outsider can tell from the
models folder alone which split a model was trained on (issue 17) and rebuild it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

from pipeline.io import atomic_write_text


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def record(model_file: Path, description: str, training_data: str, **extra: object) -> None:
    """Add or replace ``model_file``'s entry in the MANIFEST.json beside it: description, the
    command that built it (this process's command line), training data, date, size and hash."""
    path = model_file.parent / "MANIFEST.json"
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    files = manifest.setdefault("files", {})
    files[model_file.name] = {
        "built": time.strftime("%Y-%m-%d", time.gmtime()),
        "command": "python -m " + " ".join([_module_name(), *sys.argv[1:]]),
        "training_data": training_data,
        "description": description,
        "sha256": sha256(model_file),
        "bytes": model_file.stat().st_size,
        **extra,
    }
    atomic_write_text(path, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def _module_name() -> str:
    """``scripts.train.channel`` for a script run with ``python -m`` (else the script path)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return spec.name if spec is not None and spec.name else sys.argv[0]
