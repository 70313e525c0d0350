"""Questionnaire packs: the gates' questions and weighted criteria, as data.

A pack is a YAML file (format: `questionnaires/pack.schema.json`, generated from the
models below). `load_pack` finds one by id among the shipped packs or by path, validates
it, and checks that every field path it names exists in the assessment format, so a typo
in a pack fails loudly instead of silently scoring zero. A pack's checks are one type that
evaluates itself: scoring reads them on the model, `assess` on the answers so far.
`choose_packs` and `pack_for_domain` decide which pack scores a file: a named pack, else
the pack that declares the file's domain (docs/format.md, "Which pack scores a file").
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cached_property, lru_cache, partial
from operator import attrgetter
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from readiness.i18n import LANGUAGES
from readiness.model import GATE_ORDER, SLUG_PATTERN, Domain, GateId
from readiness.resources import data_dir

DEFAULT_PACK = "telecom-customer-ops"


class PackError(Exception):
    """A pack that cannot be found or is not valid; the message says which and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- texts in two languages ---------------------------------------------------------------


def _in_language(value: Any, info: ValidationInfo) -> Any:
    """A pack text as the active language says it: a plain string is English; a mapping
    `{en: ..., fr: ...}` gives each language its own, and a language it lacks falls back
    to English (counted in the validation context, for one warning per pack)."""
    if not isinstance(value, Mapping):
        if isinstance(value, str) and info.context is not None and value:
            info.context["texts"] = info.context.get("texts", 0) + 1
            if info.context["language"] != "en":
                info.context.setdefault("missing", []).append(value)
        return value
    unknown = set(value) - set(LANGUAGES)
    if unknown or not isinstance(value.get("en"), str):
        raise ValueError(
            "a text is a string, or a mapping of language to string with at least `en` "
            f"(languages: {', '.join(LANGUAGES)})"
        )
    language = info.context["language"] if info.context is not None else "en"
    said = value.get(language)
    if info.context is not None:
        info.context["texts"] = info.context.get("texts", 0) + 1
        if not isinstance(said, str):
            info.context.setdefault("missing", []).append(value["en"])
    return said if isinstance(said, str) else value["en"]


Text = Annotated[
    str,
    BeforeValidator(_in_language),
    WithJsonSchema({
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "description": "the text in each language: `en` (required) and `fr`",
                "properties": {code: {"type": "string"} for code in LANGUAGES},
                "required": ["en"],
                "additionalProperties": False,
            },
        ],
    }),
]
"""A text for people (prompt, help, criterion, gate title and intro): English as a
string, or `{en: ..., fr: ...}` (docs/format.md, "Packs in two languages")."""


# --- checks: a tiny, declarative language over the assessment ----------------------------
#
# Each check is parsed once, when its pack loads: it knows the paths it reads (`paths`),
# the rules it asks about (`rule_ids`) and whether it holds for a source of values
# (`holds`). A source is the model (scoring, and the wizard once the file is a valid
# assessment) or raw answers: the mappings and lists of a file that is not yet valid, or
# one record of a list (docs/format.md, "Scores"; docs/assess.md, "Conditional
# questions").

FieldPath = Annotated[
    str,
    Field(
        pattern=r"^[a-z_]+(\[\*\])?(\.[a-z_]+(\[\*\])?)*$",
        description="dotted path into the assessment; `[*]` means every item of a list",
    ),
]


ListPath = Annotated[
    str,
    Field(
        pattern=r"^[a-z_]+(\.[a-z_]+)*$",
        description="dotted path to a list of the assessment, without `[*]`",
    ),
]


@dataclass(frozen=True)
class RuleState:
    """What checks may ask of the rules: which ran, and which found something unwaived."""

    ran: frozenset[str]
    fired: frozenset[str]


NO_RULES = RuleState(frozenset(), frozenset())
"""No rule ran: a `no_findings` check does not hold (raw answers, which the rules cannot
read, are checked with it)."""


_TOKEN = re.compile(r"([a-z_]+)(\[\*\])?")
_POSITION = re.compile(r"\[\d+\]")


def generic_path(path: str) -> str:
    """A path of one value as checks and questions name it, list positions as `[*]`:
    'data_pipeline.sources[2].owner' -> 'data_pipeline.sources[*].owner'."""
    return _POSITION.sub("[*]", path)


def split_path(path: str) -> list[str]:
    """'data_pipeline.sources[*].owner' -> ['data_pipeline', 'sources', '*', 'owner']."""
    parts: list[str] = []
    for segment in path.split("."):
        match = _TOKEN.fullmatch(segment)
        if not match:
            raise PackError(f"invalid field path {path!r}")
        parts.append(match.group(1))
        if match.group(2):
            parts.append("*")
    return parts


def values_at(source: Any, parts: Sequence[str]) -> list[Any]:
    """Every value at the split path `parts` of `source` (one per list item where the path
    says `*`): a model's fields are its attributes, raw answers' fields their keys. A path
    through something absent gives one None; a list with no items gives no value at all."""
    current: list[Any] = [source]
    for part in parts:
        following: list[Any] = []
        for item in current:
            if part == "*":
                if isinstance(item, list):
                    following.extend(item)
            else:
                following.append(_field(item, part))
        current = following
    return current


def value_at(source: Any, parts: Sequence[str]) -> Any:
    """The one value at a split path without `*`, as `values_at` gives it."""
    for part in parts:
        source = _field(source, part)
    return source


def _field(source: Any, name: str) -> Any:
    """A field of a model (an attribute) or of raw answers (a key); None for anything
    else."""
    if isinstance(source, BaseModel):
        return getattr(source, name, None)
    if isinstance(source, dict):
        return source.get(name)
    return None


# Tuples made once: `str | list | dict` in a call builds a union object at every call,
# and every check of a pack asks these of each value it reads.
_SIZED = (str, list, dict)
_NUMBERS = (int, float)


def _present(value: Any) -> bool:
    """Not None, and not an empty text, list or mapping (asked of every value a check
    reads: length and identity, never a comparison that a model's `__eq__` answers)."""
    if isinstance(value, _SIZED):
        return len(value) > 0
    return value is not None


def _is_true(value: Any) -> bool:
    return value is True


def _number(value: Any) -> bool:
    return isinstance(value, _NUMBERS) and not isinstance(value, bool)


def _one_of(allowed: list[Any], value: Any) -> bool:
    return (value.value if isinstance(value, Enum) else value) in allowed


def _at_least(bound: float, value: Any) -> bool:
    return _number(value) and value >= bound


def _at_most(bound: float, value: Any) -> bool:
    return _number(value) and value <= bound


def _min_items(count: int, value: Any) -> bool:
    return isinstance(value, list) and len(value) >= count


ValueTest = Callable[[Any], bool]
ModelRead = Callable[[BaseModel], Any]


def _listed(paths: str | list[str]) -> list[str]:
    return [paths] if isinstance(paths, str) else list(paths)


class _Check(_Strict):
    """What every check of the language answers."""

    @property
    def paths(self) -> list[str]:
        """The field paths the check reads, at any depth."""
        return []

    @property
    def fields(self) -> list[str]:
        """The paths of the values the check judges one by one: its `paths` but the lists
        it only counts (`min_items`). A finding at one that is a single field (no `[*]`)
        names what the check asks for (`advice.gate_step`)."""
        return self.paths

    @property
    def rule_ids(self) -> list[str]:
        """The rule IDs the check reads through `no_findings`, at any depth."""
        return []

    @abstractmethod
    def holds(self, source: Any, rules: RuleState = NO_RULES) -> bool:
        """Whether the check holds for `source`, the model or raw answers, given what the
        rules found (`no_findings`)."""


class _ValueCheck(_Check):
    """A check of the values at its paths: it holds when every path has at least one value
    and every value passes the path's test (for a `[*]` path, every item's value)."""

    @abstractmethod
    def _path_tests(self) -> list[tuple[str, ValueTest]]:
        """Each path of the check with the test its values must pass."""

    @cached_property
    def tests(self) -> tuple[tuple[tuple[str, ...], ModelRead | None, ValueTest], ...]:
        """Each path split, with how a model's value at it is read when the path has no
        `*`, and its test: worked out once per check, not once per file."""
        tests = []
        for path, test in self._path_tests():
            parts = tuple(split_path(path))
            read = None if "*" in parts else attrgetter(".".join(parts))
            tests.append((parts, read, test))
        return tuple(tests)

    def model_post_init(self, context: Any, /) -> None:
        self.tests  # noqa: B018 - parsed as the pack loads

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self._path_tests()]

    def holds(self, source: Any, rules: RuleState = NO_RULES) -> bool:
        model = isinstance(source, BaseModel)
        for parts, read, test in self.tests:
            if read is not None:  # one value: the common case, without the lists
                if model:
                    # As `value_at` reads it: a verified path runs through models (or
                    # None) only, so an attribute that is missing is a None on the way.
                    try:
                        value = read(source)
                    except AttributeError:
                        value = None
                else:
                    value = value_at(source, parts)
                if not test(value):
                    return False
                continue
            found = values_at(source, parts)
            if not found:
                return False
            for value in found:
                if not test(value):
                    return False
        return True


class Present(_ValueCheck):
    """Every path has a value that is not empty; `[*]` paths need a non-empty list."""

    present: FieldPath | list[FieldPath]

    def _path_tests(self) -> list[tuple[str, ValueTest]]:
        return [(path, _present) for path in _listed(self.present)]


class IsTrue(_ValueCheck):
    """Every path is `true`."""

    true: FieldPath | list[FieldPath]

    def _path_tests(self) -> list[tuple[str, ValueTest]]:
        return [(path, _is_true) for path in _listed(self.true)]


class OneOf(_ValueCheck):
    """Each path's value is one of the listed values."""

    in_: dict[FieldPath, list[Any]] = Field(alias="in")

    def _path_tests(self) -> list[tuple[str, ValueTest]]:
        return [(path, partial(_one_of, allowed)) for path, allowed in self.in_.items()]


class AtLeast(_ValueCheck):
    """Each path's number is at least the given one."""

    at_least: dict[FieldPath, float]

    def _path_tests(self) -> list[tuple[str, ValueTest]]:
        return [(path, partial(_at_least, bound)) for path, bound in self.at_least.items()]


class AtMost(_ValueCheck):
    """Each path's number is at most the given one."""

    at_most: dict[FieldPath, float]

    def _path_tests(self) -> list[tuple[str, ValueTest]]:
        return [(path, partial(_at_most, bound)) for path, bound in self.at_most.items()]


class MinItems(_ValueCheck):
    """Each path's list has at least the given number of items."""

    min_items: dict[FieldPath, int]

    def _path_tests(self) -> list[tuple[str, ValueTest]]:
        return [(path, partial(_min_items, count)) for path, count in self.min_items.items()]

    @property
    def fields(self) -> list[str]:
        return []


class NoFindings(_Check):
    """None of these rules ran and found something unwaived. A rule that did not run (its
    gate not started) does not satisfy the criterion."""

    no_findings: list[Annotated[str, Field(pattern=r"^[A-Z]{3}[0-9]{3}$")]]

    @property
    def rule_ids(self) -> list[str]:
        return list(self.no_findings)

    def holds(self, source: Any, rules: RuleState = NO_RULES) -> bool:
        ran, fired = rules.ran, rules.fired
        for rule in self.no_findings:
            if rule not in ran or rule in fired:
                return False
        return True


class _Group(_Check):
    """A check made of other checks."""

    @property
    @abstractmethod
    def members(self) -> list[Check]:
        """The checks this one is made of."""

    @property
    def paths(self) -> list[str]:
        return [path for inner in self.members for path in inner.paths]

    @property
    def fields(self) -> list[str]:
        return [path for inner in self.members for path in inner.fields]

    @property
    def rule_ids(self) -> list[str]:
        return [rule for inner in self.members for rule in inner.rule_ids]


class AllOf(_Group):
    all: list[Check]

    @property
    def members(self) -> list[Check]:
        return self.all

    def holds(self, source: Any, rules: RuleState = NO_RULES) -> bool:
        for inner in self.all:
            if not inner.holds(source, rules):
                return False
        return True


class AnyOf(_Group):
    any: list[Check]

    @property
    def members(self) -> list[Check]:
        return self.any

    def holds(self, source: Any, rules: RuleState = NO_RULES) -> bool:
        for inner in self.any:
            if inner.holds(source, rules):
                return True
        return False


class Not(_Group):
    not_: Check = Field(alias="not")

    @property
    def members(self) -> list[Check]:
        return [self.not_]

    def holds(self, source: Any, rules: RuleState = NO_RULES) -> bool:
        return not self.not_.holds(source, rules)


Check = Present | IsTrue | OneOf | AtLeast | AtMost | MinItems | NoFindings | AllOf | AnyOf | Not
for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()


# --- questions ---------------------------------------------------------------------------


class AnswerType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    DURATION = "duration"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    PERSON = "person"
    PEOPLE = "people"
    LIST = "list"
    RECORDS = "records"


class ItemField(_Strict):
    """One field of a record in a `records` question (a source, an action, a metric)."""

    key: FieldPath
    prompt: Text
    type: AnswerType
    help: Text = ""
    choices: list[str] | None = None
    required: bool = False
    when: Check | None = Field(
        None, description="ask only when this check holds for the record (paths inside it)"
    )


class Question(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_.-]+$")]
    field: FieldPath
    prompt: Text
    help: Text = ""
    type: AnswerType
    choices: list[str] | None = None
    item: list[ItemField] | None = Field(
        None, description="for type records: the fields asked for each item"
    )
    when: Check | None = Field(None, description="ask only when this check holds")

    @model_validator(mode="after")
    def _records_have_items(self) -> Question:
        if self.type == AnswerType.RECORDS and not self.item:
            raise ValueError(f"question {self.id}: a records question needs `item` fields")
        return self


class Criterion(_Strict):
    id: Annotated[str, Field(pattern=SLUG_PATTERN)]
    text: Text = Field(description="what is satisfied, in plain words")
    weight: Annotated[int, Field(ge=1, le=100)]
    about: ListPath | None = Field(
        None,
        description="the list whose items the criterion is about (`decision_boundaries."
        "actions`): the criterion does not hold while that list is empty or absent",
    )
    check: Check

    @cached_property
    def condition(self) -> Check:
        """The check, and, for a criterion `about` a list, that the list has an item: a
        gate earns nothing for what it has not described (docs/format.md, "Scores")."""
        if self.about is None:
            return self.check
        return AllOf(all=[MinItems(min_items={self.about: 1}), self.check])

    def model_post_init(self, context: Any, /) -> None:
        self.condition  # noqa: B018 - parsed as the pack loads

    def holds(self, source: Any, rules: RuleState = NO_RULES) -> bool:
        return self.condition.holds(source, rules)

    @cached_property
    def rules_read(self) -> frozenset[str]:
        """The rules whose findings the criterion's check reads."""
        return frozenset(self.check.rule_ids)


class PackGate(_Strict):
    id: GateId
    title: Text
    intro: Text = ""
    questions: list[Question] = []
    criteria: Annotated[list[Criterion], Field(min_length=1)]


@dataclass(frozen=True)
class PackRef:
    """How every output names the pack that scored a file: its id and version."""

    id: str
    version: str

    def __str__(self) -> str:
        return f"{self.id} version {self.version}"

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version}


class Pack(_Strict):
    """A questionnaire pack: six gates in order, each with questions and criteria."""

    pack_version: Literal[1] = Field(description="version of the pack format")
    id: Annotated[str, Field(pattern=SLUG_PATTERN)]
    version: Annotated[str, Field(min_length=1)] = Field(
        "1",
        description="version of this pack's questions and criteria; change it when a "
        "change to the criteria changes scores",
    )
    title: Text
    description: Text = ""
    domains: list[Domain] = Field(
        [],
        description="the initiative domains this pack scores unless a pack is named; "
        "a pack with none is used only when named",
    )
    initiative: list[Question] = Field(
        [], description="questions about the initiative itself, asked before gate 1"
    )
    gates: list[PackGate]

    @field_validator("gates")
    @classmethod
    def _six_gates_in_order(cls, gates: list[PackGate]) -> list[PackGate]:
        ids = tuple(gate.id for gate in gates)
        if ids != GATE_ORDER:
            raise ValueError(
                "a pack lists the six gates in order: "
                + ", ".join(g.value for g in GATE_ORDER)
                + "; this one lists: " + (", ".join(g.value for g in ids) or "none")
            )
        return gates

    @property
    def ref(self) -> PackRef:
        return PackRef(self.id, self.version)

    def gate(self, gate: GateId) -> PackGate:
        return self.gates[GATE_ORDER.index(gate)]

    @property
    def questions(self) -> list[Question]:
        return [*self.initiative, *(q for gate in self.gates for q in gate.questions)]


# --- verifying a pack against the format ---------------------------------------------


@lru_cache(maxsize=1024)
def _path_exists(path: str) -> bool:
    from readiness.model import Assessment
    from readiness.schema import unwrap_model

    current: Any = Assessment
    for part in split_path(path):
        if part == "*":
            continue
        if current is None or part not in current.model_fields:
            return False
        current = unwrap_model(current.model_fields[part].annotation)
    return True


@lru_cache(maxsize=1024)
def _is_list_path(path: str) -> bool:
    """`path` names a list of the assessment format."""
    from readiness.model import Assessment
    from readiness.schema import is_list, unwrap_model

    parent: Any = Assessment
    *head, last = split_path(path)
    for part in head:
        if parent is None or part not in parent.model_fields:
            return False
        parent = unwrap_model(parent.model_fields[part].annotation)
    return (
        parent is not None
        and last in parent.model_fields
        and is_list(parent.model_fields[last].annotation)
    )


def _unknown_paths(where: str, check: Check, within: str = "") -> list[str]:
    """The paths a check reads that the format does not have; `within` is the list a
    record field's condition reads the items of (`decision_boundaries.actions[*].`)."""
    return [f"{where}: no field {within + path!r} in the format"
            for path in check.paths if not _path_exists(within + path)]


def _unknown_rules(where: str, check: Check) -> list[str]:
    from readiness.rules import RULE_IDS

    return [f"{where}: unknown rule {rule_id}" for rule_id in check.rule_ids
            if rule_id not in RULE_IDS]


def _verify(pack: Pack, source: str) -> None:
    problems = []
    seen: set[str] = set()
    for gate in pack.gates:
        for criterion in gate.criteria:
            if criterion.id in seen:
                problems.append(f"criterion id {criterion.id!r} is used twice")
            seen.add(criterion.id)
            problems += _unknown_paths(f"criterion {criterion.id}", criterion.check)
            if criterion.about is not None and not _is_list_path(criterion.about):
                problems.append(
                    f"criterion {criterion.id}: about {criterion.about!r} is not a list of the "
                    "format"
                )
            problems += _unknown_rules(f"criterion {criterion.id}", criterion.check)
    for question in pack.questions:
        if question.id in seen:
            problems.append(f"question id {question.id!r} is used twice")
        seen.add(question.id)
        if not _path_exists(question.field):
            problems.append(f"question {question.id}: no field {question.field!r}")
        if question.when is not None:
            where = f"question {question.id}: when"
            problems += _unknown_paths(where, question.when)
            problems += _unknown_rules(where, question.when)
        for item in question.item or []:
            if not _path_exists(f"{question.field}[*].{item.key}"):
                problems.append(f"question {question.id}: no field {item.key!r} in its items")
            if item.when is not None:
                where = f"question {question.id}: {item.key} when"
                problems += _unknown_paths(where, item.when, f"{question.field}[*].")
                problems += _unknown_rules(where, item.when)
    if problems:
        raise PackError(f"{source}: " + "; ".join(problems))


# --- loading -----------------------------------------------------------------------------


def pack_dir() -> Path:
    return data_dir("questionnaires")


def shipped_packs() -> list[str]:
    return sorted(path.stem for path in pack_dir().glob("*.yaml"))


def resolve_pack(name: str | None) -> Path:
    """A pack id among the shipped packs, or a path to a pack file."""
    name = name or DEFAULT_PACK
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml", ".json") or candidate.exists():
        if not candidate.is_file():
            raise PackError(f"questionnaire pack {name}: no such file")
        return candidate
    shipped = pack_dir() / f"{name}.yaml"
    if not shipped.is_file():
        raise PackError(
            f"unknown questionnaire pack {name!r}; shipped packs: {', '.join(shipped_packs())}, "
            "or give the path to a pack file"
        )
    return shipped


def _load(path: Path) -> Pack:
    from readiness import i18n

    return _load_in(path, i18n.active())


@lru_cache(maxsize=16)
def _load_in(path: Path, language: str) -> Pack:
    """The pack at `path` with its texts in `language`; English where it has none, with
    one warning on stderr per pack and language."""
    from readiness.loader import LoadError, load

    try:
        document = load(path)
    except LoadError as exc:
        raise PackError(f"questionnaire pack {exc}") from None
    try:
        context: dict[str, Any] = {"language": language}
        pack = Pack.model_validate(document.data, context=context)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        loc = tuple(first["loc"])
        line, column = document.position(tuple(p for p in loc if isinstance(p, int | str)))
        where = ".".join(str(p) for p in loc)
        more = exc.error_count() - 1
        raise PackError(
            f"{path}:{line}:{column}: invalid questionnaire pack: "
            + str(first["msg"]).removeprefix("Value error, ")
            + (f" (at {where})" if where else "")
            + (f"; {more} more error(s)" if more else "")
        ) from None
    _verify(pack, str(path))
    missing = context.get("missing", [])
    if missing:
        import sys

        sys.stderr.write(
            f"readiness: warning: questionnaire pack {pack.id}: {len(missing)} of "
            f"{context['texts']} texts have no {language!r} version; they are shown in "
            "English\n"
        )
    return pack


def load_pack(name: str | None = None) -> Pack:
    """Load a pack by id (`telecom-network-ops`) or path; the default is customer ops."""
    return _load(resolve_pack(name).resolve())


def pack_json_schema() -> dict[str, Any]:
    schema = Pack.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


# --- which pack scores a file ------------------------------------------------------------


@dataclass(frozen=True)
class PackChoice:
    """Which pack scores each file (docs/format.md, "Which pack scores a file"): the named
    pack for every file when one is named; otherwise the pack that declares the file's
    `initiative.domain`, a team's pack before a shipped one.

    `packs` lists every pack the choice can give, each once; a worker process sends back
    a pack's index in it instead of the pack."""

    named: Pack | None
    by_domain: Mapping[Domain, Pack]

    @classmethod
    def only(cls, pack: Pack) -> PackChoice:
        """One pack for every file."""
        return cls(pack, {})

    def for_domain(self, domain: Domain | str) -> Pack:
        if self.named is not None:
            return self.named
        return self.by_domain[Domain(domain)]

    @cached_property
    def packs(self) -> tuple[Pack, ...]:
        if self.named is not None:
            return (self.named,)
        distinct: list[Pack] = []
        for pack in self.by_domain.values():
            if not any(pack is seen for seen in distinct):
                distinct.append(pack)
        return tuple(distinct)

    def index(self, pack: Pack) -> int:
        return next(i for i, known in enumerate(self.packs) if known is pack)


PackSource = Pack | PackChoice
"""What the library's checking functions take: one pack for every file, or a choice."""


def as_choice(packs: PackSource) -> PackChoice:
    return packs if isinstance(packs, PackChoice) else PackChoice.only(packs)


def team_pack_files(entries: Sequence[str]) -> list[Path]:
    """The pack files of the `packs` setting: files as given, and the *.yaml, *.yml and
    *.json files directly inside a folder, in name order."""
    files: list[Path] = []
    for entry in entries:
        path = Path(entry)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
        elif path.is_file():
            files.append(path)
        else:
            raise PackError(f"questionnaire pack {entry}: no such file or folder")
    return files


@dataclass(frozen=True)
class _Shipped:
    """A shipped pack known by the id and domains at the top of its file, loaded the first
    time a file of one of its domains needs it: a run over files of one domain does not
    read the other packs (docs/performance.md)."""

    id: str
    domains: tuple[Domain, ...]

    def load(self) -> Pack:
        pack = load_pack(self.id)
        if pack.id != self.id or set(pack.domains) != set(self.domains):
            raise PackError(f"questionnaire pack {self.id}: its id and domains read differently "
                            "at the top of the file and in the whole file")
        return pack


Candidate = Pack | _Shipped
"""A pack of the choice: loaded, or shipped and loaded when a file needs it."""


class _ByDomain(Mapping[Domain, Pack]):
    """Domain -> pack, a shipped pack loaded when one of its domains is first asked for
    (the same object every time: `load_pack` keeps what it loaded), and then kept here,
    so that the files after the first do not look for the pack's file again."""

    def __init__(self, sources: dict[Domain, Candidate]) -> None:
        self.sources = sources

    def __getitem__(self, domain: Domain) -> Pack:
        source = self.sources[domain]
        if isinstance(source, _Shipped):
            source = self.sources[domain] = source.load()
        return source

    def __iter__(self) -> Iterator[Domain]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)


def _shipped(pack_id: str) -> Pack | _Shipped:
    """A shipped pack by its header when the header says its id and domains plainly;
    otherwise the pack itself, loaded now."""
    found = _header(resolve_pack(pack_id))
    if found is None or found[0] != pack_id:
        return load_pack(pack_id)
    return _Shipped(*found)


def _header(path: Path) -> tuple[str, tuple[Domain, ...]] | None:
    """The `id` and `domains` at the top of a pack file; None unless both are there as
    plain values naming a domain (the whole pack is then loaded, and says what is wrong)."""
    from readiness.loader import top_level_values

    found = top_level_values(path.read_bytes(), ("id", "domains"))
    if found is None:
        return None
    pack_id, domains = found["id"], found["domains"]
    if not isinstance(pack_id, str) or not isinstance(domains, list):
        return None
    try:
        return pack_id, tuple(Domain(domain) for domain in domains)
    except ValueError:
        return None


def _claims(packs: Sequence[tuple[Candidate, str]]) -> dict[Domain, tuple[Candidate, str]]:
    """The domain -> pack map of one group of packs; two packs of a group that declare one
    domain are an error, since nothing says which of them should score it."""
    claims: dict[Domain, tuple[Candidate, str]] = {}
    for pack, source in packs:
        for domain in pack.domains:
            earlier = claims.get(domain)
            if earlier is not None and earlier[0] is not pack:
                raise PackError(
                    f"two questionnaire packs declare the domain {domain.value}: "
                    f"{earlier[0].id} ({earlier[1]}) and {pack.id} ({source}); "
                    "remove the domain from one of them, or name the pack to use with "
                    "--questionnaire"
                )
            claims[domain] = (pack, source)
    return claims


def choose_packs(named: str | None = None, team: tuple[str, ...] = ()) -> PackChoice:
    """The choice of packs for a run: `named` (a pack id or path) for every file when
    given; otherwise by domain among the shipped packs and the `team` packs (files or
    folders), a team pack taking a domain from a shipped one. A domain no pack declares
    is scored with the default pack. Cached per language: a run loads each pack once, a
    shipped pack only when a file of its domains needs it."""
    from readiness import i18n

    return _choose_packs(named, team, i18n.active())


@lru_cache(maxsize=16)
def _choose_packs(named: str | None, team: tuple[str, ...], language: str) -> PackChoice:
    if named:
        return PackChoice.only(load_pack(named))
    shipped = [(_shipped(pack_id), pack_id) for pack_id in shipped_packs()]
    teams = [(_load(path.resolve()), str(path)) for path in team_pack_files(team)]
    claims = {**_claims(shipped), **_claims(teams)}
    default = {pack_id: candidate for candidate, pack_id in shipped}[DEFAULT_PACK]
    sources: dict[Domain, Candidate] = {
        domain: claims[domain][0] if domain in claims else default for domain in Domain
    }
    ids: dict[str, Candidate] = {}
    for candidate in sources.values():
        earlier = ids.setdefault(candidate.id, candidate)
        if earlier is not candidate:
            raise PackError(
                f"two different questionnaire packs have the id {candidate.id}; every output "
                "names the pack by id, so give your own pack an id of its own"
            )
    return PackChoice(None, _ByDomain(sources))


def pack_for_domain(
    domain: Domain | str, named: str | None = None, team: Sequence[str] = ()
) -> Pack:
    """The pack that scores an initiative of `domain`: `named` when given, else the
    pack that declares the domain (see `choose_packs`). Raises PackError."""
    return choose_packs(named, tuple(team)).for_domain(domain)
