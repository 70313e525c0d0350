"""Every rule on generated files: the engine agrees with the docs/rules.md catalogue,
restated here as plain Python over the raw document, on files nobody wrote by hand.

The generator draws the fields the rules look at, with values clustered around each
rule's edges (equal dates, 10% of users, limits of 500 and 501, override rates of 0.30 and
0.50); the oracle says how many findings of each rule the catalogue calls for, which are
waived, and the severity of those whose severity varies.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.engine import assess
from readiness.loader import loads
from readiness.packs import load_pack
from readiness.schema import validate
from tests.common import TODAY
from tests.rules.test_data import NEEDED
from tests.rules.test_governance import PRIVACY, REQUIRED

Data = dict[str, Any]
GATES = ["workflow", "data_pipeline", "integration", "decision_boundaries", "outcomes",
         "governance"]
ALWAYS = {"SEQ001", "SEQ002", "SEQ003", "SEQ004", "SEQ005", "SEQ006",
          "OWN001", "GOV003", "GOV004", "GOV005", "WAI001", "OPN001", "OPN002"}
CONTENT_GATE = {
    "OWN002": "outcomes", "DAT001": "data_pipeline", "DAT002": "data_pipeline",
    "DAT003": "data_pipeline", "INT001": "integration", "INT002": "integration",
    "INT003": "integration", "DEC001": "decision_boundaries", "DEC002": "decision_boundaries",
    "DEC003": "decision_boundaries", "DEC004": "decision_boundaries", "OUT001": "outcomes",
    "OUT002": "outcomes", "OUT003": "outcomes", "OUT004": "outcomes", "OWN003": "outcomes",
    "GOV001": "governance",
    "GOV002": "governance", "GOV006": "governance", "GOV007": "governance",
}
"""docs/rules.md: the gate each content rule is charged to, and so the gate it looks at."""
START = date(2026, 1, 1)
day = st.integers(0, 6).map(lambda n: START + timedelta(days=n))
minutes = st.integers(0, 4).map(lambda n: f"PT{n}M" if n else "PT0S")


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def gate(draw: st.DrawFn, /, **fields: st.SearchStrategy[Any]) -> Data | None:
    status = draw(st.sampled_from([None, "not_started", "in_progress", "complete"]))
    if status is None:
        return None
    section: Data = {"status": status}
    started = draw(maybe(day))
    if started is not None:
        section["started_on"] = started
    if status == "complete":
        section["completed_on"] = draw(day.filter(lambda d: started is None or d >= started))
    for key, strategy in fields.items():
        value = draw(strategy)
        if value is not None:
            section[key] = value
    return section


def record(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Data]:
    """A mapping whose optional fields are left out when drawn as None."""
    return st.fixed_dictionaries(fields).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


source = record(
    name=st.sampled_from(["CRM", "Billing", "Alarms"]),
    kind=st.sampled_from(["crm", "oss", "bss", "network_telemetry", "ticketing",
                          "interaction_history", "knowledge_base", "other"]),
    owner=maybe(st.just("Data team")),
    freshness=maybe(minutes),
    max_staleness=maybe(minutes),
    hops_from_system_of_record=maybe(st.integers(0, 3)),
    personal_information=maybe(st.booleans()),
)
action = record(
    action=st.sampled_from(["Waive a fee", "Credit a bill"]),
    authority=st.sampled_from(["autonomous", "approval_required", "recommend_only",
                               "prohibited"]),
    limit=maybe(record(amount=st.sampled_from([0, 499, 500, 500.5, 501, 5000]),
                       currency=st.just("CAD"))),
    approver=maybe(st.just("Team lead")),
)
metric = record(
    name=st.sampled_from(["handle time", "resolution", "accuracy"]),
    kind=st.sampled_from(["business", "service", "model", "cost"]),
    direction=maybe(st.sampled_from(["increase", "decrease"])),
    baseline=maybe(st.sampled_from([-1, 0, 1, 2])),
    target=maybe(st.sampled_from([0, 1, 2])),
    current=maybe(st.sampled_from([-1, 0, 1, 2])),
    owner=maybe(st.just("Dana Cho")),
)
roi = record(
    currency=st.just("CAD"),
    annual_benefit=maybe(st.sampled_from([0, 1000])),
    one_time_costs=maybe(record(integration=maybe(st.sampled_from([0, 10])),
                                change_management=maybe(st.sampled_from([0, 10])))),
)
stakeholder = record(
    group=maybe(st.sampled_from(["innovation", "business"])),
    success_measure=maybe(st.sampled_from(
        ["handle time", "Average HANDLE TIME", "model accuracy", "uptime", "handled", "F1"])),
)
question = record(
    field=st.sampled_from(["workflow.scope", "data_pipeline.sources[0].owner",
                           "initiative.stakeholders", "model.kind", "rollout.users_total",
                           "outcomes.roi", "governance.audit_log"]),
    ask=st.just("Data engineering"),
    raised_on=st.sampled_from([TODAY - timedelta(days=31), TODAY - timedelta(days=30), TODAY]),
)
regulation_ids = ["PIPEDA", "CRTC", "CASL", "QC_LAW25", "GDPR", "EU_AI_ACT", "UK_GDPR",
                  "FCC_CPNI", "CCPA"]


@st.composite
def documents(draw: st.DrawFn) -> Data:
    initiative: Data = {
        "id": "generated", "name": "Generated", "domain": "customer_operations",
        "use_case": draw(st.sampled_from(sorted(NEEDED))),
        "stage": draw(st.sampled_from(["exploration", "pilot", "limited_rollout",
                                       "production"])),
        "assessed_on": TODAY,
    }
    if draw(st.booleans()):
        initiative["accountable_owner"] = "Priya Raman"
    jurisdictions = draw(st.lists(st.sampled_from(sorted(REQUIRED)), max_size=2, unique=True))
    if jurisdictions:
        initiative["jurisdictions"] = jurisdictions
    groups = draw(maybe(st.lists(stakeholder, max_size=2)))
    if groups is not None:
        initiative["stakeholders"] = groups
    data: Data = {"schema_version": 1, "initiative": initiative}
    regulations = st.lists(
        record(id=st.sampled_from(regulation_ids),
               status=st.sampled_from(["compliant", "in_review", "gap", "not_assessed"])),
        max_size=4, unique_by=lambda r: r["id"])
    sections = {
        "workflow": gate(),
        "data_pipeline": gate(decision_latency=maybe(minutes),
                              sources=maybe(st.lists(source, max_size=3))),
        "integration": gate(
            surface=maybe(st.sampled_from(["agent_desktop", "standalone_portal"])),
            embedded_in_existing_tool=maybe(st.booleans()),
            fallback=maybe(st.just("Standard script")),
            security_review=maybe(record(status=st.sampled_from(
                ["not_started", "in_progress", "complete"]))),
            live_since=maybe(day)),
        "decision_boundaries": gate(actions=maybe(st.lists(action, max_size=3))),
        "outcomes": gate(metrics=maybe(st.lists(metric, max_size=3)), roi=maybe(roi)),
        "governance": gate(
            drift_monitoring=maybe(record(enabled=maybe(st.booleans()))),
            retraining=maybe(record(cadence=maybe(st.just("P90D")))),
            edge_case_review=maybe(record(cadence=maybe(st.just("P14D")))),
            override_tracking=maybe(record(override_rate=maybe(
                st.sampled_from([0.0, 0.29, 0.3, 0.49, 0.5, 0.9])))),
            regulations=maybe(regulations),
            automated_decision_notice=maybe(st.booleans())),
    }
    for key, strategy in sections.items():
        section = draw(strategy)
        if section is not None:
            data[key] = section
    started = draw(maybe(day))
    if started is not None or draw(st.booleans()):
        data["model"] = {"kind": "llm", **({"started_on": started} if started else {})}
    total = draw(maybe(st.sampled_from([10, 30, 1200])))
    if total is not None:
        share = draw(st.sampled_from([0, 0.1, 0.1 + 1 / total, 0.5]))
        data["rollout"] = {"users_enabled": round(share * total), "users_total": total}
    questions = draw(st.lists(question, max_size=2))
    if questions:
        data["open_questions"] = questions
    data["waivers"] = draw(st.lists(record(
        rule=st.sampled_from(sorted(ALWAYS | set(CONTENT_GATE))),
        reason=st.just("r"), approved_by=st.just("CFO"),
        expires_on=st.sampled_from([TODAY - timedelta(days=1), TODAY, TODAY + timedelta(1)]),
    ), max_size=2))
    return data


# --- the catalogue, restated --------------------------------------------------------------


def expected(data: Data) -> tuple[Counter[str], dict[str, str]]:
    """How many findings of each rule docs/rules.md calls for; varying severities."""
    ini = data["initiative"]
    sec = {g: data.get(g) for g in GATES}

    def status(g: str) -> str:
        section = sec[g]
        return str(section["status"]) if section else "not_started"

    def get(g: str, *keys: str) -> Any:
        value: Any = sec[g]
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    live_since = get("integration", "live_since")
    live = live_since is not None or ini["stage"] in ("limited_rollout", "production")
    rollout = data.get("rollout")
    scaling = ini["stage"] in ("limited_rollout", "production") or bool(
        rollout and rollout["users_total"]
        and rollout["users_enabled"] / rollout["users_total"] > 0.1
    )
    sources = get("data_pipeline", "sources") or []
    actions = get("decision_boundaries", "actions") or []
    metrics = get("outcomes", "metrics") or []
    operational = [m for m in metrics if m["kind"] in ("business", "service")]
    regulations = {r["id"]: r["status"] for r in get("governance", "regulations") or []}
    autonomous = [a for a in actions if a["authority"] == "autonomous"]
    out: Counter[str] = Counter()
    severity: dict[str, str] = {}

    started = (data.get("model") or {}).get("started_on")
    done = get("workflow", "completed_on")
    out["SEQ001"] = started is not None and (
        status("workflow") != "complete" or started < done)
    int_started, dp_done = get("integration", "started_on"), get("data_pipeline", "completed_on")
    seq002 = sec["integration"] is not None and (
        (status("integration") != "not_started" and status("data_pipeline") != "complete")
        or bool(int_started and dp_done and int_started < dp_done))
    out["SEQ002"] = seq002
    for i, later in enumerate(GATES):
        if status(later) != "complete":
            continue
        for earlier in GATES[:i]:
            if seq002 and (earlier, later) == ("data_pipeline", "integration"):
                continue
            out["SEQ003"] += status(earlier) != "complete" or (
                get(later, "completed_on") < get(earlier, "completed_on"))
    out["SEQ004"] = scaling and status("governance") != "complete"
    db_done = get("decision_boundaries", "completed_on")
    out["SEQ005"] = live and (status("decision_boundaries") != "complete" or bool(
        live_since and db_done and live_since < db_done))
    if scaling:
        for m in operational:
            if m.get("current") is None:
                out["SEQ006"] += 1
            elif m.get("baseline") is not None and m.get("direction"):
                worse = m["current"] > m["baseline"] if m["direction"] == "decrease" else (
                    m["current"] < m["baseline"])
                out["SEQ006"] += worse
    out["OWN001"] = "accountable_owner" not in ini
    groups = ini.get("stakeholders") or []
    if groups:
        def words(text: str) -> tuple[str, ...]:
            return tuple(re.findall(r"\w+", text.lower()))

        def same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
            short, long = sorted((a, b), key=len)
            return bool(short) and any(long[i:i + len(short)] == short
                                       for i in range(len(long) - len(short) + 1))

        outcome_names = [words(m["name"]) for m in operational]
        model_names = [words(m["name"]) for m in metrics if m["kind"] == "model"]
        model_words = {"accuracy", "precision", "recall", "f1", "auc", "roc", "bleu", "rouge",
                       "perplexity"}

        def kind(measure: str | None) -> str:
            if measure is None:
                return "none"
            w = words(measure)
            if w in outcome_names:
                return "outcome"
            if any(same(w, n) for n in model_names) or model_words & set(w):
                return "model"
            return "outcome" if any(same(w, n) for n in outcome_names) else "unrelated"

        kinds = [kind(g.get("success_measure")) for g in groups]
        # A measure may be both a model measure and a business or service metric.
        outcome = any(any(same(words(g["success_measure"]), n) for n in outcome_names)
                      for g in groups if g.get("success_measure") is not None)
        out["OWN003"] = kinds.count("model") + (not outcome)
    out["OWN002"] = sum("owner" not in m for m in operational)

    latency = get("data_pipeline", "decision_latency")
    for s in sources:
        bound = s.get("max_staleness", latency)
        seconds = {f"PT{n}M": 60 * n for n in range(1, 5)} | {"PT0S": 0}
        out["DAT001"] += bool(bound and "freshness" in s) and (
            seconds[s["freshness"]] > seconds[bound])
        out["DAT001"] += s.get("hops_from_system_of_record", 0) >= 2
    severity["DAT001"] = "blocker" if live else "major"
    out["DAT002"] = bool(set(NEEDED[ini["use_case"]]) - {s["kind"] for s in sources})
    out["DAT003"] = sum("owner" not in s for s in sources)

    out["INT001"] = sec["integration"] is not None and (
        get("integration", "surface") == "standalone_portal"
        or get("integration", "embedded_in_existing_tool") is False)
    out["INT002"] = status("integration") != "not_started" and not get("integration",
                                                                       "fallback")
    out["INT003"] = live and get("integration", "security_review", "status") != "complete"

    out["DEC001"] = sum("limit" not in a for a in autonomous)
    out["DEC002"] = sum("limit" in a and a["limit"]["amount"] > 500 for a in autonomous)
    out["DEC003"] = status("decision_boundaries") != "not_started" and not any(
        a["authority"] == "prohibited" for a in actions)
    out["DEC004"] = sum(a["authority"] == "approval_required" and "approver" not in a
                        for a in actions)

    out["OUT001"] = not any("baseline" in m and "target" in m for m in operational)
    the_roi = get("outcomes", "roi") or {}
    costs = the_roi.get("one_time_costs") or {}
    out["OUT002"] = not the_roi or "annual_benefit" not in the_roi or not (
        "integration" in costs and "change_management" in costs)
    out["OUT003"] = sum("baseline" not in m for m in operational)
    for m in operational if live else []:
        if any(m.get(k) is None for k in ("baseline", "target", "current")):
            continue
        if m["target"] == m["baseline"]:
            continue
        lower = m["target"] < m["baseline"]
        if m.get("direction") and lower != (m["direction"] == "decrease"):
            continue  # a target on the wrong side of the baseline
        worse = m["current"] > m["baseline"] if lower else m["current"] < m["baseline"]
        if worse and scaling and m.get("direction"):
            continue  # SEQ006's
        share = (m["current"] - m["baseline"]) / (m["target"] - m["baseline"])
        days = (ini["assessed_on"] - live_since).days if live_since else None
        out["OUT004"] += worse or (days is not None and days >= 90 and share < 0.25)

    out["GOV001"] = live and get("governance", "drift_monitoring", "enabled") is not True
    severity["GOV001"] = "blocker" if ini["stage"] == "production" else "major"
    out["GOV002"] = live and not get("governance", "retraining", "cadence")
    required = {r for j in ini.get("jurisdictions", []) for r in REQUIRED[j]}
    out["GOV003"] = sum(regulations.get(r, "gap") in ("gap", "not_assessed") for r in required)
    rate = get("governance", "override_tracking", "override_rate")
    out["GOV004"] = rate is not None and rate >= 0.3
    severity["GOV004"] = "blocker" if rate is not None and rate >= 0.5 else "major"
    out["GOV005"] = any(s.get("personal_information") for s in sources) and not any(
        regulations.get(r) in ("compliant", "in_review") for r in PRIVACY)
    out["GOV006"] = live and not get("governance", "edge_case_review", "cadence")
    out["GOV007"] = ("CA-QC" in ini.get("jurisdictions", []) and live and bool(autonomous)
                     and get("governance", "automated_decision_notice") is not True)
    out["WAI001"] = sum(w["expires_on"] < TODAY for w in data["waivers"])
    for q in data.get("open_questions", []):
        head = re.split(r"[.\[]", q["field"])[0]
        gate = "governance" if head == "rollout" else head if head in GATES else "workflow"
        out["OPN001"] += status(gate) == "complete"
        out["OPN002"] += (TODAY - q["raised_on"]).days > 30

    # When rules run: a content rule needs its gate started, or the initiative live.
    for rule_id in list(out):
        if rule_id in CONTENT_GATE and not live and status(CONTENT_GATE[rule_id]) == "not_started":
            out[rule_id] = 0
    return Counter({k: int(v) for k, v in out.items() if v}), severity


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_engine_agrees_with_the_catalogue_on_any_file(data: Data) -> None:
    text = yaml.safe_dump(data, sort_keys=False)
    document = loads(text, "generated.yaml")
    result = assess(document, validate(document), load_pack(None), None, TODAY)
    counts, severity = expected(data)
    assert Counter(f.rule for f in result.findings) == counts, text
    current = {w["rule"] for w in data["waivers"] if w["expires_on"] >= TODAY}
    for finding in result.findings:
        assert finding.waived == (finding.rule in current), finding
        if finding.rule in severity:
            assert finding.severity.value == severity[finding.rule], finding
