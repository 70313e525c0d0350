"""Hostile content in every user string field, through every output format the command
line offers: nothing a file holds may become markup, a link, a template expression, a
workflow command or a terminal escape in what readiness writes.

The formats are read from the command line at run time (each command's `--format`
choices), so a new format is covered the day it is added: it gets the checks of its kind
(by name) or, for a name not known here, the checks every output gets. The matrix of
results is in docs/reliability.md.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import shutil
import subprocess
import typing
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from readiness.cli import app
from readiness.loader import loads
from readiness.model import Assessment
from readiness.schema import validate
from tests.common import EXAMPLES

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "| x | [a](javascript:1)",
    "{{ 7*7 }}",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://evil\x07link\x1b]8;;\x07",
    "\u202eevil",
    "line\n::error::injected\r\n## heading",
    "100% done: a, b",
    "![x](https://evil.example/pixel.png) [Re-login](https://evil.example/login)",
    "@team www.evil.example #1",
    "nul\x00 c1\x85 del\x7f",
]
HOSTILE = " ".join(PAYLOADS)
# A file name can carry most of it too (no slash, so no closing tag).
HOSTILE_NAME = (
    'evil"><img src=x onerror=alert(1)>\x1b[31m\u202e%,:|[a](javascript:1)\n::error::x.yaml'
)

# Characters a terminal acts on: C0 controls but tab and newline, DEL, C1 controls, and the
# bidirectional overrides and isolates that reorder what is shown.
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Characters no output file should carry raw (\r is allowed: Windows line ends).
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# --- the hostile documents ------------------------------------------------------------------


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, (*path, index))
    elif isinstance(value, str):
        yield path


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _accepts(data: Any) -> bool:
    try:
        Assessment.model_validate(data)
    except ValidationError:
        return False
    return True


@functools.cache
def hostile(example: str) -> tuple[str, list[str]]:
    """The example with HOSTILE in every free-text field (those that accept it: names,
    owners, notes, reasons, ...; not enums, dates or IDs), each gate's notes and evidence
    set to the payloads one by one, and a regulation named by the payload."""
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    fields = []
    for path in list(_leaves(data)):
        if path[-1] == "rule":  # a rule ID is checked against the catalogue, not the model
            continue
        trial = copy.deepcopy(data)
        _set(trial, path, HOSTILE)
        if _accepts(trial):
            fields.append(path)
    for path in fields:
        _set(data, path, HOSTILE)
    for gate in ("workflow", "data_pipeline", "integration", "decision_boundaries",
                 "outcomes", "governance"):
        if gate in data:
            data[gate]["notes"] = HOSTILE
            data[gate]["evidence"] = [*PAYLOADS, HOSTILE]
    if "governance" in data:
        regulations = data["governance"].setdefault("regulations", [])
        regulations.append({"id": "OTHER", "status": "gap", "name": HOSTILE})
    data["open_questions"] = [
        {"field": "governance.status", "ask": HOSTILE, "raised_on": "2026-11-01", "note": HOSTILE}
    ]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    validate(loads(text))  # the file as written is valid too
    names = sorted({".".join("[]" if isinstance(p, int) else p for p in path) for path in fields})
    return text, names


INVALID = (
    "schema_version: 1\n"
    f"initiative: {{id: bad, name: x, domain: back_office, use_case: other, stage: "
    f"{json.dumps(HOSTILE)}, assessed_on: 2026-01-01}}\n"
    f"{json.dumps(HOSTILE)}: 1\n"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    found = {}
    for key, example in (("waivers", "predictive-maintenance-waivers.yaml"),
                         ("live", "self-service-bot-live-without-boundaries.yaml")):
        path = folder / f"hostile-{key}.yaml"
        path.write_text(hostile(example)[0], encoding="utf-8")
        found[key] = path
    found["benign"] = folder / "benign.yaml"
    shutil.copy(EXAMPLES / "predictive-maintenance-waivers.yaml", found["benign"])
    found["invalid"] = folder / "hostile-invalid.yaml"
    found["invalid"].write_text(INVALID, encoding="utf-8")
    found["named"] = folder / HOSTILE_NAME
    shutil.copy(found["waivers"], found["named"])
    return found


def test_every_free_text_field_carries_the_payload() -> None:
    _, names = hostile("predictive-maintenance-waivers.yaml")
    for field in ("initiative.name", "waivers.[].reason", "waivers.[].approved_by.name",
                  "decision_boundaries.actions.[].action", "data_pipeline.sources.[].name",
                  "outcomes.metrics.[].name", "integration.fallback", "workflow.process"):
        assert field in names
    assert "initiative.id" not in names and "initiative.stage" not in names


# --- the formats, read from the command line --------------------------------------------------


def formats() -> list[tuple[str, str]]:
    """(command, format) for every command that reads assessments and has --format."""
    group = typer.main.get_command(app)
    found: list[tuple[str, str]] = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        if name in ("rules",):  # the rule catalogue holds no file content
            continue
        for param in command.params:
            if param.name != "format":
                continue
            choices = getattr(getattr(param, "type", None), "choices", None)
            if choices is None:  # typer >= 0.16 keeps the annotation
                annotation = param.type_descriptor.annotation
                enum = (typing.get_args(annotation) or [annotation])[0]
                choices = [member.value for member in enum]
            found.extend((name, str(choice)) for choice in choices if choice != "auto")
    return found


FORMATS = formats()


def test_the_matrix_covers_the_formats_the_issue_names() -> None:
    offered = {fmt for _, fmt in FORMATS}
    assert {"text", "json", "junit", "sarif", "github", "html", "md"} <= offered
    assert {command for command, _ in FORMATS} >= {"validate", "report", "portfolio", "diff"}


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                        "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(folder)})


def _arguments(command: str, fmt: str, files: dict[str, Path]) -> list[list[str]]:
    """One or more command lines that put hostile content through `command --format fmt`."""
    if command == "validate":
        paths = [files[k] for k in ("waivers", "live", "invalid", "named")]
        return [["validate", *map(str, paths), "--format", fmt]]
    if command == "report":
        return [["report", str(files[k]), "--format", fmt] for k in ("waivers", "live", "named")]
    if command == "portfolio":
        paths = [files[k] for k in ("waivers", "live", "named")]
        return [["portfolio", *map(str, paths), "--format", fmt]]
    if command == "diff":
        return [["diff", str(files["benign"]), str(files["waivers"]), "--format", fmt],
                ["diff", str(files["waivers"]), str(files["live"]), "--force", "--format", fmt]]
    if command == "history":
        folder = files["waivers"].parent / "repo"
        if not folder.exists():
            folder.mkdir()
            shutil.copy(files["benign"], folder / "a.yaml")
            _git(folder, "init", "-q")
            _git(folder, "add", "a.yaml")
            _git(folder, "commit", "-q", "-m", "benign")
            shutil.copy(files["waivers"], folder / "a.yaml")
            _git(folder, "commit", "-q", "-am", HOSTILE.replace("\x00", ""))
        return [["history", str(folder / "a.yaml"), "--format", fmt]]
    # A command this matrix does not know yet: its first argument is a file.
    return [[command, str(files["waivers"]), "--format", fmt]]


# --- checks by kind of output -----------------------------------------------------------------


def _around(text: str, found: re.Match[str]) -> str:
    return repr(text[max(0, found.start() - 60):found.end() + 20])


def check_template_not_evaluated(text: str) -> None:
    assert "7*7" in text or "7\\*7" in text, "{{ 7*7 }} was evaluated or dropped"


def check_no_raw_control(text: str) -> None:
    """No output file carries a raw control character from the file it describes."""
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw control character {found.group()!r} in {_around(text, found)}"


def check_terminal(text: str) -> None:
    found = TERMINAL_CONTROL.search(text)
    assert found is None, f"{found.group()!r} reaches the terminal: {_around(text, found)}"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield key
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def check_json(text: str) -> None:
    data = _strict_json(text)
    # File content survives exactly: JSON escapes it, nothing strips or mangles it.
    assert any(PAYLOADS[0] in s for s in _strings(data)) or "files" in data
    assert _strict_json(json.dumps(data)) == data


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        if tag == "img" and (("src", "x") in attrs or "evil" in str(attrs)):
            self.problems.append(f"<img> from file content: {attrs}")
        if tag == "a" and "evil.example" in str(attrs):
            self.problems.append(f"link from file content: {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            scheme = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in ("href", "src", "action", "formaction", "xlink:href") and \
                    scheme.startswith(("javascript:", "data:text/html")):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.problems.append(f"script from file content: {data[:80]!r}")


def check_html(text: str) -> None:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    assert parser.problems == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text or "&lt;script" in text


def _table_rows(lines: list[str]) -> Iterator[list[str]]:
    """Blocks of consecutive table lines of a Markdown document."""
    block: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            yield block
            block = []


def check_markdown(text: str) -> None:
    from markdown_it import MarkdownIt

    # A permissive renderer: raw HTML on, every link scheme allowed (markdown-it refuses
    # javascript: links by itself, which would hide an unescaped one).
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    check_html_rendered(md.render(text))
    for block in _table_rows(text.splitlines()):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in block}
        assert len(widths) == 1, f"a table row has extra cells: {block}"
    assert not re.search(r"^::error::injected", text, re.MULTILINE)
    # Nothing GitHub would link or notify on its own: a URL, `www.`, a mention, an issue
    # (in running text: a fenced block, the Mermaid timeline's, is not linked).
    prose = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    for pattern in (r"https?://evil", r"www\.evil", r"@team", r"#1\b"):
        found = re.search(pattern, prose)
        assert found is None, f"GitHub would link {found.group()!r}: {_around(prose, found)}"


def check_html_rendered(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.problems == []


def check_xml(text: str) -> None:
    root = ElementTree.fromstring(text.encode("utf-8"))  # well-formed, legal characters only
    assert not [el.tag for el in root.iter() if el.tag in ("script", "img")]


_PROPERTY = r"(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*"
_COMMAND = re.compile(rf"^::(?:error|warning|notice|debug)(?: {_PROPERTY}(?:,{_PROPERTY})*)?::")
_GROUP = re.compile(r"^::(?:group::[^\r\n]*|endgroup::)$")


def check_github(text: str) -> None:
    for line in text.splitlines():
        if not line.startswith("::"):
            continue
        assert _COMMAND.match(line) or _GROUP.match(line), f"malformed workflow command: {line!r}"
        assert not line.startswith("::error::injected"), "a newline in content made a command"
        assert not re.search(r"%(?!25|0D|0A|3A|2C)", line), f"unescaped % in {line!r}"


def check_sarif(text: str) -> None:
    data = _strict_json(text)
    assert data.get("version") == "2.1.0"
    for run in data["runs"]:
        for result in run.get("results", []):
            markdown = result.get("message", {}).get("markdown")
            if markdown:
                check_markdown(markdown)


CHECKS: dict[str, list[Callable[[str], None]]] = {
    "text": [],
    "json": [check_json],
    "sarif": [check_sarif],
    "junit": [check_xml],
    "github": [check_github],
    "md": [check_markdown],
    "html": [check_html],
}
# Outputs read in a terminal (the Actions log renders ANSI colours too) get the terminal
# check, bidirectional overrides included; files get the raw-control-character check.
CONTROL: dict[str, Callable[[str], None]] = {"text": check_terminal, "github": check_terminal}


@pytest.mark.parametrize(("command", "fmt"), FORMATS, ids=[f"{c}-{f}" for c, f in FORMATS])
def test_hostile_content_stays_inert(files: dict[str, Path], command: str, fmt: str) -> None:
    for args in _arguments(command, fmt, files):
        today = [] if command == "questions" else ["--today", "2026-11-25"]  # no dates judged
        result = CliRunner().invoke(app, [*args, *today],
                                    env={"NO_COLOR": "1", "GITHUB_STEP_SUMMARY": ""})
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{args}: {result.exception!r}"
        )
        assert result.exit_code in (0, 1, 2), result.output
        assert result.stdout, f"{args} wrote nothing: {result.stderr}"
        check_terminal(result.stderr)  # messages for people always go to the terminal
        check_template_not_evaluated(result.stdout)
        for check in CHECKS.get(fmt, []):
            check(result.stdout)
        CONTROL.get(fmt, check_no_raw_control)(result.stdout)


def test_hostile_content_in_colour_stays_inert(files: dict[str, Path]) -> None:
    """With colour forced on, the only escapes are the reporter's own colours (SGR)."""
    result = CliRunner().invoke(
        app, ["validate", str(files["waivers"]), str(files["named"]), "--format", "text",
              "--today", "2026-11-25"], env={"FORCE_COLOR": "1", "NO_COLOR": ""},
    )
    assert result.exit_code in (0, 1, 2)
    assert "\x1b[" in result.stdout  # colour is on
    without_colours = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    check_terminal(without_colours)
    assert "\\x1b[31mred" in without_colours  # the file's escape is shown, not obeyed


def test_hostile_content_in_the_job_summary_stays_inert(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """The Markdown job summary GitHub Actions shows on the run's page: Markdown checks,
    and no raw control character."""
    summary = tmp_path / "summary.md"
    paths = [str(files[k]) for k in ("waivers", "live", "invalid", "named")]
    result = CliRunner().invoke(
        app, ["validate", *paths, "--format", "github", "--today", "2026-11-25"],
        env={"NO_COLOR": "1", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.exit_code == 2, result.output
    text = summary.read_text(encoding="utf-8")
    assert "## Readiness" in text and "unknown key" in text  # the payload got there
    check_template_not_evaluated(text)
    check_markdown(text)
    check_no_raw_control(text)
    check_terminal(text)  # no bidirectional override either
