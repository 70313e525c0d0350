"""Integration rules (INT): the AI lives in existing tools, with a fallback and a review."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import _
from readiness.model import GateId, Status, Surface
from readiness.rules.base import Context, Hit, rule, words


@rule(
    "INT001",
    "outside-existing-tools",
    Severity.MAJOR,
    GateId.INTEGRATION,
    principle="""Agents and engineers do not leave the tools they work in for a separate
    portal; an AI outside the workflow is used in the pilot and abandoned at scale.""",
    remediation="""Embed the AI in the tool the users already work in (agent desktop, CRM
    console, NOC console, field service app) and set `embedded_in_existing_tool: true`.""",
    failing="""
    integration: {status: in_progress, surface: standalone_portal, embedded_in_existing_tool: false}
    """,
    passing="""
    integration: {status: in_progress, surface: agent_desktop, embedded_in_existing_tool: true}
    """,
    pattern="run outside the tools people already use",
    step="The AI sits outside the tools its users already work in",
    advice="""Put the AI inside the tool people already use (the agent desktop, the CRM, the
    network console) rather than a separate portal.""",
)
def outside_existing_tools(ctx: Context) -> Iterator[Hit]:
    """`integration.surface` is `standalone_portal` or `embedded_in_existing_tool` is false."""
    integration = ctx.assessment.integration
    if integration is None:
        return
    if integration.surface == Surface.STANDALONE_PORTAL:
        where = ("integration", "surface")
        yield Hit(where, _("The AI is a standalone portal {detail}").format(
            detail=ctx.detail(where)), subject=_("a standalone portal"))
    elif integration.embedded_in_existing_tool is False:
        where = ("integration", "embedded_in_existing_tool")
        yield Hit(where, _("The AI is not embedded in an existing tool {detail}").format(
            detail=ctx.detail(where)), subject=_("not embedded in an existing tool"))


@rule(
    "INT002",
    "no-fallback",
    Severity.MAJOR,
    GateId.INTEGRATION,
    principle="""Every AI is down sometimes; without a written fallback the process stops
    with it.""",
    remediation="""Describe in `integration.fallback` what users do when the AI is unavailable
    or wrong, and test it.""",
    failing="""
    integration: {status: in_progress, surface: agent_desktop}
    """,
    passing="""
    integration: {status: in_progress, surface: agent_desktop, fallback: Agents use the standard script}
    """,
    pattern="have no fallback for when the AI is down",
    step="There is no fallback for when the AI is down",
    advice="""Agree how people keep working when the AI is unavailable, and make sure they
    know it.""",
)
def no_fallback(ctx: Context) -> Iterator[Hit]:
    """Integration is not `not_started` and `integration.fallback` is missing."""
    integration = ctx.assessment.integration
    if integration and integration.active and not integration.fallback:
        where = ("integration", "fallback")
        yield Hit(
            where,
            _("Integration is {status} with no fallback for when the AI is unavailable "
              "{detail}").format(status=words(integration.status),
                                 detail=ctx.detail(("integration", "status"), where)),
        )


@rule(
    "INT003",
    "live-without-security-review",
    Severity.BLOCKER,
    GateId.INTEGRATION,
    principle="""An AI that reads customer and network data and writes to production
    systems is an attack surface; it is reviewed before real users reach it.""",
    remediation="""Complete the security review and record `security_review: {status:
    complete, completed_on: ...}`, or take the AI out of live use until it is.""",
    failing="""
    integration:
      status: in_progress
      live_since: 2026-05-01
      security_review: {status: in_progress}
    """,
    passing="""
    integration:
      status: in_progress
      live_since: 2026-05-01
      security_review: {status: complete, completed_on: 2026-04-20}
    """,
    pattern="are live without a security review",
    step="The AI is live without a finished security review",
    advice="Have security finish its review of the AI and its connections now.",
)
def live_without_security_review(ctx: Context) -> Iterator[Hit]:
    """Live while `integration.security_review.status` is not `complete` (or there is none)."""
    if not ctx.live:
        return
    integration = ctx.assessment.integration
    review = integration.security_review if integration else None
    if review is None or review.status != Status.COMPLETE:
        where = ("integration", "security_review", "status") if review else (
            "integration", "security_review"
        )
        state = (review.status if review else None) or "missing"
        yield Hit(
            where,
            _("The AI is live and its security review is {state} {detail}").format(
                state=words(str(state)), detail=ctx.detail(ctx.live_evidence, where)),
            subject=_("review {state}").format(state=words(str(state))),
        )


RULES = [outside_existing_tools, no_fallback, live_without_security_review]
