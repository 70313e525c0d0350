"""Attacks by someone who can commit a file, and accidents, in `history`, user templates,
the configuration and typed answers: each test reproduces one and shows the defence
(docs/reliability.md, "Hardening").
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from readiness import history as history_module
from readiness.cli import app
from readiness.history import history
from readiness.loader import DEFAULT_LIMITS
from readiness.packs import load_pack
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
