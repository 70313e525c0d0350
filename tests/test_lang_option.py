"""Choosing the language: --lang, then READINESS_LANG, then `lang` in the configuration,
then English; an unknown language is exit 2 naming the ones there are."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from readiness.cli import app
from tests.common import EXAMPLES

CHURN = str(EXAMPLES / "churn-accuracy-only.yaml")
ENV = {"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None, "NO_COLOR": "1",
       "READINESS_LANG": None}
FRENCH = "Pourquoi c'est important"
ENGLISH = "Why it matters"


def run(cwd: Path, *args: str, monkeypatch: pytest.MonkeyPatch,
        env: dict[str, str | None] | None = None) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, list(args), env={**ENV, **(env or {})})
    return result.exit_code, result.stdout + result.stderr


def test_english_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(tmp_path, "rules", "GOV001", monkeypatch=monkeypatch)
    assert code == 0 and ENGLISH in out and FRENCH not in out


@pytest.mark.parametrize("value", ["fr", "FR", "fr-CA", "fr_CA"])
def test_lang_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  value: str) -> None:
    code, out = run(tmp_path, "rules", "GOV001", "--lang", value, monkeypatch=monkeypatch)
    assert code == 0 and FRENCH in out


def test_the_command_line_wins_over_the_environment_and_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".readiness.toml").write_text('lang = "fr"\n')
    code, out = run(tmp_path, "rules", "GOV001", monkeypatch=monkeypatch)
    assert code == 0 and FRENCH in out  # the file alone
    code, out = run(tmp_path, "rules", "GOV001", monkeypatch=monkeypatch,
                    env={"READINESS_LANG": "en"})
    assert code == 0 and ENGLISH in out  # the environment over the file
    code, out = run(tmp_path, "rules", "GOV001", "--lang", "fr", monkeypatch=monkeypatch,
                    env={"READINESS_LANG": "en"})
    assert code == 0 and FRENCH in out  # the command line over both


@pytest.mark.parametrize("command", [
    ["assess", "x.yaml", "--answers", "a.yaml"], ["validate", CHURN], ["report", CHURN],
    ["portfolio", CHURN], ["diff", CHURN, CHURN], ["history", CHURN], ["questions", CHURN],
    ["rules"],
])
def test_an_unknown_language_is_exit_2_naming_the_known_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    (tmp_path / "a.yaml").write_text("{}\n")
    code, out = run(tmp_path, *command, "--lang", "de", monkeypatch=monkeypatch)
    assert code == 2
    assert "--lang: unknown language 'de'; available: en, fr" in out


def test_an_unknown_language_in_the_environment_or_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = run(tmp_path, "rules", monkeypatch=monkeypatch, env={"READINESS_LANG": "xx"})
    assert code == 2 and "READINESS_LANG: unknown language 'xx'; available: en, fr" in out
    (tmp_path / ".readiness.toml").write_text('lang = "de"\n')
    code, out = run(tmp_path, "rules", monkeypatch=monkeypatch)
    assert code == 2 and "lang: expected one of \"en\", \"fr\", got 'de'" in out


def test_validate_speaks_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(tmp_path, "validate", CHURN, "--today", "2026-11-25", "--lang", "fr",
                    monkeypatch=monkeypatch)
    assert code == 1
    assert "Le rendement du capital investi est incomplet" in out
    assert "Pipeline de données" in out
    # The severity of a finding line in the session's words; the rule id and name stay.
    assert ":121:3: BLOQUANT OUT001 accuracy-only: Aucun indicateur" in out
    assert ":22:3: MAJEUR OWN003 misaligned-success-measures: " in out
    # French grammar and quotes around the file's own words
    assert "une cible : les résultats n'ont que des indicateurs de type modèle (" in out
    assert "(Data Science Center of Excellence)\u00a0: «\u00a0model AUC\u00a0»" in out
    code, out = run(tmp_path, "validate", CHURN, "--today", "2026-11-25",
                    monkeypatch=monkeypatch)
    assert ":121:3: BLOCKER OUT001 accuracy-only: No business" in out
    (tmp_path / "bad.yaml").write_text("schema_version: 1\ninitiative: {id: x}\n")
    code, out = run(tmp_path, "validate", "bad.yaml", "--lang", "fr", monkeypatch=monkeypatch)
    assert code == 2 and "bad.yaml:2:1: ERREUR initiative.name: " in out


def test_report_says_what_it_wrote_in_french(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run(tmp_path, "report", CHURN, "--today", "2026-11-25", "--lang", "fr",
                    "-o", "r.html", monkeypatch=monkeypatch)
    assert code == 1
    assert "readiness: r.html écrit\u00a0: Pas prêt" in out
    assert "readiness: sous la barre\u00a0: 1 constat sans dérogation" in out


def test_the_next_steps_and_their_headings_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The gate step in the same imperative as the others, the severity of the bar and the
    # people to ask in French typography.
    ticket = str(EXAMPLES / "ticket-classifier-live-overridden.yaml")
    code, out = run(tmp_path, "validate", ticket, "--today", "2026-11-25", "--lang", "fr",
                    monkeypatch=monkeypatch)
    assert code == 1
    assert "3. Franchissez le jalon « pipeline de données » (il est terminé)" in out
    assert "Sous la barre : 3 constats sans dérogation de gravité bloquant ou plus" in out
    assert "\n  Data engineering (Marc Roy) :\n" in out


def test_the_command_that_resumes_a_session_keeps_its_language() -> None:
    from readiness.cli.assess import _resume_hint

    assert _resume_hint("a b.yaml", None, "2026-11-20", "fr") == (
        "readiness assess 'a b.yaml' --today 2026-11-20 --lang fr")
    assert _resume_hint("a.yaml", "telecom-network-ops", None) == (
        "readiness assess a.yaml -q telecom-network-ops")
