"""`readiness init`: write a commented starter assessment that is valid as it stands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.common import Today, fail, parse_today, write_output
from readiness.starter import starter


def init(
    file: Annotated[
        str, typer.Argument(metavar="[FILE]", help="Where to write it; - for stdout.")
    ] = "readiness.yaml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    today: Today = None,
) -> None:
    """Write a commented starter assessment (default readiness.yaml): a valid file to fill in."""
    text = starter(file, parse_today(today).isoformat())
    if file != "-" and Path(file).exists() and not force:
        fail(f"{file} already exists; use --force to overwrite it")
    write_output(text, file)
    if file != "-":
        typer.echo(f"Wrote {file}. Next: readiness assess {file}", err=True)


def register(app: typer.Typer) -> None:
    app.command()(init)
