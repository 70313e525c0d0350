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
Rendering (text, Markdown, HTML, JSON) is at the end of this module.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.engine import assess
from readiness.findings import Severity
from readiness.loader import DEFAULT_LIMITS, LoadError, loads
from readiness.packs import PackRef, PackSource, as_choice
from readiness.schema import InvalidAssessment, SchemaError, validate
from readiness.settings import Thresholds

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


# --- rendering --------------------------------------------------------------------------


def to_json(found: History) -> dict[str, Any]:
    return {
        "tool": {"name": "readiness", "version": __version__},
        "path": found.path,
        "uncommitted_changes": found.uncommitted,
        "versions": [
            {
                "commit": v.commit,
                "committed_on": v.committed_on.isoformat(),
                "author": v.author,
                "subject": v.subject,
                "path": v.path,
                "valid": v.valid,
                "initiative": v.initiative,
                "questionnaire": v.questionnaire.as_json() if v.questionnaire else None,
                "level": v.level,
                "score": v.score,
                "verdict": v.verdict,
                "blockers": v.blockers if v.valid else None,
                "majors": v.majors if v.valid else None,
                "errors": [
                    {"message": e.message, "path": e.path, "line": e.line, "column": e.column}
                    for e in v.errors
                ],
            }
            for v in found.versions
        ],
    }


def _first_error(version: Version) -> str:
    if not version.errors:
        return ""
    error = version.errors[0]
    where = f"line {error.line}: " if error.line else ""
    more = f" (and {len(version.errors) - 1} more)" if len(version.errors) > 1 else ""
    return f"{where}{error.message}{more}"


def render_text(found: History) -> str:
    from readiness.reporters.base import one_line, shown_path

    count = len(found.versions)
    lines = [f"{shown_path(found.path)}: {count} committed version(s), oldest first", ""]
    header = f"{'commit':<9} {'date':<10} {'level':>5} {'score':>5}  {'verdict':<11} subject"
    if found.questionnaire is not None:
        lines.insert(1, f"Questionnaire: {found.questionnaire}")
    lines.append(header)
    for v in found.versions:
        if v.valid:
            row = f"{v.short:<9} {v.committed_on} {v.level:>5} {v.score:>5}  {v.verdict:<11} "
        else:
            row = f"{v.short:<9} {v.committed_on} {'-':>5} {'-':>5}  {'invalid':<11} "
        row += one_line(v.subject)
        if not v.valid:
            row += f"  [{one_line(_first_error(v))}]"
        lines.append(row)
    valid = [v for v in found.versions if v.valid]
    if len(valid) >= 2:
        first, last = valid[0], valid[-1]
        assert first.level is not None and last.level is not None
        assert first.score is not None and last.score is not None
        lines += [
            "",
            f"since {first.short}: level {first.level} -> {last.level} "
            f"({last.level - first.level:+d}), score {first.score} -> {last.score} "
            f"({last.score - first.score:+d})",
        ]
    return "\n".join(lines) + "\n"


def trend_svg(found: History) -> str:
    """Score (line, 0-100) and level (steps, 0-6) per version, oldest on the left.

    Invalid versions are marked with a cross on the axis and labelled, never joined.
    """
    from markupsafe import escape

    from readiness.reporters.charts import ACTIVE, FAIL, FONT, GRID, INK, NEUTRAL, PASS

    versions = found.versions
    left, top, plot_w, plot_h = 48, 24, 560, 200
    width, height = left + plot_w + 56, top + plot_h + 70
    step = plot_w / max(len(versions) - 1, 1)

    def e(text: object) -> str:
        return str(escape(str(text)))

    def x(index: int) -> float:
        return left + (index * step if len(versions) > 1 else plot_w / 2)

    def y_score(score: float) -> float:
        return top + plot_h - score / 100 * plot_h

    desc = "; ".join(
        f"{v.short} {v.committed_on}: "
        + (f"level {v.level}, score {v.score}" if v.valid else "invalid")
        for v in versions
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;{FONT}" role="img" aria-labelledby="trend-t trend-d" '
        'class="chart">',
        f'<title id="trend-t">Readiness over {len(versions)} committed versions</title>',
        f'<desc id="trend-d">{e(desc)}</desc>',
    ]
    for tick in range(0, 101, 25):
        y = y_score(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="end">{tick}</text>'
        )
    for level in range(0, 7, 2):
        y = top + plot_h - level / 6 * plot_h
        parts.append(
            f'<text x="{left + plot_w + 8}" y="{y + 4:.1f}" font-size="11" fill="{PASS}">'
            f"L{level}</text>"
        )
    score_path: list[tuple[float, float] | None] = []
    level_path: list[tuple[float, float] | None] = []
    for index, v in enumerate(versions):
        if not v.valid or v.score is None or v.level is None:
            score_path.append(None)
            level_path.append(None)
            continue
        score_path.append((x(index), y_score(v.score)))
        level_path.append((x(index), top + plot_h - v.level / 6 * plot_h))

    def polyline(points: list[tuple[float, float] | None], colour: str, dash: str) -> None:
        run: list[tuple[float, float]] = []
        for item in points + [None]:
            if item is None:
                if len(run) > 1:
                    coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                    parts.append(
                        f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                        f'stroke-width="2.5"{dash}/>'
                    )
                run = []
            else:
                run.append(item)

    polyline(score_path, ACTIVE, "")
    polyline(level_path, PASS, ' stroke-dasharray="6 4"')
    for index, v in enumerate(versions):
        cx = x(index)
        if v.valid and v.score is not None and v.level is not None:
            cy = y_score(v.score)
            ly = top + plot_h - v.level / 6 * plot_h
            parts.append(
                f"<g><title>{e(v.short)} {v.committed_on}: score {v.score}, level {v.level}"
                f"</title><circle cx=\"{cx:.1f}\" cy=\"{cy:.1f}\" r=\"5\" fill=\"{ACTIVE}\"/>"
                f'<rect x="{cx - 4:.1f}" y="{ly - 4:.1f}" width="8" height="8" fill="{PASS}"/>'
                f'<text x="{cx:.1f}" y="{cy - 9:.1f}" font-size="11" fill="{INK}" '
                f'text-anchor="middle">{v.score}</text></g>'
            )
        else:
            by = top + plot_h
            parts.append(
                f"<g><title>{e(v.short)} {v.committed_on}: invalid</title>"
                f'<path d="M{cx - 6:.1f} {by - 6:.1f}l12 12m0 -12l-12 12" stroke="{FAIL}" '
                f'stroke-width="2.5"/><text x="{cx:.1f}" y="{by - 12:.1f}" font-size="11" '
                f'fill="{FAIL}" text-anchor="middle">invalid</text></g>'
            )
        parts.append(
            f'<text x="{cx:.1f}" y="{top + plot_h + 16}" font-size="10" fill="{NEUTRAL}" '
            f'text-anchor="middle">{e(v.committed_on.isoformat())}</text>'
        )
    legend_y = height - 12
    parts.append(
        f'<circle cx="{left + 6}" cy="{legend_y - 4}" r="5" fill="{ACTIVE}"/>'
        f'<text x="{left + 16}" y="{legend_y}" font-size="11" fill="{INK}">score (solid line, '
        "left axis 0-100)</text>"
        f'<rect x="{left + 250}" y="{legend_y - 8}" width="8" height="8" fill="{PASS}"/>'
        f'<text x="{left + 264}" y="{legend_y}" font-size="11" fill="{INK}">level (dashed line, '
        "right axis L0-L6)</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


def render(found: History, fmt: str, template_dir: str | None = None) -> str:
    """The history as `text`, `md`, `html` or `json`."""
    if fmt == "json":
        return json.dumps(to_json(found), indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        return render_text(found)
    from markupsafe import Markup

    from readiness.reporters.templating import render_template

    context: dict[str, Any] = {"history": found, "first_error": _first_error}
    if fmt == "html":
        context["trend_chart"] = Markup(trend_svg(found))
        return render_template("history.html.j2", template_dir, **context)
    if fmt == "md":
        return render_template("history.md.j2", template_dir, **context)
    raise ValueError(f"unknown history format {fmt!r}")
