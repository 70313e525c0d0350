"""The interactive walk-through behind `readiness assess` (docs/assess.md).

The package is split by job: `store` (the file, its round-trip YAML edits and atomic
saves), `fields` (what the assessment model says about a field), `answers` (what a
person types -> a value), `session` (the state of a session, with no console), `prompts`
(the conversation), `panels` (what is shown between questions and at the end) and
`sitting` (one run of `assess` on a locked file).
"""

from readiness.wizard.panels import render_gate, render_summary
from readiness.wizard.prompts import Prompt, Wizard
from readiness.wizard.session import INITIATIVE, AnswerProblems, Section, Session
from readiness.wizard.store import Store

__all__ = ["INITIATIVE", "AnswerProblems", "Prompt", "Section", "Session", "Store", "Wizard",
           "render_gate", "render_summary"]
