"""Durations, counts and lists in words, as people read them."""

from datetime import timedelta

import pytest

from readiness.words import count, duration, listing


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
