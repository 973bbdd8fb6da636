"""Legacy .txt text layers: strict decoding, NFC, pages on form feeds."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from pipeline import ingest
from pipeline.ingest.errors import TextEncodingError
from pipeline.types import TextLayer

PAGE1 = "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\nSố: 119/KH-UBND"
PAGE2 = "Nơi nhận:\n- Như trên;\n- Lưu: VT."

ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
]


@pytest.mark.parametrize(("encoding", "bom"), ENCODINGS, ids=[f"{e}{'+bom' if b else ''}" for e, b in ENCODINGS])
def test_encodings_decode_to_the_same_pages(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "old_ocr.txt"
    path.write_bytes(bom + f"{PAGE1}\f{PAGE2}\f".encode(encoding))
    info = ingest.open_source(path)
    assert (info.kind, info.pages) == ("text", 2)  # a trailing form feed adds no empty page
    page = ingest.load_page(path, 2)
    assert page.text_layer is TextLayer.legacy_ocr and page.image is None
    assert page.text == PAGE2 and [line.text for line in page.lines] == PAGE2.split("\n")
    assert ingest.load_page(path, 1).text == PAGE1


def test_crlf_and_decomposed_text_are_normalized(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", PAGE1).replace("\n", "\r\n").encode())
    page = ingest.load_page(path, 1)
    assert page.text == PAGE1 and unicodedata.is_normalized("NFC", page.text)


def test_no_form_feed_is_one_page(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(PAGE1 + "\n\n" + PAGE2, encoding="utf-8")
    assert ingest.open_source(path).pages == 1


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"C\xf4\xf2ng h\xf2a x\xe3 h\xf4\xf2i", "not valid UTF-8"),  # Windows-1258
        ("Céng hoµ x· héi".encode("latin-1"), "TCVN3"),
        ("Độc lập".encode("utf-16-le"), "binary|not valid UTF-8"),  # UTF-16 without a BOM
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),  # a lone surrogate
        (b"\x7fELF\x02\x01\x01" + bytes(200), "binary"),
    ],
    ids=["cp1258", "tcvn3-bytes", "utf16-no-bom", "bad-utf16", "elf"],
)
def test_undecodable_text_is_a_clear_error(tmp_path: Path, data: bytes, match: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(TextEncodingError, match=match) as info:
        ingest.open_source(path)
    assert info.value.code == "VB111" and str(path) in str(info.value) and "UTF-8" in info.value.hint


def test_rtl_and_cjk_text_pass_through(tmp_path: Path) -> None:
    text = "مرحبا بالعالم\n你好，世界\nXin chào"
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8")
    assert ingest.load_page(path, 1).text == text
