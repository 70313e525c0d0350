"""Validating many files: find them, assess each, decide the exit code (SPEC section 7).

Every file is checked and reported even when others are invalid; the worst outcome
decides the exit code: 2 if any file is invalid, else 1 if any falls short of the bar.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readiness.engine import Result, assess
from readiness.loader import LoadError, load
from readiness.packs import Pack
from readiness.schema import InvalidAssessment, SchemaError, validate
from readiness.settings import Bar, Thresholds

EXIT_OK = 0
EXIT_BELOW_BAR = 1
EXIT_INVALID = 2
EXIT_INTERRUPTED = 130

SUFFIXES = (".yaml", ".yml", ".json")
SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
# A top-level key in block YAML starts a line; in JSON (or a YAML flow mapping) it may
# follow the opening brace or be indented by a pretty-printer.
_YAML_MARKER = re.compile(rb"""^(?:\{\s*)?["']?schema_version["']?\s*:""", re.MULTILINE)
_JSON_MARKER = re.compile(rb""""schema_version"\s*:""")


@dataclass
class FileReport:
    """One file's outcome: a result, or the errors that made it invalid."""

    path: str
    result: Result | None = None
    errors: list[SchemaError] = field(default_factory=list)
    shortfalls: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.result is not None

    @property
    def below_bar(self) -> bool:
        return self.valid and bool(self.shortfalls)


@dataclass
class BatchReport:
    files: list[FileReport]
    bar: Bar

    @property
    def invalid(self) -> int:
        return sum(1 for report in self.files if not report.valid)

    @property
    def below_bar(self) -> int:
        return sum(1 for report in self.files if report.below_bar)

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return EXIT_INVALID
        return EXIT_BELOW_BAR if self.below_bar else EXIT_OK


def is_assessment(path: Path) -> bool:
    """In a folder, a YAML or JSON file is an assessment when it has a top-level
    `schema_version` key in its first 64 KiB."""
    marker = _JSON_MARKER if path.suffix.lower() == ".json" else _YAML_MARKER
    try:
        with open(path, "rb") as handle:
            return bool(marker.search(handle.read(65536)))
    except OSError:
        return True  # let the loader report why it cannot be read


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; folders searched recursively for assessment files, in sorted order."""
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
            for name in sorted(files):
                candidate = Path(root) / name
                if candidate.suffix.lower() in SUFFIXES and is_assessment(candidate):
                    yield candidate


def check_file(
    path: str | Path, pack: Pack, thresholds: Thresholds, today: date, bar: Bar
) -> FileReport:
    """Load, validate, assess and measure one file against the bar; never raises for bad input."""
    name = str(path)
    try:
        document = load(path)
        assessment = validate(document)
    except LoadError as exc:
        return FileReport(name, errors=[SchemaError(exc.message, "", exc.line, exc.column)])
    except InvalidAssessment as exc:
        return FileReport(name, errors=exc.errors)
    result = assess(document, assessment, pack, thresholds, today)
    return FileReport(name, result=result, shortfalls=result.shortfalls(bar))


def check_paths(
    paths: Iterable[str | Path],
    pack: Pack,
    thresholds: Thresholds,
    today: date,
    bar: Bar,
) -> BatchReport:
    files = [check_file(path, pack, thresholds, today, bar) for path in discover(paths)]
    return BatchReport(files, bar)
