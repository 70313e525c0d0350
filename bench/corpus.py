"""A seeded corpus of realistic assessment files for the benchmark.

`generate(folder, valid=1000, invalid=1000, seed=7)` writes `valid/NNNNN.yaml`, files that
follow the assessment format (docs/format.md) and are 4-8 KB each, and
`invalid/NNNNN.yaml`, the same kind of file with exactly one error each (a typo in a key,
an unknown enum value, a missing required field, an impossible date, a duplicate key, a
YAML syntax error, ...). Initiatives vary in use case, stage, gate progress, sources,
touchpoints, actions, metrics, regulations, waivers and flow or block style, so that the
rules and the scoring do real work; some initiatives show the anti-patterns the rules
detect. The same seed always writes the same bytes.

    python bench/corpus.py OUT_DIR [--valid N] [--invalid N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MIN_BYTES = 4096
MAX_BYTES = 8192

USE_CASES = {
    "agent_copilot": ("customer_operations", ["crm", "interaction_history", "network_telemetry"]),
    "billing_agent": ("customer_operations", ["crm", "bss", "ticketing"]),
    "conversation_agent": ("customer_operations", ["crm", "knowledge_base"]),
    "order_management": ("back_office", ["crm", "bss", "oss"]),
    "fraud_detection": ("back_office", ["bss", "network_telemetry"]),
    "churn_prediction": ("customer_operations", ["crm", "bss", "network_telemetry"]),
    "sentiment_analysis": ("customer_operations", ["interaction_history"]),
    "ticket_classification": ("network_operations", ["ticketing", "crm", "oss"]),
    "self_service": ("customer_operations", ["crm", "knowledge_base", "network_telemetry"]),
    "personalization": ("customer_operations", ["crm", "bss"]),
    "predictive_maintenance": ("network_operations", ["network_telemetry", "oss"]),
    "anomaly_detection": ("network_operations", ["network_telemetry"]),
    "other": ("back_office", ["other"]),
}
STAGES = ["exploration", "pilot", "pilot", "pilot", "limited_rollout", "production"]
GATES = ["workflow", "data_pipeline", "integration", "decision_boundaries", "outcomes", "governance"]
JURISDICTIONS = {
    "CA": ["PIPEDA", "CRTC"],
    "CA-QC": ["PIPEDA", "CRTC", "QC_LAW25"],
    "US": ["FCC_CPNI"],
    "US-CA": ["FCC_CPNI", "CCPA"],
    "EU": ["GDPR", "EU_AI_ACT"],
    "UK": ["UK_GDPR"],
}
JURISDICTION_SETS = [["CA"], ["CA", "CA-QC"], ["US"], ["US", "US-CA"], ["EU"], ["UK"], ["EU", "UK"]]
OPERATORS = [
    "Northwind Telecom", "Borealis Telecom", "Cascade Mobile", "Meridian Networks",
    "Atlantic Fibre", "Prairie Wireless", "Harbour Communications", "Summit Cellular",
]
FIRST = ["Priya", "Dana", "Sam", "Kevin", "Lucas", "Aisha", "Marie-Eve", "Graham", "Catherine",
         "Tomas", "Ingrid", "Ravi", "Chloe", "Mateo", "Yuki", "Olusegun", "Hannah", "Jonas"]
LAST = ["Raman", "Cho", "Lee", "Osei", "Tremblay", "Mensah", "Gagnon", "Whitfield", "Ng",
        "Novak", "Larsen", "Iyer", "Dubois", "Alvarez", "Tanaka", "Adeyemi", "Fischer", "Berg"]
ROLES = ["VP Customer Care", "Director, Care Operations", "CRM Platform Lead",
         "Manager, Network Assurance", "Care Quality Manager", "SVP Network Operations",
         "Head of Billing Operations", "Data Platform Lead", "Chief Privacy Officer",
         "Director, Field Services", "ML Platform Lead", "NOC Shift Manager"]
TEAMS = ["CRM platform team", "Contact Centre Technology team", "ML platform team",
         "Network Assurance", "Billing Operations", "Care Knowledge Management",
         "OSS engineering", "Data platform team", "Care Quality team", "Field Services"]
SYSTEMS = {
    "crm": ["Salesforce Service Cloud", "Microsoft Dynamics 365", "Amdocs CRM", "Pega Customer Service"],
    "bss": ["Amdocs billing", "Netcracker BSS", "Ericsson Charging", "CSG Ascendon"],
    "oss": ["Netcracker inventory", "ServiceNow OSS", "Nokia NetAct", "Cramer inventory"],
    "network_telemetry": ["Network outage feed", "Modem health telemetry", "RAN KPI stream",
                          "Core network probes"],
    "ticketing": ["ServiceNow incidents", "Remedy tickets", "Jira Service Management"],
    "interaction_history": ["Genesys Cloud interactions", "NICE CXone transcripts",
                            "Avaya call records"],
    "knowledge_base": ["Care knowledge base (Confluence)", "ServiceNow knowledge", "Guru cards"],
    "other": ["Finance data warehouse", "HR roster extract", "Weather feed"],
}
SURFACES = ["agent_desktop", "crm_console", "noc_console", "field_service_app", "ivr",
            "customer_app"]
INTERFACES = ["rest", "tmf_open_api", "event_stream", "batch"]
FRICTION = [("average handle time", "minutes"), ("first contact resolution", "ratio"),
            ("repeat contact rate", "ratio"), ("cost per contact", "CAD"),
            ("mean time to repair", "hours"), ("truck rolls", "visits per 1000 lines")]
ACTIONS = [
    "Post the interaction summary to the case record", "Apply a confirmed-outage service credit",
    "Waive a late-payment fee", "Apply a goodwill credit", "Book a technician visit",
    "Reset the customer's modem", "Open a network incident ticket",
    "Change a customer's plan or contract terms", "Disclose account details before authentication",
    "Cancel a service order", "Reroute traffic around a degraded link",
    "Suspend a line suspected of fraud", "Send a retention offer", "Close a duplicate ticket",
]
METRICS = [
    ("average handle time", "business", "minutes", "decrease"),
    ("first contact resolution", "service", "ratio", "increase"),
    ("7-day repeat contact rate", "service", "ratio", "decrease"),
    ("cost per contact", "business", "CAD", "decrease"),
    ("mean time to repair", "service", "hours", "decrease"),
    ("truck rolls avoided", "business", "visits", "increase"),
    ("net promoter score", "business", "points", "increase"),
    ("fraud losses", "cost", "CAD", "decrease"),
    ("summary acceptance without edits", "model", "ratio", "increase"),
    ("classification F1", "model", "ratio", "increase"),
]
WAIVABLE = ["OUT002", "GOV006", "DAT003", "INT001", "DEC003", "OUT003", "GOV002"]
NOTES = [
    "Reviewed with the steering committee; minutes filed under the programme folder.",
    "Figures cross-checked against the workforce management extract for the same quarter.",
    "Open question on weekend volumes tracked in the programme risk log.",
    "Union consultation completed for the affected teams before the pilot started.",
    "Assumptions recorded in the business case appendix, version 4.",
]


@dataclass
class Person:
    name: str
    role: str


class Writer:
    """A small YAML emitter that mixes block and flow styles, as people write these files."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, indent: int, text: str) -> None:
        self.lines.append("  " * indent + text)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    plain = text[:1].isalpha() and not any(c in text for c in ":#{}[],&*!|>'\"%@`")
    reserved = text.lower() in ("yes", "no", "on", "off", "true", "false", "null", "y", "n")
    return text if plain and not reserved else json.dumps(text)


def flow(mapping: dict[str, object]) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in mapping.items()) + "}"


class Initiative:
    """One randomly drawn initiative, written as an assessment file."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.use_case = rng.choice(list(USE_CASES))
        self.domain, self.needed = USE_CASES[self.use_case]
        self.stage = rng.choice(STAGES)
        # How many gates are complete; later stages are usually further along, but not
        # always: some files show the anti-patterns (scale before governance, and so on).
        floor = {"exploration": 0, "pilot": 1, "limited_rollout": 3, "production": 4}[self.stage]
        self.progress = min(6, floor + rng.randint(0, 3))
        # A third of the initiatives do everything by the book (the rules find little or
        # nothing); the others slip here and there, as real portfolios do.
        self.clean = rng.random() < 0.35
        if self.clean and self.stage in ("limited_rollout", "production"):
            self.progress = 6
        self.out_of_order = self.slip(0.15)
        self.flow_style = rng.random() < 0.5
        self.start = date(2025, 1, 6) + timedelta(days=rng.randint(0, 420))
        self.jurisdictions = rng.choice(JURISDICTION_SETS)
        self.currency = {"CA": "CAD", "US": "USD", "EU": "EUR", "UK": "GBP"}[
            self.jurisdictions[0].split("-")[0]
        ]

    def slip(self, chance: float) -> bool:
        """Whether this initiative gets a given defect; never for a clean one."""
        return not self.clean and self.rng.random() < chance

    def person(self) -> Person:
        return Person(f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}", self.rng.choice(ROLES))

    def person_text(self) -> str:
        choice = self.rng.random()
        person = self.person()
        if choice < 0.4:
            return flow({"name": person.name, "role": person.role})
        if choice < 0.7:
            return scalar(person.name)
        return scalar(self.rng.choice(TEAMS))

    def statuses(self) -> list[str | None]:
        """Each gate's status (None: section absent), and its dates, in gate order."""
        result: list[str | None] = []
        for number in range(6):
            if number < self.progress:
                result.append("complete")
            elif number == self.progress:
                result.append("in_progress")
            else:
                result.append(self.rng.choice([None, None, "not_started"]))
        if self.out_of_order and self.progress < 5:
            later = self.rng.randint(self.progress + 1, 5)
            result[later] = self.rng.choice(["in_progress", "complete"])
        return result

    def gate_header(self, w: Writer, status: str, day: date) -> date:
        """Writes status and dates; returns the date the next gate may start."""
        w.add(1, f"status: {status}")
        if status == "not_started":
            return day
        started = day
        w.add(1, f"started_on: {started.isoformat()}")
        finished = started + timedelta(days=self.rng.randint(10, 60))
        if status == "complete":
            w.add(1, f"completed_on: {finished.isoformat()}")
        return finished + timedelta(days=self.rng.randint(1, 10))

    def write(self) -> str:
        rng = self.rng
        w = Writer()
        w.add(0, f"# {rng.choice(OPERATORS)}: {self.use_case.replace('_', ' ')} initiative "
                 f"{self.index}, generated for the benchmark.")
        w.add(0, "schema_version: 1")
        w.add(0, "initiative:")
        slug = f"{self.use_case.replace('_', '-')}-{self.index:05d}"
        w.add(1, f"id: {slug}")
        w.add(1, f"name: {scalar(self.use_case.replace('_', ' ').capitalize() + ' for ' + rng.choice(OPERATORS))}")
        w.add(1, f"operator: {scalar(rng.choice(OPERATORS))}")
        w.add(1, f"domain: {self.domain}")
        w.add(1, f"use_case: {self.use_case}")
        w.add(1, f"stage: {self.stage}")
        w.add(1, f"jurisdictions: [{', '.join(self.jurisdictions)}]")
        if not self.slip(0.08):
            w.add(1, f"accountable_owner: {self.person_text()}")
        w.add(1, "stakeholders:")
        groups = rng.sample(["innovation", "it", "business", "network", "finance", "legal",
                             "security"], rng.randint(2, 4))
        for group in groups:
            w.add(2, "- " + flow({"group": group, "name": rng.choice(TEAMS),
                                  "success_measure": rng.choice(METRICS)[0]}))
        statuses = self.statuses()
        day = self.start
        sections: list[Callable[[Writer, str, date], date]] = [
            self.workflow, self.data_pipeline, self.integration, self.decisions,
            self.outcomes, self.governance,
        ]
        body = Writer()
        model_start = self.start + timedelta(days=rng.randint(-30, 90))
        for number, (section, status) in enumerate(zip(sections, statuses, strict=True)):
            if status is None:
                continue
            body.add(0, "")
            body.add(0, f"{GATES[number]}:")
            day = section(body, status, day)
            if number == 1 and rng.random() < 0.8:
                body.add(0, "")
                body.add(0, "model:")
                body.add(1, f"kind: {rng.choice(['llm', 'classifier', 'regression', 'forecasting'])}")
                body.add(1, f"started_on: {max(model_start, day).isoformat()}")
                body.add(1, "offline_metrics:")
                for _ in range(rng.randint(1, 3)):
                    body.add(2, "- " + flow({"name": rng.choice(["accuracy", "F1", "recall",
                                                                 "faithfulness"]),
                                             "value": round(rng.uniform(0.6, 0.98), 2)}))
        assessed = day + timedelta(days=rng.randint(5, 40))
        w.add(1, f"assessed_on: {assessed.isoformat()}")
        w.add(1, "assessors:")
        for _ in range(rng.randint(1, 3)):
            w.add(2, f"- {self.person_text()}")
        w.lines.extend(body.lines)
        self.rollout(w)
        self.waivers(w, assessed)
        return w.text()

    def workflow(self, w: Writer, status: str, day: date) -> date:
        rng = self.rng
        following = self.gate_header(w, status, day)
        metric, unit = rng.choice(FRICTION)
        w.add(1, f"process: {scalar(rng.choice(['Tier-1', 'Tier-2', 'Overnight', 'Regional']) + ' ' + self.use_case.replace('_', ' ') + ' handling in the ' + rng.choice(['consumer', 'business', 'wholesale']) + ' segment')}")
        w.add(1, f"process_owner: {self.person_text()}")
        w.add(1, "users: " + flow({"role": rng.choice(["tier-1 care agents", "NOC engineers",
                                                       "field technicians", "billing analysts"]),
                                  "count": rng.randint(20, 3000)}))
        if self.flow_style:
            w.add(1, "friction: " + flow({"metric": metric, "unit": unit,
                                          "baseline": round(rng.uniform(0.1, 40), 2),
                                          "measured_on": day, "source": "WFM report"}))
        else:
            w.add(1, "friction:")
            w.add(2, f"metric: {metric}")
            w.add(2, f"unit: {scalar(unit)}")
            w.add(2, f"baseline: {round(rng.uniform(0.1, 40), 2)}")
            w.add(2, f"measured_on: {day.isoformat()}")
            w.add(2, f"source: {scalar(rng.choice(['Genesys WFM report', 'ServiceNow analytics', 'Finance ledger extract']))}")
        w.add(1, f"monthly_volume: {rng.randint(500, 400000)}")
        w.add(1, f"scope: {scalar(rng.choice(['Residential accounts in English and French', 'Postpaid consumer accounts under 500 in value', 'Fibre access network in the northern region', 'Business accounts with fewer than 50 lines']))}")
        if rng.random() < 0.6:
            w.add(1, f"evidence: [{scalar('Process map v' + str(rng.randint(1, 5)))}, {scalar('Baseline extract ' + day.isoformat())}]")
        return following

    def data_pipeline(self, w: Writer, status: str, day: date) -> date:
        rng = self.rng
        following = self.gate_header(w, status, day)
        if status == "not_started":
            return following
        latency = rng.choice(["PT1M", "PT2M", "PT15M", "PT1H", "P1D"])
        w.add(1, f"decision_latency: {latency}")
        w.add(1, "sources:")
        kinds = list(self.needed)
        if self.slip(0.2) and len(kinds) > 1:
            kinds.pop()  # a missing kind: DAT002 fires
        kinds += rng.sample(list(SYSTEMS), rng.randint(1, 3))
        for kind in kinds:
            system = rng.choice(SYSTEMS[kind])
            fields: dict[str, object] = {"name": system, "kind": kind}
            if not self.slip(0.1):
                fields["owner"] = rng.choice(TEAMS)
            fields["access"] = rng.choice(["api", "streaming", "batch", "manual_export"])
            fresh = ["PT30S", "PT1M", "PT2M", "PT15M", "PT1H", "P1D"]
            allowed = fresh if self.slip(0.3) else fresh[: fresh.index(latency) + 1]
            fields["freshness"] = rng.choice(allowed)
            if rng.random() < 0.3:
                fields["max_staleness"] = rng.choice(["PT15M", "PT1H", "P7D"])
            fields["hops_from_system_of_record"] = rng.choice([0, 0, 1, 2] if self.slip(0.3) else [0, 0, 1])
            fields["personal_information"] = kind in ("crm", "bss", "interaction_history")
            if self.flow_style and rng.random() < 0.5:
                w.add(2, "- " + flow(fields))
                continue
            first = True
            for key, value in fields.items():
                w.add(2, f"{'- ' if first else '  '}{key}: {scalar(value)}")
                first = False
            if rng.random() < 0.5:
                checks = rng.sample(["completeness of account id", "duplicate contacts",
                                     "node-to-address mapping coverage",
                                     "transcript language tag present", "late-arriving events"], 2)
                w.add(3, f"quality_checks: [{', '.join(scalar(c) for c in checks)}]")
        return following

    def integration(self, w: Writer, status: str, day: date) -> date:
        rng = self.rng
        following = self.gate_header(w, status, day)
        if status == "not_started":
            return following
        w.add(1, f"surface: {rng.choice(SURFACES + ['standalone_portal'] * self.slip(0.1))}")
        w.add(1, f"embedded_in_existing_tool: {scalar(not self.slip(0.1))}")
        w.add(1, "touchpoints:")
        for _ in range(rng.randint(2, 5)):
            kind = rng.choice(list(SYSTEMS))
            fields: dict[str, object] = {"system": rng.choice(SYSTEMS[kind]),
                                         "direction": rng.choice(["read", "write", "read_write"]),
                                         "interface": rng.choice(INTERFACES)}
            if fields["interface"] == "tmf_open_api":
                fields["tmf_api"] = rng.choice(["TMF629", "TMF678", "TMF621", "TMF641"])
            w.add(2, "- " + flow(fields))
        w.add(1, f"latency_budget_ms: {rng.choice([300, 800, 1500, 3000])}")
        if not self.slip(0.15):
            w.add(1, f"fallback: {scalar(rng.choice(['Agent continues with the standard script; the panel shows unavailable', 'Tickets route to the manual queue', 'Engineers follow the runbook without recommendations']))}")
        reviewed = not self.slip(0.2)
        review = {"status": "complete" if reviewed else rng.choice(["in_progress", "not_started"])}
        if reviewed:
            review["completed_on"] = day + timedelta(days=rng.randint(5, 30))
        w.add(1, f"security_review: {flow(review)}")
        if self.stage in ("limited_rollout", "production") or self.slip(0.2):
            # By the book, an initiative goes live once its decision boundaries are set.
            live = following + timedelta(days=0 if self.slip(0.5) else 75)
            w.add(1, f"live_since: {live.isoformat()}")
        return following

    def decisions(self, w: Writer, status: str, day: date) -> date:
        rng = self.rng
        following = self.gate_header(w, status, day)
        if status == "not_started":
            return following
        w.add(1, "actions:")
        chosen = rng.sample(ACTIONS, rng.randint(3, 7))
        for number, action in enumerate(chosen):
            authority = rng.choice(["autonomous", "approval_required", "recommend_only",
                                    "prohibited"])
            if number == len(chosen) - 1 and not self.slip(0.3):
                authority = "prohibited"
            w.add(2, f"- action: {scalar(action)}")
            w.add(2, f"  authority: {authority}")
            if authority == "autonomous" and not self.slip(0.1):
                amounts = [0, 5, 25, 100, 750] if self.slip(0.3) else [0, 5, 25, 100]
                limit = {"amount": rng.choice(amounts), "currency": self.currency}
                w.add(2, f"  limit: {flow(limit)}")
            if authority == "approval_required" and not self.slip(0.15):
                w.add(2, f"  approver: {self.person_text()}")
            w.add(2, f"  rationale: {scalar(rng.choice(['Low value, high volume, reversible', 'Needs human judgement', 'Regulatory consent required', 'Irreversible for the customer', 'Published policy, audited monthly']))}")
        w.add(1, f"escalation_path: {scalar('Team lead, then ' + rng.choice(TEAMS))}")
        w.add(1, f"autonomy_level: L{rng.randint(0, 4)}")
        return following

    def outcomes(self, w: Writer, status: str, day: date) -> date:
        rng = self.rng
        following = self.gate_header(w, status, day)
        if status == "not_started":
            return following
        w.add(1, "metrics:")
        chosen = rng.sample(METRICS[1:], rng.randint(1, 4))
        if not self.slip(0.3):
            chosen.insert(0, METRICS[0])
        for name, kind, unit, direction in chosen:
            baseline = round(rng.uniform(0.1, 50), 2)
            change = rng.uniform(0.05, 0.3) * (-1 if direction == "decrease" else 1)
            fields: dict[str, object] = {"name": name, "kind": kind, "unit": unit,
                                         "direction": direction}
            if not self.slip(0.1):
                fields["baseline"] = baseline
            fields["target"] = round(baseline * (1 + change), 2)
            if not self.slip(0.3):
                progress = rng.uniform(-0.3, 1.1) if self.slip(0.3) else rng.uniform(0.3, 1.1)
                fields["current"] = round(baseline * (1 + change * progress), 2)
                fields["measured_on"] = following
            if not self.slip(0.15):
                fields["owner"] = rng.choice(TEAMS)
            if self.flow_style:
                w.add(2, "- " + flow(fields))
            else:
                first = True
                for key, value in fields.items():
                    w.add(2, f"{'- ' if first else '  '}{key}: {scalar(value)}")
                    first = False
        if not self.slip(0.15):
            w.add(1, "roi:")
            w.add(2, f"currency: {self.currency}")
            w.add(2, f"horizon_years: {rng.choice([1, 2, 3, 5])}")
            w.add(2, f"annual_benefit: {rng.randint(50, 5000) * 1000}")
            w.add(2, f"benefit_basis: {scalar(rng.choice(['Minutes saved x contacts per month x cost per minute', 'Truck rolls avoided x average cost per visit', 'Fraud losses avoided, Finance estimate']))}")
            costs = {"integration": rng.randint(50, 900) * 1000}
            if not self.slip(0.2):
                costs["change_management"] = rng.randint(20, 300) * 1000
            costs["other"] = rng.randint(0, 100) * 1000
            w.add(2, f"one_time_costs: {flow(costs)}")
            w.add(2, f"annual_run_cost: {rng.randint(20, 600) * 1000}")
        return following

    def governance(self, w: Writer, status: str, day: date) -> date:
        rng = self.rng
        following = self.gate_header(w, status, day)
        if status == "not_started":
            return following
        w.add(1, "drift_monitoring: " + flow({"enabled": not self.slip(0.15),
                                              "alert_owner": "ML platform on-call"}))
        if not self.slip(0.2):
            w.add(1, "retraining: " + flow({"cadence": rng.choice(["P30D", "P90D", "P180D"]),
                                            "trigger": "drift alert or quarterly review",
                                            "owner": rng.choice(TEAMS)}))
        if not self.slip(0.3):
            w.add(1, "edge_case_review: " + flow({"cadence": rng.choice(["P7D", "P14D"]),
                                                  "owner": rng.choice(TEAMS)}))
        w.add(1, "override_tracking: " + flow({"enabled": True,
                                               "override_rate": round(rng.uniform(0, 0.6 if self.slip(0.5) else 0.25), 2)}))
        w.add(1, "regulations:")
        required = sorted({r for j in self.jurisdictions for r in JURISDICTIONS[j]})
        for regulation in required:
            state = rng.choice(["in_review", "gap"]) if self.slip(0.2) else "compliant"
            w.add(2, "- " + flow({"id": regulation, "status": state, "reviewed_on": day}))
        w.add(1, f"expansion_criteria: {scalar('Expand past the pilot cohort when the target holds for ' + str(rng.randint(4, 12)) + ' weeks')}")
        w.add(1, f"automated_decision_notice: {scalar(not self.slip(0.2))}")
        w.add(1, f"incident_process: {scalar(rng.random() < 0.9)}")
        w.add(1, f"audit_log: {scalar(rng.random() < 0.9)}")
        return following

    def rollout(self, w: Writer) -> None:
        rng = self.rng
        if rng.random() < 0.3:
            return
        total = rng.randint(50, 3000)
        enabled = int(total * rng.choice([0.02, 0.05, 0.08, 0.2, 0.5]))
        w.add(0, "")
        w.add(0, "rollout:")
        w.add(1, f"users_enabled: {enabled}")
        w.add(1, f"users_total: {total}")
        w.add(1, "history:")
        step = self.start + timedelta(days=200)
        for count in sorted({max(1, enabled // 4), max(1, enabled // 2), enabled}):
            w.add(2, "- " + flow({"on": step, "users_enabled": count}))
            step += timedelta(days=rng.randint(14, 60))

    def waivers(self, w: Writer, assessed: date) -> None:
        rng = self.rng
        if rng.random() < 0.5:
            return
        w.add(0, "")
        w.add(0, "waivers:")
        for rule in rng.sample(WAIVABLE, rng.randint(1, 2)):
            w.add(1, f"- rule: {rule}")
            w.add(1, f"  reason: {scalar(rng.choice(NOTES))}")
            w.add(1, f"  approved_by: {flow({'name': self.person().name, 'role': rng.choice(ROLES)})}")
            days = rng.randint(-20, 200) if self.slip(0.5) else rng.randint(30, 200)
            w.add(1, f"  expires_on: {(assessed + timedelta(days=days)).isoformat()}")


def valid_text(rng: random.Random, index: int) -> str:
    """One valid assessment of MIN_BYTES..MAX_BYTES bytes."""
    while True:
        text = Initiative(rng, index).write()
        size = len(text.encode())
        if size < MIN_BYTES:
            # A short file grows the way real ones do: notes on the gates it has.
            lines = text.splitlines()
            headers = [i for i, line in enumerate(lines) if line[:-1] in GATES]
            for at in sorted(rng.sample(headers, min(len(headers), 3)), reverse=True):
                note = "  notes: " + scalar(" ".join(rng.sample(NOTES, 2)))
                lines.insert(at + 1, note)
            text = "\n".join(lines) + "\n"
            size = len(text.encode())
        if MIN_BYTES <= size <= MAX_BYTES:
            return text


# --- one error each ------------------------------------------------------------------------
# Each mutation changes one thing in a valid file and returns None when the file has
# nothing it applies to (the caller then picks another). Every mutation leaves exactly one
# error, which tests/test_bench_corpus.py checks with the validator.

Mutation = Callable[[list[str], random.Random], list[str] | None]


def _replace(pattern: str, replacement: Callable[[str], str]) -> Mutation:
    def mutate(lines: list[str], rng: random.Random) -> list[str] | None:
        spots = [i for i, line in enumerate(lines) if line.lstrip("- ").startswith(pattern)]
        if not spots:
            return None
        i = rng.choice(spots)
        return [*lines[:i], replacement(lines[i]), *lines[i + 1:]]

    return mutate


def _typo_key(lines: list[str], rng: random.Random) -> list[str] | None:
    keys = ["process:", "monthly_volume:", "fallback:", "escalation_path:", "decision_latency:",
            "latency_budget_ms:", "expansion_criteria:", "scope:"]
    for key in rng.sample(keys, len(keys)):
        spots = [i for i, line in enumerate(lines) if line.strip().startswith(key)]
        if spots:
            i = spots[0]
            typo = key[:-2] + key[-1] if len(key) > 4 else key + "s"
            return [*lines[:i], lines[i].replace(key, typo, 1), *lines[i + 1:]]
    return None


def _drop_line(prefix: str) -> Mutation:
    def mutate(lines: list[str], rng: random.Random) -> list[str] | None:
        spots = [i for i, line in enumerate(lines) if line.strip() == prefix.strip()
                 or line.strip().startswith(prefix.strip())]
        if not spots:
            return None
        i = rng.choice(spots)
        return [*lines[:i], *lines[i + 1:]]

    return mutate


def _duplicate(lines: list[str], rng: random.Random) -> list[str] | None:
    spots = [i for i, line in enumerate(lines) if line.startswith("  operator:")]
    if not spots:
        return None
    i = spots[0]
    return [*lines[:i + 1], lines[i], *lines[i + 1:]]


def _unclosed_flow(lines: list[str], rng: random.Random) -> list[str] | None:
    spots = [i for i, line in enumerate(lines) if line.rstrip().endswith("}") and "{" in line]
    if not spots:
        return None
    i = rng.choice(spots)
    return [*lines[:i], lines[i].rstrip()[:-1], *lines[i + 1:]]


MUTATIONS: dict[str, Mutation] = {
    "unknown key": _typo_key,
    "unknown enum value": _replace("use_case:", lambda line: line.replace("use_case: ", "use_case: billing_agnt_")),
    "bad stage": _replace("stage:", lambda line: line.split(":")[0] + ": piloting"),
    "impossible date": _replace("assessed_on:", lambda line: line.split(":")[0] + ": 2026-02-30"),
    "bad duration": _replace("decision_latency:", lambda line: line.split(":")[0] + ": 15 minutes"),
    "string for a count": _replace("monthly_volume:", lambda line: line.split(":")[0] + ': "' + line.split(":")[1].strip() + '"'),
    "missing required key": _drop_line("  domain:"),
    "negative amount": _replace("annual_run_cost:", lambda line: line.split(":")[0] + ": -1000"),
    "bad currency": _replace("currency:", lambda line: line.split(":")[0] + ": cad"),
    "bad schema version": _replace("schema_version:", lambda line: "schema_version: 2"),
    "duplicate key": _duplicate,
    "YAML syntax error": _unclosed_flow,
    "bad slug": _replace("id: ", lambda line: line.replace("id: ", "id: Not A Slug ", 1) if line.startswith("  id:") else line),
}


def invalid_text(rng: random.Random, index: int) -> tuple[str, str]:
    """A file with exactly one error, and the kind of error."""
    lines = valid_text(rng, index).splitlines()
    names = list(MUTATIONS)
    while True:
        kind = rng.choice(names)
        mutated = MUTATIONS[kind](lines, rng)
        if mutated is not None and mutated != lines:
            return "\n".join(mutated) + "\n", kind


def generate(folder: Path, valid: int = 1000, invalid: int = 1000, seed: int = 7) -> list[Path]:
    """Write the corpus; returns the files, valid ones first. Same seed, same bytes."""
    rng = random.Random(seed)
    written = []
    for name, count in (("valid", valid), ("invalid", invalid)):
        target = folder / name
        target.mkdir(parents=True, exist_ok=True)
        for index in range(count):
            text = valid_text(rng, index) if name == "valid" else invalid_text(rng, index)[0]
            path = target / f"{index:05d}.yaml"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


_INITIATIVE_ID = re.compile(r"^(initiative:\n(?:[ \t]*(?:#.*)?\n)*?  id: )(\S+)\n", re.MULTILINE)
_INITIATIVE_NAME = re.compile(r"^(initiative:\n(?:.*\n)*?  name: )(.+)\n", re.MULTILINE)


def copy_examples(folder: Path, examples: Path, count: int = 1000) -> list[Path]:
    """`count` copies of the bundled examples (`examples/*.yaml`, taken in turn), each with
    its own initiative id and name and nothing else changed: every copy is as valid as its
    example and has the same findings, gate scores and level."""
    sources = sorted(examples.glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(count):
        source, text = sources[index % len(sources)], texts[index % len(sources)]
        copy = index // len(sources) + 1
        text, ids = _INITIATIVE_ID.subn(rf"\g<1>\g<2>-{copy:04d}\n", text, count=1)
        text, names = _INITIATIVE_NAME.subn(rf"\g<1>\g<2> {copy:04d}\n", text, count=1)
        if ids != 1 or names != 1:
            raise ValueError(f"{source}: no `initiative:` block with `id:` and `name:` lines")
        path = folder / f"{index:05d}-{source.name}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--valid", type=int, default=1000)
    parser.add_argument("--invalid", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = generate(args.folder, args.valid, args.invalid, args.seed)
    print(f"{len(files)} files in {args.folder}")


if __name__ == "__main__":
    main()
