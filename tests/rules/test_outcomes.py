"""Outcome rules OUT001-OUT004: operational metrics with baselines, an ROI in currency, and
outcomes that move once the AI is live."""

from __future__ import annotations

from typing import Any

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from readiness.thresholds import Thresholds
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


# --- OUT004 off-track-outcome -------------------------------------------------------------

LIVE_203_DAYS = "integration: {status: complete, completed_on: 2026-05-01, live_since: 2026-05-01}"
LIVE_50_DAYS = "integration: {status: complete, completed_on: 2026-10-01, live_since: 2026-10-01}"


def misroute(current: float, extra: str = "direction: decrease, ") -> str:
    """A business metric from baseline 0.20 to target 0.10 with the given current value."""
    return (f"{{name: misroute rate, kind: business, {extra}baseline: 0.20, target: 0.10, "
            f"current: {current}, owner: Dana Cho}}")


def live(*metrics: str, integration: str = LIVE_203_DAYS, **options: Any) -> str:
    """Outcomes (metrics from line 13), then the integration that makes the AI live."""
    return doc(outcomes(*metrics) + integration + "\n", **options)


def test_out004_fires_for_a_live_metric_worse_than_its_baseline() -> None:
    result = check(live(misroute(0.22), integration=LIVE_50_DAYS),
                   expect=[("OUT004", 13)], rules={"OUT004"})
    finding = of(result, "OUT004")[0]
    assert finding.gate == GateId.OUTCOMES and finding.severity == Severity.MAJOR
    assert finding.path == "outcomes.metrics[0].current"
    assert "'misroute rate' is worse than before the AI" in finding.message
    assert "current 0.22 against baseline 0.2 and target 0.1" in finding.message
    assert "line 13" in finding.message


@pytest.mark.parametrize("metric", [
    "{name: first contact resolution, kind: service, direction: increase, baseline: 0.71, "
    "target: 0.78, current: 0.70}",
    misroute(0.21, extra=""),  # no direction: the target says lower is better
])
def test_out004_worse_than_baseline_either_way(metric: str) -> None:
    check(live(metric, integration=LIVE_50_DAYS), expect=[("OUT004", 13)], rules={"OUT004"})


@pytest.mark.parametrize("metric", [
    # the target is the baseline, or on the wrong side of it: the direction still says
    # which way is worse
    "{name: misroute rate, kind: business, direction: decrease, baseline: 0.18, "
    "target: 0.18, current: 0.25}",
    "{name: misroute rate, kind: business, direction: decrease, baseline: 0.18, "
    "target: 0.28, current: 0.40}",
    "{name: misroute rate, kind: business, direction: increase, baseline: 0.2, target: 0.1, "
    "current: 0.1}",
])
def test_out004_worse_by_direction_whatever_the_target(metric: str) -> None:
    result = check(live(metric, integration=LIVE_50_DAYS), expect=[("OUT004", 13)],
                   rules={"OUT004"})
    assert "is worse than before the AI" in of(result, "OUT004")[0].message


def test_out004_a_quarter_of_the_way_in_decimal_figures_is_on_track() -> None:
    # (10.675 - 11.4) / (8.5 - 11.4) is 0.2499999... in binary floating point.
    metric = ("{name: average handle time, kind: business, direction: decrease, "
              "baseline: 11.4, target: 8.5, current: %s, owner: Dana Cho}")
    check(live(metric % "10.675"), expect=[], rules={"OUT004"})
    check(live(metric % "10.7"), expect=[("OUT004", 13)], rules={"OUT004"})


def test_out004_a_metric_that_has_not_moved_is_0_percent_of_the_way() -> None:
    result = check(live(misroute(0.20)), expect=[("OUT004", 13)], rules={"OUT004"})
    assert "203 days live: 0% of the way" in of(result, "OUT004")[0].message


def test_out004_fires_for_a_metric_that_barely_moved_after_90_days_live() -> None:
    # 0.20 -> 0.18 is 20% of the way to 0.10, after 203 days live.
    result = check(live(misroute(0.18)), expect=[("OUT004", 13)], rules={"OUT004"})
    message = of(result, "OUT004")[0].message
    assert "'misroute rate' is off track after 203 days live: 20% of the way" in message


@pytest.mark.parametrize(("current", "integration", "fires"), [
    (0.18, LIVE_50_DAYS, False),  # 20% of the way, but live for 50 days only
    (0.175, LIVE_203_DAYS, False),  # 25% of the way: on track
    (0.176, LIVE_203_DAYS, True),  # 24%
    (0.20, LIVE_203_DAYS, True),  # not moved at all
    (0.09, LIVE_203_DAYS, False),  # beyond the target
])
def test_out004_share_of_the_way_and_days_live(current: float, integration: str,
                                               fires: bool) -> None:
    check(live(misroute(current), integration=integration),
          expect=[("OUT004", 13)] if fires else [], rules={"OUT004"})


def test_out004_thresholds_are_settings() -> None:
    text = live(misroute(0.18), integration=LIVE_50_DAYS)
    check(text, expect=[], rules={"OUT004"})
    check(text, expect=[("OUT004", 13)], rules={"OUT004"},
          thresholds=Thresholds(off_track_days=30))
    check(live(misroute(0.18)), expect=[], rules={"OUT004"},
          thresholds=Thresholds(off_track_share=0.15))


def test_out004_silent_before_the_initiative_is_live() -> None:
    check(doc(outcomes(misroute(0.30))), expect=[], rules={"OUT004"})


def test_out004_live_by_stage_judges_only_worse_than_baseline() -> None:
    # Live without a live_since date: how long it has been live is unknown.
    check(doc(outcomes(misroute(0.19)), stage="limited_rollout"), expect=[], rules={"OUT004"})


@pytest.mark.parametrize("metric", [
    "{name: accuracy, kind: model, direction: increase, baseline: 0.9, target: 0.95, current: 0.8}",
    "{name: cloud spend, kind: cost, direction: decrease, baseline: 10, target: 5, current: 12}",
    "{name: misroute rate, kind: business, direction: decrease, baseline: 0.20, target: 0.10}",
    "{name: misroute rate, kind: business, direction: decrease, target: 0.10, current: 0.3}",
    "{name: misroute rate, kind: business, direction: decrease, baseline: 0.2, current: 0.3}",
    "{name: misroute rate, kind: business, baseline: 0.2, target: 0.2, current: 0.3}",
    # a target on the wrong side of the baseline for its direction: nothing to judge by
    "{name: misroute rate, kind: business, direction: increase, baseline: 0.2, target: 0.1, "
    "current: 0.3}",
])
def test_out004_silent_without_an_operational_baseline_target_and_current(metric: str) -> None:
    check(live(metric), expect=[], rules={"OUT004"})


def test_out004_does_not_repeat_seq006() -> None:
    # Scaling and worse than the baseline: SEQ006 reports the metric, OUT004 does not.
    check(live(misroute(0.22), stage="limited_rollout"),
          expect=[("SEQ006", 13)], rules={"OUT004", "SEQ006"})
    # Scaling and off track but better than the baseline: OUT004 only.
    check(live(misroute(0.19), stage="limited_rollout"),
          expect=[("OUT004", 13)], rules={"OUT004", "SEQ006"})
    # Without a direction SEQ006 cannot judge the metric, so OUT004 reports it.
    check(live(misroute(0.22, extra=""), stage="limited_rollout"),
          expect=[("OUT004", 13)], rules={"OUT004", "SEQ006"})
