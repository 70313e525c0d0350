"""The assessment file as pydantic v2 models: every field, enum and constraint of
docs/format.md ("Field reference").

Validation is strict where a typo could hide: unknown keys are errors, numbers are not
read from strings, dates are ISO calendar dates and durations ISO 8601 durations. A gate
section that is absent is `not_started`. Turning pydantic's errors into positioned,
readable ones is `schema.py`'s job.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from readiness.i18n import N_, _


class GateId(StrEnum):
    WORKFLOW = "workflow"
    DATA_PIPELINE = "data_pipeline"
    INTEGRATION = "integration"
    DECISION_BOUNDARIES = "decision_boundaries"
    OUTCOMES = "outcomes"
    GOVERNANCE = "governance"

    @property
    def order(self) -> int:
        return GATE_ORDER.index(self) + 1

    @property
    def title(self) -> str:  # type: ignore[override]  # the gate's title, not str.title()
        """The gate's title in the active language (readiness.i18n)."""
        return _(GATE_TITLES[self])


GATE_ORDER: tuple[GateId, ...] = tuple(GateId)

GATE_TITLES = {
    GateId.WORKFLOW: N_("Workflow"),
    GateId.DATA_PIPELINE: N_("Data pipeline"),
    GateId.INTEGRATION: N_("Integration"),
    GateId.DECISION_BOUNDARIES: N_("Decision boundaries"),
    GateId.OUTCOMES: N_("Outcomes"),
    GateId.GOVERNANCE: N_("Governance"),
}


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"


class Domain(StrEnum):
    CUSTOMER_OPERATIONS = "customer_operations"
    NETWORK_OPERATIONS = "network_operations"
    BACK_OFFICE = "back_office"


class UseCase(StrEnum):
    AGENT_COPILOT = "agent_copilot"
    BILLING_AGENT = "billing_agent"
    CONVERSATION_AGENT = "conversation_agent"
    ORDER_MANAGEMENT = "order_management"
    FRAUD_DETECTION = "fraud_detection"
    CHURN_PREDICTION = "churn_prediction"
    SENTIMENT_ANALYSIS = "sentiment_analysis"
    TICKET_CLASSIFICATION = "ticket_classification"
    SELF_SERVICE = "self_service"
    PERSONALIZATION = "personalization"
    PREDICTIVE_MAINTENANCE = "predictive_maintenance"
    ANOMALY_DETECTION = "anomaly_detection"
    OTHER = "other"


class Stage(StrEnum):
    EXPLORATION = "exploration"
    PILOT = "pilot"
    LIMITED_ROLLOUT = "limited_rollout"
    PRODUCTION = "production"


class Jurisdiction(StrEnum):
    CA = "CA"
    CA_QC = "CA-QC"
    US = "US"
    US_CA = "US-CA"
    EU = "EU"
    UK = "UK"


class StakeholderGroup(StrEnum):
    INNOVATION = "innovation"
    IT = "it"
    BUSINESS = "business"
    NETWORK = "network"
    FINANCE = "finance"
    LEGAL = "legal"
    SECURITY = "security"
    OTHER = "other"


class SourceKind(StrEnum):
    CRM = "crm"
    OSS = "oss"
    BSS = "bss"
    NETWORK_TELEMETRY = "network_telemetry"
    TICKETING = "ticketing"
    INTERACTION_HISTORY = "interaction_history"
    KNOWLEDGE_BASE = "knowledge_base"
    OTHER = "other"


class Access(StrEnum):
    API = "api"
    STREAMING = "streaming"
    BATCH = "batch"
    MANUAL_EXPORT = "manual_export"


class Surface(StrEnum):
    AGENT_DESKTOP = "agent_desktop"
    CRM_CONSOLE = "crm_console"
    NOC_CONSOLE = "noc_console"
    FIELD_SERVICE_APP = "field_service_app"
    IVR = "ivr"
    CUSTOMER_APP = "customer_app"
    STANDALONE_PORTAL = "standalone_portal"
    OTHER = "other"


class Direction(StrEnum):
    READ = "read"
    WRITE = "write"
    READ_WRITE = "read_write"


class Interface(StrEnum):
    REST = "rest"
    TMF_OPEN_API = "tmf_open_api"
    EVENT_STREAM = "event_stream"
    BATCH = "batch"
    SCREEN_SCRAPE = "screen_scrape"
    MANUAL = "manual"


class Authority(StrEnum):
    AUTONOMOUS = "autonomous"
    APPROVAL_REQUIRED = "approval_required"
    RECOMMEND_ONLY = "recommend_only"
    PROHIBITED = "prohibited"


class AutonomyLevel(StrEnum):
    L0 = "L0"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    L4 = "L4"
    L5 = "L5"


class MetricKind(StrEnum):
    BUSINESS = "business"
    SERVICE = "service"
    MODEL = "model"
    COST = "cost"


class Better(StrEnum):
    DECREASE = "decrease"
    INCREASE = "increase"


class RegulationId(StrEnum):
    PIPEDA = "PIPEDA"
    CRTC = "CRTC"
    CASL = "CASL"
    QC_LAW25 = "QC_LAW25"
    GDPR = "GDPR"
    EU_AI_ACT = "EU_AI_ACT"
    UK_GDPR = "UK_GDPR"
    FCC_CPNI = "FCC_CPNI"
    CCPA = "CCPA"
    OTHER = "OTHER"


class ComplianceStatus(StrEnum):
    COMPLIANT = "compliant"
    IN_REVIEW = "in_review"
    GAP = "gap"
    NOT_ASSESSED = "not_assessed"


class ModelKind(StrEnum):
    LLM = "llm"
    CLASSIFIER = "classifier"
    REGRESSION = "regression"
    FORECASTING = "forecasting"
    RULES = "rules"
    OTHER = "other"


# --- scalar types -----------------------------------------------------------------------

# ISO 8601 allows a decimal fraction (`.` or `,`) on the last component: PT1.5H, P0,5D.
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_DURATION = re.compile(
    rf"^P(?!$)(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?=\d)(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)
DURATION_PATTERN = _DURATION.pattern


def parse_duration(value: Any) -> timedelta:
    """An ISO 8601 duration (`PT15M`, `P1D`); a year counts 365 days and a month 30."""
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "duration_type", "expected an ISO 8601 duration such as PT15M, PT2H or P1D"
        )
    return _duration(value)


@functools.lru_cache(maxsize=512)
def _duration(value: str) -> timedelta:
    """`parse_duration` of a string: files repeat the same few (`PT5M`, `P1D`)."""
    match = _DURATION.match(value.strip())
    present = [part for part in match.groups() if part] if match else []
    if not match or any(not part.isdigit() for part in present[:-1]):
        raise PydanticCustomError(
            "duration_format",
            "'{value}' is not an ISO 8601 duration; write for example PT15M (15 minutes), "
            "PT2H (2 hours) or P1D (1 day)",
            {"value": value},
        )
    years, months, weeks, days, hours, minutes, seconds = (
        float(part.replace(",", ".")) if part else 0.0 for part in match.groups()
    )
    try:
        return timedelta(
            days=years * 365 + months * 30 + weeks * 7 + days,
            hours=hours,
            minutes=minutes,
            seconds=seconds,
        )
    except OverflowError:
        raise PydanticCustomError(
            "duration_range", "'{value}' is too long a duration", {"value": value}
        ) from None


def format_duration(value: timedelta) -> str:
    """A timedelta back in ISO 8601 form, for messages: 90 seconds -> PT1M30S."""
    seconds = int(value.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = "P" + (f"{days}D" if days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    clock += f"{secs}S" if secs else ""
    if clock:
        text += "T" + clock
    return text if text != "P" else "PT0S"


EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
"""Dates a file may hold (docs/reliability.md, "Limits"): every report can place them on
its timeline, with room on either side."""


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError(
            "date_type", "expected a calendar date such as 2026-03-15, not a date and time"
        )
    if isinstance(value, str) and _DATE.match(value):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, date):
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise PydanticCustomError(
                "date_range",
                "{value} is outside the dates a report can show: "
                "1900-01-01 to 2199-12-31",
                {"value": value.isoformat()},
            )
        return value
    if isinstance(value, str):
        raise PydanticCustomError(
            "date_format",
            "'{value}' is not a calendar date; write YYYY-MM-DD, e.g. 2026-03-15",
            {"value": value},
        )
    raise PydanticCustomError("date_type", "expected an ISO 8601 date such as 2026-03-15")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {"type": "string", "pattern": DURATION_PATTERN, "description": "ISO 8601 duration"}
    ),
]
Day = Annotated[
    date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""An id: lowercase letters, digits and dashes (an initiative, a pack, a criterion)."""
CURRENCY_PATTERN = r"^[A-Z]{3}$"
"""An ISO 4217 currency code (a limit's, the ROI's)."""

# Limits on what a file may hold (docs/reliability.md). Numbers are finite and at most a
# quadrillion in size, so that sums, differences and ratios of them stay finite floats;
# every list holds at most MAX_ITEMS items, so that reports stay readable and the rules'
# work stays bounded. The loader limits the file's size, depth and string length.
MAX_NUMBER = 10**15
MAX_ITEMS = 1000

Text = Annotated[StrictStr, Field(min_length=1)]
Count = Annotated[StrictInt, Field(ge=0, le=MAX_NUMBER)]
# StrictFloat takes ints too (5 -> 5.0) but never strings or booleans.
Amount = Annotated[StrictFloat, Field(ge=0, le=MAX_NUMBER, allow_inf_nan=False)]
Number = Annotated[StrictFloat, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False)]
Ratio = Annotated[StrictFloat, Field(ge=0, le=1, allow_inf_nan=False)]
T = TypeVar("T")
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]
"""A list in the file: `Items[Source]`."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, str_strip_whitespace=False)


class PersonRecord(_Model):
    """A person or team: `name`, `role`, or both."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["name"]}, {"required": ["role"]}]}
    )

    name: Text | None = Field(
        None,
        description="The person's or team's name. Example: Priya Raman; CRM platform team.",
    )
    role: Text | None = Field(
        None,
        description="Their role or job title. Example: VP Customer Care; NOC shift lead.",
    )

    @model_validator(mode="after")
    def _one_of(self) -> PersonRecord:
        if self.name is None and self.role is None:
            raise PydanticCustomError("person", "a person needs a name, a role, or both")
        return self

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.role) if part)


def _person(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


Person = Annotated[
    PersonRecord,
    # The schema shows what a file may hold: a string, or a mapping with a name or a role.
    BeforeValidator(_person, json_schema_input_type=Text | PersonRecord),
]


# --- gates ------------------------------------------------------------------------------


class Gate(_Model):
    """Fields every gate section has."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"status": {"const": "complete"}}, "required": ["status"]},
            "then": {
                "required": ["completed_on"],
                "properties": {"completed_on": {"type": "string"}},
            },
            "else": {"properties": {"completed_on": {"type": "null"}}},
        }
    )

    status: Status = Field(
        description="Where this gate's work stands: not_started = nobody has worked on it yet (the "
        "same as leaving the section out); in_progress = work has begun but what the gate must "
        "establish is not all in place; complete = the work is done and signed off, with a "
        "completed_on date. Example: in_progress while the data owners are still being named. "
        "Passing: complete, with a score of at least the pass mark (70 by default) and no unwaived "
        "blocker.",
    )
    started_on: Day | None = Field(
        None,
        description="The day work on this gate began, as YYYY-MM-DD. Example: 2026-01-12. Passing: "
        "not before the gate before it is complete; work started earlier is work out of order "
        "(SEQ002, SEQ003).",
    )
    completed_on: Annotated[Day | None, Field(validate_default=True)] = Field(
        None,
        description="The day this gate's work was signed off as complete, as YYYY-MM-DD: required "
        "when status is complete, not allowed otherwise. Example: 2026-02-02. Passing: not before "
        "started_on, nor before an earlier gate's completed_on (SEQ003).",
    )
    notes: StrictStr | None = Field(
        None,
        description="Free text for the assessors: context, caveats, what is left to do. Example: "
        "Data owners agreed at the March data council; the OSS feed is still pending.",
    )
    evidence: Items[Text] | None = Field(
        None,
        description="Links or document names that back this gate's answers, one per item. Example: "
        "the signed-off process map on the intranet; WFM report January 2026.",
    )

    @field_validator("completed_on", mode="after")
    @classmethod
    def _completion(cls, value: date | None, info: ValidationInfo) -> date | None:
        status = info.data.get("status")
        if status is None:  # status itself is invalid or missing: reported there
            return value
        if status == Status.COMPLETE and value is None:
            raise PydanticCustomError(
                "completed_on_required", "completed_on is required when status is complete"
            )
        if status != Status.COMPLETE and value is not None:
            raise PydanticCustomError(
                "completed_on_not_allowed",
                "completed_on is only allowed when status is complete (status is {status})",
                {"status": str(status)},
            )
        started = info.data.get("started_on")
        if value is not None and started is not None and value < started:
            raise PydanticCustomError(
                "completed_before_started",
                "completed_on {completed} is before started_on {started}",
                {"completed": value.isoformat(), "started": started.isoformat()},
            )
        return value

    @property
    def active(self) -> bool:
        return self.status != Status.NOT_STARTED


class Users(_Model):
    role: Text | None = Field(
        None,
        description="Who does the work of the process today, as a role. Example: tier-1 care "
        "agents; NOC engineers; field technicians.",
    )
    count: Count | None = Field(
        None,
        description="How many people do that work, a whole number. Example: 1200 (tier-1 agents); "
        "40 (NOC engineers).",
    )


class Friction(_Model):
    metric: Text | None = Field(
        None,
        description="The measure that shows the pain of the process today. Example: average handle "
        "time, first contact resolution, repeat contact rate, cost per contact, mean time to "
        "repair, truck rolls. Passing: a metric, its unit and its baseline together.",
    )
    unit: Text | None = Field(
        None,
        description="What the metric is counted in. Example: minutes; percent; truck rolls per "
        "month.",
    )
    baseline: Number | None = Field(
        None,
        description="The metric's value today, before the AI, as a number in its unit (it may be "
        "negative, as an NPS can be). Example: 11.4 for 11.4 minutes of handle time; 18 for a "
        "repeat contact rate of 18 percent; 27 for 27 minutes to detect a cell outage.",
    )
    measured_on: Day | None = Field(
        None,
        description="The day the baseline was measured, as YYYY-MM-DD. Example: 2026-01-31, the "
        "end of the month the report covers.",
    )
    source: Text | None = Field(
        None,
        description="Where the baseline comes from, so that someone else can check it. Example: "
        "contact-centre WFM report; monthly MTTR extract from the trouble-ticket system.",
    )


class Workflow(Gate):
    process: Text | None = Field(
        None,
        description="The one operational process the AI improves, named precisely. Example: Tier-1 "
        "billing dispute handling in the consumer contact centre (not 'customer care'); RAN "
        "radio-unit fault handling from alarm to repair. Passing: one named process with its "
        "process owner.",
    )
    process_owner: Person | None = Field(
        None,
        description="The person who runs the process day to day and can change how it works: a "
        "name, a role, or both. Example: Dana Cho, Director, Care Operations. Passing: named.",
    )
    users: Users | None = Field(
        None,
        description="Who does the work of the process today, and how many of them. Example: 1200 "
        "tier-1 care agents (role: tier-1 care agents, count: 1200).",
    )
    friction: Friction | None = Field(
        None,
        description="The measured pain of the process: a metric, its unit, its value today, when "
        "and where it was measured. Example: average handle time, 11.4 minutes, from the WFM "
        "report of January 2026. Passing: metric, unit and baseline present.",
    )
    monthly_volume: Count | None = Field(
        None,
        description="How many times the process runs in a month, a whole number. Example: 180000 "
        "billing disputes a month; 4000 radio-unit faults a month.",
    )
    scope: Text | None = Field(
        None,
        description="What the first deployment covers, and what it leaves out. Example: disputes "
        "under 500 CAD on consumer postpaid accounts; LTE and 5G macro sites in two regions, small "
        "cells excluded.",
    )


class Source(_Model):
    name: Text = Field(
        description="The system the data comes from, as people call it. Example: Salesforce "
        "Service Cloud; fault management (NetAct); the nightly CRM extract in the data lake.",
    )
    kind: SourceKind = Field(
        description="What kind of system it is: crm = customer accounts and contacts; oss = "
        "operations support (fault, performance, inventory, workforce management); bss = business "
        "support (billing, charging, orders, product catalogue); network_telemetry = counters, "
        "alarms, logs and streaming telemetry from the network; ticketing = trouble tickets and "
        "cases; interaction_history = calls, chats, e-mails and their transcripts; knowledge_base "
        "= articles and procedures; other = anything else. Example: the billing system is bss. "
        "Passing: together the sources cover every kind the use case needs (DAT002): "
        "ticket_classification needs ticketing, crm and oss.",
    )
    owner: Person | None = Field(
        None,
        description="The team or person who answers for this source: its quality, its access and "
        "its changes. Example: CRM platform team. Passing: every source has an owner (DAT003).",
    )
    access: Access | None = Field(
        None,
        description="How the AI gets the data: api = asks the system when it needs it; streaming = "
        "receives events as they happen (Kafka, streaming telemetry); batch = scheduled bulk "
        "loads, such as a nightly file; manual_export = someone exports it by hand. Example: "
        "alarms arrive by streaming; the CRM is read by api. Passing: known for every source; "
        "batch and manual exports are rarely fresh enough for a decision taken in minutes.",
    )
    freshness: Duration | None = Field(
        None,
        description="How old the data can be when the AI reads it, at worst, as an ISO 8601 "
        "duration: PT5M = 5 minutes, PT1H = 1 hour, P1D = 1 day. Example: the nightly CRM extract "
        "is up to 1 day old (P1D); a live API read is under 1 minute (PT1M). Passing: no older "
        "than the workflow's decision latency, or than this source's max_staleness when it has one "
        "(DAT001).",
    )
    max_staleness: Duration | None = Field(
        None,
        description="How old this one source may be, when it may be older than the decision "
        "latency, as an ISO 8601 duration; leave it out to use data_pipeline.decision_latency. "
        "Example: the product catalogue changes once a month, so P1D is enough for it even when "
        "decisions take 2 minutes (PT2M). Passing: freshness no older than this (DAT001).",
    )
    hops_from_system_of_record: Count | None = Field(
        None,
        description="How many copies lie between the system of record and what the AI reads, a "
        "small whole number: 0 = read directly from the system of record; 1 = a copy (a replica, a "
        "data-lake table); 2 = a copy of a copy. Example: 0 for the live billing API; 1 for the "
        "CRM extract in the data lake. Passing: 0 or 1; 2 or more is a finding (DAT001).",
    )
    personal_information: StrictBool | None = Field(
        None,
        description="Whether the source holds information about identifiable people (names, "
        "account numbers, call records, locations): true or false. Example: true for the CRM; "
        "false for cell-site performance counters. Passing: when true, a privacy regulation is "
        "compliant or in review (GOV005).",
    )
    quality_checks: Items[Text] | None = Field(
        None,
        description="The checks run on this source's data, one per item. Example: completeness of "
        "account id; duplicate contacts; alarms with no site id.",
    )


class DataPipeline(Gate):
    decision_latency: Duration | None = Field(
        None,
        description="How fresh the data must be at the moment the decision is taken, as an ISO "
        "8601 duration: PT2M = 2 minutes, PT1H = 1 hour, P1D = 1 day. Example: an agent settling a "
        "billing dispute decides within 2 minutes (PT2M); a dispatch decision can wait an hour "
        "(PT1H). Passing: every source's freshness is within it (DAT001).",
    )
    sources: Items[Source] | None = Field(
        None,
        description="Every system the workflow's data comes from, one entry per system, with its "
        "kind, owner, access path, freshness and distance from the system of record. Example: "
        "Salesforce Service Cloud (crm, owned by the CRM platform team, read by api, 1 minute old, "
        "0 hops). Passing: every source owned (DAT003), fresh enough and at most 1 hop away "
        "(DAT001), and every kind the use case needs present (DAT002).",
    )


class Touchpoint(_Model):
    system: Text = Field(
        description="A system the AI reads from or writes to. Example: Salesforce Service Cloud; "
        "the trouble-ticket system (ServiceNow).",
    )
    direction: Direction | None = Field(
        None,
        description="Which way data flows between the AI and the system: read = the AI only reads "
        "from it; write = the AI only writes to it; read_write = both. Example: the AI reads "
        "account history from the CRM and writes a case note back (read_write).",
    )
    interface: Interface | None = Field(
        None,
        description="How the AI connects to the system: rest = the product's REST or other web "
        "API; tmf_open_api = a TM Forum Open API such as TMF621 Trouble Ticket or TMF629 Customer "
        "Management; event_stream = events on a bus such as Kafka; batch = scheduled file "
        "transfers; screen_scrape = reading or typing into a screen as a person would; manual = a "
        "person copies the data across. Example: tickets are opened through TMF621 (tmf_open_api). "
        "Passing: known for every touchpoint; screen_scrape and manual break at scale.",
    )
    tmf_api: Annotated[StrictStr, Field(pattern=r"^TMF[0-9]{3}$")] | None = Field(
        None,
        description="The TM Forum Open API used, when the interface is tmf_open_api: TMF and three "
        "digits. Example: TMF621 (Trouble Ticket), TMF629 (Customer Management), TMF642 (Alarm "
        "Management).",
    )


class SecurityReview(_Model):
    status: Status | None = Field(
        None,
        description="Where the security review of the AI's access to systems and data stands: "
        "not_started = not begun; in_progress = under way; complete = signed off by security. "
        "Example: in_progress while the penetration test is scheduled. Passing: complete before "
        "real users reach the AI (INT003, a blocker once live).",
    )
    completed_on: Day | None = Field(
        None,
        description="The day the security review was signed off, as YYYY-MM-DD. Example: "
        "2026-04-02.",
    )


class Integration(Gate):
    surface: Surface | None = Field(
        None,
        description="Where users meet the AI: agent_desktop = the contact-centre agent's desktop; "
        "crm_console = inside the CRM screens; noc_console = the network operations centre's "
        "console; field_service_app = the technicians' mobile app; ivr = the phone menu; "
        "customer_app = the operator's app or website for customers; standalone_portal = a "
        "separate new tool people must open; other = anywhere else. Example: a billing copilot in "
        "the agent_desktop. Passing: anything but standalone_portal, so that the AI lives in a "
        "tool people already use (INT001).",
    )
    embedded_in_existing_tool: StrictBool | None = Field(
        None,
        description="Whether the AI appears inside a tool its users already work in every day, "
        "rather than a new window they must open: true or false. Example: true for a panel in the "
        "agent desktop or the NOC console; false for a separate web page. Passing: true (INT001).",
    )
    touchpoints: Items[Touchpoint] | None = Field(
        None,
        description="Every system the AI reads from or writes to, with the direction and the "
        "interface. Example: Salesforce Service Cloud, read_write, rest; the trouble-ticket "
        "system, write, tmf_open_api (TMF621). Passing: every touchpoint has its interface.",
    )
    latency_budget_ms: Count | None = Field(
        None,
        description="How long the AI may take to answer before it gets in the way of the work, in "
        "milliseconds: from the user's request, or the event, to the AI's answer. Example: 1500 "
        "(1.5 seconds) for a suggestion in the agent desktop during a call; 60000 (1 minute) for "
        "alarm correlation in the NOC. Passing: set.",
    )
    fallback: Text | None = Field(
        None,
        description="What users do when the AI is down or too slow, in plain words. Example: the "
        "agent continues with the standard dispute script and the copilot panel shows "
        "'unavailable'. Passing: written down (INT002).",
    )
    security_review: SecurityReview | None = Field(
        None,
        description="The security review of the AI's access to systems and data: its status and "
        "when it was completed. Example: status complete, completed on 2026-04-02. Passing: "
        "complete before going live (INT003).",
    )
    live_since: Day | None = Field(
        None,
        description="The first day real users could reach the AI in real work (not a demo, not a "
        "test), as YYYY-MM-DD; leave it out while it is not live. Example: 2026-04-10, when the "
        "first 40 agents got the copilot. Once it is set the initiative counts as live: decision "
        "boundaries, the security review and governance must already be in place (SEQ005, INT003, "
        "GOV001).",
    )


class Limit(_Model):
    amount: Amount | None = Field(
        None,
        description="The most a single autonomous action may commit, in the limit's currency; 0 is "
        "valid and means an action with no money involved. Example: 5 for a 5 CAD late-fee waiver; "
        "0 for routing a ticket. Passing: every autonomous action has one (DEC001), at most the "
        "high-value limit (500 by default, DEC002).",
    )
    currency: Annotated[StrictStr, Field(pattern=CURRENCY_PATTERN)] | None = Field(
        None,
        description="The currency of the amount, as a three-letter ISO 4217 code. Example: CAD; "
        "USD; EUR.",
    )


class Action(_Model):
    action: Text = Field(
        description="One thing the AI can do or recommend, in plain words. Example: waive a "
        "late-payment fee; route a ticket to a resolver group; push a configuration change to a "
        "cell.",
    )
    authority: Authority = Field(
        description="What the AI may do with this action: autonomous = acts alone, within a limit; "
        "approval_required = acts once a named person approves; recommend_only = suggests, and a "
        "person decides and acts; prohibited = must never do it. Example: a 5 CAD fee waiver may "
        "be autonomous; a 50,000 CAD contract change is prohibited. Passing: every autonomous "
        "action has a limit (DEC001), every approval an approver (DEC004), and at least one action "
        "is prohibited (DEC003).",
    )
    limit: Limit | None = Field(
        None,
        description="For an autonomous action, how far it may go: an amount and its currency; "
        "amount 0 for an action with no money involved. Example: amount 5, currency CAD for a fee "
        "waiver; amount 0 for ticket routing. Passing: present for every autonomous action "
        "(DEC001).",
    )
    approver: Person | None = Field(
        None,
        description="For an approval_required action, the person or role who approves it. Example: "
        "team lead; change advisory board. Passing: present for every approval_required action "
        "(DEC004).",
    )
    rationale: Text | None = Field(
        None,
        description="Why this authority fits this action, and when it may run. Example: low value, "
        "high volume, reversible; only inside the approved change window.",
    )


class DecisionBoundaries(Gate):
    actions: Items[Action] | None = Field(
        None,
        description="Every action the AI can take or recommend, each with its authority. Example: "
        "waive a late fee (autonomous, up to 5 CAD); credit a disputed bill (approval_required, "
        "team lead); change a contract (prohibited). Passing: at least one action; every "
        "autonomous action bounded (DEC001, DEC002), every approval with an approver (DEC004), at "
        "least one action prohibited (DEC003).",
    )
    escalation_path: Text | None = Field(
        None,
        description="Who takes over when the AI is unsure or wrong, in order. Example: team lead, "
        "then the billing operations duty manager; NOC shift lead, then the RAN duty engineer. "
        "Passing: written down.",
    )
    autonomy_level: AutonomyLevel | None = Field(
        None,
        description="The TM Forum autonomous networks level the initiative targets: L0 = manual; "
        "L1 = assisted (the system suggests, people act); L2 = partial (automates some tasks under "
        "rules people set); L3 = conditional (acts alone in known situations, people take over "
        "otherwise); L4 = high (acts alone in nearly all situations); L5 = full autonomy. Example: "
        "L2 for alarm correlation that opens tickets on its own.",
    )


class Metric(_Model):
    name: Text = Field(
        description="What is measured, as people call it. Example: average handle time; mean time "
        "to repair; churn rate; F1 score.",
    )
    kind: MetricKind = Field(
        description="What the metric measures: business = what the operation is run for (churn, "
        "revenue, handle time, cost per contact); service = the service customers or the network "
        "get (first contact resolution, mean time to repair, outage minutes); model = the model "
        "itself (accuracy, F1, AUC); cost = what running the AI costs. Example: churn rate is "
        "business; mean time to repair is service; F1 is model. Passing: at least one business or "
        "service metric with a baseline and a target (OUT001); model metrics alone do not count.",
    )
    unit: Text | None = Field(
        None,
        description="What the metric is counted in. Example: minutes; percent; truck rolls per "
        "month; CAD per contact.",
    )
    direction: Better | None = Field(
        None,
        description="Which way is better: decrease (handle time, churn, truck rolls) or increase "
        "(first contact resolution, NPS). Example: decrease for mean time to repair. It tells the "
        "rules whether the current value is better or worse than the baseline.",
    )
    baseline: Number | None = Field(
        None,
        description="The metric's value before the AI, in its unit (it may be negative, as an NPS "
        "can be). Example: 11.4 for 11.4 minutes of handle time; 18 for a churn rate of 18 "
        "percent. Passing: every business or service metric has one (OUT003).",
    )
    target: Number | None = Field(
        None,
        description="The value the AI should bring the metric to, in its unit. Example: 8.5 "
        "(minutes of handle time). Passing: at least one business or service metric has a baseline "
        "and a target (OUT001).",
    )
    current: Number | None = Field(
        None,
        description="The metric's latest measured value with the AI, in its unit. Example: 9.6 "
        "(minutes). Passing: once live, no worse than the baseline (SEQ006, OUT004), and after 90 "
        "days live at least 25% of the way from baseline to target (OUT004).",
    )
    measured_on: Day | None = Field(
        None,
        description="The day the current value was measured, as YYYY-MM-DD. Example: 2026-11-01.",
    )
    owner: Person | None = Field(
        None,
        description="The person or team who answers for this metric. Example: Dana Cho, Director, "
        "Care Operations. Passing: every business or service metric has an owner (OWN002).",
    )

    @property
    def operational(self) -> bool:
        """Business and service metrics measure the operation, not the model."""
        return self.kind in (MetricKind.BUSINESS, MetricKind.SERVICE)


class OneTimeCosts(_Model):
    integration: Amount | None = Field(
        None,
        description="The one-time cost of building the AI into the systems and tools, in the ROI's "
        "currency. Example: 650000 for the CRM, billing and agent-desktop integration; 400000 for "
        "the fault-management, inventory and NOC-console integration. Passing: "
        "stated, 0 included (OUT002).",
    )
    change_management: Amount | None = Field(
        None,
        description="The one-time cost of changing how people work (training, new procedures, "
        "communication), in the ROI's currency. Example: 180000 to train 1200 agents; 60000 for "
        "new NOC runbooks and 40 engineers' training. Passing: "
        "stated, 0 included (OUT002).",
    )
    other: Amount | None = Field(
        None,
        description="Any other one-time cost, in the ROI's currency. Example: 50000 for licences "
        "bought up front; 0 when there is none.",
    )


class Roi(_Model):
    currency: Annotated[StrictStr, Field(pattern=CURRENCY_PATTERN)] | None = Field(
        None,
        description="The currency of every amount in the ROI, as a three-letter ISO 4217 code. "
        "Example: CAD.",
    )
    horizon_years: Annotated[StrictFloat, Field(gt=0, le=50)] | None = Field(
        None,
        description="Over how many years the ROI counts benefits and run costs: more than 0, at "
        "most 50. Example: 3.",
    )
    annual_benefit: Amount | None = Field(
        None,
        description="The benefit a year, in currency, not a percentage. Example: 2900000 (CAD a "
        "year); '15% less churn' is a basis, not a benefit. Passing: present (OUT002).",
    )
    benefit_basis: Text | None = Field(
        None,
        description="How the benefit is computed, so that finance can check it. Example: 2.9 "
        "minutes of handle time saved x 180000 contacts a month x 0.46 CAD a minute; 350 truck "
        "rolls avoided a month x 420 CAD a roll.",
    )
    one_time_costs: OneTimeCosts | None = Field(
        None,
        description="What it costs once to get the AI into production: integration, change "
        "management and anything else. Example: integration 650000, change_management 180000, "
        "other 0. Passing: integration and change_management both stated (OUT002).",
    )
    annual_run_cost: Amount | None = Field(
        None,
        description="What running the AI costs a year (hosting, licences, model calls, support), "
        "in the ROI's currency. Example: 240000.",
    )

    @property
    def one_time_total(self) -> float:
        """The one-time costs stated; a cost left out counts as zero."""
        costs = self.one_time_costs
        if costs is None:
            return 0.0
        return sum(c or 0.0 for c in (costs.integration, costs.change_management, costs.other))

    @property
    def net_benefit(self) -> float | None:
        """annual_benefit x horizon - one-time costs - annual_run_cost x horizon (a cost
        left out counts as zero); None without an annual benefit or a horizon."""
        if self.annual_benefit is None or self.horizon_years is None:
            return None
        run = (self.annual_run_cost or 0.0) * self.horizon_years
        return self.annual_benefit * self.horizon_years - self.one_time_total - run


class Outcomes(Gate):
    metrics: Items[Metric] | None = Field(
        None,
        description="The metrics that show whether the AI improves the operation, each with "
        "baseline, target, current value and owner. Example: average handle time (business, "
        "minutes, decrease) from 11.4 to 8.5, now 9.6, owned by Dana Cho. Passing: at least one "
        "business or service metric with a baseline and a target (OUT001), every such metric owned "
        "(OWN002) and with a baseline (OUT003).",
    )
    roi: Roi | None = Field(
        None,
        description="The return on investment, in currency: the benefit a year, the one-time and "
        "run costs, over a horizon. Example: 2.9 million CAD a year over 3 years, against 830000 "
        "CAD once and 240000 CAD a year to run. Passing: an annual benefit, and integration and "
        "change-management costs (OUT002).",
    )


class DriftMonitoring(_Model):
    enabled: StrictBool | None = Field(
        None,
        description="Whether something watches production for the data or the AI's results "
        "drifting from what it was built on (new plans, new equipment, seasonal load) and alerts "
        "someone: true or false. Example: true when the ML on-call is alerted as the input "
        "distribution or the override rate shifts. Passing: true once live (GOV001, a blocker in "
        "production).",
    )
    signals: Items[Text] | None = Field(
        None,
        description="What is watched for drift, one per item. Example: input distribution; "
        "override rate; share of tickets routed to 'other'.",
    )
    alert_owner: Person | None = Field(
        None,
        description="Who receives drift alerts and acts on them. Example: ML platform on-call.",
    )


class Retraining(_Model):
    cadence: Duration | None = Field(
        None,
        description="How often, at most, the AI is retrained or its prompts and knowledge "
        "refreshed, as an ISO 8601 duration: P90D = 90 days, P2W = 2 weeks, P1M = a month. "
        "Example: P90D (quarterly). Passing: set once live (GOV002).",
    )
    trigger: Text | None = Field(
        None,
        description="What, besides the calendar, starts a retraining. Example: a drift alert; a "
        "new tariff plan; a network software upgrade.",
    )
    owner: Person | None = Field(
        None,
        description="Who owns retraining. Example: ML platform team.",
    )


class EdgeCaseReview(_Model):
    cadence: Duration | None = Field(
        None,
        description="How often people review the cases the AI got wrong or could not handle "
        "(missed failures, false alarms, odd requests), as an ISO 8601 duration: P14D = every 2 "
        "weeks. Example: P14D. Passing: set once live (GOV006).",
    )
    owner: Person | None = Field(
        None,
        description="Who reviews them. Example: care quality team; NOC shift leads.",
    )


class OverrideTracking(_Model):
    enabled: StrictBool | None = Field(
        None,
        description="Whether every time a person overrules the AI is recorded: true or false. "
        "Example: true when the agent desktop or the NOC console logs each rejected suggestion "
        "with a reason. "
        "Passing: true.",
    )
    override_rate: Ratio | None = Field(
        None,
        description="The share of the AI's recommendations that people overrule, as a ratio from 0 "
        "to 1: 48% is written 0.48. Example: 0.12 when agents reject 12 suggestions in 100, or "
        "NOC engineers dismiss 12 alerts in 100. "
        "Passing: below 0.30 by default; from 0.30 it is a major finding and from 0.50 a blocker "
        "(GOV004).",
    )


class Regulation(_Model):
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"id": {"const": "OTHER"}}, "required": ["id"]},
            "then": {"required": ["name"], "properties": {"name": {"type": "string"}}},
        }
    )

    id: RegulationId = Field(
        description="Which regulation: PIPEDA = Canada's federal privacy law; CRTC = the Canadian "
        "telecom regulator's rules; CASL = Canada's anti-spam law; QC_LAW25 = Quebec's privacy law "
        "(Law 25); GDPR = the EU's data protection regulation; EU_AI_ACT = the EU's AI Act; "
        "UK_GDPR = the UK's data protection law; FCC_CPNI = the US rules on customer proprietary "
        "network information; CCPA = California's privacy law; OTHER = any other, named in name. "
        "Example: CA needs PIPEDA and CRTC; CA-QC adds QC_LAW25. Passing: every regulation a "
        "declared jurisdiction requires is listed (GOV003).",
    )
    status: ComplianceStatus = Field(
        description="Where compliance stands: compliant = reviewed and met; in_review = legal is "
        "reviewing it; gap = reviewed and not met yet; not_assessed = not looked at. Example: "
        "in_review while privacy counsel reads the data flows. Passing: compliant or in_review; "
        "gap or not_assessed on a regulation a jurisdiction requires is a blocker (GOV003).",
    )
    reviewed_on: Day | None = Field(
        None,
        description="The day compliance was last reviewed, as YYYY-MM-DD. Example: 2026-05-01.",
    )
    name: Text | None = Field(
        None,
        description="The regulation's name, needed only when id is OTHER. Example: Ontario "
        "Consumer Protection Act.",
    )

    @model_validator(mode="after")
    def _named(self) -> Regulation:
        if self.id == RegulationId.OTHER and not self.name:
            raise PydanticCustomError("regulation_name", "name is required when id is OTHER")
        return self


class Governance(Gate):
    drift_monitoring: DriftMonitoring | None = Field(
        None,
        description="Whether production is watched for drift, what is watched and who is alerted. "
        "Example: enabled, watching the input distribution and the override rate, alerts to the ML "
        "platform on-call. Passing: enabled once live (GOV001).",
    )
    retraining: Retraining | None = Field(
        None,
        description="How often and on what trigger the AI is retrained or refreshed, and who owns "
        "it. Example: every 90 days (P90D) or on a drift alert, by the ML platform team. Passing: "
        "a cadence once live (GOV002).",
    )
    edge_case_review: EdgeCaseReview | None = Field(
        None,
        description="How often the cases the AI got wrong are reviewed, and by whom. Example: "
        "every 2 weeks (P14D) by the care quality team. Passing: a cadence once live (GOV006).",
    )
    override_tracking: OverrideTracking | None = Field(
        None,
        description="Whether people's overrides of the AI are recorded, and how often they happen. "
        "Example: enabled, with an override rate of 0.12. Passing: tracked, and a rate below 0.30 "
        "by default (GOV004).",
    )
    regulations: Items[Regulation] | None = Field(
        None,
        description="The regulations that apply and where compliance stands with each. Each "
        "jurisdiction requires its own: CA needs PIPEDA and CRTC; CA-QC adds QC_LAW25; US needs "
        "FCC_CPNI; US-CA adds CCPA; EU needs GDPR and EU_AI_ACT; UK needs UK_GDPR. Example: "
        "PIPEDA compliant, CRTC compliant and QC_LAW25 in review for an initiative in CA and "
        "CA-QC. Passing: every regulation a declared jurisdiction requires is compliant or in "
        "review (GOV003) and, when a source holds personal information, a privacy regulation is "
        "too (GOV005).",
    )
    expansion_criteria: Text | None = Field(
        None,
        description="When the initiative may grow past its first scope, in measurable terms. "
        "Example: expand past 10% of agents when the handle-time target holds for 8 weeks and the "
        "override rate stays under 0.15; to a third region when mean time to detect holds under "
        "10 minutes for a quarter. Passing: written down.",
    )
    automated_decision_notice: StrictBool | None = Field(
        None,
        description="Whether people are told when a decision about them is made by the AI alone: "
        "Quebec Law 25 (s. 12.1) asks that the person be informed, be told on request the reasons "
        "and main factors, and be able to have a person review it. It matters only when the AI "
        "decides alone about a person; routing a ticket or correlating alarms decides nothing "
        "about anyone. Example: true when a customer whose fee waiver the AI refuses is told so "
        "and can ask an agent. Passing: true when CA-QC is declared, the initiative is live and an "
        "action is autonomous (GOV007); when no autonomous action concerns a person, accept GOV007 "
        "with a waiver that says so rather than answering false.",
    )
    incident_process: StrictBool | None = Field(
        None,
        description="Whether AI failures go through an incident process (who is called, how the AI "
        "is switched off, how users are told): true or false. Example: true when an AI outage "
        "opens a P2 incident in the NOC's usual process. Passing: true.",
    )
    audit_log: StrictBool | None = Field(
        None,
        description="Whether each AI decision or action is logged so that it can be traced later "
        "(input, output, who acted): true or false. Example: true when every suggestion and the "
        "agent's choice are kept for 2 years, or every ticket the AI opens names it as the "
        "author. Passing: true.",
    )


class OfflineMetric(_Model):
    name: Text | None = Field(
        None,
        description="A model metric measured offline, on test data. Example: accuracy; F1; AUC.",
    )
    value: Number | None = Field(
        None,
        description="Its value. Example: 0.93.",
    )


class ModelWork(_Model):
    kind: ModelKind | None = Field(
        None,
        description="What kind of AI it is: llm = a large language model, prompted; classifier = "
        "sorts things into categories; regression = predicts a number; forecasting = predicts a "
        "series over time (traffic, load); rules = hand-written rules; other = anything else. "
        "Example: llm for a care copilot; classifier for ticket classification.",
    )
    started_on: Day | None = Field(
        None,
        description="The day model work began (selecting, training or prompting a model), as "
        "YYYY-MM-DD. Example: 2026-02-15. Passing: not before the workflow gate is complete "
        "(SEQ001).",
    )
    offline_metrics: Items[OfflineMetric] | None = Field(
        None,
        description="The model's scores on test data, before production. Example: accuracy 0.93. "
        "They show that the model works, not that the operation improves: outcomes need business "
        "or service metrics.",
    )


class RolloutStep(_Model):
    on: Day | None = Field(
        None,
        description="The day the number of enabled users changed, as YYYY-MM-DD. Example: "
        "2026-04-10.",
    )
    users_enabled: Count | None = Field(
        None,
        description="How many users had the AI from that day. Example: 40.",
    )


class Rollout(_Model):
    users_enabled: Count | None = Field(
        None,
        description="How many users have the AI today. Example: 40 (of 1200 agents). Past the "
        "pilot cohort (10% of users_total by default) the initiative counts as scaling, and "
        "governance must then be complete (SEQ004).",
    )
    users_total: Count | None = Field(
        None,
        description="How many users the AI is meant for in the end. Example: 1200 (agents).",
    )
    history: Items[RolloutStep] | None = Field(
        None,
        description="How the number of enabled users grew, one step per change. Example: 40 on "
        "2026-04-10, then 120 on 2026-06-08.",
    )


class Waiver(_Model):
    rule: Annotated[StrictStr, Field(min_length=1)] = Field(
        description="The ID of the rule whose finding is accepted for a while. Example: OUT002.",
    )
    reason: Text = Field(
        description="Why the finding is accepted for now, in plain words. Example: ROI model under "
        "finance review until January.",
    )
    approved_by: Person = Field(
        description="Who accepted the risk: a person with the authority to. Example: Office of the "
        "CFO.",
    )
    expires_on: Day = Field(
        description="The last day the waiver holds, as YYYY-MM-DD; after it the finding counts "
        "again and WAI001 is raised. Example: 2027-01-31.",
    )

    def holds_on(self, day: date) -> bool:
        """Whether the waiver still holds on `day`: through its `expires_on` day."""
        return day <= self.expires_on


class OpenQuestion(_Model):
    """An answer nobody has yet, addressed to whoever can give it (docs/format.md,
    "Open questions"). `field` is a path of the format, list indices allowed; whether the
    format knows it is checked with the rest of the file's errors."""

    field: Annotated[StrictStr, Field(min_length=1, max_length=300)] = Field(
        description="The field the answer fills, as a path of this format, list positions counted "
        "from 0. Example: data_pipeline.sources[0].freshness.",
    )
    ask: Person = Field(
        description="Who can answer: a person or a team. Example: Data engineering (Marc Roy).",
    )
    raised_on: Day = Field(
        description="The day the question was raised, as YYYY-MM-DD. Example: 2026-11-20. Passing: "
        "answered within 30 days (OPN002) and before its gate is marked complete (OPN001).",
    )
    note: Text | None = Field(
        None,
        description="What exactly to ask, for whoever answers. Example: worst-case age of the "
        "nightly CRM extract.",
    )

    @property
    def gate(self) -> GateId:
        """The gate whose work the answer belongs to: the gate section the field is in;
        `initiative.*`, `model.*` and anything else outside a gate: workflow;
        `rollout.*`: governance."""
        head = re.split(r"[.\[]", self.field, maxsplit=1)[0]
        if head == "rollout":
            return GateId.GOVERNANCE
        return GateId(head) if head in GATE_TITLES else GateId.WORKFLOW


class Stakeholder(_Model):
    group: StakeholderGroup | None = Field(
        None,
        description="Which side of the operator: innovation, it, business, network, finance, "
        "legal, security or other. Example: business, for care operations.",
    )
    name: Text | None = Field(
        None,
        description="The group's or person's name. Example: AI Lab; Care Operations.",
    )
    success_measure: Text | None = Field(
        None,
        description="What this group counts as success. Example: average handle time; models "
        "shipped. Passing: at least one group's measure is a business or service metric of the "
        "initiative, and no group's is a model measure such as accuracy (OWN003).",
    )


class Initiative(_Model):
    id: Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=100)] = Field(
        description="A short, stable identifier: lowercase letters, digits and dashes, not "
        "starting with a dash. It matches assessments of the same initiative over time and is "
        "unique in a portfolio. Example: billing-dispute-copilot.",
    )
    name: Text = Field(
        description="The initiative's name, as a steering committee knows it. Example: Billing "
        "dispute agent copilot.",
    )
    operator: Text | None = Field(
        None,
        description="The operator (company) running it. Example: Northwind Telecom.",
    )
    domain: Domain = Field(
        description="The part of the operator it serves: customer_operations = contact centre, "
        "billing, retention, self-service; network_operations = NOC, field operations, network "
        "planning; back_office = finance, HR, procurement and other internal work. Example: "
        "network_operations for predictive maintenance of radio units. It picks the questionnaire "
        "pack that scores the file, unless one is named.",
    )
    use_case: UseCase = Field(
        description="What the AI does; it decides the source kinds the data pipeline must cover "
        "(DAT002): agent_copilot needs crm, interaction_history, network_telemetry; billing_agent "
        "crm, bss, ticketing; conversation_agent crm, knowledge_base; order_management crm, bss, "
        "oss; fraud_detection bss, network_telemetry; churn_prediction crm, bss, "
        "network_telemetry; sentiment_analysis interaction_history; ticket_classification "
        "ticketing, crm, oss; self_service crm, knowledge_base, network_telemetry; personalization "
        "crm, bss; predictive_maintenance network_telemetry, oss; anomaly_detection "
        "network_telemetry; other nothing in particular. Example: ticket_classification for "
        "routing trouble tickets to resolver groups.",
    )
    stage: Stage = Field(
        description="Where the initiative is: exploration = ideas and experiments; pilot = a small "
        "group tries it in real work; limited_rollout = real users in part of the operation (some "
        "regions, some teams); production = the normal way of working. Example: pilot, with 40 "
        "agents. limited_rollout and production count as live and scaling: decision boundaries, "
        "the security review and governance must then be done (SEQ004, SEQ005, INT003).",
    )
    jurisdictions: Items[Jurisdiction] | None = Field(
        None,
        description="Where the initiative runs, which decides the regulations it must assess "
        "(GOV003): CA = Canada (PIPEDA, CRTC); CA-QC = Quebec (adds QC_LAW25); US = United States "
        "(FCC_CPNI); US-CA = California (adds CCPA); EU = European Union (GDPR, EU_AI_ACT); UK = "
        "United Kingdom (UK_GDPR). Example: CA and CA-QC for a Canadian operator with customers in "
        "Quebec.",
    )
    accountable_owner: Person | None = Field(
        None,
        description="The one person who answers for the initiative's outcome and decides to go to "
        "production, or to stop. Example: Priya Raman, VP Customer Care. Passing: named (OWN001, a "
        "blocker).",
    )
    stakeholders: Items[Stakeholder] | None = Field(
        None,
        description="The groups with a stake in the initiative and how each measures success. "
        "Example: Care Operations (business) measures average handle time; the AI Lab (innovation) "
        "measures models shipped. Passing: they share a business or service measure (OWN003).",
    )
    assessed_on: Day = Field(
        description="The day of this assessment, as YYYY-MM-DD. Example: 2026-11-20. The days an "
        "initiative has been live are counted up to it (OUT004).",
    )
    assessors: Items[Person] | None = Field(
        None,
        description="Who answered this assessment. Example: Sam Lee; Ana Ortiz.",
    )


GATE_MODELS: dict[GateId, type[Gate]] = {
    GateId.WORKFLOW: Workflow,
    GateId.DATA_PIPELINE: DataPipeline,
    GateId.INTEGRATION: Integration,
    GateId.DECISION_BOUNDARIES: DecisionBoundaries,
    GateId.OUTCOMES: Outcomes,
    GateId.GOVERNANCE: Governance,
}


class Assessment(_Model):
    """One initiative's readiness assessment (`schema_version: 1`)."""

    schema_version: Literal[1] = Field(
        description="The version of this file format: always 1. Example: schema_version: 1.",
    )
    initiative: Initiative = Field(
        description="What the initiative is, who owns it, where it runs and when it was assessed. "
        "Example: billing-dispute-copilot, a billing_agent pilot in Canada, assessed on "
        "2026-11-20.",
    )
    workflow: Workflow | None = Field(
        None,
        description="Gate 1, start with one workflow: one operational process with measurable "
        "friction, its volume, its users and its owner; leave it out while not started. Example: "
        "tier-1 billing disputes, 11.4 minutes of handle time, 180000 a month, owned by the "
        "director of care operations.",
    )
    data_pipeline: DataPipeline | None = Field(
        None,
        description="Gate 2, map the data pipeline: every source the workflow needs, with its "
        "owner, access path, freshness against the decision latency, distance from the system of "
        "record and personal information. Example: the CRM read by API, 1 minute old, for "
        "decisions taken within 2 minutes.",
    )
    integration: Integration | None = Field(
        None,
        description="Gate 3, integrate into production tooling: the AI inside the tools people "
        "already use, its touchpoints, latency budget, fallback and security review. Example: a "
        "panel in the agent desktop answering within 1.5 seconds, with the standard script as "
        "fallback.",
    )
    decision_boundaries: DecisionBoundaries | None = Field(
        None,
        description="Gate 4, set decision boundaries: for every action, whether the AI may act "
        "alone (with a limit), with approval (with an approver), only recommend, or never. "
        "Example: a 5 CAD fee waiver alone; a contract change never.",
    )
    outcomes: Outcomes | None = Field(
        None,
        description="Gate 5, measure operational outcomes: business and service metrics with "
        "baseline, target, current value and owner, and an ROI in currency. Example: handle time "
        "from 11.4 to 8.5 minutes; 2.9 million CAD a year.",
    )
    governance: Governance | None = Field(
        None,
        description="Gate 6, govern and iterate: drift monitoring, retraining, edge-case review, "
        "override tracking, regulation per jurisdiction and criteria for expanding, before scale. "
        "Example: drift alerts to the ML on-call, retraining every 90 days, PIPEDA compliant.",
    )
    model: ModelWork | None = Field(
        None,
        description="When model work started and what kind of model it is; not a gate, but "
        "recorded so that a model-first pilot is detected (SEQ001). Example: an llm, work started "
        "on 2026-02-15.",
    )
    rollout: Rollout | None = Field(
        None,
        description="How many users have the AI, out of how many, and how that grew. Example: 40 "
        "of 1200 agents since 2026-04-10.",
    )
    waivers: Items[Waiver] | None = Field(
        None,
        description="Findings accepted for a while, each with a reason, an approver and an expiry "
        "date: still reported, not counted against the bar until they expire. Example: OUT002 "
        "waived until 2027-01-31 by the Office of the CFO while finance reviews the ROI.",
    )
    open_questions: Items[OpenQuestion] | None = Field(
        None,
        description="Answers nobody has yet, each addressed to whoever can give it. Example: the "
        "freshness of the nightly CRM extract, to ask data engineering (Marc Roy). Passing: none "
        "left on a complete gate (OPN001), none older than 30 days (OPN002).",
    )

    @field_validator("schema_version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> Any:
        if type(value) is not int or value != 1:  # not True, 1.0 or "1"
            raise PydanticCustomError(
                "schema_version",
                "schema_version must be 1 (this readiness reads version 1 files), got {value}",
                {"value": value},
            )
        return value

    def gate(self, gate: GateId) -> Gate | None:
        gate_section: Gate | None = getattr(self, gate)  # a GateId is its field's name
        return gate_section

    def status(self, gate: GateId) -> Status:
        section = self.gate(gate)
        return section.status if section else Status.NOT_STARTED

    def started(self, gate: GateId) -> Assessment:
        """A copy with `gate` read as in progress, its section as written (an empty one
        where the file has none): what a gate that is not started would still lack once
        started (docs/reports.md, "Next steps")."""
        section = self.gate(gate)
        if section is None:
            kind = next(t for t in get_args(type(self).model_fields[gate.value].annotation)
                        if t is not type(None))
            started = kind.model_construct(status=Status.IN_PROGRESS)
        else:
            started = section.model_copy(update={"status": Status.IN_PROGRESS})
        return self.model_copy(update={gate.value: started})

    @property
    def actions(self) -> list[Action]:
        return (self.decision_boundaries.actions or []) if self.decision_boundaries else []

    @property
    def metrics(self) -> list[Metric]:
        return (self.outcomes.metrics or []) if self.outcomes else []

    @property
    def sources(self) -> list[Source]:
        return (self.data_pipeline.sources or []) if self.data_pipeline else []

    @property
    def jurisdictions(self) -> list[Jurisdiction]:
        return self.initiative.jurisdictions or []
