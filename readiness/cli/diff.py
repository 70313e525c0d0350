"""`readiness diff`: what changed between two assessments of one initiative."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from readiness.choices import DiffFormat
from readiness.cli.common import (
    Lang,
    Output,
    Questionnaire,
    Today,
    choose_packs_or_fail,
    fail,
    load_config_or_fail,
    parse_today,
    refuse_input_as_output,
    use_language,
    write_output,
)

if TYPE_CHECKING:
    from readiness.engine import Result
    from readiness.packs import PackSource
    from readiness.thresholds import Thresholds

HELP = """What changed between two assessments of one initiative.

Level, score and verdict; each gate's status, score and pass; findings new, resolved,
now waived and still open (matched by rule and evidence path, not by line, over every
finding of both files; each list shows at most 100, the most severe first, and says
how many more); waivers added, removed, changed and expired.

Exit codes: 0 the comparison was shown; 2 a file is invalid, or the two files assess
different initiatives (give --force to compare them anyway).
"""


def _assess_or_fail(path: str, pack: PackSource, thresholds: Thresholds, today: date) -> Result:
    """The result of one file with every finding (the comparison reads them all); an
    invalid file exits 2 with its errors (file:line:col)."""
    from readiness.batch import check_file
    from readiness.reporters.safe_text import error_lines
    from readiness.thresholds import Bar

    checked = check_file(path, pack, thresholds, today, Bar(), keep_all=True)
    if checked.result is None:
        fail("\n".join(error_lines(path, checked.errors, prefix="")))
    return checked.result


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier assessment.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later assessment.")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.TEXT
    ),
    output: Output = None,
    force: Annotated[
        bool, typer.Option("--force", help="Compare files of different initiatives.")
    ] = False,
    today: Today = None,
    lang: Lang = None,
    questionnaire: Questionnaire = None,
) -> None:
    from readiness.diff import DifferentInitiatives, compare
    from readiness.reporters import DIFF, resolve
    from readiness.reporters.safe_text import plain

    config = load_config_or_fail()

    use_language(lang, config)
    refuse_input_as_output([output], [old, new])
    packs = choose_packs_or_fail(questionnaire, config)
    reference = parse_today(today)
    before = _assess_or_fail(old, packs, config.thresholds, reference)
    after = _assess_or_fail(new, packs, config.thresholds, reference)
    try:
        changes = compare(before, after, force=force)
    except DifferentInitiatives as exc:
        fail(plain(str(exc)))
    write_output(resolve(DIFF[format])(changes), output)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(diff)
