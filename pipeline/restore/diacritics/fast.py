"""The fast restorer: syllable candidates from the inventory, decoded jointly by the n-gram LM.

The whole text is one decoding sequence: line breaks do not reset the LM context (sentences wrap
across lines in these documents); sentence punctuation and blank lines do.  Only words without
any diacritic whose stripped form is a known syllable can change; their restored form keeps the
length of the original (one NFC character per letter), so every span stays where it was.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline import modelstore
from pipeline.restore.core.decoder import viterbi
from pipeline.restore.core.inventory import SyllableInventory
from pipeline.restore.core.lm import BOS_ID, EOS_ID, NUM_ID, PUNCT_ID, UNK_ID, NgramLM
from pipeline.restore.core.tokenize import (
    NUMBER,
    PUNCT,
    SYMBOL,
    WORD,
    Tok,
    is_sentence_end,
    tokenize,
)
from pipeline.restore.diacritics.settings import FAST
from pipeline.restore.ocrfix.symbols import load_codes
from pipeline.types import Token
from pipeline.vn.orthography import (
    detect_tone_style,
    follow_convention,
    has_diacritics,
    nfc,
    strip_diacritics,
)

LM_FILE = "restore_lm.npz"
INVENTORY_FILE = "restore_inventory.tsv"
CODES_FILE = "channel-symbols.json"


@dataclass(frozen=True)
class Plan:
    """A tokenized text ready for decoding: LM positions and which token each one restores."""

    toks: list[Tok]
    ids: list[list[int]]  # candidate LM ids per position
    forms: list[list[str] | None]  # candidate strings per position (None: fixed position)
    owner: list[int]  # token index of each position, -1 for sentence markers
    style: str


class FastRestorer:
    """Stripped-text restoration with the shipped n-gram LM and syllable inventory."""

    def __init__(self, models_dir: str | Path | None = None) -> None:
        root = modelstore.models_dir(models_dir, need=LM_FILE)
        self.lm = NgramLM.load(root / LM_FILE)
        self.inventory = SyllableInventory.load(root / INVENTORY_FILE)
        self._words: dict[str, tuple[list[int], list[str] | None, bool]] = {}
        # Code parts written with Đ in the corpus ("ND" -> "NĐ", "BLDTBXH" -> "BLĐTBXH"), learned
        # by scripts/train/channel.py; stripped text lost that Đ like any other mark.
        # Same length only: restoring Đ never moves text.
        self.codes = {k: v for k, v in load_codes(root / CODES_FILE).items() if isinstance(v, str) and len(k) == len(v)}
        self.names = name_syllables(root / FAST.name_file, self.inventory)

    def _word(self, text: str) -> tuple[list[int], list[str] | None, bool]:
        """LM candidate ids, candidate forms (None: keep as is) and whether ``text`` is accented."""
        hit = self._words.get(text)
        if hit is not None:
            return hit
        if has_diacritics(text):
            res: tuple[list[int], list[str] | None, bool] = ([self.lm.word_id(text.lower())], None, True)
        else:
            forms = [s for s, p in self.inventory.candidates(text.lower())[:FAST.max_candidates] if p >= FAST.min_prior]
            ids = [self.lm.word_id(f) for f in forms]
            res = (ids, forms, False) if forms and UNK_ID not in ids else ([UNK_ID], None, False)
            name = self.names.get(text.lower()) if not forms else None
            if name is not None:  # a name's syllable the LM does not know: its one written form
                res = ([UNK_ID], [name], False)
        if len(self._words) < 200_000:
            self._words[text] = res
        return res

    def plan(self, text: str) -> Plan:
        """Tokenize and build the candidate positions of ``text``."""
        toks = tokenize(text)
        ids: list[list[int]] = []
        forms: list[list[str] | None] = []
        owner: list[int] = []
        accented: list[str] = []
        prev_end = 0
        for k, tok in enumerate(toks):
            gap = text[prev_end : tok.start]
            # A blank line ends a sentence; so does a TAB (a table cell boundary: the next cell's
            # words are no context for this one's).
            if (gap.count("\n") >= 2 and not gap.replace("\n", "").strip()) or "\t" in gap or (
                "\n" in gap and _starts_block(tok.text, text, prev_end)
            ):
                ids.extend(([EOS_ID], [BOS_ID]))
                forms.extend([None, None])
                owner.extend([-1, -1])
            prev_end = tok.end
            kind = tok.kind
            if kind == WORD:
                wid, wforms, acc = self._word(tok.text)
                if acc:
                    accented.append(tok.text)
                ids.append(wid)
                forms.append(wforms)
                owner.append(k)
            elif kind == NUMBER or kind == SYMBOL:
                ids.append([NUM_ID] if kind == NUMBER else [UNK_ID])
                forms.append(None)
                owner.append(k)
            elif is_sentence_end(tok):
                ids.extend(([EOS_ID], [BOS_ID]))
                forms.extend([None, None])
                owner.extend([-1, -1])
            else:
                ids.append([PUNCT_ID])
                forms.append(None)
                owner.append(k)
        _keep_foreign(toks, ids, forms, owner)
        return Plan(toks, ids, forms, owner, detect_tone_style(accented))

    def restore(self, text: str) -> tuple[str, list[Token]]:
        """Restore ``text``, decoding long texts in pieces cut after sentence-final lines."""
        text = nfc(text)
        if len(text) <= FAST.chunk_chars:
            return self.restore_chunk(text)
        pieces: list[str] = []
        tokens: list[Token] = []
        offset = 0
        for chunk in _chunks(text):
            out, toks = self.restore_chunk(chunk)
            pieces.append(out)
            tokens.extend(Token(t.text, t.original, t.start + offset, t.end + offset, t.confidence, t.changed) for t in toks)
            offset += len(out)
        return "".join(pieces), tokens

    def restore_chunk(
        self, text: str, *, emissions: list[list[float]] | None = None, lm_weight: float = 1.0
    ) -> tuple[str, list[Token]]:
        """Restore one piece of text as one sequence; ``emissions`` adds per-candidate scores."""
        plan = self.plan(text)
        emis = emissions if emissions is not None else [[0.0] * len(c) for c in plan.ids]
        choices, confs = viterbi(plan.ids, emis, self.lm, lm_weight=lm_weight) if plan.ids else ([], [])
        best: dict[int, tuple[str, float]] = {}
        for j, k in enumerate(plan.owner):
            f = plan.forms[j]
            if k >= 0 and f is not None:
                best[k] = (f[choices[j]], confs[j])
        pieces: list[str] = []
        tokens: list[Token] = []
        pos = 0
        out_len = 0
        for k, tok in enumerate(plan.toks):
            gap = text[pos : tok.start]
            pieces.append(gap)
            out_len += len(gap)
            new, conf = tok.text, 1.0
            if tok.kind != PUNCT and k not in best and "D" in tok.text and self.codes:
                new = _fix_codes(tok.text, self.codes)
            if k in best:
                form, conf = best[k]
                new = follow_convention(form, tok.text, plan.style)
                if len(new) != len(tok.text):  # never move text around: keep the original
                    new = tok.text
            pieces.append(new)
            tokens.append(Token(new, tok.text, out_len, out_len + len(new), round(float(conf), 4), new != tok.text))
            out_len += len(new)
            pos = tok.end
        pieces.append(text[pos:])
        return "".join(pieces), tokens


def name_syllables(path: Path, inventory: SyllableInventory) -> dict[str, str]:
    """Stripped form -> syllable, for the syllables the corpus writes (``path``'s corpus counts)
    that the inventory lacks: place names in a non-standard spelling ("đắk", "lắk", "krông").
    Kept only when frequent (``FAST.name_min_count``), accented, written one way only, and
    when no inventory syllable strips to the same form.  Empty when ``path`` is absent."""
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        counts: dict[str, int] = json.load(f).get("syllables", {})
    by_form: dict[str, list[str]] = {}
    for syl in counts:
        bare = strip_diacritics(syl)
        if bare != syl and bare.isalpha() and not inventory.candidates(bare):
            by_form.setdefault(bare, []).append(syl)
    return {
        bare: syls[0]
        for bare, syls in by_form.items()
        if len(syls) == 1 and not inventory.is_valid(syls[0]) and counts[syls[0]] >= FAST.name_min_count
    }


_CODE_SPLIT = re.compile(r"([-/.,()])")


def _fix_codes(text: str, codes: dict[str, str]) -> str:
    """Put back the Đ of known code parts of a symbol or acronym ("47/ND-CP" -> "47/NĐ-CP")."""
    if has_diacritics(text):
        return text
    return "".join(codes.get(p, p) for p in _CODE_SPLIT.split(text))


def _chunks(text: str) -> list[str]:
    """Cut a long text after lines that end a sentence (or are blank), about FAST.chunk_chars each."""
    out: list[str] = []
    start = 0
    size = 0
    lines = text.splitlines(keepends=True)
    for ln in lines:
        size += len(ln)
        body = ln.rstrip()
        if size >= FAST.chunk_chars and (not body or body[-1] in ".;:!?" or size >= 5 * FAST.chunk_chars):
            out.append(text[start : start + size])
            start += size
            size = 0
    if start < len(text):
        out.append(text[start:])
    return out


def _starts_block(word: str, text: str, prev_end: int) -> bool:
    """A title-case word opening a line after a line in capitals begins a new block: a heading in
    capitals ("KẾ HOẠCH", "CHƯƠNG I") is no context for the sentence under it ("Don doc ..." after
    "KẾ HOẠCH" was read "Đơn độc", as if it went on "kế hoạch ...")."""
    if not (word[:1].isupper() and any(c.islower() for c in word[1:])):
        return False
    line = text[text.rfind("\n", 0, prev_end) + 1 : prev_end]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _keep_foreign(toks: list[Tok], ids: list[list[int]], forms: list[list[str] | None], owner: list[int]) -> None:
    """Leave a word alone among foreign words: both neighbours foreign ("log in to"), or glued
    to a foreign word by a hyphen ("Clean-up")."""
    word_pos = [j for j, k in enumerate(owner) if k >= 0 and toks[k].kind == WORD]
    foreign = {
        j
        for j in word_pos
        if forms[j] is None and ids[j][0] == UNK_ID and toks[owner[j]].text.isascii() and not toks[owner[j]].text.isupper()
    }
    if not foreign:
        return
    for n, j in enumerate(word_pos):
        if forms[j] is None:
            continue
        left = word_pos[n - 1] if n > 0 else None
        right = word_pos[n + 1] if n + 1 < len(word_pos) else None
        both = left in foreign and right in foreign and left is not None and right is not None and right - left == 2
        glued = any(
            nb in foreign and nb is not None and _hyphen_glued(toks, owner[min(j, nb)], owner[max(j, nb)])
            for nb in (left, right)
        )
        if both or glued:
            forms[j] = None
            ids[j] = [UNK_ID]


def _hyphen_glued(toks: list[Tok], a: int, b: int) -> bool:
    """True when tokens a < b are "word-word" with no space between them."""
    return b == a + 2 and toks[a + 1].text == "-" and toks[a].end == toks[a + 1].start and toks[a + 1].end == toks[b].start
