"""Durations, counts and lists in words, as people read them."""

from datetime import timedelta
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from readiness import i18n
from readiness.model import Assessment
from readiness.words import count, duration, field_words, in_portfolio, listing, name_words


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (timedelta(minutes=5), "5 min"),
        (timedelta(seconds=90), "1.5 min"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=2), "2 hours"),
        (timedelta(hours=36), "1.5 days"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=90), "90 days"),
        (timedelta(seconds=1), "1 second"),
        (timedelta(seconds=30), "30 seconds"),
        (timedelta(0), "0 seconds"),
    ],
)
def test_duration_in_words(value: timedelta, words: str) -> None:
    assert duration(value) == words


def test_count_and_listing() -> None:
    assert count(1, "source") == "1 source"
    assert count(3, "source") == "3 sources"
    assert count(2, "person", "people") == "2 people"
    assert listing([]) == ""
    assert listing(["CRM"]) == "CRM"
    assert listing(["CRM", "ticketing", "outage feed"]) == "CRM, ticketing and outage feed"
    assert listing(["a", "b", "c", "d"], limit=2) == "a, b and 2 more"


def test_field_words() -> None:
    assert field_words("data_pipeline.sources[1].owner") == "owner of data pipeline source 2"
    assert field_words("workflow.friction.measured_on") == "measurement date of workflow friction"
    assert field_words("integration.live_since") == "go-live date of integration"
    assert field_words("workflow.monthly_volume") == "monthly volume of workflow"
    assert field_words("outcomes.metrics[1].current") == "current value of outcomes metric 2"


def _leaves(kind: Any) -> set[str]:
    """The field names of a model and of every model inside it (lists, unions...)."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        names = set(kind.model_fields)
        for info in kind.model_fields.values():
            names |= _leaves(info.annotation)
        return names
    return set().union(*(_leaves(inner) for inner in get_args(kind)))


def test_every_field_named_for_a_verb_reads_as_a_noun() -> None:
    # 'measured on of workflow friction' is what the path's own words would say.
    verbs = {name for name in _leaves(Assessment) if name.endswith(("_on", "_since", "_by"))}
    assert "measured_on" in verbs and "approved_by" in verbs
    for name in sorted(verbs):
        assert not field_words(f"workflow.{name}").startswith(name.replace("_", " ")), name


def test_field_words_in_french() -> None:
    i18n.use("fr")
    try:
        assert field_words("outcomes.metrics[0].current") == (
            "valeur actuelle (résultats, indicateur 1)")
        assert field_words("data_pipeline.sources[1].freshness") == (
            "fraîcheur (pipeline de données, source 2)")
        assert field_words("outcomes.roi.one_time_costs.change_management") == (
            "gestion du changement (résultats, RCI, coûts ponctuels)")
        assert field_words("workflow") == "flux de travail"
    finally:
        i18n.use("en")
    assert field_words("outcomes.roi.one_time_costs.change_management") == (
        "change management of outcomes ROI one-time costs")


def _names(kind: Any) -> set[tuple[str, bool]]:
    """Each field name of a model and of every model inside it, with whether the field
    is a list (its items are named too: 'sources[1]' is 'source 2')."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        names = set()
        for name, info in kind.model_fields.items():
            names |= {(name, _listed(info.annotation))} | _names(info.annotation)
        return names
    return set().union(*(_names(inner) for inner in get_args(kind)))


def _listed(kind: Any) -> bool:
    return get_origin(kind) is list or any(_listed(inner) for inner in get_args(kind))


SAME_IN_FRENCH = {"action", "actions", "cadence", "horizon", "initiative", "interface", "note",
                  "notes", "signal", "source", "sources"}


def test_every_field_name_has_its_french_words() -> None:
    # What a French message says of a field ('la question « fraîcheur (pipeline de
    # données, source 2) »'): a new field without its words in the catalogue fails here.
    names = _names(Assessment)
    assert ("sources", True) in names and ("status", False) in names
    words = {name_words(name) for name, _ in names} | {
        name_words(name, item=True) for name, listed in names if listed}
    i18n.use("fr")
    try:
        untranslated = sorted(w for w in words if i18n._(w) == w and w not in SAME_IN_FRENCH)
    finally:
        i18n.use("en")
    assert untranslated == []


def test_what_a_portfolio_gathered() -> None:
    assert in_portfolio(1, 0, 0) == "1 initiative in the portfolio"
    assert in_portfolio(7, 4, 2) == ("7 initiatives in the portfolio; 4 below the bar; "
                                     "2 invalid files listed in the report with their errors")
    assert in_portfolio(3, 0, 1).endswith("; 1 invalid file listed in the report with its errors")
    i18n.use("fr")
    try:
        assert in_portfolio(7, 4, 0) == "7 initiatives dans le portefeuille; 4 sous la barre"
    finally:
        i18n.use("en")
