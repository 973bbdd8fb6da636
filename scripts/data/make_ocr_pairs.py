"""Make (gold line, OCR line) pairs by rendering corpus text and reading it with Tesseract.

Covers what ../shared/ocr-pairs lacks: Tesseract ``vie`` on degraded scans (with per-word
confidence, for the post-correction channel) and ``eng`` at lower resolutions.  Lines come from
documents of one split (train for the channel, test for benchmarks) by the shared rule
``sha1(f"{source}\\t{doc_id}") % 1000`` (< 20 test, < 40 dev, else train).

    nice -n 10 python scripts/make_ocr_pairs.py --lang vie --split train --lines 4000 \
        -o work/ocr-pairs/vie-train.jsonl

Output: JSON lines ``{source, doc, font, px, blur, jpeg, angle, lang, gold, ocr, conf}`` where
``conf`` holds Tesseract's word confidences (0..1) of the OCR line, one per whitespace token.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import lzma
import os
import random
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

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
# Register mix: mostly legal/administrative, some news and encyclopedia, as in the archives.
SOURCES = {
    "legal_congbao_8chude": 0.3, "legal_diepxuan_vanban": 0.2, "admin_khanhng29": 0.15,
    "legal_uts_vlc": 0.1, "legal_phapdien": 0.1, "news_tto": 0.1, "general_viwiki": 0.05,
}  # fmt: skip
LINES_PER_PAGE = 10


def split_of(source: str, doc_id: str) -> str:
    """The shared document split: test, dev or train."""
    bucket = int(hashlib.sha1(f"{source}\t{doc_id}".encode()).hexdigest(), 16) % 1000
    return "test" if bucket < 20 else "dev" if bucket < 40 else "train"


def corpus_lines(
    corpus: Path, source: str, split: str, rng: random.Random
) -> Iterator[tuple[str, str]]:
    """(doc_id, printed line) of one source's documents in ``split``, wrapped at 55-80 chars."""
    path = next((corpus / source).glob("*.jsonl.xz"))
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for raw in f:
            doc = json.loads(raw)
            doc_id = str(doc["id"])
            if split_of(source, doc_id) != split or rng.random() > 0.35:  # spread over documents
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


def main(argv: list[str] | None = None) -> int:
    """Render, OCR and write pairs."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--lang", default="vie", choices=("vie", "eng"))
    ap.add_argument("--split", default="train", choices=("train", "dev", "test"))
    ap.add_argument("--lines", type=int, default=3000, help="gold lines to render")
    ap.add_argument(
        "--px", default="18,44", help="font size range in pixels (300 DPI 12 pt = 50 px)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    lo, hi = (int(v) for v in args.px.split(","))
    fonts = [str(p) for name in FONTS for d in FONT_DIRS if (p := Path(d) / name).exists()]
    pool: list[tuple[str, str, str]] = []
    for source, share in SOURCES.items():
        want = int(args.lines * share * 1.3)
        gen = corpus_lines(Path(args.corpus), source, args.split, rng)
        got = [(source, d, t) for _, (d, t) in zip(range(want * 4), gen, strict=False)]
        rng.shuffle(got)
        pool.extend(got[:want])
    rng.shuffle(pool)
    pool = pool[: args.lines]
    out_path = Path(args.output)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    kept = 0
    with open(str(out_path) + ".tmp", "w", encoding="utf-8") as out:
        for k in range(0, len(pool), LINES_PER_PAGE):
            chunk = pool[k : k + LINES_PER_PAGE]
            font, px = rng.choice(fonts), rng.randint(lo, hi)
            img, deg = render([t for _, _, t in chunk], font, px, rng)
            read = ocr_lines(img, args.lang)
            if len(read) != len(chunk):  # keep only pages whose lines survived one to one
                continue
            for (source, doc, gold), (ocr, conf) in zip(chunk, read, strict=False):
                rec = {"source": source, "doc": doc, "font": Path(font).name, "px": px, **deg,
                       "lang": args.lang, "gold": gold, "ocr": ocr, "conf": conf}  # fmt: skip
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                kept += 1
            print(f"{k + len(chunk)}/{len(pool)} lines, {kept} kept", file=sys.stderr, flush=True)
    os.replace(str(out_path) + ".tmp", out_path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
