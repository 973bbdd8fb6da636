"""The batch's progress display on stderr (files and pages, rate, ETA), drawn with rich."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from pipeline.batch.report import ReportLine
from pipeline.batch.run import BatchEvents


class RichEvents(BatchEvents):
    """Two bars: files (with ETA) and pages (with pages/minute); failures are printed as they happen."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description:>6}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.files: TaskID | None = None
        self.pages: TaskID | None = None
        self.page_totals: dict[str, int] = {}
        self.page_done_by_file: dict[str, int] = {}

    def __enter__(self) -> RichEvents:
        self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()

    def start(self, total_files: int, skipped: int) -> None:
        self.files = self.progress.add_task("files", total=total_files, rate="")
        # The page total grows as workers open files: page counts are only known inside a worker.
        self.pages = self.progress.add_task("pages", total=None, rate="")
        if skipped:
            self.console.print(f"{skipped} input(s) already done, skipped (use --force to redo them)")

    def page_done(self, rel: str, done: int, total: int) -> None:
        assert self.pages is not None
        if rel not in self.page_totals:
            self.page_totals[rel] = total
            self.progress.update(self.pages, total=sum(self.page_totals.values()))
        step = done - self.page_done_by_file.get(rel, 0)
        self.page_done_by_file[rel] = done
        task = self.progress.tasks[self.pages]
        elapsed = task.elapsed or 0.0
        rate = f"{(task.completed + step) / elapsed * 60:.1f} pages/min" if elapsed > 0 else ""
        self.progress.update(self.pages, advance=step, rate=rate)

    def file_done(self, line: ReportLine) -> None:
        assert self.files is not None
        self.progress.update(self.files, advance=1)
        if line.status not in ("success", "skipped", "partial_success"):
            self.console.print(f"[red]failed[/red] {line.input!r}: {line.message}", markup=True, highlight=False)
        elif line.status == "partial_success":
            self.console.print(f"[yellow]partial[/yellow] {line.input!r}: {line.message}", markup=True, highlight=False)
