"""Assemble docs/benchmarks.md from the summary (docs/bench/SUMMARY.md) and each area's page.

Each benchmark script writes or documents its own page in docs/bench/; this file puts them in one
place, in pipeline order, headings demoted one level.  Run after `make bench`:

    python -m scripts.bench.assemble
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = ("restore", "neural", "legacy", "legacy-docs", "ocr", "recognisers", "ingest", "structure", "citations",
         "batch", "archive", "eval", "splits", "retrain", "hostile")


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    root = Path(__file__).resolve().parents[2] / "docs"
    parts = [(root / "bench" / "SUMMARY.md").read_text(encoding="utf-8").rstrip() + "\n"]
    for name in ORDER:
        page = root / "bench" / f"{name}.md"
        if not page.exists():
            print(f"scripts.bench.assemble: {page} missing, skipped", file=sys.stderr)
            continue
        demoted = []
        in_code = False
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                in_code = not in_code
            demoted.append("#" + line if line.startswith("#") and not in_code else line)
        parts.append(f"\n<!-- from docs/bench/{name}.md -->\n" + "\n".join(demoted).rstrip() + "\n")
    out = root / "benchmarks.md"
    tmp = out.with_suffix(".md.tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
