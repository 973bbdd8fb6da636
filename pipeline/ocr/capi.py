"""Tesseract in this process, through its C API (``libtesseract.so.5``, ctypes): no process, temp
file or model load per call.

``tesseract IMAGE - -l vie`` pays ~0.1 CPU s a process to start and load ``vie``; a page read by
vanban needed two or three such processes (the page or its header parts, the table cells, the
psm 8 retry of short cells), each also writing its images to temp files for Tesseract to decode
again.  Here one ``TessBaseAPI`` per process (made on first use, so forked page workers each get
their own) reads the grey arrays as they are, with the same settings as the command line
(``--psm N -c tessedit_do_invert=0``), and returns the same TSV rows as
``pytesseract.image_to_data`` (same library, same image, same result: the OCR tests and the
benchmark's texts are unchanged).

``available()`` is False where the library (or the ``vie`` model through it) cannot be loaded;
callers then use the Tesseract executable through pytesseract, as before.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import time
from typing import Any

import numpy as np

_LIB_NAMES = ("libtesseract.so.5", "libtesseract.so", "libtesseract.5.dylib", "libtesseract.dylib")
# TSV columns of Tesseract's word data, in its order (as pytesseract's Output.DICT keys).
TSV_KEYS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
            "left", "top", "width", "height", "conf", "text")

_lib: Any = None
_load_failed = False
# One API per (process, thread, language): a forked worker must not share its parent's handle,
# and a TessBaseAPI is not to be used from two threads at once.
_apis: dict[tuple[int, int, str], Any] = {}  # the str: the language, or "DATAPATH:language"


def _load() -> Any:
    global _lib, _load_failed
    if _lib is not None or _load_failed:
        return _lib
    if os.environ.get("VANBAN_TESSERACT_API", "1") == "0":  # the command line, as before (comparisons)
        _load_failed = True
        return None
    os.environ["OMP_THREAD_LIMIT"] = "1"  # read by libgomp when it is loaded with the library
    lib = None
    for name in (*_LIB_NAMES, ctypes.util.find_library("tesseract")):
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError:
            continue
    if lib is None:
        _load_failed = True
        return None
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    sigs = {
        "TessBaseAPICreate": ([], vp),
        "TessBaseAPIInit3": ([vp, cp, cp], ci),
        "TessBaseAPISetVariable": ([vp, cp, cp], ci),
        "TessBaseAPISetPageSegMode": ([vp, ci], None),
        "TessBaseAPISetImage": ([vp, vp, ci, ci, ci, ci], None),
        "TessBaseAPIRecognize": ([vp, vp], ci),
        "TessBaseAPIGetTsvText": ([vp, ci], vp),
        "TessBaseAPIClear": ([vp], None),
        "TessBaseAPIDelete": ([vp], None),
        "TessBaseAPIEnd": ([vp], None),
        "TessDeleteText": ([vp], None),
        "TessMonitorCreate": ([], vp),
        "TessMonitorDelete": ([vp], None),
        "TessMonitorSetDeadlineMSecs": ([vp, ci], None),
    }
    try:
        for fname, (args, res) in sigs.items():
            fn = getattr(lib, fname)
            fn.argtypes, fn.restype = args, res
    except AttributeError:
        _load_failed = True
        return None
    _lib = lib
    return lib


def _api(lang: str, datapath: str | None = None) -> Any:
    key = (os.getpid(), threading.get_ident(), lang if datapath is None else f"{datapath}:{lang}")
    api = _apis.get(key)
    if api is None:
        lib = _load()
        if lib is None:
            return None
        api = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(api, datapath.encode() if datapath else None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(api)
            return None
        # As BASE_CONFIG on the command line: no inverted-text retry.
        lib.TessBaseAPISetVariable(api, b"tessedit_do_invert", b"0")
        # Tesseract's messages ("Estimating resolution as 273") went to pytesseract's pipe: drop them.
        lib.TessBaseAPISetVariable(api, b"debug_file", os.devnull.encode())
        if not _apis:
            atexit.register(_end)
        _apis[key] = api
    return api


def _end() -> None:
    """Free this process's APIs (else Tesseract's model cache warns of leaks at exit)."""
    for key in [k for k in _apis if k[0] == os.getpid()]:
        api = _apis.pop(key)
        _lib.TessBaseAPIEnd(api)
        _lib.TessBaseAPIDelete(api)


def available(lang: str, datapath: str | None = None) -> bool:
    """Can this process read ``lang`` (from ``datapath``, default Tesseract's) through the library?"""
    return _api(lang, datapath) is not None


def read_tsv(images: list[np.ndarray], lang: str, psm: int, end: float,
             datapath: str | None = None) -> tuple[dict[str, list[Any]], bool]:
    """Word data of each grey image (``page_num`` = 1-based index in ``images``), as
    pytesseract's ``image_to_data(..., output_type=DICT)`` of a list file; and whether the time
    ran out (``end`` on ``time.monotonic``'s clock: Tesseract stops recognising at its monitor's
    deadline).  ``datapath``: a folder holding ``LANG.traineddata`` (default: Tesseract's own)."""
    lib = _load()
    api = _api(lang, datapath)
    if lib is None or api is None:
        raise RuntimeError(f"Tesseract's library cannot read {lang!r} in this process")
    data: dict[str, list[Any]] = {k: [] for k in TSV_KEYS}
    lib.TessBaseAPISetPageSegMode(api, int(psm))
    monitor = lib.TessMonitorCreate()
    timed_out = False
    try:
        for k, image in enumerate(images):
            img = np.ascontiguousarray(image, dtype=np.uint8)
            h, w = img.shape[:2]
            lib.TessBaseAPISetImage(api, img.ctypes.data, w, h, 1, int(img.strides[0]))
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int((end - time.monotonic()) * 1000)))
            failed = lib.TessBaseAPIRecognize(api, monitor) != 0
            if time.monotonic() >= end:
                timed_out = True
                break
            if failed:  # nothing recognisable (the command line would print nothing either)
                continue
            raw = lib.TessBaseAPIGetTsvText(api, k)
            try:
                text = ctypes.string_at(raw).decode("utf-8", "replace") if raw else ""
            finally:
                if raw:
                    lib.TessDeleteText(raw)
            _add_rows(data, text, k + 1)
    finally:
        lib.TessMonitorDelete(monitor)
        lib.TessBaseAPIClear(api)
    return data, timed_out


def _add_rows(data: dict[str, list[Any]], tsv: str, page: int) -> None:
    for row in tsv.split("\n"):
        cols = row.split("\t")
        if len(cols) < len(TSV_KEYS) - 1:
            continue
        if len(cols) == len(TSV_KEYS) - 1:
            cols.append("")
        cols[1] = str(page)
        # The command line's TSV has whole-number confidences (truncated); so do these rows.
        cols[10] = str(int(float(cols[10]))) if cols[10] else cols[10]
        for key, value in zip(TSV_KEYS, cols, strict=False):
            data[key].append(value)
