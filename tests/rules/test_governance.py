"""Governance rules GOV001-GOV007: monitoring, retraining, regulation and trust before scale."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.model import GateId
from readiness.thresholds import Thresholds
from tests.common import check
from tests.rules import doc, of

LIVE = "integration: {status: in_progress, live_since: 2026-05-01}\n"
"""Line 10 when it opens the body: the AI is live while the stage is still a pilot."""

# --- GOV001 no-drift-monitoring -----------------------------------------------------------


def test_gov001_fires_major_when_live_with_monitoring_disabled() -> None:
    result = check(doc(LIVE + """\
governance:
  status: in_progress
  drift_monitoring: {enabled: false}
"""), expect=[("GOV001", 13)], rules={"GOV001"})
    finding = of(result, "GOV001")[0]
    assert finding.gate == GateId.GOVERNANCE and finding.severity == Severity.MAJOR
    assert "integration.live_since, line 10" in finding.message


@pytest.mark.parametrize(("stage", "severity"), [
    ("limited_rollout", Severity.MAJOR), ("production", Severity.BLOCKER),
])
def test_gov001_is_a_blocker_only_at_production(stage: str, severity: Severity) -> None:
    result = check(doc("""
        governance:
          status: in_progress
          drift_monitoring:
            enabled: false
        """, stage=stage), expect=[("GOV001", 13)], rules={"GOV001"})
    assert of(result, "GOV001")[0].severity == severity


def test_gov001_fires_when_monitoring_is_not_recorded() -> None:
    # Absent: the finding points at the governance section (line 11).
    check(doc(LIVE + "governance: {status: in_progress}\n"),
          expect=[("GOV001", 11)], rules={"GOV001"})
    check(doc(LIVE + "governance: {status: in_progress, drift_monitoring: {signals: [x]}}\n"),
          expect=[("GOV001", 11)], rules={"GOV001"})


def test_gov001_silent_when_monitoring_is_enabled() -> None:
    check(doc(LIVE + "governance: {status: in_progress, drift_monitoring: {enabled: true}}\n",
              stage="production"), expect=[], rules={"GOV001"})


def test_gov001_silent_when_not_live() -> None:
    check(doc("governance: {status: in_progress, drift_monitoring: {enabled: false}}\n"),
          expect=[], rules={"GOV001"})


# --- GOV002 no-retraining-protocol --------------------------------------------------------


def test_gov002_fires_when_live_without_retraining_cadence() -> None:
    result = check(doc(LIVE + """\
governance:
  status: in_progress
  retraining: {trigger: drift alert, owner: ML team}
"""), expect=[("GOV002", 13)], rules={"GOV002"})
    finding = of(result, "GOV002")[0]
    assert finding.gate == GateId.GOVERNANCE and finding.severity == Severity.MAJOR
    check(doc(LIVE + "governance: {status: in_progress}\n"),
          expect=[("GOV002", 11)], rules={"GOV002"})


def test_gov002_silent_with_a_cadence_or_when_not_live() -> None:
    check(doc(LIVE + "governance: {status: in_progress, retraining: {cadence: P90D}}\n"),
          expect=[], rules={"GOV002"})
    check(doc("governance: {status: in_progress}\n"), expect=[], rules={"GOV002"})


# --- GOV003 compliance-bolted-on ----------------------------------------------------------

REQUIRED = {
    "CA": ["PIPEDA", "CRTC"],
    "CA-QC": ["PIPEDA", "CRTC", "QC_LAW25"],
    "US": ["FCC_CPNI"],
    "US-CA": ["FCC_CPNI", "CCPA"],
    "EU": ["GDPR", "EU_AI_ACT"],
    "UK": ["UK_GDPR"],
}
"""The regulations each jurisdiction requires (docs/format.md, `initiative.jurisdictions`),
copied rather than imported so that the rule is checked against the documented table."""


def regulations(jurisdictions: str, entries: list[tuple[str, str]]) -> str:
    """Jurisdictions on line 10, governance on 11-13, one regulation per line from line 14."""
    lines = ["governance:", "  status: in_progress", "  regulations:"]
    lines += [f"    - {{id: {rid}, status: {status}}}" for rid, status in entries]
    return doc("\n".join(lines) + "\n", initiative=(f"jurisdictions: {jurisdictions}",))


CASES = [(j, r) for j, regs in REQUIRED.items() for r in regs]


@pytest.mark.parametrize(("jurisdiction", "regulation"), CASES)
def test_gov003_fires_when_a_required_regulation_is_absent(
    jurisdiction: str, regulation: str
) -> None:
    others = [(r, "compliant") for r in REQUIRED[jurisdiction] if r != regulation]
    result = check(regulations(f"[{jurisdiction}]", others),
                   expect=[("GOV003", 10)], rules={"GOV003"})
    finding = of(result, "GOV003")[0]
    assert finding.gate == GateId.GOVERNANCE and finding.severity == Severity.BLOCKER
    assert finding.message.startswith(f"{regulation} is required for {jurisdiction}")


@pytest.mark.parametrize("status", ["gap", "not_assessed"])
@pytest.mark.parametrize(("jurisdiction", "regulation"), CASES)
def test_gov003_fires_when_a_required_regulation_is_a_gap_or_not_assessed(
    jurisdiction: str, regulation: str, status: str
) -> None:
    entries = [(r, status if r == regulation else "compliant") for r in REQUIRED[jurisdiction]]
    line = 14 + REQUIRED[jurisdiction].index(regulation)
    result = check(regulations(f"[{jurisdiction}]", entries),
                   expect=[("GOV003", line)], rules={"GOV003"})
    assert of(result, "GOV003")[0].path.endswith(".status")
    assert status.replace("_", " ") in of(result, "GOV003")[0].message


@pytest.mark.parametrize("passing", ["compliant", "in_review"])
@pytest.mark.parametrize("jurisdiction", sorted(REQUIRED))
def test_gov003_silent_when_every_required_regulation_is_compliant_or_in_review(
    jurisdiction: str, passing: str
) -> None:
    entries = [(r, passing) for r in REQUIRED[jurisdiction]]
    check(regulations(f"[{jurisdiction}]", entries), expect=[], rules={"GOV003"})


def test_gov003_quebec_needs_law_25_where_the_rest_of_canada_does_not() -> None:
    entries = [("PIPEDA", "compliant"), ("CRTC", "compliant")]
    check(regulations("[CA]", entries), expect=[], rules={"GOV003"})
    result = check(regulations("[CA-QC]", entries), expect=[("GOV003", 10)], rules={"GOV003"})
    assert of(result, "GOV003")[0].message.startswith("QC_LAW25 ")


def test_gov003_one_finding_per_regulation_across_jurisdictions() -> None:
    # CA and CA-QC both require PIPEDA and CRTC: three regulations, three findings.
    result = check(regulations("[CA, CA-QC]", [("CASL", "compliant")]),
                   expect=[("GOV003", 10)] * 3, rules={"GOV003"})
    named = sorted(f.message.split(" ")[0] for f in of(result, "GOV003"))
    assert named == ["CRTC", "PIPEDA", "QC_LAW25"]
    assert "required for CA, CA-QC" in of(result, "GOV003")[0].message


def test_gov003_judges_regulations_without_jurisdictions_not_at_all() -> None:
    check(regulations("[]", [("PIPEDA", "gap")]), expect=[], rules={"GOV003"})
    check(doc("governance: {status: in_progress}\n"), expect=[], rules={"GOV003"})


def test_gov003_runs_before_governance_has_started() -> None:
    check(doc(initiative=("jurisdictions: [UK]",)), expect=[("GOV003", 10)], rules={"GOV003"})


# --- GOV004 trust-erosion -----------------------------------------------------------------


@pytest.mark.parametrize(("rate", "severity"), [
    ("0", None), ("0.29", None), ("0.2999", None), ("0.30", Severity.MAJOR),
    ("0.49", Severity.MAJOR), ("0.4999", Severity.MAJOR), ("0.50", Severity.BLOCKER),
    ("1", Severity.BLOCKER),
])
def test_gov004_override_rate_thresholds(rate: str, severity: Severity | None) -> None:
    result = check(doc(f"""
        governance:
          status: in_progress
          override_tracking:
            enabled: true
            override_rate: {rate}
        """), expect=[("GOV004", 14)] if severity else [], rules={"GOV004"})
    if severity:
        finding = of(result, "GOV004")[0]
        assert finding.severity == severity and finding.gate == GateId.GOVERNANCE


def test_gov004_runs_before_governance_has_started() -> None:
    check(doc("""
        governance: {status: not_started, override_tracking: {override_rate: 0.6}}
        """), expect=[("GOV004", 10)], rules={"GOV004"})


def test_gov004_silent_without_an_override_rate() -> None:
    check(doc("governance: {status: in_progress, override_tracking: {enabled: true}}\n"),
          expect=[], rules={"GOV004"})


def test_gov004_override_rates_are_settings() -> None:
    text = doc("governance: {status: in_progress, override_tracking: {override_rate: 0.4}}\n")
    stricter = Thresholds(override_major=0.2, override_blocker=0.35)
    looser = Thresholds(override_major=0.45, override_blocker=0.6)
    assert of(check(text, expect=[("GOV004", 10)], rules={"GOV004"}, thresholds=stricter),
              "GOV004")[0].severity == Severity.BLOCKER
    check(text, expect=[], rules={"GOV004"}, thresholds=looser)


# --- GOV005 personal-data-without-privacy-review ------------------------------------------

PERSONAL = """\
data_pipeline:
  status: in_progress
  sources:
    - {name: Usage records, kind: network_telemetry, personal_information: false}
    - name: Customer profile
      kind: crm
      personal_information: true
    - {name: Invoices, kind: bss, personal_information: true}
"""
"""The first personal source flags it on line 16; governance, when added, starts on 18."""

PRIVACY = ["PIPEDA", "QC_LAW25", "GDPR", "UK_GDPR", "CCPA", "FCC_CPNI"]
NOT_PRIVACY = ["CRTC", "CASL", "EU_AI_ACT"]


def with_regulation(rid: str, status: str) -> str:
    return doc(PERSONAL + "governance:\n  status: in_progress\n  regulations:\n"
               f"    - {{id: {rid}, status: {status}}}\n")


def test_gov005_fires_once_for_personal_data_without_any_regulation() -> None:
    result = check(doc(PERSONAL), expect=[("GOV005", 16)], rules={"GOV005"})
    finding = of(result, "GOV005")[0]
    assert finding.gate == GateId.GOVERNANCE and finding.severity == Severity.BLOCKER
    assert "'Customer profile' and 'Invoices'" in finding.message


@pytest.mark.parametrize("status", ["gap", "not_assessed"])
@pytest.mark.parametrize("rid", PRIVACY)
def test_gov005_fires_when_the_privacy_regulation_is_not_reviewed(rid: str, status: str) -> None:
    check(with_regulation(rid, status), expect=[("GOV005", 16)], rules={"GOV005"})


@pytest.mark.parametrize("rid", NOT_PRIVACY)
def test_gov005_other_regulations_are_not_a_privacy_review(rid: str) -> None:
    check(with_regulation(rid, "compliant"), expect=[("GOV005", 16)], rules={"GOV005"})


@pytest.mark.parametrize("status", ["compliant", "in_review"])
@pytest.mark.parametrize("rid", PRIVACY)
def test_gov005_silent_with_a_privacy_regulation_reviewed(rid: str, status: str) -> None:
    check(with_regulation(rid, status), expect=[], rules={"GOV005"})


def test_gov005_silent_without_personal_information() -> None:
    check(doc(PERSONAL.replace("true", "false")), expect=[], rules={"GOV005"})


def test_gov005_runs_while_the_pipeline_is_not_started() -> None:
    check(doc(PERSONAL.replace("in_progress", "not_started")),
          expect=[("GOV005", 16)], rules={"GOV005"})


# --- GOV006 no-edge-case-review -----------------------------------------------------------


def test_gov006_fires_when_live_without_edge_case_review() -> None:
    result = check(doc(LIVE + """\
governance:
  status: in_progress
  edge_case_review: {owner: Care quality team}
"""), expect=[("GOV006", 13)], rules={"GOV006"})
    finding = of(result, "GOV006")[0]
    assert finding.gate == GateId.GOVERNANCE and finding.severity == Severity.MINOR
    check(doc("governance: {status: in_progress}\n", stage="limited_rollout"),
          expect=[("GOV006", 10)], rules={"GOV006"})


def test_gov006_silent_with_a_cadence_or_when_not_live() -> None:
    check(doc(LIVE + "governance: {status: in_progress, edge_case_review: {cadence: P14D}}\n"),
          expect=[], rules={"GOV006"})
    check(doc("governance: {status: in_progress}\n"), expect=[], rules={"GOV006"})


# --- GOV007 automated-decision-without-notice ---------------------------------------------


def quebec(jurisdictions: str = "[CA-QC]", live: bool = True, authority: str = "autonomous",
           notice: str = "") -> str:
    """Jurisdictions on line 10, integration 11, boundaries 12-14, governance from 15."""
    action = f"{{action: Waive a fee, authority: {authority}, limit: {{amount: 5, currency: CAD}}}}"
    return doc(f"""
        integration: {{status: in_progress{", live_since: 2026-05-01" if live else ""}}}
        decision_boundaries:
          status: in_progress
          actions: [{action}]
        governance:
          status: in_progress
          {notice}
        """, initiative=(f"jurisdictions: {jurisdictions}",))


@pytest.mark.parametrize("notice", ["", "automated_decision_notice: false"])
def test_gov007_fires_when_all_four_conditions_hold(notice: str) -> None:
    # The notice is the evidence: when absent, the finding points at governance (line 15).
    result = check(quebec(notice=notice), expect=[("GOV007", 17 if notice else 15)],
                   rules={"GOV007"})
    finding = of(result, "GOV007")[0]
    assert finding.gate == GateId.GOVERNANCE and finding.severity == Severity.BLOCKER
    assert "'Waive a fee'" in finding.message and "line 14" in finding.message


def test_gov007_fires_among_several_jurisdictions() -> None:
    check(quebec(jurisdictions="[CA, CA-QC]"), expect=[("GOV007", 15)], rules={"GOV007"})


@pytest.mark.parametrize("text", [
    quebec(jurisdictions="[CA]"),
    quebec(live=False),
    quebec(authority="approval_required, approver: Lead"),
    quebec(authority="recommend_only"),
    quebec(notice="automated_decision_notice: true"),
], ids=["not-quebec", "not-live", "approval", "recommend-only", "notice-given"])
def test_gov007_silent_when_any_condition_fails(text: str) -> None:
    check(text, expect=[], rules={"GOV007"})


def test_gov007_names_every_autonomous_action() -> None:
    # Routing a ticket decides nothing about anyone; a goodwill credit does: the finding
    # names both, not only the first, for people to judge.
    text = quebec().replace(
        "limit: {amount: 5, currency: CAD}}]",
        "limit: {amount: 5, currency: CAD}}, {action: Route a ticket, authority: "
        "recommend_only}, {action: Goodwill credit, authority: autonomous, limit: "
        "{amount: 25, currency: CAD}}]")
    result = check(text, expect=[("GOV007", 15)], rules={"GOV007"})
    finding = of(result, "GOV007")[0]
    assert finding.message.startswith(
        "In Quebec, the autonomous actions 'Waive a fee' and 'Goodwill credit' decide "
        "without telling the person (decision_boundaries.actions[0], line 14; "
        "decision_boundaries.actions[2], line 14;")
    assert finding.subject == "Waive a fee and Goodwill credit"
