"""`--format text`: a line per finding as `file:line:col: SEVERITY RULE name: message`,
then each file's gate table and verdict, for a person at a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from readiness.batch import BatchReport, FileReport
from readiness.reporters.base import headline, plain

_SEVERITY_STYLE = {"blocker": "bold red", "major": "yellow", "minor": "cyan"}
_VERDICT_STYLE = {"ready": "bold green", "conditional": "bold yellow", "not_ready": "bold red"}


def _lines(report: FileReport) -> list[Text]:
    path = plain(report.path)
    lines = []
    for error in report.errors:
        where = f"{path}:{error.line}:{error.column}: "
        what = f"{plain(error.path)}: " if error.path else ""
        lines.append(Text.assemble(where, ("ERROR", "bold red"), f" {what}{plain(error.message)}"))
    if report.result is None:
        return lines
    for finding in report.result.findings:
        where = f"{path}:{finding.line}:{finding.column}: "
        severity = finding.severity.value.upper()
        label = f"{finding.rule} {finding.name}: {plain(finding.message)}"
        if finding.waiver:
            note = f" [waived until {finding.waiver.expires_on}: {plain(finding.waiver.reason)}]"
            lines.append(Text.assemble(where, ("waived " + severity, "dim"), " ", label, note))
        else:
            style = _SEVERITY_STYLE[finding.severity.value]
            lines.append(Text.assemble(where, (severity, style), " ", label))
    return lines


def _table(report: FileReport) -> Table:
    result = report.result
    assert result is not None
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Gate")
    table.add_column("Status")
    table.add_column("Score", justify="right")
    table.add_column("Pass")
    for gate in result.gates:
        blockers = sum(1 for f in result.active if f.gate == gate.id and f.severity == "blocker")
        mark = Text("pass", "green") if gate.passed else Text("no", "red")
        if blockers:
            mark.append(f" ({blockers} blocker{'s' if blockers > 1 else ''})")
        table.add_row(str(gate.order), gate.title, gate.status.value, str(gate.score), mark)
    return table


def render(report: BatchReport, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
    )
    for item in report.files:
        for line in _lines(item):
            console.print(line, soft_wrap=True)
        result = item.result
        if result is None:
            console.print(Text(f"{plain(item.path)}: invalid, not scored", "red"))
            console.print()
            continue
        console.print()
        name = plain(result.assessment.initiative.name)
        console.print(
            Text.assemble((plain(item.path), "bold"), f": {name} ({result.initiative})"),
            soft_wrap=True,
        )
        console.print(_table(item))
        verdict = Text.assemble(
            ("Verdict: ", "bold"),
            (headline(result), _VERDICT_STYLE[result.verdict.value]),
            f"  level {result.level}/6, score {result.score}/100",
        )
        console.print(verdict)
        if item.shortfalls:
            console.print(Text("Below the bar: " + "; ".join(item.shortfalls), "red"))
        console.print()
    total = len(report.files)
    console.print(
        Text(
            f"{total} file{'s' if total != 1 else ''} checked: {report.invalid} invalid, "
            f"{report.below_bar} below the bar",
            "bold",
        )
    )
    return buffer.getvalue()
