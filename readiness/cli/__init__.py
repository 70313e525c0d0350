"""The `readiness` command line (Typer only): parse options, call the library, map exit codes.

Each command lives in its own module and imports the library inside its function, so
that `readiness --version` and `--help` load neither pydantic, Jinja2 nor the rules.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from readiness import __version__
from readiness.cli import (
    assess,
    catalogue,
    docs,
    init,
    portfolio,
    questions,
    report,
    validate,
)

app = typer.Typer(
    name="readiness",
    help=(
        "Is a telecom AI initiative ready to leave pilot and run in production?\n\n"
        "readiness scores the six gates (workflow, data pipeline, integration, decision "
        "boundaries, outcomes, governance), detects the sequence anti-patterns that stall "
        "pilots, and reports for CI and steering committees.\n\n"
        "Exit codes: 0 meets the bar, 1 falls short of it, 2 invalid input or usage, "
        "130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS = (init, assess, validate, report, portfolio, questions, catalogue, docs)
"""Modules that each register their commands on `app`, in the order `--help` lists them."""

for _module in COMMANDS:
    _module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"readiness {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Is a telecom AI initiative ready to leave pilot and run in production?"""


def main() -> None:
    # `readiness --version` alone is answered before Typer builds the command tree (the
    # parameters of every command, from their annotations): a script or a CI step that
    # checks the version pays for the import of Typer and little else. Any other
    # command line, `--version` among other options included, goes through the app.
    if sys.argv[1:] == ["--version"]:
        typer.echo(f"readiness {__version__}")
        return
    app()
