"""`readiness field-reference` (hidden): the field reference of the assessment file, the
generated part of docs/format.md, written by `make docs`."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.cli.common import write_output


def field_reference(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
    doc: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Update the fields between the markers of FILE."),
    ] = None,
) -> None:
    """Print the field reference of the assessment file (docs/format.md) in Markdown."""
    from readiness.reporters.commands import update_block
    from readiness.reporters.fields import DOC_END, DOC_START, reference

    if doc is not None:
        update_block(doc, reference(), DOC_START, DOC_END)
        return
    write_output(reference(), output)


def register(app: typer.Typer) -> None:
    app.command("field-reference", hidden=True)(field_reference)
