"""Lines of corpus text rendered as a degraded page image and read back with Tesseract.

``render`` draws lines in one of the serif ``FONTS`` with a random tilt, blur, noise and JPEG
quality; ``ocr_lines`` reads an image with ``tesseract --psm 6`` and returns each line with its
word confidences; ``corpus_lines`` picks printed lines from one split's documents.  Used by
scripts/data/make_ocr_pairs.py (the training and benchmark pairs), scripts/data/build_gold.py and
scripts/bench/legacy.py.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import random
import subprocess
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from scripts.lib.corpus import active_split_of

FONT_DIRS = (
    "/usr/share/fonts/truetype/freefont",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/noto",
)
FONTS = (
    "FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf",
    "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
    "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
)  # fmt: skip


def corpus_lines(
    corpus: Path, source: str, split: str, rng: random.Random,
    split_fn: Callable[[str, str], str] = active_split_of,
) -> Iterator[tuple[str, str]]:
    """(doc_id, printed line) of one source's documents in ``split`` (as ``split_fn`` answers:
    the split chosen with ``scripts.lib.corpus.use_splits`` by default), wrapped at 55-80 chars."""
    path = next((corpus / source).glob("*.jsonl.xz"))
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for raw in f:
            doc = json.loads(raw)
            doc_id = str(doc["id"])
            if split_fn(source, doc_id) != split or rng.random() > 0.35:  # spread over documents
                continue
            paras = [p for p in doc["text"].split("\n") if p.strip()]
            rng.shuffle(paras)
            for para in paras[:12]:
                caps = rng.random() < 0.08  # headings set in capitals
                for line in textwrap.wrap(para, rng.randint(55, 80))[:3]:
                    yield doc_id, line.upper() if caps else line


def render(
    lines: list[str], font_path: str, px: int, rng: random.Random
) -> tuple[Image.Image, dict[str, float]]:
    """A degraded page image of ``lines`` and the degradation used."""
    font = ImageFont.truetype(font_path, px)
    width = max(int(font.getlength(t)) for t in lines) + 2 * px
    lh = int(px * 1.6)
    img = Image.new("L", (width, lh * len(lines) + 2 * px), 255)
    draw = ImageDraw.Draw(img)
    for k, t in enumerate(lines):
        draw.text((px, px + k * lh), t, font=font, fill=0)
    angle = rng.uniform(-0.6, 0.6)
    blur = rng.choice((0.0, 0.5, 0.8, 1.1, 1.4))
    jpeg = rng.choice((0, 75, 50, 35))
    img = img.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + np.random.default_rng(rng.randrange(1 << 30)).normal(
        0, rng.uniform(0, 18), arr.shape
    )
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if jpeg:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=jpeg)
        img = Image.open(io.BytesIO(buf.getvalue()))
    return img, {"angle": round(angle, 2), "blur": blur, "jpeg": jpeg}


def ocr_lines(img: Image.Image, lang: str) -> list[tuple[str, list[float]]]:
    """Tesseract psm 6 lines of an image: (text, word confidences)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "page.png")
        img.save(path)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        out = subprocess.run(
            ["tesseract", path, "stdout", "-l", lang, "--psm", "6", "tsv"],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
    rows: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    for row in out.stdout.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        rows.setdefault(key, []).append((cols[11].strip(), max(float(cols[10]), 0.0) / 100))
    return [(" ".join(w for w, _ in ws), [c for _, c in ws]) for _, ws in sorted(rows.items())]
