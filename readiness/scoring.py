"""Gate scores, readiness level and verdict (SPEC section 5): pure functions.

A gate's score is the weight of its satisfied criteria over the gate's total weight,
0-100. Criteria are a pack's declarative checks, evaluated here against the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel

from readiness.findings import Finding, Severity
from readiness.model import Assessment, GateId, Status
from readiness.packs import (
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Check,
    IsTrue,
    MinItems,
    NoFindings,
    Not,
    OneOf,
    Pack,
    Present,
    split_path,
)
from readiness.settings import Thresholds


class Verdict(StrEnum):
    READY = "ready"
    CONDITIONAL = "conditional"
    NOT_READY = "not_ready"


@dataclass(frozen=True)
class CriterionResult:
    id: str
    text: str
    weight: int
    satisfied: bool


@dataclass(frozen=True)
class GateResult:
    id: GateId
    status: Status
    score: int
    passed: bool
    criteria: tuple[CriterionResult, ...]

    @property
    def order(self) -> int:
        return self.id.order

    @property
    def title(self) -> str:
        return self.id.title


@dataclass(frozen=True)
class RuleState:
    """What criteria may ask of the rules: which ran, and which found something unwaived."""

    ran: frozenset[str]
    fired: frozenset[str]


_PARTS: dict[str, tuple[str, ...]] = {}
"""Field paths already split: a pack names a few dozen, and every file asks for them."""


def values(root: Any, path: str) -> list[Any]:
    """Every value at `path` (one per list item where the path says `[*]`)."""
    current: list[Any] = [root]
    parts = _PARTS.get(path)
    if parts is None:
        parts = _PARTS[path] = tuple(split_path(path))
    for part in parts:
        following: list[Any] = []
        for item in current:
            if part == "*":
                following.extend(item or [])
            elif isinstance(item, BaseModel):
                following.append(getattr(item, part, None))
            else:
                following.append(None)
        current = following
    return current


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def holds(check: Check, assessment: Assessment, rules: RuleState) -> bool:
    """Evaluate one check of a pack against an assessment."""

    def every(paths: str | list[str], test: Any) -> bool:
        for path in [paths] if isinstance(paths, str) else paths:
            found = values(assessment, path)
            if not found or not all(test(value) for value in found):
                return False
        return True

    if isinstance(check, Present):
        return every(check.present, _present)
    if isinstance(check, IsTrue):
        return every(check.true, lambda value: value is True)
    if isinstance(check, OneOf):
        return all(
            every(path, lambda value, allowed=allowed: _plain(value) in allowed)
            for path, allowed in check.in_.items()
        )
    if isinstance(check, AtLeast):
        return all(
            every(path, lambda v, bound=bound: _number(v) and v >= bound)
            for path, bound in check.at_least.items()
        )
    if isinstance(check, AtMost):
        return all(
            every(path, lambda v, bound=bound: _number(v) and v <= bound)
            for path, bound in check.at_most.items()
        )
    if isinstance(check, MinItems):
        return all(
            every(path, lambda v, count=count: isinstance(v, list) and len(v) >= count)
            for path, count in check.min_items.items()
        )
    if isinstance(check, NoFindings):
        return all(rule in rules.ran and rule not in rules.fired for rule in check.no_findings)
    if isinstance(check, AllOf):
        return all(holds(inner, assessment, rules) for inner in check.all)
    if isinstance(check, AnyOf):
        return any(holds(inner, assessment, rules) for inner in check.any)
    if isinstance(check, Not):
        return not holds(check.not_, assessment, rules)
    raise TypeError(f"unknown check {check!r}")  # pragma: no cover - the pack model forbids it


def _percent(part: float, whole: float) -> int:
    return int(100 * part / whole + 0.5) if whole else 0


def score_gates(
    pack: Pack,
    assessment: Assessment,
    findings: Sequence[Finding],
    ran: Iterable[str],
    thresholds: Thresholds,
) -> list[GateResult]:
    active = [finding for finding in findings if not finding.waived]
    rules = RuleState(frozenset(ran), frozenset(finding.rule for finding in active))
    gates = []
    for pack_gate in pack.gates:
        criteria = tuple(
            CriterionResult(c.id, c.text, c.weight, holds(c.check, assessment, rules))
            for c in pack_gate.criteria
        )
        total = sum(c.weight for c in criteria)
        score = _percent(sum(c.weight for c in criteria if c.satisfied), total)
        status = assessment.status(pack_gate.id)
        blocked = any(f.gate == pack_gate.id and f.severity == Severity.BLOCKER for f in active)
        passed = status == Status.COMPLETE and score >= thresholds.pass_mark and not blocked
        gates.append(GateResult(pack_gate.id, status, score, passed, criteria))
    return gates


def readiness_level(gates: Sequence[GateResult]) -> int:
    """How many gates pass in a row, starting at gate 1."""
    level = 0
    for gate in gates:
        if not gate.passed:
            break
        level += 1
    return level


def overall_score(gates: Sequence[GateResult]) -> int:
    return int(sum(gate.score for gate in gates) / len(gates) + 0.5) if gates else 0


def verdict(level: int, findings: Iterable[Finding]) -> Verdict:
    if level < 6:
        return Verdict.NOT_READY
    worst = max((f.severity.rank for f in findings if not f.waived), default=0)
    if worst >= Severity.BLOCKER.rank:
        return Verdict.NOT_READY
    return Verdict.CONDITIONAL if worst == Severity.MAJOR.rank else Verdict.READY
