"""`readiness rules` and `readiness schema`: the catalogue and the file format, as reference."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from readiness.cli.common import Lang, fail, use_color, use_language, write_output


class CatalogueFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


def rules(
    rule_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A rule ID such as DAT001.")
    ] = None,
    format: Annotated[
        CatalogueFormat, typer.Option("--format", "-f", help="text, md (docs/rules.md) or json.")
    ] = CatalogueFormat.TEXT,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
    lang: Lang = None,
) -> None:
    """List the rule catalogue, or explain one rule with a failing and a passing example.

    `readiness rules DAT001` says when the rule fires, why it matters and how to fix it.
    `readiness rules --format md` writes the reference published as docs/rules.md.
    """
    import json

    use_language(lang)
    from readiness.reporters import catalogue
    from readiness.rules import REGISTRY
    from readiness.schema import suggest

    if rule_id is not None:
        rule = REGISTRY.get(rule_id.upper())
        if rule is None:
            hint = suggest(rule_id.upper(), list(REGISTRY))
            fail(f"unknown rule {rule_id!r}" + (f"; did you mean {hint}?" if hint else ""))
        rules_shown = [rule]
    else:
        rules_shown = list(REGISTRY.values())
    if format == CatalogueFormat.JSON:
        payload = [
            {
                "id": r.id, "name": r.name, "severity": r.severity.value,
                "severity_note": r.severity_note,
                "gate": r.gate.value if r.gate else None, "always": r.always,
                "fires_when": r.summary, "principle": r.principle,
                "remediation": r.remediation, "failing": r.failing, "passing": r.passing,
            }
            for r in rules_shown
        ]
        write_output(json.dumps(payload, indent=2) + "\n", output)
    elif format == CatalogueFormat.MD:
        if rule_id is not None:
            fail("--format md renders the whole catalogue; leave out the rule ID")
        write_output(catalogue.markdown(), output)
    elif rule_id is not None:
        write_output(catalogue.explain(rules_shown[0]), output)
    else:
        write_output(_table(rules_shown, color=output is None and use_color()), output)


def _table(shown: list, color: bool) -> str:  # type: ignore[type-arg]
    import io

    from rich.console import Console
    from rich.table import Table

    from readiness.i18n import _
    from readiness.reporters.catalogue import gate_label

    table = Table(show_edge=False, pad_edge=False)
    for column in ("ID", _("name"), _("severity"), _("gate"), _("fires when")):
        table.add_column(column, overflow="fold")
    for rule in shown:
        table.add_row(rule.id, rule.name, rule.severity.value, gate_label(rule), _(rule.summary))
    buffer = io.StringIO()
    Console(file=buffer, width=160, force_terminal=color, no_color=not color, markup=False).print(
        table
    )
    return buffer.getvalue() + "\n" + _("Explain one rule: readiness rules ID") + "\n"


def schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the assessment file.

    For editors and other validators, e.g. check-jsonschema or VS Code's YAML extension.
    """
    import json

    from readiness.schema import json_schema

    write_output(json.dumps(json_schema(), indent=2) + "\n", output)


def register(app: typer.Typer) -> None:
    app.command()(rules)
    app.command()(schema)
