"""Run the gold set: load items, run each system on them, score with ``pipeline.evaluate``.

Systems: ``identity`` (the input as is), ``pyvi`` (pyvi's ViUtils.add_accents, line by line),
``fast`` and ``accurate`` (vanban's restorers).  Scan items run the whole ``pipeline.parse``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import InputFileError

if TYPE_CHECKING:
    from pipeline.document import Document
from pipeline.evaluate import PRF, TextScores, prf, score_lines, score_pages

System = Callable[[str, str], str]  # (text, mode) -> restored text


@dataclass(frozen=True)
class GoldItem:
    """One folder of the gold set."""

    name: str
    folder: Path
    meta: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.meta.get("kind", "restore"))

    def path(self, key: str) -> Path:
        """A file of the item: in its folder, or, for ``external`` items (real scans that may not be
        copied into the repo), as given, relative to the repository root (e.g. ../shared/...)."""
        value = str(self.meta[key])
        return Path(value) if self.meta.get("external") else self.folder / value

    def read(self, key: str) -> str:
        return self.path(key).read_text(encoding="utf-8")

    def available(self) -> bool:
        """False for an external item whose files are not on this machine (it is skipped)."""
        keys = [k for k in ("input", "gold", "gold_text") if k in self.meta]
        return all(self.path(k).exists() for k in keys)


@dataclass
class ItemResult:
    item: str
    system: str
    register: str
    mode: str
    scores: TextScores
    seconds: float
    predicted: list[str] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        syl = self.scores.syllables
        return {
            "item": self.item,
            "system": self.system,
            "register": self.register,
            "mode": self.mode,
            "seconds": round(self.seconds, 3),
            "syllables_per_second": round(syl / self.seconds, 1) if self.seconds > 0 else None,
            **self.scores.to_dict(),
            **self.extra,
        }


def load_gold(root: str | Path) -> list[GoldItem]:
    """Every item folder (one with meta.json) under ``root``, sorted by name."""
    base = Path(root)
    if not base.is_dir():
        raise InputFileError(f"gold set folder {base} not found", path=str(base), hint="Pass the folder that holds the items, e.g. data/gold.")
    items = []
    for meta_path in sorted(base.rglob("meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        items.append(GoldItem(str(meta_path.parent.relative_to(base)), meta_path.parent, meta))
    return items


def _identity(text: str, mode: str) -> str:
    return text


def _pyvi(text: str, mode: str) -> str:
    from pyvi import ViUtils  # optional baseline, imported only when asked for

    from pipeline.vn.orthography import apply_case, strip_diacritics

    def one(line: str) -> str:
        if not line.strip():
            return line
        try:
            out = str(ViUtils.add_accents(line))
        except (KeyError, IndexError, ValueError):  # pyvi fails on some upper-case input
            return line
        # pyvi re-cases everything; give it the input's case and symbols back so the baseline is
        # scored on diacritics alone, as its published 77-81 % figures are.
        src, dst = line.split(" "), out.split(" ")
        if len(src) != len(dst):
            return out
        return " ".join(
            apply_case(d, s) if strip_diacritics(d).lower() == strip_diacritics(s).lower() else s
            for s, d in zip(src, dst, strict=True)
        )

    return "\n".join(one(line) for line in text.split("\n"))


def _vanban(model: str) -> System:
    def run(text: str, mode: str) -> str:
        from pipeline.restore import restore

        return restore(text, model=model, mode=mode).text

    return run


SYSTEMS: dict[str, System] = {
    "identity": _identity,
    "pyvi": _pyvi,
    "fast": _vanban("fast"),
    "accurate": _vanban("accurate"),
}


def citation_pairs(text: str) -> list[tuple[str, str | None]]:
    """(symbol, ISO date) of every mention of another document that the citation stage finds."""
    from pipeline.citations import check_citations

    report = check_citations(text)
    return [(c.symbol.text, c.date.iso if c.date else None) for c in report.cited()]


def citation_scores(predicted: str, item: GoldItem, gold: str) -> dict[str, Any]:
    """Citation precision/recall: found in the output vs the item's hand-checked list (or the gold text's)."""
    if "citations" in item.meta:
        expected = [(str(c["symbol"]), c.get("date")) for c in item.meta["citations"]]
    else:
        expected = citation_pairs(gold)
    return prf(citation_pairs(predicted), expected).to_dict()


def run_restore_item(item: GoldItem, system: str) -> ItemResult:
    """Restore the item's input with one system and score it line by line against the gold."""
    text, gold = item.read("input"), item.read("gold")
    mode = str(item.meta.get("mode", "auto"))
    start = time.perf_counter()
    predicted = SYSTEMS[system](text, mode)
    seconds = time.perf_counter() - start
    p_lines, g_lines = predicted.split("\n"), gold.split("\n")
    return ItemResult(item.name, system, str(item.meta.get("register", "")), mode,
                      score_lines(p_lines, g_lines), seconds, p_lines, g_lines,
                      {"kind": "restore", "citations": citation_scores(predicted, item, gold)})


def _rows_prf(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]], threshold: float = 0.9) -> PRF:
    """Rows match when every cell is similar (normalized Levenshtein similarity >= threshold)."""
    from rapidfuzz.distance import Levenshtein

    unused = list(gold)
    tp = 0
    for row in predicted:
        for i, g in enumerate(unused):
            if len(g) == len(row) and all(Levenshtein.normalized_similarity(a, b) >= threshold for a, b in zip(row, g, strict=True)):
                tp += 1
                del unused[i]
                break
    return PRF(tp, len(predicted), len(gold))


def _gold_rows(doc: Mapping[str, Any]) -> list[list[str]]:
    """Every table row of a gold document JSON (appendix tables and tables in the body)."""
    tables = list(doc.get("tables") or [])
    for app in doc.get("appendices") or []:
        tables.extend(app.get("tables") or [])
    return [[" ".join(str(c).split()) for c in r.get("cells", [])] for t in tables for r in t.get("rows", [])]


def _rows(doc: Document) -> list[list[str]]:
    """Every table row of a parsed document (tables in the body, then appendix tables)."""
    tables = list(doc.tables) + [t for app in doc.appendices for t in app.tables]
    return [[" ".join(c.split()) for c in r.cells] for t in tables for r in t.rows]


HEADER_FIELDS = ("authority", "number", "place", "date", "doc_type", "summary")


def _same(a: Any, b: Any) -> bool:
    norm = (lambda v: " ".join(str(v).split()) if v is not None else None)  # noqa: E731 - line breaks do not count
    return norm(a) == norm(b)


def structure_scores(doc: Document, gold_doc: Mapping[str, Any]) -> dict[str, Any]:
    """Header fields right (exact after whitespace) and table rows P/R/F1 (cells >= 0.9 similar)
    of a parsed document against a gold document JSON."""
    want = gold_doc.get("header") or {}
    fields = {f: _same(getattr(doc.header, f), want.get(f)) for f in HEADER_FIELDS}
    return {"header_fields": fields, "header_accuracy": round(sum(fields.values()) / len(fields), 4),
            "rows": _rows_prf(_rows(doc), _gold_rows(gold_doc)).to_dict()}


def run_scan_item(item: GoldItem, system: str) -> ItemResult:
    """Parse a synthetic scan end to end; score page text (OCR, restored unless ``identity``),
    header fields, table rows and citations against the exact ground truth."""
    from pipeline.api import parse
    from pipeline.result import page_text

    restore_on = system != "identity"
    model = system if system in ("fast", "accurate") else "fast"
    start = time.perf_counter()
    result = parse(item.path("input"),
                   {"jobs": 1, "restore": {"enabled": restore_on, "model": model}}, raises=False)
    seconds = time.perf_counter() - start
    gold_pages = item.read("gold_text").rstrip("\n").split("\f")
    # Pages are compared as token streams: a line split or merged by OCR is not a whole line wrong.
    pred = [" ".join(page_text(p).split()) for p in result.pages]
    gold = [" ".join(g.split()) for g in gold_pages]
    paged = score_pages(pred, gold)  # extra and missing pages are scored and counted, not dropped
    scores = paged.scores
    pred += [""] * (len(gold) - len(pred))
    gold += [""] * (len(pred) - len(gold))
    extra: dict[str, Any] = {"kind": "scan", "status": result.status.value, "pages": len(result.pages),
                             "gold_pages": len(gold_pages), "extra_pages": paged.extra_pages,
                             "missing_pages": paged.missing_pages}
    if "gold_json" in item.meta and result.document is not None:
        extra.update(structure_scores(result.document, json.loads(item.read("gold_json"))))
    if result.citations is not None:
        found = [(c.symbol.text, c.date.iso if c.date else None) for c in result.citations.cited()]
        extra["citations"] = prf(found, citation_pairs("\f".join(gold_pages))).to_dict()
    return ItemResult(item.name, system, str(item.meta.get("register", "scan")), "scan", scores,
                      seconds, pred, gold, extra)


def run_gold(root: str | Path, systems: Sequence[str], *, kinds: Sequence[str] = ("restore", "scan")) -> list[ItemResult]:
    """Every (item, system) pair of the gold set; unknown systems are refused up front.

    Scan items are not run with ``pyvi`` (it restores text, it reads no pages): ``identity``
    there means OCR without restoration.
    """
    for s in systems:
        if s not in SYSTEMS:
            raise InputFileError(f"unknown system {s!r}", hint=f"Choose from {', '.join(SYSTEMS)}.")
    results = []
    for item in load_gold(root):
        if item.kind not in kinds:
            continue
        if not item.available():
            print(f"vanban eval: {item.name}: {item.meta.get('input')} is not on this machine, skipped",
                  file=sys.stderr)
            continue
        for system in systems:
            if item.kind == "scan" and system == "pyvi":
                continue
            runner = run_scan_item if item.kind == "scan" else run_restore_item
            results.append(runner(item, system))
    return results
