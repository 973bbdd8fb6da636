"""A pool of isolated worker processes with per-file deadlines: crash, hang or memory blow-up in one
file kills only its worker, which is replaced, and the batch goes on.

``concurrent.futures.ProcessPoolExecutor`` cannot kill one hung task, and one dead worker breaks
every pending future; so each worker here is a plain process on its own pipe, watched by the parent.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from typing import Any

from pipeline.batch.errors import FileTimeoutError, MemoryLimitError, WorkerCrashError
from pipeline.batch.report import ReportLine
from pipeline.batch.worker import FileTask, WorkFn, failure_line, worker_main
from pipeline.procs import raise_if_terminated

PageFn = Callable[[FileTask, int, int], None]


@dataclass
class _Slot:
    process: Any
    conn: Any
    task: FileTask | None = None
    started: float = 0.0
    pages: int = 0
    deadline: float = 0.0
    busy_since: float = field(default_factory=time.monotonic)
    vm_mb: float = 0.0  # largest address space seen while this task ran (sampled each poll)


class IsolatedPool:
    """Run ``FileTask``s on ``jobs`` worker processes; yields one report line per task.

    An ``Executor[FileTask, ReportLine]`` (``pipeline.procs.Executor``)."""

    def __init__(
        self,
        jobs: int,
        *,
        timeout_per_page: float,
        startup_grace: float = 60.0,
        memory_limit_mb: int = 0,
        on_page: PageFn | None = None,
        work: WorkFn | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self.timeout_per_page = timeout_per_page
        # Loading Tesseract and the restore models happens on a worker's first page; allow for it.
        self.startup_grace = startup_grace
        self.memory_limit_mb = memory_limit_mb
        self.on_page = on_page
        self.work = work  # the per-file function (a module-level one: it is pickled by name)
        self.ctx = multiprocessing.get_context("forkserver")
        # The fork server imports the stages once; every worker (and every restart after a crash)
        # is then a cheap fork of it instead of seconds of imports.  Nothing is opened there.
        self.ctx.set_forkserver_preload(["pipeline.api", "pipeline.runner", "pipeline.batch.worker"])
        self.slots: list[_Slot] = []
        self.restarts = 0

    def _spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=worker_main, args=(child, self.memory_limit_mb, self.work), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def _deadline(self, slot: _Slot) -> float:
        return slot.started + self.startup_grace + max(1, slot.pages) * self.timeout_per_page

    def _kill(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        slot.conn.close()

    def _replace(self, slot: _Slot) -> None:
        self._kill(slot)
        self.slots[self.slots.index(slot)] = self._spawn()
        self.restarts += 1

    def run(self, tasks: Iterable[FileTask]) -> Iterator[ReportLine]:
        """Yield report lines as files finish (any order); stops the workers on exit or Ctrl-C."""
        self.slots = [self._spawn() for _ in range(self.jobs)]
        queue = iter(tasks)
        exhausted = False
        try:
            while True:
                raise_if_terminated()  # a SIGTERM swallowed while a worker was forked
                for slot in self.slots:
                    if slot.task is None and not exhausted:
                        task = next(queue, None)
                        if task is None:
                            exhausted = True
                            break
                        slot.task, slot.started, slot.pages, slot.vm_mb = task, time.monotonic(), 0, 0.0
                        slot.conn.send(task)
                busy = [s for s in self.slots if s.task is not None]
                if not busy:
                    return
                now = time.monotonic()
                timeout = max(0.0, min(self._deadline(s) for s in busy) - now)
                ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=min(timeout, 1.0))
                for slot in busy:
                    line = self._poll(slot, ready)
                    if line is not None:
                        yield line
        finally:
            self.close()

    def _poll(self, slot: _Slot, ready: list[Any]) -> ReportLine | None:
        """Drain a busy worker's messages; return its report line when the file is over."""
        task = slot.task
        assert task is not None
        slot.vm_mb = max(slot.vm_mb, _address_space_mb(slot.process.pid))
        if slot.conn in ready or slot.conn.poll():
            try:
                while slot.conn.poll():
                    msg = slot.conn.recv()
                    if msg[0] == "page":
                        slot.pages = msg[2]
                        if self.on_page is not None:
                            self.on_page(task, msg[1], msg[2])
                    elif msg[0] == "done":
                        slot.task = None
                        return ReportLine.from_dict(msg[1])
            except (EOFError, OSError):
                pass  # the worker died mid-message: handled as a crash below
        elapsed = time.monotonic() - slot.started
        if not slot.process.is_alive():
            code = slot.process.exitcode
            exc: Exception
            how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
            near_limit = self.memory_limit_mb and slot.vm_mb >= NEAR_LIMIT * self.memory_limit_mb
            if code == -signal.SIGKILL:
                # An external SIGKILL on a worker is almost always the kernel's OOM killer.
                exc = MemoryLimitError(f"worker killed by SIGKILL (out of memory?) after {elapsed:.1f} s", path=task.rel)
            elif near_limit and code in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
                # Native code (pdfium, Tesseract) whose allocation failed at the rlimit crashes
                # instead of raising MemoryError: issue 15 #2 was reported as VB602.
                exc = MemoryLimitError(f"worker died with {how} after {elapsed:.1f} s with {slot.vm_mb:.0f} MB of "
                                       f"address space, at its --memory-limit of {self.memory_limit_mb} MB", path=task.rel)
            else:
                exc = WorkerCrashError(f"worker process died with {how} after {elapsed:.1f} s", path=task.rel)
            slot.task = None
            self._replace(slot)
            return replace(failure_line(task, exc, elapsed), pages=slot.pages)
        if time.monotonic() > self._deadline(slot):
            limit = self._deadline(slot) - slot.started
            exc = FileTimeoutError(
                f"not done after {elapsed:.0f} s (limit {limit:.0f} s for {max(1, slot.pages)} page(s)); worker killed",
                path=task.rel,
            )
            slot.task = None
            self._replace(slot)
            return replace(failure_line(task, exc, elapsed), pages=slot.pages)
        return None

    def close(self) -> None:
        """Stop every worker: SIGTERM first so atomic writes delete their temp files, then SIGKILL."""
        for slot in self.slots:
            if slot.process.is_alive():
                slot.process.terminate()
        end = time.monotonic() + 3.0
        for slot in self.slots:
            slot.process.join(max(0.0, end - time.monotonic()))
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(2)
            slot.conn.close()
        self.slots = []


NEAR_LIMIT = 0.8  # share of --memory-limit at which a crash is put down to memory


def _address_space_mb(pid: int) -> float:
    """Current address space (VmSize) of a process in MB; 0 when unknown."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0
