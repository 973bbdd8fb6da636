"""OCR engine fakes for unit tests, as OCRmyPDF's test plugins (tesseract_noop, tesseract_crash,
tesseract_cache): each is a ``pipeline.ocr.PageReader``, installed with ``pipeline.ocr.use_engine``
(see the ``fake_engine`` fixture in tests/ocr/conftest.py).  The real engine (Tesseract) is for the
integration tests.

- ``NoopEngine``: reads nothing (an empty page of the right size), instantly.
- ``CrashingEngine``: fails on the pages named (all by default) with the exception given.
- ``RecordedEngine``: replays what the real engine read before, from a recording made by
  ``RecordingEngine`` (tests/ocr/recordings/; ``python tests/ocr/engine_fakes.py`` remakes them).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import OcrError
from pipeline.ocr import PageReader
from pipeline.options import OcrOptions
from pipeline.types import Line, OcrPage, SourcePage, Table, TableCell, TextLayer, Word

RECORDINGS = Path(__file__).resolve().parent / "recordings"
SAMPLE_SCAN = Path(__file__).resolve().parents[2] / "data" / "raw" / "sample_scan.pdf"


@dataclass
class NoopEngine:
    """An engine that finds no text on any page (and counts the pages it was given)."""

    options: OcrOptions = field(default_factory=OcrOptions)
    pages: list[int] = field(default_factory=list)

    def read(self, page: SourcePage) -> OcrPage:
        self.pages.append(page.page_no)
        return OcrPage(page.page_no, page.width, page.height, page.dpi, (), text_layer=page.text_layer,
                       mean_confidence=0.0, engine="noop")


@dataclass
class CrashingEngine:
    """An engine that raises ``make_error(page)`` on the pages in ``on_pages`` (None: every page);
    the other pages go to ``rest`` (a ``NoopEngine`` by default)."""

    make_error: Callable[[SourcePage], BaseException] = field(
        default=lambda p: OcrError("the engine crashed (fake)", path=p.path, page_no=p.page_no))
    on_pages: Collection[int] | None = None
    rest: PageReader = field(default_factory=NoopEngine)

    def read(self, page: SourcePage) -> OcrPage:
        if self.on_pages is None or page.page_no in self.on_pages:
            raise self.make_error(page)
        return self.rest.read(page)


def page_to_dict(page: OcrPage) -> dict[str, Any]:
    return asdict(page)


def _line(d: dict[str, Any]) -> Line:
    words = tuple(Word(w["text"], tuple(w["bbox"]), w["confidence"]) for w in d["words"])  # type: ignore[arg-type]
    bbox = tuple(d["bbox"]) if d["bbox"] is not None else None
    return Line(d["text"], bbox, words, d["confidence"], d["block_no"])  # type: ignore[arg-type]


def page_from_dict(d: dict[str, Any]) -> OcrPage:
    tables = tuple(
        Table(tuple(t["bbox"]), t["n_rows"], t["n_cols"], tuple(  # type: ignore[arg-type]
            TableCell(c["row"], c["col"], c["text"], tuple(c["bbox"]), c["row_span"], c["col_span"],  # type: ignore[arg-type]
                      c["confidence"], tuple(_line(x) for x in c["lines"]))
            for c in t["cells"]))
        for t in d["tables"])
    return OcrPage(d["page_no"], d["width"], d["height"], d["dpi"], tuple(_line(x) for x in d["lines"]), tables,
                   TextLayer(d["text_layer"]), d["rotation"], d["skew"], d["mean_confidence"], d["engine"])


def recording_path(source: str | os.PathLike[str]) -> Path:
    return RECORDINGS / (Path(source).name + ".json.gz")


@dataclass
class RecordedEngine:
    """Replays the recorded pages of an input (by file name and page number); a page that was not
    recorded is an ``OcrError``.  Recordings hold what the real engine read with default options."""

    options: OcrOptions = field(default_factory=OcrOptions)
    _cache: dict[str, dict[str, Any]] = field(default_factory=dict)

    def read(self, page: SourcePage) -> OcrPage:
        name = Path(page.path).name
        if name not in self._cache:
            path = recording_path(page.path)
            self._cache[name] = json.loads(gzip.decompress(path.read_bytes())) if path.is_file() else {}
        recorded = self._cache[name].get(str(page.page_no))
        if recorded is None:
            raise OcrError(f"no recorded OCR for page {page.page_no} of {name}", path=page.path, page_no=page.page_no)
        return page_from_dict(recorded)


@dataclass
class RecordingEngine:
    """Wraps a real engine and keeps what it read, for ``save`` to write as a recording."""

    inner: PageReader
    pages: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def read(self, page: SourcePage) -> OcrPage:
        out = self.inner.read(page)
        self.pages.setdefault(page.path, {})[str(page.page_no)] = page_to_dict(out)
        return out

    def save(self) -> list[Path]:
        written = []
        for source, pages in self.pages.items():
            path = recording_path(source)
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(dict(sorted(pages.items(), key=lambda kv: int(kv[0]))), ensure_ascii=False, sort_keys=True)
            path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
            written.append(path)
        return written


def record(source: str | os.PathLike[str] = SAMPLE_SCAN) -> list[Path]:
    """Read ``source`` with the real engine (default options, serial) and write its recording."""
    from pipeline import parse, runner
    from pipeline.ocr import OcrEngine, use_engine

    recorder: list[RecordingEngine] = []

    def factory(options: OcrOptions) -> PageReader:
        recorder.append(RecordingEngine(OcrEngine(options)))
        return recorder[-1]

    runner._worker_state.clear()
    with use_engine(factory):
        parse(str(source), {"jobs": 1, "executor": "serial", "restore": {"enabled": False}})
    runner._worker_state.clear()
    return recorder[-1].save()


if __name__ == "__main__":
    for written in record(*sys.argv[1:2]):
        print("wrote", written)
