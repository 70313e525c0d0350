"""Help that teaches: every field of the format has a description in the model (the JSON
Schema carries it for editors), and every question of every shipped pack has help, its own
or its field's description, that gives an example.

The convention that a test can check: the text holds `Example:` (or `Examples:`), and a
description that says what passing looks like says it after `Passing:`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from readiness.model import Status
from readiness.packs import Pack, Question, load_pack
from readiness.schema import field_description, json_schema
from tests.common import ROOT

EXAMPLE = re.compile(r"\bExamples?:")
PACKS = sorted(path.stem for path in (ROOT / "questionnaires").glob("*.yaml"))


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property declared anywhere in a JSON Schema, with where it is. The
    conditional subschemas (`if`/`then`/`else`) only restate constraints of properties
    declared, and described, beside them."""
    if isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            yield f"{where}.{name}", value
        for key, value in node.items():
            if key not in ("if", "then", "else", "properties"):
                yield from properties(value, f"{where}/{key}")
        for name, value in (node.get("properties") or {}).items():
            yield from properties(value, f"{where}.{name}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from properties(item, f"{where}[{index}]")


def test_every_schema_property_has_a_description_with_an_example() -> None:
    found = list(properties(json_schema()))
    assert len(found) > 140  # the walk reaches the $defs, not only the top level
    missing = [where for where, schema in found if not schema.get("description")]
    assert missing == []
    no_example = [where for where, schema in found if not EXAMPLE.search(schema["description"])]
    assert no_example == []


def test_the_walk_finds_a_property_without_a_description() -> None:
    schema = {"$defs": {"Thing": {"properties": {"a": {"type": "string"}}}}}
    assert [where for where, node in properties(schema) if "description" not in node] == [
        "/$defs/Thing.a"
    ]


def questions(pack: Pack) -> Iterator[tuple[str, str, str]]:
    """(question id, field path, help shown) for every question and record field."""

    def shown(own: str, field: str) -> str:
        return own or field_description(field)

    asked: list[Question] = [*pack.initiative]
    for gate in pack.gates:
        asked.extend(gate.questions)
    for question in asked:
        yield question.id, question.field, shown(question.help, question.field)
        for item in question.item or []:
            field = f"{question.field}[*].{item.key}"
            yield f"{question.id}.{item.key}", field, shown(item.help, field)


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_question_has_help_with_an_example(pack_id: str) -> None:
    found = list(questions(load_pack(pack_id)))
    assert len(found) > 80
    assert [qid for qid, _, text in found if not text] == []
    assert [qid for qid, _, text in found if not EXAMPLE.search(text)] == []


@pytest.mark.parametrize("pack_id", PACKS)
def test_a_gate_status_question_says_what_the_gate_needs_and_what_each_status_means(
    pack_id: str,
) -> None:
    pack = load_pack(pack_id)
    for gate in pack.gates:
        (question,) = [q for q in gate.questions if q.field == f"{gate.id.value}.status"]
        assert question.help, question.id  # its own help, about this gate
        for status in Status:
            assert f"{status.value} =" in question.help, (question.id, status)
        assert "Passing:" in question.help, question.id


def test_field_description_reads_any_spelling_of_a_list_item() -> None:
    freshness = field_description("data_pipeline.sources.freshness")
    assert freshness.startswith("How old the data can be when the AI reads it")
    assert field_description("data_pipeline.sources[*].freshness") == freshness
    assert field_description("data_pipeline.sources[3].freshness") == freshness
    assert "0 is valid" in field_description("decision_boundaries.actions[*].limit.amount")
    assert field_description("workflow.status") == field_description("governance.status")


@pytest.mark.parametrize("path", ["", "workflow.nope", "nope", "workflow.process.deeper"])
def test_field_description_of_an_unknown_path_is_empty(path: str) -> None:
    assert field_description(path) == ""
