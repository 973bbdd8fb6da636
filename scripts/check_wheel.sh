#!/usr/bin/env bash
# A normal install works: build the wheel, check that it ships the models (pipeline/models/),
# install it in a fresh virtual environment and run `vanban parse` on the sample from outside the
# checkout, with the packaged models.  Heavy dependencies (torch, OpenCV, ...) come from the system
# site-packages, so this takes about a minute; nothing is written inside the checkout.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vanban-wheel.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1. Build from a copy of what the wheel is made of (setuptools writes build/ and *.egg-info
#    beside its sources; the checkout stays clean).
mkdir "$WORK/src"
(cd "$REPO" && tar -c --exclude=__pycache__ --exclude='*.pyc' pyproject.toml setup.py README.md pipeline models) \
  | tar -x -C "$WORK/src"
$PY -m pip wheel "$WORK/src" --no-deps --no-build-isolation -q -w "$WORK/dist"
WHEEL=$(ls "$WORK"/dist/vanban-*.whl)
echo "check_wheel: built $(basename "$WHEEL") ($(du -h "$WHEEL" | cut -f1))"

# 2. The wheel holds every model the checkout has.
$PY - "$WHEEL" "$REPO/models" <<'EOF'
import sys, zipfile
from pathlib import Path
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
want = {f"pipeline/models/{p.name}" for p in Path(sys.argv[2]).iterdir() if p.is_file()}
missing = sorted(want - names)
if missing or "pipeline/modelstore.py" not in names:
    sys.exit(f"check_wheel: the wheel lacks {missing or 'pipeline/modelstore.py'}")
print(f"check_wheel: the wheel ships {len(want)} model files in pipeline/models/")
EOF

# 3. A fresh virtual environment (system site-packages for the dependencies), the wheel alone.
$PY -m venv --system-site-packages --without-pip "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install -q --no-deps --force-reinstall "$WHEEL"

# 4. From outside the checkout, no PYTHONPATH, no VANBAN_MODELS: the installed package and its models.
cd "$WORK"
USED=$(env -u PYTHONPATH -u VANBAN_MODELS "$VPY" -c '
import pipeline
from pipeline import modelstore
print(pipeline.__file__, modelstore.models_dir(), sep="\n")')
echo "$USED" | sed 's/^/check_wheel: uses /'
case "$USED" in
  *"$REPO"*) echo "check_wheel: FAIL: the installed package reads from the checkout" >&2; exit 1 ;;
esac
echo "$USED" | tail -1 | grep -q "$WORK/venv/.*/site-packages/pipeline/models" \
  || { echo "check_wheel: FAIL: the models do not come from the installed package" >&2; exit 1; }
env -u PYTHONPATH -u VANBAN_MODELS "$WORK/venv/bin/vanban" parse "$REPO/data/raw/sample_scan.pdf" \
  --json "$WORK/sample.json" --text "$WORK/sample.txt"
$PY - "$WORK/sample.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
pages = doc.get("pages") or []
if not pages:
    sys.exit("check_wheel: FAIL: the parse wrote no pages")
print(f"check_wheel: ok: vanban parse from the wheel wrote {len(pages)} page(s)")
EOF
