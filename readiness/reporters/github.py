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
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, TextIO

from readiness.engine import not_shown_words
from readiness.i18n import _
from readiness.reporters import Writer as BaseWriter
from readiness.reporters.safe_text import headline, plain

if TYPE_CHECKING:
    from readiness.batch import FileReport, Tally
    from readiness.findings import Finding

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
        finding.message + "\n" + _("Fix:") + " " + finding.remediation,
    )


def file_annotations(item: FileReport, environ: Mapping[str, str] | None) -> list[Annotation]:
    """One file's annotations, in file order: its errors, then its unwaived findings."""
    path = workspace_path(item.path, environ)
    found = []
    for error in item.errors:
        where = f"{error.path}: " if error.path else ""
        found.append(
            Annotation("error", path, error.line, error.column, "invalid assessment",
                       where + error.message)
        )
    if item.result is not None:
        found.extend(_finding_annotation(path, f) for f in item.result.active)
    return found


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
    if result.findings_not_shown:
        line += "; " + not_shown_words(result.findings_not_shown)
    return line


def _spool() -> IO[str]:
    """Text that waits for the end of the run: in memory up to a megabyte, then on disk."""
    return tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8")


def _copy(spool: IO[str], out: TextIO) -> None:
    spool.seek(0)
    shutil.copyfileobj(spool, out)
    spool.close()


class Writer(BaseWriter):
    """Annotations go first, worst first, and which ones GitHub will show is known only
    once every file is checked; so the first `PER_KIND` annotations of each kind are kept
    and everything else waits in temporary files (`_spool`), written out at the end. What
    is held does not grow with the number of files."""

    def __init__(
        self, out: TextIO, environ: Mapping[str, str] | None = None, **_: Any
    ) -> None:
        super().__init__(out)
        self.environ = environ
        self.shown: dict[str, list[Annotation]] = {kind: [] for kind in _ORDER}
        self.rest: dict[str, IO[str]] = {kind: _spool() for kind in _ORDER}
        self.counts = dict.fromkeys(_ORDER, 0)
        self.lines = _spool()

    def file(self, report: FileReport) -> None:
        for annotation in file_annotations(report, self.environ):
            kind = annotation.kind
            self.counts[kind] += 1
            if len(self.shown[kind]) < PER_KIND:
                self.shown[kind].append(annotation)
            else:
                self.rest[kind].write(_plain(annotation.log_line()) + "\n")
        self.lines.write(_plain(_file_line(report)) + "\n")

    def end(self, tally: Tally) -> None:
        # When anything overflows, one notice slot is kept for the notice that says so,
        # and the last notice shown joins the rest.
        overflow = any(count > PER_KIND for count in self.counts.values())
        moved = self.shown["notice"][PER_KIND - 1:] if overflow else []
        if moved:
            del self.shown["notice"][PER_KIND - 1:]
        more = sum(self.counts.values()) - sum(len(shown) for shown in self.shown.values())
        for kind in _ORDER:
            for annotation in self.shown[kind]:
                self.out.write(annotation.command() + "\n")
        findings = "finding" if more == 1 else "findings"
        if more:
            self.out.write(f"{more} more {findings} beyond GitHub's annotation limits:\n")
        for kind in _ORDER:
            if kind == "notice":
                for annotation in moved:
                    self.out.write(_plain(annotation.log_line()) + "\n")
            _copy(self.rest[kind], self.out)
        _copy(self.lines, self.out)
        total = tally.files
        self.out.write(
            f"{total} file{'s' if total != 1 else ''} checked: {tally.invalid} invalid, "
            f"{tally.below_bar} below the bar\n"
        )
        if more:
            self.out.write(
                command(
                    "notice",
                    f"{more} more {findings} not annotated: GitHub shows {PER_KIND} errors, "
                    f"{PER_KIND} warnings and {PER_KIND} notices per step. See the log and "
                    "the job summary for all of them.",
                    title="readiness: more findings",
                )
                + "\n"
            )


def _cell(text: object) -> str:
    """Text from a file in the job summary, made inert as in every Markdown report: one
    line, no markup, link, image, HTML, mention or control character (the `md` filter)."""
    from readiness.reporters.templating import md

    return md(text)


class SummaryWriter(BaseWriter):
    """The Markdown job summary: one row per file, then each file's unwaived findings.
    Both parts wait in temporary files and reach `out` together at the end, so an
    interrupted run appends nothing."""

    def __init__(self, out: TextIO, limit: int = 20, **_: Any) -> None:
        super().__init__(out)
        self.limit = limit
        self.rows = _spool()
        self.problems = _spool()

    def file(self, report: FileReport) -> None:
        item = report
        result = item.result
        if result is None:
            self.rows.write(
                f"| {_cell(item.path)} | | | invalid ({len(item.errors)} error(s)) "
                "| | | | | | | fails |\n"
            )
        else:
            count = {s: sum(1 for f in result.active if f.severity.value == s)
                     for s in ("blocker", "major", "minor")}
            self.rows.write(
                f"| {_cell(item.path)} | {_cell(result.initiative)} | "
                f"{_cell(str(result.pack.ref))} | {_cell(headline(result))} | "
                f"{result.level}/6 | {result.score} | "
                f"{count['blocker']} | {count['major']} | {count['minor']} | "
                f"{len(result.waived)} | {'meets' if not item.shortfalls else 'below'} |\n"
            )
        problems = [
            f"- line {e.line}: {_cell(f'{e.path}: {e.message}' if e.path else e.message)}"
            for e in item.errors
        ]
        if result is not None:
            problems += [
                f"- line {f.line}: **{f.severity.value}** `{f.rule}` {_cell(f.name)}: "
                f"{_cell(f.message)}"
                for f in result.active
            ]
        if not problems and not item.shortfalls:
            return
        lines = ["", f"### {_cell(item.path)}", ""]
        if item.shortfalls:
            lines += ["Below the bar: " + _cell("; ".join(item.shortfalls)), ""]
        lines += problems[: self.limit]
        if len(problems) > self.limit:
            lines.append(f"- ... and {len(problems) - self.limit} more (see the log)")
        if result is not None and result.findings_not_shown:
            lines.append(f"- {not_shown_words(result.findings_not_shown)}")
        self.problems.write("\n".join(lines) + "\n")

    def end(self, tally: Tally) -> None:
        self.out.write(
            "## Readiness\n\n"
            "| file | initiative | questionnaire | verdict | level | score | blocker | major "
            "| minor | waived | bar |\n"
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|\n"
        )
        _copy(self.rows, self.out)
        _copy(self.problems, self.out)
