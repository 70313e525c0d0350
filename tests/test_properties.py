"""Property-based tests: whatever a file holds, `validate` answers 0, 1 or 2, never with a
traceback, and its JSON output always matches docs/schemas/validate-output.schema.json.

Documents come from `tests/strategies.py`: valid ones (which must validate), mutated ones
(wrong types, missing and extra keys, random unicode, huge and non-finite numbers, deep
nesting, impossible dates, nulls) and damaged text (truncated, spliced with random bytes,
re-encoded). They go through the library path the command uses (`iter_reports` and the
JSON reporter), and a smaller share through the real command via Typer's runner.

The `ci` profile keeps the run short; `HYPOTHESIS_PROFILE=thorough` runs 20x as many
examples. docs/reliability.md records how many ran.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from readiness.choices import EXIT_BELOW_BAR, EXIT_INVALID, EXIT_OK, Format
from readiness.packs import load_pack
from readiness.thresholds import Bar, Thresholds
from tests.common import ROOT, TODAY, checked, rendered, written
from tests.strategies import (
    Mutated,
    damaged_text,
    document_text,
    encoded_documents,
    key_mistakes,
    many_unknown_keys,
    marked_up_documents,
    mutated_documents,
    odd_file_names,
    to_yaml,
    valid_documents,
)

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,  # the first example pays for imports; timing is not what is tested here
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # keep the shared checkout free of .hypothesis/ examples
    print_blob=True,  # a failure prints the @reproduce_failure blob to replay it
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=2000)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(share: float) -> settings:
    """The profile with `share` of its examples: cheap properties run more, the command
    line (option parsing, output capture) fewer."""
    return settings(PROFILE, max_examples=max(10, int(PROFILE.max_examples * share)))


SCHEMA_PATH = ROOT / "docs" / "schemas" / "validate-output.schema.json"
PACK = load_pack(None)
THRESHOLDS = Thresholds()
BAR = Bar()
SCRATCH = Path(tempfile.mkdtemp(prefix="readiness-properties-"))
READY_TEXT = (ROOT / "examples" / "care-copilot-ready.yaml").read_text(encoding="utf-8")


def _output_schema() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


OUTPUT_SCHEMA = _output_schema()


def _write(content: str | bytes, suffix: str = ".yaml") -> Path:
    path = SCRATCH / f"case{suffix}"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _validate(path: Path) -> dict[str, Any]:
    """What `readiness validate --format json PATH` does, in process; checks the promises."""
    report = checked([path], PACK, THRESHOLDS, TODAY, BAR)
    assert report.exit_code in (EXIT_OK, EXIT_BELOW_BAR, EXIT_INVALID)
    text = rendered(Format.JSON, report)
    output = json.loads(text, parse_constant=_not_json)
    errors = sorted(OUTPUT_SCHEMA.iter_errors(output), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    entry: dict[str, Any]
    (entry,) = output["files"]
    assert entry["valid"] == (report.exit_code != EXIT_INVALID)
    event(f"exit {report.exit_code}")
    return entry


def _not_json(constant: str) -> Any:
    """Python's json reads NaN and Infinity; strict JSON parsers do not."""
    raise AssertionError(f"{constant} in JSON output")


@examples(0.8)
@given(document_text(valid_documents()))
def test_valid_documents_validate(case: tuple[Any, str]) -> None:
    data, text = case
    entry = _validate(_write(text))
    assert entry["valid"], (
        f"a document docs/format.md allows was rejected: {entry['errors']}\n{text}")
    assert entry["initiative"] == data["initiative"]["id"]


@examples(1.2)
@given(document_text(mutated_documents()))
def test_mutated_documents_answer_cleanly(case: tuple[Mutated, str]) -> None:
    mutated, text = case
    entry = _validate(_write(text))
    for mutation in mutated.mutations:
        kind = mutation.split(" ", 1)[0]
        event(f"mutation: {kind if kind in ('del', 'add', 'root') else 'replace'}")
    if mutated.must_report:
        event("must report an error at a named path")
    for path in mutated.must_report:
        # An unknown key or a missing required key is always named in an error.
        assert not entry["valid"], f"{mutated.mutations} went unreported"
        assert any(error["path"] == path for error in entry["errors"]), (
            f"{mutated.mutations}: no error at {path}: {entry['errors']}"
        )


@examples(0.6)
@given(document_text(key_mistakes()))
def test_unknown_and_missing_keys_are_named(case: tuple[Mutated, str]) -> None:
    mutated, text = case
    entry = _validate(_write(text))
    (path,) = mutated.must_report
    assert not entry["valid"], f"{mutated.mutations} went unreported"
    assert any(error["path"] == path for error in entry["errors"]), (
        f"{mutated.mutations}: no error at {path}: {entry['errors']}"
    )


@examples(0.6)
@given(damaged_text())
def test_damaged_text_answers_cleanly(raw: bytes) -> None:
    entry = _validate(_write(raw))
    for error in entry["errors"]:
        assert error["line"] >= 1 and error["column"] >= 1


@examples(1.0)
@given(st.binary(max_size=2048))
def test_random_bytes_answer_cleanly(raw: bytes) -> None:
    entry = _validate(_write(raw, ".json"))
    assert not entry["valid"]  # random bytes are never an assessment


@examples(0.15)
@given(
    st.one_of(
        document_text(valid_documents()), document_text(mutated_documents())
    ).map(lambda case: case[1])
)
def test_command_line_never_tracebacks(text: str) -> None:
    from typer.testing import CliRunner

    from readiness.cli import app

    path = _write(text)
    result = CliRunner().invoke(
        app, ["validate", "--format", "json", "--today", TODAY.isoformat(), str(path)]
    )
    assert result.exit_code in (EXIT_OK, EXIT_BELOW_BAR, EXIT_INVALID), result.output
    # typer's runner turns an escaped exception into result.exception; SystemExit is the
    # normal way out of a command.
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception)
    )
    assert "Traceback" not in result.output
    output = json.loads(result.stdout, parse_constant=_not_json)
    assert not list(OUTPUT_SCHEMA.iter_errors(output))


# --- hostile shapes -----------------------------------------------------------------------


@examples(0.3)
@given(many_unknown_keys().flatmap(
    lambda case: st.tuples(st.just(case[1]), document_text(st.just(case[0])))))
def test_every_unknown_key_is_counted_and_the_first_are_shown(
    case: tuple[int, tuple[Any, str]]
) -> None:
    from readiness.schema import MAX_ERRORS

    added, (_, text) = case
    entry = _validate(_write(text))
    errors = entry["errors"]
    assert not entry["valid"]
    assert len(errors) == min(added, MAX_ERRORS) + (added > MAX_ERRORS)
    shown = errors[:-1] if added > MAX_ERRORS else errors
    assert all(e["message"].startswith("unknown key 'unknown_") for e in shown)
    assert [(e["line"], e["column"]) for e in shown] == sorted(
        (e["line"], e["column"]) for e in shown)
    if added > MAX_ERRORS:
        more = added - MAX_ERRORS
        said = "1 more error" if more == 1 else f"{more} more errors"
        assert errors[-1]["message"].startswith(f"{said} not shown")


@examples(0.3)
@given(encoded_documents())
def test_a_byte_order_mark_is_read_and_utf16_is_reported(case: tuple[bytes, str]) -> None:
    from readiness.batch import is_assessment

    raw, encoding = case
    path = _write(raw)
    assert is_assessment(path)  # a folder scan never skips it
    entry = _validate(path)
    if encoding.startswith("utf-8"):
        assert entry["valid"], entry["errors"]
    else:
        assert not entry["valid"]
        assert "UTF-16" in entry["errors"][0]["message"] or "not UTF-8" in (
            entry["errors"][0]["message"])


@examples(0.2)
@given(odd_file_names, st.booleans())
def test_odd_file_names_stay_on_their_line(name: str, valid: bool) -> None:
    from tests.test_hostile import check_github, check_terminal

    folder = Path(tempfile.mkdtemp(dir=SCRATCH))
    content = READY_TEXT if valid else "schema_version: 1\nx: 1\n"
    (folder / name).write_text(content, encoding="utf-8")
    report = checked([folder], PACK, THRESHOLDS, TODAY, BAR)
    assert len(report.files) == 1
    as_text = rendered(Format.TEXT, report)
    for output in (as_text, rendered(Format.GITHUB, report, environ={"GITHUB_WORKSPACE": "/"})):
        check_terminal(output)
        check_github(output)  # a line starting with `::` is one of the reporter's commands
    assert not any(line.startswith("::") for line in as_text.splitlines())


@examples(0.2)
@given(marked_up_documents())
def test_markup_in_every_field_stays_inert(data: dict[str, Any]) -> None:
    from readiness.engine import assess
    from readiness.loader import loads
    from readiness.reporters import github, markdown
    from readiness.reporters import report_view as document
    from readiness.schema import validate
    from tests.test_hostile import (
        check_github,
        check_markdown,
        check_no_raw_control,
        check_template_not_evaluated,
        check_terminal,
    )

    path = _write(to_yaml(data))
    report = checked([path], PACK, THRESHOLDS, TODAY, BAR)
    assert report.files[0].valid, report.files[0].errors
    for output in (rendered(Format.TEXT, report), rendered(Format.GITHUB, report)):
        check_terminal(output)
        check_github(output)
    summary = written(github.SummaryWriter, report)
    loaded = loads(path.read_bytes(), str(path))
    result = assess(loaded, validate(loaded), PACK, THRESHOLDS, TODAY)
    as_markdown = markdown.render(document.build(result))
    for output in (summary, as_markdown):
        check_markdown(output)
        check_no_raw_control(output)
    if "7*7" in data["initiative"]["name"]:
        check_template_not_evaluated(as_markdown)
