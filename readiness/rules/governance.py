"""Governance rules (GOV): monitoring, retraining, review, trust and regulation before scale."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import _, ngettext, share
from readiness.loader import Loc
from readiness.model import (
    Authority,
    GateId,
    Jurisdiction,
    Regulation,
    RegulationId,
    Stage,
)
from readiness.rules.base import Context, Hit, live_without_cadence, rule, words
from readiness.standards import ACCEPTED_STATUSES, PRIVACY_REGULATIONS, REQUIRED_REGULATIONS
from readiness.words import listing, quoted


@rule(
    "GOV001",
    "no-drift-monitoring",
    Severity.MAJOR,
    GateId.GOVERNANCE,
    severity_note="blocker at stage production",
    principle="""Models drift as customers, products and the network change; without
    monitoring, the first signal is a complaint.""",
    remediation="""Enable drift monitoring (`drift_monitoring: {enabled: true, signals: [...],
    alert_owner: ...}`) before the AI is live.""",
    failing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    governance: {status: in_progress, drift_monitoring: {enabled: false}}
    """,
    passing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    governance: {status: in_progress, drift_monitoring: {enabled: true, alert_owner: ML on-call}}
    """,
    pattern="are live without drift monitoring",
    step="The AI is live and nobody watches whether it drifts",
    advice="""Watch the AI's inputs and answers for drift as customers, products and the
    network change, with an alert that reaches someone who can act.""",
)
def no_drift_monitoring(ctx: Context) -> Iterator[Hit]:
    """Live and `governance.drift_monitoring.enabled` is not true."""
    governance = ctx.assessment.governance
    monitoring = governance.drift_monitoring if governance else None
    if ctx.live and not (monitoring and monitoring.enabled is True):
        where = ("governance", "drift_monitoring", "enabled")
        production = ctx.assessment.initiative.stage == Stage.PRODUCTION
        yield Hit(
            where,
            _("The AI is live without drift monitoring {detail}").format(
                detail=ctx.detail(ctx.live_evidence, where)),
            severity=Severity.BLOCKER if production else None,
        )


@rule(
    "GOV002",
    "no-retraining-protocol",
    Severity.MAJOR,
    GateId.GOVERNANCE,
    principle="""Drift detected with no protocol to retrain is an alert nobody can act on.""",
    remediation="""Set `retraining: {cadence: P90D, trigger: ..., owner: ...}`.""",
    failing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    governance: {status: in_progress}
    """,
    passing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    governance: {status: in_progress, retraining: {cadence: P90D, owner: ML platform team}}
    """,
    pattern="are live without a retraining protocol",
    step="The AI is live with no plan to retrain it",
    advice="Agree how often the model is retrained, what triggers it early, and who does it.",
)
def no_retraining_protocol(ctx: Context) -> Iterator[Hit]:
    """Live and `governance.retraining.cadence` is missing."""
    yield from live_without_cadence(
        ctx, "retraining", _("The AI is live with no retraining cadence {detail}"))


@rule(
    "GOV003",
    "compliance-bolted-on",
    Severity.BLOCKER,
    GateId.GOVERNANCE,
    always=True,
    principle="""Regulation built in from the start is a design constraint; bolted on at the
    end it is a rewrite, or a fine.""",
    remediation="""For every declared jurisdiction, assess each regulation it requires
    (docs/format.md, `initiative.jurisdictions`) and record it as compliant or in_review; close every gap.""",
    failing="""
    initiative: {jurisdictions: [CA]}
    governance:
      status: in_progress
      regulations:
        - {id: PIPEDA, status: compliant}
    """,
    passing="""
    initiative: {jurisdictions: [CA]}
    governance:
      status: in_progress
      regulations:
        - {id: PIPEDA, status: compliant}
        - {id: CRTC, status: in_review}
    """,
    pattern="have a compliance gap in a declared jurisdiction",
    step="A regulation that applies has not been assessed",
    steps="{n} regulations that apply have not been assessed",
    advice="""Have legal or compliance assess each, and close any gap, before the AI reaches
    more customers.""",
)
def compliance_bolted_on(ctx: Context) -> Iterator[Hit]:
    """A regulation that a declared jurisdiction requires (docs/format.md, `initiative.jurisdictions`)
    is absent,
    `not_assessed` or `gap`; one finding per regulation."""
    doc = ctx.assessment
    required: dict[RegulationId, list[str]] = {}
    for jurisdiction in doc.jurisdictions:
        for regulation in REQUIRED_REGULATIONS[jurisdiction]:
            required.setdefault(regulation, []).append(jurisdiction.value)
    regulations = (doc.governance.regulations or []) if doc.governance else []
    recorded: dict[RegulationId, tuple[int, Regulation]] = {}
    for index, entry in enumerate(regulations):
        recorded.setdefault(entry.id, (index, entry))
    for regulation, jurisdictions in required.items():
        needed_by = ", ".join(dict.fromkeys(jurisdictions))
        if regulation not in recorded:
            where: Loc = ("initiative", "jurisdictions")
            yield Hit(
                where,
                _("{regulation} is required for {needed_by} and is not assessed ({at}; absent "
                  "from governance.regulations)").format(regulation=regulation,
                                                        needed_by=needed_by, at=ctx.at(where)),
                subject=_("{regulation} (not assessed)").format(regulation=regulation),
            )
            continue
        index, entry = recorded[regulation]
        if entry.status not in ACCEPTED_STATUSES:
            where = ("governance", "regulations", index, "status")
            yield Hit(
                where,
                _("{regulation}, required for {needed_by}, is {status} {detail}").format(
                    regulation=regulation, needed_by=needed_by, status=words(entry.status),
                    detail=ctx.detail(where)),
                subject=f"{regulation} ({words(entry.status)})",
            )


@rule(
    "GOV004",
    "trust-erosion",
    Severity.MAJOR,
    GateId.GOVERNANCE,
    always=True,
    severity_note="major at an override rate of 0.30 or more, blocker at 0.50 or more",
    principle="""When people override the AI on every other case, the model is trusted less
    than it is tested: the problem is the workflow, the explanation or the boundary, not
    the accuracy.""",
    remediation="""Review a sample of overrides with the users: fix what the AI gets wrong,
    show why it recommends what it does, and narrow its scope to where it is trusted.""",
    failing="""
    governance: {status: in_progress, override_tracking: {enabled: true, override_rate: 0.46}}
    """,
    passing="""
    governance: {status: in_progress, override_tracking: {enabled: true, override_rate: 0.12}}
    """,
    pattern="are overridden too often by the people who use the AI",
    symptom=True,
    step="People override the AI too often",
    advice="""Find out why people override it (wrong answers, old data, a poor fit with their
    work) and fix that before giving the AI more to do.""",
)
def trust_erosion(ctx: Context) -> Iterator[Hit]:
    """Humans override the AI often: `governance.override_tracking.override_rate` is 0.30 or
    more (major) or 0.50 or more (blocker)."""
    governance = ctx.assessment.governance
    tracking = governance.override_tracking if governance else None
    rate = tracking.override_rate if tracking else None
    if rate is None or rate < ctx.thresholds.override_major:
        return
    where = ("governance", "override_tracking", "override_rate")
    blocker = rate >= ctx.thresholds.override_blocker
    yield Hit(
        where,
        _("People override the AI on {rate} of cases {detail}").format(
            rate=share(rate), detail=ctx.detail(where)),
        subject=_("on {rate} of cases").format(rate=share(rate)),
        severity=Severity.BLOCKER if blocker else Severity.MAJOR,
    )


@rule(
    "GOV005",
    "personal-data-without-privacy-review",
    Severity.BLOCKER,
    GateId.GOVERNANCE,
    always=True,
    principle="""Personal information used by an AI needs a privacy review before it is
    used, not after a regulator asks.""",
    remediation="""Assess the applicable privacy regulation (PIPEDA, Quebec Law 25, GDPR, UK
    GDPR, CCPA, FCC CPNI) and record it as compliant or in_review.""",
    failing="""
    data_pipeline:
      status: in_progress
      sources:
        - {name: Salesforce, kind: crm, owner: CRM team, personal_information: true}
    """,
    passing="""
    data_pipeline:
      status: in_progress
      sources:
        - {name: Salesforce, kind: crm, owner: CRM team, personal_information: true}
    governance:
      status: in_progress
      regulations:
        - {id: PIPEDA, status: in_review}
    """,
    pattern="use personal data without a privacy review",
    step="Personal information is used with no privacy review",
    advice="""Have the privacy office review the use of personal information under the privacy
    law that applies, before the AI uses it further.""",
)
def personal_data_without_privacy_review(ctx: Context) -> Iterator[Hit]:
    """A source carries personal information and no privacy regulation is `compliant` or
    `in_review`."""
    doc = ctx.assessment
    personal = [i for i, source in enumerate(doc.sources) if source.personal_information]
    if not personal:
        return
    regulations = (doc.governance.regulations or []) if doc.governance else []
    reviewed = any(
        entry.id in PRIVACY_REGULATIONS
        and entry.status in ACCEPTED_STATUSES
        for entry in regulations
    )
    if not reviewed:
        where = ("data_pipeline", "sources", personal[0], "personal_information")
        names = listing([quoted(doc.sources[i].name) for i in personal])
        yield Hit(
            where,
            _("Personal information in {names} has no privacy review: no privacy regulation "
              "is compliant or in review {detail}").format(names=names,
                                                          detail=ctx.detail(where)),
            subject=listing([doc.sources[i].name for i in personal]),
        )


@rule(
    "GOV006",
    "no-edge-case-review",
    Severity.MINOR,
    GateId.GOVERNANCE,
    principle="""The cases the AI gets wrong are rare and costly; only a regular review
    finds them before customers do.""",
    remediation="""Set `edge_case_review: {cadence: P14D, owner: ...}`.""",
    failing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    governance: {status: in_progress}
    """,
    passing="""
    integration: {status: in_progress, live_since: 2026-05-01}
    governance: {status: in_progress, edge_case_review: {cadence: P14D, owner: Care quality team}}
    """,
    pattern="are live without edge-case review",
    step="The AI is live with no regular review of the cases it gets wrong",
    advice="Review a sample of unusual and wrong cases on a regular schedule, with an owner.",
)
def no_edge_case_review(ctx: Context) -> Iterator[Hit]:
    """Live and `governance.edge_case_review.cadence` is missing."""
    yield from live_without_cadence(
        ctx, "edge_case_review", _("The AI is live with no edge-case review cadence {detail}"))


@rule(
    "GOV007",
    "automated-decision-without-notice",
    Severity.BLOCKER,
    GateId.GOVERNANCE,
    principle="""Quebec Law 25 (s. 12.1) requires that people be told when a decision about
    them is made by automated processing alone.""",
    remediation="""Inform people of automated decisions and record
    `governance.automated_decision_notice: true`, or make the actions approval_required.
    When no autonomous action decides about a person (opening a ticket, correlating
    alarms), record a waiver of GOV007 that says so.""",
    failing="""
    initiative: {jurisdictions: [CA-QC]}
    integration: {status: in_progress, live_since: 2026-05-01}
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Waive a late-payment fee, authority: autonomous, limit: {amount: 5, currency: CAD}}
    governance: {status: in_progress}
    """,
    passing="""
    initiative: {jurisdictions: [CA-QC]}
    integration: {status: in_progress, live_since: 2026-05-01}
    decision_boundaries:
      status: in_progress
      actions:
        - {action: Waive a late-payment fee, authority: autonomous, limit: {amount: 5, currency: CAD}}
    governance: {status: in_progress, automated_decision_notice: true}
    """,
    pattern="make automated decisions in Quebec without telling the people concerned",
    step="People in Quebec are not told when the AI decides about them alone",
    advice="""Tell customers when a decision about them is made by the AI alone, and how to
    ask a person to review it, as Quebec's Law 25 requires.""",
)
def automated_decision_without_notice(ctx: Context) -> Iterator[Hit]:
    """`CA-QC` is a declared jurisdiction, the initiative is live, some action is
    `autonomous`, and `governance.automated_decision_notice` is not true."""
    doc = ctx.assessment
    if Jurisdiction.CA_QC not in doc.jurisdictions or not ctx.live:
        return
    autonomous = [
        i for i, action in enumerate(doc.actions) if action.authority == Authority.AUTONOMOUS
    ]
    notice = doc.governance.automated_decision_notice if doc.governance else None
    if autonomous and notice is not True:
        where = ("governance", "automated_decision_notice")
        # Every autonomous action: which of them decides about a person is for people to
        # say (routing a ticket does not; a goodwill credit does).
        names = listing([quoted(doc.actions[i].action) for i in autonomous])
        places = [("decision_boundaries", "actions", i) for i in autonomous]
        yield Hit(
            where,
            ngettext("In Quebec, the autonomous action {actions} decides without telling the "
                     "person {detail}",
                     "In Quebec, the autonomous actions {actions} decide without telling the "
                     "person {detail}", len(autonomous)).format(
                actions=names, detail=ctx.detail(*places, where)),
            subject=listing([doc.actions[i].action for i in autonomous]),
        )


RULES = [
    no_drift_monitoring,
    no_retraining_protocol,
    compliance_bolted_on,
    trust_erosion,
    personal_data_without_privacy_review,
    no_edge_case_review,
    automated_decision_without_notice,
]
