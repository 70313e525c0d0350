"""`readiness report`: the Markdown or self-contained HTML report a steering committee
decides on, optionally compared with a previous assessment."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from readiness.choices import EXIT_BELOW_BAR, ReportFormat
from readiness.cli.common import (
    Lang,
    Questionnaire,
    Today,
    choose_packs_or_fail,
    echo_errors,
    fail,
    format_from_output,
    parse_today,
    use_language,
)
from readiness.i18n import _

if TYPE_CHECKING:
    from datetime import date

    from readiness.engine import Result
    from readiness.packs import PackSource
    from readiness.thresholds import Thresholds


HELP = """Write the report a steering committee decides on: verdict, readiness level and
score in plain words, the gate scorecard, the timeline with out-of-order work marked,
findings by severity, decision boundaries, data map, outcomes and ROI, governance per
jurisdiction, and the next steps.

HTML is one self-contained file (inline CSS and SVG, nothing fetched, printable);
Markdown renders on GitHub and GitLab (tables and a Mermaid timeline). Without
--format, the --output suffix decides (.html, .md); otherwise HTML.

--template DIR: templates in DIR replace the shipped ones of the same name
(report.html.j2, report.md.j2, report.css, macros.html.j2); they render in a sandbox.

Exit codes: 0 the report was written and the initiative meets the bar; 1 it was
written and the initiative falls short of the bar (the bar of `readiness validate`: no
unwaived blocker by default, or the project's fail-on, min-score and min-level); 2 the
file (or --compare file) is invalid, or a template fails.
"""


def assess_or_fail(
    path: str, pack: PackSource, thresholds: Thresholds, today: date, option: str = "",
    keep_all: bool = False,
) -> Result:
    """The result of one file (with every finding when `keep_all`, for --compare); an
    invalid file prints its errors (file:line:col) and exits 2."""
    from readiness.batch import check_file
    from readiness.reporters.safe_text import one_line
    from readiness.thresholds import Bar

    checked = check_file(path, pack, thresholds, today, Bar(min_score=None, min_level=None),
                         keep_all=keep_all)
    if checked.result is None:
        echo_errors(checked.path, checked.errors)
        fail(_("{option}{path} is not a valid assessment; no report written").format(
            option=option, path=one_line(path)))
    return checked.result


def report(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The assessment file; - reads standard input.")
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="html or md; default from --output, else html."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE."),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", metavar="DIR", help="Folder of templates that override "
                     "the shipped ones by name."),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option("--compare", metavar="OLD", help="A previous assessment of the same "
                     "initiative: show what changed since."),
    ] = None,
    today: Today = None,
    lang: Lang = None,
    questionnaire: Questionnaire = None,
) -> None:
    from readiness.cli.common import (
        load_config_or_fail,
        refuse_input_as_output,
        write_output,
    )
    from readiness.reporters import REPORT, resolve
    from readiness.reporters.report_view import build
    from readiness.reporters.safe_text import one_line
    from readiness.reporters.templating import TemplateProblem

    config = load_config_or_fail()

    use_language(lang, config)
    refuse_input_as_output([output], [file] + ([compare] if compare else []))
    fmt = format or format_from_output(output, ReportFormat, ReportFormat.HTML)
    reference = parse_today(today)
    packs = choose_packs_or_fail(questionnaire, config)
    result = assess_or_fail(file, packs, config.thresholds, reference,
                            keep_all=compare is not None)
    previous = None
    if compare is not None:
        previous = assess_or_fail(compare, packs, config.thresholds, reference, "--compare ",
                                  keep_all=True)
    try:
        text = resolve(REPORT[fmt])(build(result, previous), template)
    except TemplateProblem as exc:
        fail(str(exc))
    write_output(text, output)
    if output and output != "-":
        from readiness.reporters.safe_text import headline

        typer.echo(_("readiness: wrote {path}: {headline}").format(
            path=one_line(output), headline=headline(result)), err=True)
    shortfalls = result.shortfalls(config.merged_bar())
    if shortfalls:
        typer.echo(_("readiness: below the bar: {shortfalls}").format(
            shortfalls="; ".join(shortfalls)), err=True)
        raise typer.Exit(EXIT_BELOW_BAR)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(report)
