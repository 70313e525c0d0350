"""Attacks by someone who can commit a file, and accidents, in `history`, user templates,
the configuration and typed answers: each test reproduces one and shows the defence
(docs/reliability.md, "Hardening").
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from readiness import history as history_module
from readiness import loader
from readiness.cli import app
from readiness.history import history
from readiness.loader import DEFAULT_LIMITS, loads
from readiness.packs import load_pack
from readiness.wizard import answers
from tests.common import EXAMPLES

READY = EXAMPLES / "care-copilot-ready.yaml"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


# --- history: git's output and what it holds ----------------------------------------------


@pytest.fixture
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own for git: no system or user setting (a `safe.directory = *`
    among them) changes what the repositories of these tests show."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    return home


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _repository(folder: Path, author: str = "Care Ops") -> Path:
    folder.mkdir()
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "care@example.com")
    git(folder, "config", "user.name", author)
    return folder


@needs_git
def test_history_reads_subjects_and_authors_holding_any_separator(
    tmp_path: Path, git_home: Path
) -> None:
    repo = _repository(tmp_path / "repo", author="Ops\x1eTeam\x1fNorth")
    shutil.copy(READY, repo / "assessment.yaml")
    git(repo, "add", "assessment.yaml")
    git(repo, "commit", "-q", "-m", "First \x1e 2026-13-45 \x1f\x1e version")
    git(repo, "mv", "assessment.yaml", "renamed\x1e.yaml")
    git(repo, "commit", "-q", "-m", "Renamed\x1f")
    found = history(repo / "renamed\x1e.yaml", load_pack(None))
    assert [v.subject for v in found.versions] == [
        "First \x1e 2026-13-45 \x1f\x1e version", "Renamed\x1f"]
    assert {v.author for v in found.versions} == {"Ops\x1eTeam\x1fNorth"}
    assert [v.path for v in found.versions] == ["assessment.yaml", "renamed\x1e.yaml"]
    assert all(v.valid for v in found.versions)


@needs_git
def test_a_version_over_the_size_limit_is_not_read(
    tmp_path: Path, git_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repository(tmp_path / "repo")
    target = repo / "assessment.yaml"
    limit = DEFAULT_LIMITS.max_bytes
    with open(target, "wb") as handle:  # compresses to a few kilobytes in git
        handle.write(b"#" * (limit + 1))
    git(repo, "add", "assessment.yaml")
    git(repo, "commit", "-q", "-m", "Too large")
    shutil.copy(READY, target)
    git(repo, "commit", "-q", "-am", "Real")
    calls: list[list[str]] = []
    real_git = history_module._git

    def spy(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return real_git(args, cwd)

    monkeypatch.setattr(history_module, "_git", spy)
    found = history(target, load_pack(None))
    large, real = found.versions
    assert not large.valid
    assert large.errors[0].message == f"file is {limit + 1} bytes; the limit is {limit} bytes"
    assert real.valid
    reads = [args for args in calls if args[0] == "show" or args[:2] == ["cat-file", "blob"]]
    assert [args[-1].split(":")[0] for args in reads] == [real.commit]


@needs_git
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a repository to another user")
def test_a_repository_of_another_user_is_reported_as_git_refuses_it(
    tmp_path: Path, git_home: Path
) -> None:
    repo = _repository(tmp_path / "repo")
    shutil.copy(READY, repo / "assessment.yaml")
    git(repo, "add", "assessment.yaml")
    git(repo, "commit", "-q", "-m", "First")
    for folder, _, files in os.walk(repo):
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            os.lchown(name, 65534, 65534)
    result = _run("history", str(repo / "assessment.yaml"))
    assert result.exit_code == 2
    assert "not in a git repository" not in result.output
    assert "git refuses to read this repository: it belongs to another user" in result.output
    assert f"dubious ownership in repository at '{repo}'" in result.output
    assert f"git config --global --add safe.directory {repo}" in result.output


# --- user templates: the sandbox's bounds --------------------------------------------------


def _report_with(tmp_path: Path, template: str) -> Any:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a folder of its own: one compilation
    (folder / "report.md.j2").write_text(template, encoding="utf-8")
    return _run("report", str(READY), "-f", "md", "--template", str(folder),
                "--today", "2026-11-25")


def test_a_template_range_is_bounded(tmp_path: Path) -> None:
    result = _report_with(tmp_path, "{% for i in range(10**6) %}{% endfor %}")
    assert result.exit_code == 2
    assert ("template 'report.md.j2' was stopped by the sandbox: range of 1000000 numbers; "
            "a template may loop over at most 100000") in result.output
    result = _report_with(tmp_path, "{{ range(100000) | length }} numbers")
    assert result.exit_code == 0
    assert result.stdout.strip() == "100000 numbers"


@pytest.mark.parametrize("template", [
    '{% include "report.md.j2" %}',
    "{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}",
])
def test_a_template_that_includes_or_calls_itself_is_stopped(
    tmp_path: Path, template: str
) -> None:
    result = _report_with(tmp_path, template)
    assert result.exit_code == 2
    assert ("template 'report.md.j2' was stopped by the sandbox: includes, imports or macro "
            "calls nest too deep") in result.output


@pytest.mark.parametrize(("template", "stopped"), [
    ("{{ ('ab' * 500000) | length }}", False),
    ("{{ ('ab' * 500001) | length }}", True),
    ("{{ ([0] * 1000001) | length }}", True),
    ("{{ (2 ** 499999) > 0 }}", False),
    ("{{ (2 ** 500001) > 0 }}", True),
    ("{{ 7 ** (10 ** 7) }}", True),
])
def test_a_template_builds_no_huge_value(tmp_path: Path, template: str, stopped: bool) -> None:
    result = _report_with(tmp_path, template)
    if stopped:
        assert result.exit_code == 2
        assert "template 'report.md.j2' was stopped by the sandbox: '" in result.output
        assert "the limit is 1000000" in result.output or "1000000 binary digits" in (
            result.output)
    else:
        assert result.exit_code == 0, result.output


def test_a_template_error_in_arithmetic_is_a_template_problem(tmp_path: Path) -> None:
    result = _report_with(tmp_path, "{{ 1 / 0 }}")
    assert result.exit_code == 2
    assert "template 'report.md.j2': ZeroDivisionError: division by zero" in result.output


def test_a_template_that_never_ends_is_stopped_by_cpu_time(tmp_path: Path) -> None:
    """Two nested loops of 100,000: ten billion steps. The real command in a process that
    ignores SIGINT (as from a background shell), with the CPU-time limit lowered to half a
    second for the test; the clock's timeout is only a safety net."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    script = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "from readiness.reporters import templating; templating.MAX_CPU_SECONDS = 0.5\n"
        "from readiness.cli import main; sys.argv[0] = 'readiness'; main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "report", str(READY), "-f", "md", "--template",
         str(folder)], capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        "readiness: error: template 'report.md.j2' was stopped by the sandbox: it used more "
        "than 0.5 s of CPU time (a loop too large, or one that never ends?)"
    )


# --- configuration -----------------------------------------------------------------------

CHURN = EXAMPLES / "churn-accuracy-only.yaml"  # one blocker: exit 1 unless fail-on = "none"
LENIENT = 'fail-on = "none"\n'


def _validate_in(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.chdir(folder)
    return CliRunner().invoke(
        app, ["validate", *args, "--today", "2026-11-25"],
        env={"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None, "NO_COLOR": "1"},
    )


@pytest.mark.parametrize(("content", "problem"), [
    (b"# caf\xe9\nmin-score = 50\n", "not UTF-8 text (byte 0xe9 at line 1)"),
    ("min-score = 50\n".encode("utf-16"), "UTF-16 text: save the file as UTF-8"),
])
def test_a_config_file_that_is_not_utf8_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, problem: str
) -> None:
    (tmp_path / ".readiness.toml").write_bytes(content)
    result = _validate_in(tmp_path, monkeypatch, str(READY))
    assert result.exit_code == 2
    assert f"readiness: error: {tmp_path / '.readiness.toml'}: {problem}" in result.stderr


def test_a_config_file_with_a_byte_order_mark_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".readiness.toml").write_bytes(b"\xef\xbb\xbf" + LENIENT.encode())
    assert _validate_in(tmp_path, monkeypatch, str(CHURN)).exit_code == 0


def test_the_config_search_stops_at_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".readiness.toml").write_text(LENIENT)  # a shared folder above the checkout
    repo = tmp_path / "checkout"
    (repo / ".git").mkdir(parents=True)
    (repo / "assessments").mkdir()
    result = _validate_in(repo / "assessments", monkeypatch, str(CHURN))
    assert result.exit_code == 1
    assert "settings from" not in result.stderr
    (repo / "pyproject.toml").write_text("[tool.readiness]\n" + LENIENT)  # the project's own
    result = _validate_in(repo / "assessments", monkeypatch, str(CHURN))
    assert result.exit_code == 0
    assert f"readiness: settings from {repo / 'pyproject.toml'} [tool.readiness]\n" in (
        result.stderr)


def test_the_config_search_stops_at_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".readiness.toml").write_text(LENIENT)
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert _validate_in(home / "work", monkeypatch, str(CHURN)).exit_code == 1
    (home / ".readiness.toml").write_text(LENIENT)
    result = _validate_in(home / "work", monkeypatch, str(CHURN))
    assert result.exit_code == 0
    assert f"readiness: settings from {home / '.readiness.toml'}\n" in result.stderr


def test_outside_a_repository_and_home_only_the_working_folder_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"  # say /tmp: anyone may write there
    (shared / "mine").mkdir(parents=True)
    (shared / ".readiness.toml").write_text(LENIENT)
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    assert _validate_in(shared / "mine", monkeypatch, str(CHURN)).exit_code == 1
    (shared / "mine" / ".readiness.toml").write_text(LENIENT)
    assert _validate_in(shared / "mine", monkeypatch, str(CHURN)).exit_code == 0


def test_validate_names_the_config_file_in_every_format_but_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".readiness.toml").write_text(LENIENT)
    line = f"readiness: settings from {tmp_path / '.readiness.toml'}\n"
    for fmt in ("text", "json", "sarif", "junit", "github"):
        result = _validate_in(tmp_path, monkeypatch, str(READY), "-f", fmt)
        assert result.exit_code == 0
        assert result.stderr.startswith(line), fmt
        assert "settings from" not in result.stdout
    quiet = _validate_in(tmp_path, monkeypatch, str(READY), "--quiet")
    assert "settings from" not in quiet.stderr


# --- numbers, durations and long lists ------------------------------------------------------


def _within_cpu_seconds(seconds: float, work: Any, *args: Any) -> Any:
    """`work(*args)`, failing the test once it has used `seconds` of CPU time (not of the
    clock: a loaded machine does not make it fail)."""

    class OutOfTime(Exception):
        pass

    def stop(signum: int, frame: Any) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        return work(*args)
    except OutOfTime:
        pytest.fail(f"{work.__name__} took more than {seconds} s of CPU time")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


LONG = 100_000  # ten times the answer that took 3-4 s; a quadratic parse takes minutes


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers")
@pytest.mark.parametrize(("parse", "answer", "outcome"), [
    (answers.to_iso_duration, "1" * LONG, "is not a duration"),
    (answers.to_iso_duration, "1 " * (LONG // 2) + "days", "is not a duration"),
    (answers.to_iso_duration, "P" + "1" * LONG, "is not an ISO 8601 duration"),
    (answers.parse_number, "1" + " " * LONG + "x", "is not a number"),
    (answers.parse_number, "1" + " " * LONG + "%", 1),
    (answers.parse_integer, "1" * LONG, f"has {LONG} digits"),
    (answers.split_unit, "1" + " " * LONG + "x!", None),
    (answers.split_unit, "1 a" + " " * LONG + "!", None),
    (answers.split_unit, "1" + " " * LONG + "minutes", ("1", "minutes")),
    (answers.split_date, "gap" + " " * LONG + "x", None),
    (answers.split_date, "gap" + " " * LONG + "2026-08-20", ("gap", "2026-08-20")),
])
def test_a_long_answer_is_parsed_in_linear_time(parse: Any, answer: str, outcome: Any) -> None:
    if isinstance(outcome, str):
        with pytest.raises(answers.AnswerError, match=outcome) as caught:
            _within_cpu_seconds(2.0, parse, answer)
        assert len(str(caught.value)) < 300  # the answer is quoted cut short
    else:
        assert _within_cpu_seconds(2.0, parse, answer) == outcome


def test_answers_keep_their_meaning() -> None:
    assert answers.to_iso_duration("1 hour 30 minutes") == "PT1H30M"
    assert answers.to_iso_duration("2days 4h") == "P2DT4H"
    assert answers.to_iso_duration("1.5 days") == "P1.5D"
    assert answers.split_unit("1 000 minutes") == ("1 000", "minutes")
    assert answers.split_unit("48 percentage points") == ("48", "percentage points")
    assert answers.split_unit("12.5 per cent") == ("12.5%", "percent")
    assert answers.split_date("in_review, since 2026-08-20") == ("in_review", "2026-08-20")
    assert answers.split_date("compliant on 2026-08-20") == ("compliant", "2026-08-20")
    assert answers.split_date("on 2026-08-20") == ("on", "2026-08-20")
    assert answers.split_date("compliant2026-08-20") is None
    assert answers.parse_number("48 %", ratio=True) == 0.48
    assert answers.parse_integer("1000000000000000") == 10**15  # 16 digits: the model's limit


@pytest.mark.parametrize("question", ["workflow.monthly_volume", "outcomes.roi.annual_benefit"])
def test_a_5000_digit_number_in_an_answers_file_is_refused(
    tmp_path: Path, question: str
) -> None:
    target = tmp_path / "mine.yaml"
    shutil.copy(READY, target)
    given = tmp_path / "answers.yaml"
    given.write_text(f'{question}: "{"5" * 5000}"\n')
    result = _run("assess", str(target), "--answers", str(given))
    assert result.exit_code == 2, result.output
    assert f"{question}: '{'5' * 40}... (5000 characters)' has 5000 digits; numbers are at " \
        "most 10^15 in size" in result.stderr
    assert target.read_bytes() == READY.read_bytes()


def _flow_list(items: int) -> str:
    """A file of one flow list: the top mapping, `schema_version`'s value, the list and
    its items are `items + 3` values."""
    return "schema_version: 1\nx: [" + ",".join(["1"] * items) + "]\n"


def test_a_long_flow_list_is_refused_before_it_is_composed(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = DEFAULT_LIMITS.max_nodes
    document = loads(_flow_list(limit - 3), "flow.yaml")  # exactly the limit: read
    assert len(document.data["x"]) == limit - 3

    def composed(self: Any) -> None:
        raise AssertionError("the composer ran")

    monkeypatch.setattr(loader._CachingLoader, "get_single_node", composed)
    for items in (limit - 2, 450_000):  # one more; 900 KB of them
        with pytest.raises(loader.LoadError) as caught:
            loads(_flow_list(items), "flow.yaml")
        assert str(caught.value) == (
            f"flow.yaml:2:{5 + 2 * (limit - 3)}: document expands to more than {limit} "
            "values (too many aliases or a very large file)"
        )
