"""Configuration: `[tool.readiness]` or `.readiness.toml`, nearest first, the command line
wins, and an unknown or wrongly typed setting is exit 2 naming the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readiness import project_config as config
from readiness.choices import FailOn
from readiness.cli import app
from readiness.thresholds import Bar, Thresholds
from tests.common import EXAMPLES, ROOT

CHURN = str(EXAMPLES / "churn-accuracy-only.yaml")  # level 4, score 90, one blocker, one major
READY = str(EXAMPLES / "care-copilot-ready.yaml")  # level 6, score 100, no finding
ENV = {"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None, "NO_COLOR": "1"}


def validate(cwd: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, ["validate", *args, "--today", "2026-11-25"], env=ENV)
    return result.exit_code, result.stdout + result.stderr


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert config.find(tmp_path) is None
    found = config.discover(tmp_path)
    assert found.thresholds == Thresholds() and found.merged_bar() == Bar()
    assert found.merged_bar(min_score=50).min_score == 50


def test_pyproject_table_is_read_and_kebab_case(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.readiness]\npass-mark = 80\nhigh-value-limit = 250.5\n'
        'fail-on = "major"\nmin-level = 2\n'
    )
    found = config.discover(tmp_path)
    assert found.path == tmp_path / "pyproject.toml"
    assert found.thresholds.pass_mark == 80 and found.thresholds.high_value_limit == 250.5
    assert found.merged_bar().fail_on == FailOn.MAJOR and found.merged_bar().min_level == 2


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository root: the search goes up to it
    (tmp_path / ".readiness.toml").write_text("min-score = 50\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert config.find(inner) == tmp_path / ".readiness.toml"


@pytest.mark.parametrize("text", [
    "[tool.readiness]\nmin-score = 20\n",
    '[ tool . "readiness" ]\nmin-score = 20\n',
    "[tool.ruff]\nline-length = 100\n\n[tool.readiness.extra]\n",
    '[project]\nname = "x"\n[tool]\nreadiness = {min-score = 20}\n',
    "tool.readiness.min-score = 20\n",
    "'tool' = {readiness = {min-score = 20}}\n",
])
def test_every_way_toml_writes_the_table_is_found(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    assert config.find(tmp_path) == tmp_path / "pyproject.toml"


@pytest.mark.parametrize("text", [
    '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n# see [tool]\n',
    '[project]\nname = "readiness"\n[project.scripts]\nreadiness = "readiness.cli:main"\n',
    '[project]\nname = = "x"\n',  # not valid TOML, and no tool table: not ours to report
])
def test_a_pyproject_without_a_tool_key_is_passed_over_unparsed(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    assert config.find(tmp_path) is None
    assert config.discover(tmp_path) == config.Config()


def test_nearest_file_wins_and_dedicated_file_wins_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".readiness.toml").write_text("min-score = 10\n")
    inner = tmp_path / "team" / "assessments"
    inner.mkdir(parents=True)
    (tmp_path / "team" / "pyproject.toml").write_text("[tool.readiness]\nmin-score = 20\n")
    assert config.discover(inner).merged_bar().min_score == 20
    (tmp_path / "team" / ".readiness.toml").write_text("min-score = 30\n")
    assert config.discover(inner).merged_bar().min_score == 30


def test_file_sets_the_bar_and_the_command_line_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert validate(tmp_path, READY, monkeypatch=monkeypatch)[0] == 0
    (tmp_path / ".readiness.toml").write_text('fail-on = "none"\nmin-level = 4\n')
    assert validate(tmp_path, CHURN, monkeypatch=monkeypatch)[0] == 0  # blocker ignored, level 4
    (tmp_path / ".readiness.toml").write_text("min-score = 95\n")
    code, out = validate(tmp_path, READY, monkeypatch=monkeypatch)
    assert code == 0
    code, out = validate(tmp_path, CHURN, "--fail-on", "none", monkeypatch=monkeypatch)
    assert code == 1 and "score 90 is below --min-score 95" in out
    assert validate(tmp_path, CHURN, "--fail-on", "none", "--min-score", "80",
                    monkeypatch=monkeypatch)[0] == 0


def test_thresholds_reach_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The ready example scores 100 everywhere; a pass mark above 100 is refused, so move the
    # high-value limit instead: DEC002 fires when an autonomous limit exceeds it.
    (tmp_path / ".readiness.toml").write_text('high-value-limit = 1\nfail-on = "major"\n')
    code, out = validate(tmp_path, READY, monkeypatch=monkeypatch)
    assert code == 1 and "DEC002" in out
    (tmp_path / ".readiness.toml").write_text('fail-on = "major"\n')
    code, out = validate(tmp_path, READY, monkeypatch=monkeypatch)
    assert code == 0 and "DEC002" not in out


def test_questionnaire_path_is_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / ".readiness.toml").write_text('questionnaire = "packs/ours.yaml"\n')
    assert config.discover(tmp_path).questionnaire == str(tmp_path / "packs" / "ours.yaml")
    (tmp_path / ".readiness.toml").write_text('questionnaire = "telecom-network-ops"\n')
    assert config.discover(tmp_path).questionnaire == "telecom-network-ops"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("pass_mark = 80\n", "pass_mark", "did you mean 'pass-mark'?"),
        ("fail-onn = 'major'\n", "fail-onn", "did you mean 'fail-on'?"),
        ("min-score = '80'\n", "min-score", "expected a number from 0 to 100, got '80'"),
        ("min-level = 2.5\n", "min-level", "expected a whole number from 0 to 6"),
        ("min-level = true\n", "min-level", "expected a whole number from 0 to 6"),
        ("fail-on = 'sometimes'\n", "fail-on", 'one of "blocker", "major"'),
        ("pass-mark = 120\n", "pass-mark", "expected a number from 0 to 100, got 120"),
        ("override-major = 1.5\n", "override-major", "expected a rate from 0 to 1"),
    ],
)
def test_bad_settings_exit_2_naming_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, key: str, expected: str
) -> None:
    (tmp_path / ".readiness.toml").write_text(text)
    code, out = validate(tmp_path, READY, monkeypatch=monkeypatch)
    assert code == 2, out
    assert f"{tmp_path / '.readiness.toml'}: {key}: " in out
    assert expected in out
    assert "Traceback" not in out


def test_broken_toml_exits_2_with_the_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.readiness]\nmin-score = = 3\n")
    code, out = validate(tmp_path, READY, monkeypatch=monkeypatch)
    assert code == 2 and "pyproject.toml: not valid TOML" in out and "line 2" in out


def test_the_documented_example_is_a_valid_configuration(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "ci.md").read_text()
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "pyproject.toml").write_text(example)
    found = config.discover(tmp_path)
    assert found.merged_bar().fail_on == FailOn.MAJOR and found.merged_bar().min_level == 3
    assert found.thresholds == Thresholds()  # the documented defaults are the real ones
    assert found.questionnaire == "telecom-network-ops"


@pytest.mark.parametrize(
    "command",
    [
        ["validate", READY],
        ["report", READY],
        ["portfolio", READY],
        ["diff", READY, READY],
        ["history", READY],
        ["assess", "new.yaml", "--answers", READY],
    ],
)
def test_every_command_that_assesses_reads_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    (tmp_path / ".readiness.toml").write_text('questionnaire = "no-such-pack"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, command, env=ENV)
    assert result.exit_code == 2, result.output
    assert "unknown questionnaire pack 'no-such-pack'" in result.stderr


def test_thresholds_reach_portfolio_and_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".readiness.toml").write_text("high-value-limit = 1\nstale-after-days = 1\n")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["portfolio", READY, "-f", "json", "--today", "2026-11-25"],
                           env=ENV)
    document = json.loads(result.stdout)
    assert document["stale_after_days"] == 1 and document["initiatives"][0]["stale"]
    assert [p["rule"] for p in document["anti_patterns"]] == ["DEC002"]
    result = runner.invoke(app, ["diff", READY, READY, "-f", "json", "--today", "2026-11-25"],
                           env=ENV)
    assert "DEC002" in result.stdout
