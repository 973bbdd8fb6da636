"""SIGTERM and SIGKILL to `vanban parse --jobs N`: no worker outlives it (issue 15 #3).

Workers that outlived their parent stayed blocked for ever, about 240 MB each, holding the
caller's stdout and stderr, so a caller capturing the output hung.  The tests wait for events
(workers started, processes gone), never for a fixed time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from proctools import alive, children
from test_runner import PAGES, image_pdf

REPO = Path(__file__).resolve().parents[1]


def _wait(cond, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return bool(cond())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_no_worker_outlives_parse(tmp_path: Path, sig: signal.Signals) -> None:
    pdf = image_pdf(tmp_path / "many.pdf", PAGES * 12)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "parse", str(pdf), "--json",
                             str(tmp_path / "o.json"), "--jobs", "2", "--no-restore", "--quiet"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        assert _wait(lambda: len(children(proc.pid)) >= 2, 120), "the workers never started"
        workers = children(proc.pid)
        proc.send_signal(sig)
        # The caller's capture ends: no worker holds the pipes open.
        out, err = proc.communicate(timeout=120)
        if sig == signal.SIGTERM:
            assert proc.returncode == 130, err.decode()
            assert b"interrupted" in err and b"Traceback" not in err, err.decode()
        assert _wait(lambda: not any(alive(w) for w in workers), 60), "orphan workers left behind"
        assert not (tmp_path / "o.json").exists()
    finally:
        for w in workers:  # what this test started, if the fix regressed
            if alive(w):
                os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _swallowing(fn) -> None:  # type: ignore[no-untyped-def]
    """Call ``fn`` as an at-fork hook's caller does: its exception printed and ignored."""
    try:
        fn()
    except BaseException:  # noqa: BLE001 - what "Exception ignored in ..." does
        pass


def _signal_self() -> None:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)  # the handler runs here, long before the sleep ends


def test_a_sigterm_swallowed_mid_run_is_raised_again_where_the_run_waits() -> None:
    from pipeline.procs import Terminated, raise_if_terminated, sigterm_as_interrupt

    with pytest.raises(Terminated), sigterm_as_interrupt():
        _swallowing(_signal_self)  # a worker being forked when SIGTERM came
        raise_if_terminated()  # between pages
        pytest.fail("the run went on")


def test_a_sigterm_swallowed_at_the_end_is_raised_when_the_block_ends() -> None:
    from pipeline.procs import Terminated, raise_if_terminated, sigterm_as_interrupt

    with pytest.raises(Terminated), sigterm_as_interrupt():
        _swallowing(_signal_self)
    raise_if_terminated()  # the block's end forgot it: a later run is not stopped by it
