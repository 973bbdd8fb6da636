"""The full reliability suite of `vanban batch`: every bad-input kind (the slow ones too) in ONE batch,
paths escaping OUTPUT_DIR, worker crash/hang/memory faults, and kill -9 at random points followed
by a rerun.  Prints the markdown table for docs/bench/batch.md.

    nice -n 10 python -m scripts.reliability.suite [--work work/reliability] [--kills 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.batch import BatchOptions, run_batch
from pipeline.batch.pool import IsolatedPool
from tests.batch.badinputs import CASES  # the bad-input makers (test fixtures, not shipped)

REPO = Path(__file__).resolve().parents[2]

LM = REPO / "models" / "restore_lm.npz"
POPTS: dict = {} if LM.exists() else {"restore": {"enabled": False}}


def _report(out: Path) -> dict[str, dict]:
    return {json.loads(x)["input"]: json.loads(x) for x in (out / "report.jsonl").read_text(encoding="utf-8").splitlines()}


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name not in ("report.jsonl", "summary.json")}


def bad_inputs(work: Path, timeout: float) -> list[tuple[str, str, str, str, str, float, float | None, bool]]:
    src, out = work / "in", work / "out"
    src.mkdir(parents=True)
    made = {c.name: c.make(str(src)) for c in CASES}
    (src / "sub").mkdir()
    (src / "sub" / "a.txt").write_text("Văn bản", encoding="utf-8")
    outside = work / "outside"
    outside.mkdir()
    out.mkdir()
    os.symlink(outside, out / "sub")  # OUTPUT_DIR/sub leads out of OUTPUT_DIR
    files = [r for rels in made.values() for r in rels] + ["sub/a.txt", "../escape.pdf", "/etc/passwd"]
    t0 = time.perf_counter()
    run_batch(str(src), str(out), BatchOptions(jobs=2, timeout_per_page=timeout, parse_options=POPTS), files=files)
    print(f"bad-input batch: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    rep = _report(out)
    rows = []
    for c in CASES:
        for rel in made[c.name]:
            line = rep[rel]
            exp = "/".join(sorted(x or "ok" for x in c.expect))
            rows.append((c.name, rel, exp, line["code"] or "ok", line["status"], line["seconds"],
                         line.get("worker_peak_mb"), line["code"] in c.expect))
    for rel in ("sub/a.txt", "../escape.pdf", "/etc/passwd"):
        line = rep[rel]
        rows.append(("path escaping OUTPUT_DIR", rel, "VB601", line["code"] or "ok", line["status"], line["seconds"],
                     None, line["code"] == "VB601" and not os.listdir(outside)))
    return rows


def faults(work: Path) -> list[tuple[str, str, str, str, str, float, float | None, bool]]:
    from tests.batch.batch_faults import faulty

    src, out = work / "faults_in", work / "faults_out"
    src.mkdir()
    expect = {"segv.txt": "VB602", "exit.txt": "VB602", "hang.txt": "VB603", "oom.txt": "VB604", "ok.txt": "ok"}
    for name in expect:
        (src / name).write_text("văn bản", encoding="utf-8")
    pool = IsolatedPool(2, timeout_per_page=2, startup_grace=2, memory_limit_mb=1024, work=faulty)
    run_batch(str(src), str(out), BatchOptions(jobs=2), runner=pool.run)
    rep = _report(out)
    what = {"segv.txt": "worker segfault", "exit.txt": "worker exits", "hang.txt": "worker hangs",
            "oom.txt": "worker over memory limit", "ok.txt": "good file after them"}
    return [(f"fault: {what[n]}", n, e, rep[n]["code"] or "ok", rep[n]["status"], rep[n]["seconds"],
             rep[n].get("worker_peak_mb"), (rep[n]["code"] or "ok") == e) for n, e in expect.items()]


def kill9(work: Path, kills: int, seed: int) -> tuple[int, int, bool]:
    """kill -9 at random points, rerun, compare with an uninterrupted run: (kills, files, identical)."""
    src = work / "k_in"
    for i in range(16):
        (src / f"s{i % 3}").mkdir(parents=True, exist_ok=True)
        (src / f"s{i % 3}" / f"d{i:02d}.txt").write_text(f"Điều {i}. Văn bản số {i}/2020/NĐ-CP\n", encoding="utf-8")
    code = ("import sys; from pipeline.batch import BatchOptions, run_batch\n"
            "if __name__ == '__main__':\n"
            f"    run_batch(sys.argv[1], sys.argv[2], BatchOptions(jobs=2, parse_options={POPTS!r}))\n")
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-c", code, str(src), str(work / "k_ref")], check=True, cwd=REPO)
    full = time.monotonic() - t0
    ref = _outputs(work / "k_ref")
    rng = random.Random(seed)
    ok = True
    for k in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", code, str(src), str(work / "k_out")], cwd=REPO, start_new_session=True)
        time.sleep(rng.uniform(0.1, 1.0) * full)
        if k % 2:
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for name, data in _outputs(work / "k_out").items():  # whatever is there is whole
            if name.endswith(".json"):
                json.loads(data)
    subprocess.run([sys.executable, "-c", code, str(src), str(work / "k_out")], check=True, cwd=REPO)
    got = _outputs(work / "k_out")
    ok = got == ref and set(_report(work / "k_out")) == {str(p.relative_to(src)) for p in src.rglob("*.txt")}
    return kills, len(ref), ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=str(REPO / "work" / "reliability"))
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout-per-page", type=float, default=60.0)
    ap.add_argument("--only", choices=("all", "batch", "hostile"), default="all",
                    help="batch: the bad-input batch, faults and kill -9; hostile: issue 15's cases "
                    "(scripts/reliability/hostile.py), each under an address-space cap")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the large restore input (hostile cases)")
    args = ap.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bad = total = 0
    if args.only in ("all", "batch"):
        rows = bad_inputs(work, args.timeout_per_page) + faults(work)
        kills, nfiles, same = kill9(work, args.kills, args.seed)
        print(f"restore stage {'on' if not POPTS else 'off (models/restore_lm.npz not shipped yet)'}; "
              f"--jobs 2, --timeout-per-page {args.timeout_per_page:g}\n")
        _table(rows, "worker peak MiB")
        print(f"\nkill -9 at {kills} random points (process group and parent alone, alternately), then a rerun: "
              f"{nfiles} outputs {'identical to' if same else 'DIFFERENT from'} an uninterrupted run.")
        bad += sum(1 for r in rows if not r[-1]) + (0 if same else 1)
        total += len(rows) + 1
    if args.only in ("all", "hostile"):
        from scripts.reliability.hostile import hostile

        rows = hostile(work / "hostile", args.big_mb)
        print("\nIssue 15 (hostile inputs and faults): the real CLI in a child process under an address-space "
              "cap (RLIMIT_AS: 2 GiB for restore, 4 GiB for parse, 8 GiB for batch, whose workers have their own "
              "4 GiB); peak = the child's own max RSS (wait4)\n")
        _table(rows, "peak MiB")
        bad += sum(1 for r in rows if not r[-1])
        total += len(rows)
    print(f"\n{total - bad} passed, {bad} failed")
    return 1 if bad else 0


def _table(rows: list, peak_title: str) -> None:
    print(f"| kind of bad input | input | expected | got | status | s | {peak_title} | ok |")
    print("|---|---|---|---|---|---:|---:|:-:|")
    for name, rel, exp, got, status, secs, peak, ok in rows:
        mem = f"{peak:.0f}" if peak else "-"
        print(f"| {name} | `{rel!r}` | {exp} | {got} | {status} | {secs:.2f} | {mem} | {'✓' if ok else '✗'} |")


if __name__ == "__main__":
    sys.exit(main())
