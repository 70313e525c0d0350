"""Attacks by someone who can commit a file, and accidents on other platforms: each test
reproduces one and shows the defence (docs/reliability.md, "Hardening").
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from readiness.batch import discover
from readiness.cli import app
from readiness.loader import loads
from readiness.model import Assessment
from readiness.schema import MAX_ERRORS, InvalidAssessment, validate
from tests.common import EXAMPLES, ROOT

READY = EXAMPLES / "care-copilot-ready.yaml"
NOT_READY = EXAMPLES / "churn-accuracy-only.yaml"
FORGED = "x\n::error file=README.md,line=1::Forged\n::stop-commands::pwn\n"


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _command(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The real command in a child process (for what a CliRunner cannot show: the file
    descriptors a shell hands it)."""
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args], capture_output=True, text=True,
        cwd=kwargs.pop("cwd", ROOT), timeout=120, check=False, **kwargs,
    )


# --- many unknown keys ---------------------------------------------------------------


class _CountingList(list[Any]):
    """A node's list of children that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Any:
        type(self).walks += 1
        return super().__iter__()


def test_every_key_of_a_mapping_is_located_with_one_walk_of_it() -> None:
    text = "schema_version: 1\n" + "".join(f"k{i}: 1\n" for i in range(2000))
    document = loads(text, "keys.yaml")
    root = document.positions._root
    root.value = _CountingList(root.value)
    _CountingList.walks = 0
    for i in range(2000):
        assert document.positions[(f"k{i}",)] == (i + 2, 1)
    assert _CountingList.walks == 1


def test_schema_errors_are_capped_per_file_with_a_count_of_the_rest() -> None:
    text = "schema_version: 1\n" + "".join(f"k{i}: 1\n" for i in range(500))
    with pytest.raises(InvalidAssessment) as caught:
        validate(loads(text, "keys.yaml"))
    errors = caught.value.errors
    try:
        Assessment.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        total = exc.error_count()
    assert total > 500
    assert len(errors) == MAX_ERRORS + 1
    assert errors[1].line == 2  # the first ones, in file order
    assert errors[-1].message == (
        f"{total - MAX_ERRORS} more errors not shown: only the first {MAX_ERRORS} of a file "
        "are reported"
    )


def test_a_file_with_fewer_errors_than_the_cap_shows_them_all() -> None:
    text = "schema_version: 1\n" + "".join(f"k{i}: 1\n" for i in range(3))
    with pytest.raises(InvalidAssessment) as caught:
        validate(loads(text, "keys.yaml"))
    assert not any("not shown" in e.message for e in caught.value.errors)


# --- discovery -------------------------------------------------------------------------


def test_a_folder_scan_sees_a_bom_and_reports_utf16(tmp_path: Path) -> None:
    shutil.copy(READY, tmp_path / "good.yaml")
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + NOT_READY.read_bytes())
    (tmp_path / "utf16.yaml").write_bytes(NOT_READY.read_text().encode("utf-16"))
    assert _run("schema", "-o", str(tmp_path / "schema.json")).exit_code == 0
    assert '"schema_version"' in (tmp_path / "schema.json").read_text()
    result = _run("validate", "--today", "2026-11-25", str(tmp_path))
    assert sorted(Path(p).name for p in discover([tmp_path])) == [
        "bom.yaml", "good.yaml", "utf16.yaml"]
    assert "3 files checked: 1 invalid, 1 below the bar" in result.output
    assert "UTF-16 text: save the file as UTF-8" in result.output
    assert result.exit_code == 2


def test_json_with_a_top_level_key_is_found_and_a_nested_one_is_not(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"x": {"y": [1, "{"]}, "schema_version": 1}')
    (tmp_path / "b.json").write_text('{"properties": {"schema_version": {"type": "integer"}}}')
    assert [Path(p).name for p in discover([tmp_path])] == ["a.json"]


@pytest.mark.parametrize(("name", "raw", "found"), [
    ("first.yaml", b"schema_version: 1\n", True),
    ("after-a-comment.yaml", b"# note\nschema_version: 1\n", True),
    ("crlf.yaml", b"# note\r\nschema_version: 1\r\n", True),
    ("quoted.yaml", b'# note\n"schema_version" : 1\n', True),
    ("flow.yaml", b"{schema_version: 1}", True),
    ("nested.yaml", b"other:\n  schema_version: 1\n", False),
    ("in-a-value.yaml", b"note: schema_version: 1\n", False),
    ("latin-1.yaml", b"# caf\xe9\nother: 1\n", True),  # not UTF-8: the loader says why
    ("yaml-text.json", b"# note\nschema_version: 1\n", False),  # JSON quotes its keys
])
def test_a_folder_scan_takes_files_with_a_top_level_schema_version(
    tmp_path: Path, name: str, raw: bytes, found: bool
) -> None:
    (tmp_path / name).write_bytes(raw)
    assert [Path(p).name for p in discover([tmp_path])] == ([name] if found else [])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_like_an_assessment_does_not_stop_a_folder_scan(tmp_path: Path) -> None:
    shutil.copy(READY, tmp_path / "good.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    assert [Path(p).name for p in discover([tmp_path])] == ["good.yaml"]


# --- where --output goes ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_output_to_a_fifo_reaches_its_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "out.sarif"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    received = b""
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "readiness", "validate", "-f", "sarif", "-o", str(fifo),
             str(READY)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        )
        while True:  # read as it comes: the pipe holds 64 KiB, the output is larger
            finished = child.poll() is not None
            ready, _, _ = select.select([reader], [], [], 0.1)
            chunk = b""
            if ready:
                with contextlib.suppress(BlockingIOError):
                    chunk = os.read(reader, 65536)
                received += chunk
            if finished and not chunk:
                break
    finally:
        os.close(reader)
    assert child.returncode == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b'"version": "2.1.0"' in received


def test_output_to_a_link_to_standard_output_prints(tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("no /proc on this platform")
    done = _command("validate", "-f", "json", "-o", str(link), str(READY))
    assert done.returncode == 0, done.stderr
    assert '"files"' in done.stdout
    assert link.is_symlink()


def test_output_with_an_empty_name_says_so(tmp_path: Path) -> None:
    result = _run("validate", "-f", "json", "-o", "", str(READY))
    assert result.exit_code == 2
    assert "empty name" in result.output and "folder" not in result.output


@pytest.mark.parametrize("command", [
    ["report", "{f}", "-o", "{f}"],
    ["validate", "{f}", "-f", "json", "-o", "{f}"],
    ["portfolio", "{d}", "-f", "md", "-o", "{f}"],
    ["diff", "{f}", "{f}", "-o", "{f}"],
])
def test_an_output_that_is_an_input_is_refused(tmp_path: Path, command: list[str]) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(READY, mine)
    result = _run(*[part.format(f=mine, d=tmp_path) for part in command])
    assert result.exit_code == 2
    assert "is one of the input files" in result.output
    assert mine.read_bytes() == READY.read_bytes()


# --- line breaks in line-oriented output -------------------------------------------------


def _forged_file(folder: Path, name: str = "forged.yaml") -> Path:
    data = yaml.safe_load(READY.read_text())
    data[FORGED] = 1
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def _commands_started(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_validate_text_keeps_file_content_on_its_line(tmp_path: Path) -> None:
    result = _run("validate", "-f", "text", str(_forged_file(tmp_path)))
    assert result.exit_code == 2
    assert "::stop-commands::pwn" in result.output  # shown, escaped, on the error's line
    assert _commands_started(result.output) == []


def test_report_errors_on_stderr_keep_file_content_on_its_line(tmp_path: Path) -> None:
    result = _run("report", str(_forged_file(tmp_path)), "-f", "md")
    assert result.exit_code == 2
    assert "::error file=README.md" in result.output
    assert _commands_started(result.output) == []


def test_diff_text_keeps_names_on_their_line(tmp_path: Path) -> None:
    data = yaml.safe_load(READY.read_text())
    data["initiative"]["name"] = FORGED
    new = tmp_path / "::error::new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = _run("diff", str(READY), str(new), "--today", "2026-11-25")
    assert "::error::new.yaml" in result.output
    assert _commands_started(result.output) == []


def test_a_file_named_like_a_command_is_shown_with_a_folder(tmp_path: Path) -> None:
    shutil.copy(NOT_READY, tmp_path / "::error::x.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "readiness", "validate", "-f", "text", "::error::x.yaml"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1
    assert "./::error::x.yaml:" in result.stdout
    assert _commands_started(result.stdout + result.stderr) == []


# --- dates a report can place ------------------------------------------------------------


@pytest.mark.parametrize(("line", "date"), [
    ("assessed_on: 2026-11-16", "9999-12-31"), ("started_on: 2026-01-12", "0001-01-01"),
    ("assessed_on: 2026-11-16", "2200-01-01"), ("started_on: 2026-01-12", "1899-12-31"),
])
def test_a_date_no_chart_can_place_is_refused(tmp_path: Path, line: str, date: str) -> None:
    path = tmp_path / "far.yaml"
    path.write_text(READY.read_text().replace(line, line.split(":")[0] + ": " + date, 1))
    result = _run("validate", str(path))
    assert result.exit_code == 2
    assert f"{date} is outside the dates a report can show: 1900-01-01 to 2199-12-31" in (
        result.output)


def test_the_first_and_last_dates_allowed_are_drawn(tmp_path: Path) -> None:
    path = tmp_path / "edges.yaml"
    text = READY.read_text().replace("assessed_on: 2026-11-16", "assessed_on: 2199-12-31")
    path.write_text(text.replace("started_on: 2026-01-12", "started_on: 1900-01-01", 1))
    result = _run("report", str(path), "-o", str(tmp_path / "edges.html"))
    assert result.exit_code == 0, result.output
    assert "2199-12-31" in (tmp_path / "edges.html").read_text()


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize("command", [["validate"], ["report", "-f", "md"]])
def test_output_in_another_encoding_degrades(encoding: str, command: list[str]) -> None:
    done = _command(*command, str(READY), env={**os.environ, "PYTHONIOENCODING": encoding},
                    encoding=encoding)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    if command == ["validate"]:
        assert "--+--" in done.stdout  # the table's rules in characters the encoding has


@pytest.mark.skipif(sys.platform != "linux", reason="names of any bytes are a POSIX thing")
@pytest.mark.parametrize("fmt", ["sarif", "github", "json", "junit", "text"])
def test_a_file_name_that_is_not_utf8_is_escaped(tmp_path: Path, fmt: str) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"bad\xff.yaml"), "wb") as handle:
        handle.write(READY.read_bytes())
    out = tmp_path / f"out.{fmt}"
    result = _run("validate", "-f", fmt, "-o", str(out), str(tmp_path))
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")  # valid UTF-8, or this raises
    assert "bad\\xff.yaml" in unquote(written).replace("\\\\", "\\")  # SARIF has URIs
    stdout = _command("validate", "-f", "json", str(tmp_path)).stdout
    assert '"bad\\\\xff.yaml"' in stdout.replace(str(tmp_path) + "/", '"')
