"""`vanban restore [--model fast|accurate] [--mode ...] [INPUT] [-o OUTPUT]`: restore a text file.

Reads UTF-8 text, or UTF-16/32 with a byte-order mark (stdin by default), and writes UTF-8 text
with exactly the same lines: line i of the output restores line i of the input (the LM context
still runs across lines).  The text is streamed: memory stays bounded whatever the size of the
file or of its lines, and the output is written as it is restored.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from pipeline.errors import ExitCode, FileAccessError, InputFileError
from pipeline.ingest.text import bom_encoding, encoding_error
from pipeline.io import atomic_save
from pipeline.types import RestoreMode, RestoreModel


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "restore",
        help="restore Vietnamese diacritics (or OCR garble) in a text file",
        description="Restore Vietnamese text typed without diacritics or garbled by OCR; "
        "keeps every line, number, symbol, URL and the case of each word.",
    )
    p.add_argument("input", nargs="?", default="-", help="UTF-8 text file (default: stdin)")
    p.add_argument("-o", "--output", default="-", help="output file (default: stdout); written atomically")
    p.add_argument("--model", choices=[m.value for m in RestoreModel], default=RestoreModel.fast.value,
                   help="fast n-gram LM (default) or neural")
    p.add_argument(
        "--mode",
        choices=[m.value for m in RestoreMode],
        default=RestoreMode.auto.value,
        help="kind of input: missing diacritics, English-model OCR garble, Vietnamese OCR errors, or auto",
    )
    p.set_defaults(run=run)


BLOCK = 1 << 20  # bytes read at a time: the input is never held whole


def _fragments(f: BinaryIO, label: str | None) -> Iterator[str]:
    """The text of ``f`` decoded a block at a time (fragments cut anywhere)."""
    head = f.read(4)
    enc = bom_encoding(head)
    decoder = codecs.getincrementaldecoder(enc)(errors="strict")
    offset = 0
    data = head
    while True:
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise encoding_error(enc, offset + exc.start, label) from exc
        if text:
            yield text
        if not data:
            return
        offset += len(data)
        # read1: what a pipe holds now, so that output flows while the input is still coming
        data = f.read1(BLOCK) if hasattr(f, "read1") else f.read(BLOCK)


def _open(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    try:
        if os.path.isdir(path):
            raise FileAccessError(f"{path} is a folder, not a text file", path=path)
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise FileAccessError(f"{path} does not exist", path=path) from exc
    except OSError as exc:
        raise FileAccessError(f"cannot read {path}: {exc.strerror}", path=path) from exc


def _check_encoding(path: str) -> None:
    """Decode a file once before writing anything, so a bad byte never leaves half an output."""
    with _open(path) as f:
        for _ in _fragments(f, path):
            pass


def run(args: argparse.Namespace) -> int:
    from pipeline.restore.api import restore_iter

    label = None if args.input == "-" else args.input
    if label is not None:
        _check_encoding(args.input)  # stdin cannot be read twice: there a bad byte stops the output
    src = _open(args.input)
    lines_in = lines_out = 0

    def counted() -> Iterator[str]:
        nonlocal lines_in
        try:
            for frag in _fragments(src, label):
                lines_in += frag.count("\n")
                yield frag
        except OSError as exc:
            raise FileAccessError(f"cannot read {args.input}: {exc.strerror}", path=label) from exc

    def write(out: TextIO) -> None:
        nonlocal lines_out
        for piece in restore_iter(counted(), model=RestoreModel(args.model), mode=RestoreMode(args.mode)):
            lines_out += piece.count("\n")
            out.write(piece)
        if lines_out != lines_in:  # the line contract: never ship a shifted file
            raise InputFileError("restoration changed the number of lines", path=label)

    try:
        if args.output == "-":
            write(sys.stdout)
            sys.stdout.flush()
        else:

            def save(tmp: str) -> None:
                with open(tmp, "w", encoding="utf-8", newline="") as f:
                    write(f)
                    f.flush()
                    os.fsync(f.fileno())

            atomic_save(args.output, save)
    finally:
        if src is not sys.stdin.buffer:
            src.close()
    return ExitCode.ok
