"""Rule tests, one module per family (docs/rules.md), and `doc` to build their files.

`doc(body)` is the minimal valid assessment of `tests.common.HEADER` (lines 1-9) with
`body` appended from line 10, so the line numbers in each test can be read off the text.
"""

from __future__ import annotations

import textwrap

from readiness.engine import Result
from readiness.findings import Finding
from tests.common import HEADER

OWNER_LINE = "  accountable_owner: {name: Priya Raman, role: VP Customer Care}\n"


def doc(body: str = "", *, stage: str = "pilot", use_case: str = "other",
        owner: bool = True, initiative: tuple[str, ...] = ()) -> str:
    """HEADER with its stage, use case or owner changed (keeping 9 lines), then `body`.

    `initiative` adds fields to the `initiative` mapping from line 10, before the body:
    `doc(body, initiative=("jurisdictions: [CA]",))` puts the jurisdictions on line 10.
    """
    head = HEADER.replace("  stage: pilot\n", f"  stage: {stage}\n")
    head = head.replace("  use_case: other\n", f"  use_case: {use_case}\n")
    if not owner:
        head = head.replace(OWNER_LINE, "  # no accountable owner\n")
    head += "".join(f"  {line}\n" for line in initiative)
    return head + textwrap.dedent(body).lstrip("\n")


def of(result: Result, rule: str) -> list[Finding]:
    """The findings of one rule, in file order."""
    return [finding for finding in result.findings if finding.rule == rule]
