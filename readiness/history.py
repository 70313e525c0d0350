"""Progress over time: the level and score of every committed version of one assessment.

`history(path)` asks git for the commits that touched the file, following renames
(`git log --follow`), reads each version with `git show COMMIT:PATH`, and assesses it in
memory (`loader.loads`, `schema.validate`, `engine.assess`): nothing is checked out and
the working tree is never touched. A version that does not load or validate is kept as
an invalid version with its errors. Each version is assessed as of its commit date, so a
waiver that was current when the version was committed counts, as it did then.

Git's output is read split on NUL (`-z`, with NUL between the fields of each commit), so a
subject, an author or a file name may hold any character. A version larger than the
loader's file-size limit (`git cat-file -s`) is reported invalid without being read.

Outside a git repository, for a file git does not track, or in a repository git refuses
to read because another user owns it ("dubious ownership"), `HistoryError` says so.
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
from readiness.i18n import _
from readiness.loader import DEFAULT_LIMITS, LoadError, loads
from readiness.packs import PackRef, PackSource, as_choice
from readiness.schema import InvalidAssessment, SchemaError, validate
from readiness.thresholds import Thresholds

# Each commit starts with an empty field (a file name is never empty), then its fields;
# with `--name-only -z` the file's names at that commit follow, each ended by NUL.
_LOG_FIELDS = ["%H", "%h", "%cs", "%an", "%s"]
_LOG_FORMAT = "%x00" + "%x00".join(_LOG_FIELDS)


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


def _refused(path: Path, result: subprocess.CompletedProcess[bytes]) -> HistoryError | None:
    """Git's refusal to read a repository another user owns, said as git says it, with
    its own hint (`git config --global --add safe.directory ...`); None otherwise."""
    lines = [line.strip() for line in result.stderr.decode("utf-8", "replace").splitlines()]
    problem = next((line for line in lines if "dubious ownership" in line), None)
    if problem is None:
        return None
    hint = next((line for line in lines if line.startswith("git config")), None)
    message = (
        f"{path}: git refuses to read this repository: it belongs to another user "
        f"({problem.removeprefix('fatal: ')})"
    )
    if hint:
        message += f"; if you trust it, add an exception for it: {hint}"
    return HistoryError(message)


def _locate(path: Path) -> tuple[Path, Path]:
    """(work tree top, folder to run git in) for a tracked file, or HistoryError."""
    if path.is_dir():
        raise HistoryError(f"{path} is a folder; give one assessment file")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise HistoryError(f"{path}: no such file or folder")
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise _refused(path, top) or HistoryError(
            f"{path} is not in a git repository, so it has no history; "
            "commit the assessment to a repository to follow its progress"
        )
    tracked = _git(["ls-files", "--error-unmatch", "--", path.name], folder)
    if tracked.returncode != 0:
        raise _refused(path, tracked) or HistoryError(
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
    parts = log.stdout.decode("utf-8", "replace").split("\0")
    unreadable = HistoryError(f"git log for {path} printed what readiness cannot read")
    commits = []
    last_path = ""
    start = 0
    while start + len(_LOG_FIELDS) < len(parts):
        if parts[start] != "":
            raise unreadable
        fields = parts[start + 1 : start + 1 + len(_LOG_FIELDS)]
        end = start + 1 + len(_LOG_FIELDS)
        names = []
        while end < len(parts) and parts[end] != "":
            names.append(parts[end])
            end += 1
        start = end
        commit, short, day, author, subject = fields
        try:
            committed_on = date.fromisoformat(day)
        except ValueError:
            raise unreadable from None
        # The names follow a line break after the fields. A commit lists the file's path
        # at that commit; a merge may list none.
        where = names[0].removeprefix("\n") if names else last_path
        last_path = where
        commits.append((commit, short, committed_on, author, subject, where))
    return commits


def _read_version(blob: str, top: Path) -> tuple[str | None, str]:
    """The text of `COMMIT:PATH`, or None and why not. Its size is asked first: a version
    over the loader's file-size limit is never read (it may be gigabytes that git stores
    compressed to a few megabytes)."""
    size = _git(["cat-file", "-s", blob], top)
    if size.returncode != 0:
        return None, f"not readable at this commit: {_message(size)}"
    limit = DEFAULT_LIMITS.max_bytes
    if int(size.stdout.strip() or 0) > limit:
        return None, f"file is {int(size.stdout)} bytes; the limit is {limit} bytes"
    shown = _git(["cat-file", "blob", blob], top)
    if shown.returncode != 0:
        return None, f"not readable at this commit: {_message(shown)}"
    try:
        return shown.stdout.decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, "not UTF-8 text"


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
        text, problem = _read_version(f"{commit}:{where}", top)
        if text is None:
            outcome: dict[str, Any] = {"errors": (SchemaError(problem, "", 0, 0),)}
        else:
            outcome = _assess_version(text, f"{where}@{short}", packs, thresholds, today or day)
        versions.append(Version(commit, short, day, author, subject, where, **outcome))
    changed = _git(["diff", "--quiet", "HEAD", "--", given.name], folder)
    history = History(str(path), str(top), versions, uncommitted=changed.returncode == 1)
    if history.uncommitted:
        history.notes.append(
            _("{path} has uncommitted changes; only committed versions are shown").format(
                path=path)
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
            changes.append(_("{questionnaire} from {commit}").format(
                questionnaire=version.questionnaire, commit=version.short))
        previous = version.questionnaire
    if not changes:
        return []
    first = next(v.questionnaire for v in versions if v.questionnaire is not None)
    return [
        _("the versions were scored with different questionnaires ({first}, then {changes}); "
          "scores on either side of a change are not comparable").format(
            first=first, changes=_(", then ").join(changes))
    ]
