"""The report's view-model: everything a steering-committee report shows, computed once
from a `Result` (and, with `--compare`, the previous `Result`).

Templates only lay this out: the Markdown and HTML reports, and any team's own
templates, show the same numbers because they read the same `Report`. Figures the file
does not state but the report shows (progress toward a target, the ROI's payback
period and net benefit, deltas) are computed here and nowhere else.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from readiness import advice, i18n
from readiness.diff import questionnaire_note
from readiness.engine import Result, not_shown_words
from readiness.findings import Finding, Severity
from readiness.i18n import N_, _, ngettext
from readiness.model import (
    Authority,
    Better,
    ComplianceStatus,
    Jurisdiction,
    Metric,
    PersonRecord,
    RegulationId,
    Status,
    Workflow,
)
from readiness.reporters.safe_text import headline
from readiness.rules import REGISTRY
from readiness.scoring import Verdict
from readiness.standards import (
    ACCEPTED_STATUSES,
    MAX_HOPS,
    PRIVACY_REGULATIONS,
    REQUIRED_REGULATIONS,
    measure_kind,
)
from readiness.words import PERCENT_UNITS, duration

VERDICT_LABELS = {
    Verdict.READY: N_("Ready"),
    Verdict.CONDITIONAL: N_("Conditional"),
    Verdict.NOT_READY: N_("Not ready"),
}
SEVERITY_LABELS = {
    Severity.BLOCKER: N_("Blockers"),
    Severity.MAJOR: N_("Major findings"),
    Severity.MINOR: N_("Minor findings"),
}
AUTHORITY_LABELS = {
    Authority.AUTONOMOUS: N_("Autonomous (with limit)"),
    Authority.APPROVAL_REQUIRED: N_("Approval required (with approver)"),
    Authority.RECOMMEND_ONLY: N_("Recommend only"),
    Authority.PROHIBITED: N_("Prohibited"),
}
COMPLIANCE_LABELS = {
    ComplianceStatus.COMPLIANT: N_("compliant"),
    ComplianceStatus.IN_REVIEW: N_("in review"),
    ComplianceStatus.GAP: N_("gap"),
    ComplianceStatus.NOT_ASSESSED: N_("not assessed"),
}
VALUE_WORDS = (
    N_("customer operations"), N_("network operations"), N_("back office"),
    N_("exploration"), N_("pilot"), N_("limited rollout"), N_("production"),
    N_("api"), N_("streaming"), N_("batch"), N_("manual export"), N_("crm"), N_("oss"),
    N_("bss"), N_("ready"), N_("conditional"), N_("not ready"), N_("decrease"),
    N_("increase"), N_("autonomous"), N_("approval required"), N_("recommend only"),
    N_("prohibited"), N_("read"), N_("write"), N_("read write"), N_("rest"),
    N_("event stream"), N_("screen scrape"), N_("manual"), N_("classifier"),
    N_("regression"), N_("forecasting"), N_("rules"), N_("agent desktop"),
    N_("crm console"), N_("noc console"), N_("field service app"), N_("ivr"),
    N_("customer app"), N_("standalone portal"),
)
"""Enum values the `human` filter says in words, for the catalogue (the others are
listed with the rules' messages)."""


def _person(value: PersonRecord | None) -> str:
    return str(value) if value is not None else ""


# --- header and scorecard ---------------------------------------------------------------


class Header(NamedTuple):
    name: str
    id: str
    operator: str
    domain: str
    use_case: str
    stage: str
    assessed_on: date
    owner: str
    assessors: list[str]
    jurisdictions: list[str]
    process: str  # the one workflow (gate 1), its owner and its measured friction
    process_owner: str
    friction: str
    path: str
    headline: str
    verdict: str
    verdict_label: str
    level: int
    score: int
    pass_mark: float
    live: bool
    scaling: bool
    blocked_at: str  # "gate 3, Integration" or ""
    counts: dict[str, int]  # unwaived findings by severity
    waived: int
    problems: dict[str, advice.Tally]  # unwaived problems (one per rule per gate) by severity
    problems_text: str  # "4 blockers (7 findings), 1 major (1 finding)" or "none"
    symptoms: str  # what the committee already hears about (OUT004, GOV004), or ""


class GateRow(NamedTuple):
    order: int
    id: str
    title: str
    status: str
    status_label: str
    score: int
    passed: bool
    blockers: int
    findings: int
    started_on: date | None
    completed_on: date | None
    why_not: str  # plain reason a gate does not pass; "" when it passes
    evidence: list[str]  # as written in the file: shown as text, never as a link


def _gate_rows(result: Result) -> list[GateRow]:
    rows = []
    for gate in result.gates:
        section = result.assessment.gate(gate.id)
        active = [f for f in result.active if f.gate == gate.id]
        blockers = advice.blocker_problems(active, gate.id)
        reasons = []
        if gate.status != Status.COMPLETE:
            status = _(advice.STATUS_WORDS[gate.status])
            reasons.append(_("status is {status}").format(status=status))
        if gate.score < result.thresholds.pass_mark:
            reasons.append(_("score {score} is below the pass mark {mark}").format(
                score=gate.score, mark=i18n.number(result.thresholds.pass_mark)))
        if blockers:
            reasons.append(ngettext("{n} unwaived blocker", "{n} unwaived blockers",
                                    blockers).format(n=blockers))
        rows.append(
            GateRow(
                order=gate.order,
                id=gate.id.value,
                title=gate.title,
                status=gate.status.value,
                status_label=_(advice.STATUS_WORDS[gate.status]),
                score=gate.score,
                passed=gate.passed,
                blockers=blockers,
                findings=len(active),
                started_on=section.started_on if section else None,
                completed_on=section.completed_on if section else None,
                why_not="" if gate.passed else "; ".join(reasons),
                evidence=list(section.evidence or []) if section else [],
            )
        )
    return rows


# --- timeline ---------------------------------------------------------------------------


class TimelineRow(NamedTuple):
    order: int
    title: str
    start: date | None
    end: date | None  # completion, or the assessment date while in progress
    state: str  # done | active | planned
    out_of_order: bool
    note: str  # why it is out of order, in words


class Event(NamedTuple):
    label: str
    on: date
    flagged: bool = False


class Timeline(NamedTuple):
    rows: list[TimelineRow]
    events: list[Event]
    undated: list[str]  # gates with no date at all


def _words(rule_name: str) -> str:
    """A rule's name in words, in the active language: 'live before boundaries'."""
    return _(rule_name.replace("-", " "))


def _timeline(result: Result) -> Timeline:
    assessed = result.assessment.initiative.assessed_on
    sequence = [f for f in result.findings if f.rule.startswith("SEQ")]
    rows, undated = [], []
    for gate in result.gates:
        section = result.assessment.gate(gate.id)
        flags = sorted({_words(f.name) for f in sequence if f.gate == gate.id})
        start = section.started_on if section else None
        end = section.completed_on if section else None
        state = {"complete": "done", "in_progress": "active"}.get(gate.status.value, "planned")
        if state == "active" and start is not None:
            end = max(assessed, start)
        if start is None and end is None:
            undated.append(gate.title)
        rows.append(
            TimelineRow(gate.order, gate.title, start, end, state, bool(flags), "; ".join(flags))
        )
    events = []
    # The events a finding flags as out of order: each rule says which it marks.
    marked = {REGISTRY[f.rule].marks for f in result.findings if f.rule in REGISTRY}
    model = result.assessment.model
    if model and model.started_on:
        events.append(Event(_("Model work starts"), model.started_on, "model_work" in marked))
    integration = result.assessment.integration
    if integration and integration.live_since:
        events.append(Event(_("Live"), integration.live_since, "live" in marked))
    events.append(Event(_("Assessed"), assessed))
    return Timeline(rows, sorted(events, key=lambda e: e.on), undated)


# --- findings ---------------------------------------------------------------------------


class FindingView(NamedTuple):
    rule: str
    name: str
    severity: str
    gate: str
    gate_order: int
    message: str
    path: str
    location: str  # file:line:column
    remediation: str
    waived: bool
    reason: str = ""
    approved_by: str = ""
    expires_on: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.rule, self.path


class SeverityGroup(NamedTuple):
    severity: str
    label: str
    findings: list[FindingView]


def _remediation(text: str) -> str:
    return " ".join(text.split())


def _finding(result: Result, finding: Finding) -> FindingView:
    waiver = finding.waiver
    return FindingView(
        rule=finding.rule,
        name=finding.name,
        severity=finding.severity.value,
        gate=finding.gate.title,
        gate_order=finding.gate.order,
        message=finding.message,
        path=finding.path,
        location=f"{result.path}:{finding.line}:{finding.column}",
        remediation=_remediation(finding.remediation),
        waived=waiver is not None,
        reason=waiver.reason if waiver else "",
        approved_by=waiver.approved_by if waiver else "",
        expires_on=waiver.expires_on if waiver else "",
    )


def _groups(result: Result) -> list[SeverityGroup]:
    views = [_finding(result, f) for f in result.active]
    return [
        SeverityGroup(
            severity.value,
            _(SEVERITY_LABELS[severity]),
            sorted((v for v in views if v.severity == severity.value),
                   key=lambda v: (v.gate_order, v.rule, v.location)),
        )
        for severity in Severity
    ]


# --- decision matrix --------------------------------------------------------------------


class ActionRow(NamedTuple):
    action: str
    authority: str
    limit: str  # "up to 5 CAD", "no money at stake" or ""
    approver: str
    rationale: str
    concern: str  # what the rules object to, in words; "" when nothing


class AuthorityColumn(NamedTuple):
    authority: str
    label: str
    actions: list[ActionRow]


def _decisions(result: Result) -> list[AuthorityColumn]:
    high = result.thresholds.high_value_limit
    columns: dict[Authority, list[ActionRow]] = {a: [] for a in Authority}
    for action in result.assessment.actions:
        amount = action.limit.amount if action.limit else None
        currency = action.limit.currency if action.limit else None
        if amount == 0:
            limit = _("no money at stake")  # routing a ticket: docs/format.md, `limit`
        elif i18n.active() == "en":
            limit = " ".join(
                part for part in (None if amount is None else f"{amount:,.0f}", currency) if part
            )
        else:
            limit = "" if amount is None else i18n.money(amount, currency)
        if limit and amount:
            limit = _("up to {amount}").format(amount=limit)
        concern = ""
        if action.authority == Authority.AUTONOMOUS and amount is None:
            concern = _("no limit")
        elif action.authority == Authority.AUTONOMOUS and amount is not None and amount > high:
            concern = _("limit above {amount}").format(
                amount=f"{high:,.0f}" if i18n.active() == "en" else i18n.decimal(round(high)))
        elif action.authority == Authority.APPROVAL_REQUIRED and action.approver is None:
            concern = _("no approver")
        columns[action.authority].append(
            ActionRow(action.action, action.authority.value, limit, _person(action.approver),
                      action.rationale or "", concern)
        )
    return [AuthorityColumn(a.value, _(AUTHORITY_LABELS[a]), rows) for a, rows in columns.items()]


# --- data map ---------------------------------------------------------------------------


class SourceRow(NamedTuple):
    name: str
    kind: str
    owner: str
    access: str
    freshness: timedelta | None
    allowed: timedelta | None  # max_staleness, or the decision latency
    allowed_from: str  # "max_staleness" | "decision latency" | ""
    fresh_enough: bool | None  # None when it cannot be told
    hops: int | None
    close_enough: bool | None
    personal_information: bool | None


class DataMap(NamedTuple):
    decision_latency: timedelta | None
    sources: list[SourceRow]
    kinds: list[str]  # source kinds present, in order of first appearance
    max_hops: int


def _data_map(result: Result) -> DataMap:
    pipeline = result.assessment.data_pipeline
    latency = pipeline.decision_latency if pipeline else None
    rows = []
    for source in result.assessment.sources:
        allowed = source.max_staleness or latency
        allowed_from = _("max staleness") if source.max_staleness else (
            _("decision latency") if latency else "")
        fresh = (source.freshness <= allowed
                 if source.freshness is not None and allowed is not None else None)
        hops = source.hops_from_system_of_record
        rows.append(
            SourceRow(
                name=source.name,
                kind=source.kind.value,
                owner=_person(source.owner),
                access=source.access.value if source.access else "",
                freshness=source.freshness,
                allowed=allowed,
                allowed_from=allowed_from,
                fresh_enough=fresh,
                hops=hops,
                close_enough=None if hops is None else hops <= MAX_HOPS,
                personal_information=source.personal_information,
            )
        )
    kinds = list(dict.fromkeys(row.kind for row in rows))
    return DataMap(latency, rows, kinds, MAX_HOPS)


# --- outcomes and ROI -------------------------------------------------------------------


class MetricRow(NamedTuple):
    name: str
    kind: str
    unit: str
    direction: str  # "decrease" | "increase" | ""
    baseline: float | None
    target: float | None
    current: float | None
    measured_on: date | None
    owner: str
    progress: int | None  # percent of the way from baseline to target; None if unknown
    standing: str  # target met | on the way | no change | worse than baseline | not measured


def _better(metric: Metric) -> Better | None:
    if metric.direction is not None:
        return metric.direction
    baseline, target = metric.baseline, metric.target
    if baseline is not None and target is not None and target != baseline:
        return Better.DECREASE if target < baseline else Better.INCREASE
    return None


def progress(metric: Metric) -> int | None:
    """How far `current` has moved from `baseline` toward `target`, in percent (may be
    negative when it moved the wrong way, above 100 when it beat the target)."""
    if metric.baseline is None or metric.target is None or metric.current is None:
        return None
    if metric.target == metric.baseline:
        return None
    share = (metric.current - metric.baseline) / (metric.target - metric.baseline)
    return int(round(share * 100))


def _standing(metric: Metric, done: int | None) -> str:
    return _(_standing_words(metric, done))


def _standing_words(metric: Metric, done: int | None) -> str:
    if metric.current is None:
        return N_("not measured")
    better = _better(metric)
    if done is None:
        if metric.baseline is None or better is None:
            return N_("measured")
        if metric.current == metric.baseline:
            return N_("no change")
        improved = (metric.current < metric.baseline) == (better == Better.DECREASE)
        return N_("better than baseline") if improved else N_("worse than baseline")
    if done >= 100:
        return N_("target met")
    if done > 0:
        return N_("on the way")
    return N_("no change") if done == 0 else N_("worse than baseline")


def _metrics(result: Result, operational: bool) -> list[MetricRow]:
    """Business and service metrics (`operational`), or model metrics: reports show the
    latter apart, as model metrics and not outcomes, with no progress or "target met"."""
    rows = []
    for metric in result.assessment.metrics:
        if metric.operational != operational:
            continue
        done = progress(metric) if operational else None
        better = _better(metric)
        rows.append(
            MetricRow(
                name=metric.name,
                kind=metric.kind.value,
                unit=_unit(metric.unit),
                direction=better.value if better else "",
                baseline=metric.baseline,
                target=metric.target,
                current=metric.current,
                measured_on=metric.measured_on,
                owner=_person(metric.owner),
                progress=done,
                standing=_standing(metric, done) if operational else "",
            )
        )
    return rows


class StakeholderRow(NamedTuple):
    """A stakeholder group, its measure of success, and what that measure is."""

    group: str
    name: str
    measure: str
    kind: str  # outcome metric | model measure | unrelated | no measure


MEASURE_LABELS = {"outcome": N_("outcome metric"), "model": N_("model measure"),
                  "unrelated": N_("unrelated")}


def _stakeholders(result: Result) -> list[StakeholderRow]:
    assessment = result.assessment
    return [
        StakeholderRow(
            group=s.group.value if s.group else "",
            name=s.name or "",
            measure=s.success_measure or "",
            kind=MEASURE_LABELS[measure_kind(s.success_measure, assessment)]
            if s.success_measure else N_("no measure"),
        )
        for s in assessment.initiative.stakeholders or []
    ]


class Roi(NamedTuple):
    """The ROI the file states, and what follows from it (labelled computed in reports)."""

    currency: str
    horizon_years: float | None
    annual_benefit: float | None
    benefit_basis: str
    integration: float | None
    change_management: float | None
    other: float | None
    one_time_total: float
    annual_run_cost: float
    annual_net: float | None  # computed: benefit - run cost
    payback_months: float | None  # computed: one-time cost / monthly net benefit
    net_benefit: float | None  # computed: net benefit over the horizon minus one-time cost
    gaps: list[str]  # what is missing for an honest ROI
    caveat: str  # when an outcome is off track (a rule that marks the ROI): not delivered yet


def _sentence_inside(text: str) -> str:
    """A sentence carried inside another: its capital lowered, unless it opens with an
    acronym ('People override' -> 'people override'; 'CRM is stale' stays)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _roi_caveat(steps: list[advice.Step]) -> str:
    off_track = [step for step in steps if step.rule and REGISTRY[step.rule].marks == "roi"]
    if not off_track:
        return ""
    return _("The benefit this ROI counts is not being delivered yet: {why}.").format(
        why="; ".join(_sentence_inside(step.problem) for step in off_track))


def _roi(result: Result, steps: list[advice.Step]) -> Roi | None:
    outcomes = result.assessment.outcomes
    roi = outcomes.roi if outcomes else None
    if roi is None:
        return None
    costs = roi.one_time_costs
    integration = costs.integration if costs else None
    change = costs.change_management if costs else None
    other = costs.other if costs else None
    one_time = roi.one_time_total
    run = roi.annual_run_cost or 0
    gaps = []
    if roi.annual_benefit is None:
        gaps.append(_("no annual benefit"))
    if integration is None:
        gaps.append(_("integration cost not counted"))
    if change is None:
        gaps.append(_("change-management cost not counted"))
    if roi.annual_run_cost is None:
        gaps.append(_("no annual run cost"))
    if roi.horizon_years is None:
        gaps.append(_("no horizon"))
    net = roi.annual_benefit - run if roi.annual_benefit is not None else None
    payback = None
    if net is not None and net > 0:
        payback = round(one_time / net * 12, 1)
    return Roi(
        currency=roi.currency or "",
        horizon_years=roi.horizon_years,
        annual_benefit=roi.annual_benefit,
        benefit_basis=roi.benefit_basis or "",
        integration=integration,
        change_management=change,
        other=other,
        one_time_total=one_time,
        annual_run_cost=run,
        annual_net=net,
        payback_months=payback,
        net_benefit=roi.net_benefit,
        gaps=gaps,
        caveat=_roi_caveat(steps),
    )


# --- governance -------------------------------------------------------------------------


class RegulationRow(NamedTuple):
    id: str
    name: str
    status: str  # compliant | in_review | gap | not_assessed | absent
    status_label: str
    reviewed_on: date | None
    privacy: bool
    ok: bool


class JurisdictionRow(NamedTuple):
    jurisdiction: str
    regulations: list[RegulationRow]

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.regulations)


class GovernanceView(NamedTuple):
    jurisdictions: list[JurisdictionRow]
    other: list[RegulationRow]  # declared regulations no declared jurisdiction requires
    controls: list[tuple[str, str, bool | None]]  # (control, detail, in place)


def _governance(result: Result) -> GovernanceView:
    governance = result.assessment.governance
    declared = {r.id: r for r in (governance.regulations or [])} if governance else {}

    def row(reg_id: RegulationId) -> RegulationRow:
        found = declared.get(reg_id)
        if found is None:
            return RegulationRow(reg_id.value, reg_id.value, "absent", _("not recorded"), None,
                                 reg_id in PRIVACY_REGULATIONS, False)
        return RegulationRow(
            reg_id.value,
            found.name or reg_id.value,
            found.status.value,
            _(COMPLIANCE_LABELS[found.status]),
            found.reviewed_on,
            reg_id in PRIVACY_REGULATIONS,
            found.status in ACCEPTED_STATUSES,
        )

    jurisdictions = [
        JurisdictionRow(j.value, [row(r) for r in REQUIRED_REGULATIONS[Jurisdiction(j)]])
        for j in result.assessment.jurisdictions
    ]
    required = {r for j in result.assessment.jurisdictions for r in REQUIRED_REGULATIONS[j]}
    other = []
    for reg in (governance.regulations or []) if governance else []:
        if reg.id not in required:
            other.append(
                RegulationRow(reg.id.value, reg.name or reg.id.value, reg.status.value,
                              _(COMPLIANCE_LABELS[reg.status]), reg.reviewed_on,
                              reg.id in PRIVACY_REGULATIONS,
                              reg.status in ACCEPTED_STATUSES)
            )
    controls: list[tuple[str, str, bool | None]] = []
    if governance:
        drift = governance.drift_monitoring
        controls.append((_("Drift monitoring"),
                         ", ".join(drift.signals or []) if drift else "",
                         drift.enabled if drift else None))
        retraining = governance.retraining
        cadence = retraining.cadence if retraining else None
        owner = _person(retraining.owner) if retraining else ""
        controls.append((_("Retraining protocol"),
                         ", ".join(filter(None, [_every(cadence) if cadence else "",
                                                 owner])),
                         cadence is not None))
        review = governance.edge_case_review
        controls.append((_("Edge-case review"),
                         _every(review.cadence) if review and review.cadence else "",
                         bool(review and review.cadence)))
        overrides = governance.override_tracking
        rate = overrides.override_rate if overrides else None
        controls.append((_("Override tracking"),
                         _("override rate {rate}").format(rate=i18n.share(rate))
                         if rate is not None else "",
                         overrides.enabled if overrides else None))
        controls.append((_("Incident process"), "", governance.incident_process))
        controls.append((_("Audit log"), "", governance.audit_log))
        controls.append((_("Automated-decision notice"), "",
                         governance.automated_decision_notice))
        controls.append((_("Expansion criteria"), governance.expansion_criteria or "",
                         bool(governance.expansion_criteria)))
    return GovernanceView(jurisdictions, other, controls)




# --- comparison -------------------------------------------------------------------------


class GateDelta(NamedTuple):
    order: int
    title: str
    old_score: int
    new_score: int
    old_passed: bool
    new_passed: bool
    old_status: str
    new_status: str

    @property
    def delta(self) -> int:
        return self.new_score - self.old_score

    @property
    def changed(self) -> bool:
        return (self.delta != 0 or self.old_passed != self.new_passed
                or self.old_status != self.new_status)


class Comparison(NamedTuple):
    old_path: str
    old_assessed_on: date
    same_initiative: bool
    old_level: int
    new_level: int
    old_score: int
    new_score: int
    old_verdict: str
    new_verdict: str
    gates: list[GateDelta]
    # Each list shows at most MAX_FINDINGS (the most severe); its count is of them all,
    # and its note says how many it leaves out ("" when none).
    new_findings: list[FindingView]
    resolved_findings: list[FindingView]
    waived_findings: list[FindingView]  # unwaived before, a waiver covers them now
    new_count: int
    resolved_count: int
    waived_count: int
    questionnaire_note: str = ""  # set when the two were scored with different packs
    new_not_shown: str = ""  # "3 more findings not shown: ..." (diff.not_shown_words)
    resolved_not_shown: str = ""
    waived_not_shown: str = ""

    @property
    def level_delta(self) -> int:
        return self.new_level - self.old_level

    @property
    def score_delta(self) -> int:
        return self.new_score - self.old_score


def compare(old: Result, new: Result) -> Comparison:
    """The view of `readiness diff`'s comparison (readiness.diff.compare): the same
    matching of every finding, and a finding a waiver now covers is shown as waived, not
    resolved. Both results keep every finding (`keep_all`)."""
    from readiness.diff import FindingChange, not_shown_words, shown
    from readiness.diff import compare as diff

    changes = diff(old, new, force=True)
    order = {s.value: s.rank for s in Severity}

    def ranked(result: Result, found: tuple[FindingChange, ...]) -> tuple[list[FindingView], str]:
        """What the list shows, most severe first, and what it says of the rest."""
        listed, more = shown(found)
        views = [_finding(result, change.current) for change in listed]
        views.sort(key=lambda v: (-order[v.severity], v.gate_order, v.rule, v.path))
        return views, not_shown_words(more)

    new_views, new_more = ranked(new, changes.new_findings)
    resolved_views, resolved_more = ranked(old, changes.resolved)
    waived_views, waived_more = ranked(new, changes.now_waived)
    return Comparison(
        old_path=old.path,
        old_assessed_on=old.assessment.initiative.assessed_on,
        same_initiative=changes.same_initiative,
        old_level=old.level,
        new_level=new.level,
        old_score=old.score,
        new_score=new.score,
        old_verdict=_(VERDICT_LABELS[old.verdict]),
        new_verdict=_(VERDICT_LABELS[new.verdict]),
        gates=[
            GateDelta(g.id.order, g.id.title, g.old_score, g.new_score, g.old_passed,
                      g.new_passed, _(advice.STATUS_WORDS[Status(g.old_status)]),
                      _(advice.STATUS_WORDS[Status(g.new_status)]))
            for g in changes.gates
        ],
        new_findings=new_views,
        resolved_findings=resolved_views,
        waived_findings=waived_views,
        new_count=len(changes.new_findings),
        resolved_count=len(changes.resolved),
        waived_count=len(changes.now_waived),
        questionnaire_note=questionnaire_note(old, new),
        new_not_shown=new_more,
        resolved_not_shown=resolved_more,
        waived_not_shown=waived_more,
    )


# --- the report -------------------------------------------------------------------------


class Report(NamedTuple):
    header: Header
    gates: list[GateRow]
    timeline: Timeline
    findings: list[SeverityGroup]
    waived: list[FindingView]
    decisions: list[AuthorityColumn]
    escalation_path: str
    autonomy_level: str
    data: DataMap
    metrics: list[MetricRow]  # business and service metrics: the outcomes
    model_metrics: list[MetricRow]  # shown apart: model metrics, not outcomes
    roi: Roi | None
    governance: GovernanceView
    next_steps: list[advice.Step]
    questions: list[tuple[str, list[str]]]  # open questions by whom to ask, in plain words
    comparison: Comparison | None = None
    pack: str = ""
    today: date = date.min  # build() always passes the assessment's reference date
    stakeholders: list[StakeholderRow] = []  # noqa: RUF012 - a NamedTuple field, never mutated
    findings_not_shown: str = ""  # "3 more findings not shown: ..." (engine.not_shown_words)

    @property
    def active_count(self) -> int:
        return sum(len(group.findings) for group in self.findings)


def _every(cadence: timedelta) -> str:
    """'every 14 days' (French 'tous les 14 jours')."""
    return _("every {duration}").format(duration=duration(cadence))


def _unit(unit: str | None) -> str:
    """A metric's unit as the report shows it: `percent` (what the wizard writes for
    `22 %`) as the sign, any other as written."""
    return "%" if unit and unit.strip().lower() in PERCENT_UNITS else (unit or "")


def _figure(value: float, unit: str | None) -> str:
    """A figure with its unit: '13.2 minutes', '22%' (French '22 %')."""
    if _unit(unit) == "%":
        return i18n.number(value) + ("%" if i18n.active() == "en" else "\u00a0%")
    return i18n.number(value) + (f" {unit}" if unit else "")


def _friction(workflow: Workflow | None) -> str:
    """'average handle time: 13.2 minutes at baseline (2026-01-31)'."""
    friction = workflow.friction if workflow else None
    if friction is None or friction.metric is None:
        return ""
    text = friction.metric
    if friction.baseline is not None:
        text += _(": {value} at baseline").format(
            value=_figure(friction.baseline, friction.unit))
    if friction.measured_on:
        text += f" ({i18n.day(friction.measured_on)})"
    return text


def build(result: Result, previous: Result | None = None) -> Report:
    """The view-model of one assessment, and of what changed since `previous`."""
    initiative = result.assessment.initiative
    blocked = result.blocked_at
    steps = advice.next_steps(result)
    boundaries = result.assessment.decision_boundaries
    workflow = result.assessment.workflow
    header = Header(
        name=initiative.name,
        id=initiative.id,
        operator=initiative.operator or "",
        domain=initiative.domain.value,
        use_case=initiative.use_case.value,
        stage=initiative.stage.value,
        assessed_on=initiative.assessed_on,
        owner=_person(initiative.accountable_owner),
        assessors=[str(p) for p in initiative.assessors or []],
        jurisdictions=[j.value for j in result.assessment.jurisdictions],
        process=(workflow.process or "") if workflow else "",
        process_owner=_person(workflow.process_owner) if workflow else "",
        friction=_friction(workflow),
        path=result.path,
        headline=headline(result),
        verdict=result.verdict.value,
        verdict_label=_(VERDICT_LABELS[result.verdict]),
        level=result.level,
        score=result.score,
        pass_mark=result.thresholds.pass_mark,
        live=result.live,
        scaling=result.scaling,
        blocked_at=_("gate {order}, {gate}").format(order=blocked.order, gate=blocked.title)
        if blocked else "",
        counts={s.value: result.counts.get(s, 0) for s in Severity},
        problems={t.severity.value: t for t in advice.tallies(result.findings)},
        problems_text=advice.problems_in_words(result.findings),
        symptoms=advice.symptoms(steps),
        waived=len(result.waived),
    )
    return Report(
        header=header,
        gates=_gate_rows(result),
        timeline=_timeline(result),
        findings=_groups(result),
        waived=sorted((_finding(result, f) for f in result.waived),
                      key=lambda v: (v.gate_order, v.rule)),
        decisions=_decisions(result),
        escalation_path=(boundaries.escalation_path or "") if boundaries else "",
        autonomy_level=boundaries.autonomy_level.value
        if boundaries and boundaries.autonomy_level else "",
        data=_data_map(result),
        metrics=_metrics(result, operational=True),
        model_metrics=_metrics(result, operational=False),
        stakeholders=_stakeholders(result),
        roi=_roi(result, steps),
        governance=_governance(result),
        next_steps=steps,
        questions=[(person, [advice.question_words(q) for q in asked])
                   for person, asked in advice.by_whom(result.questions)],
        comparison=compare(previous, result) if previous is not None else None,
        pack=f"{result.pack.title} ({result.pack.ref})",
        today=result.today,
        findings_not_shown=not_shown_words(result.findings_not_shown),
    )

