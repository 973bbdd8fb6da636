"""Run the gold set: load items, run each system on them, score with ``pipeline.evaluate``.

Systems: ``identity`` (the input as is), ``pyvi`` (pyvi's ViUtils.add_accents, line by line),
``fast`` and ``accurate`` (vanban's restorers).  Scan items run the whole ``pipeline.parse``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputFileError
from pipeline.evaluate import PRF, TextScores, score_lines

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

    def read(self, key: str) -> str:
        return (self.folder / str(self.meta[key])).read_text(encoding="utf-8")


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

    from pipeline.restore.vietnamese import apply_case, strip_diacritics

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


def run_restore_item(item: GoldItem, system: str) -> ItemResult:
    """Restore the item's input with one system and score it line by line against the gold."""
    text, gold = item.read("input"), item.read("gold")
    mode = str(item.meta.get("mode", "auto"))
    start = time.perf_counter()
    predicted = SYSTEMS[system](text, mode)
    seconds = time.perf_counter() - start
    p_lines, g_lines = predicted.split("\n"), gold.split("\n")
    return ItemResult(item.name, system, str(item.meta.get("register", "")), mode,
                      score_lines(p_lines, g_lines), seconds, p_lines, g_lines)


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


def _table_rows(doc: dict[str, Any]) -> list[list[str]]:
    rows = []
    for app in doc.get("appendices") or []:
        for table in app.get("tables") or []:
            rows.extend([list(r.get("cells", [])) for r in table.get("rows", [])])
    return rows


HEADER_FIELDS = ("authority", "number", "place", "date", "doc_type", "summary")


def run_scan_item(item: GoldItem, system: str) -> ItemResult:
    """Parse a synthetic scan end to end; score OCR text, header fields and appendix rows."""
    from pipeline.api import parse

    restore_on = system != "identity"
    model = system if system in ("fast", "accurate") else "fast"
    start = time.perf_counter()
    result = parse(item.folder / str(item.meta["input"]),
                   {"jobs": 1, "restore": {"enabled": restore_on, "model": model}}, raises=False)
    seconds = time.perf_counter() - start
    gold_pages = item.read("gold_text").split("\f")
    pred_pages = [p.text for p in result.pages]
    scores = TextScores()
    for i, g in enumerate(gold_pages):
        scores.add(score_lines((pred_pages[i] if i < len(pred_pages) else "").split("\n"), g.split("\n")))
    extra: dict[str, Any] = {"status": result.status.value}
    if "gold_json" in item.meta and result.document is not None:
        gold_doc = json.loads(item.read("gold_json"))
        doc = result.document.to_dict()
        fields = {f: (doc.get("header", {}).get(f) == gold_doc.get("header", {}).get(f)) for f in HEADER_FIELDS}
        extra["header_fields"] = fields
        extra["header_accuracy"] = round(sum(fields.values()) / len(fields), 4)
        extra["rows"] = _rows_prf(_table_rows(doc), _table_rows(gold_doc)).to_dict()
    return ItemResult(item.name, system, str(item.meta.get("register", "scan")), "scan", scores,
                      seconds, "\n".join(pred_pages).split("\n"), "\n".join(gold_pages).split("\n"), extra)


def run_gold(root: str | Path, systems: Sequence[str], *, kinds: Sequence[str] = ("restore", "scan")) -> list[ItemResult]:
    """Every (item, system) pair of the gold set; unknown systems are refused up front."""
    for s in systems:
        if s not in SYSTEMS:
            raise InputFileError(f"unknown system {s!r}", hint=f"Choose from {', '.join(SYSTEMS)}.")
    results = []
    for item in load_gold(root):
        if item.kind not in kinds:
            continue
        for system in systems:
            if item.kind == "scan" and system == "pyvi":
                continue
            runner = run_scan_item if item.kind == "scan" else run_restore_item
            results.append(runner(item, system))
    return results
