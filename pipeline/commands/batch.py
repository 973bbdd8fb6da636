"""`vanban batch INPUT_DIR OUTPUT_DIR`: convert a folder of scans, resumable, parallel, isolated."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from pipeline.errors import BadArgsError, ExitCode


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "batch",
        help="convert a folder of scans (PDF, PNG, JPEG, TIFF, .txt) into JSON + text",
        description="Convert every PDF, PNG, JPEG, TIFF and legacy .txt under INPUT_DIR (recursively) into "
        "NAME.json + NAME.txt (+ NAME.pdf with --pdf, ...) under OUTPUT_DIR, mirroring the tree. One line per "
        "input goes to OUTPUT_DIR/report.jsonl, one row of archive metadata per document to OUTPUT_DIR/metadata.csv. A rerun skips inputs whose outputs are complete and newer.",
        epilog=f"Exit codes: 0 every input succeeded, {int(ExitCode.partial)} some inputs failed or were read "
        "only in part (see report.jsonl), 1 bad arguments, 130 interrupted (the report is written). "
        "Error codes: docs/exit-codes.md.",
    )
    p.add_argument("input_dir", metavar="INPUT_DIR")
    p.add_argument("output_dir", metavar="OUTPUT_DIR")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="files in parallel (default: all cores)")
    p.add_argument("--timeout-per-page", type=float, default=180.0, metavar="S",
                   help="a file may take pages x S seconds (plus start-up) before its worker is killed (default 180)")
    p.add_argument("--memory-limit", type=int, default=4096, metavar="MB",
                   help="address-space limit of each worker, Tesseract included; 0 = none (default 4096)")
    p.add_argument("--force", action="store_true", help="redo inputs whose outputs are already complete")
    p.add_argument("--follow-links", action="store_true",
                   help="read inputs that are symlinks leading out of INPUT_DIR (by default they are "
                   "skipped with VB605: a link to any readable file would be published in OUTPUT_DIR)")
    p.add_argument("--pdf", action="store_true", help="also write a searchable PDF (page images + invisible text)")
    p.add_argument("--html", action="store_true", help="also write NAME.html, a review page (page images beside the text)")
    p.add_argument("--alto", action="store_true", help="also write NAME.alto.xml (ALTO 4.2: blocks, lines, words with boxes)")
    p.add_argument("--hocr", action="store_true", help="also write NAME.hocr (hOCR: the same layout as XHTML)")
    p.add_argument("--pdfa", action="store_true",
                   help="also write NAME.pdfa.pdf: PDF/A-3b with the restored text layer, XMP metadata and NAME.json attached")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress; print only a summary when some input failed")
    p.add_argument("--files-from", metavar="LIST", help="read input paths relative to INPUT_DIR from LIST "
                   "(NUL-separated if it holds a NUL, else one per line) instead of scanning INPUT_DIR")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local worker processes (default) or a Dask distributed cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--dask-in-thread", action="store_true",
                   help="Dask: run each file in the Dask worker itself instead of a fresh isolated process "
                   "(saves the ~2 s model load per file; no per-file deadline or memory limit)")
    p.set_defaults(run=run)


def _files_from(path: str) -> list[str]:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise BadArgsError(f"cannot read --files-from {path!r}: {exc.strerror}") from exc
    sep = b"\0" if b"\0" in data else b"\n"
    return [p.decode("utf-8", "surrogateescape") for p in data.split(sep) if p.strip()]


def run(args: argparse.Namespace) -> int:
    from pipeline.batch import BatchInterrupted, BatchOptions, exit_code, run_batch
    from pipeline.batch.progress import RichEvents

    opts = BatchOptions(
        jobs=args.jobs,
        timeout_per_page=args.timeout_per_page,
        memory_limit_mb=args.memory_limit,
        force=args.force,
        pdf=args.pdf,
        html=args.html,
        alto=args.alto,
        hocr=args.hocr,
        pdfa=args.pdfa,
        executor=args.executor,
        scheduler=args.scheduler,
        isolate=not args.dask_in_thread,
        follow_links=args.follow_links,
    )
    files = _files_from(args.files_from) if args.files_from else None
    try:
        if args.quiet:
            summary = run_batch(args.input_dir, args.output_dir, opts, files=files)
        else:
            with RichEvents() as events:
                summary = run_batch(args.input_dir, args.output_dir, opts, files=files, events=events)
    except BatchInterrupted as exc:
        print(exc.summary.text(), file=sys.stderr)
        raise
    code = exit_code(summary)
    if not args.quiet or code != ExitCode.ok:
        print(summary.text(), file=sys.stderr)
        if code != ExitCode.ok:
            print(f"details: {os.path.join(args.output_dir, 'report.jsonl')}", file=sys.stderr)
    return code
