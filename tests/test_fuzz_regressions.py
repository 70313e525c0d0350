"""The fuzzer's findings stay fixed: every input in fuzz/crashes/ and the seed corpus
fuzz/corpus/ runs through `fuzz/harness.py` (loader, schema, engine, JSON and text output)
without an exception, and each crash input ends the way its fix intended.

A run of the coverage-guided fuzzer itself is opt-in: `make fuzz` sets
READINESS_FUZZ_SECONDS and needs atheris (`pip install -e '.[test]'` installs it).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.common import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
from harness import check_one, inputs  # noqa: E402

FUZZ = ROOT / "fuzz"
INPUTS = inputs()
FUZZ_SECONDS = int(os.environ.get("READINESS_FUZZ_SECONDS", "0"))


def test_there_are_inputs_to_replay() -> None:
    assert len([p for p in INPUTS if p.parent.name == "corpus"]) >= 5
    assert len([p for p in INPUTS if p.parent.name == "crashes"]) >= 1


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_input_is_answered_cleanly(path: Path) -> None:
    report = check_one(path.read_bytes(), path.name)
    if path.parent.name == "corpus":
        assert report.valid, report.errors  # the seeds are valid assessments


def _errors(name: str) -> list[tuple[str, str]]:
    report = check_one((FUZZ / "crashes" / name).read_bytes(), name)
    return [(error.path, error.message) for error in report.errors]


def test_a_key_with_a_bracket_is_named_in_its_error() -> None:
    # Was IndexError: the key `schema[version` was taken for a pydantic validator tag.
    errors = _errors("key-with-bracket.yaml")
    assert ("schema[version", "unknown key 'schema[version' in the top level; "
            "did you mean 'schema_version'?") in errors


def test_an_integer_too_large_for_a_float_is_refused() -> None:
    # Was OverflowError in the scaling check (users_enabled / users_total).
    paths = [path for path, _ in _errors("integer-too-large-for-float.yaml")]
    assert paths == ["rollout.users_enabled", "workflow.monthly_volume"]


def test_non_finite_numbers_are_refused() -> None:
    # Were accepted, scored, and made `readiness report` raise ValueError.
    errors = _errors("non-finite-numbers.yaml")
    assert len(errors) == 7 and all(message == "Input should be a finite number"
                                    for _, message in errors)


def test_a_character_yaml_forbids_is_reported_where_it_is() -> None:
    report = check_one((FUZZ / "crashes" / "json-with-raw-del.json").read_bytes())
    (error,) = report.errors
    assert "U+007F" in error.message
    text = (FUZZ / "crashes" / "json-with-raw-del.json").read_text(encoding="utf-8")
    assert (error.line, error.column) == (1, text.index("\x7f") + 1)


def test_json_exponent_numbers_are_numbers() -> None:
    # JSON writes 5e-324 and 1e3 without a dot; YAML 1.1 read them as text.
    report = check_one((FUZZ / "crashes" / "json-exponent-numbers.json").read_bytes())
    assert report.valid, report.errors
    assert report.result is not None
    (metric,) = report.result.assessment.metrics
    assert (metric.baseline, metric.target) == (5e-324, 1000.0)


@pytest.mark.skipif(FUZZ_SECONDS <= 0, reason="a fuzzing run is opt-in: make fuzz")
@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (pip install atheris; it ships wheels for CPython "
    "3.11 on Linux and macOS)",
)
def test_a_short_fuzz_run_finds_nothing(tmp_path: Path) -> None:
    """libFuzzer for FUZZ_SECONDS from the seed corpus and the crash inputs; new inputs go
    to a scratch folder, so the checked-in corpus is left as it is."""
    scratch = tmp_path / "corpus"
    scratch.mkdir()
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    command = [
        sys.executable, str(FUZZ / "fuzz_loader.py"),
        f"-max_total_time={FUZZ_SECONDS}", f"-dict={FUZZ / 'readiness.dict'}",
        f"-artifact_prefix={artifacts}/", "-print_final_stats=1",
        str(scratch), str(FUZZ / "corpus"), str(FUZZ / "crashes"),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=FUZZ_SECONDS + 60,
                         cwd=tmp_path)
    log = run.stdout + run.stderr
    found = sorted(artifacts.iterdir())
    assert run.returncode == 0 and not found, (
        "the fuzzer found an input that breaks validate; save it in fuzz/crashes/, fix it, "
        f"and replay it with this module:\n{found}\n{log[-4000:]}"
    )
    assert "Done" in log and "stat::number_of_executed_units" in log
