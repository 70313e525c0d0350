"""Completion and checking in editors: the schema's `$id` stays fixed for a schema
version, the committed copy that editors fetch is current, `readiness init` points the
YAML language server at it, and every example validates against it the way the language
server validates (JSON Schema draft-07 keywords, YAML 1.2 scalars: dates are strings)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from readiness import __version__
from readiness.schema import SCHEMA_URL, json_schema
from readiness.starter import starter
from tests.common import EXAMPLES, HEADER, ROOT

COMMITTED = ROOT / "docs" / "schemas" / "assessment-1.schema.json"

DRAFT_07 = {
    "$id", "$schema", "$ref", "$comment", "title", "description", "default", "examples",
    "readOnly", "writeOnly", "type", "enum", "const", "multipleOf", "maximum",
    "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
    "items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains",
    "maxProperties", "minProperties", "required", "properties", "patternProperties",
    "additionalProperties", "dependencies", "propertyNames", "if", "then", "else", "allOf",
    "anyOf", "oneOf", "not", "format", "definitions",
}
"""What the YAML language server understands; `$defs` holds definitions that `$ref`
reaches by JSON pointer, which works in every draft."""


class Yaml12Loader(yaml.SafeLoader):
    """Scalars as YAML 1.2 (the language server's parser) reads them: no timestamps, and
    only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def keywords(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs", "definitions", "patternProperties"):
                for child in value.values():
                    keywords(child, found)
            elif key not in ("enum", "const", "default", "examples", "required"):
                keywords(value, found)
    elif isinstance(node, list):
        for child in node:
            keywords(child, found)
    return found


def test_the_id_is_fixed_for_the_schema_version() -> None:
    schema = json_schema()
    assert schema["$id"] == SCHEMA_URL
    assert __version__ not in SCHEMA_URL
    assert SCHEMA_URL.endswith("/" + COMMITTED.relative_to(ROOT).as_posix())


@pytest.mark.generated
def test_the_committed_schema_is_current() -> None:
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json_schema(), (
        "docs/schemas/assessment-1.schema.json is stale: run `make docs`"
    )


def test_init_points_the_yaml_language_server_at_the_schema() -> None:
    text = starter("billing-copilot.yaml", "2026-11-25")
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_URL}"


def test_the_schema_uses_only_keywords_the_language_server_knows() -> None:
    used = keywords(json_schema(), set()) - {"$defs"}
    assert used <= DRAFT_07, used - DRAFT_07
    assert "properties" in used and "$ref" in used


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_validates_as_in_the_editor(path: Path,
                                                  validator: jsonschema.Draft7Validator) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)  # noqa: S506
    assert isinstance(data["initiative"]["assessed_on"], str)  # read as the editor reads it
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_the_starter_validates_and_mistakes_are_flagged(
        validator: jsonschema.Draft7Validator) -> None:
    data = yaml.load(starter("x.yaml", "2026-11-25"), Loader=Yaml12Loader)  # noqa: S506
    assert validator.is_valid(data)
    typo = yaml.load(HEADER + "workflow:\n  status: in_progress\n  proces: x\n",
                     Loader=Yaml12Loader)  # noqa: S506
    assert not validator.is_valid(typo)
    stage = yaml.load(HEADER.replace("stage: pilot", "stage: piolt"), Loader=Yaml12Loader)  # noqa: S506
    assert not validator.is_valid(stage)


def test_the_editor_guide_covers_vs_code_and_jetbrains() -> None:
    guide = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    for needed in ("VS Code", "JetBrains", "yaml-language-server", "readiness schema",
                   "yaml.schemas", SCHEMA_URL):
        assert needed in guide, needed
