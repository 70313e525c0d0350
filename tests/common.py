"""Helpers that make a test read like the rule reference (docs/rules.md):
`check(yaml_text, expect=[("DAT001", 14)])`."""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from readiness.batch import FileReport, Tally, iter_reports
from readiness.choices import Format, HistoryFormat, PortfolioFormat
from readiness.engine import Result, assess
from readiness.history import History
from readiness.loader import loads
from readiness.packs import PackSource, load_pack
from readiness.portfolio import Portfolio
from readiness.reporters import HISTORY, PORTFOLIO, REPORTERS, Writer, resolve
from readiness.schema import validate
from readiness.thresholds import Bar, Thresholds

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TODAY = date(2026, 11, 25)

HEADER = """\
schema_version: 1
initiative:
  id: test-initiative
  name: Test initiative
  domain: customer_operations
  use_case: other
  stage: pilot
  accountable_owner: {name: Priya Raman, role: VP Customer Care}
  assessed_on: 2026-11-20
"""
"""A minimal valid assessment; tests append gate sections below it (lines 1-9)."""


@dataclass
class BatchReport:
    """Every file's report of a run held at once, for a test to look at; the command
    streams them (`iter_reports`) and keeps only a `Tally`."""

    files: list[FileReport]

    @property
    def tally(self) -> Tally:
        tally = Tally()
        for report in self.files:
            tally.add(report)
        return tally

    @property
    def exit_code(self) -> int:
        return self.tally.exit_code


def checked(paths: Iterable[str | Path], packs: PackSource, thresholds: Thresholds,
            today: date, bar: Bar, jobs: int | None = None) -> BatchReport:
    """Every file's report as `readiness validate` gets them (`iter_reports`), in one
    `BatchReport`."""
    return BatchReport(list(iter_reports(paths, packs, thresholds, today, bar, jobs)))


def written(cls: type[Writer], report: BatchReport, **options: Any) -> str:
    """A whole report through a `Writer`, driven as `readiness validate` drives it:
    `begin()`, `file()` for each file, `end()` with the counts of the run."""
    out = io.StringIO()
    made = cls(out, **options)
    made.begin()
    for item in report.files:
        made.file(item)
    made.end(report.tally)
    return out.getvalue()


def rendered(fmt: Format, report: BatchReport, **options: Any) -> str:
    """A whole report in one `validate` format, through that format's `Writer`."""
    return written(resolve(REPORTERS[fmt]), report, **options)


def sarif_log(report: BatchReport, **options: Any) -> Any:
    """The SARIF log of a whole report, parsed."""
    return json.loads(rendered(Format.SARIF, report, **options))


def portfolio_chunks(portfolio: Portfolio, fmt: str, template_dir: str | None = None
                     ) -> Iterator[str]:
    """The portfolio in the format named `fmt`, piece by piece, as `readiness portfolio`
    writes it (the `PORTFOLIO` registry)."""
    chunks: Iterator[str] = resolve(PORTFOLIO[PortfolioFormat(fmt)])(portfolio, template_dir)
    return chunks


def portfolio_text(portfolio: Portfolio, fmt: str, template_dir: str | None = None) -> str:
    return "".join(portfolio_chunks(portfolio, fmt, template_dir))


def history_text(found: History, fmt: str, template_dir: str | None = None) -> str:
    """The history in the format named `fmt` (the `HISTORY` registry)."""
    text: str = resolve(HISTORY[HistoryFormat(fmt)])(found, template_dir)
    return text


def run(text: str, today: date = TODAY, thresholds: Thresholds | None = None,
        pack: str | None = None) -> Result:
    document = loads(textwrap.dedent(text), "test.yaml")
    return assess(document, validate(document), load_pack(pack), thresholds, today)


def check(
    text: str,
    expect: list[tuple[str, int]],
    rules: set[str] | None = None,
    **options: object,
) -> Result:
    """Assert exactly the findings (rule, line) of the listed rules, or of all rules."""
    result = run(text, **options)  # type: ignore[arg-type]
    found = sorted(
        (f.rule, f.line) for f in result.findings if rules is None or f.rule in rules
    )
    report = "\n".join(f"{f.rule} {f.line}: {f.message}" for f in result.findings)
    assert found == sorted(expect), report
    return result
