"""Progress over time: the level and score of every committed version of one assessment.

`history(path)` asks git for the commits that touched the file, following renames
(`git log --follow`), reads each version with `git show COMMIT:PATH`, and assesses it in
memory (`loader.loads`, `schema.validate`, `engine.assess`): nothing is checked out and
the working tree is never touched. A version that does not load or validate is kept as
an invalid version with its errors. Each version is assessed as of its commit date, so a
waiver that was current when the version was committed counts, as it did then.

Outside a git repository, or for a file git does not track, `HistoryError` says so.
`reporters.history` renders it as text, Markdown, HTML and JSON.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from readiness.engine import assess
from readiness.findings import Severity
from readiness.loader import LoadError, loads
from readiness.packs import PackRef, PackSource, as_choice
from readiness.schema import InvalidAssessment, SchemaError, validate
from readiness.settings import Thresholds

_RECORD, _FIELD = "\x1e", "\x1f"
_LOG_FORMAT = _RECORD + _FIELD.join(["%H", "%h", "%cs", "%an", "%s"])


class HistoryError(Exception):
    """The file has no git history to show (not in a repository, untracked, no git)."""


@dataclass(frozen=True)
class Version:
    """One committed version of the file and what it assessed to."""

    commit: str
    short: str
    committed_on: date
    author: str
    subject: str
    path: str  # the file's path in the repository at that commit (renames followed)
    level: int | None = None
    score: int | None = None
    verdict: str | None = None
    blockers: int = 0
    majors: int = 0
    initiative: str | None = None
    questionnaire: PackRef | None = None  # the pack that scored this version
    errors: tuple[SchemaError, ...] = ()

    @property
    def valid(self) -> bool:
        return self.level is not None


@dataclass
class History:
    path: str  # as given
    repository: str  # the top folder of the git work tree
    versions: list[Version]  # oldest first
    uncommitted: bool = False  # the working copy differs from the last commit
    notes: list[str] = field(default_factory=list)

    @property
    def questionnaire(self) -> PackRef | None:
        """The pack that scored every valid version; None when there were several (a
        note then says so) or no valid version."""
        refs = {v.questionnaire for v in self.versions if v.questionnaire is not None}
        return refs.pop() if len(refs) == 1 else None


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)  # the file's own repository, whatever the caller's shell says
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, env=env, check=False, timeout=120
        )
    except FileNotFoundError:
        raise HistoryError("git is not installed, so there is no history to read") from None
    except subprocess.TimeoutExpired:
        raise HistoryError(f"git {args[0]} took longer than 2 minutes; stopped") from None


def _message(result: subprocess.CompletedProcess[bytes]) -> str:
    text = result.stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[-1] if text else f"git exited with {result.returncode}"


def _locate(path: Path) -> tuple[Path, Path]:
    """(work tree top, folder to run git in) for a tracked file, or HistoryError."""
    if path.is_dir():
        raise HistoryError(f"{path} is a folder; give one assessment file")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise HistoryError(f"{path}: no such file or folder")
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise HistoryError(
            f"{path} is not in a git repository, so it has no history; "
            "commit the assessment to a repository to follow its progress"
        )
    tracked = _git(["ls-files", "--error-unmatch", "--", path.name], folder)
    if tracked.returncode != 0:
        raise HistoryError(
            f"{path} is not tracked by git, so it has no history; "
            f"`git add {path.name}` and commit it to follow its progress"
        )
    return Path(top.stdout.decode().strip()), folder


def _commits(path: Path, folder: Path) -> list[tuple[str, str, date, str, str, str]]:
    """(commit, short, date, author, subject, path at that commit), newest first."""
    log = _git(
        ["log", "--follow", "-z", "--name-only", f"--format={_LOG_FORMAT}", "--", path.name],
        folder,
    )
    if log.returncode != 0:
        raise HistoryError(f"git log failed for {path}: {_message(log)}")
    commits = []
    last_path = ""
    for record in log.stdout.decode("utf-8", "replace").split(_RECORD)[1:]:
        header, _, rest = record.partition("\0")
        names = [name.strip("\n") for name in rest.split("\0") if name.strip("\n")]
        commit, short, day, author, subject = (header.split(_FIELD) + [""] * 5)[:5]
        # A commit lists the file's path at that commit; a merge may list none.
        where = names[0] if names else last_path
        last_path = where
        commits.append((commit, short, date.fromisoformat(day), author, subject, where))
    return commits


def _assess_version(
    text: str, label: str, packs: PackSource, thresholds: Thresholds, today: date
) -> dict[str, Any]:
    try:
        document = loads(text, label)
        assessment = validate(document)
    except LoadError as exc:
        return {"errors": (SchemaError(exc.message, "", exc.line, exc.column),)}
    except InvalidAssessment as exc:
        return {"errors": tuple(exc.errors)}
    pack = as_choice(packs).for_domain(assessment.initiative.domain)
    result = assess(document, assessment, pack, thresholds, today)
    return {
        "level": result.level,
        "score": result.score,
        "verdict": result.verdict.value,
        "blockers": result.counts[Severity.BLOCKER],
        "majors": result.counts[Severity.MAJOR],
        "initiative": result.initiative,
        "questionnaire": pack.ref,
    }


def history(
    path: str | Path,
    packs: PackSource,
    thresholds: Thresholds | None = None,
    today: date | None = None,
) -> History:
    """Every committed version of `path`, oldest first, each scored with `packs` (one
    pack, or the pack of the version's domain). `today` fixes the reference date of every
    version (default: each version's commit date)."""
    thresholds = thresholds or Thresholds()
    given = Path(path)
    top, folder = _locate(given)
    versions = []
    for commit, short, day, author, subject, where in reversed(_commits(given, folder)):
        shown = _git(["show", f"{commit}:{where}"], top)
        label = f"{where}@{short}"
        if shown.returncode != 0:
            error = SchemaError(f"not readable at this commit: {_message(shown)}", "", 0, 0)
            outcome: dict[str, Any] = {"errors": (error,)}
        else:
            try:
                text = shown.stdout.decode("utf-8")
            except UnicodeDecodeError:
                outcome = {"errors": (SchemaError("not UTF-8 text", "", 0, 0),)}
            else:
                outcome = _assess_version(text, label, packs, thresholds, today or day)
        versions.append(Version(commit, short, day, author, subject, where, **outcome))
    changed = _git(["diff", "--quiet", "HEAD", "--", given.name], folder)
    history = History(str(path), str(top), versions, uncommitted=changed.returncode == 1)
    if history.uncommitted:
        history.notes.append(
            f"{path} has uncommitted changes; only committed versions are shown"
        )
    history.notes += _questionnaire_notes(versions)
    return history


def _questionnaire_notes(versions: list[Version]) -> list[str]:
    """A note when the versions were scored with different packs (the domain changed):
    scores on either side of a change are not comparable."""
    changes: list[str] = []
    previous: PackRef | None = None
    for version in versions:
        if version.questionnaire is None:
            continue
        if previous is not None and version.questionnaire != previous:
            changes.append(f"{version.questionnaire} from {version.short}")
        previous = version.questionnaire
    if not changes:
        return []
    first = next(v.questionnaire for v in versions if v.questionnaire is not None)
    return [
        f"the versions were scored with different questionnaires ({first}, then "
        + ", then ".join(changes) + "); scores on either side of a change are not comparable"
    ]
