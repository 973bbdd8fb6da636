"""Whole legacy-OCR documents with appendix tables and exact, line-aligned ground truth (issue 13).

    python -m scripts.data.make_legacy_docs --out work/legacy --split dev --n 20 [--pages 6]
        [--corpus ../shared/corpus] [--psm 3,4,6] [--dpi 150,200,300]

Each document is laid out as a Nghị định 30/2020 plan (header, Căn cứ, body, signature, Nơi
nhận) followed by a multi-page ruled appendix table (TT, task, lead unit, coordinating units,
timeframe; or 4 / 6 columns with ``--columns``; group rows, multi-line cells, the column
header repeated on every page), rendered,
degraded as a scanner would, and read whole page by page with ``tesseract -l eng`` (psm and dpi
drawn per document): the kind of text layer archives hold.  Written per document:

* ``NAME.ocr.txt``: the English-model OCR, pages separated by form feeds;
* ``NAME.gold.txt``: LINE-ALIGNED ground truth: line i is what the page printed where OCR line i
  was read; table cells met on one OCR line are separated by a TAB; an OCR line of pure border
  junk has an empty gold line; printed text the OCR missed is added to the nearest OCR line;
* ``NAME.stripped.txt``: the gold typed without diacritics, line for line with the OCR;
* ``NAME.typed.txt``: the document typed without diacritics as a word processor's text export
  holds it: prose lines as printed, a table's cells one per line, row by row;
* ``NAME.gt.json``: the structure (scripts/lib/scans.ground_truth: header, appendix rows) plus
  ``line_kinds`` (per page, one per line: "table", "prose" or "junk") and how the document was made.

Splits are by document: ``dev`` and ``test`` draw disjoint seeds and disjoint corpus documents
(body prose from TEST-split corpus documents, never from training data), so a choice tuned on
dev is reported on test.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from pipeline.vn.orthography import strip_diacritics
from scripts.lib.scans import degrade, fit, ground_truth, render
from scripts.lib.scans_layout import Op, text_width
from scripts.lib.scans_text import DocSpec, as_kind, corpus_paragraphs, generate_doc

SPLIT_SEEDS = {"dev": 10_000, "test": 50_000}  # disjoint seed ranges per split
SPLIT_CORPUS = {"dev": 0, "test": 12}  # disjoint corpus documents: the corpus has 28 usable test-split ones


@dataclass
class Fragment:
    """One printed run of text (a line of a paragraph, or a line inside one table cell)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    role: str  # "" (prose) or "cell:R:C"


@dataclass
class OcrWord:
    text: str
    cx: float
    cy: float
    line: tuple[int, int, int]


def fragments(ops: list[Op], scale: float) -> list[Fragment]:
    """Pixel boxes of the page's text operations (unrotated frame)."""
    out = []
    for op in ops:
        if op.kind != "text" or not op.text.strip():
            continue
        w = text_width(op.text, op.style, op.size)
        out.append(Fragment(op.text, op.x * scale, (op.y - 0.85 * op.size) * scale,
                            (op.x + w) * scale, (op.y + 0.3 * op.size) * scale, op.role))
    return out


def ocr_words(img: np.ndarray, psm: int, dpi: int) -> list[OcrWord]:
    """Words of ``tesseract -l eng`` on the page, with centres and line ids."""
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "PNG")
    cmd = ["tesseract", "stdin", "stdout", "-l", "eng", "--psm", str(psm), "--dpi", str(dpi), "tsv"]
    res = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, check=True,
                         env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
    out = []
    for row in res.stdout.decode("utf-8").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        left, top, w, h = (int(v) for v in f[6:10])
        out.append(OcrWord(unicodedata.normalize("NFC", f[11]), left + w / 2, top + h / 2,
                           (int(f[2]), int(f[3]), int(f[4]))))
    return out


def align_page(words: list[OcrWord], frags: list[Fragment], unrotate: np.ndarray) -> tuple[list[str], list[str], list[str]]:
    """(OCR lines, gold lines, kinds) of one page: each fragment goes to the OCR line that read
    most of its words; fragments nobody read go to the nearest OCR line."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    keys = list(lines)  # Tesseract's reading order
    votes: dict[int, dict[tuple[int, int, int], int]] = {}
    line_y: dict[tuple[int, int, int], float] = {}
    for key, ws in lines.items():
        ys = []
        for w in ws:
            x, y = unrotate @ np.array([w.cx, w.cy, 1.0])
            ys.append(y)
            best, dist = None, 1e9
            for i, f in enumerate(frags):
                dx = max(f.x0 - x, 0.0, x - f.x1)
                dy = max(f.y0 - y, 0.0, y - f.y1)
                d = dx + 2 * dy
                if d < dist:
                    best, dist = i, d
            if best is not None and dist < 0.6 * (frags[best].y1 - frags[best].y0):
                votes.setdefault(best, {}).setdefault(key, 0)
                votes[best][key] += 1
        line_y[key] = float(np.median(ys))
    owned: dict[tuple[int, int, int], list[int]] = {k: [] for k in keys}
    for i, f in enumerate(frags):
        if i in votes:
            owned[max(votes[i].items(), key=lambda kv: kv[1])[0]].append(i)
        elif keys:
            cy = (f.y0 + f.y1) / 2
            owned[min(keys, key=lambda k: abs(line_y[k] - cy))].append(i)
    ocr, gold, kinds = [], [], []
    for key in keys:
        ocr.append(" ".join(w.text for w in lines[key]))
        fs = sorted((frags[i] for i in owned[key]), key=lambda f: f.x0)
        text = ""
        for k, f in enumerate(fs):
            if k:
                same_cell = f.role and f.role == fs[k - 1].role
                text += "\t" if (f.role or fs[k - 1].role) and not same_cell else " "
            text += f.text
        gold.append(text)
        kinds.append("table" if any(f.role for f in fs) else "prose" if fs else "junk")
    return ocr, gold, kinds


# Other appendix layouts of NĐ 30 plans: 4 columns (no coordinating units) and 6 (a product
# column), with other wordings of the column titles.
PRODUCTS = ["Kế hoạch", "Báo cáo kết quả", "Văn bản hướng dẫn", "Quyết định phê duyệt", "Hệ thống phần mềm",
            "Danh mục", "Tài liệu tuyên truyền", "Đề án", "Báo cáo đánh giá", "Quy chế"]
LAYOUTS = {
    "5": None,
    "4": (["STT", "NỘI DUNG CÔNG VIỆC", "CƠ QUAN CHỦ TRÌ", "THỜI HẠN HOÀN THÀNH"], (32.0, 230.0, 115.0, 76.0)),
    "6": (["TT", "NHIỆM VỤ", "CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP", "SẢN PHẨM", "THỜI GIAN"],
          (28.0, 140.0, 75.0, 85.0, 70.0, 55.0)),
}


def with_layout(spec: DocSpec, layout_name: str, rng: random.Random) -> DocSpec:
    """The spec's appendix table in another column layout ("4", "5" or "6" columns)."""
    if LAYOUTS[layout_name] is None:
        return spec
    columns, widths = LAYOUTS[layout_name]
    rows = []
    for kind, cells in spec.rows:
        if kind == "item":
            tt, task, lead, coord, time = cells
            cells = [tt, task, lead, time] if len(columns) == 4 else [tt, task, lead, coord, rng.choice(PRODUCTS), time]
        rows.append((kind, cells))
    spec.columns, spec.rows, spec.table_cols = columns, rows, widths
    return spec


def make_doc(out: Path, name: str, seed: int, pages: int, corpus: str | None, corpus_index: int,
             psms: list[int], dpis: list[int], layouts: list[str] | None = None,
             typed_only: bool = False) -> dict[str, object]:
    """Lay out, render, degrade and OCR one document; write its files."""
    rng = random.Random(seed)
    body = None
    content = "generated"
    if corpus:
        content, body = corpus_paragraphs(corpus, corpus_index)
        content = f"corpus:{content}"
    body_pages = max(1, pages // 2)
    spec = generate_doc(rng, body, n_rows=200 + 30 * (pages - body_pages), extra_tasks=5 * (body_pages - 1))
    spec = as_kind(spec, "plan", rng, body, extra=8 * pages)
    layout_name = rng.choice(layouts or ["5"])
    spec = with_layout(spec, layout_name, rng)
    spec, n_rows, lay = fit(spec, pages)
    psm, dpi = rng.choice(psms), rng.choice(dpis)
    level = "strong" if rng.random() < 0.25 else "mild"
    # Typed without diacritics, as a table copied out of a word processor: every cell of a row,
    # in order, on its own line (the rows of a page part as printed on that page).
    typed = "\f".join(
        "\n".join(strip_diacritics(cell) for line in page.lines for cell in line.split("\t") if cell)
        for page in lay.pages
    ) + "\n"
    _write(out / f"{name}.typed.txt", typed)
    if typed_only:
        return {"seed": seed, "typed": True}
    ocr_pages, gold_pages, kinds_all = [], [], []
    for page in lay.pages:
        img = render(page, dpi)
        noisy, skew, _ = degrade(img, level, rng)
        h, w = img.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
        unrotate = cv2.invertAffineTransform(m)
        words = ocr_words(noisy, psm, dpi)
        o, g, k = align_page(words, fragments(page.ops, dpi / 72), unrotate)
        ocr_pages.append(o)
        gold_pages.append(g)
        kinds_all.append(k)
    gt = ground_truth(spec, n_rows, lay)
    gt["line_kinds"] = kinds_all  # per page, per line
    gt["generator"] = {"tool": "scripts/data/make_legacy_docs.py", "seed": seed, "psm": psm, "dpi": dpi, "columns": layout_name,
                       "degrade": level, "content": content, "pages": len(lay.pages)}
    ocr_txt = "\f".join("\n".join(p) for p in ocr_pages) + "\n"
    gold_txt = "\f".join("\n".join(p) for p in gold_pages) + "\n"
    stripped = "\f".join("\n".join(strip_diacritics(line) for line in p) for p in gold_pages) + "\n"
    for suffix, text in ((".ocr.txt", ocr_txt), (".gold.txt", gold_txt), (".stripped.txt", stripped),
                         (".gt.json", json.dumps(gt, ensure_ascii=False, indent=1) + "\n")):
        _write(out / f"{name}{suffix}", text)
    return gt["generator"]


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the documents."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--split", choices=list(SPLIT_SEEDS), required=True)
    p.add_argument("--n", type=int, default=10)
    p.add_argument("--first", type=int, default=0, help="index of the first document in the split")
    p.add_argument("--pages", type=int, default=6, help="pages per document (about half appendix)")
    p.add_argument("--corpus", default=None, help="body prose from TEST-split documents of this corpus")
    p.add_argument("--psm", default="3,4,6")
    p.add_argument("--dpi", default="150,200,300")
    p.add_argument("--typed-only", action="store_true",
                   help="write only NAME.typed.txt (no OCR): the typed variant of documents made before")
    p.add_argument("--columns", default="5", help="appendix layouts to draw from: 4, 5 and/or 6 columns (e.g. 4,5,6)")
    args = p.parse_args(argv)
    if args.corpus and args.split == "dev" and args.first + args.n > SPLIT_CORPUS["test"]:
        p.error(f"dev documents take corpus documents 0..{SPLIT_CORPUS['test'] - 1} only (the rest are test's)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    psms = [int(v) for v in args.psm.split(",")]
    dpis = [int(v) for v in args.dpi.split(",")]
    for i in range(args.first, args.first + args.n):
        name = f"{args.split}_{i:04d}"
        info = make_doc(out, name, SPLIT_SEEDS[args.split] + i, args.pages, args.corpus,
                        SPLIT_CORPUS[args.split] + i, psms, dpis, args.columns.split(","), args.typed_only)
        print(f"{out / name}.ocr.txt  {info}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
