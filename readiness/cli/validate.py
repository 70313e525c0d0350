"""`readiness validate`: schema, scores and rules for CI, with exit codes a pipeline trusts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from readiness.cli.common import (
    Questionnaire,
    Today,
    fail,
    load_pack_or_fail,
    parse_today,
    use_color,
    write_output,
)
from readiness.options import FailOn, Format

HELP = """Validate assessment files: schema, gate scores, readiness level and rules.

PATHS are files, or folders searched recursively for *.yaml, *.yml and *.json files
that have a top-level `schema_version` key.

Exit codes: 0 every file is valid and meets the bar; 1 a valid file falls short of the
bar (--fail-on, --min-score, --min-level); 2 a file is invalid or the usage is wrong.

Several outputs from one run: give --format more than once and one --output per
artefact; outputs go to the last formats, in order, and the first format goes to stdout:

    readiness validate assessments/ --format text --format json --output readiness.json
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
        typer.Option("--format", "-f", help="Output format; repeat for several outputs."),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write an output to FILE."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when an unwaived finding is at least this severe."),
    ] = FailOn.BLOCKER,
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
) -> None:
    from readiness.batch import check_paths
    from readiness.reporters import render
    from readiness.settings import Bar, Thresholds

    formats = format or [Format.TEXT]
    targets = pair_outputs(formats, output or [])
    reference = parse_today(today)
    pack = load_pack_or_fail(questionnaire)
    bar = Bar(fail_on=fail_on, min_score=min_score, min_level=min_level)
    report = check_paths(paths, pack, Thresholds(), reference, bar)
    if not report.files:
        fail("no assessment files found in " + ", ".join(paths))
    for fmt, target in targets:
        options = {"color": use_color(sys.stdout)} if fmt == Format.TEXT and target is None else {}
        write_output(render(fmt, report, **options), target)
    raise typer.Exit(report.exit_code)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(validate)
