"""`readiness assess` against hostile content and unlucky users: each test reproduces one
attack or accident through the real command and shows the defence (docs/reliability.md,
"Hardening"). Interactive behaviour runs in a pseudo-terminal, as in test_assess_pty.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from typer.testing import CliRunner

from readiness.cli import app
from readiness.loader import load
from tests.common import EXAMPLES, ROOT
from tests.test_assess_pty import ENV, MINI, TIMEOUT, answer, finish, interrupt, wait_until_reading

READY = EXAMPLES / "care-copilot-ready.yaml"
OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # puts "pwned" in the clipboard of many terminals
TITLE = "\x1b]0;pwned\x07"  # renames the terminal window
TODAY = "2026-11-20"


def _command(*args: str, cwd: Path = ROOT,
             umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, stdin not a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args], capture_output=True, text=True,
        cwd=cwd, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL,
        env={**ENV, "PYTHONPATH": str(ROOT)},
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,  # noqa: PLW1509
    )


def _spawn(*args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable, ["-m", "readiness", "assess", *args, "--today", TODAY],
        cwd=str(ROOT), env=env or ENV, encoding="utf-8", timeout=TIMEOUT, dimensions=(50, 100),
    )
    child.delaybeforesend = None
    return child


def _ready(folder: Path, filename: str = "ready.yaml", **initiative: Any) -> Path:
    """The ready example, with initiative fields replaced."""
    data = yaml.safe_load(READY.read_text())
    data["initiative"].update(initiative)
    path = folder / filename
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if path.suffix == ".json":
        text = json.dumps(data, default=str, indent=2)  # escapes every control character
    path.write_text(text, encoding="utf-8")
    return path


def _answers(folder: Path, text: str = "initiative.stage: production\n") -> Path:
    path = folder / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- file content reaches the terminal as text, never as markup ---------------------------


def test_a_name_with_markup_ends_the_session(tmp_path: Path) -> None:
    child = _spawn(str(_ready(tmp_path, name="Copilot [/x] v2")))
    child.expect_exact("Copilot [/x] v2: readiness")  # the closing panel's title
    assert finish(child) == 0
    assert "internal error" not in (child.before or "")


def test_a_link_in_a_name_prints_no_hyperlink(tmp_path: Path) -> None:
    link = "[link=https://evil.example]Click[/link]"
    colour = {k: v for k, v in ENV.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color"}
    child = _spawn(str(_ready(tmp_path, name=link)), env=colour)
    child.expect(pexpect.EOF)
    shown = child.before or ""
    child.close()
    assert child.exitstatus == 0, shown[-2000:]
    assert "\x1b[" in shown  # a colour terminal: rich does write escapes here
    assert f"{link}: readiness" in shown
    assert "\x1b]8;" not in shown  # OSC 8, a terminal hyperlink


def _hostile_pack(folder: Path) -> Path:
    """The terminal tests' pack with escapes in its title, a gate title and a criterion."""
    data = yaml.safe_load(Path(MINI).read_text())
    data["title"] = f"Mini{TITLE} pack"
    data["gates"][0]["title"] = f"Start{OSC52} with one workflow"
    data["gates"][0]["criteria"][0]["text"] = f"One named{OSC52} process"
    path = folder / "pack.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_pack_titles_and_criteria_are_escaped_in_the_wizard(tmp_path: Path) -> None:
    pack = _hostile_pack(tmp_path)
    child = _spawn(str(_ready(tmp_path)), "-q", str(pack), "--gate", "1")
    child.expect_exact("Gate 1 of 6: Start\\x1b]52;c;cHduZWQ=\\x07 with one workflow")
    seen = child.before or ""
    while child.expect([r"\]: ", pexpect.EOF]) == 0:  # Enter keeps every value shown
        seen += (child.before or "") + (child.after or "")
        child.sendline("")
    seen += child.before or ""
    child.close()
    assert child.exitstatus in (0, 1), seen[-2000:]
    assert "+1 ok One named\\x1b]52;c;cHduZWQ=\\x07 process" in seen
    assert "\x1b" not in seen

    new = _spawn(str(tmp_path / "new.yaml"), "-q", str(pack))
    new.expect_exact("Part 0: The initiative (Mini\\x1b]0;pwned\\x07 pack)")
    assert "\x1b" not in (new.before or "")
    interrupt(new)
    assert finish(new) == 130


@pytest.mark.parametrize("case", ["duplicate key", "answers key", "config key", "pack key"])
def test_control_characters_from_files_are_escaped_on_stderr(tmp_path: Path,
                                                             case: str) -> None:
    target = _ready(tmp_path)
    answers = _answers(tmp_path)
    escaped = "\\x1b]52;c;cHduZWQ=\\x07"
    if case == "duplicate key":
        key = json.dumps(f"a{OSC52}")
        target.write_text(f"schema_version: 1\n{key}: 1\n{key}: 2\n", encoding="utf-8")
    elif case == "answers key":
        answers.write_text(f"{json.dumps(f'a{OSC52}')}: 1\n", encoding="utf-8")
    elif case == "pack key":
        key = json.dumps(f"a{OSC52}")
        pack = tmp_path / "pack.yaml"
        pack.write_text(Path(MINI).read_text() + f"{key}: 1\n{key}: 2\n", encoding="utf-8")
        (tmp_path / ".readiness.toml").write_text(f"questionnaire = {json.dumps(str(pack))}\n")
    else:
        (tmp_path / ".readiness.toml").write_text(
            f"{json.dumps(f'fail{OSC52}on')} = \"none\"\n", encoding="utf-8")
    before = target.read_bytes()
    done = _command("assess", str(target), "--answers", str(answers), "--today", TODAY,
                    cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert escaped in done.stderr
    assert "\x1b" not in done.stderr + done.stdout
    assert target.read_bytes() == before


def test_criteria_are_escaped_in_the_gate_panels_of_an_answers_run(tmp_path: Path) -> None:
    done = _command("assess", str(_ready(tmp_path)), "--answers", str(_answers(tmp_path)),
                    "-q", str(_hostile_pack(tmp_path)), "--today", TODAY)
    assert done.returncode in (0, 1), done.stderr
    assert "One named\\x1b]52;c;cHduZWQ=\\x07 process" in done.stdout
    assert "\x1b" not in done.stdout + done.stderr


# --- one session per file; an edit made meanwhile is never written over ---------------------


def _start_mini(path: Path) -> pexpect.spawn:
    child = _spawn(str(path), "-q", MINI)
    answer(child, "Initiative id: ", "mini-copilot")
    answer(child, "Name: ", "Mini copilot")
    child.expect_exact("Domain: ")
    wait_until_reading(child)
    return child


def test_a_second_session_on_a_file_is_refused_and_says_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    first = _start_mini(path)
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    answers = _answers(tmp_path, "initiative.name: Overwritten\n")
    for name in (path, link):  # two names of one file share the lock
        second = _command("assess", str(name), "--answers", str(answers), "-q", MINI,
                          "--today", TODAY)
        assert second.returncode == 2, second.stderr
        assert "is open in another `readiness assess` session (process " in second.stderr
        assert f"process {first.pid} on " in second.stderr
    interactive = _spawn(str(path), "-q", MINI)
    interactive.expect_exact("finish that session first")
    assert finish(interactive) == 2
    first.sendline("1")
    answer(first, "Use case: ", "billing_agent")
    first.expect_exact("Stage: ")  # the answer is saved before the next question
    interrupt(first)
    assert finish(first) == 130
    saved = load(path).data["initiative"]
    assert (saved["name"], saved["use_case"]) == ("Mini copilot", "billing_agent")
    # Once the first session is over, the file is free again.
    assert not (tmp_path / ".mini.yaml.assess.lock").exists()
    after = _command("assess", str(path), "--answers", str(answers), "-q", MINI,
                     "--today", TODAY)
    assert after.returncode == 2  # the answers leave the file incomplete, and say so
    assert "the answers leave the file invalid" in after.stderr
    assert "another" not in after.stderr


def _edit_in_an_editor(path: Path) -> bytes:
    text = path.read_text().replace("name: Mini copilot", "name: Mini copilot (edited)")
    text += "# a note written in an editor\n"
    path.write_text(text)
    return path.read_bytes()


def test_an_edit_made_during_a_session_is_reloaded_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    child = _start_mini(path)
    _edit_in_an_editor(path)
    child.sendline("1")
    found = child.expect_exact(["was changed by another program", "Use case: "])
    assert found == 0, "the edit was written over"
    child.expect_exact("Reload it and go on (the answer is asked again), or stop? [R/s]: ")
    child.sendline("")
    answer(child, "Domain: ", "1")  # the answer not saved is asked again
    answer(child, "Use case: ", "billing_agent")
    child.expect_exact("Stage: ")
    interrupt(child)
    assert finish(child) == 130
    text = path.read_text()
    assert "name: Mini copilot (edited)" in text
    assert "# a note written in an editor" in text
    assert load(path).data["initiative"]["use_case"] == "billing_agent"


def test_stopping_after_an_edit_leaves_the_file_as_edited(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    child = _start_mini(path)
    edited = _edit_in_an_editor(path)
    child.sendline("1")
    assert child.expect_exact(["[R/s]: ", "Use case: "]) == 0
    child.sendline("s")
    assert finish(child) == 130
    assert path.read_bytes() == edited


def test_an_answers_run_never_writes_over_a_file_changed_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from readiness.wizard.session import Session

    target = _ready(tmp_path)
    original = Session._scripted

    def edited_meanwhile(self: Session, question: Any, raw: Any) -> Any:
        target.write_text(target.read_text() + "# edited meanwhile\n")
        return original(self, question, raw)

    monkeypatch.setattr(Session, "_scripted", edited_meanwhile)
    result = CliRunner().invoke(app, ["assess", str(target), "--answers",
                                      str(_answers(tmp_path)), "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "was changed by another program while the answers were applied" in result.output
    assert target.read_text().endswith("# edited meanwhile\n")
    assert load(target).data["initiative"]["stage"] != "production"


# --- JSON escapes -------------------------------------------------------------------------


def test_json_with_escaped_del_and_c1_characters_is_edited_and_kept_escaped(
        tmp_path: Path) -> None:
    name = "Care\x7f copilot\x85 two\u2028"
    target = _ready(tmp_path, "ready.json", name=name)
    assert "\\u0085" in target.read_text()
    done = _command("assess", str(target), "--answers", str(_answers(tmp_path)),
                    "--today", TODAY)
    assert done.returncode == 0, done.stderr
    text = target.read_text(encoding="utf-8")
    assert '"name": "Care\\u007f copilot\\u0085 two\\u2028"' in text
    assert not any(c in text for c in "\x7f\x85\u2028")
    saved = load(target).data["initiative"]
    assert (saved["name"], saved["stage"]) == (name, "production")


# --- where a session writes -------------------------------------------------------------------


def _assess_answers(target: Path, folder: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return _command("assess", str(target), "--answers", str(_answers(folder)), "--today", TODAY,
                    **kwargs)


def test_a_symbolic_link_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = _ready(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(target.name)
    assert _assess_answers(link, tmp_path).returncode == 0
    assert link.is_symlink() and os.readlink(link) == target.name
    assert load(target).data["initiative"]["stage"] == "production"


def test_hard_links_stay_one_file_with_its_owner_and_mode(tmp_path: Path) -> None:
    target = _ready(tmp_path)
    other = tmp_path / "other.yaml"
    os.link(target, other)
    target.chmod(0o640)
    owner = (1234, 1235) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(target, *owner)
    before = os.stat(target)
    assert _assess_answers(target, tmp_path).returncode == 0
    after = os.stat(target)
    assert (after.st_ino, after.st_nlink) == (before.st_ino, 2)
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == owner
    assert load(other).data["initiative"]["stage"] == "production"


def test_an_owner_and_mode_are_kept_when_the_file_is_replaced(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another owner")
    target = _ready(tmp_path)
    target.chmod(0o604)
    os.chown(target, 1234, 1235)
    assert _assess_answers(target, tmp_path).returncode == 0
    after = os.stat(target)
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (0o604, 1234, 1235)


def test_a_read_only_file_is_refused_before_any_question(tmp_path: Path) -> None:
    data = yaml.safe_load(READY.read_text())
    del data["initiative"]["stage"]  # a question to ask
    target = tmp_path / "ro.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False))
    target.chmod(0o444)
    before = target.read_bytes()
    child = _spawn(str(target))
    found = child.expect_exact(["read-only", "Stage: "])
    assert found == 0, "a question was asked about a file that cannot be saved"
    child.expect_exact("nothing was asked")
    assert finish(child) == 2
    assert target.read_bytes() == before
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o444


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    answers = tmp_path / "answers.yaml"
    ready = yaml.safe_load(READY.read_text())["initiative"]
    answers.write_text(yaml.safe_dump({
        "initiative.id": "x-copilot", "initiative.name": "X", "initiative.domain":
        ready["domain"], "initiative.use_case": ready["use_case"], "initiative.stage": "pilot",
        "initiative.accountable_owner": "Dana Cho, Director", "initiative.assessed_on": TODAY,
    }))
    done = _command("assess", str(target), "--answers", str(answers), "--today", TODAY,
                    umask=0o027)
    assert done.returncode in (0, 1), done.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


# --- line endings and byte order mark -----------------------------------------------------


def test_crlf_and_a_byte_order_mark_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "windows.yaml"
    target.write_bytes(b"\xef\xbb\xbf" + READY.read_bytes().replace(b"\n", b"\r\n"))
    assert _assess_answers(target, tmp_path).returncode == 0
    written = target.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") and not written.startswith(b"\xef\xbb\xbf" * 2)
    assert written.count(b"\n") == written.count(b"\r\n") > 100
    assert load(target).data["initiative"]["stage"] == "production"


def test_lf_without_a_mark_stays_so(tmp_path: Path) -> None:
    target = shutil.copy(READY, tmp_path / "unix.yaml")
    assert _assess_answers(Path(target), tmp_path).returncode == 0
    written = Path(target).read_bytes()
    assert b"\r" not in written and not written.startswith(b"\xef\xbb\xbf")
    assert load(target).data["initiative"]["stage"] == "production"


def test_a_new_file_in_a_new_folder_is_still_created(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "ready.yaml"
    done = _command("assess", str(target), "--answers", str(_answers(
        tmp_path, yaml.safe_dump({f"initiative.{k}": v for k, v in yaml.safe_load(
            READY.read_text())["initiative"].items() if k in (
            "id", "name", "domain", "use_case", "stage", "accountable_owner", "assessed_on")},
            sort_keys=False))), "--today", TODAY)
    assert done.returncode in (0, 1), done.stderr
    assert load(target).data["initiative"]["stage"] == "limited_rollout"
    assert not list(target.parent.glob(".*.lock"))


def test_a_session_killed_with_kill_9_leaves_no_lock_behind(tmp_path: Path) -> None:
    import signal

    path = tmp_path / "mini.yaml"
    killed = _start_mini(path)
    lock = tmp_path / ".mini.yaml.assess.lock"
    assert f"process {killed.pid} on " in lock.read_text()
    killed.kill(signal.SIGKILL)
    killed.expect(pexpect.EOF)
    killed.close()
    assert lock.exists()  # the file stays; the lock itself went with the process
    resumed = _spawn(str(path), "-q", MINI)
    answer(resumed, "Domain: ", "1")
    answer(resumed, "Use case: ", "billing_agent")
    resumed.expect_exact("Stage: ")
    assert f"process {resumed.pid} on " in lock.read_text()
    interrupt(resumed)
    assert finish(resumed) == 130
    assert load(path).data["initiative"]["use_case"] == "billing_agent"
    assert not lock.exists()
