"""The body: wrapped lines joined into paragraphs, legal bases, and the section tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.document import Section
from pipeline.structure.layout import Ln
from pipeline.structure.patterns import (
    RE_ARTICLE,
    RE_BASIS,
    RE_CHAPTER,
    RE_DASH,
    RE_LETTER,
    RE_MUC,
    RE_MULTI,
    RE_NUM,
    RE_PLUS,
    RE_ROMAN,
)
from pipeline.types import BBox
from pipeline.vn.orthography import is_caps, nfc_single_spaced

_TERMINAL = (".", ";", ":", "!", "?", "…", "./.")


@dataclass
class Para:
    """A paragraph: its text, the page and box of its first line, and its marker if any."""

    text: str
    page_no: int
    bbox: BBox | None
    kind: str = "text"  # marker kind (see classify) or "text"
    label: str | None = None
    rest: str = ""
    lines: list[str] = field(default_factory=list)


def classify(text: str, legal: bool) -> tuple[str, str | None, str]:
    """(kind, label, rest) of a paragraph's first line; kind "text" when it has no marker."""
    if RE_BASIS.match(text):
        return "basis", None, text
    for kind, rx in (("chapter", RE_CHAPTER), ("section", RE_MUC), ("article", RE_ARTICLE)):
        m = rx.match(text)
        if m:
            return kind, m.group("label"), m.group("rest").strip()
    m = RE_ROMAN.match(text)
    if m and m.group("label"):
        return "part", m.group("label"), m.group("rest").strip()
    m = RE_MULTI.match(text)
    if m:
        return "subitem", m.group("label"), m.group("rest").strip()
    m = RE_NUM.match(text)
    if m:
        return ("clause" if legal else "item"), m.group("label"), m.group("rest").strip()
    m = RE_LETTER.match(text)
    if m:
        return "point", m.group("label"), m.group("rest").strip()
    m = RE_PLUS.match(text)
    if m:
        return "subbullet", "+", m.group("rest").strip()
    m = RE_DASH.match(text)
    if m:
        return "bullet", "-", m.group("rest").strip()
    return "text", None, text


_STRONG = {"chapter", "section", "article", "part", "basis"}


def _join(a: str, b: str) -> str:
    # "57-" + "KL/TW" is one symbol split by the line end; "tế -" + "xã" keeps its space.
    if re.search(r"\w-$", a) and re.match(r"^[A-ZĐ0-9]", b):
        return a + b
    return a + " " + b


# Words a wrapped heading line can end on: the heading goes on after them.
_OPEN_ENDS = {"và", "của", "với", "về", "các", "cho", "tại", "trong", "theo", "số", "để", "đến", "từ", "những",
              "thực", "hiện", "công", "tác", "nâng", "cao", "tăng", "cường"}


def _closed_heading(head: str, nxt: str) -> bool:
    """A one-line heading whose next line starts a sentence: capitalised, after a closing word."""
    last = head.split()[-1].lower() if head.split() else ""
    first = nxt.split()[0] if nxt.split() else ""
    return bool(first[:1].isupper()) and last not in _OPEN_ENDS and not last.endswith((",", "-"))


def paragraphs(lines: list[Ln], legal: bool) -> list[Para]:
    """Join wrapped lines into paragraphs using markers, punctuation, gaps, indents and short lines."""
    gaps = sum(ln.gap_before for ln in lines)
    blank_separated = not (lines and lines[0].geo) and gaps >= max(3, len(lines) // 12)
    paras: list[Para] = []
    prev: Ln | None = None
    last_num = 0
    for ln in lines:
        t = ln.text
        kind, label, _ = classify(t, legal)
        new = prev is None
        if not new and prev is not None:
            ends = prev.text.endswith(_TERMINAL)
            cur = paras[-1]
            heading = cur.kind not in ("text", "basis") and not cur.text.endswith(_TERMINAL) and len(cur.text.split()) <= 25
            upper = t[:1].isupper() or t[:1].isdigit() or t[:1] in "\"“("
            if kind in _STRONG:
                new = True
            elif kind != "text":
                # A wrapped line can start with "-" or "2." by chance: believe the marker when the
                # previous line closed a sentence, was short, or the number follows the last one.
                seq_ok = kind not in ("item", "clause") or label in ("1", str(last_num + 1))
                new = ends or prev.short or ln.gap_before or (seq_ok and kind in ("item", "clause", "subitem"))
            elif ln.geo:
                new = (ends and (ln.indent or ln.gap_before or upper and prev.short)) or (
                    heading and upper and (ln.gap_before or prev.short or ln.indent)
                )
            elif blank_separated:
                new = (ln.gap_before and upper and (ends or heading)) or (prev.short and upper and (ends or heading))
            else:
                new = (ends and upper) or (prev.short and upper and heading)
            if not new and kind == "text" and heading and len(cur.lines) == 1 and _closed_heading(prev.text, t):
                new = True  # "2. Hệ thống văn bản ..." filling a line, its text starting on the next
        if new:
            k, lab, rest = classify(t, legal)
            if k in ("item", "clause") and lab is not None:
                last_num = int(lab)
            paras.append(Para(t, ln.page_no, ln.bbox, k, lab, rest, [t]))
        else:
            p = paras[-1]
            p.text = _join(p.text, t)
            p.rest = _join(p.rest, t) if p.kind != "text" else p.text
            p.lines.append(t)
        prev = ln
    for p in paras:
        p.text, p.rest = nfc_single_spaced(p.text), nfc_single_spaced(p.rest)
    return paras


def _level(kind: str, label: str | None) -> float:
    if kind == "subitem" and label:
        return 3 + label.count(".")
    return {
        "chapter": 0, "section": 1, "part": 1, "article": 2, "item": 3, "clause": 3,
        "point": 6, "bullet": 7, "subbullet": 8,
    }[kind]


def _title_text(kind: str, rest: str) -> tuple[str | None, str]:
    """Split a marker paragraph into a heading title and running text."""
    if not rest:
        return None, ""
    if kind in ("bullet", "subbullet"):
        return None, rest
    if not rest.endswith(_TERMINAL) and len(rest.split()) <= 50:
        return rest, ""
    if rest.endswith(":") and len(rest.split()) <= 10:
        return rest[:-1].strip(), ""
    m = re.match(r"^([^:.;]{1,60}):\s+(\S.*)$", rest)
    if m and len(m.group(1).split()) <= 7:
        return m.group(1).strip(), m.group(2).strip()
    if kind in ("chapter", "section", "part") and is_caps(rest):
        return rest, ""
    return None, rest


@dataclass
class _Node:
    kind: str
    label: str | None
    title: str | None
    texts: list[str]
    page_no: int
    bbox: BBox | None
    level: float
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(
            kind=self.kind, label=self.label, title=self.title, text="\n".join(self.texts),
            page_no=self.page_no, bbox=self.bbox, children=tuple(c.freeze() for c in self.children),
        )


@dataclass(frozen=True)
class Body:
    bases: tuple[str, ...]
    preamble: str | None
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()


_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


def _fix_roman(paras: list[Para], warnings: list[str]) -> None:
    """OCR drops a stroke of "III." -> "II.": a repeated part number takes the next one."""
    prev: str | None = None
    for p in paras:
        if p.kind != "part" or p.label is None:
            continue
        if prev in _ROMANS and p.label == prev and _ROMANS.index(prev) + 1 < len(_ROMANS):
            fixed = _ROMANS[_ROMANS.index(prev) + 1]
            warnings.append(f"page {p.page_no}: part label {p.label}. read twice in a row, taken as {fixed}.")
            p.label = fixed
        prev = p.label


def parse_body(lines: list[Ln]) -> Body:
    """Bases, preamble paragraphs and the section tree of the body lines."""
    legal = any(RE_ARTICLE.match(ln.text) for ln in lines)
    paras = paragraphs(lines, legal)
    warnings: list[str] = []
    _fix_roman(paras, warnings)
    bases: list[str] = []
    preamble: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    pending_title: _Node | None = None
    for p in paras:
        # "Theo/Xét đề nghị ..." closes a list of "Căn cứ"; alone it opens a letter's body.
        if p.kind == "basis" and not roots and (p.text.startswith("Căn cứ") or bases):
            bases.append(p.text)
            continue
        if p.kind in ("text", "basis"):
            if pending_title is not None and is_caps(p.text):
                pending_title.title = p.text  # "Chương I" with its title on the next line
                pending_title = None
                continue
            pending_title = None
            if stack:
                stack[-1].texts.append(p.text)
            else:
                preamble.append(p.text)
            continue
        title, text = _title_text(p.kind, p.rest)
        node = _Node(p.kind, p.label, title, [text] if text else [], p.page_no, p.bbox, _level(p.kind, p.label))
        pending_title = node if p.kind in ("chapter", "section", "part") and not p.rest else None
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return Body(tuple(bases), "\n".join(preamble) or None, tuple(n.freeze() for n in roots), tuple(warnings))
