"""Words for people: durations, counts and lists as a programme lead would say them.

Every surface that people read (text output, the wizard, Markdown and HTML reports, the
portfolio) renders durations and counts through these functions, so that "1.5 days" is
written the same way everywhere. Machine formats keep ISO 8601 and field paths. In French
(readiness.i18n) the units, the decimal comma and the plural follow French usage: "1,5
jour", "5 min", "2 heures".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from readiness import i18n
from readiness.i18n import _, ngettext

_UNITS = ((86400, "day", "days"), (3600, "hour", "hours"), (60, "min", "min"))


def _number(value: float) -> str:
    """One decimal at most, and none when it is zero: 1.5, 2, 0.3 (French: 1,5)."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return text if i18n.active() == "en" else text.replace(".", ",")


def _count_of(amount: str) -> int:
    """1 (singular) or 2 (plural) for an amount as written: English takes the singular
    for 1 only, French below 2 ('1,5 jour')."""
    whole = float(amount.replace(",", "."))
    return 1 if (whole == 1 if i18n.active() == "en" else whole < 2) else 2


def _unit(amount: str, size: int) -> str:
    """The unit of a duration for its amount as written ('1,5 jour')."""
    n = _count_of(amount)
    if size == 86400:
        return ngettext("day", "days", n)
    if size == 3600:
        return ngettext("hour", "hours", n)
    if size == 60:
        return _("min")
    return ngettext("second", "seconds", n)


def duration(value: timedelta) -> str:
    """A duration in words: 5 minutes -> '5 min', 36 hours -> '1.5 days', 90 s -> '1.5 min'.

    The largest unit in which the duration is at least one is used, with one decimal at
    most; under a minute, seconds."""
    seconds = value.total_seconds()
    if i18n.active() != "en":
        for size, _one, _many in _UNITS:
            if seconds >= size:
                amount = _number(seconds / size)
                return f"{amount}\u00a0{_unit(amount, size)}"
        amount = _number(seconds)
        return f"{amount}\u00a0{_unit(amount, 1)}"
    for size, one, many in _UNITS:
        if seconds >= size:
            amount = _number(seconds / size)
            return f"{amount} {one if amount == '1' else many}"
    amount = _number(seconds)
    return f"{amount} second" if amount == "1" else f"{amount} seconds"


# The units of an ISO 8601 duration's parts, in the order of
# readiness.model.DURATION_PATTERN, for a count (1 or 2: singular or plural).
_PART_UNITS: tuple[Callable[[int], str], ...] = (
    lambda n: ngettext("year", "years", n),
    lambda n: ngettext("month", "months", n),
    lambda n: ngettext("week", "weeks", n),
    lambda n: ngettext("day", "days", n),
    lambda n: ngettext("hour", "hours", n),
    lambda n: ngettext("minute", "minutes", n),
    lambda n: ngettext("second", "seconds", n),
)


def written_duration(parts: Sequence[str | None]) -> str:
    """An ISO 8601 duration's parts (years, months, weeks, days, hours, minutes, seconds,
    each the number written or None) in words, each part as written: `P3M` -> '3 months',
    `PT1H30M` -> '1 hour 30 minutes', `PT0.5S` -> '0.5 seconds' ('0,5 seconde'). Unlike
    `duration`, nothing is rounded or converted, so the words read back as the same
    duration: what the wizard shows as an answer's default."""
    said = []
    for number, unit in zip(parts, _PART_UNITS, strict=True):
        if number:
            amount = number.replace(",", ".")
            shown = amount if i18n.active() == "en" else amount.replace(".", ",")
            said.append(f"{shown} {unit(_count_of(amount))}")
    return " ".join(said)


def count(number: int, one: str, many: str | None = None) -> str:
    """'1 source', '3 sources'; `many` for irregular plurals ('2 people'). The words
    come in the active language; French takes the singular for 0 and 1."""
    single = number == 1 if i18n.active() == "en" else abs(number) < 2
    return f"{number} {one if single else (many or one + 's')}"


def value_words(value: str) -> str:
    """An enum value as people say it, in the active language: 'ticket_classification'
    -> 'ticket classification' ('classement des billets')."""
    return _(value.replace("_", " "))


PERCENT_UNITS = ("%", "percent", "per cent")
"""A unit that is a percentage, as a file or an answer writes it (the wizard writes
`percent` for `22 %`)."""


def quoted(text: str) -> str:
    """Text from the file quoted inside a message: 'Acheminer un billet' (French «
    Acheminer un billet »)."""
    return _("'{text}'").format(text=text)


def listing(items: Sequence[str], limit: int = 0) -> str:
    """'a, b and c'; with a limit, the first `limit` items and 'N more'."""
    shown = list(items)
    if limit and len(shown) > limit:
        rest = len(shown) - limit
        shown = [*shown[:limit], ngettext("{n} more", "{n} more", rest).format(n=rest)]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " " + _("and") + " " + shown[-1]


# Field names that do not read as words with their underscores made spaces: a verb as
# the noun people use ('measurement date of workflow friction', not 'measured on of
# workflow friction'), a unit left out, an abbreviation in capitals.
_NAME_WORDS = {
    "approved_by": "approver",
    "assessed_on": "assessment date",
    "completed_on": "completion date",
    "current": "current value",
    "expires_on": "expiry date",
    "horizon_years": "horizon",
    "latency_budget_ms": "latency budget",
    "live_since": "go-live date",
    "measured_on": "measurement date",
    "one_time_costs": "one-time costs",
    "raised_on": "date raised",
    "reviewed_on": "review date",
    "roi": "ROI",
    "started_on": "start date",
}


def name_words(name: str, item: bool = False) -> str:
    """A field's name in English words, as the catalogue holds it ('hops_from_system_of_
    record' -> 'hops from system of record', 'measured_on' -> 'measurement date'); with
    `item`, one item of the list it names ('open_questions' -> 'open question')."""
    said = _NAME_WORDS.get(name) or name.replace("_", " ")
    return said.removesuffix("s") if item else said


def field_words(path: str) -> str:
    """A field path as people say it, in the active language: 'data_pipeline.sources[1].
    owner' -> 'owner of data pipeline source 2' ('responsable (pipeline de données, source
    2)'); 'workflow.friction.measured_on' -> 'measurement date of workflow friction'."""
    *parents, last = path.split(".")
    said = []
    for part in parents:
        name, _bracket, index = part.partition("[")
        number = index.rstrip("]")
        if number.isdigit():
            said.append(f"{_(name_words(name, item=True))} {int(number) + 1}")
        else:
            said.append(_(name_words(name)))
    head = _(name_words(last.partition("[")[0]))
    if not said:
        return head
    if i18n.active() == "en":
        return f"{head} of {' '.join(said)}"
    return f"{head} ({', '.join(said)})"


def checked(files: int, invalid: int, below_bar: int) -> str:
    """What a run of `validate` found, in one line: '3 files checked: 1 invalid, 0 below
    the bar' (the text format's last line, and the line on stderr after a machine
    format)."""
    return _("{files}: {invalid}, {below}").format(
        files=ngettext("{n} file checked", "{n} files checked", files).format(n=files),
        invalid=ngettext("{n} invalid", "{n} invalid", invalid).format(n=invalid),
        below=ngettext("{n} below the bar", "{n} below the bar", below_bar).format(n=below_bar),
    )


def in_portfolio(initiatives: int, below_bar: int, invalid: int) -> str:
    """What a run of `portfolio` gathered, in one line on stderr: '7 initiatives in the
    portfolio; 4 below the bar; 1 invalid file listed in the report with its errors'."""
    said = [ngettext("{n} initiative in the portfolio", "{n} initiatives in the portfolio",
                     initiatives).format(n=initiatives)]
    if below_bar:
        said.append(ngettext("{n} below the bar", "{n} below the bar",
                             below_bar).format(n=below_bar))
    if invalid:
        said.append(ngettext("{n} invalid file listed in the report with its errors",
                             "{n} invalid files listed in the report with their errors",
                             invalid).format(n=invalid))
    return "; ".join(said)
