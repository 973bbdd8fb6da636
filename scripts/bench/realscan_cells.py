"""Table cells against body text on real scans with a hand-made transcription (issue 14).

    nice -n 10 python -m scripts.bench.realscan_cells [--real ../shared/real-scans]
        [--hand data/real-scans-hand] [--code DIR]

Issue 14 asks that a real scan's table cells read no worse than the body text on the same pages.
The real scans come without ground truth, so ``data/real-scans-hand/*.json`` holds a hand
transcription of those with ruled tables (its method is written in each file).  The scan is
parsed as ``vanban parse --text`` does; on each page the lines with a TAB are the table's rows
(cells joined by TABs), the other lines the body.  The body is scored from the output line that
best matches the transcription's first body line (the two-column header block is left out of
the transcription; a hand-written number has no printed truth).  CER is over whitespace-normalized
NFC text, edits divided by the transcription's length; the table's text is its rows in order,
cells joined by spaces, the column-title row included.

``--code DIR`` parses with the ``pipeline`` of another checkout (``git archive BASE pipeline |
tar -x -C DIR``): the code before a change, measured the same way.  The transcribed scan was
looked at while the cell reading was changed (issue 14): its figures are "used for tuning".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from scripts.lib.textcmp import cer, norm

ROOT = Path(__file__).resolve().parents[2]


def parse_text(pdf: Path, code: str | None) -> list[str]:
    """The document's pages as ``vanban parse --text`` writes them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.txt"
        # -P: the checkout's own pipeline/ (the working directory) must not shadow --code's.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": f"{code}:{ROOT}" if code else str(ROOT),
               "VANBAN_MODELS": str(ROOT / "models")}
        cmd = [sys.executable, "-P", "-m", "pipeline.cli", "parse", str(pdf), "--jobs", "1",
               "--json", str(Path(tmp) / "out.json"), "--text", str(out)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"{pdf.name}: {done.stderr[-600:]}")
        return out.read_text(encoding="utf-8").split("\f")


def body_from(lines: list[str], first: str) -> list[str]:
    """The lines from the one most like the transcription's first body line."""
    if not lines:
        return lines
    best = min(range(len(lines)), key=lambda i: cer(lines[i], first))
    return lines[best:]


def score_page(text: str, truth: dict[str, Any]) -> dict[str, Any]:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    rows = [ln.replace("\t", " ") for ln in lines if "\t" in ln]
    body = body_from([ln for ln in lines if "\t" not in ln], truth["body"][0])
    gold_rows = [" ".join(cells) for cells in truth.get("table", [])]
    return {
        "page": truth["page"],
        "body_chars": len(norm(" ".join(truth["body"]))),
        "body_cer": cer(" ".join(body), " ".join(truth["body"])),
        "cell_chars": len(norm(" ".join(gold_rows))),
        "cell_cer": cer(" ".join(rows), " ".join(gold_rows)) if gold_rows else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real-scans"))
    ap.add_argument("--hand", default=str(ROOT / "data" / "real-scans-hand"))
    ap.add_argument("--code", default=None, help="a checkout whose pipeline/ to parse with")
    args = ap.parse_args(argv)
    print("| scan | page | body chars | body CER | cell chars | cell CER | cells ≤ body |")
    print("|---|--:|--:|--:|--:|--:|:-:|")
    tot = {"body": [0.0, 0], "cell": [0.0, 0]}
    for path in sorted(Path(args.hand).glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        pages = parse_text(Path(args.real) / truth["source"], args.code)
        for page in truth["pages"]:
            got = score_page(pages[page["page"] - 1], page)
            tot["body"][0] += got["body_cer"] * got["body_chars"]
            tot["body"][1] += got["body_chars"]
            cell = "—"
            if got["cell_cer"] is not None:
                tot["cell"][0] += got["cell_cer"] * got["cell_chars"]
                tot["cell"][1] += got["cell_chars"]
                cell = f"{100 * got['cell_cer']:.2f} %"
            ok = "yes" if got["cell_cer"] is not None and got["cell_cer"] <= got["body_cer"] else "no"
            print(f"| {path.stem} | {got['page']} | {got['body_chars']} | {100 * got['body_cer']:.2f} % "
                  f"| {got['cell_chars']} | {cell} | {ok} |")
    body = tot["body"][0] / max(tot["body"][1], 1)
    cells = tot["cell"][0] / max(tot["cell"][1], 1)
    print(f"| all | | {tot['body'][1]} | {100 * body:.2f} % | {tot['cell'][1]} | {100 * cells:.2f} % "
          f"| {'yes' if cells <= body else 'no'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
