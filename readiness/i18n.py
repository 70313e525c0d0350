"""The language readiness writes in for people: English (the source) or Canadian French.

One language is active per process; the command line sets it from `--lang`, then
`READINESS_LANG`, then `lang` in the project configuration (README.md, "Language").
Messages go through gettext catalogues (`readiness/locale/<locale>/LC_MESSAGES/
readiness.mo`, compiled from the `.po` files with `make catalogues`); numbers, amounts,
percentages and dates are formatted for the language with Babel.

English is the language of the source: its messages are the msgids themselves and its
numbers keep the forms readiness has always written (`2,370,000 CAD`, `2026-11-28`).
Machine formats keep their keys, rule IDs, field names and enum values in every
language; only their message texts change.
"""

from __future__ import annotations

import gettext
import re
from datetime import date
from functools import cache
from pathlib import Path

DOMAIN = "readiness"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

LANGUAGES: dict[str, str] = {"en": "en_CA", "fr": "fr_CA"}
"""The languages readiness speaks, by the code `--lang` takes, with their Babel locale."""

DEFAULT = "en"
ENVIRONMENT = "READINESS_LANG"

_active = DEFAULT


class UnknownLanguage(ValueError):
    """A language readiness does not speak; the message names the ones it does."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(
            f"unknown language {value!r}; available: {', '.join(LANGUAGES)}"
        )


def checked(value: str) -> str:
    """`value` as a known language code ('fr', 'FR', 'fr-CA', 'fr_CA' -> 'fr')."""
    code = value.strip().lower().replace("_", "-")
    if code in LANGUAGES:
        return code
    head = code.partition("-")[0]
    if head in LANGUAGES and LANGUAGES[head].lower().replace("_", "-") == code:
        return head
    raise UnknownLanguage(value)


def use(language: str) -> None:
    """Make `language` ('en' or 'fr') the language of everything written from now on."""
    global _active
    _active = checked(language)


def active() -> str:
    """The active language code: 'en' or 'fr'."""
    return _active


def locale() -> str:
    """The Babel locale of the active language: 'en_CA' or 'fr_CA'."""
    return LANGUAGES[_active]


def html_lang() -> str:
    """The active language as an HTML `lang` attribute: 'en', 'fr-CA'."""
    return "en" if _active == "en" else LANGUAGES[_active].replace("_", "-")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of `language`; English and a missing catalogue translate
    nothing."""
    if language == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(
        DOMAIN, LOCALE_DIR, languages=[LANGUAGES[language]], fallback=True
    )


def _(message: str) -> str:
    """`message` in the active language."""
    if _active == DEFAULT or not message:
        return message
    return translations(_active).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, in the active language's grammar
    (French: 0 and 1 take the singular)."""
    if _active == DEFAULT:
        return singular if n == 1 else plural
    return translations(_active).ngettext(singular, plural, n)


def field_help(description: str) -> str:
    """A field's description (readiness/model.py) in the active language. Its msgid
    writes each `%` as `%%`, as a catalogue does for text with percent signs
    (readiness/i18n_extract.py)."""
    if _active == DEFAULT or not description:
        return description
    return _(description.replace("%", "%%")).replace("%%", "%")


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is declared; `_` translates it where
    it is shown."""
    return message


# --- numbers, amounts and dates ----------------------------------------------------------


def decimal(value: float, digits: int | None = None) -> str:
    """A number for the active locale: French `1 234,5`. `digits` fixes the decimals;
    None shows at most two, none when the number is whole."""
    from babel.numbers import format_decimal

    if digits is None:
        pattern = "#,##0.##"
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale(), decimal_quantization=True)


def percent(share: float, digits: int = 0) -> str:
    """A share as a percentage with the locale's sign and spacing: 0.255 -> French
    `26 %`, with `digits` decimals `25,5 %`."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "\u00a0%"
    if _active == DEFAULT:
        pattern = pattern.replace("\u00a0", "")
    return format_percent(share, format=pattern, locale=locale())


_LETTERS_AFTER_SIGN = re.compile(r"^(\D)([A-Z]{1,3})$")


def money(value: float, currency: str | None) -> str:
    """An amount in French: small amounts (prices, unit costs) as a Quebec till shows
    them, `7,80 $`; from 100 on, whole units with the currency named without doubt, as a
    budget line writes it, `2 370 000 $ CA`. Without a currency, the number alone."""
    from babel.numbers import format_currency, get_currency_symbol

    if currency is None or not re.fullmatch(r"[A-Z]{3}", currency):
        text = decimal(round(value)) if abs(value) >= 100 else decimal(value)
        return f"{text}\u00a0{currency}" if currency else text
    if abs(value) < 100:
        return format_currency(value, currency, locale=locale())
    symbol = get_currency_symbol(currency, locale="fr")
    symbol = _LETTERS_AFTER_SIGN.sub("\\1\u00a0\\2", symbol)
    return f"{decimal(round(value))}\u00a0{symbol}"


def long_date(value: date) -> str:
    """A date in words: French `28 novembre 2026`."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=locale())


def day(value: date) -> str:
    """A date for people: 2026-11-28 in English (the file's form), French `28 novembre
    2026`."""
    return value.isoformat() if _active == DEFAULT else long_date(value)


def number(value: float) -> str:
    """A figure inside a message: English as Python's `g` writes it (0.3, 25), French
    with the decimal comma (0,3)."""
    return f"{value:g}" if _active == DEFAULT else decimal(value)


def share(value: float) -> str:
    """A share inside a message: English `48%`, French `48 %`."""
    return f"{value:.0%}" if _active == DEFAULT else percent(value)
