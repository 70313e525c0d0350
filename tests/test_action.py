"""The GitHub Action (action.yml): valid metadata, third-party actions pinned by commit,
readiness installed from the action's own checkout into a virtual environment of its own,
and its run steps, run here with a simulated GITHUB_* environment, give the outputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.common import EXAMPLES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def check_jsonschema() -> str:
    found = Path(sys.executable).with_name("check-jsonschema")
    if not found.exists():
        pytest.skip("check-jsonschema is not installed beside this Python")
    return str(found)


def test_the_action_metadata_is_valid() -> None:
    run = subprocess.run(
        [check_jsonschema(), "--builtin-schema", "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_third_party_actions_are_pinned_by_commit() -> None:
    used = [step["uses"] for step in STEPS if "uses" in step]
    assert {u.split("@")[0] for u in used} == {
        "actions/setup-python", "github/codeql-action/upload-sarif"}
    for uses in used:
        assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", uses), uses


def test_readiness_is_installed_from_the_checkout_into_its_own_environment() -> None:
    setup = next(s for s in STEPS if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["update-environment"] is False  # the caller's Python stays theirs
    install = next(s for s in STEPS if s.get("name") == "Install readiness")
    assert '-m venv "$venv"' in install["run"] and 'venv="$RUNNER_TEMP/' in install["run"]
    assert 'pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in (
        install["run"])
    assert "readiness==" not in (ROOT / "action.yml").read_text(encoding="utf-8")


def test_no_input_is_pasted_into_a_script() -> None:
    for step in STEPS:
        if "run" in step:
            assert "${{" not in step["run"], step.get("name")  # environment variables only
            check = subprocess.run(["bash", "-n", "-c", step["run"]], capture_output=True,
                                   text=True, timeout=30)
            assert check.returncode == 0, check.stderr


def fake_environment(temp: Path) -> None:
    """$RUNNER_TEMP/readiness-venv as the Install step leaves it, running this checkout."""
    bin_dir = temp / "readiness-venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, command in (("python", ""), ("readiness", " -m readiness")):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}"{command} "$@"\n')
        script.chmod(0o755)


def run_action(tmp_path: Path, **inputs: str) -> tuple[int, dict[str, str], Path]:
    """The run steps after the install, as the runner runs them: expressions of `env:`
    resolved, GITHUB_OUTPUT read back between steps. Returns the last step's exit code,
    the action's outputs and the job summary file."""
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    fake_environment(temp)
    summary = tmp_path / "summary.md"
    values: dict[str, str] = {
        name: spec.get("default", "") for name, spec in ACTION["inputs"].items()
    }
    values.update(inputs)
    outputs: dict[str, dict[str, str]] = {}

    def resolve(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            parts = match.group(1).split(".")
            if parts[0] == "inputs":
                return values[parts[1]]
            if parts[0] == "steps" and parts[2] == "outputs":
                return outputs.get(parts[1], {}).get(parts[3], "")
            raise AssertionError(f"expression not simulated: {match.group(0)}")

        return EXPRESSION.sub(one, str(text))

    code = 0
    for step in STEPS:
        if "run" not in step or step.get("name") == "Install readiness":
            continue
        output_file = tmp_path / f"output-{step.get('id', 'step')}"
        output_file.write_text("")
        env = {
            "PATH": os.environ["PATH"], "HOME": str(tmp_path), "GITHUB_ACTIONS": "true",
            "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_WORKSPACE": str(ROOT),
            **{key: resolve(value) for key, value in step.get("env", {}).items()},
        }
        run = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c",
                              step["run"]], env=env, cwd=ROOT, capture_output=True, text=True,
                             timeout=300)
        if "id" in step:
            outputs[step["id"]] = dict(
                line.split("=", 1) for line in output_file.read_text().splitlines() if line)
        code = run.returncode
        if code != 0:
            break
    action_outputs = {name: resolve(spec["value"]) for name, spec in ACTION["outputs"].items()}
    return code, action_outputs, summary


def test_the_action_gives_the_exit_code_counts_and_summary(tmp_path: Path) -> None:
    code, outputs, summary = run_action(tmp_path, paths="examples")
    expected = subprocess.run([sys.executable, "-m", "readiness", "validate", "examples",
                               "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "GITHUB_ACTIONS": ""}, timeout=120)
    counts = json.loads(expected.stdout)["summary"]
    assert counts["below_bar"] > 0 and counts["files"] >= 6
    assert code == expected.returncode == 1  # some examples fall short of the bar
    assert outputs == {"exit-code": "1", "files": str(counts["files"]), "invalid": "0",
                       "below-bar": str(counts["below_bar"]), "sarif-file": ""}
    assert "churn" in summary.read_text(encoding="utf-8")


def test_the_action_passes_and_writes_sarif_for_upload(tmp_path: Path) -> None:
    code, outputs, _ = run_action(tmp_path, paths=str(EXAMPLES / "care-copilot-ready.yaml"),
                                  **{"upload-sarif": "true"})
    assert code == 0
    assert outputs["exit-code"] == "0" and outputs["files"] == "1"
    sarif = Path(outputs["sarif-file"])
    assert sarif.parent.name == "runner-temp" and '"version": "2.1.0"' in sarif.read_text()
    upload = next(s for s in STEPS if s.get("uses", "").startswith("github/codeql-action/"))
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.validate.outputs.sarif-file }}"


def test_an_invalid_file_fails_the_action_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ninitiative: [\n")
    sarif = {"sarif-file": str(tmp_path / "x.sarif")}
    code, outputs, _ = run_action(tmp_path, paths=str(bad), **sarif)
    assert code == 2
    assert outputs["exit-code"] == "2" and outputs["invalid"] == "1"
    assert outputs["sarif-file"] == str(tmp_path / "x.sarif")
