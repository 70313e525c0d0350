"""`readiness rules`: the rule catalogue, or one rule explained."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.choices import RulesFormat
from readiness.cli.common import Lang, fail, use_color, use_language, write_output
from readiness.i18n import _


def rules(
    rule_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A rule ID such as DAT001.")
    ] = None,
    format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="text, md (docs/rules.md) or json.")
    ] = RulesFormat.TEXT,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
    lang: Lang = None,
) -> None:
    """List the rule catalogue, or explain one rule with a failing and a passing example.

    `readiness rules DAT001` says when the rule fires, why it matters and how to fix it.
    `readiness rules --format md` writes the reference published as docs/rules.md.
    """
    use_language(lang)
    from readiness.reporters import RULES, resolve
    from readiness.reporters.catalogue import UnknownRule, chosen

    try:
        shown = chosen(rule_id)
    except UnknownRule as exc:
        fail(str(exc))
    if format == RulesFormat.MD and rule_id is not None:
        fail(_("--format md renders the whole catalogue; leave out the rule ID"))
    color = output is None and use_color()
    write_output(resolve(RULES[format])(shown, one=rule_id is not None, color=color), output)


def register(app: typer.Typer) -> None:
    app.command()(rules)
