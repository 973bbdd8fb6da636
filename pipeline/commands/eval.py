"""`vanban eval GOLD_DIR`: score restoration (and scans) on the gold set against baselines."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from pipeline.errors import ExitCode
from pipeline.io import atomic_write_json, atomic_write_text
from pipeline.types import RestoreModel


def add_parser(sub: Any) -> None:
    p = sub.add_parser("eval", help="score restoration accuracy on the gold set",
                       description="Score vanban on a gold set (data/gold) side by side with baselines.")
    p.add_argument("gold", nargs="?", default="data/gold", help="gold set folder (default data/gold)")
    p.add_argument("--model", action="append", choices=[m.value for m in RestoreModel],
                   help="vanban model(s) to score (default: fast)")
    p.add_argument("--baseline", action="append", choices=("identity", "pyvi"),
                   help="baseline(s) to score beside vanban (repeatable)")
    p.add_argument("--kind", action="append", choices=("restore", "scan"), help="item kinds (default all)")
    p.add_argument("--json", dest="json_out", help="write all scores as JSON here")
    p.add_argument("--html", dest="html_out", help="write an HTML report with side-by-side diffs here")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.eval_report import html_report, summary_json, terminal_report
    from pipeline.eval_run import run_gold

    systems = list(dict.fromkeys(list(args.baseline or []) + list(args.model or ["fast"])))
    start = time.perf_counter()
    results = run_gold(args.gold, systems, kinds=tuple(args.kind or ("restore", "scan")))
    if not results:
        print(f"vanban eval: no gold items found under {args.gold}", file=sys.stderr)
        return ExitCode.input_file
    print(terminal_report(results))
    print(f"\n{len(results)} runs in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if args.json_out:
        atomic_write_json(args.json_out, summary_json(results))
    if args.html_out:
        atomic_write_text(args.html_out, html_report(results))
    return ExitCode.ok
