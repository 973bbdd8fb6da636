"""Fixed formulae of the NĐ 30/2020 header, repaired where an English-model OCR garbled them.

Every state document prints the national name and motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
"Độc lập - Tự do - Hạnh phúc"), every Party document "ĐẢNG CỘNG SẢN VIỆT NAM", and the number
line opens with "Số:".  Word by word the decoder can miss them ("Poc l1ap" for "Độc lập": two
letters lost at once); as whole phrases they are unmistakable.  A span of a line whose
diacritic-free, OCR-folded form lies within a few edits of a formula's is replaced by the formula;
the tone placement of the document (hòa / hoà) is kept when only that differs.  The formulae
themselves are ``pipeline.vn.doctypes.FORMULAE``.
"""

from __future__ import annotations

import re

import regex
from rapidfuzz.distance import Levenshtein as _Lev

from pipeline.vn.doctypes import DOC_TYPES, FORMULAE
from pipeline.vn.orthography import retone, strip_diacritics

MAX_EDITS = 4  # of 22-27 folded letters: garble of two or three letters, never another phrase
# The English model's usual misreadings of letters, folded away before comparing (1:1 in length).
_FOLD = str.maketrans({"1": "l", "0": "o", "6": "o", "|": "l", "—": "-", "–": "-", "$": "s", "§": "s", "€": "e",
                       "¢": "c", "@": "o", "’": "'", "‘": "'", "w": "u"})
# "Sb:", "S6:", "$6:", "Só:", "S0:" opening the number line: "Số:" (a colon and a number follow).
# A speck before it ("_ §6:") or after its colon ("S6:;", "S6:.") is no text; the colon may be read
# as a semicolon ("$6; 263/KH-UBND").
_NUMBER_LABEL = re.compile(r"^(\s*)(?:[_—‘'.,]\s*)?(?:S[bó6o0ỏơô]|\$[6oó]|§[6oó])(\s*)[:;][;.,]?(\s*)(?=\d)")


def _fold(text: str) -> str:
    folded = strip_diacritics(text).translate(_FOLD).lower()
    return folded if len(folded) == len(text) else text.lower()


_PATTERNS = [(f, regex.compile(f"(?b)(?:{regex.escape(_fold(f))}){{e<={MAX_EDITS}}}")) for f in FORMULAE]


def repair_formulae(line: str) -> str:
    """``line`` with garbled fixed formulae (motto, national name, "Số:") restored."""
    line = _NUMBER_LABEL.sub(lambda m: f"{m.group(1)}Số{m.group(2)}:{m.group(3) or ' '}", line)
    folded = _fold(line)
    if len(folded) != len(line):
        return line
    for formula, pattern in _PATTERNS:
        m = pattern.search(folded)
        if m is None or sum(m.fuzzy_counts) == 0 and line[m.start() : m.end()] in (formula, retone(formula, "new")):
            continue
        span = line[m.start() : m.end()]
        if span in (formula, retone(formula, "new"), retone(formula, "old")):
            continue
        # Whole words only: a match that starts or ends inside a word is no formula.
        if m.start() > 0 and line[m.start() - 1].isalnum() or m.end() < len(line) and line[m.end()].isalnum():
            continue
        if not span.strip() or abs(len(span) - len(formula)) > MAX_EDITS:
            continue
        letters = [c for c in span if c.isalpha()]
        if formula.isupper() and sum(c.isupper() for c in letters) < 0.8 * len(letters):
            continue  # "nước Cộng hòa xã hội chủ nghĩa Việt Nam" in a sentence: not the header's
        keep_new = retone(formula, "new") != formula and retone(span, "new") == span and "oà" in span.lower()
        line = line[: m.start()] + (retone(formula, "new") if keep_new else formula) + line[m.end() :]
        folded = _fold(line)
        if len(folded) != len(line):
            break
    return line


_SECOND_COLUMN = tuple(
    {v for f in FORMULAE for v in (f, retone(f, "new"), retone(f, "old"))}
)


def header_columns(lines: list[str]) -> dict[int, int]:
    """Per header line that holds a formula after other text ("TỈNH YÊN BÁI Độc lập - Tự do -
    Hạnh phúc"), the offset where the formula starts: the header's second column, read across
    the line by the OCR.  Left in one stream, the authority's words take the motto's as context
    ("... VIỆT NAM TÍNH YÊN BÁI")."""
    out: dict[int, int] = {}
    for i, line in enumerate(lines[:12]):
        for formula in _SECOND_COLUMN:
            k = line.find(formula)
            if k > 0 and line[k - 1].isspace() and line[:k].strip():
                out[i] = min(out.get(i, k), k)
    # The national name over the motto: two lines in a row ("Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA ..."
    # on a line of its own is a sentence, not a header column).
    return {i: k for i, k in out.items() if i - 1 in out or i + 1 in out}


# -- the type title ("KẾ HOẠCH") under the header --------------------------------------------
_TITLE_LINES = 12  # the title stands in the header, within a page's first lines
_TITLES = {t: re.sub(r"[^A-Z]", "", strip_diacritics(t).upper().replace("Đ", "D")) for t in DOC_TYPES}


def _title_key(text: str) -> str:
    folded = strip_diacritics(text).translate(_FOLD).upper().replace("Đ", "D")
    return re.sub(r"[^A-Z]", "", folded)


def repair_type_title(lines: list[str]) -> tuple[list[str], set[int]]:
    """The page's lines with a garbled type title line read as the title it is one or two letter
    edits from ("HUGNG DAN", ": KE HOACH"; G is the English model's reading of a capital Ơ), and
    the indexes of the lines so repaired.  Only a short line in capitals near the top counts,
    and only when one title alone is nearest."""
    out, fixed = list(lines), set()
    for i, line in enumerate(lines[:_TITLE_LINES]):
        words = [w for w in line.split() if any(c.isalpha() for c in w)]
        letters = [c for c in line if c.isalpha()]
        if not 1 <= len(words) <= 4 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            continue
        key = _title_key(line)
        if len(key) < 4:
            continue
        dist = sorted((_Lev.distance(key, k), t) for t, k in _TITLES.items())
        best, title = dist[0]
        limit = 1 if len(key) <= 6 else 2
        if best <= limit and (len(dist) == 1 or dist[1][0] > best) and line.strip() != title:
            out[i] = line[: len(line) - len(line.lstrip())] + title
            fixed.add(i)
    return out, fixed
