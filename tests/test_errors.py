"""Errors keep their code, place and hint, also after crossing a process boundary."""

from __future__ import annotations

import pickle

import pytest

from pipeline.errors import EncryptedPdfError, ExitCode, OcrTimeoutError, VanbanError


@pytest.mark.parametrize("cls", [VanbanError, EncryptedPdfError, OcrTimeoutError])
def test_pickle_round_trip_keeps_fields_and_message(cls: type[VanbanError]) -> None:
    err = cls("something failed", path="scan.pdf", page_no=3)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert (back.code, back.path, back.page_no, back.hint) == (err.code, err.path, err.page_no, err.hint)
    assert str(back) == str(err)
    assert str(err).count(err.code) == 1


def test_message_names_file_page_and_what_to_do() -> None:
    err = EncryptedPdfError("the PDF needs a password", path="a.pdf", page_no=None)
    assert str(err).startswith("[VB102] a.pdf: the PDF needs a password.")
    assert "qpdf" in str(err)
    assert err.exit_code == ExitCode.encrypted_pdf
