"""Waiver rules (WAI): a waiver is an explicit, dated exception, and it lapses."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import _
from readiness.model import GateId
from readiness.rules.base import Context, Hit, rule

UNKNOWN_GATE = GateId.GOVERNANCE
"""Where WAI001 is charged when the waived rule has no single gate (SEQ003, OPN001,
OPN002)."""


@rule(
    "WAI001",
    "expired-waiver",
    Severity.MINOR,
    None,
    always=True,
    severity_note="charged to the waived rule's gate",
    principle="""A waiver is a dated promise to fix something; once it lapses the finding
    counts again, so CI starts failing the day a waiver expires.""",
    remediation="""Fix the finding the waiver covered, or have the approver renew the waiver
    with a new `expires_on` and a current reason.""",
    failing="""
    waivers:
      - {rule: OUT002, reason: ROI model under finance review, approved_by: Office of the CFO, expires_on: 2026-01-31}
    """,
    passing="""
    waivers:
      - {rule: OUT002, reason: ROI model under finance review, approved_by: Office of the CFO, expires_on: 2099-01-31}
    """,
    pattern="carry an expired waiver",
    step="A waiver has expired",
    steps="{n} waivers have expired",
    advice="""Renew each waiver with whoever approved it, with a new date, or fix the problem
    it covered.""",
)
def expired_waiver(ctx: Context) -> Iterator[Hit]:
    """A waiver's `expires_on` is before the reference date (`--today`, else the current
    date): the waiver counts for nothing. The message says whether another waiver of the
    same rule still holds."""
    from readiness.rules import REGISTRY

    waivers = ctx.assessment.waivers or []
    held = {waiver.rule for waiver in waivers if waiver.holds_on(ctx.today)}
    for index, waiver in enumerate(waivers):
        if not waiver.holds_on(ctx.today):
            where = ("waivers", index, "expires_on")
            waived = REGISTRY.get(waiver.rule)
            gate = waived.gate if waived and waived.gate else UNKNOWN_GATE
            if waiver.rule in held:
                message = _("The waiver of {rule} expired on {day}; a later waiver of "
                            "{rule} still holds {detail}")
            else:
                message = _("The waiver of {rule} expired on {day}; {rule} counts again "
                            "{detail}")
            yield Hit(
                where,
                message.format(rule=waiver.rule, day=waiver.expires_on,
                               detail=ctx.detail(where)),
                subject=_("{rule} (expired on {day})").format(rule=waiver.rule,
                                                             day=waiver.expires_on),
                gate=gate,
            )


RULES = [expired_waiver]
