"""The assessment file as pydantic v2 models: every field, enum and constraint of SPEC section 2.

Validation is strict where a typo could hide: unknown keys are errors, numbers are not
read from strings, dates are ISO calendar dates and durations ISO 8601 durations. A gate
section that is absent is `not_started`. Turning pydantic's errors into positioned,
readable ones is `schema.py`'s job.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

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
        return GATE_TITLES[self]


GATE_ORDER: tuple[GateId, ...] = tuple(GateId)
GATE_TITLES = {
    GateId.WORKFLOW: "Workflow",
    GateId.DATA_PIPELINE: "Data pipeline",
    GateId.INTEGRATION: "Integration",
    GateId.DECISION_BOUNDARIES: "Decision boundaries",
    GateId.OUTCOMES: "Outcomes",
    GateId.GOVERNANCE: "Governance",
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


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise PydanticCustomError(
            "date_type", "expected a calendar date such as 2026-03-15, not a date and time"
        )
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
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

    name: Text | None = None
    role: Text | None = None

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

    status: Status
    started_on: Day | None = None
    completed_on: Annotated[Day | None, Field(validate_default=True)] = None
    notes: StrictStr | None = None
    evidence: Items[Text] | None = None

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
    role: Text | None = None
    count: Count | None = None


class Friction(_Model):
    metric: Text | None = None
    unit: Text | None = None
    baseline: Number | None = None
    measured_on: Day | None = None
    source: Text | None = None


class Workflow(Gate):
    process: Text | None = None
    process_owner: Person | None = None
    users: Users | None = None
    friction: Friction | None = None
    monthly_volume: Count | None = None
    scope: Text | None = None


class Source(_Model):
    name: Text
    kind: SourceKind
    owner: Person | None = None
    access: Access | None = None
    freshness: Duration | None = None
    max_staleness: Duration | None = None
    hops_from_system_of_record: Count | None = None
    personal_information: StrictBool | None = None
    quality_checks: Items[Text] | None = None


class DataPipeline(Gate):
    decision_latency: Duration | None = None
    sources: Items[Source] | None = None


class Touchpoint(_Model):
    system: Text
    direction: Direction | None = None
    interface: Interface | None = None
    tmf_api: Annotated[StrictStr, Field(pattern=r"^TMF[0-9]{3}$")] | None = None


class SecurityReview(_Model):
    status: Status | None = None
    completed_on: Day | None = None


class Integration(Gate):
    surface: Surface | None = None
    embedded_in_existing_tool: StrictBool | None = None
    touchpoints: Items[Touchpoint] | None = None
    latency_budget_ms: Count | None = None
    fallback: Text | None = None
    security_review: SecurityReview | None = None
    live_since: Day | None = None


class Limit(_Model):
    amount: Amount | None = None
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")] | None = None


class Action(_Model):
    action: Text
    authority: Authority
    limit: Limit | None = None
    approver: Person | None = None
    rationale: Text | None = None


class DecisionBoundaries(Gate):
    actions: Items[Action] | None = None
    escalation_path: Text | None = None
    autonomy_level: AutonomyLevel | None = None


class Metric(_Model):
    name: Text
    kind: MetricKind
    unit: Text | None = None
    direction: Better | None = None
    baseline: Number | None = None
    target: Number | None = None
    current: Number | None = None
    measured_on: Day | None = None
    owner: Person | None = None

    @property
    def operational(self) -> bool:
        """Business and service metrics measure the operation, not the model."""
        return self.kind in (MetricKind.BUSINESS, MetricKind.SERVICE)


class OneTimeCosts(_Model):
    integration: Amount | None = None
    change_management: Amount | None = None
    other: Amount | None = None


class Roi(_Model):
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")] | None = None
    horizon_years: Annotated[StrictFloat, Field(gt=0, le=50)] | None = None
    annual_benefit: Amount | None = None
    benefit_basis: Text | None = None
    one_time_costs: OneTimeCosts | None = None
    annual_run_cost: Amount | None = None

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
    metrics: Items[Metric] | None = None
    roi: Roi | None = None


class DriftMonitoring(_Model):
    enabled: StrictBool | None = None
    signals: Items[Text] | None = None
    alert_owner: Person | None = None


class Retraining(_Model):
    cadence: Duration | None = None
    trigger: Text | None = None
    owner: Person | None = None


class EdgeCaseReview(_Model):
    cadence: Duration | None = None
    owner: Person | None = None


class OverrideTracking(_Model):
    enabled: StrictBool | None = None
    override_rate: Ratio | None = None


class Regulation(_Model):
    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"id": {"const": "OTHER"}}, "required": ["id"]},
            "then": {"required": ["name"], "properties": {"name": {"type": "string"}}},
        }
    )

    id: RegulationId
    status: ComplianceStatus
    reviewed_on: Day | None = None
    name: Text | None = None

    @model_validator(mode="after")
    def _named(self) -> Regulation:
        if self.id == RegulationId.OTHER and not self.name:
            raise PydanticCustomError("regulation_name", "name is required when id is OTHER")
        return self


class Governance(Gate):
    drift_monitoring: DriftMonitoring | None = None
    retraining: Retraining | None = None
    edge_case_review: EdgeCaseReview | None = None
    override_tracking: OverrideTracking | None = None
    regulations: Items[Regulation] | None = None
    expansion_criteria: Text | None = None
    automated_decision_notice: StrictBool | None = None
    incident_process: StrictBool | None = None
    audit_log: StrictBool | None = None


class OfflineMetric(_Model):
    name: Text | None = None
    value: Number | None = None


class ModelWork(_Model):
    kind: ModelKind | None = None
    started_on: Day | None = None
    offline_metrics: Items[OfflineMetric] | None = None


class RolloutStep(_Model):
    on: Day | None = None
    users_enabled: Count | None = None


class Rollout(_Model):
    users_enabled: Count | None = None
    users_total: Count | None = None
    history: Items[RolloutStep] | None = None


class Waiver(_Model):
    rule: Annotated[StrictStr, Field(min_length=1)]
    reason: Text
    approved_by: Person
    expires_on: Day


class OpenQuestion(_Model):
    """An answer nobody has yet, addressed to whoever can give it (docs/format.md,
    "Open questions"). `field` is a path of the format, list indices allowed; whether the
    format knows it is checked with the rest of the file's errors."""

    field: Annotated[StrictStr, Field(min_length=1, max_length=300)]
    ask: Person
    raised_on: Day
    note: Text | None = None

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
    group: StakeholderGroup | None = None
    name: Text | None = None
    success_measure: Text | None = None


class Initiative(_Model):
    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]
    name: Text
    operator: Text | None = None
    domain: Domain
    use_case: UseCase
    stage: Stage
    jurisdictions: Items[Jurisdiction] | None = None
    accountable_owner: Person | None = None
    stakeholders: Items[Stakeholder] | None = None
    assessed_on: Day
    assessors: Items[Person] | None = None


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

    schema_version: Literal[1]
    initiative: Initiative
    workflow: Workflow | None = None
    data_pipeline: DataPipeline | None = None
    integration: Integration | None = None
    decision_boundaries: DecisionBoundaries | None = None
    outcomes: Outcomes | None = None
    governance: Governance | None = None
    model: ModelWork | None = None
    rollout: Rollout | None = None
    waivers: Items[Waiver] | None = None
    open_questions: Items[OpenQuestion] | None = None

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
        gate_section: Gate | None = getattr(self, gate.value)
        return gate_section

    def status(self, gate: GateId) -> Status:
        section = self.gate(gate)
        return section.status if section else Status.NOT_STARTED

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
