"""A seeded generator of assessment portfolios with known ground truth.

Every generated assessment starts from the reference example (all six gates pass) and
is cut back to a random number of completed gates; then anti-patterns are injected on
purpose, each recorded in the `Truth` of the initiative, so a test can compare the
portfolio's counts with what was planted rather than with what the engine reports:

- OWN001: the accountable owner is removed (a blocker on gate 1: level 0);
- SEQ001: model work starts before the workflow is complete;
- SEQ002: the data pipeline is reopened while integration has started; a third of
  these carry a current waiver for SEQ002, which must keep them out of the count;
- GOV004: humans override the AI at a rate of 0.35 (major) or 0.55 (blocker);
- OWN003: a quarter of the initiatives name stakeholder groups that measure success by a
  model measure, or by nothing the initiative measures. A generated pilot cut back
  before its outcomes has no stakeholder groups, so only the planted ones misalign.

A few initiatives are planted with a known place in the ranking and the matrix.
"""

from __future__ import annotations

import copy
import functools
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tests.common import EXAMPLES, TODAY

BASE_FILE = EXAMPLES / "care-copilot-ready.yaml"
GATES = ("workflow", "data_pipeline", "integration", "decision_boundaries", "outcomes",
         "governance")
CONTROLLED = ("OWN001", "SEQ001", "SEQ002", "GOV004", "OWN003")
MISALIGNED_SHARE = 0.25
"""The share of generated initiatives planted with misaligned success measures (OWN003)."""
MISALIGNED = (
    [{"group": "innovation", "name": "AI Lab", "success_measure": "model accuracy"},
     {"group": "business", "name": "Care Operations", "success_measure": "average handle time"}],
    [{"group": "it", "name": "CRM Platform", "success_measure": "no added console latency"},
     {"group": "network", "name": "Network Assurance", "success_measure": "fewer truck rolls"}],
)
"""Two ways groups misalign: one counts a model score; none counts an outcome metric."""


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Truth:
    id: str
    path: Path
    completed_gates: int
    injected: set[str] = field(default_factory=set)  # unwaived anti-patterns planted
    waived: set[str] = field(default_factory=set)
    roi: bool = True
    currency: str = "CAD"
    net_benefit: float | None = None


@functools.cache
def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASE_FILE.read_text(encoding="utf-8"))
    return data


def base() -> dict[str, Any]:
    """A fresh copy of the reference assessment (all six gates pass)."""
    return copy.deepcopy(_base())


def _roi(data: dict[str, Any], annual: float, once: float, run: float, currency: str) -> float:
    outcomes = data.setdefault("outcomes", {"status": "in_progress"})
    outcomes["roi"] = {
        "currency": currency,
        "horizon_years": 3,
        "annual_benefit": annual,
        "benefit_basis": "generated",
        "one_time_costs": {"integration": once * 0.7, "change_management": once * 0.3},
        "annual_run_cost": run,
    }
    return annual * 3 - once - run * 3


def cut_back(data: dict[str, Any], completed: int) -> None:
    """Keep the first `completed` gates; a pilot that is not live and holds no personal
    data, so no content rule runs on the gates it has not started."""
    if completed == len(GATES):
        return
    data["initiative"].pop("stakeholders", None)
    for gate in GATES[completed:]:
        data.pop(gate, None)
    data["initiative"]["stage"] = "pilot"
    data["initiative"].pop("jurisdictions", None)
    data.pop("rollout", None)
    data.pop("model", None)
    if "integration" in data:
        data["integration"].pop("live_since", None)
    for source in (data.get("data_pipeline") or {}).get("sources", []):
        source["personal_information"] = False


def inject_seq002(data: dict[str, Any], waived: bool) -> None:
    pipeline = data.setdefault("data_pipeline", {"status": "in_progress"})
    pipeline["status"] = "in_progress"
    pipeline.pop("completed_on", None)
    if "integration" not in data:
        integration = copy.deepcopy(base()["integration"])
        integration.pop("live_since", None)
        data["integration"] = integration
    data["integration"]["status"] = "in_progress"
    data["integration"].pop("completed_on", None)
    if waived:
        data.setdefault("waivers", []).append(
            {
                "rule": "SEQ002",
                "reason": "Pipeline re-certification in progress",
                "approved_by": "Office of the CTO",
                "expires_on": date(2027, 6, 30),
            }
        )


def inject_gov004(data: dict[str, Any], rate: float) -> None:
    governance = data.setdefault("governance", {"status": "in_progress"})
    governance["override_tracking"] = {"enabled": True, "override_rate": rate}


def generate(folder: Path, count: int = 200, seed: int = 20261125) -> list[Truth]:
    """Write `count` assessments under `folder` (in sub-folders); return their truth."""
    rng = random.Random(seed)
    misaligned = random.Random(seed + 3)  # its own draws: the other plants stay as they were
    planted_misaligned = set(misaligned.sample(
        sorted(set(range(count)) - set(PLANTED)), round(MISALIGNED_SHARE * count)
    ))
    truths = []
    for index in range(count):
        planted = PLANTED.get(index)
        data = base()
        completed = planted["completed"] if planted else rng.randint(0, 6)
        cut_back(data, completed)
        ident = planted["id"] if planted else f"initiative-{index:03d}"
        data["initiative"]["id"] = ident
        data["initiative"]["name"] = f"Generated initiative {index:03d}"
        data["initiative"]["assessed_on"] = date(2026, 11, 20) if index % 10 else date(2026, 6, 1)
        truth = Truth(ident, folder / f"team-{index % 7}" / f"{ident}.yaml", completed)
        if planted:
            truth.roi = planted["roi"]
            truth.currency = planted.get("currency", "CAD")
            if planted["roi"]:
                truth.net_benefit = _roi(data, planted["annual"], 100_000, 10_000, truth.currency)
            else:
                data.get("outcomes", {}).pop("roi", None)
        else:
            annual = rng.randrange(200_000, 5_000_000, 10_000)
            truth.net_benefit = _roi(data, annual, rng.randrange(100_000, 900_000, 10_000),
                                     rng.randrange(10_000, 300_000, 10_000), "CAD")
            if rng.random() < 0.2:
                del data["initiative"]["accountable_owner"]
                truth.injected.add("OWN001")
            if rng.random() < 0.2 and "workflow" in data and completed < 6:
                data["model"] = {"kind": "llm", "started_on": date(2026, 1, 20)}
                truth.injected.add("SEQ001")
            if rng.random() < 0.25:
                waived = rng.random() < 0.33
                inject_seq002(data, waived)
                (truth.waived if waived else truth.injected).add("SEQ002")
            if rng.random() < 0.15:
                inject_gov004(data, rng.choice([0.35, 0.55]))
                truth.injected.add("GOV004")
            if index in planted_misaligned:
                data["initiative"]["stakeholders"] = copy.deepcopy(MISALIGNED[index % 2])
                truth.injected.add("OWN003")
        if "outcomes" in data and list(data["outcomes"]) == ["status", "roi"]:
            data["outcomes"]["status"] = "in_progress"
        truth.path.parent.mkdir(parents=True, exist_ok=True)
        truth.path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False), encoding="utf-8")
        truths.append(truth)
    return truths


# Initiatives whose place is known in advance: index -> how to build it.
PLANTED: dict[int, dict[str, Any]] = {
    17: {"id": "aaa-flagship", "completed": 6, "roi": True, "annual": 40_000_000},
    42: {"id": "stalled-big-bet", "completed": 1, "roi": True, "annual": 30_000_000},
    77: {"id": "small-pilot", "completed": 0, "roi": True, "annual": 50_000},
    99: {"id": "no-business-case", "completed": 6, "roi": False},
    123: {"id": "dollar-case", "completed": 6, "roi": True, "annual": 9_000_000,
          "currency": "USD"},
    150: {"id": "modest-ready", "completed": 6, "roi": True, "annual": 60_000},
}

__all__ = ["CONTROLLED", "MISALIGNED_SHARE", "PLANTED", "TODAY", "Truth", "generate"]
