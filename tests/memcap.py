"""Run a Python snippet or a command in a child process under an address-space cap (RLIMIT_AS).

Memory tests run in a child so that a regression fails the test (MemoryError, a non-zero exit)
instead of taking the test runner's machine down.  The child's peak RSS comes from wait4.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Capped:
    """What a capped child did: exit status, output, and its peak RSS in MiB."""

    returncode: int
    stdout: bytes
    stderr: bytes
    peak_mb: float


def _limit(cap_mb: int) -> None:
    cap = cap_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def run_capped(argv: list[str], cap_mb: int, *, stdin: bytes | None = None, timeout: float = 300) -> Capped:
    """Run ``argv`` under an address-space cap of ``cap_mb`` MiB (PYTHONPATH = this checkout)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1")
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=REPO, env=env, preexec_fn=lambda: _limit(cap_mb))
    got: dict[str, bytes] = {}

    def drain(name: str, stream: IO[bytes]) -> None:
        got[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s), daemon=True)
               for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for t in readers:
        t.start()
    assert proc.stdin is not None
    try:
        if stdin:
            proc.stdin.write(stdin)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    # wait4, not Popen.wait: it gives this child's own peak RSS.
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join(timeout)
    return Capped(proc.returncode, got.get("out", b""), got.get("err", b""), usage.ru_maxrss / 1024)


def python_capped(code: str, cap_mb: int, *, stdin: bytes | None = None, timeout: float = 300) -> Capped:
    """``run_capped`` for a Python snippet."""
    return run_capped([sys.executable, "-c", code], cap_mb, stdin=stdin, timeout=timeout)
