"""Benchmark `vanban batch`: pages/minute with --jobs 1 and 2, peak memory, and the overhead of the
batch bookkeeping (worker processes, report, resume checks) against `pipeline.parse` in a loop.

    nice -n 10 python -m scripts.bench.batch [--docs 4] [--pages 2] [--dpi 200] [--work work/bench_batch]

Synthetic scans come from scripts/data/make_scans.py (image-only PDFs).  Prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]


def make_inputs(work: Path, docs: int, pages: int, dpi: int) -> Path:
    """Image-only scans in work/in (ground-truth files kept out: they would be .txt inputs)."""
    raw, src = work / "scans", work / "in"
    if not src.exists() or len(list(src.glob("*.pdf"))) != docs:
        shutil.rmtree(raw, ignore_errors=True)
        shutil.rmtree(src, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "scripts.data.make_scans", "--out", str(raw.resolve()), "--n", str(docs),
                        "--pages", str(pages), "--dpi", str(dpi), "--degrade", "mild", "--seed", "11"],
                       cwd=REPO, check=True)
        src.mkdir(parents=True)
        for pdf in sorted(raw.glob("*.pdf")):
            if pdf.name.count(".") == 1:
                shutil.copy(pdf, src / pdf.name)
    return src


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Run ``cmd``; return (wall s, peak RSS MiB of the whole process tree, CPU s of the tree).

    CPU seconds (each process's own user + system at its last sample, Tesseract runs included as
    processes of their own) do not depend on how busy the machine is, unlike wall time: they
    measure overhead.  Children's times are not added (a reaped worker would count twice); runs
    shorter than the 0.1 s sampling step are missed alike by every row.
    """
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=REPO, env=env)
    peak = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        rss = 0
        try:
            tree = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            tree = []
        for p in tree:
            try:
                rss += p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        peak = max(peak, rss)
        time.sleep(0.1)
    if proc.returncode not in (0, 10):
        raise SystemExit(f"{cmd} exited {proc.returncode}")
    return time.perf_counter() - t0, peak / 2**20, sum(cpu.values())


LOOP = """
import json, os, sys
from pipeline.api import parse
from pipeline.io import atomic_write_json, atomic_write_text
opts = json.loads(sys.argv[3])
os.makedirs(sys.argv[2], exist_ok=True)
for name in sorted(os.listdir(sys.argv[1])):
    r = parse(os.path.join(sys.argv[1], name), opts, raises=False)
    stem = os.path.join(sys.argv[2], os.path.splitext(name)[0])
    atomic_write_text(stem + ".txt", r.text + "\\n")
    atomic_write_json(stem + ".json", r.to_dict())
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--pages", type=int, default=2)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--work", default=str(REPO / "work" / "bench_batch"))
    args = ap.parse_args()
    load = os.getloadavg()[0]
    work = Path(args.work)
    src = make_inputs(work, args.docs, args.pages, args.dpi)
    lm = REPO / "models" / "restore_lm.npz"
    popts = {} if lm.exists() else {"restore": {"enabled": False}}
    base = {"jobs": 1, "executor": "serial", **popts}
    rows = []

    out = work / "out_loop"
    shutil.rmtree(out, ignore_errors=True)
    wall, peak, cpu = measure([sys.executable, "-c", LOOP, str(src), str(out), json.dumps(base)])
    n_pages = None
    rows.append(("pipeline.parse loop (1 process)", wall, peak, cpu))
    for jobs in (1, 2):
        out = work / f"out_j{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        code = (
            "import sys; from pipeline.batch import BatchOptions, run_batch\n"
            "if __name__ == '__main__':\n"
            f"    run_batch(sys.argv[1], sys.argv[2], BatchOptions(jobs={jobs}, parse_options={popts!r}))\n"
        )
        wall, peak, cpu = measure([sys.executable, "-c", code, str(src), str(out)])
        lines = [json.loads(x) for x in (out / "report.jsonl").read_text().splitlines()]
        n_pages = sum(x["pages"] for x in lines)
        statuses = sorted({x["status"] for x in lines})
        rows.append((f"vanban batch --jobs {jobs} ({', '.join(statuses)})", wall, peak, cpu))
    # Resume: a rerun over finished outputs only checks mtimes and rewrites the report.
    code = ("import sys; from pipeline.batch import BatchOptions, run_batch\n"
            "if __name__ == '__main__':\n    run_batch(sys.argv[1], sys.argv[2], BatchOptions(jobs=2))\n")
    wall, peak, cpu = measure([sys.executable, "-c", code, str(src), str(work / "out_j2")])
    rows.append(("rerun, all skipped (resume)", wall, peak, cpu))

    assert n_pages
    loop_cpu = rows[0][3]
    print(f"{args.docs} synthetic scans x {args.pages} pages at {args.dpi} DPI = {n_pages} pages; "
          f"restore {'on' if not popts else 'off (no models/restore_lm.npz yet)'}; {os.cpu_count()} CPUs; "
          f"load average at start: {load:.1f}\n")
    print("| run | wall s | pages/min | peak RSS (tree) MiB | CPU s (tree) | CPU vs parse loop |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, peak, cpu in rows:
        ppm = f"{n_pages / wall * 60:.1f}" if "skipped" not in name else "-"
        print(f"| {name} | {wall:.1f} | {ppm} | {peak:.0f} | {cpu:.1f} | {(cpu / loop_cpu - 1) * 100:+.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
