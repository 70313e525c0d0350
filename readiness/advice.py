"""Next steps and problem counts from a Result: the one list every surface shows.

The wizard's closing panel, `validate`'s text and JSON output, the Markdown and HTML
reports and the portfolio brief all render `next_steps(result)`; none words or orders
steps of its own (docs/reports.md, "Next steps").

A step covers one rule in one gate and names every instance it covers, in the rule's
own plain words (`Rule.step`/`Rule.steps`, each finding's `subject`, `Rule.advice`). The
first gate that does not pass gets a step of its own (no rule) saying what it still
lacks. The order:

1. unwaived blockers, in gate order, sequence rules first within a gate;
2. what stops the first gate that does not pass;
3. unwaived majors, in gate order, the rules marked `symptom` first (what a steering
   committee already hears about: people overriding the AI, an outcome off track);
4. minors.

A shortened list keeps that order and never drops a blocker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from readiness.engine import Result
from readiness.findings import Finding, Question, Severity
from readiness.i18n import N_, _, ngettext
from readiness.model import GateId, Status
from readiness.rules import REGISTRY
from readiness.scoring import GateResult, Verdict
from readiness.words import field_words, listing


def _symptom(rule_id: str | None) -> bool:
    """Whether the rule is one a steering committee already hears about (`Rule.symptom`):
    its majors come first."""
    rule = REGISTRY.get(rule_id) if rule_id else None
    return rule is not None and rule.symptom


STATUS_WORDS = {
    Status.NOT_STARTED: N_("not started"),
    Status.IN_PROGRESS: N_("in progress"),
    Status.COMPLETE: N_("complete"),
}


@dataclass(frozen=True)
class Step:
    """One next step: a rule in a gate and the instances it covers, or (rule None) what
    the first gate that does not pass still lacks."""

    rule: str | None
    gate: GateId
    severity: Severity | None
    instances: int
    text: str
    problem: str = ""  # the problem alone, without what to do: "People override the AI ..."

    @property
    def blocker(self) -> bool:
        return self.severity == Severity.BLOCKER


def _problems(findings: Iterable[Finding]) -> dict[tuple[str, GateId], list[Finding]]:
    """Unwaived findings grouped by (rule, gate), in the order they were found."""
    groups: dict[tuple[str, GateId], list[Finding]] = {}
    for finding in findings:
        if not finding.waived:
            groups.setdefault((finding.rule, finding.gate), []).append(finding)
    return groups


def blocker_problems(findings: Iterable[Finding], gate: GateId) -> int:
    """Unwaived blockers charged to `gate`, counted as problems: one per rule, as the
    headline counts them (the gate tables, a gate step)."""
    return len({f.rule for f in findings
                if f.gate == gate and f.severity == Severity.BLOCKER and not f.waived})


def _worst(findings: Sequence[Finding]) -> Severity:
    return max((f.severity for f in findings), key=lambda s: s.rank)


def rule_step(rule_id: str, gate: GateId, findings: Sequence[Finding]) -> Step:
    """The step for one rule in one gate: the problem, every instance, what to do."""
    rule = REGISTRY.get(rule_id)
    subjects = merged([f.subject for f in findings if f.subject])
    n = len(subjects) or len(findings)
    if rule is not None and rule.step:
        head = _(rule.step if n == 1 else rule.steps).format(n=n)
    else:
        head = rule_id if rule is None else rule.name.replace("-", " ").capitalize()
    problem = head + (_(": ") + listing(subjects) if subjects else "")
    text = problem + "."
    if rule is not None and rule.advice:
        text += " " + _(rule.advice)
    return Step(rule_id, gate, _worst(findings), len(findings), text, problem)


def merged(subjects: Sequence[str]) -> list[str]:
    """One subject per thing, its details joined: 'Ticket history (2 days old)' and
    'Ticket history (2 systems behind)' -> 'Ticket history (2 days old; 2 systems behind)'."""
    details: dict[str, list[str]] = {}
    for subject in subjects:
        # The detail is the last bracket: a name may have brackets of its own.
        name, _, rest = subject.rpartition(" (") if subject.endswith(")") else (subject, "", "")
        found = details.setdefault(name, [])
        if rest.endswith(")") and rest[:-1] not in found:
            found.append(rest[:-1])
    return [f"{name} ({'; '.join(said)})" if said else name for name, said in details.items()]


def gate_step(result: Result, gate: GateResult, covered: set[str]) -> Step:
    """What the first gate that does not pass still lacks: its criteria that do not hold
    (heaviest first) and its status. A criterion a rule's step already names is left
    out: one that reads a rule of `covered`, or one that judges a single field (not the
    items of a list, which may fall short one by one for different reasons) where one of
    the gate's findings is: `accountable-owner` and OWN001's finding at
    `initiative.accountable_owner`."""
    named = {f.path for f in result.findings if not f.waived and f.gate == gate.id}
    criteria = {c.id: c for c in result.pack.gate(gate.id).criteria}

    def said(criterion_id: str) -> bool:
        criterion = criteria[criterion_id]
        fields = {path for path in criterion.check.fields if "[*]" not in path}
        return bool(criterion.rules_read & covered) or not named.isdisjoint(fields)

    unmet = [
        c.text[:1].lower() + c.text[1:]
        for c in sorted(gate.criteria, key=lambda c: -c.weight)
        if not c.holds and not said(c.id)
    ]
    title = gate.title.lower()
    facts = [_("it is {status}").format(status=_(STATUS_WORDS[gate.status]))]
    if gate.score < result.thresholds.pass_mark:
        facts.append(_("scores {score}/100 against a pass mark of {mark}").format(
            score=gate.score, mark=_mark(result.thresholds.pass_mark)))
    if gate.status == Status.COMPLETE:
        text = _("Pass the {gate} gate ({facts})").format(gate=title, facts=", ".join(facts))
    elif gate.status == Status.NOT_STARTED:
        text = _("Start the {gate} gate ({facts})").format(gate=title, facts=", ".join(facts))
    else:
        text = _("Complete the {gate} gate ({facts})").format(gate=title, facts=", ".join(facts))
    if unmet:
        text += _(": still missing: ") + "; ".join(unmet)
    elif gate.status == Status.COMPLETE:
        text += _(": clear the blockers above") if blocker_problems(
            result.findings, gate.id) else _(": resolve the problems above")
    elif gate.status == Status.NOT_STARTED:
        text += _(": mark it in progress once its work has started")
    elif covered:
        text += _(": resolve the problems above, then mark it complete")
    else:
        text += _(": mark it complete once its work is done")
    return Step(None, gate.id, None, 0, text + ".")


def _mark(value: float) -> str:
    """A pass mark as written in the active language: 70, 72.5 (French: 72,5)."""
    from readiness import i18n

    return f"{value:g}" if i18n.active() == "en" else i18n.decimal(value)


def _rank(rule_id: str) -> int:
    return 0 if rule_id.startswith("SEQ") else 1


def next_steps(result: Result) -> list[Step]:
    """Every next step, in the order of docs/reports.md ("Next steps")."""
    groups = _problems(result.findings)
    steps = {key: rule_step(key[0], key[1], found) for key, found in groups.items()}

    def by(severity: Severity) -> list[tuple[str, GateId]]:
        return [key for key, step in steps.items() if step.severity == severity]

    blockers = sorted(by(Severity.BLOCKER), key=lambda k: (k[1].order, _rank(k[0]), k[0]))
    majors = sorted(by(Severity.MAJOR),
                    key=lambda k: (not _symptom(k[0]), k[1].order, _rank(k[0]), k[0]))
    minors = sorted(by(Severity.MINOR), key=lambda k: (k[1].order, _rank(k[0]), k[0]))
    ordered = [steps[key] for key in blockers]
    blocked = result.blocked_at
    if blocked is not None:
        covered = {rule for rule, gate in groups if gate == blocked.id}
        ordered.append(gate_step(result, blocked, covered))
    ordered += [steps[key] for key in majors]
    ordered += [steps[key] for key in minors]
    return ordered


def shorten(steps: Sequence[Step], limit: int) -> list[Step]:
    """The first `limit` steps, in order; never fewer than every blocker step."""
    blockers = sum(1 for step in steps if step.blocker)
    return list(steps[: max(limit, blockers)])


@dataclass(frozen=True)
class Tally:
    """Problems (one per rule per gate) and the findings they cover, for one severity."""

    severity: Severity
    problems: int
    findings: int

    def words(self) -> str:
        """'4 blockers (7 findings)'; '1 major (1 finding)'."""
        return (f"{self.problems} {self.severity.words(self.problems)} "
                + ngettext("({n} finding)", "({n} findings)", self.findings).format(
                    n=self.findings))


def tallies(findings: Iterable[Finding]) -> list[Tally]:
    """Unwaived problems per severity, worst first; severities with none are left out."""
    groups = _problems(findings)
    worst = [(_worst(found), len(found)) for found in groups.values()]
    out = []
    for severity in Severity:
        sizes = [size for of, size in worst if of == severity]
        if sizes:
            out.append(Tally(severity, len(sizes), sum(sizes)))
    return out


def problems_in_words(findings: Iterable[Finding]) -> str:
    """'4 blockers (7 findings), 1 major (1 finding)', or 'none'."""
    return ", ".join(t.words() for t in tallies(findings)) or _("none")


SHOWN = 5
"""How many steps a short list shows (the wizard's closing panel, `validate`'s text
output); blockers beyond it are shown all the same."""


def by_whom(questions: Iterable[Question]) -> list[tuple[str, list[Question]]]:
    """Open questions grouped by whom to ask, people in alphabetical order, each person's
    questions in file order."""
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.ask, []).append(question)
    return sorted(groups.items(), key=lambda item: item[0].casefold())


def question_words(question: Question) -> str:
    """One open question for people: what is asked, then the field it fills as detail:
    'worst-case age of the CRM extract (data_pipeline.sources[0].freshness; data pipeline
    gate; raised on 2026-11-20)'."""
    detail = _("{gate} gate; raised on {day}").format(
        gate=question.gate.title.lower(), day=question.raised_on.isoformat())
    said = question.note or field_words(question.field)
    return f"{said} ({question.field}; {detail})"


def symptoms(steps: Iterable[Step]) -> str:
    """The symptoms a steering committee already hears about (rules marked `symptom`), in
    sentences: 'People override the AI too often: on 48% of cases. ...'; empty when neither
    fires."""
    return " ".join(step.problem + "." for step in steps if _symptom(step.rule))


def headline(result: Result) -> str:
    """'Not ready: blocked at gate 3, Integration' and its siblings."""
    if result.verdict == Verdict.READY:
        return _("Ready for production: all six gates pass")
    if result.verdict == Verdict.CONDITIONAL:
        return _("Conditional: all six gates pass, {problems} to resolve").format(
            problems=problems_in_words(result.findings))
    gate = result.blocked_at
    if gate is None:
        return _("Not ready: unwaived blocker findings")
    return _("Not ready: blocked at gate {order}, {gate}").format(order=gate.order,
                                                                  gate=gate.title)
