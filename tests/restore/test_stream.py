"""Restoration in bounded memory (issue 15 #4): long lines and files are decoded a chunk at a
time with context, the output comes out as it goes, and the lines are kept."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fixture_files import VIETNAMESE_LINES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.restore import api
from pipeline.restore.diacritics import stream
from pipeline.vn.orthography import strip_diacritics

REPO = Path(__file__).resolve().parents[2]
STRIPPED = [strip_diacritics(x) for x in VIETNAMESE_LINES]


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny limits, so that every cut, long token and context path is exercised."""
    for name, value in (("MAX_TOKEN", 8), ("MAX_PIECE", 20), ("CHUNK", 50), ("HARD_CHUNK", 100),
                        ("QUEUE_MAX", 300), ("CONTEXT_CHARS", 12)):
        monkeypatch.setattr(stream, name, value)
    monkeypatch.setattr(stream, "_LONG_TOKEN", re.compile(r"\S{9,}"))


TEXTS = st.lists(st.sampled_from(["ab", "cd", " ", "  ", "\n", "x" * 12, "\t", "Ke", "hoach", ".", "y" * 8, "\u2028"]),
                 max_size=200).map("".join)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the fixture only sets constants
@given(text=TEXTS, cuts=st.lists(st.integers(1, 40), max_size=40))
def test_stream_keeps_every_character_and_line(small: None, text: str, cuts: list[int]) -> None:
    frags, i = [], 0
    for c in cuts:
        frags.append(text[i : i + c])
        i += c
    frags.append(text[i:])
    seen: list[str] = []

    def decode(t: str) -> tuple[str, tuple]:
        seen.append(t)
        return t.upper(), ()

    out = "".join(o for o, _ in stream.restore_stream(frags, decode))
    assert out.lower() == text.lower() and out.count("\n") == text.count("\n")
    for a, b in zip(text.split(), out.split(), strict=True):
        assert b == (a.upper() if len(a) <= 8 else a)  # long tokens are never decoded
    for t in seen:  # every decoding is bounded
        assert len(t) <= stream.HARD_CHUNK + stream.MAX_PIECE + 6 * stream.CONTEXT_CHARS
        assert not stream._LONG_TOKEN.search(t)


def test_long_text_decoded_in_bounded_chunks_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(STRIPPED * 120)  # ~60 KB: three chunks
    whole = api._restore_whole
    sizes: list[int] = []

    def spy(t: str, model: str, kind: str) -> api.RestoreResult:
        sizes.append(len(t))
        return whole(t, model, kind)

    monkeypatch.setattr(api, "_restore_whole", spy)
    res = api.restore(text, mode="stripped")
    assert len(sizes) >= 3 and max(sizes) <= stream.HARD_CHUNK + 2 * stream.CONTEXT_CHARS + 2
    expected = api.restore("\n".join(STRIPPED), mode="stripped").text.split("\n")
    assert res.text.split("\n") == expected * 120
    # Token spans point into the whole output.
    for t in res.tokens[:: max(1, len(res.tokens) // 200)]:
        assert res.text[t.start : t.end] == t.text


def test_one_long_line_is_cut_at_whitespace_and_restored() -> None:
    line = " ".join(STRIPPED) + " "
    text = line * 400  # one 100 KB line
    out = api.restore(text, mode="stripped").text
    assert "\n" not in out and len(out.split()) == len(text.split())
    assert out.startswith(api.restore(" ".join(STRIPPED), mode="stripped").text[:200])


def test_a_long_line_stays_in_bounded_memory() -> None:
    from memcap import run_capped

    text = ((" ".join(STRIPPED) + " ") * 2400).encode()  # one 600 KB line: 0.9 GB before the fix
    res = run_capped([sys.executable, "-m", "pipeline.cli", "restore", "--mode", "stripped"], 2048,
                     stdin=text, timeout=300)
    assert res.returncode == 0, res.stderr.decode()[-800:]
    assert res.stdout.count(b"\n") == 0 and len(res.stdout.split()) == len(text.split())
    assert res.peak_mb < 750, res.peak_mb  # 334-620 MiB measured (varies with the run), 0.9 GB before the fix


def test_cli_writes_output_before_the_input_ends() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "restore", "--mode", "stripped"], cwd=REPO,
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        block = ("\n".join(STRIPPED) + "\n").encode() * 150  # ~60 KB (3 chunks), the input left open
        writer = threading.Thread(target=lambda: (proc.stdin.write(block), proc.stdin.flush()), daemon=True)
        writer.start()  # a thread: the pipes must not fill up both ways
        ready, _, _ = select.select([proc.stdout], [], [], 180)
        assert ready, "nothing was written while the input was still open"
        first = os.read(proc.stdout.fileno(), 1 << 16)
        assert first
        writer.join(120)
        proc.stdin.write(b"cua Chinh phu")
        proc.stdin.close()
        out = first + proc.stdout.read()
        proc.wait(120)
        assert proc.returncode == 0
        assert out.count(b"\n") == block.count(b"\n") and out.endswith("của Chính phủ".encode())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
