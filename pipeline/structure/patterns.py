"""Patterns of Vietnamese administrative layout (VN_DOCUMENT_RULES.md §1-4) as the structure stage
reads it: labels, section heads, signature blocks.  What every stage shares (document types and
formulae, the symbol and date grammars, orthography) is in ``pipeline.vn``."""

from __future__ import annotations

import re

from pipeline.vn.orthography import is_caps, strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable

RE_VV = re.compile(r"^\s*(?:V/v|V/V|v/v|Về\s+việc)\s*:?\s*", re.U)
RE_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:?\s*", re.I)

SIG_PREFIXES = ("TUQ.", "TM.", "KT.", "TL.", "Q.", "T/M", "K/T", "T/L", "Q/")
RE_SIG_PREFIX = re.compile(r"(?<![\w/])(TUQ\.|TM\.|KT\.|TL\.|Q\.|T/M|K/T|T/L)\s*(?=\S)")
# "Nơinhận:": OCR drops the space; "nó ˆ Nơi nhận:": a seal's glyphs before the label (then with its
# capital and its colon)
RE_NOI_NHAN = re.compile(r"^\s*N[ơo]i\s*nh[ậa]n\s*:?|^\s*(?:\S{1,2}\s+){1,2}(?-i:N)[ơo]i\s*nh[ậa]n\s*:", re.I)
# "Nơi nhận:" alone on its line with its first word damaged by a seal or a speck ("›MGI nhận:").
_RE_NOI_NHAN_DAMAGED = re.compile(r"^\W{0,2}(?P<w>[^\W_]{2,4})\s*nh[ậaâấầ]n\s*:\W{0,3}$", re.I)

ROMAN = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
RE_ROMAN = re.compile(rf"^(?P<label>(?=[IVXLC]){ROMAN})\.\s+(?P<rest>\S.*)$")
RE_CHAPTER = re.compile(rf"^(?P<kw>Chương|CHƯƠNG)\s+(?P<label>(?=[IVXLC])(?:{ROMAN})|\d+)\b\.?\s*(?P<rest>.*)$")
RE_MUC = re.compile(r"^(?P<kw>Mục|MỤC)\s+(?P<label>\d+|[IVX]+)\b\.?\s*(?P<rest>.*)$")
RE_ARTICLE = re.compile(r"^(?P<kw>Điều|ĐIỀU)\s+(?P<label>\d+[a-z]?)\s*[.:]\s*(?P<rest>.*)$")
RE_MULTI = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")
RE_NUM = re.compile(r"^(?P<label>\d{1,2})[.)]\s+(?P<rest>\S.*)$")
VN_LETTERS = "abcdđeghiklmnopqrstuvxy"
RE_LETTER = re.compile(rf"^(?P<label>[{VN_LETTERS}])\)\s+(?P<rest>\S.*)$")
RE_DASH = re.compile(r"^[-–—•]\s*(?P<rest>\S.*)$")
RE_PLUS = re.compile(r"^\+\s*(?P<rest>\S.*)$")
RE_BASIS = re.compile(r"^(?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị)\b")
RE_APPENDIX = re.compile(
    rf"^(?P<label>(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+)?(?:{ROMAN}|\d+[a-zA-Z]?))?)\s*[.:]?\s*(?P<rest>.*)$"
)
RE_ISSUED_WITH = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b")
RE_STAMP = re.compile(r"@|\b\d{2}[.:]\d{2}[.:]\d{2}\b|\+07:00|^\s*\d{2}\.\d{2}\.\d{4}")
RE_PAGE_NO = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def damaged_noi_nhan(text: str) -> bool:
    """Whether ``text`` is the "Nơi nhận:" label alone with its first word damaged: a token within
    two edits of "noi" that is no Vietnamese syllable ("Ghi nhận:" is a word, "MGI nhận:" is not)."""
    m = _RE_NOI_NHAN_DAMAGED.match(text.strip())
    if m is None:
        return False
    w = m.group("w")
    skeleton = strip_marks(w).lower()
    return skeleton == "noi" or (edit_distance(skeleton, "noi") <= 2 and not is_vietnamese_syllable(w.lower()))


_SPECK_TOKEN = re.compile(r"^(?:[^\w]|[\u02b0-\u02ff])+$")  # marks only: no letter or digit but a modifier ("ˆ")


def split_caps_tail(s: str) -> tuple[str, str]:
    """Split "- CT, PCT UBND tỉnh; KT. CHÁNH VĂN PHÒNG" at the capitalised signature column."""
    m = RE_SIG_PREFIX.search(s)
    if m and m.start() > 0:
        return s[: m.start()].rstrip(), s[m.start():].strip()
    # A trailing run of capitalised words (>= 2, one of >= 3 letters) after ";" "," "." or ":".
    # Marks OCR left around the column (a seal's or a rule's specks: "- Như trên, — ˆ CHÁNH VĂN
    # PHÒNG", "- Bộ Tài chính; - - : nh PHÓ CHỦ TỊCH .") are neither a recipient nor the title.
    words = s.split()
    end = len(words)
    while end > 0 and _SPECK_TOKEN.match(words[end - 1]):
        end -= 1
    k = end
    while k > 0 and is_caps(words[k - 1] + words[k - 1]) and words[k - 1].isalpha():
        k -= 1
    run = words[k:end]
    j = k
    if j > 1 and len(words[j - 1]) <= 2 and words[j - 1].isalpha() and words[j - 1].islower() and _SPECK_TOKEN.match(words[j - 2]):
        j -= 1  # a glyph or two of a speck ("nh") between the marks and the column
    while j > 0 and _SPECK_TOKEN.match(words[j - 1]):
        j -= 1
    if len(run) >= 2 and any(len(w) >= 3 for w in run) and j > 0 and words[j - 1][-1] in ";,.:":
        return " ".join(words[:j]), " ".join(run)
    return s, ""
