"""`readiness cli-reference` (hidden): the command-line reference, docs/cli.md, made from
the `--help` of every command, so the reference cannot drift from the code.

The help is rendered with click's plain formatter at a fixed width rather than Typer's
rich panels, so the text is the same on every machine, terminal and colour setting.
"""

from __future__ import annotations

from typing import Annotated

import typer
from typer._click import Command, Context, HelpFormatter  # the click that Typer bundles
from typer.core import TyperGroup

from readiness.cli.common import write_output

WIDTH = 100


def _help(command: Command, name: str, parent: Context | None) -> str:
    settings = {**(command.context_settings or {}), "terminal_width": WIDTH,
                "max_content_width": WIDTH}
    context = Context(command, info_name=name, parent=parent, **settings)
    formatter = HelpFormatter(width=WIDTH, max_width=WIDTH)
    # The base class method renders plain text, never Typer's rich panels.
    Command.format_help(command, context, formatter)
    return formatter.getvalue().rstrip() + "\n"


def reference() -> str:
    """docs/cli.md: the top-level help, then each visible command's help."""
    from readiness.cli import app

    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    root_context = Context(root, info_name="readiness", **(root.context_settings or {}))
    lines = [
        "# Command-line reference",
        "",
        "Generated from `--help` by `readiness cli-reference --output docs/cli.md`; do not",
        "edit by hand.",
        "",
        "```text",
        _help(root, "readiness", None).rstrip(),
        "```",
    ]
    for name in root.list_commands(root_context):
        command = root.get_command(root_context, name)
        if command is None or command.hidden:
            continue
        lines += [
            "",
            f"## readiness {name}",
            "",
            "```text",
            _help(command, name, root_context).rstrip(),
            "```",
        ]
    return "\n".join(lines) + "\n"


def cli_reference(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
) -> None:
    """Print the command-line reference (docs/cli.md) in Markdown."""
    write_output(reference(), output)


def register(app: typer.Typer) -> None:
    app.command("cli-reference", hidden=True)(cli_reference)
