"""The code tables of document symbols (``data/codes.json``, hand data) and the patterns built
from them: type codes (state, legal, Party), issuer codes and names, type words.

This is the one authoritative home of what the codes *are*, written by hand from the decrees
(NĐ 30/2020/NĐ-CP Phụ lục III, Luật Ban hành VBQPPL, QĐ 66-QĐ/TW, HD 36-HD/VPTW); every stage that
needs a code reads it here.  Its D -> Đ repairs (``Tables.d_repairs``: "ND" -> "NĐ") are derived
from these codes, so they only ever name real codes.

``models/channel-symbols.json`` is something else and stays where it is: a trained model artefact
(``scripts/train/channel.py --kind symbols``, ``pipeline.restore.ocrfix.symbols.learn_codes``) that counts,
in the train split of the corpus, which code parts and acronyms are written with Đ far more often
than with D (168 of them, local issuers such as "SKHĐT" and "BCĐ" included, which no decree lists).
Restoration uses it to put back a Đ that the English OCR model read as D, anywhere in a line; the
citation engine uses the 22 hand-derived repairs inside a symbol it has already parsed.  The two
are deliberately not merged: the learned table is measured (benchmarks and golden files depend on
it exactly as trained) and is retrained from the corpus, the hand table is reviewed against the
decrees; merging either way would change behaviour that is measured today.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from pipeline.vn.doctypes import MOTTO


def _load() -> dict[str, Any]:
    raw = resources.files("pipeline.vn").joinpath("data/codes.json").read_text("utf-8")
    return json.loads(unicodedata.normalize("NFC", raw))


def _words_pattern(phrase: str) -> str:
    """A phrase whose words may be separated by any whitespace (lines wrap inside names)."""
    return r"\s+".join(regex.escape(w) for w in phrase.split())


@dataclass(frozen=True)
class Tables:
    """The code tables as sets and maps, plus the compiled patterns built from them."""

    state_type_codes: dict[str, str]
    legal_type_codes: dict[str, str]
    party_type_codes: dict[str, str]
    party_only_type_codes: frozenset[str]
    legacy_codes: frozenset[str]
    party_issuer_codes: frozenset[str]
    national_issuer_codes: frozenset[str]
    known_issuer_codes: frozenset[str]
    state_issuer_codes: frozenset[str]
    type_words: dict[str, tuple[str, ...]]  # canonical word -> allowed codes / @markers
    issuer_names: tuple[tuple[str, tuple[str, ...]], ...]
    mixed_case: frozenset[str]
    motto: str
    d_repairs: dict[str, str]  # "ND" -> "NĐ": Đ lost by OCR, only for codes in the tables
    type_word_re: Any
    issuer_name_re: Any

    @property
    def all_type_codes(self) -> frozenset[str]:
        return frozenset(self.state_type_codes) | set(self.legal_type_codes) | set(
            self.party_type_codes
        ) | self.legacy_codes

    def canonical_type_word(self, found: str) -> str | None:
        key = " ".join(found.split()).lower()
        for word in self.type_words:
            if word.lower() == key:
                return word
        return None

    def issuer_codes_for(self, name: str) -> tuple[str, ...]:
        key = " ".join(name.split()).lower()
        for phrase, codes in self.issuer_names:
            if key.startswith(phrase.lower()):
                return codes
        return ()


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The shipped tables, loaded once per process."""
    d = _load()
    state = dict(d["state_type_codes"])
    legal = dict(d["legal_type_codes"])
    party = dict(d["party_type_codes"])
    legacy = frozenset(d["legacy_state_type_codes"])
    known_issuers = frozenset(d["known_issuer_codes"]) | set(d["national_issuer_codes"]) | set(
        d["party_issuer_codes"]
    )
    all_codes = set(state) | set(legal) | set(party) | legacy | known_issuers
    repairs: dict[str, str] = {}
    for code in all_codes:
        if "Đ" in code:
            plain = code.replace("Đ", "D")
            if plain not in all_codes:
                repairs[plain] = code
    type_words = {k: tuple(v) for k, v in d["type_words"].items()}
    # Longest first so "Nghị quyết liên tịch" wins over "Nghị quyết".
    words = sorted(type_words, key=len, reverse=True)
    type_word_re = regex.compile(
        r"(?<![\p{L}])(?:" + "|".join(_words_pattern(w) for w in words) + r")(?![\p{L}])",
        regex.IGNORECASE | regex.V1,
    )
    names = tuple((n, tuple(c)) for n, c in d["issuer_names"])
    ordered = sorted(names, key=lambda nc: len(nc[0]), reverse=True)
    issuer_name_re = regex.compile(
        r"(?:" + "|".join(_words_pattern(n) for n, _ in ordered) + r")(?![\p{L}])",
        regex.V1,
    )
    return Tables(
        state_type_codes=state,
        legal_type_codes=legal,
        party_type_codes=party,
        party_only_type_codes=frozenset(d["party_only_type_codes"]),
        legacy_codes=legacy,
        party_issuer_codes=frozenset(d["party_issuer_codes"]),
        national_issuer_codes=frozenset(d["national_issuer_codes"]),
        known_issuer_codes=known_issuers,
        state_issuer_codes=frozenset(d["state_issuer_codes"]),
        type_words=type_words,
        issuer_names=names,
        mixed_case=frozenset(d["mixed_case_codes"]),
        motto=MOTTO,
        d_repairs=repairs,
        type_word_re=type_word_re,
        issuer_name_re=issuer_name_re,
    )
