"""Every command's output formats, in registries of one shape, and the streaming
interface of `validate`'s formats.

Each command that writes an output has a registry here: a dict keyed by the enum its
`--format` option offers (`readiness.choices`), whose values name the renderer as
`"module:attribute"`, imported only when used (`resolve`). Every member of every
enum has an entry (`FORMATS` lists the registries; a test holds them exhaustive). The
renderers of one registry share a signature, given with each registry.

A `validate` format is a `Writer`: `begin()` once, `file(report)` for each file as soon
as it is checked, `end(tally)` once with the counts of the whole run. A run therefore
holds one file's report at a time, however many files it checks. A format whose part of
a file does not depend on the files before it also gives a `renderer()`: a run checked
in worker processes renders each file there and hands the writer only the text
(`write`), so that the command's own process does little more than write.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

from readiness.choices import (
    DiffFormat,
    Format,
    HistoryFormat,
    PortfolioFormat,
    QuestionsFormat,
    ReportFormat,
    RulesFormat,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from enum import StrEnum

    from readiness.batch import FileReport, Render, Tally

__all__ = [
    "DIFF", "FORMATS", "HISTORY", "PORTFOLIO", "QUESTIONS", "REPORT", "REPORTERS", "RULES",
    "Format", "Writer", "resolve", "writer",
]

REPORTERS: dict[Format, str] = {
    Format.TEXT: "readiness.reporters.text:Writer",
    Format.JSON: "readiness.reporters.json:Writer",
    Format.JUNIT: "readiness.reporters.junit:Writer",
    Format.SARIF: "readiness.reporters.sarif:Writer",
    Format.GITHUB: "readiness.reporters.github:Writer",
}
"""`validate`: a `Writer` class, `Writer(out, **options)`. Every format but `auto`
(resolved by `Format.resolve` first) has an entry."""

REPORT: dict[ReportFormat, str] = {
    ReportFormat.HTML: "readiness.reporters.html:render",
    ReportFormat.MD: "readiness.reporters.markdown:render",
}
"""`report`: `render(report: report_view.Report, template_dir) -> str`."""

PORTFOLIO: dict[PortfolioFormat, str] = {
    PortfolioFormat.HTML: "readiness.reporters.portfolio:html_chunks",
    PortfolioFormat.MD: "readiness.reporters.portfolio:markdown_chunks",
    PortfolioFormat.JSON: "readiness.reporters.portfolio:json_chunks",
}
"""`portfolio`: `chunks(portfolio, template_dir=None) -> Iterator[str]`, written out
piece by piece."""

DIFF: dict[DiffFormat, str] = {
    DiffFormat.TEXT: "readiness.reporters.diff:render_text",
    DiffFormat.MD: "readiness.reporters.diff:render_markdown",
    DiffFormat.JSON: "readiness.reporters.diff:render_json",
}
"""`diff`: `render(diff) -> str`."""

HISTORY: dict[HistoryFormat, str] = {
    HistoryFormat.TEXT: "readiness.reporters.history:render_text",
    HistoryFormat.MD: "readiness.reporters.history:render_markdown",
    HistoryFormat.HTML: "readiness.reporters.history:render_html",
    HistoryFormat.JSON: "readiness.reporters.history:render_json",
}
"""`history`: `render(history, template_dir=None) -> str`."""

QUESTIONS: dict[QuestionsFormat, str] = {
    QuestionsFormat.TEXT: "readiness.reporters.questions:render_text",
    QuestionsFormat.MD: "readiness.reporters.questions:render_markdown",
    QuestionsFormat.CSV: "readiness.reporters.questions:render_csv",
    QuestionsFormat.JSON: "readiness.reporters.questions:render_json",
}
"""`questions`: `render(questions) -> str`."""

RULES: dict[RulesFormat, str] = {
    RulesFormat.TEXT: "readiness.reporters.catalogue:render_text",
    RulesFormat.MD: "readiness.reporters.catalogue:render_markdown",
    RulesFormat.JSON: "readiness.reporters.catalogue:render_json",
}
"""`rules`: `render(rules, one: bool, color: bool) -> str`; `one` when a rule was asked
for by ID."""

FORMATS: dict[str, tuple[type[StrEnum], Mapping[Any, str]]] = {
    "validate": (Format, REPORTERS),
    "report": (ReportFormat, REPORT),
    "portfolio": (PortfolioFormat, PORTFOLIO),
    "diff": (DiffFormat, DIFF),
    "history": (HistoryFormat, HISTORY),
    "questions": (QuestionsFormat, QUESTIONS),
    "rules": (RulesFormat, RULES),
}
"""Command -> (the enum of its --format, its registry)."""


def resolve(reference: str) -> Any:
    """The renderer a registry names, `"module:attribute"`, its module imported now."""
    module, _, attribute = reference.partition(":")
    return getattr(import_module(module), attribute)


class Writer:
    """Writes one format to `out`, file by file. Subclasses override what they need."""

    def __init__(self, out: TextIO, **options: Any) -> None:
        self.out = out

    def begin(self) -> None:
        """Whatever comes before the first file."""

    def file(self, report: FileReport) -> None:
        """One file's part, written as soon as the file is checked: by default the text
        of `renderer()`, written by `write`, as a run in worker processes writes it."""
        render = self.renderer()
        if render is not None:
            self.write(render(report))

    def renderer(self) -> Render | None:
        """A picklable function that makes the text `file` writes for a report, without
        this writer; None (the default) when a file's part depends on the files before
        it (a running count, an index of rules)."""
        return None

    def write(self, text: str) -> None:
        """Write one file's part, made by `renderer()`."""
        self.out.write(text)

    def end(self, tally: Tally) -> None:
        """Whatever comes after the last file: summaries, closing brackets."""


def writer(fmt: Format, out: TextIO, **options: Any) -> Writer:
    made: Writer = resolve(REPORTERS[fmt])(out, **options)
    return made


