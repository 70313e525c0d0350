"""`readiness report --format html`: the steering-committee report as one self-contained
HTML file: inline CSS and SVG charts, no script, nothing fetched when it is opened.

The layout is `report_templates/report.html.j2` (with `report.css` and
`macros.html.j2`); the numbers come from `document.build`; the charts from `charts`.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from readiness import __version__, i18n
from readiness.i18n import _
from readiness.reporters import charts
from readiness.reporters.report_view import Report
from readiness.reporters.templating import render_template

TEMPLATE = "report.html.j2"


def scorecard_chart(report: Report) -> Markup:
    gates = report.gates
    return charts.bar_chart(
        [charts.Bar(f"{g.order}. {g.title}", g.score, g.passed) for g in gates],
        title=_("Gate scores"),
        description=(
            _("Score of each of the six gates out of 100 against the pass mark {mark}. ").format(
                mark=i18n.number(report.header.pass_mark))
            + "; ".join(
                f"{g.title} {g.score}, " + (_("passes") if g.passed else _("does not pass"))
                for g in gates
            )
        ),
        threshold=report.header.pass_mark,
        fail_text=_("does not pass"),
        ident="scorecard",
    )


def timeline_chart(report: Report) -> Markup:
    rows = report.timeline.rows
    return charts.timeline(
        [
            charts.Span(
                f"{row.order}. {row.title}",
                row.start,
                row.end,
                row.state,
                row.out_of_order,
                row.note,
            )
            for row in rows
        ],
        title=_("Gate timeline"),
        description=(
            _("Start and completion date of each gate on one time axis")
            + (
                _("; out of order: ") + ", ".join(r.title for r in rows if r.out_of_order)
                if any(r.out_of_order for r in rows)
                else _("; all gates in order")
            )
        ),
        markers=[
            charts.Marker(e.label + (" (" + _("out of order") + ")" if e.flagged else ""), e.on)
            for e in report.timeline.events
        ],
        ident="timeline",
    )


def render(report: Report, template_dir: Path | str | None = None) -> str:
    return render_template(
        TEMPLATE,
        template_dir,
        report=report,
        charts={"scorecard": scorecard_chart(report), "timeline": timeline_chart(report)},
        generator=f"readiness {__version__}",
    )
