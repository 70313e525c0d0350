"""Gate scores, readiness level and verdict (SPEC section 5): pure functions.

A gate's score is the weight of its satisfied criteria over the gate's total weight,
0-100. Criteria are a pack's declarative checks, evaluated here against the model. A gate
that is `not_started` scores 0, and a criterion about the items of a list (its `about`)
does not hold while that list is empty or absent: a gate earns nothing for what it has
not described (docs/format.md, "Scores").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import partial
from typing import Any, NamedTuple

from pydantic import BaseModel

from readiness.findings import Finding, Severity
from readiness.model import Assessment, GateId, Status
from readiness.packs import (
    AllOf,
    AnyOf,
    AtLeast,
    AtMost,
    Check,
    Criterion,
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


class CriterionResult(NamedTuple):
    """One criterion of a gate and whether the assessment satisfies it (a tuple: every
    report holds a few dozen, and a worker process sends them back in bulk)."""

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


def _values(root: Any, parts: tuple[str, ...]) -> list[Any]:
    """Every value at the path `parts` (one per list item where the path says `[*]`)."""
    current: list[Any] = [root]
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


Test = Callable[[Assessment, "RuleState"], bool]


def holds(check: Check | Criterion, assessment: Assessment, rules: RuleState) -> bool:
    """Evaluate one check or criterion of a pack against an assessment."""
    return _compiled(check)(assessment, rules)


_COMPILED: dict[int, tuple[Check | Criterion, Test]] = {}
"""Each check and criterion of a pack compiled once (its paths split, its tests chosen),
by identity; the object itself is kept alongside so that its id cannot be reused while
cached."""


def _compiled(check: Check | Criterion) -> Test:
    entry = _COMPILED.get(id(check))
    if entry is None or entry[0] is not check:
        if len(_COMPILED) > 4096:  # packs loaded again and again in one process
            _COMPILED.clear()
        test = _criterion(check) if isinstance(check, Criterion) else _compile(check)
        entry = _COMPILED[id(check)] = (check, test)
    return entry[1]


def _criterion(criterion: Criterion) -> Test:
    """A criterion's check, which does not hold while the list it is about is empty."""
    test = _compile(criterion.check)
    if criterion.about is None:
        return test
    return _all_of([_every(criterion.about, partial(_min_items, 1)), test])


def _every(paths: str | list[str], test: Callable[[Any], bool]) -> Test:
    """True when every path has at least one value and `test` holds for each."""
    split = [tuple(split_path(p)) for p in ([paths] if isinstance(paths, str) else paths)]

    def every(assessment: Assessment, rules: RuleState) -> bool:
        for parts in split:
            found = _values(assessment, parts)
            if not found:
                return False
            for value in found:
                if not test(value):
                    return False
        return True

    return every


def _all_of(tests: list[Test]) -> Test:
    return lambda assessment, rules: all(test(assessment, rules) for test in tests)


def _one_of(allowed: list[Any], value: Any) -> bool:
    return _plain(value) in allowed


def _at_least(bound: float, value: Any) -> bool:
    return _number(value) and value >= bound


def _at_most(bound: float, value: Any) -> bool:
    return _number(value) and value <= bound


def _min_items(count: int, value: Any) -> bool:
    return isinstance(value, list) and len(value) >= count


def _compile(check: Check) -> Test:
    """The check as a function of an assessment and the rules' state."""
    if isinstance(check, Present):
        return _every(check.present, _present)
    if isinstance(check, IsTrue):
        return _every(check.true, lambda value: value is True)
    if isinstance(check, OneOf):
        return _all_of([_every(p, partial(_one_of, allowed)) for p, allowed in check.in_.items()])
    if isinstance(check, AtLeast):
        return _all_of([_every(p, partial(_at_least, n)) for p, n in check.at_least.items()])
    if isinstance(check, AtMost):
        return _all_of([_every(p, partial(_at_most, n)) for p, n in check.at_most.items()])
    if isinstance(check, MinItems):
        return _all_of([_every(p, partial(_min_items, n)) for p, n in check.min_items.items()])
    if isinstance(check, NoFindings):
        wanted = tuple(check.no_findings)
        return lambda assessment, rules: all(
            rule in rules.ran and rule not in rules.fired for rule in wanted
        )
    if isinstance(check, AllOf):
        return _all_of([_compile(inner) for inner in check.all])
    if isinstance(check, AnyOf):
        tests = [_compile(inner) for inner in check.any]
        return lambda assessment, rules: any(test(assessment, rules) for test in tests)
    if isinstance(check, Not):
        inner = _compile(check.not_)
        return lambda assessment, rules: not inner(assessment, rules)
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
        status = assessment.status(pack_gate.id)
        started = status != Status.NOT_STARTED
        criteria = tuple(
            CriterionResult(c.id, c.text, c.weight, started and holds(c, assessment, rules))
            for c in pack_gate.criteria
        )
        total = sum(c.weight for c in criteria)
        score = _percent(sum(c.weight for c in criteria if c.satisfied), total)
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
