"""Inline SVG charts for the HTML reports: bar chart, timeline and scatter plot.

Each function takes plain data and returns the `<svg>` element as a `Markup` string:
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
from typing import NamedTuple

from markupsafe import Markup, escape

from readiness import i18n
from readiness.i18n import _

__all__ = ["Bar", "Marker", "Point", "Span", "bar_chart", "scatter", "timeline"]

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
    note: str = ""


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


class Point(NamedTuple):
    label: str
    x: float
    y: float
    ok: bool | None = None
    note: str = ""


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
    label_w, plot_w, value_w, row_h, top = 190, 330, 150, 34, 30
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
    for index, bar in enumerate(bars):
        y = top + index * row_h
        value = max(0.0, min(float(bar.value), maximum))
        fill = {True: PASS, False: f"url(#{ident}-hatch)", None: ACTIVE}[bar.ok]
        stroke = f' stroke="{FAIL}" stroke-width="1.5"' if bar.ok is False else ""
        verdict = {True: ok_text, False: fail_text, None: ""}[bar.ok]
        text = f"{bar.value:g}" + (f" · {verdict}" if verdict else "")
        if bar.note:
            text += f" · {bar.note}"
        hover = f"{bar.label}: {text}"
        parts.append(
            f"<g><title>{_e(hover)}</title>"
            f'<text x="{label_w - 10}" y="{y + 19}" font-size="13" fill="{INK}" '
            f'text-anchor="end">{_e(bar.label)}</text>'
            f'<rect x="{label_w}" y="{y + 5}" width="{max(value * scale, 2):.1f}" height="20" '
            f'rx="2" fill="{fill}"{stroke}/>'
            f'<text x="{label_w + value * scale + 8:.1f}" y="{y + 19}" font-size="12" '
            f'fill="{INK if bar.ok is not False else FAIL}" '
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
    return _close(parts)


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
            parts.append(
                f'<text x="{label_w + 4}" y="{y + 19}" font-size="12" fill="{NEUTRAL}" '
                f'font-style="italic">{_e(_("no dates recorded"))}</text>'
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


def scatter(
    points: Sequence[Point],
    *,
    title: str,
    description: str = "",
    x_label: str = "",
    y_label: str = "",
    x_max: float = 100,
    y_max: float = 6,
    ident: str | None = None,
) -> Markup:
    """Labelled points on two linear axes from 0; a point that is not ok is a hollow
    square, one that is ok a filled circle, so shape carries the meaning, not colour."""
    ident = ident or _ident(title, "scatter")
    left, top, plot_w, plot_h = 56, 16, 520, 300
    width, height = left + plot_w + 180, top + plot_h + 48
    parts = _open(ident, width, height, title, description)

    def xy(point: Point) -> tuple[float, float]:
        x = left + max(0.0, min(point.x, x_max)) / x_max * plot_w if x_max else left
        y = top + plot_h - (max(0.0, min(point.y, y_max)) / y_max * plot_h if y_max else 0)
        return x, y

    for step in range(0, 5):
        value = x_max * step / 4
        x = left + plot_w * step / 4
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="middle">{value:g}</text>'
        )
    y_steps = int(y_max) if y_max and float(y_max).is_integer() and y_max <= 10 else 4
    for step in range(0, y_steps + 1):
        value = y_max * step / y_steps
        y = top + plot_h - plot_h * step / y_steps
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="end">{value:g}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" font-size="12" fill="{INK}" '
        f'text-anchor="middle">{_e(x_label)}</text>'
        f'<text x="14" y="{top + plot_h / 2:.1f}" font-size="12" fill="{INK}" '
        f'text-anchor="middle" transform="rotate(-90 14 {top + plot_h / 2:.1f})">'
        f"{_e(y_label)}</text>"
    )
    for point in points:
        x, y = xy(point)
        hover = f"{point.label}: {x_label} {point.x:g}, {y_label} {point.y:g}"
        if point.note:
            hover += f"; {point.note}"
        if point.ok is False:
            mark = (
                f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="white" '
                f'stroke="{FAIL}" stroke-width="2.5"/>'
            )
        else:
            colour = PASS if point.ok else ACTIVE
            mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>'
        parts.append(
            f"<g><title>{_e(hover)}</title>{mark}"
            f'<text x="{x + 11:.1f}" y="{y + 4:.1f}" font-size="12" fill="{INK}">'
            f"{_e(point.label)}</text></g>"
        )
    return _close(parts)
