"""`readiness questions`: every open question across assessment files, grouped by whom
to ask, to send round before the next assessment."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.choices import EXIT_INVALID, QuestionsFormat
from readiness.cli.common import Lang, echo_errors, use_language, write_output

HELP = """List every open question of the assessment files, grouped by whom to ask: what
is asked, the initiative, the field the answer fills, its gate and when it was raised.

Folders are searched for assessment files as `validate` does. CSV has one row per
question (ask, initiative, name, gate, field, note, raised_on, path, line), ready for a
spreadsheet to send round.

Exit codes: 0 the list was written (with or without questions); 2 a file is invalid
(its errors on stderr; the other files' questions are still listed).
"""


def questions(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Assessment files "
                                               "or folders.")],
    format: Annotated[
        QuestionsFormat, typer.Option("--format", "-f", help="text, md, csv or json.")
    ] = QuestionsFormat.TEXT,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the list to FILE."),
    ] = None,
    lang: Lang = None,
) -> None:
    use_language(lang)
    from readiness.questions import collect
    from readiness.reporters import QUESTIONS, resolve

    found = collect(paths)
    for path, errors in found.invalid:
        echo_errors(path, errors)
    write_output(resolve(QUESTIONS[format])(found), output)
    if found.invalid:
        raise typer.Exit(EXIT_INVALID)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(questions)
