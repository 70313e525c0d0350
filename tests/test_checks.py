"""The check language of packs as one type: each check knows its paths and the rules it
reads, and evaluates the same on the model (scoring) as on the raw answers the wizard
holds (docs/format.md, "Scores"; docs/assess.md, "Conditional questions")."""

from __future__ import annotations

import pickle
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from readiness.engine import run_rules
from readiness.loader import Document, load, loads
from readiness.model import Assessment
from readiness.packs import (
    NO_RULES,
    AllOf,
    AnyOf,
    Check,
    Criterion,
    Not,
    Pack,
    PackError,
    RuleState,
    load_pack,
    shipped_packs,
    values_at,
)
from readiness.rules import Context
from readiness.schema import validate
from readiness.thresholds import Thresholds
from tests.common import EXAMPLES, ROOT, TODAY
from tests.rules import doc

CHECK = TypeAdapter(Check)
CRITERION = TypeAdapter(Criterion)
KINDS = ("present", "true", "in", "at_least", "at_most", "min_items", "no_findings", "all",
         "any", "not")
"""Every kind of check of the pack format (questionnaires/pack.schema.json)."""


def kind(check: Check) -> str:
    return next(iter(check.model_dump(by_alias=True)))


def nested(check: Check) -> Iterator[Check]:
    """The check and every check inside it."""
    yield check
    if isinstance(check, AllOf | AnyOf | Not):
        for member in check.members:
            yield from nested(member)


def every_check(pack: Pack) -> Iterator[tuple[str, Check]]:
    """Every check a pack evaluates on a whole file, with where it stands: criteria (with
    their `about`) and the conditions of questions, and every check nested inside them."""
    for gate in pack.gates:
        for criterion in gate.criteria:
            for check in nested(criterion.condition):
                yield f"criterion {criterion.id}", check
    for question in pack.questions:
        if question.when is not None:
            for check in nested(question.when):
                yield f"question {question.id}", check


def rule_state(document: Document, assessment: Assessment) -> RuleState:
    findings, ran = run_rules(Context(assessment, document, Thresholds(), TODAY))
    return RuleState(frozenset(ran), frozenset(f.rule for f in findings if not f.waived))


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("pack_id", shipped_packs())
def test_model_and_raw_answers_agree_on_every_check_of_the_pack_for_every_example(
    pack_id: str,
) -> None:
    pack = load_pack(pack_id)
    outcomes: dict[str, set[bool]] = defaultdict(set)
    for path in EXAMPLE_FILES:
        document = load(path)
        assessment = validate(document)
        rules = rule_state(document, assessment)
        for where, check in every_check(pack):
            on_model = check.holds(assessment, rules)
            on_raw = check.holds(document.data, rules)
            assert on_model == on_raw, (path.name, where, check)
            outcomes[kind(check)].add(on_model)
        for gate in pack.gates:  # a criterion as a whole, `about` included
            for criterion in gate.criteria:
                assert criterion.holds(assessment, rules) == criterion.holds(
                    document.data, rules), (path.name, criterion.id)
    # The walk saw each kind the pack uses, and the criteria's kinds holding and failing
    # (`not` stands in a condition on the stage, and no example is at exploration).
    assert set(outcomes) == {"present", "true", "in", "min_items", "no_findings", "all", "not"}
    assert all(outcomes[k] == {True, False} for k in outcomes if k != "not"), dict(outcomes)


@pytest.mark.parametrize("pack_id", shipped_packs())
def test_model_and_raw_records_agree_on_the_conditions_of_record_fields(pack_id: str) -> None:
    pack = load_pack(pack_id)
    outcomes: dict[str, set[bool]] = defaultdict(set)
    for path in EXAMPLE_FILES:
        document = load(path)
        assessment = validate(document)
        for question in pack.questions:
            conditions = [item.when for item in question.item or [] if item.when is not None]
            if not conditions:
                continue
            parts = question.field.replace("[*]", ".*").split(".")
            models = values_at(assessment, [*parts, "*"])
            raws = values_at(document.data, [*parts, "*"])
            assert len(models) == len(raws)
            for record, raw in zip(models, raws, strict=True):
                for condition in conditions:
                    for check in nested(condition):
                        on_model = check.holds(record, NO_RULES)
                        assert on_model == check.holds(raw, NO_RULES), (path.name, check)
                        outcomes[kind(check)].add(on_model)
    assert {"in", "at_most", "all", "not"} <= set(outcomes)
    assert outcomes["in"] == {True, False}


SUBJECT = doc(textwrap.dedent("""
    decision_boundaries:
      status: in_progress
      escalation_path: Team lead, then the billing duty manager
      notes: ""
      actions:
        - {action: Waive a late fee, authority: autonomous, limit: {amount: 5, currency: CAD}}
        - {action: Credit a disputed bill, authority: approval_required,
           approver: {name: Team lead}, limit: {amount: 200, currency: CAD}}
        - {action: Change a contract, authority: prohibited}
    outcomes: {status: not_started, metrics: []}
    governance:
      status: in_progress
      audit_log: true
      incident_process: false
      override_tracking: {enabled: true, override_rate: 0.3}
    """))
"""One file the checks below are evaluated against, as a model and as raw answers."""

RULES = RuleState(frozenset({"DEC001", "DEC004"}), frozenset({"DEC004"}))

YES = {"present": "decision_boundaries.escalation_path"}
NO = {"present": "decision_boundaries.autonomy_level"}

# Checks of every kind, each with whether it holds on SUBJECT given RULES.
EVERY_KIND: list[tuple[dict[str, Any], bool]] = [
    (YES, True),
    (NO, False),  # absent
    ({"present": "decision_boundaries.notes"}, False),  # an empty string is no value
    ({"present": "outcomes.metrics"}, False),  # nor is an empty list
    ({"present": "integration.surface"}, False),  # through an absent section
    ({"present": "decision_boundaries.actions[*].action"}, True),
    ({"present": "decision_boundaries.actions[*].limit"}, False),  # one has none
    ({"present": "outcomes.metrics[*].name"}, False),  # no items at all
    ({"present": ["governance.audit_log", "governance.incident_process"]}, True),  # false is
    ({"true": "governance.audit_log"}, True),
    ({"true": ["governance.audit_log", "governance.incident_process"]}, False),
    ({"true": "decision_boundaries.escalation_path"}, False),  # text is not true
    ({"in": {"initiative.stage": ["pilot", "production"]}}, True),
    ({"in": {"decision_boundaries.actions[*].authority": ["autonomous", "prohibited"]}},
     False),  # every item must match
    ({"in": {"outcomes.status": ["not_started"], "governance.status": ["complete"]}}, False),
    ({"at_least": {"governance.override_tracking.override_rate": 0.3}}, True),
    ({"at_least": {"decision_boundaries.actions[*].limit.amount": 10}}, False),
    ({"at_least": {"governance.audit_log": 0}}, False),  # a boolean is not a number
    ({"at_most": {"governance.override_tracking.override_rate": 0.3}}, True),
    ({"at_most": {"governance.override_tracking.override_rate": 0.29}}, False),
    ({"at_most": {"decision_boundaries.actions[*].limit.amount": 1000}}, False),  # one has none
    ({"min_items": {"decision_boundaries.actions": 3}}, True),
    ({"min_items": {"outcomes.metrics": 0}}, True),
    ({"min_items": {"outcomes.metrics": 1}}, False),
    ({"min_items": {"data_pipeline.sources": 0}}, False),  # absent is not a list
    ({"no_findings": ["DEC001"]}, True),
    ({"no_findings": ["DEC004"]}, False),  # found something
    ({"no_findings": ["DEC001", "DEC002"]}, False),  # DEC002 did not run
    ({"all": [YES, YES]}, True),
    ({"all": [YES, NO]}, False),
    ({"any": [NO, YES]}, True),
    ({"any": [NO, {"no_findings": ["DEC004"]}]}, False),
    ({"not": NO}, True),
    ({"not": {"any": [YES, NO]}}, False),
]


def test_every_kind_of_check_is_listed_here_with_both_outcomes() -> None:
    seen = {(kind(CHECK.validate_python(check)), holds) for check, holds in EVERY_KIND}
    assert seen == {(k, outcome) for k in KINDS for outcome in (True, False)}


@pytest.mark.parametrize(("check", "expected"), EVERY_KIND)
def test_every_kind_of_check_holds_alike_on_the_model_and_on_raw_answers(
    check: dict[str, Any], expected: bool
) -> None:
    document = loads(SUBJECT, "subject.yaml")
    parsed = CHECK.validate_python(check)
    assert parsed.holds(validate(document), RULES) is expected
    assert parsed.holds(document.data, RULES) is expected


def test_raw_answers_never_satisfy_a_check_on_the_rules() -> None:
    # The rules cannot run on a file that is not valid: `no_findings` does not hold.
    data = loads(SUBJECT, "subject.yaml").data
    assert CHECK.validate_python({"no_findings": ["DEC001"]}).holds(data, RULES)
    assert not CHECK.validate_python({"no_findings": ["DEC001"]}).holds(data)
    assert CHECK.validate_python({"not": {"no_findings": ["DEC001"]}}).holds(data)


def test_raw_answers_in_any_shape_give_no_value_rather_than_an_error() -> None:
    # Half-typed answers: a scalar where a section belongs, a mapping where a list does.
    data = {"workflow": "to do", "data_pipeline": {"sources": {"name": "CRM"}},
            "governance": {"override_tracking": {}}}
    assert values_at(data, ["workflow", "process"]) == [None]
    assert values_at(data, ["data_pipeline", "sources", "*", "name"]) == []
    present = CHECK.validate_python({"present": "governance.override_tracking"})
    assert not present.holds(data)  # an empty mapping is no answer yet
    assert present.holds({"governance": {"override_tracking": {"enabled": True}}})
    assert not CHECK.validate_python({"min_items": {"data_pipeline.sources": 1}}).holds(data)


def test_a_check_knows_its_paths_and_rules_at_any_depth() -> None:
    check = CHECK.validate_python({"all": [
        {"present": ["workflow.process", "workflow.scope"]},
        {"not": {"any": [{"no_findings": ["DAT003", "DAT001"]},
                         {"in": {"initiative.stage": ["pilot"]}}]}},
        {"at_least": {"workflow.monthly_volume": 1}},
        {"at_most": {"governance.override_tracking.override_rate": 0.3}},
        {"min_items": {"data_pipeline.sources": 1}},
        {"true": "governance.audit_log"},
        {"no_findings": ["GOV004"]},
    ]})
    assert check.paths == [
        "workflow.process", "workflow.scope", "initiative.stage", "workflow.monthly_volume",
        "governance.override_tracking.override_rate", "data_pipeline.sources",
        "governance.audit_log",
    ]
    assert check.rule_ids == ["DAT003", "DAT001", "GOV004"]
    assert CHECK.validate_python({"present": "workflow.process"}).rule_ids == []
    assert CHECK.validate_python({"no_findings": ["DAT003"]}).paths == []


ABOUT = {
    "id": "every-action-limited", "text": "Every autonomous action has a limit", "weight": 1,
    "about": "decision_boundaries.actions",
    "check": {"not": {"present": "decision_boundaries.actions[*].limit"}},
}
"""A criterion whose check alone would hold with no actions at all."""

ACTIONS = """
    decision_boundaries:
      status: in_progress
      actions: [{action: Waive a fee, authority: recommend_only}]
    """


@pytest.mark.parametrize(("body", "expected"), [
    (ACTIONS, True),  # one action, and it has no limit
    ("decision_boundaries: {status: in_progress, actions: []}\n", False),  # empty
    ("decision_boundaries: {status: in_progress}\n", False),  # absent
    ("", False),  # no section at all
])
def test_a_criterion_about_a_list_holds_only_while_the_list_has_items(
    body: str, expected: bool
) -> None:
    criterion = CRITERION.validate_python(ABOUT)
    document = loads(doc(textwrap.dedent(body)), "about.yaml")
    assert criterion.check.holds(validate(document))  # the check alone holds every time
    assert criterion.holds(validate(document), NO_RULES) is expected
    assert criterion.holds(document.data, NO_RULES) is expected
    assert criterion.condition.paths == ["decision_boundaries.actions",
                                         "decision_boundaries.actions[*].limit"]


def test_a_pack_sent_to_another_process_evaluates_as_before() -> None:
    # Worker processes started with spawn (macOS, Windows) receive the packs pickled.
    document = load(EXAMPLES / "churn-accuracy-only.yaml")
    assessment = validate(document)
    rules = rule_state(document, assessment)
    for pack_id in shipped_packs():
        pack = load_pack(pack_id)
        copied = pickle.loads(pickle.dumps(pack))
        assert copied == pack
        original = [c.holds(assessment, rules) for g in pack.gates for c in g.criteria]
        assert [c.holds(assessment, rules) for g in copied.gates for c in g.criteria] == (
            original)
        assert True in original and False in original



def test_a_condition_that_names_no_field_or_rule_stops_the_pack_from_loading(
    tmp_path: Path,
) -> None:
    # Conditions are checked as the pack loads, like criteria: a misspelt path would
    # otherwise never hold, and the question would silently never be asked.
    text = (ROOT / "questionnaires" / "telecom-network-ops.yaml").read_text(encoding="utf-8")
    for number, (old, new, message) in enumerate([
        ("when: {in: {workflow.status: [complete]}}", "when: {in: {workflow.statu: [complete]}}",
         "question workflow.completed_on: when: no field 'workflow.statu' in the format"),
        ("when: {in: {authority: [approval_required]}}", "when: {in: {authorty: [x]}}",
         "question decision_boundaries.actions: approver when: no field "
         "'decision_boundaries.actions[*].authorty' in the format"),
        ("when: {in: {workflow.status: [complete]}}", "when: {no_findings: [SEQ099]}",
         "question workflow.completed_on: when: unknown rule SEQ099"),
    ]):
        assert old in text
        path = tmp_path / f"pack-{number}.yaml"  # each its own file: packs load once
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(PackError, match=re.escape(message)):
            load_pack(str(path))
