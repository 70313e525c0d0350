"""Severity and Finding: what a rule reports, where, and whether a waiver covers it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from readiness.i18n import ngettext
from readiness.model import GateId


class Severity(StrEnum):
    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        """3 for a blocker down to 1 for a minor finding: higher is worse."""
        return _RANKS[self]

    def words(self, n: int = 1) -> str:
        """The severity as people say it, for `n`: 'blocker', 'blockers' (French
        'bloquant'); machine formats keep the enum value."""
        if self == Severity.BLOCKER:
            return ngettext("blocker", "blockers", n)
        if self == Severity.MAJOR:
            return ngettext("major", "majors", n)
        return ngettext("minor", "minors", n)


_RANKS = {Severity.BLOCKER: 3, Severity.MAJOR: 2, Severity.MINOR: 1}


@dataclass(frozen=True)
class WaiverNote:
    """The waiver that covers a finding, as reports show it."""

    reason: str
    approved_by: str
    expires_on: str


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    gate: GateId
    message: str
    path: str
    line: int
    column: int
    remediation: str
    waiver: WaiverNote | None = None
    subject: str = ""  # the instance in plain words, as a next step names it

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    def counts(self, at_least: Severity) -> bool:
        """True when this finding is unwaived and at least as severe as `at_least`."""
        return not self.waived and self.severity.rank >= at_least.rank


@dataclass(frozen=True)
class Question:
    """An open question of the file (docs/format.md, "Open questions"), where it is and
    which gate its answer belongs to."""

    field: str
    gate: GateId
    ask: str  # the person or team who can answer, as the file names them
    raised_on: date
    note: str
    line: int
