"""The interactive walk-through behind `readiness assess`: a pack's questions, one at a time.

The questions come from the questionnaire pack (initiative first, then the six gates in
order). Prompting is injected (`Prompt`: text in, line out), so tests drive the wizard
with scripted answers and the command line passes `input`. Every accepted answer is
written at once, atomically, through `Store`, which edits the file in ruamel.yaml's
round-trip mode so that comments and key order of a hand-edited file survive.

After each answer the whole file goes through the real loader and the assessment model:
an answer the model rejects is asked again with the model's message. Once the file is a
valid assessment it stays one: an answer that needs a companion (a gate marked
`complete` needs its `completed_on`) is held until the companion is answered, and the
two are saved together.
"""

from __future__ import annotations

import contextlib
import copy
import enum
import io
import json
import re
import signal
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml as pyyaml
from pydantic import BaseModel
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from readiness.answers import HINTS, AnswerError, parse, show
from readiness.engine import Result, assess, run_rules
from readiness.findings import Finding, Severity
from readiness.loader import Document, LoadError, load, loads
from readiness.model import Assessment, GateId, Status
from readiness.packs import (
    AllOf,
    AnswerType,
    AnyOf,
    AtLeast,
    AtMost,
    Check,
    IsTrue,
    ItemField,
    MinItems,
    NoFindings,
    Not,
    OneOf,
    Pack,
    Present,
    Question,
    split_path,
)
from readiness.reporters.base import headline, plain
from readiness.rules import Context
from readiness.schema import InvalidAssessment, SchemaError, unwrap_model, validate
from readiness.scoring import RuleState, holds
from readiness.settings import Thresholds

Prompt = Callable[[str], str]
"""Shows a prompt and returns the line typed; raises KeyboardInterrupt or EOFError to stop."""

INITIATIVE = "initiative"
"""The section of the initiative questions, asked before gate 1 (`--gate initiative`)."""


# --- the file: round-trip YAML, atomic saves, the skipped-questions sidecar ---------------


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation of a file, so edits keep its layout."""
    from ruamel.yaml.util import load_yaml_guess_indent

    keys = [len(line) - len(line.lstrip(" ")) for line in text.splitlines()
            if re.match(r"^ +[^ #\-]", line)]
    mapping = min(keys) if keys else 2
    try:
        _, sequence, offset = load_yaml_guess_indent(text)
    except Exception:  # the real loader has already accepted the file; layout is a nicety
        sequence, offset = None, None
    if not re.search(r"^ *- ", text, re.MULTILINE) or sequence is None or offset is None:
        return mapping, mapping + 2, mapping
    return mapping, sequence, offset


class Store:
    """An assessment file being edited: its round-trip tree, its saves, its skipped questions.

    Skipped questions (an empty answer to an optional question) are remembered in a small
    sidecar file, `.NAME.assess.json` beside the assessment, so that a resumed session does
    not ask them again; deleting it brings them back.
    """

    def __init__(self, path: Path, text: str | None) -> None:
        self.path = path
        self.is_json = path.suffix.lower() == ".json"
        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096  # never re-fold long lines of a hand-edited file
        if text is None:
            self.yaml.indent(mapping=2, sequence=4, offset=2)
            self.tree: CommentedMap = CommentedMap()
            self.tree["schema_version"] = 1
        else:
            mapping, sequence, offset = _guess_indent(text)
            self.yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
            self.tree = self.yaml.load(text)
        self.exists = text is not None
        self.saved_text = text
        self.sidecar = path.with_name(f".{path.name}.assess.json")
        self.skipped: set[str] = set()
        with contextlib.suppress(OSError, ValueError, TypeError):
            state = json.loads(self.sidecar.read_text(encoding="utf-8"))
            self.skipped = {str(item) for item in state.get("skipped", [])}

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open FILE, or start a new one. Raises LoadError when FILE does not parse: the
        real loader reads it first, and a file it rejects is never written over."""
        target = Path(path)
        if not target.exists():
            return cls(target, None)
        load(target)  # LoadError with the line and column
        text = target.read_text(encoding="utf-8-sig")
        try:
            return cls(target, text)
        except Exception as exc:  # ruamel is stricter than the loader on a few odd files
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise LoadError(str(target), f"cannot edit this file: {exc}", line, column) from None

    def dump(self, tree: CommentedMap) -> str:
        if self.is_json:
            return json.dumps(_plain(tree), indent=2, ensure_ascii=False, default=str) + "\n"
        buffer = io.StringIO()
        self.yaml.dump(tree, buffer)
        return buffer.getvalue()

    def save(self, text: str) -> None:
        from readiness.io import write_atomic

        with _interrupts_deferred():
            write_atomic(self.path, text)
        self.saved_text = text
        self.exists = True

    def save_skipped(self) -> None:
        from readiness.io import write_atomic

        with _interrupts_deferred():
            if self.skipped:
                write_atomic(self.sidecar, json.dumps({"skipped": sorted(self.skipped)}, indent=1))
            else:
                with contextlib.suppress(FileNotFoundError):
                    self.sidecar.unlink()


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C during a save; it is delivered (and the wizard stops) right after."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, ValueError, OSError):  # not the main thread, or no sigmask
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


# --- values in the tree ------------------------------------------------------------------

_Path = list[str | int]


def _get(tree: Any, parts: Sequence[str | int]) -> Any:
    node = tree
    for part in parts:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _yaml11_safe(value: str) -> Any:
    """Quote a string that the loader (YAML 1.1) would read as something else: yes, on, 12."""
    if not value or value != value.strip():
        return SingleQuotedScalarString(value)
    resolved = pyyaml.resolver.Resolver().resolve(  # type: ignore[no-untyped-call]
        pyyaml.ScalarNode, value, (True, False))
    if resolved != "tag:yaml.org,2002:str" or value[0] in "!&*{[|>%@`'\"#,?:-" or ": " in value:
        return SingleQuotedScalarString(value)
    return value


def _node(value: Any, flow: bool = True) -> Any:
    """A value as ruamel nodes: small mappings and lists in flow style, like the examples."""
    if isinstance(value, CommentedMap | CommentedSeq):
        return value  # already a node of the file: keep its style and comments
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _node(item)
        if flow:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq([_node(item) for item in value])
        if flow and not any(isinstance(item, CommentedMap) and not item.fa.flow_style()
                            for item in sequence):
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, enum.Enum):
        return _node(value.value)
    if isinstance(value, str):
        return _yaml11_safe(value)
    return value


def _field_order(model: type[BaseModel] | None, key: str) -> int:
    fields = list(model.model_fields) if model else []
    return fields.index(key) if key in fields else len(fields)


def _last_item(node: Any) -> tuple[Any, str | int] | None:
    """The container and key of the deepest last entry in block style: where ruamel keeps
    the comments that follow a section."""
    found = None
    while isinstance(node, CommentedMap | CommentedSeq) and node and not node.fa.flow_style():
        key: str | int = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        found = (node, key)
        node = node[key]
    return found


def _take_trailing_comment(node: Any) -> str | None:
    """Detach the comment lines after a mapping's last entry (keeping a same-line comment)."""
    found = _last_item(node)
    if found is None:
        return None
    container, key = found
    slot = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.get(key)
    if not entry or len(entry) <= slot or entry[slot] is None:
        return None
    token = entry[slot]
    head, newline, rest = token.value.partition("\n")
    if not rest.strip():
        return None
    token.value = head + newline
    return str(rest)


def _attach_trailing_comment(node: Any, comment: str) -> None:
    found = _last_item(node)
    if found is None:
        return
    container, key = found
    slot = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    existing = entry[slot].value if entry[slot] is not None else "\n"
    entry[slot] = CommentToken(existing + comment, None, None)


def set_value(tree: CommentedMap, parts: Sequence[str], value: Any, flow: bool = True) -> None:
    """Set a dotted field, creating mappings on the way; new keys go where the model lists
    them (so `status` comes first in a gate), existing keys stay where they are."""
    node: CommentedMap = tree
    model: type[BaseModel] | None = Assessment
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        new = _node(value, flow) if last else CommentedMap()
        if part in node:
            if last:
                node[part] = new
                return
            if not isinstance(node[part], dict):
                node[part] = new
        else:
            order = _field_order(model, part)
            position = len(node)
            for index, key in enumerate(node):
                if _field_order(model, str(key)) > order:
                    position = index
                    break
            comment = (
                _take_trailing_comment(node) if position == len(node) and node is not tree
                else None
            )
            node.insert(position, part, new)
            if comment:
                _attach_trailing_comment(node, comment)
            if last:
                return
        child = model.model_fields.get(part) if model else None
        model = unwrap_model(child.annotation) if child else None
        node = node[part]


def unset_value(tree: CommentedMap, parts: Sequence[str]) -> None:
    """Remove a dotted field, and the mappings it leaves empty."""
    chain: list[tuple[Any, str]] = []
    node: Any = tree
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return
        chain.append((node, part))
        node = node[part]
    for container, key in reversed(chain):
        comment = _take_trailing_comment(container) if list(container)[-1] == key else None
        del container[key]
        if comment and container:
            _attach_trailing_comment(container, comment)
        if container or container is tree:
            break


# --- what the model says about a field ---------------------------------------------------


def _field_info(parts: Sequence[str]) -> Any:
    model: type[BaseModel] | None = Assessment
    info = None
    for part in parts:
        if part == "*":
            continue
        if model is None or part not in model.model_fields:
            return None
        info = model.model_fields[part]
        model = unwrap_model(info.annotation)
    return info


def _enum_in(annotation: Any) -> type[enum.Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_in(arg)
        if found:
            return found
    return None


def model_choices(path: str) -> list[str]:
    """The enum values of a field in the assessment model: `initiative.stage` -> stages."""
    info = _field_info(split_path(path))
    found = _enum_in(info.annotation) if info is not None else None
    return [member.value for member in found] if found else []


def model_required(path: str) -> bool:
    info = _field_info(split_path(path))
    return bool(info is not None and info.is_required())


def needed(path: str, data: Any) -> bool:
    """A required field whose mapping exists or is itself needed: `initiative.id` always,
    `workflow.status` once the workflow section exists. Skipping `workflow.status` of a
    file without that section leaves the gate out (not_started)."""
    parts = path.split(".")
    if not model_required(path):
        return False
    if len(parts) == 1:
        return True
    parent = ".".join(parts[:-1])
    return _present(_get(data, parts[:-1])) or needed(parent, data)


# --- conditions on a partial file --------------------------------------------------------


def _raw_values(data: Any, path: str) -> list[Any]:
    current = [data]
    for part in split_path(path):
        following: list[Any] = []
        for item in current:
            if part == "*":
                following.extend(item if isinstance(item, list) else [])
            else:
                following.append(item.get(part) if isinstance(item, dict) else None)
        current = following
    return current


def raw_holds(check: Check, data: Any) -> bool:
    """A pack check against data that is not (yet) a valid assessment. Rules cannot run on
    such data, so `no_findings` does not hold, as in scoring when a rule did not run."""

    def every(paths: str | list[str], test: Callable[[Any], bool]) -> bool:
        for path in [paths] if isinstance(paths, str) else paths:
            found = _raw_values(data, path)
            if not found or not all(test(value) for value in found):
                return False
        return True

    def number(value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    def within(allowed: list[Any]) -> Callable[[Any], bool]:
        return lambda value: value in allowed

    def at_least(bound: float) -> Callable[[Any], bool]:
        return lambda value: number(value) and value >= bound

    def at_most(bound: float) -> Callable[[Any], bool]:
        return lambda value: number(value) and value <= bound

    def items(count: int) -> Callable[[Any], bool]:
        return lambda value: isinstance(value, list) and len(value) >= count

    if isinstance(check, Present):
        return every(check.present, _present)
    if isinstance(check, IsTrue):
        return every(check.true, lambda value: value is True)
    if isinstance(check, OneOf):
        return all(every(path, within(allowed)) for path, allowed in check.in_.items())
    if isinstance(check, AtLeast):
        return all(every(path, at_least(bound)) for path, bound in check.at_least.items())
    if isinstance(check, AtMost):
        return all(every(path, at_most(bound)) for path, bound in check.at_most.items())
    if isinstance(check, MinItems):
        return all(every(path, items(count)) for path, count in check.min_items.items())
    if isinstance(check, NoFindings):
        return False
    if isinstance(check, AllOf):
        return all(raw_holds(inner, data) for inner in check.all)
    if isinstance(check, AnyOf):
        return any(raw_holds(inner, data) for inner in check.any)
    if isinstance(check, Not):
        return not raw_holds(check.not_, data)
    raise TypeError(f"unknown check {check!r}")  # pragma: no cover - the pack model forbids it


def _rules_in(check: Check) -> set[str]:
    if isinstance(check, NoFindings):
        return set(check.no_findings)
    if isinstance(check, AllOf | AnyOf):
        inner = check.all if isinstance(check, AllOf) else check.any
        return set().union(*(_rules_in(c) for c in inner))
    if isinstance(check, Not):
        return _rules_in(check.not_)
    return set()


def _uses_rules(check: Check) -> bool:
    if isinstance(check, NoFindings):
        return True
    if isinstance(check, AllOf | AnyOf):
        return any(_uses_rules(c) for c in (check.all if isinstance(check, AllOf) else check.any))
    if isinstance(check, Not):
        return _uses_rules(check.not_)
    return False


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
        """`when` of a question: the scoring check on a valid file, the raw one otherwise."""
        if self.assessment is None:
            return raw_holds(check, self.document.data)
        if self._rules is None:
            if _uses_rules(check):
                context = Context(self.assessment, self.document, thresholds, today)
                findings, ran = run_rules(context)
                fired = frozenset(f.rule for f in findings if not f.waived)
                self._rules = RuleState(frozenset(ran), fired)
            else:
                return holds(check, self.assessment, RuleState(frozenset(), frozenset()))
        return holds(check, self.assessment, self._rules)


def snapshot(store: Store, tree: CommentedMap) -> Snapshot:
    text = store.dump(tree)
    document = loads(text, str(store.path))
    try:
        return Snapshot(text, document, validate(document), [])
    except InvalidAssessment as exc:
        return Snapshot(text, document, None, exc.errors)


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")


# --- the wizard --------------------------------------------------------------------------


def _error(error: SchemaError, named: bool = False) -> AnswerError:
    answer = AnswerError(f"{error.path}: {error.message}" if named else error.message)
    answer.path = error.path  # type: ignore[attr-defined]
    return answer


class Held(Exception):
    """Internal: the answer is accepted but saved only with the answers it needs."""


@dataclass
class Section:
    id: str  # "initiative" or a gate id
    title: str
    intro: str
    questions: list[Question]
    gate: GateId | None


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
    ) -> None:
        self.store = store
        self.pack = pack
        self.prompt = prompt
        self.console = console or Console(highlight=False, emoji=False)
        self.today = today or date.today()
        self.thresholds = thresholds or Thresholds()
        self.tree: CommentedMap = store.tree
        self.state = snapshot(store, self.tree)
        self.saved_state = self.state if store.exists else None
        self.autosave = True  # off while --answers applies a whole file of answers
        self.asked: set[str] = set()
        self.changed = 0
        self.sections = [Section(INITIATIVE, "The initiative", "", list(pack.initiative), None)]
        self.sections += [
            Section(g.id.value, g.title, g.intro, list(g.questions), g.id) for g in pack.gates
        ]

    # --- state -------------------------------------------------------------------------

    def value(self, question_field: str) -> Any:
        return _get(self.state.document.data, split_path(question_field))

    def answered(self, question: Question) -> bool:
        return _present(self.value(question.field))

    def applies(self, question: Question, state: Snapshot | None = None) -> bool:
        if question.when is None:
            return True
        return (state or self.state).holds(question.when, self.today, self.thresholds)

    def item_model(self, question: Question) -> type[BaseModel] | None:
        info = _field_info(split_path(question.field))
        return unwrap_model(info.annotation) if info is not None else None

    def choices(self, path: str, declared: list[str] | None) -> list[str]:
        return list(declared) if declared else model_choices(path)

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

    # --- applying one answer -----------------------------------------------------------

    def apply(self, question_field: str, value: Any, *, clear: bool = False,
              fixers: Sequence[Question] = (), lenient: bool = False) -> list[str]:
        """Write one answer (or clear it); returns notes on dependent answers removed.
        Raises AnswerError when the assessment model rejects it, and Held when it is
        accepted but waits for the answers in `fixers` before it can be saved. `lenient`
        accepts errors elsewhere in the file (later answers of a script may fix them)."""
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
                    and _present(_get(state.document.data, split_path(question.field)))
                    and self.applies(question) and not self.applies(question, state)):
                unset_value(candidate, split_path(question.field))
                notes.append(f"removed {question.field}: it no longer applies")
        if notes:
            state = snapshot(self.store, candidate)
        before = {(e.path, e.message) for e in self.state.errors}
        new = [e for e in state.errors if (e.path, e.message) not in before]
        own = [e for e in new if _under(e.path, question_field)]
        if own:
            raise _error(own[0])
        if new and self.state.valid and not lenient:
            pending = {q.field: q for q in fixers if self.applies(q, state)}
            if not all(e.path in pending for e in new):
                other = next(e for e in new if e.path not in pending)
                raise _error(other, named=True)
            self.tree, self.state = candidate, state
            raise Held([e.path for e in new])
        self.tree, self.state = candidate, state
        self.changed += 1
        if self.autosave:
            self.store.save(state.text)
            self.saved_state = state
        return notes

    def skip(self, question: Question) -> None:
        self.store.skipped.add(question.id)
        self.store.save_skipped()

    def unskip(self, question: Question) -> None:
        if question.id in self.store.skipped:
            self.store.skipped.discard(question.id)
            self.store.save_skipped()

    # --- asking ------------------------------------------------------------------------

    def say(self, text: str | Text, style: str = "") -> None:
        self.console.print(text if isinstance(text, Text) else Text(text, style))

    def _help(self, prompt: str, help_text: str, kind: AnswerType, choices: list[str]) -> None:
        if help_text:
            self.say("  " + help_text, "cyan")
        self.say(f"  Answer: {HINTS[kind]}. Enter keeps the value in brackets; '-' clears it;"
                 " Ctrl-C saves and stops.", "dim")
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

    def ask_value(
        self,
        label: str,
        kind: AnswerType,
        *,
        help_text: str = "",
        choices: list[str] | None = None,
        default: Any = None,
        required: bool = False,
        store: Callable[[Any, bool], list[str] | None] | None = None,
    ) -> tuple[str, Any]:
        """Ask until the answer parses (and `store` accepts it). Returns ("keep", default),
        ("skip", None), ("clear", None) or ("set", value)."""
        choices = choices or []
        if choices and kind in (AnswerType.CHOICE, AnswerType.MULTI_CHOICE):
            self._show_choices(choices)
        shown = show(default)
        text = f"{label} [{shown}]: " if shown else f"{label}: "
        while True:
            raw = self.prompt(text).strip()
            if raw == "?":
                self._help(label, help_text, kind, choices)
                continue
            if raw == "":
                if _present(default):
                    return "keep", default
                if required:
                    self.say("  An answer is needed here (? for help).", "yellow")
                    continue
                return "skip", None
            if raw == "-":
                if required:
                    self.say("  This answer cannot be cleared.", "yellow")
                    continue
                if store is not None:
                    try:
                        store(None, True)
                    except AnswerError as error:
                        self.say(f"  {error}", "yellow")
                        continue
                return "clear", None
            try:
                value = parse(kind, raw, choices, self.today)
                if store is not None:
                    for note in store(value, False) or []:
                        self.say(f"  ({note})", "dim")
            except AnswerError as error:
                self.say(f"  {plain(str(error))}", "yellow")
                continue
            return "set", value

    def ask(self, question: Question, fixers: Sequence[Question] = (),
            must: bool = False) -> list[str]:
        """Ask one question and save the answer; returns the fields still needed when the
        answer is held for a companion."""
        self.asked.add(question.id)
        if question.type == AnswerType.RECORDS:
            self.ask_records(question)
            return []
        held: list[str] = []

        def store(value: Any, clear: bool) -> list[str]:
            try:
                return self.apply(question.field, value, clear=clear, fixers=fixers)
            except Held as wait:
                held.extend(wait.args[0])
                return []

        default = self.value(question.field)
        required = must or needed(question.field, self.state.document.data)
        outcome, _ = self.ask_value(
            plain(question.prompt),
            question.type,
            help_text=question.help,
            choices=self.choices(question.field, question.choices),
            default=default,
            required=required,
            store=store,
        )
        if outcome in ("skip", "clear"):
            self.skip(question)
        else:
            self.unskip(question)
        return held

    # --- records -----------------------------------------------------------------------

    def _summary(self, question: Question, item: Any) -> str:
        if not isinstance(item, dict):
            return show(item)
        parts = []
        for item_field in question.item or []:
            value = _get(item, item_field.key.split("."))
            if _present(value):
                parts.append(show(value))
        return plain(" | ".join(parts)) or "(empty)"

    def ask_item(self, question: Question, item: CommentedMap, index: int) -> None:
        """Ask every field of one record, then save the list; a field the model rejects
        is asked again (or every field, when the message names none)."""
        candidate = copy.deepcopy(item)
        fields = list(question.item or [])
        while True:
            for item_field in fields:
                path = f"{question.field}[*].{item_field.key}"
                keys = item_field.key.split(".")
                outcome, value = self.ask_value(
                    "    " + plain(item_field.prompt),
                    item_field.type,
                    help_text=item_field.help,
                    choices=self.choices(path, item_field.choices),
                    default=_get(candidate, keys),
                    required=item_field.required or model_required(path),
                )
                if outcome == "set":
                    set_value_in(candidate, keys, value, self.item_model(question))
                elif outcome == "clear":
                    unset_value(candidate, keys)
            existing = _get(self.tree, split_path(question.field))
            items = (copy.deepcopy(existing) if isinstance(existing, CommentedSeq)
                     else CommentedSeq())
            if index < len(items):
                items[index] = candidate
            else:
                if items and all(isinstance(i, CommentedMap) and i.fa.flow_style() for i in items):
                    candidate.fa.set_flow_style()  # follow the list's style
                items.append(candidate)
            try:
                self.apply(question.field, items)
                return
            except AnswerError as error:
                self.say(f"  {plain(str(error))}", "yellow")
                retry = _item_field_for(question, getattr(error, "path", ""), index)
                fields = [retry] if retry else list(question.item or [])

    def ask_records(self, question: Question) -> None:
        self.say(Text(plain(question.prompt), "bold"))
        while True:
            items = list(_get(self.tree, split_path(question.field)) or [])
            for number, item in enumerate(items, 1):
                self.say(f"  {number}. {self._summary(question, item)}")
            if not items:
                self.say("  (none yet)", "dim")
            raw = self.prompt("  a = add, e N = edit, r N = remove, Enter = done: ").strip()
            lowered = raw.lower()
            if raw == "?":
                self._help(question.prompt, question.help, AnswerType.RECORDS, [])
                continue
            if raw == "":
                if items:
                    self.unskip(question)
                else:
                    self.skip(question)
                return
            if lowered in ("a", "add"):
                self.ask_item(question, CommentedMap(), len(items))
                continue
            match = re.fullmatch(r"(e|edit|r|remove|d|delete)\s*(\d+)", lowered)
            if not match or not 1 <= int(match.group(2)) <= len(items):
                self.say(f"  Type a, e N or r N with N from 1 to {len(items)}, or Enter"
                         if items else "  Type a to add one, or Enter to go on", "yellow")
                continue
            index = int(match.group(2)) - 1
            if match.group(1).startswith("e"):
                self.ask_item(question, copy.deepcopy(items[index]), index)
                continue
            remaining = copy.deepcopy(_get(self.tree, split_path(question.field)))
            del remaining[index]
            try:
                if remaining:
                    self.apply(question.field, remaining)
                else:
                    self.apply(question.field, None, clear=True)
            except AnswerError as error:
                self.say(f"  cannot remove it: {plain(str(error))}", "yellow")

    # --- walking -----------------------------------------------------------------------

    def run(self, only: str | None = None) -> Result | None:
        """Walk the sections (or revisit one), then show the summary; returns the result."""
        revisit = only is not None
        sections = [s for s in self.sections if not revisit or s.id == only]
        flat = [q for s in self.sections for q in s.questions]
        if self.store.exists and not revisit:
            waiting = next((q for s in sections for q in s.questions if self._due(s, q, False)),
                           None)
            if waiting is not None and any(self.answered(q) for q in flat):
                self.say(f"Resuming {self.store.path} at: {plain(waiting.prompt)}", "bold")
        if not self.state.valid and self.state.errors and self.store.exists:
            self.say(f"{self.store.path} is not a valid assessment yet:", "yellow")
            for error in self.state.errors[:5]:
                self.say(f"  line {error.line}: {error.path}: {plain(error.message)}", "yellow")
        for section in sections:
            asked_here = False
            for question in section.questions:
                if not self._due(section, question, revisit):
                    continue
                if not asked_here:
                    self._header(section)
                    asked_here = True
                held = self.ask(question, self._fixers(flat, question))
                while held:  # ask the companions of a held answer straight away
                    fixer = next((q for q in self._fixers(flat, question) if q.field in held),
                                 None)
                    if fixer is None:  # pragma: no cover - apply() holds only for fixers
                        break
                    held = self.ask(fixer, self._fixers(flat, fixer), must=True)
            if section.gate is not None and (asked_here or revisit):
                self.gate_panel(section.gate)
        if not self.asked and not revisit:
            self.say("Every question is answered; `--gate GATE` revisits a gate.", "dim")
        return self.summary()

    def _due(self, section: Section, question: Question, revisit: bool) -> bool:
        if question.id in self.asked or not self.applies(question):
            return False
        if self.section_closed(section, question):
            return False
        if revisit:
            return True
        return not self.answered(question) and question.id not in self.store.skipped

    def _fixers(self, flat: list[Question], current: Question) -> list[Question]:
        return [q for q in flat if q.id not in self.asked and q.id != current.id]

    def _header(self, section: Section) -> None:
        self.console.print()
        if section.gate is None:
            self.say(Text(f"{section.title} ({self.pack.title})", "bold"))
        else:
            self.say(Text(f"Gate {section.gate.order} of 6: {section.title}", "bold"))
        if section.intro:
            self.say(section.intro, "dim")

    # --- results -----------------------------------------------------------------------

    def result(self) -> Result | None:
        state = self.state
        if state.assessment is None:
            return None
        return assess(state.document, state.assessment, self.pack, self.thresholds, self.today)

    def gate_panel(self, gate: GateId) -> None:
        result = self.result()
        title = f"Gate {gate.order}: {gate.title}"
        if result is None:
            lines = [Text("Not scored: the file is not a valid assessment yet.", "yellow")]
            lines += [Text(f"line {e.line}: {e.path}: {plain(e.message)}") for e in
                      self.state.errors[:5]]
            self.console.print(Panel(Group(*lines), title=title, expand=False))
            return
        self.console.print(render_gate(result, gate))

    def summary(self) -> Result | None:
        result = self.result()
        self.console.print()
        if result is None:
            self.say(f"{self.store.path} is not a valid assessment yet; run "
                     f"`readiness assess {self.store.path}` to go on.", "yellow")
            return None
        self.console.print(render_summary(result))
        self.say(f"Saved {self.store.path}.", "dim")
        return result

    # --- scripted answers (--answers FILE) ---------------------------------------------

    def apply_answers(self, answers: dict[str, Any]) -> None:
        """Apply a mapping of question id to answer in the pack's order; nothing is saved
        unless every answer is accepted and the result is a valid assessment."""
        questions = {q.id: q for q in self.pack.questions}
        unknown = [key for key in answers if key not in questions]
        if unknown:
            from readiness.schema import suggest

            hint = suggest(str(unknown[0]), list(questions))
            raise AnswerError(f"no question {unknown[0]!r} in pack {self.pack.id}"
                              + (f"; did you mean {hint!r}?" if hint else ""))
        self.autosave = False
        try:
            for question in self.pack.questions:
                if question.id not in answers:
                    continue
                raw = answers[question.id]
                if not self.applies(question):
                    raise AnswerError(f"{question.id}: this question does not apply here "
                                      "(its condition in the pack does not hold)")
                try:
                    if raw is None:
                        self.apply(question.field, None, clear=True, lenient=True)
                    else:
                        value = self._scripted(question, raw)
                        self.apply(question.field, value, lenient=True)
                except AnswerError as error:
                    raise AnswerError(f"{question.id}: {error}") from None
        finally:
            self.autosave = True
        if not self.state.valid:
            first = self.state.errors[0]
            raise AnswerError(f"the answers leave the file invalid: {first.path}: {first.message}")
        self.store.save(self.state.text)
        self.saved_state = self.state

    def _scripted(self, question: Question, raw: Any) -> Any:
        if question.type != AnswerType.RECORDS:
            return parse(question.type, raw, self.choices(question.field, question.choices),
                         self.today)
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            raise AnswerError("expected a list of mappings, one per record")
        fields = {f.key: f for f in question.item or []}
        records = []
        for item in raw:
            record: CommentedMap = CommentedMap()
            for key, value in item.items():
                spec = fields.get(str(key))
                if spec is not None and value is not None:
                    path = f"{question.field}[*].{spec.key}"
                    value = parse(spec.type, value, self.choices(path, spec.choices), self.today)
                set_value_in(record, str(key).split("."), value, self.item_model(question))
            records.append(record)
        return _node(records, flow=False)


def set_value_in(record: CommentedMap, parts: Sequence[str], value: Any,
                 model: type[BaseModel] | None = None) -> None:
    """Set a key of a record (`limit.amount`), nested mappings in flow style; a new key
    goes where the record's model lists it."""
    node = record
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if part in node and (last or isinstance(node[part], dict)):
            if last:
                node[part] = _node(value)
                return
        else:
            new: Any = _node(value) if last else CommentedMap()
            if not last:
                new.fa.set_flow_style()
            order = _field_order(model, part)
            position = next((i for i, key in enumerate(node)
                             if _field_order(model, str(key)) > order), len(node))
            node.insert(position, part, new)
            if last:
                return
        info = model.model_fields.get(part) if model else None
        model = unwrap_model(info.annotation) if info else None
        node = node[part]


def _item_field_for(question: Question, path: str, index: int) -> ItemField | None:
    """The record field an error is about: `decision_boundaries.actions[2].limit.currency`."""
    prefix = f"{question.field}[{index}]."
    for item_field in question.item or []:
        if _under(path, prefix + item_field.key):
            return item_field
    return None


# --- panels ------------------------------------------------------------------------------

_SEVERITY_STYLE = {"blocker": "bold red", "major": "yellow", "minor": "cyan"}
_VERDICT_STYLE = {"ready": "bold green", "conditional": "bold yellow", "not_ready": "bold red"}


def _finding_line(finding: Finding) -> Text:
    return Text.assemble(
        (finding.severity.value.upper(), _SEVERITY_STYLE[finding.severity.value]),
        f" {finding.rule} {finding.name}: {plain(finding.message)}",
        (" [waived]", "dim") if finding.waived else "",
    )


def render_gate(result: Result, gate: GateId) -> Panel:
    """One gate: score, status, which criteria raised or lowered it, its findings."""
    scored = next(g for g in result.gates if g.id == gate)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right")
    table.add_column()
    for criterion in scored.criteria:
        sign = Text(f"+{criterion.weight}", "green") if criterion.satisfied else Text(
            f"-{criterion.weight}", "red")
        mark = "ok " if criterion.satisfied else "no "
        table.add_row(sign, Text(mark + criterion.text))
    findings = [f for f in result.findings if f.gate == gate]
    parts: list[Any] = [table]
    if findings:
        parts.append(Text("Findings:", "bold"))
        parts.extend(_finding_line(f) for f in findings)
    else:
        parts.append(Text("No findings charged to this gate.", "dim"))
    verdict = "passes" if scored.passed else "does not pass"
    title = (f"Gate {gate.order}: {gate.title} - score {scored.score}/100, "
             f"{scored.status.value}, {verdict}")
    return Panel(Group(*parts), title=title, title_align="left", expand=False)


def next_steps(result: Result, limit: int = 3) -> list[str]:
    """The most important things to do, in gate order: within a gate, blockers, then
    major findings, then the heaviest unmet criteria, then minor findings, then completing
    the gate. Gates that pass need nothing."""
    steps: list[str] = []
    for gate in result.gates:
        if gate.passed:
            continue
        label = f"Gate {gate.order} ({gate.title})"
        findings = [f for f in result.active if f.gate == gate.id]
        fired = {f.rule for f in findings}
        pack_gate = result.pack.gate(gate.id)
        checks = {c.id: c.check for c in pack_gate.criteria}
        for severity in (Severity.BLOCKER, Severity.MAJOR):
            for finding in findings:
                if finding.severity == severity:
                    steps.append(f"{label}: fix {finding.rule} {finding.name} - "
                                 f"{_first_sentence(finding.remediation)}")
        unmet = sorted((c for c in gate.criteria if not c.satisfied), key=lambda c: -c.weight)
        for criterion in unmet:
            check = checks.get(criterion.id)
            if check is not None and _rules_in(check) & fired:
                continue  # the finding above already says it
            steps.append(f"{label}: make this true: {criterion.text} (weight {criterion.weight})")
        for finding in findings:
            if finding.severity == Severity.MINOR:
                steps.append(f"{label}: fix {finding.rule} {finding.name} - "
                             f"{_first_sentence(finding.remediation)}")
        if gate.status != Status.COMPLETE:
            steps.append(f"{label}: finish the gate and record it as complete")
        if len(steps) >= limit:
            break
    return [plain(step) for step in steps[:limit]]


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    match = re.match(r"(.+?\.)(\s|$)", flat)
    return match.group(1) if match else flat


def render_summary(result: Result) -> Panel:
    lines: list[Any] = [
        Text.assemble(("Level ", "bold"), f"{result.level}/6", ("   Score ", "bold"),
                      f"{result.score}/100"),
        Text(headline(result), _VERDICT_STYLE[result.verdict.value]),
    ]
    counts = ", ".join(f"{result.counts[s]} {s.value}" for s in Severity if result.counts[s])
    lines.append(Text(f"Findings: {counts or 'none'}"))
    steps = next_steps(result)
    if steps:
        lines.append(Text("Next steps:", "bold"))
        lines.extend(Text(f"{number}. {step}") for number, step in enumerate(steps, 1))
    name = plain(result.assessment.initiative.name)
    return Panel(Group(*lines), title=f"{name}: readiness", title_align="left", expand=False)
