"""Decision boundary rules (DEC): what the AI may do alone, with approval, or never."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import _, number
from readiness.loader import Loc
from readiness.model import Authority, GateId
from readiness.rules.base import Context, Hit, rule


@rule(
    "DEC001",
    "unbounded-autonomy",
    Severity.BLOCKER,
    GateId.DECISION_BOUNDARIES,
    principle="""An action the AI takes alone needs a ceiling: a $5 fee waiver is a
    decision, a $50,000 contract change is a liability.""",
    remediation="""Give every autonomous action a `limit: {amount: ..., currency: ...}`
    (amount 0 for an action with no monetary effect), or make it approval_required.""",
    failing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Waive a late-payment fee, authority: autonomous}
    """,
    passing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Waive a late-payment fee, authority: autonomous, limit: {amount: 5, currency: CAD}}
    """,
    pattern="let the AI act autonomously without a limit",
    step="An action the AI takes alone has no limit",
    steps="{n} actions the AI takes alone have no limit",
    advice="Set a maximum amount for each action the AI may take without a person.",
)
def unbounded_autonomy(ctx: Context) -> Iterator[Hit]:
    """An `autonomous` action has no `limit` (or a `limit` with no `amount`)."""
    for index, action in enumerate(ctx.assessment.actions):
        if action.authority == Authority.AUTONOMOUS and (
            action.limit is None or action.limit.amount is None
        ):
            loc = ("decision_boundaries", "actions", index)
            yield Hit(loc, _("The autonomous action '{action}' has no limit {detail}").format(
                action=action.action, detail=ctx.detail(loc)), subject=action.action)


@rule(
    "DEC002",
    "high-value-autonomy",
    Severity.MAJOR,
    GateId.DECISION_BOUNDARIES,
    principle="""High-value actions are where a wrong answer costs real money and trust;
    they belong behind a human approval.""",
    remediation="""Lower the limit to the high-value threshold (500 in the action's currency
    by default) or make the action approval_required with a named approver.""",
    failing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Credit a disputed bill, authority: autonomous, limit: {amount: 2500, currency: CAD}}
    """,
    passing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Credit a disputed bill, authority: autonomous, limit: {amount: 50, currency: CAD}}
    """,
    pattern="let the AI act autonomously on high-value actions",
    step="An action the AI takes alone can cost more than the high-value limit",
    steps="{n} actions the AI takes alone can cost more than the high-value limit",
    advice="Lower the limit, or have a person approve these actions.",
)
def high_value_autonomy(ctx: Context) -> Iterator[Hit]:
    """An `autonomous` action's `limit.amount` exceeds the high-value limit (500 in its
    currency by default)."""
    ceiling = ctx.thresholds.high_value_limit
    for index, action in enumerate(ctx.assessment.actions):
        amount = action.limit.amount if action.limit else None
        if action.authority == Authority.AUTONOMOUS and amount is not None and amount > ceiling:
            currency = f" {action.limit.currency}" if action.limit and action.limit.currency else ""
            where = ("decision_boundaries", "actions", index, "limit", "amount")
            yield Hit(
                where,
                _("The autonomous action '{action}' may act up to {amount}, above the "
                  "high-value limit of {ceiling} {detail}").format(
                    action=action.action, amount=f"{number(amount)}{currency}",
                    ceiling=f"{number(ceiling)}{currency}", detail=ctx.detail(where)),
                subject=_("{action} (up to {amount})").format(
                    action=action.action, amount=f"{number(amount)}{currency}"),
            )


@rule(
    "DEC003",
    "no-prohibited-actions",
    Severity.MAJOR,
    GateId.DECISION_BOUNDARIES,
    principle="""Boundaries that list only what the AI may do leave everything else open;
    naming what it must never do is what makes the boundary real.""",
    remediation="""Add at least one `prohibited` action: the things the AI must never do
    whatever its confidence (contract changes, disconnections, large credits).""",
    failing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Waive a late-payment fee, authority: autonomous, limit: {amount: 5, currency: CAD}}
    """,
    passing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Waive a late-payment fee, authority: autonomous, limit: {amount: 5, currency: CAD}}
        - {action: Change a contract, authority: prohibited}
    """,
    pattern="prohibit no action at all",
    step="Nothing the AI must never do is written down",
    advice="""Name the actions the AI must never take, even when it could (closing an
    account, promising a refund, changing a contract).""",
)
def no_prohibited_actions(ctx: Context) -> Iterator[Hit]:
    """Decision boundaries are not `not_started` and no action is `prohibited`."""
    boundaries = ctx.assessment.decision_boundaries
    if not boundaries or not boundaries.active:
        return
    if not any(action.authority == Authority.PROHIBITED for action in boundaries.actions or []):
        where: Loc = ("decision_boundaries", "actions")
        if where not in ctx.document.positions:
            where = ("decision_boundaries",)
        yield Hit(where, _("No action is prohibited {detail}").format(detail=ctx.detail(where)))


@rule(
    "DEC004",
    "approval-without-approver",
    Severity.MAJOR,
    GateId.DECISION_BOUNDARIES,
    principle="""'Approval required' with nobody named to approve becomes approval by
    whoever is nearest, or by nobody.""",
    remediation="""Name the `approver` (a role or a person) of every approval_required
    action.""",
    failing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Credit over 500 CAD, authority: approval_required}
    """,
    passing="""
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Credit over 500 CAD, authority: approval_required, approver: {role: Billing team lead}}
    """,
    pattern="require approval without naming an approver",
    step="An action needs approval but no approver is named",
    steps="{n} actions need approval but no approver is named",
    advice="Name the person or team who approves each of them.",
)
def approval_without_approver(ctx: Context) -> Iterator[Hit]:
    """An `approval_required` action has no `approver`."""
    for index, action in enumerate(ctx.assessment.actions):
        if action.authority == Authority.APPROVAL_REQUIRED and action.approver is None:
            loc = ("decision_boundaries", "actions", index)
            yield Hit(
                loc, _("The action '{action}' requires approval but names no approver "
                       "{detail}").format(action=action.action, detail=ctx.detail(loc)),
                subject=action.action
            )


RULES = [unbounded_autonomy, high_value_autonomy, no_prohibited_actions, approval_without_approver]
