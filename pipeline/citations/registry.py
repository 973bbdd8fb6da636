"""Resolving symbols to known documents.  The resolver is passed in, so users can plug in their own.

The shipped registry (``pipeline/citations/data/registry.json.gz``, rebuilt by ``scripts/data/build_registry.py``
from the corpus) maps a normalized symbol to the documents seen with it: issue date, issuer, type,
title and how many sources agree.  One symbol can name several documents (numbering restarts every
year and every UBND uses "UBND"), so a lookup returns all candidates and the rule chooses.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pipeline.citations.model import Symbol

REGISTRY_FORMAT = "vanban-registry/1"


@dataclass(frozen=True)
class RegistryEntry:
    """One known document: its symbol, issue date (ISO), issuer, type, title and support."""

    symbol: str
    date: str | None
    issuer: str | None = None
    doc_type: str | None = None
    title: str | None = None
    sources: int = 1  # how many independent mentions agree on this date
    origin: str = ""  # "own" (a document's own number) or "cited"

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@runtime_checkable
class Resolver(Protocol):
    """Anything that can list the known documents carrying a symbol."""

    def lookup(self, symbol: Symbol) -> Sequence[RegistryEntry]:
        """All known documents with this normalized symbol (empty when unknown)."""
        ...


class NullResolver:
    """A resolver that knows nothing: use it to switch the registry check off."""

    def lookup(self, symbol: Symbol) -> Sequence[RegistryEntry]:
        return ()


class DictResolver:
    """A resolver over an in-memory mapping ``symbol -> [RegistryEntry, ...]``."""

    def __init__(self, entries: Mapping[str, Sequence[RegistryEntry]]) -> None:
        self._entries = {k: tuple(v) for k, v in entries.items()}

    def lookup(self, symbol: Symbol) -> Sequence[RegistryEntry]:
        return self._entries.get(symbol.text, ())

    def __len__(self) -> int:
        return len(self._entries)


def _entries_from_json(data: dict[str, Any]) -> dict[str, list[RegistryEntry]]:
    if data.get("format") != REGISTRY_FORMAT:
        raise ValueError(f"not a {REGISTRY_FORMAT} file (format={data.get('format')!r})")
    fields = data["fields"]  # compact rows: one list per candidate, in this field order
    out: dict[str, list[RegistryEntry]] = {}
    for sym, rows in data["symbols"].items():
        out[sym] = [RegistryEntry(sym, **dict(zip(fields, row, strict=True))) for row in rows]
    return out


def load_registry(path: str | os.PathLike[str]) -> DictResolver:
    """Load a registry file written by ``scripts/data/build_registry.py`` (.json or .json.gz)."""
    p = Path(path)
    raw = p.read_bytes()
    if p.suffix == ".gz":
        raw = gzip.decompress(raw)
    return DictResolver(_entries_from_json(json.loads(raw.decode("utf-8"))))


DEFAULT_REGISTRY = Path(__file__).resolve().parent / "data" / "registry.json.gz"


@lru_cache(maxsize=1)
def default_resolver() -> Resolver:
    """The registry named by $VANBAN_REGISTRY, else the shipped one, else one that knows nothing."""
    path = Path(os.environ.get("VANBAN_REGISTRY") or DEFAULT_REGISTRY)
    if path.exists():
        try:
            return load_registry(path)
        except (OSError, ValueError, KeyError, TypeError):
            return NullResolver()
    return NullResolver()
