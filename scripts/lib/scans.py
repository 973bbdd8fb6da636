"""Synthetic scans with exact ground truth: lay out, render, degrade, write PDF + .gt.txt + .gt.json.

``make_scan(out_dir, name, seed=..., pages=..., degrade=...)`` is what scripts/data/make_scans.py and
the tests call.  Outputs, beside each other:

* ``NAME.pdf``: image-only PDF (one JPEG per page; lossless Flate when ``degrade="none"``);
* ``NAME.gt.txt``: the printed text, page by page (pages separated by ``\\f``), one printed line
  per line, in the reading order described in ``scans_layout``;
* ``NAME.gt.json``: the structure in the ``vanban.document`` contract (issue 5), plus per-page
  text, the degradation applied (``rotated``: degrees the page image was turned clockwise,
  ``skew``: degrees of small rotation) and the tables as printed on each page.  Conventions:
  ``kind`` is plan / congvan / party; ``addressees`` holds the "Kính gửi" list of a công văn
  (whose ``summary`` is the V/v text without "V/v"); bases and recipients drop their final
  ";" or "."; a section's ``text`` is its own paragraphs joined by newlines (children apart), and
  a numbered paragraph or lettered point ("a) ...") has an empty ``title`` and its text without
  the label; a table row split by a page break is one row with ``page_no`` and
  ``continued_on_page``;
* ``NAME.clean.pdf`` (``clean=True``): the same pages undegraded; ``NAME.digital.pdf``
  (``born_digital=True``): a born-digital PDF with a real text layer, same layout (reportlab).
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw

from scripts.lib.scans_layout import PAGE_H, PAGE_W, Layout, Page, font, font_path, layout
from scripts.lib.scans_text import (
    KINDS,
    DocSpec,
    Section,
    as_kind,
    corpus_paragraphs,
    date_line,
    generate_doc,
)

# angle (deg), blur sigma, noise sigma, speckle share, JPEG quality, DPI choices; "strong" also
# darkens one side (uneven lighting) and, on half the pages, adds a dark scanner-lid border band.
LEVELS: dict[str, tuple[Any, ...]] = {
    "none": (0.0, (0.0, 0.0), (0.0, 0.0), 0.0, 95, (200,)),
    "mild": (1.0, (0.3, 0.6), (2.0, 5.0), 0.0003, (60, 80), (200, 250, 300)),
    "strong": (2.0, (0.6, 1.1), (8.0, 16.0), 0.002, (35, 60), (150, 200)),
}


FILLER = "Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm."


@dataclass(frozen=True)
class ScanFiles:
    pdf: Path
    gt_txt: Path
    gt_json: Path
    clean_pdf: Path | None = None
    digital_pdf: Path | None = None


Trim = tuple[str, Any, int]


def _trim_candidates(spec: DocSpec) -> list[Trim]:
    """What may go to make the body fit, least important first: extra paragraphs, points,
    bases beyond two, bullets, then long paragraphs cut to their first sentence."""
    extra: list[Trim] = []
    points: list[Trim] = []
    bullets: list[Trim] = []  # kept longer than prose: parsers need "-" and "+" lines to see
    shorten: list[Trim] = []

    def walk(s: Section) -> None:
        for i in range(len(s.paragraphs) - 1, 0, -1):
            (bullets if s.paragraphs[i][:2] in ("- ", "+ ") else extra).append(("para", s, i))
        points.extend(("child", s, i) for i in range(len(s.children) - 1, 0, -1))
        shorten.extend(("short", s, i) for i, p in enumerate(s.paragraphs) if ". " in p[:-1])
        for c in s.children:
            walk(c)

    for s in spec.sections:
        walk(s)
    bases: list[Trim] = [("base", spec, i) for i in range(len(spec.bases) - 1, 1, -1)]
    return extra + points + bases + bullets + shorten


def _trimmed(spec: DocSpec, k: int) -> DocSpec:
    new = copy.deepcopy(spec)
    drops = _trim_candidates(new)[:k]
    for kind, obj, i in drops:  # mark first, remove after: indices stay valid
        if kind == "para":
            obj.paragraphs[i] = ""
        elif kind == "child":
            obj.children[i] = Section("", "")
        elif kind == "base":
            obj.bases[i] = ""
        elif obj.paragraphs[i]:
            obj.paragraphs[i] = obj.paragraphs[i].split(". ")[0] + "."
    for kind, obj, _ in drops:
        if kind == "base":
            obj.bases = [b for b in obj.bases if b]
        else:
            obj.paragraphs = [p for p in obj.paragraphs if p]
            obj.children = [c for c in obj.children if c.label]
    return new


def fit(spec: DocSpec, pages: int) -> tuple[DocSpec, int, Layout]:
    """Trim the body to ``max(1, pages // 2)`` pages and fill the rest with appendix rows."""
    body_pages = max(1, pages // 2) if spec.rows else pages
    table_pages = pages - body_pages
    lo, hi = 0, len(_trim_candidates(spec))
    while lo < hi:  # fewest trims that make the body fit
        mid = (lo + hi) // 2
        if len(layout(_trimmed(spec, mid), 0).pages) <= body_pages:
            hi = mid
        else:
            lo = mid + 1
    spec = _trimmed(spec, lo)
    if table_pages == 0:
        return spec, 0, layout(spec, 0)
    lo, hi = 1, len(spec.rows)
    while lo < hi:  # most rows that keep the page count
        mid = (lo + hi + 1) // 2
        if len(layout(spec, mid).pages) <= body_pages + table_pages:
            lo = mid
        else:
            hi = mid - 1
    n_rows = lo - 1 if lo > 1 and spec.rows[lo - 1][0] == "group" else lo
    lay = layout(spec, n_rows)
    for _ in range(8):  # make sure one row straddles a page break (parsers must merge it)
        if table_pages < 2 or any(a != b for a, b in lay.row_pages):
            break
        last = max(i for i, (a, _b) in enumerate(lay.row_pages) if a == lay.appendix_page)
        j = next((i for i in range(last, -1, -1) if spec.rows[i][0] == "item"), None)
        if j is None:
            break
        kind, cells = spec.rows[j]
        spec.rows[j] = (kind, [cells[0], f"{cells[1]} {FILLER}", *cells[2:]])
        lay = layout(spec, n_rows)
        while len(lay.pages) > pages and n_rows > 1:
            n_rows -= 1
            lay = layout(spec, n_rows)
    return spec, n_rows, lay


def render(page: Page, dpi: int) -> np.ndarray:
    """Draw a page's operations on white at ``dpi`` (8-bit gray)."""
    s = dpi / 72
    img = Image.new("L", (round(PAGE_W * s), round(PAGE_H * s)), 255)
    draw = ImageDraw.Draw(img)
    for op in page.ops:
        if op.kind == "text":
            draw.text((op.x * s, op.y * s), op.text, fill=0, font=font(op.style, max(1, round(op.size * s))), anchor="ls")
        else:
            draw.line([(op.x * s, op.y * s), (op.x1 * s, op.y1 * s)], fill=0, width=max(1, round(0.75 * s)))
    return np.asarray(img).copy()


def degrade(img: np.ndarray, level: str, rng: random.Random) -> tuple[np.ndarray, float, int]:
    """Skew, paper tone, blur, noise and speckles as a scanner would; returns (image, skew, quality)."""
    angle_max, blur, noise, speckle, quality, _ = LEVELS[level]
    q = quality if isinstance(quality, int) else rng.randint(*quality)
    if level == "none":
        return img, 0.0, q
    nrng = np.random.default_rng(rng.randrange(2**32))
    angle = round(rng.uniform(-angle_max, angle_max), 2)
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out: np.ndarray = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255).astype(np.float32)
    paper = rng.uniform(228, 250)
    out = out * (paper / 255.0)
    sigma = rng.uniform(*blur)
    if sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), sigma)
    if level == "strong":  # uneven lighting and a dark scanner-lid border: what border removal is for
        ramp = np.linspace(rng.uniform(0.82, 0.95), 1.0, w if rng.random() < 0.5 else h, dtype=np.float32)
        out *= ramp[None, :] if ramp.size == w else ramp[:, None]
        if rng.random() < 0.5:
            band = max(2, int(w * rng.uniform(0.01, 0.03)))
            shade = rng.uniform(30, 90)
            if rng.random() < 0.5:
                out[:, :band] = shade
            else:
                out[:, w - band :] = shade
    out += nrng.normal(0, rng.uniform(*noise), out.shape).astype(np.float32)
    mask = nrng.random(out.shape) < speckle
    out[mask] = nrng.choice([0.0, 255.0], size=int(mask.sum()))
    return np.clip(out, 0, 255).astype(np.uint8), angle, q


def encode_page(img: np.ndarray, quality: int | None) -> tuple[bytes, bytes, int, int]:
    """(data, PDF filter, width, height) of a gray page image: JPEG, or lossless Flate if no quality."""
    h, w = img.shape
    if quality:
        buf = io.BytesIO()
        Image.fromarray(img).save(buf, "JPEG", quality=quality, optimize=True)
        return buf.getvalue(), b"/DCTDecode", w, h
    return zlib.compress(img.tobytes(), 6), b"/FlateDecode", w, h


def write_image_pdf(path: Path, pages: list[tuple[bytes, bytes, int, int]], dpi: int) -> None:
    """A minimal, deterministic image-only PDF: one encoded gray image per page."""
    objs: list[bytes] = [b"", b""]  # 1: catalog, 2: pages (filled last)
    kids = []
    for data, filt, w, h in pages:
        wpt, hpt = w * 72 / dpi, h * 72 / dpi
        img_no, content_no, page_no = len(objs) + 1, len(objs) + 2, len(objs) + 3
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Filter %s /Length %d >>\nstream\n" % (w, h, filt, len(data)) + data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (wpt, hpt)
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> "
                    b"/Contents %d 0 R >>" % (wpt, hpt, img_no, content_no))
        kids.append(b"%d 0 R" % page_no)
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def write_digital_pdf(path: Path, lay: Layout) -> None:
    """The same layout as a born-digital PDF with a real text layer (needs reportlab)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    for style in ("r", "b", "i", "bi"):
        if f"VB-{style}" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(f"VB-{style}", font_path(style)))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setLineWidth(0.75)
    for page in lay.pages:
        for op in page.ops:
            if op.kind == "text":
                c.setFont(f"VB-{op.style}", op.size)
                c.drawString(op.x, PAGE_H - op.y, op.text)
            else:
                c.line(op.x, PAGE_H - op.y, op.x1, PAGE_H - op.y1)
        c.showPage()
    c.save()


def _section_json(s: Section, pages: dict[int, int]) -> dict[str, Any]:
    return {"label": s.label, "title": s.title, "text": "\n".join(s.paragraphs), "page_no": pages[id(s)],
            "children": [_section_json(c, pages) for c in s.children]}


def ground_truth(spec: DocSpec, n_rows: int, lay: Layout) -> dict[str, Any]:
    """The structure in the vanban.document contract (issue 5) for a laid-out spec."""
    rows = [{"kind": k, "cells": cells, "page_no": a, **({"continued_on_page": b} if b != a else {})}
            for (k, cells), (a, b) in zip(spec.rows[:n_rows], lay.row_pages, strict=True)]
    appendices = []
    if n_rows:
        appendices.append({"label": "PHỤ LỤC", "title": spec.appendix_title, "issued_with": spec.appendix_issued_with,
                           "page_no": lay.appendix_page, "tables": [{"columns": spec.columns, "rows": rows}]})
    return {
        "schema": "vanban.document",
        "schema_version": "1.0",
        "header": {
            "authority": spec.authority, "parent_authority": spec.parent_authority,
            "motto": " / ".join(spec.motto_lines),
            "number": spec.number, "place": spec.place, "date": spec.date.isoformat(),
            "date_text": date_line(spec.place, spec.date), "doc_type": spec.doc_type, "summary": spec.summary,
        },
        "kind": spec.kind,
        "addressees": spec.addressees,
        "bases": spec.bases,
        "sections": [_section_json(s, lay.section_pages) for s in spec.sections],
        "appendices": appendices,
        "signature": spec.signature,
        "recipients": [r.rstrip(";.") for r in spec.recipients],
    }


def make_scan(out_dir: str | Path, name: str, *, seed: int = 1, pages: int = 3, dpi: int | None = None,
              degrade_level: str = "mild", rotate90: bool | None = None, clean: bool = False,
              born_digital: bool = False, corpus: str | Path | None = None, corpus_index: int = 0,
              text_file: str | Path | None = None, kind: str = "plan", cell_symbols: bool = False) -> ScanFiles:
    """Generate one synthetic scan and its ground truth; returns the paths written."""
    if degrade_level not in LEVELS:
        raise ValueError(f"degrade must be one of {', '.join(LEVELS)}")
    if kind not in (*KINDS, "mix"):
        raise ValueError(f"kind must be one of {', '.join(KINDS)} or mix")
    rng = random.Random(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    body, content = None, "generated"
    if corpus is not None:
        content, body = corpus_paragraphs(corpus, corpus_index)
        content = f"corpus:{content}"
    elif text_file is not None:
        text = Path(text_file).read_text(encoding="utf-8")
        body, content = [p.strip() for p in text.split("\n") if p.strip()], f"file:{Path(text_file).name}"
    body_pages = max(1, pages // 2)  # as in fit(): generate more than fits, fit() trims
    spec = generate_doc(rng, body, n_rows=200 + 30 * (pages - body_pages), extra_tasks=5 * (body_pages - 1),
                        cell_symbols=cell_symbols)
    if kind == "mix":
        kind = KINDS[seed % len(KINDS)]
    spec = as_kind(spec, kind, rng, body, extra=8 * pages)
    spec, n_rows, lay = fit(spec, pages)
    dpi = dpi or rng.choice(LEVELS[degrade_level][5])
    if rotate90 is None:
        rotate90 = degrade_level == "strong" and len(lay.pages) > 1 and rng.random() < 0.5
    turn = rng.randrange(1, len(lay.pages)) if rotate90 and len(lay.pages) > 1 else (0 if rotate90 else -1)
    clean_pages, pages_out, page_meta = [], [], []
    for i, page in enumerate(lay.pages):  # encoded at once: a long document never sits raw in memory
        img = render(page, dpi)
        if clean:
            clean_pages.append(encode_page(img, None))
        noisy, skew, q = degrade(img, degrade_level, rng)
        if i == turn:
            noisy = np.ascontiguousarray(np.rot90(noisy, -1))  # 90 degrees clockwise
        pages_out.append(encode_page(noisy, None if degrade_level == "none" else q))
        page_meta.append({"page_no": i + 1, "text": "\n".join(page.lines), "dpi": dpi, "skew": skew,
                          "rotated": 90 if i == turn else 0, "tables": page.tables})
    files = ScanFiles(out / f"{name}.pdf", out / f"{name}.gt.txt", out / f"{name}.gt.json")
    write_image_pdf(files.pdf, pages_out, dpi)
    files.gt_txt.write_text("\f".join("\n".join(p.lines) for p in lay.pages) + "\n", encoding="utf-8")
    gt = ground_truth(spec, n_rows, lay)
    gt["source"] = {"path": files.pdf.name, "sha256": hashlib.sha256(files.pdf.read_bytes()).hexdigest(),
                    "pages": len(lay.pages)}
    gt["pages"] = page_meta
    gt["generator"] = {"tool": "scripts/data/make_scans.py", "seed": seed, "degrade": degrade_level, "dpi": dpi,
                       "content": content}
    files.gt_json.write_text(json.dumps(gt, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    clean_pdf = digital_pdf = None
    if clean:
        clean_pdf = out / f"{name}.clean.pdf"
        write_image_pdf(clean_pdf, clean_pages, dpi)
    if born_digital:
        digital_pdf = out / f"{name}.digital.pdf"
        write_digital_pdf(digital_pdf, lay)
    return ScanFiles(files.pdf, files.gt_txt, files.gt_json, clean_pdf, digital_pdf)
