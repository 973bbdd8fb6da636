"""The files of a batch one after another in this process: no isolation, no deadline, no memory
limit; for debugging (a breakpoint in the parse works) and for tests of what surrounds the executor."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pipeline.batch.report import ReportLine
from pipeline.batch.worker import FileTask, WorkFn, failure_line, process_file

PageFn = Callable[[FileTask, int, int], None]


@dataclass(frozen=True)
class SerialExecutor:
    """An ``Executor[FileTask, ReportLine]`` that runs ``work`` (default ``process_file``) in-process.

    An exception from ``work`` becomes the input's failure line, as in a worker process; Ctrl-C is
    not caught.
    """

    work: WorkFn | None = None
    on_page: PageFn | None = None

    def run(self, tasks: Iterable[FileTask]) -> Iterator[ReportLine]:
        work = self.work or process_file
        for task in tasks:

            def progress(done: int, total: int, task: FileTask = task) -> None:
                if self.on_page is not None:
                    self.on_page(task, done, total)

            try:
                line = work(task, progress)
            except Exception as exc:  # noqa: BLE001 - one bad file must not end the batch
                line = failure_line(task, exc)
            yield line if isinstance(line, ReportLine) else ReportLine.from_dict(line)
