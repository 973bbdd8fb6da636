"""Vocabulary and encoding for the neural (accurate) diacritic model.

The model reads diacritic-free, lower-cased tokens (plus a case class per token) and, for each
token that is a Vietnamese syllable, picks one of the written syllables that strip to it.  Both
sides are plain lists shipped inside the model file, so inference needs no corpus:

* ``inputs``: stripped lower-case forms (every stripped syllable + frequent other words +
  punctuation); index 0 = padding, 1 = unknown, 2 = line break, 3 = number.
* ``outputs``: written syllables (lower case, old tone placement = ``MODEL_STYLE``).
* ``cands[i]``: the output ids a syllable with input id ``i`` may become (most frequent first);
  words that are not syllables have none and are copied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from pipeline.vn.orthography import model_form, strip_diacritics, syllable_tone

PAD, UNK, NEWLINE, NUMBER = 0, 1, 2, 3
SPECIALS = ["<pad>", "<unk>", "<nl>", "<num>"]

# Letters-only runs, digit runs, or one other visible character: "47/NQ-CP" -> 47 / NQ - CP.
TOKEN_RE = regex.compile(r"\p{L}+|\d+|[^\s\p{L}\d]")
WORD_RE = regex.compile(r"\p{L}+")

# Case classes (fed as BERT token types): the model learns that Title Case marks names.
CASE_LOWER, CASE_TITLE, CASE_UPPER, CASE_OTHER = 0, 1, 2, 3

# Target codes for tokens that are not scored by the softmax (see ``encode``).
T_NONWORD, T_OOV_DIAC, T_OOV_PLAIN = -1, -2, -3


def case_of(token: str) -> int:
    """Case class id of a token (lower, Title, UPPER; anything without letters is other)."""
    if not token[:1].isalpha():
        return CASE_OTHER
    if token.islower():
        return CASE_LOWER
    if token.isupper():
        return CASE_UPPER if len(token) > 1 else CASE_TITLE
    return CASE_TITLE if token[0].isupper() else CASE_LOWER


def tokenize(text: str) -> list[str]:
    """Split a line into model tokens (words, digit runs, single symbols)."""
    return TOKEN_RE.findall(text)


@dataclass
class Vocab:
    """Input forms, output syllables and the candidate table linking them."""

    inputs: list[str]
    outputs: list[str]
    cands: list[list[int]]
    in_index: dict[str, int] = field(default_factory=dict, repr=False)
    out_index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.in_index = {w: i for i, w in enumerate(self.inputs)}
        self.out_index = {w: i for i, w in enumerate(self.outputs)}

    def label_table(self) -> tuple[list[str], list[list[int]]]:
        """Mark-pattern labels and, per input, the label of each candidate (see ``mark_pattern``)."""
        labels: dict[str, int] = {}
        table: list[list[int]] = []
        for stripped, cl in zip(self.inputs, self.cands, strict=True):
            row: list[int] = []
            for o in cl:
                pat = mark_pattern(stripped, self.outputs[o])
                while labels.get(pat, -1) in row:  # junk double-toned forms ("tỉền") share one
                    pat += "#"
                row.append(labels.setdefault(pat, len(labels)))
            table.append(row)
        return list(labels), table

    @property
    def max_cands(self) -> int:
        """Length of the longest candidate list."""
        return max((len(c) for c in self.cands), default=1)

    def input_id(self, token: str) -> int:
        """Input id of a raw token (any case, accented or not)."""
        if token.isdigit():
            return NUMBER
        return self.in_index.get(strip_diacritics(token.lower()), UNK)

    def to_dict(self) -> dict[str, list]:
        """Plain lists, for saving inside the model file."""
        return {"inputs": self.inputs, "outputs": self.outputs, "cands": self.cands}

    @classmethod
    def from_dict(cls, d: dict[str, list]) -> Vocab:
        """Inverse of ``to_dict``."""
        return cls(list(d["inputs"]), list(d["outputs"]), [list(c) for c in d["cands"]])


def mark_pattern(stripped: str, written: str) -> str:
    """The marks that turn ``stripped`` into ``written``: "tone|index:char,..." ("ban"->"bấn": "1@1|1:â").

    Candidates of one stripped form always differ in this pattern, and patterns are shared
    across syllables, so the network scores a few hundred patterns instead of 8k syllables.
    """
    toneless, tone, pos = syllable_tone(written)
    marks = ",".join(f"{i}:{c}" for i, (a, c) in enumerate(zip(stripped, toneless, strict=True)) if a != c)
    return f"{tone}@{pos}|{marks}"


def build_vocab(
    syllable_counts: dict[str, int],
    other_words: Iterable[str],
    symbols: Iterable[str],
    max_cands: int = 48,
) -> Vocab:
    """Build the vocab from written-syllable counts (any style/case) plus extra input forms."""
    merged: dict[str, int] = {}
    for syl, n in syllable_counts.items():
        form = model_form(syl)
        if WORD_RE.fullmatch(form):
            merged[form] = merged.get(form, 0) + n
    groups: dict[str, list[str]] = {}
    for form in sorted(merged, key=lambda f: (-merged[f], f)):
        groups.setdefault(strip_diacritics(form), []).append(form)
    outputs = sorted(merged, key=lambda f: (-merged[f], f))
    out_index = {w: i for i, w in enumerate(outputs)}
    inputs = list(SPECIALS)
    cands: list[list[int]] = [[] for _ in SPECIALS]
    for stripped in sorted(groups, key=lambda s: -sum(merged[f] for f in groups[s])):
        inputs.append(stripped)
        cands.append([out_index[f] for f in groups[stripped][:max_cands]])
    seen = set(inputs)
    for word in list(other_words) + list(symbols):
        if word not in seen:
            seen.add(word)
            inputs.append(word)
            cands.append([])
    return Vocab(inputs, outputs, cands)


def encode(
    vocab: Vocab, tokens: list[str], cache: dict[str, tuple[int, int, int]] | None = None
) -> tuple[list[int], list[int], list[int]]:
    """Encode accented tokens for training: (input ids, case classes, targets).

    A target is the index of the token's written form in its candidate list, or one of
    ``T_NONWORD`` (not a word), ``T_OOV_DIAC`` (a word the model cannot produce that carries
    marks: always an error) and ``T_OOV_PLAIN`` (a word copied unchanged: always right).
    """
    memo = cache if cache is not None else {}
    ids, cases, tgts = [], [], []
    for tok in tokens:
        hit = memo.get(tok)
        if hit is None:
            hit = memo[tok] = _encode_one(vocab, tok)
        ids.append(hit[0])
        cases.append(hit[1])
        tgts.append(hit[2])
    return ids, cases, tgts


def _encode_one(vocab: Vocab, tok: str) -> tuple[int, int, int]:
    if tok == "\n":
        return NEWLINE, CASE_OTHER, T_NONWORD
    iid = vocab.input_id(tok)
    case = case_of(tok)
    if not tok[:1].isalpha():
        return iid, case, T_NONWORD
    low = tok.lower()
    out = vocab.out_index.get(model_form(low))
    cl = vocab.cands[iid]
    if out is not None and out in cl:
        return iid, case, cl.index(out)
    return iid, case, (T_OOV_DIAC if strip_diacritics(low) != low else T_OOV_PLAIN)
