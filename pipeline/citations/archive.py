"""Across an archive: the citation graph of a batch and what no single document shows.

Reads the JSON outputs of ``vanban batch`` (or any vanban JSON), links each document (by its own
number) to the documents it cites, and reports the same symbol cited with different dates by
different documents, documents cited but absent from the archive, and the most cited documents.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from pipeline.citations.engine import check_citations
from pipeline.citations.registry import NullResolver, Resolver


@dataclass(frozen=True)
class Edge:
    """One citation: document ``source`` (file) with number ``source_number`` cites ``target``."""

    source: str
    source_number: str | None
    target: str
    date: str | None
    line: int
    page_no: int | None


@dataclass(frozen=True)
class ArchiveReport:
    """The citation graph of an archive and the findings that need more than one document."""

    documents: tuple[dict[str, Any], ...]  # {"file", "number", "date", "citations", "errors"}
    edges: tuple[Edge, ...]
    conflicts: tuple[dict[str, Any], ...]  # same symbol, different dates, different documents
    missing: tuple[dict[str, Any], ...]  # cited but not in the archive
    most_cited: tuple[dict[str, Any], ...]
    skipped: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": list(self.documents),
            "edges": [e.__dict__ for e in self.edges],
            "conflicts": list(self.conflicts),
            "missing": list(self.missing),
            "most_cited": list(self.most_cited),
            "skipped": list(self.skipped),
        }

    def edges_csv(self) -> str:
        """The edge list as CSV: source,source_number,target,date,line,page_no."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["source", "source_number", "target", "date", "line", "page_no"])
        for e in self.edges:
            w.writerow([e.source, e.source_number or "", e.target, e.date or "", e.line, e.page_no or ""])
        return buf.getvalue()


def iter_archive(root: str | Path) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """(relative path, parsed JSON or None when unreadable) for every *.json under ``root``."""
    base = Path(root)
    for path in sorted(base.rglob("*.json")):
        rel = path.relative_to(base).as_posix()
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            yield rel, None
            continue
        yield rel, data if isinstance(data, dict) else None


def _report_dict(doc: dict[str, Any], resolver: Resolver) -> dict[str, Any]:
    rep = doc.get("citations")
    if isinstance(rep, dict) and isinstance(rep.get("citations"), list):
        return rep
    return check_citations(doc, resolver=resolver).to_dict()


_YEAR_SEGMENT = regex.compile(r"^\d+/(?:19|20)\d\d/")


def _namesake_groups(symbol: str, dates: set[str]) -> list[set[str]]:
    """Split the dates of a symbol into groups that can be one document (see rules.may_be_same)."""
    if _YEAR_SEGMENT.match(symbol):
        return [dates]
    groups: list[set[str]] = []
    party = bool(regex.match(r"^\d+-", symbol))
    for d in sorted(dates):
        for g in groups:
            if all((abs(int(d[:4]) - int(x[:4])) <= 5) if party else d[:4] == x[:4] for x in g):
                g.add(d)
                break
        else:
            groups.append({d})
    return groups


def build_archive(
    docs: Iterable[tuple[str, dict[str, Any] | None]],
    *,
    resolver: Resolver | None = None,
    top: int = 20,
) -> ArchiveReport:
    """The citation graph and cross-document findings of (name, vanban JSON) pairs."""
    resolver = resolver or NullResolver()
    documents: list[dict[str, Any]] = []
    edges: list[Edge] = []
    skipped: list[str] = []
    own_dates: dict[str, set[str]] = defaultdict(set)
    own_files: dict[str, list[str]] = defaultdict(list)
    for name, doc in docs:
        if doc is None or not ("pages" in doc or "header" in doc or "text" in doc or "citations" in doc):
            skipped.append(name)
            continue
        rep = _report_dict(doc, resolver)
        number = rep.get("document_number") or (doc.get("header") or {}).get("number")
        date = rep.get("document_date") or (doc.get("header") or {}).get("date")
        if number:
            own_files[number].append(name)
            if date:
                own_dates[number].add(date)
        cits = [c for c in rep.get("citations", []) if c.get("role") == "citation"]
        seen: set[tuple[str, str | None]] = set()
        for c in cits:
            key = (c["symbol"], c.get("date"))
            if key in seen:
                continue
            seen.add(key)
            edges.append(Edge(name, number, c["symbol"], c.get("date"), int(c.get("line") or 0), c.get("page_no")))
        counts = rep.get("counts") or {}
        documents.append({"file": name, "number": number, "date": date, "citations": len(cits), "errors": counts.get("error", 0)})

    by_symbol: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for e in edges:
        if e.date:
            by_symbol[e.target][e.date].add(e.source)
    conflicts = []
    for sym, dates in sorted(by_symbol.items()):
        own = own_dates.get(sym, set())
        for group in _namesake_groups(sym, set(dates) | own):
            if len(group) > 1:
                conflicts.append({
                    "symbol": sym,
                    "dates": {d: sorted(dates.get(d, ())) for d in sorted(group) if d in dates},
                    "archived_date": sorted(own & group) or None,
                })
    citing: Counter[str] = Counter()
    for sym in {e.target for e in edges}:
        citing[sym] = len({e.source for e in edges if e.target == sym})
    missing = [
        {"symbol": s, "cited_by": n} for s, n in sorted(citing.items(), key=lambda kv: (-kv[1], kv[0])) if s not in own_files
    ]
    most = [
        {"symbol": s, "cited_by": n, "in_archive": s in own_files, "files": own_files.get(s, [])}
        for s, n in sorted(citing.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    ]
    return ArchiveReport(tuple(documents), tuple(edges), tuple(conflicts), tuple(missing), tuple(most), tuple(skipped))
