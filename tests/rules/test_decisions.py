"""Decision boundary rules DEC001-DEC004: limits, high values, prohibitions, approvers."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from readiness.thresholds import Thresholds
from tests.common import check
from tests.rules import doc, of


def boundaries(*actions: str, status: str = "in_progress") -> str:
    """Decision boundaries at lines 10-12, one action per line from line 13."""
    lines = ["decision_boundaries:", f"  status: {status}", "  actions:"]
    lines += [f"    - {action}" for action in actions]
    return "\n".join(lines) + "\n"


PROHIBITED = "{action: Change a contract, authority: prohibited}"

# --- DEC001 unbounded-autonomy ------------------------------------------------------------


def test_dec001_fires_for_each_autonomous_action_without_limit() -> None:
    result = check(doc(boundaries(
        "{action: Waive a fee, authority: autonomous}",
        "{action: Resend a bill, authority: autonomous, limit: {amount: 0, currency: CAD}}",
        "{action: Reset a modem, authority: autonomous}",
    )), expect=[("DEC001", 13), ("DEC001", 15)], rules={"DEC001"})
    finding = of(result, "DEC001")[0]
    assert finding.gate == GateId.DECISION_BOUNDARIES and finding.severity == Severity.BLOCKER
    assert "'Waive a fee'" in finding.message


@pytest.mark.parametrize("action", [
    "{action: Waive a fee, authority: autonomous, limit: {amount: 5, currency: CAD}}",
    "{action: Resend a bill, authority: autonomous, limit: {amount: 0, currency: CAD}}",
    "{action: Credit a bill, authority: approval_required, approver: Team lead}",
    "{action: Suggest a plan, authority: recommend_only}",
    PROHIBITED,
])
def test_dec001_silent_for_bounded_or_non_autonomous_actions(action: str) -> None:
    check(doc(boundaries(action)), expect=[], rules={"DEC001"})


def test_dec001_fires_for_a_limit_without_an_amount() -> None:
    """`limit.amount` and `limit.currency` are optional (docs/format.md,
    `decision_boundaries.actions[*].limit`): a limit with no amount bounds nothing, and a
    limit with an amount but no currency is a limit."""
    check(doc(boundaries(
        "{action: Waive a fee, authority: autonomous, limit: {currency: CAD}}",
        "{action: Resend a bill, authority: autonomous, limit: {amount: 0}}",
    )), expect=[("DEC001", 13)], rules={"DEC001"})


# --- DEC002 high-value-autonomy -----------------------------------------------------------


@pytest.mark.parametrize(("amount", "fires"), [
    ("499", False), ("500", False), ("500.00", False), ("500.01", True), ("501", True),
    ("25000", True),
])
def test_dec002_fires_above_the_high_value_limit(amount: str, fires: bool) -> None:
    result = check(doc(boundaries(
        f"{{action: Credit, authority: autonomous, limit: {{amount: {amount}, currency: CAD}}}}",
    )), expect=[("DEC002", 13)] if fires else [], rules={"DEC002"})
    for finding in of(result, "DEC002"):
        assert finding.path == "decision_boundaries.actions[0].limit.amount"
        assert finding.severity == Severity.MAJOR and "500 CAD" in finding.message


def test_dec002_judges_a_limit_without_a_currency_by_its_amount() -> None:
    result = check(doc(boundaries(
        "{action: Credit, authority: autonomous, limit: {amount: 800}}",
        "{action: Waive, authority: autonomous, limit: {amount: 5}}",
        "{action: Reset, authority: autonomous, limit: {currency: CAD}}",
    )), expect=[("DEC002", 13)], rules={"DEC002"})
    assert "up to 800, " in of(result, "DEC002")[0].message


def test_dec002_ignores_actions_that_are_not_autonomous() -> None:
    check(doc(boundaries(
        "{action: Credit a bill, authority: approval_required, approver: Lead, "
        "limit: {amount: 5000, currency: CAD}}",
        "{action: Suggest, authority: recommend_only, limit: {amount: 5000, currency: CAD}}",
    )), expect=[], rules={"DEC002"})


def test_dec002_high_value_limit_is_a_setting() -> None:
    text = doc(boundaries(
        "{action: Credit a bill, authority: autonomous, limit: {amount: 800, currency: EUR}}",
    ))
    check(text, expect=[("DEC002", 13)], rules={"DEC002"})
    check(text, expect=[], rules={"DEC002"}, thresholds=Thresholds(high_value_limit=1000))
    check(text, expect=[("DEC002", 13)], rules={"DEC002"},
          thresholds=Thresholds(high_value_limit=799))


# --- DEC003 no-prohibited-actions ---------------------------------------------------------


@pytest.mark.parametrize("status", ["in_progress", "complete\n  completed_on: 2026-04-05"])
def test_dec003_fires_when_no_action_is_prohibited(status: str) -> None:
    result = check(doc(boundaries(
        "{action: Waive a fee, authority: autonomous, limit: {amount: 5, currency: CAD}}",
        "{action: Credit a bill, authority: approval_required, approver: Lead}",
        status=status,
    )), expect=[("DEC003", 12 if status == "in_progress" else 13)], rules={"DEC003"})
    finding = of(result, "DEC003")[0]
    assert finding.gate == GateId.DECISION_BOUNDARIES and finding.severity == Severity.MAJOR
    assert finding.path == "decision_boundaries.actions"


def test_dec003_fires_when_no_action_is_listed() -> None:
    check(doc("""
        decision_boundaries: {status: in_progress}
        """), expect=[("DEC003", 10)], rules={"DEC003"})


def test_dec003_silent_with_a_prohibited_action() -> None:
    check(doc(boundaries(
        "{action: Waive a fee, authority: autonomous, limit: {amount: 5, currency: CAD}}",
        PROHIBITED,
    )), expect=[], rules={"DEC003"})


@pytest.mark.parametrize("stage", ["pilot", "production"])
def test_dec003_silent_while_boundaries_are_not_started(stage: str) -> None:
    check(doc("""
        decision_boundaries: {status: not_started}
        """, stage=stage), expect=[], rules={"DEC003"})
    check(doc(stage=stage), expect=[], rules={"DEC003"})


# --- DEC004 approval-without-approver -----------------------------------------------------


def test_dec004_fires_for_each_approval_without_approver() -> None:
    result = check(doc(boundaries(
        "{action: Credit over 500 CAD, authority: approval_required}",
        "{action: Cancel a contract, authority: approval_required, approver: {role: Lead}}",
        "{action: Port a number, authority: approval_required}",
        PROHIBITED,
    )), expect=[("DEC004", 13), ("DEC004", 15)], rules={"DEC004"})
    finding = of(result, "DEC004")[0]
    assert finding.gate == GateId.DECISION_BOUNDARIES and finding.severity == Severity.MAJOR


@pytest.mark.parametrize("action", [
    "{action: Credit, authority: approval_required, approver: Billing team lead}",
    "{action: Suggest, authority: recommend_only}",
    "{action: Waive, authority: autonomous, limit: {amount: 5, currency: CAD}}",
])
def test_dec004_silent_with_an_approver_or_without_approval(action: str) -> None:
    check(doc(boundaries(action, PROHIBITED)), expect=[], rules={"DEC004"})
