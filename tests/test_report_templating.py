"""The shared template environment and chart helpers: escaping, sandbox, caching."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from markdown_it import MarkdownIt

from readiness.reporters import charts, templating
from readiness.reporters.templating import (
    TemplateProblem,
    environment,
    md,
    md_code,
    mermaid,
    render_template,
)

HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(1)> a|b\nc '
    "[x](javascript:alert(1)) {{ 7*7 }}"
)


def markdown_html(text: str) -> str:
    html: str = MarkdownIt("commonmark").enable("table").render(text)
    return html


def test_md_filter_keeps_user_text_inert_in_a_table() -> None:
    table = f"| a | b |\n|---|---|\n| {md(HOSTILE)} | end |\n"
    html = markdown_html(table)
    assert "<script>" not in html and "<img" not in html and "<a " not in html
    assert html.count("<td>") == 2  # the pipe and the newline did not split the row
    assert "end</td>" in html
    assert "{{ 7*7 }}" in html  # shown literally, never evaluated


@pytest.mark.parametrize(
    "text",
    ["- item", "1. item", "# heading", "> quote", "`code`", "**bold**", "_em_", "a\\|b", "~~x~~"],
)
def test_md_filter_renders_back_to_the_same_text(text: str) -> None:
    html = markdown_html(f"- {md(text)}\n")
    assert html.startswith("<ul>\n<li>") and "<ol>" not in html and "<h1>" not in html
    assert "<code>" not in html and "<strong>" not in html and "<em>" not in html
    inner = html.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>\n")
    assert inner.replace("&gt;", ">").replace("&amp;", "&") == text


def test_md_code_filter_keeps_the_catalogues_code_spans_and_nothing_else() -> None:
    remediation = "Set `limit: {amount: ..., currency: CAD}` and `a|b` for *each* [action]."
    html = markdown_html(f"| a | b |\n|---|---|\n| {md_code(remediation)} | end |\n")
    assert "<code>limit: {amount: ..., currency: CAD}</code>" in html
    assert "<code>a|b</code>" in html  # the pipe in the span did not end the cell
    assert html.count("<td>") == 2 and "end</td>" in html
    assert "<em>" not in html and "<a " not in html  # the rest stays as written
    assert "*each* [action]." in html
    assert md_code(None) == "" and md_code("no spans") == md("no spans")


def test_mermaid_filter_drops_everything_that_ends_a_label() -> None:
    text = mermaid("Gate: one; #2 %% comment\n```\ncrit, done")
    for bad in (":", ";", "#", "%", "`", "\n"):
        assert bad not in text
    assert mermaid("Decision boundaries (gate 4)") == "Decision boundaries (gate 4)"


def test_environment_is_built_once_per_folder(tmp_path: Path) -> None:
    assert environment() is environment()
    assert environment(tmp_path) is environment(tmp_path)
    assert environment(tmp_path) is not environment()


def _fresh(template_dir: Path | None = None) -> jinja2.Environment:
    """An environment as a new process builds it (the per-process cache bypassed)."""
    return templating._environment.__wrapped__(template_dir)


def test_compiled_templates_are_cached_on_disk_between_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("READINESS_TEMPLATE_CACHE", raising=False)
    folder = tmp_path / "cache" / "readiness" / "templates"
    first = _fresh().get_template("report.md.j2")
    assert templating.cache_dir() == folder
    assert len(list(folder.glob("*.cache"))) == 1
    assert folder.stat().st_mode & 0o077 == 0  # private: compiled code is run from it
    second = _fresh()
    monkeypatch.setattr(second, "compile", lambda *a, **k: pytest.fail("compiled again"))
    again = second.get_template("report.md.j2")
    assert again is not first and again.blocks.keys() == first.blocks.keys()


def test_an_edited_template_is_compiled_again_and_user_folders_have_their_own_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("READINESS_TEMPLATE_CACHE", raising=False)
    mine = tmp_path / "mine"
    mine.mkdir()
    page = mine / "page.md.j2"
    page.write_text("one {{ x }}\n", encoding="utf-8")
    assert _fresh(mine).get_template("page.md.j2").render(x=1) == "one 1\n"
    page.write_text("two {{ x }}\n", encoding="utf-8")
    assert _fresh(mine).get_template("page.md.j2").render(x=1) == "two 1\n"
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "page.md.j2").write_text("three {{ x }}\n", encoding="utf-8")
    assert _fresh(theirs).get_template("page.md.j2").render(x=1) == "three 1\n"
    assert _fresh(mine).get_template("page.md.j2").render(x=1) == "two 1\n"
    # One entry per template file: the edit replaced its file's entry; theirs has its own.
    assert len(list((tmp_path / "cache" / "readiness" / "templates").glob("*.cache"))) == 2


def test_a_cache_folder_that_cannot_be_used_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("READINESS_TEMPLATE_CACHE", raising=False)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file fails
    env = _fresh()
    assert env.bytecode_cache is None
    assert _fresh(blocker.parent).get_template("report.md.j2").name == "report.md.j2"
    shared = tmp_path / "shared"
    (shared / "readiness" / "templates").mkdir(parents=True)
    (shared / "readiness" / "templates").chmod(0o777)  # others could plant code: not used
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert _fresh().bytecode_cache is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "ok"))
    monkeypatch.setenv("READINESS_TEMPLATE_CACHE", "off")
    assert templating.cache_dir() is None and _fresh().bytecode_cache is None


def test_a_cache_write_that_fails_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("READINESS_TEMPLATE_CACHE", raising=False)
    env = _fresh()
    assert env.bytecode_cache is not None
    folder = tmp_path / "cache" / "readiness" / "templates"
    folder.rmdir()  # gone between start-up and the first write: the write fails
    assert env.get_template("report.md.j2").render is not None
    assert not folder.exists()


def test_user_template_overrides_by_name_and_is_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "hello.md.j2").write_text("Hello {{ name | md }}\n", encoding="utf-8")
    assert render_template("hello.md.j2", tmp_path, name="a|b") == "Hello a\\|b\n"
    (tmp_path / "evil.md.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    with pytest.raises(TemplateProblem, match="sandbox"):
        render_template("evil.md.j2", tmp_path)


def test_template_problems_name_the_template(tmp_path: Path) -> None:
    (tmp_path / "broken.md.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"broken.md.j2:2: template syntax error"):
        render_template("broken.md.j2", tmp_path)
    with pytest.raises(TemplateProblem, match="not found"):
        render_template("missing.md.j2", tmp_path)
    with pytest.raises(TemplateProblem, match="not a folder"):
        environment(tmp_path / "nowhere")


def test_html_templates_autoescape(tmp_path: Path) -> None:
    (tmp_path / "page.html.j2").write_text("<p>{{ text }}</p>", encoding="utf-8")
    assert render_template("page.html.j2", tmp_path, text="<b>") == "<p>&lt;b&gt;</p>"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(svg: str) -> _Collect:
    parser = _Collect()
    parser.feed(svg)
    return parser


def test_bar_chart_is_accessible_escaped_and_not_colour_only() -> None:
    svg = charts.bar_chart(
        [charts.Bar("Workflow", 100, True), charts.Bar(HOSTILE, 40, False)],
        title="Gate <scores>", description="six gates", threshold=70,
    )
    parsed = parse(svg)
    root = parsed.tags[0]
    assert root[0] == "svg" and root[1]["role"] == "img"
    assert [t for t, _ in parsed.tags].count("script") == 0
    assert [t for t, _ in parsed.tags].count("img") == 0
    text = "".join(parsed.text)
    assert "Gate <scores>" in text and "not passed" in text and "pass mark 70" in text
    assert any("hatch" in (a.get("fill") or "") for _, a in parsed.tags)


def test_a_bars_value_is_drawn_over_the_threshold_line() -> None:
    # "64 · does not pass" starts a few pixels left of the pass mark at 70: the dashed
    # line crossed its digits until the values came last, outlined in white.
    tags = parse(charts.bar_chart([charts.Bar("Outcomes", 64, False)], title="Gates",
                                  threshold=70)).tags
    line = next(i for i, (tag, attrs) in enumerate(tags) if tag == "line"
                and attrs.get("stroke-dasharray") == "5 3")
    value = next(i for i, (tag, attrs) in enumerate(tags) if tag == "text"
                 and attrs.get("paint-order") == "stroke")
    assert line < value and tags[value][1]["stroke"] == "#fff"


def test_timeline_marks_flagged_spans_in_words() -> None:
    svg = charts.timeline(
        [
            charts.Span("Workflow", date(2026, 1, 1), date(2026, 2, 1)),
            charts.Span("Integration", date(2026, 1, 15), None, "active", True, "before data"),
            charts.Span("Outcomes", None, None, "planned"),
        ],
        title="Timeline",
        markers=[charts.Marker("Model work starts", date(2026, 1, 10))],
    )
    text = "".join(parse(svg).text)
    assert "⚠ out of order" in text and "no dates recorded" in text
    assert "Integration: active, 2026-01-15; before data" in text  # the why, on hover
    assert "Model work starts 2026-01-10" in text


def test_code_filter_escapes_before_marking_code_spans() -> None:
    from readiness.reporters.templating import code

    assert str(code("Set `a: <b>` or <i>x</i>")) == (
        "Set <code>a: &lt;b&gt;</code> or &lt;i&gt;x&lt;/i&gt;"
    )
