"""`vanban eval GOLD_DIR`: score restoration (and scans) on the gold set against baselines."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pipeline.errors import ExitCode
from pipeline.io import atomic_write_json, atomic_write_text


def add_parser(sub: Any) -> None:
    p = sub.add_parser("eval", help="score restoration accuracy on the gold set",
                       description="Score vanban on a gold set (data/gold) side by side with baselines.")
    p.add_argument("gold", nargs="?", default="data/gold", help="gold set folder (default data/gold)")
    p.add_argument("--model", action="append", choices=("fast", "accurate"),
                   help="vanban model(s) to score (default: fast)")
    p.add_argument("--baseline", action="append", choices=("identity", "pyvi"),
                   help="baseline(s) to score beside vanban (repeatable)")
    p.add_argument("--kind", action="append", choices=("restore", "scan"), help="item kinds (default all)")
    p.add_argument("--json", dest="json_out", help="write all scores as JSON here")
    p.add_argument("--html", dest="html_out", help="write an HTML report with side-by-side diffs here")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.eval_report import html_report, markdown_table
    from pipeline.eval_run import run_gold

    systems = list(args.baseline or []) + list(args.model or ["fast"])
    results = run_gold(args.gold, systems, kinds=tuple(args.kind or ("restore", "scan")))
    print(markdown_table(results))
    for r in results:
        if r.system in ("fast", "accurate"):
            top = r.scores.confusions.most_common(5)
            if top:
                shown = ", ".join(f"{p}→{g} ×{n}" for (p, g), n in top)
                print(f"  {r.item} / {r.system}: most frequent errors (output→gold): {shown}", file=sys.stderr)
    if args.json_out:
        atomic_write_json(args.json_out, [r.to_dict() for r in results])
    if args.html_out:
        atomic_write_text(args.html_out, html_report(results))
    if not results:
        print("vanban eval: no gold items found", file=sys.stderr)
        return ExitCode.input_file
    return ExitCode.ok
