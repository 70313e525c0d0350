"""How many prompts a full run of the default pack takes for a typical initiative.

A responder answers every prompt from examples/care-copilot-ready.yaml (six complete
gates, 4 sources, 4 touchpoints, 6 actions, 4 metrics, 3 regulations), as a programme
lead who knows every answer would type it. The stakeholder groups, which the wizard did
not ask before, are left out, so that both counts are for the same answers.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from readiness.loader import load
from readiness.model import GATE_ORDER
from readiness.packs import load_pack, split_path
from readiness.schema import validate
from readiness.wizard import Store, Wizard
from readiness.wizard.store import get
from tests.common import EXAMPLES

PROMPTS_BEFORE = 213
"""The same responder on the wizard as it was before lists, record questions and figures
followed the answers: one prompt to add each record, every field of every record asked,
each gate's start and completion dates apart, the override rate, the currency, a unit
and a metric's direction asked again."""


def _typed(value: Any) -> str:
    """A value as a person types it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "y" if value else "n"
    if isinstance(value, dict) and set(value) <= {"name", "role"}:
        return ", ".join(str(value[k]) for k in ("name", "role") if k in value)
    if isinstance(value, list):
        if any(isinstance(item, dict) for item in value):
            return "; ".join(_typed(item) for item in value)
        return ", ".join(_typed(item) for item in value)
    return str(value)


class Responder:
    def __init__(self, target: Any) -> None:
        self.target = target
        self.wizard: Wizard | None = None
        self.prompts: list[str] = []

    def __call__(self, text: str) -> str:
        self.prompts.append(text)
        assert self.wizard is not None
        field, index, key = self.wizard.asking
        parts: list[str | int] = list(split_path(field))
        if "Add one now?" in text:
            return "n"
        if index is not None and key is not None:
            records = get(self.target, parts) or []
            if "Enter = done" in text and index >= len(records):
                return ""
            record = get(records, [index])
            return self.written(text, get(record, key.split(".")), record)
        value = get(self.target, parts)
        if "gate: when did its work start" in text:  # a new gate, by its dates
            gate = get(self.target, parts[:1]) or {}
            dates = [_typed(gate[k]) for k in ("started_on", "completed_on") if gate.get(k)]
            return " to ".join(dates) if value != "not_started" else str(value)
        return self.written(text, value, get(self.target, parts[:-1]))

    @staticmethod
    def written(prompt: str, value: Any, mapping: Any) -> str:
        """A value as typed, with what the prompt asks to write after it: '13.2 minutes',
        '1400 tier-1 agents', 'compliant 2026-08-20'."""
        for asks, key in (("with its unit", "unit"), ("in which role", "role"),
                          ("with the review date", "reviewed_on"),
                          ("with its date when complete", "completed_on")):
            extra = get(mapping, [key])
            if asks in prompt and extra is not None and value is not None:
                return f"{_typed(value)} {_typed(extra)}"
        return _typed(value)


def test_a_full_run_asks_a_third_fewer_prompts_than_before(tmp_path: Path) -> None:
    target = load(EXAMPLES / "care-copilot-ready.yaml").data
    del target["initiative"]["stakeholders"]  # not asked before: both runs enter the same
    responder = Responder(target)
    path = tmp_path / "copilot.yaml"
    wizard = Wizard(Store.open(path), load_pack(), responder,
                    Console(file=io.StringIO(), width=100, color_system=None), date(2026, 11, 20))
    responder.wizard = wizard
    result = wizard.run()
    assert result is not None
    assessment = validate(load(path))
    expected = validate(load(EXAMPLES / "care-copilot-ready.yaml"))
    for gate in GATE_ORDER:  # each gate asked by the dates of its work
        got, want = assessment.gate(gate), expected.gate(gate)
        assert got is not None and want is not None
        assert (got.status, got.started_on, got.completed_on) == (
            want.status, want.started_on, want.completed_on)
    assert assessment.workflow is not None and expected.workflow is not None
    assert assessment.workflow.users == expected.workflow.users
    assert assessment.workflow.friction is not None and expected.workflow.friction is not None
    assert assessment.workflow.friction.unit == expected.workflow.friction.unit
    assert assessment.integration is not None and expected.integration is not None
    assert assessment.integration.security_review == expected.integration.security_review
    assert assessment.integration.live_since == expected.integration.live_since
    assert [(s.name, s.kind) for s in assessment.sources] == [
        (s.name, s.kind) for s in expected.sources]
    assert [(a.action, a.authority, a.limit.amount if a.limit else None, str(a.approver))
            for a in assessment.actions] == [
        (a.action, a.authority, a.limit.amount if a.limit else None, str(a.approver))
        for a in expected.actions]
    assert [(m.name, m.unit, m.direction, m.baseline, m.target) for m in assessment.metrics] == [
        (m.name, m.unit, m.direction, m.baseline, m.target) for m in expected.metrics]
    governance, reference = assessment.governance, expected.governance
    assert governance is not None and reference is not None
    assert governance.regulations == reference.regulations
    assert governance.override_tracking == reference.override_tracking
    count = len(responder.prompts)
    print(f"prompts: {count} (before: {PROMPTS_BEFORE})")
    assert count <= PROMPTS_BEFORE * 2 / 3, f"{count} prompts; before: {PROMPTS_BEFORE}"
