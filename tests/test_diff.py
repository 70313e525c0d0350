"""`readiness diff`: deltas between two assessments of one initiative, findings matched by
rule and path, waivers, and the refusal to compare different initiatives."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from readiness.cli import app
from readiness.diff import DifferentInitiatives, compare
from readiness.engine import assess_file
from readiness.reporters.diff import render_json, render_markdown, render_text
from tests.common import EXAMPLES, ROOT, TODAY

SCHEMA = json.loads((ROOT / "docs/schemas/diff-output.schema.json").read_text())
OLD = EXAMPLES / "churn-accuracy-only.yaml"
BUSINESS_METRIC = (
    "    - {name: churn rate, kind: business, direction: decrease, baseline: 1.8, "
    "target: 1.5, owner: Retention desk}\n"
)
WAIVER = """
waivers:
  - rule: OUT002
    reason: "ROI model | under finance review <b>"
    approved_by: Office of the CFO
    expires_on: 2027-01-31
  - rule: GOV006
    reason: lapsed
    approved_by: Office of the CFO
    expires_on: 2026-01-31
"""


@pytest.fixture
def newer(tmp_path: Path) -> Path:
    """The churn example a month later: a business metric added (OUT001 resolved), OUT002
    waived, and a comment at the top that moves every line down by two."""
    text = OLD.read_text()
    marker = "  metrics:\n"
    text = text.replace(marker, marker + BUSINESS_METRIC, 1)
    text = "# revised after the October steering committee\n#\n" + text + WAIVER
    path = tmp_path / "churn-later.yaml"
    path.write_text(text)
    return path


def test_same_initiative_deltas_and_finding_matching(newer: Path) -> None:
    old, new = assess_file(OLD, today=TODAY), assess_file(newer, today=TODAY)
    diff = compare(old, new)
    assert [f.rule for f in old.active] == ["OWN003", "OWN003", "OUT001", "OUT002"]
    assert [c.current.rule for c in diff.resolved] == ["OUT001"]
    assert [c.current.rule for c in diff.still_open] == ["OWN003", "OWN003"]
    assert [c.current.rule for c in diff.now_waived] == ["OUT002"]  # waived, not resolved
    still = diff.now_waived[0]
    assert still.new is not None and still.old is not None
    assert still.new.line == still.old.line + 3  # moved, still matched by rule + path
    assert still.waiver_changed and still.new.waived
    assert [c.current.rule for c in diff.new_findings] == ["WAI001"]  # the lapsed waiver
    assert [c.rule for c in diff.waivers_added] == ["GOV006", "OUT002"]
    assert [w.rule for w in diff.waivers_expired] == ["GOV006"]
    assert diff.level_delta == new.level - old.level and diff.score_delta > 0
    outcomes = next(g for g in diff.gates if g.id.value == "outcomes")
    assert outcomes.changed and outcomes.new_score > outcomes.old_score
    workflow = next(g for g in diff.gates if g.id.value == "workflow")
    assert not workflow.changed


def test_outputs(newer: Path) -> None:
    diff = compare(assess_file(OLD, today=TODAY), assess_file(newer, today=TODAY))
    document = json.loads(render_json(diff))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert [f["rule"] for f in document["findings"]["resolved"]] == ["OUT001"]
    assert document["findings"]["now_waived"][0]["old_waived"] is False
    text = render_text(diff)
    assert "Resolved findings (1)" in text and "now waived" in text
    markdown = render_markdown(diff)
    assert "<b>" not in markdown and "&lt;b&gt;" in markdown
    assert "ROI model \\| under finance review" in markdown


def test_different_initiatives_are_refused_unless_forced() -> None:
    one = assess_file(OLD, today=TODAY)
    other = assess_file(EXAMPLES / "care-copilot-ready.yaml", today=TODAY)
    with pytest.raises(DifferentInitiatives):
        compare(one, other)
    assert not compare(one, other, force=True).same_initiative


def test_command(newer: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(app, ["diff", str(OLD), str(newer), "--today", "2026-11-25"])
    assert same.exit_code == 0, same.output
    assert "level" in same.stdout and "Resolved findings (1)" in same.stdout
    other = EXAMPLES / "care-copilot-ready.yaml"
    refused = runner.invoke(app, ["diff", str(OLD), str(other)])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr and refused.stdout == ""
    forced = runner.invoke(app, ["diff", str(OLD), str(other), "--force", "--format", "json"])
    assert forced.exit_code == 0
    assert json.loads(forced.stdout)["same_initiative"] is False
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ninitiative: {id: x\n")
    invalid = runner.invoke(app, ["diff", str(OLD), str(bad)])
    assert invalid.exit_code == 2 and f"{bad}:" in invalid.stderr


def test_report_compare_shows_the_diff_a_finding_now_waived_is_not_resolved(
    newer: Path,
) -> None:
    from readiness.reporters import markdown
    from readiness.reporters.report_view import build

    old, new = assess_file(OLD, today=TODAY), assess_file(newer, today=TODAY)
    changes = compare(old, new)
    view = build(new, previous=old).comparison
    assert view is not None
    assert [f.rule for f in view.resolved_findings] == [c.current.rule for c in changes.resolved]
    assert [f.rule for f in view.waived_findings] == [c.current.rule for c in changes.now_waived]
    assert [f.rule for f in view.new_findings] == [c.current.rule for c in changes.new_findings]
    assert [f.rule for f in view.waived_findings] == ["OUT002"]
    assert "OUT002" not in [f.rule for f in view.resolved_findings]
    text = markdown.render(build(new, previous=old))
    waived = text.split("**Now waived, not resolved (1)**")[1]
    assert "OUT002" in waived.split("---")[0]
    resolved = text.split("**Resolved findings (1)**")[1].split("**Now waived")[0]
    assert "OUT001" in resolved and "OUT002" not in resolved
