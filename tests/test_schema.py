"""Schema errors name the path, line and column and say how to fix the file; the JSON
Schema that `readiness schema` prints is accepted by check-jsonschema for every example."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from readiness.loader import loads
from readiness.model import parse_duration
from readiness.schema import InvalidAssessment, SchemaError, json_schema, validate
from tests.common import EXAMPLES, HEADER
from tests.test_cli_validate import assert_usage_error, cli


def errors(text: str) -> list[SchemaError]:
    with pytest.raises(InvalidAssessment) as caught:
        validate(loads(text, "t.yaml"))
    return caught.value.errors


def only(text: str) -> SchemaError:
    (error,) = errors(text)
    return error


def where(error: SchemaError) -> tuple[str, int, int]:
    return error.path, error.line, error.column


def valid(text: str) -> None:
    validate(loads(text, "t.yaml"))


# --- unknown keys, at every level ------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "path", "line", "column", "hint"),
    [
        (HEADER + "workflw: {status: in_progress}\n", "workflw", 10, 1, "workflow"),
        (HEADER + "  operater: Northwind\n", "initiative.operater", 10, 3, "operator"),
        (HEADER + "workflow:\n  status: in_progress\n  proces: x\n", "workflow.proces", 12, 3,
         "process"),
        (HEADER + "workflow:\n  status: in_progress\n  friction: {metrc: AHT}\n",
         "workflow.friction.metrc", 12, 14, "metric"),
        (HEADER + "data_pipeline:\n  status: in_progress\n  sources:\n"
         "    - name: CRM\n      kind: crm\n      freshnes: PT1M\n",
         "data_pipeline.sources[0].freshnes", 15, 7, "freshness"),
        (HEADER + "workflow:\n  status: in_progress\n  process_owner: {nmae: Dana}\n",
         "workflow.process_owner.nmae", 12, 19, "name"),
        (HEADER + "  assessors:\n    - {name: Sam, rol: analyst}\n",
         "initiative.assessors[0].rol", 11, 19, "role"),
        (HEADER + "decision_boundaries:\n  status: in_progress\n  actions:\n"
         "    - {action: a, authority: autonomous, limit: {amount: 1, currency: CAD, amout: 2}}\n",
         "decision_boundaries.actions[0].limit.amout", 13, 76, "amount"),
        (HEADER + "governance:\n  status: in_progress\n  regulations:\n"
         "    - {id: PIPEDA, status: compliant, reviewd_on: 2026-01-01}\n",
         "governance.regulations[0].reviewd_on", 13, 39, "reviewed_on"),
        (HEADER + "waivers:\n  - {rule: DAT001, reason: r, approved_by: {name: A, rle: B},"
         " expires_on: 2027-01-01}\n", "waivers[0].approved_by.rle", 11, 54, "role"),
    ],
)
def test_unknown_key_is_named_with_a_suggestion(
    section: str, path: str, line: int, column: int, hint: str
) -> None:
    error = only(section)
    assert where(error) == (path, line, column)
    assert f"unknown key '{path.rsplit('.', 1)[-1]}'" in error.message
    assert f"did you mean '{hint}'?" in error.message


def test_unknown_key_without_a_near_match_has_no_suggestion() -> None:
    error = only(HEADER + "budget: 5\n")
    assert error.message == "unknown key 'budget' in the top level"


# --- required keys, types, enums -------------------------------------------------------------


def test_missing_required_keys_point_at_the_parent() -> None:
    found = errors(HEADER + "data_pipeline:\n  status: in_progress\n  sources:\n"
                            "    - {kind: crm}\n  notes: x\n")
    assert [where(e) for e in found] == [("data_pipeline.sources[0].name", 13, 7)]
    assert found[0].message == "missing required key 'name'"
    top = errors("schema_version: 1\nworkflow:\n  notes: x\n")
    assert [where(e) for e in top] == [("initiative", 1, 1), ("workflow.status", 2, 1)]


@pytest.mark.parametrize(
    ("line", "got"),
    [
        ('  monthly_volume: "180000"\n', "str '180000'"),
        ("  monthly_volume: true\n", "bool True"),
        ("  monthly_volume: 1.5\n", "1.5"),
        ('  friction: {baseline: "11.4"}\n', "str '11.4'"),
        ("  friction: {baseline: false}\n", "bool False"),
    ],
)
def test_numbers_are_not_read_from_strings_or_booleans(line: str, got: str) -> None:
    error = only(HEADER + "workflow:\n  status: in_progress\n" + line)
    assert error.line == 12
    assert got in error.message


def test_enum_value_with_a_suggestion() -> None:
    error = only(HEADER.replace("stage: pilot", "stage: piolt"))
    assert where(error) == ("initiative.stage", 7, 3)
    assert "got 'piolt'" in error.message and "did you mean 'pilot'?" in error.message
    far = only(HEADER.replace("stage: pilot", "stage: launched"))
    assert "did you mean" not in far.message and "'production'" in far.message


# --- gate dates -------------------------------------------------------------------------------


def gate(lines: str) -> str:
    return HEADER + "workflow:\n" + lines


def test_completed_on_required_when_complete() -> None:
    error = only(gate("  status: complete\n"))
    assert where(error) == ("workflow.completed_on", 10, 1)
    assert "required when status is complete" in error.message


def test_completed_on_not_allowed_unless_complete() -> None:
    error = only(gate("  status: in_progress\n  completed_on: 2026-02-01\n"))
    assert where(error) == ("workflow.completed_on", 12, 3)
    assert "only allowed when status is complete" in error.message


def test_completed_on_not_before_started_on() -> None:
    error = only(gate("  status: complete\n  started_on: 2026-03-01\n  completed_on: 2026-02-01\n"))
    assert where(error) == ("workflow.completed_on", 13, 3)
    assert "2026-02-01 is before started_on 2026-03-01" in error.message
    valid(gate("  status: complete\n  started_on: 2026-03-01\n  completed_on: 2026-03-01\n"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a calendar date"),
        ("yesterday", "'yesterday' is not a calendar date"),
        ("2026-03-01T10:00:00", "not a date and time"),
        ("2026-3-1", "'2026-3-1' is not a calendar date"),
        ("20260301", "expected an ISO 8601 date"),
    ],
)
def test_dates_are_calendar_dates(value: str, message: str) -> None:
    error = only(gate(f"  status: in_progress\n  started_on: {value}\n"))
    assert where(error) == ("workflow.started_on", 12, 3)
    assert message in error.message


def test_durations_are_iso_8601_with_a_hint() -> None:
    pipeline = HEADER + "data_pipeline:\n  status: in_progress\n  decision_latency: VALUE\n"
    error = only(pipeline.replace("VALUE", "2 minutes"))
    assert where(error) == ("data_pipeline.decision_latency", 12, 3)
    assert "'2 minutes' is not an ISO 8601 duration" in error.message
    assert "PT15M" in error.message
    for good in ("PT2M", "P1D", "P90D", "PT1H30M", "P1Y", "P2W"):
        valid(pipeline.replace("VALUE", good))
    for bad in ("P", "PT", "2M", "pt2m", "120"):
        assert "ISO 8601 duration" in only(pipeline.replace("VALUE", bad)).message


def test_durations_may_have_a_fraction_on_their_last_component() -> None:
    """ISO 8601 allows a decimal fraction, with `.` or `,`, on the smallest component."""
    pipeline = HEADER + "data_pipeline:\n  status: in_progress\n  decision_latency: VALUE\n"
    for good in ("PT1.5H", "PT0.5H", "P0,5D", "PT2.5M", "PT0.25S", "P1DT1.5H"):
        valid(pipeline.replace("VALUE", good))
    for bad in ("PT1.5H30M", "P1.5DT2H", "PT1.H", "PT.5H"):
        assert "ISO 8601 duration" in only(pipeline.replace("VALUE", bad)).message
    assert parse_duration("PT1.5H") == parse_duration("PT90M")
    assert parse_duration("P0,5D") == parse_duration("PT12H")


# --- other constraints -------------------------------------------------------------------------


def test_schema_version_must_be_1() -> None:
    for value in ("2", "'1'", "true", "1.0"):
        error = only(HEADER.replace("schema_version: 1", f"schema_version: {value}"))
        assert where(error) == ("schema_version", 1, 1)
        assert "schema_version must be 1" in error.message


def test_initiative_id_is_a_slug() -> None:
    for bad in ("Billing-Copilot", "-copilot", "billing_copilot", "billing copilot"):
        error = only(HEADER.replace("id: test-initiative", f"id: {bad}"))
        assert where(error) == ("initiative.id", 3, 3)
        assert "is not a lowercase slug" in error.message
    valid(HEADER.replace("id: test-initiative", "id: 5g-ran-copilot"))
    # The slug it could be is suggested; none when nothing of it is a letter or a digit.
    error = only(HEADER.replace("id: test-initiative", "id: Ticket Classifier Québec"))
    assert error.message.endswith("; did you mean 'ticket-classifier-quebec'?")
    error = only(HEADER.replace("id: test-initiative", "id: '---'"))
    assert "did you mean" not in error.message


def test_person_needs_a_name_or_a_role() -> None:
    error = only(HEADER.replace("{name: Priya Raman, role: VP Customer Care}", "{}"))
    assert where(error) == ("initiative.accountable_owner", 8, 3)
    assert "a person needs a name, a role, or both" in error.message
    valid(HEADER.replace("{name: Priya Raman, role: VP Customer Care}", "{role: VP Care}"))
    valid(HEADER.replace("{name: Priya Raman, role: VP Customer Care}", '"Priya Raman, VP"'))
    assert "at least 1 character" in only(
        HEADER.replace("{name: Priya Raman, role: VP Customer Care}", '""')).message


def test_regulation_other_needs_a_name() -> None:
    section = HEADER + "governance:\n  status: in_progress\n  regulations:\n    - VALUE\n"
    error = only(section.replace("VALUE", "{id: OTHER, status: in_review}"))
    assert where(error) == ("governance.regulations[0]", 13, 7)
    assert "name is required when id is OTHER" in error.message
    valid(section.replace("VALUE", "{id: OTHER, name: Telecommunications Act, status: in_review}"))


def test_waiver_with_an_unknown_rule_and_missing_fields() -> None:
    found = errors(HEADER + "waivers:\n"
                   "  - {rule: DAT01, reason: r, approved_by: A, expires_on: 2027-01-01}\n"
                   "  - {rule: OUT002}\n")
    assert [where(e) for e in found] == [
        ("waivers[0].rule", 11, 6),
        ("waivers[1].reason", 12, 5),
        ("waivers[1].approved_by", 12, 5),
        ("waivers[1].expires_on", 12, 5),
    ]
    assert "unknown rule ID 'DAT01' in a waiver; did you mean 'DAT001'?" == found[0].message


def test_override_rate_is_a_ratio() -> None:
    section = HEADER + (
        "governance:\n  status: in_progress\n  override_tracking: {override_rate: VALUE}\n"
    )
    for bad in ("1.5", "-0.1"):
        error = only(section.replace("VALUE", bad))
        assert where(error) == ("governance.override_tracking.override_rate", 12, 23)
    for good in ("0", "1", "0.46"):
        valid(section.replace("VALUE", good))


def test_amounts_are_not_negative_but_metric_values_may_be() -> None:
    outcomes = HEADER + "outcomes:\n  status: in_progress\n"
    error = only(outcomes + "  roi: {annual_benefit: -5}\n")
    assert where(error) == ("outcomes.roi.annual_benefit", 12, 9)
    assert "greater than or equal to 0" in error.message
    assert only(outcomes + "  roi: {one_time_costs: {integration: -1}}\n").path == (
        "outcomes.roi.one_time_costs.integration")
    assert only(HEADER + "workflow: {status: in_progress, monthly_volume: -3}\n").path == (
        "workflow.monthly_volume")
    valid(outcomes + "  metrics:\n    - {name: NPS, kind: business, baseline: -12, target: 5,"
                     " current: -4}\n")


def test_limit_amount_may_be_zero_but_not_negative() -> None:
    boundaries = HEADER + ("decision_boundaries:\n  status: in_progress\n  actions:\n"
                           "    - {action: Reboot, authority: autonomous,"
                           " limit: {amount: VALUE, currency: CAD}}\n")
    valid(boundaries.replace("VALUE", "0"))
    error = only(boundaries.replace("VALUE", "-1"))
    assert where(error) == ("decision_boundaries.actions[0].limit.amount", 13, 55)


def test_only_the_fields_marked_required_are_required() -> None:
    """docs/format.md, "Field reference": fields are optional unless marked required; a
    stakeholder's group, a limit's amount and currency, a security review's status, an
    offline metric's name and value, and a rollout step's date and count are not marked."""
    valid(HEADER + "  stakeholders: [{name: AI Lab}, {}]\n"
          + "integration:\n  status: in_progress\n  security_review: {completed_on: 2026-04-02}\n"
          + "decision_boundaries:\n  status: in_progress\n  actions:\n"
          + "    - {action: a, authority: autonomous, limit: {amount: 5}}\n"
          + "    - {action: b, authority: autonomous, limit: {currency: CAD}}\n"
          + "model: {offline_metrics: [{name: accuracy}, {value: 0.9}]}\n"
          + "rollout: {history: [{on: 2026-04-10}, {users_enabled: 40}]}\n")


def test_several_errors_are_all_reported_sorted_by_line() -> None:
    text = (
        HEADER.replace("stage: pilot", "stage: piolt")
        + "workflow:\n  status: complete\n  proces: x\n"
        + "data_pipeline:\n  status: in_progress\n  decision_latency: 2 minutes\n"
        + "waivers:\n  - {rule: SEQ01, reason: r, approved_by: A, expires_on: 2027-01-01}\n"
    )
    found = errors(text)
    assert [e.path for e in found] == [
        "initiative.stage", "workflow.completed_on", "workflow.proces",
        "data_pipeline.decision_latency", "waivers[0].rule",
    ]
    assert [e.line for e in found] == sorted(e.line for e in found)


def test_several_errors_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(HEADER.replace("stage: pilot", "stage: piolt")
                    + "workflow:\n  status: complete\n  proces: x\n")
    proc = cli("validate", str(path))
    assert_usage_error(
        proc,
        f"{path}:7:3: ERROR initiative.stage:",
        f"{path}:10:1: ERROR workflow.completed_on: completed_on is required",
        f"{path}:12:3: ERROR workflow.proces: unknown key 'proces' in workflow; "
        "did you mean 'process'?",
    )
    lines = [line for line in proc.stdout.splitlines() if " ERROR " in line]
    assert len(lines) == 3


# --- the JSON Schema of the file format ---------------------------------------------------------


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proc = cli("schema")
    assert proc.returncode == 0, proc.stderr
    path = tmp_path_factory.mktemp("schema") / "assessment.schema.json"
    path.write_text(proc.stdout)
    return path


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    program = Path(sys.executable).with_name("check-jsonschema")  # beside this Python
    if not program.exists():
        pytest.skip("check-jsonschema is not installed beside this Python")
    return subprocess.run(
        [str(program), "--schemafile", str(schema),
         *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )


def test_readiness_schema_is_draft_2020_12() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_check_jsonschema_accepts_every_example(schema_file: Path) -> None:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 6
    proc = check_jsonschema(schema_file, *examples)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_jsonschema_rejects_unknown_key_and_bad_enum(
    schema_file: Path, tmp_path: Path
) -> None:
    typo = tmp_path / "typo.yaml"
    typo.write_text(HEADER + "workflow:\n  status: in_progress\n  proces: x\n")
    enum = tmp_path / "enum.yaml"
    enum.write_text(HEADER.replace("stage: pilot", "stage: piolt"))
    date = tmp_path / "date.yaml"
    date.write_text(HEADER.replace("2026-11-20", "20 November 2026"))
    for bad, expected in ((typo, "proces"), (enum, "piolt"), (date, "20 November 2026")):
        proc = check_jsonschema(schema_file, bad)
        assert proc.returncode == 1, proc.stdout
        assert expected in proc.stdout


def test_schema_describes_dates_as_iso_strings_which_check_jsonschema_reads() -> None:
    # check-jsonschema reads YAML timestamps as strings (its ruamel loader maps the
    # timestamp tag to str), so dates are strings in the format `date`.
    schema = json_schema()
    assessed_on = schema["$defs"]["Initiative"]["properties"]["assessed_on"]
    assert assessed_on["type"] == "string" and assessed_on["format"] == "date"
    from check_jsonschema.parsers.yaml import construct_yaml_implementation

    data = construct_yaml_implementation().load("day: 2026-03-15\non: 2026-03-16\n")
    assert data == {"day": "2026-03-15", "on": "2026-03-16"}


def test_schema_and_model_agree_on_conditional_fields() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    base = yaml.safe_load(HEADER)
    base["initiative"]["assessed_on"] = "2026-11-20"
    complete = {**base, "workflow": {"status": "complete"}}
    assert not validator.is_valid(complete)
    assert validator.is_valid({**base, "workflow": {"status": "complete",
                                                    "completed_on": "2026-01-01"}})
    assert not validator.is_valid({**base, "workflow": {"status": "in_progress",
                                                        "completed_on": "2026-01-01"}})
    other = {**base, "governance": {"status": "in_progress",
                                    "regulations": [{"id": "OTHER", "status": "gap"}]}}
    assert not validator.is_valid(other)
    nobody = json.loads(json.dumps(base))
    nobody["initiative"]["accountable_owner"] = {}
    assert not validator.is_valid(nobody)
    assert validator.is_valid(base)


# --- open questions ----------------------------------------------------------------------


def question(field: str) -> str:
    """An open question about `field`, at line 11."""
    return (HEADER + "open_questions:\n"
            f"  - {{field: '{field}', ask: Data engineering, raised_on: 2026-11-20}}\n")


@pytest.mark.parametrize("field", [
    "data_pipeline.sources[0].freshness",
    "initiative.jurisdictions[1]",  # an item of a list of values
    "initiative.accountable_owner.role",
    "outcomes.roi",  # a whole section
    "rollout.users_total",
    "model.offline_metrics[0].value",
])
def test_an_open_question_about_a_known_field(field: str) -> None:
    valid(question(field))


@pytest.mark.parametrize(("field", "problem"), [
    ("data_pipeline.sourcs[0].freshness",
     "no 'sourcs' in data_pipeline; did you mean 'data_pipeline.sources[0].freshness'?"),
    ("modle.started_on", "no 'modle' in the top level; did you mean 'model.started_on'?"),
    ("initiative.stakeholders[1].budget", "no 'budget' in initiative.stakeholders[1]"),
    ("workflow.process[0]", "'process' is not a list"),
    ("data_pipeline.sources[0][1].owner", "'sources' takes one list position, as in 'sources[0]'"),
    ("initiative.jurisdictions[0][0]",
     "'jurisdictions' takes one list position, as in 'jurisdictions[0]'"),
    ("workflow.process.name", "workflow.process has no fields"),
    ("data pipeline", "(fields joined by dots, list items as [0])"),
])
def test_an_open_question_about_an_unknown_field(field: str, problem: str) -> None:
    error = only(question(field))
    assert where(error) == ("open_questions[0].field", 11, 6)
    assert error.message.startswith(f"open question about an unknown field: '{field}'")
    assert error.message.endswith(problem)


def test_an_unknown_field_is_reported_with_the_other_errors() -> None:
    found = errors(question("workflow.proces").replace("stage: pilot", "stage: piolt"))
    assert [e.path for e in found] == ["initiative.stage", "open_questions[0].field"]


def test_an_open_question_needs_its_field_ask_and_date() -> None:
    found = errors(HEADER + "open_questions:\n  - {note: worst-case age}\n")
    assert [e.path for e in found] == [
        "open_questions[0].field", "open_questions[0].ask", "open_questions[0].raised_on",
    ]
