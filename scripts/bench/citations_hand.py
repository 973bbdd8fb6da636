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
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scripts.lib.corpus import DEFAULT_SPLITS, SplitFile, iter_docs

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
    return {f"{source}/{doc_id}": text for source, doc_id, text in iter_docs(corpus, only=want)
            if doc_id in want[source]}


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


# The second draw (made after the first list had been scored once; the finder was again not run on
# its passages before they were annotated): every other passage of thông tư 102/2018 (its running
# text cites), 8 more drawn passages of thông tư 37/2026, every remaining eligible news text and
# every eligible encyclopedia (viwiki) text of the test split (11).
SEED2 = 18
MORE_PASSAGES = {"legal_congbao_8chude/thong-tu-so-102-2018-tt-btc-28383": None,
                 "legal_diepxuan_vanban/van-ban/xay-dung/thong-tu-37-2026-tt-bxd-dinh-muc-du-toan-xay-dung.md": 8}


def _tiles(text: str) -> list[tuple[int, int]]:
    tiles = [_snap(text, 0)]
    while tiles[-1][1] < len(text) - 1:
        tiles.append(_snap(text, tiles[-1][1] + 1))
    return tiles


def draw2(corpus: Path, splits: str, items: list[dict]) -> list[dict]:
    """The second batch of passages (``batch`` 2), appended after the first."""
    rng = random.Random(SEED2)
    taken = {(it["doc"], it["start"]) for it in items}
    texts = _read_sources(corpus, _group(MORE_PASSAGES))
    out: list[dict] = []
    for key, n in MORE_PASSAGES.items():
        left = [t for t in _tiles(texts[key]) if (key, t[0]) not in taken]
        chosen = sorted(left if n is None else rng.sample(left, n))
        out += [dict(doc=key, stratum="legal/document", start=a, end=b, batch=2) for a, b in chosen]
    test = SplitFile.load(splits).meta["test"]
    done = {it["doc"] for it in items}
    for prefix, stratum in (("news_", "news"), ("general_viwiki", "encyclopedia")):
        keys = sorted(k for s in ("general/paragraph", "general/document") for k in test[s] if k.startswith(prefix))  # type: ignore[index]
        ntexts = _read_sources(corpus, _group(keys))
        for key in sorted(k for k in keys if k in ntexts and k not in done and NEWS_CITES.search(ntexts[k])):
            m = NEWS_CITES.search(ntexts[key])
            assert m is not None
            lo, hi = _snap(ntexts[key], m.start())
            out.append(dict(doc=key, stratum=stratum, start=lo, end=hi, batch=2))
    return out


def load_texts(corpus: Path, items: list[dict]) -> dict[str, str]:
    return _read_sources(corpus, _group({it["doc"] for it in items}))


# ---- the hand list -------------------------------------------------------------------------

STATE_TYPES = {"NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "KH", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ", "CTr",
               "PA", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL", "NĐ", "TT", "TTLT",
               "QĐi", "KL", "CV", "CTPH", "L", "PL", "TTh", "GN"}


def symbol_parts(sym: str) -> dict:
    """Number, year segment, type code and issuer codes of a normalised symbol (the annotator's)."""
    if re.match(r"^\d+\w*-[^/]+/", sym):  # Party form: 57-KL/TW
        num, _, rest = sym.partition("-")
        typ, _, iss = rest.partition("/")
        return {"number": num, "year": None, "type_code": typ, "issuers": iss.split("-"), "form": "party"}
    if "/" not in sym:  # old form <số>-<cơ quan>: 55-CP, 321-CT, 79-HĐBT
        num, _, iss = sym.partition("-")
        return {"number": num, "year": None, "type_code": None, "issuers": [iss], "form": "old"}
    segs = sym.split("/")
    if len(segs) > 3:  # irregular: 23/CV/VPF/2011
        return {"number": segs[0], "year": None, "type_code": None, "issuers": segs[1:], "form": "irregular"}
    num, year = segs[0], None
    if len(segs) == 3 and segs[1].isdigit():
        year = int(segs[1])
    codes = segs[-1].split("-")
    if codes[0] in STATE_TYPES:
        typ, iss = codes[0], codes[1:]
    else:
        typ, iss = None, codes
    form = "law" if year and typ is None else "legal" if year else "state" if typ else "cong_van"
    return {"number": num, "year": year, "type_code": typ, "issuers": iss, "form": form}


@dataclass(frozen=True)
class Note:
    item: int
    span: str
    symbol: str | None
    type_word: str | None
    date: str | None
    role: str
    occurrence: str


def read_notes(path: Path = HAND / "annotations.txt") -> list[Note]:
    notes = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = [x.strip() for x in line.split("|")]
        f += [""] * (7 - len(f))
        dash = lambda v: None if v in ("-", "") else v  # noqa: E731
        notes.append(Note(int(f[0]), f[1], dash(f[2]), dash(f[3]), dash(f[4]), f[5] or "cited", f[6] or "1"))
    return notes


def _locate(passage: str, span: str, occurrence: str) -> list[tuple[int, int]]:
    """Offsets (in the passage) of the span the annotator wrote; "[...]" marks the span inside context."""
    needle = span.replace("[", "").replace("]", "")
    lo_in, hi_in = (span.index("["), span.index("]") - 1) if "[" in span else (0, len(needle))
    hits, k = [], passage.find(needle)
    while k >= 0:
        hits.append((k + lo_in, k + hi_in))
        k = passage.find(needle, k + 1)
    if occurrence == "*":
        return hits
    n = int(occurrence)
    if n > len(hits):
        raise ValueError(f"span {span!r}: occurrence {n} of {len(hits)}")
    return [hits[n - 1]]


def build(items: list[dict], texts: dict[str, str], notes: list[Note]) -> list[dict]:
    """The mention records (absolute offsets into the corpus text) of the annotator's notes."""
    out = []
    for n in notes:
        it = items[n.item]
        passage = texts[it["doc"]][it["start"]:it["end"]]
        for a, b in _locate(passage, n.span, n.occurrence):
            rec = {"item": n.item, "doc": it["doc"], "start": it["start"] + a, "end": it["start"] + b,
                   "text": passage[a:b], "symbol": n.symbol, "type_word": n.type_word, "date": n.date, "role": n.role}
            if n.symbol:
                rec.update(symbol_parts(n.symbol))
            out.append(rec)
    out.sort(key=lambda r: (r["item"], r["start"]))
    return out


def read_mentions(path: Path = MENTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


# ---- scoring ------------------------------------------------------------------------------

PUNCT = " \t\n.,;:()[]\"'“”‘’"


def norm_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` with leading and trailing punctuation and spaces removed."""
    while a < b and text[a] in PUNCT:
        a += 1
    while b > a and text[b - 1] in PUNCT:
        b -= 1
    return a, b


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    symbol: str
    date: str | None
    type_word: str | None = None


@dataclass
class Tally:
    hand: int = 0
    pred: int = 0
    found: int = 0  # span matched
    symbol_ok: int = 0  # span matched and symbol right
    right: int = 0  # span, symbol and date right

    def add(self, other: Tally) -> None:
        for k in ("hand", "pred", "found", "symbol_ok", "right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def row(self, name: str) -> str:
        p = self.right / self.pred if self.pred else None
        r = self.right / self.hand if self.hand else None
        dp = self.found / self.pred if self.pred else None
        dr = self.found / self.hand if self.hand else None
        def f(x: float | None) -> str:
            return "–" if x is None else f"{x:.3f}"

        return (f"| {name} | {self.hand} | {self.pred} | {self.found} | {self.symbol_ok} | {self.right} | "
                f"{f(dp)} | {f(dr)} | **{f(p)}** | **{f(r)}** |")


def score_passage(text: str, hand: list[dict], preds: list[Pred], errors: list[str] | None = None) -> Tally:
    """Match hand mentions (role cited) and predictions by symbol span (± punctuation).  Predictions
    on a hand span of role own or partial are left out of the count (reported by the caller)."""
    cited = [h for h in hand if h["role"] == "cited"]
    other = [norm_span(text, h["start"], h["end"]) for h in hand if h["role"] != "cited"]
    keyed = {norm_span(text, h["start"], h["end"]): h for h in cited}
    t = Tally(hand=len(cited))
    for p in preds:
        key = norm_span(text, p.start, p.end)
        if any(key[0] < b and key[1] > a for a, b in other) and key not in keyed:
            continue
        t.pred += 1
        h = keyed.pop(key, None)
        if h is None:
            if errors is not None:
                errors.append(f"spurious: {text[p.start:p.end]!r} -> {p.symbol} {p.date}")
            continue
        t.found += 1
        sym_ok = p.symbol == h["symbol"]
        t.symbol_ok += sym_ok
        t.right += sym_ok and p.date == h["date"]
        if errors is not None and not (sym_ok and p.date == h["date"]):
            errors.append(f"wrong: {h['text']!r}: finder {p.symbol} {p.date}, hand {h['symbol']} {h['date']}")
    if errors is not None:
        errors += [f"missed: {h['text']!r} ({h['symbol']} {h['date']})" for h in keyed.values()]
    return t


def finder_preds(text: str) -> tuple[list[Pred], object]:
    """The finder as ``vanban`` runs it on a text: ``check_citations(text)``, the cited documents."""
    from pipeline.citations import check_citations

    rep = check_citations(text)
    return [Pred(c.symbol_span[0], c.symbol_span[1], c.symbol.text, c.date.iso if c.date else None, c.type_word)
            for c in rep.cited()], rep


def reference_preds(text: str) -> list[Pred]:
    from scripts.bench.cite_reference import extract

    return [Pred(m.start, m.end, m.symbol, m.date, m.type_word) for m in extract(text) if m.role == "cited"]


def doc_kind(doc: str) -> str:
    """The citing document's kind, from its corpus id."""
    if doc.startswith("news_"):
        return "news"
    if doc.startswith("general_viwiki"):
        return "encyclopedia"
    if doc.startswith("legal_phapdien"):
        return "đề mục (pháp điển title)"
    if doc.startswith("admin_binhduong"):
        code = doc.split("/")[-1].split("-")[0]
        return {"QĐ": "quyết định", "KH": "kế hoạch", "TB": "thông báo", "NQ": "nghị quyết"}.get(code, "công văn")
    return "thông tư"


def score(items: list[dict], texts: dict[str, str], mentions: list[dict]) -> int:
    by_item: dict[int, list[dict]] = {}
    for m in mentions:
        by_item.setdefault(m["item"], []).append(m)
    kinds: dict[str, Tally] = {}
    strata: dict[str, Tally] = {}
    batches: dict[str, Tally] = {}
    errors: list[str] = []
    partial_hit = partial_n = own_ok = own_n = 0
    ref, ref_errors = Tally(), []  # the independent extractor against the same hand list
    for n, it in enumerate(items):
        doc = texts[it["doc"]]
        text = doc[it["start"]:it["end"]]
        hand = [dict(m, start=m["start"] - it["start"], end=m["end"] - it["start"]) for m in by_item.get(n, [])]
        preds, rep = finder_preds(text)
        errs: list[str] = []
        t = score_passage(text, hand, preds, errs)
        errors += [f"[{n}] {it['doc'][:60]}: {e}" for e in errs]
        kinds.setdefault(doc_kind(it["doc"]), Tally()).add(t)
        ref.add(score_passage(text, hand, reference_preds(text), ref_errors))
        strata.setdefault(it["stratum"], Tally()).add(t)
        batches.setdefault(f"batch {it.get('batch', 1)}", Tally()).add(t)
        for h in hand:
            if h["role"] == "partial":
                partial_n += 1
                partial_hit += any(p.start < h["end"] and p.end > h["start"] for p in preds)
            elif h["role"] == "own":
                own_n += 1
                own_ok += getattr(rep, "document_number", None) == h["symbol"]
    head = ("| {} | hand mentions | finder mentions | span found | + symbol right | + date right | "
            "span precision | span recall | precision | recall |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(head.format("citing document"))
    total = Tally()
    for k in sorted(kinds):
        print(kinds[k].row(k))
        total.add(kinds[k])
    print(total.row("**all**"))
    print()
    print(head.format("stratum"))
    for k in sorted(strata):
        print(strata[k].row(k))
    print()
    print(head.format("batch"))
    for k in sorted(batches):
        print(batches[k].row(k))
    print(f"\nown numbers (Số: …) read as the document number: {own_ok} of {own_n}; "
          f"number-only mentions (no symbol, not scored) the finder reported: {partial_hit} of {partial_n}")
    print(f"passages: {len(items)}, with a mention: {len(by_item)}")
    print("\nThe independent extractor (scripts/bench/cite_reference.py) against the same hand list:\n")
    print(head.format("extractor"))
    print(ref.row("cite_reference"))
    print(total.row("finder (above)"))
    print("\nfinder errors (span, symbol or date):")
    for e in errors:
        print(f"- {e}")
    print("\nextractor errors:")
    for e in ref_errors:
        print(f"- {e}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("draw", "draw2", "show", "build", "score", "cross"))
    ap.add_argument("--batch", type=int, default=None, help="show: only the passages of this batch")
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
    if args.mode == "draw2":
        meta = json.loads(SAMPLE.read_text("utf-8"))
        if any(it.get("batch") == 2 for it in items):
            print("batch 2 already drawn", file=sys.stderr)
            return 1
        more = draw2(corpus, args.splits, items)
        meta["items"] = items + more
        meta["seed2"] = SEED2
        SAMPLE.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{len(more)} more passages -> {SAMPLE}")
        return 0
    texts = load_texts(corpus, items)
    if args.mode == "show":
        for n, it in enumerate(items):
            if args.batch is not None and it.get("batch", 1) != args.batch:
                continue
            print(f"===== [{n}] {it['doc']} {it['stratum']} [{it['start']}:{it['end']}]")
            print(texts[it["doc"]][it["start"]:it["end"]])
        return 0
    if args.mode == "build":
        recs = build(items, texts, read_notes())
        MENTIONS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
        roles = Counter(r["role"] for r in recs)
        print(f"{len(recs)} mentions ({dict(roles)}) -> {MENTIONS}")
        return 0
    if args.mode == "score":
        return score(items, texts, read_mentions())
    from scripts.bench.cite_reference import cross

    return cross(corpus, args.splits, items, texts)


if __name__ == "__main__":
    sys.exit(main())
