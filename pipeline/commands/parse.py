"""`vanban parse INPUT --json OUT.json [--text OUT.txt]`: one document to JSON and text.

Exit codes (pipeline/errors.py ExitCode): 0 every page read; 10 partial (some pages failed: the
outputs are written and the JSON lists the errors); 2 bad input, 3 missing Tesseract or language
pack, 4 output not writable, 7 every page failed in OCR, 8 encrypted PDF, 9 bad option value.
Outputs are written atomically and only when at least one page was read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from pipeline.errors import BadArgsError, ExitCode
from pipeline.io import atomic_save_all, atomic_write_json, atomic_write_text
from pipeline.options import ParseOptions
from pipeline.types import RestoredPage, Status


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "parse",
        help="read one scanned or born-digital document into JSON (and text)",
        description="Read a scanned or born-digital PDF, a page image (PNG/JPEG/TIFF) or a legacy "
        "OCR .txt file: OCR, restore the Vietnamese text, parse the structure, check citations.",
        epilog="Exit codes: 0 ok, 2 bad input, 3 missing dependency, 4 bad output, 7 OCR failed, "
        "8 encrypted PDF, 9 bad option, 10 partial (some pages failed; outputs still written).",
    )
    p.add_argument("input", help="PDF, PNG, JPEG, TIFF or UTF-8 .txt file")
    p.add_argument("--json", dest="json_out", required=True, metavar="OUT.json", help="write the document JSON here")
    p.add_argument("--text", dest="text_out", metavar="OUT.txt", help="also write the plain text (pages split by form feeds)")
    p.add_argument("--html", dest="html_out", metavar="OUT.html",
                   help="also write a review page: page images beside the restored text (self-contained)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--lang", default="vie", help="Tesseract languages, e.g. vie or vie+eng (default: vie)")
    p.add_argument("--timeout-per-page", type=float, default=180.0, metavar="S",
                   help="seconds of OCR per page before it is kept empty with an error (default: 180)")
    p.add_argument("--no-restore", action="store_true", help="keep the OCR text as read (no diacritic restoration)")
    p.add_argument("--model", choices=("fast", "accurate"), default="fast", help="restoration model (default: fast)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary on stderr")
    p.set_defaults(run=run)


def build_options(args: argparse.Namespace) -> ParseOptions:
    """ParseOptions from the command line (validated; a bad value raises InvalidConfigError)."""
    data: dict[str, Any] = {
        "ocr": {"lang": args.lang, "timeout_per_page": args.timeout_per_page},
        "restore": {"enabled": not args.no_restore, "model": args.model},
    }
    if args.jobs is not None:
        if args.jobs < 1:
            raise BadArgsError(f"--jobs must be at least 1, not {args.jobs}")
        data["jobs"] = args.jobs
    return ParseOptions.from_dict(data)


def run(args: argparse.Namespace) -> int:
    from pipeline.api import parse  # the runner loads every stage: only when the command runs

    options = build_options(args)
    if args.quiet or not sys.stderr:
        result = parse(args.input, options, raises=True)
    else:
        result = _parse_with_progress(parse, args.input, options)
    # All outputs or none: a --text that cannot be written must not leave a fresh JSON behind.
    saves: list[tuple[str, Callable[[str], None]]] = [(args.json_out, lambda tmp: atomic_write_json(tmp, result.to_dict()))]
    if args.text_out:
        text = "\f".join(page_text(p) for p in result.pages) + "\n"
        saves.append((args.text_out, lambda tmp: atomic_write_text(tmp, text)))
    if getattr(args, "html_out", None):
        from pipeline.review import write_review

        saves.append((args.html_out, lambda tmp: write_review(tmp, result, args.input, options.ingest)))
    atomic_save_all(saves)
    if not args.quiet:
        for err in result.errors:
            print(f"vanban: {err.message}", file=sys.stderr)
        pages = len(result.pages)
        print(f"vanban: {result.status.value}: {pages} page(s) -> {args.json_out}", file=sys.stderr)
    return int(ExitCode.ok if result.status is Status.success else ExitCode.partial)


def page_text(page: RestoredPage) -> str:
    """A page's lines and table rows top to bottom; a row is its cells joined by tabs."""
    items: list[tuple[int, int, str]] = []
    y = 0
    for i, line in enumerate(page.lines):
        y = line.bbox[1] if line.bbox else y  # a line without a box stays after the one before it
        items.append((y, i, line.text))
    for table in page.tables:
        for r in range(table.n_rows):
            cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
            if cells:
                row = "\t".join(" ".join(c.text.split()) for c in cells)
                items.append((cells[0].bbox[1], len(items), row))
    if all(line.bbox is None for line in page.lines) and not page.tables:
        return page.text  # text-only sources keep their order
    return "\n".join(text for _, _, text in sorted(items))


def _parse_with_progress(parse: Any, source: str, options: ParseOptions) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn("[bold]parse[/] {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(source, total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return parse(source, options, raises=True, progress=progress)
