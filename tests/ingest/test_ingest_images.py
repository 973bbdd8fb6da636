"""Page images: every PIL mode we meet in scans becomes an 8-bit array, upright, one frame a page."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from fixture_files import page_like_image
from PIL import Image

from pipeline import ingest
from pipeline.options import IngestOptions
from pipeline.types import TextLayer

GRAY = page_like_image(120, 90)


def _save(tmp: Path, name: str, img: Image.Image, **kw) -> Path:
    path = tmp / name
    img.save(path, **kw)
    return path


CASES = [
    # name, image builder, save kwargs, expected ndim
    ("gray.png", lambda: Image.fromarray(GRAY), {}, 2),
    ("bilevel.png", lambda: Image.fromarray(GRAY).convert("1"), {}, 2),
    ("rgb.jpg", lambda: Image.fromarray(np.dstack([GRAY, GRAY // 2, GRAY])), {"quality": 95}, 3),
    ("gray_as_rgb.png", lambda: Image.fromarray(GRAY).convert("RGB"), {}, 2),
    ("cmyk.jpg", lambda: Image.fromarray(np.dstack([GRAY, GRAY // 2, GRAY])).convert("CMYK"), {}, 3),
    ("cmyk.tif", lambda: Image.fromarray(np.dstack([GRAY, GRAY // 2, GRAY])).convert("CMYK"), {}, 3),
    ("palette.png", lambda: Image.fromarray(np.dstack([GRAY, GRAY, GRAY // 3])).convert("P"), {}, 3),
    # transparent background (black under it) must come out white
    ("rgba.png", lambda: Image.fromarray(np.dstack([GRAY * 0, GRAY * 0, GRAY * 0, np.where(GRAY < 128, 255, 0).astype(np.uint8)])), {}, 2),
    ("gray16.png", lambda: Image.fromarray(GRAY.astype(np.uint16) * 257), {}, 2),
    ("gray16.tif", lambda: Image.fromarray(GRAY.astype(np.uint16) * 257), {}, 2),
    ("scan.bmp", lambda: Image.fromarray(GRAY), {}, 2),
]


@pytest.mark.parametrize(("name", "build", "kw", "ndim"), CASES, ids=[c[0] for c in CASES])
def test_modes_become_8bit(tmp_path: Path, name: str, build, kw: dict, ndim: int) -> None:
    path = _save(tmp_path, name, build(), **kw)
    info = ingest.open_source(path)
    assert (info.kind, info.pages) == ("image", 1)
    page = ingest.load_page(path, 1)
    img = page.image
    assert img.dtype == np.uint8 and img.ndim == ndim and img.flags.c_contiguous
    assert (page.height, page.width) == (120, 90) == img.shape[:2]
    assert page.text_layer is TextLayer.absent and page.text is None
    # The dark bars of the page survive every conversion (within JPEG/CMYK tolerance).
    gray = img if img.ndim == 2 else img.mean(axis=2)
    dark = GRAY < 128
    assert gray[dark].mean() < 90 and gray[~dark].mean() > 150


def test_16bit_scales_instead_of_clipping(tmp_path: Path) -> None:
    ramp = (np.arange(256, dtype=np.uint16) * 257).reshape(16, 16).repeat(2, 0).repeat(2, 1)
    page = ingest.load_page(_save(tmp_path, "ramp.png", Image.fromarray(ramp)), 1)
    assert page.image.min() == 0 and page.image.max() == 255 and len(np.unique(page.image)) == 256


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = Image.fromarray(GRAY)  # 120 high, 90 wide
    exif = img.getexif()
    exif[0x0112] = 6  # the camera held sideways: rotate 90 degrees clockwise to view
    path = _save(tmp_path, "photo.jpg", img, exif=exif, quality=95)
    page = ingest.load_page(path, 1)
    assert page.image.shape == (90, 120)


def test_multipage_tiff_one_frame_per_page(tmp_path: Path) -> None:
    frames = [Image.fromarray(page_like_image(100 + 10 * i, 80, seed=i)) for i in range(3)]
    path = tmp_path / "fax.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(200, 200))
    assert ingest.open_source(path).pages == 3
    for n in (3, 1, 2):
        page = ingest.load_page(path, n)
        assert page.page_no == n and page.image.shape == (100 + 10 * (n - 1), 80)
        assert np.array_equal(page.image, np.asarray(frames[n - 1]))
        assert page.dpi == 200


def test_dpi_defaults_when_missing_or_absurd(tmp_path: Path) -> None:
    path = _save(tmp_path, "nodpi.png", Image.fromarray(GRAY))
    assert ingest.load_page(path, 1, IngestOptions(dpi=250)).dpi == 250
    path = _save(tmp_path, "tiny_dpi.png", Image.fromarray(GRAY), dpi=(1, 1))
    assert ingest.load_page(path, 1, IngestOptions(dpi=300)).dpi == 300


def test_frame_over_pixel_limit_is_refused_on_load(tmp_path: Path) -> None:
    big = np.full((1100, 1000), 255, np.uint8)
    path = tmp_path / "two.tif"
    Image.fromarray(GRAY).save(path, save_all=True, append_images=[Image.fromarray(big)])
    options = IngestOptions(max_image_pixels=1_000_000)
    assert ingest.open_source(path, options).pages == 2  # the first frame is fine
    with pytest.raises(ingest.errors.ImageTooLargeError) as info:
        ingest.load_page(path, 2, options)
    assert info.value.page_no == 2 and "1000x1100" in str(info.value)
