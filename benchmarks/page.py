"""The interactive page of a large portfolio: its size, and how long Chromium takes to open it.

Writes the page of a synthetic portfolio (``benchmarks.portfolio``, 100 000 nodes by default),
opens it in headless Chromium (no network) and prints the file size and the time until the page
has drawn, next to a floor measured in the same run: an empty page opened the same way. Then it
opens one group of the overview and prints how long that took.

    python -m benchmarks.page            # 100 000 nodes
    python -m benchmarks.page 20000

Targets (issue 22): under 10 MB, open in under 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import insatslogik as il
from benchmarks.portfolio import portfolio


def _driver(profile: Path) -> Any:
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or ""), options=options)


def _open(driver: Any, path: Path, ready: str) -> float:
    start = time.perf_counter()
    driver.get(path.as_uri())
    while not driver.execute_script(ready):
        time.sleep(0.02)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    """Measure and print; see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", nargs="?", type=int, default=100_000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp())
    model = il.loads(json.dumps(portfolio(args.nodes, seed=1)), format="json")
    start = time.perf_counter()
    page = il.render_html(model)
    written = page.save(folder / "portfolio.html")
    write_s = time.perf_counter() - start
    empty = folder / "empty.html"
    empty.write_text("<!DOCTYPE html><html><body data-drawn=1></body></html>", encoding="utf-8")
    drawn = "return document.body && document.body.getAttribute('data-drawn') === '1'"
    driver = _driver(folder / "profile")
    try:
        _open(driver, empty, drawn)  # the browser's own start-up is not the page's
        floor_s = _open(driver, empty, drawn)
        open_s = _open(driver, written, drawn)
        start = time.perf_counter()
        boxes = driver.execute_script(
            "return window.insatslogikOpen(0).then(function () {"
            " return document.body.getAttribute('data-nodes'); })"
        )
        group_s = time.perf_counter() - start
    finally:
        driver.quit()
    size_mb = written.stat().st_size / 1e6
    print(f"model: {len(model.nodes())} nodes")
    print(f"write page: {write_s:.1f} s")
    print(f"page size: {size_mb:.1f} MB (target < 10 MB)")
    print(f"open empty page (floor): {floor_s:.2f} s")
    print(
        f"open page until drawn: {open_s:.2f} s (target < 5 s; {open_s - floor_s:.2f} s over "
        "the floor)"
    )
    print(f"open the first group ({boxes} boxes): {group_s:.2f} s")


if __name__ == "__main__":
    main()
