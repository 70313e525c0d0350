"""Sequence rules SEQ001-SEQ006: the gates are done in order, the model comes last."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from readiness.thresholds import Thresholds
from tests.common import check
from tests.rules import doc, of

# --- SEQ001 model-before-workflow ---------------------------------------------------------


def test_seq001_fires_when_model_started_and_workflow_in_progress() -> None:
    result = check(doc("""
        workflow: {status: in_progress}
        model: {kind: llm, started_on: 2026-01-15}
        """), expect=[("SEQ001", 11)], rules={"SEQ001"})
    finding = of(result, "SEQ001")[0]
    assert finding.severity == Severity.MAJOR and finding.gate == GateId.WORKFLOW
    assert "model.started_on, line 11" in finding.message
    assert "workflow.status, line 10" in finding.message


def test_seq001_fires_when_model_started_and_workflow_absent() -> None:
    check(doc("""
        model: {kind: llm, started_on: 2026-01-15}
        """), expect=[("SEQ001", 10)], rules={"SEQ001"})


def test_seq001_fires_when_model_started_before_workflow_completed() -> None:
    result = check(doc("""
        workflow: {status: complete, completed_on: 2026-02-01}
        model:
          kind: classifier
          started_on: 2026-01-31
        """), expect=[("SEQ001", 13)], rules={"SEQ001"})
    assert "workflow.completed_on, line 10" in of(result, "SEQ001")[0].message


@pytest.mark.parametrize("started", ["2026-02-01", "2026-02-15"])
def test_seq001_silent_when_model_started_on_or_after_workflow_completed(started: str) -> None:
    check(doc(f"""
        workflow: {{status: complete, completed_on: 2026-02-01}}
        model: {{kind: classifier, started_on: {started}}}
        """), expect=[], rules={"SEQ001"})


def test_seq001_silent_without_model_start_date() -> None:
    check(doc("""
        workflow: {status: in_progress}
        model: {kind: classifier}
        """), expect=[], rules={"SEQ001"})
    check(doc("""
        workflow: {status: in_progress}
        """), expect=[], rules={"SEQ001"})


# --- SEQ002 integration-before-data-pipeline ----------------------------------------------


@pytest.mark.parametrize("pipeline", ["data_pipeline: {status: in_progress}", "# no pipeline"])
def test_seq002_fires_when_integrating_before_the_pipeline_is_complete(pipeline: str) -> None:
    result = check(doc(f"""
        {pipeline}
        integration:
          status: in_progress
        """), expect=[("SEQ002", 12)], rules={"SEQ002"})
    finding = of(result, "SEQ002")[0]
    assert finding.severity == Severity.BLOCKER and finding.gate == GateId.INTEGRATION
    assert finding.path == "integration.status"


def test_seq002_fires_when_integration_is_complete_and_pipeline_is_not() -> None:
    check(doc("""
        data_pipeline: {status: in_progress}
        integration:
          status: complete
          completed_on: 2026-04-01
        """), expect=[("SEQ002", 12)], rules={"SEQ002"})


def test_seq002_fires_when_integration_started_before_pipeline_completed() -> None:
    result = check(doc("""
        data_pipeline: {status: complete, completed_on: 2026-03-01}
        integration:
          status: in_progress
          started_on: 2026-02-28
        """), expect=[("SEQ002", 13)], rules={"SEQ002"})
    assert of(result, "SEQ002")[0].path == "integration.started_on"
    assert "data_pipeline.completed_on, line 10" in of(result, "SEQ002")[0].message


@pytest.mark.parametrize("started", ["2026-03-01", "2026-03-20"])
def test_seq002_silent_when_integration_follows_a_complete_pipeline(started: str) -> None:
    check(doc(f"""
        data_pipeline: {{status: complete, completed_on: 2026-03-01}}
        integration: {{status: in_progress, started_on: {started}}}
        """), expect=[], rules={"SEQ002"})


def test_seq002_silent_while_integration_has_not_started() -> None:
    check(doc("""
        data_pipeline: {status: in_progress}
        integration: {status: not_started}
        """), expect=[], rules={"SEQ002"})


# --- SEQ003 gate-out-of-order ---------------------------------------------------------------


def test_seq003_fires_when_a_gate_is_complete_before_an_earlier_one() -> None:
    result = check(doc("""
        workflow: {status: in_progress}
        data_pipeline:
          status: complete
          completed_on: 2026-03-01
        """), expect=[("SEQ003", 12)], rules={"SEQ003"})
    finding = of(result, "SEQ003")[0]
    assert finding.gate == GateId.DATA_PIPELINE  # the later gate of the pair
    assert finding.severity == Severity.MAJOR
    assert "workflow.status, line 10" in finding.message


def test_seq003_fires_when_a_gate_was_completed_before_an_earlier_one() -> None:
    result = check(doc("""
        workflow: {status: complete, completed_on: 2026-03-01}
        data_pipeline:
          status: complete
          completed_on: 2026-02-01
        """), expect=[("SEQ003", 13)], rules={"SEQ003"})
    assert of(result, "SEQ003")[0].path == "data_pipeline.completed_on"
    assert of(result, "SEQ003")[0].gate == GateId.DATA_PIPELINE


def test_seq003_reports_one_finding_per_pair_charged_to_the_later_gate() -> None:
    # Governance complete with every earlier gate absent: five pairs, five findings.
    result = check(doc("""
        governance:
          status: complete
          completed_on: 2026-06-01
        """), expect=[("SEQ003", 11)] * 5, rules={"SEQ003"})
    assert {f.gate for f in of(result, "SEQ003")} == {GateId.GOVERNANCE}
    named = sorted(f.message.split("; ")[1].split(".")[0] for f in of(result, "SEQ003"))
    assert named == sorted(["workflow", "data_pipeline", "integration",
                            "decision_boundaries", "outcomes"])


def test_seq003_reports_each_out_of_order_pair_of_several_gates() -> None:
    # workflow last of three: data_pipeline and integration each precede it.
    check(doc("""
        workflow: {status: complete, completed_on: 2026-05-01}
        data_pipeline: {status: complete, completed_on: 2026-03-01}
        integration: {status: complete, started_on: 2026-03-02, completed_on: 2026-04-01}
        """), expect=[("SEQ003", 11), ("SEQ003", 12)], rules={"SEQ003"})


def test_seq003_does_not_repeat_the_pair_seq002_reports() -> None:
    text = doc("""
        workflow: {status: complete, completed_on: 2026-01-10}
        data_pipeline: {status: in_progress}
        integration:
          status: complete
          completed_on: 2026-04-01
        """)
    check(text, expect=[("SEQ002", 13)], rules={"SEQ002", "SEQ003"})


def test_seq003_does_not_repeat_the_pair_seq002_reports_by_date() -> None:
    check(doc("""
        workflow: {status: complete, completed_on: 2026-01-10}
        data_pipeline: {status: complete, completed_on: 2026-03-01}
        integration: {status: complete, started_on: 2026-02-01, completed_on: 2026-02-20}
        """), expect=[("SEQ002", 12)], rules={"SEQ002", "SEQ003"})


def test_seq003_reports_the_pair_when_seq002_does_not() -> None:
    # No integration.started_on: SEQ002 cannot tell, so SEQ003 reports the completion dates.
    result = check(doc("""
        workflow: {status: complete, completed_on: 2026-01-10}
        data_pipeline: {status: complete, completed_on: 2026-03-01}
        integration:
          status: complete
          completed_on: 2026-02-20
        """), expect=[("SEQ003", 14)], rules={"SEQ002", "SEQ003"})
    assert of(result, "SEQ003")[0].gate == GateId.INTEGRATION


def test_seq003_silent_when_gates_complete_in_order_or_on_the_same_day() -> None:
    check(doc("""
        workflow: {status: complete, completed_on: 2026-02-01}
        data_pipeline: {status: complete, completed_on: 2026-02-01}
        integration: {status: complete, started_on: 2026-02-02, completed_on: 2026-03-01}
        decision_boundaries: {status: in_progress}
        """), expect=[], rules={"SEQ003"})


def test_seq003_silent_when_a_later_gate_is_only_in_progress() -> None:
    check(doc("""
        data_pipeline: {status: in_progress}
        outcomes: {status: in_progress}
        """), expect=[], rules={"SEQ003"})


# --- SEQ004 scale-before-governance -------------------------------------------------------


@pytest.mark.parametrize("stage", ["limited_rollout", "production"])
@pytest.mark.parametrize("governance", ["# no governance", "governance: {status: in_progress}"])
def test_seq004_fires_when_the_stage_scales_before_governance(stage: str, governance: str) -> None:
    result = check(doc(governance, stage=stage), expect=[("SEQ004", 7)], rules={"SEQ004"})
    assert of(result, "SEQ004")[0].gate == GateId.GOVERNANCE
    assert of(result, "SEQ004")[0].severity == Severity.BLOCKER


def test_seq004_fires_when_the_rollout_share_exceeds_the_pilot_cohort() -> None:
    result = check(doc("""
        rollout:
          users_enabled: 121
          users_total: 1200
        """), expect=[("SEQ004", 11)], rules={"SEQ004"})
    assert result.scaling and not result.live


def test_seq004_silent_at_exactly_the_pilot_cohort() -> None:
    for enabled, total in [(120, 1200), (1, 10), (7, 70), (3, 30)]:
        result = check(doc(f"""
            rollout: {{users_enabled: {enabled}, users_total: {total}}}
            """), expect=[], rules={"SEQ004"})
        assert not result.scaling


def test_seq004_pilot_cohort_is_a_setting() -> None:
    text = doc("""
        rollout: {users_enabled: 200, users_total: 1000}
        """)
    check(text, expect=[("SEQ004", 10)], rules={"SEQ004"})
    check(text, expect=[], rules={"SEQ004"}, thresholds=Thresholds(pilot_cohort=0.25))


def test_seq004_silent_once_governance_is_complete() -> None:
    check(doc("""
        governance: {status: complete, completed_on: 2026-06-01}
        """, stage="production"), expect=[], rules={"SEQ004"})
    check(doc("""
        rollout: {users_enabled: 600, users_total: 1200}
        governance: {status: complete, completed_on: 2026-06-01}
        """), expect=[], rules={"SEQ004"})


def test_seq004_silent_in_a_pilot() -> None:
    check(doc("""
        governance: {status: in_progress}
        """, stage="pilot"), expect=[], rules={"SEQ004"})


# --- SEQ005 live-before-boundaries --------------------------------------------------------


def test_seq005_fires_when_live_since_is_set_before_boundaries_are_complete() -> None:
    result = check(doc("""
        integration:
          status: in_progress
          live_since: 2026-05-01
        decision_boundaries: {status: in_progress}
        """), expect=[("SEQ005", 12)], rules={"SEQ005"})
    finding = of(result, "SEQ005")[0]
    assert finding.gate == GateId.DECISION_BOUNDARIES and finding.severity == Severity.BLOCKER
    assert "decision_boundaries.status, line 13" in finding.message


@pytest.mark.parametrize("stage", ["limited_rollout", "production"])
def test_seq005_fires_when_the_stage_is_live_without_boundaries(stage: str) -> None:
    check(doc(stage=stage), expect=[("SEQ005", 7)], rules={"SEQ005"})


def test_seq005_fires_when_live_before_boundaries_were_completed() -> None:
    result = check(doc("""
        integration:
          status: in_progress
          live_since: 2026-04-19
        decision_boundaries: {status: complete, completed_on: 2026-04-20}
        """), expect=[("SEQ005", 12)], rules={"SEQ005"})
    assert "decision_boundaries.completed_on, line 13" in of(result, "SEQ005")[0].message


@pytest.mark.parametrize("live_since", ["2026-04-20", "2026-05-01"])
def test_seq005_silent_when_live_after_boundaries_were_completed(live_since: str) -> None:
    check(doc(f"""
        integration: {{status: in_progress, live_since: {live_since}}}
        decision_boundaries: {{status: complete, completed_on: 2026-04-20}}
        """), expect=[], rules={"SEQ005"})


def test_seq005_silent_when_not_live() -> None:
    check(doc("""
        integration: {status: in_progress}
        decision_boundaries: {status: not_started}
        """), expect=[], rules={"SEQ005"})


# --- SEQ006 expand-before-stable ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["business", "service"])
def test_seq006_fires_when_scaling_with_an_unmeasured_metric(kind: str) -> None:
    result = check(doc(f"""
        outcomes:
          status: in_progress
          metrics:
            - {{name: handle time, kind: {kind}, direction: decrease, baseline: 11.4}}
        """, stage="limited_rollout"), expect=[("SEQ006", 13)], rules={"SEQ006"})
    assert of(result, "SEQ006")[0].gate == GateId.OUTCOMES
    assert of(result, "SEQ006")[0].severity == Severity.MAJOR


@pytest.mark.parametrize(("direction", "baseline", "current"), [
    ("decrease", 11.4, 12.1),
    ("increase", 0.71, 0.65),
    ("increase", 32, -5),  # NPS may be negative
])
def test_seq006_fires_when_scaling_with_a_metric_worse_than_baseline(
    direction: str, baseline: float, current: float
) -> None:
    result = check(doc(f"""
        outcomes:
          status: in_progress
          metrics:
            - name: the metric
              kind: business
              direction: {direction}
              baseline: {baseline}
              current: {current}
        """, stage="production"), expect=[("SEQ006", 17)], rules={"SEQ006"})
    assert of(result, "SEQ006")[0].path == "outcomes.metrics[0].current"


@pytest.mark.parametrize(("direction", "baseline", "current"), [
    ("decrease", 11.4, 9.6),
    ("decrease", 11.4, 11.4),
    ("increase", 0.71, 0.78),
    ("increase", 0.71, 0.71),
])
def test_seq006_silent_when_metrics_hold_their_baseline(
    direction: str, baseline: float, current: float
) -> None:
    check(doc(f"""
        outcomes:
          status: in_progress
          metrics:
            - {{name: m, kind: service, direction: {direction}, baseline: {baseline},
               current: {current}}}
        """, stage="production"), expect=[], rules={"SEQ006"})


def test_seq006_ignores_model_metrics() -> None:
    check(doc("""
        outcomes:
          status: in_progress
          metrics:
            - {name: accuracy, kind: model, direction: increase, baseline: 0.9}
            - {name: f1, kind: model, direction: increase, baseline: 0.9, current: 0.5}
            - {name: cost per contact, kind: cost, direction: decrease, baseline: 4}
            - {name: handle time, kind: business, direction: decrease, baseline: 11.4, current: 9}
        """, stage="limited_rollout"), expect=[], rules={"SEQ006"})


def test_seq006_fires_once_per_unstable_metric() -> None:
    check(doc("""
        rollout: {users_enabled: 500, users_total: 1200}
        outcomes:
          status: in_progress
          metrics:
            - {name: handle time, kind: business, direction: decrease, baseline: 11.4}
            - {name: resolution, kind: service, direction: increase, baseline: 0.7, current: 0.6}
            - {name: repeat rate, kind: service, direction: decrease, baseline: 0.2, current: 0.1}
        """), expect=[("SEQ006", 14), ("SEQ006", 15)], rules={"SEQ006"})


def test_seq006_silent_when_not_scaling() -> None:
    check(doc("""
        rollout: {users_enabled: 40, users_total: 1200}
        outcomes:
          status: in_progress
          metrics:
            - {name: handle time, kind: business, direction: decrease, baseline: 11.4, current: 14}
        """), expect=[], rules={"SEQ006"})
