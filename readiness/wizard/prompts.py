"""The conversation of `readiness assess`: prompts, what a person types, what is shown back.

The questions come from the questionnaire pack (the initiative as part 0, then the six
gates in order). Prompting is injected (`Prompt`: text in, line out), so tests drive the
wizard with scripted answers and the command line passes `input`. What an answer does
to the file is the session's job (`session.Session`); this module only talks.

At any question: `?` explains it, `unknown` (or `later`, `ask`) records an open question
for whoever can answer it, `back` returns to the previous question, Enter keeps the value
in brackets or skips an optional question, `-` clears a value. Lists take `e N` (edit)
and `d N` (delete, after confirmation).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from rich.console import Console
from rich.padding import Padding
from rich.text import Text
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from readiness.advice import STATUS_WORDS
from readiness.engine import Result
from readiness.i18n import _, ngettext
from readiness.model import GateId, Status
from readiness.packs import AnswerType, ItemField, Pack, Question, generic_path, split_path
from readiness.reporters.safe_text import has_control, plain
from readiness.thresholds import Thresholds
from readiness.wizard.answers import (
    HINTS,
    MONEY_HINT,
    AnswerError,
    Reading,
    is_unknown,
    parse,
    parse_period,
    parse_person,
    says_no_money,
    says_none,
    show,
    show_as,
    split_companion,
    split_unit,
    unit_text,
)
from readiness.wizard.fields import (
    companion,
    description,
    item_model,
    model_required,
    needed,
)
from readiness.wizard.panels import open_question_lines, render_gate, render_summary
from readiness.wizard.session import (
    INITIATIVE,
    Section,
    Session,
    parts,
    positioned,
    record_keys,
    under,
)
from readiness.wizard.store import Store, get, present, set_value_in, unset_value
from readiness.words import field_words, value_words

Prompt = Callable[[str], str]
"""Shows a prompt and returns the line typed; raises KeyboardInterrupt or EOFError to stop."""

YES = ("y", "yes", "o", "oui")
"""Answers that confirm, in English and in French."""

Outcome = Literal["keep", "skip", "clear", "set", "unknown", "back"]
Store_ = Callable[[Any, bool], list[str] | None]

BACK = ("back", "retour")


# Answer types whose value alone does not say what it is, in a record's summary; the
# start of a prompt, up to what explains the answer, is the value's label.
_UNSAID = (AnswerType.NUMBER, AnswerType.INTEGER, AnswerType.BOOLEAN)
_LABEL_END = re.compile(r"\s*[:,(]")


class Wizard:
    """Asks a pack's questions about one file; see the module docstring."""

    def __init__(
        self,
        store: Store,
        pack: Pack,
        prompt: Prompt,
        console: Console | None = None,
        today: date | None = None,
        thresholds: Thresholds | None = None,
        choose_pack: Callable[[str], Pack] | None = None,
    ) -> None:
        self.session = Session(store, pack, today, thresholds)
        self.store = store
        self.prompt: Prompt = lambda text: prompt(plain(text))
        self.console = console or Console(highlight=False, emoji=False, markup=False)
        self.today = self.session.today
        self.choose_pack = choose_pack  # the pack of a domain, unless one was named
        self._counted: dict[str, set[str]] = {}  # per part: the questions its count holds
        self.asking: tuple[str, int | None, str | None] = ("", None, None)
        """What the next prompt asks: (question field, record index, record field key)."""

    @property
    def pack(self) -> Pack:
        return self.session.pack

    @property
    def sections(self) -> list[Section]:
        return self.session.sections

    # --- output --------------------------------------------------------------------

    def say(self, text: str | Text, style: str = "") -> None:
        """Print a line as text, never as markup, with the control characters of file,
        pack and answer content escaped (`plain`). A Text is built from escaped strings
        (rich drops some control characters, such as BEL, when it makes one); any escape
        left in it is escaped here. A line that starts with spaces wraps under them."""
        if isinstance(text, Text):
            if has_control(text.plain):
                text = Text(plain(text.plain), text.style)
        else:
            text = Text(plain(text), style)
        # An indented line wraps under its indent, not at the first column.
        indent = len(text.plain) - len(text.plain.lstrip(" "))
        if indent and len(text.plain) > indent:
            text = text[indent:]
            self.console.print(Padding(text, (0, 0, 0, indent), expand=False))
            return
        self.console.print(text)

    def _help(self, help_text: str, kind: AnswerType, choices: list[str], qid: str,
              reading: Reading | None = None) -> None:
        if help_text:
            self.console.print(Padding(Text(plain(help_text), "cyan"), (0, 0, 0, 2)))
        hint = MONEY_HINT if reading is not None and reading.money else HINTS[kind]
        self.console.print(Padding(Text(
            _("Answer: {hint}. Enter keeps the value in brackets; '-' clears it; "
              "'unknown' records an open question for whoever can answer; 'back' returns "
              "to the previous question; Ctrl-C saves and stops.").format(hint=_(hint)),
            "dim"), (0, 0, 0, 2)))
        if qid:
            self.say(_("  Question id (for --answers): {qid}").format(qid=qid), "dim")
        if choices:
            self._show_choices(choices)

    def _show_choices(self, choices: list[str]) -> None:
        """Numbered choices, wrapped between choices rather than inside one."""
        width = max(self.console.width - 2, 20)
        line = ""
        for number, choice in enumerate(choices, 1):
            entry = f"{number}) {choice}"
            if line and len(line) + 3 + len(entry) > width:
                self.say("  " + line, "dim")
                line = ""
            line = f"{line}   {entry}" if line else entry
        if line:
            self.say("  " + line, "dim")

    def _where(self, section: Section, question: Question, revisit: bool) -> None:
        """`Gate 2 of 6 · question 4 of 11 · id` (docs/assess.md, "How a session goes").
        The total is every question this part has shown or had still to come in this
        sitting, so it never goes down: a question answered along with another, or no
        longer needed after an answer, counts as done, and the number moves past it. It
        goes up only when an answer makes a new question apply."""
        session = self.session
        counted = self._counted.setdefault(section.id, set())
        later = section.questions[section.questions.index(question) + 1:] if (
            question in section.questions) else []
        left = {q.id for q in later if q.id != question.id and session.due(section, q, revisit)}
        counted |= left | {question.id}
        part = _("Part 0") if section.gate is None else _("Gate {number} of 6").format(
            number=section.number)
        where = _("question {number} of {total}").format(number=len(counted) - len(left),
                                                        total=len(counted))
        self.say(f"{part} \u00b7 {where} \u00b7 {question.id}", "dim")

    # --- one value -------------------------------------------------------------------

    def ask_value(
        self,
        label: str,
        kind: AnswerType,
        *,
        help_text: str = "",
        qid: str = "",
        choices: list[str] | None = None,
        default: Any = None,
        required: bool = False,
        ratio: bool = False,
        store: Store_ | None = None,
        typed: str | None = None,
        unit: Callable[[Any], None] | None = None,
        offers: list[str] | None = None,
        reading: Reading | None = None,
        unit_now: str | None = None,
    ) -> tuple[Outcome, Any]:
        """Ask until the answer parses (and `store` accepts it). Returns ("keep", default),
        ("skip", None), ("clear", None), ("set", value), ("unknown", None) or ("back",
        None). `typed` is an answer already typed (the first field of a new record).
        `unit` takes what is written after the answer for the field it fills, in place of
        any value it has: the unit after a number (`11.4 minutes`), the date after a status
        (`compliant 2026-08-20`, passed on as a date), the currency of an amount (`25
        CAD`). `offers` are suggested answers to free text, numbered: a number picks one
        (an outcome metric as a group's measure). `reading` is what else the field holds
        (a number of milliseconds, an amount in CAD). `unit_now` is the unit the figure's
        record already has: a figure typed in another unit of time is converted to it
        (`1 day` for a metric in hours is 24), in any other unit refused."""
        choices = choices or []
        if offers and typed is None:
            self._show_choices(offers)
        if choices and kind in (AnswerType.CHOICE, AnswerType.MULTI_CHOICE) and typed is None:
            self._show_choices(choices)
        shown = show_as(default, kind, reading)
        text = asking(label, shown)
        while True:
            raw = (typed if typed is not None else self.prompt(text)).strip()
            typed = None
            if raw == "?":
                self._help(help_text, kind, choices, qid, reading)
                continue
            if raw.lower() in BACK:
                return "back", None
            if is_unknown(raw):
                return "unknown", None
            no_money = reading is not None and reading.money and says_no_money(raw)  # 0
            if says_none(raw, kind) and not no_money:  # `not yet`: Enter, or `-` to clear
                raw = "-" if present(default) else ""
            if raw == "":
                if present(default):
                    return "keep", default
                if required:
                    self.say(_("  An answer is needed here ('unknown' if nobody knows yet, "
                               "? for help)."), "yellow")
                    continue
                return "skip", None
            if raw == "-":
                if required:
                    self.say(_("  This answer cannot be cleared."), "yellow")
                    continue
                if store is not None:
                    try:
                        store(None, True)
                    except AnswerError as error:
                        self.say(f"  {error}", "yellow")
                        continue
                return "clear", None
            if offers and re.fullmatch(r"\d+", raw) and 1 <= int(raw) <= len(offers):
                raw = offers[int(raw) - 1]
            written: tuple[str, Any] | None = None
            try:
                if unit is not None:  # 11.4 minutes, 25 CAD, compliant 2026-08-20
                    written = split_companion(raw, kind, reading, unit_now, self.today)
                value = parse(kind, written[0] if written else raw, choices, self.today,
                              ratio, reading)
                if store is not None:
                    for note in store(value, False) or []:
                        self.say(f"  ({note})", "dim")
            except AnswerError as error:
                self.say(f"  {plain(str(error))}", "yellow")
                continue
            if written is not None and unit is not None:
                unit(written[1])
            if kind in (AnswerType.CHOICE, AnswerType.MULTI_CHOICE) and (
                    written[0] if written else raw) != show(value):
                self.say(f"  = {show(value)}", "dim")
            elif kind == AnswerType.NUMBER and ratio and "%" in raw:
                self.say(f"  = {show(value)}", "dim")
            elif kind in (AnswerType.NUMBER, AnswerType.INTEGER) and not _plain_number(
                    written[0] if written else raw):
                self.say(f"  = {show(value)}", "dim")  # how `about 350`, `2 seconds` were read
            elif written is not None and unit_now and split_unit(raw) != written:
                self.say(f"  = {show(value)} {unit_now}", "dim")  # `1 day` as 24 hours
            return "set", value

    def ask_who(self, path: str | None = None) -> Any:
        """Whom to ask, for an open question: a person or a team; by default whoever the
        question on `path` is already addressed to, else the last one asked."""
        default = self.session.last_asked_of(path)
        shown = show(default)
        while True:
            raw = self.prompt(_("  Who can answer this? [{shown}]: ").format(shown=shown)
                              if shown else _("  Who can answer this? ")).strip()
            if raw == "" and present(default):
                return default
            try:
                return parse_person(raw)
            except AnswerError as error:
                self.say(_("  {error} (a team is fine: 'Data engineering')").format(error=error),
                         "yellow")

    # --- one question ----------------------------------------------------------------

    def ask(self, question: Question, section: Section, revisit: bool = False) -> Outcome:
        """Ask one question and save the answer (or the open question)."""
        session = self.session
        session.asked.add(question.id)
        self.asking = (question.field, None, None)
        self._where(section, question, revisit)
        if question.type == AnswerType.RECORDS:
            return self.ask_records(question, revisit)
        partner = self._completion_of(question, section, revisit)
        if partner is not None:
            return self.ask_period(question, partner, section)
        dates = self._dates_of(question, section)
        if dates is not None:
            return self.ask_status_by_dates(question, section, *dates)
        known = session.known(question.field)
        reading = session.reading(question.field)
        if known is not None and not revisit and not session.answered(question):
            session.apply(question.field, known.value)
            self.say(_("{prompt}: {value} (from {where}; --gate {gate} to change it)").format(
                prompt=plain(question.prompt), where=known.where, gate=section.id,
                value=show_as(known.value, question.type, reading)), "dim")
            return "set"

        def store(value: Any, clear: bool) -> list[str]:
            return session.apply(question.field, value, clear=clear)

        default = session.value(question.field)
        if default is None and question.field == "initiative.assessed_on":
            default = self.today
        required = question.field in session.pending or needed(question.field, session.data)
        help_text = question.help or description(question.field)
        choices = session.choices(question.field, question.choices)
        sibling = companion(question.field)
        takes_unit = (question.type in (AnswerType.NUMBER, AnswerType.INTEGER,
                                        AnswerType.CHOICE) and sibling is not None)

        def give_unit(text: Any) -> None:
            if sibling is not None:
                session.apply(sibling, text)

        outcome, value = self.ask_value(
            plain(question.prompt), question.type, help_text=help_text, qid=question.id,
            choices=choices, default=default, required=required,
            ratio=session.ratio(question.field), store=store,
            unit=give_unit if takes_unit else None, reading=reading,
            unit_now=unit_text(session.value(sibling)) if takes_unit and sibling else None,
        )
        if outcome == "keep" and session.value(question.field) is None:
            session.apply(question.field, value)  # a default offered, not yet in the file
        if outcome == "unknown":
            self.unknown(question.field, question.prompt, question.type, choices, required,
                         store, ratio=session.ratio(question.field), reading=reading)
            if not session.answered(question):
                session.skip(question)
            return outcome
        if outcome in ("skip", "clear"):
            session.skip(question)
        elif outcome in ("set", "keep"):
            session.unskip(question)
            if outcome == "set":
                session.close_question(question.field)
        if outcome == "set" and question.field == "initiative.domain":
            self.follow_domain(str(value))
        return outcome

    def _completion_of(self, question: Question, section: Section,
                       revisit: bool) -> Question | None:
        """The completion-date question asked together with this start-date question, when
        the gate is complete: one prompt for the period, start first."""
        if section.gate is None or question.field != f"{section.id}.started_on":
            return None
        return next((q for q in section.questions if q.field == f"{section.id}.completed_on"
                     and (revisit or not self.session.answered(q))
                     and q.id not in self.session.asked and self.session.applies(q)), None)

    def _dates_of(self, question: Question, section: Section) -> tuple[Question, Question] | None:
        """The start and completion questions of a gate not yet in the file, whose status
        is then asked by its dates."""
        session = self.session
        if section.gate is None or question.field != f"{section.id}.status" or (
                session.answered(question)):
            return None
        found = {q.field: q for q in section.questions}
        start, end = found.get(f"{section.id}.started_on"), found.get(f"{section.id}.completed_on")
        return (start, end) if start is not None and end is not None else None

    def ask_status_by_dates(self, status: Question, section: Section, start: Question,
                            end: Question) -> Outcome:
        """A new gate's status from the dates of its work: a start date alone is
        in_progress, `START to END` is complete, Enter leaves the gate out (not started).
        A status typed by name or number is taken as it is, and its dates asked next."""
        session = self.session
        choices = session.choices(status.field, status.choices)
        title = section.gate.title if section.gate is not None else section.title
        # A status as people say it, in the session's language: "in progress", "en cours".
        said = {_(STATUS_WORDS[s]): s.value for s in Status if s.value in choices}
        self.say(_("  e.g. 2026-01-12 (in progress since), 2026-01-12 to 2026-02-06 "
                   "(complete), a status ({choices}), or Enter if not started").format(
                       choices=", ".join(said) or ", ".join(choices)), "dim")

        def store(value: Any, clear: bool) -> list[str]:
            text = str(value).strip()
            try:  # a status by its number, its name or its words ("en cours")
                chosen = parse(AnswerType.CHOICE, text, choices)
            except AnswerError:
                if not re.search(r"\d|today", text, re.IGNORECASE):
                    raise  # neither a status nor dates: the choices' own message
            else:
                return session.apply(status.field, chosen)
            parsed = parse_period(text, self.today)
            complete = len(parsed) == 2
            notes = session.apply(status.field, "complete" if complete else "in_progress")
            notes += session.apply(start.field, parsed[0])
            session.asked.add(start.id)
            if complete:
                notes += session.apply(end.field, parsed[1])
                session.asked.add(end.id)
            return notes

        outcome, _value = self.ask_value(
            _("{title} gate: when did its work start (and end, if complete)?").format(
                title=title), AnswerType.TEXT,
            help_text=status.help or description(status.field), qid=status.id,
            required=needed(status.field, session.data), store=store)
        if outcome == "set":  # in the words the hint offers: "in progress", "en cours"
            said_as = _(STATUS_WORDS[Status(session.value(status.field))])
            self.say(f"  = {said_as}", "dim")
            session.unskip(status)
        elif outcome in ("skip", "clear"):
            session.skip(status)
        elif outcome == "unknown":
            self.unknown(status.field, status.prompt, AnswerType.CHOICE, choices, False,
                         store)
            session.skip(status)
        return outcome

    def ask_period(self, start: Question, end: Question, section: Section) -> Outcome:
        """`2026-01-12 to 2026-02-06`: when the work of a complete gate started and ended
        (a single date is the completion date; the start may stay unknown)."""
        session = self.session
        session.asked.add(end.id)
        self.asking = (end.field, None, None)
        shown = [show(session.value(start.field)), show(session.value(end.field))]
        default = (_("{start} to {end}").format(start=shown[0], end=shown[1]) if all(shown)
                   else shown[1] or None)

        def store(value: Any, clear: bool) -> list[str]:
            if clear:
                raise AnswerError("a complete gate needs its completion date")
            parsed = parse_period(str(value), self.today)
            if len(parsed) == 1:
                return session.apply(end.field, parsed[0])
            # The end first, as a complete gate is not valid without it; the start first
            # when the end alone falls before the start the file had.
            try:
                return session.apply(end.field, parsed[1]) + session.apply(start.field, parsed[0])
            except AnswerError:
                return session.apply(start.field, parsed[0]) + session.apply(end.field, parsed[1])

        label = _("{start} and end?").format(start=re.sub(r"\s*\?$", "", plain(start.prompt)))
        outcome, _value = self.ask_value(
            _("{label} (start to end, e.g. 2026-01-12 to 2026-02-06)").format(label=label),
            AnswerType.TEXT,
            help_text=start.help or description(start.field), qid=f"{start.id}, {end.id}",
            default=default, required=True, store=store)
        if outcome == "keep" and not session.answered(end):
            store(default, False)
        if outcome == "unknown":
            self.unknown(end.field, end.prompt, AnswerType.DATE, [], True,
                         lambda value, clear: session.apply(end.field, value, clear=clear))
        for question in (start, end):
            if session.answered(question):
                session.unskip(question)
                if outcome == "set":
                    session.close_question(question.field)
        return outcome

    def unknown(self, path: str, prompt: str, kind: AnswerType, choices: list[str],
                required: bool, store: Store_ | None, ratio: bool = False,
                reading: Reading | None = None) -> Any:
        """Record an open question on `path`; a required answer also needs a provisional
        value meanwhile. Returns whom to ask."""
        who = self.ask_who(path)
        if store is not None:
            self._open_question(path, who)
        if required:
            self.say(_("  The file needs a value here meanwhile: give your best guess; the "
                       "question stays open."), "dim")
            self.ask_value(_("  Provisional {prompt}").format(prompt=plain(prompt)), kind,
                           choices=choices, required=True, ratio=ratio, store=store,
                           reading=reading)
        return who

    def _open_question(self, path: str, who: Any, listed: bool = True) -> None:
        """Record an open question on `path` and say so, in the question's words; `listed`
        adds that it is listed at the end of the session."""
        self.session.open_question(path, who)
        said = (_("  Open question for {who}: {question} (listed at the end)") if listed
                else _("  Open question for {who}: {question}"))
        self.say(said.format(who=show(who), question=plain(self._question_words(path))), "dim")

    def follow_domain(self, domain: str) -> None:
        """Switch to the pack of the domain just answered, when no pack was named."""
        if self.choose_pack is None:
            return
        chosen = self.choose_pack(domain)
        if chosen.id == self.pack.id:
            return
        self.session.use_pack(chosen)
        self.say(_("Domain {domain}: the questions now come from the pack {title} "
                   "({id}).").format(domain=value_words(domain), title=chosen.title,
                                     id=chosen.id), "bold")

    # --- lists -------------------------------------------------------------------------

    def _summary(self, question: Question, item: Any) -> str:
        """A record on one line, its values in the order asked; a number or a yes/no,
        which do not say what they are, with the start of its prompt: `Salesforce |
        crm | Hops from the system of record: 0 | Does it carry personal information?
        yes`."""
        if not isinstance(item, dict):
            return show(item)
        parts = []
        for item_field in question.item or []:
            value = get(item, item_field.key.split("."))
            if not present(value):
                continue
            shown = show_as(value, item_field.type)
            if item_field.type in _UNSAID:
                label = _LABEL_END.split(plain(item_field.prompt), maxsplit=1)[0].strip()
                shown = (f"{label} {shown}" if label.endswith("?")
                         else _("{label}: {value}").format(label=label, value=shown))
            parts.append(shown)
        return plain(" | ".join(parts)) or "(empty)"

    def ask_records(self, question: Question, revisit: bool = False) -> Outcome:
        """A list: what it needs first (a source of each kind the use case needs, each
        regulation the jurisdictions require), then any others; Enter ends it, after
        saying what is still missing."""
        session = self.session
        self.say(Text(plain(question.prompt), "bold"))
        needs = session.needs(question)
        if needs is not None:
            self.say(f"  {needs.reason[:1].upper()}{needs.reason[1:]}.", "cyan")
        first = (question.item or [])[0]
        declined: set[str] = set()
        while True:
            items = list(get(session.tree, split_path(question.field)) or [])
            for number, item in enumerate(items, 1):
                self.say(f"  {number}. {self._summary(question, item)}")
            missing = [m for m in session.missing(question) if m not in declined]
            if needs is not None and missing:
                preset = CommentedMap([(needs.key, missing[0])])
                added = self.ask_item(question, preset, len(items), preset=needs.key)
                if added == "back":
                    return "back"
                if added == "none":
                    declined.add(missing[0])
                continue
            self.asking = (question.field, len(items), first.key)
            raw = self.prompt(_("  {number}. {label} ({hint}): ").format(
                number=len(items) + 1, label=plain(first.prompt),
                hint=_("Enter = done; e N edits, d N deletes") if items
                else _("Enter = done"))).strip()
            lowered = raw.lower()
            if raw == "?":
                self._help(question.help or description(question.field), AnswerType.RECORDS,
                           [], question.id)
                continue
            if lowered in BACK:
                return "back"
            if is_unknown(raw):
                who = self.unknown(question.field, question.prompt, AnswerType.RECORDS, [],
                                   False, None)
                self._open_question(question.field, who)
                return "unknown"
            if raw == "":
                missing = session.missing(question)
                if missing and needs is not None:
                    self.say(_("  Still missing: {missing} ({reason}); {rule} will report "
                               "it.").format(missing=", ".join(missing), reason=needs.reason,
                                             rule=needs.rule), "yellow")
                    again = self.prompt(_("  Add one now? [y/N]: ")).strip().lower()
                    if again in YES:
                        declined.clear()
                        continue
                # Ended on purpose: a list still lacking what it needs is not taken up
                # again on resume (Session.due).
                if items and not (missing and needs is not None):
                    session.unskip(question)
                else:
                    session.skip(question)
                return "set" if items else "skip"
            match = re.fullmatch(r"(e|edit|d|delete|r|remove)\s*(\d+)", lowered)
            if match:
                index = int(match.group(2)) - 1
                if not 0 <= index < len(items):
                    self.say(_("  There is no item {number}: give N from 1 to {count}").format(
                        number=index + 1, count=len(items))
                        if items else _("  The list is empty."), "yellow")
                    continue
                if match.group(1).startswith("e"):
                    self.ask_item(question, copy.deepcopy(items[index]), index, edit=True)
                else:
                    self.delete_item(question, items, index)
                continue
            self.ask_item(question, CommentedMap(), len(items), typed=raw)

    def delete_item(self, question: Question, items: list[Any], index: int) -> None:
        sure = self.prompt(_("  Delete {number}. {summary}? [y/N]: ").format(
            number=index + 1, summary=self._summary(question, items[index]))).strip().lower()
        if sure not in YES:
            self.say(_("  Kept."), "dim")
            return
        remaining = copy.deepcopy(get(self.session.tree, split_path(question.field)))
        del remaining[index]
        try:
            if remaining:
                self.session.apply(question.field, remaining)
            else:
                self.session.apply(question.field, None, clear=True)
        except AnswerError as error:
            self.say(_("  cannot delete it: {error}").format(error=plain(str(error))), "yellow")

    def ask_item(self, question: Question, item: CommentedMap, index: int, *,
                 typed: str | None = None, edit: bool = False,
                 preset: str | None = None) -> Literal["saved", "dropped", "none", "back"]:
        """Ask the fields of one record that apply to it, then save the list; a field the
        model rejects is asked again (or every field, when the message names none), and
        then any field that has come to apply. `back` returns to the previous field; at
        the first field it drops the record (and returns "back" for a record the list
        needs). `preset` is a field already set (the kind of a needed source): not asked,
        and Enter at the first question means there is no such record ("none")."""
        session = self.session
        candidate = copy.deepcopy(item)
        fields = list(question.item or [])
        model = item_model(question)
        opened: dict[str, Any] = {}
        asked: list[int] = []  # positions answered, in order: where `back` goes
        filled: set[str] = set()  # keys given along with another answer (a unit)
        refused: set[str] = set()  # keys whose value the model refused: asked, never filled
        position = 0
        while True:
            while position < len(fields):
                item_field = fields[position]
                keys = item_field.key.split(".")
                path = f"{question.field}[*].{item_field.key}"
                if not session.item_applies(item_field, candidate):
                    unset_value(candidate, keys)
                    position += 1
                    continue
                if (preset is not None and item_field.key == preset) or position in asked or (
                        item_field.key in filled):
                    position += 1
                    continue
                known = session.known(path, candidate)
                if (known is not None and not edit and not present(get(candidate, keys))
                        and item_field.key not in refused):
                    set_value_in(candidate, keys, known.value, model)
                    self.say(_("    {prompt}: {value} (from {where})").format(
                        prompt=plain(item_field.prompt),
                        value=show_as(known.value, item_field.type, session.reading(path)),
                        where=known.where), "dim")
                    position += 1
                    continue
                label = "    " + plain(item_field.prompt)
                walk = preset is not None and not asked
                if walk:
                    # A kind of source in words ("network telemetry", French "GRC"); a
                    # regulation's code (QC_LAW25) as it is written.
                    needed = show(candidate.get(preset))
                    if needed.islower():
                        needed = value_words(needed)
                    label = (f"  {index + 1}. {needed} \u00b7 "
                             + _("{prompt} (Enter if there is none)").format(
                                 prompt=plain(item_field.prompt)))
                required = (item_field.required or model_required(path)) and not walk
                choices = session.choices(path, item_field.choices)
                self.asking = (question.field, index, item_field.key)
                unit_key = record_keys(companion(path))
                takes_unit = (item_field.type in (AnswerType.NUMBER, AnswerType.INTEGER,
                                                  AnswerType.CHOICE) and bool(unit_key))

                def record_unit(text: Any, keys: list[str] = unit_key) -> None:
                    set_value_in(candidate, keys, text, model)
                    filled.add(".".join(keys))

                reading = session.reading(path, candidate)
                outcome, value = self.ask_value(
                    label, item_field.type,
                    help_text=item_field.help or description(path), qid=question.id,
                    choices=choices, default=get(candidate, keys), required=required,
                    ratio=session.ratio(path, candidate), typed=typed,
                    unit=record_unit if takes_unit else None,
                    offers=session.offers(path), reading=reading,
                    unit_now=unit_text(get(candidate, unit_key)) if takes_unit else None,
                )
                typed = None
                if walk and outcome == "skip":
                    return "none"
                if outcome == "back":
                    if not asked:
                        if preset is not None:
                            return "back"
                        self.say(_("  (record dropped)"), "dim")
                        return "dropped"
                    position = asked.pop()
                    continue
                if outcome == "unknown":
                    opened[item_field.key] = self.ask_who()
                    # Required even as the first field of a record the list needs (where
                    # Enter says there is none): the record is there, its value is not known.
                    if item_field.required or model_required(path):
                        self.say(_("  The record needs a value here meanwhile: give your "
                                   "best guess; the question stays open."), "dim")
                        outcome, value = self.ask_value(
                            _("    Provisional {prompt}").format(
                                prompt=plain(item_field.prompt).lower()),
                            item_field.type, choices=choices, required=True,
                            ratio=session.ratio(path, candidate), reading=reading,
                            unit=record_unit if takes_unit else None)
                if outcome in ("set", "keep"):
                    set_value_in(candidate, keys, value, model)
                    if outcome == "set" and session.offers(path):
                        self.say(f"  = {session.measure_note(str(value))}", "dim")
                elif outcome == "clear":
                    unset_value(candidate, keys)
                asked.append(position)
                position += 1
            try:
                self._save_item(question, candidate, index)
                break
            except AnswerError as error:
                retry = _item_field_for(question, getattr(error, "path", ""), index)
                if retry is not None and not present(get(candidate, retry.key.split("."))):
                    self.say(_("  {prompt}: an answer is needed here ('unknown' if nobody "
                               "knows yet).").format(prompt=plain(retry.prompt)), "yellow")
                else:
                    self.say(f"  {plain(str(error))}", "yellow")
                if retry is not None:
                    # Asked again with what the record held before as the default (nothing,
                    # for a new record), never with the value just refused.
                    keys = retry.key.split(".")
                    earlier = get(item, keys)
                    if present(earlier) and earlier != get(candidate, keys):
                        set_value_in(candidate, keys, earlier, model)
                    else:
                        unset_value(candidate, keys)
                    refused.add(retry.key)
                    filled.discard(retry.key)
                position = fields.index(retry) if retry else 0
                asked = [p for p in asked if retry is not None and p != position]
        for key, who in opened.items():
            self._open_question(f"{question.field}[{index}].{key}", who, listed=False)
        return "saved"

    def _save_item(self, question: Question, candidate: CommentedMap, index: int) -> None:
        """Put the record in its list and save it; AnswerError when the model refuses."""
        existing = get(self.session.tree, split_path(question.field))
        items = copy.deepcopy(existing) if isinstance(existing, CommentedSeq) else CommentedSeq()
        if index < len(items):
            items[index] = candidate
        else:
            if items and all(isinstance(i, CommentedMap) and i.fa.flow_style() for i in items):
                candidate.fa.set_flow_style()  # follow the list's style
            items.append(candidate)
        self.session.apply(question.field, items)

    # --- walking -----------------------------------------------------------------------

    def run(self, only: str | None = None) -> Result | None:
        """Walk the sections (or revisit one), then show the summary; returns the result."""
        session = self.session
        revisit = only is not None
        if session.store.exists and not revisit:
            self.resume()
        if not session.state.valid and session.state.errors and session.store.exists:
            self.say(_("{path} is not a valid assessment yet:").format(
                path=session.store.path), "yellow")
            for error in session.state.errors[:5]:
                self.say(_("  line {line}: {path}: {message}").format(
                    line=error.line, path=error.path, message=plain(error.message)), "yellow")
        history: list[str] = []
        again: str | None = None  # a question reached with `back`: asked even if answered
        shown: set[str] = set()
        asked_in: set[str] = set()
        position = 0
        while True:
            order = [(s, q) for s in self.sections if not revisit or s.id == only
                     for q in s.questions]
            if position >= len(order):
                break
            section, question = order[position]
            if again == question.id or session.due(section, question, revisit):
                if section.id not in shown:
                    self._header(section)
                    shown.add(section.id)
                outcome = self.ask(question, section, revisit or again == question.id)
                again = None
                asked_in.add(section.id)
                if outcome == "back":
                    session.asked.discard(question.id)
                    if not history:
                        self.say(_("  This is the first question of the session."), "dim")
                        continue
                    again = history.pop()
                    session.asked.discard(again)
                    position = next(i for i, (_s, q) in enumerate(order) if q.id == again)
                    continue
                history.append(question.id)
                self._companions(section, order, position, revisit)
            following = order[position + 1][0] if position + 1 < len(order) else None
            if (following is None or following.id != section.id) and section.gate is not None and (
                    section.id in asked_in or revisit):
                self.gate_panel(section.gate)
            position += 1
        if not session.asked and not revisit:
            self.say(_("Every question is answered; `--gate GATE` revisits a gate."), "dim")
        return self.summary()

    def _companions(self, section: Section, order: list[tuple[Section, Question]],
                    position: int, revisit: bool) -> None:
        """A held answer waits for fields asked later in this section, or, when they are
        elsewhere (the integration gate's status for a go-live date), asked right now."""
        session = self.session
        later = {q.field for s, q in order[position + 1:] if s.id == section.id}
        while True:
            elsewhere = session.pending - later
            fixer = next((q for q in self.pack.questions if q.field in elsewhere
                          and q.id not in session.asked), None)
            if fixer is None:
                return
            self.say(_("  That answer needs this one too:"), "dim")
            self.ask(fixer, session.section_of(fixer), revisit)

    def resume(self) -> None:
        """Say where the session resumes; offer to go through the open questions first."""
        session = self.session
        flat = [(s, q) for s in self.sections for q in s.questions]
        waiting = next((q for s, q in flat if session.due(s, q, False)), None)
        if waiting is not None and any(session.answered(q) for _, q in flat):
            self.say(_("Resuming {path} at: {prompt}").format(
                path=session.store.path, prompt=plain(waiting.prompt)), "bold")
        askable = [(entry, found) for entry in session.open_questions()
                   if (found := self._question_of(str(get(entry, ["field"])))) is not None]
        if not askable:
            return
        for line in open_question_lines([entry for entry, _found in askable],
                                        self._question_words):
            self.say(line)
        answer = self.prompt(ngettext("Go through the {count} open question first? [Y/n]: ",
                                      "Go through the {count} open questions first? [Y/n]: ",
                                      len(askable)).format(count=len(askable)))
        if answer.strip().lower() not in ("", *YES):
            return
        self.say(_("Enter confirms the value in brackets and closes its question; `unknown` "
                   "keeps the question open; `back` returns to the previous one."), "dim")
        position = 0
        while position < len(askable):
            entry, (path, label, kind, choices) = askable[position]
            who = get(entry, ["ask"])
            self.say(_("{question} (open since {since}, ask {who})").format(
                question=plain(self._question_words(path)), since=show(get(entry, ["raised_on"])),
                who=show(who)), "dim")

            def store(value: Any, clear: bool, path: str = path) -> list[str]:
                return session.apply_at(path, value, clear=clear)

            near = companion(generic_path(path)) if kind in (
                AnswerType.NUMBER, AnswerType.INTEGER, AnswerType.CHOICE) else None
            sibling = positioned(near, path) if near is not None else None
            given: list[Any] = []

            def give(text: Any, sibling: str | None = sibling, given: list[Any] = given) -> None:
                if sibling is not None:
                    session.apply_at(sibling, text)
                    given.append(text)

            outcome, _value = self.ask_value(
                plain(label), kind, choices=choices, default=self._with_date(path, sibling),
                ratio=session.ratio(generic_path(path)), store=store,
                reading=session.reading(path), unit=give if sibling is not None else None)
            if outcome == "back":  # the previous open question again
                position = max(position - 1, 0)
                continue
            if outcome == "set" and kind == AnswerType.CHOICE and sibling and not given:
                self._ask_date(sibling)  # `compliant` alone: the date it goes with
            if outcome in ("set", "keep"):
                session.close_question(path)
                self.say(_("  Answered: the open question is closed."), "dim")
            elif outcome == "unknown":
                session.open_question(path, self.ask_who(path))
            position += 1

    def _with_date(self, path: str, sibling: str | None) -> Any:
        """The value at `path`, the default of an open question; a status with its date
        (`compliant 2026-08-20`) where the question takes both, as it is typed."""
        value = get(self.session.data, parts(path))
        found = self._question_of(path)
        if sibling is None or found is None or found[2] != AnswerType.CHOICE:
            return value
        day = get(self.session.data, parts(sibling))
        return f"{show(value)} {show(day)}" if present(value) and present(day) else value

    def _ask_date(self, path: str) -> None:
        """Ask the date that goes with a status answered alone (a regulation's review date,
        the security review's completion date), when its question applies to the status."""
        session = self.session
        found = self._question_of(path)
        if found is None or not self._applies_at(path):
            return
        _path, label, kind, _choices = found

        def store(value: Any, clear: bool) -> list[str]:
            return session.apply_at(path, value, clear=clear)

        self.ask_value(plain(label), kind, default=get(session.data, parts(path)),
                       required=path in session.pending, store=store)

    def _applies_at(self, path: str) -> bool:
        """Whether the question (or record field) that fills `path` applies, as the file
        stands: a completion date only for a complete review."""
        generic = generic_path(path)
        for question in self.pack.questions:
            if question.type != AnswerType.RECORDS and question.field == path:
                return self.session.applies(question)
            for item_field in question.item or []:
                if f"{question.field}[*].{item_field.key}" == generic != path:
                    record = re.fullmatch(r"(.+)\[(\d+)\]\.[^\[\]]+", path)
                    items = get(self.session.data, parts(record.group(1))) if record else None
                    index = int(record.group(2)) if record else 0
                    item = items[index] if isinstance(items, list) and index < len(items) else {}
                    return self.session.item_applies(item_field, item)
        return False

    def _question_of(self, path: str) -> tuple[str, str, AnswerType, list[str]] | None:
        """(path, prompt, type, choices) of the question or record field that fills a
        field path; None for a whole list or a field the pack does not ask."""
        generic = generic_path(path)
        for question in self.pack.questions:
            if question.type != AnswerType.RECORDS and question.field == path:
                return path, question.prompt, question.type, self.session.choices(
                    path, question.choices)
            for item_field in question.item or []:
                full = f"{question.field}[*].{item_field.key}"
                if full == generic and generic != path:
                    return path, item_field.prompt, item_field.type, self.session.choices(
                        full, item_field.choices)
        return None

    def _question_words(self, path: str) -> str:
        """An open question as the wizard asks it: the question's text, after the record
        it belongs to for a record's field (`Billing data warehouse · Worst-case age of the
        data when read`); the field in words when the pack does not ask it."""
        found = self._question_of(path)
        if found is None:
            whole = next((q for q in self.pack.questions if q.field == path), None)
            return whole.prompt if whole is not None else field_words(path)
        label = found[1]
        record = re.fullmatch(r"(.+)\[(\d+)\]\.[^\[\]]+", path)
        if record is None:
            return label
        return f"{self._record_name(record.group(1), int(record.group(2)))} \u00b7 {label}"

    def _record_name(self, field: str, index: int) -> str:
        """A record of a list by its first field (a source's name, a regulation), else by
        its number."""
        question = next((q for q in self.pack.questions if q.field == field), None)
        items = get(self.session.data, parts(field))
        item = items[index] if isinstance(items, list) and index < len(items) else None
        first = question.item[0].key if question is not None and question.item else ""
        name = show(get(item, parts(first))) if isinstance(item, dict) and first else ""
        return name or _("{list}, item {number}").format(
            list=question.prompt if question is not None else field_words(field),
            number=index + 1)

    def _header(self, section: Section) -> None:
        self.console.print()
        if section.gate is None:
            self.say(Text(_("Part 0: {title} ({pack})").format(
                title=plain(section.title), pack=plain(self.pack.title)), "bold"))
        else:
            self.say(Text(_("Gate {number} of 6: {title}").format(
                number=section.gate.order, title=plain(section.title)), "bold"))
        if section.intro:
            self.say(section.intro, "dim")

    # --- results -----------------------------------------------------------------------

    def result(self) -> Result | None:
        return self.session.result()

    def gate_panel(self, gate: GateId) -> None:
        from rich.console import Group
        from rich.panel import Panel

        result = self.result()
        title = _("Gate {number}: {title}").format(number=gate.order, title=gate.title)
        if result is None:
            lines = [Text(_("Not scored: the file is not a valid assessment yet."), "yellow")]
            lines += [Text(_("line {line}: {path}: {message}").format(
                line=e.line, path=e.path, message=plain(e.message)))
                for e in self.session.state.errors[:5]]
            self.console.print(Panel(Group(*lines), title=Text(title), expand=False))
            return
        self.console.print(render_gate(result, gate))

    def summary(self) -> Result | None:
        session = self.session
        result = self.result()
        self.console.print()
        if result is None:
            self.say(_("{path} is not a valid assessment yet; run `readiness assess {path}` "
                       "to go on.").format(path=session.store.path), "yellow")
            for line in open_question_lines(session.open_questions(), self._question_words) if (
                    session.open_questions()) else []:
                self.say(line)
            return None
        self.console.print(render_summary(result, session.skipped(), self._question_words))
        self.say(_("Saved {path}.").format(path=session.store.path), "dim")
        return result

    def apply_answers(self, answers: dict[str, Any], lines: dict[str, int] | None = None) -> None:
        self.session.apply_answers(answers, lines)


def asking(label: str, shown: str = "") -> str:
    """The prompt of a question, with the value Enter keeps in brackets: `Name: `, `Name
    [Mini copilot]: `. In French a no-break space comes before the colon (`Nom\u00a0: `),
    and a question written with its question mark takes no colon (`Intégrée à un outil
    existant? `), as the wizard's own questions do (docs/fr.md)."""
    if shown:
        return _("{label} [{default}]: ").format(label=label, default=shown)
    if label.rstrip().endswith("?"):
        return _("{question}: ").format(question=label)
    return _("{label}: ").format(label=label)


def _plain_number(text: str) -> bool:
    """A number as the file writes it, or with thousands separators (`2,900,000`): what
    it was read as goes without saying."""
    text = text.strip()
    return bool(re.fullmatch(r"[-+]?+[\d,. _]*+%?+", text) and re.search(r"\d", text))


def _item_field_for(question: Question, path: str, index: int) -> ItemField | None:
    """The record field an error is about: `decision_boundaries.actions[2].limit.currency`."""
    prefix = f"{question.field}[{index}]."
    for item_field in question.item or []:
        if under(path, prefix + item_field.key):
            return item_field
    return None


__all__ = ["INITIATIVE", "Prompt", "Wizard"]
