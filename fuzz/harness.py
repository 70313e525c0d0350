"""What one fuzz input must satisfy, shared by the atheris target and the regression tests.

`check_one(data)` runs bytes through the path `readiness validate` takes (loader, schema,
engine, JSON and text reporters). Bad input may only end as a `LoadError` or an
`InvalidAssessment`; any other exception escapes and is a bug. The JSON output must
parse back, and the text output must carry no control character from the file.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from readiness.batch import FileReport
from readiness.engine import assess
from readiness.loader import LoadError, loads
from readiness.packs import load_pack
from readiness.reporters import json as json_reporter
from readiness.reporters import text as text_reporter
from readiness.schema import InvalidAssessment, SchemaError, validate
from readiness.thresholds import Bar, Thresholds
from tests.common import BatchReport, written

FUZZ_DIR = Path(__file__).resolve().parent
TODAY = date(2026, 11, 25)
PACK = load_pack(None)
THRESHOLDS = Thresholds()
BAR = Bar()
# Everything below 0x20 except newline, and DEL..0x9f: what a terminal would act on.
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_one(data: bytes, path: str = "fuzz.yaml") -> FileReport:
    """Run one input end to end; raise if it breaks a promise `validate` makes."""
    try:
        document = loads(data, path)
        assessment = validate(document)
    except LoadError as exc:
        report = FileReport(path, errors=[SchemaError(exc.message, "", exc.line, exc.column)])
    except InvalidAssessment as exc:
        if not exc.errors:
            raise AssertionError("InvalidAssessment without an error to report") from None
        report = FileReport(path, errors=exc.errors)
    else:
        result = assess(document, assessment, PACK, THRESHOLDS, TODAY)
        report = FileReport(path, result=result, shortfalls=result.shortfalls(BAR))
    for error in report.errors:
        if error.line < 1 or error.column < 1:
            raise AssertionError(f"error without a position: {error}")
    batch = BatchReport([report])
    # Strict JSON: Python's parser would take NaN and Infinity, other parsers refuse them.
    json.loads(written(json_reporter.Writer, batch), parse_constant=_not_json)
    text = written(text_reporter.Writer, batch)
    if _TERMINAL_CONTROL.search(text):
        raise AssertionError(f"control character in terminal output: {text!r}")
    return report


def _not_json(constant: str) -> None:
    raise AssertionError(f"{constant} in JSON output")


def inputs() -> list[Path]:
    """The seed corpus and every crash input kept as a regression, in a stable order."""
    return sorted(
        p for folder in ("corpus", "crashes") for p in (FUZZ_DIR / folder).glob("*")
        if p.is_file() and not p.name.startswith(".")
    )
