"""The report's parts for people in headless Chromium: the symptoms line in the verdict
box, model metrics shown apart from outcomes, the ROI caveat when an outcome is off
track, and the open questions by whom to ask; each visible, and photographed."""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path
from typing import Any

from readiness.engine import assess_file
from readiness.findings import Finding, Severity
from readiness.model import GateId
from readiness.reporters import html
from readiness.reporters.report_view import build
from tests.browser.test_report_browser import browser, pytestmark, requests_made
from tests.common import ROOT, TODAY

__all__ = ["browser", "pytestmark"]

STORY = ROOT / "tests" / "data" / "ticket-classifier-rejected.yaml"
OUTCOMES = """
outcomes:
  status: in_progress
  metrics:
    - {name: misroute rate, kind: business, direction: decrease,
       baseline: 0.22, target: 0.10, current: 0.21, owner: Dana Cho}
    - {name: classifier accuracy, kind: model, direction: increase,
       baseline: 0.70, target: 0.90, current: 0.93, owner: ML team}
  roi:
    currency: CAD
    horizon_years: 3
    annual_benefit: 900000
    one_time_costs: {integration: 300000, change_management: 100000}
    annual_run_cost: 120000
"""


def test_the_new_parts_of_the_report_are_visible(browser: Any, tmp_path: Path) -> None:
    source = tmp_path / "story.yaml"
    source.write_text(STORY.read_text().replace("\ngovernance:", OUTCOMES + "\ngovernance:"))
    result = assess_file(source, today=TODAY)
    off_track = Finding("OUT004", "off-track-outcome", Severity.MAJOR, GateId.OUTCOMES,
                        "Metric 'misroute rate' is off track", "outcomes.metrics[0].current",
                        43, 5, "", None, "misroute rate (0.21, was 0.22, target 0.1)")
    result = replace(result, findings=[*result.findings, off_track])
    page = tmp_path / "report.html"
    page.write_text(html.render(build(result)), encoding="utf-8")
    requests_made(browser)
    browser.get(page.as_uri())
    assert requests_made(browser) == [page.as_uri()]

    def shown(selector: str) -> Any:
        element = browser.find_element("css selector", selector)
        assert element.is_displayed() and element.size["height"] > 10, selector
        return element

    symptoms = shown(".verdict .symptoms").text
    assert "People override the AI too often: on 48% of cases" in symptoms
    assert "misroute rate" in symptoms
    apart = shown(".model-metrics")
    assert "Model metrics, not outcomes" in apart.text and "classifier accuracy" in apart.text
    assert "target met" not in apart.text
    outcomes = browser.find_element("css selector", "section[aria-labelledby=outcomes] table")
    assert "classifier accuracy" not in outcomes.text and "misroute rate" in outcomes.text
    caveat = shown(".caveat").text
    assert "benefit this ROI counts is not being delivered yet" in caveat
    questions = shown("#open-questions").find_element("xpath", "..").text
    assert questions.index("Care operations (Dana Cho)") < questions.index(
        "Data engineering (Marc Roy)")
    assert "worst-case age of the nightly CRM extract" in questions

    for name, selector in (("verdict", ".verdict"),
                           ("outcomes", "section[aria-labelledby=outcomes]"),
                           ("questions", "section[aria-labelledby=open-questions]")):
        element = browser.find_element("css selector", selector)
        browser.execute_script("arguments[0].scrollIntoView()", element)
        data = base64.b64decode(element.screenshot_as_base64)
        assert data.startswith(b"\x89PNG") and len(data) > 5_000
        (tmp_path / f"{name}.png").write_bytes(data)
