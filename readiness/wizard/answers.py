"""Typed answers: what a person types (or an answers file holds) -> a value for the file.

One parser per question type of a pack (`packs.AnswerType`). Each takes the raw answer,
a string typed at the prompt or a value from an `--answers` file, and returns the value
to write, or raises `AnswerError` with a hint that says what a good answer looks like.
Constraints that need the whole assessment (a slug, a currency code, a ratio in [0, 1])
are left to the assessment model, which the wizard runs after every answer.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from readiness.i18n import N_, _
from readiness.model import DURATION_PATTERN, MAX_NUMBER, parse_duration
from readiness.packs import AnswerType
from readiness.words import PERCENT_UNITS, written_duration


class AnswerError(ValueError):
    """An answer that cannot be used; the message is the hint shown before asking again."""


@dataclass(frozen=True)
class Reading:
    """What the assessment model says a field holds, beyond its answer type, that changes
    how an answer is read (`fields.reading`): `time_unit`, the unit of time a number
    counts (`latency_budget_ms` counts milliseconds, so `2 seconds` is 2000);
    `currency_code`, text that is an ISO 4217 code (`cad` is CAD); `money`, a number that
    is an amount (`$1.2M`), in `currency` when the file gives the amount's currency;
    `share`, a share from 0 to 1 that people give as a percentage (the override rate),
    so its value is shown as one."""

    time_unit: str | None = None
    currency_code: bool = False
    money: bool = False
    currency: str | None = None
    share: bool = False


# --- what an answer is displayed as (defaults, record summaries) -------------------------


def show(value: Any) -> str:
    """A stored value as a person would type it: the default shown in a prompt."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        if set(value) <= {"name", "role"}:
            return ", ".join(str(value[k]) for k in ("name", "role") if value.get(k))
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        people = any(isinstance(item, dict) or "," in str(item) for item in value)
        return ("; " if people else ", ").join(show(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else str(value)
    return str(value)


def show_as(value: Any, kind: AnswerType, reading: Reading | None = None) -> str:
    """A stored value as a person would type it for its question, read back as the same
    value: a share from 0 to 1 as a percentage (0.48 -> `48%`, 0.125 -> `12.5%`), a
    duration in words (`P14D` -> `14 days`, `PT1H30M` -> `1 hour 30 minutes`), any
    other as `show` gives it."""
    if (reading is not None and reading.share and isinstance(value, int | float)
            and not isinstance(value, bool)):
        return show(round(value * 100, 8)) + "%"
    if kind == AnswerType.DURATION and isinstance(value, str):
        match = _ISO_DURATION.fullmatch(value)
        if match is not None and any(match.groups()):
            return written_duration(match.groups())
    return show(value)


# --- scalars -----------------------------------------------------------------------------

_TRUE = {"y", "yes", "true", "t", "1", "on", "oui", "o"}
_FALSE = {"n", "no", "false", "f", "0", "off", "non"}


def parse_text(raw: Any) -> str:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise AnswerError(_("expected text"))
    text = str(raw).strip()
    if not text:
        raise AnswerError(_("expected some text"))
    return text


# Signs and words that name one currency. A bare `$` is the sign of several (CAD, USD,
# AUD...): it names none.
_CURRENCY_SIGNS = {"€": "EUR", "£": "GBP", "c$": "CAD", "ca$": "CAD", "us$": "USD",
                   "a$": "AUD", "au$": "AUD", "nz$": "NZD", "euro": "EUR", "euros": "EUR"}
_DOLLAR = ("$", "dollar", "dollars")


def parse_currency(raw: Any) -> str:
    """An ISO 4217 code as the format writes it, in capitals: `cad` -> CAD, `€` -> EUR."""
    text = parse_text(raw)
    lowered = text.lower()
    if lowered in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[lowered]
    if lowered in _DOLLAR:
        raise AnswerError(_("'{raw}' is the sign of several currencies; write the code, e.g. "
                            "CAD or USD").format(raw=_shown(raw)))
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    raise AnswerError(_("'{raw}' is not a currency code; write its three letters (ISO 4217), "
                        "e.g. CAD, USD or EUR").format(raw=_shown(raw)))


# --- amounts -------------------------------------------------------------------------------

DOLLAR_CURRENCIES = frozenset({"CAD", "USD", "AUD", "NZD", "HKD", "SGD"})
"""The currencies a bare `$` may stand for."""
_SCALES = {"k": 10**3, "thousand": 10**3, "mille": 10**3, "m": 10**6, "mm": 10**6,
           "million": 10**6, "millions": 10**6, "b": 10**9, "bn": 10**9, "billion": 10**9,
           "billions": 10**9, "milliard": 10**9, "milliards": 10**9}


@functools.lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _currency_in(token: str) -> str | None:
    """The currency a word of an amount names: an ISO 4217 code, `$` for a bare dollar
    sign (several currencies use it), None when it names none."""
    lowered = token.lower()
    if lowered in _DOLLAR:
        return "$"
    if lowered in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[lowered]
    if re.fullmatch(r"[a-z]{3}", lowered) and lowered.upper() in _iso_codes():
        return lowered.upper()
    return None


def _amount(raw: Any) -> tuple[int | float, str | None]:
    """An amount as people write it and the currency written with it: `$1.2M` ->
    (1200000, '$'), `25 CAD` -> (25, 'CAD'), `1,5 M$` -> (1500000, '$'), `60k` -> (60000,
    None). The figure runs from the first digit to the last; a currency may come before
    it, a scale (k, M, million) and a currency after it."""
    text = _about(str(raw).strip())
    refused = AnswerError(_("'{raw}' is not an amount; write for example 25, $1.2M, 60k or "
                            "1.5 million CAD").format(raw=_shown(raw)))
    first, last = re.search(r"\d", text), re.search(r"\d", text[::-1])
    if first is None or last is None:
        raise refused
    end = len(text) - last.start()
    before, number, after = text[: first.start()].strip(), text[first.start():end], text[end:]
    sign = ""
    if before[:1] in ("-", "+"):
        sign, before = before[0], before[1:].strip()
    if re.fullmatch(r"\d++,\d{1,2}+", number):  # a decimal comma: 2,5 M$, 25,50 $
        number = number.replace(",", ".")
    number = _numeral(number)
    if not re.fullmatch(r"\d++(?:\.\d++)?+", number):
        raise refused
    _whole(number.split(".")[0], raw)  # too many digits is refused before any arithmetic
    words = after.split()
    if words and words[-1].endswith("$") and words[-1][:-1].lower() in _SCALES:
        words[-1:] = [words[-1][:-1], "$"]  # 1,2 M$, 60 k$
    scale = 1
    if words and words[0].lower() in _SCALES:
        scale = _SCALES[words.pop(0).lower()]
    named = [_currency_in(word) for word in ([before] if before else []) + words]
    if len(words) > 1 or None in named:
        raise refused
    codes = {code for code in named if code != "$"}
    if len(codes) > 1 or (named.count("$") and codes and not codes <= DOLLAR_CURRENCIES):
        raise AnswerError(_("'{raw}' names more than one currency").format(raw=_shown(raw)))
    value = Decimal(sign + number) * scale
    figure = int(value) if value == value.to_integral_value() else float(value)
    return figure, (codes.pop() if codes else ("$" if named else None))


def amount_currency(raw: Any) -> str | None:
    """The ISO 4217 code an amount is written with (`25 CAD`, `€60k`), for the field of its
    currency; None when it names none, only `$`, or is not an amount."""
    try:
        code = _amount(raw)[1] if isinstance(raw, str) else None
    except AnswerError:
        return None
    return code if code != "$" else None


def parse_amount(raw: Any, currency: str | None = None) -> int | float:
    """An amount of money: `25`, `$25`, `25 CAD`, `CAD 25`, `$1.2M`, `60k`, `1,200,000`,
    `1.5 million`. A currency written with it must be `currency`, the amount's currency
    in the file, when it is given; a bare `$` must be one of the dollar currencies."""
    if isinstance(raw, bool):
        raise AnswerError(_("expected a number, not yes or no"))
    if isinstance(raw, int | float):
        return raw
    if says_no_money(raw):
        return 0
    value, written = _amount(raw)
    if currency and written == "$" and currency not in DOLLAR_CURRENCIES:
        raise AnswerError(_("'{raw}' is in dollars, but this amount is in {currency} (the "
                            "currency given for it); write it in {currency}, or change the "
                            "currency first").format(raw=_shown(raw), currency=currency))
    if currency and written not in (None, "$", currency):
        raise AnswerError(_("'{raw}' is in {written}, but this amount is in {currency} (the "
                            "currency given for it); write it in {currency}, or change the "
                            "currency first").format(raw=_shown(raw), written=written,
                                                    currency=currency))
    return value


NO_MONEY = ("none", "nothing", "nil", "no money", "no money involved", "no money at stake",
            "aucun", "aucune", "rien", "néant", "aucun argent", "aucun argent en jeu",
            "pas d'argent", "pas d'argent en jeu")
"""An amount of no money: 0. A cost is `none` when there is none to count (OUT002 counts
a cost of 0 as stated), and an action's limit is asked "or 0 when no money is involved".
For other figures `none` is Enter: no value (`NONE`); so are `not yet` and `n/a` for an
amount."""


def says_no_money(raw: Any) -> bool:
    return str(raw).strip().lower().rstrip(".").replace("\u2019", "'") in NO_MONEY


def parse_boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise AnswerError(_("'{raw}' is not yes or no; answer y or n").format(raw=raw))


# Every pattern here runs on what a person typed, or on an answers file's text of any
# length: each matches in linear time (no two parts that can take the same characters, or
# possessive quantifiers where they could), so a 10,000-character answer is refused at once.
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}([, _]\d{3})+(\.\d+)?$")
_DIGITS = len(str(MAX_NUMBER))  # the most digits a number of the format may have


def _shown(raw: Any, limit: int = 40) -> str:
    """An answer quoted in a message, cut short when it is long."""
    text = str(raw)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} characters)"


def _whole(text: str, raw: Any) -> int:
    """A whole number from its digits; too many digits is an AnswerError before Python's
    own limit on converting long digit strings is reached."""
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) > _DIGITS:
        raise AnswerError(
            _("'{raw}' has {count} digits; numbers are at most 10^15 in size").format(
                raw=_shown(raw), count=len(digits))
        )
    return int(text)


# "about 350", "~350", "approx. 350", "350 or so", "environ 350", "350 environ": 350. The
# longest words first, so that "approx." is not read as "approx" and a dot.
_ABOUT_BEFORE = ("approximativement", "approximately", "à peu près", "a peu pres", "autour de",
                 "roughly", "environ", "approx.", "around", "approx", "about", "circa", "env.",
                 "~", "\u2248",
                 # An upper bound is the figure itself: a worst-case age `up to 30 minutes`.
                 "no more than", "jusqu'à", "jusqu’à", "jusqu'a", "au maximum", "at most",
                 "au plus", "up to")
_ABOUT_AFTER = ("environ", "approx.", "approx", "or so", "at most", "au plus", "max", "maximum")


def _about(text: str) -> str:
    """`text` without a word that says the figure is approximate, or its upper bound:
    `about 350` -> `350`, `up to 30 minutes` -> `30 minutes`."""
    lowered = text.lower()
    for word in _ABOUT_BEFORE:
        if lowered.startswith(word) and not (word[-1].isalpha()
                                             and lowered[len(word):][:1].isalpha()):
            return text[len(word):].strip()
    for word in _ABOUT_AFTER:
        if lowered.endswith(" " + word):
            return text[: -len(word)].strip()
    return text


def _numeral(raw: Any) -> str:
    text = _about(str(raw).strip())
    if _THOUSANDS.match(text):  # 2,900,000 and 2 900 000 are common in finance decks
        text = re.sub(r"[, _]", "", text)
    return text


def _without_percent(text: str) -> str | None:
    """`text` without its percent sign or word (`48%`, `12.5 percent`), or None."""
    lowered = text.lower()
    for word in PERCENT_UNITS:
        if lowered.endswith(word):
            return text[: -len(word)].rstrip()
    return None


def parse_number(raw: Any, ratio: bool = False, time_unit: str | None = None) -> int | float:
    """A number; a whole number stays an int so the file reads `180000`, not `180000.0`.

    A percentage (`48%`, `12.5 %`) is read as the field expects: 0.48 for a `ratio` (a
    number from 0 to 1, such as an override rate), 48 otherwise (a metric whose unit is a
    percent). A ratio written as a number above 1 and up to 100 is a percentage too. A
    field that counts a `time_unit` takes a duration in another unit (`3 years`, `18
    months` for a horizon in years)."""
    if isinstance(raw, bool):
        raise AnswerError(_("expected a number, not yes or no"))
    percent = False
    if isinstance(raw, int | float):
        value: int | float = raw
    else:
        text = _numeral(raw)
        counted = _in_time_unit(text, time_unit, raw) if time_unit else None
        if counted is not None:
            return int(counted) if counted.is_integer() else counted
        number = _without_percent(text)
        if number is not None:
            percent, text = True, _numeral(number)
        if re.fullmatch(r"[-+]?\d+", text):
            value = _whole(text, raw)
        else:
            try:
                value = float(text)
            except ValueError:
                raise AnswerError(
                    _("'{raw}' is not a number; write for example 11.4 or 48%").format(
                        raw=_shown(raw))) from None
            if value != value or value in (float("inf"), float("-inf")):
                raise AnswerError(_("'{raw}' is not a finite number").format(raw=_shown(raw)))
    if ratio and (percent or 1 < value <= 100):
        return round(value / 100, 10)
    return value


# A number of a unit of time (`latency_budget_ms`, `horizon_years`) given as a duration in
# another unit. Months and years are converted between themselves exactly (18 months is
# 1.5 years); to and from the other units a month counts 30 days and a year 365, as
# durations do everywhere in the format.
_TIME_UNITS: dict[str, tuple[str, float]] = {  # unit -> (words for messages, its length)
    "milliseconds": (N_("milliseconds"), 0.001), "seconds": (N_("seconds"), 1.0),
    "minutes": (N_("minutes"), 60.0), "hours": (N_("hours"), 3600.0),
    "days": (N_("days"), 86400.0), "weeks": (N_("weeks"), 604800.0),
    "months": (N_("months"), 86400.0 * 365 / 12), "years": (N_("years"), 86400.0 * 365),
}
_ISO_DURATION = re.compile(DURATION_PATTERN)
_MILLISECONDS = re.compile(
    r"(\d++(?:[.,]\d++)?+)\s*+(?:ms|msecs?|milliseconds?|millisecondes?)", re.IGNORECASE)


def _in_time_unit(text: str, unit: str, raw: Any) -> float | None:
    """`text` as a number of `unit` when it is a duration in words or ISO 8601 (`2
    seconds` is 2000 milliseconds); None when it is not a number with a unit."""
    if not (re.search(r"\d", text) and re.search(r"[^\W\d_]", text)):
        return None
    millis = _MILLISECONDS.fullmatch(text.strip())
    if millis is not None:
        seconds = float(millis.group(1).replace(",", ".")) / 1000
        months = seconds / _TIME_UNITS["months"][1]
    else:
        match = _ISO_DURATION.match(to_iso_duration(text))
        parts = [float(p.replace(",", ".")) if p else 0.0 for p in match.groups()] if match else []
        years, whole_months, weeks, days, hours, minutes, secs = parts or [0.0] * 7
        clock = hours * 3600 + minutes * 60 + secs
        seconds = (years * 365 + whole_months * 30 + weeks * 7 + days) * 86400 + clock
        months = years * 12 + whole_months + (weeks * 7 + days + clock / 86400) * 12 / 365
    if unit == "years":
        value = months / 12
    elif unit == "months":
        value = months
    else:
        value = seconds / _TIME_UNITS[unit][1]
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError(_("'{raw}' is not a finite number").format(raw=_shown(raw)))
    return round(value, 9)


_WITH_UNIT = re.compile(
    r"\s*+([-+]?\d[\d,. _]*+)\s*+(%|percent|per cent|[^\W\d][\w /%.-]*+)\s*+", re.IGNORECASE
)


def split_unit(raw: str) -> tuple[str, str] | None:
    """'11.4 minutes' -> ('11.4', 'minutes'), 'about 1200 agents' -> ('1200', 'agents'); '18%'
    -> ('18%', 'percent'); None when the answer is a bare number or not a number followed by
    a unit."""
    match = _WITH_UNIT.fullmatch(_about(raw.strip()))
    if not match:
        return None
    number, unit = match.group(1).strip(), match.group(2).strip()
    if unit.lower() in _SCALES and unit != "m":
        return None  # 180k and 1.2M are figures, not 180 of a unit "k" ("5 m" may be minutes)
    if unit.lower() in PERCENT_UNITS:
        return number + "%", "percent"
    return number, unit


def _unit_seconds(unit: str) -> float | None:
    """How long one `unit` is when it is a unit of time ('hours', 'jour', 'min'); None
    otherwise."""
    try:
        return parse_duration(to_iso_duration(f"1 {unit}")).total_seconds()
    except Exception:  # not a duration: the answer's own error is ours to give
        return None


def _same_unit(typed: str, unit: str) -> bool:
    """'percent' is the unit 'percent of tickets'; 'ticket' is 'tickets'."""
    a, b = typed.strip().casefold(), unit.strip().casefold()
    return (a.rstrip("s") == b.rstrip("s") or b.startswith(a + " ") or a.startswith(b + " ")
            or (a == "percent" and b.startswith("%")))


_RATIOS = ("ratio", "fraction", "share", "proportion")


def in_unit(number: str, typed: str, unit: str) -> str:
    """A figure typed with its unit, as a number of `unit`, the unit its record already
    has: '1 day' for a metric counted in hours is '24'. A unit of time converts to another,
    a percentage to a ratio (18% is 0.18); any other unit must be the same one, or the
    answer is refused."""
    if _same_unit(typed, unit):
        return number
    if re.fullmatch(r"[-+]?\d+,\d{1,2}%?", number):  # a decimal comma: 1,5 jour, 15,5 %
        number = number.replace(",", ".")
    if typed == "percent" and unit.strip().casefold() in _RATIOS:  # 18% of a ratio: 0.18
        return show(round(float(parse_number(number)) / 100, 8))
    have, want = _unit_seconds(typed), _unit_seconds(unit)
    if have is None or want is None:
        raise AnswerError(_("'{number} {typed}' is in {typed}, but this figure is in {unit}; "
                            "write it in {unit}, or change the unit first").format(
                                number=number, typed=typed, unit=unit))
    return show(round(float(parse_number(number)) * have / want, 6))


_RANGE = re.compile(r"\s+(?:to|until|au|jusqu'au|-|\u2013)\s+", re.IGNORECASE)


def parse_period(raw: str, today: date | None = None) -> list[date]:
    """The dates of a gate's work: `2026-01-12`, `since 2 March 2026` (a start), or
    `2026-01-12 to 2026-02-06`, `2 March 2026 to 15 May 2026` (a start and an end)."""
    text = re.sub(r"^(?:since|from|depuis|du)\s+", "", raw.strip(), flags=re.IGNORECASE)
    parts = [p for p in _RANGE.split(text) if p]
    if len(parts) == 1 and " " in parts[0]:
        try:
            return [parse_date(parts[0], today)]
        except AnswerError:
            parts = parts[0].split()  # 2026-01-12 2026-02-06
    if len(parts) > 2:
        raise AnswerError(_("write the start, or the start and the end: 2026-01-12 to "
                            "2026-02-06"))
    return [parse_date(part, today) for part in parts]


_DATE_AT_END = re.compile(
    r"(\d{4}-\d{2}-\d{2}|today"
    r"|\d{1,2}(?:st|nd|rd|th|er)?\s+[^\W\d_]+\.?,?\s+\d{4}"  # 8 May 2026, 1er août 2026
    r"|[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})$",  # May 8, 2026
    re.IGNORECASE)
_DATE_WORDS = ("since", "on", "reviewed", "completed")
_SEPARATORS = " \t\n\r\f\v,"


def unit_text(value: Any) -> str | None:
    """The unit a figure's record has, when it is text (a metric's `unit`); None for the
    other companions (a status's date, an amount's currency)."""
    return value if isinstance(value, str) and value.strip() else None


def split_companion(raw: str, kind: AnswerType, reading: Reading | None,
                    unit_now: str | None = None, today: date | None = None
                    ) -> tuple[str, Any] | None:
    """An answer that also gives its companion field (`fields.companion`): the answer
    without what follows it, and that companion's value. `11.4 minutes` -> ('11.4',
    'minutes') for a baseline, read in `unit_now` when the record has a unit already (`1
    day` in hours -> ('24', 'hours')); `40 NOC engineers` -> ('40', 'NOC engineers') for
    a count and its role; `compliant 2026-08-20` -> ('compliant', date) for a status;
    `25 CAD` -> ('25 CAD', 'CAD') for an amount. None when nothing follows the answer."""
    if reading is not None and reading.money:
        code = amount_currency(raw)
        return (raw, code) if code else None
    if kind in (AnswerType.NUMBER, AnswerType.INTEGER):
        written = split_unit(raw)
        if written is not None and unit_now:
            return in_unit(written[0], written[1], unit_now), unit_now
        return written
    if kind == AnswerType.CHOICE:
        dated = split_date(raw)
        if dated is not None:
            return dated[0], parse(AnswerType.DATE, dated[1], today=today)
    return None


def split_date(raw: str) -> tuple[str, str] | None:
    """'compliant 2026-08-20' -> ('compliant', '2026-08-20'), also with a comma or a word
    before the date ('in_review, since 2026-08-20'); None without a date at the end."""
    text = raw.strip()
    date_match = _DATE_AT_END.search(text)
    if not date_match:
        return None
    head = text[: date_match.start()]
    before = head.rstrip(_SEPARATORS)
    if before == head:
        return None  # the date must be set apart from what comes before it
    for word in _DATE_WORDS:
        if before.lower().endswith(word) and head[len(before):].isspace():
            rest = before[: -len(word)]
            if rest.rstrip(_SEPARATORS) != rest:
                before = rest.rstrip(_SEPARATORS)
                break
    status = before.strip()
    return (status, date_match.group(1)) if status else None


def parse_integer(raw: Any, time_unit: str | None = None) -> int:
    """A whole number; a field that counts a `time_unit` takes a duration in another unit
    (`2 seconds` for a budget in milliseconds is 2000)."""
    if isinstance(raw, bool):
        raise AnswerError(_("expected a whole number, not yes or no"))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = _numeral(raw)
    counted = _in_time_unit(text, time_unit, raw) if time_unit else None
    if counted is not None:
        if not counted.is_integer():
            raise AnswerError(_("'{raw}' is not a whole number of {unit}").format(
                raw=_shown(raw), unit=_(_TIME_UNITS[time_unit or ""][0])))
        return int(counted)
    money = False
    if not time_unit and re.search(r"[^\W\d_]", text):
        try:  # a count with a scale, read as an amount is: 180k, 1.2M, 1,2 M, 2 million
            figure, currency = _amount(text)
        except AnswerError:
            figure, currency = None, None
        if currency is None and isinstance(figure, int):
            return figure
        money = currency is not None  # `180k CAD`, `180 dollars`: not a count
    if not re.fullmatch(r"[-+]?\d+", text):
        counted = None if time_unit or money else _count_of_things(text)
        if counted is None:
            raise AnswerError(_("'{raw}' is not a whole number; write for example 1200").format(
                raw=_shown(raw)))
        return counted
    return _whole(text, raw)


def _count_of_things(text: str) -> int | None:
    """A count followed by what it counts, as the help's examples write it: `1200 cell
    outages`, `40 NOC engineers`, `180k disputes a month`; None when the words after the
    figure hold another figure or a time other than "a month" (`300 a week` is not a
    monthly volume, `2 seconds` no count), or the figure is money (`$180k tickets`)."""
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):  # the longest figure first: `2 million tickets`
        things = " ".join(words[cut:])
        if not things[0].isalpha() or re.search(r"\d", things) or any(
                _is_time(word) for word in _A_MONTH.sub("", things).lower().split()):
            continue
        try:
            return parse_integer(" ".join(words[:cut]))
        except AnswerError:
            continue
    return None


_A_MONTH = re.compile(
    r"(?:\b(?:a|per|each|every|by|par|chaque)\s+|/\s*)(?:month|mois)\b|\bmonthly\b"
    r"|\bmensuel(?:le)?s?\b",
    re.IGNORECASE,
)
"""A count by the month, as a monthly volume is asked: `a month`, `per month`, `par mois`."""


def _is_time(word: str) -> bool:
    """Whether a word names a unit or a period of time, as a duration reads it: `minutes`,
    `week`, `jours`, `quarterly`."""
    return word in _UNITS or word in _NAMED or word in _QUARTERS


# Month names in English and in French, in full or cut short ("Sept.", "févr.").
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
        "january jan janvier janv", "february feb février fevrier févr fevr",
        "march mar mars", "april apr avril avr", "may mai", "june jun juin",
        "july jul juillet juil", "august aug août aout", "september sep sept septembre",
        "october oct octobre", "november nov novembre", "december dec décembre decembre déc"),
        start=1):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = r"(?P<month>[^\W\d_]++)\.?+"
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er)?+"
_WRITTEN_DATES = [re.compile(pattern) for pattern in (
    rf"{_DAY}\s++{_MONTH},?+\s++{_YEAR}",  # 30 June 2026, 1er juin 2026
    rf"{_MONTH}\s++{_DAY},?+\s++{_YEAR}",  # June 30, 2026
)]
_MONTH_ONLY = [re.compile(pattern) for pattern in (
    rf"{_MONTH},?+\s++{_YEAR}",  # June 2026, juin 2026
    r"(?P<year>\d{4})-(?P<number>\d{1,2})", r"(?P<number>\d{1,2})/(?P<year>\d{4})",
)]


def _written_date(text: str) -> date | None:
    """`30 June 2026`, `June 30, 2026`, `1er juin 2026` as a date; None when `text` is not
    written so; AnswerError for a month alone (`June 2026`): which day is for the person
    to say, and a review or go-live date a month off changes what the rules find."""
    lowered = text.lower()
    for pattern in _WRITTEN_DATES:
        match = pattern.fullmatch(lowered)
        if match is not None and match.group("month") in _MONTHS:
            try:
                return date(int(match.group("year")), _MONTHS[match.group("month")],
                            int(match.group("day")))
            except ValueError:
                raise AnswerError(_("'{text}' is not a calendar date (no such day)").format(
                    text=text)) from None
    for pattern in _MONTH_ONLY:
        match = pattern.fullmatch(lowered)
        if match is None:
            continue
        found = match.groupdict()
        month = _MONTHS.get(found.get("month") or "") or int(found.get("number") or 0)
        if 1 <= month <= 12:
            first = date(int(match.group("year")), month, 1)
            last = (first.replace(month=month % 12 + 1, year=first.year + month // 12)
                    - timedelta(days=1))
            raise AnswerError(_("'{text}' names a month, not a day; give the day, as in {first} "
                                "or {last}").format(text=text, first=first.isoformat(),
                                                    last=last.isoformat()))
    return None


def parse_date(raw: Any, today: date | None = None) -> date:
    """YYYY-MM-DD, `today` (the reference date of the session), or a day with its month in
    words (`30 June 2026`); a month alone is refused with the days it could be."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if text.lower() == "today":
        return today or date.today()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise AnswerError(_("'{text}' is not a calendar date (no such day)").format(
                text=text)) from None
    written = _written_date(text) if len(text) <= 40 else None
    if written is not None:
        return written
    raise AnswerError(_("'{text}' is not a date; write YYYY-MM-DD, e.g. 2026-03-15, or "
                        "'today'").format(text=text))


# Plain-word durations: "2 minutes" -> PT2M, "90 days" -> P90D, "1 hour 30 minutes" -> PT1H30M;
# in English or in French ("2 jours", "1,5 heure"), whatever the language of the session.
_UNITS: dict[str, tuple[str, bool]] = {}  # word -> (ISO designator, in the time part)
for _designator, _clock, _words in (
    ("Y", False, "y yr yrs year years an ans année années"),
    ("M", False, "mo mon month months mois"),
    ("W", False, "w wk wks week weeks sem semaine semaines"),
    ("D", False, "d day days j jour jours"),
    ("H", True, "h hr hrs hour hours heure heures"),
    ("M", True, "m min mins minute minutes"),
    ("S", True, "s sec secs second seconds seconde secondes"),
):
    for _word in _words.split():
        _UNITS[_word] = (_designator, _clock)
_PART = re.compile(r"(\d++(?:\.\d++)?+)\s*+([^\W\d_]++)")
_NAMED = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P7D",
          "monthly": "P30D", "quarterly": "P90D", "yearly": "P365D", "annually": "P365D",
          "quotidien": "P1D", "quotidienne": "P1D", "hebdomadaire": "P7D",
          "mensuel": "P30D", "mensuelle": "P30D", "trimestriel": "P90D",
          "trimestrielle": "P90D", "annuel": "P365D", "annuelle": "P365D",
          "fortnightly": "P14D"}
# A frequency: "every quarter" is "quarterly", "every 2 weeks" is "2 weeks" ("chaque mois",
# "tous les 3 mois", "une fois par semaine" in French). A quarter is 90 days, as "quarterly".
_EVERY = re.compile(r"(?:every|each|once (?:a|an|per|every)|per|chaque|tous les|toutes les|"
                    r"une fois par|par)\s++(.++)")
_EVERY_ONE = {"Y": "P365D", "M": "P30D", "W": "P7D", "D": "P1D"}  # "every month" = "monthly"
_QUARTERS = ("quarter", "quarters", "trimestre", "trimestres")


_VAGUE = re.compile(r"\b(?:few|several|couple|some|quelques|plusieurs)\b")
"""A quantity without a number: `a few seconds`, `several days`, `quelques heures`."""


def to_iso_duration(text: str) -> str:
    """An ISO 8601 duration from ISO text (any case) or plain words; AnswerError otherwise."""
    raw = text.strip()
    candidate = raw.upper().replace(" ", "")
    if re.match(r"P[\dT]", candidate):  # not "per month", "par trimestre"
        try:
            parse_duration(candidate)
        except Exception:  # pydantic's error carries the ISO explanation; ours is shorter
            raise AnswerError(
                _("'{raw}' is not an ISO 8601 duration; write PT15M, PT2H, P1D, P90D "
                  "or plain words such as '2 minutes' or '90 days'").format(raw=_shown(raw))
            ) from None
        return candidate
    # A decimal comma (French "1,5 jour") is a point; any other comma separates parts.
    words = re.sub(r"(\d),(\d)", r"\1.\2", raw.lower()).replace(",", " ")
    words = words.replace(" and ", " ").replace(" et ", " ")
    every = _EVERY.fullmatch(words)
    if every is not None:
        words = every.group(1).strip()
        if words in _QUARTERS:
            return "P90D"
        designator, clock = _UNITS.get(words, ("", False))
        if designator:
            return ("PT1" + designator) if clock else _EVERY_ONE[designator]
    if words in _NAMED:
        return _NAMED[words]
    if _VAGUE.search(words):
        raise AnswerError(_("'{raw}' gives no number; write one, as in '10 seconds' or "
                            "'about 2 days'").format(raw=_shown(raw)))
    # "an hour", "a day", "une heure", "un an" (but the unit of "1 an" stays a year)
    words = re.sub(r"\b(?:an?|une?)\s+(?=[^\W\d_])", "1 ", words)
    date_part: dict[str, str] = {}
    time_part: dict[str, str] = {}
    position = 0
    while True:
        # Each part is matched where the previous one ended (after spaces): searching the
        # whole rest for the next part would try every position of a long run of digits.
        start = len(words) - len(words[position:].lstrip())
        match = _PART.match(words, start)
        if match is None:
            break
        position = match.end()
        word, number = match.group(2), match.group(1)
        if word in _QUARTERS:  # 2 quarters: 180 days
            word, number = "days", format((Decimal(number) * 90).normalize(), "f")
        unit = _UNITS.get(word)
        if unit is None:
            raise AnswerError(_("unknown unit '{unit}' in '{raw}'; use seconds, minutes, "
                                "hours, days, weeks, months or years").format(
                                    unit=_shown(match.group(2)), raw=_shown(raw)))
        designator, clock = unit
        target = time_part if clock else date_part
        if designator in target:
            raise AnswerError(_("'{raw}' names the same unit twice").format(raw=_shown(raw)))
        if "." in number and words[match.end():].strip():
            raise AnswerError(_("'{raw}': only the last unit may have a fraction, "
                                "e.g. '1 hour 30.5 minutes' or '1.5 days'").format(
                                    raw=_shown(raw)))
        target[designator] = number
    if position == 0 or words[position:].strip():
        raise AnswerError(
            _("'{raw}' is not a duration; write plain words such as '2 minutes', '4 hours', "
              "'90 days', or ISO 8601 such as PT2M, PT4H, P90D").format(raw=_shown(raw))
        )
    iso = "P" + "".join(date_part[d] + d for d in "YMWD" if d in date_part)
    if time_part:
        iso += "T" + "".join(time_part[d] + d for d in "HMS" if d in time_part)
    return iso


def parse_duration_answer(raw: Any) -> str:
    if isinstance(raw, timedelta):
        from readiness.model import format_duration

        return format_duration(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise AnswerError(_("'{raw}' has no unit; write for example '{raw} minutes' or "
                          "PT{raw}M").format(raw=raw))
    return to_iso_duration(_about(str(raw).strip()))  # `about 1 day` is 1 day, as a figure


# Places as people name them, for the jurisdiction codes of the format.
_PLACES = {"canada": "CA", "quebec": "CA-QC", "québec": "CA-QC", "qc": "CA-QC",
           "united states": "US", "usa": "US", "états-unis": "US", "etats-unis": "US",
           "california": "US-CA", "californie": "US-CA", "europe": "EU",
           "european union": "EU", "union européenne": "EU", "united kingdom": "UK",
           "royaume-uni": "UK", "gb": "UK", "great britain": "UK"}


def parse_choice(raw: Any, choices: Sequence[str]) -> str:
    """A choice by its number in the list shown, or by its value (any case, a unique prefix)."""
    text = str(raw).strip()
    if re.fullmatch(r"\d+", text) and text not in choices:
        index = int(text)
        if 1 <= index <= len(choices):
            return choices[index - 1]
        raise AnswerError(_("choose a number from 1 to {count}").format(count=len(choices)))
    lowered = text.lower()
    for choice in choices:
        if choice.lower() == lowered:
            return choice
    normalised = lowered.replace(" ", "_").replace("-", "_")
    matches = [c for c in choices if c.lower().replace("-", "_").startswith(normalised)]
    if len(matches) == 1:
        return matches[0]
    # A choice as the session's language says it: "en cours", "conforme", "pilote" (a word
    # of "projet pilote", when no other choice's words have it).
    from readiness.words import value_words

    said = {c: _folded(value_words(c)) for c in choices}
    folded = _folded(text)
    exact = [c for c, words in said.items() if words == folded]
    worded = [c for c, words in said.items() if folded in words.split()]
    for found in (exact, worded):
        if len(found) == 1:
            return found[0]
    place = _PLACES.get(text.casefold())
    if place is not None and place in choices:
        return place
    from readiness.schema import suggest

    hint = suggest(text, list(choices))
    listed = ", ".join(choices)
    if hint:
        raise AnswerError(_("'{text}' is not one of the choices; did you mean {hint}? "
                              "({listed})").format(text=text, hint=hint, listed=listed))
    raise AnswerError(_("'{text}' is not one of the choices: {listed}").format(
        text=text, listed=listed))


def _folded(text: str) -> str:
    """Words as they are compared with a choice's: in any case, with or without accents,
    in either number or gender (`interdit` for `interdite`, `termine` for `terminé`,
    `lots` for `lot`)."""
    bare = "".join(char for char in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(char))
    return " ".join(word.rstrip("s").rstrip("e") for word in bare.split())


def split_items(raw: Any) -> list[Any]:
    """Items of a list answer: separated by ';' when there is one, otherwise by ','."""
    if isinstance(raw, list | tuple):
        return [item for item in raw if not (isinstance(item, str) and not item.strip())]
    text = str(raw)
    separator = ";" if ";" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def parse_multi_choice(raw: Any, choices: Sequence[str]) -> list[str]:
    """Several choices, separated by commas or semicolons ('Quebec, United Kingdom'), or
    by spaces when none is ('1 3', 'CA CA-QC')."""
    if isinstance(raw, list | tuple):
        text = list(raw)
    elif re.search(r"[,;]", str(raw)):
        text = re.split(r"\s*[,;]\s*", str(raw).strip())
    else:
        try:
            return [parse_choice(raw, choices)]
        except AnswerError:
            text = str(raw).split()
    values: list[str] = []
    for item in text:
        if str(item).strip():
            value = parse_choice(item, choices)
            if value not in values:
                values.append(value)
    if not values:
        raise AnswerError(_("choose at least one, e.g. 1,3"))
    return values


def parse_person(raw: Any) -> str | dict[str, str]:
    """'Dana Cho, Director, Care Operations' -> {name: Dana Cho, role: 'Director, Care
    Operations'}: the first comma separates the name from the role. A name alone stays
    a string; ', Role' gives a role alone."""
    if isinstance(raw, dict):
        person = {k: str(v).strip() for k, v in raw.items() if k in ("name", "role") and v}
        unknown = set(raw) - {"name", "role"}
        if unknown or not person:
            raise AnswerError(_("a person is a name and a role, e.g. 'Dana Cho, Director'"))
        return person
    text = str(raw).strip()
    name, _comma, role = text.partition(",")
    name, role = name.strip(), role.strip()
    if not name and not role:
        raise AnswerError(_("write a name, or 'Name, Role'"))
    if not role:
        return name
    if not name:
        return {"role": role}
    return {"name": name, "role": role}


def parse_list(raw: Any) -> list[str]:
    items = [parse_text(item) for item in split_items(raw)]
    if not items:
        raise AnswerError(_("write one or more items separated by commas (or ';')"))
    return items


def parse_people(raw: Any) -> list[str | dict[str, str]]:
    """Names separated by commas; with roles, separate people by ';': 'Sam Lee, Analyst;
    Lena Park, Portfolio Office'."""
    if isinstance(raw, list | tuple):
        people = [parse_person(item) for item in raw]
    else:
        text = str(raw)
        if ";" in text:
            people = [parse_person(part) for part in text.split(";") if part.strip()]
        else:
            people = [parse_person(part) for part in text.split(",") if part.strip()]
    if not people:
        raise AnswerError(_("write one or more names separated by commas"))
    return people


def parse(
    kind: AnswerType,
    raw: Any,
    choices: Sequence[str] | None = None,
    today: date | None = None,
    ratio: bool = False,
    reading: Reading | None = None,
) -> Any:
    """The value of a scalar (non-records) answer of type `kind`; `ratio` reads a
    percentage as a number from 0 to 1; `reading` is what else the field holds."""
    reading = reading or Reading()
    parsers: dict[AnswerType, Callable[[Any], Any]] = {
        AnswerType.TEXT: parse_currency if reading.currency_code else parse_text,
        AnswerType.NUMBER: (lambda r: parse_amount(r, reading.currency)) if reading.money
        else (lambda r: parse_number(r, ratio, reading.time_unit)),
        AnswerType.INTEGER: lambda r: parse_integer(r, reading.time_unit),
        AnswerType.BOOLEAN: parse_boolean,
        AnswerType.DATE: lambda r: parse_date(r, today),
        AnswerType.DURATION: parse_duration_answer,
        AnswerType.CHOICE: lambda r: parse_choice(r, choices or []),
        AnswerType.MULTI_CHOICE: lambda r: parse_multi_choice(r, choices or []),
        AnswerType.PERSON: parse_person,
        AnswerType.PEOPLE: parse_people,
        AnswerType.LIST: parse_list,
    }
    parser = parsers.get(kind)
    if parser is None:
        raise AnswerError(_("a {kind} answer is not a single value").format(kind=kind.value))
    return parser(raw)


HINTS: dict[AnswerType, str] = {
    AnswerType.TEXT: N_("free text"),
    AnswerType.NUMBER: N_("a number (a percentage such as 48% is read as the field expects)"),
    AnswerType.INTEGER: N_("a whole number"),
    AnswerType.BOOLEAN: N_("y or n"),
    AnswerType.DATE: N_("a date YYYY-MM-DD, or 'today'"),
    AnswerType.DURATION: N_("a duration: '5 minutes', '1.5 days', or ISO 8601 such as PT5M, P90D"),
    AnswerType.CHOICE: N_("the number or the name of one choice"),
    AnswerType.MULTI_CHOICE: N_("numbers or names separated by commas, e.g. 1,3"),
    AnswerType.PERSON: N_("'Name, Role', a name, or ', Role' for a team or role alone"),
    AnswerType.PEOPLE: N_("names separated by commas; with roles, 'Name, Role; Name, Role'"),
    AnswerType.LIST: N_("items separated by commas (or ';' when items contain commas)"),
    AnswerType.RECORDS: N_("a list of records: add, edit or remove them one at a time"),
}
"""What a good answer of each type looks like, shown with `?`."""
MONEY_HINT = N_("an amount, e.g. 25, $1.2M, 60k or 1.5 million CAD")
"""What a good amount of money looks like (a number the model says is money)."""

UNKNOWN = ("unknown", "later", "ask", "?ask", "don't know", "dont know", "do not know", "idk",
           "inconnu", "inconnue", "plus tard", "je ne sais pas", "sais pas")
"""Answers that record an open question instead of a value, in English and in French."""


def is_unknown(raw: str) -> bool:
    return raw.strip().lower().replace("’", "'") in UNKNOWN


NONE = ("none", "not yet", "n/a", "na", "never", "nobody", "no one", "aucun", "aucune",
        "pas encore", "jamais", "personne", "s.o", "sans objet")
"""Answers that say there is no value, in English and in French: Enter's meaning, taken
where no value of the question's type could be written so (a date, a number, a duration,
people, a list): `not yet` for a go-live date, `none` for the assessors."""

SAYS_NONE = (AnswerType.DATE, AnswerType.NUMBER, AnswerType.INTEGER, AnswerType.DURATION,
             AnswerType.PERSON, AnswerType.PEOPLE, AnswerType.LIST)


def says_none(raw: str, kind: AnswerType) -> bool:
    return kind in SAYS_NONE and raw.strip().lower().rstrip(".") in NONE
