"""`readiness portfolio`: many initiatives side by side, for a steering committee."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.choices import EXIT_BELOW_BAR, PortfolioFormat
from readiness.cli.common import (
    Lang,
    Output,
    Questionnaire,
    Today,
    choose_packs_or_fail,
    format_from_output,
    load_config_or_fail,
    no_assessments,
    parse_today,
    refuse_input_as_output,
    use_language,
    write_chunks,
)

HELP = """Many initiatives side by side, for a steering committee.

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
    from readiness.portfolio import build_portfolio
    from readiness.reporters import PORTFOLIO, resolve
    from readiness.words import in_portfolio

    fmt = format or format_from_output(output, PortfolioFormat, PortfolioFormat.MD)
    config = load_config_or_fail()
    use_language(lang, config)
    refuse_input_as_output([output], discover(paths))
    packs = choose_packs_or_fail(questionnaire, config)
    result = build_portfolio(paths, packs, parse_today(today), config.thresholds,
                             stale_after=stale_after)
    if not result.files:
        no_assessments(paths)
    write_chunks(resolve(PORTFOLIO[fmt])(result), output)
    below = len(result.below(config.merged_bar()))
    typer.echo(in_portfolio(len(result.entries), below, len(result.invalid)), err=True)
    raise typer.Exit(result.exit_code or (EXIT_BELOW_BAR if below else 0))


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(portfolio)
