"""Output formats of `validate`: an explicit registry keyed by the format the option names."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from readiness.options import Format

if TYPE_CHECKING:
    from readiness.batch import BatchReport

__all__ = ["REPORTERS", "Format", "render", "renderer"]

Renderer = Callable[..., str]

REPORTERS: dict[Format, str] = {
    Format.TEXT: "readiness.reporters.text",
    Format.JSON: "readiness.reporters.json",
    Format.JUNIT: "readiness.reporters.junit",
    Format.SARIF: "readiness.reporters.sarif",
    Format.GITHUB: "readiness.reporters.github",
}
"""Format -> module with `render(report, **options) -> str`; imported when used.
Every format but `auto` (resolved by `Format.resolve` before rendering) has an entry."""


def renderer(fmt: Format) -> Renderer:
    render: Renderer = import_module(REPORTERS[fmt]).render
    return render


def render(fmt: Format, report: BatchReport, **options: object) -> str:
    return renderer(fmt)(report, **options)
