"""Data pipeline rules DAT001-DAT003: fresh, close to the system of record, complete, owned."""

from __future__ import annotations

import re
import textwrap

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from tests.common import check
from tests.rules import doc, of

# --- DAT001 stale-data --------------------------------------------------------------------

STALE = textwrap.dedent("""
    data_pipeline:
      status: in_progress
      decision_latency: PT2M
      sources:
        - name: Billing data mart
          kind: bss
          owner: BI team
          freshness: P1D
          hops_from_system_of_record: 1
    """).lstrip("\n")
"""A source a day old against a two-minute decision latency; freshness is on line 17."""


def test_dat001_fires_major_when_freshness_exceeds_decision_latency() -> None:
    result = check(doc(STALE), expect=[("DAT001", 17)], rules={"DAT001"})
    finding = of(result, "DAT001")[0]
    assert finding.severity == Severity.MAJOR and finding.gate == GateId.DATA_PIPELINE
    assert finding.path == "data_pipeline.sources[0].freshness"
    assert "decision_latency PT2M" in finding.message and "P1D" in finding.message


@pytest.mark.parametrize("stage", ["limited_rollout", "production"])
def test_dat001_is_a_blocker_when_live_by_stage(stage: str) -> None:
    result = check(doc(STALE, stage=stage), expect=[("DAT001", 17)], rules={"DAT001"})
    assert of(result, "DAT001")[0].severity == Severity.BLOCKER


def test_dat001_is_a_blocker_when_live_since_is_set() -> None:
    text = doc(STALE + "integration: {status: in_progress, live_since: 2026-05-01}\n")
    result = check(text, expect=[("DAT001", 17)], rules={"DAT001"})
    assert of(result, "DAT001")[0].severity == Severity.BLOCKER


def test_dat001_max_staleness_overrides_a_stricter_decision_latency() -> None:
    check(doc(STALE.replace("freshness: P1D", "freshness: P1D\n      max_staleness: P2D")),
          expect=[], rules={"DAT001"})


def test_dat001_max_staleness_overrides_a_looser_decision_latency() -> None:
    result = check(doc("""
        data_pipeline:
          status: in_progress
          decision_latency: PT2M
          sources:
            - {name: CRM, kind: crm, owner: CRM team, freshness: PT1M, max_staleness: PT30S}
        """), expect=[("DAT001", 14)], rules={"DAT001"})
    assert "max_staleness PT30S" in of(result, "DAT001")[0].message


def test_dat001_a_zero_max_staleness_is_a_bound() -> None:
    check(doc("""
        data_pipeline:
          status: in_progress
          decision_latency: PT2M
          sources:
            - {name: CRM, kind: crm, owner: CRM team, freshness: PT1M, max_staleness: PT0S}
        """), expect=[("DAT001", 14)], rules={"DAT001"})


@pytest.mark.parametrize("freshness", ["PT2M", "PT90S", "PT0S"])
def test_dat001_silent_when_fresh_enough(freshness: str) -> None:
    check(doc(f"""
        data_pipeline:
          status: in_progress
          decision_latency: PT2M
          sources:
            - {{name: CRM, kind: crm, owner: CRM team, freshness: {freshness}}}
        """), expect=[], rules={"DAT001"})


def test_dat001_freshness_is_not_judged_without_a_bound() -> None:
    check(doc("""
        data_pipeline:
          status: in_progress
          sources:
            - {name: CRM, kind: crm, owner: CRM team, freshness: P30D}
        """), expect=[], rules={"DAT001"})


@pytest.mark.parametrize(("hops", "expect"), [(0, []), (1, []), (2, [("DAT001", 15)]),
                                              (3, [("DAT001", 15)])])
def test_dat001_fires_at_two_hops_from_the_system_of_record(
    hops: int, expect: list[tuple[str, int]]
) -> None:
    result = check(doc(f"""
        data_pipeline:
          status: in_progress
          sources:
            - name: Churn features
              kind: crm
              hops_from_system_of_record: {hops}
        """), expect=expect, rules={"DAT001"})
    for finding in of(result, "DAT001"):
        assert finding.path == "data_pipeline.sources[0].hops_from_system_of_record"
        assert f"{hops} systems behind" in finding.message


def test_dat001_reports_staleness_and_distance_of_each_source() -> None:
    check(doc("""
        data_pipeline:
          status: in_progress
          decision_latency: PT1H
          sources:
            - {name: Fresh API, kind: crm, freshness: PT1M, hops_from_system_of_record: 0}
            - name: Nightly copy of a copy
              kind: bss
              freshness: P1D
              hops_from_system_of_record: 2
        """), expect=[("DAT001", 17), ("DAT001", 18)], rules={"DAT001"})


# --- DAT002 missing-source-kinds ----------------------------------------------------------

NEEDED = {
    "agent_copilot": ["crm", "interaction_history", "network_telemetry"],
    "billing_agent": ["crm", "bss", "ticketing"],
    "conversation_agent": ["crm", "knowledge_base"],
    "order_management": ["crm", "bss", "oss"],
    "fraud_detection": ["bss", "network_telemetry"],
    "churn_prediction": ["crm", "bss", "network_telemetry"],
    "sentiment_analysis": ["interaction_history"],
    "ticket_classification": ["ticketing", "crm", "oss"],
    "self_service": ["crm", "knowledge_base", "network_telemetry"],
    "personalization": ["crm", "bss"],
    "predictive_maintenance": ["network_telemetry", "oss"],
    "anomaly_detection": ["network_telemetry"],
    "other": [],
}
"""The source kinds each use case needs (docs/format.md, `initiative.use_case`), copied
rather than imported so that the rule is checked against the documented table."""

ALL_KINDS = ["crm", "oss", "bss", "network_telemetry", "ticketing", "interaction_history",
             "knowledge_base", "other"]


def pipeline(kinds: list[str]) -> str:
    """A pipeline at lines 10-12, then one owned source per kind from line 13."""
    lines = ["data_pipeline:", "  status: in_progress", "  sources:"]
    lines += [f"    - {{name: {kind} source, kind: {kind}, owner: Data team}}" for kind in kinds]
    return "\n".join(lines) + "\n"


def named_kinds(message: str) -> set[str]:
    match = re.search(r", line \d+: ([a-z_, ]+)\)$", message)
    assert match, message
    return set(match.group(1).split(", "))


@pytest.mark.parametrize("use_case", sorted(NEEDED))
def test_dat002_silent_when_every_needed_kind_is_mapped(use_case: str) -> None:
    check(doc(pipeline(NEEDED[use_case]), use_case=use_case), expect=[], rules={"DAT002"})


@pytest.mark.parametrize(("use_case", "missing"), [
    (use_case, kind) for use_case, kinds in sorted(NEEDED.items()) for kind in kinds
])
def test_dat002_names_the_one_missing_kind(use_case: str, missing: str) -> None:
    kinds = [kind for kind in NEEDED[use_case] if kind != missing] or ["other"]
    result = check(doc(pipeline(kinds), use_case=use_case),
                   expect=[("DAT002", 12)], rules={"DAT002"})
    finding = of(result, "DAT002")[0]
    assert named_kinds(finding.message) == {missing}
    assert finding.gate == GateId.DATA_PIPELINE and finding.severity == Severity.MAJOR


@pytest.mark.parametrize("use_case", sorted(u for u in NEEDED if NEEDED[u]))
def test_dat002_names_every_missing_kind_when_no_source_is_mapped(use_case: str) -> None:
    # No `sources` key: the finding points at the data_pipeline section (line 10).
    result = check(doc("data_pipeline: {status: in_progress}\n", use_case=use_case),
                   expect=[("DAT002", 10)], rules={"DAT002"})
    assert named_kinds(of(result, "DAT002")[0].message) == set(NEEDED[use_case])


def test_dat002_other_use_case_needs_nothing() -> None:
    check(doc("data_pipeline: {status: in_progress}\n"), expect=[], rules={"DAT002"})


def test_dat002_extra_kinds_do_not_hide_a_missing_one() -> None:
    others = [kind for kind in ALL_KINDS if kind != "ticketing"]
    result = check(doc(pipeline(others), use_case="billing_agent"),
                   expect=[("DAT002", 12)], rules={"DAT002"})
    assert named_kinds(of(result, "DAT002")[0].message) == {"ticketing"}


# --- DAT003 unowned-source ----------------------------------------------------------------


def test_dat003_fires_for_each_source_without_owner() -> None:
    result = check(doc("""
        data_pipeline:
          status: in_progress
          sources:
            - {name: Network alarms, kind: network_telemetry}
            - {name: Inventory, kind: oss, owner: OSS team}
            - {name: Tickets, kind: ticketing}
        """), expect=[("DAT003", 13), ("DAT003", 15)], rules={"DAT003"})
    first = of(result, "DAT003")[0]
    assert first.gate == GateId.DATA_PIPELINE and first.severity == Severity.MAJOR
    assert "'Network alarms'" in first.message


def test_dat003_silent_when_every_source_is_owned() -> None:
    check(doc("""
        data_pipeline:
          status: in_progress
          sources:
            - {name: Network alarms, kind: network_telemetry, owner: NOC tooling team}
            - {name: Inventory, kind: oss, owner: {name: Ana Ruiz, role: OSS lead}}
        """), expect=[], rules={"DAT003"})
