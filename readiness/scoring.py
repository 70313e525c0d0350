"""Gate scores, readiness level and verdict: pure functions (docs/format.md, "Scores").

A gate's score is the weight of its satisfied criteria over the gate's total weight,
0-100. Criteria are a pack's declarative checks, which evaluate themselves against the
model (readiness/packs.py). A gate that is `not_started` scores 0, and a criterion about
the items of a list (its `about`) does not hold while that list is empty or absent: a
gate earns nothing for what it has not described.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from readiness.findings import Finding, Severity
from readiness.model import Assessment, GateId, Status
from readiness.packs import Criterion, Pack, RuleState
from readiness.thresholds import Thresholds


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
    """It counts towards the gate's score: it holds and the gate has started."""
    holds: bool
    """The file has what it asks for, the gate's own status read as started: what a gate
    that is not started still lacks is what does not hold."""


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


_RESULTS: dict[int, tuple[Criterion, dict[tuple[bool, bool], CriterionResult]]] = {}
"""Each criterion's results, made once: they are immutable and repeat from file to file.
An entry holds its criterion, so no other criterion can take its key (the id) while the
entry lives."""
_RESULTS_LIMIT = 4096


def criterion_result(criterion: Criterion, satisfied: bool, held: bool) -> CriterionResult:
    """The criterion's result, as made for an earlier file when there was one (scoring
    here, and `batch` rebuilding a report a worker process sent)."""
    entry = _RESULTS.get(id(criterion))
    if entry is None:
        if len(_RESULTS) >= _RESULTS_LIMIT:
            _RESULTS.clear()
        entry = _RESULTS[id(criterion)] = (criterion, {})
    made = entry[1].get((satisfied, held))
    if made is None:
        made = entry[1][satisfied, held] = CriterionResult(
            criterion.id, criterion.text, criterion.weight, satisfied, held)
    return made


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
    blocking = {f.gate for f in active if f.severity == Severity.BLOCKER}
    gates = []
    for pack_gate in pack.gates:
        status = assessment.status(pack_gate.id)
        started = status != Status.NOT_STARTED
        results = []
        total = earned = 0
        as_started = None
        for c in pack_gate.criteria:
            held = c.condition.holds(assessment, rules)
            if not held and not started:
                # What the gate lacks besides its start, which "Start the gate" says.
                as_started = as_started or assessment.started(pack_gate.id)
                held = c.condition.holds(as_started, rules)
            results.append(criterion_result(c, started and held, held))
            total += c.weight
            if started and held:
                earned += c.weight
        criteria = tuple(results)
        score = _percent(earned, total)
        blocked = pack_gate.id in blocking
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
