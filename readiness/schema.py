"""From loaded data to a validated Assessment, and the JSON Schema of the file format.

pydantic does the validation; this module turns its errors into `SchemaError`s that
name the path, line and column, suggest the nearest key for a typo, and check what
needs the rule catalogue (a waiver's rule ID) or the format itself (the field an open
question is about).
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from readiness.loader import Document, Loc, format_path
from readiness.model import CURRENCY_PATTERN, SLUG_PATTERN, Assessment

MAX_ERRORS = 100
"""Schema errors reported per file (the first, by position in the file); the rest are
counted in one last error. See docs/format.md."""


@dataclass(frozen=True)
class SchemaError:
    """One reason a file is not a valid assessment, with where it is."""

    message: str
    path: str
    line: int
    column: int


class InvalidAssessment(Exception):
    """A file that parsed but does not follow the assessment format."""

    def __init__(self, path: str, errors: list[SchemaError]) -> None:
        super().__init__(f"{path}: {len(errors)} error(s)")
        self.path = path
        self.errors = errors


def unwrap_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside Optional[...], list[...] or Annotated[...], if any."""
    seen = 0
    while annotation is not None and seen < 10:
        seen += 1
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (list, tuple):
            annotation = args[0] if args else None
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in (unwrap_model(arg) for arg in args) if a is not None]
            return models[0] if models else None
        else:
            return None
    return None


def model_at(loc: Loc, root: type[BaseModel] = Assessment) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc`, or None if it is not a mapping."""
    current: type[BaseModel] | None = root
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue  # list items: the list's annotation already unwrapped to the item model
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = unwrap_model(field.annotation)
    return current


def field_description(path: str) -> str:
    """What the field at a dotted path means, for people: its description in the model,
    the one text behind `readiness schema`, the wizard's help and docs/format.md. List
    items may be written `[0]`, `[*]` or not at all (`data_pipeline.sources.freshness`);
    a path the format does not know has none ("")."""
    names = [name for name in re.sub(r"\[[^\]]*\]", "", path).split(".") if name]
    model = model_at(tuple(names[:-1])) if names else None
    field = model.model_fields.get(names[-1]) if model else None
    return (field.description or "") if field else ""


def field_names(loc: Loc) -> list[str]:
    model = model_at(loc)
    return list(model.model_fields) if model else []


def suggest(word: str, choices: list[str]) -> str | None:
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _clean_loc(loc: tuple[Any, ...], document: Document) -> Loc:
    """pydantic's loc without validator tags (`function-after[...]`), as a document path.

    A key written in the file may contain `[` too (`x[1]: 2`): it is kept when the file
    has it at that path, so that its error names it instead of losing it.
    """
    for part in loc:
        if isinstance(part, str) and "[" in part:
            break
    else:
        return tuple(loc)
    kept: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and "[" in part and (*kept, part) not in document.positions:
            continue
        kept.append(part)
    return tuple(kept)


def _message(error: Any, loc: Loc) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        hint = suggest(key, field_names(loc[:-1]))
        where = format_path(loc[:-1]) or "the top level"
        text = f"unknown key '{key}' in {where}"
        return f"{text}; did you mean '{hint}'?" if hint else text
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    message = str(error["msg"])
    if kind in ("model_type", "dict_type"):
        return "expected a mapping of keys to values"
    got = error.get("input")
    if kind == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        what = PATTERN_WORDS.get(pattern, f"text matching {pattern}")
        slug = _slug(got) if pattern == SLUG_PATTERN and isinstance(got, str) else ""
        return f"{got!r} is not {what}" + (f"; did you mean '{slug}'?" if slug else "")
    if kind.endswith("_type") and isinstance(got, str | int | float | bool):
        # Say what was written: `count: "12"` is a string, not a number.
        return f"{message}, got {type(got).__name__} {got!r}"
    if kind == "enum" or kind == "literal_error":
        got = error.get("input")
        hint = suggest(str(got), [str(v) for v in _expected(error)]) if got is not None else None
        message = f"{message}, got {got!r}"
        return f"{message}; did you mean '{hint}'?" if hint else message
    return message


def _slug(text: str) -> str:
    """'Ticket Classifier QC' -> 'ticket-classifier-qc'; 'Québec' -> 'quebec'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


PATTERN_WORDS = {
    SLUG_PATTERN: "a lowercase slug (a-z, 0-9 and dashes, e.g. billing-dispute-copilot)",
    CURRENCY_PATTERN: "an ISO 4217 currency code such as CAD",
    r"^TMF[0-9]{3}$": "a TM Forum Open API id such as TMF629",
}


def _expected(error: dict[str, Any]) -> list[str]:
    expected = (error.get("ctx") or {}).get("expected", "")
    return [part.strip(" '") for part in str(expected).replace(" or ", ",").split(",") if part]


class _UnknownKeys:
    """The keys of a document that its models do not know, found before pydantic runs.

    pydantic reports every unknown key, and locating each costs time: a 1 MB file of
    100,000 unknown keys took over a second more than the rest of its validation. So
    the data handed to pydantic keeps only the first unknown key of each mapping (which
    fails that mapping exactly as all of them would), and the unknown keys themselves
    are kept here: the first `keep` in the order the file is read, and how many in all.
    """

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.found: list[Loc] = []
        self.total = 0

    def strip(self, value: Any, model: type[BaseModel] | None, loc: Loc = ()) -> Any:
        """`value` with the unknown keys of each mapping but the first left out; `value`
        itself (not a copy) where nothing is left out, which is every valid file."""
        if model is None:
            return value
        if isinstance(value, list):
            items = [self.strip(item, model, (*loc, index)) for index, item in enumerate(value)]
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        if not isinstance(value, dict):
            return value
        kept: dict[Any, Any] = {}
        unknown = value.keys() - model.model_fields.keys()
        if unknown:  # a few at most, but a hostile file has 100,000 of them
            self.total += len(unknown)
            for key in value:  # the first ones, in the order of the file
                if key in unknown:
                    if not kept:
                        kept[key] = value[key]  # fails the mapping as all of them would
                    if len(self.found) >= self.keep:
                        break
                    self.found.append((*loc, key))
        changed = bool(unknown)
        children: dict[str, Any] = {}
        for name, inner in _nested(model):
            if name in value:
                child = value[name]
                children[name] = stripped = self.strip(child, inner, (*loc, name))
                changed = changed or stripped is not child
        if not changed:
            return value
        for name in model.model_fields:
            if name in value:
                kept[name] = children.get(name, value[name])
        return kept


@functools.cache
def _nested(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel]], ...]:
    """The fields of `model` that hold a model (or a list or optional of one), and which."""
    found = ((name, unwrap_model(field.annotation)) for name, field in model.model_fields.items())
    return tuple((name, inner) for name, inner in found if inner is not None)


_DIRECT_UP_TO = 5_000
"""Files of up to this many values (an assessment has a few hundred) go to pydantic as
they are, and only a file that fails is walked for its unknown keys: a valid file is
validated once, and an invalid one twice only when it has unknown keys. Larger ones are
walked first, so that pydantic never builds an error for each of 100,000 unknown keys."""


def validate(document: Document) -> Assessment:
    """Validate loaded data as an assessment; raises InvalidAssessment with the first
    `MAX_ERRORS` errors, in file order, and a last one that counts the rest."""
    unknown = _UnknownKeys(MAX_ERRORS + 1)
    data = document.data
    if document.values > _DIRECT_UP_TO:
        data = unknown.strip(data, Assessment)
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as exc:
        found = exc.errors(include_url=False)
        if data is document.data:
            # Unknown keys are counted and located by the walk, as for a larger file (a
            # mapping pydantic rejects as a whole does not list its unknown keys).
            stripped = unknown.strip(data, Assessment)
            if stripped is not data:
                try:
                    Assessment.model_validate(stripped)
                except ValidationError as again:
                    found = again.errors(include_url=False)
        raise InvalidAssessment(document.path, _errors(document, found, unknown)) from None
    return _referenced(document, assessment)


def _errors(document: Document, found: list[Any], unknown: _UnknownKeys) -> list[SchemaError]:
    """pydantic's errors and the unknown keys, located and in file order."""
    located: list[tuple[tuple[int, int], Loc, Any]] = []
    # Unknown keys come from the walk, not from pydantic (which saw only one of each
    # mapping's).
    for error in found:
        if error["type"] == "extra_forbidden":
            continue
        loc = _clean_loc(error["loc"], document)
        located.append((document.position(loc), loc, error))
    for loc in unknown.found:
        located.append((document.position(loc), loc, {"type": "extra_forbidden"}))
    located.sort(key=lambda item: item[0])
    errors = [
        SchemaError(_message(error, loc), format_path(loc), line, column)
        for (line, column), loc, error in located[:MAX_ERRORS]
    ]
    errors.extend(_reference_errors(document))
    errors.sort(key=lambda e: (e.line, e.column))
    total = len(located) - len(unknown.found) + unknown.total
    if total > MAX_ERRORS:
        more = total - MAX_ERRORS
        line, column = located[MAX_ERRORS][0]
        errors.append(SchemaError(
            f"{more} more error{'s' if more > 1 else ''} not shown: "
            f"only the first {MAX_ERRORS} of a file are reported", "", line, column,
        ))
    return errors


def _referenced(document: Document, assessment: Assessment) -> Assessment:
    """`assessment`, once every reference in the file names something that exists."""
    errors = list(_reference_errors(document))
    if errors:
        raise InvalidAssessment(document.path, errors)
    return assessment


def _reference_errors(document: Document) -> typing.Iterator[SchemaError]:
    """What names something else, checked on the raw data so that it is reported together
    with any other error in the file: waivers' rule IDs, open questions' fields."""
    yield from _waiver_errors(document)
    yield from _question_errors(document)


def _waiver_errors(document: Document) -> typing.Iterator[SchemaError]:
    """Unknown rule IDs in waivers, read from the raw data so that they are reported
    together with any other error in the file."""
    from readiness.rules import RULE_IDS

    waivers = document.data.get("waivers") if isinstance(document.data, dict) else None
    for index, waiver in enumerate(waivers if isinstance(waivers, list) else []):
        rule = waiver.get("rule") if isinstance(waiver, dict) else None
        if isinstance(rule, str) and rule and rule not in RULE_IDS:
            loc: Loc = ("waivers", index, "rule")
            hint = suggest(rule.upper(), list(RULE_IDS))
            message = f"unknown rule ID '{rule}' in a waiver"
            if hint:
                message += f"; did you mean '{hint}'?"
            yield SchemaError(message, format_path(loc), *document.position(loc))


_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[[0-9]+\])*)")


def is_list(annotation: Any) -> bool:
    """The annotation is a list, possibly inside Optional[...] or Annotated[...]."""
    origin = typing.get_origin(annotation)
    if origin is list:
        return True
    if origin is typing.Annotated:
        return is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(is_list(arg) for arg in typing.get_args(annotation))
    return False


def field_problem(path: str) -> str | None:
    """Why `path` (`data_pipeline.sources[0].freshness`) is not a field of the format, with
    the nearest known path where there is one; None when it is one. List indices are
    allowed on lists only."""
    current: type[BaseModel] | None = Assessment
    known: list[str] = []
    segments = path.split(".")
    for position, segment in enumerate(segments):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            return f"'{path}' is not a field path (fields joined by dots, list items as [0])"
        name, indices = match.groups()
        where = ".".join(known) or "the top level"
        if current is None:
            return f"'{path}' is not a field of the format: {where} has no fields"
        field = current.model_fields.get(name)
        if field is None:
            hint = suggest(name, list(current.model_fields))
            text = f"'{path}' is not a field of the format: no '{name}' in {where}"
            if hint:
                fixed = ".".join([*known, hint + indices, *segments[position + 1:]])
                text += f"; did you mean '{fixed}'?"
            return text
        if indices and not is_list(field.annotation):
            return f"'{path}' is not a field of the format: '{name}' is not a list"
        if indices.count("[") > 1:
            return (f"'{path}' is not a field of the format: '{name}' takes one list "
                    f"position, as in '{name}[0]'")
        known.append(segment)
        current = unwrap_model(field.annotation)
    return None


def _question_errors(document: Document) -> typing.Iterator[SchemaError]:
    """Open questions about a field the format does not know (docs/format.md, "Open
    questions")."""
    questions = document.data.get("open_questions") if isinstance(document.data, dict) else None
    for index, question in enumerate(questions if isinstance(questions, list) else []):
        field = question.get("field") if isinstance(question, dict) else None
        if isinstance(field, str) and field:
            problem = field_problem(field)
            if problem:
                loc: Loc = ("open_questions", index, "field")
                yield SchemaError(
                    f"open question about an unknown field: {problem}",
                    format_path(loc),
                    *document.position(loc),
                )


SCHEMA_URL = (
    "https://raw.githubusercontent.com/readiness-tool/readiness/main/"
    "docs/schemas/assessment-1.schema.json"
)
"""The `$id` of the schema of `schema_version: 1`, and where editors fetch it (the file
docs/schemas/assessment-1.schema.json of the repository, which `make docs` writes): fixed
for the schema version, whatever the release (docs/editors.md)."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the assessment file, for third-party validators."""
    from readiness.rules import RULE_IDS

    schema = Assessment.model_json_schema()
    definitions = schema.setdefault("$defs", {})
    rule = definitions["Waiver"]["properties"]["rule"]
    definitions["Waiver"]["properties"]["rule"] = {
        "type": "string", "enum": list(RULE_IDS), "description": rule["description"]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL,
        "title": "readiness assessment (schema_version 1)",
        **{key: value for key, value in schema.items() if key != "title"},
    }
