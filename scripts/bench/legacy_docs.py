"""Benchmark whole legacy-OCR documents with appendix tables (issue 13); prints markdown tables.

    python -m scripts.data.make_legacy_docs --out work/legacy --split test --n 16 --corpus ../shared/corpus
    python -m scripts.bench.legacy_docs --data work/legacy --split test [--restore-only]

Restoration: every page of ``SPLIT_*.ocr.txt`` restored as ``vanban parse`` does (mode detected
per page), scored line by line against the line-aligned gold (cell TABs are whitespace to the
scorer), separately on table lines and prose lines.  For the figures of an older commit (the
table-aware parts were experiment switches until issue 16; their "before" figures are in
docs/bench/legacy-docs.md), run this script from a
checkout of that commit (``git worktree add /tmp/base COMMIT``) with the same ``--data``.  Structure: ``pipeline.parse`` on the
whole ``.ocr.txt``, on the stripped variant and on ``.typed.txt`` (typed without marks, a table's
cells one per line); header fields exact; appendix item rows found with the right TT number; cell
assignment F1 over (TT, column, word) triples of item rows (a misplaced or misrestored word counts).  The stripped variant
(``SPLIT_*.stripped.txt``, typed without diacritics) is parsed the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.evaluate import TextScores, score_line

HEADER_FIELDS = ("number", "date", "authority", "doc_type", "summary")


def page_lines(path: Path) -> list[list[str]]:
    """Lines per page of a make_legacy_docs file (a gold line may be empty: never strip them)."""
    text = path.read_text(encoding="utf-8")
    return [p.split("\n") for p in text.removesuffix("\n").split("\f")]


def restoration(docs: list[Path], model: str) -> dict[str, TextScores]:
    """Scores per line kind over all documents."""
    from pipeline.restore import restore

    totals: dict[str, TextScores] = {}
    for ocr in docs:
        gold_pages = page_lines(ocr.with_name(ocr.name.replace(".ocr.txt", ".gold.txt")))
        kinds = json.loads(ocr.with_name(ocr.name.replace(".ocr.txt", ".gt.json")).read_text())["line_kinds"]
        for lines, gold, kind in zip(page_lines(ocr), gold_pages, kinds, strict=True):
            out = restore("\n".join(lines), model=model).text.split("\n")
            for pred, ref, k in zip(out, gold, kind, strict=True):
                key = "prose" if k == "prose" else "table"  # junk lines count with the table
                totals.setdefault(key, TextScores()).add(score_line(pred, ref))
    return totals


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\t", " ").split()).strip(" .;,").lower()


def _gold_rows(gt: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for a in gt["appendices"] for t in a["tables"] for r in t["rows"]]


def structure(doc: Path, model: str) -> dict[str, float]:
    """Header fields right, item rows found with the right TT, cell assignment F1, for one document."""
    import pipeline

    gt = json.loads(Path(re.sub(r"\.(?:ocr|stripped|typed)\.txt$", ".gt.json", str(doc))).read_text())
    res = pipeline.parse(str(doc), {"jobs": 1, "restore": {"model": model}}, raises=False)
    d = res.to_dict()
    out: dict[str, float] = {}
    for f in HEADER_FIELDS:
        pred, want = (d.get("header") or {}).get(f), gt["header"][f]
        out[f"header.{f}"] = float(pred is not None and _norm(str(pred)) == _norm(str(want)))
    pred_rows = [r for a in d.get("appendices", []) for t in a.get("tables", []) for r in t.get("rows", [])]
    pred_rows += [r for t in d.get("tables", []) for r in t.get("rows", [])] if not pred_rows else []
    gold_items = [r for r in _gold_rows(gt) if r["kind"] == "item"]
    got_tt = Counter(_norm(r["cells"][0]) for r in pred_rows if r.get("cells"))
    found = 0
    for r in gold_items:
        if got_tt[_norm(r["cells"][0])] > 0:
            got_tt[_norm(r["cells"][0])] -= 1
            found += 1
    out["rows_found"] = found / max(1, len(gold_items))
    # Placement of words: (TT, column, word) triples of item rows, as bags; a word restored wrong
    # counts against both sides, a word in the wrong column too.
    gold_cells = Counter((_norm(r["cells"][0]), c, w) for r in gold_items for c, x in enumerate(r["cells"]) if c
                         for w in _norm(x).split())
    pred_cells = Counter((_norm(r["cells"][0]), c, w) for r in pred_rows if r.get("kind") == "item"
                         for c, x in enumerate(r["cells"]) if c for w in _norm(x).split())
    tp = sum((gold_cells & pred_cells).values())
    p = tp / max(1, sum(pred_cells.values()))
    r_ = tp / max(1, sum(gold_cells.values()))
    out["cell_f1"] = 2 * p * r_ / (p + r_) if p + r_ else 0.0
    out["n_items"] = float(len(gold_items))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="work/legacy")
    p.add_argument("--split", default="test", choices=["dev", "test"])
    p.add_argument("--model", default="fast", choices=["fast", "accurate"])
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--first", default="", help="only documents whose number starts so (e.g. 00: the 5-column corpus-prose set, 02: 4/6 columns)")
    p.add_argument("--restore-only", action="store_true")
    args = p.parse_args(argv)
    docs = sorted(Path(args.data).glob(f"{args.split}_{args.first}*.ocr.txt"))
    if args.limit:
        docs = docs[: args.limit]
    if not docs:
        p.error(f"no {args.split}_*.ocr.txt in {args.data}: run python -m scripts.data.make_legacy_docs first")
    print(f"{len(docs)} {args.split}-split documents in {args.data}, model {args.model}\n")
    print("| code | lines | syllables | syllable acc. | CER |")
    print("|---|---|---|---|---|")
    name = "now"
    t0 = time.process_time()
    scores = restoration(docs, args.model)
    for kind in ("prose", "table"):
        s = scores.get(kind, TextScores())
        print(f"| {name} | {kind} | {s.syllables:,} | {100 * s.syllable_accuracy:.2f} % | {100 * s.cer:.2f} % |")
    print(f"<!-- {name}: {time.process_time() - t0:.0f} CPU s -->")
    if args.restore_only:
        return 0
    print()
    print("| input | " + " | ".join(HEADER_FIELDS) + " | item rows, right TT | cell F1 |")
    print("|---" * (len(HEADER_FIELDS) + 3) + "|")
    for variant in ("ocr.txt", "stripped.txt", "typed.txt"):
        agg: dict[str, float] = Counter()
        items = 0.0
        for d in docs:
            path = d.with_name(d.name.replace("ocr.txt", variant))
            s = structure(path, args.model)
            for k, v in s.items():
                if k in ("rows_found", "cell_f1"):
                    agg[k] += v * s["n_items"]
                elif k != "n_items":
                    agg[k] += v
            items += s["n_items"]
        n = len(docs)
        cells = " | ".join(f"{100 * agg[f'header.{f}'] / n:.0f} %" for f in HEADER_FIELDS)
        print(f"| {variant} | {cells} | {100 * agg['rows_found'] / max(1, items):.1f} % | "
              f"{agg['cell_f1'] / max(1, items):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
