"""Archivist batch mode: a folder of scans to JSON + text (+ searchable PDF), resumable, parallel,
and safe under bad input.  An orchestrator over ``pipeline.api.parse``, not a stage.

The parent process never opens an input: every file is parsed in an isolated worker process
(``pool.IsolatedPool``) or on a Dask cluster (``dask_executor``), so a crash, hang or memory
blow-up costs one report line, never the batch.
"""

from __future__ import annotations

from pipeline.batch.errors import CODES
from pipeline.batch.report import Summary
from pipeline.batch.run import BatchEvents, BatchInterrupted, BatchOptions, exit_code, run_batch

__all__ = ["run_batch", "BatchOptions", "BatchEvents", "BatchInterrupted", "Summary", "exit_code", "CODES"]
