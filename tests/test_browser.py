"""The HTML export in a real browser: headless Chromium (driven by Selenium) filters the timeline by actor and place.

Needs the system Chromium and its chromedriver (Debian: ``apt-get install chromium chromium-driver``) and selenium
(in the ``test`` extra). Without them the test is skipped with the reason, except where
``KZTIMELINE_REQUIRE_BROWSER=1`` (set by CI), which makes a missing browser a failure. The screenshot is saved under
``$KZTIMELINE_ARTIFACTS`` (default: the test's temporary directory) and its path printed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result


def unavailable(reason: str) -> None:
    if os.environ.get("KZTIMELINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"a browser is required here (KZTIMELINE_REQUIRE_BROWSER=1): {reason}")
    pytest.skip(reason)


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Chromium from the system (Selenium never downloads a browser or a driver here)."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (pip install '.[test]')")
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        unavailable("chromium or chromedriver is not on PATH (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(binary)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(options=options, service=Service(str(driver_path)))
    except WebDriverException as error:
        unavailable(f"Chromium did not start: {error.msg}")
    try:
        yield driver
    finally:
        driver.quit()


def artifacts(tmp_path: Path) -> Path:
    directory = Path(os.environ.get("KZTIMELINE_ARTIFACTS") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def shown(driver: Any, selector: str) -> tuple[list[str], list[str]]:
    """(ids displayed, ids hidden) of the elements matching ``selector``, in page order."""
    from selenium.webdriver.common.by import By

    elements = driver.find_elements(By.CSS_SELECTOR, selector)
    return (
        [e.get_attribute("id") for e in elements if e.is_displayed()],
        [e.get_attribute("id") for e in elements if not e.is_displayed()],
    )


def test_choosing_an_actor_hides_the_other_events(
    browser: Any, loaded_sqlite_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "timeline.html"
    result = run("--db", str(loaded_sqlite_db), "export", "--format", "html", "-o", str(page))
    assert result.exit_code == 0, result.stderr
    browser.get(page.as_uri())
    status = browser.find_element(By.ID, "filter-status")
    assert browser.find_element(By.ID, "filters").is_displayed()  # the script ran and showed the filters
    assert status.text == "3 of 3 events shown"

    Select(browser.find_element(By.ID, "filter-actor")).select_by_visible_text("Antony Blinken")
    assert shown(browser, ".event") == (
        ["event-blinken-briefing"],
        ["event-police-disperse-crowd", "event-tokayev-kill-order"],
    )
    assert [day.is_displayed() for day in browser.find_elements(By.CSS_SELECTOR, ".day h3")] == [False, True]
    assert shown(browser, ".quotation") == (
        ["statement-blinken-outside-assistance"],
        ["statement-tokayev-kill-without-warning"],
    )
    assert status.text == "1 of 3 events shown"
    screenshot = artifacts(tmp_path) / "html-export-actor-filter.png"
    browser.save_screenshot(str(screenshot))
    print(f"screenshot: {screenshot}")
    assert screenshot.read_bytes().startswith(b"\x89PNG")

    # a place includes the places inside it: Kazakhstan holds the Almaty event
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()
    assert status.text == "3 of 3 events shown"
    Select(browser.find_element(By.ID, "filter-place")).select_by_visible_text("Kazakhstan")
    assert shown(browser, ".event") == (
        ["event-police-disperse-crowd", "event-tokayev-kill-order"],
        ["event-blinken-briefing"],
    )
    assert status.text == "2 of 3 events shown"
    # no script error and nothing blocked by the page's no-network policy
    assert [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []


def timelinejs_dist() -> Path:
    """TimelineJS3's built files, from npm (@knight-lab/timelinejs); .ci/run installs them and sets the variable."""
    dist = os.environ.get("KZTIMELINE_TIMELINEJS_DIST", "")
    if not dist or not (Path(dist) / "js" / "timeline.js").exists():
        unavailable(
            "TimelineJS3 is not installed: npm install @knight-lab/timelinejs, then set "
            "KZTIMELINE_TIMELINEJS_DIST to its dist directory"
        )
    return Path(dist)


def test_the_timelinejs_export_opens_in_timelinejs(
    browser: Any, loaded_sqlite_db: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    """Knight Lab's own TimelineJS3 reads the export: every event becomes a slide, grouped by type, no errors."""
    import json
    import time

    dist = timelinejs_dist()
    result = run("--db", str(loaded_sqlite_db), "export", "--format", "timelinejs", "--group-by", "type")
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "timelinejs.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{(dist / 'css' / 'timeline.css').as_uri()}'>"
        f"<script src='{(dist / 'js' / 'timeline.js').as_uri()}'></script></head>"
        "<body><div id='timeline' style='width:1000px;height:650px'></div><script>"
        "window.errors = []; window.onerror = function (message) { window.errors.push(String(message)); };"
        f"window.timeline = new TL.Timeline('timeline', {result.stdout});"
        "</script></body></html>",
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not browser.execute_script(
        "return document.querySelectorAll('.tl-timemarker').length"
    ):
        time.sleep(0.2)
    markers = browser.execute_script(
        "return Array.from(document.querySelectorAll('.tl-timemarker .tl-headline')).map(e => e.textContent)"
    )
    groups = browser.execute_script(
        "return Array.from(document.querySelectorAll('.tl-timegroup-message')).map(e => e.textContent)"
    )
    errors = browser.execute_script("return window.errors")
    screenshot = artifacts(tmp_path) / "timelinejs.png"
    browser.save_screenshot(str(screenshot))
    print(f"screenshot: {screenshot}")
    assert errors == []
    assert sorted(markers) == sorted(event["text"]["headline"] for event in json.loads(result.stdout)["events"])
    assert sorted(groups) == ["diplomatic reaction", "government action", "security operation"]
