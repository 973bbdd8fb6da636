"""Repair document symbols broken by OCR ("1578/ BTTTT-TTDN" -> "1578/BTTTT-TTĐN").

Document symbols (số ký hiệu) are "number/CODE-CODE...": OCR splits them at the slash, reads the
hyphen as a dash, and — with the English model — reads Đ as D.  Spacing and dashes are fixed by
pattern; D -> Đ only for code parts that a table learned from the corpus (train split) knows as
written with Đ (``scripts/train/channel.py --kind symbols``).  Everything else is left exactly as is.

The symbol grammar is ``pipeline.vn.symbols``; this module is what restoration does with it.  The
learned table (``models/channel-symbols.json``) is a trained model artefact and stays one: it holds
the code parts and acronyms the corpus writes with Đ, issuers included (168 entries), while the
hand-written code table of ``pipeline/vn/data/codes.json`` (the citation engine's, from the decrees)
knows 22; see ``pipeline.vn.codes`` for why the two are kept apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.vn.symbols import (
    ACRONYM_RE,
    READ_SYMBOL_RE,
    REPAIR_SYMBOL_RE,
    SPACED_SLASH_RE,
    SYMBOL_PARTS_RE,
    YEAR_SYMBOL_RE,
)

_CODED = re.compile(r"(?<!\S)(?=\S*\d)(?=\S*[A-ZĐ]{2})[\w.\-/]*[-/.][\w.\-/]*")
_DASHES = re.compile(r" ?[–—] ?| - | -|- ")


def load_codes(path: str | Path) -> dict[str, str]:
    """The D-form -> Đ-form table of symbol code parts (empty when the file is missing)."""
    p = Path(path)
    if not p.exists():
        return {}
    return dict(json.loads(p.read_text(encoding="utf-8")))


def repair_symbols(line: str, codes: dict[str, str] | None = None) -> str:
    """One line with its document symbols joined, dashed and Đ-corrected; other text untouched."""
    if "/" not in line and "." not in line:
        return line
    line = SPACED_SLASH_RE.sub(r"\1/", line)

    def fix(m: re.Match[str]) -> str:
        sym = _DASHES.sub("-", m.group())
        if codes:
            num, _, rest = sym.partition("/")
            parts = re.split(r"([-/])", rest)
            sym = num + "/" + "".join(codes.get(p, p) for p in parts)
        return sym

    line = REPAIR_SYMBOL_RE.sub(fix, line)
    if codes:
        # Symbols led by a year or a dotted code ("04/2023/ND-CP", "43.1.ND.1.13"): D -> Đ in parts.
        line = _CODED.sub(
            lambda m: "".join(codes.get(p, p) for p in re.split(r"([-/.])", m.group())), line
        )
    return line


def learn_codes(texts: Iterable[str], syllables: set[str], min_count: int = 3) -> dict[str, str]:
    """Code parts and acronyms written with Đ far more often than with D, keyed by their D form."""
    with_d: dict[str, int] = {}
    plain: dict[str, int] = {}

    def add(part: str) -> None:
        if "Đ" in part:
            with_d[part] = with_d.get(part, 0) + 1
        elif "D" in part:
            plain[part] = plain.get(part, 0) + 1

    for text in texts:
        for m in SYMBOL_PARTS_RE.finditer(text):
            for part in re.split(r"[-/]", m.group(1)):
                add(part)
        for m in ACRONYM_RE.finditer(text):
            if m.group().lower() not in syllables:  # "ĐIỀU" is a word for the decoder, not a code
                add(m.group())
    out: dict[str, str] = {}
    for part, c in with_d.items():
        key = part.replace("Đ", "D")
        if c >= min_count and c > 3 * plain.get(key, 0):
            out[key] = part
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class PartRepair:
    """Code parts known from the corpus and the letter confusions OCR makes inside symbols."""

    parts: dict[str, int]  # code part -> occurrences in train-split symbols
    confusions: tuple[tuple[str, str], ...]  # (read, true) single characters, most frequent first
    min_count: int = 5  # a repaired part must be at least this common

    def fix(self, part: str, codes: dict[str, str]) -> str:
        """The part, or the one known part a single confusion (then D -> Đ) turns it into."""
        if part in self.parts or codes.get(part, part) in self.parts or part.isdigit():
            return part
        best, best_n = part, 0
        for i, ch in enumerate(part):
            for read, true in self.confusions:
                if ch != read:
                    continue
                cand = part[:i] + true + part[i + 1 :]
                cand = codes.get(cand, cand)
                n = self.parts.get(cand, 0)
                if n > best_n:
                    best, best_n = cand, n
        return best if best_n >= self.min_count else part


def load_part_repair(path: str | Path) -> PartRepair | None:
    """The learned part repair (None when the file is missing)."""
    p = Path(path)
    if not p.exists():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    return PartRepair(dict(data["parts"]), tuple((a, b) for a, b, _ in data["confusions"]))


def repair_parts(line: str, repair: PartRepair, codes: dict[str, str]) -> str:
    """Symbols whose code parts OCR misread by one learned confusion ("0H15" -> "QH15", "OD" -> "QĐ")."""
    if "/" not in line:
        return line

    def fix(m: re.Match[str]) -> str:
        return m.group(1) + "-".join(repair.fix(p, codes) for p in m.group(2).split("-"))

    return READ_SYMBOL_RE.sub(fix, line)


def learn_parts(texts: Iterable[str], min_count: int = 3) -> dict[str, int]:
    """Code parts of document symbols in ``texts`` with their counts (at least ``min_count``)."""
    counts: dict[str, int] = {}
    for text in texts:
        for m in YEAR_SYMBOL_RE.finditer(text):
            for part in re.split(r"[-/]", m.group(1)):
                counts[part] = counts.get(part, 0) + 1
    return {p: n for p, n in sorted(counts.items()) if n >= min_count}
