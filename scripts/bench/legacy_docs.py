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
import hashlib
import json
import pickle
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.evaluate import TextScores, score_line
from scripts.bench.table_errors import ErrorCounts

HEADER_FIELDS = ("number", "date", "authority", "doc_type", "summary")


def page_lines(path: Path) -> list[list[str]]:
    """Lines per page of a make_legacy_docs file (a gold line may be empty: never strip them)."""
    text = path.read_text(encoding="utf-8")
    return [p.split("\n") for p in text.removesuffix("\n").split("\f")]


def restoration(docs: list[Path], model: str, errors: dict[str, ErrorCounts] | None = None) -> dict[str, TextScores]:
    """Scores per line kind over all documents; with ``errors``, the edits by cause per kind too."""
    from pipeline.restore import restore

    totals: dict[str, TextScores] = {}
    for ocr in docs:
        gold_pages = page_lines(ocr.with_name(ocr.name.replace(".ocr.txt", ".gold.txt")))
        kinds = json.loads(ocr.with_name(ocr.name.replace(".ocr.txt", ".gt.json")).read_text())["line_kinds"]
        for lines, gold, kind in zip(page_lines(ocr), gold_pages, kinds, strict=True):
            out = restore("\n".join(lines), model=model).text.split("\n")
            for i, (ocr_line, pred, ref, k) in enumerate(zip(lines, out, gold, kind, strict=True)):
                key = "prose" if k == "prose" else "table"  # junk lines count with the table
                totals.setdefault(key, TextScores()).add(score_line(pred, ref))
                if errors is not None:
                    around = " ".join(gold[max(0, i - 1) : i] + gold[i + 1 : i + 2])
                    errors.setdefault(key, ErrorCounts()).add(ocr_line, pred, ref, around)
    return totals


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("\t", " ").split()).strip(" .;,").lower()


def _gold_rows(gt: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for a in gt["appendices"] for t in a["tables"] for r in t["rows"]]


def _restore_key(model: str) -> str:
    """What restored pages depend on besides the input: the model and the code before structure."""
    h = hashlib.sha256(model.encode())
    root = Path(__file__).resolve().parents[2] / "pipeline"
    for sub in ("ingest", "ocr", "restore", "vn"):
        for f in sorted((root / sub).rglob("*.py")):
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def parsed(doc: Path, model: str, cache: Path | None = None) -> dict[str, Any]:
    """The document JSON of ``pipeline.parse``; with ``cache``, restored pages are kept on disk
    (keyed by the input, the model and the restoration code) and only the structure stage reruns."""
    import pipeline

    opts = {"jobs": 1, "restore": {"model": model}}
    if cache is None:
        return pipeline.parse(str(doc), opts, raises=False).to_dict()
    from pipeline.options import ParseOptions
    from pipeline.structure import build_document

    key = hashlib.sha256(doc.read_bytes()).hexdigest()[:16] + "-" + _restore_key(model)
    f = cache / f"{doc.name}.{key}.pkl"
    if f.exists():
        info, pages = pickle.loads(f.read_bytes())
    else:
        res = pipeline.parse(str(doc), {**opts, "structure": {"enabled": False}}, raises=False)
        info, pages = res.source, list(res.pages)
        cache.mkdir(parents=True, exist_ok=True)
        f.write_bytes(pickle.dumps((info, pages)))
    return dict(build_document(pages, info, ParseOptions.from_dict(opts).structure).to_dict())


def _pred_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [r for a in d.get("appendices", []) for t in a.get("tables", []) for r in t.get("rows", [])]
    return rows or [r for t in d.get("tables", []) for r in t.get("rows", [])]


def structure(doc: Path, model: str, cache: Path | None = None, d: dict[str, Any] | None = None) -> dict[str, float]:
    """Header fields right, item rows found with the right TT, cell assignment F1, for one document."""
    gt = json.loads(Path(re.sub(r"\.(?:ocr|stripped|typed)\.txt$", ".gt.json", str(doc))).read_text())
    d = parsed(doc, model, cache) if d is None else d
    out: dict[str, float] = {}
    for f in HEADER_FIELDS:
        pred, want = (d.get("header") or {}).get(f), gt["header"][f]
        out[f"header.{f}"] = float(pred is not None and _norm(str(pred)) == _norm(str(want)))
    pred_rows = _pred_rows(d)
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


def _bag_f1(a: str, b: str) -> float:
    ga, gb = Counter(_norm(a).split()), Counter(_norm(b).split())
    tp = sum((ga & gb).values())
    return 2 * tp / max(1, sum(ga.values()) + sum(gb.values())) if ga or gb else 1.0


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def explain(doc: Path, model: str, cache: Path | None, worst: int = 12) -> None:
    """The rows of one document lost or mislabelled, and its worst cells, gold against predicted."""
    gt = json.loads(Path(re.sub(r"\.(?:ocr|stripped|typed)\.txt$", ".gt.json", str(doc))).read_text())
    d = parsed(doc, model, cache)
    gold = [r for r in _gold_rows(gt) if r["kind"] == "item"]
    pred = [r for r in _pred_rows(d) if r.get("kind") == "item" and r.get("cells")]
    by_tt: dict[str, list[dict[str, Any]]] = {}
    for r in pred:
        by_tt.setdefault(_norm(r["cells"][0]), []).append(r)
    gold_tts = Counter(_norm(r["cells"][0]) for r in gold)
    print(f"## {doc.name}: {len(gold)} gold item rows, {len(pred)} predicted\n")
    print("Gold rows not found (with the predicted row whose task is nearest):")
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for g in gold:
        got = by_tt.get(_norm(g["cells"][0]))
        if got:
            pairs.append((g, got.pop(0)))
            continue
        near = max(pred, key=lambda r: _bag_f1(r["cells"][1] if len(r["cells"]) > 1 else "", g["cells"][1]), default=None)
        where = f"nearest {near['cells'][0]!r}: {_short(near['cells'][1], 60)!r}" if near else "no row"
        print(f"- {g['cells'][0]} (p.{g.get('page_no')}) {_short(g['cells'][1], 60)!r} — {where}")
    extra = [r for rows in by_tt.values() for r in rows]
    print("\nPredicted item rows left over (TT not in gold, or a second row with one TT):")
    for r in extra:
        dup = "dup" if gold_tts[_norm(r["cells"][0])] else "new"
        print(f"- {r['cells'][0]!r} ({dup}) " + " | ".join(_short(c, 40) for c in r["cells"][1:]))
    print("\nWorst cells (gold → predicted):")
    cells = []
    for g, r in pairs:
        for c in range(1, len(g["cells"])):
            pc = r["cells"][c] if c < len(r["cells"]) else ""
            f = _bag_f1(g["cells"][c], pc)
            if f < 1.0:
                cells.append((f, g["cells"][0], c, g["cells"][c], pc))
    for f, tt, c, gc, pc in sorted(cells, key=lambda x: x[0])[:worst]:
        print(f"- {tt} col {c} F1 {f:.2f}\n    gold: {_short(gc, 110)}\n    pred: {_short(pc, 110)}")


LOSS_CAUSES = ("row lost", "other column", "other row", "misread", "extra")


def losses(gt: dict[str, Any], d: dict[str, Any]) -> Counter[str]:
    """Gold cell words of item rows not in their cell, by where they went: the row was lost, the
    word is a surplus of another column of its row, or of the row before or after (a row
    boundary misplaced), or nowhere (misread, merged, dropped); "extra": predicted words left over
    (misread words, header or page junk, rows that are not in the gold)."""
    gold = [r for r in _gold_rows(gt) if r["kind"] == "item"]
    pred = [r for r in _pred_rows(d) if r.get("kind") == "item" and r.get("cells")]
    by_tt: dict[str, list[int]] = {}
    for i, r in enumerate(pred):
        by_tt.setdefault(_norm(r["cells"][0]), []).append(i)
    out: Counter[str] = Counter()
    match: dict[int, int] = {}  # pred row -> gold row
    for gi, g in enumerate(gold):
        got = by_tt.get(_norm(g["cells"][0]))
        if got:
            match[got.pop(0)] = gi
        else:
            out["row lost"] += sum(len(_norm(x).split()) for x in g["cells"][1:])
    # surplus and shortfall per (pred row, column) against the matched gold row
    short: dict[tuple[int, int], Counter[str]] = {}
    surplus: dict[tuple[int, int], Counter[str]] = {}
    for pi, r in enumerate(pred):
        g = gold[match[pi]]["cells"] if pi in match else []
        for c in range(1, max(len(g), len(r["cells"]))):
            want = Counter(_norm(g[c]).split()) if c < len(g) else Counter()
            have = Counter(_norm(r["cells"][c]).split()) if c < len(r["cells"]) else Counter()
            short[pi, c], surplus[pi, c] = want - have, have - want
    for (pi, c), miss in short.items():
        for w, n in miss.items():
            for cause, keys in (("other column", [(pi, cc) for (p2, cc) in surplus if p2 == pi and cc != c]),
                                ("other row", [k for k in surplus if k[0] in (pi - 1, pi + 1)])):
                for k in keys:
                    take = min(n, surplus[k][w])
                    if take:
                        surplus[k][w] -= take
                        out[cause] += take
                        n -= take
            out["misread"] += n
    out["extra"] += sum(sum(v.values()) for v in surplus.values())
    return out


def per_doc(docs: list[Path], variant: str, model: str, cache: Path | None) -> None:
    """One line per document: rows right, cell F1, header fields wrong; then the totals."""
    print(f"| doc ({variant}) | rows right | cell F1 | header wrong | gold words lost: " + " / ".join(LOSS_CAUSES) + " |")
    print("|---|---|---|---|---|")
    rows = items = f1 = 0.0
    total: Counter[str] = Counter()
    for doc in docs:
        path = doc.with_name(doc.name.replace("ocr.txt", variant))
        d = parsed(path, model, cache)
        s = structure(path, model, cache, d)
        lost = losses(json.loads(path.with_name(path.name.replace(variant, "gt.json")).read_text()), d)
        total += lost
        n = s["n_items"]
        wrong = [f for f in HEADER_FIELDS if s[f"header.{f}"] < 1.0]
        print(f"| {doc.name.split('.')[0]} | {round(s['rows_found'] * n)}/{n:.0f} | {s['cell_f1']:.3f} | {', '.join(wrong)} | "
              + " / ".join(str(lost[c]) for c in LOSS_CAUSES) + " |")
        rows += s["rows_found"] * n
        f1 += s["cell_f1"] * n
        items += n
    print(f"| **all {len(docs)}** | {100 * rows / max(1, items):.1f} % ({rows:.0f}/{items:.0f}) | {f1 / max(1, items):.3f} | | "
          + " / ".join(str(total[c]) for c in LOSS_CAUSES) + " |")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="work/legacy")
    p.add_argument("--split", default="test", choices=["dev", "test"])
    p.add_argument("--model", default="fast", choices=["fast", "accurate"])
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--first", default="", help="only documents whose number starts so (e.g. 00: the 5-column corpus-prose set, 02: 4/6 columns)")
    p.add_argument("--restore-only", action="store_true")
    p.add_argument("--per-doc", action="store_true", help="structure only: one line per document (rows right, cell F1, header fields wrong)")
    p.add_argument("--variant", default="ocr", choices=["ocr", "stripped", "typed"], help="the input --per-doc reads")
    p.add_argument("--half", choices=["even", "odd"], help="only documents whose number is even (or odd): tune on one half, check on the other")
    p.add_argument("--explain", metavar="NAME", help="the lost rows and worst cells of one document (e.g. dev_0703)")
    p.add_argument("--errors", action="store_true", help="with --restore-only: the syllable edits of each line kind by cause (scripts/bench/table_errors.py)")
    p.add_argument("--cache", type=Path, help="keep restored pages here (keyed by input, model and restoration code): structure reruns alone")
    args = p.parse_args(argv)
    if args.explain:
        doc = Path(args.data) / f"{args.explain}.{args.variant}.txt"
        if not doc.exists():
            p.error(f"no {doc}")
        explain(doc, args.model, args.cache)
        return 0
    docs = sorted(Path(args.data).glob(f"{args.split}_{args.first}*.ocr.txt"))
    if args.half:
        docs = [d for d in docs if int(re.sub(r"\D", "", d.name.split(".")[0]) or 0) % 2 == (args.half == "odd")]
    if args.limit:
        docs = docs[: args.limit]
    if not docs:
        p.error(f"no {args.split}_*.ocr.txt in {args.data}: run python -m scripts.data.make_legacy_docs first")
    if args.per_doc:
        per_doc(docs, f"{args.variant}.txt", args.model, args.cache)
        return 0
    print(f"{len(docs)} {args.split}-split documents in {args.data}, model {args.model}\n")
    print("| code | lines | syllables | syllable acc. | CER |")
    print("|---|---|---|---|---|")
    name = "now"
    t0 = time.process_time()
    errors: dict[str, ErrorCounts] | None = {} if args.errors else None
    scores = restoration(docs, args.model, errors)
    for kind in ("prose", "table"):
        s = scores.get(kind, TextScores())
        print(f"| {name} | {kind} | {s.syllables:,} | {100 * s.syllable_accuracy:.2f} % | {100 * s.cer:.2f} % |")
    print(f"<!-- {name}: {time.process_time() - t0:.0f} CPU s -->")
    for kind, counts in sorted((errors or {}).items(), reverse=True):
        print(f"\n{counts.table(kind)}\n\n{counts.shown()}")
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
            s = structure(path, args.model, args.cache)
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
