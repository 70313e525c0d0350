"""Sequence rules (SEQ): the six gates are done in order, and the model comes last."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import _, number
from readiness.model import GATE_ORDER, GateId, Status
from readiness.rules.base import Context, Hit, rule, words
from readiness.rules.outcomes import worse_than_baseline


@rule(
    "SEQ001",
    "model-before-workflow",
    Severity.MAJOR,
    GateId.WORKFLOW,
    always=True,
    principle="""A model built before the workflow is understood optimises the wrong thing:
    the process, its friction and its baseline decide what the model must do.""",
    remediation="""Finish the workflow gate (process, friction with a baseline, owner) before
    model work, or record the real model start date if the model started later.""",
    failing="""
    workflow: {status: in_progress, started_on: 2026-02-01}
    model: {kind: classifier, started_on: 2026-01-15}
    """,
    passing="""
    workflow: {status: complete, started_on: 2026-01-05, completed_on: 2026-02-01}
    model: {kind: classifier, started_on: 2026-02-15}
    """,
    pattern="start model work before the workflow is defined",
    marks="model_work",
    step="Model work started before the workflow was understood",
    advice="""Finish understanding the workflow (the process, its owner, the friction and
    its baseline) before building more of the model.""",
)
def model_before_workflow(ctx: Context) -> Iterator[Hit]:
    """`model.started_on` is set and the workflow is not complete, or `model.started_on`
    is before `workflow.completed_on`."""
    doc = ctx.assessment
    if not doc.model or not doc.model.started_on:
        return
    started = doc.model.started_on
    where = ("model", "started_on")
    status = doc.status(GateId.WORKFLOW)
    if status != Status.COMPLETE:
        yield Hit(
            where,
            _("Model work started on {day} while the workflow gate is {status} {detail}").format(
                day=started, status=words(status),
                detail=ctx.detail(where, ("workflow", "status"))),
            subject=_("started on {day}, workflow {status}").format(day=started,
                                                                   status=words(status)),
        )
    elif doc.workflow and doc.workflow.completed_on and started < doc.workflow.completed_on:
        yield Hit(
            where,
            _("Model work started on {day}, before the workflow was complete on {completed} "
              "{detail}").format(day=started, completed=doc.workflow.completed_on,
                                 detail=ctx.detail(where, ("workflow", "completed_on"))),
            subject=_("started on {day}, workflow complete on {completed}").format(
                day=started, completed=doc.workflow.completed_on),
        )


def integration_before_data(ctx: Context) -> Hit | None:
    """The SEQ002 condition, shared with SEQ003 so that a pair is reported once."""
    doc = ctx.assessment
    integration = doc.integration
    if integration is None:
        return None
    pipeline_status = doc.status(GateId.DATA_PIPELINE)
    if integration.active and pipeline_status != Status.COMPLETE:
        where = ("integration", "status")
        return Hit(
            where,
            _("Integration is {status} while the data pipeline is {pipeline} {detail}").format(
                status=words(integration.status), pipeline=words(pipeline_status),
                detail=ctx.detail(where, ("data_pipeline", "status"))),
            subject=_("integration {status}, data pipeline {pipeline}").format(
                status=words(integration.status), pipeline=words(pipeline_status)),
        )
    completed = doc.data_pipeline.completed_on if doc.data_pipeline else None
    if integration.started_on and completed and integration.started_on < completed:
        where = ("integration", "started_on")
        return Hit(
            where,
            _("Integration started on {day}, before the data pipeline was complete on "
              "{completed} {detail}").format(
                day=integration.started_on, completed=completed,
                detail=ctx.detail(where, ("data_pipeline", "completed_on"))),
            subject=_("integration started on {day}, data pipeline complete on "
                      "{completed}").format(day=integration.started_on, completed=completed),
        )
    return None


@rule(
    "SEQ002",
    "integration-before-data-pipeline",
    Severity.BLOCKER,
    GateId.INTEGRATION,
    always=True,
    principle="""Integrating before the data is understood wires the AI to sources that are
    stale, unowned or two systems behind the workflow; the integration is then rebuilt.""",
    remediation="""Complete the data pipeline gate (every source with an owner, freshness within
    the decision latency) before integration work starts.""",
    failing="""
    data_pipeline: {status: in_progress, started_on: 2026-02-01}
    integration: {status: in_progress, started_on: 2026-03-01}
    """,
    passing="""
    data_pipeline: {status: complete, started_on: 2026-02-01, completed_on: 2026-02-20}
    integration: {status: in_progress, started_on: 2026-03-01}
    """,
    pattern="integrate before the data pipeline is mapped",
    step="Integration was built before the data pipeline was mapped",
    advice="""Finish mapping the data pipeline (every source with an owner, fresh enough for
    the decision) before more integration work, so the AI is not wired to the wrong data.""",
)
def integration_before_data_pipeline(ctx: Context) -> Iterator[Hit]:
    """Integration is `in_progress` or `complete` while the data pipeline is not complete, or
    `integration.started_on` is before `data_pipeline.completed_on`."""
    hit = integration_before_data(ctx)
    if hit:
        yield hit


@rule(
    "SEQ003",
    "gate-out-of-order",
    Severity.MAJOR,
    None,
    always=True,
    principle="""Every gate builds on the one before it; a later gate finished first rests on
    assumptions the earlier gate has not yet confirmed.""",
    remediation="""Complete the earlier gate, or correct the dates if the work was in fact done
    in order.""",
    failing="""
    workflow: {status: in_progress}
    data_pipeline: {status: complete, completed_on: 2026-03-01}
    """,
    passing="""
    workflow: {status: complete, completed_on: 2026-02-01}
    data_pipeline: {status: complete, completed_on: 2026-03-01}
    """,
    pattern="complete gates out of order",
    severity_note="charged to the later gate of each pair",
    step="A gate was finished before an earlier one",
    steps="{n} gates were finished before earlier ones",
    advice="""Finish the earlier gate, or correct the dates if the work was in fact done in
    order.""",
)
def gate_out_of_order(ctx: Context) -> Iterator[Hit]:
    """A gate is complete while an earlier gate is not, or its `completed_on` is before an
    earlier gate's `completed_on`: one finding per pair of gates, charged to the later gate,
    except the data pipeline and integration pair when SEQ002 reports it."""
    doc = ctx.assessment
    seq002 = integration_before_data(ctx) is not None
    for later_index, later in enumerate(GATE_ORDER):
        section = doc.gate(later)
        if section is None or section.status != Status.COMPLETE:
            continue
        for earlier in GATE_ORDER[:later_index]:
            if seq002 and (earlier, later) == (GateId.DATA_PIPELINE, GateId.INTEGRATION):
                continue
            before = doc.gate(earlier)
            if before is None or before.status != Status.COMPLETE:
                where = (later.value, "status")
                status = before.status if before else Status.NOT_STARTED
                yield Hit(
                    where,
                    _("The {later} gate is complete while the earlier {earlier} gate is "
                      "{status} {detail}").format(
                        later=later.title.lower(), earlier=earlier.title.lower(),
                        status=words(status), detail=ctx.detail(where, (earlier.value, "status"))),
                    gate=later,
                    subject=_("{later} complete, {earlier} {status}").format(
                        later=later.title.lower(), earlier=earlier.title.lower(),
                        status=words(status)),
                )
            elif (
                section.completed_on
                and before.completed_on
                and section.completed_on < before.completed_on
            ):
                where = (later.value, "completed_on")
                yield Hit(
                    where,
                    _("The {later} gate was completed on {day}, before the earlier {earlier} "
                      "gate on {earlier_day} {detail}").format(
                        later=later.title.lower(), day=section.completed_on,
                        earlier=earlier.title.lower(), earlier_day=before.completed_on,
                        detail=ctx.detail(where, (earlier.value, "completed_on"))),
                    gate=later,
                    subject=_("{later} on {day}, {earlier} on {earlier_day}").format(
                        later=later.title.lower(), day=section.completed_on,
                        earlier=earlier.title.lower(), earlier_day=before.completed_on),
                )


@rule(
    "SEQ004",
    "scale-before-governance",
    Severity.BLOCKER,
    GateId.GOVERNANCE,
    always=True,
    principle="""Governance bolted on after scale arrives too late: drift, overrides and
    regulatory gaps then affect every customer at once.""",
    remediation="""Hold the rollout at the pilot cohort until the governance gate is complete:
    drift monitoring, retraining, edge-case review, override tracking, regulation.""",
    failing="""
    initiative: {stage: limited_rollout}
    governance: {status: in_progress}
    """,
    passing="""
    initiative: {stage: pilot}
    rollout: {users_enabled: 40, users_total: 1200}
    governance: {status: in_progress}
    """,
    pattern="scale before governance is in place",
    step="The initiative is scaling before governance is in place",
    advice="""Hold the rollout at the pilot group until governance is complete: drift
    monitoring, retraining, review of unusual cases, tracking of overrides, and every
    regulation assessed.""",
)
def scale_before_governance(ctx: Context) -> Iterator[Hit]:
    """Scaling (stage `limited_rollout` or `production`, or more users enabled than the
    pilot cohort, 10% by default) while governance is not complete."""
    evidence = ctx.scaling_evidence
    status = ctx.assessment.status(GateId.GOVERNANCE)
    if evidence is not None and status != Status.COMPLETE:
        yield Hit(
            evidence,
            _("The initiative is scaling while governance is {status} {detail}").format(
                status=words(status), detail=ctx.detail(evidence, ("governance", "status"))),
            subject=_("governance {status}").format(status=words(status)),
        )


@rule(
    "SEQ005",
    "live-before-boundaries",
    Severity.BLOCKER,
    GateId.DECISION_BOUNDARIES,
    always=True,
    principle="""An AI that acts for real users before anyone has written down what it may do
    alone, with approval, or never, has unlimited authority by default.""",
    remediation="""Complete the decision boundaries gate (every action with its authority, a
    limit for autonomous actions, at least one prohibited action) before going live.""",
    failing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    decision_boundaries: {status: in_progress}
    """,
    passing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    decision_boundaries: {status: complete, completed_on: 2026-04-20}
    """,
    pattern="go live before decision boundaries are set",
    marks="live",
    step="The AI is live before anyone wrote down what it may do",
    advice="""Agree and write down what the AI may do alone, what needs approval and what it
    must never do, with a limit on anything it does alone.""",
)
def live_before_boundaries(ctx: Context) -> Iterator[Hit]:
    """Live (`integration.live_since` set, or stage `limited_rollout`/`production`) while
    decision boundaries are not complete, or `live_since` is before
    `decision_boundaries.completed_on`."""
    if not ctx.live:
        return
    doc = ctx.assessment
    status = doc.status(GateId.DECISION_BOUNDARIES)
    evidence = ctx.live_evidence
    if status != Status.COMPLETE:
        yield Hit(
            evidence,
            _("The AI is live while decision boundaries are {status} {detail}").format(
                status=words(status),
                detail=ctx.detail(evidence, ("decision_boundaries", "status"))),
            subject=_("decision boundaries {status}").format(status=words(status)),
        )
        return
    live_since = doc.integration.live_since if doc.integration else None
    completed = doc.decision_boundaries.completed_on if doc.decision_boundaries else None
    if live_since and completed and live_since < completed:
        where = ("integration", "live_since")
        yield Hit(
            where,
            _("The AI went live on {day}, before decision boundaries were complete on "
              "{completed} {detail}").format(
                day=live_since, completed=completed,
                detail=ctx.detail(where, ("decision_boundaries", "completed_on"))),
            subject=_("live on {day}, boundaries agreed on {completed}").format(
                day=live_since, completed=completed),
        )


@rule(
    "SEQ006",
    "expand-before-stable",
    Severity.MAJOR,
    GateId.OUTCOMES,
    always=True,
    principle="""Expanding an initiative whose operational metrics are unmeasured or worse
    than before multiplies a loss instead of a gain.""",
    remediation="""Measure the current value of every business and service metric and hold
    the rollout until each is at least as good as its baseline.""",
    failing="""
    initiative: {stage: limited_rollout}
    outcomes:
      status: in_progress
      metrics:
        - {name: average handle time, kind: business, direction: decrease, baseline: 11.4, current: 12.1}
    """,
    passing="""
    initiative: {stage: limited_rollout}
    outcomes:
      status: in_progress
      metrics:
        - {name: average handle time, kind: business, direction: decrease, baseline: 11.4, current: 9.6}
    """,
    pattern="expand before outcomes are stable",
    step="The initiative is expanding while an outcome is unmeasured or worse than before",
    steps="The initiative is expanding while {n} outcomes are unmeasured or worse than before",
    advice="""Measure where every business and service result stands today, and hold the
    rollout until each is at least as good as before the AI.""",
)
def expand_before_stable(ctx: Context) -> Iterator[Hit]:
    """Scaling while some business or service metric has no `current` value, or its `current`
    is worse than its `baseline` (judged by its `direction`)."""
    evidence = ctx.scaling_evidence
    if evidence is None:
        return
    for index, metric in enumerate(ctx.assessment.metrics):
        if not metric.operational:
            continue
        loc = ("outcomes", "metrics", index)
        if metric.current is None:
            yield Hit(
                loc,
                _("Metric '{name}' has no current value while the initiative is scaling "
                  "{detail}").format(name=metric.name, detail=ctx.detail(loc, evidence)),
                subject=_("{name} (not measured)").format(name=metric.name),
            )
            continue
        if worse_than_baseline(metric):
            where = (*loc, "current")
            yield Hit(
                where,
                _("Metric '{name}' is worse than its baseline: {current} against {baseline} "
                  "while the initiative is scaling {detail}").format(
                    name=metric.name, current=number(metric.current or 0),
                    baseline=number(metric.baseline or 0), detail=ctx.detail(where, evidence)),
                subject=_("{name} ({current}, was {baseline})").format(
                    name=metric.name, current=number(metric.current or 0),
                    baseline=number(metric.baseline or 0)),
            )


RULES = [
    model_before_workflow,
    integration_before_data_pipeline,
    gate_out_of_order,
    scale_before_governance,
    live_before_boundaries,
    expand_before_stable,
]
