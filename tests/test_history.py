"""`readiness history`: a temporary git repository with three commits of one assessment
(one of them invalid, then renamed), and the messages outside git."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readiness.cli import app
from readiness.engine import assess_file
from readiness.history import HistoryError, history
from readiness.packs import load_pack
from tests.common import EXAMPLES, history_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=str(repo.parent))
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00")
    subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """model-first (level 0) -> broken YAML -> reworked as the churn case (level 4)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "care@example.com")
    git(repo, "config", "user.name", "Care <Ops> | Team")
    target = repo / "assessment.yaml"
    shutil.copy(EXAMPLES / "ticket-classifier-model-first.yaml", target)
    git(repo, "add", "assessment.yaml")
    git(repo, "commit", "-q", "-m", "First assessment", date="2026-09-01")
    target.write_text(target.read_text() + "broken: [\n")
    git(repo, "commit", "-q", "-am", "Half-edited <script>", date="2026-10-01")
    shutil.copy(EXAMPLES / "churn-accuracy-only.yaml", target)
    git(repo, "commit", "-q", "-am", "Rework", date="2026-11-01")
    return repo


def expected(example: str, on: str) -> tuple[int, int]:
    """Level and score of an example as `validate` sees it on the commit date."""
    from datetime import date

    result = assess_file(EXAMPLES / example, today=date.fromisoformat(on))
    return result.level, result.score


def test_every_committed_version(repo: Path) -> None:
    found = history(repo / "assessment.yaml", load_pack(None))
    first_level, first_score = expected("ticket-classifier-model-first.yaml", "2026-09-01")
    last_level, last_score = expected("churn-accuracy-only.yaml", "2026-11-01")
    assert (first_level, last_level) == (0, 4)
    assert [v.subject for v in found.versions] == [
        "First assessment",
        "Half-edited <script>",
        "Rework",
    ]
    first, broken, last = found.versions
    assert (first.level, first.score, first.initiative) == (
        first_level, first_score, "cascade-noc-ticket-classifier"
    )
    assert not broken.valid and "YAML" in broken.errors[0].message
    assert broken.errors[0].line > 100
    assert (last.level, last.score) == (last_level, last_score)
    assert [v.committed_on.isoformat() for v in found.versions] == [
        "2026-09-01",
        "2026-10-01",
        "2026-11-01",
    ]
    assert not found.uncommitted


def test_renames_are_followed(repo: Path) -> None:
    (repo / "portfolio").mkdir()
    git(repo, "mv", "assessment.yaml", "portfolio/churn.yaml")
    git(repo, "commit", "-q", "-m", "Move into the portfolio folder", date="2026-11-02")
    found = history(repo / "portfolio" / "churn.yaml", load_pack(None))
    assert [v.path for v in found.versions] == ["assessment.yaml"] * 3 + ["portfolio/churn.yaml"]
    first = expected("ticket-classifier-model-first.yaml", "2026-09-01")[1]
    last = expected("churn-accuracy-only.yaml", "2026-11-01")[1]
    assert [v.score for v in found.versions] == [first, None, last, last]


def test_outputs(repo: Path) -> None:
    found = history(repo / "assessment.yaml", load_pack(None))
    first = expected("ticket-classifier-model-first.yaml", "2026-09-01")[1]
    last = expected("churn-accuracy-only.yaml", "2026-11-01")[1]
    text = history_text(found, "text")
    change = f"level 0 -> 4 (+4), score {first} -> {last} (+{last - first})"
    assert "invalid" in text and change in text
    document = json.loads(history_text(found, "json"))
    assert [v["score"] for v in document["versions"]] == [first, None, last]
    markdown = history_text(found, "md")
    assert "```mermaid\nxychart-beta" in markdown and f"line [{first}, {last}]" in markdown
    assert "<script>" not in markdown
    page = history_text(found, "html")
    assert page.count("<svg") == 1 and "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_uncommitted_changes_are_mentioned(repo: Path) -> None:
    path = repo / "assessment.yaml"
    path.write_text(path.read_text() + "# draft\n")
    found = history(path, load_pack(None))
    assert found.uncommitted and "uncommitted" in found.notes[0]


def test_outside_git_and_untracked(tmp_path: Path, repo: Path) -> None:
    loose = tmp_path / "loose.yaml"
    shutil.copy(EXAMPLES / "churn-accuracy-only.yaml", loose)
    with pytest.raises(HistoryError, match="not in a git repository"):
        history(loose, load_pack(None))
    untracked = repo / "new.yaml"
    shutil.copy(loose, untracked)
    with pytest.raises(HistoryError, match="not tracked by git"):
        history(untracked, load_pack(None))


def test_command(repo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["history", str(repo / "assessment.yaml")])
    assert shown.exit_code == 0, shown.output
    assert "3 committed versions, oldest first" in shown.stdout
    french = runner.invoke(app, ["history", str(repo / "assessment.yaml"), "--lang", "fr"])
    assert "3 versions validées dans Git" in french.stdout
    heading = next(line for line in french.stdout.splitlines() if line.startswith("commit"))
    assert heading.split() == ["commit", "date", "niveau", "score", "verdict", "sujet"]
    rows = [line for line in french.stdout.splitlines() if re.match(r"[0-9a-f]{7} ", line)]
    # the level column is as wide as its heading: every level ends under "niveau"
    column = heading.index("niveau") + len("niveau")
    assert len(rows) == 3 and all(row[column - 1] in "0123456789-" for row in rows)
    out = tmp_path / "history.html"
    written = runner.invoke(app, ["history", str(repo / "assessment.yaml"), "-o", str(out)])
    assert written.exit_code == 0 and out.read_text().startswith("<!doctype html>")
    loose = tmp_path / "loose.yaml"
    loose.write_text("schema_version: 1\n")
    outside = runner.invoke(app, ["history", str(loose)])
    assert outside.exit_code == 2 and "not in a git repository" in outside.stderr
