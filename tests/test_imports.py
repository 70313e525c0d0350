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

from tests.common import ROOT

PROBE = """
import contextlib, io, json, runpy, sys
sys.argv = ["readiness", *sys.argv[1:]]
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        runpy.run_module("readiness", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "output": out.getvalue(), "modules": sorted(sys.modules)}))
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
