"""Ownership rules (OWN): someone is accountable for the initiative and for each outcome,
and the groups around it measure success by the same outcome (OWN003 reads each group's
measure with `standards.measure_kind`, as the report and the wizard do).
"""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import N_, _
from readiness.loader import Loc
from readiness.model import GateId
from readiness.rules.base import Context, Hit, metrics_without, rule
from readiness.standards import measure_names, measure_of, names_an_outcome
from readiness.words import quoted


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
    pattern="have no accountable owner",
    step="No one is accountable for the initiative",
    advice="""Name one person who answers for the initiative's results and can decide to go
    to production, or to stop.""",
)
def no_accountable_owner(ctx: Context) -> Iterator[Hit]:
    """`initiative.accountable_owner` is missing."""
    if ctx.assessment.initiative.accountable_owner is None:
        where = ("initiative", "accountable_owner")
        yield Hit(where, _("No one is accountable for the initiative {detail}").format(
            detail=ctx.detail(where)))


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
    pattern="have an outcome metric with no owner",
    step="A business result has no owner",
    steps="{n} business results have no owner",
    advice="Name, for each, the person who answers for it and acts when it slips.",
)
def unowned_outcome(ctx: Context) -> Iterator[Hit]:
    """A business or service metric has no `owner`."""
    yield from metrics_without(
        ctx, "owner", _("The {kind} metric '{name}' has no owner {detail}"))


GROUP_WORDS = (N_("innovation"), N_("it"), N_("business"), N_("network"), N_("finance"),
               N_("legal"), N_("security"), N_("other"))
"""Stakeholder groups as messages name them, for the catalogue."""


def _group(stakeholder_group: object, name: object) -> str:
    group = (_("the {group} group").format(group=_(str(stakeholder_group)))
             if stakeholder_group else _("a group"))
    return f"{group} ({name})" if name else group


@rule(
    "OWN003",
    "misaligned-success-measures",
    Severity.MAJOR,
    GateId.OUTCOMES,
    principle="""Pilots begin in innovation, IT or a business unit, and each group has its own
    measure of success. When the lab counts accuracy, IT counts uptime and the business counts
    handle time, nobody is accountable for the same result and the pilot stays an
    experiment.""",
    remediation="""Set every stakeholder group's `success_measure` in `initiative.stakeholders`
    to a business or service metric of `outcomes.metrics` (its name); keep model measures in
    `model.offline_metrics`.""",
    advice="""Agree one outcome metric that every group signs up to, for example average
    handle time; keep model accuracy as the lab's internal check.""",
    step="The groups behind the initiative do not measure success by the same outcome",
    failing="""
    initiative:
      stakeholders:
        - {group: innovation, name: AI Lab, success_measure: model accuracy}
        - {group: it, name: Care IT, success_measure: platform uptime}
    outcomes:
      status: in_progress
      metrics:
        - {name: average handle time, kind: business, direction: decrease, baseline: 11.4, target: 8.5, owner: Dana Cho}
    """,
    passing="""
    initiative:
      stakeholders:
        - {group: innovation, name: AI Lab, success_measure: average handle time}
        - {group: business, name: Care operations, success_measure: Average handle time}
    outcomes:
      status: in_progress
      metrics:
        - {name: average handle time, kind: business, direction: decrease, baseline: 11.4, target: 8.5, owner: Dana Cho}
    """,
    pattern="have stakeholder groups that measure success differently",
)
def misaligned_success_measures(ctx: Context) -> Iterator[Hit]:
    """`initiative.stakeholders` is not empty and either some group's `success_measure` is a
    model measure (a `kind: model` metric, an offline metric of the model, or a measure
    naming accuracy, precision, recall, F1, AUC, ROC, BLEU, ROUGE or perplexity), or no
    group's `success_measure` is a business or service metric of the initiative. A measure
    *is* a metric when one of the two, lower-cased, contains the other as whole words
    ('model AUC' is the metric 'AUC', 'AUCTION volume' is not); a measure that is exactly
    the name of a business or service metric is an outcome even with a model word in it
    ('billing accuracy'). A measure may be both: 'average handle time and accuracy' is a
    model measure, and a group that measures it does measure a business metric. With more
    than one group, a model measure's message names every group and its measure."""
    stakeholders = ctx.assessment.initiative.stakeholders or []
    if not stakeholders:
        return
    outcome, model = measure_names(ctx.assessment)
    kinds = [
        measure_of(s.success_measure, outcome, model) if s.success_measure else None
        for s in stakeholders
    ]

    def measures() -> str:
        """Every group and its measure, as a finding's message lists them."""
        return "; ".join(
            _("{label}: {value}").format(
                label=_group(s.group, s.name),
                value=quoted(s.success_measure) if s.success_measure else _("no measure"))
            for s in stakeholders
        )

    for index, (stakeholder, kind) in enumerate(zip(stakeholders, kinds, strict=True)):
        if kind == "model":
            loc = ("initiative", "stakeholders", index, "success_measure")
            group = _group(stakeholder.group, stakeholder.name)
            if len(stakeholders) > 1:  # every group and its measure, side by side
                message = _("{group} measures success by a model measure, '{measure}', not "
                            "by an outcome of the initiative (what each group measures: "
                            "{measures}) {detail}")
            else:
                message = _("{group} measures success by a model measure, '{measure}', not "
                            "by an outcome of the initiative {detail}")
            yield Hit(
                loc,
                message.format(
                    group=group[0].upper() + group[1:], measure=stakeholder.success_measure,
                    measures=measures(), detail=ctx.detail(loc)),
                subject=_("{group} measures '{measure}'").format(
                    group=group, measure=stakeholder.success_measure),
            )
    if not any(s.success_measure and names_an_outcome(s.success_measure, outcome)
               for s in stakeholders):
        where: Loc = ("initiative", "stakeholders")
        yield Hit(
            where,
            _("No group behind the initiative measures success by one of its business or "
              "service results ({measures}) {detail}").format(
                measures=measures(), detail=ctx.detail(where)),
            subject=_("no group measures a business or service result"),
        )


RULES = [no_accountable_owner, unowned_outcome, misaligned_success_measures]
