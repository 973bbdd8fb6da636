"""Build the known-document registry (symbol -> issue date, issuer, type, title, support).

Mines ../shared/corpus: each document's own number and date line ("Số: 158/2025/NĐ-CP ...
Hà Nội, ngày 25 tháng 6 năm 2025"), the congbao ``so_hieu`` field, the binhduong ``id`` +
``ngay_ban_hanh`` fields, and every dated citation in the texts ("Nghị định số 152/2020/NĐ-CP
ngày 30/12/2020 của Chính phủ").  Dates are voted: for a symbol with a year segment the majority
date wins (a few typos in the corpus must not become "known"); symbols without one are kept per
year, since state numbering restarts every 1 January.

    nice -n 10 python3 -m scripts.data.build_registry [--corpus ../shared/corpus] [--out pipeline/citations/data/registry.json.gz]
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import regex

from pipeline.citations.finder import find
from pipeline.citations.registry import REGISTRY_FORMAT
from pipeline.citations.symbols import parse_symbol
from pipeline.io import atomic_write_bytes
from pipeline.vn.dates import parse_iso, valid_ymd
from pipeline.vn.symbols import SYMBOL_RE

TIER1 = ("legal_phapdien", "legal_diepxuan_vanban", "legal_uts_vlc", "admin_khanhng29",
         "legal_congbao_8chude", "admin_binhduong_trichyeu")
FIELDS = ("date", "issuer", "doc_type", "title", "sources", "origin")
_TITLE = regex.compile(r"\s*,?\s*(?:về|ban hành|quy định|hướng dẫn)\s+([^;\n]{5,160}?)(?=[;\n]|\.\s)", regex.V1)
OWN_WEIGHT = 3  # a document's own header outweighs a few mentions elsewhere


class Votes:
    """Evidence per symbol: date -> sources, and the best issuer / type / title seen."""

    def __init__(self) -> None:
        self.dates: dict[str, Counter[str]] = defaultdict(Counter)
        self.meta: dict[tuple[str, str], dict[str, str]] = {}
        self.own: set[tuple[str, str]] = set()

    def add(self, sym: str, iso: str, weight: int = 1, own: bool = False, **meta: str | None) -> None:
        self.dates[sym][iso] += weight
        slot = self.meta.setdefault((sym, iso), {})
        for k, v in meta.items():
            if v and (k not in slot or own):
                slot[k] = v[:160]
        if own:
            self.own.add((sym, iso))


def _iso(y: int, m: int, d: int) -> str | None:
    return f"{y:04d}-{m:02d}-{d:02d}" if valid_ymd(y, m, d) else None


def mine_text(votes: Votes, text: str, doc_type: str | None = None, title: str | None = None,
              so_hieu: str | None = None) -> None:
    """Own number (+ date line) and every dated citation of one document."""
    found = find(text, own_number=so_hieu)
    own = next((c for c in found.citations if c.role == "own_number"), None)
    dl = found.date_line
    if own is not None and dl is not None and dl.day_raw.isdigit() and dl.month_raw.isdigit():
        iso = _iso(dl.year, int(dl.month_raw), int(dl.day_raw))
        if iso and (own.symbol.year is None or own.symbol.year == dl.year) and not own.symbol.problems:
            first_line = text.split("\n", 1)[0].strip()
            issuer = first_line if first_line.isupper() and len(first_line) < 80 else None
            votes.add(own.symbol.text, iso, OWN_WEIGHT, True, issuer=issuer, doc_type=doc_type, title=title)
    for c in found.citations:
        if c.role != "citation" or c.date is None or c.date.iso is None or c.symbol.problems:
            continue
        if c.symbol.year is not None and c.date.year != c.symbol.year:
            continue  # a typo somewhere: do not teach it
        t = _TITLE.match(text, c.span[1], min(len(text), c.span[1] + 200))
        votes.add(c.symbol.text, c.date.iso, 1, issuer=c.issuer, doc_type=c.type_word,
                  title=t.group(1).strip() if t else None)


def mine(corpus: Path, only: tuple[str, ...], limit: int | None) -> tuple[Votes, dict[str, int]]:
    votes = Votes()
    stats: dict[str, int] = {}
    for source in only:
        files = sorted((corpus / source).glob("*.jsonl.xz"))
        n = 0
        for path in files:
            with lzma.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if limit is not None and n >= limit:
                        break
                    doc = json.loads(line)
                    n += 1
                    text = doc.get("text") or ""
                    if source == "admin_binhduong_trichyeu":
                        m = SYMBOL_RE.fullmatch(doc.get("id", ""))
                        ymd = parse_iso(doc.get("ngay_ban_hanh"))
                        sym = parse_symbol(m) if m else None
                        if sym and ymd and not sym.problems and valid_ymd(*ymd):
                            iso = _iso(*ymd)
                            assert iso is not None
                            votes.add(sym.text, iso, OWN_WEIGHT, True, issuer="UBND tỉnh Bình Dương",
                                      doc_type=None, title=text)
                        continue
                    so_hieu = doc.get("so_hieu")
                    m = SYMBOL_RE.fullmatch(so_hieu) if isinstance(so_hieu, str) else None
                    sym = parse_symbol(m) if m else None
                    mine_text(votes, text, doc.get("loai"), doc.get("title"), sym.text if sym else None)
        stats[source] = n
        print(f"  {source}: {n} documents, {len(votes.dates)} symbols so far", file=sys.stderr, flush=True)
    return votes, stats


def decide(votes: Votes, min_share: float = 0.3) -> dict[str, list[list[object]]]:
    """Keep, per symbol, the dates with enough support (per year when there is no year segment)."""
    out: dict[str, list[list[object]]] = {}
    for sym, counts in votes.dates.items():
        by_year: dict[str, Counter[str]] = defaultdict(Counter)
        has_year = bool(regex.match(r"^\d+/(?:19|20)\d\d/", sym))
        for iso, n in counts.items():
            by_year["all" if has_year else iso[:4]][iso] += n
        rows = []
        for group in by_year.values():
            total = sum(group.values())
            top = group.most_common(1)[0][1]
            for iso, n in group.most_common():
                if n == top or n >= min_share * total:
                    meta = votes.meta.get((sym, iso), {})
                    origin = "own" if (sym, iso) in votes.own else "cited"
                    rows.append([iso, meta.get("issuer"), meta.get("doc_type"), meta.get("title"), n, origin])
        out[sym] = sorted(rows, key=lambda r: str(r[0]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--out", default="pipeline/citations/data/registry.json.gz")
    ap.add_argument("--sources", default=",".join(TIER1), help="comma-separated corpus folders (tier 1 by default)")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per source (quick runs)")
    args = ap.parse_args(argv)
    t0 = time.time()
    only = tuple(s for s in args.sources.split(",") if s)
    votes, stats = mine(Path(args.corpus), only, args.limit)
    symbols = decide(votes)
    data = {
        "format": REGISTRY_FORMAT,
        "built_from": {"corpus": args.corpus, "documents": stats},
        "command": "nice -n 10 python3 -m scripts.data.build_registry " + " ".join(argv if argv is not None else sys.argv[1:]),
        "fields": list(FIELDS),
        "symbols": dict(sorted(symbols.items())),
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    atomic_write_bytes(args.out, gzip.compress(raw, 9, mtime=0))
    n_rows = sum(len(v) for v in symbols.values())
    print(f"wrote {args.out}: {len(symbols)} symbols, {n_rows} entries, {len(raw) / 1e6:.1f} MB json, "
          f"{Path(args.out).stat().st_size / 1e6:.2f} MB gz, {time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
