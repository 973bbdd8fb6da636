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

# Tone marks (combining) and the vowel-quality marks that are part of the letter.
_TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}

_ONSETS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()
)
_RHYMES = frozenset(
    """
    a ai ao au ay ac ach am an ang anh ap at
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet
    oi om on ong op ot ooc oong
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uân uâng uât uây uc uê uêch uênh ui um un ung up ut uy uya uych uyên uyêt uynh uyt
    uyu uôc uôi uôm uôn uông uôt uơ uâ
    ư ưa ưc ưi ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu ưm ưn
    y yêm yên yêt yêu
    """.split()
)
_STOP_CODAS = ("p", "t", "c", "ch")
_FRONT = ("i", "e", "ê", "y")

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


def _split_tone(syllable: str) -> tuple[str, list[str]]:
    """The syllable without tone marks (NFC) and the tones that were on it."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [_TONES[c] for c in decomposed if c in _TONES]
    bare = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", bare), tones


def is_vietnamese_syllable(token: str) -> bool:
    """True if ``token`` (any case, no punctuation) is a phonotactically valid Vietnamese syllable."""
    bare, tones = _split_tone(token.lower())
    if len(tones) > 1 or not bare or not bare.isalpha():
        return False
    candidates: list[tuple[str, str]] = [("", bare)]
    for n in (1, 2, 3):
        if len(bare) > n and bare[:n] in _ONSETS:
            candidates.append((bare[:n], bare[n:]))
    if bare.startswith("gi"):  # "gì", "gìn": gi + vowel-less rest
        candidates.append(("gi", bare[1:]))
    for onset, rhyme in candidates:
        if rhyme not in _RHYMES:
            continue
        front = rhyme.startswith(_FRONT)
        if onset in ("c", "g", "ng") and front and not (onset == "g" and rhyme.startswith("i")):
            continue
        if onset in ("k", "gh", "ngh") and not front:
            continue
        if onset == "qu" and rhyme.startswith("u"):
            continue
        if tones and rhyme.endswith(_STOP_CODAS) and tones[0] not in ("sac", "nang"):
            continue
        return True
    return False


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
