"""Enums the command line offers as choices, and its exit codes (docs/cli.md), kept free
of heavy imports so that `readiness --help` stays fast. The library keys its registries on
the same enums."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

EXIT_OK = 0
EXIT_BELOW_BAR = 1
EXIT_INVALID = 2
EXIT_INTERRUPTED = 130


class Format(StrEnum):
    """Output formats of `validate`. `auto` is not a reporter: `resolve` turns it into
    `github` inside GitHub Actions and `text` everywhere else, before any output is made."""

    AUTO = "auto"
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    GITHUB = "github"

    def resolve(self, environ: Mapping[str, str]) -> Format:
        if self is not Format.AUTO:
            return self
        # GitHub sets GITHUB_ACTIONS=true in every step of a workflow run.
        return Format.GITHUB if environ.get("GITHUB_ACTIONS") == "true" else Format.TEXT


class FailOn(StrEnum):
    """The least severe unwaived finding that makes `validate` exit 1."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"
    NONE = "none"


class ReportFormat(StrEnum):
    """Output formats of `report`."""

    HTML = "html"
    MD = "md"


class PortfolioFormat(StrEnum):
    """Output formats of `portfolio`."""

    HTML = "html"
    MD = "md"
    JSON = "json"


class DiffFormat(StrEnum):
    """Output formats of `diff`."""

    TEXT = "text"
    MD = "md"
    JSON = "json"


class HistoryFormat(StrEnum):
    """Output formats of `history`."""

    TEXT = "text"
    MD = "md"
    HTML = "html"
    JSON = "json"


class QuestionsFormat(StrEnum):
    """Output formats of `questions`."""

    TEXT = "text"
    MD = "md"
    CSV = "csv"
    JSON = "json"


class RulesFormat(StrEnum):
    """Output formats of `rules`."""

    TEXT = "text"
    MD = "md"
    JSON = "json"
