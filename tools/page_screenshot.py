"""Take the docs' screenshot of the interactive page: the Västra Götaland plan, searched and focused.

Run from the repository root (needs Chromium, ChromeDriver and Selenium, as the browser tests):

    python tools/page_screenshot.py docs/images/sida-sok-fokus.png

A screenshot is not the same bytes from machine to machine (fonts, Chromium's version), so no
test compares it; take it again when the page changes how it looks.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium  # noqa: E402

import insatslogik as il  # noqa: E402 (after the path, for tests.browser)


def main(target: Path) -> Path:
    """Write the screenshot to `target`; return it."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    model = il.load(ROOT / "examples" / "vgr_kraftsamling_digitalisering.yaml")
    with tempfile.TemporaryDirectory() as folder:
        page = il.render_html(model).save(Path(folder) / "vgr.html")
        with chromium(Path(folder)) as driver:
            driver.get(page.as_uri())
            WebDriverWait(driver, 20).until(
                lambda d: d.execute_script("return document.body.getAttribute('data-drawn')") == "1"
            )
            driver.find_element("tag name", "body").send_keys(Keys.TAB)  # to the search box
            search = driver.switch_to.active_element
            search.send_keys("näringslivets digitala")
            search.send_keys(Keys.ENTER)  # focus the first match: the area's whole chain
            time.sleep(1.0)  # the view moves to the chain
            driver.save_screenshot(str(target))
    return target


if __name__ == "__main__":
    print(f"wrote {main(Path(sys.argv[1]))}")
