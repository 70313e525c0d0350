"""What every reporter shares: safe text for terminals, and the headline in plain words
(`advice.headline`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from readiness.advice import headline

if TYPE_CHECKING:
    from readiness.schema import SchemaError

__all__ = ["error_lines", "has_control", "headline", "one_line", "plain", "shown_path"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def plain(text: str) -> str:
    """Text from a file made safe for a terminal: control characters and bidirectional
    overrides are shown as escapes, so file content cannot move the cursor or recolour."""
    if text.isprintable():  # none of them: most text
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)


_BREAK = re.compile(r"[\n\u2028\u2029]")


def one_line(text: str) -> str:
    """`plain`, and line breaks shown as escapes too: for outputs read line by line (the
    text format, stderr, a CI log), where a line break from a file would start a line of
    its own, e.g. a GitHub Actions workflow command such as `::error::` or
    `::stop-commands::`."""
    if text.isprintable():  # no control character, bidirectional override or line break
        return text
    return _BREAK.sub(lambda m: "\\n" if m.group() == "\n" else f"\\u{ord(m.group()):04x}",
                      plain(text))


def error_lines(path: str, errors: Iterable[SchemaError], prefix: str = "error: ") -> list[str]:
    """An invalid file's errors, one per line in the `file:line:col:` form editors read."""
    return [
        f"{shown_path(path)}:{error.line}:{error.column}: {prefix}"
        + (f"{one_line(error.path)}: " if error.path else "")
        + one_line(error.message)
        for error in errors
    ]


def shown_path(path: str) -> str:
    """A file name at the start of a line of such output: on one line, and never starting
    with `:` (a file named `::error::x.yaml` is shown as `./::error::x.yaml`)."""
    text = one_line(path)
    return f"./{text}" if text.startswith(":") else text
