"""Options and helpers the commands share: dates, packs, output, errors and colour."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from readiness.options import EXIT_INVALID

if TYPE_CHECKING:
    from readiness.schema import SchemaError

Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Reference date for waiver expiry (YYYY-MM-DD); default: the current date.",
    ),
]
Questionnaire = Annotated[
    str | None,
    typer.Option(
        "--questionnaire",
        "-q",
        metavar="ID|PATH",
        help="Questionnaire pack for every file: telecom-customer-ops, telecom-network-ops, "
        "or the path to a pack of your own; default: the pack of each file's domain.",
    ),
]


def echo_errors(path: str, errors: Iterable[SchemaError]) -> None:
    """An invalid file's errors on stderr, one per line in the `file:line:col:` form
    editors read."""
    from readiness.reporters.base import plain

    for error in errors:
        where = f"{plain(error.path)}: " if error.path else ""
        typer.echo(
            f"{plain(path)}:{error.line}:{error.column}: error: {where}{plain(error.message)}",
            err=True,
        )


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print an error on stderr and exit; never a traceback for bad input."""
    typer.echo(f"readiness: error: {message}", err=True)
    raise typer.Exit(code)


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--today {value!r} is not a date; write YYYY-MM-DD, e.g. 2026-11-25")


def load_config_or_fail():  # type: ignore[no-untyped-def]
    """The project's settings ([tool.readiness] in pyproject.toml or .readiness.toml,
    the nearest one up), the defaults when there is none; a broken file exits 2."""
    from readiness.config import ConfigError, discover

    try:
        return discover()
    except ConfigError as exc:
        fail(str(exc))


def load_pack_or_fail(name: str | None):  # type: ignore[no-untyped-def]
    from readiness.packs import PackError, load_pack

    try:
        return load_pack(name)
    except PackError as exc:
        fail(str(exc))


def choose_packs_or_fail(named: str | None, config):  # type: ignore[no-untyped-def]
    """The packs of a run: `named` (--questionnaire) or the configuration's
    `questionnaire` for every file, else each file's domain decides (docs/format.md)."""
    from readiness.packs import PackError, choose_packs

    try:
        return choose_packs(named or config.questionnaire, config.packs)
    except PackError as exc:
        fail(str(exc))


def use_color(stream: object = None) -> bool:
    """Colour when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def write_output(text: str, output: str | None) -> None:
    """The artefact goes to --output (written atomically) or to stdout."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from readiness.io import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


PROGRESS_FROM = 200
"""Runs over fewer files finish before a progress bar would tell anyone anything."""


def progress_bar(stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A progress callback that draws a bar on stderr, or None when stderr is not a
    terminal (CI logs, redirections): the bar never reaches a file or a pipe."""
    out = stream or sys.stderr
    if not getattr(out, "isatty", lambda: False)():
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        if done >= total:
            out.write("\r\x1b[K")  # leave the line clean for what comes next
        else:
            filled = 30 * done // total
            out.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} files")
        out.flush()

    return show

