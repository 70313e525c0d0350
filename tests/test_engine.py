"""The engine: which rules run (docs/rules.md: *always* or "gate or live"), waivers, and the
Result."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from readiness import i18n
from readiness.engine import run_rules
from readiness.findings import Severity
from readiness.loader import loads
from readiness.model import GATE_ORDER, GateId
from readiness.rules import REGISTRY, Context
from readiness.schema import validate
from readiness.thresholds import Bar, FailOn, Thresholds
from tests.common import HEADER, TODAY, check, run
from tests.rules import doc, of

ALWAYS = {"SEQ001", "SEQ002", "SEQ003", "SEQ004", "SEQ005", "SEQ006",
          "OWN001", "GOV003", "GOV004", "GOV005", "WAI001", "OPN001", "OPN002"}
"""docs/rules.md: the rules marked *always*, which run whatever the status of their gate."""

CONTENT = {rule_id: rule.gate for rule_id, rule in REGISTRY.items() if rule_id not in ALWAYS}


def ran(text: str) -> set[str]:
    """The IDs of the rules the engine ran on a file."""
    document = loads(textwrap.dedent(text), "test.yaml")
    context = Context(validate(document), document, Thresholds(), TODAY)
    return run_rules(context)[1]


def test_the_always_rules_are_those_of_the_rule_reference() -> None:
    assert {rule.id for rule in REGISTRY.values() if rule.always} == ALWAYS
    assert all(gate is not None for gate in CONTENT.values())


def test_only_the_always_rules_run_when_no_gate_has_started() -> None:
    assert ran(doc()) == ALWAYS
    sections = "".join(f"{gate.value}: {{status: not_started}}\n" for gate in GATE_ORDER)
    assert ran(doc(sections)) == ALWAYS


@pytest.mark.parametrize("gate", GATE_ORDER, ids=[g.value for g in GATE_ORDER])
@pytest.mark.parametrize("status", ["in_progress", "complete, completed_on: 2026-06-01"])
def test_a_started_gate_runs_its_content_rules(gate: GateId, status: str) -> None:
    expected = ALWAYS | {rule_id for rule_id, charged in CONTENT.items() if charged == gate}
    assert ran(doc(f"{gate.value}: {{status: {status}}}\n")) == expected


@pytest.mark.parametrize("live", [
    doc(stage="limited_rollout"),
    doc(stage="production"),
    doc("integration: {status: not_started, live_since: 2026-05-01}\n"),
], ids=["limited_rollout", "production", "live_since"])
def test_every_rule_runs_when_the_initiative_is_live(live: str) -> None:
    assert ran(live) == set(REGISTRY)


def test_scaling_by_rollout_share_alone_does_not_make_content_rules_run() -> None:
    # Scaling is not live: a pilot stage with half the users enabled but no live_since.
    assert ran(doc("rollout: {users_enabled: 600, users_total: 1200}\n")) == ALWAYS


# One case per gate: content that a content rule would flag, and the line it would flag.
CONTENT_CASES = [
    ("data_pipeline", "DAT003", 13, """
        data_pipeline:
          status: {status}
          sources:
            - {{name: Network alarms, kind: network_telemetry}}
        """),
    ("integration", "INT001", 12, """
        integration:
          status: {status}
          surface: standalone_portal
        """),
    ("decision_boundaries", "DEC001", 13, """
        decision_boundaries:
          status: {status}
          actions:
            - {{action: Waive a fee, authority: autonomous}}
        """),
    ("outcomes", "OWN002", 13, """
        outcomes:
          status: {status}
          metrics:
            - {{name: handle time, kind: business, baseline: 11.4, target: 8.5}}
        """),
]


@pytest.mark.parametrize(("gate", "rule", "line", "body"), CONTENT_CASES,
                         ids=[case[0] for case in CONTENT_CASES])
def test_content_rules_are_silent_for_a_not_started_gate_before_live(
    gate: str, rule: str, line: int, body: str
) -> None:
    check(doc(body.format(status="not_started")), expect=[], rules={rule})
    check(doc(body.format(status="in_progress")), expect=[(rule, line)], rules={rule})
    check(doc(body.format(status="not_started"), stage="production"),
          expect=[(rule, line)], rules={rule})


def test_no_content_finding_is_invented_for_an_absent_gate_before_live() -> None:
    content = set(CONTENT)
    result = run(doc(use_case="billing_agent"))
    assert not [f for f in result.findings if f.rule in content]
    live = run(doc(stage="production", use_case="billing_agent"))
    assert {"DAT002", "OUT001", "OUT002", "INT003", "GOV001", "GOV002"} <= {
        f.rule for f in live.findings
    }


def test_always_rules_fire_while_every_gate_is_not_started() -> None:
    text = doc("""
        data_pipeline:
          status: not_started
          sources:
            - {name: Customer profile, kind: crm, personal_information: true}
        outcomes:
          status: not_started
          metrics:
            - {name: handle time, kind: business, direction: decrease, baseline: 11.4}
        governance: {status: not_started, override_tracking: {override_rate: 0.35}}
        model: {kind: llm, started_on: 2026-01-15}
        rollout: {users_enabled: 600, users_total: 1200}
        waivers:
          - {rule: OUT002, reason: r, approved_by: CFO, expires_on: 2026-01-31}
        """, owner=False, initiative=("jurisdictions: [UK]",))
    check(text, expect=[
        ("OWN001", 2), ("GOV003", 10), ("GOV005", 14), ("SEQ006", 18), ("GOV004", 19),
        ("SEQ001", 20), ("SEQ004", 21), ("WAI001", 23),
    ])


# --- waivers ------------------------------------------------------------------------------

UNOWNED = """\
data_pipeline:
  status: in_progress
  sources:
    - {name: Network alarms, kind: network_telemetry}
waivers:
  - rule: DAT003
    reason: Ownership moves to the NOC tooling team in January
    approved_by: {name: Ana Ruiz, role: CDO}
    expires_on: 2027-01-31
"""
"""An unowned source (DAT003, major, line 13) under a waiver that expires on line 18."""


def test_a_current_waiver_turns_a_finding_into_a_waived_one() -> None:
    result = check(doc(UNOWNED), expect=[("DAT003", 13)])
    finding = of(result, "DAT003")[0]
    assert finding.waived
    assert finding.waiver is not None
    assert finding.waiver.reason == "Ownership moves to the NOC tooling team in January"
    assert "Ana Ruiz" in finding.waiver.approved_by
    assert finding.waiver.expires_on == "2027-01-31"
    assert result.waived == [finding] and result.active == []
    assert result.counts[Severity.MAJOR] == 0


def test_a_waived_finding_does_not_count_against_the_bar() -> None:
    bar = Bar(fail_on=FailOn.MINOR)
    waived = run(doc(UNOWNED))
    assert waived.shortfalls(bar) == []
    unwaived = run(doc(UNOWNED.replace("rule: DAT003", "rule: DAT001")))
    assert not of(unwaived, "DAT003")[0].waived
    assert unwaived.shortfalls(bar) == ["1 unwaived finding at or above minor"]
    assert unwaived.counts[Severity.MAJOR] == 1


def test_a_waiver_is_good_through_its_expiry_date() -> None:
    result = check(doc(UNOWNED), expect=[("DAT003", 13)], today=date(2027, 1, 31))
    assert of(result, "DAT003")[0].waived


def test_an_expired_waiver_does_not_waive_and_raises_wai001() -> None:
    result = check(doc(UNOWNED), expect=[("DAT003", 13), ("WAI001", 18)],
                   today=date(2027, 2, 1))
    assert not of(result, "DAT003")[0].waived
    expired = of(result, "WAI001")[0]
    assert expired.gate == GateId.DATA_PIPELINE and not expired.waived
    assert result.shortfalls(Bar(fail_on=FailOn.MAJOR)) == [
        "1 unwaived finding at or above major"
    ]


def test_a_current_waiver_still_applies_beside_an_expired_one() -> None:
    text = doc(UNOWNED + """\
  - {rule: DAT003, reason: first attempt, approved_by: CDO, expires_on: 2026-06-30}
""")
    result = check(text, expect=[("DAT003", 13), ("WAI001", 19)])
    assert of(result, "DAT003")[0].waived


def test_a_waiver_of_a_blocker_lets_a_file_meet_the_default_bar() -> None:
    text = doc("""
        decision_boundaries:
          status: in_progress
          actions:
            - {action: Waive a fee, authority: autonomous}
            - {action: Change a contract, authority: prohibited}
        waivers:
          - {rule: DEC001, reason: limit being set, approved_by: COO, expires_on: 2027-01-31}
        """)
    assert run(text).shortfalls(Bar()) == []
    assert run(text, today=date(2027, 2, 1)).shortfalls(Bar()) == [
        "1 unwaived finding at or above blocker"
    ]
    # In French, the severity in French words as everywhere else.
    i18n.use("fr")
    try:
        assert run(text, today=date(2027, 2, 1)).shortfalls(Bar()) == [
            "1 constat sans dérogation de gravité bloquant ou plus"
        ]
    finally:
        i18n.use("en")


# --- the result -----------------------------------------------------------------------------


def test_findings_are_in_file_order() -> None:
    result = run(doc("""
        data_pipeline:
          status: in_progress
          sources:
            - {name: B, kind: crm}
            - {name: A, kind: bss}
        """, owner=False, stage="production"))
    positions = [(f.line, f.column, f.rule) for f in result.findings]
    assert positions == sorted(positions)
    assert len(positions) > 3


@pytest.mark.parametrize(("text", "live", "scaling"), [
    (doc(), False, False),
    (doc("integration: {status: in_progress, live_since: 2026-05-01}\n"), True, False),
    (doc("rollout: {users_enabled: 121, users_total: 1200}\n"), False, True),
    (doc("rollout: {users_enabled: 120, users_total: 1200}\n"), False, False),
    (doc(stage="limited_rollout"), True, True),
    (doc(stage="production"), True, True),
    (doc(stage="exploration"), False, False),
])
def test_live_and_scaling(text: str, live: bool, scaling: bool) -> None:
    result = run(text)
    assert (result.live, result.scaling) == (live, scaling)


def test_blocked_at_names_the_first_gate_that_does_not_pass() -> None:
    result = run(doc())
    assert result.level == 0
    assert result.blocked_at is not None and result.blocked_at.id == GateId.WORKFLOW


def test_absent_evidence_on_a_live_initiative_points_at_what_makes_it_live() -> None:
    text = HEADER.replace("stage: pilot", "stage: production")
    result = run(text)
    int003 = [f for f in result.findings if f.rule == "INT003"]
    assert [(f.path, f.line) for f in int003] == [("integration.security_review", 7)]
    not_live = run(HEADER + "integration: {status: in_progress}\n")
    assert [f.rule for f in not_live.findings if f.rule == "INT003"] == []
