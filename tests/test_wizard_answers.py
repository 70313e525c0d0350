"""Typed answers (`readiness.wizard.answers`): every answer type, accepted and refused."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from readiness import i18n
from readiness.model import parse_duration
from readiness.packs import AnswerType as T
from readiness.wizard.answers import (
    AnswerError,
    Reading,
    in_unit,
    parse,
    parse_period,
    says_none,
    show,
    show_as,
    split_date,
    split_unit,
    to_iso_duration,
)

STAGES = ["exploration", "pilot", "limited_rollout", "production"]
PLACES = ["CA", "CA-QC", "US", "US-CA", "EU", "UK"]


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        (T.TEXT, "  Tier-1 billing disputes ", "Tier-1 billing disputes"),
        (T.NUMBER, "11.4", 11.4),
        (T.NUMBER, "180000", 180000),
        (T.NUMBER, "2,900,000", 2900000),
        (T.NUMBER, "-12.5", -12.5),
        (T.INTEGER, "1,200", 1200),
        (T.INTEGER, "0", 0),
        (T.BOOLEAN, "y", True),
        (T.BOOLEAN, "No", False),
        (T.BOOLEAN, True, True),
        (T.DATE, "2026-03-15", date(2026, 3, 15)),
        (T.DATE, "today", date(2026, 11, 20)),
        (T.DURATION, "PT2M", "PT2M"),
        (T.DURATION, "pt2m", "PT2M"),
        (T.DURATION, "2 minutes", "PT2M"),
        (T.DURATION, "90 days", "P90D"),
        (T.DURATION, "1 hour 30 minutes", "PT1H30M"),
        (T.DURATION, "an hour", "PT1H"),
        (T.DURATION, "quarterly", "P90D"),
        (T.DURATION, "2 weeks", "P2W"),
        (T.DURATION, "5 minutes", "PT5M"),
        (T.DURATION, "1.5 days", "P1.5D"),
        (T.DURATION, "1 day 1.5 hours", "P1DT1.5H"),
        (T.NUMBER, "48%", 48),  # a metric whose unit is a percent keeps the figure
        (T.NUMBER, "12.5 %", 12.5),
        (T.CHOICE, "2", "pilot"),
        (T.CHOICE, "Limited_Rollout", "limited_rollout"),
        (T.CHOICE, "limited rollout", "limited_rollout"),
        (T.CHOICE, "prod", "production"),
        (T.MULTI_CHOICE, "1,2", ["CA", "CA-QC"]),
        (T.MULTI_CHOICE, "eu uk eu", ["EU", "UK"]),
        (T.PERSON, "Priya Raman", "Priya Raman"),
        (T.PERSON, "Dana Cho, Director, Care Operations",
         {"name": "Dana Cho", "role": "Director, Care Operations"}),
        (T.PERSON, ", ML platform on-call", {"role": "ML platform on-call"}),
        (T.PEOPLE, "Sam Lee, Lena Park", ["Sam Lee", "Lena Park"]),
        (T.PEOPLE, "Sam Lee, Analyst; Lena Park",
         [{"name": "Sam Lee", "role": "Analyst"}, "Lena Park"]),
        (T.LIST, "completeness of account id, duplicate contacts",
         ["completeness of account id", "duplicate contacts"]),
        (T.LIST, "a, b; c", ["a, b", "c"]),
    ],
)
def test_accepted(kind: T, raw: object, value: object) -> None:
    choices = PLACES if kind == T.MULTI_CHOICE else STAGES
    assert parse(kind, raw, choices, date(2026, 11, 20)) == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [("48%", 0.48), ("12.5 %", 0.125), ("48", 0.48), ("0.3", 0.3), ("1", 1), ("0", 0),
     ("100 percent", 1.0), (0.12, 0.12)],
)
def test_a_ratio_reads_percentages(raw: object, value: float) -> None:
    """A field from 0 to 1 (an override rate): a percentage, or a number above 1, is read
    as a percentage."""
    assert parse(T.NUMBER, raw, ratio=True) == value


@pytest.mark.parametrize("raw", ["about 350", "~350", "~ 350", "approx. 350", "Approximately 350",
                                 "around 350", "roughly 350", "350 or so", "environ 350",
                                 "350 environ", "à peu près 350", "about 350.0", "up to 350",
                                 "350 at most"])
def test_an_approximate_figure_is_taken_as_it_is(raw: str) -> None:
    assert parse(T.NUMBER, raw) == 350 and parse(T.INTEGER, raw.replace(".0", "")) == 350
    assert parse(T.INTEGER, "about 2,900,000") == 2900000


@pytest.mark.parametrize(
    ("raw", "unit", "value"),
    [("2 seconds", "milliseconds", 2000), ("1.5 s", "milliseconds", 1500),
     ("1500 ms", "milliseconds", 1500), ("1500", "milliseconds", 1500),
     ("PT2S", "milliseconds", 2000), ("1 minute", "milliseconds", 60000),
     ("2 secondes", "milliseconds", 2000), ("3 years", "years", 3), ("18 months", "years", 1.5),
     ("6 mois", "years", 0.5), ("2 ans", "years", 2), ("about 3 years", "years", 3),
     ("3", "years", 3), ("2 years", "months", 24)],
)
def test_a_field_in_a_unit_of_time_takes_a_duration_in_another(raw: str, unit: str,
                                                               value: float) -> None:
    """`latency_budget_ms` counts milliseconds and `horizon_years` years: a duration written
    in another unit is converted (months and years between themselves exactly)."""
    kind = T.INTEGER if unit == "milliseconds" else T.NUMBER
    assert parse(kind, raw, reading=Reading(time_unit=unit)) == value


def test_a_duration_that_is_not_a_whole_number_of_the_unit_is_refused() -> None:
    with pytest.raises(AnswerError, match="'0.5 ms' is not a whole number of milliseconds"):
        parse(T.INTEGER, "0.5 ms", reading=Reading(time_unit="milliseconds"))
    with pytest.raises(AnswerError, match="unknown unit 'fortnights'"):
        parse(T.INTEGER, "2 fortnights", reading=Reading(time_unit="milliseconds"))
    with pytest.raises(AnswerError, match="not a whole number"):
        parse(T.INTEGER, "2 seconds")  # a field that counts no unit of time


@pytest.mark.parametrize(("raw", "code"), [("CAD", "CAD"), ("cad", "CAD"), (" usd ", "USD"),
                                           ("\u20ac", "EUR"), ("euros", "EUR"), ("\u00a3", "GBP"),
                                           ("C$", "CAD"), ("US$", "USD")])
def test_a_currency_code_is_written_in_capitals(raw: str, code: str) -> None:
    assert parse(T.TEXT, raw, reading=Reading(currency_code=True)) == code
    assert parse(T.TEXT, raw) == raw.strip()  # any other text is kept as typed


@pytest.mark.parametrize(("raw", "hint"), [("$", "the sign of several currencies"),
                                           ("dollars", "the sign of several currencies"),
                                           ("CADX", "not a currency code"),
                                           ("C A D", "not a currency code")])
def test_what_is_not_one_currency_code_is_refused(raw: str, hint: str) -> None:
    with pytest.raises(AnswerError, match=hint):
        parse(T.TEXT, raw, reading=Reading(currency_code=True))


@pytest.mark.parametrize(
    ("raw", "value"),
    [("25", 25), ("$25", 25), ("25 CAD", 25), ("CAD 25", 25), ("25 cad", 25), ("C$25", 25),
     ("$1.2M", 1200000), ("60k", 60000), ("1,200,000", 1200000), ("1.5 million", 1500000),
     ("1.5 million CAD", 1500000), ("about $25k", 25000), ("25 dollars", 25), ("0", 0),
     ("2.5", 2.5), ("3 billion", 3000000000),
     # as written in French: the sign after the figure, a decimal comma, M$ and k$
     ("25 $", 25), ("25,50 $", 25.5), ("1,2 M$", 1200000), ("60 k$", 60000),
     ("2 900 000 $", 2900000), ("1,5 million", 1500000), ("2 millions $", 2000000)],
)
def test_an_amount_is_read_as_people_write_it(raw: str, value: float) -> None:
    assert parse(T.NUMBER, raw, reading=Reading(money=True, currency="CAD")) == value
    assert parse(T.NUMBER, raw, reading=Reading(money=True)) == value  # no currency yet


@pytest.mark.parametrize(
    ("raw", "currency", "hint"),
    [("25 EUR", "CAD", "'25 EUR' is in EUR, but this amount is in CAD (the currency given "
                       "for it); write it in CAD, or change the currency first"),
     ("\u20ac25", "CAD", "is in EUR, but this amount is in CAD"),
     ("$25", "EUR", "'$25' is in dollars, but this amount is in EUR"),
     ("$25 EUR", None, "names more than one currency"),
     ("15%", None, "'15%' is not an amount; write for example 25, $1.2M, 60k or 1.5 million"),
     ("25 mil", None, "is not an amount"), ("twelve", None, "is not an amount"),
     ("25 k k", None, "is not an amount"), ("1" * 20, None, "has 20 digits")],
)
def test_an_amount_in_another_currency_is_refused(raw: str, currency: str | None,
                                                  hint: str) -> None:
    with pytest.raises(AnswerError, match=re.escape(hint)):
        parse(T.NUMBER, raw, reading=Reading(money=True, currency=currency))


@pytest.mark.parametrize("raw", ["no money involved", "No money", "aucun argent en jeu",
                                 "pas d\u2019argent", "none", "Nothing", "aucun", "rien"])
def test_an_amount_of_no_money_is_zero(raw: str) -> None:
    # "What bounds it: a limit amount, or 0 when no money is involved": answered in words.
    assert parse(T.NUMBER, raw, reading=Reading(money=True)) == 0
    with pytest.raises(AnswerError):  # only an amount of money takes them
        parse(T.NUMBER, raw)


def test_the_currency_an_amount_is_written_with() -> None:
    from readiness.wizard.answers import amount_currency

    assert [amount_currency(raw) for raw in ("25 cad", "CAD 25", "\u20ac1.2M", "1,2 M$", "$25",
                                             "25", "25 CAD USD")] == [
        "CAD", "CAD", "EUR", None, None, None, None]
    with pytest.raises(AnswerError, match="not a number"):
        parse(T.NUMBER, "60k")  # k, M, million: only for an amount
    assert parse(T.NUMBER, "$25", reading=Reading(money=True, currency="USD")) == 25


@pytest.mark.parametrize(("raw", "count"), [
    ("180k", 180000), ("180K", 180000), ("~180k", 180000), ("1.2M", 1200000),
    ("1,2 M", 1200000), ("2 million", 2000000), ("180 mille", 180000), ("1.25k", 1250),
])
def test_a_count_takes_a_scale(raw: str, count: int) -> None:
    # The monthly volume as people say it: 180k disputes a month.
    assert parse(T.INTEGER, raw) == count


def test_a_scale_that_leaves_a_fraction_or_counts_time_is_refused() -> None:
    with pytest.raises(AnswerError, match="not a whole number"):
        parse(T.INTEGER, "1.2345k")
    with pytest.raises(AnswerError):
        parse(T.INTEGER, "2k", reading=Reading(time_unit="milliseconds"))
    assert split_unit("180k") is None and split_unit("1.2M") is None  # no unit "k"
    assert split_unit("5 m") == ("5", "m") and split_unit("12 agents") == ("12", "agents")


@pytest.mark.parametrize(("raw", "count"), [
    ("1200 cell outages", 1200), ("about 1200 cell outages", 1200), ("40 NOC engineers", 40),
    ("180k disputes a month", 180000), ("2 million tickets", 2000000), ("1,200 outages", 1200),
    ("1200 per month", 1200), ("environ 1200 pannes par mois", 1200),
])
def test_a_count_takes_what_it_counts_after_it(raw: str, count: int) -> None:
    # As the help's examples write it: "180000 billing disputes a month".
    assert parse(T.INTEGER, raw) == count


@pytest.mark.parametrize("raw", [
    "300 outages a week", "1200 pannes par jour", "5 years", "40 engineers and 5 leads",
    "1.5 outages", "180k dollars", "180k CAD", "$180k tickets", "outages 1200", "2 months",
    "3 mois", "90 s",
])
def test_a_count_with_another_period_figure_or_currency_is_refused(raw: str) -> None:
    with pytest.raises(AnswerError, match="not a whole number"):
        parse(T.INTEGER, raw)
    with pytest.raises(AnswerError):  # a budget in milliseconds takes durations, not nouns
        parse(T.INTEGER, "1500 outages", reading=Reading(time_unit="milliseconds"))


@pytest.mark.parametrize("raw", ["unknown", "Later", "ask", "don't know", "don\u2019t know"])
def test_unknown_words_record_an_open_question(raw: str) -> None:
    from readiness.wizard.answers import is_unknown

    assert is_unknown(raw)
    assert not is_unknown("Unknown Telecom")


@pytest.mark.parametrize(
    ("kind", "raw", "hint"),
    [
        (T.TEXT, "   ", "expected some text"),
        (T.NUMBER, "twelve", "is not a number"),
        (T.NUMBER, "12 %%", "is not a number"),
        (T.NUMBER, True, "not yes or no"),
        (T.INTEGER, "12.5", "not a whole number"),
        (T.BOOLEAN, "maybe", "answer y or n"),
        (T.DATE, "15/03/2026", "write YYYY-MM-DD"),
        (T.DATE, "2026-02-30", "no such day"),
        (T.DURATION, "soon", "is not a duration"),
        (T.DURATION, "2 fortnights", "unknown unit 'fortnights'"),
        (T.DURATION, "P2X", "not an ISO 8601 duration"),
        (T.DURATION, "1.5 days 2 hours", "only the last unit may have a fraction"),
        (T.DURATION, 5, "has no unit"),
        (T.CHOICE, "9", "from 1 to 4"),
        (T.CHOICE, "pilto", "did you mean pilot?"),
        (T.CHOICE, "p", "not one of the choices"),  # pilot or production: ambiguous
        (T.MULTI_CHOICE, "CA, Mars", "not one of the choices"),
        (T.PERSON, " , ", "write a name"),
        (T.LIST, " , ", "one or more items"),
    ],
)
def test_refused_with_a_hint(kind: T, raw: object, hint: str) -> None:
    with pytest.raises(AnswerError, match=hint.replace("?", r"\?")):
        parse(kind, raw, PLACES if kind == T.MULTI_CHOICE else STAGES, date(2026, 11, 20))


@pytest.mark.parametrize("words", ["2 minutes", "90 days", "4 hours", "1 year", "3 months",
                                   "30 seconds", "1 day 2 hours", "weekly"])
def test_every_plain_word_duration_is_valid_iso(words: str) -> None:
    assert parse_duration(to_iso_duration(words)) > timedelta(0)


@pytest.mark.parametrize(("words", "iso"), [
    ("2 jours", "P2D"), ("4 heures", "PT4H"), ("1,5 jour", "P1.5D"), ("1,5 jours", "P1.5D"),
    ("une heure", "PT1H"), ("un an", "P1Y"), ("1 an", "P1Y"), ("3 semaines", "P3W"),
    ("2 mois", "P2M"), ("10 secondes", "PT10S"), ("1 heure et 30 minutes", "PT1H30M"),
    ("quotidien", "P1D"), ("trimestrielle", "P90D"),
    # English as before: an article, a comma between parts, a named period
    ("an hour", "PT1H"), ("a day", "P1D"), ("2 days, 4 hours", "P2DT4H"), ("nightly", "P1D"),
])
def test_durations_in_french_words_as_the_french_messages_ask(words: str, iso: str) -> None:
    assert to_iso_duration(words) == iso


@pytest.mark.parametrize(("iso", "english", "french"), [
    ("P14D", "14 days", "14 jours"), ("PT1M", "1 minute", "1 minute"),
    ("PT1H30M", "1 hour 30 minutes", "1 heure 30 minutes"), ("P3M", "3 months", "3 mois"),
    ("P1Y", "1 year", "1 an"), ("P2W", "2 weeks", "2 semaines"),
    ("P1DT12H", "1 day 12 hours", "1 jour 12 heures"), ("P1.5D", "1.5 days", "1,5 jour"),
    ("PT0.5S", "0.5 seconds", "0,5 seconde"), ("PT0S", "0 seconds", "0 seconde"),
    ("P2Y6M", "2 years 6 months", "2 ans 6 mois"),
])
def test_a_duration_is_shown_in_words_that_read_back_as_it(
    iso: str, english: str, french: str
) -> None:
    """The wizard shows a stored duration as a default in words, never as `P14D`;
    each part stays as written (3 months is not 90 days), so typing the words back,
    or pressing Enter, keeps the same value."""
    for language, words in (("en", english), ("fr", french)):
        i18n.use(language)
        assert show_as(iso, T.DURATION) == words
        assert parse(T.DURATION, words) == iso
    assert show_as(iso, T.TEXT) == iso  # text that looks like a duration stays as written


def test_words_for_no_value_only_where_no_value_could_be_written_so() -> None:
    for raw in ("not yet", "None", "n/a", "never", "pas encore", "aucun", "s.o."):
        assert says_none(raw, T.DATE), raw
    assert says_none("nobody", T.PERSON) and says_none("none", T.DURATION)
    assert not says_none("none", T.TEXT)  # a scope of "none" is an answer
    assert not says_none("not yet", T.CHOICE) and not says_none("2026-10-05", T.DATE)


def test_a_share_is_shown_as_the_percentage_people_type() -> None:
    share = Reading(share=True)
    assert show_as(0.48, T.NUMBER, share) == "48%" and show_as(0.125, T.NUMBER, share) == "12.5%"
    assert parse(T.NUMBER, "12.5%", ratio=True) == 0.125
    assert show_as(0.48, T.NUMBER) == "0.48" and show_as(None, T.DURATION) == ""


@pytest.mark.parametrize("words", ["a few seconds", "several days", "a couple of hours",
                                   "quelques heures", "plusieurs jours"])
def test_a_duration_without_a_number_asks_for_one(words: str) -> None:
    # "unknown unit 'few'" did not say what was wrong.
    with pytest.raises(AnswerError, match="gives no number; write one"):
        parse(T.DURATION, words)


@pytest.mark.parametrize(("words", "iso"), [
    ("about 1 day", "P1D"), ("~2 hours", "PT2H"), ("around 5 minutes", "PT5M"),
    ("1 day or so", "P1D"), ("environ 2 jours", "P2D"), ("2 jours environ", "P2D"),
    ("approx. 90 days", "P90D"), ("up to 30 minutes", "PT30M"), ("at most 1 hour", "PT1H"),
    ("jusqu'à 2 jours", "P2D"), ("1 day max", "P1D"), ("no more than 15 minutes", "PT15M"),
])
def test_an_approximate_duration_is_taken_as_said(words: str, iso: str) -> None:
    # A source's worst-case age is an estimate: `about 1 day`, as a figure takes `about`.
    assert parse(T.DURATION, words) == iso


@pytest.mark.parametrize(("words", "iso"), [
    ("every quarter", "P90D"), ("quarterly", "P90D"), ("every month", "P30D"),
    ("monthly", "P30D"), ("once a month", "P30D"), ("per month", "P30D"), ("weekly", "P7D"),
    ("each week", "P7D"), ("every day", "P1D"), ("every hour", "PT1H"), ("every year", "P365D"),
    ("every 2 weeks", "P2W"), ("once every 2 weeks", "P2W"), ("fortnightly", "P14D"),
    ("every 2 quarters", "P180D"), ("2 quarters", "P180D"),
    ("chaque trimestre", "P90D"), ("par trimestre", "P90D"), ("tous les mois", "P30D"),
    ("une fois par mois", "P30D"), ("toutes les semaines", "P7D"), ("chaque jour", "P1D"),
    ("tous les ans", "P365D"), ("toutes les 2 semaines", "P2W"), ("tous les 3 mois", "P3M"),
])
def test_a_frequency_is_the_period_it_repeats_at(words: str, iso: str) -> None:
    """A cadence said as a frequency: `every month` is the same period as `monthly`."""
    assert to_iso_duration(words) == iso


@pytest.mark.parametrize(("raw", "day"), [
    ("30 June 2026", date(2026, 6, 30)), ("June 30, 2026", date(2026, 6, 30)),
    ("1st June 2026", date(2026, 6, 1)), ("Sept. 3, 2026", date(2026, 9, 3)),
    ("30 juin 2026", date(2026, 6, 30)), ("1er juin 2026", date(2026, 6, 1)),
    ("3 août 2026", date(2026, 8, 3)), ("3 fevr. 2027", date(2027, 2, 3)),
])
def test_a_day_with_its_month_in_words_is_a_date(raw: str, day: date) -> None:
    assert parse(T.DATE, raw) == day


@pytest.mark.parametrize(("raw", "hint"), [
    ("June 2026", "'June 2026' names a month, not a day; give the day, as in 2026-06-01 or "
                  "2026-06-30"),
    ("juin 2026", "as in 2026-06-01 or 2026-06-30"), ("2026-06", "as in 2026-06-01 or 2026-06-30"),
    ("02/2027", "as in 2027-02-01 or 2027-02-28"), ("Dec 2026", "2026-12-01 or 2026-12-31"),
    ("31 June 2026", "no such day"), ("June", "write YYYY-MM-DD"), ("2026-13", "write YYYY-MM-DD"),
])
def test_a_month_alone_is_not_a_date(raw: str, hint: str) -> None:
    """Which day of the month is for the person to say: a review or go-live date a month
    off changes what the rules find. The message shows the first and the last day."""
    with pytest.raises(AnswerError, match=re.escape(hint)):
        parse(T.DATE, raw)


def test_records_are_not_single_answers() -> None:
    with pytest.raises(AnswerError):
        parse(T.RECORDS, "x")


def test_show_round_trips_what_parse_reads() -> None:
    person = {"name": "Dana Cho", "role": "Director, Care Operations"}
    assert parse(T.PERSON, show(person)) == person
    assert show(True) == "yes" and show(date(2026, 1, 2)) == "2026-01-02"
    assert parse(T.PEOPLE, show(["Sam Lee", {"name": "Lena Park", "role": "PMO"}])) == [
        "Sam Lee", {"name": "Lena Park", "role": "PMO"}]
    assert show(5.0) == "5" and show(["CA", "EU"]) == "CA, EU"


@pytest.mark.parametrize(("raw", "unit", "number"), [
    ("18%", "percent of tickets", "18%"),  # the same unit, said shorter
    ("12 tickets", "ticket", "12"),
    ("90 min", "minutes", "90"),
    ("1 day", "hours", "24"),
    ("1,5 jour", "heures", "36"),
    ("30 seconds", "min", "0.5"),
    ("18%", "ratio", "0.18"),  # a repeat contact rate kept as a ratio
    ("15,5 %", "ratio", "0.155"),
])
def test_a_figure_is_restated_in_the_unit_its_record_has(raw: str, unit: str,
                                                         number: str) -> None:
    written = split_unit(raw)
    assert written is not None
    assert in_unit(written[0], written[1], unit) == number


def test_a_figure_in_a_unit_that_is_not_its_records_is_refused() -> None:
    with pytest.raises(AnswerError, match="is in tickets, but this figure is in percent"):
        in_unit("5", "tickets", "percent")


@pytest.mark.parametrize(("raw", "dates"), [
    ("2026-03-02", ["2026-03-02"]),
    ("since 15 April 2026", ["2026-04-15"]),
    ("2 March 2026 to 15 May 2026", ["2026-03-02", "2026-05-15"]),
    ("2026-01-12 2026-02-06", ["2026-01-12", "2026-02-06"]),
    ("1er mars 2026 au 15 mai 2026", ["2026-03-01", "2026-05-15"]),
])
def test_a_gates_period_takes_dates_as_people_write_them(raw: str, dates: list[str]) -> None:
    assert [d.isoformat() for d in parse_period(raw)] == dates


@pytest.mark.parametrize(("raw", "split"), [
    ("complete 8 May 2026", ("complete", "8 May 2026")),
    ("compliant, since 1er août 2026", ("compliant", "1er août 2026")),
    ("complete May 8, 2026", ("complete", "May 8, 2026")),
    ("compliant 2026-08-20", ("compliant", "2026-08-20")),
    ("compliant", None),
])
def test_a_status_with_its_date_in_words(raw: str, split: tuple[str, str] | None) -> None:
    assert split_date(raw) == split


@pytest.mark.parametrize(("raw", "places"), [
    ("Quebec, Canada", ["CA-QC", "CA"]),
    ("qc, ca", ["CA-QC", "CA"]),
    ("Québec", ["CA-QC"]),
    ("United Kingdom; Europe", ["UK", "EU"]),
])
def test_places_are_taken_as_people_name_them(raw: str, places: list[str]) -> None:
    assert parse(T.MULTI_CHOICE, raw, PLACES) == places
