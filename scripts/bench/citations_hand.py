"""Citation finder against lists made without it (issue 17): a hand-made list and an independent
extractor.  Method and annotation rules: data/citations-hand/README.md; results:
docs/bench/citations.md.

    python -m scripts.bench.citations_hand draw  [--seed 17]   # the seeded draw -> data/citations-hand/sample.json
    python -m scripts.bench.citations_hand show                 # print the drawn passages (for annotating)
    python -m scripts.bench.citations_hand score                # the finder against the hand list
    python -m scripts.bench.citations_hand cross [--news 300]   # finder vs scripts/bench/cite_reference.py

The texts are read from the corpus at run time; the repo keeps only ids and character offsets.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scripts.lib.corpus import DEFAULT_SPLITS, SplitFile

ROOT = Path(__file__).resolve().parents[2]
HAND = ROOT / "data" / "citations-hand"
SAMPLE = HAND / "sample.json"
MENTIONS = HAND / "mentions.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

SEED = 17
WINDOW = 2500  # characters of a passage cut from a longer document
# How many of each stratum the draw takes: the test split's legal strata whole (60 titles, 20
# paragraphs, 3 documents: each cut into passages, see _passages) and 20 of its news texts that cite.
DRAW = {"legal/title": 60, "legal/paragraph": 20, "legal/document": 3, "news": 20, "passages": 4}
# Pre-filter for news texts that cite a document: a type word, then a digit within a few words.
# It only picks which news items are eligible for the draw; every mention in a drawn passage is
# annotated, whether or not it matches this.
NEWS_CITES = re.compile(r"(Nghị định|Thông tư|Quyết định|Nghị quyết|Chỉ thị|Công văn|Luật|Kết luận)[^.\n]{0,25}?\d")


def _read_sources(corpus: Path, want: dict[str, set[str]]) -> dict[str, str]:
    """Texts of the wanted ids, keyed "source/id"."""
    out: dict[str, str] = {}
    for source, ids in want.items():
        for path in sorted((corpus / source).glob("*.jsonl.xz")):
            with lzma.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    doc = json.loads(line)
                    if str(doc.get("id")) in ids:
                        out[f"{source}/{doc['id']}"] = doc["text"]
    return out


def _group(keys: Iterable[str]) -> dict[str, set[str]]:
    want: dict[str, set[str]] = {}
    for key in keys:
        source, _, doc_id = key.partition("/")
        want.setdefault(source, set()).add(doc_id)
    return want


def _snap(text: str, lo: int, size: int = WINDOW) -> tuple[int, int]:
    """A window of about ``size`` characters from the start of the line holding ``lo`` to a line
    end (or, in a very long line, to a sentence end or a space before 2 * ``size``)."""
    lo = text.rfind("\n", 0, lo) + 1
    if lo + size >= len(text):
        return lo, len(text)
    hi = text.find("\n", lo + size)
    if 0 <= hi <= lo + 2 * size:
        return lo, hi
    cap = min(len(text), lo + 2 * size)
    cut = text.rfind(". ", lo + size, cap)
    return lo, cut + 1 if cut >= 0 else max(text.rfind(" ", lo + size, cap), lo + size)


def _passages(key: str, text: str, rng: random.Random) -> list[dict]:
    """A long document is cut into consecutive windows; the opening (the legal bases) is taken and
    DRAW["passages"] of the others are drawn (no two overlap)."""
    tiles = [_snap(text, 0)]
    while tiles[-1][1] < len(text) - 1:
        tiles.append(_snap(text, tiles[-1][1] + 1))
    chosen = [tiles[0]] + sorted(rng.sample(tiles[1:], min(DRAW["passages"], len(tiles) - 1)))
    return [dict(doc=key, stratum="legal/document", start=a, end=b) for a, b in chosen]


def draw(corpus: Path, splits: str, seed: int) -> list[dict]:
    """The seeded draw from the TEST split of the duplicate-aware split file."""
    sf = SplitFile.load(splits)
    test = sf.meta["test"]
    rng = random.Random(seed)
    items: list[dict] = []
    legal_keys = sorted(k for s in ("legal/title", "legal/paragraph", "legal/document") for k in test[s])  # type: ignore[index]
    texts = _read_sources(corpus, _group(legal_keys))
    for stratum in ("legal/title", "legal/paragraph", "legal/document"):
        keys = sorted(test[stratum])  # type: ignore[index]
        for key in rng.sample(keys, min(DRAW[stratum], len(keys))):
            text = texts[key]
            if len(text) > WINDOW * 1.5:
                items += _passages(key, text, rng)
            else:
                items.append(dict(doc=key, stratum=stratum, start=0, end=len(text)))
    news_keys = sorted(k for s in ("general/paragraph", "general/document") for k in test[s] if k.startswith("news_"))  # type: ignore[index]
    ntexts = _read_sources(corpus, _group(news_keys))
    eligible = sorted(k for k in news_keys if k in ntexts and NEWS_CITES.search(ntexts[k]))
    for key in rng.sample(eligible, DRAW["news"]):
        text = ntexts[key]
        m = NEWS_CITES.search(text)
        assert m is not None
        lo, hi = _snap(text, m.start())
        items.append(dict(doc=key, stratum="news", start=lo, end=hi))
    print(f"news eligible: {len(eligible)} of {len(news_keys)} test news documents", file=sys.stderr)
    return items


def load_texts(corpus: Path, items: list[dict]) -> dict[str, str]:
    return _read_sources(corpus, _group({it["doc"] for it in items}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("draw", "show", "score", "cross"))
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--splits", default=str(ROOT / DEFAULT_SPLITS))
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if args.mode == "draw":
        items = draw(corpus, args.splits, args.seed)
        SAMPLE.parent.mkdir(parents=True, exist_ok=True)
        meta = {"seed": args.seed, "splits": DEFAULT_SPLITS, "window": WINDOW, "draw": DRAW, "items": items}
        SAMPLE.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{len(items)} passages -> {SAMPLE}")
        return 0
    items = json.loads(SAMPLE.read_text("utf-8"))["items"]
    texts = load_texts(corpus, items)
    if args.mode == "show":
        for n, it in enumerate(items):
            print(f"===== [{n}] {it['doc']} {it['stratum']} [{it['start']}:{it['end']}]")
            print(texts[it["doc"]][it["start"]:it["end"]])
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
