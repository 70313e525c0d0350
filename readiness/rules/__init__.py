"""The rule catalogue (docs/rules.md): an explicit registry of every rule, in order."""

from __future__ import annotations

from readiness.loader import format_path
from readiness.rules import (
    data,
    decisions,
    governance,
    integration,
    outcomes,
    ownership,
    questions,
    sequence,
    waivers,
)
from readiness.rules.base import Context, Hit, Rule

FAMILIES = (
    sequence, ownership, data, integration, decisions, outcomes, governance, waivers, questions
)


def _registry() -> dict[str, Rule]:
    registry: dict[str, Rule] = {}
    for family in FAMILIES:
        for item in family.RULES:
            if not isinstance(item, Rule):
                raise TypeError(f"{family.__name__}.RULES holds {item!r}, which is not a Rule")
            if item.id in registry:
                raise ValueError(f"rule ID {item.id} is declared twice")
            registry[item.id] = item
    return registry


REGISTRY: dict[str, Rule] = _registry()
RULE_IDS: tuple[str, ...] = tuple(REGISTRY)

__all__ = ["REGISTRY", "RULE_IDS", "Context", "Hit", "Rule", "format_path"]
