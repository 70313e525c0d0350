"""`readiness cli-reference` (hidden): the command-line reference, docs/cli.md, and the
README's command table, made from the `--help` of every command by `make docs`."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.cli.common import write_output


def cli_reference(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
    readme: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Update the command table between the markers of FILE."),
    ] = None,
) -> None:
    """Print the command-line reference (docs/cli.md) in Markdown."""
    from readiness.reporters.commands import (
        README_END,
        README_START,
        reference,
        summary,
        update_block,
    )

    if readme is not None:
        update_block(readme, summary(), README_START, README_END)
        return
    write_output(reference(), output)


def register(app: typer.Typer) -> None:
    app.command("cli-reference", hidden=True)(cli_reference)
