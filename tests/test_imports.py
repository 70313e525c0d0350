"""`readiness --version` and `--help` stay fast: they load neither pydantic, Jinja2 nor the rules.

Each command module imports the library inside its function; this test runs the real
entry point in a fresh interpreter and looks at what ended up in `sys.modules`, so an
import added at the top of any command module, or of `readiness/__init__.py`, fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from readiness.cli import _app_for, _command_name, app
from tests.common import ROOT

COMMAND_NAMES = [_command_name(info) for info in app.registered_commands]

PROBE = """
import contextlib, gc, io, json, runpy, sys
sys.argv = ["readiness", *sys.argv[1:]]
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        runpy.run_module("readiness", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "output": out.getvalue(), "modules": sorted(sys.modules),
                  "frozen": gc.get_freeze_count()}))
"""

HEAVY = ("pydantic", "pydantic_core", "jinja2", "readiness.rules", "readiness.model", "yaml")


def loaded(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={"PATH": "", "COLUMNS": "100", "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def heavy(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_load_no_heavy_module(args: tuple[str, ...]) -> None:
    result = loaded(*args)
    assert result["code"] in (0, None)
    assert "readiness" in str(result["output"])  # the command really ran
    assert heavy(result["modules"]) == []


def test_the_probe_sees_heavy_modules_when_they_load() -> None:
    # The same probe on a command that needs the library does list them, so the test
    # above can fail.
    result = loaded("rules", "DAT001")
    assert "readiness.rules" in heavy(result["modules"])
    assert "pydantic" in heavy(result["modules"])


def test_a_command_leaves_what_it_made_out_of_the_collections_at_exit() -> None:
    # Python's collections as it exits would walk every object of the models and rules
    # once more: frozen when the command is over, they are left to the process's end.
    result = loaded("rules", "DAT001")
    assert "DAT001" in str(result["output"])
    assert isinstance(result["frozen"], int) and result["frozen"] > 10_000
    assert loaded("--version")["frozen"] == 0  # answered before any command runs


def help_of(application: typer.Typer, *args: str) -> str:
    result = CliRunner().invoke(application, [*args, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_a_command_line_builds_only_its_command(name: str) -> None:
    # Typer builds the parameters of every command it holds before running one: the
    # command line gets an app with only its command, whose help is the whole app's.
    only = _app_for(["--debug", name, "x", "--help"])
    assert [_command_name(info) for info in only.registered_commands] == [name]
    assert help_of(only, name) == help_of(app, name)


@pytest.mark.parametrize("args", [[], ["--help"], ["--debug"], ["valdate", "x"]])
def test_no_command_or_a_misspelt_one_gets_the_whole_app(args: list[str]) -> None:
    assert _app_for(args) is app


def test_a_misspelt_command_is_still_suggested() -> None:
    result = CliRunner().invoke(_app_for(["valdate"]), ["valdate"], env={"COLUMNS": "100"})
    assert result.exit_code == 2
    assert "Did you mean 'validate'?" in result.output
