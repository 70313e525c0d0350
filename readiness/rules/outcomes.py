"""Outcome rules (OUT): operational metrics with baselines and targets, and an honest ROI."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.loader import Loc
from readiness.model import GateId
from readiness.rules.base import Context, Hit, rule
from readiness.words import listing


@rule(
    "OUT001",
    "accuracy-only",
    Severity.BLOCKER,
    GateId.OUTCOMES,
    principle="""A 93%-accurate model that does not move handle time, resolution or cost has
    not created value; accuracy is a means, the operation is the outcome.""",
    remediation="""Add at least one business or service metric (handle time, first contact
    resolution, truck rolls, mean time to repair) with its baseline and target.""",
    failing="""
    outcomes:
      status: in_progress
      metrics:
        - {name: accuracy, kind: model, baseline: 0.81, target: 0.93}
    """,
    passing="""
    outcomes:
      status: in_progress
      metrics:
        - {name: accuracy, kind: model, baseline: 0.81, target: 0.93}
        - {name: churn rate, kind: business, direction: decrease, baseline: 0.021, target: 0.018, owner: Retention lead}
    """,
    step="Success is measured only by the model, not by the business",
    advice="""Choose at least one business or service result the AI should move (handling
    time, repeat calls, churn), with where it stands today and where it should get to.""",
)
def accuracy_only(ctx: Context) -> Iterator[Hit]:
    """No business or service metric has both a `baseline` and a `target`."""
    metrics = ctx.assessment.metrics
    if any(m.operational and m.baseline is not None and m.target is not None for m in metrics):
        return
    where: Loc = ("outcomes", "metrics")
    if where not in ctx.document.positions:
        where = ("outcomes",)
    kinds = sorted({str(m.kind) for m in metrics})
    measured = f"only {', '.join(kinds)} metrics" if kinds else "no metrics"
    yield Hit(
        where,
        f"No business or service metric has both a baseline and a target: outcomes has "
        f"{measured} {ctx.detail(where)}",
    )


@rule(
    "OUT002",
    "roi-trap",
    Severity.MAJOR,
    GateId.OUTCOMES,
    principle="""An ROI stated as a percentage, or one that leaves out integration and change
    management, is the ROI that makes a pilot look cheap and production unaffordable.""",
    remediation="""State the ROI in currency: `annual_benefit`, and `one_time_costs` with
    `integration` and `change_management` (0 where there truly is none).""",
    failing="""
    outcomes:
      status: in_progress
      roi: {currency: CAD, benefit_basis: 15% churn reduction}
    """,
    passing="""
    outcomes:
      status: in_progress
      roi:
        currency: CAD
        horizon_years: 3
        annual_benefit: 1200000
        one_time_costs: {integration: 400000, change_management: 150000}
        annual_run_cost: 200000
    """,
    step="The return on investment is incomplete",
    advice="""State the yearly benefit in money and count the one-time cost of integration and
    of change management (training, new procedures), even when it is zero.""",
)
def roi_trap(ctx: Context) -> Iterator[Hit]:
    """`outcomes.roi` is missing, has no `annual_benefit`, or its `one_time_costs` lacks
    `integration` or `change_management`."""
    outcomes = ctx.assessment.outcomes
    roi = outcomes.roi if outcomes else None
    if roi is None:
        yield Hit(("outcomes",), f"No ROI in currency {ctx.detail(('outcomes', 'roi'))}",
                  subject="there is none in money")
        return
    gaps: dict[str, str] = {}
    if roi.annual_benefit is None:
        gaps["annual_benefit"] = "the yearly benefit"
    costs = roi.one_time_costs
    for cost, said in (("integration", "the integration cost"),
                       ("change_management", "the change management cost")):
        if costs is None or getattr(costs, cost) is None:
            gaps[f"one_time_costs.{cost}"] = said
    if gaps:
        where = ("outcomes", "roi")
        missing = listing(list(gaps.values()))
        yield Hit(where, f"The ROI leaves out {missing} ({ctx.at(where)}: lacks "
                  f"{', '.join(gaps)})", subject=f"it leaves out {missing}")


@rule(
    "OUT003",
    "metric-without-baseline",
    Severity.MINOR,
    GateId.OUTCOMES,
    principle="""Without a baseline measured before the AI, no improvement can be shown.""",
    remediation="""Measure and record the `baseline` of every business and service metric
    before the AI reaches users.""",
    failing="""
    outcomes:
      status: in_progress
      metrics:
        - {name: repeat contact rate, kind: service, target: 0.12, owner: Care quality}
    """,
    passing="""
    outcomes:
      status: in_progress
      metrics:
        - {name: repeat contact rate, kind: service, baseline: 0.18, target: 0.12, owner: Care quality}
    """,
    step="A business result has no starting point to compare with",
    steps="{n} business results have no starting point to compare with",
    advice="Measure where each stands before the AI reaches users, so any change can be shown.",
)
def metric_without_baseline(ctx: Context) -> Iterator[Hit]:
    """A business or service metric has no `baseline`."""
    for index, metric in enumerate(ctx.assessment.metrics):
        if metric.operational and metric.baseline is None:
            loc = ("outcomes", "metrics", index)
            yield Hit(loc, f"The {metric.kind} metric '{metric.name}' has no baseline "
                      f"{ctx.detail(loc)}", subject=metric.name)


RULES = [accuracy_only, roi_trap, metric_without_baseline]
