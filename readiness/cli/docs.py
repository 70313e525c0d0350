"""`readiness cli-reference` and `readiness field-reference` (hidden): the command-line
reference (docs/cli.md, the README's command table) and the field reference
(docs/format.md), written by `make docs`."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.cli.common import write_output


def _update_block(file: str, block: str, start_marker: str, end_marker: str) -> None:
    """Replace the part of `file` between the markers with `block`, atomically."""
    from pathlib import Path

    from readiness.io import write_atomic
    from readiness.reporters.commands import replace_block

    path = Path(file)
    write_atomic(path, replace_block(path.read_text(encoding="utf-8"), block, start_marker,
                                     end_marker))


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
    from readiness.reporters.commands import README_END, README_START, reference, summary

    if readme is not None:
        _update_block(readme, summary(), README_START, README_END)
        return
    write_output(reference(), output)


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
    from readiness.reporters.fields import DOC_END, DOC_START, reference

    if doc is not None:
        _update_block(doc, reference(), DOC_START, DOC_END)
        return
    write_output(reference(), output)


def register(app: typer.Typer) -> None:
    app.command("cli-reference", hidden=True)(cli_reference)
    app.command("field-reference", hidden=True)(field_reference)
