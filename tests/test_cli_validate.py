"""`readiness validate` through the real command: exit codes, options, the JSON document
of docs/format.md, "Output" (checked against docs/schemas/validate-output.schema.json) and the
text format a person reads."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.common import EXAMPLES, HEADER, ROOT

OUTPUT_SCHEMA = ROOT / "docs" / "schemas" / "validate-output.schema.json"
TODAY = "2026-11-25"
READY = "examples/care-copilot-ready.yaml"  # level 6, ready, no unwaived finding
CHURN = "examples/churn-accuracy-only.yaml"  # one blocker (OUT001), one major (OUT002)
MODEL_FIRST = "examples/ticket-classifier-model-first.yaml"  # majors only, level 0
WAIVERS = "examples/predictive-maintenance-waivers.yaml"  # waivers expire 2027-02-28, 2027-03-31
ANSI = re.compile(r"\x1b\[")


def cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """Run `python -m readiness ARGS` as a user would, without colour unless `env` asks."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args],
        cwd=cwd, capture_output=True, text=True, env=environment, timeout=60,
    )


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The same command in-process (fast); an exception escapes and fails the test."""
    from typer.testing import CliRunner

    from readiness.cli import app

    environment: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": None}
    environment.update(env or {})
    result = CliRunner().invoke(app, list(args), env=environment, catch_exceptions=False)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def assert_usage_error(proc: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Exit 2, a message containing every `expected` text, and never a traceback."""
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2, output
    assert "Traceback" not in output, output
    for text in expected:
        assert text in output, output


def validate_json(*args: str) -> tuple[int, dict[str, Any]]:
    proc = run("validate", "--format", "json", "--today", TODAY, *args)
    return proc.returncode, json.loads(proc.stdout)


def output_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(OUTPUT_SCHEMA.read_text(encoding="utf-8"))
    return schema


# --- the JSON document ---------------------------------------------------------------------


def test_output_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = output_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_json_output_of_each_example_follows_the_output_schema(example: Path) -> None:
    code, document = validate_json(str(example.relative_to(ROOT)))
    jsonschema.Draft202012Validator(output_schema()).validate(document)
    (entry,) = document["files"]
    assert entry["valid"] is True and entry["errors"] == []
    assert [gate["order"] for gate in entry["gates"]] == [1, 2, 3, 4, 5, 6]
    assert document["summary"] == {
        "files": 1, "invalid": 0, "below_bar": 0 if code == 0 else 1,
    }


def test_json_output_of_valid_and_invalid_files_together(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(HEADER.replace("stage: pilot", "stage: pliot") + "workflow:\n  proces: x\n")
    code, document = validate_json(READY, CHURN, str(broken))
    assert code == 2  # the worst applies: one invalid file
    jsonschema.Draft202012Validator(output_schema()).validate(document)
    # The shape of docs/schemas/validate-output.schema.json, key by key.
    assert set(document) == {"tool", "files", "summary"}
    assert document["tool"]["name"] == "readiness"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", document["tool"]["version"])
    assert document["summary"] == {"files": 3, "invalid": 1, "below_bar": 1}
    ready, churn, invalid = document["files"]
    assert (ready["path"], ready["verdict"], ready["level"]) == (READY, "ready", 6)
    assert {"initiative", "score", "level", "verdict", "gates", "findings"} <= set(churn)
    assert set(churn["gates"][0]) >= {"id", "order", "status", "score", "passed"}
    finding = next(f for f in churn["findings"] if f["rule"] == "OUT001")
    assert finding == finding | {
        "name": "accuracy-only", "severity": "blocker", "gate": "outcomes",
        "path": "outcomes.metrics", "line": 121, "waived": False,
    }
    assert finding["message"] and finding["remediation"]
    # An invalid file: valid false, positioned errors, and no scores.
    assert invalid["valid"] is False
    assert not {"score", "level", "verdict", "gates", "findings"} & set(invalid)
    assert [(e["path"], e["line"], e["column"]) for e in invalid["errors"]] == [
        ("initiative.stage", 7, 3), ("workflow.status", 10, 1), ("workflow.proces", 11, 3),
    ]
    assert all(set(e) == {"message", "path", "line", "column"} for e in invalid["errors"])


def test_output_schema_rejects_a_document_that_breaks_the_contract() -> None:
    _, document = validate_json(READY)
    validator = jsonschema.Draft202012Validator(output_schema())
    scored_and_invalid = json.loads(json.dumps(document))
    scored_and_invalid["files"][0]["valid"] = False
    assert not validator.is_valid(scored_and_invalid)
    no_summary = {key: value for key, value in document.items() if key != "summary"}
    assert not validator.is_valid(no_summary)
    _, churn = validate_json(CHURN)
    assert validator.is_valid(churn)
    churn["files"][0]["findings"][0]["severity"] = "critical"
    assert not validator.is_valid(churn)


# --- exit codes ------------------------------------------------------------------------------


def test_several_files_the_worst_applies_and_every_file_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\ninitiative: [\n")
    ok = run("validate", "--today", TODAY, READY, MODEL_FIRST)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    short = run("validate", "--today", TODAY, READY, CHURN)
    assert short.returncode == 1
    invalid = cli("validate", "--today", TODAY, READY, CHURN, str(broken))
    assert invalid.returncode == 2
    for path in (READY, CHURN, str(broken)):
        assert path in invalid.stdout
    assert "3 files checked: 1 invalid, 1 below the bar" in invalid.stdout


def test_a_folder_is_searched_for_assessments(tmp_path: Path) -> None:
    (tmp_path / "team" / ".hidden").mkdir(parents=True)
    (tmp_path / "team" / "a.yaml").write_text((EXAMPLES / "care-copilot-ready.yaml").read_text())
    (tmp_path / "team" / ".hidden" / "b.yaml").write_text("schema_version: 1\n")
    (tmp_path / "team" / "ci.yml").write_text("on: push\njobs: {}\n")  # not an assessment
    (tmp_path / "notes.json").write_text('{"schema_version": 1}')
    code, document = validate_json(str(tmp_path))
    assert [Path(f["path"]).name for f in document["files"]] == ["notes.json", "a.yaml"]
    assert code == 2  # notes.json is an assessment without an initiative


@pytest.mark.parametrize(
    ("fail_on", "model_first", "churn"),
    [("blocker", 0, 1), ("major", 1, 1), ("minor", 1, 1), ("none", 0, 0)],
)
def test_fail_on(fail_on: str, model_first: int, churn: int) -> None:
    assert validate_json("--fail-on", fail_on, MODEL_FIRST)[0] == model_first
    assert validate_json("--fail-on", fail_on, CHURN)[0] == churn


def test_fail_on_minor_counts_a_minor_finding_that_major_ignores(tmp_path: Path) -> None:
    text = HEADER + (
        "outcomes:\n  status: in_progress\n  metrics:\n"
        "    - {name: AHT, kind: business, baseline: 10, target: 8, owner: Dana}\n"
        "    - {name: FCR, kind: service, owner: Dana}\n"
        "  roi: {annual_benefit: 10, one_time_costs: {integration: 1, change_management: 1}}\n"
    )
    path = tmp_path / "minor.yaml"
    path.write_text(text)
    _, document = validate_json(str(path))
    assert {f["rule"]: f["severity"] for f in document["files"][0]["findings"]} == {
        "OUT003": "minor"
    }
    assert validate_json("--fail-on", "major", str(path))[0] == 0
    assert validate_json("--fail-on", "minor", str(path))[0] == 1


def test_min_score_and_min_level() -> None:
    # The model-first classifier is at level 0 and has no blocker.
    score = validate_json(MODEL_FIRST)[1]["files"][0]["score"]
    assert validate_json("--min-score", str(score), MODEL_FIRST)[0] == 0
    code, document = validate_json("--min-score", str(score + 1), MODEL_FIRST)
    assert code == 1 and document["summary"]["below_bar"] == 1
    assert validate_json("--min-level", "0", MODEL_FIRST)[0] == 0
    assert validate_json("--min-level", "1", MODEL_FIRST)[0] == 1
    assert validate_json("--min-level", "6", READY)[0] == 0
    assert_usage_error(run("validate", "--min-level", "7", READY), "--min-level")
    assert_usage_error(run("validate", "--min-score", "101", READY), "--min-score")


def test_output_writes_the_file_and_keeps_stdout_clean(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    proc = cli("validate", "--format", "json", "--output", str(target), "--today", TODAY, READY)
    assert proc.returncode == 0
    assert proc.stdout == ""
    assert json.loads(target.read_text())["files"][0]["verdict"] == "ready"


def test_today_makes_a_waiver_expire() -> None:
    code, document = validate_json(WAIVERS)
    findings = document["files"][0]["findings"]
    assert code == 0 and all(f["waived"] for f in findings)
    assert "WAI001" not in {f["rule"] for f in findings}
    code, document = validate_json("--today", "2027-03-01", WAIVERS)  # GOV006's waiver lapsed
    findings = document["files"][0]["findings"]
    expired = [f for f in findings if f["rule"] == "WAI001"]
    assert len(expired) == 1 and "2027-02-28" in expired[0]["message"]
    gov006 = next(f for f in findings if f["rule"] == "GOV006")
    assert gov006["waived"] is False
    assert validate_json("--today", "2027-03-01", "--fail-on", "minor", WAIVERS)[0] == 1


# --- usage errors ------------------------------------------------------------------------


def test_unknown_option_is_a_usage_error() -> None:
    assert_usage_error(cli("validate", "--frobnicate", READY), "--frobnicate")


def test_bad_today_is_a_usage_error() -> None:
    assert_usage_error(cli("validate", "--today", "2026-02-30", READY), "--today", "YYYY-MM-DD")
    assert_usage_error(run("validate", "--today", "tomorrow", READY), "'tomorrow'")


def test_unknown_questionnaire_is_a_usage_error() -> None:
    assert_usage_error(
        cli("validate", "--questionnaire", "telecom-nowhere", READY),
        "unknown questionnaire pack 'telecom-nowhere'", "telecom-customer-ops",
    )


def test_a_folder_without_assessments_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("retries: 3\n")
    assert_usage_error(cli("validate", str(tmp_path)), "no assessment files found", str(tmp_path))


# --- the text format ---------------------------------------------------------------------


def test_text_format_finding_lines_gate_table_and_verdict() -> None:
    proc = cli("validate", "--today", TODAY, CHURN)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert (
        f"{CHURN}:121:3: BLOCKER OUT001 accuracy-only: No business or service metric has both"
        in proc.stdout
    )
    finding_lines = [line for line in lines if re.match(rf"{re.escape(CHURN)}:\d", line)]
    assert len(finding_lines) == 4  # OUT001, OUT002 and OWN003 twice
    for line in finding_lines:
        assert re.match(rf"{re.escape(CHURN)}:\d+:\d+: (BLOCKER|MAJOR|MINOR) [A-Z]{{3}}\d{{3}} "
                        r"[a-z-]+: .+", line), line
    table = [line for line in lines if re.match(r"\s*[1-6] [│|] ", line)]
    assert len(table) == 6 and "Outcomes" in table[4] and "1 blocker" in table[4]
    assert "Verdict: Not ready: blocked at gate 5, Outcomes  level 4/6, score 90/100" in lines
    assert not ANSI.search(proc.stdout)


def test_text_format_marks_waived_findings() -> None:
    proc = run("validate", "--today", TODAY, WAIVERS)
    assert re.search(r":146:3: waived MAJOR OUT002 roi-trap: .*\[waived until 2027-03-31: ",
                     proc.stdout)


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, True),
        ({"NO_COLOR": "1"}, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins
            ({}, False),  # not a terminal
    ],
)
def test_colour_honours_no_color(env: dict[str, str], coloured: bool) -> None:
    proc = run("validate", "--today", TODAY, CHURN, env=env)
    assert bool(ANSI.search(proc.stdout)) is coloured
    assert "BLOCKER OUT001" in proc.stdout or coloured


def test_no_color_wins_in_the_real_command() -> None:
    forced = cli("validate", "--today", TODAY, CHURN, env={"FORCE_COLOR": "1"})
    assert ANSI.search(forced.stdout)
    both = cli("validate", "--today", TODAY, CHURN, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not ANSI.search(both.stdout + both.stderr)
    assert both.returncode == forced.returncode == 1
