"""`readiness history`: the level and score of every committed version of one assessment."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.choices import HistoryFormat
from readiness.cli.common import (
    Lang,
    Output,
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

HELP = """The readiness level and score of every committed version of FILE.

FILE must be tracked in a git repository: its commits are read with `git log --follow`
(renames included) and `git cat-file`, and each version is assessed in memory as of its
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
    from readiness.history import HistoryError
    from readiness.history import history as read_history
    from readiness.reporters import HISTORY, resolve
    from readiness.reporters.safe_text import plain

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
    write_output(resolve(HISTORY[fmt])(found), output)
    for note in found.notes:
        typer.echo(plain(note), err=True)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(history)
