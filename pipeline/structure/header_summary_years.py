"""The trích yếu's years and place, repaired from what else the header and the body say (OCR
of a legacy or degraded header reads a year's digits as glyphs, cuts a year at the line's end, or
misreads the locality's marks): each repair keeps the trích yếu as read unless one reading fits."""

from __future__ import annotations

import re

from pipeline.structure.header_date import GLYPH, LOCALITY, as_digits, skeleton
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import edit_distance
from pipeline.vn.orthography import strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable

# "năm 202S", "năm 2O24", "năm 202 I": a year after "năm" whose digits OCR read as glyphs or split.
_SUMMARY_YEAR = re.compile(rf"(?<=\bnăm )((?:19|20)(?:{GLYPH}{{2}}|\d ?{GLYPH}))(?![\w])")


# A mark between "năm" and its year ("năm: 2025", "năm. 2020"): a speck, the year is the word's own.
_YEAR_SPECK = re.compile(rf"(?<=\bnăm)\s?[.,:;'`’]+(?= (?:19|20)(?:{GLYPH}{{2}}|\d ?{GLYPH})(?![\w]))")


def summary_years(summary: str | None) -> str | None:
    """A summary's years with the digits OCR read as glyphs put back ("năm 202S" -> "năm 2025"), and
    a speck between "năm" and the year dropped ("năm: 2025")."""
    if not summary:
        return summary
    summary = _YEAR_SPECK.sub("", summary)
    return _SUMMARY_YEAR.sub(lambda m: as_digits(m.group(1)) if as_digits(m.group(1)).isdigit() else m.group(1), summary)


# the unit before a place name in a trích yếu ("trên địa bàn tỉnh Phú Yên"), as its skeleton
_UNIT_WORDS = ("tinh", "pho", "huyen", "quan", "xa", "phuong", "tran")


def summary_place(summary: str | None, place: object, authority: object = None) -> str | None:
    """The document's own place name in its trích yếu, where OCR misread one letter of it ("tỉnh
    Phú Vên" in a document dated at Phú Yên) or split a word of it ("tính N ghề Ấn" for Nghệ An):
    after a unit word, capitalised words one edit from the place the date line and the authority
    give, or spelling its letters but for marks and spaces.  The unit word before it takes the
    authority's ("tính" -> "tỉnh").  Anything further is another place and stays as read."""
    if not summary or not isinstance(place, str) or not place.strip():
        return summary
    want = place.split()
    unit = LOCALITY.search(authority) if isinstance(authority, str) else None
    unit_word = unit.group(0).split()[0].lower() if unit is not None and unit.group(0).split()[0].isalpha() else None
    words = summary.split(" ")
    i = 1
    while i < len(words):
        if strip_marks(words[i - 1]).lower() not in _UNIT_WORDS:
            i += 1
            continue
        for n in sorted({len(want), len(want) + 1}, reverse=True):  # the place, or it split in one more word
            seg = words[i : i + n]
            if len(seg) < n:
                continue
            core = [w.rstrip(".,;:") for w in seg]
            # the last word wrapped onto the next line, which restoration read out of context as
            # another word ("tỉnh Phú" / "đến năm 2020" for Phú Yên): the words before it the place's
            wrapped = (n == len(want) > 1 and core[:-1] == want[:-1] and len(skeleton(want[-1])) >= 3
                       and edit_distance(skeleton(core[-1]), skeleton(want[-1])) <= 1)
            # a split word's second piece is in lower case ("N ghề"): the first must be a capital
            if not (all(w[:1].isupper() for w in core) or n > len(want) and core[0][:1].isupper() or wrapped):
                continue
            near = n == len(want) and edit_distance(" ".join(core), place) == 1
            if core == want or near or wrapped or skeleton(" ".join(core)) == skeleton(place):
                words[i : i + n] = [*want[:-1], want[-1] + seg[-1][len(core[-1]):]]
                if unit_word and strip_marks(words[i - 1]).lower() == strip_marks(unit_word):
                    words[i - 1] = unit_word if words[i - 1].islower() else words[i - 1]
                break
        else:  # no reading of the place: it may have lost its last word
            if _last_word_lost(words, i, want, unit_word):
                words.insert(i + len(want) - 1, want[-1])
        i += 1
    return " ".join(words)


def _last_word_lost(words: list[str], i: int, want: list[str], unit_word: str | None) -> bool:
    """Whether the place at ``words[i]`` after the authority's unit word lost its last word (OCR
    dropped the first word of the trích yếu's next line: "tỉnh Sóc" / "năm 2021" for Sóc Trăng):
    the place's words but its last as printed, then a word in lower case or the end; no place name
    has a word in lower case, so the place read stops short of one."""
    k = i + len(want) - 1
    if len(want) < 2 or unit_word is None or strip_marks(words[i - 1]).lower() != strip_marks(unit_word):
        return False
    return words[i:k] == want[:-1] and (k == len(words) or words[k][:1].islower())


def locality_by_vote(summary: str | None, f: dict[str, object]) -> dict[str, object]:
    """The authority's locality name with the marks most of its readings give, when the trích yếu
    names it too ("tỉnh Phú Yên" under "TỈNH PHỤ YÊN", dated at "Phù Yên"): the authority's caps line,
    the date line and the trích yếu each read it once, and restoration reads marks best in running
    text, so the trích yếu's reading wins a tie of three; two readings that agree win.  The authority
    (and the place, when it is that name) take the winning marks; nothing changes when the date line
    gives no third reading, or the trích yếu does not name the place."""
    authority, place = f.get("authority"), f.get("place")
    m = LOCALITY.search(authority) if isinstance(authority, str) and summary else None
    if m is None or summary is None or not isinstance(authority, str):
        return {}
    name = " ".join(w[:1] + w[1:].lower() for w in m.group("name").split())
    n, key = len(name.split()), skeleton(name)
    words = summary.split()
    said = [" ".join(words[k + 1 : k + 1 + n]).rstrip(".,;:") for k, w in enumerate(words[:-n])
            if strip_marks(w).lower() in _UNIT_WORDS]
    said = [s for s in said if all(x[:1].isupper() for x in s.split())]
    read = f.get("place_read")
    if len(set(said)) == 1 and said[0] == read and skeleton(read) != key and _one_letter(skeleton(read), key):
        # a letter of the caps line misread ("TỈNH YÊN BAL"): the date line and the trích yếu read
        # the name alike, letters and marks, one letter off the authority's; two readings win
        key = skeleton(read)
    said = [s for s in said if skeleton(s) == key]
    if len(set(said)) != 1 or said[0] == name:
        return {}
    if not isinstance(read, str) or skeleton(read) != key or read == name:
        return {}  # no third reading, or it sides with the authority's
    # the date line's reading sides with the trích yếu's, or with neither (a tie of three)
    out: dict[str, object] = {"authority": authority[: m.start("name")] + said[0].upper() + authority[m.end("name") :]}
    if isinstance(place, str) and skeleton(place) in (key, skeleton(name)):
        out["place"] = said[0]
        text = f.get("date_text")
        if isinstance(text, str) and text.startswith(place):
            out["date_text"] = said[0] + text[len(place) :]
    return out


def _one_letter(a: str, b: str) -> bool:
    """Two skeletons of a place name one letter apart (a substitution: a word's length kept)."""
    return len(a) == len(b) >= 5 and edit_distance(a, b) == 1


def summary_year_of_date(summary: str | None, date: object) -> str | None:
    """"năm 20919" in a trích yếu: five digits are no year; the document's own year (its date line)
    with one digit OCR doubled or added is that year.  Any other five digits stay as read."""
    if not summary or not isinstance(date, str) or not re.match(r"^\d{4}-", date):
        return summary
    year = date[:4]

    def fix(m: re.Match[str]) -> str:
        d = m.group(0)
        return year if any(d[:k] + d[k + 1 :] == year for k in range(len(d))) else d

    return re.sub(r"(?<=\bnăm )\d{5}(?!\d)", fix, summary)


# "năm" closing a trích yếu with no year after it but a few tokens OCR made of its digits ("năm có PP —."),
# or none (the year lost whole); "hằng năm", "mỗi năm" (yearly) end a phrase with no year.
_LOST_YEAR = re.compile(r"(?<=\bnăm)(?P<slot>(?:\s+[^\s\d]{1,4}){0,3})\s*$")
_YEARLY = re.compile(r"(?:^|\s)(?:hằng|hàng|mỗi|các|những|nhiều|cả|từng)\s+năm$", re.I)


def summary_year_of_issue(summary: str | None, doc_type: str | None, rest: list[Ln]) -> str | None:
    """A trích yếu whose last "năm YYYY" OCR read as glyphs that are no number ("năm có PP"): the year
    of the sentence that issues the document ("… ban hành Chương trình phát triển … năm 2025, cụ thể
    như sau"), when that sentence gives one year.  The slot must hold a token that is no word."""
    m = _LOST_YEAR.search(summary) if summary and doc_type else None
    if m is None or summary is None or doc_type is None:
        return summary
    tokens = [t.strip(".,:;-—–'`") for t in m.group("slot").split()]
    if tokens and all(t and t.isalpha() and is_vietnamese_syllable(t) for t in tokens):
        return summary  # words, not a year's glyphs
    if not tokens and _YEARLY.search(summary[: m.start()]):
        return summary
    years = _issuing_years(doc_type, rest)
    return summary[: m.start()] + f" {years.pop()}" if len(years) == 1 else summary


def _issuing_years(doc_type: str, rest: list[Ln]) -> set[str]:
    """The years after "năm" in the sentence that issues the document ("… ban hành Chương trình phát
    triển … năm 2025, cụ thể như sau")."""
    text = " ".join(ln.text for ln in rest[:12])
    issue = re.search(rf"\bban hành\s+{re.escape(doc_type.lower())}\b(?P<what>[^.;]{{0,200}})", text, re.I)
    return set(re.findall(r"\bnăm ((?:19|20)\d\d)\b", issue.group("what"))) if issue else set()


def summary_year_misread(summary: str | None, doc_type: str | None, rest: list[Ln]) -> str | None:
    """A trích yếu's closing year with one digit OCR misread ("năm 2012" for 2019): a year nothing
    after the header gives, one digit off the one year of the sentence that issues the document,
    is that year.  A year the body gives too stays as read."""
    m = re.search(r"(?<=\bnăm )((?:19|20)\d\d)$", summary) if summary and doc_type else None
    if m is None or summary is None or doc_type is None:
        return summary
    if re.search(rf"(?<!\d){m.group(1)}(?!\d)", " ".join(ln.text for ln in rest)):
        return summary
    years = _issuing_years(doc_type, rest)
    year = years.pop() if len(years) == 1 else None
    if year is None or sum(a != b for a, b in zip(year, m.group(1), strict=True)) != 1:
        return summary
    return summary[: m.start()] + year


# "năm 202 lỗ" closing a trích yếu: a year OCR read three digits of, its last one a glyph or a speck
# that restoration made a short word of (or lost).
_CUT_YEAR = re.compile(r"(?<=\bnăm )(?P<head>(?:19|20)\d)(?:\s*[^\w\s]{1,2}|\s+[^\W\d_]{1,2}[^\w\s]?)?\s*$")


def summary_cut_year(summary: str | None, date: object, rest: list[Ln]) -> str | None:
    """A trích yếu ending in a year cut to three digits ("năm 202 lỗ"): the one year with those
    digits that the document gives, in its date line or after "năm" in its body; as read when
    there is no such year, or more than one."""
    m = _CUT_YEAR.search(summary) if summary else None
    if m is None or summary is None:
        return summary
    text = " ".join(ln.text for ln in rest)
    years = set(re.findall(r"\bnăm ((?:19|20)\d\d)\b", text))
    if isinstance(date, str) and re.match(r"^\d{4}-", date):
        years.add(date[:4])
    fits = {y for y in years if y.startswith(m.group("head"))}
    return summary[: m.start()] + fits.pop() if len(fits) == 1 else summary
