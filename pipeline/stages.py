"""The stages, named and ordered in one place.  Only the runner imports the stage packages."""

from __future__ import annotations

# Per-page stages run in worker processes, in this order; document stages run in the parent.
PAGE_STAGES: tuple[str, ...] = ("ingest", "ocr", "restore")
DOCUMENT_STAGES: tuple[str, ...] = ("structure", "citations")
STAGES: tuple[str, ...] = PAGE_STAGES + DOCUMENT_STAGES
