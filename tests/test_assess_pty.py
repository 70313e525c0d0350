"""`readiness assess` in a real pseudo-terminal: typing, Ctrl-C, kill -9, resume, finish.

These drive the real command (`python -m readiness assess`) through pexpect, so they
cover what in-process tests cannot: the terminal check, the signal handling and exit
codes, and that every answer is on disk before the next question is shown.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
from typer.testing import CliRunner

from readiness.cli import app
from readiness.loader import load
from readiness.schema import validate
from tests.common import ROOT

MINI = str(ROOT / "tests" / "data" / "assess-mini-pack.yaml")
ENV = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LC_ALL": "C.UTF-8"}


TIMEOUT = 180
"""A ceiling for a hung wizard, never a timing assumption: the tests wait for output."""


def spawn(path: Path, *extra: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "readiness", "assess", str(path), "--today", "2026-11-20", *extra],
        cwd=str(ROOT), env=ENV, encoding="utf-8", timeout=TIMEOUT, dimensions=(50, 100),
    )
    child.delaybeforesend = None
    return child


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


_READ = {"x86_64": "0", "amd64": "0", "aarch64": "63", "arm64": "63"}.get(platform.machine())


def wait_until_reading(child: pexpect.spawn) -> None:
    """Wait until the wizard is blocked reading its terminal (Linux: the `read` system
    call on fd 0, from /proc). The prompt is written an instant before the read starts,
    and a signal in between is only seen once the read returns; on a loaded machine that
    instant can be long, so the test waits for the state, not for a time."""
    syscall = Path(f"/proc/{child.pid}/syscall")
    if _READ is None or not syscall.exists():
        time.sleep(1)  # no /proc to ask: the best a portable test can do
        return
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            fields = syscall.read_text().split()
        except OSError:
            return
        if fields[:2] == [_READ, "0x0"]:
            return
        time.sleep(0.01)
    raise AssertionError("the wizard never waited for an answer")


def interrupt(child: pexpect.spawn, how: signal.Signals | None = None) -> None:
    """Ctrl-C (or a signal) at the prompt just shown, once the wizard waits for it."""
    wait_until_reading(child)
    if how is None:
        child.sendintr()
    else:
        child.kill(how)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status: int | None = child.exitstatus
    assert status is not None, child.signalstatus
    return status


def validate_json(path: Path, *extra: str) -> dict[str, Any]:
    """`readiness validate --format json` on the produced file (in-process: it is fast)."""
    result = CliRunner().invoke(
        app, ["validate", str(path), "--format", "json", "--today", "2026-11-20", *extra]
    )
    assert result.exit_code in (0, 1), result.output
    entry: dict[str, Any] = json.loads(result.stdout)["files"][0]
    return entry


INITIATIVE = [
    ("Initiative id: ", "mini-copilot"),
    ("Name: ", "Mini copilot"),
    ("Domain: ", "1"),
    ("Use case: ", "billing_agent"),
    ("Stage: ", "pilot"),
    ("Accountable owner: ", "Priya Raman, VP Care"),
    ("Assessed on [2026-11-20]: ", ""),  # the session's date (--today) by default
]


def test_interrupt_resume_and_finish(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    child = spawn(path, "-q", MINI)
    for prompt, text in INITIATIVE:
        answer(child, prompt, text)
    child.expect_exact("Gate 1 of 6 \u00b7 question 1 of 2 \u00b7 workflow.status")
    answer(child, "Workflow status: ", "3")
    child.expect_exact("= complete")  # a choice typed by number is echoed by name
    child.expect_exact("Gate 1 of 6 \u00b7 question 2 of 3 \u00b7 workflow.completed_on")
    answer(child, "Workflow completed on: ", "2026-02-30")  # no such day: asked again
    child.expect_exact("no such day")
    answer(child, "Workflow completed on: ", "2026-02-02")
    answer(child, "Process: ", "?")
    child.expect_exact("One process, precisely.")
    answer(child, "Process: ", "Tier-1 billing disputes")
    child.expect_exact("Gate 1: Workflow - score 100/100, complete, passes")
    answer(child, "Data pipeline status: ", "2")
    answer(child, "Decision latency: ", "2 minutes")
    child.expect_exact("The billing agent use case needs crm, bss and ticketing sources.")
    answer(child, "crm \u00b7 Source name (Enter if there is none): ", "CRM")
    answer(child, "Owner: ", "CRM platform team")
    answer(child, "Freshness: ", "1 minute")
    child.expect_exact("1. CRM | crm | CRM platform team | 1 minute")
    child.expect_exact("bss \u00b7 Source name (Enter if there is none): ")
    interrupt(child)  # Ctrl-C midway through gate 2
    child.expect(r"Run\s+`readiness\s+assess\s+\S+mini.yaml\s+-q\s+\S+\s+--today\s+2026-11-20`\s+to\s+resume")
    # stopped inside the sources list: the command that goes back to it
    child.expect(r"It\s+stopped\s+inside\s+the\s+list\s+'Sources[^']*':.*--today\s+2026-11-20"
                 r"\s+--gate\s+data_pipeline`\s+goes\s+back\s+to\s+that\s+list\.")
    assert finish(child) == 130

    saved = load(path)
    assessment = validate(saved)
    assert assessment.workflow is not None
    assert assessment.workflow.process == "Tier-1 billing disputes"
    assert [s.name for s in assessment.sources] == ["CRM"]
    assert assessment.data_pipeline is not None
    assert assessment.data_pipeline.decision_latency is not None
    assert assessment.data_pipeline.decision_latency.total_seconds() == 120

    child = spawn(path, "-q", MINI)
    child.expect_exact("Resuming")
    child.expect(r"at:\s+Sources")  # the list left midway, not the question after it
    child.expect_exact("1. CRM | crm | CRM platform team | 1 minute")
    answer(child, "bss \u00b7 Source name (Enter if there is none): ", "")
    answer(child, "ticketing \u00b7 Source name (Enter if there is none): ", "")
    answer(child, "Enter = done", "")
    answer(child, "Add one now? [y/N]: ", "")  # ended on purpose: not asked again
    answer(child, "Integration status: ", "2")
    answer(child, "Fallback: ", "Agents follow the standard dispute script")
    answer(child, "Boundaries status: ", "not_started")
    answer(child, "Outcomes status: ", "")  # skipped: the gate stays out of the file
    answer(child, "Governance status: ", "2")
    answer(child, "Retraining cadence: ", "every so often")
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
    run = subprocess.run(  # stdin is a closed pipe: nothing to wait for
        [sys.executable, "-m", "readiness", "assess", str(tmp_path / "x.yaml")],
        cwd=ROOT, stdin=subprocess.PIPE, capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert run.returncode == 2
    assert "--answers FILE" in run.stderr and "not a terminal" in run.stderr
    assert not (tmp_path / "x.yaml").exists()


def answers(child: pexpect.spawn, script: list[tuple[str, str]]) -> None:
    for prompt, text in script:
        answer(child, prompt, text)


def test_a_session_with_open_questions_back_percentages_and_a_resume(tmp_path: Path) -> None:
    """The default pack, as a programme lead who does not know every answer would go
    through it: `unknown` on an optional and on a required question, `back`, a sources
    list closed without the OSS source the use case needs, `48%` and `5 minutes`, the
    go-live date asked before gate 1 so that gate 2's panel shows the severity the
    summary shows, Ctrl-C, and a resume that offers the open questions first."""
    path = tmp_path / "router.yaml"
    child = spawn(path)
    child.expect_exact("Part 0: The initiative")
    child.expect_exact("Part 0 \u00b7 question 1 of 11 \u00b7 initiative.id")
    answers(child, [
        ("Short identifier", "ticket-router"), ("Name of the initiative", "Ticket router"),
        ("Operator (company) running it: ", "unknown"),  # optional
        ("Who can answer this? ", "Finance office"),
        ("Domain: ", "1"), ("Use case: ", "ticket_classification"),
        ("Stage: ", "unknown"),  # required: a provisional answer is needed meanwhile
        ("Who can answer this? [Finance office]: ", "Priya Raman, VP Care"),
        ("Provisional Stage: ", "pilot"),
        ("Since when can real users reach the AI", "2026-06-01"),
    ])
    child.expect_exact("That answer needs this one too:")  # a live AI has an integration gate
    answers(child, [
        ("Integration gate: when did its work start (and end, if complete)?: ", "2026-05-01"),
        ("Jurisdictions where it runs: ", "CA-QC"),
        ("Accountable owner (name, role): ", "Priya Raman, VP Care"),
        ("Date of this assessment [2026-11-20]: ", ""),
    ])
    child.expect_exact("Part 0 \u00b7 question 11 of 11 \u00b7 initiative.assessors")
    answer(child, "Assessors (comma-separated names): ", "back")
    child.expect_exact("Part 0 \u00b7 question 10 of 11 \u00b7 initiative.assessed_on")
    answer(child, "Date of this assessment [2026-11-20]: ", "")
    child.expect_exact("Part 0 \u00b7 question 11 of 11 \u00b7 initiative.assessors")
    answer(child, "Assessors (comma-separated names): ", "Sam Lee")
    child.expect_exact("Gate 1 of 6: Start with one workflow")
    child.expect(r"Gate 1 of 6 \u00b7 question 1 of (\d+) \u00b7 workflow.status")
    total = child.match.group(1)
    answer(child, "Workflow gate: when did its work start (and end, if complete)?: ",
           "2026-03-02")
    child.expect_exact("= in progress")  # a start date alone, in the hint's words
    answers(child, [
        ("Which one process", "Tier-1 ticket routing"),
        ("Who owns that process", "Dana Cho, Director"),
        ("How many people do the work today, and in which role?", "40 dispatchers"),
    ])
    # The role came with the count and the unit comes with the baseline: the number moves
    # past the question answered along, the total stays (docs/assess.md).
    child.expect_exact(f"Gate 1 of 6 \u00b7 question 6 of {total} \u00b7 workflow.friction.metric")
    answers(child, [
        ("Which metric shows the friction?", "misrouted tickets"),
        ("Baseline value today, with its unit", "18%"),
    ])
    child.expect_exact(
        f"Gate 1 of 6 \u00b7 question 9 of {total} \u00b7 workflow.friction.measured_on")
    answers(child, [
        ("When was the baseline measured?", ""), ("Where does the baseline come from", ""),
        ("Transactions of the process per month", "46,000"),
        ("Scope of the first deployment", ""), ("When did model work", ""),
    ])
    child.expect_exact("Gate 1: Workflow - score")
    answers(child, [
        ("Data pipeline gate: when did its work start (and end, if complete)?: ", "2026-04-01"),
        ("How fresh must data be at the moment of decision?: ", "5 minutes"),
    ])
    child.expect_exact("The ticket classification use case needs ticketing, crm and oss sources.")
    source = [("Owner", "team"), ("Access path", "api"), ("Worst-case age", "1 minute"),
              ("Hops from the system of record", "0"), ("personal information?", "y")]
    answer(child, "1. ticketing \u00b7 Source name (Enter if there is none): ", "ServiceNow")
    answers(child, source)
    answer(child, "2. crm \u00b7 Source name (Enter if there is none): ", "Salesforce")
    answers(child, [(p, "1.5 days" if p == "Worst-case age" else t) for p, t in source])
    answer(child, "3. oss \u00b7 Source name (Enter if there is none): ", "")
    answer(child, "3. Source name (Enter = done; e N edits, d N deletes): ", "")
    child.expect_exact("Still missing: oss")
    answer(child, "Add one now? [y/N]: ", "")
    child.expect_exact("Gate 2: Data pipeline - score")
    child.expect_exact("BLOCKER DAT001 stale-data")  # live since June: a blocker already
    child.expect_exact("Where do users meet the AI?: ")
    interrupt(child)
    child.expect(r"Run\s+`readiness\s+assess\s+\S+router.yaml\s+--today\s+2026-11-20`")
    assert finish(child) == 130
    saved = load(path).data
    assert [(q["field"], q["ask"]) for q in saved["open_questions"]] == [
        ("initiative.operator", "Finance office"),
        ("initiative.stage", {"name": "Priya Raman", "role": "VP Care"})]
    assert saved["initiative"]["stage"] == "pilot"  # the provisional answer

    child = spawn(path)
    child.expect_exact("Resuming")
    child.expect_exact("Open questions (2), by whom to ask:")
    child.expect_exact("Finance office: Operator (company) running it\r\n")  # not a path
    child.expect_exact("Priya Raman, VP Care: Stage\r\n")
    answer(child, "Go through the 2 open questions first? [Y/n]: ", "")
    child.expect_exact("Operator (company) running it (open since 2026-11-20, ask Finance office)")
    answers(child, [
        ("Operator (company) running it: ", "Northwind Telecom"),
        ("Stage [pilot]: ", "unknown"),  # still open
        ("Who can answer this? [Priya Raman, VP Care]: ", ""),
        ("Where do users meet the AI?", "agent_desktop"),
        ("embedded in a tool they already use?", "y"),
        ("1. System (Enter = done): ", ""), ("Latency budget in milliseconds", ""),
        ("What do users do when the AI is unavailable?", "unknown"),  # optional, again
        ("Who can answer this? [Priya Raman, VP Care]: ", "Care operations"),
        ("Status of the security review, with its date", "complete 2026-05-20"),
        ("Decision boundaries gate: when did its work start", ""),  # not started
        ("Outcomes gate: when did its work start", ""),
        ("Governance gate: when did its work start", "2026-05-01"),
        ("Who receives drift alerts", ""), ("Is drift monitoring enabled?", "n"),
        ("Retraining cadence", ""), ("Who owns retraining?", ""),
        ("Edge-case review cadence", ""),
        ("Share of AI recommendations that people override", "48%"),
    ])
    child.expect_exact("= 0.48")
    child.expect_exact("Are overrides of the AI tracked?: yes (from the override rate given")
    child.expect_exact("CA-QC requires PIPEDA, CRTC and QC_LAW25.")
    answers(child, [
        ("1. PIPEDA \u00b7 Status, with the review date", "compliant 2026-08-20"),
        ("2. CRTC \u00b7 Status", "in_review"), ("Reviewed on", ""),
        ("3. QC_LAW25 \u00b7 Status", "gap"), ("Reviewed on", ""),
        ("4. Regulation (Enter = done", ""),
        ("Are people told", "y"), ("incident process", "y"), ("logged for audit", "y"),
        ("Criteria for expanding scope", ""),
    ])
    child.expect_exact("Level 0/6")
    child.expect(r"Problems: \d+ blockers?")
    child.expect_exact("Open questions (2), by whom to ask:")
    child.expect_exact("Care operations: What do users do")  # the question, not the path
    child.expect_exact("Priya Raman, VP Care: Stage")
    child.expect_exact("Skipped (")
    assert finish(child) == 1

    report = validate_json(path)
    assert report["valid"] is True
    severities = {f["rule"]: f["severity"] for f in report["findings"]}
    assert severities["DAT001"] == "blocker"  # as gate 2's panel said before the summary
    assert severities["DAT002"] in ("major", "blocker") and "GOV004" in severities
    assessment = validate(load(path))
    assert assessment.initiative.operator == "Northwind Telecom"
    assert assessment.workflow is not None and assessment.workflow.friction is not None
    assert assessment.workflow.friction.baseline == 18
    assert assessment.workflow.friction.unit == "percent"
    assert assessment.workflow.users is not None
    assert (assessment.workflow.users.count, assessment.workflow.users.role) == (40, "dispatchers")
    assert assessment.integration is not None and assessment.integration.security_review
    assert str(assessment.integration.security_review.completed_on) == "2026-05-20"
    assert assessment.governance is not None
    assert assessment.governance.override_tracking is not None
    assert assessment.governance.override_tracking.override_rate == 0.48
    assert assessment.data_pipeline is not None and assessment.data_pipeline.decision_latency
    assert assessment.data_pipeline.decision_latency.total_seconds() == 300
    assert [(q.field, str(q.ask)) for q in assessment.open_questions or []] == [
        ("initiative.stage", "Priya Raman, VP Care"), ("integration.fallback", "Care operations")]


def french_pack(tmp_path: Path) -> Path:
    """The mini pack with French texts where the session below reads them, and a yes/no
    question (integration.embedded_in_existing_tool)."""
    import yaml

    pack = yaml.safe_load(Path(MINI).read_text(encoding="utf-8"))
    workflow, _, integration = pack["gates"][:3]
    process = workflow["questions"][2]
    process["prompt"] = {"en": "Process", "fr": "Processus"}
    process["help"] = {"en": "One process, precisely.", "fr": "Un seul processus, précisément."}
    integration["questions"].insert(1, {
        "id": "integration.embedded_in_existing_tool",
        "field": "integration.embedded_in_existing_tool",
        "prompt": {"en": "Embedded in an existing tool?", "fr": "Intégrée à un outil existant?"},
        "type": "boolean",
    })
    path = tmp_path / "mini-fr.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_session_in_french(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    child = spawn(path, "-q", str(french_pack(tmp_path)), "--lang", "fr")
    child.expect_exact("Partie 0 : L’initiative")  # the wizard's own words, in French
    for prompt, text in INITIATIVE:  # the mini pack's English labels, French colons
        answer(child, prompt.replace(": ", "\u00a0: "), text)
    child.expect_exact("Jalon 1 sur 6 : ")
    child.expect_exact("Jalon 1 sur 6 \u00b7 question 1 sur ")
    answer(child, "Workflow status\u00a0: ", "zzz")  # a bad answer: told why, in French
    child.expect_exact("« zzz » ne fait pas partie des choix")
    answer(child, "Workflow status\u00a0: ", "in_progress")
    answer(child, "Processus\u00a0: ", "?")  # a no-break space before the colon
    child.expect_exact("Un seul processus, précisément.")  # the pack's help, in French
    child.expect_exact("Réponse : texte libre.")  # the wizard's hint, in French
    answer(child, "Processus\u00a0: ", "inconnu")  # an open question, as 'unknown' would
    answer(child, "Qui peut répondre à cette question? ", "Dana Cho, Director, Care Operations")
    child.expect_exact("Question ouverte pour Dana Cho, Director, Care Operations")
    answer(child, "Data pipeline status\u00a0: ", "in_progress")
    answer(child, "Decision latency\u00a0: ", "2")
    child.expect_exact("« 2 » n’est pas une durée")
    answer(child, "Decision latency\u00a0: ", "2 minutes")
    answer(child, "GRC \u00b7 Source name (Entrée s’il n’y en a pas)\u00a0: ", "")
    answer(child, "BSS \u00b7 Source name (Entrée s’il n’y en a pas)\u00a0: ", "")
    answer(child, "billetterie \u00b7 Source name (Entrée s’il n’y en a pas)\u00a0: ", "")
    answer(child, "1. Source name (Entrée = terminé)\u00a0: ", "")
    child.expect_exact("Il manque encore : ")
    answer(child, "En ajouter une maintenant? [o/N]\u00a0: ", "non")  # no, in French
    answer(child, "Integration status\u00a0: ", "in_progress")
    answer(child, "Intégrée à un outil existant? ", "oui")  # a question: no colon
    child.expect_exact("Fallback\u00a0: ")  # the answer is saved before the next question
    interrupt(child)
    assert finish(child) == 130

    assessment = validate(load(path))
    assert assessment.integration is not None
    assert assessment.integration.embedded_in_existing_tool is True
    assert assessment.open_questions is not None
    assert [q.field for q in assessment.open_questions] == ["workflow.process"]
    assert assessment.workflow is not None and assessment.workflow.process is None
