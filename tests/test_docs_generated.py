"""The generated references are current: docs/rules.md from `readiness rules --format md`,
docs/cli.md from the `--help` of every command, and the field reference of docs/format.md
from the descriptions of the model's fields. Regenerate with `make docs`:

    readiness rules --format md --output docs/rules.md
    readiness cli-reference --output docs/cli.md
    readiness field-reference --doc docs/format.md
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from readiness.reporters import fields
from readiness.reporters.catalogue import markdown
from readiness.reporters.commands import reference, replace_block
from readiness.reporters.fields import DOC_END, DOC_START
from readiness.rules import REGISTRY
from tests.common import ROOT


def test_rules_reference_is_current() -> None:
    checked_in = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert checked_in == markdown(), (
        "docs/rules.md is stale: run `readiness rules --format md --output docs/rules.md`"
    )
    for rule_id, rule in REGISTRY.items():
        assert f"## {rule_id} {rule.name}" in checked_in


@pytest.mark.generated
def test_cli_reference_is_current() -> None:
    checked_in = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert checked_in == reference(), (
        "docs/cli.md is stale: run `readiness cli-reference --output docs/cli.md`"
    )
    for command in ("init", "validate", "rules", "schema"):
        assert f"## readiness {command}\n" in checked_in
    assert "## readiness cli-reference" not in checked_in  # hidden commands stay out


@pytest.mark.generated
def test_cli_reference_does_not_depend_on_the_terminal() -> None:
    env = {**os.environ, "COLUMNS": "40", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "readiness", "cli-reference"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == reference()
    assert "\x1b[" not in proc.stdout


def test_field_reference_is_current() -> None:
    checked_in = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert replace_block(checked_in, fields.reference(), DOC_START, DOC_END) == checked_in, (
        "docs/format.md is stale: run `readiness field-reference --doc docs/format.md`"
    )
    block = checked_in[checked_in.index(DOC_START) : checked_in.index(DOC_END)]
    for path, meaning in [
        ("data_pipeline.sources", "How old the data can be when the AI reads it"),
        ("decision_boundaries.actions[*].limit", "0 is valid"),
        ("governance", "Quebec Law 25 (s. 12.1)"),
    ]:
        assert f"### `{path}`" in block
        assert meaning in block


def test_the_terminal_help_keeps_every_bracketed_text_of_the_reference() -> None:
    # Typer renders `--help` with rich markup, where text in square brackets that reads
    # as a style ('[tool.readiness]', a '[default: blocker]' written by hand) disappears.
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    sections = re.split(r"\n## readiness (\S+)\n", reference())
    checked = 0
    for command, plain in zip(sections[1::2], sections[2::2], strict=True):
        shown = subprocess.run(
            [sys.executable, "-m", "readiness", command, "--help"],
            cwd=ROOT, capture_output=True, text=True, env=env, timeout=60,
        ).stdout
        flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", shown).split())
        for bracketed in set(re.findall(r"\[[^\]\n]{1,40}\]", plain)):
            if not re.match(r"\[(required|env var)|.*x<=", bracketed):
                assert bracketed in flat, f"`readiness {command} --help` loses {bracketed}"
                checked += 1
    assert checked >= 3  # [FILE], [ID] and the other metavars at least
