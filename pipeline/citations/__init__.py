"""Citation stage: find every cited document (typed, with spans), check it, resolve it.

``check_citations(text_or_document, resolver=None) -> CitationReport``.  Finding (``finder``)
is separate from checking (``rules``) and from resolving (a ``Resolver`` passed in).
"""

from __future__ import annotations

from pipeline.citations.engine import check_citations, document_text
from pipeline.citations.finder import find
from pipeline.citations.model import Citation, CitationReport, DateValue, Finding, Symbol
from pipeline.citations.registry import (
    DictResolver,
    NullResolver,
    RegistryEntry,
    Resolver,
    default_resolver,
    load_registry,
)
from pipeline.citations.rules import RULES

__all__ = [
    "check_citations",
    "document_text",
    "find",
    "Citation",
    "CitationReport",
    "DateValue",
    "Finding",
    "Symbol",
    "Resolver",
    "RegistryEntry",
    "DictResolver",
    "NullResolver",
    "load_registry",
    "default_resolver",
    "RULES",
]
