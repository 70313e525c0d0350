"""`--format json`: one document for the run (docs/format.md, "Output").

Its schema is docs/schemas/validate-output.schema.json.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, TextIO

from readiness import __version__
from readiness.advice import next_steps
from readiness.reporters import Writer as BaseWriter

if TYPE_CHECKING:
    from readiness.batch import FileReport, Render, Tally
    from readiness.findings import Finding


def finding_json(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "gate": finding.gate.value,
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "remediation": finding.remediation,
        "waived": finding.waived,
    }
    if finding.waiver:
        data["waiver"] = {
            "reason": finding.waiver.reason,
            "approved_by": finding.waiver.approved_by,
            "expires_on": finding.waiver.expires_on,
        }
    return data


def file_json(report: FileReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": report.path,
        "valid": report.valid,
        "errors": [
            {"message": e.message, "path": e.path, "line": e.line, "column": e.column}
            for e in report.errors
        ],
    }
    result = report.result
    if result is None:
        return data
    data.update(
        initiative=result.initiative,
        questionnaire=result.pack.ref.as_json(),
        score=result.score,
        level=result.level,
        verdict=result.verdict.value,
        meets_bar=not report.shortfalls,
        shortfalls=report.shortfalls,
        gates=[
            {
                "id": gate.id.value,
                "order": gate.order,
                "status": gate.status.value,
                "score": gate.score,
                "passed": gate.passed,
            }
            for gate in result.gates
        ],
        findings=[finding_json(finding) for finding in result.findings],
        **({"findings_not_shown": result.findings_not_shown}
           if result.findings_not_shown else {}),
        next_steps=[
            {
                "rule": step.rule,
                "gate": step.gate.value,
                "severity": step.severity.value if step.severity else None,
                "instances": step.instances,
                "text": step.text,
            }
            for step in next_steps(result)
        ],
        open_questions=[
            {
                "field": question.field,
                "gate": question.gate.value,
                "ask": question.ask,
                "raised_on": question.raised_on.isoformat(),
                "line": question.line,
                **({"note": question.note} if question.note else {}),
            }
            for question in result.questions
        ],
    )
    return data


def file_element(report: FileReport) -> str:
    """A file's element of the `files` array, as `Writer` lays it out."""
    return _nested(file_json(report), 2)


class Writer(BaseWriter):
    """The document streamed: `tool`, then the `files` array element by element as files
    are checked, then `summary`. The bytes are those `json.dumps(document, indent=2)`
    would give for the whole document."""

    def __init__(self, out: TextIO, **_: Any) -> None:
        super().__init__(out)
        self.files = JsonArray(out)

    def begin(self) -> None:
        tool = _nested({"name": "readiness", "version": __version__}, 1)
        self.out.write('{\n  "tool": ' + tool + ',\n  "files": ')
        self.files.begin()

    def renderer(self) -> Render:
        return file_element

    def write(self, text: str) -> None:
        self.files.element(text)

    def end(self, tally: Tally) -> None:
        self.files.end()
        summary = {"files": tally.files, "invalid": tally.invalid, "below_bar": tally.below_bar}
        self.out.write(',\n  "summary": ' + _nested(summary, 1) + "\n}\n")


_RAW = re.compile(r"[\x7f-\x9f]")


def dumps(value: Any) -> str:
    """`value` as JSON for people and tools alike: indented by two, any character as
    itself but DEL and the C1 controls, escaped (`\u0085`: JSON allows them raw, but
    they reach a terminal or a log that acts on them). Every JSON output is written so."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return _RAW.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _nested(value: Any, depth: int) -> str:
    """`value` as `dumps` writes it `depth` levels down a document."""
    return dumps(value).replace("\n", "\n" + "  " * depth)


class JsonArray:
    """A JSON array written element by element, laid out as `json.dumps(indent=2)` lays
    out an array `depth` levels down (1: the value of a top-level key)."""

    def __init__(self, out: TextIO, depth: int = 1) -> None:
        self.out = out
        self.depth = depth
        self.count = 0

    def begin(self) -> None:
        self.out.write("[")

    def item(self, value: Any) -> None:
        self.element(_nested(value, self.depth + 1))

    def element(self, text: str) -> None:
        """An element already laid out `depth + 1` levels down (`_nested`)."""
        inner = "  " * (self.depth + 1)
        self.out.write(("\n" if self.count == 0 else ",\n") + inner + text)
        self.count += 1

    def end(self) -> None:
        self.out.write(("\n" + "  " * self.depth + "]") if self.count else "]")

