"""Scoring (docs/format.md, "Scores"; README.md, "The six gates"): gate scores, passing,
level, score, verdict, thresholds, checks."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from readiness.engine import Result
from readiness.findings import Finding, Severity
from readiness.loader import loads
from readiness.model import Assessment, GateId, Status
from readiness.packs import Check, RuleState
from readiness.schema import validate
from readiness.scoring import (
    GateResult,
    Verdict,
    overall_score,
    readiness_level,
    verdict,
)
from readiness.thresholds import Thresholds
from tests.common import run
from tests.rules import doc

PACK = """\
pack_version: 1
id: scoring-test
title: Scoring test pack
gates:
  - id: workflow
    title: Workflow
    criteria:
      - {id: process, text: A process, weight: 1, check: {present: workflow.process}}
      - {id: scope, text: A scope, weight: 7, check: {present: workflow.scope}}
  - id: data_pipeline
    title: Data pipeline
    criteria:
      - {id: latency, text: A latency, weight: 1, check: {present: data_pipeline.decision_latency}}
      - {id: owned, text: Sources owned, weight: 2, check: {no_findings: [DAT003]}}
  - id: integration
    title: Integration
    criteria:
      - {id: integration-notes, text: Notes, weight: 1, check: {present: integration.notes}}
  - id: decision_boundaries
    title: Decision boundaries
    criteria:
      - {id: boundary-notes, text: Notes, weight: 1, check: {present: decision_boundaries.notes}}
  - id: outcomes
    title: Outcomes
    criteria:
      - {id: outcome-notes, text: Notes, weight: 1, check: {present: outcomes.notes}}
  - id: governance
    title: Governance
    criteria:
      - {id: governance-notes, text: Notes, weight: 1, check: {present: governance.notes}}
"""
"""Weights chosen so that scores land on halves: 1/8 = 12.5, 7/8 = 87.5, 1/3, 2/3."""

READY = """\
workflow: {status: complete, completed_on: 2026-02-01, process: Billing disputes, scope: Small}
data_pipeline:
  status: complete
  completed_on: 2026-03-01
  decision_latency: PT2M
  sources:
    - {name: CRM, kind: crm, owner: CRM team, freshness: PT1M}
integration:
  {status: complete, started_on: 2026-03-02, completed_on: 2026-04-01, fallback: F, notes: n}
decision_boundaries:
  status: complete
  completed_on: 2026-04-05
  notes: n
  actions:
    - {action: Change a contract, authority: prohibited}
outcomes:
  status: complete
  completed_on: 2026-05-01
  notes: n
  metrics:
    - {name: handle time, kind: business, direction: decrease, baseline: 11, target: 8, owner: Dana}
  roi: {currency: CAD, annual_benefit: 100, one_time_costs: {integration: 1, change_management: 1}}
governance: {status: complete, completed_on: 2026-06-01, notes: n}
"""
"""Six complete gates in order with no finding at all: level 6 and ready with PACK."""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("pack") / "scoring-test.yaml"
    path.write_text(PACK, encoding="utf-8")
    return str(path)


def scores(result: Result) -> list[int]:
    return [gate.score for gate in result.gates]


def passed(result: Result) -> list[bool]:
    return [gate.passed for gate in result.gates]


def test_the_ready_file_passes_every_gate(pack: str) -> None:
    result = run(doc(READY), pack=pack)
    assert result.findings == []
    assert scores(result) == [100] * 6 and passed(result) == [True] * 6
    assert (result.score, result.level, result.verdict) == (100, 6, Verdict.READY)
    assert result.blocked_at is None


# --- gate score ---------------------------------------------------------------------------


def test_each_criterion_keeps_its_own_text_and_its_file_s_answer(
    pack: str, tmp_path: Path
) -> None:
    # Criterion results are made once and reused from file to file: one pack's must
    # never stand for another's with the same ids, nor one file's for another's.
    other = tmp_path / "other.yaml"
    other.write_text(PACK.replace("text: A process,", "text: One process,"), encoding="utf-8")
    without = READY.replace("process: Billing disputes, scope: Small", "scope: Small")
    runs = [run(doc(READY), pack=pack), run(doc(READY), pack=str(other)),
            run(doc(without), pack=pack), run(doc(READY), pack=pack)]
    firsts = [result.gates[0].criteria[0] for result in runs]
    assert [c.text for c in firsts] == ["A process", "One process", "A process", "A process"]
    assert [(c.satisfied, c.holds) for c in firsts] == [(True, True)] * 2 + [
        (False, False), (True, True)]


@pytest.mark.parametrize(("workflow", "score"), [
    ("process: Billing disputes, scope: Small", 100),
    ("scope: Small", 88),  # 7/8 = 87.5, rounded half up
    ("process: Billing disputes", 13),  # 1/8 = 12.5, rounded half up
    ("notes: nothing yet", 0),
])
def test_gate_score_is_satisfied_weight_over_total_weight(
    pack: str, workflow: str, score: int
) -> None:
    text = READY.replace("process: Billing disputes, scope: Small", workflow)
    result = run(doc(text), pack=pack)
    assert result.gates[0].score == score
    assert [c.satisfied for c in result.gates[0].criteria] == [
        "process:" in workflow, "scope:" in workflow
    ]


def test_gate_score_thirds_round_to_the_nearest_percent(pack: str) -> None:
    no_latency = READY.replace("  decision_latency: PT2M\n", "")
    assert run(doc(no_latency), pack=pack).gates[1].score == 67
    unowned = no_latency.replace(", owner: CRM team", "")
    assert run(doc(unowned), pack=pack).gates[1].score == 0
    assert run(doc(READY.replace(", owner: CRM team", "")), pack=pack).gates[1].score == 33


def test_a_waived_finding_satisfies_a_no_findings_criterion(pack: str) -> None:
    unowned = READY.replace(", owner: CRM team", "") + (
        "waivers:\n  - {rule: DAT003, reason: r, approved_by: CDO, expires_on: 2027-01-31}\n"
    )
    assert run(doc(unowned), pack=pack).gates[1].score == 100


def test_overall_score_is_the_mean_of_the_gate_scores_rounded_half_up(pack: str) -> None:
    text = READY.replace("process: Billing disputes, scope: Small",
                         "process: Billing disputes")
    result = run(doc(text), pack=pack)
    assert scores(result) == [13, 100, 100, 100, 100, 100]
    assert result.score == 86  # 513 / 6 = 85.5


def gates(*values: tuple[int, bool]) -> list[GateResult]:
    return [GateResult(gate, Status.COMPLETE, score, ok, ())
            for gate, (score, ok) in zip(GateId, values, strict=False)]


@pytest.mark.parametrize(("values", "expected"), [
    ([100, 100, 100, 100, 100, 100], 100),
    ([1, 2, 0, 0, 0, 0], 1),  # 0.5 rounds up
    ([1, 1, 0, 0, 0, 0], 0),
    ([50, 50, 50, 50, 50, 52], 50),
    ([50, 50, 50, 50, 50, 53], 51),  # 50.5
    ([0] * 6, 0),
])
def test_overall_score_rounding(values: list[int], expected: int) -> None:
    assert overall_score(gates(*[(v, True) for v in values])) == expected


# --- passing and level --------------------------------------------------------------------


def test_a_gate_needs_to_be_complete_to_pass(pack: str) -> None:
    text = READY.replace("status: complete, completed_on: 2026-02-01,", "status: in_progress,")
    result = run(doc(text), pack=pack)
    assert result.gates[0].score == 100 and not result.gates[0].passed
    assert result.level == 0 and result.verdict == Verdict.NOT_READY


@pytest.mark.parametrize(("pass_mark", "passes"), [(70, True), (88, True), (89, False)])
def test_a_gate_needs_its_score_to_reach_the_pass_mark(
    pack: str, pass_mark: float, passes: bool
) -> None:
    text = READY.replace("process: Billing disputes, scope", "scope")  # 88
    result = run(doc(text), pack=pack, thresholds=Thresholds(pass_mark=pass_mark))
    assert result.gates[0].passed is passes
    assert result.level == (6 if passes else 0)


def test_the_default_pass_mark_is_70(pack: str) -> None:
    no_latency = READY.replace("  decision_latency: PT2M\n", "")  # data pipeline 67
    assert run(doc(no_latency), pack=pack).gates[1].passed is False
    assert run(doc(no_latency), pack=pack, thresholds=Thresholds(pass_mark=67)).level == 6


UNBOUNDED = READY.replace(
    "    - {action: Change a contract, authority: prohibited}\n",
    "    - {action: Change a contract, authority: prohibited}\n"
    "    - {action: Waive a fee, authority: autonomous}\n",
)
"""READY with a DEC001 blocker charged to decision boundaries (gate 4)."""


def test_an_unwaived_blocker_stops_its_gate_from_passing(pack: str) -> None:
    result = run(doc(UNBOUNDED), pack=pack)
    assert [f.rule for f in result.findings] == ["DEC001"]
    assert scores(result) == [100] * 6
    assert passed(result) == [True, True, True, False, True, True]
    assert result.level == 3 and result.verdict == Verdict.NOT_READY
    assert result.blocked_at is not None and result.blocked_at.id == GateId.DECISION_BOUNDARIES


def test_a_waived_blocker_does_not_stop_its_gate(pack: str) -> None:
    waiver = "waivers:\n  - {rule: DEC001, reason: r, approved_by: COO, expires_on: 2027-01-31}\n"
    result = run(doc(UNBOUNDED + waiver), pack=pack)
    assert result.findings[0].waived
    assert (result.level, result.verdict) == (6, Verdict.READY)


def test_level_counts_gates_passing_in_a_row_from_gate_1(pack: str) -> None:
    text = READY.replace("  decision_latency: PT2M\n", "")  # gate 2 fails on score
    result = run(doc(text), pack=pack)
    assert passed(result) == [True, False, True, True, True, True]
    assert result.level == 1 and result.blocked_at is not None
    assert result.blocked_at.id == GateId.DATA_PIPELINE


@pytest.mark.parametrize(("flags", "level"), [
    ([True] * 6, 6),
    ([False] + [True] * 5, 0),
    ([True, True, False, True, True, True], 2),
    ([True] * 5 + [False], 5),
])
def test_readiness_level(flags: list[bool], level: int) -> None:
    assert readiness_level(gates(*[(100, flag) for flag in flags])) == level


# --- verdict ------------------------------------------------------------------------------


def finding(severity: Severity, waived: bool = False) -> Finding:
    from readiness.findings import WaiverNote

    note = WaiverNote("r", "CFO", "2027-01-31") if waived else None
    return Finding("TST001", "test", severity, GateId.OUTCOMES, "m", "outcomes", 1, 1, "fix", note)


@pytest.mark.parametrize(("level", "findings", "expected"), [
    (6, [], Verdict.READY),
    (6, [finding(Severity.MINOR)], Verdict.READY),
    (6, [finding(Severity.MAJOR)], Verdict.CONDITIONAL),
    (6, [finding(Severity.MAJOR, waived=True)], Verdict.READY),
    (6, [finding(Severity.BLOCKER)], Verdict.NOT_READY),
    (6, [finding(Severity.BLOCKER, waived=True), finding(Severity.MAJOR)], Verdict.CONDITIONAL),
    (5, [], Verdict.NOT_READY),
    (0, [], Verdict.NOT_READY),
])
def test_verdict(level: int, findings: list[Finding], expected: Verdict) -> None:
    assert verdict(level, findings) == expected


def test_an_unwaived_major_makes_a_level_6_file_conditional(pack: str) -> None:
    text = READY.replace(", fallback: F", "")  # INT002, major
    result = run(doc(text), pack=pack)
    assert [f.rule for f in result.findings] == ["INT002"]
    assert (result.level, result.verdict) == (6, Verdict.CONDITIONAL)
    waiver = "waivers:\n  - {rule: INT002, reason: r, approved_by: CIO, expires_on: 2027-01-31}\n"
    assert run(doc(text + waiver), pack=pack).verdict == Verdict.READY


def test_a_minor_finding_leaves_a_level_6_file_ready(pack: str) -> None:
    text = READY.replace(
        "  roi:", "    - {name: repeat contacts, kind: service, owner: Care quality}\n  roi:"
    )
    result = run(doc(text), pack=pack)
    assert [f.rule for f in result.findings] == ["OUT003"]
    assert (result.level, result.verdict) == (6, Verdict.READY)


# --- thresholds change outcomes -----------------------------------------------------------


def test_high_value_limit_setting_changes_the_verdict(pack: str) -> None:
    text = READY.replace(
        "    - {action: Change a contract, authority: prohibited}\n",
        "    - {action: Change a contract, authority: prohibited}\n"
        "    - {action: Credit, authority: autonomous, limit: {amount: 800, currency: CAD}}\n",
    )
    assert run(doc(text), pack=pack).verdict == Verdict.CONDITIONAL
    raised = run(doc(text), pack=pack, thresholds=Thresholds(high_value_limit=800))
    assert raised.verdict == Verdict.READY


def test_pilot_cohort_setting_changes_the_verdict(pack: str) -> None:
    # A fifth of users enabled and a metric with no current value: SEQ006 when scaling.
    text = READY + "rollout: {users_enabled: 200, users_total: 1000}\n"
    assert run(doc(text), pack=pack).verdict == Verdict.CONDITIONAL
    assert run(doc(text), pack=pack, thresholds=Thresholds(pilot_cohort=0.2)).verdict == (
        Verdict.READY
    )


@pytest.mark.parametrize(("thresholds", "level", "expected"), [
    (Thresholds(), 6, Verdict.CONDITIONAL),
    (Thresholds(override_major=0.4), 6, Verdict.READY),
    (Thresholds(override_blocker=0.35), 5, Verdict.NOT_READY),
])
def test_override_rate_settings_change_the_outcome(
    pack: str, thresholds: Thresholds, level: int, expected: Verdict
) -> None:
    text = READY.replace("2026-06-01, notes: n}", "2026-06-01, notes: n, "
                         "override_tracking: {override_rate: 0.35}}")
    result = run(doc(text), pack=pack, thresholds=thresholds)
    assert (result.level, result.verdict) == (level, expected)


# --- the check language of packs ----------------------------------------------------------

CHECK = TypeAdapter(Check)


def assessment(body: str) -> Assessment:
    return validate(loads(doc(textwrap.dedent(body)), "test.yaml"))


SUBJECT = assessment("""
    workflow:
      status: in_progress
      process: Billing disputes
      monthly_volume: 0
      evidence: []
    data_pipeline:
      status: in_progress
      sources:
        - {name: CRM, kind: crm, owner: A, personal_information: true,
           hops_from_system_of_record: 0}
        - {name: Bill, kind: bss, owner: B, personal_information: false,
           hops_from_system_of_record: 2}
    integration: {status: not_started}
    governance:
      status: in_progress
      audit_log: true
      incident_process: false
      override_tracking: {enabled: true, override_rate: 0.2}
    """)
"""One assessment the checks below are evaluated against."""

NOTHING = RuleState(frozenset(), frozenset())


def evaluate(check: dict[str, Any], rules: RuleState = NOTHING) -> bool:
    return CHECK.validate_python(check).holds(SUBJECT, rules)


@pytest.mark.parametrize(("check", "expected"), [
    ({"present": "workflow.process"}, True),
    ({"present": "workflow.scope"}, False),
    ({"present": "outcomes.roi.currency"}, False),  # through an absent section
    ({"present": ["workflow.process", "workflow.monthly_volume"]}, True),
    ({"present": ["workflow.process", "workflow.scope"]}, False),
    ({"present": "workflow.monthly_volume"}, True),  # 0 is a value
    ({"present": "workflow.evidence"}, False),  # an empty list is not
    ({"present": "data_pipeline.sources[*].personal_information"}, True),  # false is a value
    ({"present": "data_pipeline.sources[*].owner"}, True),
    ({"present": "data_pipeline.sources[*].freshness"}, False),
    ({"present": "decision_boundaries.actions[*].action"}, False),  # no items at all
])
def test_present(check: dict[str, Any], expected: bool) -> None:
    assert evaluate(check) is expected


@pytest.mark.parametrize(("check", "expected"), [
    ({"true": "governance.audit_log"}, True),
    ({"true": "governance.incident_process"}, False),
    ({"true": "governance.automated_decision_notice"}, False),  # absent
    ({"true": ["governance.audit_log", "governance.override_tracking.enabled"]}, True),
    ({"true": ["governance.audit_log", "governance.incident_process"]}, False),
    ({"true": "data_pipeline.sources[*].personal_information"}, False),  # one is false
    ({"true": "workflow.process"}, False),  # a string is not true
])
def test_true(check: dict[str, Any], expected: bool) -> None:
    assert evaluate(check) is expected


@pytest.mark.parametrize(("check", "expected"), [
    ({"in": {"initiative.stage": ["pilot", "production"]}}, True),
    ({"in": {"initiative.stage": ["production"]}}, False),
    ({"in": {"data_pipeline.sources[*].kind": ["crm", "bss"]}}, True),
    ({"in": {"data_pipeline.sources[*].kind": ["crm"]}}, False),  # every item must match
    ({"in": {"integration.surface": ["agent_desktop"]}}, False),  # absent
    ({"in": {"initiative.stage": ["pilot"], "integration.status": ["complete"]}}, False),
])
def test_in(check: dict[str, Any], expected: bool) -> None:
    assert evaluate(check) is expected


@pytest.mark.parametrize(("check", "expected"), [
    ({"at_least": {"workflow.monthly_volume": 0}}, True),
    ({"at_least": {"workflow.monthly_volume": 1}}, False),
    ({"at_least": {"governance.override_tracking.override_rate": 0.2}}, True),
    ({"at_least": {"governance.override_tracking.override_rate": 0.21}}, False),
    ({"at_least": {"workflow.users.count": 0}}, False),  # absent
    ({"at_least": {"governance.audit_log": 0}}, False),  # a boolean is not a number
    ({"at_most": {"governance.override_tracking.override_rate": 0.2}}, True),
    ({"at_most": {"governance.override_tracking.override_rate": 0.19}}, False),
    ({"at_most": {"data_pipeline.sources[*].hops_from_system_of_record": 2}}, True),
    ({"at_most": {"data_pipeline.sources[*].hops_from_system_of_record": 1}}, False),
    ({"at_most": {"outcomes.roi.annual_run_cost": 100}}, False),  # absent
])
def test_at_least_and_at_most(check: dict[str, Any], expected: bool) -> None:
    assert evaluate(check) is expected


@pytest.mark.parametrize(("check", "expected"), [
    ({"min_items": {"data_pipeline.sources": 2}}, True),
    ({"min_items": {"data_pipeline.sources": 3}}, False),
    ({"min_items": {"workflow.evidence": 0}}, True),
    ({"min_items": {"workflow.evidence": 1}}, False),
    ({"min_items": {"decision_boundaries.actions": 0}}, False),  # absent is not a list
])
def test_min_items(check: dict[str, Any], expected: bool) -> None:
    assert evaluate(check) is expected


@pytest.mark.parametrize(("rules", "ran", "fired", "expected"), [
    (["DAT003"], {"DAT003"}, set(), True),
    (["DAT003"], {"DAT003"}, {"DAT003"}, False),
    (["DAT003"], set(), set(), False),  # a rule that did not run does not satisfy it
    (["DAT003", "DAT001"], {"DAT003", "DAT001"}, set(), True),
    (["DAT003", "DAT001"], {"DAT003", "DAT001"}, {"DAT001"}, False),
    (["DAT003", "DAT001"], {"DAT003"}, set(), False),
])
def test_no_findings(rules: list[str], ran: set[str], fired: set[str], expected: bool) -> None:
    state = RuleState(frozenset(ran), frozenset(fired))
    assert evaluate({"no_findings": rules}, state) is expected


YES = {"present": "workflow.process"}
NO = {"present": "workflow.scope"}


@pytest.mark.parametrize(("check", "expected"), [
    ({"all": [YES, YES]}, True),
    ({"all": [YES, NO]}, False),
    ({"any": [NO, YES]}, True),
    ({"any": [NO, NO]}, False),
    ({"not": NO}, True),
    ({"not": YES}, False),
    ({"not": {"all": [YES, NO]}}, True),
    ({"all": [{"any": [NO, YES]}, {"not": NO}]}, True),
    ({"any": [{"not": YES}, {"all": [NO]}]}, False),
])
def test_all_any_not(check: dict[str, Any], expected: bool) -> None:
    assert evaluate(check) is expected


# --- what a gate has not described earns nothing ----------------------------------------


def test_a_not_started_gate_scores_0_whatever_it_holds(pack: str) -> None:
    text = READY.replace(
        "workflow: {status: complete, completed_on: 2026-02-01,", "workflow: {status: not_started,"
    )
    result = run(doc(text), pack=pack)
    workflow = result.gates[0]
    assert workflow.status == Status.NOT_STARTED
    assert workflow.score == 0 and [c.satisfied for c in workflow.criteria] == [False, False]
    assert scores(result)[1:] == [100] * 5  # the other gates are scored as before


def test_the_shipped_pack_gives_nothing_for_boundaries_not_started() -> None:
    # No actions and not started: "every autonomous action has a limit" used to hold.
    result = run(doc("decision_boundaries: {status: not_started, escalation_path: Team lead}\n"))
    assert result.gates[3].score == 0


def boundaries(actions: str) -> list[tuple[str, bool]]:
    result = run(doc("decision_boundaries:\n  status: in_progress\n" + actions))
    return [(c.id, c.satisfied) for c in result.gates[3].criteria]


@pytest.mark.parametrize("actions", ["", "  actions: []\n"])
def test_criteria_about_actions_do_not_hold_without_actions(actions: str) -> None:
    satisfied = dict(boundaries(actions))
    assert not satisfied["autonomy-bounded"]  # about decision_boundaries.actions
    assert not satisfied["high-value-approved"]
    assert not satisfied["approvers-named"]


def test_criteria_about_actions_hold_for_listed_actions() -> None:
    satisfied = dict(boundaries(
        "  actions:\n    - {action: Waive a fee, authority: autonomous,"
        " limit: {amount: 5, currency: CAD}}\n"
    ))
    assert satisfied["autonomy-bounded"] and satisfied["high-value-approved"]
    assert satisfied["approvers-named"]



@pytest.mark.parametrize(("sources", "covered"), [
    ("", False),
    ("  sources: []\n", False),
    ("  sources:\n    - {name: Ticket history, kind: ticketing, owner: Service desk}\n", True),
])
def test_the_kinds_a_use_case_needs_are_not_covered_by_no_sources(
    sources: str, covered: bool
) -> None:
    # `use_case: other` needs no kind, so DAT002 never fires: with no source listed the
    # gate still earns nothing for the kinds (both packs: `about: data_pipeline.sources`).
    for shipped in ("telecom-customer-ops", "telecom-network-ops"):
        result = run(doc("data_pipeline:\n  status: in_progress\n" + sources), pack=shipped)
        assert result.pack.id == shipped
        assert not any(f.rule == "DAT002" for f in result.findings)
        held = {c.id: c.satisfied for c in result.gates[1].criteria}
        assert held["kinds-covered"] is covered, shipped


def test_a_criterion_of_a_gate_not_started_holds_but_is_not_counted(pack: str) -> None:
    text = READY.replace(
        "workflow: {status: complete, completed_on: 2026-02-01, process: Billing disputes,",
        "workflow: {status: not_started, process: Billing disputes,",
    ).replace("scope: Small}", "}")
    workflow = run(doc(text), pack=pack).gates[0]
    assert [(c.id, c.satisfied, c.holds) for c in workflow.criteria] == [
        ("process", False, True), ("scope", False, False)]
