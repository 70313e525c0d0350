"""Thresholds and the bar: every tunable number in one place, with its default
(docs/ci.md, "Configuration").

A project overrides them in `[tool.readiness]` of `pyproject.toml` or in
`.readiness.toml`; the command line wins over both (see `project_config.py`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from readiness.choices import FailOn

__all__ = ["Bar", "FailOn", "Thresholds"]


class Thresholds(BaseModel):
    """The numbers the rules and the scoring compare against (docs/rules.md;
    docs/format.md, "Scores")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pass_mark: float = Field(70, ge=0, le=100, description="gate score a gate needs to pass")
    high_value_limit: float = Field(
        500, ge=0, description="DEC002: largest limit of an autonomous action, in its currency"
    )
    pilot_cohort: float = Field(
        0.10, ge=0, le=1, description="share of users beyond which a rollout is scaling"
    )
    override_major: float = Field(
        0.30, ge=0, le=1, description="GOV004 major at this override rate"
    )
    override_blocker: float = Field(
        0.50, ge=0, le=1, description="GOV004 blocker at this override rate"
    )
    off_track_share: float = Field(
        0.25,
        ge=0,
        le=1,
        description="OUT004: share of the way from baseline to target a metric must have "
        "covered once it has been live for off-track-days",
    )
    off_track_days: int = Field(
        90, ge=1, description="OUT004: days live after which a metric must show progress"
    )
    open_question_days: int = Field(
        30, ge=1, description="OPN002: days an open question may stay open"
    )
    stale_after_days: int = Field(
        90, ge=1, description="portfolio: an assessment older than this is flagged stale"
    )


class Bar(BaseModel):
    """What `validate` requires of a file for exit code 0."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fail_on: FailOn = FailOn.BLOCKER
    min_score: float | None = Field(None, ge=0, le=100)
    min_level: int | None = Field(None, ge=0, le=6)
