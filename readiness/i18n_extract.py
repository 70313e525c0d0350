"""The catalogue extractors (babel.cfg) for the rule modules and the assessment model:
the messages marked with `_`, `ngettext` and `N_`, as for any Python module, and

- the texts each `@rule(...)` declares for people (when it fires, principle,
  remediation, advice, step, steps, severity note), whitespace-normalised as
  `readiness.rules.base.rule` stores them, so that the msgid is the text looked up;
- the `description` of every field of the model (readiness/model.py), as pydantic keeps
  it with each `%` written `%%` (`readiness.i18n.field_help` looks it up so): the help
  the wizard shows in the language of the session, while the JSON Schema and
  docs/format.md keep the English text.

Only `pybabel extract` imports this module; readiness never does at run time.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

RULE_TEXTS = ("principle", "remediation", "advice", "step", "steps", "severity_note",
              "pattern")
"""The keyword arguments of `rule(...)` that people read, in every language."""


Found = Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]
"""What an extractor yields: line, function name, message, comments."""


def _extract(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
             options: dict[str, Any], more: Callable[[ast.Module], Found]) -> Iterator[Any]:
    """The messages marked in the module's code, then those `more` finds in its tree."""
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type]
    yield from more(ast.parse(source))


def extract_rules(fileobj: IO[bytes], keywords: Mapping[str, Any],
                  comment_tags: Collection[str], options: dict[str, Any]) -> Iterator[Any]:
    return _extract(fileobj, keywords, comment_tags, options, _rule_texts)


def extract_fields(fileobj: IO[bytes], keywords: Mapping[str, Any],
                   comment_tags: Collection[str], options: dict[str, Any]) -> Iterator[Any]:
    return _extract(fileobj, keywords, comment_tags, options, _field_texts)


def _rule_texts(tree: ast.Module) -> Found:
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in function.decorator_list:
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "rule":
                yield from _texts(node, function)


def _texts(node: ast.Call, function: ast.FunctionDef) -> Found:
    if len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
        # The rule's name in words, as a timeline note or a portfolio pattern says it.
        yield node.args[1].lineno, None, str(node.args[1].value).replace("-", " "), [
            "rule name in words"]
    docstring = ast.get_docstring(function, clean=False)
    if docstring:
        yield function.lineno, None, " ".join(docstring.split()), ["rule: when it fires"]
    for keyword in node.keywords:
        value = keyword.value
        if keyword.arg in RULE_TEXTS and isinstance(value, ast.Constant):
            text = " ".join(str(value.value).split())
            if text:
                yield value.lineno, None, text, [f"rule {keyword.arg}"]


def _field_texts(tree: ast.Module) -> Found:
    from readiness.words import name_words

    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            # Each field's name in words (readiness.words.field_words), and one item's
            # for a list: what a message says of a field ('the question on the owner of
            # data pipeline source 2').
            for field in node.body:
                if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name):
                    name = field.target.id
                    yield field.lineno, None, name_words(name), ["field name in words"]
                    if re.search(r"\b(?:Items|list)\[", ast.unparse(field.annotation)):
                        yield field.lineno, None, name_words(name, item=True), [
                            "one item of a list field, in words"]
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            value = keyword.value
            if (keyword.arg == "description" and isinstance(value, ast.Constant)
                    and isinstance(value.value, str) and value.value):
                # "10% of" would read as a %-placeholder to the catalogue's checks.
                yield value.lineno, None, value.value.replace("%", "%%"), ["field description"]
