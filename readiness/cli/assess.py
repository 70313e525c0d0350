"""`readiness assess`: the interactive walk-through, or scripted answers with --answers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from readiness.cli.common import (
    Lang,
    Questionnaire,
    Today,
    choose_packs_or_fail,
    fail,
    parse_today,
    use_color,
    use_language,
)
from readiness.i18n import _

HELP = """Walk through the initiative and the six gates question by question, saving every answer.

Questions come from the questionnaire pack. Type ? for help on a question;
unknown (or later, ask) records an open question for whoever can answer it;
back returns to the previous question; Enter keeps the value shown in
brackets (or skips an optional question); - clears a value; Ctrl-C stops
after saving (exit 130). Run it again to go through the open questions and
resume at the first unanswered question; --gate GATE revisits one gate (a
gate id, 1-6, or initiative) and leaves the others as they are.

A real session (excerpt; ... marks lines left out):

\b
    $ readiness assess billing.yaml --today 2026-11-20
    ...
    Part 0 \u00b7 question 6 of 11 \u00b7 initiative.stage
      1) exploration   2) pilot   3) limited_rollout   4) production
    Stage: pilot
    ...
    Gate 1 of 6 \u00b7 question 1 of 13 \u00b7 workflow.status
    ...
      = complete
    ...
    Gate 2 of 6 \u00b7 question 3 of 3 \u00b7 data_pipeline.sources
    ...
      2. bss \u00b7 Source name (Enter if there is none): Billing data warehouse
    ...
        Worst-case age of the data when read: unknown
      Who can answer this? Data engineering (Marc Roy)
    ...
    Where do users meet the AI?: ^C
    Saved billing.yaml: every answer given so far is in it. Run
    `readiness assess billing.yaml --today 2026-11-20` to resume.
    $ readiness assess billing.yaml --today 2026-11-20
    Resuming billing.yaml at: Where do users meet the AI?
    Open questions (1), by whom to ask:
      Data engineering (Marc Roy): Billing data warehouse \u00b7 Worst-case age of
      the data when read
    Go through the 1 open question first? [Y/n]:

For scripts (stdin not a terminal) give --answers FILE, a YAML or JSON
mapping of question id to answer: {workflow.status: in_progress, ...}.
Every problem of the file is reported, with its line.

One session edits a file at a time; a file changed by another program
during the session is never written over (you may reload it and go on).

Exit codes: 0 meets the bar (that of `readiness validate`: no unwaived
blocker, unless the project's settings say otherwise); 1 below the bar;
2 invalid input, a file that does not parse (never overwritten), a
read-only file, a file another session is editing, or no terminal;
130 interrupted, after saving.
"""


def plain(text: str) -> str:
    """Text from a file, an answers file or the command line, safe for a terminal
    (control characters escaped, as `readiness.reporters.safe_text.plain` does)."""
    from readiness.reporters.safe_text import plain as safe

    return safe(text)


def _gate(value: str | None) -> str | None:
    if value is None:
        return None
    from readiness.model import GATE_ORDER

    text = value.strip().lower().replace("-", "_")
    if text.isdigit() and 1 <= int(text) <= len(GATE_ORDER):
        return GATE_ORDER[int(text) - 1].value
    names = ["initiative", *(gate.value for gate in GATE_ORDER)]
    if text not in names:
        fail(_("--gate {value}: give a gate id ({names}) or a number from 1 to 6").format(
            value=repr(value), names=", ".join(names)))
    return text


def _read_answers(path: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The answers (question id -> answer) and the line of each."""
    from readiness.loader import LoadError, load

    try:
        document = load(path)
    except LoadError as exc:
        fail(f"--answers {exc}")
    if not isinstance(document.data, dict):
        fail(_("--answers {path}: expected a mapping of question id to answer").format(
            path=path))
    answers = {str(key): value for key, value in document.data.items()}
    lines = {str(key): document.position((key,))[0] for key in document.data}
    return answers, lines


def _resume_hint(file: str, questionnaire: str | None, today: str | None,
                 lang: str | None = None) -> str:
    """The command that resumes this session, with the options it was started with."""
    import shlex

    command = ["readiness", "assess", file]
    if questionnaire:
        command += ["-q", questionnaire]
    if today:
        command += ["--today", today]
    if lang:
        command += ["--lang", lang]
    return shlex.join(command)


def assess(
    file: Annotated[
        str, typer.Argument(metavar="[FILE]", help="The assessment; created if missing.")
    ] = "readiness.yaml",
    questionnaire: Questionnaire = None,
    gate: Annotated[
        str | None,
        typer.Option("--gate", "-g", metavar="GATE",
                     help="Revisit one gate (id or 1-6, or initiative); others are kept."),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option("--answers", metavar="FILE",
                     help="Apply answers from a YAML/JSON mapping of question id to answer, "
                     "without prompting."),
    ] = None,
    today: Today = None,
    lang: Lang = None,
) -> None:
    if answers is None and not sys.stdin.isatty():
        fail(_("stdin is not a terminal, so there is no one to ask; for scripted use give "
               "--answers FILE, a YAML or JSON mapping of question id to answer "
               "(see `readiness assess --help`)"))
    if answers is not None and gate is not None:
        fail(_("--gate and --answers do not combine: the answers name their questions"))
    only = _gate(gate)
    reference = parse_today(today)

    from readiness.cli.common import load_config_or_fail
    from readiness.wizard.sitting import SittingStopped, sitting
    from readiness.wizard.store import SessionLocked, session_lock

    config = load_config_or_fail()
    use_language(lang, config)
    choice = choose_packs_or_fail(questionnaire, config)
    given, lines = _read_answers(answers) if answers is not None else ({}, {})
    try:
        with session_lock(Path(file)):
            code = sitting(file, config, choice, given, lines, answers, only,
                           _resume_hint(file, questionnaire, today, lang), reference,
                           use_color(sys.stdout))
    except SittingStopped as exc:
        fail(exc.message, exc.code)
    except SessionLocked as exc:
        fail(_("{file} is open in another `readiness assess` session ({holder}); finish "
               "that session first, then run this again").format(file=plain(file),
                                                                 holder=plain(exc.holder)))
    except OSError as exc:  # the lock file cannot be created: a folder nobody may write
        fail(_("cannot edit {file}: {error} (a session keeps a lock file beside it)").format(
            file=plain(file), error=exc.strerror or exc))
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(assess)
