"""`--format junit`: JUnit XML for the test report views of GitLab, Jenkins and others.

A `<testsuite>` per file; in it a `<testcase>` per gate (passed, or a `<failure>` saying
why not) and per finding: an unwaived finding is a `<failure>` whose message starts with
its line, a waived one is `<skipped>` with the waiver's reason. An invalid file has one
`<error>` testcase per error, with its line. `classname` is the file path, which GitLab
shows as the suite. The document follows the Apache Ant JUnit schema (`junit.xsd`), and
xml.etree does the escaping.
"""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from readiness.engine import not_shown_words
from readiness.i18n import _
from readiness.model import GATE_TITLES
from readiness.reporters import Writer as BaseWriter
from readiness.reporters.safe_text import headline

if TYPE_CHECKING:
    from readiness.batch import FileReport, Tally


def _hostname() -> str:
    try:
        return socket.gethostname() or "localhost"
    except OSError:
        return "localhost"


def _xml_text(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped, and discourages DEL and
    the C1 controls; show them all as escapes (`\x85`)."""
    return "".join(
        ch if ch in "\t\n\r" or (0x20 <= ord(ch) < 0x7F) or (0xA0 <= ord(ch) <= 0xD7FF)
        or (0xE000 <= ord(ch) <= 0xFFFD) or ord(ch) >= 0x10000 else f"\\x{ord(ch):02x}"
        for ch in text
    )


def _case(suite: ET.Element, name: str, classname: str) -> ET.Element:
    return ET.SubElement(
        suite, "testcase", name=_xml_text(name), classname=_xml_text(classname), time="0"
    )


def _outcome(case: ET.Element, tag: str, message: str, kind: str, body: str = "") -> None:
    element = ET.SubElement(case, tag, message=_xml_text(message))
    if tag != "skipped":
        element.set("type", kind)
    element.text = _xml_text(body or message)


def _suite(root: ET.Element, number: int, item: FileReport, timestamp: str, host: str) -> None:
    suite = ET.SubElement(
        root, "testsuite", name=_xml_text(item.path) or "-", package="readiness",
        id=str(number), timestamp=timestamp, hostname=host, time="0",
    )
    properties = ET.SubElement(suite, "properties")
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    classname = item.path or "-"
    for error in item.errors:
        case = _case(suite, f"valid assessment ({error.path or 'file'})", classname)
        where = f"line {error.line}, column {error.column}"
        _outcome(case, "error", f"{where}: {error.path + ': ' if error.path else ''}"
                 f"{error.message}", "invalid")
        counts["tests"] += 1
        counts["errors"] += 1
    result = item.result
    if result is not None:
        for key, value in (
            ("initiative", result.initiative), ("questionnaire", result.pack.id),
            ("questionnaire_version", result.pack.version), ("score", str(result.score)),
            ("level", str(result.level)), ("verdict", result.verdict.value),
            ("headline", headline(result)), ("meets_bar", str(not item.shortfalls).lower()),
        ):
            ET.SubElement(properties, "property", name=key, value=_xml_text(value))
        for gate in result.gates:
            # A test case's name is its identity in CI history: the same in every language.
            name = f"gate {gate.order} {gate.id.value}: {GATE_TITLES[gate.id]}"
            case = _case(suite, name, classname)
            counts["tests"] += 1
            if gate.passed:
                continue
            blockers = [f for f in result.active if f.gate == gate.id and f.severity == "blocker"]
            reasons = []
            if gate.status.value != "complete":
                reasons.append(f"status is {gate.status.value}")
            if gate.score < result.thresholds.pass_mark:
                reasons.append(f"score {gate.score} is below the pass mark "
                               f"{result.thresholds.pass_mark:g}")
            if blockers:
                reasons.append(f"{len(blockers)} unwaived blocker(s): "
                               + ", ".join(f"{f.rule} (line {f.line})" for f in blockers))
            _outcome(case, "failure", f"gate {gate.order} does not pass: "
                     + ("; ".join(reasons) or "not passed"), "gate")
            counts["failures"] += 1
        for finding in result.findings:
            case = _case(suite, f"{finding.rule} {finding.name} at {finding.path or 'the file'}",
                         classname)
            counts["tests"] += 1
            where = f"line {finding.line}, column {finding.column}"
            if finding.waiver:
                waiver = finding.waiver
                _outcome(case, "skipped", f"waived until {waiver.expires_on} by "
                         f"{waiver.approved_by}: {waiver.reason}", "waived")
                counts["skipped"] += 1
                continue
            _outcome(
                case, "failure", f"{where}: {finding.severity.value}: {finding.message}",
                finding.severity.value,
                f"{item.path}:{finding.line}:{finding.column}: {finding.severity.value} "
                f"{finding.rule} {finding.name}\n{finding.message}\n\n"
                + _("How to fix it:") + " " + finding.remediation,
            )
            counts["failures"] += 1
    for key, count in counts.items():
        suite.set(key, str(count))
    more = result.findings_not_shown if result is not None else 0
    if more:
        ET.SubElement(properties, "property", name="findings_not_shown", value=str(more))
    ET.SubElement(suite, "system-out").text = not_shown_words(more)
    ET.SubElement(suite, "system-err").text = ""


class Writer(BaseWriter):
    """`<testsuites>` streamed: each file's `<testsuite>` is built, indented and written
    as soon as the file is checked, so the document is never held whole."""

    def __init__(self, out: TextIO, now: datetime | None = None, **_: Any) -> None:
        super().__init__(out)
        self.timestamp = (now or datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
        self.host = _hostname()
        self.number = 0

    def begin(self) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')

    def file(self, report: FileReport) -> None:
        if self.number == 0:
            self.out.write("<testsuites>\n")
        holder = ET.Element("testsuites")
        _suite(holder, self.number, report, self.timestamp, self.host)
        suite = holder[0]
        ET.indent(suite, level=1)  # as ET.indent lays it out inside <testsuites>
        self.out.write("  " + ET.tostring(suite, encoding="unicode") + "\n")
        self.number += 1

    def end(self, tally: Tally) -> None:
        self.out.write("</testsuites>\n" if self.number else "<testsuites />\n")

