"""Run the stages in order: per-page work fans out to worker processes, document work in order.

Pages are streamed: at most ``2 * jobs`` pages are in flight, so a 200-page PDF never has all its
pages rasterized at once.  Engines and models load once per worker (``_worker_state``).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from pipeline.citations import check_citations
from pipeline.errors import VanbanError
from pipeline.ingest import load_page, open_source
from pipeline.ocr import PageReader, make_engine
from pipeline.options import ParseOptions
from pipeline.procs import die_with_parent, fork_is_safe, raise_if_terminated
from pipeline.restore import Restorer
from pipeline.result import ParseResult
from pipeline.structure import build_document
from pipeline.types import (
    ErrorRecord,
    OcrPage,
    PageImage,
    PageMode,
    RestoredPage,
    SourceInfo,
    SourcePage,
    StageTiming,
    Status,
    TextLayer,
)


@dataclass(frozen=True)
class PageOutcome:
    """What one worker returns for one page."""

    page: RestoredPage
    errors: tuple[ErrorRecord, ...]
    timings: tuple[StageTiming, ...]


_worker_state: dict[str, Any] = {}


def _init_worker(options: ParseOptions, parent_pid: int | None = None) -> None:
    # A worker dies with the process that started it (SIGKILL or SIGTERM to `vanban parse` left
    # workers alive for ever, holding the caller's stdout); the parent's SIGTERM handler (the CLI
    # turns SIGTERM into an interruption) is not the worker's: SIGTERM simply ends it.
    die_with_parent(parent_pid)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # One Tesseract thread per process: on few cores its OpenMP threads make it ~3x slower.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _worker_state.clear()
    _worker_state["options"] = options


def _engines(options: ParseOptions) -> tuple[PageReader, Restorer | None]:
    """The OCR engine and restorer of this process, built on first use."""
    if _worker_state.get("options") != options or "ocr" not in _worker_state:
        # Build both before storing any: a model that fails to load must fail the same way on
        # every page, not leave a half-initialized worker behind.
        _worker_state.clear()
        engine = make_engine(options.ocr)
        restorer = Restorer(options.restore) if options.restore.enabled else None
        _worker_state.update(options=options, ocr=engine, restore=restorer)
    return _worker_state["ocr"], _worker_state["restore"]


def _record(stage: str, exc: BaseException, path: str, page_no: int | None) -> ErrorRecord:
    if isinstance(exc, VanbanError):
        return ErrorRecord(stage, exc.code, str(exc), page_no if exc.page_no is None else exc.page_no, path)
    return ErrorRecord(stage, "VB900", f"[VB900] {path}, page {page_no}: unexpected {type(exc).__name__}: {exc}", page_no, path)


def _empty_page(page_no: int) -> OcrPage:
    return OcrPage(page_no=page_no, width=0, height=0, dpi=0, lines=(), mean_confidence=0.0, engine="none")


def process_page(path: str, page_no: int, options: ParseOptions) -> PageOutcome:
    """Ingest, OCR and restore one page; failures become errors on an empty page, never raise."""
    errors: list[ErrorRecord] = []
    timings: list[StageTiming] = []
    ocr_engine, restorer = _engines(options)

    t0 = time.perf_counter()
    ocr_page: OcrPage | None = None
    try:
        source_page = load_page(path, page_no, options.ingest)
    except Exception as exc:  # noqa: BLE001 - a bad page must not stop the document
        errors.append(_record("ingest", exc, path, page_no))
        ocr_page = _empty_page(page_no)
    timings.append(StageTiming("ingest", time.perf_counter() - t0))

    image: PageImage | None = None
    if ocr_page is None:
        t0 = time.perf_counter()
        try:
            ocr_page = ocr_engine.read(source_page)
        except Exception as exc:  # noqa: BLE001
            errors.append(_record("ocr", exc, path, page_no))
            ocr_page = _empty_page(page_no)
        for note in source_page.notes:
            errors.append(ErrorRecord("ingest", "VB150", note, page_no, path))
        if options.page_images:
            image = page_image(source_page, ocr_page)
        timings.append(StageTiming("ocr", time.perf_counter() - t0))

    t0 = time.perf_counter()
    restored = RestoredPage(page=ocr_page, lines=ocr_page.lines, tables=ocr_page.tables, mode=PageMode.none)
    if restorer is not None and (ocr_page.lines or ocr_page.tables):  # a page all table has cells to restore
        try:
            restored = restorer.restore_page(ocr_page)
        except Exception as exc:  # noqa: BLE001 - keep the text as read
            errors.append(_record("restore", exc, path, page_no))
    timings.append(StageTiming("restore", time.perf_counter() - t0))
    if image is not None:
        restored = replace(restored, image=image)
    return PageOutcome(restored, tuple(errors), tuple(timings))


REVIEW_WIDTH = 1100  # pixels: wide enough to read a page beside its text, small enough to embed


def page_image(source: SourcePage, page: OcrPage, max_width: int = REVIEW_WIDTH) -> PageImage | None:
    """A JPEG of the page turned and deskewed exactly as the OCR read it (so its boxes fall on
    their words), or None when the source has no picture (a text file) or it cannot be encoded.
    Born-digital pages are rendered by ingest like scans, so they have one too."""
    if source.image is None or page.width <= 0:
        return None
    import cv2  # heavy; only needed when page images are asked for

    from pipeline.ocr.debug import page_view

    try:
        img = page_view(source.image, page)
        h, w = img.shape[:2]
        if w > max_width:
            img = cv2.resize(img, (max_width, round(h * max_width / w)), interpolation=cv2.INTER_AREA)
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 70])
    except (cv2.error, ValueError):  # a page we cannot show is shown as "no image"
        return None
    return PageImage(buf.tobytes(), int(img.shape[1]), int(img.shape[0])) if ok else None


def _pages_serial(path: str, numbers: list[int], options: ParseOptions) -> Iterator[PageOutcome]:
    for n in numbers:
        yield process_page(path, n, options)


def _pages_parallel(path: str, numbers: list[int], options: ParseOptions) -> Iterator[PageOutcome]:
    jobs = min(options.jobs, len(numbers)) or 1
    # fork on Linux: forkserver/spawn re-import the caller's __main__, which breaks any script
    # that calls pipeline.parse() without an `if __name__ == "__main__"` guard.  But a fork after
    # the caller ran OpenMP on several threads (torch) hangs the workers: a fresh server then.
    mode = "spawn" if not sys.platform.startswith("linux") else "fork" if fork_is_safe() else "forkserver"
    ctx = multiprocessing.get_context(mode)
    if mode == "forkserver":
        multiprocessing.set_forkserver_preload(["pipeline.runner"])  # the stages imported once, not per worker
    before = {p.pid for p in multiprocessing.active_children()}
    # A worker's parent is the fork server there, not this process: it dies with that server.
    parent = None if mode == "forkserver" else os.getpid()
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(options, parent))
    try:
        window = 2 * jobs
        pending: list[Future[PageOutcome]] = []
        queue = iter(numbers)
        for n in queue:
            pending.append(pool.submit(process_page, path, n, options))
            if len(pending) >= window:
                break
        while pending:
            outcome = pending.pop(0).result()
            raise_if_terminated()  # a SIGTERM swallowed while a worker was forked
            yield outcome
            nxt = next(queue, None)
            if nxt is not None:
                pending.append(pool.submit(process_page, path, nxt, options))
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, the caller dropping the pages): waiting for the pages in
        # flight could take minutes, so the workers are killed, not waited for.
        _kill_workers(pool, before)
        raise
    pool.shutdown(wait=True)


@dataclass(frozen=True)
class PageExecutor:
    """The pages of one file, serially or on a process pool: an ``Executor[int, PageOutcome]``."""

    path: str
    options: ParseOptions
    parallel: bool = False

    def run(self, numbers: Iterable[int]) -> Iterator[PageOutcome]:
        return (_pages_parallel if self.parallel else _pages_serial)(self.path, list(numbers), self.options)


def _kill_workers(pool: ProcessPoolExecutor, before: set[int | None]) -> None:
    # Every child started since the pool was made: an interruption while the pool was forking can
    # leave a worker out of its own table, and the interpreter's exit would then wait for it.
    procs = list((getattr(pool, "_processes", None) or {}).values())
    known = {p.pid for p in procs}
    procs += [p for p in multiprocessing.active_children() if p.pid not in before and p.pid not in known]
    for proc in procs:
        try:
            proc.kill()
        except (OSError, ValueError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        try:
            proc.join(5)
        except (OSError, ValueError, AttributeError, AssertionError):
            pass


def _error_class(code: str) -> type[VanbanError]:
    """The VanbanError subclass whose stable code is ``code`` (VanbanError when none is)."""
    found: type[VanbanError] = VanbanError
    todo: list[type[VanbanError]] = [VanbanError]
    while todo:
        cls = todo.pop()
        if cls.code == code and found is VanbanError:
            found = cls
        todo.extend(cls.__subclasses__())
    return found


ProgressFn = Callable[[int, int], None]


def run(
    path: str | os.PathLike[str],
    options: ParseOptions,
    *,
    raises: bool = True,
    progress: ProgressFn | None = None,
) -> ParseResult:
    """Parse one input file through all stages; see ``pipeline.parse``."""
    path = os.fspath(path)
    errors: list[ErrorRecord] = []
    timings: list[StageTiming] = []

    t0 = time.perf_counter()
    try:
        info: SourceInfo = open_source(path, options.ingest)
    except VanbanError as exc:
        if raises:
            raise
        return ParseResult(Status.failure, None, errors=(_record("ingest", exc, path, None),))
    timings.append(StageTiming("ingest", time.perf_counter() - t0))

    numbers = list(range(1, info.pages + 1))
    serial = options.executor == "serial" or options.jobs == 1 or len(numbers) == 1
    if serial:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    outcomes = PageExecutor(path, options, parallel=not serial).run(numbers)
    pages: list[RestoredPage] = []
    for outcome in outcomes:
        pages.append(outcome.page)
        errors.extend(outcome.errors)
        timings.extend(outcome.timings)
        if progress is not None:
            progress(len(pages), len(numbers))

    document = None
    if options.structure.enabled:
        t0 = time.perf_counter()
        try:
            document = build_document(pages, info, options.structure)
        except Exception as exc:  # noqa: BLE001
            errors.append(_record("structure", exc, path, None))
        timings.append(StageTiming("structure", time.perf_counter() - t0))

    report = None
    if options.citations.enabled:
        t0 = time.perf_counter()
        try:
            report = check_citations(document if document is not None else "\n".join(p.text for p in pages))
        except Exception as exc:  # noqa: BLE001
            errors.append(_record("citations", exc, path, None))
        timings.append(StageTiming("citations", time.perf_counter() - t0))

    read_any = any(p.lines for p in pages)
    real_errors = [e for e in errors if e.code != "VB150"]  # VB150 is a note, not a failure
    if not real_errors:
        status = Status.success
    elif read_any:
        status = Status.partial_success
    else:
        status = Status.failure
    result = ParseResult(status, info, tuple(pages), document, report, tuple(errors), tuple(timings))
    if raises and status is Status.failure and real_errors:
        first = real_errors[0]
        # Re-raise as the class that owns the code, so the CLI exits with that class's code.
        message = first.message.removeprefix(f"[{first.code}] ").rstrip(". ")
        raise _error_class(first.code)(message, path=None, code=first.code, hint="")
    return result


__all__ = ["run", "process_page", "PageOutcome", "TextLayer"]
