"""Output formats of `validate`: an explicit registry keyed by the format the option names,
and the streaming interface every format implements.

A format is a `Writer`: `begin()` once, `file(report)` for each file as soon as it is
checked, `end(tally)` once with the counts of the whole run. A run therefore holds one
file's report at a time, however many files it checks; `render(report) -> str` remains
for callers that have a whole `BatchReport`.
"""

from __future__ import annotations

import io
from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

from readiness.options import Format

if TYPE_CHECKING:
    from readiness.batch import BatchReport, FileReport, Tally

__all__ = ["REPORTERS", "Format", "Writer", "render", "writer"]

REPORTERS: dict[Format, str] = {
    Format.TEXT: "readiness.reporters.text",
    Format.JSON: "readiness.reporters.json",
    Format.JUNIT: "readiness.reporters.junit",
    Format.SARIF: "readiness.reporters.sarif",
    Format.GITHUB: "readiness.reporters.github",
}
"""Format -> module with a `Writer` class and `render(report, **options) -> str`; imported
when used. Every format but `auto` (resolved by `Format.resolve` first) has an entry."""


class Writer:
    """Writes one format to `out`, file by file. Subclasses override what they need."""

    def __init__(self, out: TextIO, **options: Any) -> None:
        self.out = out

    def begin(self) -> None:
        """Whatever comes before the first file."""

    def file(self, report: FileReport) -> None:
        """One file's part, written as soon as the file is checked."""

    def end(self, tally: Tally) -> None:
        """Whatever comes after the last file: summaries, closing brackets."""


def writer(fmt: Format, out: TextIO, **options: Any) -> Writer:
    made: Writer = import_module(REPORTERS[fmt]).Writer(out, **options)
    return made


def write_all(made: Writer, report: BatchReport) -> None:
    made.begin()
    for item in report.files:
        made.file(item)
    made.end(report.tally)


def render_with(cls: type[Writer], report: BatchReport, **options: Any) -> str:
    """A whole report through a writer, as one string."""
    buffer = io.StringIO()
    write_all(cls(buffer, **options), report)
    return buffer.getvalue()


def render(fmt: Format, report: BatchReport, **options: object) -> str:
    rendered: str = import_module(REPORTERS[fmt]).render(report, **options)
    return rendered
