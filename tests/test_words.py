"""Durations, counts and lists in words, as people read them."""

from datetime import timedelta
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from readiness import i18n
from readiness.model import Assessment
from readiness.words import count, duration, field_words, in_portfolio, listing


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
