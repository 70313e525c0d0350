"""Helpers that make tests read like the spec: `check(yaml_text, expect=[("DAT001", 14)])`."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from readiness.engine import Result, assess
from readiness.loader import loads
from readiness.packs import load_pack
from readiness.schema import validate
from readiness.settings import Thresholds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = date(2026, 11, 25)

HEADER = """\
schema_version: 1
initiative:
  id: test-initiative
  name: Test initiative
  domain: customer_operations
  use_case: other
  stage: pilot
  accountable_owner: {name: Priya Raman, role: VP Customer Care}
  assessed_on: 2026-11-20
"""
"""A minimal valid assessment; tests append gate sections below it (lines 1-9)."""


def run(text: str, today: date = TODAY, thresholds: Thresholds | None = None,
        pack: str | None = None) -> Result:
    document = loads(textwrap.dedent(text), "test.yaml")
    return assess(document, validate(document), load_pack(pack), thresholds, today)


def check(
    text: str,
    expect: list[tuple[str, int]],
    rules: set[str] | None = None,
    **options: object,
) -> Result:
    """Assert exactly the findings (rule, line) of the listed rules, or of all rules."""
    result = run(text, **options)  # type: ignore[arg-type]
    found = sorted(
        (f.rule, f.line) for f in result.findings if rules is None or f.rule in rules
    )
    report = "\n".join(f"{f.rule} {f.line}: {f.message}" for f in result.findings)
    assert found == sorted(expect), report
    return result
