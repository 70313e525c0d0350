"""What changed between two assessments as text, Markdown and JSON (the JSON document
is described by docs/schemas/diff-output.schema.json)."""

from __future__ import annotations

from typing import Any

from readiness import __version__
from readiness.diff import Diff, FindingChange
from readiness.engine import Result
from readiness.findings import Finding
from readiness.model import Waiver
from readiness.reporters.safe_text import one_line, shown_path


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
    from readiness.reporters.json import dumps

    return dumps(to_json(diff)) + "\n"


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
