"""The fast restorer: syllable candidates from the inventory, decoded jointly by the n-gram LM.

The whole text is one decoding sequence: line breaks do not reset the LM context (sentences wrap
across lines in these documents); sentence punctuation and blank lines do.  Only words without
any diacritic whose stripped form is a known syllable can change; their restored form keeps the
length of the original (one NFC character per letter), so every span stays where it was.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.restore.decoder import viterbi
from pipeline.restore.inventory import SyllableInventory
from pipeline.restore.lm import BOS_ID, EOS_ID, NUM_ID, PUNCT_ID, UNK_ID, NgramLM
from pipeline.restore.tokenize import NUMBER, SYMBOL, WORD, Tok, is_sentence_end, tokenize
from pipeline.restore.vietnamese import detect_tone_style, follow_convention, has_diacritics, nfc
from pipeline.types import Token

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
LM_FILE = "restore_lm.npz"
INVENTORY_FILE = "restore_inventory.tsv"
MAX_CANDIDATES = 8  # per word, most frequent first
MIN_PRIOR = math.log(1e-5)  # forms rarer than this among their stripped form's readings are skipped


@dataclass(frozen=True)
class Plan:
    """A tokenized text ready for decoding: LM positions and which token each one restores."""

    toks: list[Tok]
    ids: list[np.ndarray]  # candidate LM ids per position
    forms: list[list[str] | None]  # candidate strings per position (None: fixed position)
    owner: list[int]  # token index of each position, -1 for sentence markers
    style: str


class FastRestorer:
    """Stripped-text restoration with the shipped n-gram LM and syllable inventory."""

    def __init__(self, models_dir: str | Path | None = None) -> None:
        root = Path(models_dir) if models_dir is not None else MODELS_DIR
        self.lm = NgramLM.load(root / LM_FILE)
        self.inventory = SyllableInventory.load(root / INVENTORY_FILE)
        self._cands: dict[str, tuple[np.ndarray, list[str]] | None] = {}
        self._fixed: dict[str, int] = {}

    def _candidates(self, stripped_lower: str) -> tuple[np.ndarray, list[str]] | None:
        hit = self._cands.get(stripped_lower, False)
        if hit is not False:
            return hit  # type: ignore[return-value]
        cands = [s for s, p in self.inventory.candidates(stripped_lower)[:MAX_CANDIDATES] if p >= MIN_PRIOR]
        ids = [self.lm.word_id(s) for s in cands]
        res = (np.array(ids, dtype=np.int64), cands) if cands and UNK_ID not in ids else None
        self._cands[stripped_lower] = res
        return res

    def _fixed_id(self, word: str) -> int:
        i = self._fixed.get(word)
        if i is None:
            i = self.lm.word_id(word.lower())
            self._fixed[word] = i
        return i

    def plan(self, text: str) -> Plan:
        """Tokenize and build the candidate positions of ``text``."""
        toks = tokenize(text)
        ids: list[np.ndarray] = []
        forms: list[list[str] | None] = []
        owner: list[int] = []
        accented: list[str] = []
        sent_break = np.array([EOS_ID], dtype=np.int64), np.array([BOS_ID], dtype=np.int64)
        prev_end = 0
        for k, tok in enumerate(toks):
            if "\n\n" in text[prev_end : tok.start].replace(" ", "").replace("\t", "").replace("\r", ""):
                ids.extend(sent_break)
                forms.extend([None, None])
                owner.extend([-1, -1])
            prev_end = tok.end
            if tok.kind == WORD:
                if has_diacritics(tok.text):
                    accented.append(tok.text)
                    ids.append(np.array([self._fixed_id(tok.text)], dtype=np.int64))
                    forms.append(None)
                else:
                    c = self._candidates(tok.text.lower())
                    if c is None:
                        ids.append(np.array([UNK_ID], dtype=np.int64))
                        forms.append(None)
                    else:
                        ids.append(c[0])
                        forms.append(c[1])
                owner.append(k)
            elif tok.kind == NUMBER:
                ids.append(np.array([NUM_ID], dtype=np.int64))
                forms.append(None)
                owner.append(k)
            elif tok.kind == SYMBOL:
                ids.append(np.array([UNK_ID], dtype=np.int64))
                forms.append(None)
                owner.append(k)
            elif is_sentence_end(tok):
                ids.extend(sent_break)
                forms.extend([None, None])
                owner.extend([-1, -1])
            else:
                ids.append(np.array([PUNCT_ID], dtype=np.int64))
                forms.append(None)
                owner.append(k)
        _keep_foreign(toks, ids, forms, owner)
        return Plan(toks, ids, forms, owner, detect_tone_style(accented))

    def restore(
        self, text: str, *, emissions: list[np.ndarray] | None = None, lm_weight: float = 1.0
    ) -> tuple[str, list[Token]]:
        """Restore ``text``; ``emissions`` optionally adds per-candidate scores (neural rescoring)."""
        text = nfc(text)
        plan = self.plan(text)
        emis = emissions if emissions is not None else [np.zeros(len(c)) for c in plan.ids]
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


def _keep_foreign(toks: list[Tok], ids: list[np.ndarray], forms: list[list[str] | None], owner: list[int]) -> None:
    """Leave a word alone when both word neighbours are foreign (ASCII, not syllables): "log in to"."""
    word_pos = [j for j, k in enumerate(owner) if k >= 0 and toks[k].kind == WORD]
    foreign = {j for j in word_pos if forms[j] is None and ids[j][0] == UNK_ID and toks[owner[j]].text.isascii() and not toks[owner[j]].text.isupper()}
    if not foreign:
        return
    for n, j in enumerate(word_pos):
        if forms[j] is None:
            continue
        left = word_pos[n - 1] if n > 0 else None
        right = word_pos[n + 1] if n + 1 < len(word_pos) else None
        if left in foreign and right in foreign and right is not None and left is not None and right - left == 2:
            forms[j] = None
            ids[j] = np.array([UNK_ID], dtype=np.int64)
