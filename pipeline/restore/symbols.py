"""Repair document symbols broken by OCR ("1578/ BTTTT-TTDN" -> "1578/BTTTT-TTĐN").

Document symbols (số ký hiệu) are "number/CODE-CODE...": OCR splits them at the slash, reads the
hyphen as a dash, and — with the English model — reads Đ as D.  Spacing and dashes are fixed by
pattern; D -> Đ only for code parts that a table learned from the corpus (train split) knows as
written with Đ (``scripts/train_channel.py --kind symbols``).  Everything else is left exactly as is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]*"
# "119 /KH-UBND", "1578/ BTTTT-TTDN", "119 / KH": a number, a spaced slash, an upper-case code.
_SPACED_SLASH = re.compile(r"(?<![\w/])(\d{1,6})(?: +/ *| */ +)(?=[A-ZĐ]{2}|[A-ZĐ][a-z]?[-/ ])")
# A symbol with a dash or spaced hyphen between its code parts: "37/TTr—STTT", "47/NQ - CP".
# A spaced dash joins only the type code to the next part: in "47/NQ-CP - UBND" the symbol is
# already whole and " - " is the text's own dash.
_SYMBOL = re.compile(rf"(?<![\w/])\d{{1,6}}/{_CODE}(?: ?[-–—] ?{_CODE})?(?:[-–—/]{_CODE})*")
_CODED = re.compile(r"(?<!\S)(?=\S*\d)(?=\S*[A-ZĐ]{2})[\w.\-/]*[-/.][\w.\-/]*")
_DASHES = re.compile(r" ?[–—] ?| - | -|- ")
# Document-symbol parts as they appear in the corpus, for learning which codes carry Đ.
SYMBOL_PARTS = re.compile(rf"(?<![\w/])\d{{1,6}}/({_CODE}(?:[-/]{_CODE})*)")


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
    line = _SPACED_SLASH.sub(r"\1/", line)

    def fix(m: re.Match[str]) -> str:
        sym = _DASHES.sub("-", m.group())
        if codes:
            num, _, rest = sym.partition("/")
            parts = re.split(r"([-/])", rest)
            sym = num + "/" + "".join(codes.get(p, p) for p in parts)
        return sym

    line = _SYMBOL.sub(fix, line)
    if codes:
        # Symbols led by a year or a dotted code ("04/2023/ND-CP", "43.1.ND.1.13"): D -> Đ in parts.
        line = _CODED.sub(
            lambda m: "".join(codes.get(p, p) for p in re.split(r"([-/.])", m.group())), line
        )
    return line


_ACRONYM = re.compile(r"(?<![\w/-])[A-ZĐ]{2,8}(?![\w/-])")


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
        for m in SYMBOL_PARTS.finditer(text):
            for part in re.split(r"[-/]", m.group(1)):
                add(part)
        for m in _ACRONYM.finditer(text):
            if m.group().lower() not in syllables:  # "ĐIỀU" is a word for the decoder, not a code
                add(m.group())
    out: dict[str, str] = {}
    for part, c in with_d.items():
        key = part.replace("Đ", "D")
        if c >= min_count and c > 3 * plain.get(key, 0):
            out[key] = part
    return dict(sorted(out.items()))
