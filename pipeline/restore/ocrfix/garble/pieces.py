"""Splitting OCR lines into pieces (words, kept numbers/symbols/marks) and reassembling them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pipeline.restore.core.decoder import SENT_END
from pipeline.restore.core.lm import NUM, PUNCT, UNK
from pipeline.restore.ocrfix.channel import ChannelModel, split_edges
from pipeline.restore.ocrfix.garble.horns import horn_reading
from pipeline.restore.ocrfix.settings import GARBLE
from pipeline.types import Token

SENTENCE_PUNCT = set(".!?;:…")
_WEBBY = re.compile(
    r"\w@\w[\w.-]*\.\w|/@|://|^www\.|\.(?:vn|com|net|org|gov|edu|info)\b", re.IGNORECASE
)
_WORD_PART = (
    r"[^\W\d_][^\W\d_A-ZĐ]*"  # a lower- or title-case word (codes such as KL, TTr excluded)
)
_SLASHED = re.compile(rf"^{_WORD_PART}(?:(?:/{_WORD_PART})+/?|/)$")
_HYPHENED = re.compile(rf"^{_WORD_PART}(?:-{_WORD_PART})+$")  # "A-rap", "Nam-Lao" (not KH-UBND)
_GLUED = re.compile(r"(?<=[^\W\d_]{2})([.,;:])(?=[^\W\d_]{2})", re.UNICODE)
PLAIN_PUNCT = set(".,;:!?()[]{}\"'“”‘’-–—/\\…%*+=<>#_")
_LOWER_VOWEL = re.compile(r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
# "s640/2019/TT-BTC" is "số 40/2019/TT-BTC": the English model glues "số" (read "s6") to the
# symbol after it (40 of 40 such tokens in train-split pairs).
_S6_GLUED = re.compile(r"(?<!\S)([sS]6)[’'.]?(?=\d+/\S*[^\W\d_])")
_APOS_GLUED = re.compile(
    r"(?<!\S)([^\W\d_]+)[’']([bcdghklmnpqrstvxBCDGHKLMNPQRSTVX][^\W\d_]+)(?=[.,;:]?(?!\S))"
)
_NUMBERISH = re.compile(r"^[\d.,:/\-–]+$")
_O_NUMBER = re.compile(
    r"^(?=(?:.*\d){2})(?=.*O)[\dO]{3,}$"
)  # letter O read for a zero inside a number


@dataclass
class Piece:
    kind: str  # "word", "keep" (number, symbol, punctuation)
    text: str
    start: int
    end: int
    unit: str  # LM unit for kept pieces ("<num>", "<unk>", "<p>", "</s>")
    conf: float = 0.0  # OCR confidence (post-correction); 0 = unknown
    fix: str | None = None  # a deterministic repair of a kept piece ("O1" -> "01", "?" -> "")


def unglue_so(line: str) -> str:
    """Put back the space between "số" (read "s6") and the document symbol it was glued to."""
    return _S6_GLUED.sub(r"\1 ", line)


# A speck read as "." between a word and the year after it ("nim.2025", "doan .2022" for "năm
# 2025", "đoạn 2022"): no Vietnamese text writes a year so (none in the gold of the dev legacy
# documents or of ../shared/ocr-pairs), and left in, the word and the year are one code.
_YEAR_SPECK = re.compile(r"(?<=[a-zà-ỹđ])[ ]?\.(?=(?:19|20)\d\d(?!\d|[/.,:]\d))")


# ... and in the date formula ("ngày 03 tháng 5 năm 2022"): a speck glued between "ngày" or
# "tháng" and its number ("ngéy.03", "thang:5"), or between the month's number and "năm" ("3-ndm
# 2025"), or a hyphen between a word and "năm" + a year ("Lạng Sơn-năm 2022"): a date is never
# written so, and glued, the word and the number are one code that nothing restores.
_DATE_SPECK = re.compile(
    r"(\bng[a-zà-ỹ@6]{1,2}y|\bth[a-zà-ỹ]{1,2}ng)[.,:’'](\d{1,2}\b)"
    r"|(\b\d{1,2}|[a-zà-ỹ])[-.,:](n[a-zà-ỹ]{1,2}m\s+(?:19|20)\d\d\b)"
)


def unglue_year_speck(line: str) -> str:
    """Drop the speck read as "." between a lower-case word and a year: "nim.2025" -> "nim 2025"
    (and the date formula's specks: "ngéy.03" -> "ngéy 03", "3-ndm 2025" -> "3 ndm 2025")."""
    line = _YEAR_SPECK.sub(" ", line)
    return _DATE_SPECK.sub(lambda m: f"{m.group(1)} {m.group(2)}" if m.group(1) else f"{m.group(3)} {m.group(4)}", line)


# A speck read as "." or ":" between two lower-case words ("dOi.ngi", "trong:cod"): of the 8 such
# tokens in the 89,992 lines of ../shared/ocr-pairs (web addresses aside), 6 were glued so in
# the gold too (typos, "style.css"); the dev legacy documents' specks (degraded scans) are all so.
_SYLLABLE_SPECK = re.compile(r"(?<![\w.:/@])([^\W\d_]{2,7})[.:]([a-zà-ỹđ][^\W\d_]{1,6})(?=[,.;:]?(?!\S))")


def unglue_specks(line: str) -> str:
    """Drop a speck "." between two lower-case words ("dOi.ngi" -> "dOi ngi"); a colon gets its
    space back ("sau:cac" -> "sau: cac"; a hook read as a colon is then the decoder's)."""

    def fix(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if not left[-1].islower():
            return m.group(0)
        # a colon may be real with its space lost ("sau:các"): it keeps its place
        return f"{left}: {right}" if m.group(0)[len(left)] == ":" else f"{left} {right}"

    return _SYLLABLE_SPECK.sub(fix, line) if not _WEBBY.search(line) else line


# A speck read as "." after a lower-case word, before a lower-case word ("người. đứng đầu"): a
# sentence ends before a capital.  Prose lines only: on a table line the next word may be
# another cell's wrapped words ("toàn tỉnh." | "thành phố").
_SPACED_SPECK = re.compile(r"(?<![\w.:/@])([^\W\d_]*[a-zà-ỹđ][^\W\d_]*)\.(?= [a-zà-ỹđ])")


def drop_speck_period(line: str) -> str:
    """Drop a "." between two lower-case words of running text ("ngudi. ding dau")."""
    if _WEBBY.search(line):
        return line
    # an abbreviation or a name keeps its full stop ("Ltd. đồng ý", "Corp. với")
    return _SPACED_SPECK.sub(lambda m: m.group(1) if len(m.group(1)) >= 2 and m.group(1).islower() else m.group(0), line)


def unglue_apostrophe(line: str, channel: ChannelModel) -> str:
    """'TU’DO' is 'TỰ DO': a horn read as an apostrophe that swallowed the space after it.

    Only when both sides are syllable-shaped and training never saw the whole token (116 of 128
    such tokens in train-split pairs were two words; "ngu’di" for "người" is in the table).
    """

    def fix(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        whole = m.group(0).lower()
        if (
            whole in channel.table
            or not channel.is_syllable_shape(left)
            or not channel.is_syllable_shape(right)
        ):
            return m.group(0)
        return f"{left} {right}"

    return _APOS_GLUED.sub(fix, line)


def split_pieces(line: str, channel: ChannelModel | None = None) -> list[Piece]:
    garbles = channel.table if channel is not None else None
    out: list[Piece] = []
    for m in re.finditer(r"\S+", line):
        chunk, base = m.group(), m.start()
        lead, core, trail = split_edges(chunk)
        for k, ch in enumerate(lead):
            # The English model reads a lower-case l before a vowel as "[" ("[an" for "lần":
            # 120 of 121 unclosed "[" + a lower-case vowel in train-split pairs).
            stray = (
                channel is not None
                and ch == "["
                and k == len(lead) - 1
                and "]" not in chunk
                and _LOWER_VOWEL.match(core) is not None
            )
            out.append(Piece("keep", ch, base + k, base + k + 1, PUNCT, fix="" if stray else None))
        s = base + len(lead)
        glued = _GLUED.split(core) if core and _classify(core)[0] == "word" else [core]
        if len(glued) == 3 and all(glued):
            # Two words glued by punctuation without a space ("trúc.Điều", "Truyền,thông").
            out.append(Piece("word", glued[0], s, s + len(glued[0]), ""))
            u = SENT_END if glued[1] in SENTENCE_PUNCT else PUNCT
            out.append(Piece("keep", glued[1], s + len(glued[0]), s + len(glued[0]) + 1, u))
            core, s = glued[2], s + len(glued[0]) + 1
            lead = chunk[: s - base]
        sep = (
            "/"
            if core and _SLASHED.match(core)
            else "-"
            if core and _HYPHENED.match(core)
            else ""
        )
        if sep:
            # Words paired by slashes ("đường/phố", "và/hoặc") or hyphens ("Ả-rập", "Nam-Lào"),
            # not a code: each word restored.
            parts = core.split(sep)
            for k, part in enumerate(parts):
                if part:
                    out.append(Piece("word", part, s, s + len(part), ""))
                    s += len(part)
                if k < len(parts) - 1:
                    out.append(Piece("keep", sep, s, s + 1, PUNCT))
                    s += 1
            lead, core = chunk[: s - base], ""
        if core:
            kind, unit = _classify(core)
            seen_garble = garbles is not None and core.lower() in garbles  # "5O" reads "số"
            fix = core.replace("O", "0") if _O_NUMBER.match(core) and not seen_garble else None
            if fix is not None and core.startswith("O0"):
                fix = fix[1:]  # "O01" is "01" with a stray O (8 of 8 in train-split pairs)
            if fix is not None:
                kind, unit = "keep", NUM
            if (
                kind == "keep"
                and unit == NUM
                and garbles
                and core.lower() in garbles
                and core[-1:].isalpha()
            ):
                kind = "word"  # a garble seen in training ("16p" for "lớp"), not a number
            out.append(Piece(kind, core, s, s + len(core), unit, fix=fix))
        if trail:
            s = base + len(lead) + len(core)
            unit = SENT_END if any(c in SENTENCE_PUNCT for c in trail) else PUNCT
            # The English model reads a hooked letter as "t?" ("st?" for "sử"): a "?" glued to a
            # word in the middle of a line is part of the garble, not a question; so is one
            # before other punctuation ("xt?." for "xử.": 28 of 29 "?" + ,.;:) in train pairs).
            # Mid-line "?" glued to a word was no question 1,241 times of 1,348 when the word is
            # syllable-shaped ("ti?" for "từ"), 543 of 555 otherwise (train-split pairs); at the
            # end of a line it is kept.
            stray = (
                channel is not None
                and trail[:1] == "?"
                and core.isalpha()
                and (
                    (trail == "?" and line[m.end() :].strip() != "")
                    or (len(trail) == 2 and trail[1] in ",.;:)")
                )
            )
            rest = trail[1:] if stray else trail
            if stray and rest:
                unit = SENT_END if any(c in SENTENCE_PUNCT for c in rest) else PUNCT
            out.append(
                Piece(
                    "keep",
                    trail,
                    s,
                    s + len(trail),
                    unit if rest else PUNCT,
                    fix=rest if stray else None,
                )
            )
    return out


def repair_list_markers(per_line: list[list[Piece]]) -> None:
    """A line-opening "d)" right after a "d)" item is "đ)" (85 of 101 in train-split documents)."""
    prev = ""
    for pieces in per_line:
        if len(pieces) < 2 or pieces[1].text != ")" or len(pieces[0].text) != 1:
            continue
        first = pieces[0]
        if not first.text.isalpha() or not first.text.islower():
            continue
        if first.text == "d" and prev == "d":
            first.kind, first.unit, first.fix = "keep", "đ", "đ"
        prev = first.text


def _classify(core: str) -> tuple[str, str]:
    letters = sum(c.isalpha() for c in core)
    if not letters:
        return "keep", NUM if any(c.isdigit() for c in core) else PUNCT
    if _WEBBY.search(core):
        return "keep", UNK  # URL, e-mail or domain
    if "/" in core or _NUMBERISH.match(core) or re.search(r"\d[-.]\w|\w-\d|[A-Z]{2,}-", core):
        # Document symbol, date or code: kept verbatim.  The LM saw those with a digit as <num>
        # (``tokenize.lm_tokens``): "Điều 36.5.NĐ.1.23." is "điều <num>", and as <unk> "Diệu" won.
        return "keep", NUM if any(c.isdigit() for c in core) else UNK
    if sum(c.isdigit() for c in core) > letters:
        return "keep", NUM
    return "word", ""


def recase(syl: str, obs: str, line_upper: bool) -> str:
    letters = [c for c in obs if c.isalpha()]
    ups = sum(c.isupper() for c in letters)
    if letters and ups == len(letters) and (len(letters) >= 3 or line_upper):
        return syl.upper()
    if line_upper and 2 * ups > len(letters):
        return syl.upper()  # "PiCH" in a heading: one letter lost its case
    if line_upper and 2 * ups == len(letters) and letters[-1] != "y":
        # "Vi", "vO" in a heading are "VÌ", "VÔ" (148 of 149 in train-split caps lines besides
        # "Ky", which is the title-case "Ký" of a signature line 69 of 69 times).
        return syl.upper()
    if len(letters) == 2 and ups == 2:
        return syl[:1].upper() + syl[1:]  # "BO" in running text is "Bộ" read with a tall accent
    if obs[:1] in GARBLE.lower_l_read_as and syl[:1] == "l" and ups == 1:
        return syl  # "I6n", "Jé": the English model reads a lower-case l as I or J
    if letters and letters[0].isupper() or (not obs[:1].isalpha() and ups):
        return syl[:1].upper() + syl[1:]
    return syl


def attach_confidences(
    lines: list[str], per_line: list[list[Piece]], confidences: list[list[float]]
) -> None:
    for ln, pieces, confs in zip(lines, per_line, confidences, strict=False):
        chunks = [(m.start(), m.end()) for m in re.finditer(r"\S+", ln)]
        if len(chunks) != len(confs):
            for p in pieces:
                p.conf = 1.0  # cannot tell which word is unsure: change nothing on this line
            continue
        for p in pieces:
            for (s, e), c in zip(chunks, confs, strict=True):
                if s <= p.start < e:
                    p.conf = c
                    break


def assemble(
    lines: list[str], per_line: list[list[Piece]], chosen: dict[int, tuple[str, float]]
) -> tuple[str, list[Token]]:
    out_lines: list[str] = []
    tokens: list[Token] = []
    offset = 0
    for ln, pieces in zip(lines, per_line, strict=True):
        buf: list[str] = []
        pos = 0
        for p in pieces:
            if p.kind != "word" and id(p) not in chosen:
                continue
            new, conf = chosen.get(id(p), (p.text, 1.0))
            buf.append(ln[pos : p.start])
            start = offset + sum(len(b) for b in buf)
            buf.append(new)
            tokens.append(
                Token(new, p.text, start, start + len(new), round(float(conf), 4), new != p.text)
            )
            pos = p.end
        buf.append(ln[pos:])
        line_out = "".join(buf)
        out_lines.append(line_out)
        offset += len(line_out) + 1
    return "\n".join(out_lines), tokens


# Table cells are set tight: the English model loses the space between syllables there and
# reads a cell's words as one token ("Taichinh", "Kéhoach", "C6ngantinh", "hanhtiét").  Such a
# token has no reading as one syllable, but cuts into parts that each read as a syllable.
# Characters the English model reads for a vowel ("6" for ô/ơ, "@" for ở, "4" for á/ấ: "C4cnhiém"
# is "Các nhiệm"): a part needs one, and a cut never falls between two of them (a syllable's
# vowel nucleus stays whole).
_VOWELISH = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY046@¢") | set(_LOWER_VOWEL.pattern[1:-1]) | {
    c.upper() for c in _LOWER_VOWEL.pattern[1:-1]
}
_GLUED_SYLLABLES = re.compile(r"(?<!\S)(?=[^\s]*[a-zà-ỹđ])([^\W\d_][^\W_]{5,}|[^\W\d_]{1,2}@[^\W\d_]{3,}[^\W_]*)(?=[.,;:]?(?!\S))")
_MAX_PART = 7  # letters in one syllable as read ("nghiêng")
_MAX_PARTS = 4  # syllables in one glued token (a longer run is border junk, not words)
# The parts together must read this much better (ln) than the token read whole: a garbled
# single syllable also cuts into readable parts ("Thuting" for "Thường": "Thu ting" is 1.1
# better), a glued pair by far ("Kéhoach": 9.6).
_WHOLE_BETTER = 3.0
_PART_FLOOR = -5.0  # a part whose channel score is below this is no clear syllable


def reading_score(part: str, channel: ChannelModel, floor: float = _PART_FLOOR) -> float | None:
    """ln of the part's best reading: channel times the syllable's corpus frequency, so that
    each part pays for being a word of its own ("Céng an" over "Cé ngan")."""
    best = None
    for syl, lp in channel.candidates(part.lower()):
        if lp < floor:
            continue
        sc = lp + channel.frequency_logp(syl)
        best = sc if best is None or sc > best else best
    return best


def _cuts(token: str, channel: ChannelModel) -> list[str] | None:
    """The token's best cut into syllable-read parts (None: leave it whole)."""
    n = len(token)
    # best[j][k]: (score, previous cut) of the prefix of length j in k parts
    best: list[dict[int, tuple[float, int]]] = [dict() for _ in range(n + 1)]
    best[0][0] = (0.0, 0)
    for j in range(2, n + 1):
        for i in range(max(0, j - _MAX_PART), j - 1):
            if not best[i] or (0 < i and token[i - 1] in _VOWELISH and token[i] in _VOWELISH):
                continue
            part = token[i:j]
            if not any(c in _VOWELISH for c in part):
                continue
            sc = reading_score(part, channel)
            if sc is None:
                continue
            for k, (prev, _) in best[i].items():
                if k < _MAX_PARTS and (k + 1 not in best[j] or prev + sc > best[j][k + 1][0]):
                    best[j][k + 1] = (prev + sc, i)
    splits = {k: v for k, v in best[n].items() if k >= 2}
    if not splits:
        return None
    k = max(splits, key=lambda x: splits[x][0])
    score = splits[k][0]
    whole = reading_score(token, channel, floor=-math.inf)
    if whole is not None and score <= whole + _WHOLE_BETTER:
        return None
    parts, j = [], n
    while k:
        i = best[j][k][1]
        parts.append(token[i:j])
        j, k = i, k - 1
    return parts[::-1]


def unglue_syllables(line: str, channel: ChannelModel) -> str:
    """A table line with each token that reads as no syllable but as several glued ones cut
    into them ("Taichinh" -> "Tai chinh"); tokens the channel's training saw whole stay, and a
    horn syllable read as a clump of letters is read whole ("trading" -> "truong": ``horns``)."""

    def fix(m: re.Match[str]) -> str:
        tok = m.group(1)
        if tok.lower() in channel.table or channel.is_syllable_shape(tok):
            return tok
        parts = _cuts(tok, channel)
        if not parts:
            return tok
        return horn_reading(tok, channel) or " ".join(parts)

    return _GLUED_SYLLABLES.sub(fix, line)
