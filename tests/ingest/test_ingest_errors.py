"""Every kind of bad input gives its own stable error code, naming the file; never a traceback."""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from fixture_files import VIETNAMESE_LINES, page_like_image, write_image, write_text_pdf
from PIL import Image

from pipeline import ingest
from pipeline.errors import EncryptedPdfError, FileAccessError, InputFileError, VanbanError
from pipeline.ingest import errors as E
from pipeline.ingest.pdf import close_cached
from pipeline.options import IngestOptions
from pipeline.types import TextLayer


@pytest.fixture(autouse=True)
def _fresh_cache():
    close_cached()
    yield
    close_cached()


def _pdf(tmp: Path, name: str = "ok.pdf", pages: int = 2) -> Path:
    return write_text_pdf(tmp / name, [VIETNAMESE_LINES] * pages)


def _empty(tmp: Path) -> Path:
    p = tmp / "empty.pdf"
    p.write_bytes(b"")
    return p


def _zero_pages(tmp: Path) -> Path:
    p = tmp / "zero.pdf"
    pikepdf.new().save(p)
    return p


def _truncated(tmp: Path) -> Path:
    data = _pdf(tmp, "src.pdf").read_bytes()
    p = tmp / "truncated.pdf"
    p.write_bytes(data[: len(data) // 2])
    return p


def _header_only(tmp: Path) -> Path:
    p = tmp / "junk.pdf"
    p.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    return p


def _text_named_pdf(tmp: Path) -> Path:
    p = tmp / "letter.pdf"
    p.write_text("Kính gửi: Sở Nội vụ\n", encoding="utf-8")
    return p


def _png_named_pdf(tmp: Path) -> Path:
    return write_image(tmp / "photo.pdf", page_like_image(), format="PNG")


def _zip(tmp: Path) -> Path:
    p = tmp / "report.docx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    return p


def _gif(tmp: Path) -> Path:
    return write_image(tmp / "anim.gif", page_like_image())


def _encrypted(tmp: Path) -> Path:
    p = tmp / "locked.pdf"
    with pikepdf.open(_pdf(tmp, "plain.pdf")) as pdf:
        pdf.save(p, encryption=pikepdf.Encryption(user="mật-khẩu", owner="owner"))
    return p


def _missing(tmp: Path) -> Path:
    return tmp / "does-not-exist.pdf"


def _directory(tmp: Path) -> Path:
    (tmp / "folder.pdf").mkdir()
    return tmp / "folder.pdf"


def _symlink_loop(tmp: Path) -> Path:
    a, b = tmp / "a.pdf", tmp / "b.pdf"
    os.symlink(b, a)
    os.symlink(a, b)
    return a


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _bomb(tmp: Path) -> Path:
    """A 60 000 x 60 000 PNG header (3.6 G pixels) in a few bytes: a decompression bomb."""
    p = tmp / "bomb.png"
    ihdr = struct.pack(">IIBBBBB", 60_000, 60_000, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b""))
    return p


def _one_pixel(tmp: Path) -> Path:
    return write_image(tmp / "dot.png", np.zeros((1, 1), np.uint8))


def _latin1_txt(tmp: Path) -> Path:
    p = tmp / "legacy.txt"
    p.write_bytes("Céng hoµ x· héi".encode("latin-1"))
    return p


def _binary_txt(tmp: Path) -> Path:
    p = tmp / "binary.txt"
    p.write_bytes(b"abc\x00\x01\x02" * 50)
    return p


def _empty_txt(tmp: Path) -> Path:
    p = tmp / "empty.txt"
    p.write_bytes(b"")
    return p


BAD_INPUTS: list[tuple[str, Callable[[Path], Path], type[VanbanError], str]] = [
    ("empty file", _empty, E.EmptyFileError, "VB103"),
    ("empty text file", _empty_txt, E.EmptyFileError, "VB103"),
    ("zero-page PDF", _zero_pages, E.NoPagesError, "VB106"),
    ("truncated PDF", _truncated, E.CorruptPdfError, "VB105"),
    ("PDF header then junk", _header_only, E.CorruptPdfError, "VB105"),
    ("text named .pdf", _text_named_pdf, E.NotAPdfError, "VB104"),
    ("PNG named .pdf", _png_named_pdf, E.NotAPdfError, "VB104"),
    ("zip (docx)", _zip, E.UnsupportedTypeError, "VB108"),
    ("GIF image", _gif, E.UnsupportedTypeError, "VB108"),
    ("encrypted, no password", _encrypted, EncryptedPdfError, "VB102"),
    ("missing file", _missing, FileAccessError, "VB101"),
    ("directory", _directory, FileAccessError, "VB101"),
    ("symlink loop", _symlink_loop, FileAccessError, "VB101"),
    ("decompression bomb", _bomb, E.ImageTooLargeError, "VB107"),
    ("1-pixel image", _one_pixel, E.PageTooSmallError, "VB114"),
    ("non-UTF-8 text", _latin1_txt, E.TextEncodingError, "VB111"),
    ("binary .txt", _binary_txt, E.TextEncodingError, "VB111"),
]


@pytest.mark.parametrize(("case", "build", "cls", "code"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_has_its_code(tmp_path: Path, case: str, build: Callable[[Path], Path], cls: type, code: str) -> None:
    path = build(tmp_path)
    with pytest.raises(cls) as info:
        ingest.open_source(path)
    err = info.value
    assert err.code == code
    assert str(path) in str(err) and f"[{code}]" in str(err)
    assert err.hint and not str(err).endswith("..")


def test_codes_are_distinct_and_documented() -> None:
    classes = [getattr(E, name) for name in E.__all__]
    codes = [c.code for c in classes]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert f"| {code} |" in (ingest.__doc__ or ""), code
    assert all(issubclass(c, InputFileError | FileAccessError) for c in classes)


def test_encrypted_with_wrong_and_right_password(tmp_path: Path) -> None:
    path = _encrypted(tmp_path)
    with pytest.raises(EncryptedPdfError, match="password given is wrong"):
        ingest.open_source(path, IngestOptions(password="sai"))
    options = IngestOptions(password="mật-khẩu", dpi=72)
    assert ingest.open_source(path, options).pages == 2
    page = ingest.load_page(path, 2, options)
    assert page.text_layer is TextLayer.real and "Số: 119/KH-UBND" in (page.text or "")


def test_owner_password_only_opens_without_password(tmp_path: Path) -> None:
    path = tmp_path / "owner.pdf"
    with pikepdf.open(_pdf(tmp_path)) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="", owner="owner", allow=pikepdf.Permissions(extract=False)))
    assert ingest.open_source(path).pages == 2


def test_corrupt_xref_is_repaired(tmp_path: Path) -> None:
    data = _pdf(tmp_path, pages=3).read_bytes()
    at = data.rfind(b"xref")
    broken = data[:at] + b"xref\n0 9\nTHIS IS NOT AN XREF TABLE\n" + data[at + 60 :]
    path = tmp_path / "badxref.pdf"
    path.write_bytes(broken)
    info = ingest.open_source(path)
    assert info.pages == 3
    assert ingest.load_page(path, 3, IngestOptions(dpi=72)).text_layer is TextLayer.real


def test_too_many_pages(tmp_path: Path) -> None:
    with pytest.raises(E.TooManyPagesError) as info:
        ingest.open_source(_pdf(tmp_path, pages=3), IngestOptions(max_pages=2))
    assert info.value.code == "VB109" and "3 pages" in str(info.value)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _pdf(tmp_path)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads any mode: make the open itself fail as it would for a user

        def denied(*args: object, **kw: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(ingest, "open", denied, raising=False)
    with pytest.raises(FileAccessError, match="Permission denied") as info:
        ingest.open_source(path)
    assert info.value.code == "VB101"


def test_fifo_is_not_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "pipe.pdf"
    os.mkfifo(path)
    with pytest.raises(FileAccessError, match="not a regular file"):
        ingest.open_source(path)


@pytest.mark.parametrize("page_no", [0, 3, -1])
def test_page_out_of_range(tmp_path: Path, page_no: int) -> None:
    path = _pdf(tmp_path)
    with pytest.raises(E.PageNotFoundError) as info:
        ingest.load_page(path, page_no, IngestOptions(dpi=72))
    assert info.value.code == "VB115" and info.value.page_no == page_no


def test_broken_tiff_frame_fails_only_that_page(tmp_path: Path) -> None:
    frames = [Image.fromarray(page_like_image(seed=i)) for i in range(3)]
    path = tmp_path / "pages.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_adobe_deflate")
    with Image.open(path) as img:
        img.seek(1)
        spans = list(zip(img.tag_v2[273], img.tag_v2[279], strict=True))
    data = bytearray(path.read_bytes())
    for offset, count in spans:
        data[offset : offset + count] = b"\xff" * count
    path.write_bytes(bytes(data))

    assert ingest.open_source(path).pages == 3
    assert ingest.load_page(path, 1).image.shape == (120, 90)
    with pytest.raises(E.CorruptImageError) as info:
        ingest.load_page(path, 2)
    assert info.value.code == "VB112" and info.value.page_no == 2 and "page 2" in str(info.value)
    assert ingest.load_page(path, 3).image is not None


def test_huge_pdf_page_is_rendered_at_lower_dpi(tmp_path: Path) -> None:
    path = tmp_path / "poster.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(72 * 100, 72 * 100))  # 100 x 100 inches
    pdf.save(path)
    page = ingest.load_page(path, 1, IngestOptions(dpi=300, max_image_pixels=4_000_000))
    assert page.width * page.height <= 4_000_000 and page.dpi < 300
    assert any("max_image_pixels" in n for n in page.notes)
