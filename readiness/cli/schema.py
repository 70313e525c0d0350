"""`readiness schema`: the JSON Schema of the assessment file."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.cli.common import write_output


def schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the assessment file.

    For editors and other validators, e.g. check-jsonschema or VS Code's YAML extension.
    """
    from readiness.reporters.fields import schema_json

    write_output(schema_json(), output)


def register(app: typer.Typer) -> None:
    app.command()(schema)
