"""Every open question across assessment files, grouped by whom to ask (`readiness
questions`); `reporters.questions` writes them as text, Markdown, CSV (a spreadsheet to
send round) or JSON.

A file's open questions are read from the file alone (load, validate): answering them
needs no score. An invalid file is reported with its errors and its questions are not
listed; the others still are (docs/format.md, "Open questions").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from readiness.advice import by_whom
from readiness.batch import discover
from readiness.engine import open_questions
from readiness.findings import Question
from readiness.loader import LoadError, load
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
