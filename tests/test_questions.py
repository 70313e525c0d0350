"""`readiness questions`: open questions across files, grouped by whom to ask, as text,
Markdown, CSV and JSON; an invalid file is reported and the others still listed."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from tests.common import EXAMPLES, HEADER, ROOT

STORY = ROOT / "tests" / "data" / "ticket-classifier-rejected.yaml"

OTHER = HEADER.replace("test-initiative", "billing-bot").replace("Test initiative",
                                                                  "Billing bot") + """\
open_questions:
  - field: outcomes.roi.annual_benefit
    ask: "=Finance (Ana Silva)"
    raised_on: 2026-11-01
    note: yearly saving the CFO signs off
  - field: data_pipeline.sources[0].freshness
    ask: Data engineering (Marc Roy)
    raised_on: 2026-11-02
"""


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "readiness", "questions", *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def files(tmp_path: Path) -> list[str]:
    other = tmp_path / "billing-bot.yaml"
    other.write_text(OTHER)
    return [str(STORY), str(other), str(EXAMPLES / "care-copilot-ready.yaml")]


def test_text_groups_every_question_by_whom_to_ask(tmp_path: Path) -> None:
    proc = cli(*files(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    heads = [line for line in lines if line and not line.startswith(" ")]
    assert heads == ["=Finance (Ana Silva) (1):", "Care operations (Dana Cho) (1):",
                     "Data engineering (Marc Roy) (3):", "5 open questions, 3 to ask"]
    marc = lines[lines.index("Data engineering (Marc Roy) (3):") + 1:][:3]
    assert [line.split(": ", 1)[0].strip(" -") for line in marc] == [
        "Ticket classifier agents reject", "Ticket classifier agents reject", "Billing bot"]
    assert "worst-case age of the nightly CRM extract" in marc[0]
    assert marc[0].endswith("ticket-classifier-rejected.yaml:48]")


def test_csv_is_one_row_per_question_and_safe_in_a_spreadsheet(tmp_path: Path) -> None:
    proc = cli("--format", "csv", *files(tmp_path))
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 5
    finance = rows[0]
    assert finance["ask"] == "'=Finance (Ana Silva)"  # never run as a formula
    assert (finance["initiative"], finance["gate"], finance["field"], finance["line"]) == (
        "billing-bot", "outcomes", "outcomes.roi.annual_benefit", "11")
    assert finance["note"] == "yearly saving the CFO signs off"


def test_json_and_markdown(tmp_path: Path) -> None:
    document = json.loads(cli("--format", "json", *files(tmp_path)).stdout)
    assert [g["ask"] for g in document["groups"]] == [
        "=Finance (Ana Silva)", "Care operations (Dana Cho)", "Data engineering (Marc Roy)"]
    assert document["groups"][1]["questions"] == [{
        "path": str(STORY), "initiative": "ticket-classifier-rejected",
        "field": "governance.override_tracking.override_rate", "gate": "governance",
        "raised_on": "2026-11-19", "line": 52}]
    assert document["invalid"] == []
    markdown = cli("--format", "md", *files(tmp_path)).stdout
    assert markdown.startswith("# Open questions, by whom to ask\n")
    assert "## Data engineering \\(Marc Roy\\)" in markdown or \
        "## Data engineering (Marc Roy)" in markdown


def test_no_question_says_so_and_an_invalid_file_exits_2(tmp_path: Path) -> None:
    quiet = cli(str(EXAMPLES / "care-copilot-ready.yaml"))
    assert quiet.returncode == 0 and quiet.stdout == "0 open questions, 0 to ask\n"
    broken = tmp_path / "broken.yaml"
    broken.write_text(HEADER + "open_questions:\n  - field: data_pipeline.sources\n")
    proc = cli(str(broken), str(STORY))
    assert proc.returncode == 2
    assert f"{broken}:" in proc.stderr and "error" in proc.stderr
    assert "3 open questions, 2 to ask" in proc.stdout  # the valid file is still listed
