"""Run the same per-file work (``process_file``) on a Dask distributed cluster.

Each input is one Dask task; results stream back as they finish.  By default each task runs the
file in a fresh isolated worker process on the Dask worker's machine (``isolated_file``), with the
same deadline and memory limit as the local executor, so a segfault, hang or memory blow-up costs
one report line and never a Dask worker; the price is loading the models once per file (~2 s).
With ``isolate=False`` the task runs in the Dask worker itself: a dead worker then fails its task
with ``KilledWorker`` after Dask's retries (recorded as VB602), and hung pages are bounded only by
the OCR stage's own per-page timeout.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.batch.errors import WorkerCrashError
from pipeline.batch.report import ReportLine
from pipeline.batch.worker import FileTask, failure_line, process_file
from pipeline.errors import MissingDependencyError


def _client(scheduler: Any) -> Any:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise MissingDependencyError("the Dask executor needs dask[distributed]") from exc
    if not isinstance(scheduler, str):
        return Client(scheduler, set_as_default=False)  # a LocalCluster object (tests, notebooks)
    return Client(scheduler, set_as_default=False, timeout="30s")


def isolated_file(task: FileTask, timeout_per_page: float, startup_grace: float, memory_limit_mb: int) -> ReportLine:
    """Run ``process_file`` for one task in a one-off isolated worker process (on a Dask worker)."""
    from pipeline.batch.pool import IsolatedPool

    pool = IsolatedPool(1, timeout_per_page=timeout_per_page, startup_grace=startup_grace, memory_limit_mb=memory_limit_mb)
    return next(pool.run(iter([task])))


@dataclass(frozen=True)
class DaskExecutor:
    """The files of a batch on a Dask cluster: an ``Executor[FileTask, ReportLine]``."""

    scheduler: Any  # an address (tcp://host:8786) or a cluster object
    jobs: int = 0
    window: int = 0
    isolate: tuple[float, float, int] | None = None  # see run_on_dask

    def run(self, tasks: Iterable[FileTask]) -> Iterator[ReportLine]:
        return run_on_dask(tasks, self.scheduler, jobs=self.jobs, window=self.window, isolate=self.isolate)


def run_on_dask(
    tasks: Iterable[FileTask],
    scheduler: Any,
    *,
    jobs: int = 0,
    window: int = 0,
    isolate: tuple[float, float, int] | None = None,
) -> Iterator[ReportLine]:
    """Yield report lines from ``process_file`` run on the cluster at ``scheduler``.

    ``isolate`` = (timeout_per_page, startup_grace, memory_limit_mb) runs each file in its own
    worker process under those limits; None runs it in the Dask worker's thread.
    """

    def submit(task: FileTask) -> Any:
        key = f"vanban-{run_id}-{task.index}"
        if isolate is None:
            return client.submit(process_file, task, key=key, pure=False)
        return client.submit(isolated_file, task, *isolate, key=key, pure=False)

    from distributed import as_completed

    client = _client(scheduler)
    try:
        # Keep a bounded number of tasks in flight so that a million-file folder does not become
        # a million futures at once; enough to keep every worker thread busy.
        threads = sum(client.nthreads().values()) or 1
        window = window or max(2 * threads, jobs, 2)
        run_id = uuid.uuid4().hex[:8]
        by_key: dict[str, FileTask] = {}
        queue = iter(tasks)
        first = []
        for task in queue:
            fut = submit(task)
            by_key[fut.key] = task
            first.append(fut)
            if len(by_key) >= window:
                break
        if not first:
            return
        ac = as_completed(first, loop=client.loop)
        for fut in ac:
            task = by_key.pop(fut.key)
            try:
                line = fut.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost worker, a pickling error
                line = failure_line(task, WorkerCrashError(f"Dask task failed: {type(exc).__name__}: {exc}", path=task.rel))
            fut.release()
            yield line
            nxt = next(queue, None)
            if nxt is not None:
                f2 = submit(nxt)
                by_key[f2.key] = nxt
                ac.add(f2)
    finally:
        client.close()
