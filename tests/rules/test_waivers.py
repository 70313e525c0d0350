"""Waiver rule WAI001: a lapsed waiver counts for nothing and is reported on its own gate."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from readiness.rules.waivers import UNKNOWN_GATE
from tests.common import TODAY, check
from tests.rules import doc, of


def waiver(rule: str, expires_on: str) -> str:
    """One waiver at lines 10-14; its expiry date is on line 14."""
    return doc(f"""
        waivers:
          - rule: {rule}
            reason: Under review
            approved_by: Office of the CFO
            expires_on: {expires_on}
        """)


def test_wai001_fires_the_day_after_expiry() -> None:
    assert TODAY == date(2026, 11, 25)
    result = check(waiver("OUT002", "2026-11-24"), expect=[("WAI001", 14)], rules={"WAI001"})
    finding = of(result, "WAI001")[0]
    assert finding.severity == Severity.MINOR
    assert finding.path == "waivers[0].expires_on"
    assert "OUT002" in finding.message


@pytest.mark.parametrize("expires_on", ["2026-11-25", "2026-11-26", "2099-01-01"])
def test_wai001_silent_until_the_expiry_date_has_passed(expires_on: str) -> None:
    check(waiver("OUT002", expires_on), expect=[], rules={"WAI001"})


def test_wai001_follows_the_reference_date() -> None:
    text = waiver("OUT002", "2027-01-31")
    check(text, expect=[], rules={"WAI001"}, today=date(2027, 1, 31))
    check(text, expect=[("WAI001", 14)], rules={"WAI001"}, today=date(2027, 2, 1))
    check(waiver("OUT002", "2026-01-31"), expect=[], rules={"WAI001"}, today=date(2026, 1, 1))


@pytest.mark.parametrize(("rule", "gate"), [
    ("OWN001", GateId.WORKFLOW),
    ("SEQ001", GateId.WORKFLOW),
    ("DAT001", GateId.DATA_PIPELINE),
    ("SEQ002", GateId.INTEGRATION),
    ("INT003", GateId.INTEGRATION),
    ("DEC001", GateId.DECISION_BOUNDARIES),
    ("SEQ005", GateId.DECISION_BOUNDARIES),
    ("OUT002", GateId.OUTCOMES),
    ("GOV003", GateId.GOVERNANCE),
    ("WAI001", UNKNOWN_GATE),
    ("SEQ003", UNKNOWN_GATE),  # charged to the later gate of each pair: no single gate
    ("OPN002", UNKNOWN_GATE),  # charged to the gate of each question's field
])
def test_wai001_is_charged_to_the_waived_rules_gate(rule: str, gate: GateId) -> None:
    result = check(waiver(rule, "2026-01-31"), expect=[("WAI001", 14)], rules={"WAI001"})
    assert of(result, "WAI001")[0].gate == gate


def test_wai001_fires_once_per_expired_waiver() -> None:
    check(doc("""
        waivers:
          - {rule: OUT002, reason: r, approved_by: CFO, expires_on: 2026-01-31}
          - {rule: DAT003, reason: r, approved_by: CDO, expires_on: 2099-01-31}
          - {rule: GOV004, reason: r, approved_by: COO, expires_on: 2026-06-30}
        """), expect=[("WAI001", 11), ("WAI001", 13)], rules={"WAI001"})


def test_wai001_says_whether_a_later_waiver_of_the_rule_still_holds() -> None:
    result = check(doc("""
        waivers:
          - {rule: OUT002, reason: r, approved_by: CFO, expires_on: 2026-01-31}
          - {rule: OUT002, reason: renewed, approved_by: CFO, expires_on: 2027-01-31}
          - {rule: GOV004, reason: r, approved_by: COO, expires_on: 2026-06-30}
        """), expect=[("WAI001", 11), ("WAI001", 13)], rules={"WAI001"})
    renewed, lapsed = (finding.message for finding in of(result, "WAI001"))
    assert "a later waiver of OUT002 still holds" in renewed
    assert "counts again" not in renewed
    assert "GOV004 counts again" in lapsed
