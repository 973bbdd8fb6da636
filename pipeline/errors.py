"""Exit codes and the exception hierarchy.

Every error carries a stable code (``VB###``) that users can search for, the file (and page)
it concerns, and a sentence saying what to do about it.  Only ``pipeline.cli`` turns these into
process exit codes.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Process exit codes, in the spirit of OCRmyPDF's."""

    ok = 0
    bad_args = 1
    input_file = 2
    missing_dependency = 3
    invalid_output = 4
    file_access_error = 5
    encrypted_pdf = 8
    invalid_config = 9
    partial = 10
    child_process_error = 7
    other_error = 15
    ctrl_c = 130


class VanbanError(Exception):
    """Base class: a stable code, a message, what to do, and where it happened."""

    code = "VB900"
    exit_code = ExitCode.other_error
    hint = "Please report this with the input file attached."

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        page_no: int | None = None,
        hint: str | None = None,
        code: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.page_no = page_no
        if hint is not None:
            self.hint = hint
        if code is not None:
            self.code = code
        super().__init__(self.__str__())

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the fields, not from str(self): errors cross process boundaries (workers).
        return (_rebuild, (type(self), self.message, self.path, self.page_no, self.hint, self.code))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}"
            if self.page_no is not None:
                where += f", page {self.page_no}"
            where += ": "
        return f"[{self.code}] {where}{self.message}. {self.hint}".strip()


def _rebuild(
    cls: type[VanbanError], message: str, path: str | None, page_no: int | None, hint: str, code: str
) -> VanbanError:
    return cls(message, path=path, page_no=page_no, hint=hint, code=code)


class BadArgsError(VanbanError):
    code = "VB001"
    exit_code = ExitCode.bad_args
    hint = "Run `vanban --help` for the valid options."


class InvalidConfigError(VanbanError):
    code = "VB002"
    exit_code = ExitCode.invalid_config
    hint = "Check the option against the valid range named in the message."


class MissingDependencyError(VanbanError):
    code = "VB003"
    exit_code = ExitCode.missing_dependency
    hint = "Install it (see README: `make demo` installs everything on Debian)."


class InputFileError(VanbanError):
    code = "VB100"
    exit_code = ExitCode.input_file
    hint = "Check that the file is a readable PDF, PNG, JPEG, TIFF or UTF-8 text file."


class FileAccessError(VanbanError):
    code = "VB101"
    exit_code = ExitCode.file_access_error
    hint = "Check that the file exists and that you may read it."


class EncryptedPdfError(InputFileError):
    code = "VB102"
    exit_code = ExitCode.encrypted_pdf
    hint = "Remove the password (e.g. `qpdf --decrypt --password=PW in.pdf out.pdf`) and retry."


class OutputError(VanbanError):
    code = "VB110"
    exit_code = ExitCode.invalid_output
    hint = "Check that the output folder exists and is writable."


class OcrError(VanbanError):
    code = "VB200"
    exit_code = ExitCode.child_process_error
    hint = "The page was kept empty; check the scan quality or raise --timeout-per-page."


class OcrTimeoutError(OcrError):
    code = "VB201"
    hint = "The page was kept empty; raise --timeout-per-page or check the scan."


class RestoreError(VanbanError):
    code = "VB300"
    hint = "The text was kept as it was read; check that the models in models/ are intact."


class ModelMissingError(MissingDependencyError):
    code = "VB301"
    hint = "Rebuild the models with `make models` or reinstall vanban."


class CitationError(VanbanError):
    code = "VB500"
    hint = "The text is kept; the citations of this document could not be checked."
