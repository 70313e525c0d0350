"""Every limit on what a file may hold, tested at its boundary: the limit itself is
accepted, one more is rejected with an error that names the limit, and `validate` exits 2.

The limits and why they exist are listed in docs/reliability.md.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from readiness.cli import app
from readiness.loader import DEFAULT_LIMITS, Limits, LoadError, load, loads
from readiness.model import MAX_ITEMS, MAX_NUMBER
from readiness.schema import InvalidAssessment, validate
from tests.common import HEADER

LIMITS = DEFAULT_LIMITS


def _cli(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", "--today", "2026-11-25", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def _schema_errors(text: str) -> list[str]:
    document = loads(text, "limits.yaml")
    try:
        validate(document)
    except InvalidAssessment as exc:
        return [f"{e.path}: {e.message}" for e in exc.errors]
    return []


def test_the_documented_defaults() -> None:
    # docs/reliability.md quotes these figures; change both together.
    assert LIMITS == Limits(max_bytes=1_000_000, max_depth=50, max_nodes=200_000, max_string=10_000)
    assert (MAX_ITEMS, MAX_NUMBER) == (1000, 10**15)


# --- file size ------------------------------------------------------------------------------


def _padded(size: int) -> bytes:
    """A valid assessment of exactly `size` bytes: HEADER, then comment lines."""
    body = HEADER.encode()
    line = b"# " + b"x" * 97 + b"\n"  # 100 bytes
    filler = line * ((size - len(body)) // len(line))
    rest = size - len(body) - len(filler)
    tail = (b"#" + b"x" * (rest - 2) + b"\n") if rest >= 2 else b"\n" * rest
    data = body + filler + tail
    assert len(data) == size
    return data


def test_file_size_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(_padded(LIMITS.max_bytes))
    assert load(path).data["initiative"]["id"] == "test-initiative"
    code, _ = _cli(path)
    assert code in (0, 1)


def test_file_size_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(_padded(LIMITS.max_bytes + 1))
    with pytest.raises(LoadError, match="limit of 1000000 bytes"):
        load(path)
    with pytest.raises(LoadError, match="the limit is 1000000 bytes"):
        loads(_padded(LIMITS.max_bytes + 1))
    code, output = _cli(path)
    assert code == 2
    assert "limit of 1000000 bytes" in output


# --- nesting depth --------------------------------------------------------------------------


def _nested(depth: int) -> str:
    """An unknown key whose innermost value sits `depth` keys and indices below the top."""
    return HEADER + "extra: " + "[" * (depth - 1) + "bottom" + "]" * (depth - 1) + "\n"


def test_nesting_at_the_limit_is_read() -> None:
    errors = _schema_errors(_nested(LIMITS.max_depth))
    # Read to the bottom: the only complaint is the schema's, about the unknown key.
    assert errors == ["extra: unknown key 'extra' in the top level"]


def test_nesting_over_the_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="nesting deeper than 50 levels"):
        loads(_nested(LIMITS.max_depth + 1))
    path = tmp_path / "deep.yaml"
    path.write_text(_nested(LIMITS.max_depth + 1))
    code, output = _cli(path)
    assert code == 2 and "nesting deeper than 50 levels" in output


def test_very_deep_nesting_is_refused_without_recursion_error() -> None:
    # 100,000 brackets: libyaml and the walker must both answer with a LoadError.
    with pytest.raises(LoadError):
        loads(HEADER + "extra: " + "[" * 100_000 + "]" * 100_000 + "\n")


# --- values, aliases included ---------------------------------------------------------------


def _values(total: int) -> str:
    """A document that expands to exactly `total` values through aliases: the top-level
    mapping, `a` (a list of 999 values: 1,000), `b` (198 aliases of `a`: 198,001) and `c`."""
    extra = total - (1 + 1000 + 1 + 198 * 1000 + 1)
    return (
        "a: &a [" + ",".join(["0"] * 999) + "]\n"
        "b: [" + ",".join(["*a"] * 198) + "]\n"
        "c: [" + ",".join(["0"] * extra) + "]\n"
    )


def test_values_at_the_limit_are_read() -> None:
    document = loads(_values(LIMITS.max_nodes))
    assert len(document.data["b"]) == 198 and len(document.data["b"][0]) == 999


def test_values_over_the_limit_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="more than 200000 values"):
        loads(_values(LIMITS.max_nodes + 1))
    path = tmp_path / "aliases.yaml"
    path.write_text(_values(LIMITS.max_nodes + 1))
    code, output = _cli(path)
    assert code == 2 and "more than 200000 values" in output


def test_an_alias_bomb_is_refused_at_once() -> None:
    # "Billion laughs": ten levels of ten aliases each would expand to 10**10 values.
    bomb = "a: &a [0,0,0,0,0,0,0,0,0,0]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(9)
    )
    started = time.perf_counter()
    with pytest.raises(LoadError, match="more than 200000 values") as caught:
        loads(bomb)
    assert time.perf_counter() - started < 1.0
    assert caught.value.line == 6  # the first alias level that crosses the limit


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(LoadError, match="recursive alias"):
        loads("a: &a [1, *a]\n")


# --- string length --------------------------------------------------------------------------


def test_string_at_the_limit_is_read() -> None:
    text = HEADER.replace("name: Test initiative", "name: " + "n" * LIMITS.max_string)
    assert _schema_errors(text) == []


def test_string_over_the_limit_is_refused(tmp_path: Path) -> None:
    text = HEADER.replace("name: Test initiative", "name: " + "n" * (LIMITS.max_string + 1))
    with pytest.raises(LoadError, match="string of 10001 characters; the limit is 10000") as caught:
        loads(text)
    assert (caught.value.line, caught.value.column) == (4, 9)
    path = tmp_path / "long.yaml"
    path.write_text(text)
    code, output = _cli(path)
    assert code == 2 and "the limit is 10000" in output


# --- list lengths ---------------------------------------------------------------------------

# Every list in the format, with a section that holds it and one valid item.
LISTS: dict[str, tuple[str, Any]] = {
    "initiative.jurisdictions": ("initiative", "CA"),
    "initiative.stakeholders": ("initiative", {"group": "it"}),
    "initiative.assessors": ("initiative", "Sam Lee"),
    "workflow.evidence": ("workflow", "doc"),
    "data_pipeline.sources": ("data_pipeline", {"name": "s", "kind": "crm"}),
    "data_pipeline.sources[0].quality_checks": ("data_pipeline", "check"),
    "integration.touchpoints": ("integration", {"system": "CRM"}),
    "decision_boundaries.actions": (
        "decision_boundaries", {"action": "a", "authority": "prohibited"}
    ),
    "outcomes.metrics": ("outcomes", {"name": "m", "kind": "model"}),
    "governance.drift_monitoring.signals": ("governance", "drift"),
    "governance.regulations": ("governance", {"id": "CASL", "status": "gap"}),
    "model.offline_metrics": ("model", {"name": "f1", "value": 0.8}),
    "rollout.history": ("rollout", {"on": "2026-01-01", "users_enabled": 1}),
    "waivers": ("waivers", {"rule": "OUT002", "reason": "r", "approved_by": "x",
                            "expires_on": "2027-01-01"}),
    "open_questions": ("open_questions", {"field": "workflow.scope", "ask": "x",
                                          "raised_on": "2026-11-20"}),
}


def _with_list(field: str, count: int) -> str:
    data = yaml.safe_load(HEADER)
    section, item = LISTS[field]
    items = [item] * count
    if field in ("waivers", "open_questions"):
        data[field] = items
    elif section == "initiative":
        data["initiative"][field.split(".")[1]] = items
    elif field == "data_pipeline.sources[0].quality_checks":
        data["data_pipeline"] = {
            "status": "in_progress",
            "sources": [{"name": "s", "kind": "crm", "quality_checks": items}],
        }
    elif field == "governance.drift_monitoring.signals":
        data["governance"] = {"status": "in_progress", "drift_monitoring": {"signals": items}}
    elif section in ("model", "rollout"):
        data[section] = {field.split(".")[1]: items}
    else:
        data[section] = {"status": "in_progress", field.split(".")[1]: items}
    return yaml.safe_dump(data, default_flow_style=True, width=10**9)


def test_every_list_in_the_format_is_covered() -> None:
    from readiness.schema import json_schema

    schema = json_schema()
    arrays = [
        (key, option)
        for definition in [schema, *schema["$defs"].values()]
        for key, prop in definition.get("properties", {}).items()
        for option in prop.get("anyOf", [prop])
        if option.get("type") == "array"
    ]
    # `evidence` is in every gate; the other lists each live in one place.
    assert {key for key, _ in arrays} == {field.split(".")[-1] for field in LISTS}
    assert all(option.get("maxItems") == MAX_ITEMS for _, option in arrays)


@pytest.mark.parametrize("field", sorted(LISTS))
def test_list_at_the_limit_is_accepted(field: str) -> None:
    assert _schema_errors(_with_list(field, MAX_ITEMS)) == []


@pytest.mark.parametrize("field", sorted(LISTS))
def test_list_over_the_limit_is_refused(field: str) -> None:
    errors = _schema_errors(_with_list(field, MAX_ITEMS + 1))
    assert errors == [f"{field}: List should have at most 1000 items after validation, not 1001"]


def test_list_over_the_limit_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(_with_list("data_pipeline.sources", MAX_ITEMS + 1))
    code, output = _cli(path)
    assert code == 2 and "at most 1000 items" in output and "data_pipeline.sources" in output


# --- numbers --------------------------------------------------------------------------------


def _number(field: str, value: str) -> str:
    sections = {
        "monthly_volume": "workflow: {status: in_progress, monthly_volume: %s}\n",
        "baseline": (
            "outcomes: {status: in_progress, metrics: [{name: m, kind: business, baseline: %s}]}\n"
        ),
        "annual_benefit": "outcomes: {status: in_progress, roi: {annual_benefit: %s}}\n",
    }
    return HEADER + sections[field] % value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("monthly_volume", str(MAX_NUMBER)),
        ("baseline", "1.0e+15"),
        ("baseline", "-1.0e+15"),
        ("baseline", "1e-300"),
        ("annual_benefit", "1000000000000000"),
    ],
)
def test_number_at_the_limit_is_accepted(field: str, value: str) -> None:
    assert _schema_errors(_number(field, value)) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("monthly_volume", str(MAX_NUMBER + 1), "less than or equal to 1000000000000000"),
        ("monthly_volume", "1" + "0" * 400, "less than or equal to 1000000000000000"),
        ("baseline", "1.0000000000000002e+15", "less than or equal to 1000000000000000"),
        ("baseline", "-1.0000000000000002e+15", "greater than or equal to -1000000000000000"),
        ("baseline", "1e308", "less than or equal to 1000000000000000"),
        ("baseline", ".nan", "finite number"),
        ("baseline", ".inf", "finite number"),
        ("baseline", "-.inf", "finite number"),
        ("annual_benefit", "1000000000000001", "less than or equal to 1000000000000000"),
    ],
)
def test_number_over_the_limit_is_refused(field: str, value: str, message: str) -> None:
    errors = _schema_errors(_number(field, value))
    assert len(errors) == 1 and message in errors[0], errors


def test_number_over_the_limit_exits_2(tmp_path: Path) -> None:
    # Before the limit, 10**400 users made the scaling check raise OverflowError.
    path = tmp_path / "huge.yaml"
    path.write_text(HEADER + "rollout: {users_enabled: 1" + "0" * 400 + ", users_total: 3}\n")
    code, output = _cli(path)
    assert code == 2 and "rollout.users_enabled" in output and "Traceback" not in output


# --- many files -----------------------------------------------------------------------------


def test_a_thousand_files_are_all_reported_in_order(tmp_path: Path) -> None:
    """Invalid files (bad YAML, schema errors) do not stop the others: every file is
    reported, in sorted order, and the worst outcome decides the exit code."""
    import json

    expected = []
    for index in range(1000):
        text = HEADER.replace("test-initiative", f"initiative-{index:04d}")
        valid = True
        if index % 10 == 3:
            text += "workflow: {status: complet}\n"  # schema error
            valid = False
        elif index % 10 == 7:
            text = "schema_version: 1\ninitiative: [\n"  # YAML syntax error
            valid = False
        name = f"{index:04d}.yaml"
        (tmp_path / name).write_text(text)
        expected.append((str(tmp_path / name), valid))
    result = CliRunner().invoke(
        app, ["validate", str(tmp_path), "--format", "json", "--today", "2026-11-25"]
    )
    assert result.exit_code == 2
    output = json.loads(result.stdout)
    assert [(f["path"], f["valid"]) for f in output["files"]] == expected
    assert output["summary"] == {"files": 1000, "invalid": 200, "below_bar": 0}
    assert all(f["errors"] for f in output["files"] if not f["valid"])
    # Without the invalid ones, the same folder meets the bar.
    for path, valid in expected:
        if not valid:
            Path(path).unlink()
    again = CliRunner().invoke(
        app, ["validate", str(tmp_path), "--format", "json", "--today", "2026-11-25"]
    )
    assert again.exit_code == 0, again.output[-500:]
    assert json.loads(again.stdout)["summary"] == {"files": 800, "invalid": 0, "below_bar": 0}
