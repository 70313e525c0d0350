"""Data pipeline rules (DAT): sources fresh enough, close to their system of record, owned,
and covering what the use case needs."""

from __future__ import annotations

from collections.abc import Iterator

from readiness.findings import Severity
from readiness.i18n import N_, _
from readiness.loader import Loc
from readiness.model import GateId, format_duration
from readiness.rules.base import Context, Hit, rule, words
from readiness.standards import MAX_HOPS, NEEDED_SOURCES
from readiness.words import duration, listing

_KIND_WORDS = {"crm": "CRM", "bss": N_("billing (BSS)"), "oss": N_("network operations (OSS)")}
"""Source kinds whose value is an acronym, as people write them."""


@rule(
    "DAT001",
    "stale-data",
    Severity.MAJOR,
    GateId.DATA_PIPELINE,
    severity_note="blocker when the initiative is live",
    principle="""Data that is older than the moment of decision allows, or copied two systems
    away from where it is mastered, makes the AI decide on a world that no longer exists.""",
    remediation="""Read the source closer to its system of record (an API or a stream instead
    of a nightly copy of a copy), or relax `max_staleness` only if the decision really
    tolerates older data.""",
    failing="""
    data_pipeline:
      status: in_progress
      decision_latency: PT2M
      sources:
        - {name: Billing data mart, kind: bss, owner: BI team, freshness: P1D, hops_from_system_of_record: 2}
    """,
    passing="""
    data_pipeline:
      status: in_progress
      decision_latency: PT2M
      sources:
        - {name: Billing API, kind: bss, owner: BSS team, freshness: PT30S, hops_from_system_of_record: 0}
    """,
    pattern="read data too stale for the decision it serves",
    step="A source is too old or too far from its system of record for the decision",
    steps="{n} sources are too old or too far from their system of record for the decision",
    advice="""Read the data closer to where it is kept (by API or stream, instead of a copy of
    a copy), or accept older data only if the decision really allows it.""",
)
def stale_data(ctx: Context) -> Iterator[Hit]:
    """A source's `freshness` exceeds its `max_staleness` (default: the pipeline's
    `decision_latency`), or a source is 2 or more hops from its system of record."""
    pipeline = ctx.assessment.data_pipeline
    if pipeline is None:
        return
    severity = Severity.BLOCKER if ctx.live else Severity.MAJOR
    for index, source in enumerate(pipeline.sources or []):
        loc = ("data_pipeline", "sources", index)
        # `is None`, not falsiness: a max_staleness of PT0S is a bound, not an absent one.
        own_bound = source.max_staleness is not None
        allowed = source.max_staleness if own_bound else pipeline.decision_latency
        if source.freshness is not None and allowed is not None and source.freshness > allowed:
            where = (*loc, "freshness")
            bound = "max_staleness" if own_bound else "decision_latency"
            age, limit = duration(source.freshness), duration(allowed)
            yield Hit(
                where,
                _("Source '{name}' is {age} old when read; the decision allows {limit} "
                  "({at}: {freshness}, {bound} {allowed})").format(
                    name=source.name, age=age, limit=limit, at=ctx.at(where),
                    freshness=format_duration(source.freshness), bound=bound,
                    allowed=format_duration(allowed)),
                severity=severity,
                subject=_("{name} ({age} old, {limit} allowed)").format(
                    name=source.name, age=age, limit=limit),
            )
        hops = source.hops_from_system_of_record
        if hops is not None and hops > MAX_HOPS:
            where = (*loc, "hops_from_system_of_record")
            yield Hit(
                where,
                _("Source '{name}' is {hops} systems behind its system of record "
                  "{detail}").format(name=source.name, hops=hops, detail=ctx.detail(where)),
                severity=severity,
                subject=_("{name} ({hops} systems behind)").format(name=source.name, hops=hops),
            )


@rule(
    "DAT002",
    "missing-source-kinds",
    Severity.MAJOR,
    GateId.DATA_PIPELINE,
    principle="""Each use case needs data from specific systems in production; a pilot that
    runs without them will not survive contact with real cases.""",
    remediation="""Map a source of every kind the use case needs (docs/format.md,
    `initiative.use_case`), with its owner and freshness, or change the use case if it really needs less.""",
    failing="""
    initiative: {use_case: billing_agent}
    data_pipeline:
      status: in_progress
      sources:
        - {name: Salesforce, kind: crm, owner: CRM team}
    """,
    passing="""
    initiative: {use_case: billing_agent}
    data_pipeline:
      status: in_progress
      sources:
        - {name: Salesforce, kind: crm, owner: CRM team}
        - {name: Amdocs billing, kind: bss, owner: BSS team}
        - {name: ServiceNow, kind: ticketing, owner: ITSM team}
    """,
    pattern="miss data sources the use case needs",
    step="The data the use case needs is not all mapped",
    advice="""Find where each missing kind of data comes from, who owns it and how fresh it
    is, or narrow the use case if it really needs less.""",
)
def missing_source_kinds(ctx: Context) -> Iterator[Hit]:
    """The sources do not cover every source kind the use case needs (docs/format.md,
    `initiative.use_case`); the message names the missing kinds."""
    doc = ctx.assessment
    have = {source.kind for source in doc.sources}
    missing = [kind.value for kind in NEEDED_SOURCES[doc.initiative.use_case] if kind not in have]
    if missing:
        said = listing([_(_KIND_WORDS[k]) if k in _KIND_WORDS else words(k) for k in missing])
        where: Loc = ("data_pipeline", "sources")
        if where not in ctx.document.positions:
            where = ("data_pipeline",)
        yield Hit(
            where,
            _("The {use_case} use case needs data the pipeline lacks: {said} ({at}: "
              "{kinds})").format(use_case=words(doc.initiative.use_case), said=said,
                                 at=ctx.at(where), kinds=", ".join(missing)),
            subject=_("{said} missing").format(said=said),
        )


@rule(
    "DAT003",
    "unowned-source",
    Severity.MAJOR,
    GateId.DATA_PIPELINE,
    principle="""A source nobody owns breaks silently: a schema change or an outage reaches
    the AI before anyone who could fix it hears of it.""",
    remediation="""Name an `owner` (team or person) for every source.""",
    failing="""
    data_pipeline:
      status: in_progress
      sources:
        - {name: Network alarms, kind: network_telemetry}
    """,
    passing="""
    data_pipeline:
      status: in_progress
      sources:
        - {name: Network alarms, kind: network_telemetry, owner: NOC tooling team}
    """,
    pattern="have a data source with no owner",
    step="A source has no owner",
    steps="{n} sources have no owner",
    advice="Name the team or person who owns each, and who hears first when it breaks.",
)
def unowned_source(ctx: Context) -> Iterator[Hit]:
    """A source has no `owner`."""
    for index, source in enumerate(ctx.assessment.sources):
        if source.owner is None:
            loc = ("data_pipeline", "sources", index)
            yield Hit(loc, _("Source '{name}' has no owner {detail}").format(
                name=source.name, detail=ctx.detail(loc)), subject=source.name)


RULES = [stale_data, missing_source_kinds, unowned_source]
