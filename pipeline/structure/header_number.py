"""The header's số and ký hiệu as OCR leaves them: a garbled "Số:" label, digits read as glyphs, a
slash or dash lost, a type code read with D for Đ, and the number as the document cites itself after
its header (NĐ 30/2020, Phụ lục III)."""

from __future__ import annotations

import re
import unicodedata

from pipeline.structure.header_date import GLYPH, OCR_DIGIT_TRANSLATION
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import RE_ISSUED_WITH
from pipeline.vn.codes import tables
from pipeline.vn.doctypes import DOC_TYPES
from pipeline.vn.orthography import strip_marks
from pipeline.vn.symbols import NUMBER_LINE_RE

# "Số" as OCR may leave it before a number and its symbol ("S5: 321/CTr-UBND", "$ô 12/KH"): a
# label of one letter-like glyph and up to two more, with a colon, or "S" and one vowel glyph; a
# speck between the label's colon and the number is no part of either ("$6; .189/HD-UBND").
_NUMBER_LABEL = re.compile(
    r"^(?:[S$§][^\s:/]{0,2}\s*[:;]\s*(?:[.,'`’]\s*)?|[S$§5][ốôoóòỏõọ6béđð0]\s)\s*(?=\d{1,5}\s*[/-]\s*[A-Za-zĐđ])"
)


# A số OCR cut in two by a space, a digit read as a letter-like glyph ("Số: l 16/UBND-VX" for 116):
# the số is one number before the slash, so digit glyphs on both sides of the space are one.
_SPLIT_NUMBER = re.compile(rf"^(?P<label>[S$§]ố\s*:?\s*)(?P<a>{GLYPH}{{1,3}}) (?P<b>{GLYPH}{{1,4}})(?=\s*/)")


def number_label(part: str) -> str:
    """A left-column line whose "Số:" label OCR garbled, with the label put back."""
    if part[:1] in "Šš" and part[1:2] in "ốô6":
        part = "S" + part[1:]  # "Šố28/UBND": a speck over the S read as a caron (no Vietnamese letter)
    if re.match(r"^số\s*:", part):
        part = "S" + part[1:]  # the label's capital read small (s and S differ only in size)
    if (m := _SPLIT_NUMBER.match(part)) is not None and any(c.isdigit() for c in m.group("a") + m.group("b")):
        return f"{m.group('label')}{m.group('a')}{m.group('b')}{part[m.end():]}"
    if NUMBER_LINE_RE.match(part):
        return part
    return _NUMBER_LABEL.sub("Số: ", part, count=1)


def number_borne_out(number: object, rest: list[Ln]) -> object:
    """The số as the document cites itself after its header ("Kèm theo Kế hoạch số 175/KH-UBND")
    when OCR read one glyph more in it in the header ("Số: 1175/KH-UBND": a rule or a speck
    by the digits read as a digit): every citation with the same ký hiệu gives the same số, the
    header's số is that one with one digit more, and nothing cites the header's reading."""
    m = re.match(r"^(\d{2,})([/-])(\S+)$", number) if isinstance(number, str) else None
    if m is None:
        return number
    cites = re.compile(rf"\bsố\s*:?\s*(\d+)\s*{re.escape(m.group(2))}\s*{re.escape(m.group(3))}(?![^\W_])", re.I)
    found = {c.group(1) for ln in rest for c in cites.finditer(ln.text)}
    if len(found) != 1:
        return number
    cited, read = next(iter(found)), m.group(1)
    if cited.startswith("0") or cited not in {read[:k] + read[k + 1:] for k in range(len(read))}:
        return number
    return f"{cited}{m.group(2)}{m.group(3)}"


# An appendix's "Kèm theo" line names the document it goes with, by its type and number.
_ISSUED_NUMBER = re.compile(r"\bsố\s*:?\s*(\d{1,5}(?:/(?:19|20)\d\d)?[/-][A-ZĐ][\wĐđ]*(?:-[A-ZĐ][\wĐđ]*)*)")


def number_of_issue(doc_type: str | None, rest: list[Ln]) -> str | None:
    """The số and ký hiệu when OCR lost the header's number line: as the appendices cite the document
    they go with ("Kèm theo Hướng dẫn số 78/HD-UBND ngày ..."), by its own type; every one the same."""
    if not doc_type:
        return None
    kind = strip_marks(doc_type).lower()
    found = {m.group(1) for ln in rest if RE_ISSUED_WITH.match(ln.text)
             and kind in strip_marks(ln.text).lower() and (m := _ISSUED_NUMBER.search(ln.text))}
    return next(iter(found)) if len(found) == 1 else None


def resplit_symbol(letters: str, authority: object) -> str | None:
    """The ký hiệu of a number whose slash and dash OCR lost ("Số:1960UBNDTH"), put back from the
    issuer's code, which the authority gives: "UBNDTH" -> "/UBND-TH" (a công văn: issuer, unit),
    "KHUBND" -> "/KH-UBND" (type, issuer), a Party's "ĐATU" -> "-ĐA/TU"; None when the letters do
    not hold the issuer's code."""
    if not isinstance(authority, str):
        return None
    t = tables()
    types = sorted({*t.state_type_codes, *t.party_type_codes}, key=len, reverse=True)
    for issuer in t.issuer_codes_for(authority):
        party = issuer in t.party_issuer_codes
        if not party and letters.startswith(issuer) and len(letters) - len(issuer) <= 4:
            unit = letters[len(issuer) :]
            return f"/{issuer}-{unit}" if unit else f"/{issuer}"
        for code in types:
            if letters == code + issuer:
                return f"-{code}/{issuer}" if party else f"/{code}-{issuer}"
    return None


# A số and a ký hiệu of letters only, its inner separator lost ("28/UBNDNC", a Party's "12-CTrTU").
_RUN_TOGETHER = re.compile(r"^(?P<n>\d{1,5})(?P<sep>[/-])(?P<letters>[A-Za-zĐđ]{3,})$")


def dash_from_issuer(number: str | None, authority: object) -> str | None:
    """A number whose ký hiệu OCR read without its dash (or a Party number without its slash) with
    the separator put back where the issuer's code, which the authority above names, starts or ends
    it ("28/UBNDNC" under ỦY BAN NHÂN DÂN -> "28/UBND-NC", "12/KHUBND" -> "12/KH-UBND"): a ký hiệu is
    type or issuer codes joined by dashes (NĐ 30/2020), never two run together.  Else as read."""
    m = _RUN_TOGETHER.match(number or "")
    if m is None or number is None:
        return number
    symbol = resplit_symbol(m.group("letters"), authority)
    if symbol is None or symbol[:1] != m.group("sep") or symbol[1:] == m.group("letters"):
        return number
    return m.group("n") + symbol


def number_digits(raw: str) -> str:
    """The số before the symbol's slash (or a party dash) with the digits OCR read as glyphs put
    back ("§0/CTr-UBND" -> "80/CTr-UBND"): a số is digits only, so glyphs mixed with digits there
    are digits; so are glyphs that are no letter ("§-CTr/TU" -> "8-CTr/TU") and a lone one glued
    to the separator ("S-CTr/TU" -> "5-CTr/TU").  A blank or handwritten number (letters, no
    digit) stays as read."""
    # four digits and one glyph among them ("18§19"): a speck of the scan read between the digits, as
    # an issuer's số rarely runs to five digits (its documents numbered from 1 each year)
    speck = re.match(r"^(?P<a>\d+)[^\d/\-\s](?P<b>\d+)(?=\s*[/-])", raw)
    if speck is not None and len(speck.group("a") + speck.group("b")) == 4:
        return speck.group("a") + speck.group("b") + raw[speck.end():]
    m = re.match(r"^(?P<n>[^/\-\s]{1,4})(?=\s*[/-])", raw)
    if m is None or m.group("n").isdigit():
        return raw
    # one digit-like letter glued to the separator ("Số S-CTr/TU") is a digit: a handwritten number
    # stands apart in the blank left for it, and is rarely one glyph
    # ... but not one with a mark over it ("Š/KH-DCT" on a real scan for a hand-written 753): no
    # printed digit is read with a mark, a pen's strokes are; an unread number stays blank
    single = len(m.group("n")) == 1 and raw[1:2] in ("/", "-") and len(unicodedata.normalize("NFD", m.group("n"))) == 1
    if not single and not any(c.isdigit() for c in m.group("n")) and any(c.isalpha() for c in m.group("n")):
        return raw
    n = m.group("n").replace("()", "0")
    if not re.fullmatch(GLYPH + "+", n):
        return raw
    return n.translate(OCR_DIGIT_TRANSLATION) + raw[m.end() :]


# A số glued to a type code, the separator between them lost ("05HD-UBND", a Party's "316HD/TU").
_GLUED_CODE = re.compile(r"^(?P<n>\d{1,5})(?P<code>[A-ZĐ][A-Za-zĐđ]{0,3})(?P<sep>[-/])(?=[A-ZĐ])")


def _glyph_number(number: str, doc_type: str) -> str:
    """A number with no digit whose first letters are digit glyphs and whose next letters spell the
    code of the document's own type ("TIDA-UBND" under ĐỀ ÁN: T and I are 7 and 1): the glyphs read
    as digits, so the lost separator goes back after them.  Anything else as read (a blank or a
    hand-written number stays)."""
    for k in range(1, 5):
        m = re.match(rf"^(?P<n>{GLYPH}{{{k}}})(?P<code>[A-ZĐ]{{1,4}})(?=[-/][A-ZĐ])", number)
        if m is None:
            break
        code = m.group("code")
        names = {**tables().state_type_codes, **tables().party_type_codes}
        if doc_type in {names.get(c, "").upper() for c in (code, code.translate(str.maketrans("DĐ", "ĐD")))}:
            return m.group("n").translate(OCR_DIGIT_TRANSLATION) + number[m.end("n"):]
    return number


def _lost_separator(number: str | None, doc_type: str | None) -> str | None:
    """A number whose slash (a Party number's dash) OCR lost between the số and the type code, with
    it put back when the code names the document's type ("05HD-UBND" under HƯỚNG DẪN ->
    "05/HD-UBND"; "316HD/TU" -> "316-HD/TU": a state ký hiệu is type-issuer after a slash, a Party
    one type/issuer after a dash)."""
    if number is not None and doc_type is not None and not any(c.isdigit() for c in number.split("-")[0].split("/")[0]):
        number = _glyph_number(number, doc_type)
    m = _GLUED_CODE.match(number or "")
    if m is None or number is None or doc_type is None:
        return number
    party = m.group("sep") == "/"
    names = tables().party_type_codes if party else tables().state_type_codes
    code = m.group("code")  # read with D for Đ or Đ for D: the title's own code, mended after
    if doc_type not in {names.get(c, "").upper() for c in (code, code.translate(str.maketrans("DĐ", "ĐD")))}:
        return number
    return f"{m.group('n')}{'-' if party else '/'}{number[m.end('n'):]}"


def code_agrees(number: str | None, doc_type: str | None) -> str | None:
    """The number's type code made to agree with the title (NĐ 30/2020: ĐA is Đề án, DA Dự án;
    the Party's HD 36: HD is Hướng dẫn, and no Party code is HĐ): a code read with D for Đ (or Đ for
    D) whose other spelling names the document's type is that other spelling ("97/DA-UBND" under
    ĐỀ ÁN -> "97/ĐA-UBND", "102-HĐ/TU" under HƯỚNG DẪN -> "102-HD/TU")."""
    number = _lost_separator(number, doc_type)
    state = re.match(r"^(?P<pre>[^/]*/)(?P<code>[A-Za-zĐđ]+)(?=-|$)", number or "")
    party = re.match(r"^(?P<pre>\d+-)(?P<code>[A-Za-zĐđ]+)(?=/)", number or "")
    m = party or state
    if m is None or doc_type is None:
        return number
    names = tables().party_type_codes if party else tables().state_type_codes
    code = m.group("code")
    if names.get(code, "").upper() == doc_type:
        return number
    other = code.translate(str.maketrans("DĐ", "ĐD"))
    if other != code and names.get(other, "").upper() == doc_type:
        return f"{m.group('pre')}{other}{(number or '')[m.end():]}"
    return number


def type_of_number(number: object) -> str | None:
    """The type title the number's type code names (NĐ 30/2020 Phụ lục III: "275/ĐA-UBND" -> ĐỀ ÁN; a
    Party's "146-CTr/TU" -> CHƯƠNG TRÌNH); None for a công văn's number (no type code) or none read."""
    if not isinstance(number, str):
        return None
    t = tables()
    if (m := re.match(r"^\d+/(?:\d{4}/)?([A-Za-zĐđ]+)-", number)) is not None:
        name = t.state_type_codes.get(m.group(1)) or t.legal_type_codes.get(m.group(1))
    elif (m := re.match(r"^\d+-([A-Za-zĐđ]+)/", number)) is not None:
        name = t.party_type_codes.get(m.group(1))
    else:
        return None
    return name.upper() if name and name.upper() in DOC_TYPES else None
