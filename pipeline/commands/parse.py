"""`vanban parse INPUT --json OUT.json [--text T] [--html H] [--alto A] [--hocr H] [--pdfa P]`: one document.

Exit codes (pipeline/errors.py ExitCode): 0 every page read; 10 partial (some pages failed: the
outputs are written and the JSON lists the errors); 2 bad input, 3 missing Tesseract or language
pack, 4 output not writable, 7 every page failed in OCR, 8 encrypted PDF, 9 bad option value.
Outputs are written atomically, all or none, and only when at least one page was read.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pipeline.errors import BadArgsError, ExitCode
from pipeline.export.outputs import OutputPaths, write_outputs
from pipeline.options import ParseOptions
from pipeline.types import RestoreModel, Status


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
    p.add_argument("--alto", dest="alto_out", metavar="OUT.xml",
                   help="also write ALTO 4.2 XML: blocks, lines, words with boxes and confidences (restored CONTENT, OCR reading as ALTERNATIVE)")
    p.add_argument("--hocr", dest="hocr_out", metavar="OUT.hocr", help="also write hOCR (XHTML): the same layout as --alto")
    p.add_argument("--pdfa", dest="pdfa_out", metavar="OUT.pdf",
                   help="also write PDF/A: the page images, the restored text invisible on top, the archives' metadata in XMP, "
                   "the document JSON attached (PDF/A-3b; --pdfa-part 2 gives PDF/A-2b without the attachment)")
    p.add_argument("--pdfa-part", type=int, choices=(2, 3), default=3, help="PDF/A part of --pdfa (default: 3)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--lang", default="vie", help="Tesseract languages, e.g. vie or vie+eng (default: vie)")
    p.add_argument("--timeout-per-page", type=float, default=180.0, metavar="S",
                   help="seconds of OCR per page before it is kept empty with an error (default: 180)")
    p.add_argument("--no-restore", action="store_true", help="keep the OCR text as read (no diacritic restoration)")
    p.add_argument("--model", choices=[m.value for m in RestoreModel], default=RestoreModel.fast.value,
                   help="restoration model (default: fast)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary on stderr")
    p.set_defaults(run=run)


def build_options(args: argparse.Namespace) -> ParseOptions:
    """ParseOptions from the command line (validated; a bad value raises InvalidConfigError)."""
    data: dict[str, Any] = {
        "ocr": {"lang": args.lang, "timeout_per_page": args.timeout_per_page},
        "restore": {"enabled": not args.no_restore, "model": RestoreModel(args.model)},
        # The review page shows each page as read: the workers keep a small JPEG of it.
        "page_images": bool(getattr(args, "html_out", None)),
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
    layout_outputs = [f"--{n}" for n in ("alto", "hocr", "pdfa") if getattr(args, f"{n}_out", None)]
    if layout_outputs and result.source is not None and result.source.kind == "text":
        raise BadArgsError(f"{', '.join(layout_outputs)} need{'s' if len(layout_outputs) == 1 else ''} page images; {args.input} is a text file (nothing was written)")
    review = None
    if getattr(args, "html_out", None):
        from pipeline.review import write_review

        def review(path: str) -> None:
            write_review(path, result)

    paths = OutputPaths(json=args.json_out, text=args.text_out, html=getattr(args, "html_out", None),
                        alto=getattr(args, "alto_out", None), hocr=getattr(args, "hocr_out", None),
                        pdfa=getattr(args, "pdfa_out", None), pdfa_part=getattr(args, "pdfa_part", 3))
    text = result.text + "\n"
    write_outputs(result, args.input, paths, text=text, review=review)
    if not args.quiet:
        for err in result.errors:
            print(f"vanban: {err.message}", file=sys.stderr)
        pages = len(result.pages)
        print(f"vanban: {result.status.value}: {pages} page(s) -> {args.json_out}", file=sys.stderr)
    return int(ExitCode.ok if result.status is Status.success else ExitCode.partial)


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
