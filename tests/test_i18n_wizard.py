"""The wizard in French: every prompt follows French typography (a no-break space before
a colon, no colon after a question mark), and what it shows back (yes and no, a period)
is in French. Driven through its injected prompt function on the shipped pack."""

from __future__ import annotations

import enum
import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from readiness import model
from readiness.packs import AnswerType, load_pack
from readiness.wizard import Store, Wizard
from readiness.wizard.answers import AnswerError, parse, parse_choice
from readiness.wizard.prompts import asking
from readiness.wizard.session import Session
from readiness.words import value_words
from tests.common import EXAMPLES
from tests.test_i18n import french

__all__ = ["french"]  # the fixture: French for one test

TODAY = date(2026, 11, 20)
GATES = ["initiative", "workflow", "data_pipeline", "integration", "decision_boundaries",
         "outcomes", "governance"]


class Walk:
    """A prompt function that asks for help (`?`) once at each prompt, then keeps the
    value in brackets (Enter); a prompt asked again and again (a required answer) stops
    the walk. It records every prompt and everything shown."""

    def __init__(self) -> None:
        self.prompts: list[str] = []
        self.out = io.StringIO()

    def __call__(self, text: str) -> str:
        times = self.prompts.count(text)
        self.prompts.append(text)
        if times > 2:
            raise KeyboardInterrupt
        return "?" if times == 0 and not text.rstrip().endswith("?") else ""

    def run(self, path: Path, only: str | None = None) -> None:
        wizard = Wizard(Store.open(path), load_pack("telecom-customer-ops"), self,
                        Console(file=self.out, width=100, color_system=None), TODAY)
        try:
            wizard.run(only)
        except KeyboardInterrupt:
            pass


def walk_every_gate(tmp_path: Path) -> Walk:
    """Every gate of two examples revisited (each prompt with its value in brackets,
    lists with their items), then a new file up to its first required answer."""
    walk = Walk()
    for name in ("care-copilot-ready.yaml", "churn-accuracy-only.yaml"):
        path = tmp_path / name
        shutil.copy(EXAMPLES / name, path)
        for gate in GATES:
            walk.run(path, gate)
    walk.run(tmp_path / "new.yaml")
    return walk


def test_every_french_prompt_has_a_no_break_space_before_its_colon(
    french: None, tmp_path: Path
) -> None:
    walk = walk_every_gate(tmp_path)
    prompts = sorted(set(walk.prompts))
    assert len(prompts) > 60
    colons = [p for p in prompts if p.rstrip().endswith(":")]
    assert len(colons) > 60
    assert [p for p in colons if not p.endswith("\u00a0: ")] == []
    assert "Stade [limited_rollout]\u00a0: " in prompts
    assert any(re.fullmatch(r"  \d+\. Nom de la source \(Entrée = terminé; e N modifie, "
                            r"d N supprime\)\u00a0: ", p) for p in prompts)
    # Yes and no as a French reader types them, a period written with 'au'.
    assert "Est-elle intégrée à un outil qu'ils utilisent déjà? [oui]\u00a0: " in prompts
    assert not [p for p in prompts if re.search(r"\[(yes|no)\]", p) or " to 20" in p]
    assert any(re.search(r"\[2026-01-12 au 2026-02-06\]\u00a0: $", p) for p in prompts)


def test_a_french_question_takes_no_colon(french: None) -> None:
    assert asking("Est-elle intégrée à un outil existant?") == (
        "Est-elle intégrée à un outil existant? ")
    assert asking("Nom") == "Nom\u00a0: "
    assert asking("Stade", "pilot") == "Stade [pilot]\u00a0: "
    assert asking("Intégrée?", "oui") == "Intégrée? [oui]\u00a0: "


def test_english_prompts_are_unchanged(tmp_path: Path) -> None:
    assert asking("Name") == "Name: "
    assert asking("Embedded in an existing tool?") == "Embedded in an existing tool?: "
    assert asking("Stage", "pilot") == "Stage [pilot]: "
    path = tmp_path / "care.yaml"
    shutil.copy(EXAMPLES / "care-copilot-ready.yaml", path)
    walk = Walk()
    walk.run(path, "integration")
    assert "Is it embedded in a tool they already use? [yes]: " in walk.prompts
    assert not [p for p in walk.prompts if "\u00a0" in p]


def model_descriptions() -> dict[str, str]:
    """Every field of the assessment model with a description, by `Model.field`."""
    from pydantic import BaseModel

    from readiness.model import Assessment
    from readiness.schema import unwrap_model

    found: dict[str, str] = {}
    seen: set[type[BaseModel]] = set()

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in model.model_fields.items():
            if field.description:
                found[f"{model.__name__}.{name}"] = field.description
            inner = unwrap_model(field.annotation)
            if inner is not None:
                visit(inner)

    visit(Assessment)
    return found


def test_every_field_description_has_its_french(french: None) -> None:
    from readiness.i18n import field_help

    described = model_descriptions()
    assert len(set(described.values())) > 130
    english = [where for where, text in described.items() if field_help(text) == text]
    assert not english, f"field descriptions without French: {english[:10]}"
    rate = field_help(described["OverrideTracking.override_rate"])
    assert "48 % s'écrit 0.48" in rate and "%%" not in rate  # a percent sign, once
    assert field_help(described["Source.freshness"]).startswith(
        "L'âge que peuvent avoir les données quand l'IA les lit")


def test_the_wizard_explains_a_field_in_french(french: None, tmp_path: Path) -> None:
    walk = Walk()
    walk.run(tmp_path / "new.yaml")  # `?` at the first question: the pack gives no help
    shown = " ".join(walk.out.getvalue().split())
    assert "Un identifiant court et stable : lettres minuscules, chiffres et traits" in shown
    assert "A short, stable identifier" not in shown


def test_the_json_schema_and_the_field_reference_stay_english(french: None) -> None:
    from typer.testing import CliRunner

    from readiness.cli import app
    from readiness.schema import field_description

    assert field_description("initiative.id").startswith("A short, stable identifier")
    # The same schema in either language (docs/schemas holds it as the newest pydantic
    # writes it; test_docs_generated compares the two).
    in_french = CliRunner().invoke(app, ["schema"], env={"READINESS_LANG": "fr"})
    in_english = CliRunner().invoke(app, ["schema"], env={"READINESS_LANG": "en"})
    assert in_french.exit_code == in_english.exit_code == 0, in_french.output
    assert in_french.stdout == in_english.stdout
    assert "A short, stable identifier" in in_french.stdout


def test_every_french_prompt_of_the_catalogue_ends_with_a_no_break_space_and_colon() -> None:
    from babel.messages.pofile import read_po

    from tests.test_i18n import FRENCH_PO

    prompts = [m for m in read_po(FRENCH_PO.open("rb"))
               if m.id and str(m.id[0] if isinstance(m.id, tuple) else m.id).endswith("]: ")]
    assert len(prompts) >= 5  # [y/N], [Y/n], [R/s], [{shown}], [{default}]
    for message in prompts:
        strings = (message.string if isinstance(message.string, (list, tuple))
                   else (message.string,))
        assert all(str(s).endswith("]\u00a0: ") for s in strings), message.id


def test_a_gate_status_in_french_words_is_taken(french: None, tmp_path: Path) -> None:
    # A gate not yet in the file: its status prompt offers the statuses in French words,
    # and takes them.
    path = tmp_path / "care.yaml"
    text = (EXAMPLES / "care-copilot-ready.yaml").read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?ms)^workflow:\n.*?(?=^\w)", "", text), encoding="utf-8")
    answers = iter(["en cours"])

    def prompt(text: str) -> str:
        if "Flux de travail" not in text:
            raise KeyboardInterrupt  # the next question: enough
        return next(answers)

    out = io.StringIO()
    wizard = Wizard(Store.open(path), load_pack("telecom-customer-ops"), prompt,
                    Console(file=out, width=100, color_system=None), TODAY)
    try:
        wizard.run("workflow")
    except KeyboardInterrupt:
        pass
    assert "un état (non commencé, en cours, terminé)" in " ".join(out.getvalue().split())
    assert re.search(r"(?m)^workflow:\n  status: in_progress$", path.read_text(encoding="utf-8"))


def test_a_yes_no_question_takes_the_o_it_asks_for(french: None) -> None:
    # The French hint says "répondez o ou n": both are taken, as at a confirmation.
    assert parse(AnswerType.BOOLEAN, "o") is True and parse(AnswerType.BOOLEAN, "n") is False
    with pytest.raises(AnswerError, match="répondez o ou n"):
        parse(AnswerType.BOOLEAN, "peut-être")


def test_what_a_use_case_needs_is_said_in_french(french: None, tmp_path: Path) -> None:
    # The use case and the source kinds in French words, not as the file's values.
    path = tmp_path / "ticket.yaml"
    shutil.copy(EXAMPLES / "ticket-classifier-model-first.yaml", path)
    pack = load_pack("telecom-customer-ops")
    sources = next(q for q in pack.questions if q.field == "data_pipeline.sources")
    needs = Session(Store.open(path), pack, TODAY).needs(sources)
    assert needs is not None and needs.values == ["ticketing", "crm", "oss"]
    assert needs.reason == ("le cas d'utilisation «\u00a0classement des billets\u00a0» exige des "
                            "sources de type billetterie, GRC et OSS")


@pytest.mark.parametrize(("typed", "choices", "value"), [
    ("conforme", ["compliant", "in_review", "gap", "not_assessed"], "compliant"),
    ("terminé", ["not_started", "in_progress", "complete"], "complete"),
    ("autonome", ["autonomous", "approval_required", "recommend_only", "prohibited"],
     "autonomous"),
    ("lot", ["api", "streaming", "batch", "manual_export"], "batch"),  # "par lots"
    ("lecture et écriture", ["read", "write", "read_write"], "read_write"),
    ("pilote", ["exploration", "pilot", "limited_rollout", "production"], "pilot"),
    # as people type them: either gender or number, with or without accents
    ("interdit", ["autonomous", "approval_required", "recommend_only", "prohibited"],
     "prohibited"),
    ("terminee", ["not_started", "in_progress", "complete"], "complete"),
    ("lecture et ecriture", ["read", "write", "read_write"], "read_write"),
    ("Conformes", ["compliant", "in_review", "gap", "not_assessed"], "compliant"),
])
def test_a_choice_is_taken_in_french_words(french: None, typed: str, choices: list[str],
                                           value: str) -> None:
    assert parse_choice(typed, choices) == value


SAME_IN_FRENCH = {"exploration", "production", "service", "innovation", "tmf_open_api", "llm",
                  "L0", "L1", "L2", "L3", "L4", "L5"}


def test_every_choice_of_the_format_has_its_french_words(french: None) -> None:
    # What the wizard takes and the reports show in French: a new value without its
    # words in the catalogue fails here.
    untranslated = []
    for kind in vars(model).values():
        if (isinstance(kind, type) and issubclass(kind, enum.Enum)
                and kind.__module__ == model.__name__
                and kind not in (model.GateId, model.Jurisdiction, model.RegulationId)):
            untranslated += [v.value for v in kind if v.value not in SAME_IN_FRENCH
                             and value_words(v.value) == v.value.replace("_", " ")]
    assert untranslated == []
