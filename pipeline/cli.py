"""The ``vanban`` command line.  The only place where exceptions become exit codes.

Exit codes (documented in README): 0 ok, 1 bad arguments, 2 bad input file, 3 missing dependency
(Tesseract, a language pack, a model), 4 output not writable, 5 file access error, 7 OCR engine
failure, 8 encrypted PDF, 9 invalid option value, 10 partial success (some pages or files failed),
15 other error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pipeline.errors import ExitCode, VanbanError

# Each subcommand lives in pipeline/commands/<name>.py with add_parser(sub) and run(args) -> int.
COMMANDS: tuple[str, ...] = ("parse", "restore", "check", "batch", "eval")


def build_parser() -> argparse.ArgumentParser:
    from pipeline import __version__

    parser = argparse.ArgumentParser(
        prog="vanban",
        description="Scanned Vietnamese administrative documents to correct text and JSON.",
        epilog="Exit codes: 0 ok, 1 bad args, 2 bad input, 3 missing dependency, 4 bad output, "
        "5 file access, 7 OCR engine, 8 encrypted PDF, 9 bad option, 10 partial, 15 other, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"vanban {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"pipeline.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pipeline.commands.{name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage; our code for that is 1
        return ExitCode.ok if exc.code == 0 else ExitCode.bad_args
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return ExitCode.bad_args
    try:
        return int(args.run(args))
    except VanbanError as exc:
        print(f"vanban: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("vanban: interrupted", file=sys.stderr)
        return ExitCode.ctrl_c
    except BrokenPipeError:
        return ExitCode.ok


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
