"""Is a PDF text layer worth trusting?  A score from Vietnamese phonotactics.

A born-digital Vietnamese page is almost all valid syllables (onset + rhyme + one tone, stop-final
tone rule, k/gh/ngh spelling) and numbers; a scanner's OCR layer loses the diacritics or mangles
letters, and text in a legacy 8-bit font encoding (TCVN3/ABC, VNI) decodes to Latin-1 letters in
impossible places ("Céng hoµ x· héi", "Coäng hoøa").  The score is the share of valid tokens,
damped when a long text carries almost no diacritics.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.vn.syllables import is_vietnamese_syllable

# Characters a Vietnamese text never holds, but TCVN3 (ABC) and VNI text decoded as Latin-1 does.
# TCVN3 puts tone-marked vowels on the Latin-1 symbol range (hoµ, x·, ¸); VNI writes a base
# vowel followed by a Latin-1 letter for the marks (hoøa, Vieät) and Ñ/ñ for Đ/đ.
_TCVN3_MARKS = set("¸µ¶·¹¨©ª«¬®¡¢£¤¥¦§°±²³´»¼½¾")
_ODD_LATIN = set("ÄÅÆÇËÎÏÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþÿ")
_VNI_PAIR = re.compile(r"[aeiouy][øùûõïöäåâëóòôúñ]|ñ[aeiouy]|^Ñ", re.IGNORECASE)
_VIET_DIACRITIC = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
    re.IGNORECASE,
)
_EDGE_PUNCT = "\"'“”‘’«».,;:!?()[]{}<>…–—-_/*•·+=|"
_NUMBERISH = re.compile(r"^[0-9IVXLC]*[0-9][0-9.,:/%\-]*$")
_ABBREV = re.compile(r"^[A-ZĐ&]{1,8}[a-z]{0,2}$")  # UBND, HĐND, TTg, QyĐ-like codes
_ROMAN = re.compile(r"^[ivxlIVXL]{1,5}$")
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class TextQuality:
    """How much of a text layer reads as Vietnamese, and why not."""

    score: float  # 0..1; >= ~0.8 reads as real Vietnamese text
    tokens: int  # tokens counted (punctuation-only tokens are not)
    valid: int
    cid: int  # "(cid:NN)" glyphs: a font without a Unicode map
    legacy: int  # tokens with TCVN3/VNI signature characters
    diacritic_share: float  # of letter tokens
    encoding: str | None  # "TCVN3", "VNI" or None when no legacy encoding shows

    @property
    def reason(self) -> str:
        """A short human reason for a low score."""
        if self.tokens == 0:
            return "no readable tokens"
        if self.encoding:
            return f"text in the legacy {self.encoding} font encoding"
        if self.cid > self.tokens * 0.2:
            return "glyphs without a Unicode map ((cid:NN))"
        if self.diacritic_share < 0.25:
            return "Vietnamese diacritics missing (a broken OCR layer)"
        return "mostly invalid Vietnamese syllables"


def _part_valid(part: str) -> bool:
    if not part:
        return True
    if _NUMBERISH.match(part) or _ROMAN.match(part) or (len(part) == 1 and part.isascii()):
        return True
    if is_vietnamese_syllable(part):
        return True
    return bool(_ABBREV.match(part))


def _token_valid(token: str) -> bool:
    # Symbols such as 119/KH-UBND or COVID-19 are valid when every part is.
    parts = re.split(r"[/\-.,:&]", token)
    return all(_part_valid(p.strip(_EDGE_PUNCT)) for p in parts)


def text_quality(text: str) -> TextQuality:
    """Score a text layer: share of tokens that are Vietnamese syllables, numbers or known symbols."""
    text = unicodedata.normalize("NFC", text)
    cid = len(_CID.findall(text))
    tokens = valid = legacy = letters = marked = vni = tcvn = 0
    for raw in _CID.sub(" \x00 ", text).split():
        if raw == "\x00":
            tokens += 1
            continue
        token = raw.strip(_EDGE_PUNCT)
        if not token or not any(c.isalnum() for c in token):
            continue
        tokens += 1
        has_tcvn = any(c in _TCVN3_MARKS for c in token)
        has_vni = not has_tcvn and bool(_VNI_PAIR.search(token)) and not _token_valid(token)
        if has_tcvn or has_vni or any(c in _ODD_LATIN for c in token):
            legacy += 1
            tcvn += has_tcvn
            vni += has_vni
            continue
        if any(c.isalpha() for c in token):
            letters += 1
            marked += bool(_VIET_DIACRITIC.search(token))
        valid += _token_valid(token)
    if tokens == 0:
        return TextQuality(0.0, 0, 0, cid, 0, 0.0, None)
    score = valid / tokens
    share = marked / letters if letters else 1.0
    if letters >= 20 and share < 0.25:  # Vietnamese prose has ~60-70 % marked syllables
        score *= share / 0.25
    encoding = None
    if legacy >= max(2, 0.1 * tokens):
        encoding = "TCVN3" if tcvn > vni else "VNI" if vni > tcvn else "8-bit"
    return TextQuality(round(score, 4), tokens, valid, cid, legacy, round(share, 4), encoding)


def pdf_text_layer_quality(text: str) -> float:
    """Score in [0, 1] of how much a PDF text layer reads as real Vietnamese (see ``text_quality``)."""
    return text_quality(text).score


_STAMP = re.compile(
    r"ký bởi|người ký|thời gian ký|ngày ký|cơ quan:|signed by|signature|digitally|email:|"
    r"@|\+0\d:00|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{1,2}:\d{2}(:\d{2})?",
    re.IGNORECASE,
)
_STAMP_CUE = re.compile(r"ký bởi|người ký|thời gian ký|ngày ký|signed by|digitally signed", re.I)


def is_signature_stamp_only(text: str) -> bool:
    """True when a text layer holds only an e-office digital-signature stamp (a scanned page)."""
    if not _STAMP_CUE.search(text):
        return False
    rest = [ln for ln in text.splitlines() if ln.strip() and not _STAMP.search(ln)]
    words = sum(len(ln.split()) for ln in rest)
    return words <= 25
