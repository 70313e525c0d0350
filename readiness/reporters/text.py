"""`--format text`: a line per finding as `file:line:col: SEVERITY RULE name: message`,
then each file's gate table and verdict, for a person at a terminal.

The table is laid out here with plain string formatting (fixed columns, the box
characters rich uses) rather than a rich `Table`: rich measures and wraps every cell,
which cost more per file than loading, validating and scoring it. ANSI colours are
written directly, and only when colour is on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from readiness.advice import (
    SHOWN,
    STATUS_WORDS,
    blocker_problems,
    by_whom,
    next_steps,
    problems_in_words,
    question_words,
    shorten,
)
from readiness.engine import not_shown_words
from readiness.i18n import N_, _, ngettext
from readiness.reporters import Writer as BaseWriter
from readiness.reporters.safe_text import headline, one_line, shown_path
from readiness.words import checked

if TYPE_CHECKING:
    from readiness.batch import FileReport, Render, Tally
    from readiness.engine import Result

_RESET = "\x1b[0m"
_SGR = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
    "bold red": "1;31",
    "bold green": "1;32",
    "bold yellow": "1;33",
}
_SEVERITY_STYLE = {"blocker": "bold red", "major": "yellow", "minor": "cyan"}
_VERDICT_STYLE = {"ready": "bold green", "conditional": "bold yellow", "not_ready": "bold red"}
_HEADERS = ("#", N_("Gate"), N_("Status"), N_("Score"), N_("Pass"))
_RIGHT = (True, False, False, True, False)


class Writer(BaseWriter):
    """Each file's finding lines, gate table and verdict as soon as it is checked; the
    count of files at the end. Lines are never wrapped: the table is narrower than any
    terminal."""

    def __init__(self, out: TextIO, color: bool = False, **_: Any) -> None:
        super().__init__(out)
        self.render = FileText(color)

    def renderer(self) -> FileText:
        return self.render

    def end(self, tally: Tally) -> None:
        self.out.write(self.render.style(checked(tally.files, tally.invalid, tally.below_bar),
                                         "bold") + "\n")


@dataclass(frozen=True)
class FileText:
    """One file's part of the text output: its finding lines, gate table, verdict and
    advice. Text from the file goes through `one_line`."""

    color: bool = False

    def style(self, text: str, style: str) -> str:
        if not self.color or not text:
            return text
        return f"\x1b[{_SGR[style]}m{text}{_RESET}"

    def __call__(self, report: FileReport) -> str:
        lines = self.finding_lines(report)
        result = report.result
        if result is None:
            lines.append(self.style(_("{path}: invalid, not scored").format(
                path=shown_path(report.path)), "red"))
            lines.append("")
        else:
            lines.append("")
            name = one_line(result.assessment.initiative.name)
            shown = self.style(shown_path(report.path), "bold")
            lines.append(f"{shown}: {name} ({result.initiative})")
            lines += self.table(report)
            lines.append(
                self.style(_("Verdict: "), "bold")
                + self.style(headline(result), _VERDICT_STYLE[result.verdict.value])
                + _("  level {level}/6, score {score}/100").format(level=result.level,
                                                                   score=result.score)
            )
            lines.append(_("Questionnaire: {pack}").format(pack=result.pack.ref))
            if report.shortfalls:
                lines.append(self.style(_("Below the bar: ") + "; ".join(report.shortfalls),
                                        "red"))
            lines += self.advice(result)
            lines.append("")
        # As a terminal would show them: tabs from file content expanded, line by line.
        return "\n".join(line.expandtabs(8) for line in lines) + "\n"

    def finding_lines(self, report: FileReport) -> list[str]:
        path = shown_path(report.path)
        lines = []
        error_word = self.style(_("ERROR"), "bold red")
        for error in report.errors:
            what = f"{one_line(error.path)}: " if error.path else ""
            lines.append(f"{path}:{error.line}:{error.column}: {error_word}"
                         f" {what}{one_line(error.message)}")
        if report.result is None:
            return lines
        for finding in report.result.findings:
            where = f"{path}:{finding.line}:{finding.column}: "
            severity = finding.severity.words().upper()
            label = f"{finding.rule} {finding.name}: {one_line(finding.message)}"
            if finding.waiver:
                note = _(" [waived until {day}: {reason}]").format(
                    day=finding.waiver.expires_on, reason=one_line(finding.waiver.reason))
                waived = self.style(_("waived ") + severity, "dim")
                lines.append(f"{where}{waived} {label}{note}")
            else:
                style = _SEVERITY_STYLE[finding.severity.value]
                lines.append(f"{where}{self.style(severity, style)} {label}")
        if report.result.findings_not_shown:
            lines.append(f"{path}: {not_shown_words(report.result.findings_not_shown)}")
        return lines

    def advice(self, result: Result) -> list[str]:
        """Problems counted once per rule and gate, the next steps (a short list), and
        the open questions by whom to ask."""
        lines = [self.style(_("Problems: "), "bold") + problems_in_words(result.findings)]
        steps = next_steps(result)
        shown = shorten(steps, SHOWN)
        if shown:
            lines.append(self.style(_("Next steps:"), "bold"))
            lines += [f"  {number}. {one_line(step.text)}" for number, step in enumerate(shown, 1)]
            if len(steps) > len(shown):
                lines.append(_("  ... and {n} more in the report (readiness report)").format(
                    n=len(steps) - len(shown)))
        groups = by_whom(result.questions)
        if groups:
            lines.append(self.style(_("Open questions, by whom to ask:"), "bold"))
            for person, questions in groups:
                lines.append("  " + _("{person}:").format(person=one_line(person)))
                lines += [f"    - {one_line(question_words(q))}" for q in questions]
        return lines

    def table(self, report: FileReport) -> list[str]:
        """The gate table: a bold header, a heavy rule, a row per gate; columns as wide
        as their widest cell, separated by ` │ `."""
        result = report.result
        assert result is not None
        headers = [_(h) for h in _HEADERS]
        rows: list[list[str]] = []
        marks: list[tuple[str, str, str]] = []  # the Pass cell: word, its colour, the rest
        for gate in result.gates:
            blockers = blocker_problems(result.findings, gate.id)
            word, colour = (_("pass"), "green") if gate.passed else (_("no"), "red")
            rest = f" ({blockers} {ngettext('blocker', 'blockers', blockers)})" if blockers else ""
            marks.append((word, colour, rest))
            rows.append([str(gate.order), gate.title, _(STATUS_WORDS[gate.status]),
                         str(gate.score), word + rest])
        widths = [max(map(len, column)) for column in zip(headers, *rows, strict=True)]
        last = len(widths) - 1

        def pad(text: str, column: int) -> str:
            return text.rjust(widths[column]) if _RIGHT[column] else text.ljust(widths[column])

        header = " ┃ ".join(self.style(pad(h, i), "bold") for i, h in enumerate(headers))
        rule = "╇".join("━" * (w + (1 if i in (0, last) else 2)) for i, w in enumerate(widths))
        lines = [header, rule]
        for cells, (word, colour, rest) in zip(rows, marks, strict=True):
            padded = [pad(cell, i) for i, cell in enumerate(cells[:last])]
            mark = self.style(word, colour) + rest + " " * (widths[last] - len(cells[last]))
            lines.append(" │ ".join([*padded, mark]))
        return lines


class ErrorsOnly(BaseWriter):
    """`--quiet`: only the errors of invalid files, in the `file:line:col:` form editors
    read (on stderr)."""

    def renderer(self) -> Render:
        return error_text

    def write(self, text: str) -> None:
        if text:
            self.out.write(text)
            self.out.flush()


def error_text(report: FileReport) -> str:
    """The lines `ErrorsOnly` writes for a file: none for a valid one."""
    from readiness.reporters.safe_text import error_lines

    return "".join(line + "\n" for line in error_lines(report.path, report.errors))
