"""Issue 14, item 3: stamps, seals and hand-writing kept out of the page text (pipeline/ocr/regions.py).

Generated pages: text rendered with PIL, then a seal, pen strokes or a stamp frame drawn on it with
OpenCV.  The last test reads such a page with the real Tesseract.
"""

from __future__ import annotations

import cv2
import numpy as np
from ocr_images import PARAGRAPH, render_lines

from pipeline.ocr import OcrEngine, preprocess, regions
from pipeline.types import Line, Region, SourcePage, TextLayer, Word

CH = 40.0  # the letter height of render_lines(size=50)


def _rgb(gray: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.dstack([gray, gray, gray]))


def _scribble(img: np.ndarray, x: int, y: int, w: int, h: int, colour: int | tuple[int, int, int], seed: int = 3) -> None:
    """Pen-like strokes: a wobbly polyline of varying thickness and a loop (hand-written digits)."""
    rng = np.random.default_rng(seed)
    xs = np.linspace(x, x + w, 9)
    ys = y + h / 2 + rng.uniform(-h / 2, h / 2, 9)
    pts = np.stack([xs, ys], axis=1).astype(np.int32)
    for (a, b), t in zip(zip(pts[:-1], pts[1:], strict=True), rng.integers(3, 7, 8), strict=True):
        cv2.line(img, tuple(int(v) for v in a), tuple(int(v) for v in b), colour, int(t))
    cv2.ellipse(img, (x + w // 3, y + h // 2), (h // 3, h // 2), 20, 0, 360, colour, 4)


def test_red_seal_is_found_and_painted_over_leaving_the_print_under_it() -> None:
    page = _rgb(render_lines(PARAGRAPH, size=50))
    gray_before = preprocess.to_gray(page)
    cv2.circle(page, (700, 200), 150, (220, 30, 40), 9)  # a seal's rings over the second line
    cv2.circle(page, (700, 200), 110, (220, 30, 40), 4)
    found = regions.colour_regions(page, CH)
    assert [r.kind for r in found.regions] == ["seal"]
    x0, y0, x1, y1 = found.regions[0].bbox
    assert x0 <= 560 and x1 >= 840 and y0 <= 60 and y1 >= 340
    painted = regions.paint_over(preprocess.to_gray(page), found.paint)
    red = cv2.dilate((page[:, :, 0].astype(int) - page[:, :, 1] > 100).astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    text = gray_before < 100  # the black print
    assert (painted[text & ~red] < 128).mean() > 0.99  # the print under the seal, where no ring crosses it, stays
    assert (text & ~red)[60:340, 560:840].sum() > 2000
    ring = np.zeros(gray_before.shape, bool)
    cv2.circle(ring.view(np.uint8), (700, 200), 150, 1, 5)
    assert (painted[ring & ~text] > 200).mean() > 0.95  # the seal's ink is gone


def test_blue_pen_is_handwriting_and_red_print_is_left_alone() -> None:
    page = _rgb(render_lines(PARAGRAPH, size=50))
    _scribble(page, 1200, 150, 160, 60, (30, 40, 200))
    cv2.circle(page, (1500, 300), 120, (30, 40, 200), 6)  # a blue loop as large as a seal: still a pen
    red = render_lines(["KHẨN"], size=50)
    page[260:260 + red.shape[0] // 2, :400][red[: red.shape[0] // 2, :400] < 128] = (210, 20, 20)
    found = regions.colour_regions(page, CH)
    assert found.regions and {r.kind for r in found.regions} == {"handwriting"}
    assert found.paint is None  # pen strokes stay on the page: a confident number is kept
    x0, y0, x1, y1 = found.regions[0].bbox
    assert x0 <= 1200 and x1 >= 1350


def test_gray_pages_have_no_colour_regions() -> None:
    assert regions.colour_regions(render_lines(PARAGRAPH), CH) == regions.Found()


def _framed(page: np.ndarray) -> np.ndarray:
    cv2.rectangle(page, (60, 300), (700, 560), 0, 4)
    cv2.line(page, (200, 300), (200, 560), 0, 3)
    _scribble(page, 260, 380, 300, 60, 0)
    return page


def test_a_closed_frame_is_found_and_underlines_and_table_grids_are_not() -> None:
    page = _framed(render_lines(PARAGRAPH + ("",) * 12, size=50))
    inv = preprocess.ink_mask(page)
    frames = regions.find_frames(inv, CH)
    assert len(frames) == 1
    x0, y0, x1, y1 = frames[0]
    assert abs(x0 - 60) < 12 and abs(y0 - 300) < 12 and abs(x1 - 704) < 12 and abs(y1 - 564) < 12
    assert regions.find_frames(inv, CH, avoid=[(55, 295, 710, 570)]) == []  # a table grid
    plain = render_lines(PARAGRAPH, size=50)
    cv2.line(plain, (60, 150), (900, 150), 0, 4)  # a rule under a heading: no frame
    assert regions.find_frames(preprocess.ink_mask(plain), CH) == []


def _line(*words: tuple[str, tuple[int, int, int, int], float]) -> Line:
    ws = tuple(Word(t, b, c) for t, b, c in words)
    return Line(" ".join(w.text for w in ws), (0, 0, 1, 1), ws, 0.5, 1)


def test_unsure_words_in_a_frame_make_a_stamp_and_leave_the_lines() -> None:
    frame = (0, 0, 400, 200)
    stamp_line = _line(("ĐẾN", (10, 10, 90, 50), 0.9), ("š", (100, 10, 120, 50), 0.2), ("guy:904...", (130, 10, 380, 50), 0.0),
                       ("Về", (500, 10, 560, 50), 0.95), ("việc", (570, 10, 650, 50), 0.96))
    body = _line(("thời", (500, 100, 580, 140), 0.96))
    found = regions.confirm_frames([stamp_line, body], [frame, (0, 300, 400, 400)])
    assert found == [Region("stamp", frame)]
    lines, marks = regions.separate([stamp_line, body], found, strict=1)
    assert [ln.text for ln in lines] == ["Về việc", "thời"]
    assert lines[0].bbox == (500, 10, 650, 50)
    assert marks[0].text == "ĐẾN š guy:904..." and 0 < marks[0].confidence < 0.5
    printed = _line(("Ghi", (10, 10, 90, 50), 0.95), ("chú", (100, 10, 180, 50), 0.93))
    assert regions.confirm_frames([printed], [frame]) == []  # a framed printed note stays text


def test_handwriting_keeps_confident_words_and_drops_unsure_and_junk_ones() -> None:
    pen = Region("handwriting", (0, 0, 300, 100))
    line = _line(("Số:", (400, 10, 460, 50), 0.95), ("01", (100, 10, 160, 50), 0.9), ("ýz", (170, 10, 220, 50), 0.3),
                 ("a\\b", (230, 10, 280, 50), 0.9))
    lines, marks = regions.separate([line], [pen])
    assert lines[0].text == "Số: 01" and marks[0].text == "ýz a\\b"
    seal = Region("seal", (0, 0, 300, 100))
    lines, marks = regions.separate([line], [seal])
    assert lines[0].text == "Số: 01 a\\b" and marks[0].text == "ýz"  # print under a painted seal stays


def test_a_lone_unsure_word_on_a_seal_is_its_ornament_but_print_under_it_stays() -> None:
    seal = Region("seal", (1000, 0, 1400, 400))
    # A list line ends far left of the seal; the seal's emblem read as a short word joins it.
    listed = _line(("tỉnh;", (300, 10, 400, 50), 0.95), ("bà", (1150, 10, 1190, 50), 0.55))
    # The signer's name crosses the seal: read as unsurely, but among its words.
    name = _line(("Trần", (1200, 300, 1290, 340), 0.56), ("Hoàng", (1300, 300, 1420, 340), 0.9))
    lines, marks = regions.separate([listed, name], [seal], margin=30)
    assert [ln.text for ln in lines] == ["tỉnh;", "Trần Hoàng"]
    assert marks[0].text == "bà"
    lines, _ = regions.separate([listed], [seal])  # without a scale to judge a gap, nothing changes
    assert lines[0].text == "tỉnh; bà"


def test_unreadable_header_number_is_marked_and_a_blank_one_is_not() -> None:
    inv = np.zeros((200, 1000), np.uint8)
    line = _line(("Số:", (100, 50, 180, 90), 0.95), ("/CT-UBND", (300, 50, 480, 90), 0.92))
    same, none = regions.header_slots([line], inv, 1.0, 40.0)
    assert same == [line] and none == []  # left blank by design: nothing there
    _scribble(inv, 200, 45, 80, 45, 255)
    lines, found = regions.header_slots([line], inv, 1.0, 40.0)
    assert lines[0].text == "Số: …/CT-UBND"
    assert found[0].kind == "handwriting" and found[0].unreadable
    date = _line(("Quảng", (0, 0, 90, 40), 0.95), ("Ngãi,", (95, 0, 170, 40), 0.93), ("ngày®9", (175, 0, 300, 40), 0.1),
                 ("tháng", (310, 0, 400, 40), 0.96), ("3", (410, 0, 430, 40), 0.96), ("năm", (440, 0, 520, 40), 0.96),
                 ("2018", (530, 0, 610, 40), 0.96))
    lines, found = regions.header_slots([date], None)
    assert lines[0].text == "Quảng Ngãi, ngày … tháng 3 năm 2018" and found[0].text == "®9"
    good = _line(("ngày", (0, 0, 60, 40), 0.95), ("20", (70, 0, 100, 40), 0.9), ("tháng", (110, 0, 200, 40), 0.96),
                 ("3", (210, 0, 230, 40), 0.96), ("năm", (240, 0, 300, 40), 0.96), ("2018", (310, 0, 390, 40), 0.96))
    assert regions.header_slots([good], None) == ([good], [])
    garbled = _line(("Số:", (100, 50, 180, 90), 0.95), ("ý#", (200, 50, 260, 90), 0.2), ("/CT-UBND", (270, 50, 480, 90), 0.92))
    lines, found = regions.header_slots([garbled], None)
    assert lines[0].text == "Số: …/CT-UBND" and found[0].text == "ý#"


def test_a_damaged_printed_number_is_left_for_the_date_reader() -> None:
    # Printed digits that OCR read as look-alike glyphs ("!" and "II" for 11, "$4" for 04) are no
    # hand-writing: the slot keeps what was read, the header's date reader maps it back.
    for read in ("!", "'II'", "'$4'", "1S"):
        date = _line(("ngày", (0, 0, 60, 40), 0.95), ("20", (70, 0, 100, 40), 0.9), ("tháng", (110, 0, 200, 40), 0.96),
                     (read, (210, 0, 240, 40), 0.3), ("năm", (250, 0, 310, 40), 0.96), ("2018", (320, 0, 400, 40), 0.96))
        lines, found = regions.header_slots([date], None)
        assert lines[0].text == f"ngày 20 tháng {read} năm 2018" and found == []


def test_turn_box_follows_the_page_turn() -> None:
    img = np.zeros((100, 200), np.uint8)
    img[10:20, 30:60] = 1
    for deg in (0, 90, 180, 270):
        turned = np.rot90(img, -deg // 90)
        ys, xs = np.nonzero(turned)
        assert regions.turn_box((30, 10, 60, 20), (100, 200), deg) == (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)


def test_stamp_over_the_body_stays_out_of_the_text_real_tesseract(engine: OcrEngine) -> None:
    body = ("Số:        /CT-UBND",) + PARAGRAPH + PARAGRAPH + ("",) * 6
    page = render_lines(body, size=50, width=2000)
    _scribble(page, 140, 60, 60, 40, 0)  # a hand-written number between "Số:" and "/CT-UBND"
    cv2.rectangle(page, (1300, 130), (1950, 420), 0, 5)  # a rubber stamp over the right end of lines
    page[135:415, 1305:1945] = 255
    cv2.line(page, (1450, 130), (1450, 420), 0, 3)
    for k, y in enumerate((170, 250, 330)):
        _scribble(page, 1500, y, 380, 50, 0, seed=k)
    out = engine.read(SourcePage(1, "mem", page.shape[1], page.shape[0], 300, page, TextLayer.absent))
    kinds = sorted(r.kind for r in out.regions)
    assert "stamp" in kinds, out.regions
    assert out.lines[0].text.replace(" ", "") == "Số:…/CT-UBND"
    assert any(r.unreadable for r in out.regions)
    stamp = next(r for r in out.regions if r.kind == "stamp")
    for ln in out.lines:
        for w in ln.words:
            cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
            assert not (stamp.bbox[0] <= cx <= stamp.bbox[2] and stamp.bbox[1] <= cy <= stamp.bbox[3])
    assert "Căn cứ Luật Tổ chức" in out.text


def test_a_signature_is_a_scribble_and_a_small_grid_is_not() -> None:
    page = render_lines(PARAGRAPH + ("",) * 8, size=50)
    pts = np.array([[900, 700], [960, 620], [1000, 720], [1050, 610], [1100, 700], [1300, 650], [1000, 760]], np.int32)
    cv2.polylines(page, [pts], False, 0, 4)  # a signature: one thin, wobbly stroke
    for x in (100, 300, 500):  # a small grid the table finder did not take
        cv2.line(page, (x, 600), (x, 760), 0, 3)
    for y in (600, 680, 760):
        cv2.line(page, (100, y), (500, y), 0, 3)
    inv = preprocess.ink_mask(page)
    _, stats = preprocess.components(inv)
    found = regions.scribbles(stats, CH, page.shape[1], inv)
    assert len(found) == 1 and found[0].bbox[0] >= 890 and found[0].confidence < 0
    unsure = _line(("——\\uauL——", (950, 650, 1250, 700), 0.9), ("Trần", (900, 780, 990, 820), 0.95))
    lines, marks = regions.separate([unsure], found)
    assert [ln.text for ln in lines] == ["Trần"] and marks[0].text.startswith("——")
