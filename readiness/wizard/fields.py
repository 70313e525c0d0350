"""What the assessment model says about a field: its choices, whether it is required,
whether it is a ratio, how it reads an answer (a unit of time, a currency code), and its
description (the help shown when a pack gives none)."""

from __future__ import annotations

import enum
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from readiness.i18n import field_help
from readiness.model import CURRENCY_PATTERN, Amount, Assessment
from readiness.packs import Question, split_path
from readiness.schema import unwrap_model
from readiness.wizard.answers import Reading
from readiness.wizard.store import get, present


def field_info(parts: Sequence[str]) -> FieldInfo | None:
    """The model's field at a path (`*` steps over list items), or None."""
    model: type[BaseModel] | None = Assessment
    info = None
    for part in parts:
        if part == "*":
            continue
        if model is None or part not in model.model_fields:
            return None
        info = model.model_fields[part]
        model = unwrap_model(info.annotation)
    return info


def _info(path: str) -> FieldInfo | None:
    return field_info(split_path(path))


def _enum_in(annotation: Any) -> type[enum.Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_in(arg)
        if found:
            return found
    return None


def model_choices(path: str) -> list[str]:
    """The enum values of a field in the assessment model: `initiative.stage` -> stages."""
    info = _info(path)
    found = _enum_in(info.annotation) if info is not None else None
    return [member.value for member in found] if found else []


def model_required(path: str) -> bool:
    info = _info(path)
    return bool(info is not None and info.is_required())


def needed(path: str, data: Any) -> bool:
    """A required field whose mapping exists or is itself needed: `initiative.id` always,
    `workflow.status` once the workflow section exists. Skipping `workflow.status` of a
    file without that section leaves the gate out (not_started)."""
    parts = path.split(".")
    if not model_required(path):
        return False
    if len(parts) == 1:
        return True
    parent = ".".join(parts[:-1])
    return present(get(data, parts[:-1])) or needed(parent, data)


def _constraints(path: str) -> dict[str, Any]:
    """The model's constraints on a field (`ge`, `le`, `pattern`), wherever its annotation
    declares them."""
    info = _info(path)
    if info is None:
        return {}
    found: dict[str, Any] = {}

    def take(item: Any) -> None:
        for name in ("ge", "le", "pattern"):
            if getattr(item, name, None) is not None:
                found[name] = getattr(item, name)

    def visit(annotation: Any) -> None:
        for meta in getattr(annotation, "__metadata__", ()):
            for item in [meta, *getattr(meta, "metadata", [])]:
                take(item)
        for arg in typing.get_args(annotation):
            visit(arg)

    visit(info.annotation)
    for item in info.metadata:
        take(item)
    return found


def is_ratio(path: str) -> bool:
    """A number from 0 to 1 (`override_rate`): `48%` and `48` are read as 0.48."""
    bounds = _constraints(path)
    return bounds.get("ge") == 0 and bounds.get("le") == 1


def is_currency(path: str) -> bool:
    """A currency code: `cad` and `€` are read as CAD and EUR."""
    return _constraints(path).get("pattern") == CURRENCY_PATTERN


def is_amount(path: str) -> bool:
    """An amount of money (`limit.amount`, the ROI's benefit and costs): `$1.2M` is read."""
    info = _info(path)
    return info is not None and (info.annotation == Amount
                                 or Amount in typing.get_args(info.annotation))


def currency_field(path: str) -> str | None:
    """The field that gives an amount its currency: the nearest `currency` beside it or
    above it (`actions[2].limit.amount` -> `actions[2].limit.currency`,
    `outcomes.roi.one_time_costs.integration` -> `outcomes.roi.currency`)."""
    parent = path.rpartition(".")[0]
    while parent:
        if is_currency(f"{parent}.currency"):
            return f"{parent}.currency"
        parent = parent.rpartition(".")[0]
    return None


_TIME_SUFFIXES = {"ms": "milliseconds", "seconds": "seconds", "minutes": "minutes",
                  "hours": "hours", "days": "days", "weeks": "weeks", "months": "months",
                  "years": "years"}


def time_unit(path: str) -> str | None:
    """The unit of time a number field counts, from its name: `latency_budget_ms`
    milliseconds, `horizon_years` years; None for any other field."""
    key = path.rsplit(".", 1)[-1]
    suffix = key.rsplit("_", 1)[-1] if "_" in key else ""
    if suffix not in _TIME_SUFFIXES or _info(path) is None:
        return None
    return _TIME_SUFFIXES[suffix]


def reading(path: str) -> Reading:
    """How the field at `path` (list positions as `[*]`) reads an answer beyond its type."""
    return Reading(time_unit=time_unit(path), currency_code=is_currency(path),
                   money=is_amount(path), share=is_ratio(path))


def description(path: str) -> str:
    """What the field means (readiness.schema.field_description: the text of `readiness
    schema` and docs/format.md), in the language of the session; the help of a question
    whose pack gives none."""
    from readiness.schema import field_description

    return field_help(field_description(path))


def item_model(question: Question) -> type[BaseModel] | None:
    """The model of one record of a `records` question: Source for the sources."""
    info = _info(question.field)
    return unwrap_model(info.annotation) if info is not None else None


def companion(path: str) -> str | None:
    """The field that what is written after an answer fills: `11.4 minutes` gives a
    baseline its `unit`, `1400 tier-1 agents` gives the users their `role`, `compliant
    2026-08-20` gives a regulation its `reviewed_on`, `complete 2026-05-08` gives the
    security review its `completed_on` (a gate's dates are asked as a period instead),
    `25 CAD` gives a limit its `currency`."""
    parent, _, key = path.rpartition(".")
    if not parent:
        return None
    if is_amount(path):
        return currency_field(path)

    def has(name: str) -> bool:
        return field_info(split_path(f"{parent}.{name}")) is not None

    if key == "status":
        if has("reviewed_on"):
            return f"{parent}.reviewed_on"
        if has("completed_on") and not has("started_on"):
            return f"{parent}.completed_on"
        return None
    for name in ("unit", "role"):
        if key != name and has(name):
            return f"{parent}.{name}"
    return None
