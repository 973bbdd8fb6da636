"""report.jsonl (one line per input, rewritten atomically) and the end-of-batch summary."""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.io import atomic_write_json, atomic_write_text

REPORT = "report.jsonl"
SUMMARY = "summary.json"
# pipeline.io.atomic_write_bytes names its temp files ".NAME.<random>.tmp" beside the target.
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")


def read_report(output_dir: str) -> dict[str, dict[str, Any]]:
    """The lines of a previous report by input path; a damaged line is ignored, never fatal."""
    lines: dict[str, dict[str, Any]] = {}
    try:
        with open(os.path.join(output_dir, REPORT), encoding="utf-8") as f:
            for raw in f:
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(line, dict) and isinstance(line.get("input"), str):
                    lines[line["input"]] = line
    except OSError:
        pass
    return lines


def remove_stale_temps(output_dir: str) -> int:
    """Delete temp files a killed run left behind (they were never renamed, so never outputs)."""
    removed = 0
    for dirpath, _dirs, files in os.walk(output_dir):
        for name in files:
            if _TEMP.match(name):
                try:
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
                except OSError:
                    pass
    return removed


class Report:
    """Collects report lines; rewrites report.jsonl atomically at most every ``every`` seconds."""

    def __init__(self, output_dir: str, every: float = 2.0) -> None:
        self.path = os.path.join(output_dir, REPORT)
        self.output_dir = output_dir
        self.lines: dict[str, dict[str, Any]] = {}
        self.every = every
        self._last = 0.0

    def add(self, line: dict[str, Any]) -> None:
        self.lines[line["input"]] = line
        if time.monotonic() - self._last >= self.every:
            self.flush()

    def flush(self, pending: Iterable[str] = ()) -> None:
        """Write every line so far, plus a ``not_run`` line for each input in ``pending``."""
        lines = dict(self.lines)
        for rel in pending:
            lines.setdefault(rel, {"input": rel, "status": "not_run", "code": None, "message": "batch interrupted"})
        text = "".join(json.dumps(lines[k], ensure_ascii=False, sort_keys=True) + "\n" for k in sorted(lines))
        atomic_write_text(self.path, text)
        self._last = time.monotonic()


@dataclass(frozen=True)
class Summary:
    """What a batch did, for the closing line and summary.json."""

    counts: dict[str, int]
    pages: int
    seconds: float
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return sum(n for s, n in self.counts.items() if s not in ("success", "skipped"))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        rate = self.pages / self.seconds * 60 if self.seconds > 0 else 0.0
        return {
            "files": self.total,
            "by_status": dict(sorted(self.counts.items())),
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "pages_per_minute": round(rate, 1),
            "interrupted": self.interrupted,
        }

    def text(self) -> str:
        parts = ", ".join(f"{n} {s}" for s, n in sorted(self.counts.items()))
        rate = self.pages / self.seconds * 60 if self.seconds > 0 else 0.0
        head = "interrupted" if self.interrupted else "done"
        return f"vanban batch {head}: {self.total} file(s) ({parts or 'none'}), {self.pages} page(s) in {self.seconds:.1f} s ({rate:.1f} pages/min)"


def summarize(lines: Iterable[dict[str, Any]], seconds: float, interrupted: bool, output_dir: str | None = None) -> Summary:
    """Count statuses and pages (skipped inputs count, their pages are not re-read); write summary.json."""
    counts: Counter[str] = Counter()
    pages = 0
    for line in lines:
        counts[str(line.get("status"))] += 1
        if line.get("status") != "skipped":
            pages += int(line.get("pages") or 0)
    summary = Summary(dict(counts), pages, seconds, interrupted)
    if output_dir is not None:
        atomic_write_json(os.path.join(output_dir, SUMMARY), summary.to_dict())
    return summary
