"""A cited symbol as a ``Symbol``: the parse that repairs what ``pipeline.vn.symbols.SYMBOL_RE`` found.

The grammar (``pipeline.vn.symbols``) accepts what OCR does to symbols (spaces around "/" and "-",
O for 0, en/em dashes, a line break after a hyphen); the parse says what it repaired and what it
could not, with the code tables of ``pipeline.vn.codes``.
"""

from __future__ import annotations

import regex

from pipeline.citations.model import Symbol
from pipeline.vn.codes import Tables, tables
from pipeline.vn.symbols import LAW_CODE_RE, LAW_OCR_RE, SPLIT_DASH_RE

# Characters OCR leaves where a letter was ("TT]i", "UBN|D"): a symbol running into one is broken.
_JUNK = frozenset("[]{}|\\!~^`#@")
_DIGIT_THEN_LETTER = regex.compile(r"\d[A-Za-zĐđ]")


def _fix_digits(s: str, repairs: list[str]) -> str:
    if "O" in s or "o" in s:
        repairs.append("O->0")
        return s.replace("O", "0").replace("o", "0")
    return s


def _segment(seg: str, t: Tables, repairs: list[str], problems: list[str]) -> str:
    if LAW_OCR_RE.fullmatch(seg) and any(c in seg for c in "Il|"):
        repairs.append("I->1")
        head = "UBTVQH" if seg.startswith("UBTV") else "QH"
        seg = head + seg[len(head) :].replace("I", "1").replace("l", "1").replace("|", "1")
    if seg in t.d_repairs:
        repairs.append("D->Đ")
        seg = t.d_repairs[seg]
    if _DIGIT_THEN_LETTER.search(seg):
        problems.append(f"broken segment {seg!r}")
    else:
        rest = seg
        for frag in ("Tr", "Tg", "Đi", "yĐ", "Th"):
            rest = rest.replace(frag, "")
        if any(c.islower() for c in rest):
            problems.append(f"broken segment {seg!r}")
    return seg


def _type_code(code: str, t: Tables, repairs: list[str]) -> str:
    """A type code OCR misread in a way the closed set of codes rules out: Q read as O ("NO" for
    "NQ"), repaired only when the misread code is no code and the repaired one is."""
    if code in t.all_type_codes or "O" not in code:
        return code
    fixed = code.replace("O", "Q")
    if fixed in t.all_type_codes:
        repairs.append("O->Q")
        return fixed
    return code


def parse_symbol(m: regex.Match[str], t: Tables | None = None) -> Symbol | None:
    """Turn a ``pipeline.vn.symbols.SYMBOL_RE`` match into a Symbol; None when it is not a symbol at all (no digit)."""
    t = t or tables()
    raw = m.group(0)
    num_raw = m.group("num")
    if not any(c.isdigit() for c in num_raw):
        return None
    repairs: list[str] = []
    problems: list[str] = []
    if " " in raw or "\t" in raw:
        repairs.append("spaces")
    if any(d in raw for d in "‐‑–—"):
        repairs.append("dash")
    num = _fix_digits(num_raw, repairs)
    nxt = m.string[m.end() : m.end() + 1]
    if nxt and nxt in _JUNK:
        problems.append(f"runs into {nxt!r}")
    if m.group("party"):
        pcode = _type_code(_segment(m.group("pcode"), t, repairs, problems), t, repairs)
        rest = [_segment(s, t, repairs, problems) for s in SPLIT_DASH_RE.split(m.group("prest"))]
        text = f"{num}-{pcode}/{'-'.join(rest)}"
        return Symbol(text, raw, num, None, pcode, tuple(rest), "party", True, tuple(dict.fromkeys(repairs)), tuple(problems))
    segs = [_segment(s, t, repairs, problems) for s in SPLIT_DASH_RE.split(m.group("srest"))]
    if len(segs) > 1:
        segs[0] = _type_code(segs[0], t, repairs)
    year: int | None = None
    year_raw = m.group("year")
    if year_raw:
        year = int(_fix_digits(year_raw, repairs))
    if year is not None and LAW_CODE_RE.match(segs[0]):
        form, type_code, issuers = "law", None, segs
    elif year is not None:
        form, type_code, issuers = "legal", segs[0], segs[1:]
    elif segs[0] in t.all_type_codes:
        form, type_code, issuers = "state", segs[0], segs[1:]
    else:
        form, type_code, issuers = "cong_van", None, segs
    mid = f"{year}/" if year is not None else ""
    text = f"{num}/{mid}{'-'.join(segs)}"
    return Symbol(text, raw, num, year, type_code, tuple(issuers), form, False, tuple(dict.fromkeys(repairs)), tuple(problems))


def is_party(sym: Symbol, t: Tables | None = None) -> bool:
    """Whether the symbol belongs to a Party body (by its issuer codes), whatever its shape."""
    t = t or tables()
    return any(c in t.party_issuer_codes for c in sym.issuer_codes)
