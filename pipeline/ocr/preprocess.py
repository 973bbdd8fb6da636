"""OpenCV page clean-up before Tesseract: gray, upscale, border shadows, deskew, denoise, binarize.

Each step is measured against plain Tesseract in scripts/bench/ocr.py; steps that did not pay for
themselves on clean pages are made conditional (e.g. denoising only runs when the page is noisy).
"""

from __future__ import annotations

import cv2
import numpy as np

# Tesseract's LSTM reads best with capital letters ~30 px high; below ~20 px accuracy falls fast.
MIN_TEXT_HEIGHT = 17
TARGET_TEXT_HEIGHT = 21
MAX_UPSCALE = 3.0


def to_gray(image: np.ndarray) -> np.ndarray:
    """A uint8 single-channel copy of an RGB/RGBA/gray page image."""
    img = np.asarray(image)
    if img.dtype != np.uint8:
        img = np.clip(img, 0, 255).astype(np.uint8)
    if img.ndim == 3:
        if img.shape[2] == 4:
            return cv2.cvtColor(img, cv2.COLOR_RGBA2GRAY)
        if img.shape[2] == 3:
            return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
        return np.ascontiguousarray(img[:, :, 0])
    return np.ascontiguousarray(img)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark pixels (255) on light paper (0), by Otsu on a lightly blurred copy."""
    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    _, inv = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return inv


def components(inv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Connected components of the ink mask: (labels, stats without the background row)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(inv, connectivity=8)
    return labels, stats[1:]


def text_height(stats: np.ndarray, page_height: int) -> float:
    """75th-percentile height of letter-sized components (0 when the page has no text)."""
    if len(stats) == 0:
        return 0.0
    h = stats[:, cv2.CC_STAT_HEIGHT]
    w = stats[:, cv2.CC_STAT_WIDTH]
    area = stats[:, cv2.CC_STAT_AREA]
    # Letters: not specks, not rules or blobs; roughly as wide as high.
    keep = (h >= 4) & (h <= max(80, page_height // 20)) & (w <= 3 * h) & (area >= 8)
    if keep.sum() < 20:
        return 0.0
    return float(np.percentile(h[keep], 75))  # the 75th percentile lands on capitals and ascenders


def upscale_factor(char_height: float) -> float:
    """How much to enlarge a low-resolution page so that its letters reach Tesseract's sweet spot."""
    if char_height <= 0 or char_height >= MIN_TEXT_HEIGHT:
        return 1.0
    return float(min(MAX_UPSCALE, TARGET_TEXT_HEIGHT / char_height))


def resize(gray: np.ndarray, factor: float) -> np.ndarray:
    """Enlarge (cubic) or shrink (area) by ``factor``."""
    if abs(factor - 1.0) < 1e-3:
        return gray
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interp)


def remove_borders(gray: np.ndarray, inv: np.ndarray, labels: np.ndarray, stats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whiten dark scanner edges and edge shadows in both the page and its ink mask."""
    h, w = gray.shape
    gray, inv = gray.copy(), inv.copy()
    max_h, max_w = h // 8, w // 8
    rows = inv.mean(axis=1) / 255.0
    cols = inv.mean(axis=0) / 255.0
    # Walk inward from each edge while the line is mostly dark (a shadow, not text: text rows stay <40%).
    top = 0
    while top < max_h and rows[top] > 0.5:
        top += 1
    bottom = h
    while h - bottom < max_h and rows[bottom - 1] > 0.5:
        bottom -= 1
    left = 0
    while left < max_w and cols[left] > 0.5:
        left += 1
    right = w
    while w - right < max_w and cols[right - 1] > 0.5:
        right -= 1
    # A shadow fades out over a few pixels: take a margin beyond where it stops being mostly dark.
    mh, mw = h // 200, w // 200
    top = top + mh if top else 0
    bottom = bottom - mh if bottom < h else h
    left = left + mw if left else 0
    right = right - mw if right < w else w
    for img, white in ((gray, 255), (inv, 0)):
        img[:top, :] = white
        img[bottom:, :] = white
        img[:, :left] = white
        img[:, right:] = white
    # Large dense dark blobs that touch the edge (a folded corner, a hole punch's shadow) go too;
    # a table touching the edge is sparse (rules only) and stays.
    x, y, bw, bh, area = (stats[:, i] for i in range(5))
    touches = (x == 0) | (y == 0) | (x + bw >= w) | (y + bh >= h)
    big = ((bw > w // 10) | (bh > h // 10)) & (area > (h * w) // 500) & (area > 0.4 * bw * bh)
    for i in np.nonzero(touches & big)[0]:
        blob = labels == i + 1
        gray[blob] = 255
        inv[blob] = 0
    return gray, inv


def estimate_skew(inv: np.ndarray, limit: float = 5.0) -> float:
    """Skew in degrees (positive = text rises to the right) by projection-profile search in ±limit."""
    h, w = inv.shape
    scale = min(1.0, 800.0 / max(h, w))
    small = cv2.resize(inv, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else inv
    if small.sum() == 0:
        return 0.0
    sh, sw = small.shape
    center = (sw / 2, sh / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rot = cv2.warpAffine(small, m, (sw, sh), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(prof) ** 2))  # sharp line/gap edges when aligned

    coarse = np.arange(-limit, limit + 1e-6, 1.0)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.9, best + 0.9 + 1e-6, 0.15)
    best = max(fine, key=score)
    return float(round(best, 2))


def rotate(img: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """Rotate by ``angle`` degrees (counter-clockwise) about the centre, keeping size."""
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def noise_level(stats: np.ndarray, char_h: float = 0.0) -> float:
    """Share of ink components that are specks: high on noisy or dithered scans.

    A speck is 1-3 px, or up to a tenth of a letter height across on a page whose letters are
    large: a grainy 150 dpi scan rendered at 300 dpi has 2x2-px specks, which the fixed size missed
    (and the page went to Tesseract unfiltered, its lines bloated by the specks around them).
    """
    if len(stats) == 0:
        return 0.0
    speck = max(3.0, (0.1 * char_h) ** 2)
    return float((stats[:, cv2.CC_STAT_AREA] <= speck).sum() / len(stats))


def despeckle(gray: np.ndarray, inv: np.ndarray, char_h: float) -> np.ndarray:
    """Paint out the specks of a grainy scan: ink components smaller than a period that lie away
    from the letters.  Marks near a letter (periods, commas, tone marks) stay.

    A median filter removes only specks smaller than its window; on a 150 dpi scan rendered at
    300 dpi the grain is 2-4 px clusters, which Tesseract took for text, merging lines (CER 0.13 on
    such a dev page; 0.011 with the specks painted out).
    """
    if char_h <= 0:
        return gray
    n, labels, stats, _ = cv2.connectedComponentsWithStats(inv, connectivity=8)
    if n <= 1:
        return gray
    h, w, area = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_AREA]
    letter = (h >= 0.35 * char_h) & (area >= (0.12 * char_h) ** 2)
    letter[0] = False
    speck = (np.maximum(h, w) < 0.25 * char_h) & ~letter
    speck[0] = False
    if not speck.any():
        return gray
    letters = letter[labels].astype(np.uint8)
    k = max(3, int(0.6 * char_h))
    near = cv2.dilate(letters, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))) > 0
    # Specks that touch the band around the letters are kept: punctuation and tone marks live there.
    keep_ids = np.unique(labels[near & (inv > 0)])
    speck[keep_ids] = False
    drop = speck[labels]
    out = gray.copy()
    out[cv2.dilate(drop.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = int(np.median(gray[::7, ::7]))
    return out


def denoise(gray: np.ndarray, size: int = 3) -> np.ndarray:
    """Median filter: removes salt-and-pepper and JPEG speckle while keeping strokes."""
    return cv2.medianBlur(gray, size)


def grain_filter_size(char_h: float) -> int:
    """The median window for a grainy page (a low-resolution scan rendered large): its grain is
    clusters of 2-4 px, which a 3 px window leaves, so the window grows with the letters, a
    seventh of their height (5 px for 36 px capitals of a 150 dpi scan rendered at 300 dpi), odd,
    3 to 5 px.

    After despeckling (which paints out the specks away from the letters) the 5 px median evens
    the noise on the letters themselves: on dev strong scans (150 dpi, seeds 2000-2002) token
    precision/recall of the page text rose by about one point (0.928/0.929 -> 0.939/0.940)."""
    k = int(round(char_h / 7.0))
    k += 1 - k % 2
    return int(min(5, max(3, k)))


def uneven_background(gray: np.ndarray) -> bool:
    """True when the paper brightness varies a lot across the page (shadows, a yellowed sheet)."""
    small = cv2.resize(gray, (64, 64), interpolation=cv2.INTER_AREA)
    bg = cv2.dilate(small, np.ones((7, 7), np.uint8))  # max filter: paper, not ink
    return float(np.percentile(bg, 95) - np.percentile(bg, 5)) > 80


def flatten(gray: np.ndarray) -> np.ndarray:
    """Divide out the paper's brightness (estimated by a max filter on a small copy): even white paper."""
    h, w = gray.shape
    f = 128.0 / max(h, w)
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    bg = cv2.dilate(small, np.ones((5, 5), np.uint8))
    bg = cv2.GaussianBlur(bg, (5, 5), 0)
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(gray, np.maximum(bg, 1), scale=255)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Black on white for uneven paper: flatten, then Otsu.  Even paper is left to Tesseract's own Otsu.

    Measured (docs/bench/ocr.md): binarizing an evenly lit page before Tesseract never lowered CER
    and raised it on low-resolution photos, so only pages with shadows or stains are thresholded here.
    """
    if not uneven_background(gray):
        return gray
    _, out = cv2.threshold(flatten(gray), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return out
