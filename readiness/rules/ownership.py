"""Ownership rules (OWN): someone is accountable for the initiative and for each outcome."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.model import GateId
from readiness.rules.base import Context, Hit, rule


@rule(
    "OWN001",
    "no-accountable-owner",
    Severity.BLOCKER,
    GateId.WORKFLOW,
    always=True,
    principle="""An initiative without one accountable owner has no one to take the decision
    to go to production, or to stop.""",
    remediation="""Name the accountable owner in `initiative.accountable_owner`: one person,
    with a role, who answers for the outcome.""",
    failing="""
    initiative: {accountable_owner: null}
    """,
    passing="""
    initiative: {accountable_owner: {name: Priya Raman, role: VP Customer Care}}
    """,
    step="No one is accountable for the initiative",
    advice="""Name one person who answers for the initiative's results and can decide to go
    to production, or to stop.""",
)
def no_accountable_owner(ctx: Context) -> Iterator[Hit]:
    """`initiative.accountable_owner` is missing."""
    if ctx.assessment.initiative.accountable_owner is None:
        where = ("initiative", "accountable_owner")
        yield Hit(where, f"No one is accountable for the initiative {ctx.detail(where)}")


@rule(
    "OWN002",
    "unowned-outcome",
    Severity.MAJOR,
    GateId.OUTCOMES,
    principle="""A metric nobody owns is reported but never acted on.""",
    remediation="""Give every business and service metric an `owner` who answers for it.""",
    failing="""
    outcomes:
      status: in_progress
      metrics:
        - {name: first contact resolution, kind: service, baseline: 0.71, target: 0.78}
    """,
    passing="""
    outcomes:
      status: in_progress
      metrics:
        - {name: first contact resolution, kind: service, baseline: 0.71, target: 0.78, owner: Dana Cho}
    """,
    step="A business result has no owner",
    steps="{n} business results have no owner",
    advice="Name, for each, the person who answers for it and acts when it slips.",
)
def unowned_outcome(ctx: Context) -> Iterator[Hit]:
    """A business or service metric has no `owner`."""
    for index, metric in enumerate(ctx.assessment.metrics):
        if metric.operational and metric.owner is None:
            loc = ("outcomes", "metrics", index)
            yield Hit(loc, f"The {metric.kind} metric '{metric.name}' has no owner {ctx.detail(loc)}",
                      subject=metric.name)


RULES = [no_accountable_owner, unowned_outcome]
