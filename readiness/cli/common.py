"""Options and helpers the commands share: dates, packs, output, errors and colour."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO, TypeVar

import typer

from readiness.choices import EXIT_INVALID
from readiness.i18n import _

if TYPE_CHECKING:
    from readiness.project_config import Config
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
Lang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|fr",
        help="Language for people: en (English, the default) or fr (Canadian French); "
        "else READINESS_LANG, else `lang` in the configuration.",
    ),
]


Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
]


def echo_errors(path: str, errors: Iterable[SchemaError]) -> None:
    """An invalid file's errors on stderr, one per line in the `file:line:col:` form
    editors read."""
    from readiness.reporters.safe_text import error_lines

    for line in error_lines(path, errors):
        typer.echo(line, err=True)


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print an error on stderr and exit; never a traceback for bad input. Control
    characters from file content in the message (a duplicate key, a config key, a pack
    title) are shown escaped, as on stdout."""
    from readiness.reporters.safe_text import plain

    typer.echo(f"readiness: error: {plain(message)}", err=True)
    raise typer.Exit(code)


def fail_to_write(target: str, exc: OSError) -> NoReturn:
    """Exit with why `target` (an output file) cannot be written."""
    fail(_("cannot write {target}: {reason}").format(target=target,
                                                       reason=exc.strerror or exc))


def no_assessments(paths: Iterable[str]) -> NoReturn:
    """Exit: none of `paths` is or holds an assessment file."""
    fail(_("no assessment files found in {paths}").format(paths=", ".join(paths)))


def parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(_("--today {value} is not a date; write YYYY-MM-DD, e.g. 2026-11-25").format(
            value=repr(value)))


def load_config_or_fail() -> Config:
    """The project's settings ([tool.readiness] in pyproject.toml or .readiness.toml,
    the nearest one up), the defaults when there is none; a broken file exits 2."""
    from readiness.project_config import ConfigError, discover

    try:
        return discover()
    except ConfigError as exc:
        fail(str(exc))


def use_language(given: str | None, config: Config | None = None) -> None:
    """The language of the run: --lang, else READINESS_LANG, else `lang` in the project
    configuration, else English (README.md, "Language"); an unknown one exits 2 naming
    the languages there are."""
    from readiness import i18n

    source, value = "--lang", given
    if value is None and os.environ.get(i18n.ENVIRONMENT):
        source, value = i18n.ENVIRONMENT, os.environ[i18n.ENVIRONMENT]
    if value is None:
        value = (config or load_config_or_fail()).lang or i18n.DEFAULT
    try:
        i18n.use(value)
    except i18n.UnknownLanguage as exc:
        fail(f"{source}: {exc}")


def choose_packs_or_fail(named: str | None, config):  # type: ignore[no-untyped-def]
    """The packs of a run: `named` (--questionnaire) or the configuration's
    `questionnaire` for every file, else each file's domain decides (docs/format.md)."""
    from readiness.packs import PackError, choose_packs

    try:
        return choose_packs(named or config.questionnaire, config.packs)
    except PackError as exc:
        fail(str(exc))


def use_color(stream: TextIO | None = None) -> bool:
    """The one colour decision of every command, rich's: colour on a terminal, none when
    NO_COLOR is set or TERM is dumb or unknown; FORCE_COLOR forces it."""
    out = stream or sys.stdout
    if not ({"FORCE_COLOR", "TTY_COMPATIBLE"} & os.environ.keys()) and not _isatty(out):
        return False  # rich's answer too, without the time it takes to load rich

    from rich.console import Console

    # NO_COLOR counts when it is not empty (no-color.org), with every version of rich.
    no_color = bool(os.environ.get("NO_COLOR"))
    console = Console(file=out, no_color=no_color)
    return console.color_system is not None and not no_color


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed file
        return False


SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
                  ".json": "json", ".txt": "text"}
"""The --output suffixes that name a format (report.html -> html)."""

F = TypeVar("F", bound=StrEnum)


def format_from_output(output: str | None, allowed: type[F], default: F) -> F:
    """No --format: the --output suffix decides, `default` without an output or a suffix;
    a suffix that names none of the `allowed` formats exits 2 with the list."""
    if not output or output == "-":
        return default
    suffix = os.path.splitext(output)[1].lower()
    if not suffix:
        return default
    values = {member.value for member in allowed}
    name = SUFFIX_FORMATS.get(suffix)
    if name in values:
        return allowed(name)
    known = ", ".join(s for s, n in SUFFIX_FORMATS.items() if n in values)
    fail(
        f"--output {output}: the suffix {suffix} names no format; use {known}, "
        f"or choose one with --format ({'|'.join(sorted(values))})"
    )


def write_output(text: str, output: str | None) -> None:
    """The artefact goes to --output (written atomically) or to stdout."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open_output(output) as stream:
            stream.write(text)
    except OSError as exc:
        fail_to_write(output, exc)


def write_chunks(chunks: Iterable[str], output: str | None) -> None:
    """`write_output` for an artefact written as it is rendered: to stdout, or through a
    temporary file that replaces --output only once the whole artefact is in it."""
    if output is None or output == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    try:
        with open_output(output) as stream:
            for chunk in chunks:
                stream.write(chunk)
    except OSError as exc:
        fail_to_write(output, exc)


@contextlib.contextmanager
def open_output(output: str) -> Iterator[TextIO]:
    """An --output opened for writing (`readiness.atomic.open_atomic`). One written straight
    to, such as `/dev/stdout` into a pipe or a FIFO, ends quietly when its reader goes
    away (`-o /dev/stdout | head -1`), as standard output does: a closed pipe is not an
    error, and the command exits with the code it computes."""
    from readiness.atomic import open_atomic
    from readiness.cli import _ClosedPipeGuard

    with open_atomic(output) as stream:
        guarded = _ClosedPipeGuard(stream)
        yield guarded  # type: ignore[misc]
        guarded.flush()  # here, where a closed pipe is dropped, not when the file closes


def refuse_input_as_output(outputs: Iterable[str | None], inputs: Iterable[str]) -> None:
    """Exit 2, before anything is written, when an --output names one of the files the
    command reads: `report mine.yaml -o mine.yaml` would replace the assessment."""
    from readiness.atomic import same_file
    from readiness.reporters.safe_text import one_line

    targets = [t for t in outputs if t and t != "-"]
    if not targets:
        return
    for name in inputs:
        for target in targets:
            if same_file(target, name):
                fail(_("--output {target} is one of the input files; write the output "
                       "to another file").format(target=one_line(target)))


_SUBSTITUTES = {
    "│": "|", "┃": "|", "━": "-", "─": "-", "╇": "+", "┼": "+", "→": "->", "←": "<-",
    "✓": "v", "✗": "x", "…": "...", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"',
    "”": '"', "•": "*", "·": ".", "≥": ">=", "≤": "<=", "×": "x", "\u00a0": " ",
}


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """A character the output encoding lacks: a look-alike it has, else `?`."""
    assert isinstance(error, UnicodeEncodeError)
    text = error.object[error.start : error.end]
    return "".join(_SUBSTITUTES.get(c, "?") for c in text), error.end


def fit_streams_to_encoding() -> None:
    """stdout and stderr in an encoding other than UTF-8 (Windows when output is
    redirected, `PYTHONIOENCODING=cp1252`, an ASCII locale) get look-alikes for the
    characters the encoding lacks, instead of failing half-way (docs/cli.md)."""
    import codecs

    codecs.register_error("readiness-degrade", _degrade)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="readiness-degrade")


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

