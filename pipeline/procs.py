"""What the executors share: one ``Executor`` protocol, and process hygiene (workers never outlive
the process that started them)."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar, runtime_checkable

TaskT = TypeVar("TaskT", contravariant=True)
ResultT = TypeVar("ResultT", covariant=True)


@runtime_checkable
class Executor(Protocol[TaskT, ResultT]):
    """Runs tasks and yields one result per task as each finishes (in any order).

    The one seam every executor fills: the pages of a file (``pipeline.runner.PageExecutor``:
    serial or a process pool) and the files of a batch (``pipeline.batch``: serial in this process,
    ``IsolatedPool`` worker processes, or a Dask cluster).  Stopping early (Ctrl-C, the caller
    dropping the iterator) must stop the executor's workers.
    """

    def run(self, tasks: Iterable[TaskT]) -> Iterator[ResultT]: ...


def die_with_parent(parent_pid: int | None = None) -> None:
    """Linux: this process gets SIGKILL when its parent dies (even by SIGKILL), so no orphan
    worker keeps running, holding memory and the caller's stdout/stderr open.

    With ``parent_pid``, a parent that died before the request took effect is caught too.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)  # the parent is already gone


class Terminated(KeyboardInterrupt):
    """SIGTERM (``timeout``, systemd, ``docker stop``), handled exactly like Ctrl-C."""


# The SIGTERMs raised as ``Terminated`` within ``sigterm_as_interrupt``.  Python runs a handler in
# whatever frame the main thread is in; raised inside code that ignores exceptions (an at-fork hook
# while a worker is forked, a finaliser: "Exception ignored in ..."), the exception never reaches
# the caller and the run would go on to its end.  ``raise_if_terminated`` raises it again.
_received: list[int] = []


def _raise_terminated(signum: int, frame: object) -> None:
    _received.append(signum)
    raise Terminated(f"signal {signal.Signals(signum).name}")


def raise_if_terminated() -> None:
    """Raise ``Terminated`` for a SIGTERM received in the block whose exception was swallowed
    (called where the runner and the batch wait for work: between pages and between files)."""
    if _received:
        raise Terminated(f"signal {signal.Signals(_received[-1]).name}")


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block (main thread only), SIGTERM raises ``Terminated``, a KeyboardInterrupt;
    one whose exception was swallowed is raised when the block ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _received.clear()
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
        raise_if_terminated()
    finally:
        signal.signal(signal.SIGTERM, previous)
        _received.clear()


def fork_is_safe() -> bool:
    """Whether a forked worker can run OpenMP code (Tesseract's LSTM) without hanging.

    GNU OpenMP keeps its thread pool across ``fork()`` in name only: a child whose parent ran a
    parallel region on several threads waits for ever in its first one (seen: ``torch`` run by the
    caller, then ``parse(jobs=2)``; Tesseract's ``FullyConnected::Forward`` never returned).  The
    pool is never made where OpenMP was loaded with ``OMP_THREAD_LIMIT=1`` (vanban's own OCR sets
    it before loading Tesseract), nor where OpenMP is not loaded at all; elsewhere (torch loaded
    it first) a worker must start from a fresh process."""
    try:
        gomp = ctypes.CDLL("libgomp.so.1", mode=os.RTLD_NOLOAD)  # only if already loaded
    except OSError:
        return True  # not loaded in this process: nothing to inherit
    return int(gomp.omp_get_thread_limit()) <= 1
