"""Synthetic scans of Vietnamese administrative documents (Nghị định 30/2020 layout) with ground truth.

    python -m scripts.data.make_scans --out work/scans --n 3 --seed 1 [--pages 3] [--dpi 200]
        [--degrade none|mild|strong] [--kind plan|congvan|party|mix] [--rotate90] [--clean] [--born-digital]
        [--corpus ../shared/corpus | --text FILE] [--name STEM] [--cell-symbols]

Writes NAME.pdf (image-only), NAME.gt.txt and NAME.gt.json for each document (see
scripts/lib/scans.py for what each holds).  Body text is generated from seeded templates, or
taken from TEST-split corpus documents (``--corpus``) or a UTF-8 text file (``--text``).
"""

from __future__ import annotations

import argparse
import sys
import time

from scripts.lib.scans import KINDS, LEVELS, make_scan


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and write the scans."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--n", type=int, default=1, help="number of documents")
    p.add_argument("--seed", type=int, default=1, help="seed of the first document (then seed+1, ...)")
    p.add_argument("--pages", type=int, default=3, help="pages per document (body ~half, appendix table the rest)")
    p.add_argument("--dpi", type=int, default=None, help="scan resolution (default: drawn from 150-300 by level)")
    p.add_argument("--degrade", choices=list(LEVELS), default="mild")
    p.add_argument("--kind", choices=[*KINDS, "mix"], default="plan",
                   help="plan (kế hoạch-like, with appendix table), congvan (V/v, Kính gửi), party, or mix by seed")
    p.add_argument("--rotate90", action="store_true", help="turn one page by 90 degrees")
    p.add_argument("--clean", action="store_true", help="also write NAME.clean.pdf, undegraded")
    p.add_argument("--born-digital", action="store_true", help="also write NAME.digital.pdf with a text layer")
    p.add_argument("--corpus", default=None, help="take body text from TEST-split documents of this corpus")
    p.add_argument("--text", default=None, help="take body text from this UTF-8 file (one paragraph a line)")
    p.add_argument("--cell-symbols", action="store_true",
                   help="task cells of the appendix table cite documents by symbol (47/NQ-CP, 57-KL/TW)")
    p.add_argument("--prefix", default="scan", help="file name prefix (files are PREFIX_SEED.*)")
    p.add_argument("--name", default=None, help="exact file name stem (only with --n 1)")
    args = p.parse_args(argv)
    if not 1 <= args.pages <= 500 or not 1 <= args.n <= 10000:
        p.error("--pages must be 1..500 and --n 1..10000")
    if args.dpi is not None and not 72 <= args.dpi <= 600:
        p.error("--dpi must be 72..600")
    if args.name and args.n != 1:
        p.error("--name needs --n 1")
    for i in range(args.n):
        t0 = time.perf_counter()
        seed = args.seed + i
        name = args.name or f"{args.prefix}_{seed:04d}"
        files = make_scan(
            args.out, name, seed=seed, pages=args.pages, dpi=args.dpi, degrade_level=args.degrade,
            rotate90=True if args.rotate90 else None, clean=args.clean, born_digital=args.born_digital,
            corpus=args.corpus, corpus_index=i, text_file=args.text, kind=args.kind,
            cell_symbols=args.cell_symbols,
        )
        size = files.pdf.stat().st_size / 1e6
        print(f"{files.pdf}  {size:.2f} MB  {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
