"""report.jsonl (one line per input, rewritten atomically) and the end-of-batch summary."""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from pipeline.io import atomic_write_json, atomic_write_text

REPORT = "report.jsonl"
SUMMARY = "summary.json"
# pipeline.io.atomic_write_bytes names its temp files ".NAME.<random>.tmp" beside the target.
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")


@dataclass(frozen=True)
class ReportLine:
    """One line of report.jsonl: how one input ended (the keys are documented in docs/exit-codes.md).

    Every line has every key; ``None`` (JSON null) where it does not apply, e.g. the pages of an
    input that was not run.  ``extra`` keeps the keys of an older report this version does not know,
    so that resuming never drops them.
    """

    input: str
    status: str
    code: str | None = None
    message: str | None = None
    pages: int | None = None
    seconds: float | None = None
    mean_confidence: float | None = None
    findings: int | None = None
    errors: int | None = None
    timings: Mapping[str, float] | None = None
    outputs: Mapping[str, str] | None = None
    worker_peak_mb: float | None = None
    previous_status: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object written to report.jsonl."""
        out = dict(self.extra)
        for f in _FIELDS:
            value = getattr(self, f)
            out[f] = dict(value) if isinstance(value, Mapping) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReportLine:
        """A line from its JSON object (a worker's message, a previous report.jsonl)."""
        known = {k: v for k, v in data.items() if k in _FIELDS}
        extra = {k: v for k, v in data.items() if k not in _FIELDS and k != "extra"}
        return cls(**known, extra=extra)

    @classmethod
    def not_run(cls, rel: str, message: str | None = None) -> ReportLine:
        """The line of an input the batch did not get to (Ctrl-C, SIGTERM)."""
        return cls(rel, "not_run", None, message)


_FIELDS = tuple(f.name for f in fields(ReportLine) if f.name != "extra")


def read_report(output_dir: str) -> dict[str, ReportLine]:
    """The lines of a previous report by input path; a damaged line is ignored, never fatal."""
    lines: dict[str, ReportLine] = {}
    try:
        with open(os.path.join(output_dir, REPORT), encoding="utf-8") as f:
            for raw in f:
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(line, dict) and isinstance(line.get("input"), str):
                    lines[line["input"]] = ReportLine.from_dict({"status": None, **line})
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
        self.lines: dict[str, ReportLine] = {}
        self.every = every
        self._last = 0.0

    def add(self, line: ReportLine) -> None:
        self.lines[line.input] = line
        if time.monotonic() - self._last >= self.every:
            self.flush()

    def flush(self, pending: Iterable[str] = ()) -> None:
        """Write every line so far, plus a ``not_run`` line for each input in ``pending``."""
        lines = dict(self.lines)
        for rel in pending:
            lines.setdefault(rel, ReportLine.not_run(rel, "batch interrupted"))
        text = "".join(json.dumps(lines[k].to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for k in sorted(lines))
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


def summarize(lines: Iterable[ReportLine], seconds: float, interrupted: bool, output_dir: str | None = None) -> Summary:
    """Count statuses and pages (skipped inputs count, their pages are not re-read); write summary.json."""
    counts: Counter[str] = Counter()
    pages = 0
    for line in lines:
        counts[str(line.status)] += 1
        if line.status != "skipped":
            pages += int(line.pages or 0)
    summary = Summary(dict(counts), pages, seconds, interrupted)
    if output_dir is not None:
        atomic_write_json(os.path.join(output_dir, SUMMARY), summary.to_dict())
    return summary
