"""Process helpers shared by the signal tests and scripts/reliability/hostile.py (Linux /proc)."""

from __future__ import annotations

import os


def children(pid: int) -> set[int]:
    """The live child process ids of ``pid`` (all its threads' children)."""
    out: set[int] = set()
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.update(int(x) for x in f.read().split())
    except OSError:
        pass
    return out


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie or a gone process does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][:1] not in ("Z", "X")
    except OSError:
        return False


# A batch of one file that hangs (tests/batch/batch_faults.py), run as `vanban` runs it: argv is
# INPUT_DIR OUTPUT_DIR; run it from the repository root (`tests` is imported from there); it prints
# "started NAME" per file.
BATCH_UNDER_SIGNAL = """
import sys
from tests.batch.batch_faults import faulty
from pipeline.batch import BatchInterrupted, BatchOptions, run_batch
from pipeline.batch.pool import IsolatedPool
from pipeline.batch.run import BatchEvents
from pipeline.procs import sigterm_as_interrupt


class Tell(BatchEvents):
    def file_started(self, rel):
        print("started", rel, flush=True)


if __name__ == "__main__":
    pool = IsolatedPool(1, timeout_per_page=600, work=faulty)
    try:
        with sigterm_as_interrupt():  # as `vanban` does for every command
            run_batch(sys.argv[1], sys.argv[2], BatchOptions(jobs=1), runner=pool.run, events=Tell())
    except BatchInterrupted as exc:
        print(exc.summary.text(), file=sys.stderr)
        sys.exit(130)
"""
