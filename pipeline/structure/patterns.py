"""Data tables and patterns of Vietnamese administrative layout (VN_DOCUMENT_RULES.md §1-4)."""

from __future__ import annotations

import re
import unicodedata

# Type titles printed in capitals under the header (NĐ 30/2020 Phụ lục III; Party types).
DOC_TYPES: tuple[str, ...] = (
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO",
    "HƯỚNG DẪN", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO", "BIÊN BẢN", "TỜ TRÌNH",
    "HỢP ĐỒNG", "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "GIẤY ỦY QUYỀN", "GIẤY MỜI",
    "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI", "PHIẾU CHUYỂN", "PHIẾU BÁO", "CHƯƠNG TRÌNH",
    "NGHỊ ĐỊNH", "THÔNG TƯ LIÊN TỊCH", "THÔNG TƯ", "LUẬT", "PHÁP LỆNH", "LỆNH", "KẾT LUẬN",
    "THÔNG TRI", "QUY ĐỊNH", "CÔNG VĂN", "BẢN SAO Y", "BẢN TRÍCH SAO", "BẢN SAO LỤC",
)
# "THÔNG BÁO KẾT LUẬN" and the like start with a type: the longest match wins.
_DOC_TYPES_SORTED = sorted(set(DOC_TYPES), key=len, reverse=True)

MOTTO_STATE_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_STATE_2 = "Độc lập - Tự do - Hạnh phúc"
MOTTO_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"



def _loose(canonical: str) -> re.Pattern[str]:
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


RE_MOTTO1 = _loose(MOTTO_STATE_1)
RE_MOTTO2 = _loose(MOTTO_STATE_2)
RE_PARTY = _loose(MOTTO_PARTY)
RE_MOTTO1_TAIL = _loose("XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # OCR may lose "CỘNG HÒA" to a speck


def canonical_motto(found: str, canonical: str) -> str:
    """The canonical wording when ``found`` differs from it only by spacing, else ``found``."""
    squash = re.sub(r"[\s\-–—]", "", found)
    return canonical if squash == re.sub(r"[\s\-–—]", "", canonical) else re.sub(r"\s+", " ", found).strip()


# "Số: 119/KH-UBND", "Số 57-KL/TW", "Số: 11 /TB-UBND" (space before the slash from a blank).
RE_NUMBER = re.compile(
    r"(?<!\w)[S§][ốô]\s*:?\s*(?P<num>[^\s/]{0,6}\s*[/-]\s*[0-9A-Za-zĐđ/.\-]*[0-9A-Za-zĐđ]|[0-9]+)",
)
RE_VV = re.compile(r"^\s*(?:V/v|V/V|v/v|Về\s+việc)\s*:?\s*", re.U)
RE_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:?\s*", re.I)

SIG_PREFIXES = ("TUQ.", "TM.", "KT.", "TL.", "Q.", "T/M", "K/T", "T/L", "Q/")
RE_SIG_PREFIX = re.compile(r"(?<![\w/])(TUQ\.|TM\.|KT\.|TL\.|Q\.|T/M|K/T|T/L)\s*(?=\S)")
RE_NOI_NHAN = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?", re.I)

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



def nfc(s: str) -> str:
    """NFC and single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def nfc_cells(s: str) -> str:
    """NFC and single spaces, but a TAB (a table cell boundary from restoration) kept as one TAB."""
    cells = [nfc(c) for c in unicodedata.normalize("NFC", s).split("\t")]
    return "\t".join(c for c in cells if c)


def is_caps(s: str) -> bool:
    """True when every letter is upper case and there are at least two letters."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def strip_marks(s: str) -> str:
    """``s`` without Vietnamese diacritics (đ -> d), for comparing what OCR may have garbled."""
    decomposed = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def match_doc_type(line: str) -> str | None:
    """The type title a capitalised title line starts with ("THÔNG BÁO KẾT LUẬN" -> THÔNG BÁO);
    a whole line that is a type title but for its marks ("ĐỂ AN" from legacy OCR) is that type."""
    s = nfc(line)
    if not is_caps(s):
        return None
    for t in _DOC_TYPES_SORTED:
        if s == t or s.startswith(t + " "):
            return t
    bare = " ".join(strip_marks(s).split())
    hits = [t for t in _DOC_TYPES_SORTED if strip_marks(t) == bare]
    return hits[0] if len(hits) == 1 else None


def clean_number(raw: str) -> str:
    """Remove spaces inside a number/symbol: "11 /TB-UBND" -> "11/TB-UBND"; a number that is
    not digits (handwritten, read as "†B") is left blank: "/UBND-KTTH"."""
    s = re.sub(r"\s+", "", raw).rstrip(".,;")
    m = re.match(r"^([^/]*)(/.*)$", s)
    if m and m.group(1) and not re.match(r"^\d+[a-zA-Z]?(?:-[A-Za-zĐđ]+)?$", m.group(1)):
        return m.group(2)
    return s


def split_caps_tail(s: str) -> tuple[str, str]:
    """Split "- CT, PCT UBND tỉnh; KT. CHÁNH VĂN PHÒNG" at the capitalised signature column."""
    m = RE_SIG_PREFIX.search(s)
    if m and m.start() > 0:
        return s[: m.start()].rstrip(), s[m.start():].strip()
    # A trailing run of capitalised words (>= 2, one of >= 3 letters) after ";" "," "." or ":".
    words = s.split()
    k = len(words)
    while k > 0 and is_caps(words[k - 1] + words[k - 1]) and words[k - 1].isalpha():
        k -= 1
    run = words[k:]
    if len(run) >= 2 and any(len(w) >= 3 for w in run) and k > 0 and words[k - 1][-1] in ";,.:":
        return " ".join(words[:k]), " ".join(run)
    return s, ""
