"""`--format sarif`: SARIF 2.1.0 that validates against the OASIS schema and carries what
GitHub code scanning reads (rules table, ruleIndex, levels, regions, relative URIs,
stable fingerprints, suppressions for waivers)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest

from readiness.choices import Format
from readiness.packs import load_pack
from readiness.resources import rules_url
from readiness.rules import REGISTRY
from readiness.thresholds import Bar, Thresholds
from tests.common import EXAMPLES, HEADER, ROOT, TODAY, BatchReport, checked, rendered, sarif_log

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
ENV = {"GITHUB_WORKSPACE": str(ROOT)}


def report_of(*paths: str | Path) -> BatchReport:
    return checked(paths, load_pack(None), Thresholds(), TODAY, Bar())


def document(*paths: str | Path, base: str | None = None) -> dict[str, Any]:
    log: dict[str, Any] = sarif_log(report_of(*paths), environ=ENV, rules_base=base)
    return log


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_validates_against_the_sarif_schema(example: Path) -> None:
    log = json.loads(rendered(Format.SARIF, report_of(example), environ=ENV))
    errors = sorted(VALIDATOR.iter_errors(log), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    assert log["version"] == "2.1.0" and log["$schema"]
    assert len(log["runs"]) == 1


def test_the_schema_check_can_fail() -> None:
    log = document(EXAMPLES / "churn-accuracy-only.yaml")
    del log["runs"][0]["tool"]["driver"]["name"]
    log["runs"][0]["results"][0]["level"] = "blocker"
    assert len(list(VALIDATOR.iter_errors(log))) == 2


def test_rules_table_has_every_rule_with_descriptions_help_and_properties() -> None:
    driver = document(EXAMPLES / "care-copilot-ready.yaml")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "readiness" and driver["version"]
    assert "informationUri" not in driver  # no address is invented
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [*REGISTRY, "SCHEMA"]
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert "readiness" in rule["properties"]["tags"]
    dat001 = driver["rules"][ids.index("DAT001")]
    assert dat001["name"] == "stale-data"
    assert dat001["properties"]["gate"] == "data_pipeline"
    assert "```yaml" in dat001["help"]["markdown"]


def test_help_uri_points_at_the_rule_anchor_only_when_the_page_is_known() -> None:
    base = "https://example.org/readiness/blob/main/docs/rules.md"
    rules = document(EXAMPLES / "care-copilot-ready.yaml", base=base)["runs"][0]["tool"]["driver"]
    dat001 = next(r for r in rules["rules"] if r["id"] == "DAT001")
    assert dat001["helpUri"] == base + "#dat001-stale-data"
    # the anchor is the heading GitHub renders for `## DAT001 stale-data` in docs/rules.md
    assert "## DAT001 stale-data" in (ROOT / "docs" / "rules.md").read_text()
    assert urlsplit(dat001["helpUri"]).scheme == "https"
    unknown = document(EXAMPLES / "care-copilot-ready.yaml", base="")["runs"][0]["tool"]["driver"]
    assert all("helpUri" not in rule for rule in unknown["rules"])
    assert rules_url({"READINESS_RULES_URL": base}) == base
    assert rules_url({"READINESS_RULES_URL": "docs/rules.md"}) is None  # not absolute


def test_results_map_severity_to_level_with_rule_index_region_and_relative_uri() -> None:
    log = document(EXAMPLES / "churn-accuracy-only.yaml")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"OUT001", "OUT002", "OWN003"}
    out001, out002 = by_rule["OUT001"], by_rule["OUT002"]
    assert out001["level"] == "error" and out002["level"] == "warning"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    location = out001["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "examples/churn-accuracy-only.yaml", "uriBaseId": "%SRCROOT%"
    }
    assert location["region"] == {"startLine": 121, "startColumn": 3}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"


def test_minor_is_note(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HEADER + "outcomes:\n  status: in_progress\n  metrics:\n"
                    "    - {name: handle time, kind: business, owner: Dana, target: 8}\n")
    results = sarif_log(report_of(path), environ={"GITHUB_WORKSPACE": str(tmp_path)})
    levels = {r["ruleId"]: r["level"] for r in results["runs"][0]["results"]}
    assert levels["OUT003"] == "note"
    assert results["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "a.yaml"


def test_fingerprints_follow_the_finding_not_the_line(tmp_path: Path) -> None:
    original = (EXAMPLES / "churn-accuracy-only.yaml").read_text()
    moved = tmp_path / "churn.yaml"
    moved.write_text("# a comment\n# and another\n" + original)
    before = document(EXAMPLES / "churn-accuracy-only.yaml")["runs"][0]["results"]
    after = document(moved)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before
    ]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in before]
    assert len(set(fingerprints)) == len(fingerprints)


def test_waived_findings_are_suppressed_with_the_justification() -> None:
    run = document(EXAMPLES / "predictive-maintenance-waivers.yaml")["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert suppressed
    for result in suppressed:
        (suppression,) = result["suppressions"]
        assert suppression["kind"] == "external"
        assert suppression["justification"]
        assert suppression["properties"]["approvedBy"]
        assert suppression["properties"]["expiresOn"]


def test_invalid_file_is_a_schema_result_at_error_level(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEADER.replace("stage: pilot", "stage: piolt"))
    log = sarif_log(report_of(bad), environ={"GITHUB_WORKSPACE": str(tmp_path)})
    assert not list(VALIDATOR.iter_errors(log))
    (result,) = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert result["ruleId"] == "SCHEMA" and rules[result["ruleIndex"]]["id"] == "SCHEMA"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    assert "initiative.stage" in result["message"]["text"]


def test_text_and_sarif_from_one_run(tmp_path: Path) -> None:
    target = tmp_path / "readiness.sarif"
    proc = subprocess.run(
        [sys.executable, "-m", "readiness", "validate", "examples/churn-accuracy-only.yaml",
         "--today", "2026-11-25", "--format", "text", "--format", "sarif", "--output",
         str(target)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": "", "NO_COLOR": "1", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 1, proc.stderr
    assert "BLOCKER OUT001" in proc.stdout  # the human log on stdout
    log = json.loads(target.read_text())  # the artefact in the file
    assert not list(VALIDATOR.iter_errors(log))
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"OUT001", "OUT002", "OWN003"}
