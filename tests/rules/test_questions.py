"""Open-question rules OPN001-OPN002: answered before the gate is complete, and chased."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from readiness.thresholds import Thresholds
from readiness.words import field_words
from tests.common import check
from tests.rules import doc, of

COMPLETE = """\
workflow: {status: complete, completed_on: 2026-02-02}
data_pipeline: {status: complete, completed_on: 2026-03-13}
integration: {status: in_progress}
governance: {status: complete, completed_on: 2026-06-01}
"""
"""Lines 10-13: workflow, data pipeline and governance complete, integration not."""


def questions(*fields: str, raised_on: str = "2026-11-18") -> str:
    """`open_questions` at line 14, one question per line from line 15."""
    lines = ["open_questions:"] + [
        f"  - {{field: '{field}', ask: Data engineering (Marc Roy), raised_on: {raised_on}}}"
        for field in fields
    ]
    return "\n".join(lines) + "\n"


# --- OPN001 open-question-in-complete-gate ------------------------------------------------


@pytest.mark.parametrize(("field", "gate"), [
    ("data_pipeline.sources[0].freshness", GateId.DATA_PIPELINE),
    ("workflow.monthly_volume", GateId.WORKFLOW),
    ("initiative.accountable_owner", GateId.WORKFLOW),
    ("model.started_on", GateId.WORKFLOW),
    ("rollout.users_total", GateId.GOVERNANCE),
    ("governance.retraining.cadence", GateId.GOVERNANCE),
])
def test_opn001_fires_for_a_question_on_a_complete_gate(field: str, gate: GateId) -> None:
    result = check(doc(COMPLETE + questions(field)), expect=[("OPN001", 15)],
                   rules={"OPN001"})
    finding = of(result, "OPN001")[0]
    assert finding.gate == gate and finding.severity == Severity.MAJOR
    opening = f"The {gate.title.lower()} gate is complete while the question on the "
    assert finding.message.startswith(opening + field_words(field))
    assert "(open_questions[0], line 15)" in finding.message
    assert "asked of Data engineering (Marc Roy)" in finding.message
    assert "open_questions[0], line 15" in finding.message


@pytest.mark.parametrize("field", [
    "integration.fallback",  # in progress
    "outcomes.roi.annual_benefit",  # absent: not started
    "decision_boundaries.actions[0].limit",
])
def test_opn001_silent_while_the_gate_is_not_complete(field: str) -> None:
    check(doc(COMPLETE + questions(field)), expect=[], rules={"OPN001"})


def test_opn001_one_finding_per_question() -> None:
    check(doc(COMPLETE + questions("workflow.scope", "integration.fallback",
                                   "data_pipeline.decision_latency")),
          expect=[("OPN001", 15), ("OPN001", 17)], rules={"OPN001"})


def test_opn001_silent_without_open_questions() -> None:
    check(doc(COMPLETE), expect=[], rules={"OPN001", "OPN002"})
    check(doc(COMPLETE + "open_questions: []\n"), expect=[], rules={"OPN001", "OPN002"})


# --- OPN002 stale-open-question -----------------------------------------------------------
# The reference date of the tests is 2026-11-25.


@pytest.mark.parametrize(("raised_on", "fires"), [
    ("2026-10-25", True),  # 31 days
    ("2026-10-26", False),  # 30 days: not more than 30
    ("2026-11-25", False),
])
def test_opn002_a_question_older_than_30_days(raised_on: str, fires: bool) -> None:
    result = check(doc(COMPLETE + questions("outcomes.roi.annual_benefit", raised_on=raised_on)),
                   expect=[("OPN002", 15)] if fires else [], rules={"OPN002"})
    for finding in of(result, "OPN002"):
        assert finding.gate == GateId.OUTCOMES and finding.severity == Severity.MINOR
        assert finding.path == "open_questions[0].raised_on"
        assert "has been open for 31 days, more than 30" in finding.message


def test_opn002_is_charged_to_the_gate_of_the_field() -> None:
    result = check(doc(COMPLETE + questions("initiative.stakeholders[1].success_measure",
                                            raised_on="2026-01-05")),
                   expect=[("OPN002", 15)], rules={"OPN002"})
    assert of(result, "OPN002")[0].gate == GateId.WORKFLOW


def test_opn002_age_is_a_setting() -> None:
    text = doc(COMPLETE + questions("outcomes.roi.annual_benefit", raised_on="2026-11-10"))
    check(text, expect=[], rules={"OPN002"})
    check(text, expect=[("OPN002", 15)], rules={"OPN002"},
          thresholds=Thresholds(open_question_days=7))
