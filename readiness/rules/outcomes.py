"""Outcome rules (OUT): operational metrics with baselines and targets, and an honest ROI."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import N_, _, number
from readiness.i18n import share as in_percent
from readiness.loader import Loc
from readiness.model import Better, GateId, Metric
from readiness.rules.base import Context, Hit, metrics_without, rule, words
from readiness.words import listing


def worse_than_baseline(metric: Metric) -> bool:
    """The metric's `current` is worse than its `baseline`, judged by its `direction`
    (False when any of the three is missing)."""
    if metric.current is None or metric.baseline is None or metric.direction is None:
        return False
    if metric.direction == Better.DECREASE:
        return metric.current > metric.baseline
    return metric.current < metric.baseline


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
    pattern="measure model accuracy only, not operational outcomes",
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
    measured = (_("outcomes has only {kinds} metrics").format(
        kinds=", ".join(words(k) for k in kinds)) if kinds else _("outcomes has no metrics"))
    yield Hit(
        where,
        _("No business or service metric has both a baseline and a target: {measured} "
          "{detail}").format(measured=measured, detail=ctx.detail(where)),
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
    pattern="have no ROI, or one that leaves out integration or change-management cost",
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
        yield Hit(("outcomes",), _("No ROI in currency {detail}").format(
            detail=ctx.detail(("outcomes", "roi"))), subject=_("there is none in money"))
        return
    gaps: dict[str, str] = {}
    if roi.annual_benefit is None:
        gaps["annual_benefit"] = _("the yearly benefit")
    costs = roi.one_time_costs
    for cost, said in (("integration", N_("the integration cost")),
                       ("change_management", N_("the change management cost"))):
        if costs is None or getattr(costs, cost) is None:
            gaps[f"one_time_costs.{cost}"] = _(said)
    if gaps:
        where = ("outcomes", "roi")
        missing = listing(list(gaps.values()))
        yield Hit(where, _("The ROI leaves out {missing} ({at}: lacks {fields})").format(
            missing=missing, at=ctx.at(where), fields=", ".join(gaps)),
            subject=_("it leaves out {missing}").format(missing=missing))


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
    pattern="track an outcome metric without a baseline",
    step="A business result has no starting point to compare with",
    steps="{n} business results have no starting point to compare with",
    advice="Measure where each stands before the AI reaches users, so any change can be shown.",
)
def metric_without_baseline(ctx: Context) -> Iterator[Hit]:
    """A business or service metric has no `baseline`."""
    yield from metrics_without(
        ctx, "baseline", _("The {kind} metric '{name}' has no baseline {detail}"))


def _share(metric: Metric) -> float | None:
    """How far the metric has come from its baseline towards its target (0 at the
    baseline, 1 at the target, below 0 when worse); None when it cannot be said: a figure
    is missing, the target is the baseline, or it lies on the wrong side of the baseline
    for the metric's `direction`.

    Rounded to 9 decimals, so that figures a quarter of the way apart in decimal (11.4,
    10.675, 8.5) make exactly 25%, not the 24.999...% of binary arithmetic; and never
    -0.0, which would read "-0%"."""
    if metric.baseline is None or metric.target is None or metric.current is None:
        return None
    if metric.target == metric.baseline:
        return None
    if metric.direction is not None and (
        (metric.target > metric.baseline) != (metric.direction == Better.INCREASE)
    ):
        return None
    share = (metric.current - metric.baseline) / (metric.target - metric.baseline)
    return round(share, 9) + 0.0


def _worse(metric: Metric, share: float | None) -> bool:
    """The metric is worse than its baseline: by its `direction`, or else by its target."""
    if metric.direction is not None:
        return worse_than_baseline(metric)
    return share is not None and share < 0


@rule(
    "OUT004",
    "off-track-outcome",
    Severity.MAJOR,
    GateId.OUTCOMES,
    principle="""A live AI whose business metrics are worse than before, or have barely moved
    after months, is not delivering the benefit the ROI counts; a good model score does not
    change that.""",
    remediation="""Record the `current` value of every business and service metric with its
    `measured_on` date; when a metric is off track, find out why before expanding, and
    revise `target` or `roi.annual_benefit` with the metric's owner.""",
    advice="""Find out why the outcome is not moving (adoption, data, the workflow itself)
    before expanding, and stop counting its benefit until it does; agree a revised target
    with the metric's owner if the first one was wrong.""",
    step="A business result is off track while the AI is live",
    steps="{n} business results are off track while the AI is live",
    failing="""
    integration: {status: complete, completed_on: 2026-05-01, live_since: 2026-05-01}
    outcomes:
      status: in_progress
      metrics:
        - {name: misroute rate, kind: business, direction: decrease, baseline: 0.18, target: 0.08, current: 0.17, owner: Dana Cho}
    """,
    passing="""
    integration: {status: complete, completed_on: 2026-05-01, live_since: 2026-05-01}
    outcomes:
      status: in_progress
      metrics:
        - {name: misroute rate, kind: business, direction: decrease, baseline: 0.18, target: 0.08, current: 0.11, owner: Dana Cho}
    """,
    pattern="are live with an outcome that is off track",
    marks="roi",
    symptom=True,
)
def off_track_outcome(ctx: Context) -> Iterator[Hit]:
    """The initiative is live and a business or service metric with `baseline`, `target`
    and `current` is worse than its baseline, or, live for `off-track-days` (90) or more
    (from `integration.live_since` to `initiative.assessed_on`), has covered less than
    `off-track-share` (25%) of the way from baseline to target. Which way is better comes
    from `direction`, or else from the target; how far it has come is measured only
    towards a target on the better side of the baseline. Without `live_since` (live by its stage)
    only the first clause applies. A metric that SEQ006 reports as worse than its
    baseline is not reported again."""
    if not ctx.live:
        return
    assessment = ctx.assessment
    live_since = assessment.integration.live_since if assessment.integration else None
    days = (assessment.initiative.assessed_on - live_since).days if live_since else None
    thresholds = ctx.thresholds
    for index, metric in enumerate(assessment.metrics):
        if not metric.operational or metric.target is None:
            continue
        share = _share(metric)
        worse = _worse(metric, share)
        if ctx.scaling and worse_than_baseline(metric):
            continue  # SEQ006 reports it
        loc = ("outcomes", "metrics", index, "current")
        figures = _("current {current} against baseline {baseline} and target {target}").format(
            current=number(metric.current or 0), baseline=number(metric.baseline or 0),
            target=number(metric.target or 0))
        if worse:
            yield Hit(
                loc,
                _("'{name}' is worse than before the AI while it is live: {figures} "
                  "{detail}").format(name=metric.name, figures=figures, detail=ctx.detail(loc)),
                subject=_("{name} (worse than before: {current}, was {baseline})").format(
                    name=metric.name, current=number(metric.current or 0),
                    baseline=number(metric.baseline or 0)),
            )
        elif share is not None and days is not None and days >= thresholds.off_track_days and (
            share < thresholds.off_track_share
        ):
            yield Hit(
                loc,
                _("'{name}' is off track after {days} days live: {share} of the way from "
                  "baseline to target, {figures} {detail}").format(
                    name=metric.name, days=days, share=in_percent(share), figures=figures,
                    detail=ctx.detail(loc)),
                subject=_("{name} ({share} of the way to its target after {days} days)").format(
                    name=metric.name, share=in_percent(share), days=days),
            )


RULES = [accuracy_only, roi_trap, metric_without_baseline, off_track_outcome]
