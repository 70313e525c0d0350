"""The pre-commit hook (`.pre-commit-hooks.yaml`): its file pattern, its entry run on a
sample repository the way pre-commit runs it, and a real `pre-commit try-repo`.

pre-commit cannot run a Python hook offline: try-repo installs this project and its
dependencies into a fresh virtualenv from the package index, which takes from 20 s to
minutes. So that run is opt-in (READINESS_TRY_REPO=1); every run of the suite checks the
hook's entry, with the files its pattern selects, against the same sample repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.common import EXAMPLES, ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
(HOOK,) = HOOKS
PATTERN = re.compile(HOOK["files"])


def test_hook_runs_the_same_command_as_ci() -> None:
    assert HOOK["id"] == "readiness-validate"
    assert HOOK["language"] == "python"
    assert HOOK["entry"] == "readiness validate"
    assert HOOK["args"] == ["--assessments-only"]  # as folder discovery: schema_version only
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["readiness"] == "readiness.cli:main"


@pytest.mark.parametrize(
    "path",
    [
        "readiness/billing-copilot.yaml",
        "ops/assessments/churn.yml",
        "assessment/noc.json",
        "readiness.yaml",
        "teams/care/readiness.yml",
        "care-copilot.readiness.yaml",
    ],
)
def test_pattern_picks_assessment_files(path: str) -> None:
    assert PATTERN.search(path)


@pytest.mark.parametrize(
    "path",
    [".github/workflows/ci.yml", "config.yaml", "docs/readiness.md", "myreadiness.yaml",
     "notreadiness/x.yaml", "readiness/notes.txt"],
)
def test_pattern_leaves_other_files(path: str) -> None:
    assert not PATTERN.search(path)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci",
         "-c", "commit.gpgsign=false", *args],
        cwd=cwd, check=True, capture_output=True,
    )


def _hook_repository(target: Path) -> Path:
    """A git repository holding this project as it stands, as pre-commit would clone it."""
    shutil.copytree(
        ROOT, target,
        ignore=shutil.ignore_patterns(".[!p]*", "__pycache__", "*.egg-info", "build", "dist",
                                      "bench", "fuzz", "tests", "docs", "examples"),
    )
    for folder in ("questionnaires", "report_templates"):  # package dirs must not be empty
        (target / folder).mkdir(exist_ok=True)
        (target / folder / ".keep").touch()
    _git(target, "init", "-q")
    _git(target, "add", "-A", "-f")
    _git(target, "commit", "-q", "-m", "hook repository")
    return target


HELM_VALUES = """\
replicaCount: 2
image:
  repository: registry.example.invalid/care-copilot
  tag: "1.4.2"
service: {type: ClusterIP, port: 8080}
"""


def _run_hook(sample: Path, files: list[str], *options: str) -> subprocess.CompletedProcess[str]:
    """The hook's entry and args on `files`, as pre-commit runs it."""
    script = Path(sys.executable).with_name("readiness")  # the console script the entry names
    program, *args = HOOK["entry"].split()
    assert program == "readiness"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "readiness"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["NO_COLOR"] = "1"
    return subprocess.run([*command, *args, *options, *files], cwd=sample, capture_output=True,
                          text=True, env=env, timeout=60)


def _sample(target: Path) -> Path:
    (target / "assessments").mkdir(parents=True)
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", target / "assessments")
    shutil.copy(EXAMPLES / "churn-accuracy-only.yaml", target / "assessments")
    (target / "config.yaml").write_text("not: an assessment\n")  # outside the pattern
    # Inside the pattern, but no assessment: the hook leaves them alone.
    from readiness.schema import json_schema

    (target / "assessments" / "readiness.schema.json").write_text(json.dumps(json_schema()))
    (target / "assessments" / "values.yaml").write_text(HELM_VALUES)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "sample")
    return target


def test_hook_entry_on_the_files_its_pattern_selects(tmp_path: Path) -> None:
    sample = _sample(tmp_path / "sample")
    tracked = subprocess.run(["git", "ls-files"], cwd=sample, capture_output=True, text=True,
                             check=True).stdout.split()
    files = [name for name in tracked if PATTERN.search(name)]
    assert files == ["assessments/care-copilot-ready.yaml", "assessments/churn-accuracy-only.yaml",
                     "assessments/readiness.schema.json", "assessments/values.yaml"]
    proc = _run_hook(sample, files, *HOOK["args"])
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "assessments/churn-accuracy-only.yaml:121:3: BLOCKER OUT001" in proc.stdout
    assert "2 files checked: 0 invalid, 1 below the bar" in proc.stdout
    assert "values.yaml" not in proc.stdout + proc.stderr


def test_hook_skips_files_that_are_no_assessment(tmp_path: Path) -> None:
    sample = _sample(tmp_path / "sample")
    others = ["assessments/readiness.schema.json", "assessments/values.yaml"]
    skipped = _run_hook(sample, others, *HOOK["args"])
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert skipped.stdout == "" and skipped.stderr == ""
    # Without the option, named files are checked as given: both fail as invalid.
    checked = _run_hook(sample, others)
    assert checked.returncode == 2
    assert "2 files checked: 2 invalid" in checked.stdout


@pytest.mark.skipif(os.environ.get("READINESS_TRY_REPO") != "1",
                    reason="installs from the package index; set READINESS_TRY_REPO=1")
def test_try_repo_on_a_sample_repository(tmp_path: Path) -> None:
    hook_repo = _hook_repository(tmp_path / "hook")
    sample = _sample(tmp_path / "sample")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        selection = ["--files", *files] if files else ["--all-files"]
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo),
             "readiness-validate", *selection],
            cwd=sample, capture_output=True, text=True, env=env, timeout=600,
        )

    failing = try_repo()
    output = failing.stdout + failing.stderr
    if failing.returncode not in (0, 1) or "InvalidManifestError" in output:
        pytest.fail(output[-3000:])
    if "An unexpected error has occurred" in output:
        if re.search(r"(Connection|resolve|Network is unreachable|No matching distribution)",
                     output):
            pytest.skip("pre-commit needs PyPI to install the hook: " + output[-500:])
        pytest.fail(output[-3000:])
    assert failing.returncode == 1, output
    assert "readiness validate" in output and "Failed" in output
    assert "assessments/churn-accuracy-only.yaml:121:3: BLOCKER OUT001" in output
    assert "2 files checked: 0 invalid, 1 below the bar" in output  # config.yaml not given

    passing = try_repo("assessments/care-copilot-ready.yaml")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
