"""`readiness report`: every example in both formats, self-containment, escaping of hostile
text, the Markdown structure GitHub renders, --compare, --template and exit codes."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

from readiness.choices import ReportFormat
from readiness.cli import app
from readiness.engine import Result, assess
from readiness.loader import loads
from readiness.packs import load_pack
from readiness.reporters import REPORT, html, markdown
from readiness.reporters.report_view import Report, build
from readiness.schema import validate
from tests.common import EXAMPLES, TODAY

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
runner = CliRunner()


def result_of(path: Path) -> Result:
    document = loads(path.read_text(encoding="utf-8"), str(path))
    return assess(document, validate(document), load_pack(None), None, TODAY)


# --- parsing helpers --------------------------------------------------------------------


class Page(HTMLParser):
    """Every tag with its attributes, and the text a reader sees."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.chunks: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]

    def urls(self) -> list[str]:
        return [
            value
            for _, attrs in self.tags
            for key, value in attrs.items()
            if key in ("src", "href", "xlink:href", "action", "formaction", "poster", "data")
        ]


def assert_self_contained(text: str) -> Page:
    page = Page(text)
    assert page.urls() == [] or all(not re.match(r"\s*(https?:)?//", u, re.I) for u in page.urls())
    assert not [u for u in page.urls() if re.match(r"\s*(https?|javascript|data):", u, re.I)]
    for tag in ("script", "link", "iframe", "object", "embed", "img", "base"):
        assert tag not in page.names(), f"<{tag}> in the report"
    for _, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], attrs
    assert "@import" not in text and "url(http" not in text and "url(//" not in text
    return page


def parse_markdown(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    row: list[str] = []
    in_cell = False
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            in_cell = True
            row.append("")
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            row[-1] = "".join(child.content for child in token.children or [] if child.content)
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "table_close":
            found.append(rows)
    return found


def table_after(tokens: list[Token], heading: str) -> list[list[str]]:
    """The first table after the heading whose text is `heading`."""
    for index, token in enumerate(tokens):
        after_heading = index > 0 and tokens[index - 1].type == "heading_open"
        if token.type == "inline" and token.content == heading and after_heading:
            return tables(tokens[index:])[0]
    raise AssertionError(f"no heading {heading!r}")


GANTT_LINE = re.compile(
    r"^    (?:title [^:;#%`\n]+|dateFormat YYYY-MM-DD|axisFormat %b %Y|section (?:Gates|Events)"
    r"|[^:;#%`\n]+ :(?:crit, )?(?:done, |active, )?(?:milestone, )?[ge]\d+, "
    r"\d{4}-\d\d-\d\d, (?:\d{4}-\d\d-\d\d|0d))$"
)


def assert_gantt(tokens: list[Token]) -> list[str]:
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) <= 1
    if not fences:
        return []
    fence = fences[0]
    assert fence.info == "mermaid"
    lines = fence.content.splitlines()
    assert lines[0] == "gantt"
    for line in lines[1:]:
        assert GANTT_LINE.match(line), f"not a gantt line: {line!r}"
    return lines


# --- every example, both formats --------------------------------------------------------


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {path.name: build(result_of(path)) for path in EXAMPLE_FILES}


@pytest.mark.parametrize("name", [p.name for p in EXAMPLE_FILES])
def test_html_report_of_every_example_is_self_contained_and_complete(
    name: str, reports: dict[str, Report]
) -> None:
    report = reports[name]
    text = html.render(report)
    page = assert_self_contained(text)
    assert page.names().count("svg") == 2
    assert page.names().count("h1") == 1
    assert report.header.headline in page.text
    for heading in ("Next steps", "Gate scorecard", "Timeline", "Findings",
                    "Decision boundaries", "Data map", "Outcomes", "Governance and regulation"):
        assert ("h2", heading) in [(t, "") for t, _ in page.tags] or heading in page.text
    # every table header cell declares its scope, every chart is an image with a title
    ths = [a for t, a in page.tags if t == "th"]
    assert ths and all(a.get("scope") in ("col", "row") for a in ths)
    svgs = [a for t, a in page.tags if t == "svg"]
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    assert "@media print" in text and "break-inside: avoid" in text


@pytest.mark.parametrize("name", [p.name for p in EXAMPLE_FILES])
def test_markdown_report_of_every_example_has_intact_tables_and_gantt(
    name: str, reports: dict[str, Report]
) -> None:
    report = reports[name]
    text = markdown.render(report)
    tokens = parse_markdown(text)
    scorecard = table_after(tokens, "Gate scorecard")
    assert scorecard[0] == ["#", "Gate", "Status", "Score", "Passes", "Why not"]
    assert [row[1] for row in scorecard[1:]] == [g.title for g in report.gates]
    assert [row[3] for row in scorecard[1:]] == [str(g.score) for g in report.gates]
    for table in tables(tokens):
        assert len({len(row) for row in table}) == 1  # no row lost or gained a cell
    if report.data.sources:
        data = table_after(tokens, "Data map")
        assert [row[0] for row in data[1:]] == [s.name for s in report.data.sources]
    if report.metrics:
        outcomes = table_after(tokens, "Outcomes")
        assert len(outcomes) == 1 + len(report.metrics) and len(outcomes[0]) == 8
    lines = assert_gantt(tokens)
    dated = [row for row in report.timeline.rows if row.start or row.end]
    assert len([line for line in lines if re.search(r":.*\bg\d, ", line)]) == len(dated)
    rendered = Page(MarkdownIt("commonmark").enable("table").render(text))
    assert report.header.headline in rendered.text
    # The remediation's field names read as code, not as backticks around escapes.
    assert "`" not in rendered.text and "\\_" not in rendered.text
    if any("`" in f.remediation for group in report.findings for f in group.findings):
        assert "code" in rendered.names()


def test_examples_cover_the_report_features(reports: dict[str, Report]) -> None:
    """The examples exercise waivers, out-of-order work and an incomplete ROI."""
    assert any(r.waived for r in reports.values())
    assert any(row.out_of_order for r in reports.values() for row in r.timeline.rows)
    assert any(r.roi and r.roi.gaps for r in reports.values())


def test_headline_and_people_in_plain_words(reports: dict[str, Report]) -> None:
    report = reports["self-service-bot-live-without-boundaries.yaml"]
    text = Page(html.render(report)).text
    assert "Not ready: blocked at gate 4, Decision boundaries" in text
    assert "Isabelle Fortin, VP Digital Experience" in text
    assert "2026-10-20" in text and "Julien Morin" in text


def test_output_is_deterministic(reports: dict[str, Report]) -> None:
    report = reports["care-copilot-ready.yaml"]
    assert html.render(report) == html.render(report)
    assert markdown.render(report) == markdown.render(report)


# --- computed figures -------------------------------------------------------------------


def test_roi_and_progress_are_computed_from_the_file(reports: dict[str, Report]) -> None:
    report = reports["care-copilot-ready.yaml"]
    roi = report.roi
    assert roi is not None
    # 720k + 240k + 90k one-time; 3.01M benefit - 310k run cost a year; 3 years
    assert roi.one_time_total == 1_050_000
    assert roi.annual_net == 2_700_000
    assert roi.payback_months == 4.7  # 1.05M / 2.7M * 12
    assert roi.net_benefit == 2_700_000 * 3 - 1_050_000
    aht = report.metrics[0]
    assert (aht.baseline, aht.target, aht.current) == (13.2, 10.5, 10.9)
    assert aht.progress == 85 and aht.standing == "on the way"  # 2.3 of 2.7 minutes
    text = markdown.render(report)
    assert "| Payback period (*computed*) | 4.7 months |" in text
    assert "| Net benefit over 3 years (*computed*) | 7,050,000 CAD |" in text


def test_roi_without_net_benefit_never_pays_back() -> None:
    result = result_of_text(HOSTILE_FREE_ROI)
    roi = build(result).roi
    assert roi is not None and roi.annual_net == -50_000 and roi.payback_months is None
    assert "never (no net benefit)" in markdown.render(build(result))


def test_next_steps_are_the_advice_list(reports: dict[str, Report]) -> None:
    report = reports["self-service-bot-live-without-boundaries.yaml"]
    # Blockers in gate order (the sequence rule first in its gate), then the blocking gate.
    assert [(s.rule, s.gate.order) for s in report.next_steps] == [
        ("SEQ005", 4), ("DEC001", 4), ("GOV007", 6), (None, 4)]
    assert reports["care-copilot-ready.yaml"].next_steps == []


def test_data_map_compares_freshness_with_allowed_staleness(reports: dict[str, Report]) -> None:
    report = reports["ticket-classifier-model-first.yaml"]
    stale = [s for s in report.data.sources if s.fresh_enough is False]
    assert stale and all(s.freshness and s.allowed and s.freshness > s.allowed for s in stale)
    far = [s for s in report.data.sources if s.close_enough is False]
    assert far and all(s.hops is not None and s.hops >= 2 for s in far)


def test_governance_lists_required_regulations_per_jurisdiction(
    reports: dict[str, Report],
) -> None:
    report = reports["care-copilot-ready.yaml"]
    places = report.governance.jurisdictions
    by_place = {j.jurisdiction: [r.id for r in j.regulations] for j in places}
    assert by_place == {"CA": ["PIPEDA", "CRTC"], "CA-QC": ["PIPEDA", "CRTC", "QC_LAW25"]}
    assert all(j.ok for j in report.governance.jurisdictions)


# --- hostile text -----------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
PIPES = "left | right\nnext line"
JS_LINK = "javascript:alert(document.cookie)"
MD_LINK = "[click me](javascript:alert(1)) ![x](http://evil.example/x.png)"
MD_TABLE = "| injected | row |\n|---|---|"
JINJA = "{{ 7*7 }} {% if true %}yes{% endif %}"
HOSTILE = [SCRIPT, BREAKOUT, PIPES, JS_LINK, MD_LINK, MD_TABLE, JINJA]


def hostile_assessment() -> dict[str, Any]:
    def evil(tag: str) -> str:
        return f"{tag} {SCRIPT} {BREAKOUT} {PIPES} {MD_LINK} {MD_TABLE} {JINJA}"

    return {
        "schema_version": 1,
        "initiative": {
            "id": "hostile", "name": evil("name"), "operator": evil("operator"),
            "domain": "customer_operations", "use_case": "billing_agent",
            "stage": "limited_rollout", "jurisdictions": ["CA-QC"],
            "accountable_owner": {"name": evil("owner"), "role": BREAKOUT},
            "assessed_on": "2026-11-20", "assessors": [evil("assessor"), {"role": PIPES}],
        },
        "workflow": {
            "status": "complete", "started_on": "2026-01-01", "completed_on": "2026-02-01",
            "process": evil("process"), "evidence": [JS_LINK, evil("evidence"), MD_LINK],
        },
        "data_pipeline": {
            "status": "complete", "started_on": "2026-02-02", "completed_on": "2026-03-01",
            "decision_latency": "PT5M",
            "sources": [
                {"name": evil("source"), "kind": "crm", "owner": evil("source owner"),
                 "freshness": "PT1M", "hops_from_system_of_record": 0,
                 "personal_information": True},
                {"name": "second source", "kind": "bss", "owner": "BSS team",
                 "freshness": "P1D", "hops_from_system_of_record": 3},
            ],
        },
        "integration": {
            "status": "in_progress", "started_on": "2026-02-15",
            "fallback": evil("fallback"), "live_since": "2026-04-01",
            "touchpoints": [{"system": evil("system")}],
        },
        "decision_boundaries": {
            "status": "in_progress", "started_on": "2026-03-01",
            "actions": [
                {"action": evil("action"), "authority": "autonomous",
                 "rationale": evil("rationale")},
                {"action": "approve", "authority": "approval_required",
                 "approver": {"name": evil("approver")}},
            ],
            "escalation_path": evil("escalation"),
        },
        "outcomes": {
            "status": "in_progress", "started_on": "2026-04-01",
            "metrics": [
                {"name": evil("metric"), "kind": "business", "unit": PIPES,
                 "baseline": 10.0, "target": 5.0, "current": 12.0, "owner": evil("m owner")},
            ],
            "roi": {"currency": "CAD", "horizon_years": 2, "annual_benefit": 100000,
                    "benefit_basis": evil("basis"),
                    "one_time_costs": {"integration": 1000}, "annual_run_cost": 1000},
        },
        "governance": {
            "status": "in_progress",
            "regulations": [{"id": "OTHER", "status": "gap", "name": evil("regulation")}],
            "expansion_criteria": evil("expansion"),
            "drift_monitoring": {"enabled": True, "signals": [evil("signal")]},
        },
        "model": {"kind": "llm", "started_on": "2026-01-15"},
        "waivers": [
            {"rule": "OUT002", "reason": evil("reason"), "approved_by": evil("approver"),
             "expires_on": "2027-01-31"},
        ],
    }


def result_of_text(text: str, path: str = "hostile<b>|x.yaml") -> Result:
    document = loads(text, path)
    return assess(document, validate(document), load_pack(None), None, TODAY)


PERCENT_FRICTION = """\
schema_version: 1
initiative: {id: tickets, name: Tickets, domain: customer_operations,
             use_case: ticket_classification, stage: pilot, assessed_on: 2026-11-20}
workflow:
  status: in_progress
  process: Tier-1 ticket routing
  friction: {metric: misroute rate, unit: percent, baseline: 22, measured_on: 2025-09-30}
outcomes:
  status: in_progress
  metrics:
    - {name: misroute rate, kind: service, unit: percent, baseline: 22, target: 10}
"""


def test_a_percent_unit_is_shown_as_the_sign_and_a_date_in_the_reports_language() -> None:
    from readiness import i18n

    report = build(result_of_text(PERCENT_FRICTION, "tickets.yaml"))
    assert report.header.friction == "misroute rate: 22% at baseline (2025-09-30)"
    assert [m.unit for m in report.metrics] == ["%"]
    i18n.use("fr")
    try:
        french = build(result_of_text(PERCENT_FRICTION, "tickets.yaml"))
    finally:
        i18n.use("en")
    assert french.header.friction == (
        "misroute rate : 22\u00a0% (valeur de référence) (30 septembre 2025)")


HOSTILE_FREE_ROI = """\
schema_version: 1
initiative: {id: roi, name: ROI, domain: back_office, use_case: other, stage: pilot,
             assessed_on: 2026-11-20}
outcomes:
  status: in_progress
  roi: {currency: EUR, horizon_years: 3, annual_benefit: 50000, annual_run_cost: 100000,
        one_time_costs: {integration: 1, change_management: 1}}
"""


@pytest.fixture(scope="module")
def hostile() -> Report:
    text = yaml.safe_dump(hostile_assessment(), sort_keys=False, allow_unicode=True)
    return build(result_of_text(text))


def test_hostile_text_is_escaped_everywhere_in_html(hostile: Report) -> None:
    text = html.render(hostile)
    page = assert_self_contained(text)
    assert "<script>alert" not in text and "<img" not in text
    assert "<title>" in text  # our own tags survive
    seen = page.text
    for fragment in (SCRIPT, BREAKOUT, "left | right next line", "{{ 7*7 }}", JS_LINK,
                     "[click me](javascript:alert(1))", "| injected | row |"):
        assert fragment in seen, fragment
    assert "49" not in seen.replace("2049", "")  # the template syntax was never evaluated
    for tag in ("name", "operator", "owner", "assessor", "process", "evidence", "source",
                "source owner", "action", "rationale", "approver", "escalation", "metric",
                "m owner", "basis", "regulation", "expansion", "signal", "reason"):
        assert f"{tag} {SCRIPT}" in seen, tag
    assert "hostile<b>|x.yaml" in seen


def test_hostile_text_is_inert_in_markdown(hostile: Report) -> None:
    text = markdown.render(hostile)
    tokens = parse_markdown(text)
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    page = assert_self_contained(rendered)
    assert "a" not in page.names() and "img" not in page.names()
    assert "strong" in page.names()  # our own emphasis still works
    for fragment in (SCRIPT, BREAKOUT, "left | right next line", "{{ 7*7 }}", JS_LINK,
                     "[click me](javascript:alert(1))", "| injected | row |"):
        assert fragment in page.text, fragment
    for table in tables(tokens):
        assert len({len(row) for row in table}) == 1, table
    data = table_after(tokens, "Data map")
    assert len(data) == 3 and data[1][0].startswith("source <script>alert(1)</script>")
    assert data[1][1] == "crm" and data[2][0] == "second source"
    decisions = table_after(tokens, "Decision boundaries")
    assert len(decisions) == 3 and decisions[1][4] == "⚠️ no limit"
    waived = [t for t in tables(tokens) if t[0][0] == "Rule" and "Reason" in t[0]][0]
    assert len(waived) == 2 and waived[1][0] == "OUT002 roi-trap"
    lines = assert_gantt(tokens)
    assert lines[1].startswith("    title name script alert(1) /script")
    # headings stay headings: user text opened no new block
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings.count("h1") == 1


# --- command line -----------------------------------------------------------------------


def test_every_report_format_has_a_renderer() -> None:
    assert set(REPORT) == set(ReportFormat)


def test_cli_writes_html_and_markdown_atomically(tmp_path: Path) -> None:
    example = str(EXAMPLES / "scaling-before-governance.yaml")
    for name, marker in (("r.html", "<!DOCTYPE html>"), ("r.md", "```mermaid")):
        target = tmp_path / name
        outcome = runner.invoke(
            app, ["report", example, "-o", str(target), "--today", "2026-11-25"]
        )
        assert outcome.exit_code == 1, outcome.output  # written, and below the bar
        assert marker in target.read_text(encoding="utf-8")
        assert "Not ready: blocked at gate 6, Governance" in outcome.stderr
        assert not list(tmp_path.glob(".*.tmp"))
    outcome = runner.invoke(app, ["report", example, "--format", "md", "--today", "2026-11-25"])
    assert outcome.exit_code == 1 and outcome.stdout.startswith("# ")


@pytest.mark.parametrize(
    ("example", "settings", "code"),
    [
        ("care-copilot-ready.yaml", "", 0),
        ("predictive-maintenance-waivers.yaml", "", 0),  # waived findings do not count
        ("churn-accuracy-only.yaml", "", 1),  # an unwaived blocker: below the bar
        ("churn-accuracy-only.yaml", 'fail-on = "none"\n', 0),
        ("care-copilot-ready.yaml", "min-score = 100\n", 0),
        ("churn-accuracy-only.yaml", 'fail-on = "none"\nmin-level = 5\n', 1),
        ("care-copilot-ready.yaml", 'fail-on = "major"\nhigh-value-limit = 1\n', 1),
    ],
)
def test_exit_code_is_the_bar_of_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str, settings: str, code: int
) -> None:
    """docs/cli.md, the exit codes of every command: 0 meets the bar, 1 falls short; either way the
    report is written."""
    (tmp_path / ".readiness.toml").write_text(settings, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "r.html"
    outcome = runner.invoke(app, ["report", str(EXAMPLES / example), "-o", str(target),
                                  "--today", "2026-11-25"])
    assert outcome.exit_code == code, outcome.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert ("below the bar" in outcome.stderr) == (code == 1)


def test_cli_refuses_an_invalid_file_with_its_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ninitiative:\n  id: ok\n  nmae: typo\n", encoding="utf-8")
    target = tmp_path / "out.html"
    outcome = runner.invoke(app, ["report", str(bad), "-o", str(target)])
    assert outcome.exit_code == 2
    assert f"{bad}:4:3: error: initiative.nmae" in outcome.stderr
    assert "no report written" in outcome.stderr and not target.exists()
    outcome = runner.invoke(app, ["report", str(EXAMPLES / "care-copilot-ready.yaml"),
                                  "--compare", str(bad)])
    assert outcome.exit_code == 2 and "--compare" in outcome.stderr
    outcome = runner.invoke(app, ["report", str(tmp_path / "missing.yaml")])
    assert outcome.exit_code == 2 and "missing.yaml" in outcome.stderr


def test_compare_shows_deltas_and_new_and_resolved_findings(tmp_path: Path) -> None:
    old = EXAMPLES / "self-service-bot-live-without-boundaries.yaml"
    text = old.read_text(encoding="utf-8")
    fixed = text.replace(
        "      authority: autonomous\n      rationale: Credit policy",
        "      authority: autonomous\n      limit: {amount: 20, currency: CAD}\n"
        "      rationale: Credit policy",
    ).replace("  assessed_on: 2026-10-20", "  assessed_on: 2026-11-20")
    fixed = fixed.replace("  automated_decision_notice: false", "  automated_decision_notice: true")
    # The repeat contact rate, 0.21 to 0.20 towards 0.17, was exactly a quarter of the way;
    # a month later it has slipped back to 0.205.
    fixed = fixed.replace("target: 0.17, current: 0.20, measured_on: 2026-10-15",
                          "target: 0.17, current: 0.205, measured_on: 2026-11-15")
    assert fixed != text
    new = tmp_path / "new.yaml"
    new.write_text(fixed.replace("- {id: CRTC, status: compliant",
                                 "- {id: CRTC, status: gap"), encoding="utf-8")
    before, after = result_of(old), result_of(new)
    comparison = build(after, before).comparison
    assert comparison is not None and comparison.same_initiative
    resolved = {f.rule for f in comparison.resolved_findings}
    assert "DEC001" in resolved and "GOV007" in resolved
    # A month later it has been live 90 days, and its outcomes have barely moved (OUT004).
    assert {f.rule for f in comparison.new_findings} == {"GOV003", "OUT004"}
    assert comparison.score_delta == after.score - before.score
    outcome = runner.invoke(app, ["report", str(new), "--compare", str(old), "-f", "md",
                                  "--today", "2026-11-25"])
    assert outcome.exit_code == 1, outcome.output  # GOV003 is a blocker
    tokens = parse_markdown(outcome.stdout)
    changes = table_after(tokens, "Changes since 2026-10-20")
    assert changes[1][0] == "Readiness level" and len(changes) == 1 + 3 + 6
    assert "Resolved findings (" in outcome.stdout and "DEC001" in outcome.stdout


def test_user_templates_override_by_name(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text(
        "Verdict for {{ report.header.name | md }}: {{ report.header.headline }}\n",
        encoding="utf-8",
    )
    outcome = runner.invoke(app, ["report", str(EXAMPLES / "care-copilot-ready.yaml"),
                                  "-f", "md", "--template", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stdout == (
        "Verdict for Tier-1 technical support agent copilot: "
        "Ready for production: all six gates pass\n"
    )
    (tmp_path / "report.css").write_text("body { background: #fafafa; }", encoding="utf-8")
    outcome = runner.invoke(app, ["report", str(EXAMPLES / "care-copilot-ready.yaml"),
                                  "-f", "html", "--template", str(tmp_path)])
    assert outcome.exit_code == 0 and "body { background: #fafafa; }" in outcome.stdout


@pytest.mark.parametrize(
    "body",
    [
        "{{ report.__class__.__mro__[1].__subclasses__() }}",
        "{{ ''.__class__.__base__.__subclasses__() }}",
        "{{ report.header.__init__.__globals__ }}",
    ],
)
def test_user_templates_are_sandboxed(tmp_path: Path, body: str) -> None:
    (tmp_path / "report.html.j2").write_text(body, encoding="utf-8")
    outcome = runner.invoke(app, ["report", str(EXAMPLES / "care-copilot-ready.yaml"),
                                  "--template", str(tmp_path)])
    assert outcome.exit_code == 2
    assert "sandbox" in outcome.stderr or "unsafe" in outcome.stderr
    assert "Traceback" not in outcome.output


def test_broken_user_template_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("ok\n{% for %}\n", encoding="utf-8")
    outcome = runner.invoke(app, ["report", str(EXAMPLES / "care-copilot-ready.yaml"),
                                  "-f", "md", "--template", str(tmp_path)])
    assert outcome.exit_code == 2 and "report.md.j2:2: template syntax error" in outcome.stderr
    outcome = runner.invoke(app, ["report", str(EXAMPLES / "care-copilot-ready.yaml"),
                                  "--template", str(tmp_path / "nope")])
    assert outcome.exit_code == 2 and "not a folder" in outcome.stderr


def test_today_decides_waiver_expiry() -> None:
    example = str(EXAMPLES / "predictive-maintenance-waivers.yaml")
    now = runner.invoke(app, ["report", example, "-f", "md", "--today", "2026-11-25"])
    later = runner.invoke(app, ["report", example, "-f", "md", "--today", "2031-01-01"])
    assert now.exit_code == later.exit_code == 0
    assert "### Waived findings" in now.stdout and "### Waived findings" not in later.stdout
    assert "WAI001" in later.stdout
    assert date(2031, 1, 1)  # the reference date is the only difference between the runs


# --- who measures success ----------------------------------------------------------------


def test_stakeholder_table_says_what_each_measure_is() -> None:
    result = result_of(EXAMPLES / "churn-accuracy-only.yaml")
    table = table_after(parse_markdown(markdown.render(build(result))),
                        "Who measures success, and by what")
    assert table == [
        ["Group", "Name", "Success measure", "The measure is"],
        ["business", "Retention and Loyalty", "saved subscribers", "unrelated"],
        ["innovation", "Data Science Center of Excellence", "model AUC", "model measure"],
        ["finance", "Consumer Finance", "churn-related revenue loss", "unrelated"],
    ]
    text = html.render(build(result))
    assert "<h3>Who measures success, and by what</h3>" in text
    assert '<td>model AUC</td><td><span class="badge warn">model measure</span></td>' in text


def test_stakeholder_table_names_an_outcome_metric_and_a_missing_measure() -> None:
    text = (EXAMPLES / "care-copilot-ready.yaml").read_text(encoding="utf-8").replace(
        "{group: it, name: CRM Platform, success_measure: no added console latency}",
        "{group: it, name: CRM Platform}",
    )
    document = loads(text, "care.yaml")
    result = assess(document, validate(document), load_pack(None), None, TODAY)
    rows = {row.name: row for row in build(result).stakeholders}
    assert rows["Care Operations"].kind == "outcome metric"
    assert rows["CRM Platform"].kind == "no measure" and rows["CRM Platform"].measure == ""


def test_no_stakeholder_table_without_stakeholders() -> None:
    result = result_of(EXAMPLES / "ticket-classifier-model-first.yaml")
    assert build(result).stakeholders  # this one has groups
    bare = "schema_version: 1\n" + (EXAMPLES / "care-copilot-ready.yaml").read_text(
        encoding="utf-8").split("schema_version: 1\n", 1)[1]
    start = bare.index("  stakeholders:\n")
    end = bare.index("  assessed_on:")
    document = loads(bare[:start] + bare[end:], "bare.yaml")
    report = build(assess(document, validate(document), load_pack(None), None, TODAY))
    assert report.stakeholders == []
    assert "Who measures success" not in markdown.render(report)
    assert "Who measures success" not in html.render(report)


def test_an_action_that_moves_no_money_is_not_limited_to_zero() -> None:
    # Routing a ticket has `limit: {amount: 0}`: no money at stake, not "up to 0 CAD".
    result = result_of(EXAMPLES / "ticket-classifier-live-overridden.yaml")
    routing = build(result).decisions[0].actions[0]
    assert routing.action == "Route a ticket to a resolver queue"
    assert routing.limit == "no money at stake"
    page = html.render(build(result))
    assert ">no money at stake</span>" in page and "up to 0" not in page
    tokens = parse_markdown(markdown.render(build(result)))
    assert table_after(tokens, "Decision boundaries")[1][2] == "no money at stake"
    # A fee waiver keeps its amount.
    waiver = build(result_of(EXAMPLES / "care-copilot-ready.yaml")).decisions[0].actions[1]
    assert waiver.limit == "up to 25 CAD"
