"""The date a document bears out for itself after its header: the date it gives with its own number
("Kèm theo Kế hoạch số 275/KH-UBND ngày 08/11/2024"), and no earlier than the documents it cites."""

from __future__ import annotations

import re
import unicodedata

from pipeline.structure.header_date import glyph_number, joined_numeric_dates
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import RE_ISSUED_WITH
from pipeline.vn.dates import dates_in
from pipeline.vn.orthography import retone, strip_marks
from pipeline.vn.syllables import is_vietnamese_syllable


def self_cited(number: object, rest: list[Ln]) -> set[str]:
    """The dates the document gives for itself after its header: an appendix heading (or a later
    reference) with the document's own number and its date ("Kèm theo Kế hoạch số 275/KH-UBND ngày
    08/11/2024"); with no number read, the "Kèm theo" line of an appendix."""
    # the số and the first piece of the ký hiệu: "275/CTr", "43-ĐA", "12/2020" (never a bare "12/": a date)
    m = re.match(r"^\s*(\d+)\s*([/-])\s*([^\W_]+)", number) if isinstance(number, str) else None
    # the cited số may carry specks between its digits ("số 1! 15/HD-UBND" for 115/HD-UBND), or glyphs for them ("I L1")
    digits = glyph_number(m.group(1)) if m is not None else ""
    cites = re.compile(rf"(?<![\d!|]){digits}\s*{re.escape(m.group(2))}\s*{re.escape(m.group(3))}(?![^\W_])") if m is not None else None
    texts = [joined_numeric_dates(ln.text) for ln in rest]
    return {iso for k, t in enumerate(texts)
            if (cites.search(t) if cites is not None else number is None and RE_ISSUED_WITH.match(t))
            for iso in dates_in(t + (" " + texts[k + 1] if k + 1 < len(texts) else ""))}


# A document the body cites by its number, then its date ("Công văn số 165/BNV-VP ngày 20/7/2024",
# "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020"): the số, its ký hiệu, and "ngày" after it.
_CITED_SYMBOL = re.compile(r"(?<![\w/-])\d{1,5}(?:/(?:19|20)\d\d)?[/-][A-ZĐ][\wĐđ]*(?:[/-][\wĐđ]+)*(?=\s*,?\s*ngày\b)")


def _latest_cited(rest: list[Ln]) -> str | None:
    """The latest date of a document the body cites by number and date: a document is issued on or
    after the date of every document it cites (its own reading can be no earlier)."""
    text = " ".join(ln.text for ln in rest)
    found = [iso for m in _CITED_SYMBOL.finditer(text) for iso in dates_in(text[m.end() : m.end() + 40])[:1]]
    return max(found) if found else None


def borne_out_date(f: dict[str, object], rest: list[Ln]) -> dict[str, object]:
    """The date the document itself bears out: among the readings of a damaged date line (an S for
    5 or 8), the one it cites for itself, else the one reading no earlier than the documents it cites
    (NĐ 30/2020: a cited document precedes the citing one); for a date line OCR could not read at
    all, the one date it cites for itself.  Unchanged when that leaves none, or more than one."""
    date, alternatives = f.get("date"), f.get("date_alternatives") or ()
    seen = self_cited(f.get("number"), rest)
    if date is None:
        if len(seen) != 1:
            return {}
        return {"date": next(iter(seen))}
    if not isinstance(date, str) or not isinstance(alternatives, tuple):
        return {}
    found = [iso for iso in (date, *alternatives) if iso in seen]
    if not found and (floor := _latest_cited(rest)) is not None:
        found = [iso for iso in (date, *alternatives) if iso >= floor]
    if len(found) != 1 or found[0] == date:
        return {}
    text = f.get("date_text")
    y, mo, d = found[0].split("-")
    fixed = re.sub(r"ngày \d+ tháng \d+ năm \d+", f"ngày {d} tháng {mo.lstrip('0') if int(mo) > 2 else mo} năm {y}",
                   text) if isinstance(text, str) else text
    return {"date": found[0], "date_text": fixed}


_WORD = re.compile(r"[^\W\d_]+")


def _fold(w: str) -> str:
    return strip_marks(w).lower()


def _marks(w: str) -> int:
    """How many marks a word bears (đ's bar counted)."""
    return sum(unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFD", w)) + sum(c in "đĐ" for c in w)


def authority_as_the_body_writes(name: object, texts: list[str]) -> object:
    """The issuer's name with a word's marks as the document's own text writes that name (OCR reads
    a mark of capitals wrong more often than one of running text: "KHOA HỆ THÓNG THÔNG TIN" whose
    body twice writes "Hệ thống Thông tin"): a run of three words or more of the name whose letters
    the text gives at least twice, every time with the same marks, other than the name's (not only
    a tone placed elsewhere: "HÓA" / "Hoá"), and each word so given a syllable with no fewer marks
    (running text read with a mark lost is no better reading).  Else as read."""
    if not isinstance(name, str):
        return name
    spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(name)]
    words = [w for t in texts for w in _WORD.findall(t)]
    folded = [_fold(w) for w in words]
    starts: dict[str, list[int]] = {}
    for k, w in enumerate(folded):
        starts.setdefault(w, []).append(k)
    out = list(spans)
    for n in range(len(spans), 2, -1):
        for s in range(len(spans) - n + 1):
            want = [_fold(w) for _, _, w in spans[s : s + n]]
            hits = [k for k in starts.get(want[0], ()) if folded[k : k + n] == want]
            seen = {tuple(w.lower() for w in words[k : k + n]) for k in hits} if len(hits) >= 2 else set()
            read = tuple(retone(w.lower(), "new") for _, _, w in spans[s : s + n])
            if len(seen) != 1 or tuple(retone(w, "new") for w in next(iter(seen))) == read:
                continue
            form = next(iter(seen))
            for k, w in enumerate(form):
                a, b, old = spans[s + k]
                if retone(w, "new") != retone(old.lower(), "new") and is_vietnamese_syllable(w) and _marks(w) >= _marks(old):
                    out[s + k] = (a, b, w.upper() if old.isupper() else w)
            break
        else:
            continue
        break
    fixed = name
    for (a, b, w), (_, _, old) in zip(reversed(out), reversed(spans), strict=True):
        if w != old:
            fixed = fixed[:a] + w + fixed[b:]
    return fixed
