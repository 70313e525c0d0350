"""The history of one assessment as text, JSON, and Markdown and HTML (the
`history.md.j2` and `history.html.j2` templates, the trend chart drawn by
`reporters.charts`)."""

from __future__ import annotations

from typing import Any

from readiness import __version__
from readiness.history import History, Version
from readiness.i18n import _, ngettext
from readiness.reporters.safe_text import one_line, shown_path


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
    where = _("line {line}: ").format(line=error.line) if error.line else ""
    more = _(" (and {count} more)").format(count=len(version.errors) - 1) if len(
        version.errors) > 1 else ""
    return f"{where}{error.message}{more}"


def render_text(found: History, template_dir: str | None = None) -> str:
    count = len(found.versions)
    lines = [ngettext("{path}: {count} committed version, oldest first",
                      "{path}: {count} committed versions, oldest first", count).format(
        path=shown_path(found.path), count=count), ""]
    # The column headings of the text table; a column is as wide as its heading needs.
    commit, day, level, score = _("commit"), _("date"), _("level"), _("score")
    verdict, subject = _("verdict"), _("subject")
    lw, sw = max(5, len(level)), max(5, len(score))
    header = f"{commit:<9} {day:<10} {level:>{lw}} {score:>{sw}}  {verdict:<11} {subject}"
    if found.questionnaire is not None:
        lines.insert(1, _("Questionnaire: {pack}").format(pack=found.questionnaire))
    lines.append(header)
    for v in found.versions:
        if v.valid:
            row = (f"{v.short:<9} {v.committed_on} {v.level:>{lw}} {v.score:>{sw}}  "
                   f"{v.verdict:<11} ")
        else:
            invalid = _("invalid")
            row = f"{v.short:<9} {v.committed_on} {'-':>{lw}} {'-':>{sw}}  {invalid:<11} "
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
            _("since {commit}: level {old_level} -> {new_level} ({level_change}), score "
              "{old_score} -> {new_score} ({score_change})").format(
                commit=first.short, old_level=first.level, new_level=last.level,
                level_change=f"{last.level - first.level:+d}", old_score=first.score,
                new_score=last.score, score_change=f"{last.score - first.score:+d}"),
        ]
    return "\n".join(lines) + "\n"


def render_json(found: History, template_dir: str | None = None) -> str:
    from readiness.reporters.json import dumps

    return dumps(to_json(found)) + "\n"


def render_markdown(found: History, template_dir: str | None = None) -> str:
    from readiness.reporters.templating import render_template

    return render_template("history.md.j2", template_dir, **_context(found))


def render_html(found: History, template_dir: str | None = None) -> str:
    from markupsafe import Markup

    from readiness.reporters.charts import trend_svg
    from readiness.reporters.templating import render_template

    context = _context(found)
    context["trend_chart"] = Markup(trend_svg(found))
    return render_template("history.html.j2", template_dir, **context)


def _context(found: History) -> dict[str, Any]:
    return {"history": found, "first_error": _first_error}
