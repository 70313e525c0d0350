"""`--format github`: workflow commands escaped as actions/toolkit does, GitHub's annotation
limits, the job summary, `--format auto`, and the exit code of every format."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readiness.batch import FileReport
from readiness.choices import Format
from readiness.cli import app
from readiness.findings import Finding, Severity
from readiness.model import GateId
from readiness.packs import load_pack
from readiness.reporters import REPORTERS, github
from readiness.schema import SchemaError
from readiness.thresholds import Bar, Thresholds
from tests.common import (
    EXAMPLES,
    HEADER,
    ROOT,
    TODAY,
    BatchReport,
    checked,
    rendered,
    run,
    written,
)

COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::(.*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the runner does: split properties on `,` and
    `=`, then unescape."""
    match = COMMAND.match(line)
    assert match, line
    props = {}
    for pair in (match.group(2) or "").strip().split(","):
        if pair:
            key, _, value = pair.partition("=")
            props[key] = unescape_property(value)
    return match.group(1), props, unescape_data(match.group(3))


def finding(rule: str, severity: str, line: int, message: str = "msg") -> Finding:
    return Finding(rule, "name", Severity(severity), GateId.WORKFLOW, message, "initiative.id",
                   line, 3, "fix it")


def report_with(findings: list[Finding], path: str = "a.yaml") -> BatchReport:
    result = dataclasses.replace(run(HEADER), findings=findings)
    return BatchReport([FileReport(path, result=result)])


ENV = {"GITHUB_WORKSPACE": "/nonexistent-root"}


# --- escaping ----------------------------------------------------------------------------


def test_escaping_matches_the_toolkit() -> None:
    assert github.escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_messages_and_paths_with_special_characters_round_trip(tmp_path: Path) -> None:
    message = "100% sure: a, b\nsecond line\r::error::injected"
    path = "dir,with:odd%chars\nnewline.yaml"
    report = report_with([finding("OWN001", "blocker", 4, message)], path)
    out = rendered(Format.GITHUB, report, environ=ENV)
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == 1  # the injected command stayed inside the message
    kind, props, text = parse(commands[0])
    assert kind == "error"
    assert props["file"].endswith(path)
    assert props["line"] == "4" and props["col"] == "3"
    assert props["title"] == "OWN001 name (blocker)"
    assert text == message + "\nFix: fix it"
    assert all("\n" not in line and "\r" not in line for line in out.split("\n"))


# --- limits ------------------------------------------------------------------------------


def counts(out: str) -> dict[str, int]:
    found = {"error": 0, "warning": 0, "notice": 0}
    for line in out.splitlines():
        match = COMMAND.match(line)
        if match:
            found[match.group(1)] += 1
    return found


def test_within_the_limits_everything_is_annotated_and_nothing_summarised() -> None:
    findings = [finding("OWN001", "blocker", n) for n in range(1, 11)]
    findings += [finding("OUT003", "minor", n) for n in range(11, 21)]
    out = rendered(Format.GITHUB, report_with(findings), environ=ENV)
    assert counts(out) == {"error": 10, "warning": 0, "notice": 10}
    assert "not annotated" not in out


def test_beyond_the_limits_the_worst_are_annotated_and_the_rest_summarised() -> None:
    findings = [finding("OWN001", "blocker", n) for n in range(1, 26)]
    findings += [finding("OWN002", "major", n) for n in range(26, 38)]
    findings += [finding("OUT003", "minor", n) for n in range(38, 53)]
    out = rendered(Format.GITHUB, report_with(findings), environ=ENV)
    assert counts(out) == {"error": 10, "warning": 10, "notice": 10}  # 9 + the summary
    assert sum(counts(out).values()) <= 50
    *_, last = [line for line in out.splitlines() if line.startswith("::")]
    kind, _, text = parse(last)
    # 15 errors, 2 warnings and 6 notices were left over
    assert kind == "notice" and text.startswith("23 more findings not annotated")
    # every finding is still in the log, annotated or as a plain line
    for line in range(1, 53):
        assert f"line={line}," in out or f"a.yaml:{line}:3:" in out


def test_schema_errors_are_error_annotations_before_findings() -> None:
    errors = [SchemaError(f"bad {n}", "initiative.stage", n, 1) for n in range(1, 13)]
    report = BatchReport([FileReport("bad.yaml", errors=errors)])
    out = rendered(Format.GITHUB, report, environ=ENV)
    assert counts(out)["error"] == 10
    assert "2 more findings not annotated" in out


# --- job summary -------------------------------------------------------------------------


def test_summary_escapes_pipes_and_lists_findings() -> None:
    report = report_with([finding("OWN001", "blocker", 4, "a | b <script>")], "x|y.yaml")
    text = written(github.SummaryWriter, report)
    assert "| x\\|y.yaml |" in text
    assert "a \\| b &lt;script&gt;" in text
    row = next(line for line in text.splitlines() if line.startswith("| x"))
    assert row.count(" | ") == 10  # eleven cells: no pipe leaked from the content


def test_step_summary_is_appended_when_the_variable_is_set(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(target)}
    result = CliRunner().invoke(
        app, ["validate", str(EXAMPLES / "churn-accuracy-only.yaml"), "--today", "2026-11-25"],
        env=env,
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")  # auto picked github
    text = target.read_text()
    assert text.startswith("earlier step\n## Readiness")
    assert "| 4/6 | 90 | 1 | 3 | 0 | 0 | below |" in text


# --- auto and exit codes -----------------------------------------------------------------


def test_auto_resolves_from_github_actions() -> None:
    assert Format.AUTO.resolve({"GITHUB_ACTIONS": "true"}) == Format.GITHUB
    assert Format.AUTO.resolve({}) == Format.TEXT
    assert Format.SARIF.resolve({"GITHUB_ACTIONS": "true"}) == Format.SARIF


def test_every_format_but_auto_has_a_reporter() -> None:
    assert set(REPORTERS) == set(Format) - {Format.AUTO}


CASES = [
    ("examples/care-copilot-ready.yaml", 0),
    ("examples/churn-accuracy-only.yaml", 1),
    ("tests/data/junit.xsd", 2),  # not an assessment: invalid input
]


@pytest.mark.parametrize("fmt", [f.value for f in Format])
@pytest.mark.parametrize(("path", "code"), CASES)
def test_exit_codes_are_the_same_in_every_format(fmt: str, path: str, code: int) -> None:
    result = CliRunner().invoke(
        app, ["validate", str(ROOT / path), "--format", fmt, "--today", "2026-11-25"],
        env={"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None, "NO_COLOR": "1"},
    )
    assert result.exit_code == code, result.output
    assert result.stdout  # every format writes its document or report


def test_quiet_prints_only_errors(tmp_path: Path) -> None:
    env = {"GITHUB_ACTIONS": None, "NO_COLOR": "1"}
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(EXAMPLES / "churn-accuracy-only.yaml"), "--quiet",
                             "--today", "2026-11-25"], env=env)
    assert ok.exit_code == 1 and ok.stdout == "" and ok.stderr == ""
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEADER.replace("stage: pilot", "stage: piolt"))
    invalid = runner.invoke(app, ["validate", str(bad), "--quiet"], env=env)
    assert invalid.exit_code == 2 and invalid.stdout == ""
    assert f"{bad}:7:3: error: initiative.stage: " in invalid.stderr
    loud = runner.invoke(app, ["validate", str(EXAMPLES / "churn-accuracy-only.yaml"),
                               "--format", "json", "--today", "2026-11-25"], env=env)
    assert "1 file checked: 0 invalid, 1 below the bar" in loud.stderr


def test_reporters_agree_with_the_checked_files() -> None:
    report = checked([EXAMPLES], load_pack(None), Thresholds(), TODAY, Bar())
    active = sum(len(f.result.active) for f in report.files if f.result)
    out = rendered(Format.GITHUB, report, environ=ENV)
    assert sum(counts(out).values()) == active  # 10 or fewer of each kind here


# --- colour, completion, version -----------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "coloured"),
    [({"FORCE_COLOR": "1"}, True), ({"NO_COLOR": "1"}, False),
     ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False), ({}, False)],
)
def test_no_color_and_force_color(env: dict[str, str], coloured: bool) -> None:
    full = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None, **env}
    result = CliRunner().invoke(
        app, ["validate", str(EXAMPLES / "churn-accuracy-only.yaml"), "--today", "2026-11-25"],
        env=full,
    )
    assert result.exit_code == 1
    assert ("\x1b[" in result.stdout) is coloured


def test_shell_completion_offers_options_and_formats() -> None:
    script = Path(sys.executable).with_name("readiness")
    if not script.exists():
        pytest.skip("the readiness console script is not installed beside this Python")

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_READINESS_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1)}
        proc = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
        return proc.stdout.split()

    assert "--format" in complete("readiness validate --fo")
    assert complete("readiness validate --format s") == ["sarif"]


def test_version() -> None:
    from readiness import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"readiness {__version__}\n"
