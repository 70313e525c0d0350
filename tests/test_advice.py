"""Next steps, problem counts and open questions (readiness.advice): one list, in the
order of docs/reports.md ("Next steps"), shown the same on every surface people read."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from readiness import advice
from readiness.batch import FileReport
from readiness.engine import Result, assess_file
from readiness.findings import Finding, Severity, WaiverNote
from readiness.loader import loads
from readiness.model import GateId
from readiness.reporters import html as html_report
from readiness.reporters import markdown
from readiness.reporters.report_view import build
from readiness.reporters.text import FileText
from readiness.rules import REGISTRY
from readiness.rules.base import example_document
from readiness.wizard import render_summary
from tests.common import EXAMPLES, ROOT, TODAY, run

STORY = ROOT / "tests" / "data" / "ticket-classifier-rejected.yaml"
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "validate-output.schema.json").read_text())

G = GateId
B, M, N = Severity.BLOCKER, Severity.MAJOR, Severity.MINOR


def finding(rule: str, severity: Severity, gate: GateId, subject: str = "", line: int = 1,
            waived: bool = False) -> Finding:
    waiver = WaiverNote("accepted for now", "CFO", "2099-01-01") if waived else None
    return Finding(rule, "name", severity, gate, f"{rule} message", f"x.y[{line}]", line, 1,
                   "set x.y", waiver, subject)


def with_findings(findings: list[Finding]) -> Result:
    """The churn example (blocked at gate 5, outcomes) holding these findings instead."""
    result = assess_file(EXAMPLES / "churn-accuracy-only.yaml", today=TODAY)
    assert result.blocked_at is not None and result.blocked_at.id == G.OUTCOMES
    return replace(result, findings=findings)


def order(result: Result) -> list[tuple[str | None, str]]:
    return [(step.rule, step.gate.value) for step in advice.next_steps(result)]


# --- the order ---------------------------------------------------------------------------


MIXED = [
    finding("OUT003", N, G.OUTCOMES, "Repeat calls"),
    finding("INT001", M, G.INTEGRATION),
    finding("GOV004", M, G.GOVERNANCE, "on 48% of cases"),
    finding("GOV003", B, G.GOVERNANCE, "PIPEDA (gap)"),
    finding("DAT001", M, G.DATA_PIPELINE, "CRM (1 day old)"),
    finding("WAI001", N, G.WORKFLOW, "OUT002 (expired)"),
    finding("SEQ004", B, G.GOVERNANCE),
    finding("OUT004", M, G.OUTCOMES, "Misroute rate"),
    finding("DEC001", B, G.DECISION_BOUNDARIES, "Refund"),
    finding("OWN001", B, G.WORKFLOW),
    finding("INT003", B, G.INTEGRATION, waived=True),
]


def test_the_whole_order_of_next_steps() -> None:
    assert order(with_findings(MIXED)) == [
        # (1) unwaived blockers in gate order, sequence rules first within a gate
        ("OWN001", "workflow"), ("DEC001", "decision_boundaries"),
        ("SEQ004", "governance"), ("GOV003", "governance"),
        # (2) what stops the first gate that does not pass
        (None, "outcomes"),
        # (3) majors in gate order, OUT004 and GOV004 first
        ("OUT004", "outcomes"), ("GOV004", "governance"),
        ("DAT001", "data_pipeline"), ("INT001", "integration"),
        # (4) minors
        ("WAI001", "workflow"), ("OUT003", "outcomes"),
    ]  # the waived INT003 blocker has no step


def test_blockers_come_in_gate_order_whatever_the_rule() -> None:
    found = [finding("GOV005", B, G.GOVERNANCE), finding("OWN001", B, G.WORKFLOW),
             finding("DAT001", B, G.DATA_PIPELINE)]
    assert [rule for rule, _ in order(with_findings(found))][:3] == [
        "OWN001", "DAT001", "GOV005"]


def test_a_sequence_rule_comes_first_within_its_gate() -> None:
    found = [finding("INT003", B, G.INTEGRATION), finding("SEQ002", B, G.INTEGRATION)]
    assert [rule for rule, _ in order(with_findings(found))][:2] == ["SEQ002", "INT003"]
    found = [finding("DEC004", M, G.DECISION_BOUNDARIES), finding("SEQ003", M,
                                                                   G.DECISION_BOUNDARIES)]
    assert [rule for rule, _ in order(with_findings(found))][1:] == ["SEQ003", "DEC004"]


def test_the_gate_step_follows_the_blockers_and_precedes_the_majors() -> None:
    found = [finding("INT001", M, G.INTEGRATION), finding("GOV003", B, G.GOVERNANCE)]
    assert order(with_findings(found)) == [
        ("GOV003", "governance"), (None, "outcomes"), ("INT001", "integration")]
    gate_step = advice.next_steps(with_findings(found))[1]
    assert gate_step.severity is None and gate_step.instances == 0
    assert gate_step.text.startswith("Complete the outcomes gate (it is in progress, scores ")


def test_no_gate_step_when_every_gate_passes() -> None:
    ready = assess_file(EXAMPLES / "care-copilot-ready.yaml", today=TODAY)
    assert ready.blocked_at is None and advice.next_steps(ready) == []
    found = [finding("INT001", M, G.INTEGRATION)]
    assert order(replace(ready, findings=found)) == [("INT001", "integration")]


def test_off_track_and_trust_come_first_among_majors() -> None:
    found = [finding("DAT003", M, G.DATA_PIPELINE), finding("GOV004", M, G.GOVERNANCE),
             finding("OWN002", M, G.OUTCOMES), finding("OUT004", M, G.OUTCOMES)]
    assert [rule for rule, _ in order(with_findings(found))] == [
        None, "OUT004", "GOV004", "DAT003", "OWN002"]


def test_minors_come_last_even_from_an_earlier_gate() -> None:
    found = [finding("WAI001", N, G.WORKFLOW), finding("GOV001", M, G.GOVERNANCE)]
    assert [rule for rule, _ in order(with_findings(found))] == [None, "GOV001", "WAI001"]


# --- one step per rule per gate -----------------------------------------------------------


def test_one_step_per_rule_and_gate_naming_every_instance() -> None:
    found = [finding("DAT001", B, G.DATA_PIPELINE, "Customer accounts (1 day old)", 30),
             finding("DAT001", B, G.DATA_PIPELINE, "Ticket history (2 days old)", 31),
             finding("DAT001", B, G.DATA_PIPELINE, "Ticket history (2 systems behind)", 31),
             finding("SEQ003", M, G.OUTCOMES, "outcomes complete", 40),
             finding("SEQ003", M, G.GOVERNANCE, "governance complete", 50)]
    steps = advice.next_steps(with_findings(found))
    keys = [(s.rule, s.gate) for s in steps]
    assert len(keys) == len(set(keys)) == 4  # DAT001 once; SEQ003 once per gate; the gate
    stale = steps[0]
    assert stale.rule == "DAT001" and stale.instances == 3 and stale.severity == B
    assert stale.text.startswith(
        "2 sources are too old or too far from their system of record for the decision: "
        "Customer accounts (1 day old) and Ticket history (2 days old; 2 systems behind). ")
    assert stale.text.endswith(REGISTRY["DAT001"].advice)


def test_the_story_says_each_problem_once_in_plain_words() -> None:
    result = assess_file(STORY, today=TODAY)
    steps = advice.next_steps(result)
    rules = [step.rule for step in steps]
    assert rules[:5] == ["DAT001", "SEQ002", "SEQ005", "OUT001", None]
    assert "GOV004" in rules and rules.index("GOV004") == 5  # first among the majors
    assert steps[0].text.startswith(
        "2 sources are too old or too far from their system of record for the decision: "
        "Customer accounts (1 day old, 5 min allowed) and Ticket history (2 days old, 5 min "
        "allowed; 2 systems behind).")
    for step in steps:
        assert not re.search(r"\bP(T?\d)|\w+\.\w+\[|`", step.text), step.text


# --- a short list ---------------------------------------------------------------------------


def test_a_blocker_is_never_cut_from_a_shortened_list() -> None:
    found = [finding(rule, B, gate) for rule, gate in (
        ("OWN001", G.WORKFLOW), ("DAT001", G.DATA_PIPELINE), ("INT003", G.INTEGRATION),
        ("DEC001", G.DECISION_BOUNDARIES), ("OUT001", G.OUTCOMES), ("GOV003", G.GOVERNANCE),
        ("GOV005", G.GOVERNANCE))] + [finding("WAI001", N, G.WORKFLOW)]
    steps = advice.next_steps(with_findings(found))
    short = advice.shorten(steps, advice.SHOWN)
    assert len(short) == 7 and all(step.blocker for step in short)
    assert short == steps[:7]  # the order is kept


def test_a_shortened_list_keeps_the_order() -> None:
    steps = advice.next_steps(with_findings(MIXED))
    assert advice.shorten(steps, 5) == steps[:5]
    assert advice.shorten(steps, 100) == steps


# --- counts ---------------------------------------------------------------------------------


def test_counts_count_problems_and_say_how_many_findings_they_cover() -> None:
    found = [finding("DAT001", B, G.DATA_PIPELINE, line=i) for i in range(4)]
    found += [finding("SEQ002", B, G.INTEGRATION), finding("INT001", M, G.INTEGRATION),
              finding("SEQ003", M, G.OUTCOMES), finding("SEQ003", M, G.GOVERNANCE),
              finding("OUT002", M, G.OUTCOMES, waived=True)]
    assert advice.problems_in_words(found) == "2 blockers (5 findings), 3 majors (3 findings)"
    assert advice.problems_in_words([]) == "none"


# --- every rule speaks plain words ------------------------------------------------------------

PATH = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z_]+\.[a-z_]+\b|\[\d+\]")
ISO_DURATION = re.compile(r"\bP(?:\d+[YMWD]|T\d)")
YAML = re.compile(r"`|[{}\[\]]|\b[a-z_]+: (?:true|false|null|\d)|\bcompleted_on\b")


@pytest.mark.parametrize("rule", REGISTRY.values(), ids=list(REGISTRY))
def test_every_rule_has_advice_for_people_in_plain_words(rule: object) -> None:
    from readiness.rules.base import Rule

    assert isinstance(rule, Rule)
    assert rule.advice and rule.step and rule.steps
    for text in (rule.advice, rule.step, rule.steps.replace("{n}", "3")):
        assert not PATH.search(text), text
        assert not ISO_DURATION.search(text), text
        assert not YAML.search(text), text
    assert "{n}" in rule.steps or rule.steps == rule.step


@pytest.mark.parametrize("rule", REGISTRY.values(), ids=list(REGISTRY))
def test_every_rules_step_from_its_failing_example_is_plain_words(rule: object) -> None:
    from readiness.engine import assess
    from readiness.packs import load_pack
    from readiness.rules.base import Rule
    from readiness.schema import validate

    assert isinstance(rule, Rule)
    document = loads(example_document(rule.failing), "example.yaml")
    result = assess(document, validate(document), load_pack(None), today=TODAY)
    steps = [s for s in advice.next_steps(result) if s.rule == rule.id]
    assert len(steps) == 1, [s.rule for s in advice.next_steps(result)]
    text = steps[0].text
    assert text.startswith(rule.step.split("{n}")[0][:10]) or "{n}" in rule.steps
    assert not ISO_DURATION.search(text) and not YAML.search(text), text
    assert not re.search(r"\b[a-z]+_[a-z_]+\.[a-z_]+|\[\d+\]", text), text


# --- open questions ----------------------------------------------------------------------------


def test_open_questions_grouped_by_whom_to_ask() -> None:
    result = assess_file(STORY, today=TODAY)
    assert [(q.field, q.gate.value, q.line) for q in result.questions] == [
        ("data_pipeline.sources[0].freshness", "data_pipeline", 48),
        ("governance.override_tracking.override_rate", "governance", 52),
        ("data_pipeline.sources[1].hops_from_system_of_record", "data_pipeline", 55)]
    groups = advice.by_whom(result.questions)
    assert [(person, [q.line for q in asked]) for person, asked in groups] == [
        ("Care operations (Dana Cho)", [52]), ("Data engineering (Marc Roy)", [48, 55])]
    assert advice.question_words(result.questions[0]) == (
        "worst-case age of the nightly CRM extract (data_pipeline.sources[0].freshness; "
        "data pipeline gate; raised on 2026-11-18)")
    assert advice.question_words(result.questions[2]).startswith(
        "hops from system of record of data pipeline source 2 (data_pipeline.sources[1].")


# --- one list on every surface ------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "readiness", *args], capture_output=True,
                          text=True, cwd=ROOT, check=False)


def _numbered(lines: list[str]) -> list[str]:
    return [re.sub(r"^\s*\d+\. ", "", line) for line in lines if re.match(r"^\s*\d+\. ", line)]


def test_the_same_next_steps_in_the_same_order_on_all_five_surfaces(tmp_path: Path) -> None:
    result = assess_file(STORY, today=TODAY)
    every = [step.text for step in advice.next_steps(result)]
    short = [step.text for step in advice.shorten(advice.next_steps(result), advice.SHOWN)]
    assert len(every) > len(short) == advice.SHOWN  # the story has more than a short list

    console = Console(record=True, width=2000, color_system=None)
    console.print(render_summary(result))
    panel = [line.strip(" │") for line in console.export_text().splitlines()]
    assert _numbered(panel) == short

    text = _cli("validate", "--today", TODAY.isoformat(), str(STORY))
    assert _numbered(text.stdout.splitlines()) == short
    assert "Problems: 4 blockers (6 findings), 4 majors (4 findings), 1 minor" in text.stdout

    document = json.loads(_cli("validate", "--format", "json", "--today", TODAY.isoformat(),
                               str(STORY)).stdout)
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    entry = document["files"][0]
    assert [step["text"] for step in entry["next_steps"]] == every
    assert entry["next_steps"][0] == {"rule": "DAT001", "gate": "data_pipeline",
                                      "severity": "blocker", "instances": 3, "text": every[0]}
    gate_step = next(s for s in entry["next_steps"] if s["rule"] is None)
    assert gate_step["severity"] is None and gate_step["instances"] == 0
    assert entry["open_questions"][0] == {
        "field": "data_pipeline.sources[0].freshness", "gate": "data_pipeline",
        "ask": "Data engineering (Marc Roy)", "raised_on": "2026-11-18", "line": 48,
        "note": "worst-case age of the nightly CRM extract"}

    report = build(result)
    md = markdown.render(report).split("## Next steps")[1].split("\n## ")[0]
    unescaped = [re.sub(r"\\(.)", r"\1", line) for line in _numbered(md.splitlines())]
    assert [re.sub(r"^\*\*Gate \d, [^*]+\*\*( \([a-z]+, [A-Z0-9]+\))?: ", "", line)
            for line in unescaped] == every

    page = html_report.render(report).split('id="next-steps"')[1].split("</ol>")[0]
    items = [html.unescape(re.sub(r"<[^>]+>", "", item)).split(": ", 1)[1]
             for item in re.findall(r"<li>(.*?)</li>", page)]
    assert items == every


# --- the report's headline, outcomes and ROI ---------------------------------------------------


def test_report_headline_names_what_the_committee_hears_about() -> None:
    report = build(assess_file(STORY, today=TODAY))
    assert report.header.symptoms == "People override the AI too often: on 48% of cases."
    assert report.header.problems_text.startswith("4 blockers (6 findings)")
    assert "People override the AI too often: on 48% of cases" in markdown.render(report)
    quiet = build(assess_file(EXAMPLES / "churn-accuracy-only.yaml", today=TODAY))
    assert quiet.header.symptoms == ""
    # Two symptoms are two sentences.
    both = build(assess_file(EXAMPLES / "ticket-classifier-live-overridden.yaml", today=TODAY))
    assert both.header.symptoms.startswith("2 business results are off track while the AI is ")
    assert both.header.symptoms.endswith(
        " (worse than before: 14.9, was 14.2). People override the AI too often: on 48% of cases.")


def test_model_metrics_are_shown_apart_and_never_as_a_target_met() -> None:
    report = build(assess_file(EXAMPLES / "care-copilot-ready.yaml", today=TODAY))
    assert [m.name for m in report.model_metrics] == ["summary acceptance without edits"]
    assert all(m.kind != "model" for m in report.metrics)
    assert all(m.standing == "" and m.progress is None for m in report.model_metrics)
    page = html_report.render(report)
    apart = page.split('<div class="model-metrics">')[1].split("</div>")[0]
    assert "Model metrics, not outcomes" in apart and "target met" not in apart
    outcomes = page.split('id="outcomes"')[1].split('<div class="model-metrics">')[0]
    assert "summary acceptance without edits" not in outcomes


def test_the_roi_says_the_benefit_is_not_delivered_when_an_outcome_is_off_track() -> None:
    result = assess_file(EXAMPLES / "care-copilot-ready.yaml", today=TODAY)
    assert build(result).roi is not None and build(result).roi.caveat == ""  # type: ignore[union-attr]
    off = replace(result, findings=[finding("OUT004", M, G.OUTCOMES, "misroute rate")])
    roi = build(off).roi
    assert roi is not None and roi.caveat.startswith(
        "The benefit this ROI counts is not being delivered yet: ")
    assert "misroute rate" in roi.caveat
    assert "not being delivered yet" in markdown.render(build(off))
    assert 'class="caveat"' in html_report.render(build(off))


def test_a_conditional_headline_counts_problems() -> None:
    from readiness.reporters.safe_text import headline
    from readiness.scoring import Verdict

    ready = assess_file(EXAMPLES / "care-copilot-ready.yaml", today=TODAY)
    found = [finding("SEQ003", M, G.OUTCOMES, line=1), finding("SEQ003", M, G.OUTCOMES, line=2),
             finding("INT001", M, G.INTEGRATION)]
    conditional = replace(ready, findings=found, verdict=Verdict.CONDITIONAL)
    assert headline(conditional) == (
        "Conditional: all six gates pass, 2 majors (3 findings) to resolve")


def test_subjects_merge_by_their_last_bracket_so_names_may_have_brackets() -> None:
    from readiness.advice import merged

    assert merged(["CRM (lab copy) (1 day old)", "CRM (lab copy) (2 systems behind)",
                   "Billing"]) == ["CRM (lab copy) (1 day old; 2 systems behind)", "Billing"]


# --- what the gate step says -----------------------------------------------------------

READY_TEXT = (EXAMPLES / "care-copilot-ready.yaml").read_text(encoding="utf-8")
OWNER = "  accountable_owner: {name: Priya Raman, role: VP Customer Care}\n"
SCOPE = ("  scope: Residential internet and TV contacts in English and French; business "
         "accounts excluded\n")


def steps_of(text: str) -> list[str]:
    return [step.text for step in advice.next_steps(run(text))]


def test_the_gate_step_leaves_out_what_a_rules_step_already_names() -> None:
    assert OWNER in READY_TEXT and SCOPE in READY_TEXT
    # OWN001's finding is at initiative.accountable_owner, the field the criterion
    # "one accountable owner" judges: said once, by OWN001's step.
    steps = steps_of(READY_TEXT.replace(OWNER, ""))
    assert steps[0].startswith("No one is accountable for the initiative.")
    assert steps[1:] == ["Pass the workflow gate (it is complete): clear the blockers above."]
    # A criterion no finding names is still listed.
    steps = steps_of(READY_TEXT.replace(OWNER, "").replace(SCOPE, ""))
    assert steps[1:] == [
        "Pass the workflow gate (it is complete): still missing: the first deployment is scoped."]


def test_a_gate_not_started_is_started_and_lacks_only_what_the_file_lacks() -> None:
    # The process, its owner, the friction, the volume and the accountable owner are all
    # in the file: only the scope is missing. (SEQ001's own step names the model work.)
    text = READY_TEXT.replace("workflow:\n  status: complete\n",
                              "workflow:\n  status: not_started\n")
    for _ in range(2):
        text = re.sub(r"(?m)^(workflow:\n(?:  .*\n)*?)  (started_on|completed_on): .*\n", r"\1",
                      text)
    steps = [s for s in steps_of(text.replace(SCOPE, "")) if "workflow gate" in s]
    assert steps == [
        "Start the workflow gate (it is not started, scores 0/100 against a pass mark of 70): "
        "still missing: the first deployment is scoped."]
    steps = [s for s in steps_of(text) if "workflow gate" in s]
    assert steps == [
        "Start the workflow gate (it is not started, scores 0/100 against a pass mark of 70): "
        "mark it in progress once its work has started."]


NEW_FILE = """\
schema_version: 1
initiative:
  id: care-ticket-classifier
  name: Care ticket classifier
  domain: customer_operations
  use_case: ticket_classification
  stage: pilot
  assessed_on: 2026-11-20
  accountable_owner: Jane Doe
"""
MODEL_FIRST = "model work did not start before the workflow was understood"


def test_a_gate_not_started_does_not_lack_its_own_start() -> None:
    # "Model work did not start before the workflow was understood" asks for the workflow
    # to be under way and for no SEQ001 finding: the first is the start the step asks
    # for, and with no model work at all the second holds.
    result = run(NEW_FILE)
    assert not result.findings
    step = advice.next_steps(result)[0].text
    assert step.startswith("Start the workflow gate (it is not started, ")
    assert "one named process with its owner" in step and MODEL_FIRST not in step
    workflow = result.gates[0]
    criterion = next(c for c in workflow.criteria if c.text.lower() == MODEL_FIRST)
    assert criterion.holds and not criterion.satisfied and workflow.score == 0
    # With model work begun and no workflow, the criterion does not hold: SEQ001's own
    # step (a major, after the gate's) says so, and the gate's step does not repeat it.
    result = run(NEW_FILE + "model:\n  started_on: 2026-10-01\n")
    criterion = next(c for c in result.gates[0].criteria if c.text.lower() == MODEL_FIRST)
    assert not criterion.holds
    steps = advice.next_steps(result)
    assert [s.rule for s in steps][:2] == [None, "SEQ001"] and MODEL_FIRST not in steps[0].text

@pytest.mark.parametrize(("found", "said"), [
    ([finding("OUT001", B, G.OUTCOMES, line=1), finding("OUT001", B, G.OUTCOMES, line=2)],
     "1 blocker"),
    ([finding("OUT001", B, G.OUTCOMES, line=1), finding("SEQ006", B, G.OUTCOMES, line=2)],
     "2 blockers"),
])
def test_a_gates_blockers_are_counted_as_problems_as_the_headline_counts_them(
    found: list[Finding], said: str
) -> None:
    result = with_findings(found)
    text = FileText()(FileReport("churn.yaml", result))
    rows = {line[0]: line.split("│") for line in text.splitlines() if line[1:3] == " │"}
    assert rows["5"][2].strip() == "in progress"  # the status in plain words
    assert rows["5"][4].strip() == f"no ({said})"
    assert f"Problems: {said} (2 findings)" in text
    gate = build(result).gates[4]
    assert gate.why_not.endswith("; " + said.replace("blocker", "unwaived blocker"))


def test_a_finding_on_one_item_of_a_list_does_not_stand_for_the_whole_list() -> None:
    churn = assess_file(EXAMPLES / "churn-accuracy-only.yaml", today=TODAY)
    outcomes = churn.gates[4]
    unmet = {"current-measured", "roi-complete"}  # as if a metric had no current value...
    gates = list(churn.gates)
    gates[4] = replace(outcomes, criteria=tuple(
        c._replace(satisfied=False, holds=False) if c.id in unmet else c
        for c in outcomes.criteria))

    def gate_step(path: str) -> str:
        off_track = replace(finding("OUT004", M, G.OUTCOMES, "Misroute rate"), path=path)
        steps = advice.next_steps(replace(churn, gates=gates, findings=[off_track]))
        return next(step.text for step in steps if step.rule is None)

    # ...while OUT004 reports another metric, off track: the step still asks for it.
    assert "current values are measured" in gate_step("outcomes.metrics[0].current")
    assert "the ROI has a horizon" in gate_step("outcomes.metrics[0].current")
    # A finding at a single field the criterion judges names it: said once.
    assert "the ROI has a horizon" not in gate_step("outcomes.roi.horizon_years")


def test_a_gate_step_with_nothing_left_to_list_says_what_to_do() -> None:
    churn = assess_file(EXAMPLES / "churn-accuracy-only.yaml", today=TODAY)
    # Every criterion it lacks is a problem with a step of its own.
    assert [s.text for s in advice.next_steps(churn) if s.rule is None] == [
        "Complete the outcomes gate (it is in progress, scores 47/100 against a pass mark of "
        "70): resolve the problems above, then mark it complete."]
    # Nothing lacking, no problem: only the status.
    text = re.sub(r"(?m)^(outcomes:\n  status: )complete\n((?:  .*\n)*?)  completed_on: .*\n",
                  r"\1in_progress\n\2", READY_TEXT)
    assert "status: in_progress" in text
    assert steps_of(text)[0] == (
        "Complete the outcomes gate (it is in progress): mark it complete once its work is "
        "done.")
