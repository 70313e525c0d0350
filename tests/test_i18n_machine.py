"""Machine formats in French: the same output as in English apart from message texts
(rule IDs, field names, enum values, keys, positions and exit codes unchanged)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from readiness.cli import app
from tests.common import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
ENV = {"GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None, "NO_COLOR": "1",
       "READINESS_LANG": None}
MESSAGE_KEYS = {"message", "remediation", "text", "shortfalls"}
"""The keys of `validate --format json` whose values are text for people."""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *args, "--today", "2026-11-25"], env=ENV)
    return result.exit_code, result.stdout


def without_messages(value: Any) -> Any:
    """The JSON with every message text blanked, everything else as it was."""
    if isinstance(value, dict):
        return {k: ("<message>" if k in MESSAGE_KEYS else without_messages(v))
                for k, v in value.items()}
    if isinstance(value, list):
        return [without_messages(item) for item in value]
    return value


def messages(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for k, v in value.items()
                for text in ([json.dumps(v)] if k in MESSAGE_KEYS else messages(v))]
    if isinstance(value, list):
        return [text for item in value for text in messages(item)]
    return []


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_json_is_the_same_in_both_languages_apart_from_message_texts(example: Path) -> None:
    code_en, english = run(str(example), "--format", "json")
    code_fr, french = run(str(example), "--format", "json", "--lang", "fr")
    assert code_en == code_fr
    parsed_en, parsed_fr = json.loads(english), json.loads(french)
    assert without_messages(parsed_en) == without_messages(parsed_fr)
    # Byte for byte: every line that differs is a line of message text.
    lines_en, lines_fr = english.splitlines(), french.splitlines()
    assert len(lines_en) == len(lines_fr)
    keyed = re.compile(r'^\s*"(' + "|".join(MESSAGE_KEYS) + r')": ')
    in_list = False
    for line_en, line_fr in zip(lines_en, lines_fr, strict=True):
        if re.match(r'^\s*"shortfalls": \[$', line_en):
            in_list = True
        elif in_list and line_en.strip().startswith("]"):
            in_list = False
        if line_en != line_fr:
            assert keyed.match(line_en) or in_list, (line_en, line_fr)
            assert keyed.match(line_en) is None or (
                keyed.match(line_en).group(1) == keyed.match(line_fr).group(1)  # type: ignore[union-attr]
            )


def test_findings_really_are_in_french_in_json() -> None:
    churn = str(EXAMPLES / "churn-accuracy-only.yaml")
    _, english = run(churn, "--format", "json")
    _, french = run(churn, "--format", "json", "--lang", "fr")
    english_texts, french_texts = messages(json.loads(english)), messages(json.loads(french))
    assert len(english_texts) == len(french_texts)
    assert all(e != f for e, f in zip(english_texts, french_texts, strict=True))
    assert "Le RCI omet" in french


def test_sarif_and_junit_keep_their_ids_and_translate_messages() -> None:
    files = [str(p) for p in EXAMPLE_FILES]
    _, sarif_en = run(*files, "--format", "sarif")
    _, sarif_fr = run(*files, "--format", "sarif", "--lang", "fr")
    runs_en, runs_fr = json.loads(sarif_en)["runs"], json.loads(sarif_fr)["runs"]
    results_en = [r for run_ in runs_en for r in run_["results"]]
    results_fr = [r for run_ in runs_fr for r in run_["results"]]
    assert [(r["ruleId"], r["locations"]) for r in results_en] == [
        (r["ruleId"], r["locations"]) for r in results_fr]
    assert [r["properties"] | {"remediation": ""} for r in results_en] == [
        r["properties"] | {"remediation": ""} for r in results_fr]
    assert without_rule_texts(runs_en[0]["tool"]) == without_rule_texts(runs_fr[0]["tool"])
    assert any("Correction" in r["message"]["text"] or "«" in r["message"]["text"]
               for r in results_fr)
    _, junit_en = run(*files, "--format", "junit")
    _, junit_fr = run(*files, "--format", "junit", "--lang", "fr")
    cases_en = [(c.get("name"), c.get("classname"))
                for c in ET.fromstring(junit_en).iter("testcase")]
    cases_fr = [(c.get("name"), c.get("classname"))
                for c in ET.fromstring(junit_fr).iter("testcase")]
    assert cases_en == cases_fr
    assert "Comment corriger :" in junit_fr and "How to fix it:" in junit_en


NOT_SHOWN = {1: "1 autre constat non affiché : seuls 100 constats par fichier sont présentés",
             2: "2 autres constats non affichés : seuls 100 constats par fichier sont présentés"}


@pytest.mark.parametrize(("command", "fmt"), [
    ("validate", "text"), ("validate", "json"), ("validate", "sarif"), ("validate", "junit"),
    ("validate", "github"), ("report", "md"), ("report", "html"),
])
@pytest.mark.parametrize("extra", [1, 2])
def test_every_format_says_in_french_how_many_findings_were_left_out(
    tmp_path: Path, command: str, fmt: str, extra: int
) -> None:
    from tests.test_hardening_out import _stale_sources

    path = tmp_path / "stale.yaml"
    path.write_text(_stale_sources(100 + extra))
    outputs = {}
    for lang in ("en", "fr"):
        out = tmp_path / f"out-{lang}.{fmt}"
        result = CliRunner().invoke(app, [command, str(path), "-f", fmt, "-o", str(out),
                                          "--today", "2026-11-25", "--lang", lang],
                                    env={**ENV, "GITHUB_STEP_SUMMARY": ""})
        assert result.exit_code in (0, 1), result.output
        outputs[lang] = out.read_text(encoding="utf-8")
    if fmt == "json":  # the count alone, a machine field: the same in both languages
        counts = [json.loads(text)["files"][0]["findings_not_shown"] for text in outputs.values()]
        assert counts == [extra, extra]
        assert "not shown" not in outputs["en"]
        return
    french = outputs["fr"].replace("&#39;", "'")
    assert NOT_SHOWN[extra] in french
    assert "not shown" not in french and "not shown" in outputs["en"]
    if fmt == "sarif":  # the count is a machine field; its message is for people
        entries = [json.loads(text)["runs"][0]["properties"]["files"][0]
                   for text in outputs.values()]
        assert [e["findingsNotShown"] for e in entries] == [extra, extra]
        assert entries[1]["message"].startswith(NOT_SHOWN[extra])
        assert {k: v for k, v in entries[0].items() if k != "message"} == {
            k: v for k, v in entries[1].items() if k != "message"}


@pytest.mark.parametrize(("files", "said"), [
    (["care-copilot-ready.yaml"],
     "readiness: 1 fichier vérifié : 0 invalide, 0 sous la barre"),
    (["care-copilot-ready.yaml", "churn-accuracy-only.yaml", "scaling-before-governance.yaml"],
     "readiness: 3 fichiers vérifiés : 0 invalide, 2 sous la barre"),
])
def test_the_summary_on_stderr_is_in_french(files: list[str], said: str) -> None:
    paths = [str(EXAMPLES / name) for name in files]
    french = CliRunner().invoke(app, ["validate", *paths, "-f", "json", "--lang", "fr",
                                      "--today", "2026-11-25"], env=ENV)
    assert french.stderr.strip().splitlines()[-1] == said
    english = CliRunner().invoke(app, ["validate", *paths, "-f", "json",
                                       "--today", "2026-11-25"], env=ENV)
    assert english.stderr.strip().splitlines()[-1].endswith(" below the bar")
    assert french.stdout.count("\n") == english.stdout.count("\n")


def test_the_text_summary_counts_invalid_files_in_french(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\ninitiative: {}\n")
    other = tmp_path / "other.yaml"
    other.write_text("schema_version: 1\ninitiative: []\n")
    result = CliRunner().invoke(app, ["validate", str(broken), str(other), "--lang", "fr"],
                                env=ENV)
    assert result.exit_code == 2
    assert result.stdout.strip().splitlines()[-1] == (
        "2 fichiers vérifiés : 2 invalides, 0 sous la barre")


@pytest.mark.parametrize(("args", "french", "english"), [
    ([], "readiness: error: aucun fichier d’évaluation trouvé dans {empty}",
     "readiness: error: no assessment files found in {empty}"),
    (["--today", "2026-13-01"], "n’est pas une date; écrivez AAAA-MM-JJ", "is not a date"),
    (["-f", "json", "-f", "sarif"], "un seul format peut aller sur la sortie standard",
     "only one format can go to stdout"),
    (["-o", "{example}"], "est l’un des fichiers lus", "is one of the input files"),
])
def test_the_errors_of_validate_follow_the_language(
    tmp_path: Path, args: list[str], french: str, english: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    example = str(EXAMPLES / "care-copilot-ready.yaml")
    paths = [str(empty)] if not args else [example]
    args = [a.format(example=example) for a in args]
    for lang, said in (("fr", french), ("en", english)):
        result = CliRunner().invoke(app, ["validate", *paths, *args, "--lang", lang], env=ENV)
        assert result.exit_code == 2
        assert said.format(empty=empty) in result.stderr, result.stderr


RULE_TEXTS = {"shortDescription", "fullDescription", "help"}
"""The keys of a SARIF rule descriptor whose values are text for people."""


def without_rule_texts(tool: dict[str, Any]) -> dict[str, Any]:
    driver = dict(tool["driver"])
    driver["rules"] = [{k: v for k, v in rule.items() if k not in RULE_TEXTS}
                       for rule in driver["rules"]]
    return driver


def test_sarif_rule_descriptions_are_in_french() -> None:
    from tests.test_i18n_reports import english_sentences

    example = str(EXAMPLES / "care-copilot-ready.yaml")
    rules_en = json.loads(run(example, "--format", "sarif")[1])["runs"][0]["tool"]["driver"]
    rules_fr = json.loads(run(example, "--format", "sarif", "--lang", "fr")[1])[
        "runs"][0]["tool"]["driver"]
    assert without_rule_texts({"driver": rules_en}) == without_rule_texts({"driver": rules_fr})
    assert len(rules_fr["rules"]) > 30
    for english, french in zip(rules_en["rules"], rules_fr["rules"], strict=True):
        for key in ("shortDescription", "fullDescription"):
            assert french[key]["text"] != english[key]["text"], (english["id"], key)
        help_text = french["help"]["text"] + "\n" + french["help"]["markdown"]
        assert english["id"] == "SCHEMA" or "Pourquoi c'est important" in help_text
        found = [s for s in english_sentences() if s in help_text]
        assert not found, (english["id"], found[:3])
    seq004 = next(r for r in rules_fr["rules"] if r["id"] == "SEQ004")
    assert seq004["shortDescription"]["text"].startswith("Élargissement")
    assert seq004["help"]["markdown"].startswith(
        "**SEQ004 scale-before-governance** (blocker; jalon : governance; s’exécute toujours)")


def test_rules_json_is_the_same_in_both_languages_apart_from_its_texts() -> None:
    def rules(*extra: str) -> str:
        result = CliRunner().invoke(app, ["rules", "--format", "json", *extra], env=ENV)
        assert result.exit_code == 0, result.output
        return result.stdout

    english, french = rules(), rules("--lang", "fr")
    texts = ("fires_when", "principle", "remediation", "severity_note")
    lines_en, lines_fr = english.splitlines(), french.splitlines()
    assert len(lines_en) == len(lines_fr)
    for line_en, line_fr in zip(lines_en, lines_fr, strict=True):
        if line_en != line_fr:
            assert re.match(r'^    "(' + "|".join(texts) + r')": ', line_en), (line_en, line_fr)
            assert line_en.split(":", 1)[0] == line_fr.split(":", 1)[0]
    parsed_en, parsed_fr = json.loads(english), json.loads(french)
    for rule_en, rule_fr in zip(parsed_en, parsed_fr, strict=True):
        for key in ("fires_when", "principle", "remediation"):
            assert rule_en[key] != rule_fr[key], (rule_en["id"], key)
        assert bool(rule_en["severity_note"]) == bool(rule_fr["severity_note"])
    assert parsed_fr[3]["principle"].startswith("Une gouvernance ajoutée après")
