"""Error codes that only the batch orchestrator produces (VB6xx), documented in docs/exit-codes.md.

They subclass the shared hierarchy in ``pipeline.errors`` so that the CLI maps them to exit codes
like every other error; inside a batch they are never raised, only recorded in report.jsonl.
"""

from __future__ import annotations

from pipeline.errors import ExitCode, OutputError, VanbanError


class UnsafePathError(OutputError):
    """An input whose output would land outside OUTPUT_DIR (``..``, absolute, symlinked folder)."""

    code = "VB601"
    hint = "Give paths relative to INPUT_DIR without '..', and do not symlink OUTPUT_DIR sub-folders elsewhere."


class WorkerCrashError(VanbanError):
    """The worker process reading the file died (segfault, killed by the OS)."""

    code = "VB602"
    exit_code = ExitCode.child_process_error
    hint = "The batch went on without this file; check the file, or report it with the file attached."


class FileTimeoutError(VanbanError):
    """The file took longer than pages x --timeout-per-page; its worker was killed."""

    code = "VB603"
    exit_code = ExitCode.child_process_error
    hint = "Raise --timeout-per-page, or split the file."


class MemoryLimitError(VanbanError):
    """The file needed more memory than --memory-limit allows a worker."""

    code = "VB604"
    exit_code = ExitCode.child_process_error
    hint = "Raise --memory-limit, or reduce the page size/DPI of the scan."


class OutsideInputError(VanbanError):
    """An input whose real path lies outside INPUT_DIR (a symlink leading out): not read, skipped."""

    code = "VB605"
    exit_code = ExitCode.file_access_error
    hint = "Copy the file into INPUT_DIR, or pass --follow-links if links out of INPUT_DIR are meant to be read."


CODES: dict[str, str] = {
    cls.code: (cls.__doc__ or "").strip()
    for cls in (UnsafePathError, WorkerCrashError, FileTimeoutError, MemoryLimitError, OutsideInputError)
}
