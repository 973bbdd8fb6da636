"""Build the evaluators' gold set in data/gold/ (see data/gold/README.md).

Items are small, made from held-out TEST-split corpus documents of public-domain
legal/administrative sources and CC BY-SA Wikipedia, plus the real legacy-OCR file from
../shared/dev.  Each item is a folder with meta.json naming its kind, inputs and gold.

    python -m scripts.data.build_gold --corpus ../shared/corpus --dev ../shared/dev --out data/gold
                                      [--splits data/splits/corpus-splits.json.gz | --splits old]

The test side is that of the duplicate-aware split file (``--splits``, issue 17,
docs/bench/splits.md), the one the restoration LM trains on; ``--splits old`` draws from the old
hash buckets of ``scripts.lib.corpus.split_of`` instead, to reproduce the gold set of 2026-11.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import tempfile
import textwrap
from pathlib import Path

from pipeline.vn.orthography import strip_diacritics
from scripts.lib.corpus import DEFAULT_SPLITS, Splitter, iter_docs
from scripts.lib.ocr_lines import FONT_DIRS, FONTS, corpus_lines, ocr_lines, render
from scripts.lib.scans import make_scan

# Public-domain official text (Art. 15 IP Law) and CC BY-SA encyclopedia text only: no news.
# Syllable budget per source, so that no one source (e.g. the lower-cased subject lines) dominates.
ADMIN_SOURCES = {"legal_phapdien": 0.35, "legal_congbao_8chude": 0.3, "legal_diepxuan_vanban": 0.25,
                 "admin_binhduong_trichyeu": 0.1}
GENERAL_SOURCES = {"general_viwiki": 1.0}
# The English-model garble item: the same public-domain legal sources and Wikipedia, no news.
OCR_ENG_SOURCES = ("legal_congbao_8chude", "legal_diepxuan_vanban", "legal_phapdien", "legal_uts_vlc",
                   "general_viwiki")
LINES_PER_PAGE = 10
# Every mention of another document in the legacy item's gold.txt: (symbol, ISO date, gold line).
LEGACY_CITATIONS = (
    ("47/NQ-CP", "2024-04-15", 7), ("57-KL/TW", "2023-06-15", 9), ("57-KL/TW", "2023-06-15", 13),
    ("47/NQ-CP", "2024-04-15", 17), ("57-KL/TW", "2023-06-15", 18), ("87-KH/TU", "2024-02-16", 22),
    ("57-KL/TW", "2023-06-15", 23), ("1578/BTTTT-TTĐN", "2024-04-25", 27), ("47/NQ-CP", "2024-04-15", 28),
    ("57-KL/TW", None, 30), ("37/TTr-STTTT", "2024-05-30", 32), ("47/NQ-CP", "2024-04-15", 34),
    ("57-KL/TW", "2023-06-15", 35), ("47/NQ-CP", "2024-04-15", 44), ("57-KL/TW", "2023-06-15", 49),
    ("47/NQ-CP", "2024-04-15", 62), ("57-KL/TW", "2023-06-15", 63), ("47/NQ-CP", "2024-04-15", 73),
    ("57-KL/TW", "2023-06-15", 74), ("57-KL/TW", None, 97),
)


def wrapped_lines(text: str, width: int) -> list[str]:
    """Wrap paragraphs like a printed page, so sentences cross line breaks as in real documents."""
    out: list[str] = []
    for para in text.split("\n"):
        para = para.strip()
        if para:
            out.extend(textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False))
    return out


def split_record(splitter: Splitter) -> dict[str, str]:
    """What meta.json says of the split the corpus items were drawn from."""
    if splitter.file is None:
        return {"splits": "old", "side": "test", "rule": "sha1(source \\t id) % 1000 < 20 (scripts/lib/corpus.split_of)"}
    digest = hashlib.sha256(Path(splitter.name).read_bytes()).hexdigest()
    return {"splits": splitter.name, "sha256": digest, "side": "test"}


def take_lines(corpus: str, budget: dict[str, float], syllables: int, per_doc: int,
               splitter: Splitter) -> tuple[list[str], list[str]]:
    """Lines from test-split documents, at most ``per_doc`` syllables from each, per-source budgets."""
    lines: list[str] = []
    docs: list[str] = []
    for source, share in budget.items():
        more, names = _take_source(corpus, source, int(syllables * share), per_doc, splitter)
        lines.extend(more)
        docs.extend(names)
    return lines, docs


def _take_source(corpus: str, source_name: str, syllables: int, per_doc: int,
                 splitter: Splitter) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    docs: list[str] = []
    total = 0
    for source, doc_id, text in iter_docs(corpus, only=(source_name,), split="test", split_fn=splitter.split_of):
        taken = 0
        for line in wrapped_lines(text, 78):
            n = len(line.split())
            lines.append(line)
            taken += n
            total += n
            if taken >= per_doc:
                break
        lines.append("")
        docs.append(f"{source}/{doc_id}")
        if total >= syllables:
            break
    return lines, docs


def write_item(out: Path, name: str, meta: dict[str, object], files: dict[str, str]) -> None:
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    for fname, content in files.items():
        (folder / fname).write_text(content, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def ocr_eng_item(corpus: str, syllables: int, seed: int,
                 splitter: Splitter) -> tuple[list[str], list[str], list[str], list[dict[str, object]]]:
    """Test-split lines rendered and read by ``tesseract -l eng`` exactly as the training pairs are
    (scripts/data/make_ocr_pairs.py: 42-58 px at 300 DPI, its fonts and degradations); a page is kept
    only when Tesseract returned as many lines as were printed, so input and gold stay aligned."""
    rng = random.Random(seed)
    fonts = [str(p) for name in FONTS for d in FONT_DIRS if (p := Path(d) / name).exists()]
    pool: list[tuple[str, str, str]] = []
    for source in OCR_ENG_SOURCES:  # equal shares, a few lines from each of many documents
        got = [(source, d, t) for _, (d, t) in zip(range(syllables // 12), corpus_lines(Path(corpus), source, "test", rng, splitter.split_of), strict=False)]
        pool.extend(got)
    rng.shuffle(pool)
    gold: list[str] = []
    ocr: list[str] = []
    docs: set[str] = set()
    pages: list[dict[str, object]] = []
    for k in range(0, len(pool), LINES_PER_PAGE):
        if sum(len(g.split()) for g in gold) >= syllables:
            break
        chunk = pool[k : k + LINES_PER_PAGE]
        font, px = rng.choice(fonts), rng.randint(42, 58)
        img, deg = render([t for _, _, t in chunk], font, px, rng)
        read = ocr_lines(img, "eng")
        if len(read) != len(chunk):
            continue
        gold.extend(t for _, _, t in chunk)
        ocr.extend(t for t, _ in read)
        docs.update(f"{s}/{d}" for s, d, _ in chunk)
        pages.append({"font": Path(font).name, "px": px, **deg})
    return ocr, gold, sorted(docs), pages


def scan_body(corpus: str, splitter: Splitter, source: str = "legal_congbao_8chude") -> tuple[str, list[str]]:
    """Body paragraphs of the first TEST-split document of a public-domain source with enough prose
    (scans_text.corpus_paragraphs would also take sources of unknown licence)."""
    for src, doc_id, text in iter_docs(corpus, only=(source,), split="test", split_fn=splitter.split_of):
        paras = [p.strip() for p in text.split("\n") if 60 <= len(p.strip()) <= 900]
        if len(paras) >= 8:
            return f"{src}/{doc_id}", paras[:60]
    raise SystemExit(f"no usable test-split document of {source} under {corpus}")


def scan_item(out: Path, name: str, seed: int, corpus: str | None, splitter: Splitter) -> None:
    """A synthetic scan (scripts/data/make_scans.py, mild degradation, 2 pages) with its exact ground truth."""
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    content = "generated (scripts/lib/scans_text.py templates)"
    with tempfile.TemporaryDirectory() as tmp:
        body = None
        if corpus is not None:
            content, paras = scan_body(corpus, splitter)
            body = Path(tmp) / "body.txt"
            body.write_text("\n".join(paras) + "\n", encoding="utf-8")
        files = make_scan(folder, "scan", seed=seed, pages=2, dpi=200, degrade_level="mild", text_file=body)
    gt = json.loads(files.gt_json.read_text(encoding="utf-8"))
    gt["generator"]["content"] = content  # the document, not the temporary file it went through
    files.gt_json.write_text(json.dumps(gt, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    meta: dict[str, object] = {
        "kind": "scan", "register": "administrative", "input": files.pdf.name, "gold_text": files.gt_txt.name,
        "gold_json": files.gt_json.name, "content": content,
        "origin": f"scripts/data/make_scans.py seed {seed}, 2 pages, 200 dpi, mild degradation; the ground truth "
                  "is the text and structure the page was drawn from",
    }
    if corpus is not None:
        meta["documents"] = [content]
        meta["split"] = split_record(splitter)
    write_item(out, name, meta, {})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--dev", default="../shared/dev")
    ap.add_argument("--real", default="../shared/real-scans", help="real scans, referenced by path (run from the repo root)")
    ap.add_argument("--out", default="data/gold")
    ap.add_argument("--syllables", type=int, default=6000, help="syllables per stripped item")
    ap.add_argument("--ocr-eng-syllables", type=int, default=2000, help="syllables of the ocr-eng item")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--only", action="append", help="build only these items (repeatable)")
    ap.add_argument("--splits", default=DEFAULT_SPLITS,
                    help="split file of scripts.data.split_corpus whose test side the corpus items come from, "
                    "or 'old' for the hash buckets of scripts/lib/corpus.py (the gold set before issue 17)")
    args = ap.parse_args()
    out = Path(args.out)
    splitter = Splitter(args.splits)

    def wanted(name: str) -> bool:
        return not args.only or name in args.only

    if wanted("legacy-119-KH-UBND"):
        legacy = Path(args.dev) / "legacy-ocr-119-KH-UBND"
        folder = out / "legacy-119-KH-UBND"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(legacy / "ocr.txt", folder / "input.txt")
        shutil.copyfile(legacy / "gold.txt", folder / "gold.txt")
        write_item(out, "legacy-119-KH-UBND", {
            "kind": "restore", "mode": "ocr-eng", "register": "administrative",
            "input": "input.txt", "gold": "gold.txt",
            "origin": "../shared/dev/legacy-ocr-119-KH-UBND: real Tesseract English-model OCR of a scan of "
                      "Kế hoạch 119/KH-UBND (UBND tỉnh Bình Định, 2024) and its hand-made line-aligned restoration",
            "citations": [{"symbol": s, "date": d, "line": n} for s, d, n in LEGACY_CITATIONS],
            "citations_note": "every mention of another document in gold.txt (symbol, ISO date or null when "
                              "the mention has none, gold line), checked by hand line by line",
        }, {})

    for name, only, register, per_doc in (
        ("stripped-admin", ADMIN_SOURCES, "administrative", 600),
        ("stripped-general", GENERAL_SOURCES, "general", 400),
    ):
        if not wanted(name):
            continue
        lines, docs = take_lines(args.corpus, only, args.syllables, per_doc, splitter)
        gold = "\n".join(lines) + "\n"
        write_item(out, name, {
            "kind": "restore", "mode": "stripped", "register": register,
            "input": "input.txt", "gold": "gold.txt", "documents": docs, "split": split_record(splitter),
            "origin": "test-split corpus documents (the split named in 'split'), wrapped at 78 characters, "
                      "input = gold with every diacritic removed (scripts/data/build_gold.py)",
        }, {"gold.txt": gold, "input.txt": strip_diacritics(gold)})

    if wanted("synthetic-ocr-eng"):
        ocr, gold_lines, docs, pages = ocr_eng_item(args.corpus, args.ocr_eng_syllables, args.seed, splitter)
        write_item(out, "synthetic-ocr-eng", {
            "kind": "restore", "mode": "ocr-eng", "register": "mixed",
            "input": "input.txt", "gold": "gold.txt", "documents": docs, "pages": pages, "seed": args.seed,
            "split": split_record(splitter),
            "origin": "test-split lines of public-domain legal text and CC BY-SA Wikipedia, rendered and read "
                      "with tesseract -l eng --psm 6 by scripts/data/make_ocr_pairs.py's render/ocr_lines "
                      "(scripts/data/build_gold.py); pages whose line count changed were dropped",
        }, {"gold.txt": "\n".join(gold_lines) + "\n", "input.txt": "\n".join(ocr) + "\n"})

    for stem in ("4_1", "4_2"):  # real scans: no licence, so only their paths go into the repo
        name = f"real-ailab-{stem.replace('_', '-')}"
        if wanted(name):
            base = f"{args.real}/ailabteam+VietAdmin-OCR-LLM-RAG/{stem}"
            write_item(out, name, {
                "kind": "scan", "register": "administrative", "external": True,
                "input": f"{base}.jpg", "gold_text": f"{base}_gt.txt",
                "origin": "real low-resolution (576x960) JPEG of a page of Công văn 1906/SGDĐT-CTrTT (Sở GD&ĐT "
                          "Đà Nẵng, 2020) and its transcription, from ../shared/real-scans (no licence: read from "
                          "there, never copied). The transcription is LLM-made, one line per paragraph, "
                          "in its own reading order: its scores are indicative only",
            }, {})

    for name, seed, corpus in (("scan-generated", args.seed, None), ("scan-corpus", args.seed + 1, args.corpus)):
        if wanted(name):
            scan_item(out, name, seed, corpus, splitter)
    print(f"gold set written to {out}")


if __name__ == "__main__":
    main()
