"""Benchmark of the citation engine; prints markdown tables (kept in docs/bench/citations.md).

1. Precision / recall of citations (symbol and date both right, per mention) against the
   hand-checked expectations in tests/citations/bench/expectations.json (texts read from
   ../shared at run time) and against generated synthetic documents whose truth is known.
2. Planted errors: copies of the clean texts with one error planted each (wrong type code for the
   type word, year segment != date year, cited date after the document date, the same symbol with
   two dates, Party symbol in state form, broken OCR symbol); each must be found at its place.
3. Clean texts: no error-severity finding that is not a real defect of the document.
4. Speed: MB of UTF-8 text per second over tier-1 corpus documents.

These expectations were written by the rules' author. For the scoring against a hand-made list
of a test-split sample and an independent extractor, see scripts/bench/citations_hand.py (issue 17).

    python3 -m scripts.bench.citations [--shared ../shared] [--corpus ../shared/corpus] [--synthetic 40]
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.citations import CitationReport, check_citations, default_resolver

ROOT = Path(__file__).resolve().parents[2]

EXPECT = ROOT / "tests" / "citations" / "bench" / "expectations.json"

# type word, symbol, ISO date (None: cited without a date), issuer name
SPECS = [
    ("Nghị định", "152/2020/NĐ-CP", "2020-12-30", "Chính phủ"),
    ("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ"),
    ("Thông tư", "01/2021/TT-BTTTT", "2021-05-14", "Bộ Thông tin và Truyền thông"),
    ("Quyết định", "18/2020/QĐ-TTg", "2020-07-10", "Thủ tướng Chính phủ"),
    ("Quyết định", "1479/QĐ-TTg", "2022-11-29", "Thủ tướng Chính phủ"),
    ("Nghị quyết", "47/NQ-CP", "2024-04-15", "Chính phủ"),
    ("Chỉ thị", "07/CT-TTg", "2023-03-07", "Thủ tướng Chính phủ"),
    ("Kết luận", "57-KL/TW", "2023-06-15", "Bộ Chính trị"),
    ("Nghị quyết", "09-NQ/TW", "1997-10-01", "Bộ Chính trị"),
    ("Quy định", "08-QĐi/TW", "2018-10-25", "Ban Chấp hành Trung ương"),
    ("Hướng dẫn", "36-HD/VPTW", "2018-04-03", "Văn phòng Trung ương Đảng"),
    ("Kế hoạch", "87-KH/TU", "2024-02-16", "Tỉnh ủy Bình Định"),
    ("Luật Ban hành văn bản quy phạm pháp luật", "80/2015/QH13", None, None),
    ("Văn bản", "1578/BTTTT-TTĐN", "2024-04-25", "Bộ Thông tin và Truyền thông"),
    ("Công văn", "4869/UBND-SYT", "2020-07-26", "UBND thành phố Đà Nẵng"),
    ("Tờ trình", "37/TTr-STTTT", "2024-05-30", None),
    ("Thông báo", "11/TB-UBND", "2024-01-08", "UBND tỉnh Quảng Ngãi"),
    ("Thông tư liên tịch", "12/2015/TTLT-BTC-BLĐTBXH", "2015-02-05", "Bộ Tài chính"),
    ("Nghị quyết", "351/2017/UBTVQH14", "2017-03-14", "Ủy ban Thường vụ Quốc hội"),
    ("Kế hoạch", "119/KH-UBND", "2024-06-07", "UBND tỉnh Bình Định"),
    ("Quyết định", "2156/QĐ-UBND", "2024-09-12", "UBND tỉnh Bình Định"),
]
FILLER = [
    "Tăng cường công tác phối hợp giữa các cơ quan, đơn vị, địa phương trong việc triển khai thực hiện.",
    "Các sở, ban, ngành chủ động xây dựng kế hoạch cụ thể, bảo đảm thiết thực, hiệu quả.",
    "Định kỳ hằng năm báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15 tháng 12.",
    "Kinh phí thực hiện từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn hợp pháp khác.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời phản ánh để xem xét, giải quyết.",
]


def _date_text(iso: str, rng: random.Random, party: bool) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    forms = [f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}", f"{d:02d} tháng {m} năm {y}"]
    if party:
        forms.append(f"{d:02d}-{m:02d}-{y}")
    return rng.choice(forms)


def _mention(spec: tuple, rng: random.Random, full: bool) -> tuple[str, tuple[str, str | None]]:
    word, sym, iso, issuer = spec
    shown = sym.replace("-", "-\n", 1) if "-" in sym and rng.random() < 0.08 else sym  # wrapped after "-"
    text = f"{word} số {shown}"
    if full and iso:
        text += f" ngày {_date_text(iso, rng, '-' in sym.split('/')[0])}"
    if full and issuer:
        text += f" của {issuer}"
    return text, (sym, iso if full else None)


def _wrap(text: str, rng: random.Random, width: int = 78) -> str:
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n".join(out)


def synthetic(n: int, seed: int = 7) -> list[tuple[str, str, list[tuple[str, str | None]]]]:
    """(name, text, truth) documents dated in 2025 with known citations, printed-style wrapping."""
    rng = random.Random(seed)
    docs = []
    for k in range(n):
        truth: list[tuple[str, str | None]] = []
        num = rng.randint(1, 400)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        head = (f"ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: {num:02d}/KH-UBND Bình Định, ngày {day:02d} tháng "
                f"{month:02d} năm 2025\n" if month <= 2 else
                f"ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: {num:02d}/KH-UBND Bình Định, ngày {day:02d} tháng {month} năm 2025\n")
        head += "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\n"
        chosen = rng.sample(SPECS, rng.randint(3, 7))
        bases = []
        for spec in chosen:
            t, tr = _mention(spec, rng, True)
            bases.append(_wrap(f"Căn cứ {t};", rng))
            truth.append(tr)
        body = []
        for _ in range(rng.randint(2, 6)):
            spec = rng.choice(chosen)
            t, tr = _mention(spec, rng, rng.random() < 0.4)
            body.append(_wrap(f"Triển khai thực hiện {t}. {rng.choice(FILLER)} {rng.choice(FILLER)}", rng))
            truth.append(tr)
        docs.append((f"synthetic-{k:03d}", head + "\n".join(bases) + "\n" + "\n\n".join(body) + "\n", truth))
    return docs


def _corpus_record(shared: Path, rel: str) -> str | None:
    src, rest = rel.split("#", 1)
    rec_id, _, cut = rest.rpartition("[")
    a, _, b = cut.rstrip("]").partition(":")
    lo, hi = int(a or 0), int(b) if b else None
    for path in sorted((shared / src).glob("*.jsonl.xz")):
        with lzma.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc.get("id") == rec_id:
                    return doc["text"][lo:hi]
    return None


def _load_real(shared: Path) -> list[tuple[str, str, dict]]:
    spec = json.loads(EXPECT.read_text("utf-8"))["texts"]
    out = []
    for rel, exp in spec.items():
        if "#" in rel:  # "corpus/<source>#<record id>[:N]": the first N characters of a corpus record
            text = _corpus_record(shared, rel)
            if text is None:
                print(f"skipped (absent): {rel}", file=sys.stderr)
                continue
            out.append((rel, text, exp))
            continue
        path = shared / rel
        if not path.exists():
            print(f"skipped (absent): {path}", file=sys.stderr)
            continue
        if path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
        else:
            text = path.read_text("utf-8")
        if "same_as" in exp:
            exp = dict(spec[exp["same_as"]], **{k: v for k, v in exp.items() if k != "same_as"})
        out.append((rel, text, exp))
    return out


def _pred(rep: CitationReport) -> list[tuple[str, str | None]]:
    return [(c.symbol.text, c.date.iso if c.date else None) for c in rep.cited()]


def _score(pred: list, truth: list) -> tuple[int, int, int]:
    tp = sum((Counter(map(tuple, pred)) & Counter(map(tuple, truth))).values())
    return tp, len(pred), len(truth)


# ---- planted errors ------------------------------------------------------------------------

@dataclass(frozen=True)
class Plant:
    kind: str
    rules: frozenset[str]
    text: str
    region: tuple[int, int]


def _replace(text: str, span: tuple[int, int], new: str) -> tuple[str, int]:
    return text[: span[0]] + new + text[span[1] :], len(new) - (span[1] - span[0])


def _sym_edit(text: str, c, new_sym: str) -> tuple[str, tuple[int, int]]:
    """``text`` with citation ``c``'s symbol replaced, and the citation's new region."""
    new, delta = _replace(text, c.symbol_span, new_sym)
    return new, (c.span[0], c.span[1] + delta)


Add = Callable[[str, set[str], list, Callable], None]


def plants(text: str, rep: CitationReport, rng: random.Random, per_kind: int = 3) -> list[Plant]:
    """Copies of ``text`` with one error planted in each, and the rules that must find it."""
    cits = list(rep.cited())
    out: list[Plant] = []

    def add(kind: str, rules: set[str], cands: list, fn: Callable) -> None:
        for c in rng.sample(cands, min(per_kind, len(cands))):
            new, region = fn(c)
            out.append(Plant(kind, frozenset(rules), new, region))

    _plant_wrong_facts(text, rep, cits, add)
    _plant_wrong_forms(text, cits, add, rng)
    return out


def _plant_wrong_facts(text: str, rep: CitationReport, cits: list, add: Add) -> None:
    """Type word, year segment and dates that contradict each other or the document."""
    doc_year = int(rep.document_date[:4]) if rep.document_date else 0

    def retype(c):
        word = "Kế hoạch" if c.symbol.type_code != "KH" else "Quyết định"
        assert c.type_word_span is not None
        new, delta = _replace(text, c.type_word_span, word)
        return new, (c.type_word_span[0], c.span[1] + delta)
    add("wrong type code for the type word", {"type.code_mismatch"},
        [c for c in cits if c.type_word_span and c.symbol.type_code and c.type_word not in ("Văn bản", "Công văn")], retype)

    def year_seg(c):
        if c.symbol.year is not None:
            return _sym_edit(text, c, c.symbol.raw.replace(str(c.symbol.year), str(c.date.year - 1), 1))
        s = c.symbol
        return _sym_edit(text, c, f"{s.number}/{c.date.year - 1}/{s.type_code}-{'-'.join(s.issuer_codes)}")
    add("year segment != date year", {"date.year_segment"},
        [c for c in cits if c.date and c.date.iso and c.symbol.form in ("legal", "state") and c.symbol.type_code
         and c.symbol.issuer_codes], year_seg)

    def after(c):
        d = c.date
        new, delta = _replace(text, d.span, d.text.replace(str(d.year), str(doc_year + 1)))
        return new, (d.span[0], d.span[1] + delta)
    if rep.document_date:  # without a date of its own a document cannot cite "after" it
        add("cited date after the document date", {"date.after_document"}, [c for c in cits if c.date and c.date.iso], after)

    dated: dict[str, list] = {}
    for c in cits:
        if c.date and c.date.iso:
            dated.setdefault(c.symbol.text, []).append(c)

    def two_dates(c):
        d = c.date
        day = d.day % 27 + 1
        new_text = d.text.replace(str(d.day).zfill(len(d.text.split("/")[0].split("-")[0].split()[0])), str(day).zfill(2), 1)
        new, delta = _replace(text, d.span, new_text)
        return new, (d.span[0], d.span[1] + delta)
    add("the same symbol with two dates", {"citation.conflicting_dates"}, [v[-1] for v in dated.values() if len(v) >= 2], two_dates)


def _plant_wrong_forms(text: str, cits: list, add: Add, rng: random.Random) -> None:
    """Symbols in the wrong form or broken as OCR breaks them."""
    def state_form(c):
        s = c.symbol
        return _sym_edit(text, c, f"{s.number}/{s.type_code}-{'-'.join(s.issuer_codes)}")
    add("Party symbol in state form", {"symbol.party_in_state_form"}, [c for c in cits if c.symbol.party_shape], state_form)

    def garble(c):
        raw = c.symbol.raw
        last = raw.rstrip()[-1]
        return _sym_edit(text, c, raw[: len(raw.rstrip()) - 1] + rng.choice(["1j", "l1", "]i"]) if last.isalpha() else raw + "1j")
    add("broken OCR symbol: garbled", {"symbol.malformed"}, cits, garble)

    def o_for_0(c):
        raw = c.symbol.raw
        return _sym_edit(text, c, raw.replace("0", "O", 1))
    add("broken OCR symbol: O for 0", {"symbol.ocr_repaired"}, [c for c in cits if "0" in c.symbol.raw.split("/")[0] or c.symbol.year], o_for_0)

    def lost_d(c):
        return _sym_edit(text, c, c.symbol.raw.replace("Đ", "D"))
    add("broken OCR symbol: lost Đ", {"symbol.ocr_repaired"},
        [c for c in cits if any(code in ("NĐ", "QĐ", "HĐND", "BGDĐT", "TTĐN", "BLĐTBXH") for code in (c.symbol.type_code, *c.symbol.issuer_codes))], lost_d)

    def spaced(c):
        raw = c.symbol.raw
        i = raw.index("/")
        return _sym_edit(text, c, raw[:i] + " /" + raw[i + 1 :])
    add("broken OCR symbol: space inside", {"symbol.ocr_repaired"}, [c for c in cits if "/" in c.symbol.raw and "\n" not in c.symbol.raw], spaced)


def _found(p: Plant, resolver) -> bool:
    rep = check_citations(p.text, resolver=resolver)
    lo, hi = p.region
    return any(f.rule in p.rules and f.span[0] < hi and f.span[1] > lo for f in rep.findings)


# ---- main ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--corpus", default=None, help="default: SHARED/corpus")
    ap.add_argument("--synthetic", type=int, default=40)
    ap.add_argument("--speed-mb", type=float, default=8.0, help="MB of corpus text for the speed run")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    resolver = default_resolver()
    rng = random.Random(11)
    clean_texts = _found_table(shared, args.synthetic, resolver)
    _planted_table(clean_texts, resolver, rng)
    _false_errors_table(clean_texts, resolver)
    texts, size = _speed_texts(Path(args.corpus) if args.corpus else shared / "corpus", args.speed_mb)
    _speed_table(texts, size, resolver)
    return 0


def _found_table(shared: Path, n_synthetic: int, resolver) -> list[tuple[str, str, set[str]]]:
    """Print the found-citations table; return the clean texts (name, text, real error rules)."""
    print("## Citations found (symbol and date both right, per mention)\n")
    print("| text | mentions | found | right | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    clean_texts: list[tuple[str, str, set[str]]] = []
    totals = {"real": [0, 0, 0], "synthetic": [0, 0, 0]}
    for name, text, exp in _load_real(shared):
        rep = check_citations(text, resolver=resolver)
        tp, np_, nt = _score(_pred(rep), [tuple(x) for x in exp["citations"]])
        own_ok = "" if rep.document_number == exp.get("own_number") else f" (own number read {rep.document_number})"
        print(f"| {Path(name).name.split('#')[-1]} ({exp['kind']}){own_ok} | {nt} | {np_} | {tp} | {tp / max(np_, 1):.3f} | {tp / max(nt, 1):.3f} |")
        totals["real"] = [a + b for a, b in zip(totals["real"], (tp, np_, nt), strict=True)]
        if exp.get("clean", True):
            clean_texts.append((Path(name).name, text, set(exp.get("real_errors", []))))
    synth = synthetic(n_synthetic)
    for name, text, truth in synth:
        rep = check_citations(text, resolver=resolver)
        tp, np_, nt = _score(_pred(rep), truth)
        totals["synthetic"] = [a + b for a, b in zip(totals["synthetic"], (tp, np_, nt), strict=True)]
        clean_texts.append((name, text, set()))
    tp, np_, nt = totals["synthetic"]
    print(f"| {len(synth)} synthetic documents | {nt} | {np_} | {tp} | {tp / max(np_, 1):.3f} | {tp / max(nt, 1):.3f} |")
    tp, np_, nt = (a + b for a, b in zip(totals["real"], totals["synthetic"], strict=True))
    print(f"| **all** | {nt} | {np_} | {tp} | **{tp / max(np_, 1):.3f}** | **{tp / max(nt, 1):.3f}** |")
    return clean_texts


def _planted_table(clean_texts: list[tuple[str, str, set[str]]], resolver, rng: random.Random) -> None:
    print("\n## Planted errors (one per copy; found = the expected rule fires at the planted place)\n")
    per_kind: dict[str, list[int]] = {}
    missed: list[str] = []
    for name, text, _ in clean_texts:
        rep = check_citations(text, resolver=resolver)
        for p in plants(text, rep, rng):
            ok = _found(p, resolver)
            per_kind.setdefault(p.kind, [0, 0])
            per_kind[p.kind][0] += 1
            per_kind[p.kind][1] += int(ok)
            if not ok:
                missed.append(f"{name}: {p.kind}: {' '.join(p.text[p.region[0]:p.region[1]].split())[:90]}")
    print("| planted error | planted | found | recall |")
    print("|---|---:|---:|---:|")
    for kind, (n, k) in per_kind.items():
        print(f"| {kind} | {n} | {k} | {k / max(n, 1):.3f} |")
    n_all, k_all = sum(v[0] for v in per_kind.values()), sum(v[1] for v in per_kind.values())
    print(f"| **all** | {n_all} | {k_all} | **{k_all / max(n_all, 1):.3f}** |")
    for m in missed[:15]:
        print(f"\nmissed: {m}", file=sys.stderr)


def _false_errors_table(clean_texts: list[tuple[str, str, set[str]]], resolver) -> None:
    print("\n## Clean texts: error-severity findings that are not real defects\n")
    print("| texts | error findings | real (expected) | false errors | warnings | info |")
    print("|---:|---:|---:|---:|---:|---:|")
    n_err = n_real = n_false = n_warn = n_info = 0
    for name, text, real in clean_texts:
        rep = check_citations(text, resolver=resolver)
        for f in rep.findings:
            n_warn += f.severity == "warning"
            n_info += f.severity == "info"
            if f.severity == "error":
                n_err += 1
                if f.rule in real:
                    n_real += 1
                else:
                    n_false += 1
                    print(f"false error in {name}: {f.rule}: {f.message}", file=sys.stderr)
    print(f"| {len(clean_texts)} | {n_err} | {n_real} | **{n_false}** | {n_warn} | {n_info} |")


def _speed_texts(corpus: Path, speed_mb: float) -> tuple[list[str], int]:
    """Tier-1 corpus documents, in order, until ``speed_mb`` MB of UTF-8 text; and their size."""
    texts: list[str] = []
    size = 0
    for src in ("legal_congbao_8chude", "admin_khanhng29", "legal_uts_vlc"):
        for path in sorted((corpus / src).glob("*.jsonl.xz")):
            with lzma.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    t = json.loads(line)["text"]
                    texts.append(t)
                    size += len(t.encode("utf-8"))
                    if size >= speed_mb * 1e6:
                        return texts, size
    return texts, size


def _speed_table(texts: list[str], size: int, resolver) -> None:
    print("\n## Speed (one process, tier-1 corpus documents, registry on)\n")
    print("| documents | MB (UTF-8) | citations | findings | seconds | MB/s |")
    print("|---:|---:|---:|---:|---:|---:|")
    t0 = time.perf_counter()
    n_c = n_f = 0
    for t in texts:
        rep = check_citations(t, resolver=resolver)
        n_c += len(rep.citations)
        n_f += len(rep.findings)
    dt = time.perf_counter() - t0
    print(f"| {len(texts)} | {size / 1e6:.1f} | {n_c} | {n_f} | {dt:.1f} | **{size / 1e6 / dt:.2f}** |")


if __name__ == "__main__":
    sys.exit(main())
