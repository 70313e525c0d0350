"""`readiness validate`: schema, scores and rules for CI, with exit codes a pipeline trusts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from readiness.choices import FailOn, Format
from readiness.cli.common import (
    Lang,
    Questionnaire,
    Today,
    choose_packs_or_fail,
    fail,
    fail_to_write,
    load_config_or_fail,
    no_assessments,
    open_output,
    parse_today,
    progress_bar,
    refuse_input_as_output,
    use_color,
    use_language,
)
from readiness.i18n import _
from readiness.reporters import Writer

if TYPE_CHECKING:
    import contextlib
    from pathlib import Path

    from readiness.batch import Tally

HELP = """Validate assessment files: schema, gate scores, readiness level and rules.

PATHS are files (- reads standard input), or folders searched recursively for *.yaml,
*.yml and *.json files that have a top-level `schema_version` key.

Exit codes: 0 every file is valid and meets the bar; 1 a valid file falls short of the
bar (--fail-on, --min-score, --min-level); 2 a file is invalid or the usage is wrong.

Several outputs from one run: give --format more than once and one --output per
artefact; outputs go to the last formats, in order, and the first format goes to stdout:

    readiness validate assessments/ -f text -f sarif -o readiness.sarif

Inside GitHub Actions (GITHUB_ACTIONS=true) the default format is github: annotations,
and a Markdown summary appended to $GITHUB_STEP_SUMMARY.

Settings come from the tool.readiness table of pyproject.toml or from .readiness.toml,
the nearest one up from the working directory as far as the repository root or your
home; the file used is named on stderr; options given here win. See docs/ci.md.
"""


def pair_outputs(formats: list[Format], outputs: list[str]) -> list[tuple[Format, str | None]]:
    """Match outputs to the last formats in order; the rest go to stdout (at most one)."""
    if len(outputs) > len(formats):
        fail(_("{outputs} --output given for {formats} --format; give one format each").format(
            outputs=len(outputs), formats=len(formats)))
    to_stdout = len(formats) - len(outputs)
    if to_stdout > 1:
        fail(_("only one format can go to stdout; give an --output for each other --format"))
    return list(zip(formats, [None] * to_stdout + list(outputs), strict=True))


def validate(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files or folders.")],
    format: Annotated[
        list[Format] | None,
        typer.Option(
            "--format", "-f",
            help="Output format; repeat for several outputs. auto (the default) is github "
            "inside GitHub Actions, text elsewhere.",
        ),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write an output to FILE."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            show_default=False,
            help="Exit 1 when an unwaived finding is at least this severe (default: blocker).",
        ),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(min=0, max=100, metavar="N", help="Exit 1 when a file scores below N."),
    ] = None,
    min_level: Annotated[
        int | None,
        typer.Option(min=0, max=6, metavar="N", help="Exit 1 when a file's level is below N."),
    ] = None,
    today: Today = None,
    lang: Lang = None,
    questionnaire: Questionnaire = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            help="Only the exit code and errors: no text report and no summary line. "
            "Machine formats and --output files are still written.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N",
            help="Check files in N processes; default: one per core.",
        ),
    ] = None,
    assessments_only: Annotated[
        bool,
        typer.Option(
            "--assessments-only",
            help="Skip the files given by name that have no top-level `schema_version`, "
            "as in folders (the pre-commit hook: a schema or a Helm values.yaml is no "
            "assessment); exit 0 when none is left.",
        ),
    ] = False,
) -> None:
    import contextlib
    import os

    from readiness.batch import discover, write_reports
    from readiness.loader import STDIN

    config = load_config_or_fail()
    use_language(lang, config)
    if config.path is not None and not quiet:
        _say_settings(config.path)
    formats = [fmt.resolve(os.environ) for fmt in (format or [Format.AUTO])]
    targets = pair_outputs(formats, output or [])
    reference = parse_today(today)
    packs = choose_packs_or_fail(questionnaire, config)
    bar = config.merged_bar(fail_on=fail_on, min_score=min_score, min_level=min_level)
    files = list(discover(paths, assessments_only=assessments_only))
    if not files:
        if assessments_only:
            raise typer.Exit(0)  # nothing to check: a commit that touched no assessment
        no_assessments(paths)
    if STDIN in files:
        jobs = 1  # standard input is read once, in this process
    refuse_input_as_output(output or [], files)
    # The text and github formats are read by a person; after any other the person gets
    # a one-line summary on stderr (unless --quiet).
    human_on_stdout = any(f in (Format.TEXT, Format.GITHUB) and t is None for f, t in targets)
    try:
        with contextlib.ExitStack() as outputs:
            # Every output is written as the files are checked: nothing grows with the
            # number of files but the counts. --output files are replaced atomically at
            # the end, and left as they were if the run fails or is interrupted.
            writers = [_open_writer(fmt, target, quiet, outputs) for fmt, target in targets]
            summary = _step_summary_writer() if Format.GITHUB in formats else None
            if summary is not None:
                writers.append(summary)
            for writer in writers:
                writer.begin()
            tally = write_reports(
                writers, files, packs, config.thresholds, reference, bar, jobs=jobs,
                progress=progress_bar(),
            )
            for writer in writers:
                if writer is not summary:
                    writer.end(tally)
            sys.stdout.flush()
            if summary is not None:
                _append_step_summary(summary, tally)
    except BrokenPipeError:
        raise
    except OSError as exc:
        fail_to_write(exc.filename or _("the output"), exc)
    if not quiet and not human_on_stdout:
        from readiness.words import checked

        typer.echo("readiness: " + checked(tally.files, tally.invalid, tally.below_bar),
                   err=True)
    raise typer.Exit(tally.exit_code)


def _say_settings(path: Path) -> None:
    """Which configuration file set the bar and thresholds, on stderr: one line in a CI
    log, whatever the format on stdout (docs/ci.md, "Configuration")."""
    from readiness.project_config import PYPROJECT
    from readiness.reporters.safe_text import one_line

    table = " [tool.readiness]" if path.name == PYPROJECT else ""
    typer.echo(f"readiness: settings from {one_line(str(path))}{table}", err=True)


def _open_writer(
    fmt: Format, target: str | None, quiet: bool, outputs: contextlib.ExitStack
) -> Writer:
    """The writer of one format, on stdout or on an --output file opened for atomic
    replacement (registered on `outputs`, which renames it into place at the end)."""
    from readiness.reporters import writer

    if target is None or target == "-":
        return _stdout_writer(fmt, quiet)
    try:
        stream = outputs.enter_context(open_output(target))
    except OSError as exc:
        fail_to_write(target, exc)
    made: Writer = writer(fmt, stream)
    return made


def _stdout_writer(fmt: Format, quiet: bool) -> Writer:
    """The writer of the format that goes to stdout; for text with --quiet, only the
    errors of invalid files, on stderr."""
    from readiness.reporters import writer

    if fmt == Format.TEXT and quiet:
        from readiness.reporters.text import ErrorsOnly

        return ErrorsOnly(sys.stderr)
    options = {"color": use_color(sys.stdout)} if fmt == Format.TEXT else {}
    return writer(fmt, sys.stdout, **options)


def _step_summary_writer() -> Writer | None:
    """Inside GitHub Actions, the Markdown job summary, when $GITHUB_STEP_SUMMARY names
    a file; it is appended to that file at the end of the run."""
    import io
    import os

    from readiness.reporters.github import SummaryWriter

    if not os.environ.get("GITHUB_STEP_SUMMARY"):
        return None
    return SummaryWriter(io.StringIO())


def _append_step_summary(summary: Writer, tally: Tally) -> None:
    import os

    target = os.environ["GITHUB_STEP_SUMMARY"]
    try:
        with open(target, "a", encoding="utf-8") as handle:
            summary.out = handle
            summary.end(tally)
            handle.write("\n")
    except OSError as exc:
        typer.echo(
            f"readiness: warning: cannot append the job summary to {target}: "
            f"{exc.strerror or exc}",
            err=True,
        )


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(validate)
