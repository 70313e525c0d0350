"""`readiness assess` in a real pseudo-terminal: typing, Ctrl-C, kill -9, resume, finish.

These drive the real command (`python -m readiness assess`) through pexpect, so they
cover what in-process tests cannot: the terminal check, the signal handling and exit
codes, and that every answer is on disk before the next question is shown.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from readiness.cli import app
from readiness.loader import load
from readiness.schema import validate
from tests.common import ROOT

MINI = str(ROOT / "tests" / "data" / "assess-mini-pack.yaml")
ENV = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LC_ALL": "C.UTF-8"}


def spawn(path: Path, *extra: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "readiness", "assess", str(path), "--today", "2026-11-20", *extra],
        cwd=str(ROOT), env=ENV, encoding="utf-8", timeout=20, dimensions=(50, 100),
    )
    child.delaybeforesend = None
    return child


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


def interrupt(child: pexpect.spawn, how: signal.Signals | None = None) -> None:
    """Ctrl-C (or a signal) at the prompt just shown. The prompt is written an instant
    before the read starts; a signal in between is only seen once the read returns, so
    wait until the wizard is really waiting for the answer."""
    time.sleep(0.3)
    if how is None:
        child.sendintr()
    else:
        child.kill(how)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, child.signalstatus
    return child.exitstatus


def validate_json(path: Path, *extra: str) -> dict:
    """`readiness validate --format json` on the produced file (in-process: it is fast)."""
    result = CliRunner().invoke(
        app, ["validate", str(path), "--format", "json", "--today", "2026-11-20", *extra]
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["files"][0]


INITIATIVE = [
    ("Initiative id: ", "mini-copilot"),
    ("Name: ", "Mini copilot"),
    ("Domain: ", "1"),
    ("Use case: ", "billing_agent"),
    ("Stage: ", "pilot"),
    ("Accountable owner: ", "Priya Raman, VP Care"),
    ("Assessed on: ", "today"),
]


def test_interrupt_resume_and_finish(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    child = spawn(path, "-q", MINI)
    for prompt, text in INITIATIVE:
        answer(child, prompt, text)
    answer(child, "Workflow status: ", "3")
    answer(child, "Workflow completed on: ", "2026-02-30")  # no such day: asked again
    child.expect_exact("no such day")
    answer(child, "Workflow completed on: ", "2026-02-02")
    answer(child, "Process: ", "?")
    child.expect_exact("One process, precisely.")
    answer(child, "Process: ", "Tier-1 billing disputes")
    child.expect_exact("Gate 1: Workflow - score 100/100, complete, passes")
    answer(child, "Data pipeline status: ", "2")
    answer(child, "Decision latency: ", "2 minutes")
    answer(child, "Enter = done: ", "a")
    answer(child, "Source name: ", "CRM")
    answer(child, "Kind: ", "crm")
    answer(child, "Owner: ", "CRM platform team")
    answer(child, "Freshness: ", "1 minute")
    child.expect_exact("1. CRM | crm | CRM platform team | PT1M")
    child.expect_exact("Enter = done: ")
    interrupt(child)  # Ctrl-C midway through gate 2
    child.expect_exact("to resume")
    assert finish(child) == 130

    saved = load(path)
    assessment = validate(saved)
    assert assessment.workflow is not None
    assert assessment.workflow.process == "Tier-1 billing disputes"
    assert [s.name for s in assessment.sources] == ["CRM"]
    assert assessment.data_pipeline is not None
    assert assessment.data_pipeline.decision_latency.total_seconds() == 120

    child = spawn(path, "-q", MINI)
    child.expect_exact("Resuming")
    child.expect(r"at:\s+Integration status")
    answer(child, "Integration status: ", "2")
    answer(child, "Fallback: ", "Agents follow the standard dispute script")
    answer(child, "Boundaries status: ", "not_started")
    answer(child, "Outcomes status: ", "")  # skipped: the gate stays out of the file
    answer(child, "Governance status: ", "2")
    answer(child, "Retraining cadence: ", "every 90 days")
    child.expect_exact("is not a duration")
    answer(child, "Retraining cadence: ", "90 days")
    child.expect_exact("Level 1/6")
    child.expect_exact("Not ready: blocked at gate 2, Data pipeline")
    child.expect_exact("Next steps:")
    assert finish(child) == 1  # an unwaived blocker (SEQ002): below the default bar

    report = validate_json(path, "-q", MINI)
    assert report["valid"] is True
    assert report["level"] == 1
    assert sorted(f["rule"] for f in report["findings"]) == ["DAT002", "SEQ002"]
    text = path.read_text(encoding="utf-8")
    assert "outcomes:" not in text and "cadence: P90D" in text

    child = spawn(path, "-q", MINI)  # nothing left to ask
    child.expect_exact("Every question is answered")
    assert finish(child) == 1


def _answer_initiative(child: pexpect.spawn) -> None:
    for prompt, text in INITIATIVE:
        answer(child, prompt, text)
    answer(child, "Workflow status: ", "in_progress")
    answer(child, "Process: ", "Tier-1 billing disputes")
    answer(child, "Data pipeline status: ", "in_progress")


@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_killed_between_two_answers_loses_nothing(tmp_path: Path, how: str) -> None:
    path = tmp_path / "killed.yaml"
    child = spawn(path, "-q", MINI)
    _answer_initiative(child)
    child.expect_exact("Decision latency: ")  # the last answer was saved before this prompt
    interrupt(child, getattr(signal, how))
    child.expect(pexpect.EOF)
    child.close()
    if how == "SIGINT":
        assert child.exitstatus == 130
    else:
        assert child.signalstatus == signal.SIGKILL
    assessment = validate(load(path))
    assert assessment.initiative.id == "mini-copilot"
    assert str(assessment.initiative.accountable_owner) == "Priya Raman, VP Care"
    assert assessment.workflow is not None
    assert assessment.workflow.process == "Tier-1 billing disputes"
    assert assessment.data_pipeline is not None
    assert assessment.data_pipeline.status.value == "in_progress"
    assert not list(tmp_path.glob(".killed.yaml.*.tmp")), "a temporary file was left behind"

    child = spawn(path, "-q", MINI)  # and the next session starts where this one stopped
    child.expect_exact("Resuming")
    child.expect(r"at:\s+Decision latency")
    child.expect_exact("Decision latency: ")
    interrupt(child)
    assert finish(child) == 130


def test_stdin_not_a_terminal_exits_2_with_the_answers_hint(tmp_path: Path) -> None:
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "readiness", "assess", str(tmp_path / "x.yaml")],
        cwd=ROOT, stdin=subprocess.PIPE, capture_output=True, text=True, timeout=5,
    )
    assert time.monotonic() - started < 5
    assert run.returncode == 2
    assert "--answers FILE" in run.stderr and "not a terminal" in run.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_full_session_with_the_default_pack(tmp_path: Path) -> None:
    """Every question of the shipped customer-ops pack, through the terminal."""
    path = tmp_path / "billing.yaml"
    child = spawn(path)
    script = [
        ("Short identifier", "billing-dispute-copilot"),
        ("Name of the initiative", "Billing copilot"),
        ("Operator", "Northwind Telecom"), ("Domain", "1"), ("Use case", "billing_agent"),
        ("Stage", "pilot"), ("Jurisdictions", "CA"),
        ("Accountable owner", "Priya Raman, VP Customer Care"),
        ("Date of this assessment", "today"), ("Assessors", "Sam Lee"),
        # gate 1
        ("Status of the workflow gate", "complete"),
        ("When was the workflow gate completed?", "2026-02-02"),
        ("When did workflow work start?", "2026-01-12"),
        ("Which one process", "Tier-1 billing dispute handling"),
        ("Who owns that process", "Dana Cho, Director Care Operations"),
        ("Who does the work today", "tier-1 care agents"), ("How many of them?", "1200"),
        ("Which metric shows the friction?", "average handle time"),
        ("Unit of that metric", "minutes"), ("Baseline value today", "11.4"),
        ("When was the baseline measured?", "2026-01-31"),
        ("Where does the baseline come from", "WFM report"),
        ("Transactions of the process per month", "180,000"),
        ("Scope of the first deployment", "Disputes under 500 CAD"),
        ("When did model work", ""),
        # gate 2
        ("Status of the data pipeline gate", "complete"),
        ("When was the data pipeline gate completed?", "2026-03-13"),
        ("When did data pipeline work start?", "2026-02-03"),
        ("How fresh must data be", "2 minutes"),
    ]
    source = [("CRM", "crm"), ("Billing", "bss"), ("Tickets", "ticketing")]
    for prompt, text in script:
        answer(child, prompt, text)
    for name, kind in source:
        answer(child, "Enter = done: ", "a")
        for prompt, text in [("Source name", name), ("Kind", kind), ("Owner", f"{name} team"),
                             ("Access path", "api"), ("Worst-case age", "1 minute"),
                             ("Hops from the system of record", "0"),
                             ("personal information?", "y")]:
            answer(child, prompt, text)
    answer(child, "Enter = done: ", "")
    child.expect_exact("Gate 2: Data pipeline - score 100/100, complete, passes")
    rest = [
        ("Status of the integration gate", "in_progress"),
        ("When did integration work start?", "2026-03-20"),
        ("Where do users meet the AI?", "agent_desktop"),
        ("embedded in a tool they already use?", "y"),
        ("Enter = done: ", "a"), ("System", "Salesforce"), ("Direction", "read_write"),
        ("Interface", "rest"), ("Enter = done: ", ""),
        ("Latency budget in milliseconds", "1500"),
        ("What do users do when the AI is unavailable?", "Standard dispute script"),
        ("Status of the security review", "in_progress"),
        ("Since when can real users reach the AI", ""),
        ("Status of the decision boundaries gate", ""),  # left out: not started
        ("Status of the outcomes gate", ""),
        ("Status of the governance gate", "in_progress"),
        ("When did governance work start?", "2026-03-01"),
        ("Is drift monitoring enabled?", "y"), ("Who receives drift alerts?", "ML on-call"),
        ("Retraining cadence", "90 days"), ("Who owns retraining?", "ML platform team"),
        ("Edge-case review cadence", "2 weeks"), ("Are overrides of the AI tracked?", "y"),
        ("Share of AI recommendations", "0.12"),
        ("Enter = done: ", "a"), ("Regulation", "PIPEDA"), ("Status", "compliant"),
        ("Reviewed on", "2026-05-01"), ("Name (when", ""),
        ("Enter = done: ", "a"), ("Regulation", "CRTC"), ("Status", "in_review"),
        ("Reviewed on", ""), ("Name (when", ""), ("Enter = done: ", ""),
        ("Are people told", "y"), ("incident process", "y"), ("logged for audit", "y"),
        ("Criteria for expanding scope", "AHT target holds for 8 weeks"),
    ]
    for prompt, text in rest:
        answer(child, prompt, text)
    child.expect_exact("Level 2/6")
    child.expect_exact("Not ready: blocked at gate 3, Integration")
    assert finish(child) == 0

    report = validate_json(path)
    assert report["valid"] is True and report["level"] == 2
    assert [g["status"] for g in report["gates"]] == [
        "complete", "complete", "in_progress", "not_started", "not_started", "in_progress"]
    assert sorted(f["rule"] for f in report["findings"]) == []
