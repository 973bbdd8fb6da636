"""Build the evaluators' gold set in data/gold/ (see data/gold/README.md).

Items are small, made from held-out TEST-split corpus documents (never seen in training) of
public-domain legal/administrative sources and CC BY-SA Wikipedia, plus the real legacy-OCR file
from ../shared/dev.  Each item is a folder with meta.json naming its kind, inputs and gold.

    python scripts/build_gold.py --corpus ../shared/corpus --dev ../shared/dev --out data/gold
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_lib import iter_docs  # noqa: E402

from pipeline.restore.vietnamese import strip_diacritics  # noqa: E402

# Public-domain official text (Art. 15 IP Law) and CC BY-SA encyclopedia text only: no news.
# Syllable budget per source, so that no one source (e.g. the lower-cased subject lines) dominates.
ADMIN_SOURCES = {"legal_phapdien": 0.35, "legal_congbao_8chude": 0.3, "legal_diepxuan_vanban": 0.25,
                 "admin_binhduong_trichyeu": 0.1}
GENERAL_SOURCES = {"general_viwiki": 1.0}


def wrapped_lines(text: str, width: int) -> list[str]:
    """Wrap paragraphs like a printed page, so sentences cross line breaks as in real documents."""
    out: list[str] = []
    for para in text.split("\n"):
        para = para.strip()
        if para:
            out.extend(textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False))
    return out


def take_lines(corpus: str, budget: dict[str, float], syllables: int, per_doc: int) -> tuple[list[str], list[str]]:
    """Lines from test-split documents, at most ``per_doc`` syllables from each, per-source budgets."""
    lines: list[str] = []
    docs: list[str] = []
    for source, share in budget.items():
        more, names = _take_source(corpus, source, int(syllables * share), per_doc)
        lines.extend(more)
        docs.extend(names)
    return lines, docs


def _take_source(corpus: str, source_name: str, syllables: int, per_doc: int) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    docs: list[str] = []
    total = 0
    for source, doc_id, text in iter_docs(corpus, only=(source_name,), split="test"):
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--dev", default="../shared/dev")
    ap.add_argument("--out", default="data/gold")
    ap.add_argument("--syllables", type=int, default=6000, help="syllables per stripped item")
    args = ap.parse_args()
    out = Path(args.out)

    legacy = Path(args.dev) / "legacy-ocr-119-KH-UBND"
    folder = out / "legacy-119-KH-UBND"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(legacy / "ocr.txt", folder / "input.txt")
    shutil.copyfile(legacy / "gold.txt", folder / "gold.txt")
    (folder / "meta.json").write_text(json.dumps({
        "kind": "restore", "mode": "ocr-eng", "register": "administrative",
        "input": "input.txt", "gold": "gold.txt",
        "origin": "../shared/dev/legacy-ocr-119-KH-UBND: real Tesseract English-model OCR of a scan of "
                  "Kế hoạch 119/KH-UBND (UBND tỉnh Bình Định, 2024) and its hand-made line-aligned restoration",
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    for name, only, register, per_doc in (
        ("stripped-admin", ADMIN_SOURCES, "administrative", 600),
        ("stripped-general", GENERAL_SOURCES, "general", 400),
    ):
        lines, docs = take_lines(args.corpus, only, args.syllables, per_doc)
        gold = "\n".join(lines) + "\n"
        write_item(out, name, {
            "kind": "restore", "mode": "stripped", "register": register,
            "input": "input.txt", "gold": "gold.txt", "documents": docs,
            "origin": "test-split corpus documents (scripts/corpus_lib.split_of), wrapped at 78 characters, "
                      "input = gold with every diacritic removed (scripts/build_gold.py)",
        }, {"gold.txt": gold, "input.txt": strip_diacritics(gold)})
    print(f"gold set written to {out}")


if __name__ == "__main__":
    main()
