"""An independent citation extractor, written from ../shared/reference/VN_DOCUMENT_RULES.md only
(§1 symbol shapes, §2 type codes, §3 date forms), not from pipeline/citations, to cross-check the
finder (issue 17).  It is deliberately plain: one regular expression per symbol shape of §1, the
type codes of §2, the date forms of §3 looked for right after the symbol.  Spacing around "/" and
"-" is allowed (tokenised news text writes "60/2017 / QĐ - UBND"), letter case is not trusted
(lower-cased trích yếu write "130/2020/nđ-cp"), so codes are matched without case and written back
in their official spelling.

    python -m scripts.bench.cite_reference FILE        # print the mentions of a text file
    python -m scripts.bench.citations_hand cross       # finder vs this, on the corpus test split
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# §2: state administrative codes (NĐ 30/2020, Phụ lục III), legal normative codes, Party codes.
STATE_CODES = ["NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "KH", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ",
               "CTr", "PA", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL", "GN", "TTh"]
LEGAL_CODES = ["NĐ", "TT", "TTLT", "QĐ", "NQ", "L", "PL"]
PARTY_CODES = ["NQ", "QĐ", "CT", "KL", "QĐi", "HD", "KH", "BC", "TB", "TTr", "TT", "CTr", "ĐA", "CV"]
MIXED = {c.upper(): c for c in STATE_CODES + LEGAL_CODES + PARTY_CODES + ["TTg"] if c != c.upper()}

TYPE_WORDS = ["Nghị định", "Nghị quyết", "Quyết định", "Thông tư liên tịch", "Thông tư", "Chỉ thị", "Quy chế",
              "Quy định", "Thông cáo", "Thông báo", "Hướng dẫn", "Kế hoạch", "Đề án", "Dự án", "Báo cáo", "Biên bản",
              "Tờ trình", "Hợp đồng", "Công điện", "Chương trình", "Phương án", "Công văn", "Kết luận", "Luật",
              "Pháp lệnh", "Văn bản", "Thông tri", "Giấy mời"]

L = r"A-Za-zĐđ"
SEP = r"\s?/\s?"
DASH = r"\s?-\s?"
_CODE = rf"[{L}][{L}0-9]*"
# §1, one alternative per shape; a symbol is a number, then the shape's segments.
SYMBOL = re.compile(
    rf"(?<![\w/.-])(?P<num>\d{{1,5}})(?:"
    rf"(?P<party>{DASH}(?P<ptype>{_CODE}){SEP}(?P<pissuer>{_CODE}(?:{DASH}{_CODE})*))"  # 57-KL/TW
    rf"|(?:{SEP}(?P<year>(?:19|20)\d\d){SEP}(?P<lrest>{_CODE}(?:{DASH}{_CODE})*))"  # 152/2020/NĐ-CP, 80/2015/QH13
    rf"|(?:{SEP}(?P<srest>{_CODE}(?:{DASH}{_CODE})*))"  # 119/KH-UBND, 1578/BTTTT-TTĐN
    rf")(?![\w/])"
)
# §3 date forms, looked for after the symbol (and an optional issuer name) in the same sentence.
DATE = re.compile(r"ngày\s+(\d{1,2})\s*(?:[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))")
TYPE_BEFORE = re.compile(r"(" + "|".join(TYPE_WORDS) + r")\s+(?:số\s*:?\s*)?$", re.IGNORECASE)
OWN_BEFORE = re.compile(r"(?:^|\n)\s*Số\s*:?\s*$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    raw: str
    symbol: str
    date: str | None
    type_word: str | None
    role: str  # "cited" or "own"


def _code(seg: str) -> str:
    """A code in its official spelling: upper case but for the mixed-case codes of §1/§2."""
    up = seg.upper()
    if up in MIXED:
        return MIXED[up]
    m = re.fullmatch(r"UBTVQH(\d+)", up)
    return f"UBTVQH{m.group(1)}" if m else up


def _codes(rest: str) -> list[str]:
    return [_code(x.strip()) for x in re.split(r"-", rest.replace(" ", ""))]


def _plausible(m: re.Match) -> str | None:
    """The normalised symbol if the match has a shape of §1 with known codes, else None."""
    num = m.group("num")
    if m.group("party"):
        typ = _code(m.group("ptype"))
        issuers = _codes(m.group("pissuer"))
        return f"{num}-{typ}/{'-'.join(issuers)}" if typ in PARTY_CODES or typ == "CV" else None
    if m.group("year"):
        codes = _codes(m.group("lrest"))
        if re.fullmatch(r"(UBTV)?QH\d+", codes[0]) or codes[0] in LEGAL_CODES or codes[0] in STATE_CODES:
            return f"{num}/{m.group('year')}/{'-'.join(codes)}"
        return None
    codes = _codes(m.group("srest"))
    if codes[0] in STATE_CODES and len(codes) >= 2:
        return f"{num}/{'-'.join(codes)}"
    # công văn: <số>/<cơ quan>-<đơn vị>, an issuer of 2+ letters; or old forms like 359/TTg, 64/CP
    if len(codes[0]) >= 2 and codes[0][0].isalpha() and not any(ch.isdigit() for ch in codes[0]):
        return f"{num}/{'-'.join(codes)}"
    return None


def _date_after(text: str, end: int) -> str | None:
    """The first date of §3 after the symbol, before the sentence or clause ends and before 90
    characters (room for "của Ủy ban nhân dân tỉnh …" and "ban hành")."""
    window = text[end:end + 90]
    stop = re.search(r"[;]|\.\s|\n\s*\n|\d{1,5}\s?[/-]\s?(?:\d{4}\s?/\s?)?[A-Za-zĐđ]", window)
    if stop:
        window = window[:stop.start()]
    m = DATE.search(window)
    if not m:
        return None
    d = int(m.group(1))
    mo = int(m.group(2) or m.group(4))
    y = int(m.group(3) or m.group(5))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def extract(text: str) -> list[Mention]:
    out = []
    for m in SYMBOL.finditer(text):
        sym = _plausible(m)
        if sym is None:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        tw = TYPE_BEFORE.search(before)
        role = "own" if OWN_BEFORE.search(before) else "cited"
        out.append(Mention(m.start(), m.end(), m.group(0), sym, _date_after(text, m.end()),
                           tw.group(1).capitalize() if tw else None, role))
    return out


# ---- cross-check against the finder (called by scripts.bench.citations_hand cross) -----------

def _spans(ms, text):
    from scripts.bench.citations_hand import norm_span

    return {norm_span(text, a, b): (sym, date) for a, b, sym, date in ms}


def compare(text: str, finder: list, reference: list) -> dict[str, list]:
    """Finder and reference mentions of one text matched by span (± punctuation): agreeing,
    differing in symbol or date, found by one only."""
    f = _spans([(p.start, p.end, p.symbol, p.date) for p in finder], text)
    r = _spans([(m.start, m.end, m.symbol, m.date) for m in reference if m.role == "cited"], text)
    out: dict[str, list] = {"agree": [], "symbol": [], "date": [], "finder_only": [], "reference_only": []}
    r_left = dict(r)
    for span, fv in f.items():
        rv = r_left.pop(span, None)
        if rv is None:  # an overlapping reference span counts as the same mention, with another extent
            over = [s for s in r_left if s[0] < span[1] and s[1] > span[0]]
            if over:
                rv = r_left.pop(over[0])
        if rv is None:
            out["finder_only"].append((span, fv, None))
        elif fv[0] != rv[0]:
            out["symbol"].append((span, fv, rv))
        elif fv[1] != rv[1]:
            out["date"].append((span, fv, rv))
        else:
            out["agree"].append((span, fv, rv))
    out["reference_only"] = [(span, None, rv) for span, rv in r_left.items()]
    return out


def cross(corpus: Path, splits: str, items: list[dict], texts: dict[str, str], seed: int = 23, show: int = 40) -> int:
    """Every legal/admin document of the test split and every test news text, whole."""
    from scripts.bench.citations_hand import _group, _read_sources, finder_preds
    from scripts.lib.corpus import SplitFile

    test = SplitFile.load(splits).meta["test"]
    keys = sorted(k for s, ks in test.items() for k in ks if s.startswith("legal/") or k.startswith("news_"))  # type: ignore[union-attr]
    docs = _read_sources(corpus, _group(keys))
    totals: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {}
    diffs: list[str] = []
    for key in sorted(docs):
        text = docs[key]
        preds, _ = finder_preds(text)
        res = compare(text, preds, extract(text))
        reg = "news" if key.startswith("news_") else "legal/admin"
        per.setdefault(reg, Counter())
        for kind, rows in res.items():
            totals[kind] += len(rows)
            per[reg][kind] += len(rows)
            if kind != "agree":
                for span, fv, rv in rows:
                    ctx = " ".join(text[max(0, span[0] - 50):span[1] + 60].split())
                    diffs.append(f"{kind} | {key} | {span[0]} | {text[span[0]:span[1]]!r} | finder {fv} | reference {rv} | …{ctx}…")
    print("| texts | documents | both, agreeing | symbol differs | date differs | finder only | reference only | agreement |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for reg in sorted(per) + ["all"]:
        c = totals if reg == "all" else per[reg]
        n = sum(1 for k in docs if (k.startswith("news_") == (reg == "news")) or reg == "all")
        allm = sum(c.values())
        print(f"| {reg} | {n} | {c['agree']} | {c['symbol']} | {c['date']} | {c['finder_only']} | {c['reference_only']} | "
              f"{c['agree'] / max(allm, 1):.3f} |")
    out = Path("work") / "cite_cross_disagreements.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(diffs) + "\n", "utf-8")
    rng = random.Random(seed)
    print(f"\n{len(diffs)} disagreements -> {out}; a seeded sample (seed {seed}) of {min(show, len(diffs))}:\n")
    for d in sorted(rng.sample(diffs, min(show, len(diffs)))):
        print(f"- {d}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    for m in extract(Path(args[0]).read_text("utf-8")):
        print(json.dumps(m.__dict__, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
