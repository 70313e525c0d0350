"""The HTML portfolio and history pages in headless Chromium: no console error, no
network request, charts laid out; and the portfolio screenshot in the docs."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from readiness.cli import app
from readiness.packs import load_pack
from readiness.portfolio import build_portfolio
from tests.browser.test_report_browser import CUT_TEXTS, browser, pytestmark, requests_made
from tests.common import EXAMPLES, ROOT, TODAY, portfolio_text
from tests.portfolio_corpus import generate

SCREENSHOT = ROOT / "docs" / "images" / "portfolio.png"

__all__ = ["browser", "pytestmark"]


def open_page(driver: Any, page: Path) -> None:
    requests_made(driver)  # drop what earlier pages logged
    driver.get_log("browser")
    driver.get(page.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


@pytest.mark.parametrize("size", [6, 60])
def test_portfolio_opens_without_errors_or_requests(
    browser: Any, tmp_path: Path, size: int
) -> None:
    folder = EXAMPLES if size == 6 else tmp_path / "corpus"
    if size != 6:
        generate(folder, count=size)
    (tmp_path / "broken.yaml").write_text('schema_version: 1\ninitiative: {name: "<i>x"\n')
    portfolio = build_portfolio([folder, tmp_path / "broken.yaml"], load_pack(None), TODAY)
    page = tmp_path / "portfolio.html"
    page.write_text(portfolio_text(portfolio, "html"), encoding="utf-8")
    open_page(browser, page)
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    assert requests_made(browser) == [page.as_uri()]
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('svg.chart')].map(s => s.getBBox().width)"
    )
    assert len(sizes) == 2 and all(width > 100 for width in sizes)
    rows = browser.execute_script("return document.querySelectorAll('#ranking tbody tr').length")
    assert rows == len(portfolio.entries)
    assert "broken.yaml" in browser.find_element("css selector", "#invalid").text


def test_screenshot_for_the_docs(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # paths as a user in the repository would see them
    portfolio = build_portfolio([EXAMPLES.relative_to(ROOT)], load_pack(None), TODAY)
    page = tmp_path / "portfolio.html"
    page.write_text(portfolio_text(portfolio, "html"), encoding="utf-8")
    open_page(browser, page)
    height = browser.execute_script(
        "return document.querySelector('#anti-patterns').getBoundingClientRect().top"
    )
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True,
         "clip": {"x": 0, "y": 0, "width": 1120, "height": int(height), "scale": 1}},
    )
    data = base64.b64decode(shot["data"])
    assert data.startswith(b"\x89PNG") and len(data) > 50_000
    target = SCREENSHOT if os.environ.get("READINESS_UPDATE_DOCS") else tmp_path / SCREENSHOT.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_chart_text_is_cut_at_the_edge(browser: Any, tmp_path: Path, lang: str) -> None:
    # The level chart's longest text ("2 initiatives · ready to run") stands beside a
    # full bar: the chart is wide enough for it, in either language.
    page = tmp_path / "portfolio.html"
    result = CliRunner().invoke(app, ["portfolio", str(EXAMPLES), "--format", "html", "-o",
                                 str(page), "--today", TODAY.isoformat(), "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    open_page(browser, page)
    assert browser.execute_script("return document.querySelectorAll('svg.chart').length") == 2
    assert browser.execute_script(CUT_TEXTS) == []
