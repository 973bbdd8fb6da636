"""The closed grammar of a signature's titles: the positions a signer holds and the bodies a TM. /
T/M signature speaks for, as Nghị định 30/2020 (Điều 13, Phụ lục I) and Hướng dẫn 36-HD/VPTW print
them.  A title OCR read with a mark wrong ("PHÓ BÍ THỨ": every syllable valid, so restoration keeps
it) is within marks of one of these forms and of no other: that form is the title."""

from __future__ import annotations

from functools import lru_cache

from pipeline.vn.orthography import strip_marks

_HEADS = (
    "CHỦ TỊCH", "BÍ THƯ", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "BỘ TRƯỞNG", "THỦ TƯỚNG", "CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA", "CHÁNH ÁN", "VIỆN TRƯỞNG", "CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "VỤ TRƯỞNG",
    "HIỆU TRƯỞNG", "TRƯỞNG BAN", "TRƯỞNG PHÒNG", "TRƯỞNG ĐOÀN", "GIÁM ĐỐC SỞ", "CHI CỤC TRƯỞNG",
    "TỔNG THANH TRA", "VIỆN TRƯỞNG VIỆN KIỂM SÁT", "TỔNG KIỂM TOÁN", "THỐNG ĐỐC",
)
# Positions: each head and its deputy ("PHÓ …"), and the titles that have no "PHÓ" form.
POSITIONS: tuple[str, ...] = (
    *_HEADS, *(f"PHÓ {h}" for h in _HEADS), "THỨ TRƯỞNG", "ỦY VIÊN", "KẾ TOÁN TRƯỞNG", "THƯỜNG TRỰC",
)
# The collective bodies a TM. / T/M signature speaks for (the locality after them is read as it is).
BODIES: tuple[str, ...] = (
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", "CHÍNH PHỦ", "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH", "BAN CÁN SỰ ĐẢNG", "ĐẢNG ĐOÀN", "ĐẢNG ỦY", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY",
    "QUẬN ỦY", "BAN CHỈ ĐẠO", "HỘI ĐỒNG", "BAN TỔ CHỨC", "BAN TUYÊN GIÁO", "ỦY BAN KIỂM TRA",
    "BAN THƯỜNG TRỰC", "BAN BÍ THƯ", "BỘ CHÍNH TRỊ",
)
# The heads of a body's own units (its office, a department): such a head signs a document of the
# body only "TL." (thừa lệnh) its head (Nghị định 30/2020, Điều 13; Phụ lục I: "TL. CHỦ TỊCH" over
# "CHÁNH VĂN PHÒNG"), never in his own name.
UNIT_HEADS: tuple[str, ...] = ("CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG", "VỤ TRƯỞNG")
# The head of an issuing body by the body's kind, as its name in the header opens (a Tổng cục before
# a Cục); a body of another kind has no head this table knows.
BODY_HEADS: tuple[tuple[str, str], ...] = (
    ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), ("HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"), ("BỘ ", "BỘ TRƯỞNG"), ("SỞ ", "GIÁM ĐỐC"),
    ("TỔNG CỤC ", "TỔNG CỤC TRƯỞNG"), ("CỤC ", "CỤC TRƯỞNG"),
)


def _skeleton(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(strip_marks(w).upper() for w in words)


@lru_cache(maxsize=1)
def _forms() -> dict[tuple[str, ...], tuple[str, ...] | None]:
    """Every form by its skeleton; None where two forms share one (then neither is chosen)."""
    out: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for f in {*POSITIONS, *BODIES}:
        key = _skeleton(f.split())
        out[key] = None if key in out and out[key] != tuple(f.split()) else tuple(f.split())
    return out


@lru_cache(maxsize=1)
def _glued_forms() -> dict[str, tuple[str, ...] | None]:
    """Every form of two words or more by its skeleton run together ("CHANHVANPHONG"): a noisy scan
    loses the narrow spaces between capitals.  None where two forms share one."""
    out: dict[str, tuple[str, ...] | None] = {}
    for key, form in _forms().items():
        if len(key) >= 2:
            glued = "".join(key)
            out[glued] = None if glued in out and out[glued] != form else form
    return out


# Quote-like specks a seal or a rule leaves glued to a title's word ("'PHÓ CHỦ TỊCH").
_SPECKS = "'\"‘’“”`´"


def printed_title(phrase: str | None) -> str | None:
    """``phrase`` (a position or the body signed for) with each run of words that is a known form
    but for its marks written as that form ("PHÓ BÍ THỨ" -> "PHÓ BÍ THƯ"; "BAN THƯỜNG VU" -> "BAN
    THƯỜNG VỤ"), also when the spaces between its words were lost ("CHÁNHVĂNPHÒNG" -> "CHÁNH VĂN
    PHÒNG"); the longest form wins, and words no form explains (a locality) stay as read."""
    if not phrase:
        return phrase
    words = [w.strip(_SPECKS) or w for w in phrase.split()]
    forms, glued = _forms(), _glued_forms()
    longest = max(len(k) for k in forms)
    out: list[str] = []
    j = 0
    while j < len(words):
        for n in range(min(longest, len(words) - j), 1, -1):  # forms of two words or more only
            form = forms.get(_skeleton(words[j : j + n]))
            if form is not None:
                out.extend(form)
                j += n
                break
        else:
            for n in range(min(longest - 1, len(words) - j), 0, -1):  # fewer words than the form
                form = glued.get("".join(_skeleton(words[j : j + n])))
                if form is not None and len(form) > n:
                    out.extend(form)
                    j += n
                    break
            else:
                form = _glued_near(words[j])
                out.extend(form if form is not None else [words[j]])
                j += 1
    return " ".join(out)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with one letter more, one less or one other."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return len(long_) - len(short) == 1 and any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _glued_near(word: str) -> tuple[str, ...] | None:
    """The one form of two words or more whose words run together are ``word`` (seven letters or more,
    in capitals) but for one glyph OCR added, lost or misread ("PHÓBÍTHUƯ": the Ư read twice);
    None when no form or several are so near."""
    key = strip_marks(word).upper()
    if len(key) < 7 or not word.isupper() or not key.isalpha():
        return None
    near = {form for glued, form in _glued_forms().items() if form is not None and _one_edit(key, glued)}
    return near.pop() if len(near) == 1 else None


def body_by_last_word(phrase: str) -> str | None:
    """The body a TM. / T/M signature speaks for when a seal left its name garbled but for its last
    word ("Bì giường VỤ" for BAN THƯỜNG VỤ): as many words as the body has, the last one that body's
    within marks, and no other body of that length ending so.  None otherwise."""
    words = phrase.split()
    if len(words) < 2:
        return None
    last = _skeleton(words[-1:])
    fits = [b for b in BODIES if len(b.split()) == len(words) and _skeleton(b.split()[-1:]) == last]
    return fits[0] if len(fits) == 1 else None


# Syllables of signing titles: a caps token that is two of them run together ("CHỦTỊCH") is split.
TITLE_SYLLABLES = frozenset(
    "CHỦ TỊCH PHÓ GIÁM ĐỐC BÍ THƯ TRƯỞNG BỘ BAN CHÁNH VĂN PHÒNG THƯỜNG TRỰC VỤ CỤC TỔNG HIỆU "
    "ỦY NHÂN DÂN HỘI ĐỒNG TỈNH THÀNH PHỐ HUYỆN QUẬN XÃ THANH TRA".split()
)


# The heads a "KT." / "TL." / "TUQ." signature signs for (Nghị định 30/2020, Điều 13): the head of a
# body's title, as the NĐ 30/2020 forms print it.
HEAD_TITLES = ("CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "BỘ TRƯỞNG", "BÍ THƯ", "CHÁNH VĂN PHÒNG", "CHÁNH THANH TRA",
               "CỤC TRƯỞNG", "VỤ TRƯỞNG", "HIỆU TRƯỞNG", "TỔNG CỤC TRƯỞNG", "VIỆN TRƯỞNG", "CHÁNH ÁN", "TRƯỞNG BAN")
