"""`--format junit`: valid against the Ant JUnit schema, a suite per file, a case per gate and
per finding, waived findings skipped, invalid files as errors, content escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
import xmlschema

from readiness.choices import Format
from readiness.packs import load_pack
from readiness.thresholds import Bar, Thresholds
from tests.common import EXAMPLES, HEADER, ROOT, TODAY, BatchReport, checked, rendered

SCHEMA = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))
NOW = datetime(2026, 11, 25, 9, 30, 0)


def report_of(*paths: str | Path) -> BatchReport:
    return checked(paths, load_pack(None), Thresholds(), TODAY, Bar())


def xml_of(*paths: str | Path) -> ET.Element:
    text = rendered(Format.JUNIT, report_of(*paths), now=NOW)
    SCHEMA.validate(text)
    return ET.fromstring(text)


def child(element: ET.Element, tag: str) -> ET.Element:
    """The first `tag` child of `element`, which the test needs to be there."""
    found = element.find(tag)
    assert found is not None, f"no <{tag}> in <{element.tag}>"
    return found


def attribute(element: ET.Element, tag: str, name: str) -> str:
    return child(element, tag).get(name, "")


def test_every_example_validates_against_the_junit_schema() -> None:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    root = xml_of(*examples)
    assert root.tag == "testsuites"
    assert [suite.get("name") for suite in root] == [str(p) for p in examples]


def test_the_schema_check_can_fail() -> None:
    text = rendered(Format.JUNIT, report_of(EXAMPLES / "care-copilot-ready.yaml"), now=NOW)
    assert not SCHEMA.is_valid(text.replace(' hostname="', ' host="'))


def test_a_case_per_gate_and_per_finding_with_the_line_in_the_failure() -> None:
    path = EXAMPLES / "churn-accuracy-only.yaml"
    (suite,) = xml_of(path)
    cases = suite.findall("testcase")
    assert all(case.get("classname") == str(path) for case in cases)
    gates = [c for c in cases if c.get("name", "").startswith("gate ")]
    assert len(gates) == 6
    passed = [c.get("name") for c in gates if c.find("failure") is None]
    assert [str(name).split(":")[0] for name in passed] == [
        "gate 1 workflow", "gate 2 data_pipeline", "gate 3 integration",
        "gate 4 decision_boundaries",
    ]
    outcomes = next(c for c in gates if c.get("name", "").startswith("gate 5"))
    assert "1 unwaived blocker(s): OUT001 (line 121)" in attribute(outcomes, "failure", "message")
    findings = [c for c in cases if not c.get("name", "").startswith("gate ")]
    assert [c.get("name", "").split()[0] for c in findings] == [
        "OWN003", "OWN003", "OUT001", "OUT002",
    ]
    failure = child(findings[2], "failure")
    assert failure.get("message", "").startswith("line 121, column 3: blocker: ")
    assert failure.get("type") == "blocker"
    assert "How to fix it" in (failure.text or "")
    assert suite.get("tests") == "10" and suite.get("failures") == "6"
    assert suite.get("errors") == "0" and suite.get("skipped") == "0"
    props = {p.get("name"): p.get("value") for p in child(suite, "properties")}
    assert props["level"] == "4" and props["verdict"] == "not_ready"


def test_ready_file_has_only_passing_cases() -> None:
    (suite,) = xml_of(EXAMPLES / "care-copilot-ready.yaml")
    assert suite.get("failures") == "0" and suite.get("tests") == "6"
    assert all(len(case) == 0 for case in suite.findall("testcase"))


def test_waived_findings_are_skipped_with_the_reason() -> None:
    (suite,) = xml_of(EXAMPLES / "predictive-maintenance-waivers.yaml")
    skipped = [e for c in suite.findall("testcase") if (e := c.find("skipped")) is not None]
    assert skipped and suite.get("skipped") == str(len(skipped))
    for element in skipped:
        assert element.get("message", "").startswith("waived until 2027-")


def test_invalid_file_is_an_error_case_with_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEADER.replace("stage: pilot", "stage: piolt"))
    (suite,) = xml_of(bad)
    (case,) = suite.findall("testcase")
    error = child(case, "error")
    assert error.get("type") == "invalid"
    assert error.get("message", "").startswith("line 7, column 3: initiative.stage: ")
    assert suite.get("errors") == "1" and suite.get("tests") == "1"


@pytest.mark.parametrize("name", ['Ops & "care" <team>', "bell\x07 and \x1b[31mred"])
def test_content_is_escaped_and_stays_well_formed(tmp_path: Path, name: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(HEADER + "decision_boundaries:\n  status: in_progress\n  actions:\n"
                    f"    - {{action: {json_string(name)}, authority: autonomous}}\n")
    (suite,) = xml_of(path)
    messages = " ".join(f.get("message", "") for f in suite.iter("failure"))
    assert "DEC001" in " ".join(c.get("name", "") for c in suite.findall("testcase"))
    if "&" in name:
        assert name in messages  # round-trips exactly through the XML escaping
    else:
        assert "\\x07" in messages and "\x07" not in messages


def json_string(text: str) -> str:
    import json

    return json.dumps(text)
