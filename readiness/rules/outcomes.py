"""Outcome rules (OUT): operational metrics with baselines and targets, and an honest ROI."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.loader import Loc
from readiness.model import GateId
from readiness.rules.base import Context, Hit, rule


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
        f"outcomes has {measured} ({ctx.at(where)}): no business or service metric has both "
        "a baseline and a target",
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
)
def roi_trap(ctx: Context) -> Iterator[Hit]:
    """`outcomes.roi` is missing, has no `annual_benefit`, or its `one_time_costs` lacks
    `integration` or `change_management`."""
    outcomes = ctx.assessment.outcomes
    roi = outcomes.roi if outcomes else None
    if roi is None:
        yield Hit(("outcomes",), f"no ROI in currency ({ctx.at(('outcomes', 'roi'))})")
        return
    gaps = []
    if roi.annual_benefit is None:
        gaps.append("annual_benefit")
    costs = roi.one_time_costs
    for cost in ("integration", "change_management"):
        if costs is None or getattr(costs, cost) is None:
            gaps.append(f"one_time_costs.{cost}")
    if gaps:
        where = ("outcomes", "roi")
        yield Hit(where, f"the ROI ({ctx.at(where)}) lacks {', '.join(gaps)}")


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
)
def metric_without_baseline(ctx: Context) -> Iterator[Hit]:
    """A business or service metric has no `baseline`."""
    for index, metric in enumerate(ctx.assessment.metrics):
        if metric.operational and metric.baseline is None:
            loc = ("outcomes", "metrics", index)
            yield Hit(loc, f"{metric.kind} metric '{metric.name}' ({ctx.at(loc)}) has no baseline")


RULES = [accuracy_only, roi_trap, metric_without_baseline]
