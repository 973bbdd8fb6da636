"""Document types and the fixed header formulae (NĐ 30/2020/NĐ-CP; the Party's HD 36-HD/VPTW).

The data (``data/doctypes.json``): the type titles printed in capitals under the header
("KẾ HOẠCH", "THÔNG BÁO", ...), the national name and motto every state document prints, and the
Party's name every Party document prints.  The type *codes* of symbols ("KH", "TB") are in
``data/codes.json`` (``pipeline.vn.codes``).  Here too are the tolerant patterns that find the
formulae in a text layer or OCR output and the match of a title line to its type.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from typing import Any

from pipeline.vn.orthography import is_caps, nfc_single_spaced, strip_marks


def _load() -> dict[str, Any]:
    raw = resources.files("pipeline.vn").joinpath("data/doctypes.json").read_text("utf-8")
    return dict(json.loads(unicodedata.normalize("NFC", raw)))


_DATA = _load()

# Type titles printed in capitals under the header (NĐ 30/2020 Phụ lục III; Party types).
DOC_TYPES: tuple[str, ...] = tuple(_DATA["titles"])
# "THÔNG BÁO KẾT LUẬN" and the like start with a type: the longest match wins.
_DOC_TYPES_SORTED = sorted(set(DOC_TYPES), key=len, reverse=True)

NATIONAL_NAME: str = _DATA["national_name"]  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: str = _DATA["motto"]  # "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME: str = _DATA["party_name"]  # "ĐẢNG CỘNG SẢN VIỆT NAM"
# The fixed formulae of a header, as printed (old tone placement: "HÒA").
FORMULAE: tuple[str, ...] = (NATIONAL_NAME, MOTTO, PARTY_NAME)


def loose_phrase(canonical: str) -> re.Pattern[str]:
    """A pattern for a fixed phrase that tolerates split glyphs ("CỘ NG"), missing diacritics and
    any dash: text layers and OCR break these lines in all three ways."""
    base = {"Ộ": "ỘO", "Ò": "ÒOÓ", "Ã": "ÃA", "Ủ": "ỦU", "Ĩ": "ĨI", "Ệ": "ỆE", "Ả": "ẢA", "ộ": "ộo",
            "ậ": "ậa", "ự": "ựu", "ạ": "ạa", "ú": "úu", "Đ": "ĐD"}
    parts = []
    for ch in canonical:
        if ch == " ":
            parts.append(r"\s*")
        elif ch == "-":
            parts.append(r"[-–—]")
        else:
            alts = base.get(ch, ch)
            parts.append(f"[{alts}{alts.lower()}{alts.upper()}]" + r"\s?")
    return re.compile("".join(parts))


RE_NATIONAL_NAME = loose_phrase(NATIONAL_NAME)
RE_MOTTO = loose_phrase(MOTTO)
RE_PARTY_NAME = loose_phrase(PARTY_NAME)
# OCR may lose "CỘNG HÒA" to a speck: the tail of the national name alone.
RE_NATIONAL_NAME_TAIL = loose_phrase(NATIONAL_NAME.split(" ", 2)[2])


def canonical_motto(found: str, canonical: str) -> str:
    """The canonical wording when ``found`` differs from it only by spacing, else ``found``."""
    squash = re.sub(r"[\s\-–—]", "", found)
    return canonical if squash == re.sub(r"[\s\-–—]", "", canonical) else re.sub(r"\s+", " ", found).strip()


def match_doc_type(line: str) -> str | None:
    """The type title a capitalised title line starts with ("THÔNG BÁO KẾT LUẬN" -> THÔNG BÁO);
    a whole line that is a type title but for its marks ("ĐỂ AN" from legacy OCR) is that type."""
    s = nfc_single_spaced(line)
    if not is_caps(s):
        return None
    for t in _DOC_TYPES_SORTED:
        if s == t or s.startswith(t + " "):
            return t
    bare = " ".join(strip_marks(s).split())
    hits = [t for t in _DOC_TYPES_SORTED if strip_marks(t) == bare]
    return hits[0] if len(hits) == 1 else None
