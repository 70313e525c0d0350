"""`diff` and `history` in French: their fixed words come from the catalogue, so no
English sentence of it shows on the examples, in any of their people formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readiness.cli import app
from tests.common import EXAMPLES
from tests.test_history import repo
from tests.test_i18n_reports import ENV, english_sentences, visible_text

__all__ = ["repo"]  # the fixture: a git repository with three versions of one assessment

PAIRS = [
    ("ticket-classifier-model-first.yaml", "churn-accuracy-only.yaml"),
    ("predictive-maintenance-waivers.yaml", "care-copilot-ready.yaml"),
    ("scaling-before-governance.yaml", "self-service-bot-live-without-boundaries.yaml"),
]


def english_in(text: str, *sources: Path) -> list[str]:
    """The catalogue's English sentences in `text` that the input files do not hold."""
    shown = visible_text(text)
    given = " ".join(visible_text(path.read_text(encoding="utf-8")) for path in sources)
    return [s for s in english_sentences() if s in shown and s not in given]


def diff(old: str, new: str, fmt: str, lang: str) -> str:
    result = CliRunner().invoke(app, [
        "diff", str(EXAMPLES / old), str(EXAMPLES / new), "--force", "--format", fmt,
        "--lang", lang, "--today", "2026-11-25"], env=ENV)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p[0].split("-")[0])
def test_no_english_sentence_in_a_french_diff(pair: tuple[str, str], fmt: str) -> None:
    text = diff(*pair, fmt, "fr")
    assert not english_in(text, *(EXAMPLES / name for name in pair))
    english = diff(*pair, fmt, "en")
    assert english_in(english, *(EXAMPLES / name for name in pair)), "the check can fail"


def test_a_french_diff_reads_as_french() -> None:
    text = diff(*PAIRS[0], "text", "fr")
    assert "Nouveaux constats" in text and "niveau 0 -> 4 (+4)" in text
    assert "initiatives différentes : " in text
    page = diff(*PAIRS[0], "md", "fr")
    assert "# Ce qui a changé : " in page and "| Niveau | 0 | 4 | +4 |" in page


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_no_english_sentence_in_a_french_history(repo: Path, tmp_path: Path,  # noqa: F811
                                                 fmt: str) -> None:
    target = repo / "assessment.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    def history(lang: str) -> str:
        out = tmp_path / f"history-{lang}.{fmt}"
        result = CliRunner().invoke(app, ["history", str(target), "--format", fmt,
                                          "--lang", lang, "-o", str(out)], env=ENV)
        assert result.exit_code == 0, result.output
        return out.read_text(encoding="utf-8")

    sources = [EXAMPLES / "ticket-classifier-model-first.yaml",
               EXAMPLES / "churn-accuracy-only.yaml"]
    french = history("fr")
    assert not english_in(french, *sources)
    if fmt != "text":  # the text listing shows no notes, in any language
        assert "non validées dans Git" in french  # the note on uncommitted changes
    assert english_in(history("en"), *sources), "the check can fail"
    if fmt == "html":
        assert '<html lang="fr-CA">' in french and "Historique de maturité" in french
