"""Tesseract: dependency checks, word data, OSD, batched cell reads.

Word data is read in this process through Tesseract's library (``capi``: no process, temp file
or model load per call) where it loads; otherwise, and with a custom ``tesseract_cmd``, through
pytesseract and the executable, images going to it as uncompressed PGM files (PNG compression of
a 300 dpi page costs more than it saves).  OSD always runs the executable (rare: sideways pages).  Tesseract runs with one OpenMP thread: on few cores its threads make it about
3x slower, so the runner parallelizes by page across processes instead (as OCRmyPDF does).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np
import pytesseract

from pipeline.errors import MissingDependencyError, OcrError, OcrTimeoutError
from pipeline.ocr import boxes, capi
from pipeline.ocr.numerals import heading_numeral
from pipeline.ocr.punct import (
    commas_before_lower_case,
    may_have_lost_tail,
    one_tone_per_vowel,
    with_tail,
)
from pipeline.types import Line, Word
from pipeline.vn.codes import tables as code_tables
from pipeline.vn.symbols import ONE_MISREAD_RE, PARTY_DOT_RE, STATE_DOT_RE, SYMBOL_START_RE

# Skipping the inverted-text retry saves ~10% per page; white-on-black text is rare in our documents.
BASE_CONFIG = "-c tessedit_do_invert=0"
# Read words in this process (set by check_available: the library loads and no custom executable).
_in_process = False
INSTALL_HINT = (
    "Install Tesseract 5 with the Vietnamese pack: `sudo apt-get install tesseract-ocr "
    "tesseract-ocr-vie tesseract-ocr-osd` (or set TESSDATA_PREFIX to a folder holding vie.traineddata)."
)


def single_thread_env() -> None:
    """Make every Tesseract subprocess of this process use one OpenMP thread."""
    # pytesseract passes os.environ to Popen, so this reaches each tesseract child.
    os.environ["OMP_THREAD_LIMIT"] = "1"


def check_available(lang: str, cmd: str | None = None) -> set[str]:
    """Raise MissingDependencyError unless Tesseract and every pack in ``lang`` exist; return the packs.

    Also chooses how words are read: in this process through the library when it reads ``lang``
    and no other executable was asked for (``cmd``), else through the executable."""
    global _in_process
    if cmd is not None:
        pytesseract.pytesseract.tesseract_cmd = cmd
    exe = pytesseract.pytesseract.tesseract_cmd
    if shutil.which(exe) is None:
        raise MissingDependencyError(f"the Tesseract executable {exe!r} was not found on PATH", hint=INSTALL_HINT)
    try:
        langs = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # noqa: BLE001 - any failure here means Tesseract is unusable
        raise MissingDependencyError(f"Tesseract {exe!r} could not list its languages: {exc}", hint=INSTALL_HINT) from exc
    missing = [code for code in lang.split("+") if code not in langs]
    if missing:
        have = ", ".join(sorted(langs)) or "none"
        raise MissingDependencyError(
            f"Tesseract language pack(s) {', '.join(missing)} not installed (installed: {have})",
            hint=INSTALL_HINT,
        )
    _in_process = cmd is None and exe == "tesseract" and capi.available(lang)
    return langs


class Deadline:
    """The time left for one page; every Tesseract call gets what remains."""

    def __init__(self, seconds: float, page_no: int | None = None, path: str | None = None) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.page_no = page_no
        self.path = path

    def left(self) -> float:
        """Seconds left; raises OcrTimeoutError when none are."""
        rest = self.end - time.monotonic()
        if rest <= 0:
            raise self.error()
        return rest

    def error(self) -> OcrTimeoutError:
        return OcrTimeoutError(
            f"OCR took longer than {self.seconds:g} s", path=self.path, page_no=self.page_no
        )


@dataclass(frozen=True)
class TsvWord:
    """One word row of Tesseract's TSV output."""

    image: int  # 1-based index of the image in a batched call
    block: int
    par: int
    line: int
    text: str
    bbox: tuple[int, int, int, int]
    conf: float
    ink: tuple[int, int, int, int] | None = None  # the box tightened to the word's ink (boxes.tighten)


def _run(target: str, lang: str, config: str, deadline: Deadline, kind: str) -> Any:
    timeout = deadline.left()
    try:
        if kind == "osd":
            return pytesseract.image_to_osd(target, config=config, timeout=timeout, output_type=pytesseract.Output.DICT)
        return pytesseract.image_to_data(target, lang=lang, config=config, timeout=timeout, output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise deadline.error() from exc
        raise OcrError(f"Tesseract failed: {exc}", path=deadline.path, page_no=deadline.page_no) from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(f"Tesseract failed: {exc.message.strip()}", path=deadline.path, page_no=deadline.page_no) from exc


# What a token without a letter or a digit may be: punctuation that these documents print on its
# own ("-" between years, "+" bullets, "..." leaders).  Anything else without a letter or digit
# ("=_", "--„", "._", "~") is a rule, an underline or a speck read as text.
BARE_PUNCT = frozenset("-–—+*•…:;,.()/%\"“”'!?&§")
# Never printed at a word's edge in these documents; Tesseract glues them on from rules and specks.
EDGE_JUNK = "_=~„|"
# The Icelandic eth (Ð U+00D0, ð U+00F0) looks like Vietnamese đ (Đ U+0110, đ U+0111) and some
# Tesseract models emit it ("120-ÐA/TU"); no Vietnamese word has it, and NFC does not fold it.
_ETH_TO_D = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def clean_token(text: str) -> str:
    """The token without junk glued to its edges, or "" when it is junk altogether."""
    text = text.translate(_ETH_TO_D)
    # A spacing tone mark read alone ("ˆ", "ˇ") is a letter to Python (category Lm) but no word.
    if any(c.isalnum() and unicodedata.category(c) != "Lm" for c in text):
        if text[:1] in "|!]" and text[1:2].isdigit():
            return text  # a "1" read as a bar: repair_symbol sees to it in a symbol
        text = text.strip(EDGE_JUNK)
        # ". _" before a word is a speck and a rule end read into it ("._H."), never punctuation.
        return text.lstrip("." + EDGE_JUNK) if text[:1] == "." and text[:3] != "..." else text
    if len(text) <= 3 and all(c in BARE_PUNCT for c in text):
        return text
    if set(text) == {"."}:
        return text
    return ""


# A document symbol (NĐ 30/2020, HD 36-HD/VPTW): NUMBER[/YEAR]/TYPE-ISSUER or NUMBER-TYPE/ISSUER.


# The type code of a symbol: after NUMBER[/YEAR]/ (state) or after NUMBER- (Party), or after a
# bare "/" where the number before it was hand-written or left blank ("…/QĐ-UBND").
_TYPE_CODE_RE = re.compile(r"^(\d+(?:/\d{4})?/|\d+-|[.…]*/)([A-ZĐ]{2,8})(?=[-/])")


def _type_code(body: str) -> str:
    """"168/NO-CP" -> "168/NQ-CP", "/QĐĐ-UBND" -> "/QĐ-UBND": a type code with Q read as O, or
    with its Đ read twice (Tesseract's vie model reads one Đ of some fonts as "ĐÐ"), repaired only
    when the code read is none of the type codes (``pipeline.vn.codes``) and the repaired one is
    (as the citations stage does; no type code has an O or two Đ in a row)."""
    m = _TYPE_CODE_RE.match(body)
    if not m or ("O" not in m.group(2) and "ĐĐ" not in m.group(2)):
        return body
    codes = code_tables().all_type_codes
    fixed = re.sub("Đ{2,}", "Đ", m.group(2).replace("O", "Q"))
    if m.group(2) in codes or fixed not in codes:
        return body
    return m.group(1) + fixed + body[m.end():]


def repair_symbol(token: str) -> str:
    """A document symbol misread in ways its grammar rules out, repaired: a hyphen read as a period
    ("268.KL/TW", "47/NQ.CP"), a leading "1" read as "|", "!", "]", "I" or "l" ("|62-NQ/TW") and
    a Q read as O in the type code ("168/NO-CP").  Any other token is returned unchanged; no digit
    is ever made up."""
    if "/" not in token:
        return token
    lead = token[:1] if token[:1] in "|!]Il" and token[1:2].isdigit() else ""
    body = token[len(lead):]
    for pattern in (PARTY_DOT_RE, STATE_DOT_RE):
        m = pattern.match(body)
        if m and not m.group(2).isdigit():
            body = f"{m.group(1)}-{m.group(2)}{m.group(3)}"
            break
    body = _type_code(body)
    if lead and ONE_MISREAD_RE.match("|" + body):
        return "1" + body
    return lead + body


def _words(data: dict[str, list[Any]]) -> list[TsvWord]:
    out: list[TsvWord] = []
    for i, text in enumerate(data["text"]):
        text = repair_symbol(clean_token(unicodedata.normalize("NFC", str(text)).strip()))
        if int(data["level"][i]) != 5 or not text:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        conf = max(0.0, min(1.0, float(data["conf"][i]) / 100.0))
        out.append(
            TsvWord(int(data["page_num"][i]), int(data["block_num"][i]), int(data["par_num"][i]),
                    int(data["line_num"][i]), text, (x, y, x + w, y + h), conf)
        )
    return out


def _tightened(words: list[TsvWord], images: Sequence[np.ndarray]) -> list[TsvWord]:
    """Each word with its box tightened to its ink on the image it was read from (``image`` is
    1-based); Tesseract's box is kept in ``bbox`` (the line's box and the text stay as read)."""
    masks: dict[int, np.ndarray] = {}
    heights = boxes.line_heights([w.bbox for w in words], [(w.image, w.block, w.par, w.line) for w in words])
    out = []
    for k, (w, line_h) in enumerate(zip(words, heights, strict=True)):
        if not 1 <= w.image <= len(images):
            out.append(w)
            continue
        if w.image not in masks:
            masks[w.image] = boxes.ink_mask(images[w.image - 1])
        text = w.text
        # A mid-line period or colon with a comma's tail under it (punct.py, boxes.mark_has_tail);
        # only mid-line, where it was measured: a line's last mark is often a real period or colon.
        if may_have_lost_tail(text) and _same_line(w, words[k + 1] if k + 1 < len(words) else None) \
                and boxes.mark_has_tail(w.bbox, masks[w.image], line_h):
            text = with_tail(text)
        out.append(replace(w, text=text, ink=boxes.tighten(w.bbox, masks[w.image], line_h)))
    return out


def _same_line(w: TsvWord, nxt: TsvWord | None) -> bool:
    return nxt is not None and (nxt.image, nxt.block, nxt.par, nxt.line) == (w.image, w.block, w.par, w.line)


def _read_in_process(images: Sequence[np.ndarray], lang: str, psm: int, deadline: Deadline) -> dict[str, list[Any]]:
    deadline.left()
    data, timed_out = capi.read_tsv(list(images), lang, psm, deadline.end)
    if timed_out:
        raise deadline.error()
    return data


def read_words(image: np.ndarray, lang: str, psm: int, deadline: Deadline) -> list[TsvWord]:
    """OCR one image and return its words in Tesseract's reading order."""
    if _in_process:
        return _tightened(_words(_read_in_process([image], lang, psm, deadline)), [image])
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        cv2.imwrite(path, image)
        data = _run(path, lang, f"--psm {psm} {BASE_CONFIG}", deadline, "data")
    return _tightened(_words(data), [image])


def read_batch(images: Sequence[np.ndarray], lang: str, psm: int, deadline: Deadline) -> list[list[TsvWord]]:
    """OCR several small images (table cells) in one Tesseract process; words per image."""
    if not images:
        return []
    if _in_process:
        return _by_image(_tightened(_words(_read_in_process(images, lang, psm, deadline)), images), len(images))
    with tempfile.TemporaryDirectory(prefix="vanban-cells-") as tmp:
        names = []
        for i, img in enumerate(images):
            name = os.path.join(tmp, f"cell{i:04d}.pgm")
            cv2.imwrite(name, img)
            names.append(name)
        listing = os.path.join(tmp, "cells.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(names) + "\n")
        # One process for all cells: Tesseract reads a list file as a multi-page input, and the
        # TSV's page_num says which cell each word came from.  Loading vie costs ~0.4 s a process.
        data = _run(listing, lang, f"--psm {psm} {BASE_CONFIG}", deadline, "data")
    return _by_image(_tightened(_words(data), images), len(images))


def _by_image(words: list[TsvWord], n: int) -> list[list[TsvWord]]:
    out: list[list[TsvWord]] = [[] for _ in range(n)]
    for w in words:
        if 1 <= w.image <= n:
            out[w.image - 1].append(w)
    return out


def read_osd(image: np.ndarray, deadline: Deadline) -> tuple[int, float] | None:
    """Tesseract OSD: (degrees to turn the page clockwise, confidence), or None when it cannot tell."""
    with tempfile.TemporaryDirectory(prefix="vanban-osd-") as tmp:
        path = os.path.join(tmp, "osd.pgm")
        cv2.imwrite(path, image)
        try:
            osd = _run(path, "osd", "", deadline, "osd")  # image_to_osd adds --psm 0
        except OcrTimeoutError:
            raise
        except OcrError:
            return None  # "Too few characters" on sparse pages: the caller falls back
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))


_NUMBER_WORDS = frozenset({"số", "Số", "số:", "Số:", "SỐ", "SỐ:"})


_DATE_WORDS = frozenset({"ngày", "tháng", "năm", "Ngày"})
_DATE_NUMBER = re.compile(r"^[0-9IlO|o]{1,4}[,.]?$")
_TO_DIGIT = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0"})


def _date_numbers(words: list[Word]) -> list[Word]:
    """"ngày 03 tháng 0I năm 2O25" -> "... tháng 01 năm 2025": the date line's shape (NĐ 30/2020)
    puts a number after "ngày", "tháng" and "năm"; a 1 or 0 read as a letter there is repaired
    (only in a token that has a digit: "tháng I" stays as it is)."""
    out = list(words)
    i = 1
    while i < len(out):
        w, prev = out[i], out[i - 1]
        key = prev.text.rstrip(":")
        if key in _DATE_WORDS and _DATE_NUMBER.match(w.text) and any(c.isdigit() for c in w.text):
            if prev.text != key:  # "ngày: 03": a speck read as a colon
                out[i - 1] = Word(key, prev.bbox, prev.confidence)
            if not w.text.rstrip(",.").isdigit():
                w = out[i] = Word(w.text.translate(_TO_DIGIT), w.bbox, w.confidence)
            nxt = out[i + 1] if i + 1 < len(out) else None
            # "năm 202 3": a year is four digits; a gap read inside it is joined.
            if (key == "năm" and nxt is not None and w.text.isdigit() and nxt.text.rstrip(",.").isdigit()
                    and len(w.text) + len(nxt.text.rstrip(",.")) == 4 and (w.text + nxt.text)[:2] in ("19", "20")):
                box = (w.bbox[0], min(w.bbox[1], nxt.bbox[1]), nxt.bbox[2], max(w.bbox[3], nxt.bbox[3]))
                out[i : i + 2] = [Word(w.text + nxt.text, box, min(w.confidence, nxt.confidence))]
        i += 1
    return out


def _join_split_one(words: list[Word]) -> list[Word]:
    """"số I 19/KH-UBND" -> "số 119/KH-UBND": after "số", a lone "1"-like glyph ("I", "l", "|", "J",
    "!", "]") right before a symbol is the symbol's first digit, split off by OCR."""
    if len(words) < 3:
        return words
    out: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        if (
            out and out[-1].text in _NUMBER_WORDS and w.text in ("I", "l", "|", "J", "!", "]")
            and i + 1 < len(words) and SYMBOL_START_RE.match(words[i + 1].text)
        ):
            nxt = words[i + 1]
            box = (min(w.bbox[0], nxt.bbox[0]), min(w.bbox[1], nxt.bbox[1]),
                   max(w.bbox[2], nxt.bbox[2]), max(w.bbox[3], nxt.bbox[3]))
            out.append(Word("1" + nxt.text, box, min(w.confidence, nxt.confidence)))
            i += 2
            continue
        out.append(w)
        i += 1
    return out


def words_to_lines(
    words: Sequence[TsvWord], scale: float = 1.0, offset: tuple[int, int] = (0, 0), block_base: int = 0
) -> list[Line]:
    """Group words by (block, paragraph, line); boxes divided by ``scale`` then shifted by ``offset``;
    ``block_base`` is added to the block numbers (parts of one page read as separate images)."""
    def place(b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        return (int(round(b[0] / scale)) + offset[0], int(round(b[1] / scale)) + offset[1],
                int(round(b[2] / scale)) + offset[0], int(round(b[3] / scale)) + offset[1])

    groups: dict[tuple[int, int, int, int], list[Word]] = {}
    read: dict[tuple[int, int, int, int], list[tuple[int, int, int, int]]] = {}
    # Marks the writing system allows one reading of (pipeline/ocr/punct.py): a vowel doubled with
    # two tone marks, a comma read as a period before a lower-case word of the same paragraph.
    texts = commas_before_lower_case([one_tone_per_vowel(w.text) for w in words],
                                     [(w.image, w.block, w.par) for w in words])
    for w, text in zip(words, texts, strict=True):
        key = (w.image, w.block, w.par, w.line)
        groups.setdefault(key, []).append(Word(text, place(w.ink or w.bbox), w.conf))
        read.setdefault(key, []).append(place(w.bbox))
    lines = []
    for key, ws in groups.items():
        block = key[1]
        ws = heading_numeral(_date_numbers(_join_split_one(ws)))
        # The line keeps Tesseract's box (the union of its words' boxes as read): the stages after
        # the OCR place lines by it; only the words' boxes are tightened.
        got = read[key]
        box = (min(b[0] for b in got), min(b[1] for b in got), max(b[2] for b in got), max(b[3] for b in got))
        conf = float(np.mean([w.confidence for w in ws]))
        lines.append(Line(" ".join(w.text for w in ws), box, tuple(ws), conf, block + block_base))
    return lines
