"""The unit names of a text table read by legacy OCR (issue 13): the heads that open a unit's
name, a name's pieces and letters, the names a cell cannot end on (an open name), and the
register of how the table (or the official list) spells each name."""

from __future__ import annotations

import re

from pipeline.vn.orthography import strip_marks
from pipeline.vn.units import STANDARD_UNITS

# Head words that open the name of a unit (organisations a plan assigns tasks to).
_UNIT_HEADS = (
    "Sở", "Ban", "Bộ", "UBND", "Ủy ban", "Uỷ ban", "Văn phòng", "Công an", "Đài", "Trung tâm", "Hội",
    "Liên đoàn", "Đoàn", "Mặt trận", "Cục", "Chi cục", "Tổng cục", "Viện", "Trường", "Bệnh viện",
    "Báo", "Tỉnh đoàn", "Các sở", "Các cơ quan", "Cơ quan", "Kho bạc", "Ngân hàng", "Thanh tra",
    "Bộ Chỉ huy", "Hội đồng", "HĐND", "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Đảng ủy", "Công ty",
    "Phòng", "Các đơn vị", "Các địa phương", "Các huyện", "Cảnh sát", "Quân sự", "Hải quan",
    "Cục Thuế", "Ủy ban MTTQ", "UBMTTQ", "Các Sở", "Các ban", "Các tổ chức", "Doanh nghiệp",
)


_RE_UNIT_EXACT = re.compile(r"^(?:" + "|".join(re.escape(h) for h in sorted(_UNIT_HEADS, key=len, reverse=True)) + r")\b")


# The same heads by their letters, for a head that restoration gave a wrong mark ("Sổ Kế hoạch"):
# a one-syllable head then needs a capitalised name after it ("Số hóa" is no unit).
_UNIT_SKELETONS = {" ".join(strip_marks(h).lower().split()) for h in _UNIT_HEADS}


def _unit_start(text: str) -> bool:
    """Whether ``text`` opens with the name of a unit."""
    # a speck of the scan read between the head and the name's next word glues them ("Sở-Thông tin")
    text = re.sub(r"^([^\W\d_]+)[-–~_.'’](?=[^\W\d_])", r"\1 ", text) if text[:1].isupper() else text
    m = _RE_UNIT_EXACT.match(text)
    if m:
        # a one-word head that is also a common word ("Báo cáo", "Hội nghị", "Phòng, chống",
        # "Ban hành") opens a name only with a capitalised word after it ("Báo Nghệ An")
        head, rest = m.group(), text[m.end() :].split()
        return " " in head or head.isupper() or not rest or rest[0][:1].isupper()
    words = text.split()
    for n in (2, 1):
        if len(words) <= n or not words[0][:1].isupper():
            continue
        if " ".join(strip_marks(w).lower() for w in words[:n]) in _UNIT_SKELETONS and (n == 2 or words[n][:1].isupper()):
            return True
    return False




def _name_key(text: str) -> str:
    """A name by its letters: no marks, no case, no punctuation (a stray "}" or "." read inside)."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", strip_marks(text).lower()).split())


def _name_pieces(text: str) -> list[str]:
    """The unit names a cell lists: split at its commas, a lower-case piece going on with the name
    before it ("UBND các huyện, thị xã, thành phố", "Các sở, ban, ngành" are one name each)."""
    out: list[str] = []
    for piece in text.split(", "):
        if out and piece[:1].islower() and not _unit_start(piece):
            out[-1] += ", " + piece
        else:
            out.append(piece)
    return out


def _last_name(text: str) -> str:
    return _name_pieces(text)[-1].strip() if text else ""



def _standard_names() -> frozenset[str]:
    out: set[str] = set()
    for name in STANDARD_UNITS:
        words = _name_key(name).split()
        out.update(" ".join(words[:i]) for i in range(1, len(words)))
        out.add(" ".join(words) + " $")
    return frozenset(out)


def unit_spellings(cells: list[str]) -> dict[str, str]:
    """How the table spells each unit name: the standard units as written officially, the
    table's other names as most of its cells write them (a name read whole at least twice)."""
    votes: dict[str, dict[str, int]] = {}
    for cell in cells:
        for piece in _name_pieces(cell):
            piece = piece.strip(" ,.;")
            if _unit_start(piece) and not _open(piece) and len(piece.split()) >= 2:
                forms = votes.setdefault(_name_key(piece), {})
                forms[piece] = forms.get(piece, 0) + 1
    out = {key: max(forms, key=forms.__getitem__) for key, forms in votes.items() if sum(forms.values()) >= 2}
    out.update({_name_key(name): name for name in STANDARD_UNITS})
    return out


def respell_units(cell: str, spellings: dict[str, str]) -> str:
    """A unit cell with each name it lists written as the table writes it: restoration gave a
    name's letters wrong marks ("Số Tư pháp", "Đại Phát thanh", "Truyền thống") that the same
    letters elsewhere in the table, or the official name, have right."""
    out = []
    for piece in _name_pieces(cell):
        core = piece.strip(" ,.;")
        form = spellings.get(_name_key(core)) if core else None
        out.append(piece.replace(core, form, 1) if form and len(form.split()) == len(core.split()) else piece)
    return ", ".join(out)


_CONNECTORS = {"và", "các", "của", "với", "hoặc", "thị", "thành", "Công", "Sở", "Ban", "Bộ", "Văn", "Đài", "Trung",
               "Ủy", "Uỷ", "Hội", "Liên", "Mặt", "Cục", "Chi", "Tổng", "Bệnh", "Kho", "Ngân", "Thanh", "Cảnh", "Ủy ban"}


def _open(prev: str) -> bool:
    """A cell's text that cannot end there: a trailing comma, connector or bare unit head word."""
    prev = prev.rstrip()
    return bool(prev) and (prev.endswith((",", "-", "–")) or prev.split()[-1] in _CONNECTORS)


def _whole_names(names: frozenset[str]) -> frozenset[str]:
    """A name seen whole that begins a longer name of the table ("Đài Phát thanh", cut at a line
    end, of "Đài Phát thanh và Truyền hình tỉnh") is not whole: only its beginning is kept."""
    return frozenset(n for n in names if not (n.endswith(" $") and n[:-2] in names))


# "Sở" read by the English model as "$@", "$ơ", "§": a unit's first word in a glyph of its own.
# At 150 dpi the mark glues to a speck or the next word: "S@.N6i vụ", "S&.NOi", "SG@ Kế", "S6Tài".
_RE_SO_MISREAD = re.compile(r"^(?:[$§][@ơởo0]?\s+|S[60@ơ&]{1,2}[\s\-.’']*|S[60@ơ&G]{1,2}[\s\-.’']+)(?=[A-ZĐ])")


def _so_misread(frag: str) -> str:
    """A fragment opening with a misread "Sở" ("$@ Kế hoạch và Đầu tư"), or listing one after a
    comma ("tỉnh, S6-Ké hoạch và"): the units it names."""
    pieces = frag.split(", ")
    for i, piece in enumerate(pieces):
        fixed = _RE_SO_MISREAD.sub("Sở ", piece)
        if fixed != piece and _unit_start(fixed):
            pieces[i] = fixed
    return ", ".join(pieces)
