"""`vanban check INPUT` / `vanban check --archive DIR`: find and check every cited document."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import BadArgsError, FileAccessError, InputFileError

if TYPE_CHECKING:
    from pipeline.document import Document

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="find and check the citations of a document (or of a whole archive)",
        description="Find every cited document (Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ ...), "
        "type it and check it against the rules of NĐ 30/2020 (symbol grammar, type word vs code, year "
        "segment, dates, header number and date line, blanks, the registry of known documents). INPUT is a "
        "text file, a vanban JSON, a PDF or a page image. With --archive DIR, read the JSON outputs of a "
        "batch and report what no single document shows.",
        epilog="Exit codes: 0 checked (findings are a result, not a failure), 1 bad arguments, 2 bad input, "
        "5 file access error.",
    )
    p.add_argument("input", nargs="?", metavar="INPUT", help="a .txt, a vanban .json, a PDF or an image")
    p.add_argument("--json", metavar="OUT", help="write the report as JSON to OUT ('-' for stdout)")
    p.add_argument("--archive", metavar="DIR", help="check a folder of vanban JSON outputs as one archive")
    p.add_argument("--csv", metavar="EDGES", help="with --archive: write the citation edge list as CSV")
    p.add_argument("--registry", metavar="PATH", help="registry file to resolve symbols (default: the shipped one)")
    p.add_argument("--no-registry", action="store_true", help="do not compare dates with a registry")
    p.add_argument("--citations", action="store_true", help="also list every citation found")
    p.add_argument("--min-severity", choices=("error", "warning", "info"), default="info",
                   help="hide findings below this severity in the terminal report (default: show all)")
    p.set_defaults(run=run)


def _resolver(args: argparse.Namespace) -> Any:
    from pipeline.citations import NullResolver, default_resolver, load_registry

    if args.no_registry:
        return NullResolver()
    if args.registry:
        try:
            return load_registry(args.registry)
        except OSError as exc:
            raise FileAccessError(f"cannot read registry: {exc.strerror}", path=args.registry) from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise InputFileError(f"not a vanban registry file: {exc}", path=args.registry) from exc
    return default_resolver()


def _load_input(path: str) -> str | Document | dict[str, Any]:
    p = Path(path)
    if not p.exists():
        raise FileAccessError("no such file", path=path)
    suffix = p.suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(p.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputFileError(f"not a vanban JSON file: {exc}", path=path) from exc
        if not isinstance(data, dict):
            raise InputFileError("not a vanban JSON file (expected an object)", path=path)
        return data
    if suffix in _TEXT_SUFFIXES:
        try:
            return p.read_text("utf-8")
        except UnicodeDecodeError as exc:
            raise InputFileError("not UTF-8 text", path=path) from exc
        except OSError as exc:
            raise FileAccessError(f"cannot read: {exc.strerror}", path=path) from exc
    from pipeline.api import parse  # PDFs and page images go through the whole pipeline

    result = parse(path, {"citations": {"enabled": False}})
    # Without a document (structure failed), the text a Document's pages would have held.
    return result.document if result.document is not None else "\f".join(p.text for p in result.pages)


def _write_json(out: str, obj: Any) -> None:
    from pipeline.io import atomic_write_json

    if out == "-":
        print(json.dumps(obj, ensure_ascii=False, indent=2))
    else:
        atomic_write_json(out, obj)


def _print_report(report: Any, text: str, args: argparse.Namespace, name: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    order = ("error", "warning", "info")
    shown = [f for f in report.findings if order.index(f.severity) <= order.index(args.min_severity)]
    counts = report.counts()
    console.print(
        f"[bold]{name}[/]: number {report.document_number or '-'}, date {report.document_date or '-'}, "
        f"{len(report.cited())} citations; [red]{counts['error']} errors[/], "
        f"[yellow]{counts['warning']} warnings[/], [cyan]{counts['info']} info[/]"
    )
    if args.citations:
        t = Table(title="citations", show_lines=False)
        known = dict(report.resolved)
        for col in ("line", "type", "symbol", "date", "issuer", "form", "registry"):
            t.add_column(col)
        for i, c in enumerate(report.citations):
            reg = known.get(i)
            reg_text = f"{reg['date']} ({reg['sources']})" if reg else ""
            t.add_row(str(c.line), c.type_word or ("(own number)" if c.role == "own_number" else ""), c.symbol.text,
                      c.date.text if c.date else "", c.issuer or "", c.symbol.form, reg_text)
        console.print(t)
    if shown:
        t = Table(show_lines=False)
        for col in ("line", "severity", "rule"):
            t.add_column(col, no_wrap=True)
        for col in ("message", "excerpt"):
            t.add_column(col, overflow="fold", ratio=1)
        for f in shown:
            t.add_row(str(f.line), f"[{_SEVERITY_STYLE[f.severity]}]{f.severity}[/]", f.rule, f.message, f.excerpt)
        console.print(t)


def _run_archive(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.citations.archive import build_archive, iter_archive
    from pipeline.io import atomic_write_text

    if not os.path.isdir(args.archive):
        raise FileAccessError("not a folder", path=args.archive)
    report = build_archive(iter_archive(args.archive), resolver=_resolver(args))
    if args.json:
        _write_json(args.json, report.to_dict())
    if args.csv:
        atomic_write_text(args.csv, report.edges_csv())
    if args.json == "-":
        return 0
    console = Console(highlight=False)
    console.print(f"[bold]{args.archive}[/]: {len(report.documents)} documents, {len(report.edges)} citation edges, "
                  f"{len(report.conflicts)} symbols cited with different dates, {len(report.missing)} cited but absent")
    for c in report.conflicts:
        dates = "; ".join(f"{d} by {', '.join(s) or '-'}" for d, s in c["dates"].items())
        extra = f" (archived copy dated {', '.join(c['archived_date'])})" if c["archived_date"] else ""
        console.print(f"  [red]conflict[/] {c['symbol']}: {dates}{extra}")
    for m in report.most_cited[:10]:
        where = "in archive" if m["in_archive"] else "absent"
        console.print(f"  cited by {m['cited_by']:>3}: {m['symbol']} ({where})")
    return 0


def run(args: argparse.Namespace) -> int:
    from pipeline.citations import check_citations, document_text

    if args.archive:
        return _run_archive(args)
    if not args.input:
        raise BadArgsError("give an INPUT file or --archive DIR")
    if args.csv:
        raise BadArgsError("--csv is for --archive")
    doc = _load_input(args.input)
    report = check_citations(doc, resolver=_resolver(args))
    if args.json:
        _write_json(args.json, report.to_dict())
        if args.json == "-":
            return 0
    text, _ = document_text(doc)
    _print_report(report, text, args, args.input)
    return 0
