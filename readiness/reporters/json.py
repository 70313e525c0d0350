"""`--format json`: the document of SPEC section 7.

Its schema is docs/schemas/validate-output.schema.json.
"""

from __future__ import annotations

import json
from typing import Any

from readiness import __version__
from readiness.batch import BatchReport, FileReport
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
    )
    return data


def render(report: BatchReport) -> str:
    document = {
        "tool": {"name": "readiness", "version": __version__},
        "files": [file_json(item) for item in report.files],
        "summary": {
            "files": len(report.files),
            "invalid": report.invalid,
            "below_bar": report.below_bar,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
