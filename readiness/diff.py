"""What changed between two assessments of one initiative: `compare(old, new) -> Diff`.

Level, score and verdict; per-gate status, score and pass; findings new, resolved, now
waived and still open (a finding a waiver now covers is not resolved: it is shown as
waived); waivers added, removed, changed and expired. Findings are matched by rule
and evidence path (`SEQ002` at `integration.status`), not by line: editing one part of
a file moves the lines of everything below it without changing what is wrong. When a
rule reports the same path more than once, occurrences are paired in order.

This module also renders a `Diff` as text, Markdown and JSON (the JSON document is
described by docs/schemas/diff-output.schema.json).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from readiness import __version__
from readiness.engine import Result
from readiness.findings import Finding
from readiness.model import GateId, Waiver


class DifferentInitiatives(ValueError):
    """The two files describe different initiatives; comparing them needs `force`."""


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
    return (
        f"Scored with different questionnaires: {old.pack.ref} before, {new.pack.ref} now; "
        "the scores are not comparable."
    )


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
    """Compare two results; raises DifferentInitiatives unless they share an id or `force`."""
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
    added, resolved, matched = _match(old.findings, new.findings)
    now_waived = [c for c in matched if c.new and c.new.waived and c.old and not c.old.waived]
    still = [c for c in matched if c not in now_waived]
    w_added, w_removed, w_changed = _waivers(old, new)
    expired = tuple(w for w in new.assessment.waivers or [] if w.expires_on < new.today)
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


# --- rendering --------------------------------------------------------------------------


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "no change"


def _finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "gate": finding.gate.value,
        "path": finding.path,
        "line": finding.line,
        "message": finding.message,
        "waived": finding.waived,
    }


def _change_json(change: FindingChange) -> dict[str, Any]:
    data = _finding_json(change.current)
    if change.old and change.new:
        data["old_line"] = change.old.line
        data["old_severity"] = change.old.severity.value
        data["old_waived"] = change.old.waived
    return data


def _waiver_json(waiver: Waiver | None) -> dict[str, Any] | None:
    if waiver is None:
        return None
    return {
        "rule": waiver.rule,
        "reason": waiver.reason,
        "approved_by": str(waiver.approved_by),
        "expires_on": waiver.expires_on.isoformat(),
    }


def _side(result: Result) -> dict[str, Any]:
    return {
        "path": result.path,
        "initiative": result.initiative,
        "assessed_on": result.assessment.initiative.assessed_on.isoformat(),
        "level": result.level,
        "score": result.score,
        "verdict": result.verdict.value,
        "questionnaire": result.pack.ref.as_json(),
    }


def _gate_state(status: str, score: int, passed: bool) -> dict[str, Any]:
    return {"status": status, "score": score, "passed": passed}


def to_json(diff: Diff) -> dict[str, Any]:
    return {
        "tool": {"name": "readiness", "version": __version__},
        "today": diff.new.today.isoformat(),
        "same_initiative": diff.same_initiative,
        "same_questionnaire": diff.same_questionnaire,
        "old": _side(diff.old),
        "new": _side(diff.new),
        "level_delta": diff.level_delta,
        "score_delta": diff.score_delta,
        "gates": [
            {
                "id": gate.id.value,
                "order": gate.id.order,
                "old": _gate_state(gate.old_status, gate.old_score, gate.old_passed),
                "new": _gate_state(gate.new_status, gate.new_score, gate.new_passed),
                "score_delta": gate.new_score - gate.old_score,
                "changed": gate.changed,
            }
            for gate in diff.gates
        ],
        "findings": {
            "new": [_change_json(c) for c in diff.new_findings],
            "resolved": [_change_json(c) for c in diff.resolved],
            "still_open": [_change_json(c) for c in diff.still_open],
            "now_waived": [_change_json(c) for c in diff.now_waived],
        },
        "waivers": {
            "added": [_waiver_json(c.new) for c in diff.waivers_added],
            "removed": [_waiver_json(c.old) for c in diff.waivers_removed],
            "changed": [
                {"rule": c.rule, "old": _waiver_json(c.old), "new": _waiver_json(c.new)}
                for c in diff.waivers_changed
            ],
            "expired": [_waiver_json(w) for w in diff.waivers_expired],
        },
    }


def render_json(diff: Diff) -> str:
    return json.dumps(to_json(diff), indent=2, ensure_ascii=False) + "\n"


def _finding_line(change: FindingChange, escape: Any) -> str:
    finding = change.current
    # The message names the evidence path; the line is where it is in this version.
    where = f"line {finding.line}"
    if change.old and change.new and change.old.line != change.new.line:
        where = f"line {change.old.line} -> {change.new.line}"
    notes = []
    if change.severity_changed and change.old:
        notes.append(f"was {change.old.severity.value}")
    if change.waiver_changed:
        notes.append("now waived" if finding.waived else "no longer waived")
    elif finding.waived:
        notes.append("waived")
    note = f" ({', '.join(notes)})" if notes else ""
    return (
        f"{finding.severity.value} {finding.rule} {finding.name}, {where}: "
        f"{escape(finding.message)}{note}"
    )


def _waiver_line(waiver: Waiver, escape: Any) -> str:
    return (
        f"{waiver.rule} until {waiver.expires_on.isoformat()}, approved by "
        f"{escape(str(waiver.approved_by))}: {escape(waiver.reason)}"
    )


def _sections(diff: Diff, escape: Any) -> list[tuple[str, list[str]]]:
    changed = [gate for gate in diff.gates if gate.changed]
    gate_lines = [
        f"Gate {gate.id.order}, {gate.id.title}: {gate.old_status} -> {gate.new_status}, "
        f"score {gate.old_score} -> {gate.new_score} ({_signed(gate.new_score - gate.old_score)})"
        + (
            f", {'now passes' if gate.new_passed else 'no longer passes'}"
            if gate.old_passed != gate.new_passed
            else ""
        )
        for gate in changed
    ]
    waivers = [f"added: {_waiver_line(c.new, escape)}" for c in diff.waivers_added if c.new]
    waivers += [f"removed: {_waiver_line(c.old, escape)}" for c in diff.waivers_removed if c.old]
    waivers += [
        f"changed: {_waiver_line(c.new, escape)} (was until {c.old.expires_on.isoformat()})"
        for c in diff.waivers_changed
        if c.new and c.old
    ]
    waivers += [f"expired: {_waiver_line(w, escape)}" for w in diff.waivers_expired]
    return [
        ("Gates that changed", gate_lines),
        ("New findings", [_finding_line(c, escape) for c in diff.new_findings]),
        ("Resolved findings", [_finding_line(c, escape) for c in diff.resolved]),
        ("Now waived", [_finding_line(c, escape) for c in diff.now_waived]),
        ("Still open", [_finding_line(c, escape) for c in diff.still_open]),
        ("Waivers", waivers),
    ]


def _summary(diff: Diff) -> str:
    old, new = diff.old, diff.new
    return (
        f"level {old.level} -> {new.level} ({_signed(diff.level_delta)}), "
        f"score {old.score} -> {new.score} ({_signed(diff.score_delta)}), "
        f"verdict {old.verdict.value} -> {new.verdict.value}"
    )


def render_text(diff: Diff) -> str:
    from readiness.reporters.base import one_line, shown_path

    old, new = diff.old, diff.new
    lines = [f"{shown_path(old.path)} -> {one_line(new.path)}"]
    name = one_line(new.assessment.initiative.name)
    if diff.same_initiative:
        lines.append(f"{name} ({new.initiative})")
    else:
        lines.append(f"different initiatives: {old.initiative} -> {new.initiative}")
    lines.append(_summary(diff))
    if diff.questionnaire_note:
        lines.append(diff.questionnaire_note)
    for title, items in _sections(diff, one_line):
        lines.append("")
        lines.append(f"{title} ({len(items)})" if items else f"{title}: none")
        lines.extend(f"  {item}" for item in items)
    return "\n".join(lines) + "\n"


def render_markdown(diff: Diff) -> str:
    from readiness.reporters.templating import md as esc

    old, new = diff.old, diff.new
    lines = [
        f"# What changed: {esc(new.assessment.initiative.name)}",
        "",
        f"From {esc(old.path)} (assessed {old.assessment.initiative.assessed_on}) "
        f"to {esc(new.path)} (assessed {new.assessment.initiative.assessed_on})",
        "",
    ]
    if not diff.same_initiative:
        lines += [f"> Different initiatives: {esc(old.initiative)} and {esc(new.initiative)}.", ""]
    if diff.questionnaire_note:
        lines += [f"> {esc(diff.questionnaire_note)}", ""]
    lines += [
        "| | old | new | change |",
        "|---|---:|---:|---|",
        f"| Level | {old.level} | {new.level} | {_signed(diff.level_delta)} |",
        f"| Score | {old.score} | {new.score} | {_signed(diff.score_delta)} |",
        f"| Verdict | {old.verdict.value} | {new.verdict.value} | "
        f"{'no change' if old.verdict == new.verdict else 'changed'} |",
        "",
        "## Gates",
        "",
        "| # | gate | old | new | score change | pass |",
        "|---:|---|---|---|---|---|",
    ]
    for gate in diff.gates:
        passed = {True: "pass", False: "no"}
        lines.append(
            f"| {gate.id.order} | {gate.id.title} | {gate.old_status}, {gate.old_score} | "
            f"{gate.new_status}, {gate.new_score} | {_signed(gate.new_score - gate.old_score)} | "
            f"{passed[gate.old_passed]} -> {passed[gate.new_passed]} |"
        )
    for title, items in _sections(diff, esc)[1:]:
        lines += ["", f"## {title} ({len(items)})", ""]
        lines += [f"- {item}" for item in items] or ["None."]
    return "\n".join(lines) + "\n"
