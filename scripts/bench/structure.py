"""Benchmark the structure stage: header fields, appendix rows, section tree, signature.

    python -m scripts.bench.structure [--scans work/scans/bench] [--n 4] [--pages 4]
        [--degrade mild] [--modes scan,digital,gt-text] [--real DIR] [--dev FILE]

Synthetic documents come from ``scripts/data/make_scans.py`` (NAME.pdf + NAME.gt.json in the
vanban.document contract); each is parsed three ways: the image-only scan through the full
``pipeline.parse`` (OCR, restore when its models are built, structure), the born-digital PDF of
the same layout (text layer with geometry), and the ground-truth text alone
(``document_from_text``, no geometry).  Real documents: the born-digital Quảng Ngãi notices in
``--real`` and the legacy-OCR dev plan's hand-restored text, scored against the expectations
below, checked by hand against the printed documents.  Prints markdown tables.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

from pipeline.structure import document_from_text

ROOT = Path(__file__).resolve().parents[2]

HEADER_FIELDS = ("authority", "parent_authority", "motto", "number", "place", "date", "date_text", "doc_type", "summary")
SIG_FIELDS = ("prefix", "on_behalf_of", "position", "signer")

# Hand-checked expectations for real documents (read off the printed PDFs / the dev gold text).
REAL_EXPECTED: dict[str, dict[str, Any]] = {
    "05.signed": {
        "glob": "05.signed_*.pdf",
        "header": {"authority": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "parent_authority": None,
                   "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc",
                   "number": "11/TB-UBND", "place": "Quảng Ngãi", "date": "2025-01-08",
                   "date_text": "Quảng Ngãi, ngày 08 tháng 01 năm 2025", "doc_type": "THÔNG BÁO",
                   "summary": "Kết luận của Phó Chủ tịch UBND tỉnh Võ Phiên tại cuộc họp nghe báo cáo về tình hình "
                              "thực hiện công tác cổ phần hóa Công ty TNHH MTV Đầu tư, Xây dựng và Kinh doanh dịch vụ "
                              "Quảng Ngãi trong thời gian qua và nhiệm vụ trọng tâm trong thời gian đến"},
        "signature": {"prefix": "TL.", "on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHÁNH VĂN PHÒNG", "signer": "Nguyễn Phước Bình"},
        "recipients": ["CT, PCT UBND tỉnh", "Các Sở: Tài chính, Kế hoạch và Đầu tư, Tài nguyên và Môi trường, Xây dựng, "
                       "Lao động - Thương binh và Xã hội, Nội vụ, Tư pháp", "Thanh tra tỉnh",
                       "BQL KKT Dung Quất và các KCN Quảng Ngãi", "Công ty QISC", "VPUB: CVP, PCVP, KTN, NC",
                       "Cổng TTĐT tỉnh", "Lưu: VT, KTTHh5"],
        "sections": [("item", "1"), ("item", "2"), ("item", "3")],
    },
    "vht507.signed": {
        "glob": "vht507.signed_*.pdf",
        "header": {"authority": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "parent_authority": None,
                   "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc",
                   "number": "542/TB-UBND", "place": "Quảng Ngãi", "date": "2024-11-06",
                   "date_text": "Quảng Ngãi, ngày 06 tháng 11 năm 2024", "doc_type": "THÔNG BÁO",
                   "summary": "Về việc tham dự Hội nghị đánh giá Chương trình mục tiêu quốc gia phát triển kinh tế - "
                              "xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 – 2030 khu vực miền "
                              "Trung, Tây Nguyên"},
        "signature": {"prefix": "TL.", "on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHÁNH VĂN PHÒNG", "signer": "Phùng Tô Long"},
        "recipients": ["Như thành phần", "CT, PCT UBND tỉnh", "VPUB: CVP, PCVP (KGVX), HC-QT", "Cổng TTĐT tỉnh",
                       "Lưu: VT, KGVXVHTin507"],
        "sections": [("item", "1"), ("bullet", "-"), ("bullet", "-"), ("bullet", "-"), ("bullet", "-"), ("bullet", "-"),
                     ("item", "2"), ("item", "3"), ("item", "4"), ("bullet", "-"), ("bullet", "-")],
    },
    "575 UB.signed (scan, công văn)": {
        "glob": "575 UB.signed_*.pdf",
        # The number "575" and the day "04" are handwritten in red ink on the print.
        "header": {"authority": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "parent_authority": None,
                   "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc",
                   "number": "575/UBND-KTTH", "place": "Quảng Ngãi", "date": "2025-02-04",
                   "date_text": "Quảng Ngãi, ngày 04 tháng 02 năm 2025", "doc_type": "CÔNG VĂN",
                   "summary": "tham gia ý kiến các dự thảo Nghị định của Chính phủ", "kinh_gui": ["Sở Tài chính"]},
        "signature": {"prefix": "TL.", "on_behalf_of": "CHỦ TỊCH", "position": "PHÓ CHÁNH VĂN PHÒNG", "signer": "Hà Thị Lê Vân"},
        "recipients": ["Như trên", "Bộ Tài chính", "CT, PCT UBND tỉnh", "VPUB: CVP, PCVP", "Cổng TT-ĐT tỉnh"],
        "sections": [],
    },
    "dev-119-KH-UBND (gold.txt)": {
        "header": {"authority": "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", "parent_authority": None,
                   "motto": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc",
                   "number": "119/KH-UBND", "place": "Bình Định", "date": "2024-06-07",
                   "date_text": "Bình Định, ngày 07 tháng 06 năm 2024", "doc_type": "KẾ HOẠCH",
                   "summary": "Triển khai thực hiện Nghị quyết số 47/NQ-CP ngày 15/4/2024 của Chính phủ ban hành "
                              "Chương trình hành động của Chính phủ đến năm 2030 thực hiện Kết luận số 57-KL/TW ngày "
                              "15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin "
                              "đối ngoại trong tình hình mới trên địa bàn tỉnh Bình Định"},
        "n_bases": 4,
        "sections": [("part", "I"), ("item", "1"), ("item", "2"), ("part", "II"), ("item", "1")]
        + [("bullet", "-")] + [("subbullet", "+")] * 3 + [("bullet", "-")] * 3 + [("item", "2")] + [("bullet", "-")] * 9,
    },
}


def norm(s: Any) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    return re.sub(r"\s+", " ", s).strip().rstrip(";.").strip()


def sim(a: Any, b: Any) -> float:
    a, b = norm(a).lower(), norm(b).lower()
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def row_score(gt_cells: list[str], cells: list[str]) -> float:
    """Mean cell similarity of a predicted row against a ground-truth row (missing cells score 0)."""
    if not gt_cells:
        return 0.0
    return sum(sim(g, cells[i]) if i < len(cells) else 0.0 for i, g in enumerate(gt_cells)) / max(len(gt_cells), len(cells))


def match_rows(gt_rows: list[list[str]], rows: list[list[str]], thr: float = 0.9) -> int:
    """Rows matched one to one, in order (an LCS over rows whose similarity is >= thr)."""
    n, m = len(gt_rows), len(rows)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            ok = row_score(gt_rows[i], rows[j]) >= thr
            dp[i][j] = max(dp[i + 1][j], dp[i][j + 1], dp[i + 1][j + 1] + 1 if ok else 0)
    return dp[0][0]


def flat_sections(secs: list[dict[str, Any]], path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str, str]]:
    out = []
    for s in secs:
        p = (*path, str(s.get("label") or ""))
        out.append((p, norm(s.get("title")), norm(s.get("text"))))
        out.extend(flat_sections(s.get("children", []), p))
    return out


def all_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for a in doc.get("appendices", []) for t in a.get("tables", []) for r in t.get("rows", [])]


def score(doc: dict[str, Any], gt: dict[str, Any]) -> dict[str, Any]:
    """Per-field header hits, bases, section tree and appendix rows of one document."""
    out: dict[str, Any] = {}
    h, gh = doc.get("header", {}), gt["header"]
    out["header"] = {f: norm(h.get(f)) == norm(gh.get(f)) for f in HEADER_FIELDS}
    gb, b = [norm(x) for x in gt.get("bases", [])], [norm(x) for x in doc.get("bases", [])]
    out["bases"] = (sum(1 for x in gb if any(sim(x, y) >= 0.9 for y in b)), len(gb), len(b))
    gs, s = flat_sections(gt.get("sections", [])), flat_sections(doc.get("sections", []))
    sp = {p: (t, x) for p, t, x in s}
    node_hits = sum(1 for p, _, _ in gs if p in sp)
    title_hits = sum(1 for p, t, _ in gs if p in sp and sp[p][0] == t)
    text_sim = sum(sim(x, sp[p][1]) for p, _, x in gs if p in sp) / max(1, node_hits)
    out["sections"] = (node_hits, len(gs), len(s), title_hits, text_sim)
    grow, prow = all_rows(gt), all_rows(doc)
    matched = match_rows([r["cells"] for r in grow], [r["cells"] for r in prow])
    kinds = sum(1 for g, p in zip(grow, prow, strict=False) if g["kind"] == p["kind"])
    out["rows"] = (matched, len(grow), len(prow), kinds)
    gsig, sig = gt.get("signature") or {}, doc.get("signature") or {}
    out["signature"] = {f: norm(sig.get(f)) == norm(gsig.get(f)) for f in SIG_FIELDS}
    gr, r = [norm(x) for x in gt.get("recipients", [])], [norm(x) for x in doc.get("recipients", [])]
    out["recipients"] = (sum(1 for x in gr if any(sim(x, y) >= 0.9 for y in r)), len(gr), len(r))
    return out


def prf(hit: int, gold: int, pred: int) -> tuple[float, float, float]:
    p = hit / pred if pred else (1.0 if not gold else 0.0)
    r = hit / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ensure_scans(folder: Path, n: int, pages: int, degrade: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    missing = [i for i in range(1, n + 1) if not (folder / f"scan_{i:04d}.gt.json").exists()]
    if missing:
        subprocess.run([sys.executable, "-m", "scripts.data.make_scans", "--out", str(folder.resolve()), "--n", str(n),
                        "--seed", "1", "--pages", str(pages), "--degrade", degrade, "--born-digital"],
                       cwd=ROOT, check=True)
    return sorted(folder.glob("scan_*.gt.json"))[:n]


def parse_pdf(path: Path, restore: bool) -> tuple[dict[str, Any], float]:
    import pipeline

    t0 = time.perf_counter()
    opts = {"executor": "serial", "jobs": 1, "restore": {"enabled": restore}}
    res = pipeline.parse(str(path), opts, raises=False)
    return res.to_dict(), time.perf_counter() - t0


def models_ready() -> bool:
    return (ROOT / "models" / "restore_lm.npz").exists()


def aggregate(rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Markdown lines: one row per (mode, document) and a total per mode."""
    out = ["| mode | doc | header fields (exact) | bases (sim ≥ 0.9) | section nodes P/R | titles (exact) | rows P/R/F1 (sim ≥ 0.9) | row kinds | signature (exact) | recipients (sim ≥ 0.9) |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    by_mode: dict[str, list[dict[str, Any]]] = {}
    for (mode, name), sc in [((m.split("|")[0], m.split("|")[1]), s) for m, s in rows]:
        by_mode.setdefault(mode, []).append(sc)
        out.append(_line(mode, name, [sc]))
    for mode, scs in by_mode.items():
        out.append(_line(f"**{mode}**", "**all**", scs))
    return out


def _line(mode: str, name: str, scs: list[dict[str, Any]]) -> str:
    hf = sum(sum(s["header"].values()) for s in scs), sum(len(s["header"]) for s in scs)
    bases = [sum(s["bases"][i] for s in scs) for i in range(3)]
    sec = [sum(s["sections"][i] for s in scs) for i in range(4)]
    rows = [sum(s["rows"][i] for s in scs) for i in range(4)]
    sig = sum(sum(s["signature"].values()) for s in scs), sum(len(s["signature"]) for s in scs)
    rec = [sum(s["recipients"][i] for s in scs) for i in range(3)]
    sp, sr, _ = prf(sec[0], sec[1], sec[2])
    rp, rr, rf = prf(rows[0], rows[1], rows[2])
    return (f"| {mode} | {name} | {hf[0]}/{hf[1]} | {bases[0]}/{bases[1]} | {sp:.2f}/{sr:.2f} | {sec[3]}/{sec[1]} | "
            f"{rp:.3f}/{rr:.3f}/{rf:.3f} | {rows[3]}/{rows[1]} | {sig[0]}/{sig[1]} | {rec[0]}/{rec[1]} |")


def field_table(rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Per-field header accuracy per mode."""
    modes = sorted({m.split("|")[0] for m, _ in rows})
    out = ["| field | " + " | ".join(modes) + " |", "|---|" + "---|" * len(modes)]
    for f in HEADER_FIELDS:
        cells = []
        for mode in modes:
            scs = [s for m, s in rows if m.split("|")[0] == mode]
            cells.append(f"{sum(s['header'][f] for s in scs)}/{len(scs)}")
        out.append(f"| {f} | " + " | ".join(cells) + " |")
    return out


def kinds_labels(secs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(kind, label) of every section node, depth first."""
    out: list[tuple[str, str]] = []
    for s in secs:
        out.append((s["kind"], s["label"]))
        out.extend(kinds_labels(s["children"]))
    return out


def real_docs(real: Path, dev: Path, restore: bool) -> list[str]:
    out = ["| document | input | header fields | wrong fields | signature | recipients | section kinds/labels |", "|---|---|---|---|---|---|---|"]
    for name, exp in REAL_EXPECTED.items():
        if "glob" in exp:
            found = sorted(real.glob(exp["glob"]))
            if not found:
                out.append(f"| {name} | missing | | | | | |")
                continue
            doc, secs = parse_pdf(found[0], restore)
            src = f"pdf via pipeline.parse ({secs:.1f} s)"
        else:
            if not dev.exists():
                out.append(f"| {name} | missing | | | | | |")
                continue
            doc = document_from_text(dev.read_text(encoding="utf-8"), str(dev)).to_dict()
            src = "text, no geometry"
        h = doc.get("header", {})
        wrong = [f for f, v in exp["header"].items() if norm(h.get(f)) != norm(v)]
        hits = len(exp["header"]) - len(wrong)
        sig = "—"
        if "signature" in exp:
            s = doc.get("signature") or {}
            sig = f"{sum(norm(s.get(f)) == norm(v) for f, v in exp['signature'].items())}/{len(exp['signature'])}"
        rec = "—"
        if "recipients" in exp:
            got = [norm(x) for x in doc.get("recipients", [])]
            rec = f"{sum(norm(x) in got for x in exp['recipients'])}/{len(exp['recipients'])} (pred {len(got)})"
        flat = kinds_labels(doc.get("sections", []))
        seq_ok = flat == exp["sections"]
        extra = f"{'exact' if seq_ok else 'differs'} ({len(flat)} vs {len(exp['sections'])})"
        if "n_bases" in exp:
            extra += f"; bases {len(doc.get('bases', []))}/{exp['n_bases']}"
        out.append(f"| {name} | {src} | {hits}/{len(exp['header'])} | {', '.join(wrong) or '—'} | {sig} | {rec} | {extra} |")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print markdown tables."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scans", default=str(ROOT / "work" / "scans" / "bench"))
    ap.add_argument("--n", type=int, default=4)
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--degrade", default="mild")
    ap.add_argument("--modes", default="scan,digital,gt-text")
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real-scans" / "QuangDuyxyz+OCR_LOCAL_VBHC"))
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "dev" / "legacy-ocr-119-KH-UBND" / "gold.txt"))
    ap.add_argument("--restore", choices=("auto", "on", "off"), default="auto")
    ap.add_argument("--json", default=None, help="also write the per-document scores here")
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    restore = models_ready() if args.restore == "auto" else args.restore == "on"
    modes = args.modes.split(",")
    rows: list[tuple[str, dict[str, Any]]] = []
    timing: dict[str, float] = {}
    if args.n > 0:
        for gt_path in ensure_scans(Path(args.scans), args.n, args.pages, args.degrade):
            gt = json.loads(gt_path.read_text(encoding="utf-8"))
            stem = gt_path.name[: -len(".gt.json")]
            for mode in modes:
                if mode == "gt-text":
                    t0 = time.perf_counter()
                    doc = document_from_text((gt_path.parent / f"{stem}.gt.txt").read_text(encoding="utf-8")).to_dict()
                    secs = time.perf_counter() - t0
                else:
                    pdf = gt_path.parent / (f"{stem}.pdf" if mode == "scan" else f"{stem}.digital.pdf")
                    doc, secs = parse_pdf(pdf, restore)
                timing[mode] = timing.get(mode, 0.0) + secs
                rows.append((f"{mode}|{stem}", score(doc, gt)))
                print(f"{mode} {stem}: {secs:.1f} s", file=sys.stderr)
    print(f"## Synthetic ({args.n} documents, {args.pages} pages, degrade {args.degrade}, restore {'on' if restore else 'off'})\n")
    print("\n".join(aggregate(rows)))
    print("\n### Header fields per mode\n")
    print("\n".join(field_table(rows)))
    print("\n" + ", ".join(f"{m}: {t:.1f} s total" for m, t in timing.items()))
    print("\n## Real documents (expectations checked by hand)\n")
    print("\n".join(real_docs(Path(args.real), Path(args.dev), restore)))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
