"""Archive metadata of the real scans against what a person reads on their pages (issue 18).

    nice -n 10 python -m scripts.bench.realscan_metadata [--real ../shared/real-scans]
        [--out work/realscan] [--no-parse] [--code DIR] [--labels data/gold/real-scans/metadata.json]

Parses every labelled scan as ``scripts.bench.realscan_garbage`` does (``vanban parse --jobs 1``;
``--no-parse`` reads the ``doc.json`` an earlier run of either script left in ``--out``) and compares
the document ``metadata`` block's tên loại, số, ký hiệu, ngày ban hành and cơ quan ban hành with
the labels.  Each field is *right*, *empty* (nothing given) or *wrong* (a value that is not the
page's): for an archive a wrong number is worse than none.  Fields hand-written on the page (most
numbers and days of signed scans are) are counted apart: reading them is a bonus, an empty one is
no error, a wrong one is.

The real scans have no split: every one was looked at while building vanban, so these figures are
a check on real documents, not a held-out measure.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from pipeline.vn.orthography import retone
from scripts.bench.realscan_garbage import parse

ROOT = Path(__file__).resolve().parents[2]


def canon(value: Any) -> str | None:
    """A field as compared: NFC, single spaces, case-folded, tone marks placed one way (the
    document decides between ``hòa`` and ``hoà``; both are the same word)."""
    if value is None or value == "":
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return " ".join(retone(w, "new") for w in text.split()).casefold()


def verdict(got: Any, want: Any) -> str:
    got_c, want_c = canon(got), canon(want)
    if got_c == want_c:
        return "right"
    return "empty" if got_c is None else "wrong"


def score(metadata: dict[str, Any], label: dict[str, Any], fields: list[str]) -> dict[str, tuple[str, Any]]:
    return {f: (verdict(metadata.get(f), label.get(f)), metadata.get(f)) for f in fields}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real-scans"))
    ap.add_argument("--out", default=str(ROOT / "work" / "realscan"))
    ap.add_argument("--labels", default=str(ROOT / "data" / "gold" / "real-scans" / "metadata.json"))
    ap.add_argument("--code", default=None, help="import pipeline from this checkout instead")
    ap.add_argument("--no-parse", action="store_true", help="score the JSON already in --out")
    args = ap.parse_args(argv)
    labels = json.loads(Path(args.labels).read_text(encoding="utf-8"))
    fields: list[str] = labels["fields"]
    real, out = Path(args.real), Path(args.out)
    totals = {kind: {"right": 0, "empty": 0, "wrong": 0} for kind in ("printed", "hand")}
    print("| file | " + " | ".join(fields) + " |")
    print("|---|" + "---|" * len(fields))
    for name, label in labels["documents"].items():
        src = real / name
        sub = out / re.sub(r"[^\w.-]+", "_", name)
        if not args.no_parse and src.exists():
            parse(src, sub, args.code)
        if not (sub / "doc.json").exists():
            print(f"| {Path(name).name[:40]} | not parsed |" + " |" * (len(fields) - 1))
            continue
        metadata = json.loads((sub / "doc.json").read_text(encoding="utf-8")).get("metadata") or {}
        cells = []
        for field, (v, got) in score(metadata, label, fields).items():
            totals["hand" if field in label.get("hand", ()) else "printed"][v] += 1
            mark = {"right": "✓", "empty": "·", "wrong": "✗"}[v]
            cells.append(mark if v == "right" or got is None else f"{mark} `{got}`")
        print(f"| {Path(name).name[:40]} | " + " | ".join(cells) + " |", flush=True)
    print()
    print("| fields | right | empty | wrong |")
    print("|---|--:|--:|--:|")
    for kind, t in totals.items():
        print(f"| {kind} | {t['right']} | {t['empty']} | {t['wrong']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
