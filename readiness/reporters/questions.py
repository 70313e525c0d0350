"""The open questions of many assessment files, by whom to ask, as text, Markdown, CSV
(one row per question, ready for a spreadsheet to send round) and JSON."""

from __future__ import annotations

import csv
import io
from typing import Any

from readiness import __version__
from readiness.advice import question_words
from readiness.i18n import N_, _, ngettext
from readiness.questions import Questions
from readiness.reporters.safe_text import plain


def render_text(found: Questions) -> str:
    lines = []
    for person, asked in found.by_whom():
        lines.append(_("{who} ({count}):").format(who=plain(person), count=len(asked)))
        lines += ["  - " + _("{name}: {question}").format(
            name=plain(a.name), question=plain(question_words(a.question)))
            + f" [{plain(a.path)}:{a.question.line}]" for a in asked]
        lines.append("")
    total, people = len(found.asked), len(found.by_whom())
    lines.append(_("{questions}, {people}").format(
        questions=ngettext("{n} open question", "{n} open questions", total).format(n=total),
        people=ngettext("{n} to ask", "{n} to ask", people).format(n=people)))
    return "\n".join(lines) + "\n"


def render_markdown(found: Questions) -> str:
    from readiness.reporters.templating import md

    lines = ["# " + _("Open questions, by whom to ask"), ""]
    for person, asked in found.by_whom():
        lines += [f"## {md(person)}", ""]
        lines += ["- " + _("{name}: {question}").format(
            name=f"**{md(a.name)}**", question=md(question_words(a.question))) + " "
            + _("({path}, line {line})").format(path=md(a.path), line=a.question.line)
            for a in asked]
        lines.append("")
    if not found.asked:
        lines += [_("No open questions."), ""]
    return "\n".join(lines)


CSV_HEADER = N_("ask,initiative,name,gate,field,note,raised_on,path,line")
"""The CSV's header row, in the language of the output; the columns keep their order in
every language, and their values (gate, field, date) are the file's."""
CSV_COLUMNS = tuple(CSV_HEADER.split(","))


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (text from the file starting with
    =, +, - or @ is prefixed with an apostrophe), control characters escaped."""
    text = plain(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_csv(found: Questions) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_(CSV_HEADER).split(","))
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
    from readiness.reporters.json import dumps

    return dumps(to_json(found)) + "\n"
