"""The rule documentation is honest: each rule's examples behave as `readiness rules ID` says,
every rule is fully documented, and the registry matches the catalogue of docs/rules.md and,
when the product specification is at hand, its catalogue table."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from readiness.findings import Severity
from readiness.rules import REGISTRY, Rule
from readiness.rules.base import example_document
from tests.common import ROOT, run

CATALOGUE_IDS = (
    "SEQ001", "SEQ002", "SEQ003", "SEQ004", "SEQ005", "SEQ006", "OWN001", "OWN002",
    "OWN003", "DAT001", "DAT002", "DAT003", "INT001", "INT002", "INT003", "DEC001",
    "DEC002", "DEC003", "DEC004", "OUT001", "OUT002", "OUT003", "OUT004", "GOV001",
    "GOV002", "GOV003", "GOV004", "GOV005", "GOV006", "GOV007", "WAI001", "OPN001",
    "OPN002",
)
"""The 33 rule IDs of docs/rules.md, in catalogue order."""

RULES = list(REGISTRY.values())
IDS = [rule.id for rule in RULES]


def spec_path() -> Path:
    """The product spec: `READINESS_SPEC`, else `../shared/SPEC.md` beside the checkout."""
    return Path(os.environ.get("READINESS_SPEC", ROOT.parent / "shared" / "SPEC.md"))


def spec_table() -> dict[str, list[str]]:
    """The product specification's catalogue table: id -> [name, severity, gate, fires when]."""
    path = spec_path()
    if not path.is_file():
        pytest.skip(f"the product spec is not at {path}; set READINESS_SPEC to its path")
    text = path.read_text(encoding="utf-8")
    section = text.split("## 4. Rule catalogue", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and re.fullmatch(r"[A-Z]{3}[0-9]{3}", cells[0]):
            rows[cells[0]] = cells[1:]
    return rows


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_the_failing_example_fires_the_rule(rule: Rule) -> None:
    result = run(example_document(rule.failing))
    assert rule.id in {f.rule for f in result.findings}, rule.failing


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_the_passing_example_does_not_fire_the_rule(rule: Rule) -> None:
    result = run(example_document(rule.passing))
    fired = [f.message for f in result.findings if f.rule == rule.id]
    assert fired == [], rule.passing


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_every_rule_is_fully_documented(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]{3}[0-9]{3}", rule.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name), rule.name
    assert isinstance(rule.severity, Severity)
    for text in (rule.summary, rule.principle, rule.remediation):
        assert len(text.split()) >= 3 and text.endswith("."), text  # a sentence, at least
    assert rule.failing.strip() and rule.passing.strip() and rule.failing != rule.passing


def test_registry_ids_are_the_catalogue_ids_in_order() -> None:
    assert tuple(REGISTRY) == CATALOGUE_IDS
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_registry_matches_the_spec_table() -> None:
    table = spec_table()
    assert tuple(table) == CATALOGUE_IDS
    for rule_id, (name, severity, gate, _fires_when) in table.items():
        rule = REGISTRY[rule_id]
        assert rule.name == name, rule_id
        # The default severity opens the cell or follows a qualifier ("blocker when live,
        # else major"): it must at least be named there.
        assert rule.severity.value in severity, rule_id
        if gate.startswith("as "):  # "as OPN001": charged like the rule it names
            gate = table[gate.removeprefix("as ")][2]
        if gate.startswith("the "):  # "the later gate", "the waived rule's gate"
            assert rule.gate is None, rule_id
        else:
            assert rule.gate is not None and rule.gate.value == gate, rule_id
