"""Hostile inputs and faults of issue 15, for scripts/reliability/suite.py: each case runs the real
CLI (or library) in a child process under an address-space cap and checks its documented exit code
and message; the table gives each child's peak RSS (wait4) and wall time.

    python -m scripts.reliability.suite --only hostile [--big-mb 50]
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.proctools import BATCH_UNDER_SIGNAL, alive, children

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Ran:
    rc: int
    out: bytes
    err: bytes
    peak_mb: float
    seconds: float


Row = tuple[str, str, str, str, str, float, float | None, bool]  # as scripts/reliability/suite.py's rows


def run(argv: list[str], cap_mb: int, work: Path, *, stdin: Path | None = None, timeout: float = 1800,
        signal_when: Callable[[subprocess.Popen[bytes]], bool] | None = None,
        sig: int = signal.SIGTERM) -> Ran:
    """Run ``argv`` under RLIMIT_AS = ``cap_mb``; with ``signal_when``, send ``sig`` once it is true."""
    def limit() -> None:
        cap = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_NUM_THREADS="1")
    out_f, err_f = work / "case.out", work / "case.err"
    with open(out_f, "wb") as o, open(err_f, "wb") as e, open(stdin or os.devnull, "rb") as i:
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, stdin=i, stdout=o, stderr=e, cwd=REPO, env=env, preexec_fn=limit)
        if signal_when is not None:
            deadline = time.monotonic() + timeout
            while not signal_when(proc) and time.monotonic() < deadline:
                time.sleep(0.05)
            proc.send_signal(sig)
        killer = subprocess.Popen(["sleep", str(int(timeout))])  # a timer that needs no thread
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if killer.poll() is not None:
                    proc.kill()
                time.sleep(0.05)
        finally:
            killer.kill()
            killer.wait()
        secs = time.monotonic() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Ran(proc.returncode, out_f.read_bytes(), err_f.read_bytes(), usage.ru_maxrss / 1024, secs)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", *args]


def _row(name: str, what: str, exp: str, got: str, ran: Ran, ok: bool) -> Row:
    return (name, what, exp, got, "exit " + str(ran.rc), ran.seconds, ran.peak_mb, ok)


def _restore_cases(work: Path, big_mb: int) -> list[Row]:
    rows: list[Row] = []
    from pipeline.vn.orthography import strip_diacritics
    from tests.fixture_files import VIETNAMESE_LINES

    word = work / "word.txt"
    word.write_text("Ke hoach " + "ab" * 1000 + " trien khai\n", encoding="utf-8")
    r = run(_cli("restore"), 2048, work, stdin=word)
    rows.append(_row("#1 one 2,000-letter word (`restore`)", "word.txt", "exit 0", f"exit {r.rc}", r,
                     r.rc == 0 and b"ab" * 1000 in r.out and r.peak_mb < 1024))
    caps = work / "caps.txt"
    caps.write_text("A" * 100_000 + "\n", encoding="utf-8")
    r = run(_cli("restore", "--mode", "ocr-eng"), 2048, work, stdin=caps)
    rows.append(_row("#1 one 100,000-letter token, ocr-eng", "caps.txt", "exit 0", f"exit {r.rc}", r,
                     r.rc == 0 and r.out.count(b"\n") == 1 and r.peak_mb < 1024))
    para = " ".join(strip_diacritics(x) for x in VIETNAMESE_LINES) + " "
    line = work / "line5mb.txt"
    with open(line, "w", encoding="utf-8") as f:
        f.write(para * (5_000_000 // len(para.encode())) + "\n")
    r = run(_cli("restore", str(line), "-o", str(work / "line5mb.out")), 2048, work)
    rows.append(_row("#4 one 5 MB line (`restore`)", "line5mb.txt", "exit 0, 1 line", f"exit {r.rc}", r,
                     r.rc == 0 and (work / "line5mb.out").read_bytes().count(b"\n") == 1 and r.peak_mb < 1024))
    lines = "\n".join(strip_diacritics(x) for x in VIETNAMESE_LINES) + "\n"
    small, big = work / "file1mb.txt", work / f"file{big_mb}mb.txt"
    small.write_text(lines * (1_000_000 // len(lines.encode())), encoding="utf-8")
    with open(big, "w", encoding="utf-8") as f:
        for _ in range(big_mb):
            f.write(lines * (1_000_000 // len(lines.encode())))
    r1 = run(_cli("restore", str(small), "-o", str(work / "small.out")), 2048, work)
    rows.append(_row("#4 1 MB file (the normal rate)", "file1mb.txt", "exit 0", f"exit {r1.rc}", r1, r1.rc == 0))
    r = run(_cli("restore", str(big), "-o", str(work / "big.out")), 2048, work, timeout=7200)
    same_lines = (work / "big.out").exists() and _count(work / "big.out") == _count(big)
    rate1, rate = small.stat().st_size / r1.seconds, big.stat().st_size / r.seconds
    rows.append(_row(f"#4 {big_mb} MB file (`restore`): {rate / 1e6:.3f} MB/s vs {rate1 / 1e6:.3f} MB/s for 1 MB",
                     big.name, "exit 0, lines kept", f"exit {r.rc}", r, r.rc == 0 and same_lines and r.peak_mb < 1024))
    utf16 = work / "utf16.txt"
    utf16.write_bytes("Ke hoach trien khai\n".encode("utf-16"))
    r = run(_cli("restore", str(utf16)), 2048, work)
    rows.append(_row("#13 UTF-16 with a BOM (`restore`)", "utf16.txt", "exit 0", f"exit {r.rc}", r,
                     r.rc == 0 and "Kế hoạch".encode() in r.out))
    bad = work / "cp1258.txt"
    bad.write_bytes(b"Vi\xeat Nam\n")
    r = run(_cli("restore", str(bad)), 2048, work)
    rows.append(_row("#13 not UTF-8 (`restore`)", "cp1258.txt", "exit 2 VB111", f"exit {r.rc}", r,
                     r.rc == 2 and b"[VB111]" in r.err))
    return rows


def _count(path: Path) -> int:
    n = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def _pdf_cases(work: Path) -> list[Row]:
    from tests.fixture_files import write_text_bomb_pdf

    rows: list[Row] = []
    for chars, one in ((10_000_000, False), (10_000_000, True)):
        pdf = write_text_bomb_pdf(work / f"bomb{int(one)}.pdf", chars, one_operator=one)
        r = run(_cli("parse", str(pdf), "--json", str(work / "bomb.json"), "--quiet", "--jobs", "1"), 4096, work)
        what = "one operator" if one else "227k text objects"
        rows.append(_row(f"#2 {pdf.stat().st_size // 1000} KB PDF, 10 MB of text on a page ({what}), `parse`",
                         pdf.name, "exit 0, VB150, OCR'd", f"exit {r.rc}", r, r.rc == 0 and r.peak_mb < 2048))
    rows += _damaged_pdf_cases(work)
    src, out = work / "bomb_in", work / "bomb_out"
    src.mkdir()
    os.replace(work / "bomb0.pdf", src / "bomb.pdf")
    r = run(_cli("batch", str(src), str(out), "--quiet", "--jobs", "1", "--memory-limit", "4096"), 8192, work)
    line = json.loads((out / "report.jsonl").read_text().splitlines()[0]) if (out / "report.jsonl").exists() else {}
    got = f"{line.get('status')}, worker peak {line.get('worker_peak_mb')} MiB"
    rows.append(_row("#2 the same PDF in `batch` (4 GB worker cap)", "bomb.pdf", "success", got, r,
                     r.rc == 0 and line.get("status") == "success"))
    return rows


def _damaged_pdf_cases(work: Path) -> list[Row]:
    import pikepdf
    from PIL import Image

    from tests.fixture_files import VIETNAMESE_LINES, write_text_pdf
    from tests.test_runner import PAGES, image_pdf, page_image

    rows: list[Row] = []
    flat = write_text_pdf(work / "flat.pdf", [VIETNAMESE_LINES])
    with pikepdf.open(flat) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(work / "rot90.pdf")
    txt = work / "rot90.txt"
    r = run(_cli("parse", str(work / "rot90.pdf"), "--json", str(work / "rot90.json"), "--text", str(txt),
                 "--quiet", "--no-restore"), 4096, work)
    ok = r.rc == 0 and txt.read_text(encoding="utf-8").strip() == "\n".join(VIETNAMESE_LINES)
    rows.append(_row("#6 /Rotate 90 page with a real text layer", "rot90.pdf", "exit 0, lines in order",
                     f"exit {r.rc}, {'in order' if ok else 'scrambled'}", r, ok))
    data = image_pdf(work / "three.pdf", PAGES).read_bytes()
    (work / "cut90.pdf").write_bytes(data[: int(len(data) * 0.9)])
    r = run(_cli("parse", str(work / "cut90.pdf"), "--json", str(work / "cut90.json"), "--quiet", "--no-restore",
                 "--jobs", "1"), 4096, work)
    doc = json.loads((work / "cut90.json").read_text()) if (work / "cut90.json").exists() else {}
    codes = [e["code"] for e in doc.get("errors", []) if e["code"] != "VB150"]
    rows.append(_row("#9 3-page PDF cut at 90 %", "cut90.pdf", "exit 10, 2 pages + VB105", f"exit {r.rc}, {codes}",
                     r, r.rc == 10 and codes == ["VB105"]))
    frames = [Image.fromarray(page_image(PAGES[i % 3], size=24, width=800)) for i in range(200)]
    frames[0].save(work / "f200.tif", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    data = (work / "f200.tif").read_bytes()
    (work / "cut60.tif").write_bytes(data[: int(len(data) * 0.6)])
    r = run(_cli("parse", str(work / "cut60.tif"), "--json", str(work / "cut60.json"), "--quiet", "--no-restore",
                 "--jobs", "2"), 4096, work)
    doc = json.loads((work / "cut60.json").read_text()) if (work / "cut60.json").exists() else {}
    pages = len(doc.get("pages", []))
    rows.append(_row("#9 200-frame TIFF cut at 60 %", "cut60.tif", "exit 10, frames before the cut",
                     f"exit {r.rc}, {pages} pages", r, r.rc == 10 and pages > 100))
    return rows


def _signal_cases(work: Path) -> list[Row]:
    from tests.test_runner import PAGES, image_pdf

    rows: list[Row] = []
    pdf = image_pdf(work / "many.pdf", PAGES * 12)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        seen: set[int] = set()

        def started(proc: subprocess.Popen[bytes], seen: set[int] = seen) -> bool:
            kids = children(proc.pid)
            seen.update(kids)
            return len(kids) >= 2

        r = run(_cli("parse", str(pdf), "--json", str(work / "many.json"), "--jobs", "2", "--no-restore", "--quiet"),
                4096, work, signal_when=started, sig=sig, timeout=300)
        deadline = time.monotonic() + 60
        while any(alive(w) for w in seen) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphans = [w for w in seen if alive(w)]
        for w in orphans:
            os.kill(w, signal.SIGKILL)
        exp = "exit 130, no orphan" if sig == signal.SIGTERM else "no orphan"
        ok = not orphans and (sig != signal.SIGTERM or (r.rc == 130 and b"interrupted" in r.err))
        rows.append(_row(f"#3 {signal.Signals(sig).name} to `parse --jobs 2`", "many.pdf", exp,
                         f"exit {r.rc}, {len(orphans)} orphan(s) of {len(seen)}", r, ok))
    return rows


def _batch_cases(work: Path) -> list[Row]:
    rows: list[Row] = []
    src, out = work / "t_in", work / "t_out"
    src.mkdir()
    for name in ("a.txt", "hang.txt", "z.txt"):
        (src / name).write_text("văn bản", encoding="utf-8")
    r = run([sys.executable, "-c", BATCH_UNDER_SIGNAL, str(src), str(out)], 4096, work,
            signal_when=lambda p: b"started hang.txt" in (work / "case.out").read_bytes(), timeout=300)
    summary = json.loads((out / "summary.json").read_text()) if (out / "summary.json").exists() else {}
    report = (out / "report.jsonl").read_text() if (out / "report.jsonl").exists() else ""
    rows.append(_row("#10 SIGTERM to `batch`", "t_in/", "exit 130, summary, not_run", f"exit {r.rc}", r,
                     r.rc == 130 and summary.get("interrupted") is True and report.count('"not_run"') == 2))
    src, out, outside = work / "l_in", work / "l_out", work / "outside"
    src.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("bí mật", encoding="utf-8")
    (src / "a.txt").write_text("Văn bản", encoding="utf-8")
    os.symlink(outside / "secret.txt", src / "secret.txt")
    r = run(_cli("batch", str(src), str(out), "--jobs", "1"), 8192, work)
    lines = {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()}
    leaked = any("bí mật" in p.read_text(errors="replace") for p in out.rglob("*.txt"))
    rows.append(_row("#5 symlink out of INPUT_DIR (`batch`)", "secret.txt", "skipped VB605, nothing published",
                     f"{lines['secret.txt']['status']} {lines['secret.txt']['code']}", r,
                     r.rc == 0 and lines["secret.txt"]["code"] == "VB605" and not leaked))
    rows.append(_row("#12 no 'already done' on a fresh OUTPUT_DIR", "l_in/", "not printed",
                     "printed" if b"already done" in r.err else "not printed", r, b"already done" not in r.err))
    src, out = work / "n_in", work / "n_out"
    src.mkdir()
    name = "Quyết định " + "ế" * 77 + ".txt"  # 251 bytes
    (src / name).write_text("Văn bản", encoding="utf-8")
    r = run(_cli("batch", str(src), str(out), "--jobs", "1", "--quiet"), 8192, work)
    rows.append(_row("#11 a 251-byte Vietnamese file name (`batch`)", "Quyết định ếếế….txt", "exit 0", f"exit {r.rc}",
                     r, r.rc == 0))
    return rows


def _cli_cases(work: Path) -> list[Row]:
    rows: list[Row] = []
    blocker = work / "a_file"
    blocker.write_text("x")
    txt = work / "doc.txt"
    txt.write_text("Ủy ban nhân dân tỉnh\n", encoding="utf-8")
    r = run(_cli("batch", str(work / "l_in"), str(blocker)), 8192, work)
    rows.append(_row("#7 `batch` OUTPUT_DIR is a file", "a_file", "exit 4 VB110", f"exit {r.rc}", r,
                     r.rc == 4 and b"[VB110]" in r.err and b"Traceback" not in r.err))
    r = run(_cli("parse", str(txt), "--json", str(blocker / "o.json"), "--quiet"), 4096, work)
    rows.append(_row("#7 `parse` output folder cannot be made", "a_file/o.json", "exit 4 VB110", f"exit {r.rc}", r,
                     r.rc == 4 and b"Traceback" not in r.err))
    word = work / "word.txt"
    r = run(_cli("restore", str(word)), 400, work)  # below the models' own needs: MemoryError
    rows.append(_row("#7 `restore` out of memory (400 MB cap)", "word.txt", "exit 15 VB900", f"exit {r.rc}", r,
                     r.rc == 15 and b"[VB900]" in r.err and b"Traceback" not in r.err))
    js = work / "doc.json"
    r = run(_cli("parse", str(txt), "--json", str(js), "--text", str(blocker / "t.txt"), "--quiet"), 4096, work)
    rows.append(_row("#14 `parse` --text fails: no JSON either", "doc.txt", "exit 4, no doc.json", f"exit {r.rc}", r,
                     r.rc == 4 and not js.exists()))
    code = ("import pipeline\nfor s in (None, 5, b'/x.pdf', '/tmp/a\\0b.pdf'):\n"
            "    r = pipeline.parse(s, raises=False); print(r.status.value, r.errors[0].code)\n"
            "r = pipeline.parse('/x.txt', {'jobs': 'x'}, raises=False); print(r.status.value, r.errors[0].code)\n")
    r = run([sys.executable, "-c", code], 4096, work)
    codes = r.out.decode().split()
    rows.append(_row("#14 library: None, int, bytes, NUL, jobs='x' (raises=False)", "-", "failure VB001/101/002",
                     " ".join(codes[1::2]), r, r.rc == 0 and codes[::2] == ["failure"] * 5))
    return rows


def hostile(work: Path, big_mb: int = 50) -> list[Row]:
    """Every case of issue 15 that runs as a process; rows as in scripts/reliability/suite.py's table."""
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    for part in (_restore_cases(work, big_mb), _pdf_cases(work), _signal_cases(work), _batch_cases(work),
                 _cli_cases(work)):
        rows.extend(part)
    return rows
