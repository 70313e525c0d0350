"""Writes are atomic: an interrupted write leaves the previous file whole and no
temporary file behind, in `readiness.atomic.write_atomic` and in every command that writes.

The write is interrupted where it hurts most: after the text is written and before the
rename (`os.replace`), while flushing to disk (`os.fsync`), by Ctrl-C, and by a SIGKILL
of the process between the two (which no cleanup can follow: the previous file must still
be whole, and the new text complete in its temporary file).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from readiness.atomic import write_atomic
from readiness.cli import app
from tests.common import EXAMPLES, ROOT

PREVIOUS = "previous content\n" * 100


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _raiser(exc: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out.txt"
    path.write_text(PREVIOUS)
    return path


def test_write_replaces_the_file(target: Path) -> None:
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize(
    ("function", "exc"),
    [
        ("replace", OSError(28, "No space left on device")),
        ("fsync", OSError(5, "Input/output error")),
        ("replace", KeyboardInterrupt()),
        ("fsync", KeyboardInterrupt()),
    ],
    ids=["rename-fails", "fsync-fails", "ctrl-c-before-rename", "ctrl-c-during-fsync"],
)
def test_an_interrupted_write_keeps_the_previous_file(
    target: Path, monkeypatch: pytest.MonkeyPatch, function: str, exc: BaseException
) -> None:
    monkeypatch.setattr(os, function, _raiser(exc))
    with pytest.raises(type(exc)):
        write_atomic(target, "new text that must not appear\n")
    monkeypatch.undo()
    assert target.read_text() == PREVIOUS
    assert _leftovers(target.parent) == []


def test_an_interrupted_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", _raiser(OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        write_atomic(tmp_path / "new.txt", "text\n")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_permissions_of_the_previous_file_are_kept(target: Path) -> None:
    target.chmod(0o600)
    write_atomic(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    fresh = target.parent / "fresh.txt"
    write_atomic(fresh, "x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_a_killed_process_leaves_the_previous_file_whole(target: Path) -> None:
    """SIGKILL between writing the temporary file and renaming it: the target is the old
    text, never a mix, and the new text is complete (fsynced) in the temporary file."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from readiness.atomic import write_atomic
        os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
        write_atomic({str(target)!r}, "new\\n" * 1000)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert run.returncode == -signal.SIGKILL
    assert target.read_text() == PREVIOUS
    (temporary,) = _leftovers(target.parent)  # nothing can clean up after a SIGKILL ...
    assert temporary.startswith(".out.txt.")  # ... but it is hidden, named after the target
    assert (target.parent / temporary).read_text() == "new\n" * 1000


# --- every command that writes --------------------------------------------------------------

EXAMPLE = "care-copilot-ready.yaml"
OTHER = "churn-accuracy-only.yaml"


def _commands(work: Path, out: Path) -> dict[str, list[str]]:
    """Arguments that make each writing command write `out`."""
    example, other = str(work / EXAMPLE), str(work / OTHER)
    answers = work / "answers.yaml"
    answers.write_text("initiative.name: Renamed initiative\n")
    return {
        "init": ["init", str(out), "--force"],
        "assess": ["assess", str(out), "--answers", str(answers)],
        "validate": ["validate", example, "--format", "json", "--output", str(out)],
        "report": ["report", example, "--output", str(out)],
        "portfolio": ["portfolio", example, other, "--output", str(out)],
        "diff": ["diff", other, example, "--force", "--output", str(out)],
        "history": ["history", str(EXAMPLES / EXAMPLE), "--output", str(out)],
        "questions": ["questions", example, "--output", str(out)],
        "rules": ["rules", "--output", str(out)],
        "schema": ["schema", "--output", str(out)],
        "cli-reference": ["cli-reference", "--output", str(out)],
        "field-reference": ["field-reference", "--output", str(out)],
    }


def _writing_commands() -> set[str]:
    group = typer.main.get_command(app)
    names = {
        name for name, command in group.commands.items()  # type: ignore[attr-defined]
        if any(param.name == "output" for param in command.params)
    }
    return names | {"init", "assess"}  # these write the file they are given


def test_every_writing_command_is_covered(tmp_path: Path) -> None:
    assert _writing_commands() == set(_commands(tmp_path, tmp_path / "x")) == set(WRITING)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for name in (EXAMPLE, OTHER):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


WRITING = ["init", "assess", "validate", "report", "portfolio", "diff", "history", "questions",
           "rules", "schema", "cli-reference", "field-reference"]
@pytest.mark.parametrize("command", WRITING)
def test_command_writes_through_write_atomic(
    work: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """With the rename failing (a full disk, a read-only folder), each command exits 2
    with a clear error, the previous file is whole and no temporary file is left."""
    # A suffix that names one of the command's formats (report and portfolio have no text).
    name = {"report": "out.md", "portfolio": "out.md"}.get(command, "out.txt")
    out = work / ("assessment.yaml" if command in ("init", "assess") else name)
    previous = (EXAMPLES / OTHER).read_text() if command == "assess" else PREVIOUS
    out.write_text(previous)
    args = _commands(work, out)[command]
    calls: list[str] = []

    def full_disk(source: str, destination: str) -> None:
        calls.append(str(destination))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    no_today = ("questions", "rules", "schema", "cli-reference", "field-reference")
    result = CliRunner().invoke(app, [*args, "--today", "2026-11-25"]
                                if command not in no_today else args)
    monkeypatch.undo()
    assert calls == [str(out)], f"{command} did not write {out} atomically: {result.output}"
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    assert "No space left on device" in result.stderr
    assert out.read_text() == previous
    assert _leftovers(work) == []


READY = str(EXAMPLES / "care-copilot-ready.yaml")


@pytest.mark.parametrize("command", [
    ["validate", "--format", "json", "--output", "{dir}", READY],
    ["report", READY, "--output", "{dir}/"],
    ["portfolio", str(EXAMPLES), "--output", "{dir}"],
])
def test_an_output_that_is_a_folder_is_refused_by_its_name(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    args = [part.replace("{dir}", str(folder)) for part in command]
    result = CliRunner().invoke(app, [*args, "--today", "2026-11-25"])
    assert result.exit_code == 2, result.output
    assert f"cannot write {args[args.index('--output') + 1]}: is a folder, not a file" in (
        result.output
    )
    assert list(folder.iterdir()) == []  # nothing written into it
