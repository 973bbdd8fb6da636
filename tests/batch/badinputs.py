"""The reliability corpus: makers of bad (and merely unusual) inputs, each with the outcome it must
give in report.jsonl.  Used by tests/batch and scripts/reliability/suite.py; built fresh in a temp
folder, never shipped.

``expect`` is the set of acceptable report codes; ``None`` in it means "no error" (success).
``cost`` is "cheap" (rejected before OCR, or a tiny .txt), "ocr" (a tiny page through Tesseract)
or "slow" (big inputs: only the script runs them).
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
TEXT = "Quy định chung"


@dataclass(frozen=True)
class Case:
    """One kind of bad input: files it creates (relative paths) and the codes allowed in the report."""

    name: str
    make: Callable[[str], list[str]]
    expect: frozenset[str | None]
    cost: str = "cheap"
    note: str = ""


def _write(root: str, rel: str, data: bytes) -> list[str]:
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return [rel]


def text_image(text: str = TEXT, size: tuple[int, int] = (330, 70), mode: str = "L") -> Any:
    """A small, clean page image holding one line of Vietnamese text."""
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("L", size, 255)
    ImageDraw.Draw(im).text((20, 20), text, font=ImageFont.truetype(FONT, 34), fill=0)
    return im.convert(mode) if mode != "L" else im


def _png(im: Any, **kw: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG", **kw)  # type: ignore[attr-defined]
    return buf.getvalue()


def image_pdf(im: Any | None = None) -> bytes:
    """A one-page image-only PDF (a scan)."""
    buf = io.BytesIO()
    (im or text_image()).save(buf, "PDF", resolution=150.0)  # type: ignore[attr-defined]
    return buf.getvalue()


def _huge_png(width: int, height: int) -> bytes:
    """A 1-bit PNG with huge dimensions but a tiny file (all-white rows compress ~1000:1)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _pikepdf_variant(root: str, rel: str, how: str) -> list[str]:
    import pikepdf

    # A blank scanned page: these cases test opening the PDF, and a blank page skips Tesseract.
    pdf = pikepdf.open(io.BytesIO(image_pdf(_blank())))
    kw: dict[str, object] = {}
    if how == "user_pw":
        kw["encryption"] = pikepdf.Encryption(owner="owner", user="secret")
    elif how == "owner_only":
        kw["encryption"] = pikepdf.Encryption(owner="owner", user="", allow=pikepdf.Permissions(extract=False))
    elif how == "javascript":
        js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x');")))
        pdf.Root.OpenAction = js
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), js])))
    buf = io.BytesIO()
    pdf.save(buf, **kw)  # type: ignore[arg-type]
    return _write(root, rel, buf.getvalue())


def _zero_pages(root: str) -> list[str]:
    import pikepdf

    buf = io.BytesIO()
    pikepdf.new().save(buf)
    return _write(root, "zero_pages.pdf", buf.getvalue())


def _corrupt_xref(root: str) -> list[str]:
    data = bytearray(image_pdf(_blank()))
    at = data.rfind(b"xref")
    for i in range(at + 4, len(data)):  # scramble every offset digit of the xref table
        if data[i : i + 7] == b"trailer":
            break
        if 48 <= data[i] <= 57:
            data[i] = 48 + (data[i] * 7 + i) % 10
    return _write(root, "corrupt_xref.pdf", bytes(data))


def _broken_tiff_frame(root: str) -> list[str]:
    """Two-frame TIFF whose second frame's strip points past the end of the file."""
    im = text_image()
    buf = io.BytesIO()
    im.save(buf, "TIFF", save_all=True, append_images=[text_image("Trang hai")], compression="raw")
    data = bytearray(buf.getvalue())
    endian = "<" if data[:2] == b"II" else ">"
    first = struct.unpack(endian + "I", data[4:8])[0]
    n = struct.unpack(endian + "H", data[first : first + 2])[0]
    second = struct.unpack(endian + "I", data[first + 2 + 12 * n : first + 6 + 12 * n])[0]
    n2 = struct.unpack(endian + "H", data[second : second + 2])[0]
    for k in range(n2):
        e = second + 2 + 12 * k
        tag, typ, count = struct.unpack(endian + "HHI", data[e : e + 8])
        if tag == 273:  # StripOffsets
            if count == 1:
                data[e + 8 : e + 12] = struct.pack(endian + "I", len(data) + 10_000_000)
            else:  # a pointer to the offsets array: point each offset past the end
                ptr = struct.unpack(endian + "I", data[e + 8 : e + 12])[0]
                size = 4 if typ == 4 else 2
                for j in range(count):
                    fmt = endian + ("I" if size == 4 else "H")
                    data[ptr + j * size : ptr + (j + 1) * size] = struct.pack(fmt, min(len(data) + 10_000, 0xFFFF if size == 2 else 0xFFFFFFFF))
    return _write(root, "broken_frame.tif", bytes(data))


def _noise(root: str) -> list[str]:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    return _write(root, "noise.png", _png(Image.fromarray(rng.integers(0, 256, (64, 96), dtype=np.uint8))))


def _sixteen_bit(root: str) -> list[str]:
    import numpy as np
    from PIL import Image

    arr = np.asarray(text_image(), dtype=np.uint16) * 257
    return _write(root, "gray16.png", _png(Image.fromarray(arr)))


def _cmyk(root: str) -> list[str]:
    buf = io.BytesIO()
    text_image(mode="CMYK").save(buf, "JPEG", quality=95)  # type: ignore[attr-defined]
    return _write(root, "cmyk.jpg", buf.getvalue())


def _symlinks(root: str) -> list[str]:
    os.symlink("loop_b.pdf", os.path.join(root, "loop_a.pdf"))
    os.symlink("loop_a.pdf", os.path.join(root, "loop_b.pdf"))
    os.symlink(".", os.path.join(root, "dirloop"))  # a folder loop: must not recurse forever
    return ["loop_a.pdf", "loop_b.pdf"]


def _fifo(root: str) -> list[str]:
    os.mkfifo(os.path.join(root, "fifo.pdf"))  # opening it would block forever: must never be opened
    return ["fifo.pdf"]


def _dir_named_pdf(root: str) -> list[str]:
    os.makedirs(os.path.join(root, "folder.pdf"))
    return ["folder.pdf"]


def _dangling(root: str) -> list[str]:
    os.symlink("does-not-exist.png", os.path.join(root, "dangling.png"))
    return ["dangling.png"]


def _big_line(root: str) -> list[str]:
    unit = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; ".encode()
    return _write(root, "big_single_line.txt", unit * (50 * 1024 * 1024 // len(unit)))


def _case_dups(root: str) -> list[str]:
    return _write(root, "Dup.txt", "Văn bản A".encode()) + _write(root, "dup.txt", "Văn bản B".encode())


def _w(rel: str, data: bytes) -> Callable[[str], list[str]]:
    return lambda root: _write(root, rel, data)


def _png_case(rel: str, make_im: Callable[[], Any]) -> Callable[[str], list[str]]:
    return lambda root: _write(root, rel, _png(make_im()))


def _blank() -> Any:
    from PIL import Image

    return Image.new("L", (300, 400), 255)


def _one_px() -> Any:
    from PIL import Image

    return Image.new("L", (1, 1), 0)


def _upside_down() -> Any:
    return text_image().rotate(180)  # type: ignore[attr-defined]


OK: frozenset[str | None] = frozenset({None})

CASES: tuple[Case, ...] = (
    Case("empty file", _w("empty.pdf", b""), frozenset({"VB103"})),
    Case("zero-page PDF", _zero_pages, frozenset({"VB106"})),
    Case("truncated PDF", lambda r: _write(r, "truncated.pdf", image_pdf()[:400]), frozenset({"VB105"})),
    Case("corrupt xref (repaired on open)", _corrupt_xref, OK, "ocr", "pdfium rebuilds the xref"),
    Case("encrypted PDF, user password", lambda r: _pikepdf_variant(r, "encrypted_user.pdf", "user_pw"), frozenset({"VB102"})),
    Case("encrypted PDF, owner password only", lambda r: _pikepdf_variant(r, "encrypted_owner.pdf", "owner_only"), OK, "ocr", "opens without a password"),
    Case("PDF with a JavaScript action", lambda r: _pikepdf_variant(r, "javascript.pdf", "javascript"), OK, "ocr", "the script is never run"),
    Case("decompression-bomb PNG (60000 x 60000)", lambda r: _write(r, "bomb.png", _huge_png(60000, 60000)), frozenset({"VB107"})),
    Case("20000 x 20000 px page", lambda r: _write(r, "huge_20000.png", _huge_png(20000, 20000)), frozenset({"VB107"}), "cheap", "over ingest.max_image_pixels (2e8)"),
    Case("1-pixel page", _png_case("one_pixel.png", _one_px), frozenset({"VB114"})),
    Case("blank page", _png_case("blank.png", _blank), OK, "cheap", "empty text, no error"),
    Case("pure-noise page", _noise, OK, "ocr"),
    Case("upside-down page", _png_case("upside_down.png", _upside_down), OK, "ocr"),
    Case("CMYK JPEG", _cmyk, OK, "ocr"),
    Case("16-bit grayscale PNG", _sixteen_bit, OK, "ocr"),
    Case("multi-page TIFF with a broken frame", _broken_tiff_frame, frozenset({"VB112"}), "ocr", "partial: frame 1 kept"),
    Case("non-PDF with a .pdf name", _w("not_a.pdf", "Tôi không phải PDF\n".encode()), frozenset({"VB104"})),
    Case("symlink loop", _symlinks, frozenset({"VB101"})),
    Case("unreadable: FIFO named .pdf", _fifo, frozenset({"VB101"}), "cheap", "root reads any mode, so a FIFO stands in"),
    Case("unreadable: folder named .pdf", _dir_named_pdf, frozenset({"VB101"})),
    Case("unreadable: dangling symlink", _dangling, frozenset({"VB101"})),
    Case("non-UTF-8 .txt (CP1258)", _w("cp1258.txt", "Quy định chung".encode("cp1258", "replace") + b"\xd2\xde\xec"), frozenset({"VB111"})),
    Case("UTF-16 .txt with BOM", _w("utf16.txt", "Quy định chung".encode("utf-16")), OK),
    Case("binary .txt", _w("binary.txt", bytes(range(256)) * 16), frozenset({"VB111"})),
    Case("50 MB single-line .txt", _big_line, frozenset({None, "VB603"}), "slow", "bounded by the per-file timeout"),
    Case("right-to-left text", _w("rtl.txt", "مرحبا بالعالم — שלום עולם\n".encode()), OK),
    Case("CJK text", _w("cjk.txt", "越南社会主义共和国 独立 自由 幸福\n".encode()), OK),
    Case("name with spaces and Vietnamese", _w("Quyết định số 12 năm 2020.txt", "Quyết định".encode()), OK),
    Case("name with a newline", _w("two\nlines.txt", "Văn bản".encode()), OK),
    Case("duplicates differing only in case", _case_dups, OK),
)
