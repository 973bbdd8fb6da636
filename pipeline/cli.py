"""The ``vanban`` command line.  The only place where exceptions become exit codes.

Exit codes (documented in README): 0 ok, 1 bad arguments, 2 bad input file, 3 missing dependency
(Tesseract, a language pack, a model), 4 output not writable, 5 file access error, 7 OCR engine
failure, 8 encrypted PDF, 9 invalid option value, 10 partial success (some pages or files failed),
15 other error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from pipeline.errors import ExitCode, VanbanError
from pipeline.procs import Terminated, sigterm_as_interrupt

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
        importlib.import_module(f"pipeline.commands.{name}").add_parser(sub)
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
        with sigterm_as_interrupt():  # timeout, systemd, docker stop: stop as cleanly as on Ctrl-C
            return int(args.run(args))
    except VanbanError as exc:
        print(f"vanban: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt as exc:
        how = " (SIGTERM)" if isinstance(exc, Terminated) else ""
        print(f"vanban: interrupted{how}", file=sys.stderr)
        return ExitCode.ctrl_c
    except BrokenPipeError:
        return ExitCode.ok
    except MemoryError:
        print("vanban: [VB900] out of memory. Please report this with the input file attached.", file=sys.stderr)
        return ExitCode.other_error
    except Exception as exc:  # noqa: BLE001 - the catch-all: a message and exit 15, never a traceback
        print(f"vanban: [VB900] unexpected {type(exc).__name__}: {exc}. "
              "Please report this with the input file attached.", file=sys.stderr)
        if os.environ.get("VANBAN_DEBUG"):
            traceback.print_exc()
        return ExitCode.other_error


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
