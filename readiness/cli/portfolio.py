"""`readiness portfolio`, `readiness diff` and `readiness history`: many initiatives side
by side, what changed between two assessments, and progress over the commits of one."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any

import typer

from readiness.cli.common import (
    Lang,
    Questionnaire,
    Today,
    choose_packs_or_fail,
    fail,
    format_from_output,
    load_config_or_fail,
    parse_today,
    refuse_input_as_output,
    use_language,
    write_output,
)
from readiness.options import EXIT_BELOW_BAR


class PortfolioFormat(StrEnum):
    HTML = "html"
    MD = "md"
    JSON = "json"


class DiffFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


class HistoryFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    HTML = "html"
    JSON = "json"


Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
]

PORTFOLIO_HELP = """Many initiatives side by side, for a steering committee.

PATHS are assessment files, or folders searched recursively for *.yaml, *.yml and
*.json files with a top-level `schema_version` key.

The report ranks initiatives by readiness level, then score, then fewer unwaived
blockers and majors, then id; places them on a value-feasibility matrix (ROI net
benefit over the horizon against the readiness score); counts how many initiatives
show each anti-pattern; and shows how many are stuck at each gate. Assessments older
than --stale-after days are flagged stale.

Without --format, the --output suffix decides (.html, .md, .json); otherwise Markdown.

Exit codes: 0 every file was read and every initiative meets the bar; 1 an initiative
falls short of the bar (the bar of `readiness validate`: no unwaived blocker by default,
or the project's fail-on, min-score and min-level); 2 a file is invalid (it is listed
with its errors, and the report of the others is still written) or the usage is wrong.
"""


def _write_chunks(chunks: Iterable[str], output: str | None) -> None:
    """`write_output` for a report written as it is rendered: to stdout, or through a
    temporary file that replaces --output only once the whole report is in it."""
    if output is None or output == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    from readiness.io import open_atomic

    try:
        with open_atomic(output) as stream:
            for chunk in chunks:
                stream.write(chunk)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


def portfolio(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files or folders.")],
    format: Annotated[
        PortfolioFormat | None, typer.Option("--format", "-f", help="Output format.")
    ] = None,
    output: Output = None,
    today: Today = None,
    lang: Lang = None,
    questionnaire: Questionnaire = None,
    stale_after: Annotated[
        int | None,
        typer.Option(
            "--stale-after",
            min=1,
            metavar="DAYS",
            help="Flag assessments older than DAYS as stale (default 90).",
        ),
    ] = None,
) -> None:
    from readiness.batch import discover
    from readiness.engine import shortfalls
    from readiness.findings import Severity
    from readiness.portfolio import build_portfolio, render_chunks

    fmt = format or format_from_output(output, PortfolioFormat, PortfolioFormat.MD)
    refuse_input_as_output([output], discover(paths))
    config = load_config_or_fail()
    use_language(lang, config)
    packs = choose_packs_or_fail(questionnaire, config)
    result = build_portfolio(paths, packs, parse_today(today), config.thresholds,
                             stale_after=stale_after)
    if not result.files:
        fail("no assessment files found in " + ", ".join(paths))
    _write_chunks(render_chunks(result, fmt.value), output)
    invalid = len(result.invalid)
    summary = f"{len(result.entries)} initiative(s) in the portfolio"
    bar = config.merged_bar()
    below = sum(
        1 for e in result.entries
        if shortfalls({Severity.BLOCKER: e.blockers, Severity.MAJOR: e.majors,
                       Severity.MINOR: e.minors}, e.score, e.level, bar)
    )
    if below:
        summary += f"; {below} below the bar"
    if invalid:
        summary += f"; {invalid} invalid file(s) listed in the report with their errors"
    typer.echo(summary, err=True)
    raise typer.Exit(result.exit_code or (EXIT_BELOW_BAR if below else 0))


DIFF_HELP = """What changed between two assessments of one initiative.

Level, score and verdict; each gate's status, score and pass; findings new, resolved
and still open (matched by rule and evidence path, not by line); waivers added,
removed, changed and expired.

Exit codes: 0 the comparison was shown; 2 a file is invalid, or the two files assess
different initiatives (give --force to compare them anyway).
"""


def _assess_or_fail(path: str, pack: Any, thresholds: Any, today: Any) -> Any:
    from readiness.batch import check_file
    from readiness.reporters.base import one_line, shown_path
    from readiness.settings import Bar

    checked = check_file(path, pack, thresholds, today, Bar())
    if checked.result is None:
        fail("\n".join(
            f"{shown_path(path)}:{e.line}:{e.column}: "
            + (f"{one_line(e.path)}: " if e.path else "")
            + one_line(e.message)
            for e in checked.errors
        ))
    return checked.result


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier assessment.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later assessment.")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.TEXT
    ),
    output: Output = None,
    force: Annotated[
        bool, typer.Option("--force", help="Compare files of different initiatives.")
    ] = False,
    today: Today = None,
    lang: Lang = None,
    questionnaire: Questionnaire = None,
) -> None:
    from readiness.diff import (
        DifferentInitiatives,
        compare,
        render_json,
        render_markdown,
        render_text,
    )
    from readiness.reporters.base import plain

    config = load_config_or_fail()

    use_language(lang, config)
    refuse_input_as_output([output], [old, new])
    packs = choose_packs_or_fail(questionnaire, config)
    reference = parse_today(today)
    before = _assess_or_fail(old, packs, config.thresholds, reference)
    after = _assess_or_fail(new, packs, config.thresholds, reference)
    try:
        changes = compare(before, after, force=force)
    except DifferentInitiatives as exc:
        fail(plain(str(exc)))
    renderers = {DiffFormat.TEXT: render_text, DiffFormat.MD: render_markdown,
                 DiffFormat.JSON: render_json}
    write_output(renderers[format](changes), output)


HISTORY_HELP = """The readiness level and score of every committed version of FILE.

FILE must be tracked in a git repository: its commits are read with `git log --follow`
(renames included) and `git show`, and each version is assessed in memory as of its
commit date (or --today); nothing is checked out. A version that does not validate is
shown as invalid. Markdown and HTML add a trend chart.

Without --format, the --output suffix decides (.html, .md, .json); otherwise text.

Exit codes: 0 the history was shown; 2 FILE is not tracked by git, or outside a
repository, or the usage is wrong.
"""


def history(
    file: Annotated[str, typer.Argument(metavar="FILE", help="An assessment tracked by git.")],
    format: Annotated[
        HistoryFormat | None, typer.Option("--format", "-f", help="Output format.")
    ] = None,
    output: Output = None,
    today: Today = None,
    lang: Lang = None,
    questionnaire: Questionnaire = None,
) -> None:
    from readiness.history import HistoryError, render
    from readiness.history import history as read_history
    from readiness.reporters.base import plain

    fmt = format or format_from_output(output, HistoryFormat, HistoryFormat.TEXT)
    refuse_input_as_output([output], [file])
    config = load_config_or_fail()
    use_language(lang, config)
    packs = choose_packs_or_fail(questionnaire, config)
    reference = parse_today(today) if today else None
    try:
        found = read_history(file, packs, config.thresholds, today=reference)
    except HistoryError as exc:
        fail(plain(str(exc)))
    write_output(render(found, fmt.value), output)
    for note in found.notes:
        typer.echo(plain(note), err=True)


def register(app: typer.Typer) -> None:
    app.command(help=PORTFOLIO_HELP)(portfolio)
    app.command(help=DIFF_HELP)(diff)
    app.command(help=HISTORY_HELP)(history)

