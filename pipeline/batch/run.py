"""``run_batch``: discover inputs, skip finished ones, fan the rest out, write report and summary."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.batch.discover import InputItem, plan, walk
from pipeline.batch.errors import OutsideInputError, UnsafePathError
from pipeline.batch.report import (
    Report,
    ReportLine,
    Summary,
    read_report,
    remove_stale_temps,
    summarize,
)
from pipeline.batch.worker import FileTask, failure_line, outputs_for
from pipeline.errors import BadArgsError, ExitCode, InvalidConfigError, OutputError, VanbanError
from pipeline.procs import Executor

EXECUTORS = ("local", "serial", "dask")
# An executor, or the bound ``run`` of one (``runner=pool.run``).
Runner = Executor[FileTask, ReportLine] | Callable[[Iterator[FileTask]], Iterable[ReportLine]]


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; see ``vanban batch --help``."""

    jobs: int = 1
    timeout_per_page: float = 180.0
    memory_limit_mb: int = 4096  # address space per worker (Tesseract included); 0 = no limit
    startup_grace: float = 60.0  # seconds added to every file's deadline for model loading
    force: bool = False
    pdf: bool = False
    html: bool = False  # NAME.html review page beside NAME.json
    alto: bool = False  # NAME.alto.xml (ALTO 4.2)
    hocr: bool = False  # NAME.hocr
    pdfa: bool = False  # NAME.pdfa.pdf (PDF/A-3b, the JSON attached)
    executor: str = "local"  # "local" (isolated worker processes), "serial" (in this process) or "dask"
    scheduler: str | None = None  # Dask scheduler address, e.g. tcp://10.0.0.5:8786
    isolate: bool = True  # Dask: each file in its own worker process (deadline, memory limit)
    follow_links: bool = False  # read inputs whose real path lies outside INPUT_DIR (symlinks out)
    parse_options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 1 <= self.jobs <= 256:
            raise InvalidConfigError(f"jobs={self.jobs} is out of range; valid: 1..256")
        if not 1 <= self.timeout_per_page <= 3600:
            raise InvalidConfigError(f"timeout_per_page={self.timeout_per_page} is out of range; valid: 1..3600")
        if self.memory_limit_mb and self.memory_limit_mb < 512:
            raise InvalidConfigError(f"memory_limit_mb={self.memory_limit_mb} is too small; valid: 0 (none) or >= 512")
        if self.executor not in EXECUTORS:
            raise InvalidConfigError(f"executor={self.executor!r} is not valid; choose one of {', '.join(EXECUTORS)}")
        if self.executor == "dask" and not self.scheduler:
            raise BadArgsError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")


class BatchEvents:
    """Progress hooks; the CLI overrides them with a rich display, the library leaves them silent."""

    def start(self, total_files: int, skipped: int) -> None: ...

    def file_started(self, rel: str) -> None: ...

    def page_done(self, rel: str, done: int, total: int) -> None: ...

    def file_done(self, line: ReportLine) -> None: ...


def is_complete(item: InputItem, task: FileTask) -> bool:
    """True when every output of ``item`` exists and is newer than the input (resume)."""
    try:
        src_mtime = os.stat(item.src).st_mtime_ns
        return all(os.stat(p).st_mtime_ns >= src_mtime for p in outputs_for(task).values())
    except (OSError, VanbanError):
        return False


def _parse_options(opts: BatchOptions) -> dict[str, Any]:
    # Files run in parallel, so each file's pages run serially inside its worker.
    base: dict[str, Any] = {"jobs": 1, "executor": "serial"}
    user = dict(opts.parse_options)
    ocr = {"timeout_per_page": opts.timeout_per_page, **user.pop("ocr", {})}
    return {**base, **user, "ocr": ocr}


def run_batch(
    input_dir: str,
    output_dir: str,
    opts: BatchOptions | None = None,
    *,
    files: list[str] | None = None,
    events: BatchEvents | None = None,
    runner: Runner | None = None,
) -> Summary:
    """Convert every input under ``input_dir`` (or the relative paths ``files``) into ``output_dir``.

    ``runner`` replaces the executor ``opts`` names (any ``Executor[FileTask, ReportLine]``).
    """
    opts = opts or BatchOptions()
    events = events or BatchEvents()
    out = _prepare_output(input_dir, output_dir)
    rels = files if files is not None else walk(input_dir, exclude=out, follow_links=opts.follow_links)
    items = plan(input_dir, rels, follow_links=opts.follow_links)
    report = Report(out)
    todo, already_done = _plan_tasks(items, opts, out, report)
    events.start(len(items), already_done)  # rejected inputs are not "already done"
    for line in report.lines.values():
        events.file_done(line)

    t0 = time.perf_counter()
    pending = {t.rel for t in todo}
    interrupted = False

    def feed() -> Iterator[FileTask]:
        for task in todo:
            events.file_started(task.rel)
            yield task

    if runner is None and todo:
        runner = default_executor(replace(opts, jobs=min(opts.jobs, len(todo))), events)
    run = runner.run if isinstance(runner, Executor) else runner
    try:
        for line in run(feed()) if run is not None else ():
            pending.discard(line.input)
            report.add(line)
            events.file_done(line)
    except KeyboardInterrupt:
        interrupted = True
    report.flush(pending)
    write_metadata_csv(out, items)
    # summary.json counts what report.jsonl holds, the not_run lines of an interruption included.
    lines = {**{rel: ReportLine.not_run(rel) for rel in pending}, **report.lines}
    summary = summarize(lines.values(), time.perf_counter() - t0, interrupted, out)
    if interrupted:
        raise BatchInterrupted(summary)
    return summary


def _prepare_output(input_dir: str, output_dir: str) -> str:
    """Check the two folders, create OUTPUT_DIR, clear a killed run's temp files; its real path."""
    if not os.path.isdir(input_dir):
        raise BadArgsError(f"INPUT_DIR {input_dir!r} is not a folder")
    if os.path.realpath(input_dir) == os.path.realpath(output_dir):
        raise BadArgsError("OUTPUT_DIR must differ from INPUT_DIR (outputs named NAME.txt would overwrite inputs)")
    if os.path.exists(output_dir) and not os.path.isdir(output_dir):
        raise OutputError(f"OUTPUT_DIR {output_dir!r} is a file, not a folder", path=output_dir)
    try:
        os.makedirs(output_dir, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create OUTPUT_DIR {output_dir!r}: {exc.strerror}", path=output_dir) from exc
    out = os.path.realpath(output_dir)
    remove_stale_temps(out)
    return out


def _plan_tasks(items: list[InputItem], opts: BatchOptions, out: str, report: Report) -> tuple[list[FileTask], int]:
    """The tasks to run and how many inputs were already done; refused, failed and skipped inputs
    get their report line here."""
    previous = read_report(out)
    popts = _parse_options(opts)
    todo: list[FileTask] = []
    already_done = 0
    for i, item in enumerate(items):
        task = FileTask(i, item.src, item.rel, item.out_rel, item.kind, out, opts.pdf, popts, opts.html,
                        opts.alto, opts.hocr, opts.pdfa)
        if isinstance(item.error, OutsideInputError):  # refused, not failed: skipped with its code
            report.lines[item.rel] = replace(failure_line(task, item.error), status="skipped", errors=0)
            continue
        if item.error is not None:
            report.lines[item.rel] = failure_line(task, item.error)
            continue
        try:
            outputs_for(task)  # a symlinked OUTPUT_DIR sub-folder could point elsewhere
        except UnsafePathError as exc:
            report.lines[item.rel] = failure_line(task, exc)
            continue
        if not opts.force and is_complete(item, task):
            old = previous.get(item.rel)
            report.lines[item.rel] = (replace(old, status="skipped", previous_status=old.status) if old
                                      else ReportLine(item.rel, "skipped"))
            already_done += 1
            continue
        todo.append(task)
    return todo, already_done


METADATA_CSV = "metadata.csv"


def write_metadata_csv(output_dir: str, items: list[InputItem]) -> None:
    """OUTPUT_DIR/metadata.csv: the archives' metadata of every input whose JSON is there, by input path."""
    import json

    from pipeline.archive_metadata import metadata_csv
    from pipeline.batch.discover import output_path
    from pipeline.document import Document
    from pipeline.io import atomic_write_bytes

    rows = []
    for item in sorted(items, key=lambda i: i.rel):
        if item.error is not None:
            continue
        try:
            with open(output_path(output_dir, item.out_rel, ".json"), encoding="utf-8") as f:
                data = json.load(f)
            meta = data.get("metadata") or Document.from_dict(data).metadata.to_dict()  # a 1.0 file: derive it
        except (OSError, ValueError, KeyError, VanbanError):
            continue
        rows.append((item.rel, meta))
    atomic_write_bytes(os.path.join(output_dir, METADATA_CSV), metadata_csv(rows))


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the report was written; carries the summary."""

    def __init__(self, summary: Summary) -> None:
        super().__init__("batch interrupted")
        self.summary = summary


def default_executor(opts: BatchOptions, events: BatchEvents | None = None) -> Executor[FileTask, ReportLine]:
    """The executor ``opts.executor`` names, reporting pages to ``events``."""
    events = events or BatchEvents()

    def on_page(task: FileTask, done: int, total: int) -> None:
        events.page_done(task.rel, done, total)

    if opts.executor == "dask":
        from pipeline.batch.dask_executor import DaskExecutor

        assert opts.scheduler is not None
        limits = (opts.timeout_per_page, opts.startup_grace, opts.memory_limit_mb)
        return DaskExecutor(opts.scheduler, jobs=opts.jobs, isolate=limits if opts.isolate else None)
    if opts.executor == "serial":
        from pipeline.batch.serial import SerialExecutor

        return SerialExecutor(on_page=on_page)
    from pipeline.batch.pool import IsolatedPool

    return IsolatedPool(
        opts.jobs,
        timeout_per_page=opts.timeout_per_page,
        startup_grace=opts.startup_grace,
        memory_limit_mb=opts.memory_limit_mb,
        on_page=on_page,
    )


def exit_code(summary: Summary) -> int:
    """0 when every input succeeded (or was already done), ExitCode.partial when any did not."""
    return int(ExitCode.ok if summary.failed == 0 else ExitCode.partial)
