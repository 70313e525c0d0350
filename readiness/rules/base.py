"""What a rule is: a declared check with a stable ID, its documentation, and its context.

A rule's function receives a `Context` and yields `Hit`s: the path of the evidence and a
message. The engine turns hits into positioned `Finding`s, so rules never deal with
line numbers themselves beyond naming them in messages through `Context.at`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from readiness.findings import Severity
from readiness.i18n import N_, _
from readiness.loader import Document, Loc, format_path
from readiness.model import Assessment, GateId, Stage
from readiness.thresholds import Thresholds

RULE_ID = re.compile(r"^[A-Z]{3}[0-9]{3}$")


@dataclass(frozen=True)
class Hit:
    """One occurrence of a rule: where the evidence is and what is wrong with it."""

    loc: Loc
    message: str
    severity: Severity | None = None  # overrides the rule's default (DAT001, GOV001, GOV004)
    gate: GateId | None = None  # overrides the rule's gate (SEQ003, WAI001)
    subject: str = ""  # the instance in plain words, as a next step lists it: "CRM (1 day old)"


@dataclass
class Context:
    """Everything a rule may look at: the assessment, positions, thresholds and the date."""

    assessment: Assessment
    document: Document
    thresholds: Thresholds
    today: date

    def at(self, loc: Loc) -> str:
        """The evidence named for a message: `integration.status, line 31`."""
        path = format_path(loc) or _("the file")
        found = self.document.positions.get(loc)
        if found is None:
            return _("{path}, absent").format(path=path)
        return _("{path}, line {line}").format(path=path, line=found[0])

    def detail(self, *locs: Loc) -> str:
        """The evidence a message ends with, after its plain sentence:
        `(integration.status, line 31; data_pipeline.status, line 12)`."""
        return "(" + "; ".join(self.at(loc) for loc in locs) + ")"

    @cached_property
    def live(self) -> bool:
        """AI reachable by real users: `live_since` is set or the stage is a rollout."""
        integration = self.assessment.integration
        return bool(integration and integration.live_since) or self.assessment.initiative.stage in (
            Stage.LIMITED_ROLLOUT,
            Stage.PRODUCTION,
        )

    @property
    def live_evidence(self) -> Loc:
        integration = self.assessment.integration
        if integration and integration.live_since:
            return ("integration", "live_since")
        return ("initiative", "stage")

    @property
    def scaling(self) -> bool:
        return self.scaling_evidence is not None

    @cached_property
    def scaling_evidence(self) -> Loc | None:
        """Where the file says the initiative is beyond its pilot cohort, if it does."""
        if self.assessment.initiative.stage in (Stage.LIMITED_ROLLOUT, Stage.PRODUCTION):
            return ("initiative", "stage")
        rollout = self.assessment.rollout
        if rollout and rollout.users_enabled is not None and rollout.users_total:
            if rollout.users_enabled / rollout.users_total > self.thresholds.pilot_cohort:
                return ("rollout", "users_enabled")
        return None


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue (docs/rules.md): everything `readiness rules ID` prints and
    every output says of it."""

    id: str
    name: str
    severity: Severity
    gate: GateId | None  # None: charged to another gate, named by each hit
    summary: str  # when it fires
    pattern: str  # what the rule says of initiatives, in the plural, for the portfolio
    principle: str  # why it matters
    remediation: str  # how to fix it in the file: which field to set
    failing: str  # YAML that makes it fire (merged onto a minimal assessment)
    passing: str  # the same, fixed
    check: Check = field(repr=False, compare=False)
    always: bool = False  # runs whatever the status of its gate
    severity_note: str = ""
    advice: str = ""  # how to fix it, for people: plain words, no field path, no YAML
    step: str = ""  # the problem in plain words, one instance: "A source is too stale"
    steps: str = ""  # the same for {n} instances: "{n} sources are too stale"
    marks: str = ""  # what a finding of it flags in the report: "model_work", "live", "roi"
    symptom: bool = False  # a major a steering committee already hears about: shown first

    @property
    def anchor(self) -> str:
        """The anchor of the rule's section in docs/rules.md (`## DAT001 stale-data`)."""
        return f"{self.id.lower()}-{self.name}"

    def run(self, context: Context) -> Iterable[Hit]:
        return self.check(context)


def rule(
    id: str,
    name: str,
    severity: Severity,
    gate: GateId | None,
    *,
    principle: str,
    remediation: str,
    failing: str,
    passing: str,
    pattern: str,
    always: bool = False,
    severity_note: str = "",
    advice: str = "",
    step: str = "",
    steps: str = "",
    marks: str = "",
    symptom: bool = False,
) -> Callable[[Check], Rule]:
    """Declare a rule; the function's docstring says when it fires.

    `pattern` is what the rule says of the initiatives it fires on, in the plural, as the
    portfolio counts them ("4 of 11 initiatives integrate before the data pipeline is
    mapped"); its first word is a verb. `marks` names what a finding of the rule flags in
    the report: the timeline event `model_work` or `live` as out of order, or the `roi`
    as a benefit not delivered yet. A `symptom` is a major that a steering committee
    already hears about (people overriding the AI, an outcome off track): its next step
    comes before the other majors' (docs/reports.md, "Next steps")."""
    if not RULE_ID.match(id):
        raise ValueError(f"rule ID {id!r} is not of the form ABC123")

    def wrap(check: Check) -> Rule:
        if not check.__doc__:
            raise ValueError(f"rule {id} needs a docstring saying when it fires")
        return Rule(
            id=id,
            name=name,
            severity=severity,
            gate=gate,
            summary=" ".join(check.__doc__.split()),
            pattern=pattern,
            principle=" ".join(principle.split()),
            remediation=" ".join(remediation.split()),
            failing=textwrap.dedent(failing).strip() + "\n",
            passing=textwrap.dedent(passing).strip() + "\n",
            check=check,
            always=always,
            severity_note=severity_note,
            advice=" ".join(advice.split()),
            step=" ".join(step.split()),
            steps=" ".join((steps or step).split()),
            marks=marks,
            symptom=symptom,
        )

    return wrap


def live_without_cadence(ctx: Context, practice: str, message: str) -> Iterator[Hit]:
    """One hit at `governance.<practice>.cadence` when the AI is live and that practice
    (retraining, edge-case review) has no cadence; `message`, translated, takes {detail}."""
    governance = ctx.assessment.governance
    found = getattr(governance, practice) if governance else None
    if ctx.live and not (found and found.cadence):
        where = ("governance", practice, "cadence")
        yield Hit(where, message.format(detail=ctx.detail(ctx.live_evidence, where)))


def metrics_without(ctx: Context, field_name: str, message: str) -> Iterator[Hit]:
    """One hit for each business or service metric whose `field_name` (baseline, owner)
    is not set; `message`, translated, takes {kind}, {name} and {detail}."""
    for index, metric in enumerate(ctx.assessment.metrics):
        if metric.operational and getattr(metric, field_name) is None:
            loc = ("outcomes", "metrics", index)
            yield Hit(loc, message.format(kind=words(metric.kind), name=metric.name,
                                          detail=ctx.detail(loc)), subject=metric.name)


def words(value: str) -> str:
    """An enum value as people say it, in the active language: `in_progress` -> 'in
    progress' (French 'en cours')."""
    return _(str(value).replace("_", " "))


SAID = (
    N_("not started"), N_("in progress"), N_("complete"), N_("missing"),
    N_("compliant"), N_("in review"), N_("gap"), N_("not assessed"),
    N_("agent copilot"), N_("billing agent"), N_("conversation agent"),
    N_("order management"), N_("fraud detection"), N_("churn prediction"),
    N_("sentiment analysis"), N_("ticket classification"), N_("self service"),
    N_("personalization"), N_("predictive maintenance"), N_("anomaly detection"),
    N_("other"), N_("network telemetry"), N_("ticketing"), N_("interaction history"),
    N_("knowledge base"), N_("business"), N_("service"), N_("model"), N_("cost"),
)
"""Enum values that messages say in words (`words`), for the catalogue."""


EXAMPLE_BASE = """\
schema_version: 1
initiative:
  id: example-initiative
  name: Example initiative
  domain: customer_operations
  use_case: other
  stage: pilot
  accountable_owner: {name: Priya Raman, role: VP Customer Care}
  assessed_on: 2026-11-20
"""
"""The minimal assessment a rule's failing and passing examples are merged onto."""


def example_document(fragment: str) -> str:
    """A rule example as a whole assessment: the fragment merged onto EXAMPLE_BASE."""
    import yaml

    def merge(base: dict, extra: dict) -> dict:  # type: ignore[type-arg]
        merged = dict(base)
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = merge(merged[key], value)
            else:
                merged[key] = value
        return merged

    document = merge(yaml.safe_load(EXAMPLE_BASE), yaml.safe_load(fragment) or {})
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
