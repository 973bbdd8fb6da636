"""The review page in headless Chromium: no console errors, page images shown, a non-blank screenshot.

Uses the Debian packages ``chromium`` and ``chromium-driver`` (scripts/install.sh installs them)
through Selenium; nothing is downloaded.  Skipped only when Chromium is not installed.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from review_pages import constructed_result, page_array, write_png

from pipeline.cli import main
from pipeline.errors import ExitCode
from pipeline.review import review_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromium-driver are not installed "
                                "(apt-get install chromium chromium-driver)")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1600")


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="vanban-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A constructed result's page and a real `vanban parse --html` of a small turned scan."""
    folder = tmp_path_factory.mktemp("browser")
    result, img = constructed_result()
    built = folder / "constructed.html"
    built.write_text(review_html(result), encoding="utf-8")
    png = write_png(folder / "turned.png", np.ascontiguousarray(np.rot90(page_array(), 1)))
    real = folder / "real.html"
    code = main(["parse", str(png), "--json", str(folder / "real.json"), "--html", str(real), "--jobs", "1", "--quiet"])
    assert code == ExitCode.ok
    return [built, real]


@pytest.mark.parametrize("which", [0, 1], ids=["constructed", "real-parse"])
def test_review_page_loads_and_renders(browser, pages: list[Path], which: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    browser.get(pages[which].as_uri())
    widths = browser.execute_script(
        "return Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0);")
    assert widths and all(w > 0 for w in widths), f"page images not shown: {widths}"
    anchors = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href^=\"#\"]')).map(a => "
        "!!document.getElementById(a.getAttribute('href').slice(1)));")
    assert anchors and all(anchors), "a finding links to no element"
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, errors
    shot = tmp_path / "shot.png"
    assert browser.save_screenshot(str(shot))
    lo, hi = Image.open(shot).convert("L").getextrema()
    assert hi - lo > 100, "the screenshot is blank"
