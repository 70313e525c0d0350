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
)
def no_accountable_owner(ctx: Context) -> Iterator[Hit]:
    """`initiative.accountable_owner` is missing."""
    if ctx.assessment.initiative.accountable_owner is None:
        where = ("initiative", "accountable_owner")
        yield Hit(where, f"no accountable owner: {ctx.at(where)}")


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
)
def unowned_outcome(ctx: Context) -> Iterator[Hit]:
    """A business or service metric has no `owner`."""
    for index, metric in enumerate(ctx.assessment.metrics):
        if metric.operational and metric.owner is None:
            loc = ("outcomes", "metrics", index)
            yield Hit(loc, f"{metric.kind} metric '{metric.name}' ({ctx.at(loc)}) has no owner")


RULES = [no_accountable_owner, unowned_outcome]
