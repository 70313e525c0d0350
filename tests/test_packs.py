"""Questionnaire packs: the checked-in pack schema is current, both shipped packs follow it
and load, the network-operations pack scores network initiatives, and a broken pack is a
clear usage error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from readiness.loader import load
from readiness.model import GATE_ORDER, GateId, Surface
from readiness.packs import PackError, load_pack, pack_json_schema, shipped_packs
from tests.common import EXAMPLES, ROOT, run
from tests.test_cli_validate import TODAY, assert_usage_error, cli
from tests.test_cli_validate import run as run_cli

PACKS = ROOT / "questionnaires"
PACK_SCHEMA = PACKS / "pack.schema.json"
NETWORK = PACKS / "telecom-network-ops.yaml"


@pytest.mark.generated
def test_pack_schema_is_current() -> None:
    checked_in = json.loads(PACK_SCHEMA.read_text(encoding="utf-8"))
    assert checked_in == pack_json_schema(), (
        "questionnaires/pack.schema.json is stale; regenerate it with: python -c "
        "\"import json; from readiness.packs import pack_json_schema; "
        "print(json.dumps(pack_json_schema(), indent=2))\" > questionnaires/pack.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(checked_in)


def test_both_packs_ship() -> None:
    assert shipped_packs() == ["telecom-customer-ops", "telecom-network-ops"]


@pytest.mark.parametrize("pack_id", ["telecom-customer-ops", "telecom-network-ops"])
def test_shipped_pack_follows_the_schema_and_loads(pack_id: str) -> None:
    path = PACKS / f"{pack_id}.yaml"
    # The readiness loader keeps keys as written: the `true:` check stays a string key.
    data = load(path).data
    validator = jsonschema.Draft202012Validator(json.loads(PACK_SCHEMA.read_text()))
    assert sorted(validator.iter_errors(data), key=str) == []
    pack = load_pack(pack_id)
    assert pack.id == pack_id
    assert tuple(gate.id for gate in pack.gates) == GATE_ORDER
    assert all(gate.criteria for gate in pack.gates)
    assert load_pack(str(path)) == pack  # by path as well as by id


def test_pack_schema_rejects_a_misspelt_check() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(PACK_SCHEMA.read_text()))
    data = load(NETWORK).data
    data["gates"][0]["criteria"][0]["check"] = {"presnt": "workflow.process"}
    assert not validator.is_valid(data)


# --- the network-operations pack -------------------------------------------------------------


def network_text() -> str:
    return NETWORK.read_text(encoding="utf-8")


def test_network_pack_speaks_network_operations() -> None:
    pack = load_pack("telecom-network-ops")
    text = network_text().lower()
    for term in ("mean time to repair", "truck roll", "alarm", "telemetry", "oss",
                 "change window", "l0", "l5"):
        assert term in text, term
    fields = {question.field for question in pack.questions}
    assert "decision_boundaries.autonomy_level" in fields
    surfaces = [
        c.check for c in pack.gate(GATE_ORDER[2]).criteria if c.id == "in-operations-tools"
    ]
    assert Surface.NOC_CONSOLE.value in str(surfaces) and "field_service_app" in str(surfaces)


def test_network_pack_scores_differ_where_the_network_asks_more() -> None:
    # The care copilot sits in the agent desktop: fine for customer operations, not for
    # a NOC tool, so its integration gate scores lower under the network pack.
    text = (EXAMPLES / "care-copilot-ready.yaml").read_text()
    customer = run(text)
    network = run(text, pack="telecom-network-ops")
    assert customer.gates[2].score == 100
    assert network.gates[2].score < 100
    # The RAN predictive-maintenance initiative is at home in the network pack.
    maintenance = run((EXAMPLES / "predictive-maintenance-waivers.yaml").read_text(),
                      pack="telecom-network-ops")
    assert (maintenance.level, maintenance.verdict) == (6, "ready")
    assert maintenance.gates[2].score == 100


def test_network_pack_telemetry_criterion_fires_and_passes() -> None:
    header = (EXAMPLES / "ticket-classifier-model-first.yaml").read_text()
    result = run(header, pack="telecom-network-ops")
    criteria = {c.id: c.satisfied for c in result.gates[1].criteria}
    assert criteria["network-sources"] is True  # it reads fault-management (oss) data
    only_crm = re.sub(r"kind: (oss|network_telemetry)", "kind: crm", header)
    result = run(only_crm, pack="telecom-network-ops")
    assert {c.id: c.satisfied for c in result.gates[1].criteria}["network-sources"] is False


# --- through the command ---------------------------------------------------------------------


def test_questionnaire_by_id_and_by_path_through_the_command(tmp_path: Path) -> None:
    example = "examples/predictive-maintenance-waivers.yaml"
    by_id = run_cli("validate", "--format", "json", "--today", TODAY,
                    "--questionnaire", "telecom-network-ops", example)
    copy = tmp_path / "my-pack.yaml"
    copy.write_text(network_text())
    by_path = cli("validate", "--format", "json", "--today", TODAY,
                  "--questionnaire", str(copy), example)
    assert by_id.returncode == by_path.returncode == 0, by_path.stderr
    gates_by_id = json.loads(by_id.stdout)["files"][0]["gates"]
    assert gates_by_id == json.loads(by_path.stdout)["files"][0]["gates"]
    customer = json.loads(run_cli("validate", "--format", "json", "--today", TODAY,
                                  "--questionnaire", "telecom-customer-ops",
                                  example).stdout)["files"][0]["gates"]
    assert gates_by_id != customer  # the pack was really used


def broken_pack(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = network_text()
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1))
    return path


def test_pack_with_an_unknown_rule_is_a_usage_error(tmp_path: Path) -> None:
    path = broken_pack(tmp_path, "rule.yaml", "no_findings: [DEC003]", "no_findings: [DEC033]")
    with pytest.raises(PackError, match="criterion prohibited-named: unknown rule DEC033"):
        load_pack(str(path))
    assert_usage_error(
        cli("validate", "--questionnaire", str(path), "examples/care-copilot-ready.yaml"),
        str(path), "unknown rule DEC033",
    )


def test_pack_with_gates_out_of_order_is_a_usage_error(tmp_path: Path) -> None:
    text = network_text()
    blocks = re.split(r"(?m)^(?=  - id: [a-z_]+\n    title:)", text)
    head, gates = blocks[0], blocks[1:]
    assert len(gates) == 6
    gates[1], gates[2] = gates[2], gates[1]
    path = tmp_path / "order.yaml"
    path.write_text(head + "".join(gates))
    gates_line = text[: text.index("\ngates:")].count("\n") + 2
    assert_usage_error(
        cli("validate", "--questionnaire", str(path), "examples/care-copilot-ready.yaml"),
        f"{path}:{gates_line}:1: invalid questionnaire pack: a pack lists the six gates in order",
        "this one lists: workflow, integration, data_pipeline",
    )


def test_pack_with_a_bad_path_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-pack.yaml"
    assert_usage_error(
        run_cli("validate", "--questionnaire", str(missing), "examples/care-copilot-ready.yaml"),
        f"questionnaire pack {missing}: no such file",
    )
    field = broken_pack(tmp_path, "field.yaml", "{present: workflow.scope}",
                        "{present: workflow.scop}")
    assert_usage_error(
        run_cli("validate", "--questionnaire", str(field), "examples/care-copilot-ready.yaml"),
        "criterion sites-scoped: no field 'workflow.scop' in the format",
    )


def test_pack_that_is_not_a_pack_names_the_line(tmp_path: Path) -> None:
    path = broken_pack(tmp_path, "weight.yaml", "weight: 3", "weight: heavy")
    with pytest.raises(PackError) as caught:
        load_pack(str(path))
    line = network_text().split("weight: 3")[0].count("\n") + 1
    assert re.match(rf"{re.escape(str(path))}:{line}:\d+: invalid questionnaire pack: ",
                    str(caught.value))


def test_pack_about_must_name_a_list(tmp_path: Path) -> None:
    for about in ("decision_boundaries.escalation_path", "decision_boundaries.action"):
        path = broken_pack(tmp_path, "about.yaml", "about: decision_boundaries.actions",
                           f"about: {about}")
        with pytest.raises(PackError, match=f"about '{about}' is not a list of the format"):
            load_pack(str(path))


@pytest.mark.parametrize("pack_id", ["telecom-customer-ops", "telecom-network-ops"])
def test_shipped_packs_score_off_track_outcomes_and_misaligned_measures(pack_id: str) -> None:
    outcomes = load_pack(pack_id).gate(GateId.OUTCOMES)
    by_rule = {rule: c for c in outcomes.criteria
               for rule in getattr(c.check, "no_findings", [])}
    assert by_rule["OUT004"].about == "outcomes.metrics"
    assert by_rule["OWN003"].about == "initiative.stakeholders"


DOMAIN_QUESTIONS = {"decision_boundaries.autonomy_level", "integration.touchpoints[].tmf_api"}
"""Fields that only the network pack asks: the TM Forum autonomy level and Open API."""


def asked(pack_id: str) -> set[str]:
    fields = set()
    for question in load_pack(pack_id).questions:
        fields.add(question.field)
        fields |= {f"{question.field}[].{item.key}" for item in question.item or []}
    return fields


def test_every_shipped_pack_asks_what_the_others_ask() -> None:
    # The network pack once left out the Quebec notice: GOV007 fired as a blocker on a
    # live network initiative whose session never asked the question that clears it.
    packs = [p.stem for p in (ROOT / "questionnaires").glob("*.yaml")]
    every = set().union(*(asked(p) for p in packs)) - DOMAIN_QUESTIONS
    assert {p: sorted(every - asked(p)) for p in packs} == {p: [] for p in packs}
