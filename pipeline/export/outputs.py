"""Every output of one parse written together, all or none (``vanban parse`` and ``vanban batch``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.io import atomic_save_all, bytes_saver


@dataclass(frozen=True)
class OutputPaths:
    """Where each output goes; None leaves it out.  ``json`` is renamed into place last."""

    json: str | None = None
    text: str | None = None
    html: str | None = None
    pdf: str | None = None
    pdfa: str | None = None
    alto: str | None = None
    hocr: str | None = None
    pdfa_part: int = 3


def write_outputs(result: Any, src: str, paths: OutputPaths, *, document: dict[str, Any] | None = None,
                  text: str | None = None, review: Callable[[str], None] | None = None) -> None:
    """Render and write the outputs of ``result`` named in ``paths``; nothing is written if one fails.

    ``document`` is the JSON to write (default ``result.to_dict()``), ``text`` the plain text,
    ``review`` a ``save(path)`` that writes the review page.  ALTO and hOCR are rendered before any
    file is touched, so a .txt input (no page geometry) fails with OutputError and writes nothing.
    """
    from pipeline import __version__

    software = f"vanban {__version__}"
    doc = document if document is not None else result.to_dict()
    kind = result.source.kind if result.source is not None else "text"
    items: list[tuple[str, Callable[[str], None]]] = []
    if paths.alto:
        from pipeline.export.alto import alto_xml

        items.append((paths.alto, bytes_saver(alto_xml(result.pages, src, software))))
    if paths.hocr:
        from pipeline.export.hocr import hocr_html

        items.append((paths.hocr, bytes_saver(hocr_html(result.pages, src, software))))
    if paths.pdf:
        from pipeline.batch.searchable_pdf import write_searchable_pdf

        pdf_out = paths.pdf
        items.append((pdf_out, lambda tmp: write_searchable_pdf(src, kind, result.pages, tmp)))
    if paths.pdfa:
        from pipeline.export.pdfa import write_pdfa

        part = paths.pdfa_part
        items.append((paths.pdfa, lambda tmp: write_pdfa(src, kind, result.pages, doc, tmp, part=part, creator_tool=software)))
    if paths.text and text is not None:
        items.append((paths.text, bytes_saver(text.encode("utf-8"))))
    if paths.html and review is not None:
        items.append((paths.html, review))
    if paths.json:
        items.append((paths.json, bytes_saver((json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))))
    atomic_save_all(items)
