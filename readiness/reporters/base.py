"""What every reporter shares: the headline in plain words and safe text for terminals."""

from __future__ import annotations

import re

from readiness.engine import Result
from readiness.i18n import _
from readiness.scoring import Verdict

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def plain(text: str) -> str:
    """Text from a file made safe for a terminal: control characters and bidirectional
    overrides are shown as escapes, so file content cannot move the cursor or recolour."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)


_BREAK = re.compile(r"[\n\u2028\u2029]")


def one_line(text: str) -> str:
    """`plain`, and line breaks shown as escapes too: for outputs read line by line (the
    text format, stderr, a CI log), where a line break from a file would start a line of
    its own, e.g. a GitHub Actions workflow command such as `::error::` or
    `::stop-commands::`."""
    return _BREAK.sub(lambda m: "\\n" if m.group() == "\n" else f"\\u{ord(m.group()):04x}",
                      plain(text))


def shown_path(path: str) -> str:
    """A file name at the start of a line of such output: on one line, and never starting
    with `:` (a file named `::error::x.yaml` is shown as `./::error::x.yaml`)."""
    text = one_line(path)
    return f"./{text}" if text.startswith(":") else text


def headline(result: Result) -> str:
    """'Not ready: blocked at gate 3, Integration' and its siblings."""
    if result.verdict == Verdict.READY:
        return _("Ready for production: all six gates pass")
    if result.verdict == Verdict.CONDITIONAL:
        from readiness.advice import problems_in_words

        return _("Conditional: all six gates pass, {problems} to resolve").format(
            problems=problems_in_words(result.findings))
    gate = result.blocked_at
    if gate is None:
        return _("Not ready: unwaived blocker findings")
    return _("Not ready: blocked at gate {order}, {gate}").format(order=gate.order,
                                                                  gate=gate.title)
