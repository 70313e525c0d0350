"""The `readiness` command line (Typer only): parse options, call the library, map exit codes.

Each command lives in its own module and imports the library inside its function, so
that `readiness --version` and `--help` load neither pydantic, Jinja2 nor the rules.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import inspect
import os
import sys
from typing import Annotated, Any

import typer

from readiness import __version__
from readiness.choices import EXIT_INVALID
from readiness.cli import (
    assess,
    cli_reference,
    diff,
    field_reference,
    history,
    init,
    portfolio,
    questions,
    report,
    rules,
    schema,
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

COMMANDS = (
    init, assess, validate, report, portfolio, diff, history, questions, rules, schema,
    cli_reference, field_reference,
)
"""Modules that each register their commands on `app`, in the order `--help` lists them."""

for _module in COMMANDS:
    _module.register(app)

HELP_WIDTH = 78
"""Help paragraphs are wrapped here, so that they read evenly in 80 columns (Typer keeps
the line breaks of the source, inside its one-column frame)."""


def wrap_help(text: str, width: int = HELP_WIDTH) -> str:
    """Each paragraph of `text` refilled to `width`; indented blocks (examples) and
    lists are kept as written."""
    import textwrap

    paragraphs = []
    for paragraph in textwrap.dedent(text).strip("\n").split("\n\n"):
        lines = paragraph.splitlines()
        if any(line.startswith((" ", "- ", "* ", "\b")) for line in lines):
            paragraphs.append(paragraph)
        else:
            paragraphs.append(textwrap.fill(
                " ".join(line.strip() for line in lines), width,
                break_long_words=False, break_on_hyphens=False,
            ))
    return "\n\n".join(paragraphs)


for _info in app.registered_commands:
    _text = _info.help or inspect.getdoc(_info.callback)
    if _text:
        _info.help = wrap_help(_text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"readiness {__version__}")
        raise typer.Exit()


def _debug(value: bool) -> None:
    if value:
        os.environ["READINESS_DEBUG"] = "1"


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", callback=_debug, is_eager=True,
            help="Print the traceback of an internal error (also READINESS_DEBUG=1).",
        ),
    ] = False,
) -> None:
    """Is a telecom AI initiative ready to leave pilot and run in production?"""


ISSUES_URL = "https://github.com/readiness-tool/readiness/issues"
"""Where internal errors are reported; the `Issues` project URL of pyproject.toml."""


class _ClosedPipeGuard:
    """stdout that ends quietly when its reader goes away (`readiness ... | head -1`):
    from the first broken-pipe error on, what is written is dropped, so the command
    finishes with the exit code it computes and no error message."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._closed = False

    def _drop(self) -> None:
        if not self._closed:
            self._closed = True
            # The descriptor now points at /dev/null: what is still buffered, and the
            # flush at interpreter exit, go nowhere instead of failing again.
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, self._stream.fileno())
            except (OSError, ValueError):
                pass  # not a real descriptor: nothing is flushed to it at exit
            finally:
                os.close(null)

    def write(self, text: str) -> int:
        if self._closed:
            return len(text)
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            self._drop()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._drop()
            with contextlib.suppress(BrokenPipeError):
                self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _internal_error(exc: BaseException) -> None:
    """One line on stderr for an exception nobody expected; the traceback with --debug."""
    if os.environ.get("READINESS_DEBUG"):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    summary = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    sys.stderr.write(
        f"readiness: internal error ({summary}); this is a bug in readiness {__version__}: "
        f"please report it with the command line at {ISSUES_URL} "
        "(run with --debug for the traceback)\n"
    )


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that `args` name, when they name one: Typer builds
    the parameters of every command it holds from their annotations before running any,
    and one command's usage, help and errors are the same in either app. Anything else
    (no command, a misspelt one, shell completion, which reads its words from the
    environment) goes to the whole app, which lists and suggests the commands."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if not chosen:
        return app
    only = copy.copy(app)
    only.registered_commands = chosen
    return only


def _command_name(info: typer.models.CommandInfo) -> str:
    """The name a command is called by: given, or made from its function's by Typer."""
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)


def main() -> None:
    # `readiness --version` alone is answered before Typer builds the command tree (the
    # parameters of every command, from their annotations): a script or a CI step that
    # checks the version pays for the import of Typer and little else. Any other
    # command line, `--version` among other options included, goes through the app.
    if sys.argv[1:] == ["--version"]:
        typer.echo(f"readiness {__version__}")
        return
    from readiness.cli.common import fit_streams_to_encoding

    fit_streams_to_encoding()
    if not isinstance(sys.stdout, _ClosedPipeGuard) and hasattr(sys.stdout, "fileno"):
        sys.stdout = _ClosedPipeGuard(sys.stdout)
    try:
        _app_for(sys.argv[1:])()
    except Exception as exc:  # exit 1 means "below the bar": never for a bug
        _internal_error(exc)
        sys.exit(EXIT_INVALID)
    finally:
        # The command is over and the process ends: what it made goes with the process.
        # Frozen, it is not walked again by the collections Python runs as it exits,
        # which take tens of milliseconds once the models and rules are imported
        # (docs/performance.md).
        gc.freeze()
