"""The wizard driven by scripted answers through its injected prompt function."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from readiness.cli import app
from readiness.engine import assess_file
from readiness.loader import LoadError, load
from readiness.model import Assessment
from readiness.packs import load_pack
from readiness.schema import validate
from readiness.wizard import Store, Wizard
from tests.common import EXAMPLES, ROOT

TODAY = date(2026, 11, 20)
MINI = str(ROOT / "tests" / "data" / "assess-mini-pack.yaml")


class Script:
    """A prompt function: each step is (text the prompt must contain, answer typed).
    When the steps run out it presses Ctrl-C. `seen` records the file before each prompt."""

    def __init__(self, steps: list[tuple[str, str]], path: Path | None = None) -> None:
        self.steps = list(steps)
        self.prompts: list[str] = []
        self.path = path
        self.seen: list[str | None] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if self.path is not None:
            self.seen.append(self.path.read_text() if self.path.exists() else None)
        if not self.steps:
            raise KeyboardInterrupt
        expected, answer = self.steps.pop(0)
        assert expected in prompt, f"asked {prompt!r}, the script expected {expected!r}"
        return answer


def session(path: Path, steps: list[tuple[str, str]], pack: str | None = MINI,
            only: str | None = None) -> tuple[Script, str]:
    """Run the wizard on `path` until the script ends (Ctrl-C) or the walk does."""
    script = Script(steps, path)
    out = io.StringIO()
    wizard = Wizard(Store.open(path), load_pack(pack), script,
                    Console(file=out, width=100, color_system=None), TODAY)
    try:
        wizard.run(only)
    except KeyboardInterrupt:
        pass
    assert not script.steps, f"not asked: {script.steps}"
    return script, out.getvalue()


OUTCOMES_REVISITED = (
    "Status of the outcomes gate", "start and end?", "5. Metric (Enter = done", "5. Group",
    "ROI currency", "ROI horizon in years [3]", "Annual benefit", "How is the benefit computed?",
    "One-time integration cost", "One-time change-management cost", "Annual run cost")
"""The prompts of `--gate outcomes` on the care example, in order."""


def outcomes_revisited(answers: dict[str, str]) -> list[tuple[str, str]]:
    """A script for `--gate outcomes` on the care example: Enter but where `answers` says."""
    return [(prompt, answers.get(prompt, "")) for prompt in OUTCOMES_REVISITED]


INITIATIVE = [
    ("Initiative id", "mini-copilot"), ("Name", "Mini copilot"), ("Domain", "1"),
    ("Use case", "billing_agent"), ("Stage", "pilot"),
    ("Accountable owner", "Priya Raman, VP Care"), ("Assessed on", "today"),
]


NO_SOURCES = [("crm \u00b7 Source name", ""), ("bss \u00b7 Source name", ""),
              ("ticketing \u00b7 Source name", ""), ("Enter = done", ""), ("Add one now?", "")]
"""The sources list of the mini pack (a billing agent) left empty."""


def test_every_save_is_a_valid_assessment_once_the_initiative_is_answered(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = INITIATIVE + [
        ("Workflow status", "complete"), ("Workflow completed on", "2026-02-02"),
        ("Process", "Tier-1 billing disputes"),
        ("Data pipeline status", "in_progress"), ("Decision latency", "2 minutes"),
        *NO_SOURCES, ("Integration status", ""), ("Boundaries status", ""),
        ("Outcomes status", ""), ("Governance status", "not_started"),
        ("Retraining cadence", "P30D"),
    ]
    script, out = session(path, steps)
    assert script.seen[0] is None  # nothing is written before the first answer
    assert script.seen[1] == "schema_version: 1\ninitiative:\n  id: mini-copilot\n"
    after_initiative = script.seen[len(INITIATIVE):]
    for text in after_initiative + [path.read_text()]:
        validate(load(path))  # the file on disk
        assert text is not None
    # the gate marked complete is saved only together with its completion date
    status_prompt = len(INITIATIVE)
    assert "workflow" not in (script.seen[status_prompt + 1] or "")
    assert "completed_on: 2026-02-02" in (script.seen[status_prompt + 2] or "")
    result = assess_file(path, load_pack(MINI), today=TODAY)
    assert result.level == 1
    assert "Gate 1: Workflow - score 100/100, complete, passes" in out
    assert "Level 1/6" in out and "Not ready: blocked at gate 2, Data pipeline" in out
    text = path.read_text()
    assert "integration" not in text and "outcomes" not in text  # skipped gates stay out


def test_an_answer_the_model_refuses_is_asked_again_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = [("Initiative id", "Mini Copilot"), ("Initiative id", "mini-copilot"),
             ("Name", ""), ("Name", "Mini"), ("Domain", "9"), ("Domain", "customer"),
             ("Use case", "bilingual"), ("Use case", "billing_agent"), ("Stage", "?"),
             ("Stage", "pilot"), ("Accountable owner", "Priya Raman"),
             ("Assessed on", "20/11/2026"), ("Assessed on", "2026-11-20")]
    _, out = session(path, steps)
    assert "'Mini Copilot' is not a lowercase slug" in out  # initiative.id, from the model
    assert "An answer is needed here" in out
    assert "choose a number from 1 to 3" in out
    assert "not one of the choices" in out
    assert "Answer: the number or the name of one choice" in out  # what ? shows
    assert "write YYYY-MM-DD" in out
    assessment = validate(load(path))
    assert assessment.initiative.id == "mini-copilot"
    assert assessment.initiative.domain.value == "customer_operations"


def test_completed_before_started_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    session(path, INITIATIVE + [("Workflow status", "complete"),
                                ("Workflow completed on", "2026-02-02")])
    steps = [("Workflow status", ""), ("Workflow completed on", "2025-01-01"),
             ("Workflow completed on", "")]
    # the mini pack has no started_on question; write one by hand to check the rule
    text = path.read_text().replace("  status: complete\n",
                                    "  status: complete\n  started_on: 2026-01-12\n")
    path.write_text(text)
    _, out = session(path, steps, only="workflow")
    assert "completed_on 2025-01-01 is before started_on 2026-01-12" in out
    assert "completed_on: 2026-02-02" in path.read_text()


def test_lists_walk_what_the_use_case_needs_then_edit_delete_and_back(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = INITIATIVE + [
        ("Workflow status", "in_progress"), ("Process", "Disputes"),
        ("Data pipeline status", "in_progress"), ("Decision latency", "2 minutes"),
        ("crm \u00b7 Source name", "CRM"), ("Owner", ""), ("Freshness", "1 minute"),
        ("bss \u00b7 Source name", "Billing"), ("Owner", "back"),  # back to the name
        ("bss \u00b7 Source name (Enter if there is none) [Billing]", ""),
        ("Owner", "Billing team"),
        ("Freshness", "1.5 days"),
        ("ticketing \u00b7 Source name", "Tickets"), ("Owner", "-"), ("Freshness", ""),
        ("Enter = done", "e 1"), ("Source name [CRM]", ""), ("Kind [crm]", ""),
        ("Owner", "CRM platform team"), ("Freshness [1 minute]", ""),
        ("Enter = done", "d 2"), ("Delete 2. Billing | bss", "n"),
        ("Enter = done", "d 2"), ("Delete 2. Billing | bss", "y"),
        ("bss \u00b7 Source name", ""),  # none: declined
        ("Enter = done", "e 9"),
        ("Enter = done", ""), ("Add one now?", ""),
    ]
    _, out = session(path, steps)
    assert "The billing agent use case needs crm, bss and ticketing sources." in out
    assert "There is no item 9" in out
    assert "Kept." in out
    assert ("Still missing: bss (the billing agent use case needs crm, bss and ticketing "
            "sources); DAT002 will report it.") in " ".join(out.split())
    sources = validate(load(path)).sources
    assert [(s.name, s.kind.value, str(s.owner) if s.owner else None) for s in sources] == [
        ("CRM", "crm", "CRM platform team"), ("Tickets", "ticketing", None)]
    assert "DAT003 unowned-source" in out  # the gate panel shows the findings charged to it
    text = path.read_text()  # an owner added later goes where the model lists it
    assert text.index("owner: CRM platform team") < text.index("freshness: PT1M")


def test_a_records_summary_says_what_its_numbers_and_yes_no_are(tmp_path: Path) -> None:
    path = tmp_path / "care.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [("Status of the data pipeline gate", ""), ("start and end?", ""),
             ("How fresh", ""), ("Source name (Enter = done", "")]
    _, out = session(path, steps, pack=None, only="data_pipeline")
    said = " ".join(out.split())
    assert ("1. Salesforce Service Cloud | crm | Kevin Osei, CRM Platform Lead | api | "
            "30 seconds | Hops from the system of record: 0 | Does it carry personal "
            "information? yes") in said
    assert "PT30S" not in said


def test_a_stop_inside_a_list_gives_the_command_back_to_it(tmp_path: Path) -> None:
    from readiness.wizard.sitting import _list_left

    path = tmp_path / "care.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    wizard = Wizard(Store.open(path), load_pack(None), Script([]),
                    Console(file=io.StringIO(), color_system=None), TODAY)
    resume = "readiness assess care.yaml --today 2026-11-20"
    wizard.asking = ("decision_boundaries.actions", 2, "authority")
    said = _list_left(wizard, resume)
    assert said.startswith("It stopped inside the list 'Actions the AI can take or recommend'")
    assert said.endswith("`readiness assess care.yaml --today 2026-11-20 --gate "
                         "decision_boundaries` goes back to that list.")
    wizard.asking = ("integration.fallback", None, None)  # not in a list: nothing to add
    assert _list_left(wizard, resume) == ""


def test_back_returns_to_the_previous_question(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = INITIATIVE + [("Workflow status", "in_progress"), ("Process", "back"),
                          ("Workflow status [in_progress]", "complete"),
                          ("Workflow completed on", "2026-02-02"), ("Process", "Disputes")]
    session(path, steps)
    workflow = validate(load(path)).workflow
    assert workflow is not None and workflow.status.value == "complete"
    assert workflow.process == "Disputes"


def test_a_record_the_model_refuses_asks_again_for_the_field_at_fault(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [
        ("Status of the decision boundaries gate", ""),
        ("When did this work start and end? (start to end", ""),
        ("Enter = done", "Credit a bill"), ("Authority", "autonomous"),
        ("What bounds it", "-20"), ("Rationale", ""),  # the currency is CAD, as before
        ("or 0 when no money is involved: ", "-30"),  # the refused -20 is not the default
        ("or 0 when no money is involved: ", "20"),  # nor is the next one refused
        ("Enter = done", ""), ("Escalation path", ""),
    ]
    _, out = session(path, steps, pack=None, only="decision_boundaries")
    assert "greater than or equal to 0" in out  # the model's message, then asked again
    assert "Limit currency (ISO 4217 code such as CAD): CAD (from the currency given before)" in out
    actions = validate(load(path)).actions
    assert actions[-1].action == "Credit a bill" and actions[-1].limit is not None
    assert actions[-1].limit.currency == "CAD" and actions[-1].limit.amount == 20


def test_resume_starts_at_the_first_unanswered_question_and_skips_stay_skipped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.yaml"
    session(path, [("Short identifier", "billing-copilot"), ("Name of the initiative", "B"),
                   ("Operator", "")], pack=None)  # then Ctrl-C
    assert Path(tmp_path / ".a.yaml.assess.json").exists()
    script, out = session(path, [("Domain", "1")], pack=None)
    assert "Resuming" in out and "at: Domain" in out
    assert "Operator" not in script.prompts[0]  # skipped on purpose: not asked again
    text = path.read_text()
    assert "operator" not in text and "domain: customer_operations" in text


def test_revisiting_a_gate_keeps_comments_order_and_the_other_gates(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    original = (EXAMPLES / "churn-accuracy-only.yaml").read_text()
    path.write_text("# Reviewed by the steering committee\n" + original)
    questions = [q for q in load_pack().gate(load_pack().gates[0].id).questions]
    steps = [(q.prompt[:20], "") for q in questions if q.id not in ("workflow.started_on",
                                                                    "workflow.completed_on")]
    steps.insert(1, ("When did workflow work start and end?", ""))
    index = next(i for i, s in enumerate(steps) if s[0].startswith("Scope"))
    steps[index] = ("Scope", "Consumer postpaid lines only")
    session(path, steps, pack=None, only="workflow")
    after = path.read_text()
    before_lines = ("# Reviewed by the steering committee\n" + original).splitlines()
    changed = [(a, b) for a, b in zip(before_lines, after.splitlines(), strict=True) if a != b]
    assert changed == [
        ("  scope: Consumer postpaid phone lines, contract ended or ending within 90 days",
         "  scope: Consumer postpaid lines only")]


def test_a_gate_no_longer_complete_loses_its_completion_date(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    session(path, INITIATIVE + [("Workflow status", "complete"),
                                ("Workflow completed on", "2026-02-02"), ("Process", "X")])
    _, out = session(path, [("Workflow status [complete]", "in_progress"),
                            ("Process [X]", "-")], only="workflow")
    assert "removed workflow.completed_on" in out
    workflow = validate(load(path)).workflow
    assert workflow is not None and workflow.status.value == "in_progress"
    assert workflow.completed_on is None and workflow.process is None


def test_a_file_that_does_not_parse_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    text = "schema_version: 1\ninitiative:\n  id: x\n  id: y\n"
    path.write_text(text)
    with pytest.raises(LoadError) as error:
        Store.open(path)
    assert error.value.line == 4
    result = CliRunner().invoke(app, ["assess", str(path), "--answers", str(path)])
    assert result.exit_code == 2
    assert "broken.yaml:4:3: duplicate key 'id'" in result.stderr
    assert path.read_text() == text


def test_answers_file_applies_without_prompting(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "initiative.id: mini-copilot\ninitiative.name: Mini copilot\n"
        "initiative.domain: customer_operations\ninitiative.use_case: 2\n"
        "initiative.stage: pilot\ninitiative.accountable_owner: Priya Raman, VP Care\n"
        "initiative.assessed_on: 2026-11-20\nworkflow.status: complete\n"
        "workflow.completed_on: 2026-02-02\nworkflow.process: Disputes\n"
        "data_pipeline.status: in_progress\ndata_pipeline.decision_latency: 2 minutes\n"
        "data_pipeline.sources:\n  - {name: CRM, kind: crm, owner: CRM team, freshness: 1 minute}\n"
    )
    result = CliRunner().invoke(app, ["assess", str(path), "-q", MINI, "--answers",
                                      str(answers), "--today", "2026-11-20"])
    assert result.exit_code == 0, result.output
    assert "Level 1/6" in result.stdout
    outcome = assess_file(path, load_pack(MINI), today=TODAY)
    assert outcome.level == 1
    assert outcome.assessment.sources[0].freshness is not None
    assert sorted(f.rule for f in outcome.findings) == ["DAT002"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("initiative.nmae: x\n", "did you mean 'initiative.name'?"),
        ("initiative.stage: pilto\n", "initiative.stage: 'pilto' is not one of the choices"),
        ("initiative.id: Not A Slug\n", "initiative.id: 'Not A Slug' is not a lowercase slug"),
        ("workflow.status: in_progress\nworkflow.completed_on: 2026-03-06\n",
         "workflow.completed_on: this question does not apply"),
        ("outcomes.status: complete\n",
         "the answers leave the file invalid: outcomes.completed_on"),
    ],
)
def test_bad_answers_file_exits_2_and_changes_nothing(tmp_path: Path, answers: str,
                                                       message: str) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "churn-accuracy-only.yaml", path)
    before = path.read_text()
    source = tmp_path / "answers.yaml"
    source.write_text(answers)
    result = CliRunner().invoke(app, ["assess", str(path), "--answers", str(source)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert path.read_text() == before


def test_stdin_not_a_terminal_points_to_answers(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["assess", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "--answers FILE" in result.stderr


def test_json_files_stay_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    session(path, INITIATIVE)
    import json

    data = json.loads(path.read_text())
    assert data["initiative"]["accountable_owner"] == {"name": "Priya Raman", "role": "VP Care"}
    assert validate(load(path)).initiative.assessed_on == TODAY


def test_help_shows_a_real_session() -> None:
    """The transcript in `assess --help` is an excerpt of the real session captured in
    docs/assess.md, line for line, and that session uses the pack's real prompts."""
    help_text = CliRunner().invoke(app, ["assess", "--help"], env={"COLUMNS": "120"}).stdout
    docs = (ROOT / "docs" / "assess.md").read_text(encoding="utf-8")
    session_text = docs[docs.index("## A real session"):]
    excerpt = help_text[help_text.index("$ readiness assess"):help_text.index("For scripts")]
    lines = [line.strip() for line in excerpt.splitlines()
             if line.strip() not in ("", "...") and not line.strip().startswith("`readiness")]
    assert len(lines) >= 15
    for line in lines:
        assert line in session_text, f"not in the docs transcript: {line!r}"
    pack = load_pack()
    prompts = {q.prompt for q in pack.questions} | {
        f.prompt for q in pack.questions for f in q.item or []}
    shown = [line.split(": ", 1)[0].strip() for line in session_text.splitlines()
             if ": " in line and line.split(": ", 1)[0].strip() in prompts]
    assert len(shown) >= 30  # the transcript is not from another version of the pack



def test_unknown_records_an_open_question_and_resume_offers_it_first(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = [
        ("Initiative id", "mini-copilot"), ("Name", "Mini copilot"), ("Domain", "1"),
        ("Use case", "billing_agent"),
        ("Stage", "don't know"), ("Who can answer this?", "Priya Raman, VP Care"),
        ("Provisional Stage", "pilot"),  # required: the file needs a value meanwhile
        ("Accountable owner", "later"), ("Who can answer this? [Priya Raman, VP Care]", ""),
        ("Assessed on [2026-11-20]", ""),
        ("Workflow status", "in_progress"), ("Process", ""),  # skipped on purpose
        ("Data pipeline status", "in_progress"),
        ("Decision latency", "ask"), ("Who can answer this?", "Data engineering"),
        ("crm \u00b7 Source name", "CRM"), ("Owner", "unknown"),
        ("Who can answer this? [Data engineering]", ""), ("Freshness", "5 minutes"),
    ]
    _, out = session(path, steps)
    # Said in the question's words, as the list at the end says it, not as a field path.
    assert "Open question for Data engineering: Decision latency (listed at the end)" in out
    assert "Open question for Data engineering: CRM \u00b7 Owner\n" in out
    assert "Open question for Priya Raman, VP Care: Accountable owner (listed" in out
    assert "Open question for Data engineering: data_pipeline" not in out
    opened = validate(load(path)).open_questions or []
    assert [(q.field, str(q.ask), q.raised_on) for q in opened] == [
        ("initiative.stage", "Priya Raman, VP Care", TODAY),
        ("initiative.accountable_owner", "Priya Raman, VP Care", TODAY),
        ("data_pipeline.decision_latency", "Data engineering", TODAY),
        ("data_pipeline.sources[0].owner", "Data engineering", TODAY)]
    assert validate(load(path)).initiative.stage.value == "pilot"

    script, out = session(path, [
        ("Go through the 4 open questions first?", "y"),
        ("Stage [pilot]", ""),  # the provisional answer confirmed: closed
        ("Accountable owner", ""),  # still nobody: stays open
        ("Decision latency", "2 minutes"),
        ("Owner", "CRM platform team"),
    ])
    assert "Open questions (4), by whom to ask:" in out
    # Named by the questions that fill them, a record's field after its record.
    assert "Priya Raman, VP Care: Stage; Accountable owner" in out
    assert "Data engineering: Decision latency; CRM \u00b7 Owner" in out
    assert "CRM \u00b7 Owner (open since 2026-11-20, ask Data engineering)" in out
    listed = out[out.index("Open questions (4)"):out.index("(open since")]
    assert "initiative." not in listed and "data_pipeline." not in listed
    assessment = validate(load(path))
    assert [q.field for q in assessment.open_questions or []] == ["initiative.accountable_owner"]
    assert str(assessment.sources[0].owner) == "CRM platform team"
    assert assessment.data_pipeline is not None and assessment.data_pipeline.decision_latency


def test_the_closing_panel_lists_open_and_skipped_questions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = INITIATIVE + [
        ("Workflow status", "in_progress"), ("Process", ""),
        ("Data pipeline status", ""), ("Integration status", ""),
        ("Boundaries status", ""), ("Outcomes status", ""), ("Governance status", "2"),
        ("Retraining cadence", "unknown"), ("Who can answer this?", "ML platform team"),
    ]
    _, out = session(path, steps)
    assert "Open questions (1), by whom to ask:" in out
    # Each in the words of the question asked for it, as the resume lists them.
    assert "ML platform team: Retraining cadence " in out
    assert "Skipped (" in out and "Process (workflow.process)" in out


def test_record_questions_follow_the_record(tmp_path: Path) -> None:
    """A recommend_only action has no limit, currency or approver; an autonomous action
    with no money involved (0) has no currency; only an OTHER regulation has a name."""
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "churn-accuracy-only.yaml", path)
    steps = [
        ("Status of the decision boundaries gate [complete]", ""),
        ("When did this work start and end?", ""),
        ("Enter = done", "Suggest a retention offer"), ("Authority", "recommend_only"),
        ("Rationale", ""),
        ("Enter = done", "Route the ticket"), ("Authority", "autonomous"),
        ("What bounds it: a limit amount, or 0 when no money is involved", "0"),
        ("Rationale", ""),
        ("Enter = done", "Waive a fee"), ("Authority", "approval_required"),
        ("What bounds it", "50"), ("Approver", "Team lead"),  # the currency given before
        ("Rationale", ""),
        ("Enter = done", ""), ("Escalation path", ""),
    ]
    script, _ = session(path, steps, pack=None, only="decision_boundaries")
    actions = validate(load(path)).actions
    assert [(a.action, a.limit.amount if a.limit else None,
             a.limit.currency if a.limit else None, str(a.approver) if a.approver else None)
            for a in actions[-3:]] == [("Suggest a retention offer", None, None, None),
                                       ("Route the ticket", 0, None, None),
                                       ("Waive a fee", 50, "USD", "Team lead")]
    assert not any("Approver" in p for p in script.prompts[:8])


def test_help_shows_the_model_description_when_the_pack_gives_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from readiness.model import Workflow

    field = Workflow.model_fields["process"]
    monkeypatch.setattr(field, "description", "The one process the AI changes.")
    path = tmp_path / "a.yaml"
    _, out = session(path, INITIATIVE + [("Workflow status", "in_progress"),
                                         ("Process", "?"), ("Process", "Disputes")])
    assert "One process, precisely." in out  # the pack's own help comes first
    assert "Question id (for --answers): workflow.process" in out
    pack = load_pack(MINI)
    bare = pack.model_copy(update={"gates": [
        g.model_copy(update={"questions": [q.model_copy(update={"help": ""})
                                           for q in g.questions]}) for g in pack.gates]})
    out_file = io.StringIO()
    script = Script([("Workflow status", ""), ("Process", "?"), ("Process", "")])
    wizard = Wizard(Store.open(path), bare, script,
                    Console(file=out_file, width=100, color_system=None), TODAY)
    wizard.run("workflow")
    assert "The one process the AI changes." in out_file.getvalue()


def test_answers_file_reports_every_problem_with_its_id_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "churn-accuracy-only.yaml", path)
    before = path.read_text()
    source = tmp_path / "answers.yaml"
    source.write_text("initiative.nmae: x\ninitiative.stage: pilto\n"
                      "governance.override_tracking.override_rate: 48%\nzzz.top: 1\n")
    result = CliRunner().invoke(app, ["assess", str(path), "--answers", str(source)])
    assert result.exit_code == 2
    assert "3 problems" in result.stderr
    assert f"{source}:1: initiative.nmae: no such question" in result.stderr
    assert "did you mean 'initiative.name'?" in result.stderr
    assert f"{source}:2: initiative.stage: 'pilto' is not one of the choices" in result.stderr
    assert f"{source}:4: zzz.top: no such question in pack telecom-customer-ops\n" in (
        result.stderr)  # no unrelated suggestion
    assert path.read_text() == before
    source.write_text("governance.override_tracking.override_rate: 48%\n")
    result = CliRunner().invoke(app, ["assess", str(path), "--answers", str(source)])
    assert result.exit_code in (0, 1), result.output
    governance = validate(load(path)).governance
    assert governance is not None and governance.override_tracking is not None
    assert governance.override_tracking.override_rate == 0.48


def test_a_groups_measure_is_offered_the_outcome_metrics_and_classified(
        tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [("Status of the outcomes gate [complete]", ""), ("start and end?", ""),
             ("5. Metric (Enter = done", ""),
             ("5. Group (e.g. Care Operations)", "Finance office"), ("Kind of group", "finance"),
             ("How does this group measure success?", "1"),
             ("6. Group", "AI lab"), ("Kind of group", "innovation"),
             ("How does this group measure success?", "model F1 score"),
             ("7. Group", "IT"), ("Kind of group", "it"),
             ("How does this group measure success?", "no added console latency"),
             ("8. Group", ""), *[("", "")] * 7]
    _, out = session(path, steps, pack=None, only="outcomes")
    assert "= an outcome metric already given" in out
    assert "= a model measure: OWN003 reports" in out
    assert "= neither an outcome metric given nor a model measure" in out
    offered = "1) average handle time   2) first contact resolution   3) 7-day repeat contact"
    assert offered in out and "4) summary" not in out  # outcome metrics, not the model one
    stakeholders = validate(load(path)).initiative.stakeholders or []
    assert (stakeholders[-3].name, stakeholders[-3].success_measure) == (
        "Finance office", "average handle time")


def test_question_help_is_the_packs_or_else_the_fields_description(tmp_path: Path) -> None:
    """`?` at a question shows the pack's help when it has one, otherwise what the field
    means from the model (the description `readiness schema` and docs/format.md carry)."""
    steps = INITIATIVE[:4] + [("Stage", "?"), ("Stage", "pilot")] + INITIATIVE[5:] + [
        ("Workflow status", "?"), ("Workflow status", "in_progress"),
        ("Process", "?"), ("Process", "Tier-1 billing disputes")]
    _, out = session(tmp_path / "a.yaml", steps)
    flat = " ".join(out.split())
    assert "Where the initiative is: exploration = ideas and experiments" in flat
    assert "Where this gate's work stands: not_started =" in flat
    assert "One process, precisely." in flat  # the pack's own help wins
    assert "The one operational process the AI improves" not in flat


def test_not_yet_says_there_is_no_value(tmp_path: Path) -> None:
    # The go-live question says "(empty if not yet)": `not yet` is taken as Enter.
    path = tmp_path / "a.yaml"
    steps = [("Short identifier", "care-copilot"), ("Name of", "Care copilot"),
             ("Operator", ""), ("Domain", "customer_operations"), ("Use case", "agent_copilot"),
             ("Stage", "pilot"), ("Since when", "not yet"), ("Jurisdictions", "CA"),
             ("Accountable owner", "Priya Raman, VP Care"), ("Date of this assessment", ""),
             ("Assessors", "none"), ("Workflow gate", "")]
    _, out = session(path, steps, pack=None)
    assert "is not a date" not in out and "none" not in path.read_text()
    assert "live_since" not in path.read_text() and "jurisdictions: [CA]" in path.read_text()


def test_the_wizard_switches_pack_as_soon_as_the_domain_is_answered(tmp_path: Path) -> None:
    from readiness.packs import choose_packs

    path = tmp_path / "a.yaml"
    script = Script([("Short identifier", "ran-maintenance"), ("Name of", "RAN maintenance"),
                     ("Operator", ""), ("Domain", "network_operations"),
                     ("Use case", "predictive_maintenance"), ("Stage", "pilot"),
                     ("Since when", ""), ("Jurisdictions", "CA"), ("Accountable owner", ""),
                     ("Date of this assessment", ""), ("Assessors", ""),
                     ("Workflow gate", "2026-05-04"), ("Which one network", "Cell outages"),
                     ("Who owns", ""), ("e.g. 85 tier-1 NOC technicians", "")])
    out = io.StringIO()
    choice = choose_packs()
    wizard = Wizard(Store.open(path), choice.for_domain("customer_operations"), script,
                    Console(file=out, width=100, color_system=None), TODAY,
                    choose_pack=choice.for_domain)
    with pytest.raises(KeyboardInterrupt):
        wizard.run()
    assert not script.steps
    assert ("Domain network operations: the questions now come from the pack "
            "Telecom network operations (telecom-network-ops).") in " ".join(out.getvalue().split())
    assert wizard.pack.id == "telecom-network-ops"


def test_assess_takes_the_pack_of_the_files_domain(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "predictive-maintenance-waivers.yaml", path)
    source = tmp_path / "answers.yaml"
    source.write_text("workflow.scope: Macro sites in the Prairies region\n")
    result = CliRunner().invoke(app, ["assess", str(path), "--answers", str(source),
                                      "--today", "2026-11-20"])
    assert result.exit_code in (0, 1), result.output
    network = CliRunner().invoke(app, ["validate", str(path), "--today", "2026-11-20",
                                       "--format", "json"])
    assert '"telecom-network-ops"' in network.stdout
    assert "scope: Macro sites in the Prairies region" in path.read_text()


def test_the_count_of_a_part_never_goes_down(tmp_path: Path) -> None:
    """A question an answer makes unnecessary counts as done (docs/assess.md, "How a
    session goes"): at stage exploration the go-live date is not asked, and the count
    moves past it instead of shrinking the total."""
    steps = [
        ("Short identifier", "lab-copilot"), ("Name of the initiative", "Lab copilot"),
        ("Operator", ""), ("Domain", "1"), ("Use case", "billing"), ("Stage", "exploration"),
        ("Jurisdictions", "CA"),
    ]
    _, out = session(tmp_path / "a.yaml", steps, pack=None)
    counts = re.findall(r"Part 0 \u00b7 question (\d+) of (\d+) \u00b7 (\S+)", out)
    assert counts[5:] == [("6", "11", "initiative.stage"), ("8", "11", "initiative.jurisdictions"),
                          ("9", "11", "initiative.accountable_owner")]
    assert "initiative.live_since" not in out
    totals = [int(total) for _, total, _ in counts]
    assert totals == sorted(totals)


def test_resume_names_a_record_by_its_first_field_or_else_by_its_number(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = (EXAMPLES / "churn-accuracy-only.yaml").read_text()
    text = text.replace(  # a group with no name
        "{group: finance, name: Consumer Finance, success_measure: churn-related revenue loss}",
        "{group: finance}")
    path.write_text(text + (
        "open_questions:\n"
        "  - {field: 'data_pipeline.sources[0].freshness', ask: Data engineering,"
        " raised_on: 2026-11-20}\n"
        "  - {field: 'initiative.stakeholders[2].success_measure', ask: Finance office,"
        " raised_on: 2026-11-20}\n"))
    _, out = session(path, [("Go through the 2 open questions first?", "n")], pack=None)
    said = " ".join(out.split())  # as wrapped at 100 columns
    assert ("Data engineering: Salesforce Consumer CRM \u00b7 Worst-case age of the data when"
            " read") in said
    assert ("Finance office: Groups around the initiative, and how each measures success,"
            " item 3 \u00b7 How does this group measure success?") in said


TWO_OPEN_QUESTIONS = INITIATIVE[:4] + [
    ("Stage", "unknown"), ("Who can answer this?", "Priya Raman, VP Care"),
    ("Provisional Stage", "pilot"),
    ("Accountable owner", "Priya Raman, VP Care"), ("Assessed on", ""),
    ("Workflow status", "in_progress"), ("Process", ""),
    ("Data pipeline status", "in_progress"),
    ("Decision latency", "unknown"), ("Who can answer this?", "Data engineering"),
]
"""A first session that leaves two open questions: the stage (Priya Raman) and the
decision latency (Data engineering, the last person asked)."""


def test_an_open_question_kept_open_stays_with_its_person_and_its_day(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    session(path, TWO_OPEN_QUESTIONS)
    # Raised weeks ago, as a resumed file would have it.
    path.write_text(path.read_text().replace(f"raised_on: {TODAY}", "raised_on: 2026-10-01"))
    _, out = session(path, [
        ("Go through the 2 open questions first?", "y"),
        # Still unknown: the default is whom the question is addressed to, not the last
        # person asked (Data engineering).
        ("Stage [pilot]", "unknown"), ("Who can answer this? [Priya Raman, VP Care]", ""),
        ("Decision latency", "unknown"), ("Who can answer this? [Data engineering]", "Finance"),
    ])
    opened = validate(load(path)).open_questions or []
    assert [(q.field, str(q.ask), q.raised_on) for q in opened] == [
        ("initiative.stage", "Priya Raman, VP Care", date(2026, 10, 1)),  # kept: its day
        ("data_pipeline.decision_latency", "Finance", TODAY),  # someone else: raised today
    ]


def test_back_in_the_open_questions_of_a_resume_goes_to_the_previous_one(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    session(path, TWO_OPEN_QUESTIONS)
    session(path, [
        ("Go through the 2 open questions first?", "y"),
        ("Stage [pilot]", "unknown"), ("Who can answer this? [Priya Raman, VP Care]", ""),
        ("Decision latency", "back"),
        ("Stage [pilot]", ""),  # asked again; kept this time: closed
        ("Decision latency", "2 minutes"),
    ])
    assessment = validate(load(path))
    assert not assessment.open_questions
    assert assessment.data_pipeline is not None and assessment.data_pipeline.decision_latency


def test_figures_are_taken_as_people_say_them(tmp_path: Path) -> None:
    """`about 210,000` is 210000; a duration answers a field that counts a unit of time:
    `2 seconds` for a latency budget in milliseconds, `18 months` for a horizon in years.
    What such an answer was read as is said back."""
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [("Status of the integration gate", ""), ("start and end?", ""),
             ("Where do users", ""), ("embedded", ""), ("System (Enter = done", ""),
             ("Latency budget in milliseconds [1500]", "2 seconds"), ("unavailable?", ""),
             ("Status of the security review", ""), ("security review completed", "")]
    _, out = session(path, steps, pack=None, only="integration")
    assert "  = 2000\n" in out
    session(path, outcomes_revisited({"ROI horizon in years [3]": "18 months"}), pack=None,
            only="outcomes")
    workflow = [("Status of the workflow gate", ""), ("start and end?", ""),
                ("Which one process", ""), ("Who owns that process", ""),
                ("How many people do the work today", ""), ("Who does the work today", ""),
                ("Which metric shows the friction?", ""), ("Baseline value today", ""),
                ("Unit of that metric", ""), ("When was the baseline measured?", ""),
                ("Where does the baseline come from", ""),
                ("Transactions of the process per month [210000]", "about 180,000"),
                ("Scope of the first deployment", ""), ("When did model work", "")]
    _, out = session(path, workflow, pack=None, only="workflow")
    assert "  = 180000\n" in out
    assessment = validate(load(path))
    assert assessment.integration is not None and assessment.integration.latency_budget_ms == 2000
    assert assessment.outcomes is not None and assessment.outcomes.roi is not None
    assert assessment.outcomes.roi.horizon_years == 1.5
    assert assessment.workflow is not None and assessment.workflow.monthly_volume == 180000


def test_a_currency_is_read_in_capitals_at_its_field(tmp_path: Path) -> None:
    """ISO 4217 codes are capitals: `cad` is CAD at once, not refused when the record is
    complete; what is not a code is refused at the field, and never offered back."""
    path = tmp_path / "a.yaml"
    text = (EXAMPLES / "care-copilot-ready.yaml").read_text()
    path.write_text(text.replace(", currency: CAD}", "}").replace("    currency: CAD\n", ""))
    steps = [("Status of the decision boundaries gate", ""), ("start and end?", ""),
             ("Enter = done", "Credit a bill"), ("Authority", "autonomous"),
             ("What bounds it", "20"), ("Limit currency (ISO 4217 code such as CAD): ", "$"),
             ("Limit currency (ISO 4217 code such as CAD): ", "cadx"),
             ("Limit currency (ISO 4217 code such as CAD): ", "cad"), ("Rationale", ""),
             ("Enter = done", ""), ("Escalation path", "")]
    _, out = session(path, steps, pack=None, only="decision_boundaries")
    assert "'$' is the sign of several currencies; write the code, e.g. CAD or USD" in out
    assert "'cadx' is not a currency code" in out
    assert "ISO 4217 currency code such as CAD" not in out  # the model's refusal, not reached
    actions = validate(load(path)).actions
    assert actions[-1].limit is not None and actions[-1].limit.currency == "CAD"
    steps = [("Status of the outcomes gate", ""), ("start and end?", ""),
             ("5. Metric (Enter = done", ""), ("5. Group", ""),
             ("ROI currency (ISO 4217, e.g. CAD): ", "\u20ac"), ("ROI horizon", "")]
    session(path, steps, pack=None, only="outcomes")
    assessment = validate(load(path))
    assert assessment.outcomes is not None and assessment.outcomes.roi is not None
    assert assessment.outcomes.roi.currency == "EUR"


def test_amounts_are_read_as_people_write_them(tmp_path: Path) -> None:
    """`$1.2M`, `60k`, `1.5 million`, `CAD 300k`; a currency written with an amount gives
    an empty currency field its value and must agree with one already given."""
    path = tmp_path / "a.yaml"
    text = (EXAMPLES / "care-copilot-ready.yaml").read_text()
    path.write_text(text.replace(", currency: CAD}", "}").replace("    currency: CAD\n", ""))
    steps = [("Status of the decision boundaries gate", ""), ("start and end?", ""),
             ("Enter = done", "Credit a bill"), ("Authority", "autonomous"),
             ("What bounds it", "25 cad"), ("Rationale", ""),  # no currency asked: CAD
             ("Enter = done", ""), ("Escalation path", "")]
    _, out = session(path, steps, pack=None, only="decision_boundaries")
    assert "  = 25\n" in out and "Limit currency" not in out
    steps = [("Status of the outcomes gate", ""), ("start and end?", ""),
             ("5. Metric (Enter = done", ""), ("5. Group", ""), ("ROI currency", "cad"),
             ("ROI horizon", ""), ("Annual benefit", "1.2M EUR"), ("Annual benefit", "$1.2M"),
             ("How is the benefit computed?", ""), ("One-time integration cost", "60k"),
             ("One-time change-management cost", "1.5 million"),
             ("Annual run cost", "CAD 300k")]
    _, out = session(path, steps, pack=None, only="outcomes")
    assert ("'1.2M EUR' is in EUR, but this amount is in CAD (the currency given for it); "
            "write it in CAD, or change the currency first") in " ".join(out.split())
    assert "  = 1200000\n" in out
    assessment = validate(load(path))
    assert assessment.actions[-1].limit is not None
    assert (assessment.actions[-1].limit.amount, assessment.actions[-1].limit.currency) == (
        25, "CAD")
    assert assessment.outcomes is not None and assessment.outcomes.roi is not None
    roi = assessment.outcomes.roi
    assert roi.one_time_costs is not None
    assert (roi.currency, roi.annual_benefit, roi.one_time_costs.integration,
            roi.one_time_costs.change_management, roi.annual_run_cost) == (
        "CAD", 1200000, 60000, 1500000, 300000)


def answered(tmp_path: Path, text: str, answers: str) -> Assessment:
    """The assessment `text` once `assess --answers` has applied `answers` to it."""
    path, source = tmp_path / "a.yaml", tmp_path / "answers.yaml"
    path.write_text(text)
    source.write_text(answers)
    result = CliRunner().invoke(app, ["assess", str(path), "--answers", str(source),
                                      "--today", "2026-11-20"])
    assert result.exit_code in (0, 1), result.output
    return validate(load(path))


def test_an_answers_file_takes_amounts_with_their_currency(tmp_path: Path) -> None:
    care = (EXAMPLES / "care-copilot-ready.yaml").read_text()
    assessment = answered(
        tmp_path, care.replace(", currency: CAD}", "}").replace("    currency: CAD\n", ""),
        "decision_boundaries.actions:\n"
        "  - {action: Credit a bill, authority: autonomous, limit.amount: 25 cad}\n"
        "  - {action: Waive a fee, authority: autonomous, limit.amount: $5, limit.currency: usd}\n"
        "outcomes.roi.annual_benefit: 1.2M EUR\noutcomes.roi.annual_run_cost: 300k\n")
    assert [(a.limit.amount, a.limit.currency) for a in assessment.actions if a.limit] == [
        (25, "CAD"), (5, "USD")]
    assert assessment.outcomes is not None and assessment.outcomes.roi is not None
    roi = assessment.outcomes.roi
    assert (roi.currency, roi.annual_benefit, roi.annual_run_cost) == ("EUR", 1200000, 300000)


def test_an_answers_file_takes_what_follows_an_answer_as_a_session_does(
        tmp_path: Path) -> None:
    # `27 minutes` answers a baseline and its unit when typed; an answers file said it was
    # not a number, and `40 NOC engineers` lost its role.
    care = (EXAMPLES / "care-copilot-ready.yaml").read_text()
    assessment = answered(
        tmp_path, care.replace("{role: tier-1 technical support agents, count: 1400}",
                               "{count: 1400}").replace("    unit: minutes\n", "", 1),
        "workflow.users.count: 40 NOC engineers\n"
        "workflow.friction.baseline: 27 minutes\n"
        "integration.security_review.status: complete 2026-05-08\n"
        "outcomes.metrics:\n"
        "  - {name: Mean time to detect, kind: service, baseline: 27 minutes, target: 10,"
        " direction: decrease}\n")
    workflow = assessment.workflow
    assert workflow is not None and workflow.users is not None and workflow.friction is not None
    assert (workflow.users.count, workflow.users.role) == (40, "NOC engineers")
    assert (workflow.friction.baseline, workflow.friction.unit) == (27, "minutes")
    integration, outcomes = assessment.integration, assessment.outcomes
    assert integration is not None and integration.security_review is not None
    assert str(integration.security_review.completed_on) == "2026-05-08"
    assert outcomes is not None and outcomes.metrics
    assert (outcomes.metrics[0].baseline, outcomes.metrics[0].unit) == (27, "minutes")


def test_a_cadence_as_a_frequency_and_a_month_for_a_date(tmp_path: Path) -> None:
    """`every quarter` is a cadence of 90 days; `November 2026` for a date is asked again
    with the first and last day of that month as examples; `20 November 2026` is a date."""
    path = tmp_path / "a.yaml"
    steps = INITIATIVE[:-1] + [
        ("Assessed on", "November 2026"), ("Assessed on", "20 November 2026"),
        ("Workflow status", ""), ("Data pipeline status", ""), ("Integration status", ""),
        ("Boundaries status", ""), ("Outcomes status", ""), ("Governance status", "in_progress"),
        ("Retraining cadence", "every quarter"),
    ]
    _, out = session(path, steps)
    assert ("'November 2026' names a month, not a day; give the day, as in 2026-11-01 or "
            "2026-11-30") in out
    assessment = validate(load(path))
    assert assessment.initiative.assessed_on == TODAY
    assert assessment.governance is not None and assessment.governance.retraining is not None
    assert assessment.governance.retraining.cadence == timedelta(days=90)


GOVERNANCE_TO_REGULATIONS = [
    ("Status of the governance gate", ""), ("start and end?", ""),
    ("Who receives drift alerts", ""), ("Is drift monitoring enabled?", ""),
    ("Retraining cadence", ""), ("Who owns retraining?", ""), ("Edge-case review cadence", ""),
    ("Share of AI recommendations", ""), ("Are overrides of the AI tracked?", ""),
]
"""Revisiting the governance gate of the ready example, up to its regulations."""
GOVERNANCE_AFTER_REGULATIONS = [
    ("4. Regulation (Enter = done", ""), ("Are people told", ""), ("incident process", ""),
    ("logged for audit", ""), ("Criteria for expanding scope", ""),
]


def without_pipeda(path: Path) -> None:
    text = (EXAMPLES / "care-copilot-ready.yaml").read_text()
    path.write_text(text.replace(
        "    - {id: PIPEDA, status: compliant, reviewed_on: 2026-08-20}\n", ""))


def test_unknown_at_a_required_field_of_a_record_asks_a_best_guess(tmp_path: Path) -> None:
    """A regulation's status, unknown: as for a required field outside a record, whom to
    ask, then a provisional value (with its date, as the prompt says), never a raw error."""
    path = tmp_path / "a.yaml"
    without_pipeda(path)
    steps = GOVERNANCE_TO_REGULATIONS + [
        ("3. PIPEDA \u00b7 Status, with the review date", "unknown"),
        ("Who can answer this?", "Privacy office"),
        ("Provisional status, with the review date (e.g. compliant 2026-08-20)",
         "in_review 2026-10-01"),
    ] + GOVERNANCE_AFTER_REGULATIONS
    _, out = session(path, steps, pack=None, only="governance")
    assert "missing required key" not in out
    assert "The record needs a value here meanwhile: give your best guess" in out
    assert "Open question for Privacy office: PIPEDA \u00b7 Status" in out
    assessment = validate(load(path))
    assert assessment.governance is not None and assessment.governance.regulations
    pipeda = assessment.governance.regulations[-1]
    assert (pipeda.id.value, pipeda.status.value, pipeda.reviewed_on) == (
        "PIPEDA", "in_review", date(2026, 10, 1))
    assert [(q.field, str(q.ask)) for q in assessment.open_questions or []] == [
        ("governance.regulations[2].status", "Privacy office")]


def test_a_required_field_left_empty_in_a_record_is_asked_in_words(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    without_pipeda(path)
    steps = GOVERNANCE_TO_REGULATIONS + [
        ("3. PIPEDA \u00b7 Status, with the review date", "-"),
        ("3. PIPEDA \u00b7 Status, with the review date", "gap"), ("Reviewed on", ""),
    ] + GOVERNANCE_AFTER_REGULATIONS
    _, out = session(path, steps, pack=None, only="governance")
    assert "missing required key" not in out
    assert ("Status, with the review date (e.g. compliant 2026-08-20): an answer is needed "
            "here ('unknown' if nobody knows yet).") in " ".join(out.split())
    assessment = validate(load(path))
    assert assessment.governance is not None and assessment.governance.regulations
    assert assessment.governance.regulations[-1].status.value == "gap"


def test_a_status_and_its_date_on_resume_are_asked_as_the_prompt_shows_them(
        tmp_path: Path) -> None:
    """The default of an open question on a regulation's status is the status with its
    review date, and that is what the question takes; a status alone asks the date."""
    path = tmp_path / "a.yaml"
    path.write_text((EXAMPLES / "care-copilot-ready.yaml").read_text() + (
        "open_questions:\n"
        "  - {field: 'governance.regulations[0].status', ask: Legal, raised_on: 2026-11-01}\n"
        "  - {field: 'governance.regulations[1].status', ask: Legal, raised_on: 2026-11-01}\n"
        "  - {field: 'governance.regulations[2].status', ask: Legal, raised_on: 2026-11-01}\n"))
    shown = "Status, with the review date (e.g. compliant 2026-08-20) [compliant 2026-08-20]: "
    _, out = session(path, [
        ("Go through the 3 open questions first?", "y"),
        (shown, "compliant 2026-08-20"),  # the default, typed as shown
        (shown, "gap"), ("Reviewed on [2026-08-20]: ", "2026-11-02"),  # the date asked next
        ("[compliant 2026-09-02]: ", "in_review 2026-11-03"),
    ], pack=None)
    assert "not one of the choices" not in out
    assessment = validate(load(path))
    assert assessment.governance is not None and assessment.governance.regulations
    assert [(r.status.value, r.reviewed_on) for r in assessment.governance.regulations] == [
        ("compliant", date(2026, 8, 20)), ("gap", date(2026, 11, 2)),
        ("in_review", date(2026, 11, 3))]
    assert not assessment.open_questions


def test_a_status_typed_with_its_date_replaces_the_date_given_before(tmp_path: Path) -> None:
    """Revisiting the security review: `complete 2026-06-01`, as the prompt suggests, is
    taken although a completion date is already in the file, and is then its default."""
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [("Status of the integration gate", ""), ("start and end?", ""),
             ("Where do users", ""), ("embedded", ""), ("System (Enter = done", ""),
             ("Latency budget", ""), ("unavailable?", ""),
             ("Status of the security review, with its date when complete (e.g. complete "
              "2026-05-08) [complete]: ", "complete 2026-06-01"),
             ("When was the security review completed? [2026-06-01]: ", "")]
    _, out = session(path, steps, pack=None, only="integration")
    assert "not one of the choices" not in out
    integration = validate(load(path)).integration
    assert integration is not None and integration.security_review is not None
    assert integration.security_review.completed_on == date(2026, 6, 1)


def test_the_override_rate_is_shown_as_the_percentage_its_prompt_asks_for(
        tmp_path: Path) -> None:
    """The file holds a share from 0 to 1 (0.08); the prompt asks for a percentage, so
    the value in brackets is one (8%), and Enter keeps it. `48%`, `48` and `0.48` are
    all read as 0.48, as before."""
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    rest = [("Are overrides of the AI tracked?", ""), ("4. Regulation (Enter = done", ""),
            *GOVERNANCE_AFTER_REGULATIONS[1:]]
    rate = "(a percentage such as 12%; Enter if overrides are not tracked)"
    to_rate = GOVERNANCE_TO_REGULATIONS[:-2]
    session(path, [*to_rate, (f"{rate} [8%]: ", ""), *rest], pack=None, only="governance")
    governance = validate(load(path)).governance
    assert governance is not None and governance.override_tracking is not None
    assert governance.override_tracking.override_rate == 0.08
    for typed, shown in (("48%", "8%"), ("0.5", "48%"), ("12.5", "50%"), ("48", "12.5%")):
        session(path, [*to_rate, (f"{rate} [{shown}]: ", typed), *rest], pack=None,
                only="governance")
    governance = validate(load(path)).governance
    assert governance is not None and governance.override_tracking is not None
    assert governance.override_tracking.override_rate == 0.48


def _without_workflow(path: Path) -> None:
    text = (EXAMPLES / "care-copilot-ready.yaml").read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?ms)^workflow:\n.*?(?=^\w)", "", text), encoding="utf-8")


def assert_complete_from(path: Path, steps: list[tuple[str, str]], start: str,
                         end: str) -> None:
    """The workflow gate of `path` is complete from `start` to `end` once `steps` ran, and
    no answer was refused as incomplete on the way."""
    _, out = session(path, steps, pack=None, only="workflow")
    assert "is required" not in out
    workflow = validate(load(path)).workflow
    assert workflow is not None and workflow.status.value == "complete"
    assert (str(workflow.started_on), str(workflow.completed_on)) == (start, end)


def test_a_new_gate_said_complete_takes_its_period_next(tmp_path: Path) -> None:
    # "complete" at the status-by-dates prompt, then the period at the prompt that asks
    # for it: both dates are taken (the gate needs its completion date before it is valid).
    path = tmp_path / "a.yaml"
    _without_workflow(path)
    steps = [("Workflow gate: when did its work start", "complete"),
             ("start and end? (start to end", "2026-03-02 to 2026-05-15")]
    assert_complete_from(path, steps, "2026-03-02", "2026-05-15")


def test_a_period_earlier_than_the_one_in_the_file_is_taken(tmp_path: Path) -> None:
    # The new end falls before the start the file had: the start is written first.
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [("Status of the workflow gate", ""),
             ("start and end? (start to end", "2025-01-05 to 2025-01-20")]
    assert_complete_from(path, steps, "2025-01-05", "2025-01-20")


def test_a_gate_set_back_to_complete_asks_its_completion_date_again(tmp_path: Path) -> None:
    # Its completion date was asked, then removed when the gate was set in progress:
    # "complete" again asks for it instead of refusing the status.
    path = tmp_path / "a.yaml"
    _without_workflow(path)
    steps = [("Workflow gate: when did its work start", "complete"),
             ("start and end? (start to end", "2026-05-15"),
             ("Which one process", "back"), ("When did workflow work start?", "back"),
             ("Status of the workflow gate [complete]", "in_progress"),
             ("When did workflow work start?", "back"),
             ("Status of the workflow gate [in_progress]", "complete"),
             ("start and end? (start to end", "2026-03-02 to 2026-05-15")]
    assert_complete_from(path, steps, "2026-03-02", "2026-05-15")


def test_a_figure_in_another_unit_is_read_in_its_metrics_unit(tmp_path: Path) -> None:
    # The baseline gave the unit (hours); a target of "1 day" is 24 hours, not 1 day with
    # the unit changed under the baseline. A unit that is not the metric's is refused.
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [("Status of the outcomes gate", ""), ("start and end?", ""),
             ("5. Metric (Enter = done", "Time to first response"), ("Kind", "business"),
             ("Baseline, with its unit", "26 hours"), ("Target", "5 tickets"),
             ("Target", "1 day"), ("Current value", "about 1.5 days"), ("Owner", "")]
    _, out = session(path, steps, pack=None, only="outcomes")
    assert "'5 tickets' is in tickets, but this figure is in hours" in out
    assert "= 24 hours" in out
    metric = validate(load(path)).metrics[-1]
    assert (metric.name, metric.unit) == ("Time to first response", "hours")
    assert (metric.baseline, metric.target, metric.current) == (26, 24, 36)


def test_a_new_gates_dates_in_words_give_its_status(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    _without_workflow(path)
    steps = [("Workflow gate: when did its work start", "2 March 2026 to 15 May 2026")]
    assert_complete_from(path, steps, "2026-03-02", "2026-05-15")


def test_an_open_question_kept_open_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    # Kept open for the same person: not moved to the end of the list, nothing written;
    # the pass says first what Enter does.
    path = tmp_path / "a.yaml"
    session(path, TWO_OPEN_QUESTIONS)
    before = path.read_text()
    _, out = session(path, [
        ("Go through the 2 open questions first?", "y"),
        ("Stage [pilot]", "unknown"), ("Who can answer this? [Priya Raman, VP Care]", ""),
    ])
    assert path.read_text() == before
    assert "Enter confirms the value in brackets and closes its question" in out


def test_a_regulation_not_assessed_is_not_asked_its_review_date(tmp_path: Path) -> None:
    # Nothing was reviewed: "Reviewed on" would have no answer.
    path = tmp_path / "a.yaml"
    without_pipeda(path)
    steps = GOVERNANCE_TO_REGULATIONS + [
        ("3. PIPEDA \u00b7 Status, with the review date", "not_assessed"),
    ] + GOVERNANCE_AFTER_REGULATIONS
    script, _ = session(path, steps, pack=None, only="governance")
    assert not any("Reviewed on" in prompt for prompt in script.prompts)
    assessment = validate(load(path))
    assert assessment.governance is not None and assessment.governance.regulations
    assert assessment.governance.regulations[-1].status.value == "not_assessed"


def test_the_help_of_an_amount_says_what_an_amount_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [("Status of the outcomes gate", ""), ("start and end?", ""),
             ("5. Metric (Enter = done", ""), ("5. Group", ""), ("ROI currency", ""),
             ("ROI horizon in years", ""), ("Annual benefit", "?"), ("Annual benefit", "")]
    _, out = session(path, steps, pack=None, only="outcomes")
    said = " ".join(out.split())
    assert "Answer: an amount, e.g. 25, $1.2M, 60k or 1.5 million CAD." in said
    assert "a percentage such as 48%" not in said


def test_an_indented_line_wraps_under_its_indent(tmp_path: Path) -> None:
    # The status hint of every gate, at 100 columns: its second line started at the
    # first column, under the question instead of under the hint.
    out = io.StringIO()
    wizard = Wizard(Store.open(tmp_path / "x.yaml"), load_pack(None), Script([]),
                    Console(file=out, width=60, color_system=None), TODAY)
    wizard.say("  e.g. 2026-01-12 (in progress since), 2026-01-12 to 2026-02-06 "
               "(complete), a status (not started, in progress, complete)")
    wizard.say("Workflow gate: when did its work start (and end, if complete)?")
    lines = out.getvalue().splitlines()
    hint = lines[: next(i for i, line in enumerate(lines) if line.startswith("Workflow"))]
    assert len(hint) == 3
    assert all(line.startswith("  ") and line[2] != " " for line in hint)


@pytest.mark.parametrize(("use_case", "lang", "reason"), [
    ("anomaly_detection", "en", "the anomaly detection use case needs a source of network "
                                "telemetry"),
    ("sentiment_analysis", "en", "the sentiment analysis use case needs a source of "
                                 "interaction history"),
    ("billing_agent", "en", "the billing agent use case needs crm, bss and ticketing sources"),
    ("anomaly_detection", "fr", "le cas d'utilisation \u00ab\u00a0d\u00e9tection "
                                "d'anomalies\u00a0\u00bb exige une source de type "
                                "t\u00e9l\u00e9m\u00e9trie r\u00e9seau"),
])
def test_what_a_use_case_needs_reads_for_one_kind_and_for_several(
        tmp_path: Path, use_case: str, lang: str, reason: str) -> None:
    from readiness import i18n
    from readiness.wizard.session import Session

    path = tmp_path / "x.yaml"
    path.write_text(f"schema_version: 1\ninitiative:\n  use_case: {use_case}\n")
    session = Session(Store.open(path), load_pack(None), TODAY)
    sources = next(q for s in session.sections for q in s.questions
                   if q.field == "data_pipeline.sources")
    i18n.use(lang)  # the suite's fixture sets English back
    needs = session.needs(sources)
    assert needs is not None and needs.reason == reason


def test_a_cost_of_none_is_zero(tmp_path: Path) -> None:
    # OUT002 counts a cost of 0 as stated: `none` for a cost is 0, not a skipped question.
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = {"One-time change-management cost": "none", "Annual run cost": "nothing"}
    session(path, outcomes_revisited(steps), pack=None, only="outcomes")
    outcomes = validate(load(path)).outcomes
    assert outcomes is not None and outcomes.roi is not None
    assert outcomes.roi.one_time_costs is not None
    assert outcomes.roi.one_time_costs.change_management == 0
    assert outcomes.roi.annual_run_cost == 0
    steps["Annual benefit"] = "n/a"  # no value, as for any figure: cleared
    session(path, outcomes_revisited(steps), pack=None, only="outcomes")
    outcomes = validate(load(path)).outcomes
    assert outcomes is not None and outcomes.roi is not None
    assert outcomes.roi.annual_benefit is None and outcomes.roi.annual_run_cost == 0
