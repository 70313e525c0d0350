"""What changed between two assessments of one initiative: `compare(old, new) -> Diff`.

Level, score and verdict; per-gate status, score and pass; findings new, resolved, now
waived and still open (a finding a waiver now covers is not resolved: it is shown as
waived); waivers added, removed, changed and expired. Findings are matched by rule
and evidence path (`SEQ002` at `integration.status`), not by line: editing one part of
a file moves the lines of everything below it without changing what is wrong. When a
rule reports the same path more than once, occurrences are paired in order.

The comparison reads every finding of both files, waived ones included, not only the
findings a file reports (at most `engine.MAX_FINDINGS`): both results must keep them
(`keep_all` of `engine.assess` and `batch.check_file`). Only the displays are capped:
each list of findings shows at most `MAX_FINDINGS` (`shown`) and says how many more
there are (`not_shown_words`).

`reporters.diff` renders a `Diff` as text, Markdown and JSON.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from readiness.engine import MAX_FINDINGS, Result, most_severe
from readiness.findings import Finding
from readiness.i18n import _, ngettext
from readiness.model import GateId, Waiver


class DifferentInitiatives(ValueError):
    """The two files describe different initiatives; comparing them needs `force`."""


class IncompleteFindings(ValueError):
    """A result holds only the findings its file reports, and more were found: comparing
    part of the list would call the rest resolved or new."""


@dataclass(frozen=True)
class GateDelta:
    id: GateId
    old_status: str
    new_status: str
    old_score: int
    new_score: int
    old_passed: bool
    new_passed: bool

    @property
    def changed(self) -> bool:
        return (self.old_status, self.old_score, self.old_passed) != (
            self.new_status,
            self.new_score,
            self.new_passed,
        )


@dataclass(frozen=True)
class FindingChange:
    """A finding on one side or both: `old` is None when new, `new` is None when resolved."""

    old: Finding | None
    new: Finding | None

    @property
    def current(self) -> Finding:
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def severity_changed(self) -> bool:
        return bool(self.old and self.new and self.old.severity != self.new.severity)

    @property
    def waiver_changed(self) -> bool:
        return bool(self.old and self.new and self.old.waived != self.new.waived)


@dataclass(frozen=True)
class WaiverChange:
    rule: str
    old: Waiver | None
    new: Waiver | None


@dataclass(frozen=True)
class Diff:
    old: Result
    new: Result
    gates: tuple[GateDelta, ...]
    new_findings: tuple[FindingChange, ...]
    resolved: tuple[FindingChange, ...]
    still_open: tuple[FindingChange, ...]
    now_waived: tuple[FindingChange, ...]  # unwaived before, waived now: not resolved
    waivers_added: tuple[WaiverChange, ...]
    waivers_removed: tuple[WaiverChange, ...]
    waivers_changed: tuple[WaiverChange, ...]
    waivers_expired: tuple[Waiver, ...]  # in the new file, past their expiry date

    @property
    def level_delta(self) -> int:
        return self.new.level - self.old.level

    @property
    def score_delta(self) -> int:
        return self.new.score - self.old.score

    @property
    def same_initiative(self) -> bool:
        return self.old.initiative == self.new.initiative

    @property
    def same_questionnaire(self) -> bool:
        return self.old.pack.ref == self.new.pack.ref

    @property
    def questionnaire_note(self) -> str:
        return questionnaire_note(self.old, self.new)


def questionnaire_note(old: Result, new: Result) -> str:
    """Why two scores cannot be compared, when the two results were scored with different
    packs or pack versions; empty when they were scored with the same."""
    if old.pack.ref == new.pack.ref:
        return ""
    return _("Scored with different questionnaires: {old} before, {new} now; the scores "
             "are not comparable.").format(old=old.pack.ref, new=new.pack.ref)


def every_finding(result: Result) -> list[Finding]:
    """Every finding of a result, waived ones included, in file order. Raises
    IncompleteFindings when the result was assessed without `keep_all` and its file has
    more findings than it reports."""
    if result.all_findings is not None:
        return result.all_findings
    if result.findings_not_shown:
        raise IncompleteFindings(
            f"{result.path}: {result.findings_not_shown} findings were not kept; assess "
            "it with keep_all=True to compare it"
        )
    return result.findings


def shown(changes: tuple[FindingChange, ...]) -> tuple[tuple[FindingChange, ...], int]:
    """What a display lists of `changes`, in their order: at most `MAX_FINDINGS`, chosen
    as a file's reported findings are (`engine.most_severe`: unwaived first, every
    problem before a second instance of one, then the most severe); and how many it
    leaves out."""
    if len(changes) <= MAX_FINDINGS:
        return changes, 0
    kept = {id(finding) for finding in most_severe([c.current for c in changes])}
    listed = tuple(change for change in changes if id(change.current) in kept)
    return listed, len(changes) - len(listed)


def not_shown_words(count: int) -> str:
    """What a display of a comparison says of the findings a list leaves out; empty when
    it leaves out none."""
    if not count:
        return ""
    return ngettext(
        "{count} more finding not shown: a list shows at most {limit}, the most severe "
        "first",
        "{count} more findings not shown: a list shows at most {limit}, the most severe "
        "first",
        count,
    ).format(count=count, limit=MAX_FINDINGS)


def _match(old: list[Finding], new: list[Finding]) -> tuple[list[FindingChange], ...]:
    before: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in old:
        before[(finding.rule, finding.path)].append(finding)
    added, still = [], []
    for finding in new:
        waiting = before.get((finding.rule, finding.path))
        if waiting:
            still.append(FindingChange(waiting.pop(0), finding))
        else:
            added.append(FindingChange(None, finding))
    resolved = [FindingChange(f, None) for group in before.values() for f in group]
    resolved.sort(key=lambda change: (change.current.line, change.current.rule))
    return added, resolved, still


def _waivers(old: Result, new: Result) -> tuple[list[WaiverChange], ...]:
    # A waiver is identified by the rule it waives (the engine applies the first one).
    before = {w.rule: w for w in reversed(old.assessment.waivers or [])}
    after = {w.rule: w for w in reversed(new.assessment.waivers or [])}
    added = [WaiverChange(rule, None, w) for rule, w in after.items() if rule not in before]
    removed = [WaiverChange(rule, w, None) for rule, w in before.items() if rule not in after]
    changed = [
        WaiverChange(rule, before[rule], w)
        for rule, w in after.items()
        if rule in before and before[rule] != w
    ]
    for group in (added, removed, changed):
        group.sort(key=lambda change: change.rule)
    return added, removed, changed


def compare(old: Result, new: Result, force: bool = False) -> Diff:
    """Compare every finding of two results (`every_finding`); raises DifferentInitiatives
    unless they share an id or `force`."""
    if not force and old.initiative != new.initiative:
        raise DifferentInitiatives(
            f"{old.path} assesses '{old.initiative}' but {new.path} assesses "
            f"'{new.initiative}'; give --force to compare different initiatives"
        )
    gates = tuple(
        GateDelta(
            a.id, a.status.value, b.status.value, a.score, b.score, a.passed, b.passed
        )
        for a, b in zip(old.gates, new.gates, strict=True)
    )
    added, resolved, matched = _match(every_finding(old), every_finding(new))
    now_waived = [c for c in matched if c.new and c.new.waived and c.old and not c.old.waived]
    still = [c for c in matched if c not in now_waived]
    w_added, w_removed, w_changed = _waivers(old, new)
    expired = tuple(w for w in new.assessment.waivers or [] if not w.holds_on(new.today))
    return Diff(
        old=old,
        new=new,
        gates=gates,
        new_findings=tuple(added),
        resolved=tuple(resolved),
        still_open=tuple(still),
        now_waived=tuple(now_waived),
        waivers_added=tuple(w_added),
        waivers_removed=tuple(w_removed),
        waivers_changed=tuple(w_changed),
        waivers_expired=expired,
    )
