"""Stamp and hand-writing garbage in the body text of the real scans (issue 14, build item 3).

    nice -n 10 python -m scripts.bench.realscan_garbage [--real ../shared/real-scans]
        [--out work/realscan] [--code DIR] [--compare work/realscan_before] [--only 2352]

Runs ``vanban parse --jobs 1 --json --alto`` on every scan in ``--real`` (PDFs and JPEGs; the
born-digital controls are kept: their text layer must stay clean) and counts, in each page's text
(the body text the document JSON gives in ``pages[].text``):

* ``nonword``: a token of letters only that is no Vietnamese syllable and no all-capitals
  abbreviation (``ĐẾN`` and ``THADS`` pass, ``đÁ``, ``Tittọc`` do not);
* ``symbol``: a token with a character these documents never print (``®``, ``†``, ``⁄``, ``£``,
  ``#``, ``|``, ``~``) or a run of three or more marks that is not a dot leader (``"“—``);
* ``in_region``: ALTO words of the page whose centre lies inside a stamp, hand-writing or seal
  region that the document JSON flags (``regions``) and that are unsure (word confidence below 0.6)
  or garbage by the two tests above: print under a seal or beside a signature, read surely, is no
  garbage and stays; the "…" that marks an unreadable hand-written number is no garbage either.  Code without regions has none of its own: the
  regions of the ``--compare`` run are used for it, so before and after are counted on the same boxes.

``--code DIR`` parses with the ``pipeline`` of another checkout (``git archive BASE pipeline |
tar -x -C DIR``): the code before a change.  Prints a markdown table per file and the totals.
The real scans have no split and no ground truth for the body text: the counts were used for
tuning, not as a held-out measure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from pipeline.vn.syllables import is_vietnamese_syllable

ROOT = Path(__file__).resolve().parents[2]
SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png")
# What the body text of these documents prints besides letters and digits.
ALLOWED_MARKS = frozenset(".,;:!?()[]\"'“”‘’/-–—%&+*…§°=<>_")
EDGE = ".,;:!?()[]\"'“”‘’…*"
RUN_RE = re.compile(r"[^\w\s]{3,}")


def token_kind(token: str) -> str | None:
    """"symbol", "nonword" or None (a plausible token) for one whitespace-separated token."""
    token = unicodedata.normalize("NFC", token)
    if any(not (c.isalnum() or c in ALLOWED_MARKS) for c in token):
        return "symbol"
    for run in RUN_RE.findall(token):
        if set(run) - {".", "…"} and not set(run) <= {"-", "–", "—", "_"}:
            return "symbol"
    core = token.strip(EDGE)
    if not core or not core.isalpha():
        return None
    if core.isupper() or is_vietnamese_syllable(core):
        return None
    if core[:1].isupper() and core[1:].islower() and len(core) <= 3:
        return None  # a proper-name part or a foreign word cut short ("Hà", "Vi")
    return "nonword" if not _foreign(core) else None


def _foreign(core: str) -> bool:
    """An English/Latin word without Vietnamese marks (website, email, Online): not garbage."""
    return all("a" <= c <= "z" for c in core.lower()) and len(core) >= 4


def count_text(text: str) -> dict[str, int]:
    out = {"tokens": 0, "nonword": 0, "symbol": 0}
    for tok in text.split():
        out["tokens"] += 1
        kind = token_kind(tok)
        if kind:
            out[kind] += 1
    return out


Centred = tuple[str, float, tuple[float, float]]


def alto_words(path: Path) -> dict[int, list[Centred]]:
    """Page number -> (word, confidence, centre) of an ALTO file."""
    out: dict[int, list[Centred]] = {}
    if not path.exists():
        return out
    tree = ET.parse(path)
    pages = [el for el in tree.iter() if el.tag.endswith("}Page") or el.tag == "Page"]
    for n, page in enumerate(pages, 1):
        words = out.setdefault(n, [])
        for el in page.iter():
            if el.tag.endswith("String"):
                x, y = float(el.get("HPOS", 0)), float(el.get("VPOS", 0))
                w, h = float(el.get("WIDTH", 0)), float(el.get("HEIGHT", 0))
                words.append((el.get("CONTENT", ""), float(el.get("WC", 1)), (x + w / 2, y + h / 2)))
    return out


def in_regions(words: dict[int, list[Centred]], regions: list[dict[str, Any]]) -> int:
    n = 0
    for r in regions:
        x0, y0, x1, y1 = r["bbox"]
        n += sum(1 for text, wc, (cx, cy) in words.get(int(r["page_no"]), [])
                 if x0 <= cx <= x1 and y0 <= cy <= y1 and not text.startswith("…") and (wc < 0.6 or token_kind(text)))
    return n


def parse(src: Path, out: Path, code: str | None) -> float:
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = f"{code}:{ROOT}" if code else str(ROOT)
    if code and (ROOT / "models").is_dir():
        env.setdefault("VANBAN_MODELS", str(ROOT / "models"))  # an archived pipeline/ has no models
    cmd = [sys.executable, "-P", "-m", "pipeline.cli", "parse", str(src), "--json", str(out / "doc.json"),
           "--alto", str(out / "doc.alto.xml"), "--jobs", "1", "--quiet"]
    import time

    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=False, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def measure(folder: Path, regions_from: Path | None) -> dict[str, Any]:
    doc = json.loads((folder / "doc.json").read_text(encoding="utf-8"))
    totals = {"tokens": 0, "nonword": 0, "symbol": 0}
    for p in doc.get("pages", ()):
        for k, v in count_text(p.get("text", "")).items():
            totals[k] += v
    regions = doc.get("regions") or []
    ref = regions
    if regions_from is not None and (regions_from / "doc.json").exists():
        ref = json.loads((regions_from / "doc.json").read_text(encoding="utf-8")).get("regions") or []
    totals["in_region"] = in_regions(alto_words(folder / "doc.alto.xml"), ref)
    totals["regions"] = len(regions)
    totals["number"] = (doc.get("header") or {}).get("number")
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real-scans"))
    ap.add_argument("--out", default=str(ROOT / "work" / "realscan"))
    ap.add_argument("--code", default=None, help="import pipeline from this checkout instead")
    ap.add_argument("--compare", default=None, help="an earlier --out: its regions count for this run too")
    ap.add_argument("--only", default=None, help="only files whose name contains this")
    ap.add_argument("--no-parse", action="store_true", help="measure the JSON already in --out")
    args = ap.parse_args(argv)
    real, out = Path(args.real), Path(args.out)
    files = sorted(p for p in real.rglob("*") if p.suffix.lower() in SUFFIXES and (not args.only or args.only in p.name))
    print("| file | tokens | non-words | symbol runs | words in regions | regions | header number | s |")
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    total = {"tokens": 0, "nonword": 0, "symbol": 0, "in_region": 0, "regions": 0}
    for f in files:
        name = f"{f.parent.name}/{f.name}"
        sub = out / re.sub(r"[^\w.-]+", "_", name)
        secs = 0.0 if args.no_parse else parse(f, sub, args.code)
        if not (sub / "doc.json").exists():
            print(f"| {f.name[:40]} | failed | | | | | | {secs:.1f} |")
            continue
        ref = Path(args.compare) / sub.name if args.compare else None
        m = measure(sub, ref)
        for k in total:
            total[k] += int(m[k])
        print(f"| {f.name[:40]} | {m['tokens']} | {m['nonword']} | {m['symbol']} | {m['in_region']} | "
              f"{m['regions']} | `{m['number']}` | {secs:.1f} |", flush=True)
    print(f"| **all {len(files)} files** | {total['tokens']} | {total['nonword']} | {total['symbol']} | "
          f"{total['in_region']} | {total['regions']} | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
