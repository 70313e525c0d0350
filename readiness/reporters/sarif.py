"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run, a rules table (every catalogue rule, plus `SCHEMA` for invalid files) with
short and full descriptions and help in text and Markdown; results carry `ruleIndex`,
a level mapped from the severity (blocker -> error, major -> warning, minor -> note), a
repository-relative location with line and column, and `partialFingerprints` that hash
the rule, the initiative and the field path (not the line), so an alert follows its
finding when lines move. Waived findings are reported with an external suppression
whose justification is the waiver's reason.

`helpUri` must be an absolute URI. It points at the rule's section of `docs/rules.md`
when the page's address is known: `READINESS_RULES_URL`, or the `Rules` project URL of
the installed distribution. Otherwise it is left out rather than invented; the `help`
text and Markdown carry the whole rule documentation either way.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from readiness import __version__
from readiness.engine import not_shown_words
from readiness.i18n import _
from readiness.reporters import Writer as BaseWriter
from readiness.reporters.catalogue import (
    explanation_markdown,
    gate_label,
    gate_said,
    runs_label,
    said_severity,
)
from readiness.reporters.github import workspace_path
from readiness.reporters.json import JsonArray, dumps
from readiness.resources import rules_url
from readiness.rules import REGISTRY, Rule

if TYPE_CHECKING:
    from readiness.batch import FileReport, Tally
    from readiness.findings import Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {"blocker": "error", "major": "warning", "minor": "note"}
PROBLEM_SEVERITY = {"blocker": "error", "major": "warning", "minor": "recommendation"}

SCHEMA_RULE_ID = "SCHEMA"


def schema_rule() -> dict[str, Any]:
    """The rule of an invalid file, its texts in the language of the output."""
    fix = _("Fix the field named in the message; `readiness schema` prints the JSON Schema "
            "of the file and `readiness init` writes a commented starter.")
    return {
        "id": SCHEMA_RULE_ID,
        "name": "invalid-assessment",
        "shortDescription": {
            "text": _("The assessment file cannot be read or breaks the schema.")},
        "fullDescription": {
            "text": _("The file is not valid YAML or JSON, or it breaks the assessment schema "
                      "(an unknown or duplicate key, a missing required field, a wrong type or "
                      "value). An invalid file is not scored, and validate exits 2.")
        },
        "help": {"text": fix, "markdown": fix},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["readiness", "schema"], "precision": "very-high",
                       "problem.severity": "error"},
    }


def _help_markdown(rule: Rule) -> str:
    return "\n".join(
        [
            _("**{id} {name}** ({severity}; gate: {gate}; runs {runs})").format(
                id=rule.id, name=rule.name, severity=said_severity(rule),
                gate=gate_said(rule, _),
                runs=_(runs_label(rule))),
            "",
            explanation_markdown(rule, _),
        ]
    )


def rule_descriptor(rule: Rule, base: str | None) -> dict[str, Any]:
    """A rule of the rules table: its ID, name, level and properties as in every
    language, its descriptions and help in the language of the output."""
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _(rule.summary)},
        "fullDescription": {"text": _(rule.principle)},
        "help": {
            "text": _("{summary}\n\nWhy it matters: {principle}\n\nHow to fix it: "
                      "{remediation}").format(summary=_(rule.summary),
                                              principle=_(rule.principle),
                                              remediation=_(rule.remediation)),
            "markdown": _help_markdown(rule),
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {
            "tags": ["readiness", gate_label(rule)],
            "gate": gate_label(rule),
            "severity": rule.severity.value,
            "precision": "very-high",
            "problem.severity": PROBLEM_SEVERITY[rule.severity.value],
        },
    }
    if base:
        descriptor["helpUri"] = f"{base}#{rule.anchor}"
    return descriptor


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _location(uri: dict[str, str], line: int, column: int) -> list[dict[str, Any]]:
    return [
        {
            "physicalLocation": {
                "artifactLocation": uri,
                "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
            }
        }
    ]


def artifact(path: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """A repository-relative URI under %SRCROOT%, or a file URI outside the repository."""
    relative = workspace_path(path, environ)
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def _fingerprints(key: str, seen: Counter[str]) -> dict[str, str]:
    # GitHub code scanning matches alerts on primaryLocationLineHash only; giving it the
    # finding's identity (rule, initiative, field path), with a count for repeats, keeps
    # one alert per finding however the lines around it move.
    seen[key] += 1
    return {"readinessFinding/v1": key, "primaryLocationLineHash": f"{key[:16]}:{seen[key]}"}


def _finding_result(
    finding: Finding, item: FileReport, uri: dict[str, str], index: dict[str, int],
    seen: Counter[str],
) -> dict[str, Any]:
    assert item.result is not None
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVEL[finding.severity.value],
        "message": {"text": finding.message},
        "locations": _location(uri, finding.line, finding.column),
        "partialFingerprints": _fingerprints(
            fingerprint(finding.rule, item.result.initiative, finding.path), seen
        ),
        "properties": {
            "severity": finding.severity.value,
            "gate": finding.gate.value,
            "path": finding.path,
            "initiative": item.result.initiative,
            "remediation": finding.remediation,
        },
    }
    if finding.waiver:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": finding.waiver.reason,
                "properties": {
                    "approvedBy": finding.waiver.approved_by,
                    "expiresOn": finding.waiver.expires_on,
                },
            }
        ]
    return result


def _error_results(
    item: FileReport, uri: dict[str, str], index: dict[str, int], seen: Counter[str]
) -> list[dict[str, Any]]:
    return [
        {
            "ruleId": SCHEMA_RULE_ID,
            "ruleIndex": index[SCHEMA_RULE_ID],
            "level": "error",
            "message": {"text": (f"{error.path}: " if error.path else "") + error.message},
            "locations": _location(uri, error.line, error.column),
            "partialFingerprints": _fingerprints(
                fingerprint(SCHEMA_RULE_ID, uri["uri"], error.path, error.message), seen
            ),
        }
        for error in item.errors
    ]


def _file_results(
    item: FileReport, environ: Mapping[str, str] | None, index: dict[str, int]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One file's results, and its entry in the run's `files` property."""
    uri = artifact(item.path, environ)
    seen: Counter[str] = Counter()
    results = _error_results(item, uri, index, seen)
    summary: dict[str, Any] = {"path": uri["uri"], "valid": item.valid}
    if item.result is not None:
        results += [_finding_result(f, item, uri, index, seen) for f in item.result.findings]
        summary.update(
            initiative=item.result.initiative,
            questionnaire=item.result.pack.ref.as_json(), score=item.result.score,
            level=item.result.level, verdict=item.result.verdict.value,
            meets_bar=not item.shortfalls,
        )
        if item.result.findings_not_shown:
            summary["findingsNotShown"] = item.result.findings_not_shown
            summary["message"] = not_shown_words(item.result.findings_not_shown)
    return results, summary


def _document(
    environ: Mapping[str, str] | None, descriptors: list[dict[str, Any]],
    results: Any, files: Any,
) -> dict[str, Any]:
    root = Path((environ or os.environ).get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "readiness",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"files": files},
            }
        ],
    }


def _descriptors(
    environ: Mapping[str, str] | None, rules_base: str | None
) -> list[dict[str, Any]]:
    base = rules_base if rules_base is not None else rules_url(environ)
    return [rule_descriptor(rule, base) for rule in REGISTRY.values()] + [schema_rule()]


_RESULTS = "@@readiness-results@@"
_FILES = "@@readiness-files@@"


class Writer(BaseWriter):
    """The log streamed: the rules table first, then each file's results as it is
    checked; the per-file summaries (the run's `files` property, which follows the
    results) wait in a temporary file that spills to disk past a megabyte. The bytes are
    those `json.dumps` gives for the whole log, indented by 2."""

    def __init__(
        self, out: TextIO, environ: Mapping[str, str] | None = None,
        rules_base: str | None = None, **_: Any,
    ) -> None:
        super().__init__(out)
        self.environ = environ
        descriptors = _descriptors(environ, rules_base)
        self.index = {d["id"]: position for position, d in enumerate(descriptors)}
        skeleton = dumps(_document(environ, descriptors, _RESULTS, _FILES))
        self.head, rest = skeleton.split(f'"{_RESULTS}"')
        self.middle, self.tail = rest.split(f'"{_FILES}"')
        self.spool = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+",
                                                   encoding="utf-8")
        self.results = JsonArray(out, depth=3)
        self.files = JsonArray(self.spool, depth=4)  # type: ignore[arg-type]

    def begin(self) -> None:
        self.out.write(self.head)
        self.results.begin()
        self.files.begin()

    def file(self, report: FileReport) -> None:
        found, summary = _file_results(report, self.environ, self.index)
        for result in found:
            self.results.item(result)
        self.files.item(summary)

    def end(self, tally: Tally) -> None:
        self.results.end()
        self.files.end()
        self.out.write(self.middle)
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out)
        self.spool.close()
        self.out.write(self.tail + "\n")

