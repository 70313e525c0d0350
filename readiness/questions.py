"""Every open question across assessment files, grouped by whom to ask (`readiness
questions`), as text, Markdown, CSV (a spreadsheet to send round) or JSON.

A file's open questions are read from the file alone (load, validate): answering them
needs no score. An invalid file is reported with its errors and its questions are not
listed; the others still are (docs/format.md, "Open questions").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from readiness import __version__
from readiness.advice import by_whom, question_words
from readiness.batch import discover
from readiness.engine import open_questions
from readiness.findings import Question
from readiness.i18n import _, ngettext
from readiness.loader import LoadError, load
from readiness.reporters.base import plain
from readiness.schema import InvalidAssessment, SchemaError, validate


@dataclass(frozen=True)
class Asked:
    """One open question and the file and initiative it belongs to."""

    path: str
    initiative: str  # its id
    name: str  # its name, as people know it
    question: Question


@dataclass
class Questions:
    asked: list[Asked] = field(default_factory=list)
    invalid: list[tuple[str, list[SchemaError]]] = field(default_factory=list)

    def by_whom(self) -> list[tuple[str, list[Asked]]]:
        """Grouped by whom to ask, people in alphabetical order, each person's questions
        in the order the files were given."""
        of = {id(a.question): a for a in self.asked}
        return [(person, [of[id(q)] for q in group])
                for person, group in by_whom(a.question for a in self.asked)]


def collect(paths: Iterable[str]) -> Questions:
    """The open questions of every file (folders searched as `validate` does)."""
    found = Questions()
    for path in discover(paths):
        try:
            document = load(path)
            assessment = validate(document)
        except LoadError as exc:
            found.invalid.append((path, [SchemaError(exc.message, "", exc.line, exc.column)]))
            continue
        except InvalidAssessment as exc:
            found.invalid.append((path, list(exc.errors)))
            continue
        initiative = assessment.initiative
        found.asked += [Asked(path, initiative.id, initiative.name, q)
                        for q in open_questions(document, assessment)]
    return found


def render_text(found: Questions) -> str:
    from readiness.reporters.base import plain

    lines = []
    for person, asked in found.by_whom():
        lines.append(f"{plain(person)} ({len(asked)}):")
        lines += [f"  - {plain(a.name)}: {plain(question_words(a.question))} "
                  f"[{plain(a.path)}:{a.question.line}]" for a in asked]
        lines.append("")
    total = len(found.asked)
    lines.append(ngettext("{n} open question, {people} to ask",
                          "{n} open questions, {people} to ask", total).format(
        n=total, people=len(found.by_whom())))
    return "\n".join(lines) + "\n"


def render_markdown(found: Questions) -> str:
    from readiness.reporters.templating import md

    lines = ["# " + _("Open questions, by whom to ask"), ""]
    for person, asked in found.by_whom():
        lines += [f"## {md(person)}", ""]
        lines += [f"- **{md(a.name)}**: {md(question_words(a.question))} "
                  + _("({path}, line {line})").format(path=md(a.path), line=a.question.line)
                  for a in asked]
        lines.append("")
    if not found.asked:
        lines += [_("No open questions."), ""]
    return "\n".join(lines)


CSV_COLUMNS = ("ask", "initiative", "name", "gate", "field", "note", "raised_on", "path",
               "line")


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (text from the file starting with
    =, +, - or @ is prefixed with an apostrophe), control characters escaped."""
    text = plain(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_csv(found: Questions) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for person, asked in found.by_whom():
        for a in asked:
            q = a.question
            writer.writerow([_cell(person), a.initiative, _cell(a.name), q.gate.value, q.field,
                             _cell(q.note), q.raised_on.isoformat(), _cell(a.path), q.line])
    return out.getvalue()


def to_json(found: Questions) -> dict[str, Any]:
    return {
        "tool": {"name": "readiness", "version": __version__},
        "groups": [
            {
                "ask": person,
                "questions": [
                    {
                        "path": a.path,
                        "initiative": a.initiative,
                        "field": a.question.field,
                        "gate": a.question.gate.value,
                        "raised_on": a.question.raised_on.isoformat(),
                        "line": a.question.line,
                        **({"note": a.question.note} if a.question.note else {}),
                    }
                    for a in asked
                ],
            }
            for person, asked in found.by_whom()
        ],
        "invalid": [path for path, _ in found.invalid],
    }


def render_json(found: Questions) -> str:
    return json.dumps(to_json(found), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "md": render_markdown, "csv": render_csv,
             "json": render_json}
"""Format name -> renderer; the command's `--format` choices are these keys."""
