"""Run the same per-file work (``process_file``) on a Dask distributed cluster.

Each input is one Dask task; results stream back as they finish.  Isolation comes from Dask
itself: a worker that dies (segfault, the nanny's memory limit) fails its task with
``KilledWorker`` after Dask's retries, which is recorded as VB602 while the batch goes on.  Hung
pages are bounded by the OCR stage's own per-page timeout (``--timeout-per-page``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from pipeline.batch.errors import WorkerCrashError
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


def run_on_dask(tasks: Iterator[FileTask], scheduler: Any, *, jobs: int = 0, window: int = 0) -> Iterator[dict[str, Any]]:
    """Yield report lines from ``process_file`` run on the cluster at ``scheduler``."""
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
            fut = client.submit(process_file, task, key=f"vanban-{run_id}-{task.index}", pure=False)
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
                f2 = client.submit(process_file, nxt, key=f"vanban-{run_id}-{nxt.index}", pure=False)
                by_key[f2.key] = nxt
                ac.add(f2)
    finally:
        client.close()
