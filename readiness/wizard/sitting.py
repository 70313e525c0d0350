"""One sitting of `readiness assess` on a locked file (docs/assess.md): open the file, pick
the pack of its domain, ask (or apply an answers file), and say what happens when the file
changes on disk meanwhile or the person stops. The command line only parses options, takes
the lock and turns `SittingStopped` into its error message and exit code.
"""

from __future__ import annotations

import signal
from datetime import date
from typing import Any, NoReturn

from rich.console import Console
from rich.text import Text

from readiness.choices import EXIT_INTERRUPTED, EXIT_INVALID
from readiness.i18n import _, ngettext
from readiness.loader import LoadError
from readiness.model import Domain
from readiness.packs import PackChoice
from readiness.project_config import Config
from readiness.reporters.safe_text import plain
from readiness.wizard.answers import AnswerError, parse_choice
from readiness.wizard.prompts import Wizard
from readiness.wizard.store import FileChanged, Store

__all__ = ["SittingStopped", "sitting"]


class SittingStopped(Exception):
    """The sitting cannot go on: `message` for stderr, `code` the exit code."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _stop(message: str, code: int = EXIT_INVALID) -> NoReturn:
    raise SittingStopped(message, code)


def domain_of(answered: Any, tree: Any) -> str:
    """The domain that picks the pack: the one an answers file gives, else the file's,
    else customer operations (the default pack's) until the domain is answered."""
    domains = [domain.value for domain in Domain]
    written = tree.get("initiative", {}).get("domain") if isinstance(tree, dict) else None
    for candidate in (answered, written):
        if candidate is not None:
            try:
                return parse_choice(candidate, domains)
            except AnswerError:
                continue
    return Domain.CUSTOMER_OPERATIONS.value


def _list_left(wizard: Wizard, resume: str) -> str:
    """What to say when the sitting stopped inside a list (a source, an action): a resume
    starts at the first unanswered question, past a list that has an item, so the command
    that goes back to the list is given; empty otherwise."""
    field, index, _key = wizard.asking
    if index is None:
        return ""
    for section in wizard.sections:
        for question in section.questions:
            if question.field == field and section.gate is not None:
                return _("It stopped inside the list '{list}': an item not finished was "
                         "not saved. `{command} --gate {gate}` goes back to that list.").format(
                             list=plain(question.prompt), command=plain(resume),
                             gate=section.id)
    return ""


def sitting(file: str, config: Config, choice: PackChoice, given: dict[str, Any],
            lines: dict[str, int], answers: str | None, only: str | None,
            resume: str, reference: date, color: bool) -> int:
    """One session on a locked file; returns the exit code. A file changed on disk by
    another program meanwhile is never written over: the person at the terminal may
    reload it and go on, a scripted run stops with exit 2."""
    console = Console(highlight=False, emoji=False, markup=False,
                      no_color=not color)
    if answers is None:
        # A person at a terminal stops the wizard with Ctrl-C, even when the shell that
        # started it ignores interrupts (nohup, a job started in the background).
        signal.signal(signal.SIGINT, signal.default_int_handler)
    while True:
        try:
            store = Store.open(file)
        except LoadError as exc:
            _stop(_("{error} (the file is left as it is; fix it and run assess again)").format(
                error=plain(str(exc))))
        except PermissionError as exc:
            _stop(_("{file}: {error}: nothing was asked; make it writable (chmod u+w {file}) "
                    "to assess it").format(file=plain(file), error=exc.strerror))
        pack = choice.for_domain(domain_of(given.get("initiative.domain"), store.tree))
        wizard = Wizard(store, pack, input, console, reference, config.thresholds,
                        choose_pack=None if choice.named else choice.for_domain)
        try:
            if answers is not None:
                try:
                    wizard.apply_answers(given, lines)
                except AnswerError as exc:
                    problems = plain(str(exc)).splitlines()
                    shown = [f"  {answers}:{p[5:]}" if p.startswith("line ")
                             else f"  {answers}: {p}" for p in problems]
                    _stop(ngettext("{answers}: {count} problem; {file} was not changed:",
                                   "{answers}: {count} problems; {file} was not changed:",
                                   len(problems)).format(answers=answers, count=len(problems),
                                                         file=file)
                          + "\n" + "\n".join(shown))
                for section in wizard.sections:
                    if section.gate is not None:
                        wizard.gate_panel(section.gate)
                result = wizard.summary()
            else:
                result = wizard.run(only)
        except FileChanged:
            if answers is not None:
                _stop(_("{file} was changed by another program while the answers were "
                        "applied; it was not written over: run assess again").format(
                            file=plain(file)))
            console.print()
            console.print(Text(_("{file} was changed by another program (an editor?) "
                                 "since this session read it; the answer just given was not "
                                 "saved, and the file was not written over.").format(
                                     file=plain(file)), "yellow"),
                          soft_wrap=True)
            try:
                reply = input(_("Reload it and go on (the answer is asked again), or stop? "
                                "[R/s]: "))
            except (KeyboardInterrupt, EOFError):
                reply = "s"
            if reply.strip().lower() in ("", "r", "reload", "recharger"):
                continue
            _stop(_("stopped: {file} is as the other program left it").format(file=plain(file)),
                  EXIT_INTERRUPTED)
        except OSError as exc:  # a full disk or a read-only folder: the file on disk is whole
            _stop(_("cannot write {file}: {error}; the file keeps every answer saved before "
                    "this one").format(file=plain(str(exc.filename or file)),
                                       error=exc.strerror or exc))
        except (KeyboardInterrupt, EOFError):
            console.print()
            if store.exists:
                console.print(_("Saved {file}: every answer given so far is in it. Run "
                                "`{command}` to resume.").format(file=plain(file),
                                                                 command=plain(resume)),
                              soft_wrap=True)
                inside = _list_left(wizard, resume)
                if inside:
                    console.print(inside, soft_wrap=True)
            else:
                console.print(_("Stopped before the first answer; nothing was written."))
            return EXIT_INTERRUPTED
        if result is None:
            return 1
        return 1 if result.shortfalls(config.merged_bar()) else 0


