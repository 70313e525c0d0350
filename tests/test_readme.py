"""The README is tested: its command table is generated from `--help`, and the commands it
shows run as written on the bundled examples."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.reporters.commands import README_END, README_START, replace_block, summary
from tests.common import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_command_table_is_current() -> None:
    assert replace_block(README, summary()) == README, (
        "README.md's command table is stale: run `readiness cli-reference --readme README.md`"
    )
    block = README[README.index(README_START) : README.index(README_END)]
    for command in ("init", "assess", "validate", "report", "portfolio", "diff", "history",
                    "rules", "schema"):
        assert f"`readiness {command}`" in block


def _shown_commands() -> list[str]:
    """Every `readiness ...` line of the README's sh blocks that reads only bundled files."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command.startswith("readiness ") and "examples/" in command:
                commands.append(command)
    return commands


def _tracked(path: str) -> bool:
    done = subprocess.run(["git", "ls-files", "--error-unmatch", path], cwd=ROOT,
                          capture_output=True)
    return done.returncode == 0


@pytest.mark.parametrize("command", _shown_commands())
def test_readme_commands_run_as_written(command: str, tmp_path: Path) -> None:
    """Outputs go to a temporary folder; exit codes are those the README promises."""
    args = shlex.split(command)[1:]
    if args[0] == "history" and not _tracked(args[1]):
        pytest.skip(f"{args[1]} is not tracked by git in this checkout")
    args = [str(tmp_path / Path(a).name) if a.endswith((".html", ".md")) and "examples" not in a
            else str(ROOT / a) if a.startswith("examples") else a for a in args]
    done = subprocess.run([sys.executable, "-m", "readiness", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    # validate, report and portfolio exit 1 when an initiative falls short of the bar
    allowed = {0, 1} if args[0] in ("validate", "report", "portfolio") else {0}
    assert done.returncode in allowed, (command, done.returncode, done.stdout, done.stderr)


def test_readme_shows_the_two_setup_commands_first() -> None:
    setup = README.index("## Set-up on a fresh machine")
    assert README.index("make demo", setup) < README.index("## The six gates")
    assert README.index("make test", setup) < README.index("## The six gates")
