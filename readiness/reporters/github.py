"""`--format github`: workflow commands that GitHub Actions turns into annotations, and the
Markdown job summary appended to `$GITHUB_STEP_SUMMARY`.

Escaping follows actions/toolkit (`packages/core/src/command.ts`): the message escapes
`%`, CR and LF; properties (file, title) also escape `:` and `,`. GitHub shows at most
10 error, 10 warning and 10 notice annotations per step (and 50 per job), so the worst
findings are annotated first, the rest are printed as plain log lines, and one final
notice says how many were not annotated.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from readiness.batch import BatchReport, FileReport
from readiness.findings import Finding
from readiness.reporters.base import headline, plain

PER_KIND = 10
"""Annotations of each kind (error, warning, notice) GitHub shows per step."""

KIND = {"blocker": "error", "major": "warning", "minor": "notice"}
_ORDER = {"error": 0, "warning": 1, "notice": 2}


def escape_data(text: str) -> str:
    """GitHub's escaping of a command's message (actions/toolkit), after showing control
    characters from the file as escapes: the Actions log renders ANSI sequences."""
    return plain(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    """One workflow command line, `::error file=a.yaml,line=3,col=5,title=...::message`."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None and value != ""
    )
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def workspace_path(path: str, environ: Mapping[str, str] | None = None) -> str:
    """The path as GitHub and SARIF consumers want it: relative to the checkout root
    (`$GITHUB_WORKSPACE`, else the working directory), with forward slashes. A file
    outside that root keeps its absolute path."""
    environ = os.environ if environ is None else environ
    root = Path(environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    given = Path(path)
    absolute = given if given.is_absolute() else Path(os.getcwd()) / given
    try:
        relative = absolute.resolve().relative_to(root)
    except (ValueError, OSError):
        return absolute.as_posix()
    return PurePosixPath(*relative.parts).as_posix()


@dataclass(frozen=True)
class Annotation:
    kind: str  # error | warning | notice
    file: str
    line: int
    column: int
    title: str
    message: str

    def command(self) -> str:
        return command(
            self.kind, self.message, file=self.file, line=self.line, col=self.column,
            title=self.title,
        )

    def log_line(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.kind}: {self.title}: {self.message}"


def _finding_annotation(path: str, finding: Finding) -> Annotation:
    return Annotation(
        KIND[finding.severity.value], path, finding.line, finding.column,
        f"{finding.rule} {finding.name} ({finding.severity.value})",
        f"{finding.message}\nFix: {finding.remediation}",
    )


def collect(report: BatchReport, environ: Mapping[str, str] | None = None) -> list[Annotation]:
    """Every annotation the report calls for, worst first (schema errors, blockers, ...)."""
    found: list[Annotation] = []
    for item in report.files:
        path = workspace_path(item.path, environ)
        for error in item.errors:
            where = f"{error.path}: " if error.path else ""
            found.append(
                Annotation("error", path, error.line, error.column, "invalid assessment",
                           where + error.message)
            )
        if item.result is not None:
            found.extend(_finding_annotation(path, f) for f in item.result.active)
    return sorted(found, key=lambda a: _ORDER[a.kind])  # stable: file order within a kind


def within_limits(found: Iterable[Annotation]) -> tuple[list[Annotation], list[Annotation]]:
    """Split into the annotations GitHub will show and the rest. When anything is left
    over, one notice slot is kept for the summary notice."""
    found = list(found)
    counts = {kind: sum(1 for a in found if a.kind == kind) for kind in _ORDER}
    overflow = counts["error"] > PER_KIND or counts["warning"] > PER_KIND
    overflow = overflow or counts["notice"] > PER_KIND
    caps = dict.fromkeys(_ORDER, PER_KIND)
    if overflow:
        caps["notice"] = PER_KIND - 1
    shown: list[Annotation] = []
    rest: list[Annotation] = []
    used = dict.fromkeys(_ORDER, 0)
    for item in found:
        if used[item.kind] < caps[item.kind]:
            used[item.kind] += 1
            shown.append(item)
        else:
            rest.append(item)
    return shown, rest


def _plain(text: str) -> str:
    """A log line that file content cannot turn into a workflow command: one line, and no
    `::` left for the runner to parse."""
    return escape_data(text).replace("::", ": :")


def _file_line(item: FileReport) -> str:
    if item.result is None:
        return f"{item.path}: invalid, not scored ({len(item.errors)} error(s))"
    result = item.result
    line = f"{item.path}: {headline(result)} (level {result.level}/6, score {result.score}/100)"
    if item.shortfalls:
        line += "; below the bar: " + "; ".join(item.shortfalls)
    return line


def render(report: BatchReport, environ: Mapping[str, str] | None = None) -> str:
    shown, rest = within_limits(collect(report, environ))
    lines = [a.command() for a in shown]
    if rest:
        lines.append(f"{len(rest)} more finding(s) beyond GitHub's annotation limits:")
        lines.extend(_plain(a.log_line()) for a in rest)
    lines.extend(_plain(_file_line(item)) for item in report.files)
    total = len(report.files)
    lines.append(
        f"{total} file{'s' if total != 1 else ''} checked: {report.invalid} invalid, "
        f"{report.below_bar} below the bar"
    )
    if rest:
        lines.append(
            command(
                "notice",
                f"{len(rest)} more finding(s) not annotated: GitHub shows {PER_KIND} errors, "
                f"{PER_KIND} warnings and {PER_KIND} notices per step. See the log and the "
                "job summary for all of them.",
                title="readiness: more findings",
            )
        )
    return "\n".join(lines) + "\n"


def _cell(text: object) -> str:
    """Markdown table cell: pipes escaped, one line, no raw HTML from file content."""
    return (
        str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
        .replace("\r", " ").replace("\n", " ")
    )


def summary(report: BatchReport, limit: int = 20) -> str:
    """The Markdown job summary: one row per file, then each file's unwaived findings."""
    lines = [
        "## Readiness",
        "",
        "| file | initiative | verdict | level | score | blocker | major | minor | waived | bar |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for item in report.files:
        result = item.result
        if result is None:
            lines.append(
                f"| {_cell(item.path)} | | invalid ({len(item.errors)} error(s)) "
                "| | | | | | | fails |"
            )
            continue
        count = {s: sum(1 for f in result.active if f.severity.value == s)
                 for s in ("blocker", "major", "minor")}
        lines.append(
            f"| {_cell(item.path)} | {_cell(result.initiative)} | "
            f"{_cell(headline(result))} | {result.level}/6 | {result.score} | "
            f"{count['blocker']} | {count['major']} | {count['minor']} | "
            f"{len(result.waived)} | {'meets' if not item.shortfalls else 'below'} |"
        )
    for item in report.files:
        problems = [
            f"- line {e.line}: {_cell((e.path + ': ') if e.path else '')}{_cell(e.message)}"
            for e in item.errors
        ]
        if item.result is not None:
            problems += [
                f"- line {f.line}: **{f.severity.value}** `{f.rule}` {_cell(f.name)}: "
                f"{_cell(f.message)}"
                for f in item.result.active
            ]
        if not problems and not item.shortfalls:
            continue
        lines += ["", f"### {_cell(item.path)}", ""]
        if item.shortfalls:
            lines += ["Below the bar: " + _cell("; ".join(item.shortfalls)), ""]
        lines += problems[:limit]
        if len(problems) > limit:
            lines.append(f"- ... and {len(problems) - limit} more (see the log)")
    return "\n".join(lines) + "\n"
