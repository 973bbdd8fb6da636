"""The --pdfa output: the searchable PDF made PDF/A by OCRmyPDF's own PDF/A machinery (pikepdf.pdfa).

The page images and the invisible restored text layer are those of ``--pdf``
(``pipeline.batch.searchable_pdf``); the text font is an embedded TrueType font.  ``pikepdf.pdfa.save``
(what ``ocrmypdf --pdfa-backend internal`` runs) adds the sRGB output intent, declares the part in
XMP, writes the file and validates the bytes it wrote: a file that does not pass is never kept.
The archives' metadata goes into the XMP packet (Dublin Core) and the document JSON is attached.

PDF/A-2 (ISO 19005-2, 6.8) allows only PDF/A files as attachments, so the JSON is attached, as an
associated file (``/AF``, relationship ``Data``), to PDF/A-3b, which is PDF/A-2b plus that
permission.  ``part=2`` gives PDF/A-2b with the metadata in XMP and no attachment.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.errors import OutputError
from pipeline.io import atomic_save
from pipeline.types import RestoredPage

JSON_NAME = "vanban.json"


def _xmp(pdf: Any, meta: Mapping[str, Any], creator_tool: str) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as m:
        if meta.get("summary"):
            m["dc:title"] = meta["summary"]
        if meta.get("issuer"):
            m["dc:creator"] = [meta["issuer"]]
        number = "/".join(x for x in (meta.get("number"), meta.get("symbol")) if x)
        if number:
            m["dc:identifier"] = number
        if meta.get("doc_type"):
            m["dc:type"] = [meta["doc_type"]]
        if meta.get("issue_date"):
            m["dc:date"] = [meta["issue_date"]]
        if meta.get("language"):
            m["dc:language"] = [meta["language"]]
        desc = [f"{k}: {v}" for k, v in (
            ("Tên loại", meta.get("doc_type")), ("Số, ký hiệu", number or None),
            ("Ngày ban hành", meta.get("issue_date")), ("Cơ quan ban hành", meta.get("issuer")),
            ("Ký hiệu thông tin", ", ".join(meta.get("information_marks") or ()) or None),
            ("Người ký", " ".join(x for x in (meta.get("signer_title"), meta.get("signer")) if x) or None),
            ("Số trang", meta.get("page_count")), ("Ghi chú", meta.get("notes")),
        ) if v]
        if desc:
            m["dc:description"] = "; ".join(desc)
        marks = list(meta.get("information_marks") or ())
        keywords = [x for x in (meta.get("doc_type"), number, *marks) if x]
        if keywords:
            m["dc:subject"] = keywords
            m["pdf:Keywords"] = ", ".join(keywords)
        m["xmp:CreatorTool"] = creator_tool


def _attach(pdf: Any, data: bytes) -> None:
    import pikepdf

    spec = pikepdf.AttachedFileSpec(pdf, data, description="vanban document JSON (schema vanban.document)",
                                    filename=JSON_NAME, mime_type="application/json",
                                    relationship=pikepdf.Name.Data)
    pdf.attachments[JSON_NAME] = spec
    pdf.Root.AF = pikepdf.Array([spec.obj])  # PDF/A-3: the attachment is an associated file


def write_pdfa(src: str, kind: str, pages: Sequence[RestoredPage], document: Mapping[str, Any], out: str,
               *, part: int = 3, creator_tool: str = "vanban") -> None:
    """Write ``out``: PDF/A-``part``b of ``src`` with the restored text layer, XMP metadata and the JSON."""
    import pikepdf
    import pikepdf.pdfa

    from pipeline.batch.searchable_pdf import write_searchable_pdf

    if part not in (2, 3):
        raise OutputError(f"PDF/A part must be 2 or 3, not {part}", path=out)
    with tempfile.TemporaryDirectory(prefix="vanban-pdfa-") as tmp:
        plain = os.path.join(tmp, "searchable.pdf")
        write_searchable_pdf(src, kind, pages, plain)
        with pikepdf.open(plain) as pdf:
            for page in pdf.pages:  # reportlab's empty page transition: harmless, but unvalidatable
                if "/Trans" in page.obj:
                    del page.obj["/Trans"]
            _xmp(pdf, document.get("metadata") or {}, creator_tool)
            if part == 3:
                _attach(pdf, json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
            flavour = pikepdf.pdfa.Flavour.PDFA_3B if part == 3 else pikepdf.pdfa.Flavour.PDFA_2B

            def save(path: str) -> None:
                try:
                    pikepdf.pdfa.save(pdf, path, flavour, output_intent="sRGB", deterministic_id=True)
                except pikepdf.pdfa.PdfaError as exc:
                    raise OutputError(f"could not make PDF/A-{flavour.value}: {exc.report.summary()}", path=out) from exc

            atomic_save(out, save)
