"""The portfolio for a steering committee as JSON
(docs/schemas/portfolio-output.schema.json), Markdown and HTML (the `portfolio.md.j2` and
`portfolio.html.j2` templates, the charts drawn by `reporters.charts`).

Each format is a function that yields the output piece by piece (the `PORTFOLIO`
registry), so a large portfolio is written out without ever being one string.
"""

from __future__ import annotations

from collections.abc import Iterator

from readiness.i18n import _
from readiness.portfolio import QUADRANTS, Entry, Portfolio, Value, rules_reference


def _value_json(value: Value) -> dict[str, object]:
    return {
        "net_benefit": value.net_benefit,
        "currency": value.currency,
        "horizon_years": value.horizon_years,
        "costs_complete": value.costs_complete,
        "reason": value.reason,
    }


def entry_json(entry: Entry) -> dict[str, object]:
    blocked = entry.blocked_at
    return {
        "rank": entry.rank,
        "path": entry.path,
        "id": entry.id,
        "name": entry.name,
        "domain": entry.domain,
        "use_case": entry.use_case,
        "stage": entry.stage,
        "level": entry.level,
        "score": entry.score,
        "verdict": entry.verdict.value,
        "headline": entry.headline,
        "blockers": entry.blockers,
        "majors": entry.majors,
        "minors": entry.minors,
        "blocked_at": (
            {"id": blocked.value, "order": blocked.order, "title": blocked.title}
            if blocked
            else None
        ),
        "owner": entry.owner,
        "assessed_on": entry.assessed_on.isoformat(),
        "age_days": entry.age_days,
        "stale": entry.stale,
        "value": _value_json(entry.value),
        "quadrant": entry.quadrant,
        "rules": sorted(entry.rules),
        "questionnaire": entry.questionnaire.as_json(),
    }


def to_json(portfolio: Portfolio) -> dict[str, object]:
    from readiness import __version__

    matrix = portfolio.matrix
    verdicts = portfolio.verdicts
    return {
        "tool": {"name": "readiness", "version": __version__},
        "today": portfolio.today.isoformat(),
        "stale_after_days": portfolio.stale_after,
        "pass_mark": portfolio.pass_mark,
        "summary": {
            "files": portfolio.files,
            "initiatives": len(portfolio.entries),
            "invalid": len(portfolio.invalid),
            "stale": len(portfolio.stale),
            "ready": verdicts["ready"],
            "conditional": verdicts["conditional"],
            "not_ready": verdicts["not_ready"],
        },
        "initiatives": [entry_json(entry) for entry in portfolio.entries],
        "invalid": [
            {
                "path": item.path,
                "errors": [
                    {"message": e.message, "path": e.path, "line": e.line, "column": e.column}
                    for e in item.errors
                ],
            }
            for item in portfolio.invalid
        ],
        "anti_patterns": [
            {
                "rule": p.rule,
                "name": p.name,
                "severity": p.severity.value,
                "count": p.count,
                "total": p.total,
                "sentence": p.sentence,
                "reference": p.reference,
                "initiatives": list(p.initiatives),
            }
            for p in portfolio.anti_patterns
        ],
        "levels": [
            {
                "level": b.level,
                "label": b.label,
                "count": b.count,
                "initiatives": list(b.initiatives),
            }
            for b in portfolio.levels
        ],
        "matrix": {
            "currency": matrix.currency,
            "feasibility_split": matrix.feasibility_split,
            "value_split": matrix.value_split,
            "quadrants": [
                {
                    "id": key,
                    "label": _(label),
                    "description": _(description),
                    "initiatives": [e.id for e in matrix.placed if e.quadrant == key],
                }
                for key, (label, description) in QUADRANTS.items()
            ],
            "apart": [{"initiative": e.id, "reason": matrix.reason(e)} for e in matrix.apart],
        },
    }


def render_json(portfolio: Portfolio) -> str:

    from readiness.reporters.json import dumps

    return dumps(to_json(portfolio)) + "\n"


def _placement(value: float, split: float, low: float, high: float) -> float:
    """A position in 0..1 with `split` at 0.5: Mermaid draws its quadrant lines mid-axis."""
    if value >= split:
        return 0.5 + (0.5 * (value - split) / (high - split) if high > split else 0.0)
    return 0.5 * (value - low) / (split - low) if split > low else 0.0


def _coordinate(value: float) -> str:
    """Mermaid reads a point coordinate as 0, 1 or 0.<digits> only."""
    if value <= 0:
        return "0"
    if value >= 1:
        return "1"
    return f"{value:.3f}".rstrip("0").rstrip(".") if f"{value:.3f}" != "0.000" else "0"


def quadrant_points(portfolio: Portfolio, limit: int = 30) -> list[tuple[str, str, str]]:
    """(label, x, y) for a Mermaid quadrantChart, best-ranked first, at most `limit`."""
    matrix = portfolio.matrix
    if matrix.value_split is None:
        return []
    low, high = matrix.value_range
    points = []
    for entry in sorted(matrix.placed, key=lambda item: item.rank)[:limit]:
        x = _placement(entry.score, matrix.feasibility_split, 0, 100)
        y = _placement(entry.value.net_benefit or 0.0, matrix.value_split, low, high)
        # Labels are built from the id (a slug) alone: no user text reaches Mermaid.
        label = f"{entry.rank} {entry.id.replace('-', ' ')}"
        points.append((label, _coordinate(x), _coordinate(y)))
    return points


CHUNK = 1 << 16
"""Characters gathered before a piece of the rendered portfolio is handed on."""


def json_chunks(portfolio: Portfolio, template_dir: str | None = None) -> Iterator[str]:
    """The JSON document, in one piece."""
    yield render_json(portfolio)


def markdown_chunks(portfolio: Portfolio, template_dir: str | None = None) -> Iterator[str]:
    """Markdown through `portfolio.md.j2`, in pieces of about CHUNK characters."""
    from readiness.reporters.templating import generate_template

    context = _context(portfolio)
    context["quadrant_points"] = quadrant_points(portfolio)
    return _gathered(generate_template("portfolio.md.j2", template_dir, **context))


def html_chunks(portfolio: Portfolio, template_dir: str | None = None) -> Iterator[str]:
    """HTML through `portfolio.html.j2`, charts inline, in pieces of about CHUNK
    characters."""
    from markupsafe import Markup

    from readiness.reporters.charts import levels_svg, matrix_svg
    from readiness.reporters.templating import generate_template

    context = _context(portfolio)
    context["matrix_chart"] = Markup(matrix_svg(portfolio))
    context["levels_chart"] = Markup(levels_svg(portfolio))
    return _gathered(generate_template("portfolio.html.j2", template_dir, **context))


def _context(portfolio: Portfolio) -> dict[str, object]:
    from readiness.reporters.charts import SHAPES, compact_money

    return {
        "portfolio": portfolio,
        "quadrants": {key: (_(label), _(said)) for key, (label, said) in QUADRANTS.items()},
        "shapes": {key: _(shape) for key, shape in SHAPES.items()},
        "compact_money": compact_money,
        "rules_reference": rules_reference(),
    }


def _gathered(pieces: Iterator[str]) -> Iterator[str]:
    """The templates' output passed on in pieces of about CHUNK characters, as it is
    made, never held whole."""
    pending: list[str] = []
    size = 0
    for piece in pieces:
        pending.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(pending)
            pending.clear()
            size = 0
    if pending:
        yield "".join(pending)
