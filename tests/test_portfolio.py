"""`readiness portfolio` on a generated portfolio of 200 assessments with known truth:
ranking order, anti-pattern counts, matrix placement, stale flags, invalid files, and the
JSON, Markdown and HTML outputs."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from readiness.cli import app
from readiness.model import OneTimeCosts, Roi
from readiness.packs import load_pack
from readiness.portfolio import (
    QUADRANTS,
    RANKING,
    Portfolio,
    build_portfolio,
    net_benefit,
    singular,
)
from readiness.resources import rules_url
from readiness.rules import REGISTRY
from tests.common import EXAMPLES, HEADER, ROOT, TODAY, portfolio_chunks, portfolio_text
from tests.portfolio_corpus import CONTROLLED, MISALIGNED_SHARE, Truth, generate

SCHEMA = json.loads((ROOT / "docs/schemas/portfolio-output.schema.json").read_text())
HOSTILE_NAME = '<script>alert(1)</script> "><img src=x onerror=alert(1)> a|b'


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Truth]]:
    folder = tmp_path_factory.mktemp("portfolio")
    truths = generate(folder, count=200)
    (folder / "broken").mkdir()
    (folder / "broken" / "bad-yaml.yaml").write_text("schema_version: 1\ninitiative: [\n")
    (folder / "broken" / "bad-schema.yaml").write_text(HEADER.replace("pilot", "pilott"))
    return folder, truths


@pytest.fixture(scope="module")
def portfolio(corpus: tuple[Path, list[Truth]]) -> Portfolio:
    return build_portfolio([corpus[0]], load_pack(None), TODAY)


def planted(portfolio: Portfolio, ident: str) -> Any:
    return next(entry for entry in portfolio.entries if entry.id == ident)


def test_every_valid_file_is_ranked_and_every_invalid_one_listed(portfolio: Portfolio) -> None:
    assert len(portfolio.entries) == 200
    assert [Path(item.path).name for item in portfolio.invalid] == [
        "bad-schema.yaml",
        "bad-yaml.yaml",
    ]
    schema_error = portfolio.invalid[0].errors[0]
    assert schema_error.path == "initiative.stage" and schema_error.line == 7
    assert portfolio.exit_code == 2
    assert portfolio.files == 202


def test_ranking_order(portfolio: Portfolio, corpus: tuple[Path, list[Truth]]) -> None:
    entries = portfolio.entries
    assert [entry.rank for entry in entries] == list(range(1, 201))
    # the ranking as one sortable key: numbers negated where the highest comes first
    keys = [tuple(-getattr(entry, name) if highest else getattr(entry, name)
                  for name, highest in RANKING) for entry in entries]
    assert keys == sorted(keys)
    # level first, then score, whatever the findings
    for before, after in zip(entries, entries[1:], strict=False):
        assert (before.level, before.score) >= (after.level, after.score)
    # the planted flagship (level 6, score 100, no finding, id sorts first) leads
    assert entries[0].id == "aaa-flagship"
    # OWN001 is a blocker on gate 1: every initiative without an owner is at level 0,
    # so ranks below every initiative that passed a gate
    truths = corpus[1]
    ownerless = {t.id for t in truths if "OWN001" in t.injected}
    assert ownerless and all(planted(portfolio, ident).level == 0 for ident in ownerless)
    last_passing = max(entry.rank for entry in entries if entry.level > 0)
    assert all(planted(portfolio, ident).rank > last_passing for ident in ownerless)


def test_misaligned_success_measures_recur_in_the_planted_share(
    portfolio: Portfolio, corpus: tuple[Path, list[Truth]]
) -> None:
    # A quarter of the generated initiatives were given groups that measure success by a
    # model score or by nothing the initiative measures; the portfolio finds that share.
    misaligned = sorted(t.id for t in corpus[1] if "OWN003" in t.injected)
    pattern = next(p for p in portfolio.anti_patterns if p.rule == "OWN003")
    assert pattern.count / pattern.total == MISALIGNED_SHARE == len(misaligned) / 200
    assert sorted(pattern.initiatives) == misaligned
    assert pattern.sentence == (
        "50 of 200 initiatives have stakeholder groups that measure success differently"
    )
    base = rules_url() or "docs/rules.md"  # the Rules project URL of the installed package
    assert pattern.reference == f"{base}#own003-misaligned-success-measures"


def test_anti_pattern_counts_match_what_was_planted(
    portfolio: Portfolio, corpus: tuple[Path, list[Truth]]
) -> None:
    truths = corpus[1]
    found = {pattern.rule: pattern for pattern in portfolio.anti_patterns}
    for rule in CONTROLLED:
        expected = sorted(t.id for t in truths if rule in t.injected)
        assert expected, f"the corpus plants no {rule}"
        assert found[rule].count == len(expected), rule
        assert sorted(found[rule].initiatives) == expected
        assert found[rule].total == 200
    waived_only = {t.id for t in truths if "SEQ002" in t.waived}
    assert waived_only and not waived_only & set(found["SEQ002"].initiatives)
    sentence = found["SEQ002"].sentence
    count = found["SEQ002"].count
    assert sentence == f"{count} of 200 initiatives integrate before the data pipeline is mapped"
    base = rules_url() or "docs/rules.md"  # the Rules project URL of the installed package
    assert found["SEQ002"].reference == f"{base}#seq002-integration-before-data-pipeline"
    counts = [pattern.count for pattern in portfolio.anti_patterns]
    assert counts == sorted(counts, reverse=True)


def test_matrix_placement_of_known_initiatives(portfolio: Portfolio) -> None:
    matrix = portfolio.matrix
    assert matrix.currency == "CAD" and matrix.feasibility_split == 70
    assert planted(portfolio, "aaa-flagship").quadrant == "scale"
    assert planted(portfolio, "stalled-big-bet").quadrant == "invest"
    assert planted(portfolio, "small-pilot").quadrant == "deprioritise"
    assert planted(portfolio, "modest-ready").quadrant == "reconsider"
    apart = {entry.id: matrix.reason(entry) for entry in matrix.apart}
    assert apart == {
        "no-business-case": "no ROI in the assessment",
        "dollar-case": "ROI in USD, not comparable with CAD",
    }
    assert planted(portfolio, "no-business-case").quadrant is None
    # net benefit = annual x 3 years - one-time 100k - run 10k x 3
    assert planted(portfolio, "aaa-flagship").value.net_benefit == 40_000_000 * 3 - 130_000
    assert len(matrix.placed) + len(matrix.apart) == 200


def test_stale_assessments_are_flagged(portfolio: Portfolio) -> None:
    stale = [entry for entry in portfolio.entries if entry.stale]
    assert len(stale) == 20  # every tenth file was assessed on 2026-06-01
    assert all(entry.age_days == 177 for entry in stale)
    fresh = build_portfolio([EXAMPLES], load_pack(None), TODAY, stale_after=27)
    assert {e.id for e in fresh.entries if e.stale} == {
        "prairie-peak-churn-prediction",
        "fleuve-self-service-bot",
        "cascade-noc-ticket-classifier",
    }


def test_level_distribution_adds_up(portfolio: Portfolio) -> None:
    assert sum(bucket.count for bucket in portfolio.levels) == 200
    for bucket in portfolio.levels:
        assert bucket.count == sum(1 for e in portfolio.entries if e.level == bucket.level)
    assert portfolio.levels[3].label == "Level 3: stuck at gate 4, Decision boundaries"


def test_json_output_matches_its_schema(portfolio: Portfolio) -> None:
    document = json.loads(portfolio_text(portfolio, "json"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["summary"]["invalid"] == 2
    assert document["initiatives"][0]["id"] == "aaa-flagship"
    broken = {"initiatives": [{"rank": 0}]} | document
    broken["initiatives"] = [dict(document["initiatives"][0], rank=0)]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_every_rule_has_a_plain_sentence() -> None:
    assert all(rule.pattern.split()[0].islower() for rule in REGISTRY.values())
    assert singular("have no owner") == "has no owner"
    assert singular("are live") == "is live"
    assert singular("carry a waiver") == "carries a waiver"
    assert singular("miss sources") == "misses sources"
    assert singular("integrate early") == "integrates early"


def test_net_benefit() -> None:
    roi = Roi(
        currency="CAD",
        horizon_years=3,
        annual_benefit=2_900_000,
        one_time_costs=OneTimeCosts(integration=650_000, change_management=180_000, other=0),
        annual_run_cost=240_000,
    )
    value = net_benefit(roi)
    assert value.net_benefit == 2_900_000 * 3 - 830_000 - 720_000 and value.costs_complete
    partial = net_benefit(Roi(currency="CAD", horizon_years=2, annual_benefit=100))
    assert partial.net_benefit == 200 and not partial.costs_complete
    assert net_benefit(Roi(currency="CAD", annual_benefit=100)).reason == "ROI has no horizon"
    assert net_benefit(None).net_benefit is None


def test_a_duplicate_initiative_id_is_listed_as_invalid(tmp_path: Path) -> None:
    text = (EXAMPLES / "churn-accuracy-only.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text)
    result = build_portfolio([tmp_path], load_pack(None), TODAY)
    assert [e.path for e in result.entries] == [str(tmp_path / "a.yaml")]
    assert [i.path for i in result.invalid] == [str(tmp_path / "b.yaml")]
    assert "also used by" in result.invalid[0].errors[0].message
    assert result.exit_code == 2


# --- the command ------------------------------------------------------------------------


def test_command_writes_the_report_and_exits_2_when_a_file_is_invalid(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("schema_version: 1\n")
    out = tmp_path / "portfolio.json"
    runner = CliRunner()
    result = runner.invoke(
        app, ["portfolio", str(EXAMPLES), str(tmp_path / "bad.yaml"), "--output", str(out),
              "--today", "2026-11-25"],
    )
    assert result.exit_code == 2, result.output
    document = json.loads(out.read_text())  # the suffix chose JSON
    assert document["summary"] == {
        "files": 8, "initiatives": 7, "invalid": 1, "stale": 0,
        "ready": 2, "conditional": 0, "not_ready": 5,
    }
    below = runner.invoke(
        app, ["portfolio", str(EXAMPLES), "--format", "md", "--today", "2026-11-25"]
    )
    assert below.exit_code == 1  # every file read; four initiatives fall short of the bar
    assert below.stdout.startswith("# AI initiative portfolio")
    assert "4 below the bar" in below.stderr
    ready = [str(EXAMPLES / "care-copilot-ready.yaml"),
             str(EXAMPLES / "predictive-maintenance-waivers.yaml")]
    ok = runner.invoke(app, ["portfolio", *ready, "--format", "md", "--today", "2026-11-25"])
    assert ok.exit_code == 0, ok.output
    none = runner.invoke(app, ["portfolio", str(tmp_path / "empty-folder-missing")])
    assert none.exit_code == 2


@pytest.mark.parametrize(
    ("settings", "code"),
    [("", 1), ('fail-on = "none"\n', 0), ('fail-on = "none"\nmin-level = 1\n', 1)],
)
def test_command_exits_1_when_an_initiative_falls_short_of_the_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: str, code: int
) -> None:
    """docs/portfolio.md: with several files the worst applies; the bar is that of validate,
    with the project's settings."""
    (tmp_path / ".readiness.toml").write_text(settings)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["portfolio", str(EXAMPLES), "-o", "p.html", "--today", "2026-11-25"]
    )
    assert result.exit_code == code, result.output
    assert (tmp_path / "p.html").read_text().startswith("<!doctype html>")


def test_command_refuses_a_bad_stale_after() -> None:
    result = CliRunner().invoke(app, ["portfolio", str(EXAMPLES), "--stale-after", "0"])
    assert result.exit_code == 2


# --- Markdown and HTML ------------------------------------------------------------------


def hostile_portfolio(tmp_path: Path) -> Portfolio:
    text = (EXAMPLES / "churn-accuracy-only.yaml").read_text()
    text = text.replace(
        "name: Postpaid churn prediction for retention desk",
        f"name: {json.dumps(HOSTILE_NAME)}",
    )
    text = text.replace("id: prairie-peak-churn-prediction", "id: hostile-case")
    assert "hostile-case" in text and "<script>" in text
    (tmp_path / "hostile.yaml").write_text(text)
    (tmp_path / "evil.yaml").write_text('schema_version: 1\ninitiative: {name: "<b>x</b>"\n')
    return build_portfolio([tmp_path, EXAMPLES], load_pack(None), TODAY)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in {"src", "href", "xlink:href", "action", "poster"} and value:
                self.urls.append(value)
            assert not name.startswith("on"), f"event handler attribute {name} on <{tag}>"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escapes_user_text(tmp_path: Path) -> None:
    page = portfolio_text(hostile_portfolio(tmp_path), "html")
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    # Nothing is fetched: the only addresses are links to the rule reference (the Rules
    # project URL, or docs/rules.md) and anchors in the page.
    reference = rules_url() or "docs/rules.md"
    assert all(url.startswith((reference, "#")) for url in parser.urls), parser.urls
    assert "url(" not in page.replace("url(#", "")  # no CSS fetch; SVG fills use local ids
    assert "@import" not in page
    text = "".join(parser.text)
    assert HOSTILE_NAME in text  # shown, as text
    assert "<b>x</b>" not in page
    for section in ("ranking", "matrix", "anti-patterns", "levels", "invalid"):
        assert f'id="{section}"' in page
    assert page.count("<svg") == 2 and page.count('role="img"') == 2
    assert "<table>" in page and '<th scope="col"' in page


def test_markdown_renders_tables_and_keeps_user_text_inert(tmp_path: Path) -> None:
    text = portfolio_text(hostile_portfolio(tmp_path), "md")
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html and "<img" not in html
    ranking = html.split("<h2>Initiatives ranked by readiness</h2>")[1].split("</table>")[0]
    rows = ranking.split("<tr>")[2:]
    assert len(rows) == 8 and all(row.count("<td") == 12 for row in rows)
    assert "```mermaid\nquadrantChart" in text
    assert f'href="{rules_url() or "docs/rules.md"}#out001-accuracy-only"' in html


def test_entries_are_compact_and_share_what_repeats(portfolio: Portfolio) -> None:
    """One Entry per initiative is what a portfolio keeps: no per-instance dict, and the
    texts and rule sets many initiatives have in common are one object each."""
    entries = portfolio.entries
    assert all(not hasattr(entry, "__dict__") for entry in entries)
    by_headline: dict[str, Any] = {}
    by_rules: dict[tuple[str, ...], Any] = {}
    for entry in entries:
        assert by_headline.setdefault(entry.headline, entry.headline) is entry.headline
        assert by_rules.setdefault(entry.rules, entry.rules) is entry.rules
        assert list(entry.rules) == sorted(set(entry.rules))
    assert len(by_headline) < len(entries) and len(by_rules) < len(entries)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_report_is_written_in_pieces_that_make_the_whole(
    portfolio: Portfolio, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import readiness.reporters.portfolio as module

    whole = portfolio_text(portfolio, fmt)
    monkeypatch.setattr(module, "CHUNK", 2000)
    pieces = list(portfolio_chunks(portfolio, fmt))
    assert "".join(pieces) == whole
    if fmt != "json":  # JSON is one piece; the templates' output comes as it is made
        assert len(pieces) > 1


def test_matrix_cells_list_fifteen_initiatives_then_a_count(portfolio: Portfolio) -> None:
    # A quadrant of a large portfolio is read at a glance: the first fifteen by rank, then
    # how many more, in Markdown as in HTML.
    matrix = portfolio.matrix
    groups = {label: [e for e in matrix.placed if e.quadrant == key]
              for key, (label, _) in QUADRANTS.items()}
    groups["Placed apart"] = list(matrix.apart)
    assert max(len(members) for members in groups.values()) > 15  # some cell is cut
    lines = portfolio_text(portfolio, "md").splitlines()
    html = portfolio_text(portfolio, "html")
    for label, members in groups.items():
        (row,) = [line for line in lines if line.startswith(f"| {label} (")]
        shown = members[:15]
        assert all(f"{e.name} ({e.rank})" in row for e in shown)
        assert all(f"({e.rank})" not in row for e in members[15:])
        more = f"and {len(members) - 15} more"
        assert (more in row) == (len(members) > 15)
        assert (more in html) or len(members) <= 15


def test_an_anti_pattern_takes_the_worst_severity_it_was_found_at() -> None:
    # DAT001 is a blocker for the live ticket classifier and a major for the one still in
    # the lab: the portfolio says blocker, not the catalogue's "major when not live".
    def dat001(*names: str) -> Any:
        result = build_portfolio([EXAMPLES / name for name in names], load_pack(None), TODAY)
        return next(p for p in result.anti_patterns if p.rule == "DAT001")

    both = dat001("ticket-classifier-live-overridden.yaml", "ticket-classifier-model-first.yaml")
    assert (both.count, both.severity.value) == (2, "blocker")
    assert dat001("ticket-classifier-model-first.yaml").severity.value == "major"
    assert dat001("ticket-classifier-live-overridden.yaml").severity.value == "blocker"


def test_the_levels_table_names_each_initiative_with_its_rank() -> None:
    # As the quadrant table does: names a committee knows, not file ids.
    page = portfolio_text(build_portfolio([EXAMPLES], load_pack(None), TODAY), "html")
    levels = page.split('<section id="levels"')[1].split("</section>")[0]
    table = levels.split("<table>")[1]
    assert "NOC trouble-ticket auto-classification (7)" in table
    assert ("Tier-1 technical support agent copilot (1), RAN site predictive maintenance (2)"
            in table)
    assert "cascade-noc-ticket-classifier" not in table


@pytest.mark.parametrize(("copies", "sentence"), [
    (6, "Most initiatives are stuck at gate 5, Outcomes: 7 of 13."),
    (5, "Where initiatives stop most often: gate 5, Outcomes, 6 of 12."),  # a half
    (1, "Where initiatives stop most often: gate 5, Outcomes, 2 of 8."),
])
def test_the_brief_says_most_only_of_a_majority(tmp_path: Path, copies: int,
                                                sentence: str) -> None:
    # The churn example stops at gate 5, as one other example does: with 8 initiatives,
    # 2 at one gate is where they stop most often, not where most of them are.
    text = (EXAMPLES / "churn-accuracy-only.yaml").read_text()
    for copy in range(copies):
        (tmp_path / f"churn-{copy}.yaml").write_text(
            text.replace("id: prairie-peak-churn-prediction", f"id: churn-copy-{copy}"))
    page = portfolio_text(build_portfolio([tmp_path, EXAMPLES], load_pack(None), TODAY), "html")
    assert sentence in page
