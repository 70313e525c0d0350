"""What the wizard shows between questions: a gate's panel, and the closing panel with the
next steps, the open questions grouped by whom to ask, and the questions skipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from readiness import advice
from readiness.engine import Result
from readiness.findings import Finding
from readiness.i18n import _
from readiness.model import GateId
from readiness.packs import Question
from readiness.reporters.safe_text import headline, plain
from readiness.wizard.answers import show
from readiness.wizard.store import get

_SEVERITY_STYLE = {"blocker": "bold red", "major": "yellow", "minor": "cyan"}
_VERDICT_STYLE = {"ready": "bold green", "conditional": "bold yellow", "not_ready": "bold red"}


def _finding_line(finding: Finding) -> Text:
    return Text.assemble(
        (finding.severity.words().upper(), _SEVERITY_STYLE[finding.severity.value]),
        f" {finding.rule} {finding.name}: {plain(finding.message)}",
        (_(" [waived]"), "dim") if finding.waived else "",
    )


def render_gate(result: Result, gate: GateId) -> Panel:
    """One gate: score, status, which criteria raised or lowered it, its findings."""
    scored = next(g for g in result.gates if g.id == gate)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right")
    table.add_column()
    for criterion in scored.criteria:
        sign = Text(f"+{criterion.weight}", "green") if criterion.satisfied else Text(
            f"-{criterion.weight}", "red")
        mark = _("ok ") if criterion.satisfied else _("no ")
        table.add_row(sign, Text(mark + plain(criterion.text)))
    findings = [f for f in result.findings if f.gate == gate]
    parts: list[Any] = [table]
    if findings:
        parts.append(Text(_("Findings:"), "bold"))
        parts.extend(_finding_line(f) for f in findings)
    else:
        parts.append(Text(_("No findings charged to this gate."), "dim"))
    verdict = _("passes") if scored.passed else _("does not pass")
    title = _("Gate {number}: {title} - score {score}/100, {status}, {verdict}").format(
        number=gate.order, title=gate.title, score=scored.score,
        status=_(advice.STATUS_WORDS[scored.status]), verdict=verdict)
    return Panel(Group(*parts), title=Text(title), title_align="left", expand=False)


def open_question_lines(entries: list[Any], words: Callable[[str], str]) -> list[Text]:
    """The open questions grouped by whom to ask, in the order they were raised, each
    named by `words` (the question the wizard asks to fill its field)."""
    groups: dict[str, list[str]] = {}
    for entry in entries:
        who = show(get(entry, ["ask"])) or _("(nobody named)")
        note = get(entry, ["note"])
        groups.setdefault(who, []).append(words(str(get(entry, ["field"])))
                                          + (f" - {note}" if note else ""))
    lines = [Text(_("Open questions ({count}), by whom to ask:").format(count=len(entries)),
                  "bold")]
    for who, fields in groups.items():
        lines.append(Text(f"  {plain(who)}: " + "; ".join(plain(f) for f in fields)))
    return lines


def render_summary(result: Result, skipped: list[Question] | None = None,
                   words: Callable[[str], str] | None = None) -> Panel:
    """The closing panel: level, score, verdict, the problems and next steps, the open
    questions by whom to ask (all from readiness.advice, as every surface shows them;
    each in `words`, the question the wizard asks to fill its field, when given), then
    the questions skipped."""
    lines: list[Any] = [
        Text.assemble((_("Level "), "bold"), f"{result.level}/6", (_("   Score "), "bold"),
                      f"{result.score}/100"),
        Text(headline(result), _VERDICT_STYLE[result.verdict.value]),
    ]
    lines.append(Text(_("Problems: {problems}").format(
        problems=advice.problems_in_words(result.findings))))
    every = advice.next_steps(result)
    steps = advice.shorten(every, advice.SHOWN)
    if steps:
        lines.append(Text(_("Next steps:"), "bold"))
        lines.extend(Text(f"{number}. {plain(step.text)}") for number, step in enumerate(steps, 1))
    if len(every) > len(steps):
        lines.append(Text(_("... and {count} more in the report (readiness report)").format(
            count=len(every) - len(steps)), "dim"))
    if result.questions:
        lines.append(Text(_("Open questions ({count}), by whom to ask:").format(
            count=len(result.questions)), "bold"))
        for who, questions in advice.by_whom(result.questions):
            lines.append(Text(f"  {plain(who)}: " + "; ".join(
                plain(q.note or words(q.field)) if words else plain(advice.question_words(q))
                for q in questions)))
    if skipped:
        lines.append(Text(_("Skipped ({count}), not asked again until you revisit the gate "
                            "with --gate:").format(count=len(skipped)), "bold"))
        lines.extend(Text(f"  {plain(q.prompt)} ({q.id})", "dim") for q in skipped)
    name = plain(result.assessment.initiative.name)
    # A title given as a string is read as rich markup: file content goes in as Text.
    return Panel(Group(*lines), title=Text(_("{name}: readiness").format(name=name)),
                 title_align="left", expand=False)
