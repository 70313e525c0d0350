"""Comparing files with more findings than a file reports: `readiness diff` and
`readiness report --compare` match every finding of both files, waived ones included,
and only their displays are capped at 100 per list, saying how many more there are
(docs/portfolio.md, "readiness diff")."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from readiness.batch import check_file, iter_reports
from readiness.cli import app
from readiness.diff import IncompleteFindings, compare
from readiness.engine import MAX_FINDINGS, Result
from readiness.packs import load_pack
from readiness.thresholds import Bar, Thresholds
from tests.common import HEADER, ROOT, TODAY

SCHEMA = json.loads((ROOT / "docs/schemas/diff-output.schema.json").read_text())
SOURCES = 150  # each too stale for the decision: one DAT001 (major) finding each
FIXED = range(120, 130)  # fresh in the later file: beyond the first 100 of the earlier
METRICS = 120  # each without a baseline: one OUT003 (minor) finding each, after the sources
OTHERS = {"OUT001", "OUT002"}  # no metric has a baseline, no ROI: one finding each
FOUND = SOURCES + METRICS + len(OTHERS)
STILL_OPEN = SOURCES - len(FIXED) + len(OTHERS)
WAIVER = """\
waivers:
  - rule: OUT003
    reason: baselines are measured in the January pilot
    approved_by: Office of the CFO
    expires_on: 2027-03-31
"""


def _assessment(fixed: range = range(0), waived: bool = False) -> str:
    """150 stale sources (the `fixed` ones fresh), then 120 metrics without a baseline
    (waived with `waived`): 272 findings, of which a file reports 100."""
    sources = "".join(
        f"    - {{name: s{i}, kind: crm, owner: o, "
        f"freshness: {'PT30S' if i in fixed else 'P1D'}}}\n"
        for i in range(SOURCES)
    )
    metrics = "".join(
        f"    - {{name: m{i}, kind: business, target: 8, owner: o}}\n" for i in range(METRICS)
    )
    return (
        HEADER
        + "data_pipeline:\n  status: in_progress\n  decision_latency: PT1M\n  sources:\n"
        + sources
        + "outcomes:\n  status: in_progress\n  metrics:\n"
        + metrics
        + (WAIVER if waived else "")
    )


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The earlier file, and the later one: ten sources past the first 100 fixed and
    every metric's missing baseline waived."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(_assessment())
    new.write_text(_assessment(FIXED, waived=True))
    return old, new


def _result(path: Path, keep_all: bool = True) -> Result:
    report = check_file(path, load_pack(None), Thresholds(), TODAY, Bar(), keep_all=keep_all)
    assert report.result is not None, report.errors
    return report.result


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--today", TODAY.isoformat()])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_every_finding_is_compared_not_only_the_100_reported(pair: tuple[Path, Path]) -> None:
    old, new = _result(pair[0]), _result(pair[1])
    assert old.findings_not_shown == FOUND - MAX_FINDINGS  # the earlier file reports 100
    changes = compare(old, new)
    # The ten fixed sources are resolved, though none was among the 100 reported...
    assert [c.current.path for c in changes.resolved] == [
        f"data_pipeline.sources[{i}].freshness" for i in FIXED
    ]
    assert {c.current.rule for c in changes.resolved} == {"DAT001"}
    # ...and every metric now waived is shown as waived, never resolved.
    assert len(changes.now_waived) == METRICS
    assert {c.current.rule for c in changes.now_waived} == {"OUT003"}
    assert all(c.old and not c.old.waived and c.new and c.new.waived
               for c in changes.now_waived)
    assert [c.current.path for c in changes.still_open if c.current.rule == "DAT001"] == [
        f"data_pipeline.sources[{i}].freshness" for i in range(SOURCES) if i not in FIXED
    ]
    assert {c.current.rule for c in changes.still_open} == {"DAT001"} | OTHERS
    assert len(changes.still_open) == STILL_OPEN
    assert changes.new_findings == ()


def test_the_command_finds_what_was_fixed_and_waived_past_the_first_100(
    pair: tuple[Path, Path],
) -> None:
    document = json.loads(_run("diff", str(pair[0]), str(pair[1]), "-f", "json"))
    findings = document["findings"]
    assert [f["path"] for f in findings["resolved"]] == [
        f"data_pipeline.sources[{i}].freshness" for i in FIXED
    ]
    assert findings["new"] == []
    assert {f["rule"] for f in findings["now_waived"]} == {"OUT003"}
    assert all(f["waived"] and f["old_waived"] is False for f in findings["now_waived"])
    # Score, level and verdict are those `validate` gives.
    for side, path in (("old", pair[0]), ("new", pair[1])):
        checked = json.loads(_run("validate", str(path), "-f", "json"))["files"][0]
        assert [document[side][key] for key in ("score", "level", "verdict")] == [
            checked[key] for key in ("score", "level", "verdict")
        ]


def test_the_json_lists_at_most_100_a_list_and_counts_the_rest(
    pair: tuple[Path, Path],
) -> None:
    document = json.loads(_run("diff", str(pair[0]), str(pair[1]), "-f", "json"))
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    findings = document["findings"]
    assert [len(findings[name]) for name in ("new", "resolved", "now_waived", "still_open")
            ] == [0, 10, MAX_FINDINGS, MAX_FINDINGS]
    assert document["findings_not_shown"] == {
        "new": 0, "resolved": 0, "now_waived": METRICS - MAX_FINDINGS,
        "still_open": STILL_OPEN - MAX_FINDINGS,
    }
    # Chosen as a file's reported findings are: every problem, then the most severe, in
    # file order.
    assert {f["rule"] for f in findings["still_open"]} == {"DAT001"} | OTHERS
    assert findings["still_open"][97]["path"] == "data_pipeline.sources[97].freshness"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_markdown_say_how_many_each_list_leaves_out(
    pair: tuple[Path, Path], fmt: str
) -> None:
    out = _run("diff", str(pair[0]), str(pair[1]), "-f", fmt)
    heading = "## {} ({})" if fmt == "md" else "{} ({})"
    for title, count in (("Resolved findings", 10), ("Now waived", METRICS),
                         ("Still open", STILL_OPEN)):
        assert heading.format(title, count) in out
    assert out.count("OUT003 metric-without-baseline") == MAX_FINDINGS
    assert out.count("DAT001 stale-data") == 10 + MAX_FINDINGS - len(OTHERS)
    assert "20 more findings not shown: a list shows at most 100, the most severe first" in out
    assert "42 more findings not shown: a list shows at most 100, the most severe first" in out
    assert out.count("more findings not shown") == 2  # not under the lists of 10 and 0


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_compare_view_is_the_same_comparison_capped_the_same_way(
    pair: tuple[Path, Path], fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"report.{fmt}"
    _run("report", str(pair[1]), "--compare", str(pair[0]), "-f", fmt, "-o", str(out))
    text = out.read_text()
    changes = text.split("Changes since")[1]
    for title, count in (("Resolved findings", 10), ("Now waived, not resolved", METRICS)):
        assert f"{title} ({count})" in changes
    resolved = changes.split("Resolved findings (10)")[1].split("Now waived")[0]
    assert resolved.count("DAT001") == 10 and "OUT003" not in resolved
    waived = changes.split("Now waived, not resolved (120)")[1]
    assert waived.count("OUT003") == MAX_FINDINGS
    assert "20 more findings not shown: a list shows at most 100, the most severe first" in waived
    assert changes.count("more findings not shown") == 1


def test_under_the_cap_nothing_is_left_out(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(HEADER + "data_pipeline:\n  status: in_progress\n  decision_latency: PT1M\n"
                   "  sources:\n" + "".join(f"    - {{name: s{i}, kind: crm, owner: o, "
                                            "freshness: P1D}\n" for i in range(100)))
    new.write_text(old.read_text())
    document = json.loads(_run("diff", str(old), str(new), "-f", "json"))
    assert len(document["findings"]["still_open"]) == MAX_FINDINGS
    assert "findings_not_shown" not in document
    assert "not shown" not in _run("diff", str(old), str(new))


def test_a_result_that_kept_only_the_reported_findings_is_not_compared(
    pair: tuple[Path, Path],
) -> None:
    reported_only = _result(pair[0], keep_all=False)
    assert reported_only.all_findings is None and reported_only.findings_not_shown
    with pytest.raises(IncompleteFindings, match="172 findings were not kept"):
        compare(reported_only, _result(pair[1]))


def test_validate_keeps_only_the_reported_findings(pair: tuple[Path, Path]) -> None:
    kept, reported = _result(pair[0]), _result(pair[0], keep_all=False)
    assert kept.all_findings is not None and len(kept.all_findings) == FOUND
    assert kept.findings == reported.findings  # what every output reports is unchanged
    assert (kept.score, kept.level, kept.verdict) == (
        reported.score, reported.level, reported.verdict)
    for report in iter_reports([str(pair[0])], load_pack(None), Thresholds(), TODAY, Bar()):
        assert report.result is not None and report.result.all_findings is None


def test_the_note_is_in_french_in_a_french_diff(pair: tuple[Path, Path]) -> None:
    out = _run("diff", str(pair[0]), str(pair[1]), "--lang", "fr")
    assert ("20 autres constats non affichés : une liste en montre au plus 100, les plus "
            "graves d’abord") in out
    assert "not shown" not in out
