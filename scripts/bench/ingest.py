"""Ingest benchmark: generation and page-load speed, streaming memory, text-layer verdicts on real PDFs.

    python -m scripts.bench.ingest [--real ../shared/real-scans] [--pages 100] [--dpi 300]

Prints markdown tables (kept in docs/bench/ingest.md).  Memory is the peak RSS of a child
process that opens a synthetic PDF and loads every page in turn, as one worker does.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline import ingest
from pipeline.options import IngestOptions
from scripts.lib.scans import make_scan

ROOT = Path(__file__).resolve().parents[2]

STREAM = """
import time
from pipeline import ingest
from pipeline.options import IngestOptions
opts = IngestOptions(dpi={dpi})
t0 = time.perf_counter()
info = ingest.open_source({path!r}, opts)
t1 = time.perf_counter()
for n in range(1, info.pages + 1):
    page = ingest.load_page({path!r}, n, opts)
t2 = time.perf_counter()
# VmHWM, not ru_maxrss: ru_maxrss keeps the parent's peak across fork+exec.
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(info.pages, t1 - t0, (t2 - t1) / info.pages, hwm / 1024)
"""


def _timed(fn: Any, *a: Any, **kw: Any) -> tuple[float, Any]:
    t0 = time.process_time()
    out = fn(*a, **kw)
    return time.process_time() - t0, out


def bench_generation(tmp: Path) -> list[str]:
    rows = ["| what | pages | DPI | CPU s | MB |", "|---|---:|---:|---:|---:|"]
    for name, pages, dpi, level in [("test fixture", 2, 150, "mild"), ("sample_scan", 3, 200, "mild"),
                                    ("strong", 4, 150, "strong"), ("clean 300 DPI", 3, 300, "none")]:
        cpu, files = _timed(make_scan, tmp / "gen", name.replace(" ", "_"), seed=10, pages=pages, dpi=dpi, degrade_level=level)
        rows.append(f"| {name} ({level}) | {pages} | {dpi} | {cpu:.2f} | {files.pdf.stat().st_size / 1e6:.2f} |")
    return rows


def bench_stream(tmp: Path, pages: int, dpi: int) -> list[str]:
    src = make_scan(tmp / "big", "big", seed=5, pages=pages, dpi=150, degrade_level="mild").pdf
    digital = make_scan(tmp / "big", "dig", seed=5, pages=min(pages, 20), dpi=100, degrade_level="none", born_digital=True).digital_pdf
    rows = ["| input | pages | open_source s | wall s / page (load_page) | peak RSS MB |", "|---|---:|---:|---:|---:|"]
    for label, path in [(f"image-only synthetic, rendered at {dpi} DPI", src), (f"born-digital (text layer), {dpi} DPI", digital)]:
        out = subprocess.run([sys.executable, "-c", STREAM.format(dpi=dpi, path=str(path))],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        n, t_open, t_page, rss = int(out[0]), float(out[1]), float(out[2]), float(out[3])
        rows.append(f"| {label} | {n} | {t_open:.3f} | {t_page:.3f} | {rss:.0f} |")
    return rows


def bench_real(real: Path) -> list[str]:
    rows = ["| file | pages | verdicts (real / absent / garbage) | notes |", "|---|---:|---|---|"]
    opts = IngestOptions(dpi=72)
    for path in sorted(real.rglob("*.pdf")):
        try:
            info = ingest.open_source(path, opts)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            rows.append(f"| {path.name} | - | error {type(exc).__name__} | |")
            continue
        verdicts: Counter[str] = Counter()
        notes: set[str] = set()
        for n in range(1, info.pages + 1):
            page = ingest.load_page(path, n, opts)
            verdicts[page.text_layer.value] += 1
            notes.update(note.split(": ", 2)[-1].split(" (")[0] for note in page.notes)
        v = " / ".join(str(verdicts.get(k, 0)) for k in ("real", "absent", "garbage"))
        rows.append(f"| {path.parent.name[:28]}/{path.name[:40]} | {info.pages} | {v} | {'; '.join(sorted(notes))[:90]} |")
    return rows


def bench_pairs(path: Path, max_pages: int = 400, lines_per_page: int = 35) -> list[str]:
    """Score page-sized chunks of true text and of English-model OCR of it (a broken OCR layer)."""
    import json
    import lzma

    from pipeline.ingest.pdf import REAL_MIN_SCORE, SCANNED_MIN_SCORE
    from pipeline.ingest.quality import text_quality

    chunks: dict[str, list[tuple[str, str]]] = {}
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            chunks.setdefault(f"{p['source']}/{p['doc']}", []).append((p["gold"], p["ocr_eng"]))
            if len(chunks) > max_pages:
                break
    gold, ocr = [], []
    for pairs in list(chunks.values())[:max_pages]:
        for i in range(0, len(pairs), lines_per_page):
            part = pairs[i : i + lines_per_page]
            if len(part) >= 5:
                gold.append(text_quality("\n".join(g for g, _ in part)).score)
                ocr.append(text_quality("\n".join(o for _, o in part)).score)
    rows = ["| text | chunks | min | median | max | kept as real at 0.75 (visible layer) | at 0.90 (layer over a scan) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for label, scores in (("true Vietnamese (gold)", gold), ("`tesseract -l eng` OCR of it", ocr)):
        srt = sorted(scores)
        real75 = sum(s >= REAL_MIN_SCORE for s in scores) / len(scores)
        real90 = sum(s >= SCANNED_MIN_SCORE for s in scores) / len(scores)
        rows.append(f"| {label} | {len(scores)} | {srt[0]:.3f} | {srt[len(srt) // 2]:.3f} | {srt[-1]:.3f} | "
                    f"{100 * real75:.1f} % | {100 * real90:.1f} % |")
    return rows


def main() -> int:
    """Run the benchmarks and print the tables."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--real", default="../shared/real-scans", help="folder of real PDFs (skipped if missing)")
    p.add_argument("--pairs", default="../shared/ocr-pairs/pairs.jsonl.xz", help="OCR line pairs (skipped if missing)")
    p.add_argument("--pages", type=int, default=100, help="pages of the streaming test PDF")
    p.add_argument("--dpi", type=int, default=300, help="render DPI for the streaming test")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        print("### make_scans generation (CPU seconds, one process)\n")
        print("\n".join(bench_generation(tmp)))
        print(f"\n### Streaming ingest ({args.pages}-page PDF, one process, pages loaded one by one)\n")
        print("\n".join(bench_stream(tmp, args.pages, args.dpi)))
    real = Path(args.real)
    if real.is_dir():
        print("\n### Text-layer verdicts on real PDFs\n")
        print("\n".join(bench_real(real)))
    pairs = Path(args.pairs)
    if pairs.is_file():
        print("\n### Text-layer quality score: true text vs a broken (English-model) OCR layer, page-sized chunks\n")
        print("\n".join(bench_pairs(pairs)))
    print(f"\n(peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
