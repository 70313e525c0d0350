"""Integration rules INT001-INT003: inside existing tools, with a fallback and a review."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from tests.common import check
from tests.rules import doc, of

# --- INT001 outside-existing-tools --------------------------------------------------------


def test_int001_fires_for_a_standalone_portal() -> None:
    result = check(doc("""
        integration:
          status: in_progress
          surface: standalone_portal
        """), expect=[("INT001", 12)], rules={"INT001"})
    finding = of(result, "INT001")[0]
    assert finding.gate == GateId.INTEGRATION and finding.severity == Severity.MAJOR
    assert finding.path == "integration.surface"


def test_int001_fires_when_not_embedded_in_an_existing_tool() -> None:
    result = check(doc("""
        integration:
          status: in_progress
          surface: agent_desktop
          embedded_in_existing_tool: false
        """), expect=[("INT001", 13)], rules={"INT001"})
    assert of(result, "INT001")[0].path == "integration.embedded_in_existing_tool"


def test_int001_reports_a_standalone_unembedded_portal_once() -> None:
    check(doc("""
        integration:
          status: in_progress
          surface: standalone_portal
          embedded_in_existing_tool: false
        """), expect=[("INT001", 12)], rules={"INT001"})


@pytest.mark.parametrize("fields", [
    "surface: agent_desktop, embedded_in_existing_tool: true",
    "surface: noc_console",
    "embedded_in_existing_tool: true",
    "surface: other",
])
def test_int001_silent_inside_an_existing_tool(fields: str) -> None:
    check(doc(f"""
        integration: {{status: in_progress, {fields}}}
        """), expect=[], rules={"INT001"})


# --- INT002 no-fallback -------------------------------------------------------------------


@pytest.mark.parametrize("status", ["in_progress", "complete, completed_on: 2026-04-01"])
def test_int002_fires_without_a_fallback_once_integration_has_started(status: str) -> None:
    # The fallback is absent: the finding points at the integration section (line 10).
    result = check(doc(f"""
        integration: {{status: {status}, surface: agent_desktop}}
        """), expect=[("INT002", 10)], rules={"INT002"})
    finding = of(result, "INT002")[0]
    assert finding.gate == GateId.INTEGRATION and finding.severity == Severity.MAJOR
    assert finding.path == "integration.fallback"


def test_int002_silent_with_a_fallback() -> None:
    check(doc("""
        integration:
          status: in_progress
          fallback: Agents continue with the standard script
        """), expect=[], rules={"INT002"})


@pytest.mark.parametrize("stage", ["pilot", "production"])
def test_int002_silent_while_integration_is_not_started_even_when_live(stage: str) -> None:
    # Live makes the rule run; its own condition still excludes a not_started integration.
    check(doc("""
        integration: {status: not_started}
        """, stage=stage), expect=[], rules={"INT002"})


# --- INT003 live-without-security-review --------------------------------------------------


@pytest.mark.parametrize("review", ["not_started", "in_progress"])
def test_int003_fires_when_live_with_an_unfinished_review(review: str) -> None:
    result = check(doc(f"""
        integration:
          status: in_progress
          live_since: 2026-05-01
          security_review:
            status: {review}
        """), expect=[("INT003", 14)], rules={"INT003"})
    finding = of(result, "INT003")[0]
    assert finding.gate == GateId.INTEGRATION and finding.severity == Severity.BLOCKER
    assert "integration.live_since, line 12" in finding.message


def test_int003_fires_when_live_by_stage_without_a_review() -> None:
    result = check(doc("""
        integration:
          status: in_progress
        """, stage="limited_rollout"), expect=[("INT003", 10)], rules={"INT003"})
    assert "initiative.stage, line 7" in of(result, "INT003")[0].message


def test_int003_fires_when_live_with_a_review_that_has_no_status() -> None:
    """`security_review.status` is optional (docs/format.md, `integration.security_review`):
    without it the review is not complete."""
    result = check(doc("""
        integration:
          status: in_progress
          live_since: 2026-05-01
          security_review: {completed_on: 2026-04-20}
        """), expect=[("INT003", 13)], rules={"INT003"})
    assert "security review is missing" in of(result, "INT003")[0].message


def test_int003_silent_when_live_with_a_complete_review() -> None:
    check(doc("""
        integration:
          status: in_progress
          live_since: 2026-05-01
          security_review: {status: complete, completed_on: 2026-04-20}
        """), expect=[], rules={"INT003"})


def test_int003_silent_when_not_live() -> None:
    check(doc("""
        integration:
          status: in_progress
          security_review: {status: in_progress}
        """), expect=[], rules={"INT003"})
