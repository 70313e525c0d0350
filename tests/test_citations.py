"""Code, tests and docs cite the project's own pages (docs/format.md, docs/rules.md,
docs/cli.md...), which ship with the repository, and every page they cite exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.common import ROOT

SOURCES = [path for path in [
    *sorted((ROOT / "readiness").rglob("*.py")),
    *sorted((ROOT / "tests").rglob("*.py")),
    *sorted((ROOT / "bench").glob("*.py")),
    *sorted((ROOT / "fuzz").glob("*.py")),
    *sorted((ROOT / "docs").rglob("*.md")),
    *sorted((ROOT / "docs" / "schemas").glob("*.json")),
    ROOT / "README.md",
    ROOT / "Makefile",
] if path != Path(__file__).resolve()]
"""Every file that may cite a page; not this module, which holds the patterns it looks for."""

OUTSIDE = re.compile("SPEC" + r"(\.md| section| §)|\bthe " + "spec" + r"\b|\bspec's\b",
                     re.IGNORECASE)
"""A citation of a document that is not part of the repository."""

READS_THE_SPEC = {ROOT / "tests" / "test_rule_docs.py"}
"""The one test that compares the rule catalogue with the product specification's table
when the file is at hand beside the checkout, and skips without it."""

PAGE = re.compile(r"\bdocs/[a-z_-]+\.md\b")

NOT_CITATIONS = {(ROOT / "tests" / "test_precommit.py", "docs/readiness.md")}
"""Paths a test uses as file names, not as citations."""


def outside_citations(text: str) -> list[str]:
    """The lines of `text` that cite a document outside the repository."""
    return [line.strip() for line in text.splitlines() if OUTSIDE.search(line)]


def missing_pages(path: Path, text: str) -> list[str]:
    """The docs/ pages `text` names that the repository does not have."""
    return sorted({page for page in PAGE.findall(text)
                   if (path, page) not in NOT_CITATIONS and not (ROOT / page).is_file()})


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_citations_name_the_projects_own_pages(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path not in READS_THE_SPEC:
        assert outside_citations(text) == []
    assert missing_pages(path, text) == []


def test_the_checks_find_what_they_look_for() -> None:
    assert outside_citations('"""Scoring (SPEC section 5)."""\nx = 1\n') == [
        '"""Scoring (SPEC section 5)."""']
    assert outside_citations("# the rule is checked against the spec\n") != []
    assert outside_citations("spec = importlib.util.find_spec('build')\n") == []
    assert outside_citations("# Scoring (docs/format.md, \"Scores\").\n") == []
    assert missing_pages(ROOT / "x.py", "see docs/format.md and docs/nowhere.md") == [
        "docs/nowhere.md"]
