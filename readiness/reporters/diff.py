"""What changed between two assessments as text, Markdown and JSON (the JSON document
is described by docs/schemas/diff-output.schema.json). Each list of findings shows at
most `engine.MAX_FINDINGS` and says how many more it holds (`readiness.diff.shown`)."""

from __future__ import annotations

from typing import Any

from readiness import __version__
from readiness.diff import Diff, FindingChange, not_shown_words, shown
from readiness.engine import Result
from readiness.findings import Finding
from readiness.i18n import _
from readiness.model import Waiver
from readiness.reporters.safe_text import one_line, shown_path


def _signed(value: int) -> str:
    return f"{value:+d}" if value else _("no change")


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


def _lists(diff: Diff) -> dict[str, tuple[FindingChange, ...]]:
    """The four lists of findings, by their JSON names, in the order every format shows."""
    return {
        "new": diff.new_findings,
        "resolved": diff.resolved,
        "now_waived": diff.now_waived,
        "still_open": diff.still_open,
    }


def to_json(diff: Diff) -> dict[str, Any]:
    listed = {name: shown(changes) for name, changes in _lists(diff).items()}
    left_out = {name: more for name, (_kept, more) in listed.items()}
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
            name: [_change_json(c) for c in kept] for name, (kept, _more) in listed.items()
        },
        **({"findings_not_shown": left_out} if any(left_out.values()) else {}),
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
    where = _("line {line}").format(line=finding.line)
    if change.old and change.new and change.old.line != change.new.line:
        where = _("line {old} -> {new}").format(old=change.old.line, new=change.new.line)
    notes = []
    if change.severity_changed and change.old:
        notes.append(_("was {severity}").format(severity=change.old.severity.value))
    if change.waiver_changed:
        notes.append(_("now waived") if finding.waived else _("no longer waived"))
    elif finding.waived:
        notes.append(_("waived"))
    note = f" ({', '.join(notes)})" if notes else ""
    return _("{severity} {rule} {name}, {where}: {message}{note}").format(
        severity=finding.severity.value, rule=finding.rule, name=finding.name, where=where,
        message=escape(finding.message), note=note)


def _waiver_line(waiver: Waiver, escape: Any) -> str:
    return _("{rule} until {expires}, approved by {who}: {reason}").format(
        rule=waiver.rule, expires=waiver.expires_on.isoformat(),
        who=escape(str(waiver.approved_by)), reason=escape(waiver.reason))


Section = tuple[str, int, list[str], str]
"""A section of the text and Markdown outputs: its title, how many things it counts, its
lines, and what it says of the lines it leaves out ("" when none)."""


def _findings(title: str, changes: tuple[FindingChange, ...], escape: Any) -> Section:
    """A list of findings: at most `MAX_FINDINGS` lines, then how many more it holds."""
    listed, more = shown(changes)
    lines = [_finding_line(c, escape) for c in listed]
    return title, len(changes), lines, not_shown_words(more)


def _sections(diff: Diff, escape: Any) -> list[Section]:
    changed = [gate for gate in diff.gates if gate.changed]
    gate_lines = [
        _("Gate {number}, {title}: {old_status} -> {new_status}, score {old_score} -> "
          "{new_score} ({change})").format(
            number=gate.id.order, title=gate.id.title, old_status=gate.old_status,
            new_status=gate.new_status, old_score=gate.old_score, new_score=gate.new_score,
            change=_signed(gate.new_score - gate.old_score))
        + (
            ", " + (_("now passes") if gate.new_passed else _("no longer passes"))
            if gate.old_passed != gate.new_passed
            else ""
        )
        for gate in changed
    ]
    waivers = [_("added: {waiver}").format(waiver=_waiver_line(c.new, escape))
               for c in diff.waivers_added if c.new]
    waivers += [_("removed: {waiver}").format(waiver=_waiver_line(c.old, escape))
                for c in diff.waivers_removed if c.old]
    waivers += [
        _("changed: {waiver} (was until {expires})").format(
            waiver=_waiver_line(c.new, escape), expires=c.old.expires_on.isoformat())
        for c in diff.waivers_changed
        if c.new and c.old
    ]
    waivers += [_("expired: {waiver}").format(waiver=_waiver_line(w, escape))
                for w in diff.waivers_expired]
    titles = {
        "new": _("New findings"),
        "resolved": _("Resolved findings"),
        "now_waived": _("Now waived"),
        "still_open": _("Still open"),
    }
    return [
        (_("Gates that changed"), len(gate_lines), gate_lines, ""),
        *(_findings(titles[name], changes, escape) for name, changes in _lists(diff).items()),
        (_("Waivers"), len(waivers), waivers, ""),
    ]


def _summary(diff: Diff) -> str:
    old, new = diff.old, diff.new
    return _("level {old_level} -> {new_level} ({level_change}), score {old_score} -> "
             "{new_score} ({score_change}), verdict {old_verdict} -> {new_verdict}").format(
        old_level=old.level, new_level=new.level, level_change=_signed(diff.level_delta),
        old_score=old.score, new_score=new.score, score_change=_signed(diff.score_delta),
        old_verdict=old.verdict.value, new_verdict=new.verdict.value)


def render_text(diff: Diff) -> str:
    old, new = diff.old, diff.new
    lines = [f"{shown_path(old.path)} -> {one_line(new.path)}"]
    name = one_line(new.assessment.initiative.name)
    if diff.same_initiative:
        lines.append(f"{name} ({new.initiative})")
    else:
        lines.append(_("different initiatives: {old} -> {new}").format(
            old=old.initiative, new=new.initiative))
    lines.append(_summary(diff))
    if diff.questionnaire_note:
        lines.append(diff.questionnaire_note)
    for title, count, items, more in _sections(diff, one_line):
        lines.append("")
        lines.append(f"{title} ({count})" if items
                     else _("{title}: none").format(title=title))
        lines.extend(f"  {item}" for item in items + ([more] if more else []))
    return "\n".join(lines) + "\n"


def render_markdown(diff: Diff) -> str:
    from readiness.reporters.templating import md as esc

    old, new = diff.old, diff.new
    lines = [
        _("# What changed: {name}").format(name=esc(new.assessment.initiative.name)),
        "",
        _("From {old} (assessed {old_on}) to {new} (assessed {new_on})").format(
            old=esc(old.path), old_on=old.assessment.initiative.assessed_on,
            new=esc(new.path), new_on=new.assessment.initiative.assessed_on),
        "",
    ]
    if not diff.same_initiative:
        lines += [_("> Different initiatives: {old} and {new}.").format(
            old=esc(old.initiative), new=esc(new.initiative)), ""]
    if diff.questionnaire_note:
        lines += [f"> {esc(diff.questionnaire_note)}", ""]
    lines += [
        _("| | old | new | change |"),
        "|---|---:|---:|---|",
        _("| Level | {old} | {new} | {change} |").format(
            old=old.level, new=new.level, change=_signed(diff.level_delta)),
        _("| Score | {old} | {new} | {change} |").format(
            old=old.score, new=new.score, change=_signed(diff.score_delta)),
        _("| Verdict | {old} | {new} | {change} |").format(
            old=old.verdict.value, new=new.verdict.value,
            change=_("no change") if old.verdict == new.verdict else _("changed")),
        "",
        _("## Gates"),
        "",
        _("| # | gate | old | new | score change | pass |"),
        "|---:|---|---|---|---|---|",
    ]
    for gate in diff.gates:
        passed = {True: _("pass"), False: _("no")}
        lines.append(
            f"| {gate.id.order} | {gate.id.title} | {gate.old_status}, {gate.old_score} | "
            f"{gate.new_status}, {gate.new_score} | "
            f"{_signed(gate.new_score - gate.old_score)} | "
            f"{passed[gate.old_passed]} -> {passed[gate.new_passed]} |"
        )
    for title, count, items, more in _sections(diff, esc)[1:]:
        lines += ["", f"## {title} ({count})", ""]
        lines += [f"- {item}" for item in items] or [_("None.")]
        lines += ["", f"{more}."] if more else []
    return "\n".join(lines) + "\n"
