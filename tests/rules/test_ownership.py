"""Ownership rules OWN001-OWN002: one accountable owner, and an owner for every outcome."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from tests.common import check
from tests.rules import doc, of

# --- OWN001 no-accountable-owner ----------------------------------------------------------


def test_own001_fires_without_an_accountable_owner() -> None:
    # The owner is absent, so the finding points at the `initiative` mapping (line 2).
    result = check(doc(owner=False), expect=[("OWN001", 2)], rules={"OWN001"})
    finding = of(result, "OWN001")[0]
    assert finding.severity == Severity.BLOCKER and finding.gate == GateId.WORKFLOW
    assert finding.path == "initiative.accountable_owner"


@pytest.mark.parametrize("owner", ["Priya Raman", "{role: VP Care}", "{name: Priya Raman}"])
def test_own001_silent_with_an_accountable_owner(owner: str) -> None:
    check(doc(owner=False, initiative=(f"accountable_owner: {owner}",)),
          expect=[], rules={"OWN001"})


def test_own001_silent_with_the_header_owner() -> None:
    check(doc(), expect=[], rules={"OWN001"})


# --- OWN002 unowned-outcome ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["business", "service"])
def test_own002_fires_for_an_operational_metric_without_owner(kind: str) -> None:
    result = check(doc(f"""
        outcomes:
          status: in_progress
          metrics:
            - {{name: handle time, kind: business, baseline: 11.4, target: 8.5, owner: Dana Cho}}
            - {{name: resolution, kind: {kind}, baseline: 0.71, target: 0.78}}
        """), expect=[("OWN002", 14)], rules={"OWN002"})
    finding = of(result, "OWN002")[0]
    assert finding.gate == GateId.OUTCOMES and finding.severity == Severity.MAJOR
    assert "'resolution'" in finding.message and "line 14" in finding.message


@pytest.mark.parametrize("kind", ["model", "cost"])
def test_own002_ignores_metrics_that_are_not_business_or_service(kind: str) -> None:
    check(doc(f"""
        outcomes:
          status: in_progress
          metrics:
            - {{name: accuracy, kind: {kind}, baseline: 0.8, target: 0.9}}
        """), expect=[], rules={"OWN002"})


def test_own002_silent_when_every_operational_metric_has_an_owner() -> None:
    check(doc("""
        outcomes:
          status: in_progress
          metrics:
            - {name: handle time, kind: business, owner: Dana Cho}
            - {name: resolution, kind: service, owner: {role: Care quality lead}}
        """), expect=[], rules={"OWN002"})
