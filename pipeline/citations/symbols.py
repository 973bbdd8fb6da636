"""A cited symbol as a ``Symbol``: the parse that repairs what ``pipeline.vn.symbols.SYMBOL_RE`` found.

The grammar (``pipeline.vn.symbols``) accepts what OCR does to symbols (spaces around "/" and "-",
O for 0, en/em dashes, a line break after a hyphen); the parse says what it repaired and what it
could not, with the code tables of ``pipeline.vn.codes``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

import regex

from pipeline.citations.model import Symbol
from pipeline.vn.codes import Tables, tables
from pipeline.vn.symbols import LAW_CODE_RE, LAW_OCR_RE, SPLIT_DASH_RE, SYMBOL_RE, number

# Characters OCR leaves where a letter was ("TT]i", "UBN|D"): a symbol running into one is broken.
_JUNK = frozenset("[]{}|\\!~^`#@")
_DIGIT_THEN_LETTER = regex.compile(r"\d[A-Za-zĐđ]")

# A number may carry one lower-case letter ("163a/CT", "12a/2020/TT-BTC": a document numbered in
# between two others).  The grammar is ``SYMBOL_RE``'s, with that letter allowed after the digits
# ("o" is left out: it is read as a 0).
_NUM_GROUP = "(?P<num>" + number(ocr_digits=True) + ")"
assert SYMBOL_RE.pattern.count(_NUM_GROUP) == 1, "pipeline.vn.symbols.SYMBOL_RE changed its number group"
CITE_SYMBOL_RE = regex.compile(
    SYMBOL_RE.pattern.replace(_NUM_GROUP, "(?P<num>" + number(ocr_digits=True) + r"(?:[a-np-z](?=[ \t]*[/\-–—]))?)"),
    SYMBOL_RE.flags,
)
# National bodies of the old numbering that today's tables no longer list: Hội đồng Bộ trưởng
# (1981-1992), its Chairman, Hội đồng Chính phủ (1960-1981), Hội đồng Nhà nước (1981-1992).
HISTORICAL_ISSUERS = frozenset({"HĐBT", "CT", "HĐCP", "HĐNN"})
# Two forms the grammar leaves out, in one pattern (one pass over the text), both taken only after
# a type word (the finder checks):
# - ``old``: before the 2004-2005 rules, Government and Council of Ministers documents were numbered
#   "<số>-<cơ quan>" with no type code ("Nghị định 64-CP", "Quyết định 217-HĐBT", "Chỉ thị 100-CT",
#   CT being the Chairman of the Council of Ministers); the code must be a national body's;
# - the other groups: a symbol in a text that was lower-cased ("nghị định số 130/2020/nđ-cp"),
#   taken when its first code part, upper-cased, is a known code.
OLD_OR_LOWER_RE = regex.compile(
    r"(?<![\p{L}\p{N}/.,\-])(?P<num>\d{1,6}(?:[a-np-z])?)(?:"
    r"(?P<old>[ \t]?[-–][ \t]?(?P<code>[A-ZĐ][A-Za-zĐ]{1,6})(?![\p{L}\p{N}/&\-–—]))"
    r"|(?P<party>-(?P<pcode>[a-zđ]{1,6})/(?P<prest>[a-zđ]{1,8}(?:-[a-zđ]{1,8})*))(?![\p{L}\p{N}/&])"
    r"|/(?:(?P<year>(?:19|20)\d{2})/)?(?P<srest>[a-zđ]{1,8}\d{0,2}(?:-[a-zđ0-9]{1,10})*)(?![\p{L}\p{N}/&])"
    r")",
    regex.V1,
)
# What may follow a whole symbol and still belong to it: more slash-separated parts of capitals or a
# year ("23/CV/VPF/2011"); a period for the hyphen after a type code ("2016/QĐ.UB", "QĐ. UB").
_TAIL_CODE = r"[A-ZĐ][A-ZĐ0-9&]{0,9}(?:-[A-ZĐ][A-ZĐ0-9&]{0,9})*"
_SLASH_TAIL = regex.compile(r"(?:/(?:" + _TAIL_CODE + r"|(?:19|20)\d{2})){1,3}(?![\p{L}\p{N}/&\-])", regex.V1)
# After a type code only "-<issuer>" can follow: a period there stands for the hyphen ("2016/QĐ. UB",
# as the OCR stage reads "47/NQ.CP"); in a legal symbol (with a year, a form fixed by law) a slash
# does too ("213/2013/TTLT/BTC-BLĐTBXH").
_DOT_TAIL = regex.compile(r"\.[ \t]?(?P<code>[A-ZĐ][A-ZĐ0-9&]{1,9})(?![\p{L}\p{N}&/\-])", regex.V1)
_LEGAL_SLASH_TAIL = regex.compile(r"/(?P<code>" + _TAIL_CODE + r")(?![\p{L}\p{N}&/\-])", regex.V1)
# A "code" that is a word (one capital, then lower case: "Khi", "Instagram") or one letter ("2 / D").
_WORD_CODE = regex.compile(r"[A-ZĐ](?:[a-zđ]{2,})?", regex.V1)


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


def _case(seg: str, codes: Collection[str], t: Tables, repairs: list[str]) -> str:
    """A mixed-case code written in capitals ("QĐ-TTG" for "QĐ-TTg"): put back when the capitals
    are no code and exactly one mixed-case code of ``codes`` reads the same upper-cased."""
    if seg in codes or not seg.isupper():
        return seg
    for code in t.mixed_case:
        if code in codes and code.upper() == seg:
            repairs.append("case")
            return code
    return seg


def _state_segments(m: regex.Match[str], t: Tables, repairs: list[str], problems: list[str], up: bool) -> list[str]:
    srest = m.group("srest").upper() if up else m.group("srest")
    segs = [_segment(x, t, repairs, problems) for x in SPLIT_DASH_RE.split(srest)]
    if len(segs) > 1:
        segs[0] = _case(_type_code(segs[0], t, repairs), t.all_type_codes, t, repairs)
        segs[1:] = [_case(x, t.known_issuer_codes, t, repairs) for x in segs[1:]]
    else:  # a lone code: an issuer ("12/TTG") or a type code ("12/TTR")
        one = _case(segs[0], t.known_issuer_codes, t, repairs)
        segs[0] = one if one != segs[0] else _case(segs[0], t.all_type_codes, t, repairs)
    return segs


def parse_symbol(m: regex.Match[str], t: Tables | None = None, lower: bool = False) -> Symbol | None:
    """Turn a ``CITE_SYMBOL_RE`` (or ``SYMBOL_RE``) match into a Symbol; None when it is not a
    symbol at all (no digit).  With ``lower``, an ``OLD_OR_LOWER_RE`` match of a lower-cased symbol: its codes are read
    upper-cased (repair "case") and it is None unless its first code is a known one."""
    t = t or tables()
    raw = m.group(0)
    num_raw = m.group("num")
    if not any(c.isdigit() for c in num_raw):
        return None
    repairs: list[str] = ["case"] if lower else []
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
        pcode_raw, prest = (m.group("pcode"), m.group("prest"))
        if lower:
            pcode_raw, prest = pcode_raw.upper(), prest.upper()
        pcode = _case(_type_code(_segment(pcode_raw, t, repairs, problems), t, repairs), t.party_type_codes, t, repairs)
        rest = [_case(_segment(x, t, repairs, problems), t.known_issuer_codes, t, repairs) for x in SPLIT_DASH_RE.split(prest)]
        if lower and pcode not in t.party_type_codes:
            return None
        text = f"{num}-{pcode}/{'-'.join(rest)}"
        return Symbol(text, raw, num, None, pcode, tuple(rest), "party", True, tuple(dict.fromkeys(repairs)), tuple(problems))
    segs = _state_segments(m, t, repairs, problems, lower)
    if lower and not (segs[0] in t.all_type_codes or segs[0] in t.known_issuer_codes or LAW_CODE_RE.match(segs[0])):
        return None
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


def old_issuers(t: Tables) -> frozenset[str]:
    """The issuer codes an old "<số>-<cơ quan>" symbol may carry: national state bodies."""
    return (t.national_issuer_codes - t.party_issuer_codes) | HISTORICAL_ISSUERS


def parse_old(m: regex.Match[str], t: Tables | None = None) -> Symbol | None:
    """An ``OLD_OR_LOWER_RE`` match of the old form as a Symbol of form "old"; None when its code is no national issuer."""
    t = t or tables()
    repairs: list[str] = []
    allowed = old_issuers(t)
    code = m.group("code")
    if code not in allowed and code.replace("D", "Đ") in allowed:  # "HDBT": OCR lost the Đ
        code = code.replace("D", "Đ")
        repairs.append("D->Đ")
    code = _case(code, allowed, t, repairs)
    if code not in allowed:
        return None
    raw = m.group(0)
    if " " in raw or "\t" in raw:
        repairs.append("spaces")
    if "–" in raw:
        repairs.append("dash")
    num = m.group("num")
    return Symbol(f"{num}-{code}", raw, num, None, None, (code,), "old", False, tuple(repairs), ())


def extend(sym: Symbol, text: str, s: int, e: int) -> tuple[Symbol, int]:
    """The symbol with what still belongs to it after ``e``: a period for the hyphen after a type
    code that has no issuer ("2016/QĐ.UB", repair "dot"), more slash-separated parts
    ("23/CV/VPF/2011").  Returns the symbol and its new end."""
    if sym.party_shape:
        return sym, e
    if sym.type_code is not None and not sym.issuer_codes and sym.form in ("state", "legal"):
        d = _DOT_TAIL.match(text, e, min(len(text), e + 14))
        repair = "dot"
        if d is None and sym.form == "legal":
            d, repair = _LEGAL_SLASH_TAIL.match(text, e, min(len(text), e + 40)), "slash"
        if d:
            codes = tuple(d.group("code").split("-"))
            mid = f"{sym.year}/" if sym.year is not None else ""
            sym = replace(
                sym, text=f"{sym.number}/{mid}{sym.type_code}-{'-'.join(codes)}", raw=text[s : d.end()],
                issuer_codes=codes, repairs=tuple(dict.fromkeys((*sym.repairs, repair))),
            )
            e = d.end()
    tail = _SLASH_TAIL.match(text, e, min(len(text), e + 40))
    if tail:
        parts = tail.group(0).split("/")[1:]
        more = tuple(c for p in parts if not p.isdigit() for c in p.split("-"))
        sym = replace(sym, text=sym.text + tail.group(0), raw=text[s : tail.end()], issuer_codes=(*sym.issuer_codes, *more))
        e = tail.end()
    return sym, e


def looks_like_a_word(sym: Symbol) -> bool:
    """A "symbol" whose one code is a word ("26/Instagram", "2/Khi") or a single letter ("2 / D"):
    in running text that is a ratio, a list marker or a credit, not a document."""
    if sym.party_shape or sym.year is not None or sym.form == "old":
        return False
    codes = ([sym.type_code] if sym.type_code else []) + list(sym.issuer_codes)
    return len(codes) == 1 and bool(_WORD_CODE.fullmatch(codes[0]))


def is_party(sym: Symbol, t: Tables | None = None) -> bool:
    """Whether the symbol belongs to a Party body (by its issuer codes), whatever its shape."""
    t = t or tables()
    return any(c in t.party_issuer_codes for c in sym.issuer_codes)
