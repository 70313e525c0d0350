"""`readiness validate`: schema, scores and rules for CI, with exit codes a pipeline trusts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from readiness.cli.common import (
    Questionnaire,
    Today,
    fail,
    load_pack_or_fail,
    parse_today,
    progress_bar,
    use_color,
    write_output,
)
from readiness.options import FailOn, Format

if TYPE_CHECKING:
    from readiness.batch import BatchReport

HELP = """Validate assessment files: schema, gate scores, readiness level and rules.

PATHS are files, or folders searched recursively for *.yaml, *.yml and *.json files
that have a top-level `schema_version` key.

Exit codes: 0 every file is valid and meets the bar; 1 a valid file falls short of the
bar (--fail-on, --min-score, --min-level); 2 a file is invalid or the usage is wrong.

Several outputs from one run: give --format more than once and one --output per
artefact; outputs go to the last formats, in order, and the first format goes to stdout:

    readiness validate assessments/ --format text --format sarif --output readiness.sarif

Inside GitHub Actions (GITHUB_ACTIONS=true) the default format is github: annotations,
and a Markdown summary appended to $GITHUB_STEP_SUMMARY.

Settings come from [tool.readiness] in pyproject.toml or from .readiness.toml, the nearest
one up from the working directory; options given here win. See docs/ci.md.
"""


def pair_outputs(formats: list[Format], outputs: list[str]) -> list[tuple[Format, str | None]]:
    """Match outputs to the last formats in order; the rest go to stdout (at most one)."""
    if len(outputs) > len(formats):
        fail(f"{len(outputs)} --output given for {len(formats)} --format; give one format each")
    to_stdout = len(formats) - len(outputs)
    if to_stdout > 1:
        fail("only one format can go to stdout; give an --output for each other --format")
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
            help="Exit 1 when an unwaived finding is at least this severe [default: blocker].",
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
) -> None:
    import os

    from readiness.batch import check_paths
    from readiness.config import ConfigError, discover
    from readiness.reporters import render

    try:
        config = discover()
    except ConfigError as exc:
        fail(str(exc))
    formats = [fmt.resolve(os.environ) for fmt in (format or [Format.AUTO])]
    targets = pair_outputs(formats, output or [])
    reference = parse_today(today)
    pack = load_pack_or_fail(questionnaire or config.questionnaire)
    bar = config.merged_bar(fail_on=fail_on, min_score=min_score, min_level=min_level)
    report = check_paths(
        paths, pack, config.thresholds, reference, bar, jobs=jobs, progress=progress_bar()
    )
    if not report.files:
        fail("no assessment files found in " + ", ".join(paths))
    # The text and github formats are read by a person; after any other the person gets
    # a one-line summary on stderr (unless --quiet).
    human_on_stdout = any(f in (Format.TEXT, Format.GITHUB) and t is None for f, t in targets)
    for fmt, target in targets:
        if fmt == Format.TEXT and target is None:
            if quiet:
                _errors_on_stderr(report)
                continue
        options = {"color": use_color(sys.stdout)} if fmt == Format.TEXT and target is None else {}
        write_output(render(fmt, report, **options), target)
    if Format.GITHUB in formats:
        _step_summary(report)
    if not quiet and not human_on_stdout:
        total = len(report.files)
        typer.echo(
            f"readiness: {total} file{'s' if total != 1 else ''} checked: {report.invalid} "
            f"invalid, {report.below_bar} below the bar",
            err=True,
        )
    raise typer.Exit(report.exit_code)


def _errors_on_stderr(report: BatchReport) -> None:
    """--quiet keeps the errors of invalid files, in the `file:line:col:` form editors read."""
    from readiness.reporters.base import plain

    for item in report.files:
        for error in item.errors:
            where = f"{plain(error.path)}: " if error.path else ""
            typer.echo(
                f"{plain(item.path)}:{error.line}:{error.column}: error: {where}"
                f"{plain(error.message)}",
                err=True,
            )


def _step_summary(report: BatchReport) -> None:
    """Append the Markdown summary to the job summary file GitHub Actions names."""
    import os

    from readiness.reporters.github import summary

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary(report) + "\n")
    except OSError as exc:
        typer.echo(
            f"readiness: warning: cannot append the job summary to {target}: "
            f"{exc.strerror or exc}",
            err=True,
        )


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(validate)
