"""`vanban restore [--model fast|accurate] [--mode ...] [INPUT] [-o OUTPUT]`: restore a text file.

Reads UTF-8 text (stdin by default) and writes the restored text with exactly the same lines:
line i of the output restores line i of the input (the LM context still runs across lines).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pipeline.errors import ExitCode, FileAccessError, InputFileError
from pipeline.io import atomic_write_text


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "restore",
        help="restore Vietnamese diacritics (or OCR garble) in a text file",
        description="Restore Vietnamese text typed without diacritics or garbled by OCR; "
        "keeps every line, number, symbol, URL and the case of each word.",
    )
    p.add_argument("input", nargs="?", default="-", help="UTF-8 text file (default: stdin)")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout); written atomically")
    p.add_argument("--model", choices=("fast", "accurate"), default="fast", help="fast n-gram LM (default) or neural")
    p.add_argument(
        "--mode",
        choices=("auto", "stripped", "ocr-eng", "ocr-vie"),
        default="auto",
        help="kind of input: missing diacritics, English-model OCR garble, Vietnamese OCR errors, or auto",
    )
    p.set_defaults(run=run)


def _read(path: str) -> str:
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except FileNotFoundError as exc:
        raise FileAccessError(f"{path} does not exist", path=path) from exc
    except OSError as exc:
        raise FileAccessError(f"cannot read {path}: {exc.strerror}", path=path) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"not UTF-8 text (byte {exc.start})", path=None if path == "-" else path) from exc


def run(args: argparse.Namespace) -> int:
    from pipeline.restore import restore

    text = _read(args.input)
    result = restore(text, model=args.model, mode=args.mode)
    out = result.text
    if out.count("\n") != text.count("\n"):  # the line contract: never ship a shifted file
        raise InputFileError("restoration changed the number of lines", path=None if args.input == "-" else args.input)
    if args.output == "-":
        sys.stdout.write(out)
        sys.stdout.flush()
    else:
        atomic_write_text(args.output, out)
    return ExitCode.ok
