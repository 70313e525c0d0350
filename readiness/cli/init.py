"""`readiness init`: write a commented starter assessment that is valid as it stands."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.common import Today, fail, parse_today, write_output


def starter(filename: str, today: str) -> str:
    """The starter text, with an id and a name taken from the file name."""
    stem = Path(filename).stem if filename != "-" else "my-initiative"
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-initiative"
    template = (Path(__file__).resolve().parent.parent / "data" / "starter.yaml").read_text(
        encoding="utf-8"
    )
    from readiness.schema import SCHEMA_URL

    return template.format(
        schema_url=SCHEMA_URL,
        id=slug,
        name=slug.replace("-", " ").capitalize(),
        today=today,
        filename=filename if filename != "-" else "assessment.yaml",
    )


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
