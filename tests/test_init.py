"""`readiness init`: a commented starter that validates, never overwritten by accident."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readiness.loader import loads
from readiness.schema import validate
from readiness.starter import starter
from tests.test_cli_validate import assert_usage_error, cli, run


def test_init_writes_a_starter_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "Billing Copilot.yaml"
    proc = cli("init", str(target), "--today", "2026-11-25")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # the file is the artefact; the hint goes to stderr
    assert f"Wrote {target}" in proc.stderr
    text = target.read_text(encoding="utf-8")
    first, second = text.splitlines()[:2]
    assert first.startswith("# yaml-language-server: $schema=https://")  # docs/editors.md
    assert second.startswith("# readiness assessment")
    checked = cli("validate", "--format", "json", "--today", "2026-11-25", str(target))
    assert checked.returncode in (0, 1), checked.stdout + checked.stderr
    entry = json.loads(checked.stdout)["files"][0]
    assert entry["valid"] is True
    assert entry["initiative"] == "billing-copilot"
    assert entry["gates"][0]["status"] == "in_progress"


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "readiness.yaml"
    target.write_text("# my own work\n")
    assert_usage_error(run("init", str(target)), "already exists", "--force")
    assert target.read_text() == "# my own work\n"
    forced = run("init", str(target), "--force")
    assert forced.returncode == 0
    assert "schema_version: 1" in target.read_text()


def test_init_dash_prints_to_stdout(tmp_path: Path) -> None:
    proc = run("init", "-", "--today", "2026-11-25")
    assert proc.returncode == 0
    assert "assessed_on: 2026-11-25" in proc.stdout
    assert not list(tmp_path.iterdir())
    assessment = validate(loads(proc.stdout, "stdin.yaml"))
    assert assessment.initiative.id == "my-initiative"


def test_init_default_file_name(tmp_path: Path) -> None:
    proc = cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "readiness.yaml").is_file()


@pytest.mark.parametrize("name", ["x.yaml", "5G RAN {pilot}.yaml", "---.yaml", "Ünïcode.yml"])
def test_starter_validates_for_any_file_name(name: str) -> None:
    text = starter(name, "2026-11-25")
    assessment = validate(loads(text, name))
    assert assessment.initiative.id[0].isalnum()


def test_init_with_a_bad_today() -> None:
    assert_usage_error(run("init", "-", "--today", "soon"), "--today 'soon' is not a date")


def test_the_starter_shows_open_questions_commented_and_they_validate() -> None:
    text = starter("readiness.yaml", "2026-11-25")
    lines = text.splitlines()
    start = lines.index("# open_questions:")
    block = [lines[start]] + [line for line in lines[start + 1:] if line.startswith("#  ")]
    assert "open_questions" not in validate(loads(text, "s.yaml")).model_fields_set
    uncommented = [line[2:] for line in block]
    assessment = validate(loads(text + "\n".join(uncommented) + "\n", "s.yaml"))
    (question,) = assessment.open_questions or []
    assert question.field == "data_pipeline.sources[0].freshness"
    assert question.raised_on.isoformat() == "2026-11-25"
