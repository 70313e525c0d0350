"""Open-question rules (OPN): an answer nobody has yet is asked of someone, and answered
before its gate is called complete."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import _
from readiness.model import OpenQuestion, Status
from readiness.rules.base import Context, Hit, rule
from readiness.words import field_words


def _question(question: OpenQuestion) -> str:
    """'the question on the freshness of data pipeline source 1, asked of Data engineering
    on 2026-11-20'."""
    return _("the question on the {field}, asked of {ask} on {day}").format(
        field=field_words(question.field), ask=question.ask, day=question.raised_on)


def _subject(question: OpenQuestion) -> str:
    return _("{field} (asked of {ask})").format(field=field_words(question.field),
                                              ask=question.ask)


@rule(
    "OPN001",
    "open-question-in-complete-gate",
    Severity.MAJOR,
    None,
    always=True,
    severity_note="charged to the gate of the question's field",
    principle="""A gate is complete when its answers are known. Calling it complete while
    someone still has to give one of them turns a guess into a fact.""",
    remediation="""Put the answer in the file and remove the question from `open_questions`,
    or set the gate's `status` back to `in_progress` until it is answered.""",
    advice="""Get the answer from the person it was asked of before calling the gate
    complete, or reopen the gate until they reply.""",
    step="A gate is called complete while a question on it is still open",
    steps="{n} questions are still open on gates called complete",
    failing="""
    workflow:
      status: complete
      completed_on: 2026-02-02
      process: Tier-1 billing dispute handling
    open_questions:
      - {field: workflow.monthly_volume, ask: Workforce management (Lea Martin), raised_on: 2026-11-18}
    """,
    passing="""
    workflow:
      status: complete
      completed_on: 2026-02-02
      process: Tier-1 billing dispute handling
      monthly_volume: 180000
    """,
    pattern="call a gate complete while a question on it is still open",
)
def open_question_in_complete_gate(ctx: Context) -> Iterator[Hit]:
    """A gate is `complete` while an open question on one of its fields is still listed
    (`initiative.*` and `model.*` belong to the workflow gate, `rollout.*` to
    governance)."""
    for index, question in enumerate(ctx.assessment.open_questions or []):
        gate = question.gate
        if ctx.assessment.status(gate) == Status.COMPLETE:
            loc = ("open_questions", index)
            yield Hit(
                loc,
                _("The {gate} gate is complete while {question} is still open {detail}").format(
                    gate=gate.title.lower(), question=_question(question),
                    detail=ctx.detail(loc)),
                gate=gate,
                subject=_subject(question),
            )


@rule(
    "OPN002",
    "stale-open-question",
    Severity.MINOR,
    None,
    always=True,
    severity_note="charged to the gate of the question's field",
    principle="""A question unanswered for a month has stopped being asked; the gate it
    belongs to waits on nobody in particular.""",
    remediation="""Chase the answer and record it, or ask someone else in `ask` with a new
    `raised_on` date.""",
    advice="""Chase the answer, or ask someone else who can give it.""",
    step="A question has waited for an answer for more than a month",
    steps="{n} questions have waited for an answer for more than a month",
    failing="""
    open_questions:
      - {field: outcomes.roi.one_time_costs.integration, ask: Finance (Omar Haddad), raised_on: 2026-09-01}
    """,
    passing="""
    open_questions:
      - {field: outcomes.roi.one_time_costs.integration, ask: Finance (Omar Haddad), raised_on: 2026-11-10}
    """,
    pattern="have an open question nobody has answered for a month",
)
def stale_open_question(ctx: Context) -> Iterator[Hit]:
    """An open question was raised more than `open-question-days` (30) days before the
    reference date (`--today`, otherwise the current date, as for waivers)."""
    limit = ctx.thresholds.open_question_days
    for index, question in enumerate(ctx.assessment.open_questions or []):
        age = (ctx.today - question.raised_on).days
        if age > limit:
            loc = ("open_questions", index, "raised_on")
            yield Hit(
                loc,
                _("{question} has been open for {age} days, more than {limit} {detail}").format(
                    question=_question(question)[0].upper() + _question(question)[1:],
                    age=age, limit=limit, detail=ctx.detail(loc)),
                gate=question.gate,
                subject=_("{field} (asked of {ask}, {age} days ago)").format(
                    field=field_words(question.field), ask=question.ask, age=age),
            )


RULES = [open_question_in_complete_gate, stale_open_question]
