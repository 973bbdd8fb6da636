"""The per-file work of a batch, run in an isolated worker process (or on a Dask worker).

``process_file`` parses one input with ``pipeline.parse`` and writes its outputs atomically, all or
none, .json renamed last, so that a .json on disk means the other outputs of that input are complete.  It returns
one report line (a small record), never the document, so nothing large crosses process boundaries.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.batch.discover import output_path
from pipeline.batch.errors import MemoryLimitError
from pipeline.batch.report import ReportLine
from pipeline.errors import VanbanError

NOTE_CODES = frozenset({"VB150"})  # notes, not failures (see pipeline.runner)


@dataclass(frozen=True)
class FileTask:
    """Everything a worker needs for one input; pickles small."""

    index: int
    src: str
    rel: str
    out_rel: str
    kind: str
    output_dir: str
    want_pdf: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    want_html: bool = False
    want_alto: bool = False
    want_hocr: bool = False
    want_pdfa: bool = False


def outputs_for(task: FileTask) -> dict[str, str]:
    """Output paths of an input by role; a .txt input has no page images, hence no PDF, PDF/A, ALTO or hOCR."""
    outs = {"txt": output_path(task.output_dir, task.out_rel, ".txt")}
    if task.want_pdf and task.kind != "text":
        outs["pdf"] = output_path(task.output_dir, task.out_rel, ".pdf")
    if task.want_html:
        outs["html"] = output_path(task.output_dir, task.out_rel, ".html")
    if task.kind != "text":  # the layout formats need page images, as the PDF does
        if task.want_alto:
            outs["alto"] = output_path(task.output_dir, task.out_rel, ".alto.xml")
        if task.want_hocr:
            outs["hocr"] = output_path(task.output_dir, task.out_rel, ".hocr")
        if task.want_pdfa:
            outs["pdfa"] = output_path(task.output_dir, task.out_rel, ".pdfa.pdf")
    outs["json"] = output_path(task.output_dir, task.out_rel, ".json")  # written last: the commit mark
    return outs


def failure_line(task: FileTask, exc: VanbanError | BaseException, seconds: float = 0.0) -> ReportLine:
    """A report line for an input that produced no output."""
    code = exc.code if isinstance(exc, VanbanError) else "VB900"
    message = str(exc) if isinstance(exc, VanbanError) else f"[VB900] {task.rel}: unexpected {type(exc).__name__}: {exc}"
    return ReportLine(task.rel, "failure", code, message, pages=0, seconds=round(seconds, 3), mean_confidence=None,
                      findings=0, errors=1, outputs={})


def _first_error(errors: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    real = [e for e in errors if e["code"] not in NOTE_CODES]
    if not real:
        return None, None
    for e in real:  # a worker that ran out of memory under its rlimit is a memory blow-up, say so
        if "MemoryError" in e["message"]:
            return MemoryLimitError.code, e["message"]
    return real[0]["code"], real[0]["message"]


def process_file(task: FileTask, progress: Callable[[int, int], None] | None = None) -> ReportLine:
    """Parse one input, write NAME.txt (+ .pdf, .pdfa.pdf, .alto.xml, .hocr, .html) + NAME.json, all or none."""
    from pipeline.api import parse  # late: the parent process never loads the stages

    t0 = time.perf_counter()
    try:
        outs = outputs_for(task)
        options = {**task.options, "page_images": True} if "html" in outs else task.options  # the review page's images
        result = parse(task.src, options, raises=False, progress=progress)
    except MemoryError:
        return failure_line(task, MemoryLimitError("out of memory while parsing", path=task.rel), time.perf_counter() - t0)
    except VanbanError as exc:
        return failure_line(task, exc, time.perf_counter() - t0)
    doc = result.to_dict()
    timings = doc.pop("timings", {})  # outputs must be byte-identical across reruns: timings go to the report
    errors = doc.get("errors", [])
    code, message = _first_error(errors)
    pages = len(result.pages)
    read = [p.page.mean_confidence for p in result.pages if p.lines]
    line = ReportLine(
        task.rel,
        result.status.value,
        code,
        message,
        pages=pages,
        seconds=0.0,
        mean_confidence=round(sum(read) / len(read), 4) if read else None,
        findings=len((doc.get("citations") or {}).get("findings") or []),
        errors=sum(1 for e in errors if e["code"] not in NOTE_CODES),
        timings=timings,
        outputs={},
    )
    if result.status.value != "failure":
        try:
            from pipeline.export.outputs import OutputPaths, write_outputs

            review = None
            if "html" in outs:
                from pipeline.review import write_review

                def review(path: str) -> None:
                    write_review(path, result)

            paths = OutputPaths(json=outs["json"], text=outs["txt"], html=outs.get("html"), pdf=outs.get("pdf"),
                                pdfa=outs.get("pdfa"), alto=outs.get("alto"), hocr=outs.get("hocr"))
            write_outputs(result, task.src, paths, document=doc, text=result.text + "\n", review=review)
        except MemoryError:
            return failure_line(task, MemoryLimitError("out of memory while writing outputs", path=task.rel), time.perf_counter() - t0)
        except VanbanError as exc:
            return replace(failure_line(task, exc, time.perf_counter() - t0), pages=pages)
        line = replace(line, outputs={role: os.path.relpath(p, task.output_dir) for role, p in outs.items()})
    return replace(line, seconds=round(time.perf_counter() - t0, 3))


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (inherited by Tesseract), so a bomb fails here, not the host."""
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds through atomic writes, which delete their temp file


def _die_with_parent() -> None:
    """Linux: get SIGKILL when the batch process dies (kill -9), so no orphan keeps writing."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# The per-file work: a report line (a plain dict is accepted too: test fakes, older callers).
WorkFn = Callable[[FileTask, Callable[[int, int], None]], "ReportLine | dict[str, Any]"]


def worker_main(conn: Any, memory_limit_mb: int, work: WorkFn | None = None) -> None:
    """Worker process loop: receive FileTask, send ("page", done, total)... then ("done", line)."""
    _die_with_parent()
    work = work or process_file
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _terminate)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per worker, as OCRmyPDF does
    limit_memory(memory_limit_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return

        def progress(done: int, total: int) -> None:
            conn.send(("page", done, total))

        t0 = time.perf_counter()
        line: ReportLine | dict[str, Any]
        try:
            line = work(task, progress)
        except MemoryError:
            line = failure_line(task, MemoryLimitError("out of memory", path=task.rel), time.perf_counter() - t0)
        except Exception as exc:  # noqa: BLE001 - one bad file must not kill the worker
            line = failure_line(task, exc, time.perf_counter() - t0)
        # High-water mark of this worker so far (and of its Tesseract children): memory per file.
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        record = line if isinstance(line, ReportLine) else ReportLine.from_dict(line)
        record = replace(record, worker_peak_mb=round(peak / 1024, 1))
        try:  # a plain JSON object on the wire: the parent rebuilds the record
            conn.send(("done", json.loads(json.dumps(record.to_dict(), default=str))))
        except (BrokenPipeError, OSError):
            sys.exit(0)
