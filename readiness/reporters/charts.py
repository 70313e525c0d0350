"""Inline SVG charts for the HTML reports: bar chart and timeline, and
the portfolio's value-feasibility matrix and level bars and the history's trend.

The generic charts take plain data and return the `<svg>` element as a `Markup` string:
every label is escaped here, so templates insert charts as they are. Charts are
accessible (`role="img"`, `aria-labelledby` a `<title>` and `<desc>`, a `<title>` per
mark for hover) and never rely on colour alone: a failing bar is hatched and labelled
"not passed", an out-of-order span is outlined, hatched and labelled. No script, no
font, no external reference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from markupsafe import Markup, escape

from readiness import i18n
from readiness.i18n import _, ngettext

if TYPE_CHECKING:
    from readiness.history import History
    from readiness.portfolio import Entry, Portfolio

__all__ = [
    "SHAPES", "Bar", "Marker", "Span", "bar_chart", "compact_money", "levels_svg",
    "matrix_svg", "timeline", "trend_svg",
]

PASS = "#1a7f37"
FAIL = "#b42318"
NEUTRAL = "#57606a"
ACTIVE = "#0969da"
GRID = "#d0d7de"
INK = "#1f2328"
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"


class Bar(NamedTuple):
    """One bar: `ok` True draws it solid as passing, False hatched as not passing."""

    label: str
    value: float
    ok: bool | None = None
    unit: str = ""  # said after the value: "2 initiatives"


class Span(NamedTuple):
    """One row of a timeline. `state`: done | active | planned. `flagged` marks the row
    (for example: work done out of order) with an outline, a hatch and `note`."""

    label: str
    start: date | None
    end: date | None
    state: str = "done"
    flagged: bool = False
    note: str = ""


class Marker(NamedTuple):
    """A dated event drawn as a vertical line across the timeline."""

    label: str
    on: date


def _e(value: object) -> str:
    return str(escape(str(value)))


def _ident(title: str, prefix: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "chart"
    return f"{prefix}-{slug}"


def _month(day: date) -> str:
    """An axis label: Nov 2026 (French: nov. 2026)."""
    if i18n.active() == "en":
        return day.strftime("%b %Y")
    from babel.dates import format_date

    return format_date(day, "MMM y", locale=i18n.locale())


STATES = (i18n.N_("done"), i18n.N_("active"), i18n.N_("planned"))
"""The states of a timeline span, said in a mark's hover text."""


def _open(ident: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px;{FONT}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" class="chart">',
        f'<title id="{ident}-t">{_e(title)}</title>',
        f'<desc id="{ident}-d">{_e(description)}</desc>',
        "<defs>",
        f'<pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fbe9e7"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{FAIL}" stroke-width="2.5"/></pattern>',
        "</defs>",
    ]


def _close(parts: list[str]) -> Markup:
    parts.append("</svg>")
    return Markup("\n".join(parts))


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    threshold: float | None = None,
    threshold_label: str | None = None,
    maximum: float = 100,
    ok_text: str | None = None,
    fail_text: str | None = None,
    ident: str | None = None,
) -> Markup:
    """Horizontal bars, one per item, against an optional threshold line."""
    ident = ident or _ident(title, "bars")
    threshold_label = _("pass mark") if threshold_label is None else threshold_label
    ok_text = _("pass") if ok_text is None else ok_text
    fail_text = _("not passed") if fail_text is None else fail_text
    texts = []
    for bar in bars:
        verdict = {True: ok_text, False: fail_text, None: ""}[bar.ok]
        text = f"{bar.value:g}" + (f" {bar.unit}" if bar.unit else "")
        texts.append(text + (f" · {verdict}" if verdict else ""))
    # Room left of the plot for the longest label (13 px text, about 7.5 px a character)
    # and right of it for the longest text beside a full bar (12 px, about 7 px), so
    # that none is cut at the chart's edge, in any language.
    plot_w, row_h, top = 330, 34, 30
    label_w = max([190] + [int(7.5 * len(bar.label)) + 16 for bar in bars])
    value_w = max([150] + [7 * len(text) + 16 for text in texts])
    width = label_w + plot_w + value_w
    height = top + row_h * len(bars) + 28
    scale = plot_w / maximum if maximum else 0
    parts = _open(ident, width, height, title, description)
    for tick in range(0, int(maximum) + 1, max(1, int(maximum) // 4)):
        x = label_w + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 22}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{height - 8}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="middle">{tick:g}</text>'
        )
    values = []  # drawn last, over the threshold line, which crosses a value near it
    for index, (bar, text) in enumerate(zip(bars, texts, strict=True)):
        y = top + index * row_h
        value = max(0.0, min(float(bar.value), maximum))
        fill = {True: PASS, False: f"url(#{ident}-hatch)", None: ACTIVE}[bar.ok]
        stroke = f' stroke="{FAIL}" stroke-width="1.5"' if bar.ok is False else ""
        hover = f"<title>{_e(f'{bar.label}: {text}')}</title>"
        parts.append(
            f"<g>{hover}"
            f'<text x="{label_w - 10}" y="{y + 19}" font-size="13" fill="{INK}" '
            f'text-anchor="end">{_e(bar.label)}</text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{max(value * scale, 2):.1f}" height="20" '
            f'rx="2" fill="{fill}"{stroke}/></g>'
        )
        # A white outline around the letters hides the line where they cross it.
        values.append(
            f"<g>{hover}"
            f'<text x="{label_w + value * scale + 8:.1f}" y="{y + 19}" font-size="12" '
            f'fill="{INK if bar.ok is not False else FAIL}" stroke="#fff" stroke-width="4" '
            f'stroke-linejoin="round" paint-order="stroke" '
            f'font-weight="{"600" if bar.ok is False else "400"}">{_e(text)}</text></g>'
        )
    if threshold is not None:
        x = label_w + threshold * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 10}" x2="{x:.1f}" y2="{height - 22}" '
            f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="5 3"/>'
            f'<text x="{x:.1f}" y="{top - 14}" font-size="11" fill="{INK}" '
            f'text-anchor="middle">{_e(threshold_label)} {threshold:g}</text>'
        )
    return _close(parts + values)


def _months(first: date, last: date) -> list[date]:
    ticks = []
    current = date(first.year, first.month, 1)
    while current <= last:
        if current >= first:
            ticks.append(current)
        year, month = divmod(current.month, 12)
        current = date(current.year + year, month + 1, 1)
    if len(ticks) > 6:  # keep the month labels apart on long timelines
        step = -(-len(ticks) // 6)
        ticks = ticks[::step]
    return ticks


def timeline(
    spans: Sequence[Span],
    *,
    title: str,
    description: str = "",
    markers: Sequence[Marker] = (),
    ident: str | None = None,
) -> Markup:
    """Rows of dated spans on one time axis, with dated markers as vertical lines.

    A span with only an end is drawn as a diamond at that date; a span with neither
    date is listed with the words "no dates recorded".
    """
    ident = ident or _ident(title, "timeline")
    dates = [d for s in spans for d in (s.start, s.end) if d] + [m.on for m in markers]
    label_w, plot_w, note_w, row_h, top = 190, 440, 150, 30, 24
    width = label_w + plot_w + note_w
    marker_rows = len(markers) * 14
    height = top + row_h * len(spans) + 26 + marker_rows
    parts = _open(ident, width, height, title, description)
    if not dates:
        parts.append(
            f'<text x="10" y="{top + 16}" font-size="13" fill="{NEUTRAL}">'
            + str(_e(_("No gate dates recorded yet."))) + "</text>"
        )
        return _close(parts)
    first, last = min(dates), max(dates)
    first -= timedelta(days=3)
    last += timedelta(days=3)
    span_days = max((last - first).days, 1)

    def x_of(day: date) -> float:
        return label_w + (day - first).days / span_days * plot_w

    axis_y = top + row_h * len(spans)
    for tick in _months(first, last):
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{axis_y + 14}" font-size="10" fill="{NEUTRAL}" '
            f'text-anchor="middle">{_month(tick)}</text>'
        )
    for index, span in enumerate(spans):
        y = top + index * row_h
        colour = {"done": PASS, "active": ACTIVE}.get(span.state, NEUTRAL)
        when = _(" to ").join(d.isoformat() for d in (span.start, span.end) if d) or _("no dates")
        hover = f"{span.label}: {_(span.state)}, {when}" + (f"; {span.note}" if span.note else "")
        parts.append(f"<g><title>{_e(hover)}</title>")
        parts.append(
            f'<text x="{label_w - 10}" y="{y + 19}" font-size="13" fill="{INK}" '
            f'text-anchor="end">{_e(span.label)}</text>'
        )
        if span.start and span.end:
            x1, x2 = x_of(span.start), x_of(span.end)
            parts.append(
                f'<rect x="{x1:.1f}" y="{y + 7}" width="{max(x2 - x1, 3):.1f}" height="16" '
                f'rx="3" fill="{colour}"'
                + (' fill-opacity="0.55" stroke-dasharray="4 2"' if span.state == "active" else "")
                + f' stroke="{colour}"/>'
            )
            if span.flagged:
                parts.append(
                    f'<rect x="{x1:.1f}" y="{y + 7}" width="{max(x2 - x1, 3):.1f}" height="16" '
                    f'rx="3" fill="url(#{ident}-hatch)" fill-opacity="0.8" stroke="{FAIL}" '
                    'stroke-width="2"/>'
                )
        elif span.start or span.end:
            day = span.end or span.start
            assert day is not None
            cx = x_of(day)
            parts.append(
                f'<path d="M{cx:.1f} {y + 6} l8 9 l-8 9 l-8 -9 z" fill="{colour}" '
                + (f'stroke="{FAIL}" stroke-width="2"' if span.flagged else f'stroke="{colour}"')
                + "/>"
            )
        else:
            undated = _e(_("no dates recorded"))
            parts.append(
                f'<text x="{label_w + 4}" y="{y + 19}" font-size="12" fill="{NEUTRAL}" '
                f'font-style="italic">{undated}</text>'
            )
        said = {"done": "complete", "active": "in progress"}.get(span.state, "")
        note = span.note or _(said)
        if span.flagged:
            note = "⚠ " + _("out of order")
        parts.append(
            f'<text x="{label_w + plot_w + 10}" y="{y + 19}" font-size="12" '
            f'fill="{FAIL if span.flagged else NEUTRAL}" '
            f'font-weight="{"600" if span.flagged else "400"}">{_e(note)}</text></g>'
        )
    parts.append(
        f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + plot_w}" y2="{axis_y}" '
        f'stroke="{NEUTRAL}"/>'
    )
    for index, marker in enumerate(sorted(markers, key=lambda m: m.on)):
        x = x_of(marker.on)
        label_y = axis_y + 28 + index * 14
        parts.append(
            f"<g><title>{_e(marker.label)}: {marker.on.isoformat()}</title>"
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{label_y - 10}" '
            f'stroke="{INK}" stroke-width="1" stroke-dasharray="2 3"/>'
            f'<text x="{x:.1f}" y="{label_y}" font-size="11" fill="{INK}" '
            f'text-anchor="{"end" if x > label_w + plot_w * 0.6 else "start"}">'
            f"{_e(marker.label)} {marker.on.isoformat()}</text></g>"
        )
    return _close(parts)


# --- the portfolio's value-feasibility matrix and level bars, the history's trend --------
# What a generic chart lacks: negative values, quadrant lines at the pass mark and the
# median value, a strip for initiatives placed apart; two series on two axes with gaps for
# invalid versions.


def compact_money(value: float) -> str:
    """2_900_000 -> '2.9M', -350_000 -> '-350k': short axis labels."""
    size = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.0f}"


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    import math

    span = high - low
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    tick = first
    while tick <= high + step * 1e-9:
        ticks.append(tick)
        tick += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


SHAPES = {
    "ready": i18n.N_("filled circle"),
    "conditional": i18n.N_("filled diamond"),
    "not_ready": i18n.N_("hollow square"),
}


def _mark(verdict: str, x: float, y: float) -> str:

    if verdict == "ready":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{PASS}"/>'
    if verdict == "conditional":
        return (
            f'<path d="M{x:.1f} {y - 7:.1f}L{x + 7:.1f} {y:.1f}L{x:.1f} {y + 7:.1f}'
            f'L{x - 7:.1f} {y:.1f}Z" fill="#9a6700"/>'
        )
    return (
        f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="white" '
        f'stroke="{FAIL}" stroke-width="2"/>'
    )


def matrix_svg(portfolio: Portfolio, label_limit: int = 40) -> str:
    """The value-feasibility scatter as inline SVG (escaped here; insert it as is).

    Feasibility (score) runs left to right, value bottom to top; dashed lines at the
    pass mark and the median value split the quadrants, each labelled. Points are
    numbered by rank (all of them up to `label_limit` initiatives, the top 15 beyond);
    their shape says the verdict. Initiatives without a comparable value sit in a strip
    below the plot, still placed by score.
    """
    from readiness.portfolio import QUADRANTS


    matrix = portfolio.matrix
    left, top, plot_w, plot_h = 84, 34, 560, 340
    strip_top = top + plot_h + 64
    strip_h = 44 if matrix.apart else 0
    width = left + plot_w + 24
    height = strip_top + strip_h + (34 if strip_h else 0) + 34
    low, high = matrix.value_range
    ticks = _nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    currency = matrix.currency or ""

    def sx(score: float) -> float:
        return left + max(0.0, min(score, 100.0)) / 100 * plot_w

    def sy(value: float) -> float:
        return top + plot_h - (value - low) / (high - low) * plot_h

    count = len(portfolio.entries)
    labelled = count <= label_limit
    title = _("Value-feasibility matrix")
    desc = _(
        "{placed} initiatives placed by readiness score (feasibility) and ROI net benefit in "
        "{currency} (value); {apart} placed apart without a comparable value. Shapes: ready "
        "is a filled circle, conditional a filled diamond, not ready a hollow square. Points "
        "are numbered by rank."
    ).format(placed=len(matrix.placed), currency=currency or _("their currency"),
             apart=len(matrix.apart))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;{FONT}" role="img" aria-labelledby="matrix-t matrix-d" '
        'class="chart">',
        f'<title id="matrix-t">{_e(title)}</title><desc id="matrix-d">{_e(desc)}</desc>',
    ]
    split_x = sx(matrix.feasibility_split)
    split_y = sy(matrix.value_split) if matrix.value_split is not None else top + plot_h / 2
    tints = {
        "scale": "#e6f4ea",
        "invest": "#fff4e5",
        "reconsider": "#eef4fb",
        "deprioritise": "#f6f8fa",
    }
    boxes = {
        "invest": (left, top, split_x - left, split_y - top),
        "scale": (split_x, top, left + plot_w - split_x, split_y - top),
        "deprioritise": (left, split_y, split_x - left, top + plot_h - split_y),
        "reconsider": (split_x, split_y, left + plot_w - split_x, top + plot_h - split_y),
    }
    for key, (x, y, w, h) in boxes.items():
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
            f'fill="{tints[key]}"/>'
        )
    for tick in ticks:
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" '
            'stroke-width="0.6"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="end">{_e(compact_money(tick))}</text>'
        )
    for step in range(0, 101, 20):
        x = sx(step)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{GRID}" '
            'stroke-width="0.6"/>'
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="middle">{step}</text>'
        )
    parts.append(
        f'<line x1="{split_x:.1f}" y1="{top}" x2="{split_x:.1f}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-dasharray="6 4"/>'
        f'<line x1="{left}" y1="{split_y:.1f}" x2="{left + plot_w}" y2="{split_y:.1f}" '
        f'stroke="{INK}" stroke-dasharray="6 4"/>'
        f'<text x="{split_x + 4:.1f}" y="{top + plot_h - 6}" font-size="10" fill="{INK}">'
        + _e(_("pass mark")) + f" {i18n.number(matrix.feasibility_split)}</text>"
    )
    if matrix.value_split is not None:
        parts.append(
            f'<text x="{left + plot_w - 4}" y="{split_y - 5:.1f}" font-size="10" fill="{INK}" '
            f'text-anchor="end">median {_e(compact_money(matrix.value_split))} '
            f"{_e(currency)}</text>"
        )
    corners = {
        "invest": (left + 8, top + 16, "start"),
        "scale": (left + plot_w - 8, top + 16, "end"),
        "deprioritise": (left + 8, top + plot_h - 22, "start"),
        "reconsider": (left + plot_w - 8, top + plot_h - 22, "end"),
    }
    for key, (x, y, anchor) in corners.items():
        label = _(QUADRANTS[key][0])
        members = sum(1 for entry in matrix.placed if entry.quadrant == key)
        parts.append(
            f'<text x="{x}" y="{y}" font-size="13" font-weight="700" fill="{INK}" '
            f'text-anchor="{anchor}">{_e(label)} ({members})</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h + 34}" font-size="12" fill="{INK}" '
        'text-anchor="middle">' + _e(_("Feasibility: readiness score (0-100)")) + "</text>"
        f'<text x="16" y="{top + plot_h / 2:.1f}" font-size="12" fill="{INK}" text-anchor="middle" '
        f'transform="rotate(-90 16 {top + plot_h / 2:.1f})">'
        + _e(_("Value: ROI net benefit over the horizon ({currency})").format(
            currency=currency or _("no currency"))) + "</text>"
    )

    def point(entry: Entry, x: float, y: float, note: str) -> str:
        said = _("score {score}, level {level}").format(score=entry.score, level=entry.level)
        hover = f"#{entry.rank} {entry.name} ({entry.id}): {said}"
        hover += f", {_(entry.verdict.value.replace('_', ' '))}; {note}"
        label = ""
        if labelled or entry.rank <= 15:
            label = (
                f'<text x="{x + 8:.1f}" y="{y - 6:.1f}" font-size="10" fill="{INK}">'
                f"{entry.rank}</text>"
            )
        return f"<g><title>{_e(hover)}</title>{_mark(entry.verdict.value, x, y)}{label}</g>"

    # Draw the lowest-ranked first so that the best-ranked points stay on top.
    for entry in sorted(matrix.placed, key=lambda item: -item.rank):
        value = entry.value.net_benefit or 0.0
        note = _("net benefit {amount} {currency}").format(amount=compact_money(value),
                                                         currency=currency)
        parts.append(point(entry, sx(entry.score), sy(value), note))
    if matrix.apart:
        parts.append(
            f'<rect x="{left}" y="{strip_top}" width="{plot_w}" height="{strip_h}" fill="#f6f8fa" '
            f'stroke="{GRID}"/>'
            f'<text x="{left}" y="{strip_top - 6}" font-size="12" font-weight="700" fill="{INK}">'
            + _e(_("Placed apart, no comparable ROI ({n}): by score only").format(
                n=len(matrix.apart))) + "</text>"
        )
        for entry in sorted(matrix.apart, key=lambda item: -item.rank):
            parts.append(
                point(entry, sx(entry.score), strip_top + strip_h / 2, matrix.reason(entry))
            )
    legend_y = height - 12
    legend = [("ready", _("ready")), ("conditional", _("conditional")),
              ("not_ready", _("not ready"))]
    x = left
    for verdict, text in legend:
        parts.append(_mark(verdict, x + 6, legend_y - 4))
        parts.append(
            f'<text x="{x + 18}" y="{legend_y}" font-size="11" fill="{INK}">{_e(text)} '
            f"({_e(_(SHAPES[verdict]))})</text>"
        )
        x += 190
    parts.append("</svg>")
    return "\n".join(parts)


def levels_svg(portfolio: Portfolio) -> str:
    """How many initiatives are stuck at each gate, as a bar chart."""
    from readiness.model import GATE_ORDER


    bars = [
        Bar(
            label=_("{level}: all gates pass").format(level=bucket.level)
            if bucket.level == len(GATE_ORDER)
            else _("{level}: at {gate}").format(level=bucket.level,
                                                gate=GATE_ORDER[bucket.level].title),
            value=bucket.count,
            ok=True if bucket.level == len(GATE_ORDER) else None,
            unit=ngettext("initiative", "initiatives", bucket.count),
        )
        for bucket in portfolio.levels
    ]
    maximum = max([bucket.count for bucket in portfolio.levels] + [1])
    return str(
        bar_chart(
            bars,
            title=_("Initiatives by readiness level"),
            description=_("How many initiatives reach each readiness level, that is, the gate "
                          "each is stuck at."),
            maximum=maximum,
            ok_text=_("ready to run"),
            ident="levels",
        )
    )


def trend_svg(found: History) -> str:
    """Score (line, 0-100) and level (steps, 0-6) per version, oldest on the left.

    Invalid versions are marked with a cross on the axis and labelled, never joined.
    """

    versions = found.versions
    left, top, plot_w, plot_h = 48, 24, 560, 200
    width, height = left + plot_w + 56, top + plot_h + 70
    step = plot_w / max(len(versions) - 1, 1)

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
        f'<desc id="trend-d">{_e(desc)}</desc>',
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
                f"<g><title>{_e(v.short)} {v.committed_on}: score {v.score}, level {v.level}"
                f"</title><circle cx=\"{cx:.1f}\" cy=\"{cy:.1f}\" r=\"5\" fill=\"{ACTIVE}\"/>"
                f'<rect x="{cx - 4:.1f}" y="{ly - 4:.1f}" width="8" height="8" fill="{PASS}"/>'
                f'<text x="{cx:.1f}" y="{cy - 9:.1f}" font-size="11" fill="{INK}" '
                f'text-anchor="middle">{v.score}</text></g>'
            )
        else:
            by = top + plot_h
            parts.append(
                f"<g><title>{_e(v.short)} {v.committed_on}: invalid</title>"
                f'<path d="M{cx - 6:.1f} {by - 6:.1f}l12 12m0 -12l-12 12" stroke="{FAIL}" '
                f'stroke-width="2.5"/><text x="{cx:.1f}" y="{by - 12:.1f}" font-size="11" '
                f'fill="{FAIL}" text-anchor="middle">invalid</text></g>'
            )
        parts.append(
            f'<text x="{cx:.1f}" y="{top + plot_h + 16}" font-size="10" fill="{NEUTRAL}" '
            f'text-anchor="middle">{_e(v.committed_on.isoformat())}</text>'
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
