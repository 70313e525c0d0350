"""`readiness report --format md`: the steering-committee report as GitHub-flavoured
Markdown, with the timeline as a Mermaid gantt block (rendered by GitHub and GitLab).

The layout is `report_templates/report.md.j2`; the numbers come from `document.build`.
"""

from __future__ import annotations

from pathlib import Path

from readiness import __version__
from readiness.reporters.report_view import Report
from readiness.reporters.templating import render_template

TEMPLATE = "report.md.j2"


def render(report: Report, template_dir: Path | str | None = None) -> str:
    text = render_template(
        TEMPLATE, template_dir, report=report, generator=f"readiness {__version__}"
    )
    # Blank-line runs left by optional sections are noise in the file people read.
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
