"""Damaged inputs never escape as a raw traceback: ingest raises a VanbanError or reads the file."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import numpy as np
import pytest
from fixture_files import VIETNAMESE_LINES, page_like_image, write_text_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from pipeline import ingest
from pipeline.errors import VanbanError
from pipeline.ingest.pdf import close_cached
from pipeline.options import IngestOptions

OPTS = IngestOptions(dpi=72, max_image_pixels=5_000_000)


def _originals() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as d:
        pdf = write_text_pdf(Path(d) / "a.pdf", [VIETNAMESE_LINES[:2]]).read_bytes()
    out = {".pdf": pdf}
    for suffix, fmt in ((".png", "PNG"), (".jpg", "JPEG"), (".tif", "TIFF")):
        buf = io.BytesIO()
        frames = [Image.fromarray(page_like_image(40, 30, seed=i)) for i in range(2)]
        frames[0].save(buf, fmt, **({"save_all": True, "append_images": frames[1:]} if fmt == "TIFF" else {}))
        out[suffix] = buf.getvalue()
    out[".txt"] = "\f".join(VIETNAMESE_LINES).encode("utf-8")
    return out


ORIGINALS = _originals()


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(ORIGINALS)))
    data = bytearray(ORIGINALS[suffix])
    how = draw(st.sampled_from(["truncate", "flip", "splice"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "flip":
        for _ in range(draw(st.integers(1, 20))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
    else:
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=64))
    return suffix, bytes(data)


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=damaged())
def test_damaged_files_give_coded_errors(tmp_path: Path, case: tuple[str, bytes]) -> None:
    suffix, data = case
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data)
    close_cached()
    try:
        info = ingest.open_source(path, OPTS)
    except VanbanError as exc:
        assert exc.code.startswith("VB1") and str(path) in str(exc)
        return
    for n in range(1, min(info.pages, 3) + 1):
        try:
            page = ingest.load_page(path, n, OPTS)
        except VanbanError as exc:
            assert exc.code.startswith("VB1")
            continue
        assert page.page_no == n
        assert page.image is None or (page.image.dtype == np.uint8 and page.image.size > 0)
