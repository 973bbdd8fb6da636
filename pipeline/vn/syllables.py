"""Vietnamese phonotactics: is a token a possible syllable (onset + rhyme + one tone)?

The spelling rules a valid syllable obeys: a known onset and rhyme, one tone at most, a stop
final (p, t, c, ch) only under the sắc or nặng tone, c/g/ng before back vowels and k/gh/ngh before
front ones, no "qu" before u.  The ingest stage scores a PDF text layer with it.
"""

from __future__ import annotations

import unicodedata

from pipeline.vn.orthography import TONE_MARKS

_SAC, _NANG = TONE_MARKS["\u0301"], TONE_MARKS["\u0323"]  # the two tones a stop final allows

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


def _split_tone(syllable: str) -> tuple[str, list[int]]:
    """The syllable without tone marks (NFC) and the tones that were on it."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [TONE_MARKS[c] for c in decomposed if c in TONE_MARKS]
    bare = "".join(c for c in decomposed if c not in TONE_MARKS)
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
        if tones and rhyme.endswith(_STOP_CODAS) and tones[0] not in (_SAC, _NANG):
            continue
        return True
    return False
