#!/usr/bin/env bash
# Install everything vanban needs on a fresh Debian machine (idempotent, fast when done).
# System: Tesseract with the Vietnamese and English models, poppler, fonts with Vietnamese glyphs.
# Python: the package in editable mode with its dev extras; torch pinned to the CPU build.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd poppler-utils
              fonts-freefont-ttf fonts-dejavu-core fonts-noto-core qpdf
              ghostscript  # OCRmyPDF's PDF/A fallback when its own (pikepdf) conversion cannot validate
              chromium chromium-driver)  # chromium: the review page is tested in a real browser
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
# torch first and pinned: an unpinned torch pulls a multi-GB CUDA build.
$PY -c "import torch, sys; sys.exit(0 if torch.__version__.startswith('2.13.0') else 1)" 2>/dev/null \
  || $PY -m pip install -q "torch==2.13.0"
if ! $PY -c "import pipeline, pytesseract, cv2, pdfplumber, pypdfium2, underthesea, transformers, pyvi, hypothesis, ocrmypdf, importlinter" 2>/dev/null \
   || [ pyproject.toml -nt .install-stamp ] || [ setup.py -nt .install-stamp ]; then
  $PY -m pip install -q -e ".[dev]"
  touch .install-stamp
fi

# The second reader's model (OcrOptions.reread_unsure, pipeline/ocr/second.py) ships in models/,
# pinned: tessdata best_int vie from the npm package @tesseract.js-data/vie 1.0.0 (models/MANIFEST.json).
BEST_INT_SHA256=112f6fd1d04ab4cb0208cad9cada8de214ae33a1e4db3750ffcda69262aef0a8
echo "$BEST_INT_SHA256  models/vie_best_int.traineddata" | sha256sum -c --quiet - \
  || { echo "install: models/vie_best_int.traineddata is missing or not the pinned file" >&2; exit 1; }
