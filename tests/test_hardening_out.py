"""What a committed file can make readiness write, and how long it can make it work: each
test reproduces an attack or accident and shows the bound (docs/reliability.md, "Limits",
"Hardening" and "Time and output bounds").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from readiness import loader, schema
from readiness.cli import app
from readiness.loader import DEFAULT_LIMITS, LoadError, loads
from readiness.model import Assessment
from readiness.schema import MAX_ERRORS, InvalidAssessment, validate
from tests.common import EXAMPLES, HEADER

MAX_OUTPUT = 10_000_000
"""The output bound of docs/reliability.md: under 10 MB in every format."""


def _run(*args: str, **kwargs: Any) -> Any:
    return CliRunner().invoke(app, list(args), **kwargs)


# --- characters after alias expansion -------------------------------------------------------


def _expanding_to(total: int) -> str:
    """A document whose keys and values hold exactly `total` characters once its aliases
    are expanded: one 9,000-character string, repeated through aliases, and padding."""
    head = "schema_version: 1\n"  # 14 + 1 characters
    anchor = "s: &s " + "x" * 9000 + "\n"  # 1 + 9,000
    repeats = (total - 15 - 9001 - 1 - 1) // 9000
    aliases = "t: [" + ", ".join(["*s"] * repeats) + "]\n"  # 1 + repeats x 9,000
    padding = total - 15 - 9001 - 1 - repeats * 9000 - 1
    text = head + anchor + "u: " + "y" * padding + "\n" + aliases  # 1 + padding
    assert padding <= DEFAULT_LIMITS.max_string
    return text


def test_text_after_alias_expansion_at_the_limit_is_read() -> None:
    document = loads(_expanding_to(DEFAULT_LIMITS.max_chars))
    assert len(document.data["t"]) == 110


def test_text_after_alias_expansion_over_the_limit_is_refused(tmp_path: Path) -> None:
    text = _expanding_to(DEFAULT_LIMITS.max_chars + 1)
    with pytest.raises(LoadError, match="more than 1000000 characters through aliases") as caught:
        loads(text)
    assert (caught.value.line, caught.value.column) == (2, 4)  # the anchored value repeated
    path = tmp_path / "repeated.yaml"
    path.write_text(text)
    result = _run("validate", str(path))
    assert result.exit_code == 2
    assert f"{path}:2:4: ERROR text expands to more than 1000000 characters" in result.output


def _one_string_many_times(tmp_path: Path) -> Path:
    """The issue's report bomb: one 10,000-character name, anchored, reused 4,000 times
    as source, touchpoint, action and metric names (180 KB)."""
    lines = [HEADER.replace("name: Test initiative", "name: &n " + "A" * 10_000).rstrip(),
             "data_pipeline:", "  status: in_progress", "  decision_latency: PT1M",
             "  sources:"]
    lines += ["    - {name: *n, kind: crm, freshness: P1D, hops_from_system_of_record: 5}"] * 1000
    lines += ["integration:", "  status: in_progress", "  touchpoints:"]
    lines += ["    - {system: *n}"] * 1000
    lines += ["decision_boundaries:", "  status: in_progress", "  actions:"]
    lines += ["    - {action: *n, authority: autonomous}"] * 1000
    lines += ["outcomes:", "  status: in_progress", "  metrics:"]
    lines += ["    - {name: *n, kind: business}"] * 1000
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_one_long_string_repeated_through_aliases_cannot_amplify_output(
    tmp_path: Path, fmt: str
) -> None:
    path = _one_string_many_times(tmp_path)
    out = tmp_path / f"out.{fmt}"
    result = _run("validate", "-f", fmt, "-o", str(out), str(path))
    assert result.exit_code == 2
    assert out.stat().st_size < 100_000  # 60-120 MB before the limit
    assert "more than 1000000 characters through aliases" in out.read_text()


# --- unknown keys: found before pydantic ----------------------------------------------------


def test_unknown_keys_beyond_the_cap_are_counted_not_validated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 6,000 unknown top-level keys, and 500 in one source: pydantic sees one of each
    # mapping's, and only the errors shown are located in the file.
    text = HEADER + "".join(f"k{i}: 1\n" for i in range(6000)) + (
        "data_pipeline:\n  status: in_progress\n  sources:\n    - name: CRM\n      kind: crm\n"
        + "".join(f"      s{i}: 1\n" for i in range(500))
    )
    document = loads(text, "keys.yaml")
    produced: list[int] = []
    validate_model = Assessment.model_validate

    def counting(data: Any) -> Any:
        try:
            return validate_model(data)
        except ValidationError as exc:
            produced.append(exc.error_count())
            raise

    lookups = [0]
    position = document.position

    def located(loc: Any) -> tuple[int, int]:
        lookups[0] += 1
        return position(loc)

    monkeypatch.setattr(Assessment, "model_validate", counting)
    monkeypatch.setattr(document, "position", located)
    with pytest.raises(InvalidAssessment) as caught:
        validate(document)
    assert produced == [2]  # one unknown key of the top level, one of the source
    assert lookups[0] <= 2 * MAX_ERRORS
    errors = caught.value.errors
    assert len(errors) == MAX_ERRORS + 1
    assert errors[0].message == "unknown key 'k0' in the top level" and errors[0].line == 10
    assert errors[-1].message == (
        "6400 more errors not shown: only the first 100 of a file are reported")


def test_a_valid_file_goes_to_pydantic_once_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    document = loads((EXAMPLES / "care-copilot-ready.yaml").read_bytes(), "ready.yaml")
    seen: list[Any] = []
    validate_model = Assessment.model_validate

    def counting(data: Any) -> Any:
        seen.append(data)
        return validate_model(data)

    monkeypatch.setattr(Assessment, "model_validate", counting)
    validate(document)
    assert len(seen) == 1 and seen[0] is document.data


@pytest.mark.parametrize(("misspelt", "extra"), [(False, 0), (True, 0), (True, 120)])
def test_a_small_file_gets_the_errors_of_the_walk_for_unknown_keys(
    misspelt: bool, extra: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under the size where pydantic first sees the data as it is, a file that fails gets
    # the same errors as when the unknown keys are walked first.
    keys = "".join(f"k{i}: 1\n" for i in range(extra))
    text = HEADER.replace("stage: pilot", "stage: piloted") + keys
    if misspelt:
        text = text.replace("name: Priya Raman", "nmae: Priya Raman")
    document = loads(text, "small.yaml")
    with pytest.raises(InvalidAssessment) as direct:
        validate(document)
    monkeypatch.setattr(schema, "_DIRECT_UP_TO", 0)
    with pytest.raises(InvalidAssessment) as walked:
        validate(document)
    assert direct.value.errors == walked.value.errors
    assert len(direct.value.errors) == min(extra + 1 + misspelt, MAX_ERRORS + 1)


def test_unknown_keys_with_other_errors_are_reported_as_before() -> None:
    # A person with only an unknown key: the unknown key, not "needs a name" as well.
    text = HEADER.replace("{name: Priya Raman, role: VP Customer Care}", "{nmae: Priya}")
    with pytest.raises(InvalidAssessment) as caught:
        validate(loads(text, "person.yaml"))
    assert [(e.path, e.message) for e in caught.value.errors] == [
        ("initiative.accountable_owner.nmae",
         "unknown key 'nmae' in initiative.accountable_owner; did you mean 'name'?")]


# --- the nesting scan -----------------------------------------------------------------------


def test_a_flat_file_is_not_scanned_for_nesting(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(loader, "_scan_nesting", refuse)
    loads("schema_version: 1\n" + "".join(f"k{i}: [a, {{b: c}}]\n" for i in range(10)))
    loads("schema_version: 1\n" + "".join(f"k{i}: 1\n" for i in range(30_000)))  # 260 KB


def _root(text: str) -> Any:
    """The composed node of `text`, as the loader composes it."""
    node = loader._CachingLoader(text).get_single_node()
    assert node is not None
    return node


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_the_bound_on_values_is_never_below_the_count(name: str) -> None:
    text = (EXAMPLES / name).read_text()
    walker = loader._Walker(name, loader._CachingLoader(text), DEFAULT_LIMITS)
    walker.walk(_root(text), 0)
    assert 0 < walker.nodes <= loader._most_values(text)
    flow = "schema_version: 1\nx: [" + ",".join(["[1, {a: 2}]"] * 50) + "]\n"
    walker = loader._Walker("flow", loader._CachingLoader(flow), DEFAULT_LIMITS)
    walker.walk(_root(flow), 0)
    assert walker.nodes <= loader._most_values(flow)


@pytest.mark.parametrize("text", [
    "x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "end\n",
    "x:\n" + "- " * 60 + "end\n",
    "x:\n" + "".join("  " * (2 * i) + "- k:\n" for i in range(30)) + "  " * 60 + "end\n",
])
def test_block_nesting_over_the_limit_is_still_found(text: str) -> None:
    with pytest.raises(LoadError, match="nesting deeper than 50 levels"):
        loads("schema_version: 1\n" + text)


def test_the_cycle_collector_does_not_walk_a_file_being_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib
    import gc
    import weakref

    from readiness import batch
    from readiness.packs import load_pack
    from readiness.thresholds import Bar, Thresholds
    from tests.common import TODAY

    path = tmp_path / "keys.yaml"
    path.write_text("schema_version: 1\n" + "".join(f"k{i}: 1\n" for i in range(2_000)))
    enabled: list[bool] = []
    documents: list[Any] = []
    alive_at_resume: list[bool] = []
    load, paused = loader.load, loader.collector_paused

    def loading(name: Any) -> Any:
        document = load(name)
        enabled.append(gc.isenabled())
        documents.append(weakref.ref(document))
        return document

    @contextlib.contextmanager
    def pausing() -> Any:
        with paused():
            yield
            enabled.append(gc.isenabled())
        alive_at_resume.append(documents[0]() is not None)

    monkeypatch.setattr(batch, "load", loading)
    monkeypatch.setattr(batch, "collector_paused", pausing)
    report = batch.check_file(path, load_pack(None), Thresholds(), TODAY, Bar())
    assert not report.valid and len(report.errors) == MAX_ERRORS + 1
    assert enabled == [False, False]  # off while the file is read and checked
    assert alive_at_resume == [False]  # and its objects gone before the collector is back
    assert gc.isenabled()


# --- findings per file ----------------------------------------------------------------------


def _stale_sources(count: int, tail: str = "") -> str:
    """`count` sources too stale for the decision latency: one DAT001 finding each."""
    return HEADER + (
        "data_pipeline:\n  status: in_progress\n  decision_latency: PT1M\n  sources:\n"
        + "".join(f"    - {{name: s{i}, kind: crm, owner: o, freshness: P1D}}\n"
                  for i in range(count))
    ) + tail


def test_findings_at_the_limit_are_all_reported() -> None:
    from readiness.engine import MAX_FINDINGS
    from tests.common import run

    result = run(_stale_sources(MAX_FINDINGS))
    assert (len(result.findings), result.findings_not_shown) == (100, 0)


def test_findings_over_the_limit_are_counted_not_shown() -> None:
    from readiness.engine import MAX_FINDINGS
    from readiness.findings import Severity
    from tests.common import run

    result = run(_stale_sources(MAX_FINDINGS + 1))
    assert (len(result.findings), result.findings_not_shown) == (100, 1)
    assert result.counts[Severity.MAJOR] == 101  # the bar counts every finding
    assert "'s99'" in result.findings[-1].message  # the first ones, in file order


def test_the_findings_kept_are_the_most_severe_and_every_problem() -> None:
    from readiness.findings import Severity
    from tests.common import run

    # 300 stale sources (major), then a blocker and a minor written after all of them.
    tail = ("decision_boundaries:\n  status: in_progress\n  actions:\n"
            "    - {action: Refund, authority: autonomous}\n"
            "    - {action: Never, authority: prohibited}\n"
            "outcomes:\n  status: in_progress\n  metrics:\n"
            "    - {name: handle time, kind: business, target: 8, owner: o}\n")
    result = run(_stale_sources(300, tail))
    rules = {f.rule for f in result.findings}
    assert {"DEC001", "OUT003", "DAT001"} <= rules  # the blocker, the minor, the majors
    assert len(result.findings) == 100
    assert result.findings_not_shown == sum(result.counts.values()) - 100
    assert result.counts[Severity.BLOCKER] >= 1
    lines = [f.line for f in result.findings]
    assert lines == sorted(lines)  # still in file order


@pytest.mark.parametrize(("command", "fmt", "said"), [
    ("validate", "text", "1 more finding not shown: only 100 of a file are reported"),
    ("validate", "json", '"findings_not_shown": 1'),
    ("validate", "sarif", '"findingsNotShown": 1'),
    ("validate", "junit", '<property name="findings_not_shown" value="1" />'),
    ("validate", "github", "1 more finding not shown"),
    ("report", "md", "1 more finding not shown: only 100 of a file are reported"),
    ("report", "html", "1 more finding not shown: only 100 of a file are reported"),
])
def test_every_format_says_how_many_findings_were_left_out(
    tmp_path: Path, command: str, fmt: str, said: str
) -> None:
    path = tmp_path / "stale.yaml"
    path.write_text(_stale_sources(101))
    out = tmp_path / f"out.{fmt}"
    result = _run(command, str(path), "-f", fmt, "-o", str(out), "--today", "2026-11-25",
                  env={"GITHUB_STEP_SUMMARY": ""})
    assert result.exit_code in (0, 1), result.output
    text = out.read_text().replace("&#39;", "'").replace("\\u0027", "'")
    assert said in text
    # The 101st finding is left out (the report's data map still lists its source).
    assert "Source 's99'" in text and "Source 's100'" not in text


def test_the_job_summary_says_how_many_findings_were_left_out(tmp_path: Path) -> None:
    path = tmp_path / "stale.yaml"
    path.write_text(_stale_sources(101))
    summary = tmp_path / "summary.md"
    result = _run("validate", str(path), "-f", "github", "--today", "2026-11-25",
                  env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    assert "- 1 more finding not shown: only 100 of a file are reported" in summary.read_text()


# --- a closed pipe ----------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "code"), [
    (["portfolio", "examples"], 1),
    (["portfolio", "examples", "-o", "/dev/stdout"], 1),
    (["validate", "examples", "-f", "sarif", "-o", "/dev/stdout"], 1),
    (["report", "examples/care-copilot-ready.yaml", "-f", "html", "-o", "/dev/stdout"], 0),
    (["questions", "examples", "-f", "md", "-o", "/dev/stdout"], 0),
])
def test_a_closed_pipe_is_not_an_error(args: list[str], code: int) -> None:
    """`readiness portfolio ... | head -1`: the reader has gone before anything is written
    (its end of the pipe is closed before the command starts, so this does not depend on
    timing); the command ends quietly with the exit code it computes."""
    import os
    import subprocess
    import sys

    from tests.common import ROOT

    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "readiness", *args,
             *([] if args[0] == "questions" else ["--today", "2026-11-25"])],
            stdout=writing, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120,
            check=False, env={k: v for k, v in os.environ.items() if not k.startswith("GITHUB")},
        )
    finally:
        os.close(writing)
    assert done.returncode == code, done.stderr
    assert "Broken pipe" not in done.stderr and "error" not in done.stderr, done.stderr


# --- Markdown GitHub would link, and C1 controls ---------------------------------------------


@pytest.mark.parametrize(("text", "shown"), [
    ("see https://evil.example/x", "see https\u2060://evil.example/x"),
    ("HTTP://evil.example", "HTTP\u2060://evil.example"),
    ("www.evil.example", "www\u2060.evil.example"),
    ("ask @security-team", "ask @\u2060security-team"),
    ("mail a@b.example", "mail a@\u2060b.example"),
    ("fixed in #12", "fixed in \\#\u206012"),
    ("![x](https://evil.example/p.png)", "\\!\\[x\\]\\(https\u2060://evil.example/p.png\\)"),
    ("nul\x00 c1\x85 esc\x1b rlo\u202e", "nul  c1  esc  rlo"),
    ("an email@ alone, a # alone, www alone", "an email@ alone, a \\# alone, www alone"),
])
def test_markdown_leaves_nothing_for_github_to_link_or_notify(text: str, shown: str) -> None:
    from readiness.reporters.templating import md

    assert md(text) == shown


def test_the_job_summary_escapes_file_content(tmp_path: Path) -> None:
    import yaml

    from tests.common import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "churn-accuracy-only.yaml").read_text())
    data["initiative"]["name"] = "![x](https://evil.example/p.png) @team \x00\x1b[31m\x85\u202e"
    data["[Re-login](https://evil.example)"] = 1
    path = tmp_path / "evil.yaml"
    path.write_text(yaml.safe_dump(data))
    summary = tmp_path / "summary.md"
    _run("validate", str(path), "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert "unknown key '\\[Re-login\\]\\(https\u2060://evil.example\\)'" in text
    for raw in ("](https://", "@team", "\x00", "\x1b", "\x85", "\u202e"):
        assert raw not in text


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_c1_controls_are_escaped_in_machine_formats(tmp_path: Path, fmt: str) -> None:
    import json

    path = tmp_path / "c1.yaml"
    path.write_text(HEADER.replace("name: Test initiative", 'name: "next\\x85line del\\x7f"')
                    + 'unknown: 1\n"key\\x85": 1\n')
    out = tmp_path / f"out.{fmt}"
    _run("validate", str(path), "-f", fmt, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "\x85" not in text and "\x7f" not in text
    if fmt == "junit":
        assert "key\\x85" in text
    else:
        assert "key\\u0085" in text
        assert "key\x85" in json.dumps(json.loads(text), ensure_ascii=False)  # round-trips


def test_c1_controls_are_escaped_in_diff_markdown(tmp_path: Path) -> None:
    from tests.common import EXAMPLES

    new = tmp_path / "new.yaml"
    new.write_text((EXAMPLES / "care-copilot-ready.yaml").read_text().replace(
        "name: Tier-1 technical support agent copilot", 'name: "Tier-1\\x85copilot"'))
    result = _run("diff", str(EXAMPLES / "care-copilot-ready.yaml"), str(new), "-f", "md")
    assert "Tier-1" in result.stdout and "\x85" not in result.stdout


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_is_not_skipped_by_a_folder_scan(
    tmp_path: Path, encoding: str
) -> None:
    # Found by the property tests: UTF-16 with no byte order mark is valid UTF-8 (with a
    # NUL byte every other byte), so a folder scan did not see `schema_version` and
    # skipped the file.
    from tests.common import EXAMPLES

    (tmp_path / "hidden.yaml").write_bytes(
        (EXAMPLES / "churn-accuracy-only.yaml").read_text().encode(encoding))
    result = _run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "hidden.yaml:1:1: ERROR UTF-16 text: save the file as UTF-8" in result.output


def test_the_json_count_of_findings_left_out_follows_the_output_schema(tmp_path: Path) -> None:
    import json

    from jsonschema import Draft202012Validator

    from tests.common import ROOT

    path = tmp_path / "stale.yaml"
    path.write_text(_stale_sources(150))
    result = _run("validate", str(path), "-f", "json", "--today", "2026-11-25")
    output = json.loads(result.stdout)
    schema = json.loads((ROOT / "docs/schemas/validate-output.schema.json").read_text())
    assert list(Draft202012Validator(schema).iter_errors(output)) == []
    (entry,) = output["files"]
    assert (len(entry["findings"]), entry["findings_not_shown"]) == (100, 50)
