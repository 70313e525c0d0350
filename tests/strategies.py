"""Hypothesis strategies for assessment documents: valid ones built from the model's enums
and types, mutated ones that break them in the ways hand-written and generated files do,
and their YAML or JSON text.

`valid_documents()` only draws what docs/format.md allows, so every document it yields
must validate; `mutated_documents()` draws a valid document and applies one to three
mutations (wrong type, missing key, extra key, random unicode, huge or non-finite
numbers, deep nesting, impossible dates, null in odd places), recording what it did so
that a test can demand the matching error.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import yaml
from hypothesis import strategies as st

from readiness import model as m
from readiness.loader import format_path
from readiness.rules import RULE_IDS

Data = dict[str, Any]

# --- scalars ------------------------------------------------------------------------------

# Text a person could type: any unicode a YAML file may hold (no surrogates, no DEL or C1
# controls, no U+FFFE/FFFF), never empty or only whitespace (the model requires a
# character). Control characters below U+0020 are included: YAML and JSON escape them.
# U+0085, U+2028 and U+2029 are line breaks to YAML 1.1: PyYAML's dumper writes them raw
# inside quotes, where its reader folds them, so they would not survive the round trip.
_NOT_IN_YAML = "".join(chr(c) for c in range(0x7F, 0xA0)) + "\u2028\u2029\ufffe\uffff"
yaml_character = st.characters(exclude_categories=["Cs"], exclude_characters=_NOT_IN_YAML)
text = st.text(
    alphabet=yaml_character,
    min_size=1,
    max_size=24,
).filter(lambda s: s.strip() != "")
slug = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,30}\Z")
day = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
count = st.integers(min_value=0, max_value=10**9)
amount = st.one_of(st.integers(0, 10**7), st.floats(0, 1e7, allow_nan=False))
number = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
ratio = st.floats(0, 1, allow_nan=False)
duration = st.one_of(
    st.builds(lambda n: f"PT{n}M", st.integers(1, 600)),
    st.builds(lambda n: f"PT{n}H", st.integers(1, 48)),
    st.builds(lambda n: f"P{n}D", st.integers(1, 400)),
    st.builds(lambda d, h: f"P{d}DT{h}H", st.integers(0, 30), st.integers(1, 23)),
)
currency = st.sampled_from(["CAD", "USD", "EUR", "GBP"])


def enum(kind: type[StrEnum]) -> st.SearchStrategy[str]:
    return st.sampled_from([member.value for member in kind])


person = st.one_of(
    text,
    st.fixed_dictionaries({"name": text}, optional={"role": text}),
    st.fixed_dictionaries({"role": text}),
)


# --- sections -----------------------------------------------------------------------------


@st.composite
def gate_common(draw: st.DrawFn) -> Data:
    """status, started_on, completed_on (only when complete, never before started_on)."""
    status = draw(enum(m.Status))
    section: Data = {"status": status}
    started = draw(st.none() | day)
    if started is not None:
        section["started_on"] = started
    if status == m.Status.COMPLETE:
        low = started or date(2000, 1, 1)
        section["completed_on"] = draw(st.dates(low, low + timedelta(days=400)))
    if draw(st.booleans()):
        section["notes"] = draw(text)
    if draw(st.booleans()):
        section["evidence"] = draw(st.lists(text, max_size=3))
    return section


def _section(common: st.SearchStrategy[Data], **fields: st.SearchStrategy[Any]) -> Any:
    extra = st.fixed_dictionaries({}, optional=fields)
    return st.builds(lambda a, b: {**a, **b}, common, extra)


initiative = st.fixed_dictionaries(
    {
        "id": slug,
        "name": text,
        "domain": enum(m.Domain),
        "use_case": enum(m.UseCase),
        "stage": enum(m.Stage),
        "assessed_on": day,
    },
    optional={
        "operator": text,
        "jurisdictions": st.lists(enum(m.Jurisdiction), max_size=3, unique=True),
        "accountable_owner": person,
        "stakeholders": st.lists(
            st.fixed_dictionaries(
                {"group": enum(m.StakeholderGroup)},
                optional={"name": text, "success_measure": text},
            ),
            max_size=3,
        ),
        "assessors": st.lists(person, max_size=2),
    },
)

source = st.fixed_dictionaries(
    {"name": text, "kind": enum(m.SourceKind)},
    optional={
        "owner": person,
        "access": enum(m.Access),
        "freshness": duration,
        "max_staleness": duration,
        "hops_from_system_of_record": st.integers(0, 5),
        "personal_information": st.booleans(),
        "quality_checks": st.lists(text, max_size=2),
    },
)
touchpoint = st.fixed_dictionaries(
    {"system": text},
    optional={
        "direction": enum(m.Direction),
        "interface": enum(m.Interface),
        "tmf_api": st.from_regex(r"\ATMF[0-9]{3}\Z"),
    },
)
action = st.fixed_dictionaries(
    {"action": text, "authority": enum(m.Authority)},
    optional={
        "limit": st.fixed_dictionaries({"amount": amount, "currency": currency}),
        "approver": person,
        "rationale": text,
    },
)
metric = st.fixed_dictionaries(
    {"name": text, "kind": enum(m.MetricKind)},
    optional={
        "unit": text,
        "direction": enum(m.Better),
        "baseline": number,
        "target": number,
        "current": number,
        "measured_on": day,
        "owner": person,
    },
)
regulation = st.builds(
    lambda reg_id, status, extra: {
        "id": reg_id,
        "status": status,
        **extra,
        **({"name": "Local telecom act"} if reg_id == "OTHER" else {}),
    },
    enum(m.RegulationId),
    enum(m.ComplianceStatus),
    st.fixed_dictionaries({}, optional={"reviewed_on": day, "name": text}),
)
waiver = st.fixed_dictionaries(
    {
        "rule": st.sampled_from(sorted(RULE_IDS)),
        "reason": text,
        "approved_by": person,
        "expires_on": day,
    }
)

workflow = _section(
    gate_common(),
    process=text,
    process_owner=person,
    users=st.fixed_dictionaries({}, optional={"role": text, "count": count}),
    friction=st.fixed_dictionaries(
        {},
        optional={"metric": text, "unit": text, "baseline": number, "measured_on": day,
                  "source": text},
    ),
    monthly_volume=count,
    scope=text,
)
data_pipeline = _section(
    gate_common(), decision_latency=duration, sources=st.lists(source, max_size=3)
)
integration = _section(
    gate_common(),
    surface=enum(m.Surface),
    embedded_in_existing_tool=st.booleans(),
    touchpoints=st.lists(touchpoint, max_size=3),
    latency_budget_ms=count,
    fallback=text,
    security_review=st.builds(
        lambda status, on: {"status": status, **({"completed_on": on} if on else {})},
        enum(m.Status),
        st.none() | day,
    ),
    live_since=day,
)
decision_boundaries = _section(
    gate_common(),
    actions=st.lists(action, max_size=3),
    escalation_path=text,
    autonomy_level=enum(m.AutonomyLevel),
)
outcomes = _section(
    gate_common(),
    metrics=st.lists(metric, max_size=3),
    roi=st.fixed_dictionaries(
        {},
        optional={
            "currency": currency,
            "horizon_years": st.integers(1, 10),
            "annual_benefit": amount,
            "benefit_basis": text,
            "one_time_costs": st.fixed_dictionaries(
                {}, optional={"integration": amount, "change_management": amount, "other": amount}
            ),
            "annual_run_cost": amount,
        },
    ),
)
governance = _section(
    gate_common(),
    drift_monitoring=st.fixed_dictionaries(
        {},
        optional={"enabled": st.booleans(), "signals": st.lists(text, max_size=2),
                  "alert_owner": person},
    ),
    retraining=st.fixed_dictionaries(
        {}, optional={"cadence": duration, "trigger": text, "owner": person}
    ),
    edge_case_review=st.fixed_dictionaries({}, optional={"cadence": duration, "owner": person}),
    override_tracking=st.fixed_dictionaries(
        {}, optional={"enabled": st.booleans(), "override_rate": ratio}
    ),
    regulations=st.lists(regulation, max_size=3),
    expansion_criteria=text,
    automated_decision_notice=st.booleans(),
    incident_process=st.booleans(),
    audit_log=st.booleans(),
)
model_work = st.fixed_dictionaries(
    {},
    optional={
        "kind": enum(m.ModelKind),
        "started_on": day,
        "offline_metrics": st.lists(
            st.fixed_dictionaries({"name": text, "value": number}), max_size=2
        ),
    },
)
rollout = st.fixed_dictionaries(
    {},
    optional={
        "users_enabled": count,
        "users_total": count,
        "history": st.lists(
            st.fixed_dictionaries({"on": day, "users_enabled": count}), max_size=2
        ),
    },
)


def valid_documents() -> st.SearchStrategy[Data]:
    """Assessments that follow docs/format.md to the letter: each one must validate."""
    return st.fixed_dictionaries(
        {"schema_version": st.just(1), "initiative": initiative},
        optional={
            "workflow": workflow,
            "data_pipeline": data_pipeline,
            "integration": integration,
            "decision_boundaries": decision_boundaries,
            "outcomes": outcomes,
            "governance": governance,
            "model": model_work,
            "rollout": rollout,
            "waivers": st.lists(waiver, max_size=3),
        },
    )


# --- mutations ----------------------------------------------------------------------------

HUGE_NUMBERS = [1e308, -1e308, 10**30, -(10**30), 2**63, 2**64 + 1, 1e-320]
NON_FINITE = [math.nan, math.inf, -math.inf]
ODD_DATES = [
    "0000-01-01", "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "20261-01-01",
    "-2026-01-01", "2026-1-1", "2026-W01", "tomorrow",
    datetime(2026, 3, 15, 12, 30), date.min, date.max,
]


def deep(depth: int) -> Any:
    value: Any = "bottom"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


odd_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(HUGE_NUMBERS + NON_FINITE),
    st.floats(),
    st.text(max_size=30),  # any unicode, empty and whitespace included
    st.sampled_from(ODD_DATES),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.integers(20, 70).map(deep),
    st.sampled_from(["PT", "P", "P1Y2M3W4DT5H6M7.5S", "P99999999999999999D", "-PT1M"]),
)


# A value the loader reads whatever the format: for keys whose error must be reported (a
# value the loader refuses, such as DEL in JSON or 60 levels of nesting, ends the file
# before the schema sees the key).
plain_value = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), text,
    st.lists(st.integers(0, 9), max_size=3),
)


@dataclass
class Mutated:
    """A document and what was done to it, so a test can name the error it expects."""

    data: Any
    mutations: list[str] = field(default_factory=list)
    # Paths that must be reported: an unknown key added, a required key removed.
    must_report: list[str] = field(default_factory=list)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


# Required keys by where their mapping sits (`name` and `currency` are optional elsewhere).
_REQUIRED_AT = {
    (): {"schema_version", "initiative"},
    ("initiative",): {"id", "name", "domain", "use_case", "stage", "assessed_on"},
    ("sources", int): {"name", "kind"},
    ("touchpoints", int): {"system"},
    ("actions", int): {"action", "authority"},
    ("metrics", int): {"name", "kind"},
    ("regulations", int): {"id", "status"},
    ("waivers", int): {"rule", "reason", "approved_by", "expires_on"},
}


def _required_here(path: tuple[Any, ...]) -> set[str]:
    if path in _REQUIRED_AT:
        return _REQUIRED_AT[path]
    if len(path) >= 2 and isinstance(path[-1], int):
        return _REQUIRED_AT.get((path[-2], int), set())
    if len(path) == 1 and path[0] in {g.value for g in m.GateId}:
        return {"status"}
    return set()


@st.composite
def mutated_documents(draw: st.DrawFn) -> Mutated:
    data = draw(valid_documents())
    result = Mutated(data)
    if draw(st.integers(0, 19)) == 13:  # now and then the whole file is something else
        result.data = draw(odd_value)
        result.mutations.append(f"root -> {type(result.data).__name__}")
        return result
    for _ in range(draw(st.integers(1, 3))):
        mappings = [p for p in _paths(data) if isinstance(_get(data, p), dict)]
        targets = [p for p in _paths(data) if p]
        kind = draw(st.sampled_from(["replace", "replace", "delete", "extra", "unicode_key",
                                     "null"]))
        if kind in ("replace", "null") and targets:
            path = draw(st.sampled_from(targets))
            value = None if kind == "null" else draw(odd_value)
            _get(data, path[:-1])[path[-1]] = value
            result.mutations.append(f"{format_path(path)} = {value!r:.60}")
        elif kind == "delete" and mappings:
            path = draw(st.sampled_from(mappings))
            parent = _get(data, path)
            if parent:
                key = draw(st.sampled_from(sorted(parent, key=str)))
                del parent[key]
                result.mutations.append(f"del {format_path((*path, key))}")
                if key in _required_here(path) and not result.must_report:
                    result.must_report.append(format_path((*path, key)))
        elif kind in ("extra", "unicode_key") and mappings:
            path = draw(st.sampled_from(mappings))
            parent = _get(data, path)
            if kind == "extra":
                key = draw(st.sampled_from(["owner_name", "statuss", "extra", "Status", "x"]))
            else:
                key = draw(st.text(alphabet=yaml_character, min_size=1, max_size=12))
            if key not in parent and isinstance(key, str):
                parent[key] = draw(plain_value)
                result.mutations.append(f"add {format_path((*path, key))}")
                if not result.must_report and _known_mapping(path):
                    result.must_report.append(format_path((*path, key)))
    if len(result.mutations) > 1:
        result.must_report = []  # a later mutation may have replaced the mapping it was in
    return result


@st.composite
def key_mistakes(draw: st.DrawFn) -> Mutated:
    """One unknown key added to a mapping the model describes, or one required key removed:
    the mistakes docs/format.md ("In brief") says are always errors, at a path the error must
    name."""
    data = draw(valid_documents())
    mappings = [p for p in _paths(data) if isinstance(_get(data, p), dict) and _known_mapping(p)]
    path = draw(st.sampled_from(mappings))
    parent = _get(data, path)
    required = sorted(_required_here(path) & set(parent))
    remove: bool = draw(st.booleans())
    if required and remove:
        key = draw(st.sampled_from(required))
        del parent[key]
        return Mutated(data, [f"del {format_path((*path, key))}"], [format_path((*path, key))])
    key = draw(
        st.one_of(
            st.sampled_from(["owner_name", "statuss", "Status", "notes_", "x"]),
            st.text(alphabet=yaml_character, min_size=1, max_size=12),
        ).filter(lambda k: k not in parent and k != "<<")
    )
    parent[key] = draw(plain_value)
    return Mutated(data, [f"add {format_path((*path, key))}"], [format_path((*path, key))])


def _known_mapping(path: tuple[Any, ...]) -> bool:
    """A mapping the model describes (so an unknown key in it must be reported), not a
    free-form value such as an odd dictionary drawn by a mutation."""
    from readiness.schema import model_at

    return model_at(path) is not None


# --- text ---------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


class _Dumper(yaml.SafeDumper):
    """PyYAML's dumper, quoting text that the loader reads as a number (`1e3`, `0E0`):
    readiness reads exponents without a dot as numbers, as JSON and YAML 1.2 do."""


_EXPONENT = re.compile(r"^[-+]?[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+$")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _EXPONENT.match(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _text)


def to_yaml(data: Any, allow_unicode: bool = True) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=allow_unicode, sort_keys=False,
                     width=80)


def to_json(data: Any) -> str:
    # allow_nan: a JSON file written by another tool may well hold NaN or Infinity.
    return json.dumps(data, default=_json_default, ensure_ascii=False, allow_nan=True)


@st.composite
def document_text(draw: st.DrawFn, documents: st.SearchStrategy[Any]) -> tuple[Any, str]:
    """A document and its text as YAML (unicode or escaped) or JSON."""
    data = draw(documents)
    payload = data.data if isinstance(data, Mutated) else data
    style = draw(st.sampled_from(["yaml", "yaml-ascii", "json"]))
    if style == "json":
        try:
            return data, to_json(payload)
        except (TypeError, ValueError, RecursionError):
            style = "yaml"
    return data, to_yaml(payload, allow_unicode=style == "yaml")


@st.composite
def damaged_text(draw: st.DrawFn) -> bytes:
    """Valid document text, then truncated, spliced with random bytes, or re-encoded."""
    raw = to_yaml(draw(valid_documents())).encode("utf-8")
    how = draw(st.sampled_from(["truncate", "insert", "overwrite", "utf16", "bom", "tabs"]))
    if how == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    if how == "insert":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=16)) + raw[at:]
    if how == "overwrite":
        at = draw(st.integers(0, max(0, len(raw) - 1)))
        junk = draw(st.binary(min_size=1, max_size=8))
        return raw[:at] + junk + raw[at + len(junk):]
    if how == "utf16":
        return raw.decode("utf-8").encode("utf-16")
    if how == "bom":
        return b"\xef\xbb\xbf" + raw
    return raw.replace(b"  ", b"\t", draw(st.integers(1, 3)))


# --- hostile shapes -----------------------------------------------------------------------


@st.composite
def many_unknown_keys(draw: st.DrawFn) -> tuple[Data, int]:
    """A valid document with tens to hundreds of unknown keys, at the top level and in
    the mappings the model describes; and how many were added. Every one must be counted,
    the first 100 shown (docs/reliability.md, "Limits")."""
    data = draw(valid_documents())
    mappings = [p for p in _paths(data) if isinstance(_get(data, p), dict) and _known_mapping(p)]
    added = 0
    for index in range(draw(st.integers(1, 300))):
        parent = _get(data, draw(st.sampled_from(mappings)))
        key = f"unknown_{index}"
        parent[key] = draw(plain_value)
        added += 1
    return data, added


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]


@st.composite
def encoded_documents(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid document's text in UTF-8, with a byte order mark, or in UTF-16 (with or
    without its mark), and the encoding: only UTF-8 is read, with or without the mark."""
    encoding = draw(st.sampled_from(ENCODINGS))
    return to_yaml(draw(valid_documents())).encode(encoding), encoding


# File names a committer can choose: line breaks, workflow commands, Markdown and HTML,
# terminal escapes, bidirectional overrides, percent signs and commas, a leading dash,
# bytes that are not UTF-8.
_NAME_PARTS = ["\n::error::x", "::warning::", "\r", "<img src=x>", "[a](https:e.x)", "|",
               "%0A", ",", ":", "\x1b[31m", "\u202e", "-", " ", "é", "@team",
               *(["\udcff"] if sys.platform == "linux" else [])]  # the byte 0xFF: not UTF-8
odd_file_names = st.lists(st.sampled_from(_NAME_PARTS), min_size=1, max_size=4).map(
    lambda parts: "".join(parts) + ".yaml")

# Markup and line breaks that could change what an output means if they got through.
MARKUP = ["line\n::error::injected", "<script>alert(1)</script>", "[a](javascript:1)",
          "![x](https://evil.example/p.png)", "| x |", "{{ 7*7 }}", "\x1b[31mred",
          "\u202eevil", "@team", "www.evil.example", "https://evil.example", "# heading",
          "\r\n- item", "\x00nul", "`code`", "*em*"]


@st.composite
def marked_up_documents(draw: st.DrawFn) -> Data:
    """A valid document with newlines and markup appended to every free-text field that
    still validates with them."""
    from pydantic import ValidationError

    data = draw(valid_documents())
    payload = " ".join(draw(st.lists(st.sampled_from(MARKUP), min_size=1, max_size=4)))
    for path in _paths(data):
        value = _get(data, path)
        if not path or not isinstance(value, str) or path[-1] in ("id", "rule", "field"):
            continue
        parent = _get(data, path[:-1])
        parent[path[-1]] = value + " " + payload
        try:
            m.Assessment.model_validate(data)
        except ValidationError:
            parent[path[-1]] = value  # an enum, a date, a duration: not free text
    return data
