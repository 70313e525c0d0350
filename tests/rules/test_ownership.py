"""Ownership rules OWN001-OWN003: one accountable owner, an owner for every outcome, and
stakeholder groups that measure success by the same outcome."""

from __future__ import annotations

import pytest

from readiness.findings import Severity
from readiness.loader import loads
from readiness.model import GateId
from readiness.schema import validate
from readiness.standards import measure_kind
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


# --- OWN003 misaligned-success-measures ---------------------------------------------------

OUTCOMES = """\
outcomes:
  status: in_progress
  metrics:
    - {name: Average handle time, kind: business, baseline: 11.4, target: 8.5, owner: Dana Cho}
    - {name: routing confidence, kind: model, baseline: 0.7, target: 0.9}
    - {name: billing accuracy, kind: service, baseline: 0.9, target: 0.97, owner: Dana Cho}
model:
  offline_metrics: [{name: top-3 hit rate, value: 0.88}]
"""
"""Outcomes and model work, appended after the stakeholders (lines 10 to 10 + groups)."""


def groups(*measures: str) -> tuple[str, ...]:
    """`initiative.stakeholders` at line 10, one group per line from line 11."""
    names = ("innovation", "it", "business", "finance")
    return ("stakeholders:", *(
        f"  - {{group: {names[i]}, name: Group {i}, success_measure: {measure}}}"
        for i, measure in enumerate(measures)
    ))


def own003(*measures: str, expect: list[tuple[str, int]], body: str = OUTCOMES) -> list[str]:
    result = check(doc(body, initiative=groups(*measures)), expect=expect, rules={"OWN003"})
    for finding in of(result, "OWN003"):
        assert finding.gate == GateId.OUTCOMES and finding.severity == Severity.MAJOR
    return [finding.message for finding in of(result, "OWN003")]


@pytest.mark.parametrize("measure", [
    "routing confidence score",  # contains a kind: model metric's name
    "Top-3 hit rate",  # an offline metric of the model, another case
    "model AUC",  # a model word, whole
    "F1-score on the test set",
    "Precision",
])
def test_own003_fires_for_a_model_measure(measure: str) -> None:
    # The second group measures an outcome, so only the model measure is reported (line 11).
    [message] = own003(measure, "average handle time", expect=[("OWN003", 11)])
    assert f"'{measure}'" in message and "The innovation group (Group 0)" in message
    assert "initiative.stakeholders[0].success_measure, line 11" in message


def test_own003_a_model_measure_names_every_group_and_its_measure() -> None:
    [message] = own003("model accuracy", "platform uptime", "average handle time",
                       expect=[("OWN003", 11)])
    assert message.startswith("The innovation group (Group 0) measures success by a model "
                              "measure, 'model accuracy'")
    assert ("(what each group measures: the innovation group (Group 0): 'model accuracy'; the it "
            "group (Group 1): 'platform uptime'; the business group (Group 2): 'average "
            "handle time')") in message


def test_own003_a_single_group_is_named_once() -> None:
    messages = own003("model accuracy", expect=[("OWN003", 10), ("OWN003", 11)])
    [message] = [m for m in messages if "by a model measure" in m]
    assert message.count("Group 0") == 1 and "what each group measures" not in message


def test_own003_fires_when_no_group_measures_an_outcome() -> None:
    [message] = own003("models shipped", "platform uptime", expect=[("OWN003", 10)])
    # The message names each group and its measure.
    assert "the innovation group (Group 0): 'models shipped'" in message
    assert "the it group (Group 1): 'platform uptime'" in message


def test_own003_fires_twice_for_a_model_measure_and_no_outcome() -> None:
    own003("model AUC", "platform uptime", expect=[("OWN003", 10), ("OWN003", 11)])


@pytest.mark.parametrize("measure", [
    "average handle time and accuracy",  # contains a business metric and a model word
    "accuracy",  # contained in the service metric 'billing accuracy', and a model word
])
def test_own003_a_measure_both_a_model_measure_and_an_outcome_fires_once(measure: str) -> None:
    # Some group measures a model measure (line 11), but a group's measure *is* a business
    # or service metric, so "no group measures an outcome" does not hold (line 10).
    [message] = own003(measure, "platform uptime", expect=[("OWN003", 11)])
    assert f"measures success by a model measure, '{measure}'" in message


def test_own003_a_group_without_a_measure_measures_no_outcome() -> None:
    text = doc(OUTCOMES, initiative=("stakeholders:", "  - {group: it, name: Care IT}"))
    result = check(text, expect=[("OWN003", 10)], rules={"OWN003"})
    assert "the it group (Care IT): no measure" in of(result, "OWN003")[0].message


@pytest.mark.parametrize("measures", [
    ("average handle time",),  # the metric, another case
    ("handle time", "platform uptime"),  # contained in the metric's name, whole words
    ("Average handle time per contact", "models shipped"),  # contains the metric's name
    ("billing accuracy",),  # the very name of a service metric, model word and all
    ("AUCTION volume", "average handle time"),  # 'AUC' only as part of a word
])
def test_own003_silent_when_groups_share_an_outcome(measures: tuple[str, ...]) -> None:
    own003(*measures, expect=[])


def test_own003_whole_words_only() -> None:
    # "handling time" is not "handle time" and "AUCTION" is not "AUC": neither is a metric.
    own003("AUCTION volume", "average handling time", expect=[("OWN003", 10)])


@pytest.mark.parametrize("stakeholders", ["stakeholders: []", "# no stakeholders"])
def test_own003_silent_without_stakeholders(stakeholders: str) -> None:
    own003(expect=[], body=OUTCOMES.replace("outcomes:", f"# {stakeholders}\noutcomes:"))
    check(doc(OUTCOMES, initiative=(stakeholders,)), expect=[], rules={"OWN003"})


def test_own003_waits_for_the_outcomes_gate_before_the_initiative_is_live() -> None:
    check(doc(initiative=groups("model accuracy")), expect=[], rules={"OWN003"})
    # Live, the gate's content is judged even though it is absent.
    check(doc(initiative=groups("model accuracy"), stage="production"),
          expect=[("OWN003", 10), ("OWN003", 11)], rules={"OWN003"})


def assessment_with(body: str):  # type: ignore[no-untyped-def]
    return validate(loads(doc(body), "test.yaml"))


@pytest.mark.parametrize(("measure", "kind"), [
    ("average handle time", "outcome"),
    ("HANDLE TIME", "outcome"),
    ("billing accuracy", "outcome"),
    ("model AUC", "model"),
    ("accuracy", "model"),
    ("routing confidence", "model"),
    ("top-3 hit rate on the holdout set", "model"),
    ("AUCTION volume", "unrelated"),
    ("models shipped", "unrelated"),
    ("", "unrelated"),
])
def test_measure_kind(measure: str, kind: str) -> None:
    assert measure_kind(measure, assessment_with(OUTCOMES)) == kind


def test_measure_kind_without_metrics() -> None:
    assessment = assessment_with("")
    assert measure_kind("average handle time", assessment) == "unrelated"
    assert measure_kind("recall", assessment) == "model"
