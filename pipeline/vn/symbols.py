"""The document-symbol grammar (số ký hiệu, VN_DOCUMENT_RULES §1): one set of pieces, three readers.

A symbol is "<number>/[<year>/]<type code>-<issuer code>..." (state and legal documents, công văn
without a type code) or "<number>-<type code>/<issuer code>..." (Party documents).  The codes
themselves are data (``data/codes.json``, loaded by ``pipeline.vn.codes``), as eyecite keeps its
reporters; this module is the shape.  The pieces take the OCR damage a reader tolerates as
parameters:

- ``number(ocr_digits)``, ``pipeline.vn.dates.year(ocr_digits)``: O and o read for 0;
- ``code_part(max_len, ampersand)``: a code part starts with a capital (or Đ); the citation reader
  bounds its length and allows "&" ("KH&ĐT");
- ``dash(ocr_dashes)``: the printed hyphen, en and em dash, and with ``ocr_dashes`` also the
  Unicode hyphens a text layer may carry.

The readers built from them:

- ``SYMBOL_RE`` (citation engine): every form with its parts in named groups, tolerant of spaces,
  O for 0, any dash and a line break after a hyphen;
- ``REPAIR_SYMBOL_RE``, ``SPACED_SLASH_RE``, ``READ_SYMBOL_RE`` (restoration): the state form as
  OCR breaks it, to put it back together;
- ``NUMBER_LINE_RE`` (structure): the header's "Số: ..." line, loosest of all, since a number may be
  handwritten into the blank;
- ``PARTY_DOT_RE``, ``STATE_DOT_RE``, ``ONE_MISREAD_RE``, ``SYMBOL_START_RE`` (OCR): one token as
  Tesseract returned it, code parts of letters only.
"""

from __future__ import annotations

import re

import regex

from pipeline.vn.dates import year

_OCR_HYPHENS = "‐‑"  # U+2010 hyphen, U+2011 non-breaking hyphen (text layers)


def number(ocr_digits: bool) -> str:
    """A document number: one to six digits (O and o read for 0 with ``ocr_digits``)."""
    return r"[0-9Oo]{1,6}" if ocr_digits else r"\d{1,6}"


def code_part(max_len: int | None = None, ampersand: bool = False, digits: bool = True) -> str:
    """One code part ("KH", "UBND", "QH15", "TTr"): a capital, then letters (and digits)."""
    rest = "A-Za-zĐđ" + ("0-9" if digits else "") + ("&" if ampersand else "")
    rep = "*" if max_len is None else f"{{0,{max_len - 1}}}"
    return f"[A-ZĐ][{rest}]{rep}"


def dash(ocr_dashes: bool) -> str:
    """The dash between code parts: hyphen, en or em dash (and the Unicode hyphens)."""
    return f"[-{_OCR_HYPHENS}–—]" if ocr_dashes else "[-–—]"


# --- the citation engine's reader ---------------------------------------------------------------

_SP = r"[ \t]{0,3}"
# A number written by hand into the blank of "Số:      /KH-UBND" leaves a wide gap before "/".
_SP_NUM = r"[ \t]{0,8}"
# A printed line may wrap right after "-" or "/" ("57-\nKL/TW"); allow one line break there.
_WS = r"[ \t]{0,3}(?:\r?\n[ \t]{0,3})?"
_DASH = dash(ocr_dashes=True)
_CODE = code_part(max_len=14, ampersand=True)
# One more "-<code>": glued to the dash, or (OCR spacing) " - " before an all-caps code only, so
# "TT-BNNPTNT — Danh mục" stops at BNNPTNT.
_UCODE = r"[A-ZĐ][A-ZĐ0-9&]{1,13}(?![\p{Ll}])"
_CONT = r"(?:" + _DASH + _WS + _CODE + r"|[ \t]{1,3}" + _DASH + _WS + _UCODE + r")"
_NUM = r"(?P<num>" + number(ocr_digits=True) + r")"
_YEAR = r"(?P<year>" + year(ocr_digits=True) + r")"

SYMBOL_RE = regex.compile(
    r"(?<![\p{L}\p{N}/.,\-])" + _NUM + r"(?:"
    # Party: <số>-<loại>/<cơ quan>
    + r"(?P<party>" + _SP + _DASH + _WS + r"(?P<pcode>" + _CODE + r")" + _SP + r"/" + _WS
    + r"(?P<prest>" + _CODE + _CONT + r"*))"
    # State: <số>/[<năm>/]<loại>-<cơ quan>... (also công văn and laws)
    + r"|(?:" + _SP_NUM + r"/" + _WS + r"(?:" + _YEAR + _SP + r"/" + _WS + r")?"
    + r"(?P<srest>" + _CODE + _CONT + r"*))"
    + r")(?![\p{L}\p{N}&])",
    regex.V1,
)
# The dash between code parts as SYMBOL_RE may have found it (spaces and a line break around it).
SPLIT_DASH_RE = regex.compile(r"\s*" + _DASH + r"\s*")
# Laws and resolutions of the National Assembly and its Standing Committee: ".../QH15".
LAW_CODE_RE = regex.compile(r"^(?:UBTV)?QH\d{0,2}$")
LAW_OCR_RE = regex.compile(r"(?:UBTV)?QH[0-9Il|]{1,2}")  # "QHI5": OCR read the 1 of QH15 as I

# --- restoration's readers (OCR output, before any repair) --------------------------------------

_RCODE = code_part()
# "119 /KH-UBND", "1578/ BTTTT-TTDN", "119 / KH": a number, a spaced slash, an upper-case code.
SPACED_SLASH_RE = re.compile(r"(?<![\w/])(" + number(False) + r")(?: +/ *| */ +)(?=[A-ZĐ]{2}|[A-ZĐ][a-z]?[-/ ])")
# A symbol with a dash or spaced hyphen between its code parts: "37/TTr—STTT", "47/NQ - CP".
# A spaced dash joins only the type code to the next part: in "47/NQ-CP - UBND" the symbol is
# already whole and " - " is the text's own dash.
REPAIR_SYMBOL_RE = re.compile(
    rf"(?<![\w/]){number(False)}/{_RCODE}(?: ?{dash(False)} ?{_RCODE})?(?:[-–—/]{_RCODE})*"
)
# Document-symbol parts as they appear in the corpus, for learning which codes carry Đ.
SYMBOL_PARTS_RE = re.compile(rf"(?<![\w/]){number(False)}/({_RCODE}(?:[-/]{_RCODE})*)")
# The same with an optional year ("04/2023/NĐ-CP"), for learning the known code parts.
YEAR_SYMBOL_RE = re.compile(rf"(?<![\w/]){number(False)}/(?:{year(False)}/)?({_RCODE}(?:[-/]{_RCODE})*)")
# A symbol as OCR may leave it: a number, an optional year, then code parts of capitals and digits
# ("31/2024/0H15", "66/2014/OD-TTg", "26/2016/IT-BLDTBXH").
READ_SYMBOL_RE = re.compile(
    rf"(?<![\w/])({number(False)}/(?:{year(False)}/)?)([A-Z0-9Đ][A-Za-z0-9Đđ]*(?:-[A-Z0-9Đ][A-Za-z0-9Đđ]*)*)(?![\w/])"
)
# A free-standing acronym of capitals ("UBND", "BCĐ"): where code parts also occur outside symbols.
ACRONYM_RE = re.compile(r"(?<![\w/-])[A-ZĐ]{2,8}(?![\w/-])")

# --- the OCR stage's readers: one token as Tesseract returned it -------------------------------

_TCODE = code_part(digits=False)
# Between NUMBER and TYPE of a Party symbol, and between TYPE and ISSUER of a state one, the
# grammar has a hyphen; a period there is a hyphen read short ("268.KL/TW", "47/NQ.CP").
PARTY_DOT_RE = re.compile(rf"^(\d+)\.({_TCODE}/{_TCODE})([.,;:)]?)$")
STATE_DOT_RE = re.compile(rf"^(\d+(?:/{year(False)})?/{_TCODE})\.({_TCODE})([.,;:)]?)$")
# A symbol's number starting with a glyph that "1" is misread as ("|62-NQ/TW", "!62-NQ/TW").
ONE_MISREAD_RE = re.compile(rf"^[|!\]Il](\d*(?:/{year(False)})?[/-]{_TCODE}[-/]{_TCODE}[.,;:)]?)$")
# A token that starts like a whole symbol ("57-KL/TW", "119/KH-UBND").
SYMBOL_START_RE = re.compile(rf"^\d+(?:/{year(False)})?[/-]{_TCODE}[-/]{_TCODE}")

# --- the structure stage's reader: the header's number line -------------------------------------

# "Số: 119/KH-UBND", "Số 57-KL/TW", "Số: 11 /TB-UBND" (space before the slash from a blank).
NUMBER_LINE_RE = re.compile(
    r"(?<![\w$])[S§$][ốô]\s*:?\s*(?P<num>[^\s/]{0,6}\s*[/-]\s*[0-9A-Za-zĐđ/.\-]*[0-9A-Za-zĐđ]|[0-9]+)",
)


def clean_number(raw: str) -> str:
    """Remove spaces inside a number/symbol: "11 /TB-UBND" -> "11/TB-UBND"; a number that is
    not digits (handwritten, read as "†B") or zero is left blank: "/UBND-KTTH"."""
    s = re.sub(r"\s+", "", raw).rstrip(".,;")
    # a period or a comma against a slash or a dash: a speck ("2021/UBND-.NC"), as no code of a
    # ký hiệu starts or ends with one (NĐ 30/2020 joins its codes by "-" and "/" alone)
    s = re.sub(r"(?<=[/-])[.,]+(?=[^\W_])|(?<=[^\W_])[.,]+(?=[/-])", "", s)
    m = re.match(r"^([^/]*)(/.*)$", s)
    if m and m.group(1) and not re.match(r"^\d+[a-zA-Z]?(?:-[A-Za-zĐđ]+)?$", m.group(1)):
        return m.group(2)
    if m and re.fullmatch(r"0+", m.group(1)):
        return m.group(2)  # "0/TB-HTTT": a document's số counts from 1; a 0 is a pen mark or a speck read
    return s
