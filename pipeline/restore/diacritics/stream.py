"""Restoration in bounded memory for texts of any size: a stream in, a stream out.

The decoders hold a whole text at once (lattices, token lists), so a 5 MB line or a 50 MB file
would need gigabytes.  Here the text is cut into *pieces* and the pieces into *chunks*:

* a line is one piece, unless it is longer than ``MAX_PIECE`` characters: then it is cut at
  whitespace (the whitespace at a cut is kept verbatim); a run of more than ``MAX_TOKEN``
  non-space characters is no word of any language and is kept verbatim, never decoded;
* pieces are decoded ``CHUNK`` characters at a time, joined by newlines (line breaks do not reset
  the LM context, so a cut line reads as it did whole), with up to ``CONTEXT_LINES`` pieces
  (``CONTEXT_CHARS`` characters) of the neighbouring chunks on each side as context; the
  context's own output is dropped;
* output comes out as soon as a chunk is decoded, in order, and has exactly the input's lines.

A text that is one chunk with no long line or token is decoded exactly as before, in one piece.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.errors import RestoreError
from pipeline.types import Token

MAX_TOKEN = 256  # longer non-space runs are kept verbatim (the longest LM word has 16 letters)
MAX_PIECE = 4_000  # longer lines are cut at whitespace
CHUNK = 20_000  # characters decoded together (cut after a sentence end once reached)
HARD_CHUNK = 40_000  # cut here even without a sentence end
QUEUE_MAX = 1_000_000  # characters waiting for output before the pending pieces are decoded
CONTEXT_LINES = 2
CONTEXT_CHARS = 300  # a 4-gram LM needs a few words; more only costs time

_RUN = re.compile(r"\s+|\S+")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")

Decode = Callable[[str], tuple[str, Sequence[Token]]]
Kind = Literal["r", "v", "n"]  # restorable piece, verbatim text, line break


def needs_streaming(text: str) -> bool:
    """True when ``text`` is too large for one decoding (size, a long line or a long token)."""
    if len(text) > CHUNK or _LONG_TOKEN.search(text):
        return True
    return any(len(line) > MAX_PIECE for line in text.split("\n")) if len(text) > MAX_PIECE else False


@dataclass
class _Item:
    kind: Kind
    text: str
    out: str | None = None  # restored text of an "r" item once decoded
    tokens: tuple[Token, ...] = ()


class _Segmenter:
    """Turns text fragments (cut anywhere) into r / v / n items; every line gets one r item."""

    def __init__(self) -> None:
        self.carry = ""  # the unfinished run at the end of the last fragment
        self.pending: list[str] = []  # runs of the current restorable piece
        self.size = 0
        self.line_has_r = False
        self.in_long = False  # inside a long token that continues across fragments
        self.at_cut = False  # whitespace here belongs to a cut: kept verbatim

    def feed(self, fragment: str, final: bool = False) -> Iterator[_Item]:
        text = self.carry + fragment
        self.carry = ""
        start = 0
        while True:
            nl = text.find("\n", start)
            if nl < 0:
                yield from self._line(text[start:], ended=final)
                if final:
                    yield from self._end_line()
                return
            yield from self._line(text[start:nl], ended=True)
            yield from self._end_line()
            yield _Item("n", "\n")
            start = nl + 1

    def _flush(self) -> Iterator[_Item]:
        yield _Item("r", "".join(self.pending))
        self.pending, self.size, self.line_has_r = [], 0, True

    def _end_line(self) -> Iterator[_Item]:
        if self.pending or not self.line_has_r:
            yield from self._flush()
        self.line_has_r = self.in_long = self.at_cut = False

    def _line(self, text: str, ended: bool) -> Iterator[_Item]:
        if not self.pending and not self.in_long and ended and len(text) <= MAX_PIECE and not _LONG_TOKEN.search(text):
            self.pending, self.size = [text], len(text)  # the common case: the line is one piece
            return
        for m in _RUN.finditer(text):
            run = m.group()
            last = not ended and m.end() == len(text)
            if run[0].isspace():
                self.in_long = False
                if last:
                    self.carry = run
                elif self.at_cut:
                    yield _Item("v", run)
                else:
                    self.pending.append(run)
                    self.size += len(run)
                continue
            if self.in_long or len(run) > MAX_TOKEN:
                # A long token: verbatim, with the whitespace around it, so that the restorable
                # pieces on either side keep their own edges.  (A shorter run at the end of a
                # fragment waits in ``carry`` for the rest of it.)
                if not self.in_long and self.pending:
                    body = "".join(self.pending)
                    core = body.rstrip()
                    self.pending, self.size = [core], len(core)
                    yield from self._flush()
                    if len(body) > len(core):
                        yield _Item("v", body[len(core) :])
                yield _Item("v", run)
                self.in_long = last
                self.at_cut = True
                continue
            if last:
                self.carry = run
                continue
            self.at_cut = False
            self.pending.append(run)
            self.size += len(run)
            if self.size >= MAX_PIECE:
                yield from self._flush()
                self.at_cut = True


def _is_boundary(piece: str) -> bool:
    body = piece.rstrip()
    return not body or body[-1] in ".;:!?…"


def _head(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text.rfind(" ", 0, CONTEXT_CHARS)
    return text[: cut if cut > 0 else CONTEXT_CHARS]


def _tail(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text.find(" ", len(text) - CONTEXT_CHARS)
    return text[cut + 1 if cut >= 0 else len(text) - CONTEXT_CHARS :]


def _context(pieces: Sequence[str], left: bool) -> list[str]:
    out: list[str] = []
    size = 0
    seq = reversed(pieces) if left else iter(pieces)
    for p in seq:
        if len(out) == CONTEXT_LINES or size >= CONTEXT_CHARS:
            break
        p = _tail(p) if left else _head(p)
        out.append(p)
        size += len(p)
    return out[::-1] if left else out


class _Chunker:
    """Decodes r items a chunk at a time and releases items, in order, once they are final."""

    def __init__(self, decode: Decode) -> None:
        self.decode = decode
        self.queue: deque[_Item] = deque()
        self.todo: list[_Item] = []  # r items not yet decoded, in order
        self.queued_chars = 0
        self.left: list[str] = []  # input text of the last decoded pieces (left context)

    def add(self, item: _Item) -> Iterator[_Item]:
        self.queue.append(item)
        self.queued_chars += len(item.text)
        if item.kind == "r":
            self.todo.append(item)
        self._decode_ready(final=False)
        yield from self._release()

    def finish(self) -> Iterator[_Item]:
        self._decode_ready(final=True)
        yield from self._release()

    def _cut(self, final: bool) -> int:
        """How many todo items to decode now (0: wait for more)."""
        size = 0
        crowded = self.queued_chars >= QUEUE_MAX  # verbatim text piling up behind the pieces
        for i, it in enumerate(self.todo):
            size += len(it.text)
            if size >= HARD_CHUNK or (size >= CHUNK and _is_boundary(it.text)):
                # Decode up to here once the right context has arrived.
                return i + 1 if final or crowded or len(self.todo) > i + CONTEXT_LINES else 0
        return len(self.todo) if final or crowded else 0

    def _decode_ready(self, final: bool) -> None:
        while self.todo:
            n = self._cut(final)
            if n == 0:
                return
            self._decode(n)

    def _decode(self, n: int) -> None:
        items, rest = self.todo[:n], self.todo[n:]
        left = _context(self.left, left=True)
        right = _context([it.text for it in rest], left=False)
        pieces = [*left, *(it.text for it in items), *right]
        text = "\n".join(pieces)
        out, tokens = self.decode(text)
        lines = out.split("\n")
        if len(lines) != len(pieces):
            raise RestoreError("restoration changed the number of lines")
        starts = [0]
        for ln in lines[:-1]:
            starts.append(starts[-1] + len(ln) + 1)
        per_line: list[list[Token]] = [[] for _ in lines]
        for t in tokens:
            k = bisect_right(starts, t.start) - 1
            s = starts[k]
            per_line[k].append(Token(t.text, t.original, t.start - s, t.end - s, t.confidence, t.changed))
        for j, it in enumerate(items):
            it.out = lines[len(left) + j]
            it.tokens = tuple(per_line[len(left) + j])
        self.left = [it.text for it in items[-CONTEXT_LINES:]]
        self.todo = rest

    def _release(self) -> Iterator[_Item]:
        while self.queue and (self.queue[0].kind != "r" or self.queue[0].out is not None):
            it = self.queue.popleft()
            self.queued_chars -= len(it.text)
            yield it


def restore_stream(fragments: Iterable[str], decode: Decode) -> Iterator[tuple[str, tuple[Token, ...]]]:
    """Restore a text given as fragments (cut anywhere) with ``decode`` (one mode, one model).

    Yields (output text, its tokens with spans relative to that text) in order; the outputs
    joined are the restored text, with exactly the input's line breaks.
    """
    seg = _Segmenter()
    chunker = _Chunker(decode)

    def items() -> Iterator[_Item]:
        for frag in fragments:
            yield from seg.feed(frag)
        yield from seg.feed("", final=True)

    def emit(it: _Item) -> tuple[str, tuple[Token, ...]]:
        return (it.out if it.kind == "r" and it.out is not None else it.text), it.tokens

    for item in items():
        for done in chunker.add(item):
            yield emit(done)
    for done in chunker.finish():
        yield emit(done)
