"""Make (gold line, OCR line) pairs by rendering corpus text and reading it with Tesseract.

Covers what ../shared/ocr-pairs lacks: Tesseract ``vie`` on degraded scans (with per-word
confidence, for the post-correction channel) and ``eng`` at lower resolutions.  Lines come from
documents of one split (train for the channel, test for benchmarks) of the duplicate-aware split
file (``--splits``, issue 17; ``--splits old`` for the hash buckets the earlier models used).

    nice -n 10 python -m scripts.data.make_ocr_pairs --lang vie --split train --lines 4000 \
        -o work/ocr-pairs/vie-train.jsonl

Output: JSON lines ``{source, doc, font, px, blur, jpeg, angle, lang, gold, ocr, conf}`` where
``conf`` holds Tesseract's word confidences (0..1) of the OCR line, one per whitespace token.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

from scripts.lib.corpus import add_splits_option, use_splits
from scripts.lib.ocr_lines import FONT_DIRS, FONTS, corpus_lines, ocr_lines, render

# Register mix: mostly legal/administrative, some news and encyclopedia, as in the archives.
SOURCES = {
    "legal_congbao_8chude": 0.3, "legal_diepxuan_vanban": 0.2, "admin_khanhng29": 0.15,
    "legal_uts_vlc": 0.1, "legal_phapdien": 0.1, "news_tto": 0.1, "general_viwiki": 0.05,
}  # fmt: skip
LINES_PER_PAGE = 10


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
    add_splits_option(ap)
    args = ap.parse_args(argv)
    use_splits(args.splits)
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
