"""Page images (PNG, JPEG, TIFF incl. multi-page, BMP, WebP) as 8-bit numpy arrays."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.ingest.errors import (
    CorruptImageError,
    FileAccessError,
    ImageTooLargeError,
    PageNotFoundError,
    PageTooSmallError,
    UnsupportedTypeError,
)
from pipeline.options import IngestOptions
from pipeline.types import SourcePage, TextLayer

FORMATS = ("PNG", "JPEG", "TIFF", "BMP", "WEBP", "MPO")
MIN_SIDE_PX = 16


def _open(path: str) -> Image.Image:
    # Our own pixel limit (ingest.max_image_pixels) replaces PIL's global one, checked before decoding.
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = Image.open(path)
    except UnidentifiedImageError as exc:
        raise UnsupportedTypeError("not an image format vanban reads", path=path) from exc
    except OSError as exc:
        if exc.errno is not None:
            raise FileAccessError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
        raise CorruptImageError(f"cannot read the image header ({exc})", path=path) from exc
    except Exception as exc:  # noqa: BLE001 - PIL raises TypeError, SyntaxError, struct.error... on damage
        raise CorruptImageError(f"cannot read the image header ({type(exc).__name__}: {exc})", path=path) from exc
    if img.format not in FORMATS:
        img.close()
        raise UnsupportedTypeError(f"{img.format} images are not supported", path=path)
    return img


def _check_size(img: Image.Image, path: str, page_no: int | None, options: IngestOptions) -> None:
    w, h = img.size
    if w * h > options.max_image_pixels:
        raise ImageTooLargeError(
            f"image is {w}x{h} = {w * h:,} pixels, over ingest.max_image_pixels={options.max_image_pixels:,} "
            "(a possible decompression bomb)",
            path=path,
            page_no=page_no,
        )
    if min(w, h) < MIN_SIDE_PX:
        raise PageTooSmallError(f"image is {w}x{h} pixels, too small to hold text", path=path, page_no=page_no)


def count_frames(path: str, options: IngestOptions) -> int:
    """Number of pages (frames) of an image file, checking the first one's size."""
    with _open(path) as img:
        _check_size(img, path, None, options)
        n, broken = _frames(img)
        if n == 0:
            raise CorruptImageError("cannot read any frame of the image", path=path)
        # A broken frame chain (a truncated TIFF): the frames before the break are pages, and one
        # more page, which fails, stands for the rest, so the result is partial, not complete.
        return n + 1 if broken else n


def _frames(img: Image.Image) -> tuple[int, bool]:
    """(frames whose headers can be read, whether the chain breaks after them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return int(getattr(img, "n_frames", 1)), False
        except Exception:  # noqa: BLE001 - a damaged frame chain: walk it as far as it goes
            pass
        n = 0
        while True:
            try:
                img.seek(n)
            except EOFError:
                return n, False
            except Exception:  # noqa: BLE001 - PIL raises TypeError, struct.error... at the break
                return n, True
            n += 1


def to_array(img: Image.Image) -> np.ndarray[Any, np.dtype[np.uint8]]:
    """8-bit gray (H, W) or RGB (H, W, 3): CMYK, palette, alpha, 1-bit and 16-bit converted."""
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        top = 65535.0 if mode.startswith("I;16") or arr.max(initial=0) > 255 else 255.0
        if mode in ("I", "F") and arr.max(initial=0) > 65535:
            top = float(arr.max())
        return np.clip(arr * (255.0 / top), 0, 255).round().astype(np.uint8)
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba).convert("RGB")
    elif mode in ("1", "L"):
        img = img.convert("L")
    else:  # RGB, CMYK, YCbCr, LAB, HSV, P
        img = img.convert("RGB")
    arr = np.asarray(img, dtype=np.uint8)
    if arr.ndim == 3 and np.array_equal(arr[:, :, 0], arr[:, :, 1]) and np.array_equal(arr[:, :, 1], arr[:, :, 2]):
        arr = arr[:, :, 0]  # a gray image stored as RGB
    return np.ascontiguousarray(arr)


def _dpi(img: Image.Image, default: int) -> int:
    dpi = img.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 70 <= value <= 1200 else default


def load_image_page(path: str, page_no: int, options: IngestOptions) -> SourcePage:
    """Decode one frame, apply its EXIF orientation, and return it as a page to OCR."""
    with _open(path) as img:
        n, broken = _frames(img)
        if broken and page_no == n + 1:
            raise CorruptImageError(f"the image is truncated: frame {page_no} and any after it are lost "
                                    f"({n} frame(s) could be read)", path=path, page_no=page_no)
        if not 1 <= page_no <= n:
            raise PageNotFoundError(f"page {page_no} does not exist (the image has {n})", path=path, page_no=page_no)
        try:
            img.seek(page_no - 1)
            _check_size(img, path, page_no, options)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                img.load()
                frame = ImageOps.exif_transpose(img) or img
                arr = to_array(frame)
        except (ImageTooLargeError, PageTooSmallError):
            raise
        except Exception as exc:  # noqa: BLE001 - PIL raises many kinds on damaged data
            raise CorruptImageError(f"cannot decode this frame of the image ({exc})", path=path, page_no=page_no) from exc
        dpi = _dpi(img, options.dpi)
    return SourcePage(page_no, path, arr.shape[1], arr.shape[0], dpi, arr, TextLayer.absent)
