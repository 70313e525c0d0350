"""The state of a `readiness assess` session, with no console: what is asked, in which
order, what an answer changes in the file, what is still open.

After each answer the whole file goes through the real loader and the assessment model:
an answer the model rejects raises `AnswerError` with the model's message. Once the file
is a valid assessment it stays one: an answer that needs companions (a gate marked
`complete` needs its `completed_on`) is held, unsaved, until the companions are answered
(`Session.pending`), and they are saved together.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from readiness.engine import Result, assess, run_rules
from readiness.i18n import _, ngettext
from readiness.loader import Document, loads
from readiness.model import Assessment, GateId, Jurisdiction, UseCase
from readiness.packs import (
    NO_RULES,
    AnswerType,
    Check,
    ItemField,
    Pack,
    Question,
    RuleState,
    generic_path,
    split_path,
)
from readiness.rules import Context
from readiness.schema import InvalidAssessment, SchemaError, suggest, validate
from readiness.thresholds import Thresholds
from readiness.wizard.answers import (
    AnswerError,
    Reading,
    parse,
    parse_person,
    show,
    split_companion,
    unit_text,
)
from readiness.wizard.fields import (
    companion,
    currency_field,
    is_ratio,
    item_model,
    model_choices,
    reading,
)
from readiness.wizard.store import Store, get, node, present, set_value, set_value_in, unset_value
from readiness.words import listing, value_words

INITIATIVE = "initiative"
"""The section of the initiative questions, asked before gate 1 (`--gate initiative`)."""


# --- a snapshot of the file as the loader and the model see it ---------------------------


@dataclass
class Snapshot:
    text: str
    document: Document
    assessment: Assessment | None
    errors: list[SchemaError]
    _rules: RuleState | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        return self.assessment is not None

    def holds(self, check: Check, today: date, thresholds: Thresholds) -> bool:
        """`when` of a question: on the model, with the rules run once if the check reads
        them, when the file is valid; on the values as written otherwise, where the rules
        cannot run and a `no_findings` check does not hold (docs/assess.md)."""
        if self.assessment is None:
            return check.holds(self.document.data, NO_RULES)
        if self._rules is None and check.rule_ids:
            context = Context(self.assessment, self.document, thresholds, today)
            findings, ran = run_rules(context)
            fired = frozenset(f.rule for f in findings if not f.waived)
            self._rules = RuleState(frozenset(ran), fired)
        return check.holds(self.assessment, self._rules or NO_RULES)


def snapshot(store: Store, tree: CommentedMap) -> Snapshot:
    text = store.dump(tree)
    document = loads(text, str(store.path))
    try:
        return Snapshot(text, document, validate(document), [])
    except InvalidAssessment as exc:
        return Snapshot(text, document, None, exc.errors)


def under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")


def _error(error: SchemaError, named: bool = False) -> AnswerError:
    answer = AnswerError(f"{error.path}: {error.message}" if named else error.message)
    answer.path = error.path  # type: ignore[attr-defined]
    return answer


class AnswerProblems(AnswerError):
    """Every problem of an answers file, one a line (`line N: question id: message`)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Section:
    id: str  # "initiative" or a gate id
    title: str
    intro: str
    questions: list[Question]
    gate: GateId | None

    @property
    def number(self) -> int:
        """0 for the initiative, 1-6 for the gates."""
        return self.gate.order if self.gate is not None else 0


@dataclass(frozen=True)
class Needs:
    """What a list must hold: the values of `key` its items must cover, and why."""

    key: str
    values: list[str]
    reason: str
    rule: str


@dataclass(frozen=True)
class Known:
    """A figure given elsewhere in the file, used instead of asking it again."""

    value: Any
    where: str


class Session:
    """One file and one pack: the answers given, the ones held, the ones left open."""

    def __init__(self, store: Store, pack: Pack, today: date | None = None,
                 thresholds: Thresholds | None = None) -> None:
        self.store = store
        self.today = today or date.today()
        self.thresholds = thresholds or Thresholds()
        self.tree: CommentedMap = store.tree
        self.state = snapshot(store, self.tree)
        self.saved_state = self.state if store.exists else None
        self.autosave = True  # off while an answers file is applied as a whole
        self.asked: set[str] = set()
        self.pending: set[str] = set()  # fields a held answer waits for
        self.changed = 0
        self.use_pack(pack)

    def use_pack(self, pack: Pack) -> None:
        self.pack = pack
        self.sections = [Section(INITIATIVE, _("The initiative"), "", list(pack.initiative), None)]
        self.sections += [
            Section(g.id.value, g.title, g.intro, list(g.questions), g.id) for g in pack.gates
        ]

    # --- reading the file --------------------------------------------------------------

    @property
    def data(self) -> Any:
        return self.state.document.data

    def value(self, question_field: str) -> Any:
        return get(self.data, split_path(question_field))

    def answered(self, question: Question) -> bool:
        return present(self.value(question.field))

    def applies(self, question: Question, state: Snapshot | None = None) -> bool:
        if question.when is None:
            return True
        return (state or self.state).holds(question.when, self.today, self.thresholds)

    @staticmethod
    def item_applies(item_field: ItemField, record: Any) -> bool:
        """A record's field is asked only when its `when` holds for the record so far."""
        return item_field.when is None or item_field.when.holds(record, NO_RULES)

    def choices(self, path: str, declared: list[str] | None) -> list[str]:
        return list(declared) if declared else model_choices(path)

    def ratio(self, path: str, record: Any = None) -> bool:
        """Whether a percentage answer is stored as a number from 0 to 1: a ratio field, or a
        metric whose unit is a ratio or a fraction."""
        if is_ratio(path):
            return True
        unit = str(get(record, ["unit"]) or "").lower() if isinstance(record, dict) else ""
        return unit in ("ratio", "fraction", "share", "0-1", "0 to 1")

    def reading(self, path: str, record: Any = None) -> Reading:
        """How the field at `path` (a list position as `[*]` or a number) reads an answer
        beyond its type (fields.reading), with the currency an amount is in: its record's
        (`record`, the record so far) or the file's."""
        found = reading(generic_path(path))
        where = currency_field(generic_path(path)) if found.money else None
        if where is None:
            return found
        inside = record_keys(where)
        if record is not None and inside:
            currency = get(record, inside)
        else:
            currency = get(self.data, parts(positioned(where, path)))
        return replace(found, currency=currency if isinstance(currency, str) else None)

    def section_closed(self, section: Section, question: Question) -> bool:
        """A gate whose status was skipped is left out: nothing inside it can be saved."""
        if section.gate is None or not question.field.startswith(section.id + "."):
            return False
        if question.field == f"{section.id}.status":
            return False
        return self.value(section.id) is None and any(
            q.field == f"{section.id}.status" and q.id in self.store.skipped
            for q in section.questions
        )

    def section_of(self, question: Question) -> Section:
        return next(s for s in self.sections if question in s.questions)

    def due(self, section: Section, question: Question, revisit: bool) -> bool:
        if question.id in self.asked or not self.applies(question):
            return False
        if self.section_closed(section, question):
            return False
        if revisit:
            return True
        if question.id in self.store.skipped:
            return False
        if not self.answered(question):
            return True
        # A list left before it was ended (Ctrl-C at its third regulation) is taken up
        # again while it lacks what it needs; one ended on purpose is skipped.
        return (question.type == AnswerType.RECORDS and bool(self.missing(question))
                and question.field not in {str(get(e, ["field"])) for e in self.open_questions()})

    # --- applying one answer -----------------------------------------------------------

    def apply(self, question_field: str, value: Any, *, clear: bool = False,
              lenient: bool = False) -> list[str]:
        """Write one answer (or clear it); returns notes on dependent answers removed.

        Raises AnswerError when the model rejects it. When the file was a valid assessment
        and the answer needs others first (a `complete` gate and its `completed_on`), the
        answer is held: kept in the session, not saved, with `pending` naming the fields
        still needed. `lenient` accepts errors elsewhere (an answers file is checked whole)."""
        parts = split_path(question_field)
        candidate = copy.deepcopy(self.tree)
        if clear:
            unset_value(candidate, parts)
        else:
            set_value(candidate, parts, value)
        state = snapshot(self.store, candidate)
        notes = []
        # An answer that makes a conditional question moot removes that question's value
        # (a gate that is no longer complete has no completed_on).
        for question in self.pack.questions:
            if (question.when is not None and question.field != question_field
                    and present(get(state.document.data, split_path(question.field)))
                    and self.applies(question) and not self.applies(question, state)):
                unset_value(candidate, split_path(question.field))
                notes.append(_("removed {field}: it no longer applies").format(
                    field=question.field))
        if notes:
            state = snapshot(self.store, candidate)
        before = {(e.path, e.message) for e in self.state.errors}
        new = [e for e in state.errors if (e.path, e.message) not in before]
        own = [e for e in new if under(e.path, question_field)]
        if own:
            raise _error(own[0])
        # A question this answer brings back (a complete gate's completion date, removed
        # when it was set in progress) is to be asked again, and may complete the answer.
        returning = {q.id for q in self.pack.questions if q.when is not None
                     and q.field != question_field and not self.applies(q)
                     and self.applies(q, state)}
        fixers = {q.field for q in self.pack.questions
                  if (q.id not in self.asked or q.id in returning)
                  and q.field != question_field and self.applies(q, state)}
        was_valid = self.saved_state is not None and self.saved_state.valid
        if state.errors and was_valid and not lenient:
            other = next((e for e in state.errors if e.path not in fixers), None)
            if other is not None:
                raise _error(other, named=True)
            self.tree, self.state = candidate, state
            self.pending = {e.path for e in state.errors}
            self.asked -= returning
            return notes
        self.tree, self.state = candidate, state
        self.asked -= returning
        still = {e.path for e in state.errors}
        self.pending = ({e.path for e in new if e.path in fixers} | self.pending) & still
        self.changed += 1
        if self.autosave:
            self.store.save(state.text)
            self.saved_state = state
        return notes

    def apply_at(self, path: str, value: Any, *, clear: bool = False) -> list[str]:
        """`apply` for a path that may name one item of a list: `sources[2].freshness`."""
        match = re.fullmatch(r"(.+?)\[(\d+)\]\.(.+)", path)
        if match is None:
            return self.apply(path, value, clear=clear)
        items = copy.deepcopy(get(self.tree, split_path(match.group(1))))
        index = int(match.group(2))
        if not isinstance(items, list) or index >= len(items):
            raise AnswerError(f"{path}: there is no such item any more")
        keys = match.group(3).split(".")
        if clear:
            unset_value(items[index], keys)
        else:
            set_value_in(items[index], keys, value, _model_of(match.group(1)))
        return self.apply(match.group(1), items)

    def skip(self, question: Question) -> None:
        self.store.skipped.add(question.id)
        self.store.save_skipped()

    def unskip(self, question: Question) -> None:
        if question.id in self.store.skipped:
            self.store.skipped.discard(question.id)
            self.store.save_skipped()

    def skipped(self) -> list[Question]:
        """Optional questions skipped on purpose, still unanswered and not an open question,
        in pack order. A gate's skipped status is not listed: the gate is not started."""
        gates = {f"{s.id}.status" for s in self.sections if s.gate is not None}
        opened = {str(get(entry, ["field"])) for entry in self.open_questions()}
        return [q for q in self.pack.questions
                if q.id in self.store.skipped and not self.answered(q) and self.applies(q)
                and q.field not in gates and q.field not in opened]

    # --- open questions (docs/format.md, "Open questions") -----------------------------

    def open_questions(self) -> list[Any]:
        found = self.value("open_questions")
        return list(found) if isinstance(found, list) else []

    def open_question(self, path: str, ask: Any, note: str | None = None) -> None:
        """Record that `ask` can answer `path`, raised today; replaces an earlier one, in
        its place. A question kept open for the same person keeps the day it was raised and
        its note (OPN002 counts its age from then), and the file is left as it was."""
        who = parse_person(ask) if isinstance(ask, str) else ask
        entry: dict[str, Any] = {"field": path, "ask": who, "raised_on": self.today}
        entries = self.open_questions()
        at = next((i for i, e in enumerate(entries) if get(e, ["field"]) == path), None)
        if at is not None and show(get(entries[at], ["ask"])) == show(who):
            if note is None or note == get(entries[at], ["note"]):
                return  # kept open as it was
            entry["raised_on"] = get(entries[at], ["raised_on"]) or self.today
        if note:
            entry["note"] = note
        entries = [e for e in entries if get(e, ["field"]) != path]
        entries.insert(len(entries) if at is None else at, node(entry, flow=False))
        self.apply("open_questions", _seq(entries))

    def close_question(self, path: str) -> None:
        """Remove the open question on `path` (its answer is now in the file)."""
        entries = self.open_questions()
        kept = [e for e in entries if get(e, ["field"]) != path]
        if len(kept) == len(entries):
            return
        if kept:
            self.apply("open_questions", _seq(kept))
        else:
            self.apply("open_questions", None, clear=True)

    def last_asked_of(self, path: str | None = None) -> Any:
        """Whom the open question on `path` is addressed to, else whom the latest open
        question was: the default for the next one."""
        entries = self.open_questions()
        on_path = [e for e in entries if path is not None and get(e, ["field"]) == path]
        if on_path:
            return get(on_path[-1], ["ask"])
        return get(entries[-1], ["ask"]) if entries else None

    # --- lists ---------------------------------------------------------------------------

    def needs(self, question: Question) -> Needs | None:
        """What the use case (sources) or the jurisdictions (regulations) require of a list:
        the same tables the rules DAT002 and GOV003 use."""
        if question.field == "data_pipeline.sources":
            from readiness.standards import NEEDED_SOURCES

            use_case = self.value("initiative.use_case")
            if use_case not in {u.value for u in UseCase}:
                return None
            kinds = [k.value for k in NEEDED_SOURCES[UseCase(use_case)]]
            if not kinds:
                return None
            reason = ngettext("the {use_case} use case needs a source of {kinds}",
                              "the {use_case} use case needs {kinds} sources",
                              len(kinds)).format(use_case=value_words(use_case),
                                                 kinds=listing([value_words(k) for k in kinds]))
            return Needs("kind", kinds, reason, "DAT002")
        if question.field == "governance.regulations":
            from readiness.standards import REQUIRED_REGULATIONS

            given = self.value("initiative.jurisdictions") or []
            places = [j for j in given if j in {x.value for x in Jurisdiction}]
            required: list[str] = []
            for place in places:
                for regulation in REQUIRED_REGULATIONS[Jurisdiction(place)]:
                    if regulation.value not in required:
                        required.append(regulation.value)
            if not required:
                return None
            reason = ngettext("{places} requires {regulations}", "{places} require {regulations}",
                              len(places)).format(places=listing(places),
                                                  regulations=listing(required))
            return Needs("id", required, reason, "GOV003")
        return None

    def missing(self, question: Question) -> list[str]:
        """The values a list needs that none of its items has yet."""
        needs = self.needs(question)
        if needs is None:
            return []
        items = self.value(question.field) or []
        have = {get(item, needs.key.split(".")) for item in items if isinstance(item, dict)}
        return [value for value in needs.values if value not in have]

    def offers(self, path: str) -> list[str]:
        """Suggested answers to a free-text field: a stakeholder group's success measure
        is best one of the outcome metrics already given (docs/rules.md, OWN003)."""
        if path != "initiative.stakeholders[*].success_measure":
            return []
        return [str(m["name"]) for m in self.value("outcomes.metrics") or []
                if isinstance(m, dict) and m.get("name") and m.get("kind") in
                ("business", "service")]

    def measure_note(self, measure: str) -> str:
        """Whether a group's success measure is an outcome metric already given, a model
        measure, or neither: the comparison rule OWN003 makes (docs/rules.md)."""
        if self.state.assessment is None:
            return ""
        from readiness.standards import measure_kind

        return {
            "outcome": _("an outcome metric already given: the groups can align on it"),
            "model": _("a model measure: OWN003 reports groups that judge the initiative by "
                       "the model rather than by an outcome metric"),
            "unrelated": _("neither an outcome metric given nor a model measure"),
        }[measure_kind(measure, self.state.assessment)]

    # --- figures given once ----------------------------------------------------------

    def known(self, path: str, record: Any = None) -> Known | None:
        """A figure already given elsewhere: the limit currency of another action or of the
        ROI, the unit and baseline of gate 1's friction metric for the same outcome metric,
        a metric's direction from its baseline and target, the override rate from an
        outcome metric that measures it."""
        currencies = [get(a, ["limit", "currency"]) for a in
                      self.value("decision_boundaries.actions") or [] if isinstance(a, dict)]
        currencies.append(self.value("outcomes.roi.currency"))
        currency = next((c for c in currencies if isinstance(c, str) and c), None)
        if path in ("decision_boundaries.actions[*].limit.currency", "outcomes.roi.currency"):
            return Known(currency, _("the currency given before")) if currency else None
        if path.startswith("outcomes.metrics[*].") and isinstance(record, dict):
            key = path.rsplit(".", 1)[1]
            friction = self.value("workflow.friction") or {}
            same = (isinstance(friction, dict) and str(record.get("name", "")).lower()
                    == str(friction.get("metric", "")).lower())
            if same and key in ("unit", "baseline") and present(friction.get(key)):
                return Known(friction[key], _("gate 1's friction metric"))
            baseline, target = record.get("baseline"), record.get("target")
            if (key == "direction" and isinstance(baseline, int | float)
                    and isinstance(target, int | float) and baseline != target):
                return Known("decrease" if target < baseline else "increase",
                             _("its baseline and target"))
        implied = {
            "governance.drift_monitoring.enabled": ("governance.drift_monitoring.alert_owner",
                                                    _("the drift alert owner given")),
            "governance.override_tracking.enabled": ("governance.override_tracking.override_rate",
                                                     _("the override rate given")),
        }
        if path in implied and present(self.value(implied[path][0])):
            return Known(True, implied[path][1])
        if path == "governance.override_tracking.override_rate":
            for metric in self.value("outcomes.metrics") or []:
                name = str(metric.get("name", "")) if isinstance(metric, dict) else ""
                if "override" not in name.lower():
                    continue
                current = metric.get("current")
                if isinstance(current, int | float) and not isinstance(current, bool):
                    ratio = self.ratio(path) and not self.ratio("x", metric) and current > 1
                    return Known(round(current / 100, 10) if ratio else current,
                                 _("the outcome metric '{name}'").format(
                                     name=metric.get("name")))
        return None

    # --- results -------------------------------------------------------------------

    def result(self) -> Result | None:
        state = self.state
        if state.assessment is None:
            return None
        return assess(state.document, state.assessment, self.pack, self.thresholds, self.today)

    # --- an answers file (--answers FILE) ------------------------------------------

    def apply_answers(self, answers: dict[str, Any], lines: dict[str, int] | None = None) -> None:
        """Apply a mapping of question id to answer in the pack's order. Nothing is saved
        unless every answer is accepted and the result is a valid assessment; otherwise
        AnswerProblems lists every problem with its question id and line."""
        lines = lines or {}
        questions = {q.id: q for q in self.pack.questions}
        problems: list[tuple[int, str]] = []

        def problem(key: str, message: str) -> None:
            line = lines.get(key, 0)
            problems.append((line, (_("line {line}: ").format(line=line) if line else "")
                             + f"{key}: {message}"))

        for key in answers:
            if key not in questions:
                hint = _closest(key, list(questions))
                problem(key, _("no such question in pack {pack}").format(pack=self.pack.id)
                        + (_("; did you mean {hint}?").format(hint=repr(hint)) if hint else ""))
        self.autosave = False
        try:
            for question in self.pack.questions:
                if question.id not in answers:
                    continue
                raw = answers[question.id]
                try:
                    if not self.applies(question):
                        raise AnswerError(_("this question does not apply here (its condition "
                                            "in the pack does not hold)"))
                    if raw is None:
                        self.apply(question.field, None, clear=True, lenient=True)
                    else:
                        self.apply(question.field, self._scripted(question, raw), lenient=True)
                except AnswerError as error:
                    problem(question.id, str(error))
        finally:
            self.autosave = True
        if not problems and not self.state.valid:
            for invalid in self.state.errors:
                problem(_question_for(self.pack, invalid.path) or invalid.path,
                        _("the answers leave the file invalid: {path}: {message}").format(
                            path=invalid.path, message=invalid.message))
        if problems:
            raise AnswerProblems([text for _line, text in sorted(problems, key=lambda p: p[0])])
        self.store.save(self.state.text)
        self.saved_state = self.state

    def _scripted(self, question: Question, raw: Any) -> Any:
        """The value of an answers file's answer; what follows it fills the field that goes
        with it, as in a session (`answers.split_companion`): `27 minutes` the unit, `25
        CAD` the currency when the amount has none yet."""
        if question.type != AnswerType.RECORDS:
            reading = self.reading(question.field)
            sibling = companion(question.field)
            written = split_companion(raw, question.type, reading, unit_text(
                self.value(sibling)), self.today) if sibling and isinstance(raw, str) else None
            value = parse(question.type, written[0] if written else raw,
                          self.choices(question.field, question.choices), self.today,
                          self.ratio(question.field), reading)
            if sibling and written is not None and not (reading.money and reading.currency):
                self.apply(sibling, written[1], lenient=True)
            return value
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            raise AnswerError(_("expected a list of mappings, one per record"))
        fields = {f.key: f for f in question.item or []}
        model = item_model(question)
        records = []
        for item in raw:
            record: CommentedMap = CommentedMap()
            # amounts last: read in the currency the record gives
            for key, value in sorted(item.items(), key=lambda pair: self.reading(
                    f"{question.field}[*].{pair[0]}").money):
                spec = fields.get(str(key))
                if spec is not None and value is not None:
                    path = f"{question.field}[*].{spec.key}"
                    reading = self.reading(path, record)
                    keys = record_keys(companion(path))
                    written = split_companion(value, spec.type, reading, unit_text(
                        get(record, keys)), self.today) if keys and isinstance(
                            value, str) else None
                    value = parse(spec.type, written[0] if written else value,
                                  self.choices(path, spec.choices), self.today,
                                  self.ratio(path, item), reading)
                    if written is not None and not (reading.money and reading.currency):
                        set_value_in(record, keys, written[1], model)
                set_value_in(record, str(key).split("."), value, model)
            records.append(record)
        return node(records, flow=False)


def parts(path: str) -> list[str | int]:
    """A field path with list indices as keys and numbers: `a.b[2].c` -> [a, b, 2, c]."""
    found: list[str | int] = []
    for segment in path.split("."):
        match = re.fullmatch(r"([a-z_]+)(?:\[(\d+)\])?", segment)
        if not match:
            return []
        found.append(match.group(1))
        if match.group(2) is not None:
            found.append(int(match.group(2)))
    return found


def record_keys(path: str | None) -> list[str]:
    """The keys of a list item's field within its record, from its path with `[*]` or a
    position: `outcomes.metrics[*].unit` -> ['unit']; none for a field outside a list."""
    return path.rsplit("].", 1)[1].split(".") if path and "]." in path else []


def positioned(generic: str, like: str) -> str:
    """A `[*]` path at the list positions of `like`: ('a[*].b.c', 'a[2].d') -> 'a[2].b.c'."""
    positions = iter(re.findall(r"\[(\d+)\]", like))
    return re.sub(r"\[\*\]", lambda star: f"[{next(positions, '*')}]", generic)


def _model_of(list_field: str) -> Any:
    from readiness.wizard.fields import field_info

    info = field_info(split_path(list_field))
    from readiness.schema import unwrap_model

    return unwrap_model(info.annotation) if info is not None else None


def _seq(entries: Sequence[Any]) -> CommentedSeq:
    sequence = CommentedSeq(entries)
    return sequence


def _closest(key: str, ids: list[str]) -> str | None:
    """The question id a misspelt one most likely meant: within the same section first."""
    head = key.split(".", 1)[0]
    same = [i for i in ids if i.split(".", 1)[0] == head]
    found = suggest(key, same) if same else None
    if found is None:
        import difflib

        close = difflib.get_close_matches(key, ids, n=1, cutoff=0.85)
        found = close[0] if close else None
    return found


def _question_for(pack: Pack, path: str) -> str | None:
    """The id of the question that fills a field path (list indices dropped)."""
    plain = generic_path(path)
    for question in pack.questions:
        if under(plain, question.field) or plain == question.field:
            return question.id
    return None
