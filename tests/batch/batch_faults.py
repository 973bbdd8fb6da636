"""Per-file work functions that fail on purpose (OCRmyPDF-style crash fakes), picked by file name.

They run inside the real IsolatedPool worker processes; only the parse itself is faked, so
the crash, hang and memory handling under test is the real one.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from typing import Any

from pipeline.batch.worker import FileTask
from pipeline.io import atomic_write_text


def faulty(task: FileTask, progress: Callable[[int, int], None]) -> dict[str, Any]:
    """Crash, hang, eat memory or succeed according to the input's name."""
    name = os.path.basename(task.rel)
    progress(1, 1)
    if name.startswith("segvoom"):
        # Native code at the rlimit: fill the address space, let the pool see it, then crash.
        blocks = []
        try:
            while True:
                blocks.append(bytearray(32 * 1024**2))
        except MemoryError:
            pass
        progress(1, 1)  # wakes the pool, which samples the address space while it is full
        time.sleep(1)  # well inside the pool's time budget even on a loaded machine
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("segv"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("exit"):
        os._exit(3)
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("oom"):
        block = bytearray(16 * 1024**3)  # 16 GiB: over the worker's address-space limit
        del block
    if name.startswith("raise"):
        raise RuntimeError("boom")
    with open(task.src, encoding="utf-8") as f:
        text = f.read()
    out = os.path.join(task.output_dir, task.out_rel)
    atomic_write_text(out + ".txt", text.upper())
    atomic_write_text(out + ".json", "{}\n")
    return {"input": task.rel, "status": "success", "code": None, "message": None, "pages": 1,
            "seconds": 0.0, "mean_confidence": None, "findings": 0, "errors": 0, "outputs": {}}
