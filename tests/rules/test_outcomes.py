"""Outcome rules OUT001-OUT003: operational metrics with baselines, and an ROI in currency."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from tests.common import check
from tests.rules import doc, of


def outcomes(*metrics: str) -> str:
    """Outcomes at lines 10-12, one metric per line from line 13."""
    lines = ["outcomes:", "  status: in_progress", "  metrics:"]
    lines += [f"    - {metric}" for metric in metrics]
    return "\n".join(lines) + "\n"


# --- OUT001 accuracy-only -----------------------------------------------------------------


def test_out001_fires_when_only_model_metrics_are_measured() -> None:
    result = check(doc(outcomes(
        "{name: accuracy, kind: model, baseline: 0.81, target: 0.93}",
        "{name: inference cost, kind: cost, baseline: 0.02, target: 0.01}",
    )), expect=[("OUT001", 12)], rules={"OUT001"})
    finding = of(result, "OUT001")[0]
    assert finding.gate == GateId.OUTCOMES and finding.severity == Severity.BLOCKER
    assert "cost, model" in finding.message


@pytest.mark.parametrize("metric", [
    "{name: handle time, kind: business, baseline: 11.4}",
    "{name: handle time, kind: business, target: 8.5}",
    "{name: resolution, kind: service}",
])
def test_out001_fires_when_no_operational_metric_has_baseline_and_target(metric: str) -> None:
    check(doc(outcomes(metric, "{name: accuracy, kind: model, baseline: 0.8, target: 0.9}")),
          expect=[("OUT001", 12)], rules={"OUT001"})


def test_out001_fires_without_metrics() -> None:
    check(doc("""
        outcomes: {status: in_progress}
        """), expect=[("OUT001", 10)], rules={"OUT001"})


@pytest.mark.parametrize("kind", ["business", "service"])
def test_out001_silent_with_an_operational_metric_with_baseline_and_target(kind: str) -> None:
    check(doc(outcomes(
        "{name: accuracy, kind: model, baseline: 0.81, target: 0.93}",
        "{name: handle time, kind: business, baseline: 11.4}",
        f"{{name: churn, kind: {kind}, baseline: 0, target: 0}}",
    )), expect=[], rules={"OUT001"})


# --- OUT002 roi-trap ----------------------------------------------------------------------

FULL_ROI = """\
outcomes:
  status: in_progress
  roi:
    currency: CAD
    annual_benefit: 1200000
    one_time_costs: {integration: 400000, change_management: 150000}
"""
"""A complete ROI: the roi mapping is on line 12, its one-time costs on line 15."""


def test_out002_fires_without_roi() -> None:
    result = check(doc("""
        outcomes: {status: in_progress}
        """), expect=[("OUT002", 10)], rules={"OUT002"})
    finding = of(result, "OUT002")[0]
    assert finding.gate == GateId.OUTCOMES and finding.severity == Severity.MAJOR


@pytest.mark.parametrize(("old", "new", "lacks"), [
    ("    annual_benefit: 1200000\n", "    benefit_basis: 15% churn reduction\n",
     ["annual_benefit"]),
    ("{integration: 400000, change_management: 150000}", "{change_management: 150000}",
     ["one_time_costs.integration"]),
    ("{integration: 400000, change_management: 150000}", "{integration: 400000, other: 9}",
     ["one_time_costs.change_management"]),
    ("    one_time_costs: {integration: 400000, change_management: 150000}\n", "",
     ["one_time_costs.integration", "one_time_costs.change_management"]),
])
def test_out002_fires_for_each_missing_part_of_the_roi(
    old: str, new: str, lacks: list[str]
) -> None:
    assert old in FULL_ROI
    result = check(doc(FULL_ROI.replace(old, new)), expect=[("OUT002", 12)], rules={"OUT002"})
    message = of(result, "OUT002")[0].message
    assert message.endswith("lacks " + ", ".join(lacks) + ")"), message


def test_out002_silent_with_a_full_roi_even_at_zero_costs() -> None:
    check(doc(FULL_ROI), expect=[], rules={"OUT002"})
    check(doc(FULL_ROI.replace("400000", "0").replace("150000", "0")),
          expect=[], rules={"OUT002"})


# --- OUT003 metric-without-baseline -------------------------------------------------------


def test_out003_fires_for_each_operational_metric_without_baseline() -> None:
    result = check(doc(outcomes(
        "{name: repeat contacts, kind: service, target: 0.12}",
        "{name: handle time, kind: business, baseline: 11.4, target: 8.5}",
        "{name: revenue saved, kind: business}",
    )), expect=[("OUT003", 13), ("OUT003", 15)], rules={"OUT003"})
    finding = of(result, "OUT003")[0]
    assert finding.gate == GateId.OUTCOMES and finding.severity == Severity.MINOR


@pytest.mark.parametrize("metric", [
    "{name: repeat contacts, kind: service, baseline: 0.18}",
    "{name: net promoter score, kind: business, baseline: -12}",
    "{name: churned lines, kind: business, baseline: 0}",
    "{name: accuracy, kind: model}",
    "{name: cloud spend, kind: cost}",
])
def test_out003_silent_with_a_baseline_or_for_other_kinds(metric: str) -> None:
    check(doc(outcomes(metric)), expect=[], rules={"OUT003"})
