"""The wizard driven by scripted answers through its injected prompt function."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from readiness.cli import app
from readiness.engine import assess_file
from readiness.loader import LoadError, load
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


INITIATIVE = [
    ("Initiative id", "mini-copilot"), ("Name", "Mini copilot"), ("Domain", "1"),
    ("Use case", "billing_agent"), ("Stage", "pilot"),
    ("Accountable owner", "Priya Raman, VP Care"), ("Assessed on", "today"),
]


def test_every_save_is_a_valid_assessment_once_the_initiative_is_answered(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = INITIATIVE + [
        ("Workflow status", "complete"), ("Workflow completed on", "2026-02-02"),
        ("Process", "Tier-1 billing disputes"),
        ("Data pipeline status", "in_progress"), ("Decision latency", "2 minutes"),
        ("Enter = done", ""), ("Integration status", ""), ("Boundaries status", ""),
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


def test_records_add_edit_remove(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    steps = INITIATIVE + [
        ("Workflow status", "in_progress"), ("Process", "Disputes"),
        ("Data pipeline status", "in_progress"), ("Decision latency", "2 minutes"),
        ("Enter = done", "a"), ("Source name", "CRM"), ("Kind", "crm"), ("Owner", ""),
        ("Freshness", "1 minute"),
        ("Enter = done", "a"), ("Source name", "Billing"), ("Kind", "3"),
        ("Owner", "Billing team"), ("Freshness", "1 day"),
        ("Enter = done", "a"), ("Source name", "Tickets"), ("Kind", "ticketing"),
        ("Owner", "-"), ("Freshness", ""),
        ("Enter = done", "e 1"), ("Source name [CRM]", ""), ("Kind [crm]", ""),
        ("Owner", "CRM platform team"), ("Freshness [PT1M]", ""),
        ("Enter = done", "r 2"),
        ("Enter = done", "x 9"),
        ("Enter = done", ""),
    ]
    _, out = session(path, steps)
    assert "Type a, e N or r N with N from 1 to 2" in out
    sources = validate(load(path)).sources
    assert [(s.name, s.kind.value, str(s.owner) if s.owner else None) for s in sources] == [
        ("CRM", "crm", "CRM platform team"), ("Tickets", "ticketing", None)]
    assert "DAT003 unowned-source" in out  # the gate panel shows the findings charged to it
    text = path.read_text()  # an owner added later goes where the model lists it
    assert text.index("owner: CRM platform team") < text.index("freshness: PT1M")


def test_a_record_the_model_refuses_asks_again_for_the_field_at_fault(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    steps = [
        ("Status of the decision boundaries gate", ""), ("When did this work start?", ""),
        ("When were the decision boundaries completed?", ""),
        ("Enter = done", "a"), ("Action", "Credit a bill"), ("Authority", "autonomous"),
        ("Limit amount", "20"), ("Limit currency", "cad"), ("Approver", ""), ("Rationale", ""),
        ("Limit currency", "CAD"),
        ("Enter = done", ""), ("Escalation path", ""),
    ]
    _, out = session(path, steps, pack=None, only="decision_boundaries")
    assert "'cad' is not" in out  # the model's message about limit.currency, then asked again
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
    steps.insert(1, ("When did workflow work start?", ""))
    steps.insert(2, ("When was the workflow gate completed?", ""))
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


def test_help_shows_a_real_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The transcript in `assess --help` uses the pack's real prompts, and the resume
    line is what the wizard prints after those answers."""
    help_text = CliRunner().invoke(app, ["assess", "--help"], env={"COLUMNS": "100"}).stdout
    pack = load_pack()
    prompts = {q.prompt for q in pack.questions}
    answered = [line.strip() for line in help_text.splitlines() if ": " in line]
    shown = [line.rsplit(": ", 1)[0] for line in answered if line.rsplit(": ", 1)[0] in prompts]
    assert "Status of the workflow gate" in shown and len(shown) >= 5
    monkeypatch.chdir(tmp_path)
    steps = [("Short identifier", "billing-copilot"), ("Name of", "Billing dispute copilot"),
             ("Operator", ""), ("Domain", "1"), ("Use case", "billing"), ("Stage", "pilot"),
             ("Jurisdictions", "CA"), ("Accountable owner", "Priya Raman, VP Customer Care"),
             ("Date of", "today"), ("Assessors", "Sam Lee"),
             ("Status of the workflow gate", "complete"), ("completed?", "2026-02-02"),
             ("start?", "2026-01-12")]
    session(Path("billing.yaml"), steps, pack=None)
    _, out = session(Path("billing.yaml"), [], pack=None)
    resumed = "Resuming billing.yaml at: Which one process does the AI improve?"
    assert resumed in out and resumed in help_text
