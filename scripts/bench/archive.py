"""Archive outputs benchmark (issue 18): the OCRmyPDF plugin, PDF/A text, ALTO/hOCR boxes, metadata.

    nice -n 10 python -m scripts.bench.archive [--out work/bench_archive] [--docs 3] [--pages 2] [--seed 100]

Inputs: the bundled sample data/raw/sample_scan.pdf and ``--docs`` synthetic scans from
scripts/data/make_scans.py (kinds in turn; mild degradation, the last one strong, with a page turned 90°).
For every input, on one core each:

* ``vanban parse`` (library call, restoration on): CER of its text against the ground truth;
* ``ocrmypdf --plugin pipeline.ocrmypdf_plugin -l vie -j 1 --sidecar``: CER of the sidecar, whether
  it equals vanban's text, and wall time against plain ``ocrmypdf -l vie -j 1 --sidecar`` on the same file;
* ``--pdfa``: ``pdftotext`` of the PDF/A against the restored text (share of words, as a multiset);
* metadata: the ``metadata`` block against the same mapping applied to the ground-truth header,
  signature and first page (exact match per field, whitespace-normalised);
* ALTO word boxes, against where the words are on the page image as it comes in (rendered at
  vanban's DPI).  Generated scans: the generator's undegraded twin of each page (same render) is
  read by plain Tesseract, which cuts clean print into words reliably, and each word's ink is
  carried through the degradation the generator applied (its skew rotation, its 90-degree turn)
  (``truth_words``).  The bundled sample has no such truth: its reference is what plain Tesseract
  (``vie``) finds on the page image (``tesseract_words``), which is also given for every input as
  the earlier reference (on a strongly degraded scan it finds speckle "words", cuts words
  differently and boxes the marks of the next line: a noisy reference, not a truth).  A reference
  word counts when some ALTO ``String`` overlaps it with IoU >= 0.7; words whose best box is a word
  of a text line and of a table cell (read cell by cell) are counted apart.
  (The born-digital twins of the scans do not serve: their letter widths differ from the
  renderer's, so their words drift by up to ~20 px along a line.)

``--seed`` picks the generated set (seeds seed..seed+docs-1): 200 for development, 100 (the
default) for the reported figures.

``--in-turn`` makes the scans as the dev sets of the metadata work were made (seed S mild when even,
strong with a page turned when odd, kind ``KINDS[S % 3]``; no sample), and ``--quick`` scores only
the PDF/A text and the metadata:

    nice -n 5 python -m scripts.bench.archive --out work/arch216 --docs 20 --seed 216 --in-turn --quick

Prints markdown tables.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from pipeline.archive_metadata import from_fields
from pipeline.document import Header, Signature
from pipeline.export.alto import NS
from pipeline.export.outputs import OutputPaths, write_outputs
from pipeline.result import page_text
from scripts.lib.textcmp import cer, norm

ROOT = Path(__file__).resolve().parents[2]

FIELDS = ("doc_type", "number", "symbol", "issue_date", "issuer", "summary", "page_count", "information_marks",
          "signer", "signer_title")


def run(cmd: list[str]) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {done.stderr[-800:]}")
    return time.perf_counter() - t0


def gt_metadata(gt: dict[str, Any]) -> dict[str, Any]:
    header = Header.from_dict(gt.get("header") or {})
    sig = Signature.from_dict(gt["signature"]) if gt.get("signature") else None
    first = (gt.get("pages") or [{}])[0].get("text", "")
    return from_fields(header, sig, int(gt["source"]["pages"]), first).to_dict()


def same(a: Any, b: Any) -> bool:
    return norm(str(a)) == norm(str(b)) if isinstance(a, str) and isinstance(b, str) else a == b


def iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def tesseract_words(pdf: Path, dpi: int, turned: list[int]) -> list[list[tuple[int, int, int, int]]]:
    """Per page: the word boxes plain Tesseract finds on the page image as it comes in, rendered at
    ``dpi`` as vanban renders it.  A page the generator turned ``turned[i]`` degrees clockwise is
    read upright (Tesseract reads sideways text as junk) and its boxes are turned back."""
    import pypdfium2 as pdfium
    import pytesseract

    from pipeline.export.layout import source_mapper

    out = []
    doc = pdfium.PdfDocument(str(pdf))
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72.0).to_pil().convert("L")
        turn = turned[i] % 360 if i < len(turned) else 0
        if turn:
            img = img.rotate(turn, expand=True)  # counter-clockwise: upright again
        d = pytesseract.image_to_data(img, lang="vie", output_type=pytesseract.Output.DICT)
        boxes = [(d["left"][k], d["top"][k], d["left"][k] + d["width"][k], d["top"][k] + d["height"][k])
                 for k in range(len(d["text"])) if d["text"][k].strip() and float(d["conf"][k]) > 0]
        if turn:  # read after turning (360 - turn) degrees clockwise: map back as vanban does
            f, _, _ = source_mapper(360 - turn, 0.0, img.width, img.height)
            boxes = [f(b) for b in boxes]
        out.append(boxes)
    doc.close()
    return out


def truth_words(clean_pdf: Path, dpi: int, meta: list[dict[str, Any]]) -> list[list[tuple[int, int, int, int]]]:  # noqa: C901
    """Per page: the words where the generator put them on the degraded page image, at ``dpi``.

    The generator's undegraded twin of each page (``make_scan(clean=True)``: the same render, no
    noise, no skew, never turned) is read by plain Tesseract, which cuts clean print into words
    reliably; each word's ink pixels are then carried through the degradation the generator applied
    (rotated ``skew`` degrees counter-clockwise about the page centre, then turned ``rotated``
    degrees clockwise) and boxed.  So the reference boxes are where the words are on the page as it
    comes in, not a second noisy reading of it."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium
    import pytesseract

    out = []
    doc = pdfium.PdfDocument(str(clean_pdf))
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72.0).to_pil().convert("L")
        ink = np.asarray(img) < 128
        h, w = ink.shape
        page = meta[i] if i < len(meta) else {}
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(page.get("skew", 0.0)), 1.0)  # as scans.degrade
        turn = int(page.get("rotated", 0)) % 360
        d = pytesseract.image_to_data(img, lang="vie", output_type=pytesseract.Output.DICT)
        boxes = []
        printed = page.get("text", "")
        for k in range(len(d["text"])):
            # a word the generator printed (not a table rule read as "|" or "—")
            if not d["text"][k].strip() or float(d["conf"][k]) <= 0 or d["text"][k].strip() not in printed:
                continue
            x0, y0 = d["left"][k], d["top"][k]
            ys, xs = np.nonzero(ink[y0:y0 + d["height"][k], x0:x0 + d["width"][k]])
            if not len(xs):
                continue
            # the corners of every ink pixel, moved as the page was
            px = np.concatenate([xs + x0, xs + x0 + 1, xs + x0, xs + x0 + 1]).astype(np.float64)
            py = np.concatenate([ys + y0, ys + y0, ys + y0 + 1, ys + y0 + 1]).astype(np.float64)
            u, v = m[0, 0] * px + m[0, 1] * py + m[0, 2], m[1, 0] * px + m[1, 1] * py + m[1, 2]
            for _ in range(turn // 90):  # 90 degrees clockwise: (x, y) -> (height - y, x)
                u, v = h - v, u
                h, w = w, h
            boxes.append((int(round(u.min())), int(round(v.min())), int(round(u.max())), int(round(v.max()))))
            h, w = ink.shape
        out.append(boxes)
    doc.close()
    return out


def alto_words(path: Path) -> list[list[tuple[tuple[int, int, int, int], bool]]]:
    """Per page: (String box, whether it is a word of a table cell)."""
    pages = []
    for page in ET.parse(path).getroot().iter(f"{{{NS}}}Page"):
        words = []
        for s in page.iter(f"{{{NS}}}String"):
            x, y, w, h = (int(s.get(k, "0")) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
            words.append(((x, y, x + w, y + h), "_T" in (s.get("ID") or "")))
        pages.append(words)
    return pages


def box_scores(reference: list[list[tuple[int, int, int, int]]], alto: Path) -> tuple[int, int, int, int]:
    """(reference words whose best ALTO box is a text line's word and overlaps with IoU >= 0.7, such
    words; the same for words of table cells)."""
    hits = {False: 0, True: 0}
    totals = {False: 0, True: 0}
    for ref, ours in zip(reference, alto_words(alto), strict=False):
        for box in ref:
            best, kind = 0.0, False
            for pbox, est in ours:
                v = iou(box, pbox)
                if v > best:
                    best, kind = v, est
            totals[kind] += 1
            hits[kind] += best >= 0.7
    return hits[False], totals[False], hits[True], totals[True]


def bench(name: str, pdf: Path, gt_txt: Path, gt_json: Path, clean: Path | None, out: Path, quick: bool = False) -> dict[str, Any]:
    import pipeline

    row: dict[str, Any] = {"input": name}
    t0 = time.perf_counter()
    result = pipeline.parse(str(pdf), {"jobs": 1, "executor": "serial"})
    row["parse_s"] = time.perf_counter() - t0
    text = "\f".join(page_text(p) for p in result.pages)
    gold = gt_txt.read_text(encoding="utf-8")
    row["cer_vanban"] = cer(text, gold)
    paths = OutputPaths(json=str(out / f"{name}.json"), pdfa=str(out / f"{name}.pdfa.pdf"), alto=str(out / f"{name}.alto.xml"),
                        hocr=str(out / f"{name}.hocr"))
    t0 = time.perf_counter()
    write_outputs(result, str(pdf), paths)
    row["outputs_s"] = time.perf_counter() - t0
    extracted = subprocess.run(["pdftotext", paths.pdfa or "", "-"], capture_output=True, text=True, check=True).stdout
    want, got = collections.Counter(text.split()), collections.Counter(extracted.split())
    row["pdftotext_words"] = 1 - sum((want - got).values()) / max(1, sum(want.values()))
    row["pdftotext_equal"] = want == got
    if quick:  # PDF/A text and metadata only
        gt = json.loads(gt_json.read_text(encoding="utf-8"))
        got_meta, want_meta = result.document.to_dict()["metadata"], gt_metadata(gt)
        row["meta_right"] = [f for f in FIELDS if same(got_meta[f], want_meta[f])]
        row["meta_wrong"] = {f: (got_meta[f], want_meta[f]) for f in FIELDS if not same(got_meta[f], want_meta[f])}
        return row
    # the plugin and plain OCRmyPDF on the same file, one page at a time
    side, plain_side = out / f"{name}.plugin.txt", out / f"{name}.plain.txt"
    row["plugin_s"] = run([sys.executable, "-m", "ocrmypdf", "--plugin", "pipeline.ocrmypdf_plugin", "-l", "vie", "-j", "1",
                           "-q", "--sidecar", str(side), str(pdf), str(out / f"{name}.plugin.pdf")])
    row["plain_s"] = run([sys.executable, "-m", "ocrmypdf", "-l", "vie", "-j", "1", "-q", "--sidecar", str(plain_side),
                          str(pdf), str(out / f"{name}.plain.pdf")])
    plugin_text = side.read_text(encoding="utf-8")
    row["cer_plugin"] = cer(plugin_text, gold)
    row["cer_plain"] = cer(plain_side.read_text(encoding="utf-8"), gold)
    row["plugin_equal"] = norm(plugin_text) == norm(text)
    # metadata against the ground truth
    gt = json.loads(gt_json.read_text(encoding="utf-8"))
    got_meta, want_meta = result.document.to_dict()["metadata"], gt_metadata(gt)
    row["meta_right"] = [f for f in FIELDS if same(got_meta[f], want_meta[f])]
    row["meta_wrong"] = {f: (got_meta[f], want_meta[f]) for f in FIELDS if not same(got_meta[f], want_meta[f])}
    turned = [int(p.get("rotated", 0)) for p in gt.get("pages", [])]
    dpi = result.pages[0].page.dpi or 300
    tess = tesseract_words(pdf, dpi, turned)
    row["boxes_tess"] = box_scores(tess, Path(paths.alto or ""))
    row["boxes"] = box_scores(truth_words(clean, dpi, gt["pages"]), Path(paths.alto or "")) if clean else row["boxes_tess"]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=None, help="work folder (default: a temporary one)")
    ap.add_argument("--docs", type=int, default=3, help="generated scans besides the bundled sample")
    ap.add_argument("--pages", type=int, default=2)
    ap.add_argument("--seed", type=int, default=100, help="seed of the first generated scan (the next ones count up)")
    ap.add_argument("--in-turn", action="store_true",
                    help="the dev sets' scans: seed S is mild when even, strong (a page turned) when odd, kind KINDS[S %% 3]; no sample")
    ap.add_argument("--quick", action="store_true", help="PDF/A text and metadata only (no OCRmyPDF runs, no box scores)")
    args = ap.parse_args()
    from scripts.lib.scans import KINDS, make_scan

    out = Path(args.out or tempfile.mkdtemp(prefix="bench_archive-"))
    out.mkdir(parents=True, exist_ok=True)
    raw = ROOT / "data" / "raw"
    inputs: list[tuple[str, Path, Path, Path, Path | None]] = [
        ("sample_scan", raw / "sample_scan.pdf", raw / "sample_scan.gt.txt", raw / "sample_scan.gt.json", None)]
    if args.in_turn:
        inputs = []
    for i in range(args.docs):
        level = "strong" if i == args.docs - 1 and args.docs > 1 else "mild"  # the last one strong: skew, maybe a turned page
        kind = KINDS[i % len(KINDS)]
        if args.in_turn:
            level, kind = ("mild", "strong")[(args.seed + i) % 2], KINDS[(args.seed + i) % len(KINDS)]
        f = make_scan(out / "scans", f"gen{i + 1}", seed=args.seed + i, pages=args.pages, degrade_level=level,
                      kind=kind, rotate90=level == "strong", clean=not args.quick)
        inputs.append((f"gen{i + 1}-{level}", f.pdf, f.gt_txt, f.gt_json, f.clean_pdf))
    rows = [bench(*item, out=out, quick=args.quick) for item in inputs]
    if args.quick:
        print("| input | pdftotext of PDF/A: restored words found | identical word multiset | metadata fields right | wrong |")
        print("|---|--:|:-:|--:|---|")
        for r in rows:
            wrong = "; ".join(f"{k}: {v[0]!r} ≠ {v[1]!r}" for k, v in r["meta_wrong"].items()) or "—"
            print(f"| {r['input']} | {100 * r['pdftotext_words']:.2f} % | {'yes' if r['pdftotext_equal'] else 'no'} "
                  f"| {len(r['meta_right'])}/{len(FIELDS)} | {wrong} |")
        print(f"| all | | {sum(r['pdftotext_equal'] for r in rows)}/{len(rows)} "
              f"| {sum(len(r['meta_right']) for r in rows)}/{len(FIELDS) * len(rows)} | |")
        return

    print("| input | CER vanban parse | CER plugin (sidecar) | sidecar = parse text | CER plain OCRmyPDF | plugin s | plain s | ratio |")
    print("|---|--:|--:|:-:|--:|--:|--:|--:|")
    for r in rows:
        print(f"| {r['input']} | {100 * r['cer_vanban']:.2f} % | {100 * r['cer_plugin']:.2f} % | {'yes' if r['plugin_equal'] else 'no'} "
              f"| {100 * r['cer_plain']:.2f} % | {r['plugin_s']:.1f} | {r['plain_s']:.1f} | {r['plugin_s'] / r['plain_s']:.2f}× |")
    tp, tq = sum(r["plugin_s"] for r in rows), sum(r["plain_s"] for r in rows)
    print(f"| all | | | {sum(r['plugin_equal'] for r in rows)}/{len(rows)} | | {tp:.1f} | {tq:.1f} | {tp / tq:.2f}× |")
    print()
    print("| input | pdftotext of PDF/A: restored words found | identical word multiset | outputs s (ALTO+hOCR+PDF/A+JSON) | metadata fields right | wrong |")
    print("|---|--:|:-:|--:|--:|---|")
    for r in rows:
        wrong = "; ".join(f"{k}: {v[0]!r} ≠ {v[1]!r}" for k, v in r["meta_wrong"].items()) or "—"
        print(f"| {r['input']} | {100 * r['pdftotext_words']:.2f} % | {'yes' if r['pdftotext_equal'] else 'no'} | {r['outputs_s']:.2f} "
              f"| {len(r['meta_right'])}/{len(FIELDS)} | {wrong} |")
    print()
    print("| input | reference | words of text lines: IoU ≥ 0.7 | words of table cells: IoU ≥ 0.7 | all words "
          "| all words against plain Tesseract's reading |")
    print("|---|---|--:|--:|--:|--:|")
    agg, tagg = [0, 0, 0, 0], [0, 0]
    for r in rows:
        if "boxes" not in r:
            continue
        a, b, c, d = r["boxes"]
        agg = [agg[0] + a, agg[1] + b, agg[2] + c, agg[3] + d]
        ta, tb, tc, td = r["boxes_tess"]
        tagg = [tagg[0] + ta + tc, tagg[1] + tb + td]
        ref = "generator" if r["boxes"] is not r["boxes_tess"] else "plain Tesseract"
        print(f"| {r['input']} | {ref} | {a}/{b} = {100 * a / max(1, b):.1f} % | {c}/{d} = {100 * c / max(1, d):.1f} % "
              f"| {100 * (a + c) / max(1, b + d):.1f} % | {100 * (ta + tc) / max(1, tb + td):.1f} % |")
    a, b, c, d = agg
    print(f"| all | | {a}/{b} = {100 * a / max(1, b):.1f} % | {c}/{d} = {100 * c / max(1, d):.1f} % | {100 * (a + c) / max(1, b + d):.1f} % "
          f"| {100 * tagg[0] / max(1, tagg[1]):.1f} % |")


if __name__ == "__main__":
    main()
