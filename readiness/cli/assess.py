"""`readiness assess`: the interactive walk-through, or scripted answers with --answers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from readiness.cli.common import Questionnaire, Today, fail, load_pack_or_fail, parse_today
from readiness.options import EXIT_INTERRUPTED

HELP = """Walk through the six gates, question by question, saving after every answer.

Questions come from the questionnaire pack. Type ? for help on a question;
Enter keeps the value shown in brackets (or skips an optional question);
- clears a value; Ctrl-C stops after saving (exit 130). Run it again to
resume at the first unanswered question; --gate GATE revisits one gate
(a gate id, 1-6, or initiative) and leaves the others as they are.

A real session (excerpt; ... marks lines left out):

\b
    $ readiness assess billing.yaml --today 2026-11-20
    ...
    Use case: billing
      1) exploration   2) pilot   3) limited_rollout   4) production
    Stage: pilot
    ...
    Gate 1 of 6: Start with one workflow
    ...
      1) not_started   2) in_progress   3) complete
    Status of the workflow gate: complete
    When was the workflow gate completed?: 2026-02-02
    When did workflow work start?: 2026-01-12
    Which one process does the AI improve?: ^C
    Saved billing.yaml: every answer given so far is in it. Run
    `readiness assess billing.yaml` to resume.
    $ readiness assess billing.yaml --today 2026-11-20
    Resuming billing.yaml at: Which one process does the AI improve?

For scripts (stdin not a terminal) give --answers FILE, a YAML or JSON
mapping of question id to answer: {workflow.status: in_progress, ...}.

Exit codes: 0 meets the bar (that of `readiness validate`: no unwaived
blocker, unless the project's settings say otherwise); 1 below the bar;
2 invalid input, a file that does not parse (never overwritten), or no
terminal; 130 interrupted, after saving.
"""


def _gate(value: str | None) -> str | None:
    if value is None:
        return None
    from readiness.model import GATE_ORDER

    text = value.strip().lower().replace("-", "_")
    if text.isdigit() and 1 <= int(text) <= len(GATE_ORDER):
        return GATE_ORDER[int(text) - 1].value
    names = ["initiative", *(gate.value for gate in GATE_ORDER)]
    if text not in names:
        fail(f"--gate {value!r}: give a gate id ({', '.join(names)}) or a number from 1 to 6")
    return text


def _read_answers(path: str) -> dict[str, Any]:
    from readiness.loader import LoadError, load

    try:
        document = load(path)
    except LoadError as exc:
        fail(f"--answers {exc}")
    if not isinstance(document.data, dict):
        fail(f"--answers {path}: expected a mapping of question id to answer")
    return {str(key): value for key, value in document.data.items()}


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
) -> None:
    if answers is None and not sys.stdin.isatty():
        fail("stdin is not a terminal, so there is no one to ask; for scripted use give "
             "--answers FILE, a YAML or JSON mapping of question id to answer "
             "(see `readiness assess --help`)")
    if answers is not None and gate is not None:
        fail("--gate and --answers do not combine: the answers name their questions")
    only = _gate(gate)
    reference = parse_today(today)

    from rich.console import Console

    from readiness.answers import AnswerError
    from readiness.cli.common import load_config_or_fail, use_color
    from readiness.loader import LoadError
    from readiness.wizard import Store, Wizard

    config = load_config_or_fail()
    pack = load_pack_or_fail(questionnaire or config.questionnaire)
    try:
        store = Store.open(file)
    except LoadError as exc:
        fail(f"{exc} (the file is left as it is; fix it and run assess again)")
    console = Console(highlight=False, emoji=False, no_color=not use_color(sys.stdout))
    wizard = Wizard(store, pack, input, console, reference, config.thresholds)
    try:
        if answers is not None:
            try:
                wizard.apply_answers(_read_answers(answers))
            except AnswerError as exc:
                fail(f"{answers}: {exc}; {file} was not changed")
            for section in wizard.sections:
                if section.gate is not None:
                    wizard.gate_panel(section.gate)
            result = wizard.summary()
        else:
            result = wizard.run(only)
    except OSError as exc:  # a full disk or a read-only folder: the file on disk is whole
        fail(f"cannot write {exc.filename or file}: {exc.strerror or exc}; the file keeps "
             "every answer saved before this one")
    except (KeyboardInterrupt, EOFError):
        console.print()
        where = Path(file)
        if where.exists():
            console.print(f"Saved {file}: every answer given so far is in it. "
                          f"Run `readiness assess {file}` to resume.", markup=False, soft_wrap=True)
        else:
            console.print("Stopped before the first answer; nothing was written.")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if result is None:
        raise typer.Exit(1)
    raise typer.Exit(1 if result.shortfalls(config.merged_bar()) else 0)


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(assess)
