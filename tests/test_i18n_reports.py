"""Reports in French: every example's HTML and Markdown report carries no English
sentence from the templates or the rules, declares its language, and writes numbers,
amounts and dates as Quebec does."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from readiness.cli import app
from tests.common import EXAMPLES, ROOT

ENV = {"READINESS_LANG": None, "NO_COLOR": "1", "GITHUB_ACTIONS": None}
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


@lru_cache(maxsize=1)
def english_sentences() -> tuple[str, ...]:
    """Every run of three words or more of the English catalogue's messages, between
    their placeholders: what a French page must not show."""
    catalogue = read_po((ROOT / "readiness" / "locale" / "readiness.pot").open("rb"))
    runs = set()
    for message in catalogue:
        for text in (message.id if isinstance(message.id, (list, tuple)) else (message.id,)):
            for part in PLACEHOLDER.split(text or ""):
                part = part.strip(" .,;:()*")
                words = [w for w in part.split() if re.fullmatch(r"[A-Za-z'-]{2,}[.,:;]?", w)]
                if len(words) >= 3 and "`" not in part:
                    runs.add(part)
    return tuple(sorted(runs))


def render(path: Path, kind: str, lang: str = "fr") -> str:
    result = CliRunner().invoke(app, ["report", str(path), "--format", kind, "--lang", lang,
                                      "--today", "2026-11-25"], env=ENV)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def visible_text(page: str) -> str:
    """The words a reader sees: tags, styles and escapes removed, spaces made plain."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    page = html.unescape(page).replace("\\", "")
    return re.sub(r"\s+", " ", page.replace("\u00a0", " "))


@pytest.mark.parametrize("kind", ["html", "md"])
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_no_english_sentence_in_a_french_report(example: Path, kind: str) -> None:
    text = visible_text(render(example, kind))
    source = visible_text(example.read_text(encoding="utf-8"))
    found = [s for s in english_sentences() if s in text and s not in source]
    assert not found, found[:5]


def test_the_check_finds_english_when_there_is_some() -> None:
    text = visible_text(render(EXAMPLES / "churn-accuracy-only.yaml", "html", lang="en"))
    assert len([s for s in english_sentences() if s in text]) > 20


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_a_french_html_report_declares_its_language(example: Path) -> None:
    page = render(example, "html")
    assert '<html lang="fr-CA">' in page


def test_numbers_amounts_and_dates_in_quebec_format() -> None:
    page = visible_text(render(EXAMPLES / "care-copilot-ready.yaml", "html"))
    assert "16 novembre 2026" in page  # the date of the assessment
    assert re.search(r"\d{1,3}( \d{3})+ \$ CA", page), "amounts as 2 370 000 $ CA"
    assert "13,2" in page  # a decimal comma
    assert not re.search(r"\b\d{1,3},\d{3}\b", page), "no English thousands separator"
    markdown = render(EXAMPLES / "care-copilot-ready.yaml", "md")
    assert "16 novembre 2026" in markdown
    assert "2026-" in markdown.split("```mermaid", 1)[1].split("```", 1)[0]  # gantt dates


@pytest.mark.parametrize("kind", ["html", "md"])
def test_no_english_sentence_in_a_french_portfolio(kind: str) -> None:
    result = CliRunner().invoke(app, ["portfolio", str(EXAMPLES), "--format", kind, "--lang",
                                      "fr", "--today", "2026-11-25"], env=ENV)
    assert result.exit_code in (0, 1), result.stderr
    text = visible_text(result.stdout)
    sources = " ".join(visible_text(p.read_text(encoding="utf-8")) for p in EXAMPLE_FILES)
    found = [s for s in english_sentences() if s in text and s not in sources]
    assert not found, found[:5]
    if kind == "html":
        assert '<html lang="fr-CA">' in result.stdout
        assert "Matrice valeur-faisabilité" in result.stdout  # the chart's own labels
    assert "25 novembre 2026" in text


def questions(fmt: str, lang: str) -> str:
    result = CliRunner().invoke(app, ["questions", str(EXAMPLES), "--format", fmt, "--lang",
                                      lang], env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["text", "md", "csv"])
def test_the_open_questions_in_french(fmt: str) -> None:
    french, english = questions(fmt, "fr"), questions(fmt, "en")
    sources = " ".join(visible_text(p.read_text(encoding="utf-8")) for p in EXAMPLE_FILES)
    assert not [s for s in english_sentences() if s in visible_text(french)
                and s not in sources]
    if fmt == "csv":  # the header in French; the columns and their values as in English
        header_fr, *rows_fr = french.splitlines()
        header_en, *rows_en = english.splitlines()
        assert header_fr == "à consulter,initiative,nom,jalon,champ,note,soulevée le,fichier,ligne"
        assert header_en == "ask,initiative,name,gate,field,note,raised_on,path,line"
        assert rows_fr == rows_en and rows_fr
        return
    name = "Care ticket auto-classification and routing"
    assert f"{name} : the current" in french.replace("**", "")
    assert f"{name}: the current" in english.replace("**", "")
    if fmt == "text":
        assert "Data engineering (Marc Roy) (1) :" in french
        assert french.splitlines()[-1] == "2 questions ouvertes, 2 personnes à consulter"
        assert english.splitlines()[-1] == "2 open questions, 2 to ask"
    else:
        assert "ticket-classifier-live-overridden.yaml, ligne 148)" in french
