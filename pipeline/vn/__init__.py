"""The rules of Vietnamese administrative documents, below every stage.

What a reader of these documents must know whatever it is doing — ingesting, OCR, restoring,
structuring or checking citations — lives here once:

- ``orthography``: NFC, marks, tone placement styles, case;
- ``symbols``: the document-symbol grammar (số ký hiệu), with OCR tolerance as parameters;
- ``codes``: the code tables of symbols (``data/codes.json``);
- ``dates``: the date grammar, with OCR tolerance as parameters;
- ``doctypes``: document types and the fixed header formulae (``data/doctypes.json``).

This package imports only the standard library and ``regex``: never a stage package (ingest, ocr,
restore, structure, citations), never the CLI.
"""
