"""Document metadata as Vietnamese archives file it (Thông tư 05/2025/TT-BNV, 02/2019/TT-BNV).

A pure mapping of what the parser read onto the document-level fields of the archives' metadata
table: tên loại, số, ký hiệu, ngày ban hành, cơ quan ban hành, trích yếu, ngôn ngữ, số trang, ký
hiệu thông tin (độ mật / độ khẩn), bút tích / chữ ký and ghi chú.  The fields the archive assigns
(mã hồ sơ, thời hạn bảo quản, chế độ sử dụng) stay empty for the archivist.  ``Document.to_dict``
writes it as the ``metadata`` block; ``CSV_COLUMNS`` are the columns of a batch's metadata.csv.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

# Độ mật (Luật Bảo vệ bí mật nhà nước 2018) and độ khẩn (Nghị định 30/2020) marks, longest first.
MARKS = ("TUYỆT MẬT", "TỐI MẬT", "MẬT", "HỎA TỐC", "THƯỢNG KHẨN", "KHẨN")
_MARK_VARIANTS = {"HOẢ TỐC": "HỎA TỐC"}
_MARK_RE = regex.compile(r"(?<![\p{L}\p{N}])(" + "|".join([*MARKS, *_MARK_VARIANTS]) + r")(?![\p{L}\p{N}])")
HEADER_LINES = 12  # a stamp sits in the header area of the first page


@dataclass(frozen=True)
class ArchiveMetadata:
    """The archives' document-level fields; None means "not found" (or "for the archivist")."""

    doc_type: str | None  # tên loại văn bản
    number: str | None  # số
    symbol: str | None  # ký hiệu
    issue_date: str | None  # ngày tháng năm văn bản (ISO yyyy-mm-dd)
    issuer: str | None  # cơ quan, tổ chức ban hành
    summary: str | None  # trích yếu nội dung
    language: str  # ngôn ngữ (ISO 639-1)
    page_count: int  # số lượng trang
    information_marks: tuple[str, ...]  # ký hiệu thông tin: MẬT, KHẨN ...
    signer: str | None  # bút tích / chữ ký: người ký
    signer_title: str | None  # chức vụ người ký (with KT./TM. ...)
    notes: str | None  # ghi chú
    file_code: str | None = None  # mã hồ sơ (archive-assigned)
    retention: str | None = None  # thời hạn bảo quản (archive-assigned)
    access: str | None = None  # chế độ sử dụng (archive-assigned)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "symbol": self.symbol,
            "issue_date": self.issue_date,
            "issuer": self.issuer,
            "summary": self.summary,
            "language": self.language,
            "page_count": self.page_count,
            "information_marks": list(self.information_marks),
            "signer": self.signer,
            "signer_title": self.signer_title,
            "notes": self.notes,
            "file_code": self.file_code,
            "retention": self.retention,
            "access": self.access,
        }


def type_name(doc_type: str | None) -> str | None:
    """"KẾ HOẠCH" -> "Kế hoạch": the type name as an archive catalogue writes it."""
    if not doc_type or not doc_type.strip():
        return None
    t = " ".join(doc_type.split()).lower()
    return t[0].upper() + t[1:]


def split_number(number: str | None) -> tuple[str | None, str | None]:
    """"224/KH-UBND" -> ("224", "KH-UBND"); "12/2020/NĐ-CP" -> ("12", "2020/NĐ-CP"); "243-CTr/TU" -> ("243", "CTr/TU")."""
    if not number or not number.strip():
        return None, None
    n = "".join(number.split())
    if n.lower().startswith("số:"):
        n = n[3:]
    head, sep, tail = n.partition("/")
    party = regex.match(r"^(\d+)-(\p{L}.*)$", head)  # Đảng: "243-CTr/TU" is số 243, ký hiệu CTr/TU
    if party:
        return party.group(1), party.group(2) + (sep + tail if sep else "")
    if not sep:
        return (head, None) if any(c.isdigit() for c in head) else (None, head)
    return head or None, tail or None


def information_marks(first_page_text: str) -> tuple[str, ...]:
    """Độ mật / độ khẩn marks printed as a line of their own, or at a header line's start or end."""
    found: list[str] = []
    for i, line in enumerate(first_page_text.splitlines()):
        words = " ".join(regex.sub(r"[^\p{L}\p{N} ]", " ", line).split())
        for m in _MARK_RE.finditer(words):
            mark = _MARK_VARIANTS.get(m.group(1), m.group(1))
            whole = m.start() == 0 and m.end() == len(words)
            edge = i < HEADER_LINES and (m.start() == 0 or m.end() == len(words))
            if mark == "MẬT" and words[: m.start()].upper().endswith("BÍ "):
                continue  # "BÍ MẬT": the secret a heading speaks of, not a mark
            if (whole or edge) and mark not in found:
                found.append(mark)
    return tuple(sorted(found, key=MARKS.index))


def from_fields(header: Any, signature: Any, pages: int, first_page_text: str, confidences: Sequence[float] = ()) -> ArchiveMetadata:
    """The metadata of a document given its header, signature (or None), page count and first page.

    The note says how the text was got; vanban's own warnings (English, for developers) stay in the
    document JSON's ``warnings``, out of the archive's record.
    """
    number, symbol = split_number(getattr(header, "number", None))
    notes = []
    if confidences:
        notes.append(f"Số hóa bằng OCR (vanban); độ tin cậy nhận dạng trung bình {100 * sum(confidences) / len(confidences):.0f} %")
    summary = getattr(header, "summary", None)
    return ArchiveMetadata(
        doc_type=type_name(getattr(header, "doc_type", None)),
        number=number,
        symbol=symbol,
        # the structure stage's header parser is the one reader of the date line (OCR damage included)
        issue_date=getattr(header, "date", None),
        issuer=_no_stray_periods(getattr(header, "authority", None)),
        summary=_trich_yeu(summary),
        language="vi",
        page_count=pages,
        information_marks=information_marks(first_page_text),
        signer=getattr(signature, "signer", None) if signature is not None else None,
        signer_title=_title(signature, getattr(header, "family", "state")),
        notes="; ".join(notes) or None,
    )


# The signing authority's prefix as each family prints it (Nghị định 30/2020: "TM.", "KT.", "TL.",
# "TUQ."; Hướng dẫn 36-HD/VPTW of the Party: "T/M", "K/T", "T/L").  OCR of a degraded scan drops the
# dot or the slash ("TM BAN THƯỜNG VỤ"); the bare letters are put back in the family's form.
_PREFIX_FORMS = {"state": {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ."},
                 "party": {"TM": "T/M", "KT": "K/T", "TL": "T/L"}}


# A period after a whole word (not an abbreviation such as "TP.", "TX.", "KT."): OCR of a speck
# ("ỦY BAN NHÂN DÂN."), or the end of the name where a heading that follows was run on.
_WORD_PERIOD = regex.compile(r"(?<=\p{L}{3})\.(?=\s|$)")


def _no_stray_periods(name: str | None) -> str | None:
    """An issuing body's name without the periods OCR put after its words."""
    return " ".join(_WORD_PERIOD.sub("", name).split()) if name else name


# What OCR left after the trích yếu: a period (NĐ 30/2020 writes the trích yếu without one), a
# comma or a speck (a dash: "năm 2025-").  An abbreviation's own period stays ("v.v.", "TP.").
_SUMMARY_TAIL = regex.compile(r"(?<![\s.]\p{L}|\b\p{Lu}{1,3})[\s.,;:'`’\-–—~_]+$")


# A speck OCR read as a mark of its own inside the trích yếu, between two words of a sentence
# ("trong cơ : quan"): a mark with a space on both sides, before a word in lower case.  Printed
# punctuation sits on the word before it; a dash between numbers ("2020 - 2025") is not a speck.
_SUMMARY_SPECK = regex.compile(r"(?<=\p{L})(?: [:;,.'`’~_]{1,2})+(?= \p{Ll})")


# A speck OCR read as a lone Latin letter between two words ("Nâng cao o phát triển"): no word of an
# administrative summary (the one-letter words bear a mark: "ở", "ý"; "y" opens "y tế"), unless it is
# a point's label after "điểm", "tiết", "mục", "khoản" ("điểm a khoản 2").
_SUMMARY_LETTER = regex.compile(r"(?<=\p{Ll}) (?<!(?:điểm|tiết|mục|khoản|Điểm|Tiết|Mục|Khoản) )[a-xz](?= \p{Ll})")


def _trich_yeu(summary: str | None) -> str | None:
    """The trích yếu as an archive files it: one-spaced, without specks or the final period OCR read."""
    if not summary or not summary.strip():
        return None
    one = _SUMMARY_LETTER.sub("", _SUMMARY_SPECK.sub("", " ".join(summary.split())))
    return _SUMMARY_TAIL.sub("", one) or None


# A heading the signature block ran on into: no word of a title ("PHÓ BÍ THƯ PHỤ LỤC DANH MỤC …").
_TITLE_STOP = regex.compile(r"\s(?:PHỤ\s*LỤC|PHU\s*LUC|DANH\s+MỤC|BIỂU\s+MẪU)(?=[\s.:;,\-]|$)")


def _title(signature: Any, family: str = "state") -> str | None:
    if signature is None:
        return None
    title = " ".join(x for x in (signature.prefix, signature.on_behalf_of, signature.position) if x)
    # OCR specks are not part of it: before "KT.", or read as a dash of their own ("CHỦ TỊCH — PHÓ")
    title = regex.sub(r"^[^\p{L}]+", "", " ".join(t for t in title.split() if regex.search(r"\p{L}", t)))
    title = regex.sub(r"^(KT|TM|TL|TUQ|Q|T/M|K/T|T/L)\.(?=\S)", r"\1. ", title)  # "KT.CHỦ TỊCH" as printed
    forms = _PREFIX_FORMS.get(family, _PREFIX_FORMS["state"])
    # the letters bare, or in the state's form where the parser could not tell the family
    bare = regex.match(r"^(TM|KT|TL|TUQ)\.?(?= )", title)
    if bare and bare.group(1) in forms:
        title = forms[bare.group(1)] + title[bare.end():]
    # A title has a period only after its prefix: one after a whole word ends it (a speck, or a
    # heading the signature block ran on into: "PHÓ CHỦ TỊCH. DANH MỤC NHIỆM VỤ …")
    head = regex.match(r"^(?:KT|TM|TL|TUQ|Q|T/M|K/T|T/L)\.", title)
    end = _WORD_PERIOD.search(title, head.end() if head else 0)
    if end:
        title = title[: end.start()]
    if (stop := _TITLE_STOP.search(title)) is not None:
        title = title[: stop.start()]
    return title.strip() or None


def from_document(doc: Any) -> ArchiveMetadata:
    """The metadata of a ``pipeline.document.Document``."""
    ocr = [p.mean_confidence for p in doc.pages if p.text_layer in ("absent", "garbage") and p.text.strip()]
    pages = doc.source.pages or len(doc.pages)
    first = doc.pages[0].text if doc.pages else ""
    return from_fields(doc.header, doc.signature, pages, first, ocr)


# The columns of metadata.csv: (JSON key, the archives' field name).
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("file", "Tệp"),
    ("file_code", "Mã hồ sơ"),
    ("doc_type", "Tên loại văn bản"),
    ("number", "Số của văn bản"),
    ("symbol", "Ký hiệu của văn bản"),
    ("issue_date", "Ngày, tháng, năm văn bản"),
    ("issuer", "Tên cơ quan, tổ chức ban hành văn bản"),
    ("summary", "Trích yếu nội dung"),
    ("language", "Ngôn ngữ"),
    ("page_count", "Số lượng trang"),
    ("information_marks", "Ký hiệu thông tin"),
    ("signer", "Bút tích (người ký)"),
    ("signer_title", "Chức vụ người ký"),
    ("retention", "Thời hạn bảo quản"),
    ("access", "Chế độ sử dụng"),
    ("notes", "Ghi chú"),
)
LANGUAGES = {"vi": "Tiếng Việt"}


def csv_row(file: str, metadata: Mapping[str, Any]) -> list[str]:
    """One CSV row: dates as dd/mm/yyyy, marks joined by ", ", empty cells for missing values."""
    row = []
    for key, _ in CSV_COLUMNS:
        v = file if key == "file" else metadata.get(key)
        if key == "issue_date" and isinstance(v, str) and len(v) == 10:
            v = f"{v[8:10]}/{v[5:7]}/{v[0:4]}"
        elif key == "language":
            v = LANGUAGES.get(v, v) if isinstance(v, str) else v
        elif isinstance(v, list | tuple):
            v = ", ".join(str(x) for x in v)
        row.append("" if v is None else str(v))
    return row


def metadata_csv(rows: Iterable[tuple[str, Mapping[str, Any]]]) -> bytes:
    """metadata.csv: UTF-8 with a BOM (Excel opens it as UTF-8), CRLF lines, header in Vietnamese."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([label for _, label in CSV_COLUMNS])
    for file, meta in rows:
        w.writerow(csv_row(file, meta))
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")
