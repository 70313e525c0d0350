"""Enums the command line offers as choices, kept free of heavy imports so that
`readiness --help` stays fast. The library keys its registries on the same enums."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """Output formats of `validate`."""

    TEXT = "text"
    JSON = "json"


class FailOn(StrEnum):
    """The least severe unwaived finding that makes `validate` exit 1."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"
    NONE = "none"
