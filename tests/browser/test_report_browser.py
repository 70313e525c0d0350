"""The HTML report in a real browser: headless Chromium opens it from a file:// URL, logs
no console error and makes no network request, and the screenshot in the docs is taken
from it.

Needs Debian's `chromium` and `chromium-driver` (`apt-get install -y chromium
chromium-driver`) and `selenium` from the test extra; skipped, with the reason, where
/usr/bin/chromium is missing. Selenium is pointed at /usr/bin/chromedriver, so it never
downloads a driver.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from readiness.engine import assess_file
from readiness.reporters import html
from readiness.reporters.report_view import build
from tests.common import EXAMPLES, ROOT, TODAY

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = ROOT / "docs" / "images" / "report.png"
SHOWN = EXAMPLES / "self-service-bot-live-without-boundaries.yaml"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
    reason="headless Chromium not installed: apt-get install -y chromium chromium-driver",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="readiness-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--window-size=1120,1400", f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        driver.get("about:blank")
        driver.get_log("performance")
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requests_made(driver: Any) -> list[str]:
    """URLs of every request made since the last call, from Chrome's DevTools Network
    events; the browser's own chrome:// pages (its start page) are not the report's."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith("chrome://"):
                urls.append(url)
    return urls


# Every text of every chart, as laid out (rotated labels included), within its chart.
CUT_TEXTS = """
return [...document.querySelectorAll('svg.chart')].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => {
    const r = t.getBoundingClientRect();
    return r.left < box.left - 1 || r.right > box.right + 1
        || r.top < box.top - 1 || r.bottom > box.bottom + 1;
  }).map(t => t.textContent);
});
"""


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_report_opens_without_errors_or_requests(
    browser: Any, example: Path, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(html.render(build(assess_file(example, today=TODAY))), encoding="utf-8")
    requests_made(browser)  # drop what earlier pages logged
    browser.get_log("browser")
    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    assert requests_made(browser) == [page.as_uri()]  # the file itself, nothing else
    headline = browser.find_element("css selector", ".verdict .headline").text
    assert headline.endswith(build(assess_file(example, today=TODAY)).header.headline)
    # the charts are laid out (an SVG that failed to parse would have no size)
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('svg.chart')].map(s => s.getBBox().width)"
    )
    assert len(sizes) == 2 and all(width > 100 for width in sizes)
    assert browser.execute_script(CUT_TEXTS) == []


def test_screenshot_for_the_docs(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the report names the file as a user in the repository would
    page = tmp_path / "report.html"
    result = assess_file(SHOWN.relative_to(ROOT), today=TODAY)
    page.write_text(html.render(build(result)), encoding="utf-8")
    browser.get(page.as_uri())
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True,
         "clip": {"x": 0, "y": 0, "width": 1120, "height": 2050, "scale": 1}},
    )
    data = base64.b64decode(shot["data"])
    assert data.startswith(b"\x89PNG") and len(data) > 50_000
    target = SCREENSHOT if os.environ.get("READINESS_UPDATE_DOCS") else tmp_path / SCREENSHOT.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def test_the_checks_see_requests_and_console_errors_when_there_are_some(
    browser: Any, tmp_path: Path
) -> None:
    """The control: a page that fetches something and throws is caught by the same checks
    (the address is the local discard port, so nothing leaves the machine)."""
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>leaky</title></head><body>'
        '<img src="http://127.0.0.1:9/pixel.png" alt="">'
        "<script>undefinedFunction()</script></body></html>",
        encoding="utf-8",
    )
    requests_made(browser)
    browser.get_log("browser")
    browser.get(page.as_uri())
    assert "http://127.0.0.1:9/pixel.png" in requests_made(browser)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


FRENCH_SCREENSHOT = ROOT / "docs" / "images" / "rapport-fr.png"


def test_a_french_report_opens_without_errors_and_declares_its_language(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness import i18n

    monkeypatch.chdir(ROOT)
    i18n.use("fr")
    page = tmp_path / "rapport.html"
    result = assess_file(SHOWN.relative_to(ROOT), today=TODAY)
    page.write_text(html.render(build(result)), encoding="utf-8")
    browser.get_log("browser")
    browser.get(page.as_uri())
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    assert browser.execute_script("return document.documentElement.lang") == "fr-CA"
    assert browser.find_element("css selector", "#next-steps").text == "Prochaines étapes"
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('svg.chart')].map(s => s.getBBox().width)"
    )
    assert len(sizes) == 2 and all(width > 100 for width in sizes)
    assert browser.execute_script(CUT_TEXTS) == []
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True,
         "clip": {"x": 0, "y": 0, "width": 1120, "height": 2050, "scale": 1}},
    )
    data = base64.b64decode(shot["data"])
    assert data.startswith(b"\x89PNG") and len(data) > 50_000
    target = (FRENCH_SCREENSHOT if os.environ.get("READINESS_UPDATE_DOCS")
              else tmp_path / FRENCH_SCREENSHOT.name)
    target.write_bytes(data)
