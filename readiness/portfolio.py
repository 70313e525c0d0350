"""The portfolio view-model: many assessments side by side for a steering committee.

`build_portfolio` reads every assessment it is given (folders recursively, through
`batch.discover` and `batch.check_file`), keeps a small `Entry` per valid file and the
errors of every invalid one, and derives what the committee reads:

- the ranking (`RANKING`): readiness level first, then score, then fewer unwaived
  blockers, fewer unwaived majors, and the initiative id so that ties are stable;
- the value-feasibility matrix: value is the ROI net benefit over the horizon,
  feasibility the readiness score; initiatives whose value cannot be computed or
  compared are placed apart with the reason;
- anti-pattern frequency: per rule, how many initiatives have an unwaived finding of it,
  in one plain sentence with a link to the rule reference;
- the distribution of initiatives by readiness level (where each is stuck);
- stale flags: an assessment older than `stale_after` days (90 by default).

Each file's `Result` is reduced to an `Entry` as soon as it is assessed and then
dropped, so memory grows with the number of files, not with their size; an `Entry` holds
only what the outputs show (slots, no per-instance dict; texts shared between entries
are shared objects), and ranking and placing set fields in place rather than copying
every entry. Rendering (JSON, and Markdown and HTML through the `portfolio*.j2`
templates, with the matrix drawn as inline SVG) is at the end of this module, after the
model it reads; `render_chunks` yields the Markdown and HTML piece by piece, so a large
portfolio is written out without ever being one string.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from readiness import advice, i18n
from readiness.batch import check_file, discover
from readiness.engine import Result
from readiness.findings import Question, Severity
from readiness.i18n import N_, _, ngettext
from readiness.model import GATE_ORDER, GateId, Roi
from readiness.packs import PackRef, PackSource
from readiness.rules import REGISTRY
from readiness.schema import SchemaError
from readiness.scoring import Verdict
from readiness.settings import Bar, FailOn, Thresholds

STALE_AFTER_DAYS = 90
RULES_REFERENCE = "docs/rules.md"
"""The rule reference relative to the repository root, where its address is not known
(the `Rules` project URL of the installed package); links use its anchors."""

# What each rule says about an initiative, in plain words and in the plural
# ("4 of 11 initiatives integrate before ..."); `singular` conjugates it for "1 of 11".
ANTI_PATTERNS: dict[str, str] = {
    "SEQ001": N_("start model work before the workflow is defined"),
    "SEQ002": N_("integrate before the data pipeline is mapped"),
    "SEQ003": N_("complete gates out of order"),
    "SEQ004": N_("scale before governance is in place"),
    "SEQ005": N_("go live before decision boundaries are set"),
    "SEQ006": N_("expand before outcomes are stable"),
    "OWN001": N_("have no accountable owner"),
    "OWN002": N_("have an outcome metric with no owner"),
    "OWN003": N_("have stakeholder groups that measure success differently"),
    "DAT001": N_("read data too stale for the decision it serves"),
    "DAT002": N_("miss data sources the use case needs"),
    "DAT003": N_("have a data source with no owner"),
    "INT001": N_("run outside the tools people already use"),
    "INT002": N_("have no fallback for when the AI is down"),
    "INT003": N_("are live without a security review"),
    "DEC001": N_("let the AI act autonomously without a limit"),
    "DEC002": N_("let the AI act autonomously on high-value actions"),
    "DEC003": N_("prohibit no action at all"),
    "DEC004": N_("require approval without naming an approver"),
    "OUT001": N_("measure model accuracy only, not operational outcomes"),
    "OUT002": N_("have no ROI, or one that leaves out integration or change-management cost"),
    "OUT003": N_("track an outcome metric without a baseline"),
    "OUT004": N_("are live with an outcome that is off track"),
    "GOV001": N_("are live without drift monitoring"),
    "GOV002": N_("are live without a retraining protocol"),
    "GOV003": N_("have a compliance gap in a declared jurisdiction"),
    "GOV004": N_("are overridden too often by the people who use the AI"),
    "GOV005": N_("use personal data without a privacy review"),
    "GOV006": N_("are live without edge-case review"),
    "GOV007": N_("make automated decisions in Quebec without telling the people concerned"),
    "WAI001": N_("carry an expired waiver"),
    "OPN001": N_("call a gate complete while a question on it is still open"),
    "OPN002": N_("have an open question nobody has answered for a month"),
}

_IRREGULAR = {"are": "is", "have": "has", "do": "does", "go": "goes"}


def singular(phrase: str) -> str:
    """The phrase with its first verb conjugated for one initiative: "have" -> "has"."""
    verb, _, rest = phrase.partition(" ")
    if verb in _IRREGULAR:
        verb = _IRREGULAR[verb]
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        verb = verb[:-1] + "ies"
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        verb += "es"
    else:
        verb += "s"
    return f"{verb} {rest}" if rest else verb


def rules_reference() -> str:
    """The address of the rule reference that links use: the `Rules` project URL of the
    installed package, else RULES_REFERENCE."""
    from readiness.resources import rules_url

    return rules_url() or RULES_REFERENCE


def rule_anchor(rule_id: str) -> str:
    """The anchor of a rule in docs/rules.md: `seq002-integration-before-data-pipeline`."""
    return f"{rule_id.lower()}-{REGISTRY[rule_id].name}"


@dataclass(frozen=True, slots=True)
class Value:
    """An initiative's ROI net benefit over its horizon, or why it cannot be placed."""

    net_benefit: float | None
    currency: str | None = None
    horizon_years: float | None = None
    costs_complete: bool = False
    reason: str | None = None  # why there is no comparable value; None when placed

    @property
    def computable(self) -> bool:
        return self.net_benefit is not None


_NO_ROI = Value(None, reason=N_("no ROI in the assessment"))  # shared by every entry without one


def net_benefit(roi: Roi | None) -> Value:
    """The ROI's net benefit over its horizon (`Roi.net_benefit`), with its currency.

    Computable when the ROI states an annual benefit and a horizon; an absent cost counts
    as zero and `costs_complete` says so (the OUT002 finding names the gap).
    """
    if roi is None:
        return _NO_ROI
    if roi.annual_benefit is None:
        return Value(None, roi.currency, roi.horizon_years, reason=N_("ROI has no annual benefit"))
    if roi.horizon_years is None:
        return Value(None, roi.currency, None, reason=N_("ROI has no horizon"))
    once = roi.one_time_costs
    complete = bool(
        once
        and once.integration is not None
        and once.change_management is not None
        and roi.annual_run_cost is not None
    )
    currency = sys.intern(roi.currency) if roi.currency else roi.currency
    return Value(roi.net_benefit, currency, roi.horizon_years, costs_complete=complete)


@dataclass(slots=True)
class Entry:
    """What the portfolio keeps of one valid assessment: a row of the ranked table.

    One per initiative, so kept small: slots, and texts that repeat across entries
    (headline, enum values, rule ids) are the same shared string objects. `rank` and
    `quadrant` are set in place by `assemble` and `build_matrix`; nothing else changes.
    """

    path: str
    id: str
    name: str
    domain: str
    use_case: str
    stage: str
    level: int
    score: int
    verdict: Verdict
    headline: str
    blockers: int
    majors: int
    minors: int
    blocked_at: GateId | None
    owner: str | None
    assessed_on: date
    age_days: int
    stale: bool
    value: Value
    rules: tuple[str, ...]  # rules with at least one unwaived finding, sorted
    questionnaire: PackRef  # the pack that scored it
    problems: str = "none"  # "2 blockers (3 findings), 1 major (1 finding)"
    next_step: str = ""  # the first of its next steps (readiness.advice), if any
    questions: tuple[Question, ...] = ()  # its open questions
    rank: int = 0
    quadrant: str | None = None  # set by the matrix; None when placed apart


RANKING: tuple[tuple[str, bool], ...] = (
    ("level", True),
    ("score", True),
    ("blockers", False),
    ("majors", False),
    ("id", False),
    ("path", False),
)
"""Closest to production first: (field, highest first), the most significant first."""


def rank_key(entry: Entry) -> tuple[int | str, ...]:
    """The ranking as one sortable key (numbers negated where the highest comes first)."""
    return tuple(
        -getattr(entry, name) if highest else getattr(entry, name) for name, highest in RANKING
    )


def sort_by_rank(entries: list[Entry]) -> None:
    """Sort `entries` in place by RANKING, one field at a time from the least significant
    (each sort keeps the order of the one before among equals): no key tuple per entry
    is built, so ranking a large portfolio needs no memory beyond one key list."""
    for name, highest in reversed(RANKING):
        entries.sort(key=attrgetter(name), reverse=highest)


def entry_from(
    result: Result,
    today: date,
    stale_after: int,
    shared: dict[Any, Any] | None = None,
) -> Entry:
    """The row of one result. `shared` (one per portfolio) makes entries with the same set
    of rules, the same date or the same age hold the same object."""
    from readiness.reporters.base import headline

    def one(value: Any) -> Any:
        return value if shared is None else shared.setdefault(value, value)

    rules = one(tuple(sorted({finding.rule for finding in result.active})))
    initiative = result.assessment.initiative
    outcomes = result.assessment.outcomes
    assessed_on = one(initiative.assessed_on)
    age = one((today - assessed_on).days)
    blocked = result.blocked_at
    steps = advice.next_steps(result)
    return Entry(
        path=result.path,
        id=initiative.id,
        name=initiative.name,
        domain=initiative.domain.value,
        use_case=initiative.use_case.value,
        stage=initiative.stage.value,
        level=result.level,
        score=result.score,
        verdict=result.verdict,
        headline=sys.intern(headline(result)),  # a few dozen distinct texts
        blockers=result.counts[Severity.BLOCKER],
        majors=result.counts[Severity.MAJOR],
        minors=result.counts[Severity.MINOR],
        blocked_at=blocked.id if blocked else None,
        owner=str(initiative.accountable_owner) if initiative.accountable_owner else None,
        assessed_on=assessed_on,
        age_days=age,
        stale=age > stale_after,
        value=net_benefit(outcomes.roi if outcomes else None),
        rules=rules,
        questionnaire=one(result.pack.ref),
        problems=sys.intern(advice.problems_in_words(result.findings)),
        next_step=steps[0].text if steps else "",
        questions=tuple(result.questions),
    )


@dataclass(frozen=True)
class Invalid:
    """A file that could not be read or validated, with every error, never skipped."""

    path: str
    errors: tuple[SchemaError, ...]


@dataclass(frozen=True)
class AntiPattern:
    rule: str
    name: str
    severity: Severity
    count: int
    total: int
    initiatives: tuple[str, ...]  # ids, in rank order

    @property
    def sentence(self) -> str:
        phrase = ANTI_PATTERNS[self.rule]
        if i18n.active() != "en":  # French says the pattern as a noun, then the count
            return ngettext("{pattern}: {count} of {total} initiative",
                            "{pattern}: {count} of {total} initiatives", self.count).format(
                pattern=_(phrase), count=self.count, total=self.total)
        verb = singular(phrase) if self.count == 1 else phrase
        noun = "initiative" if self.total == 1 else "initiatives"
        return f"{self.count} of {self.total} {noun} {verb}"

    @property
    def anchor(self) -> str:
        return rule_anchor(self.rule)

    @property
    def reference(self) -> str:
        return f"{rules_reference()}#{self.anchor}"


@dataclass(frozen=True)
class LevelBucket:
    level: int
    count: int
    initiatives: tuple[str, ...]

    @property
    def label(self) -> str:
        if self.level == len(GATE_ORDER):
            return _("Level 6: all six gates pass")
        gate = GATE_ORDER[self.level]
        return _("Level {level}: stuck at gate {order}, {gate}").format(
            level=self.level, order=gate.order, gate=gate.title)


# Quadrants of the matrix: (high value, high feasibility) and so on.
QUADRANTS: dict[str, tuple[str, str]] = {
    "scale": (N_("Scale next"), N_("higher value, higher feasibility")),
    "invest": (N_("Invest in readiness"), N_("higher value, lower feasibility")),
    "reconsider": (N_("Revisit the business case"), N_("lower value, higher feasibility")),
    "deprioritise": (N_("Deprioritise"), N_("lower value, lower feasibility")),
}


def quadrant(value: float, feasibility: int, value_split: float, feasibility_split: float) -> str:
    high_value = value >= value_split
    feasible = feasibility >= feasibility_split
    if high_value:
        return "scale" if feasible else "invest"
    return "reconsider" if feasible else "deprioritise"


@dataclass(frozen=True)
class Matrix:
    """The value-feasibility matrix: who sits where, and who is placed apart and why."""

    currency: str | None
    feasibility_split: float  # the pass mark: a score at or above it is "ready to run"
    value_split: float | None  # the median net benefit of the placed initiatives
    placed: tuple[Entry, ...]
    apart: tuple[Entry, ...]  # without a comparable value; `reason` says why

    def reason(self, entry: Entry) -> str:
        """Why an entry is placed apart."""
        return _apart_reason(entry.value, self.currency) or ""

    @property
    def value_range(self) -> tuple[float, float]:
        values = [e.value.net_benefit for e in self.placed if e.value.net_benefit is not None]
        low, high = min(values + [0.0]), max(values + [0.0])
        if low == high:
            high = low + 1.0
        return low, high


def _apart_reason(value: Value, currency: str | None) -> str | None:
    """Why a value cannot be placed on a matrix in `currency`; None when it can."""
    if value.net_benefit is None:
        return _(value.reason or "no ROI")
    if value.currency is None:
        return _("ROI states no currency")
    if value.currency != currency:
        return _("ROI in {currency}, not comparable with {other}").format(
            currency=value.currency, other=currency)
    return None


def build_matrix(
    entries: Sequence[Entry], feasibility_split: float
) -> tuple[Matrix, list[Entry]]:
    """Place every entry; returns the matrix and the entries with their quadrant set.

    One axis needs one currency: the matrix uses the currency most initiatives state,
    and places an ROI in another currency (or in none) apart rather than mixing them.
    The value split is the median net benefit of the placed initiatives, so "high value"
    means high for this portfolio.
    """
    currencies = Counter(
        e.value.currency for e in entries if e.value.computable and e.value.currency
    )
    currency = min(currencies, key=lambda c: (-currencies[c], c)) if currencies else None
    placed = tuple(e for e in entries if _apart_reason(e.value, currency) is None)
    values = [e.value.net_benefit for e in placed if e.value.net_benefit is not None]
    split = float(statistics.median(values)) if values else None
    out = list(entries)
    for entry in placed:
        if split is not None and entry.value.net_benefit is not None:
            entry.quadrant = quadrant(entry.value.net_benefit, entry.score, split,
                                      feasibility_split)
    matrix = Matrix(
        currency=currency,
        feasibility_split=feasibility_split,
        value_split=split,
        placed=placed,
        apart=tuple(e for e in entries if _apart_reason(e.value, currency) is not None),
    )
    return matrix, out


@dataclass
class Portfolio:
    today: date
    stale_after: int
    pass_mark: float
    entries: list[Entry]  # ranked, `rank` from 1
    invalid: list[Invalid]
    matrix: Matrix
    anti_patterns: list[AntiPattern]
    levels: list[LevelBucket]
    files: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def questions(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every initiative's open questions by whom to ask: (person, [(initiative name,
        the question in plain words)])."""
        named = [(q, e.name) for e in self.entries for q in e.questions]
        names = {id(q): name for q, name in named}
        return [(person, [(names[id(q)], advice.question_words(q)) for q in asked])
                for person, asked in advice.by_whom(q for q, _ in named)]

    @property
    def stale(self) -> list[Entry]:
        return [e for e in self.entries if e.stale]

    @property
    def verdicts(self) -> Counter[str]:
        return Counter(e.verdict.value for e in self.entries)

    @property
    def exit_code(self) -> int:
        """2 when a file is invalid (the rest is still rendered), else 0."""
        return 2 if self.invalid else 0


def anti_patterns(entries: Sequence[Entry]) -> list[AntiPattern]:
    """Per rule, the initiatives with an unwaived finding of it; most frequent first."""
    found: dict[str, list[str]] = {}
    for entry in entries:
        for rule in entry.rules:
            found.setdefault(rule, []).append(entry.id)
    order = list(REGISTRY)
    patterns = [
        AntiPattern(
            rule=rule,
            name=REGISTRY[rule].name,
            severity=REGISTRY[rule].severity,
            count=len(ids),
            total=len(entries),
            initiatives=tuple(ids),
        )
        for rule, ids in found.items()
    ]
    patterns.sort(key=lambda p: (-p.count, order.index(p.rule)))
    return patterns


def level_distribution(entries: Sequence[Entry]) -> list[LevelBucket]:
    buckets: dict[int, list[str]] = {level: [] for level in range(len(GATE_ORDER) + 1)}
    for entry in entries:
        buckets[entry.level].append(entry.id)
    return [LevelBucket(level, len(ids), tuple(ids)) for level, ids in buckets.items()]


def assemble(
    entries: Iterable[Entry],
    invalid: Sequence[Invalid],
    today: date,
    stale_after: int = STALE_AFTER_DAYS,
    pass_mark: float = 70,
    files: int | None = None,
) -> Portfolio:
    """Rank, place and count: everything derived from the entries, in the order read."""
    invalid = list(invalid)
    seen: dict[str, str] = {}
    unique: list[Entry] = []
    for entry in entries:
        # SPEC 2.1: an initiative id is unique in a portfolio. A later file with the same
        # id is listed as invalid rather than counted twice.
        first = seen.get(entry.id)
        if first is not None:
            message = (
                f"initiative id '{entry.id}' is also used by {first}; "
                "each initiative appears once in a portfolio"
            )
            invalid.append(Invalid(entry.path, (SchemaError(message, "initiative.id", 1, 1),)))
            continue
        seen[entry.id] = entry.path
        unique.append(entry)
    sort_by_rank(unique)
    for rank, entry in enumerate(unique, 1):
        entry.rank = rank
    ranked = unique
    matrix, ranked = build_matrix(ranked, pass_mark)
    invalid.sort(key=lambda item: item.path)
    return Portfolio(
        today=today,
        stale_after=stale_after,
        pass_mark=pass_mark,
        entries=ranked,
        invalid=invalid,
        matrix=matrix,
        anti_patterns=anti_patterns(ranked),
        levels=level_distribution(ranked),
        files=len(ranked) + len(invalid) if files is None else files,
    )


def build_portfolio(
    paths: Iterable[str | Path],
    packs: PackSource,
    today: date,
    thresholds: Thresholds | None = None,
    stale_after: int | None = None,
) -> Portfolio:
    """Read, validate and assess every file, with `packs` (one pack, or the pack of each
    file's domain); one small Entry kept per valid file.

    `stale_after` (days) defaults to the `stale_after_days` threshold (90).
    """
    thresholds = thresholds or Thresholds()
    if stale_after is None:
        stale_after = thresholds.stale_after_days
    bar = Bar(fail_on=FailOn.NONE)
    entries: list[Entry] = []
    invalid: list[Invalid] = []
    shared: dict[Any, Any] = {}
    files = 0
    for path in discover(paths):
        files += 1
        report = check_file(path, packs, thresholds, today, bar)
        if report.result is None:
            invalid.append(Invalid(report.path, tuple(report.errors)))
        else:
            entries.append(entry_from(report.result, today, stale_after, shared))
    return assemble(entries, invalid, today, stale_after, thresholds.pass_mark, files)


# --- rendering --------------------------------------------------------------------------
# JSON (docs/schemas/portfolio-output.schema.json), and Markdown and HTML through the
# `portfolio.md.j2` and `portfolio.html.j2` templates. The matrix chart is drawn here
# because it needs what a generic scatter plot lacks: negative values, quadrant lines
# at the pass mark and the median value, and a strip for initiatives placed apart.


def _value_json(value: Value) -> dict[str, object]:
    return {
        "net_benefit": value.net_benefit,
        "currency": value.currency,
        "horizon_years": value.horizon_years,
        "costs_complete": value.costs_complete,
        "reason": value.reason,
    }


def entry_json(entry: Entry) -> dict[str, object]:
    blocked = entry.blocked_at
    return {
        "rank": entry.rank,
        "path": entry.path,
        "id": entry.id,
        "name": entry.name,
        "domain": entry.domain,
        "use_case": entry.use_case,
        "stage": entry.stage,
        "level": entry.level,
        "score": entry.score,
        "verdict": entry.verdict.value,
        "headline": entry.headline,
        "blockers": entry.blockers,
        "majors": entry.majors,
        "minors": entry.minors,
        "blocked_at": (
            {"id": blocked.value, "order": blocked.order, "title": blocked.title}
            if blocked
            else None
        ),
        "owner": entry.owner,
        "assessed_on": entry.assessed_on.isoformat(),
        "age_days": entry.age_days,
        "stale": entry.stale,
        "value": _value_json(entry.value),
        "quadrant": entry.quadrant,
        "rules": sorted(entry.rules),
        "questionnaire": entry.questionnaire.as_json(),
    }


def to_json(portfolio: Portfolio) -> dict[str, object]:
    from readiness import __version__

    matrix = portfolio.matrix
    verdicts = portfolio.verdicts
    return {
        "tool": {"name": "readiness", "version": __version__},
        "today": portfolio.today.isoformat(),
        "stale_after_days": portfolio.stale_after,
        "pass_mark": portfolio.pass_mark,
        "summary": {
            "files": portfolio.files,
            "initiatives": len(portfolio.entries),
            "invalid": len(portfolio.invalid),
            "stale": len(portfolio.stale),
            "ready": verdicts["ready"],
            "conditional": verdicts["conditional"],
            "not_ready": verdicts["not_ready"],
        },
        "initiatives": [entry_json(entry) for entry in portfolio.entries],
        "invalid": [
            {
                "path": item.path,
                "errors": [
                    {"message": e.message, "path": e.path, "line": e.line, "column": e.column}
                    for e in item.errors
                ],
            }
            for item in portfolio.invalid
        ],
        "anti_patterns": [
            {
                "rule": p.rule,
                "name": p.name,
                "severity": p.severity.value,
                "count": p.count,
                "total": p.total,
                "sentence": p.sentence,
                "reference": p.reference,
                "initiatives": list(p.initiatives),
            }
            for p in portfolio.anti_patterns
        ],
        "levels": [
            {
                "level": b.level,
                "label": b.label,
                "count": b.count,
                "initiatives": list(b.initiatives),
            }
            for b in portfolio.levels
        ],
        "matrix": {
            "currency": matrix.currency,
            "feasibility_split": matrix.feasibility_split,
            "value_split": matrix.value_split,
            "quadrants": [
                {
                    "id": key,
                    "label": _(label),
                    "description": _(description),
                    "initiatives": [e.id for e in matrix.placed if e.quadrant == key],
                }
                for key, (label, description) in QUADRANTS.items()
            ],
            "apart": [{"initiative": e.id, "reason": matrix.reason(e)} for e in matrix.apart],
        },
    }


def render_json(portfolio: Portfolio) -> str:
    import json

    return json.dumps(to_json(portfolio), indent=2, ensure_ascii=False) + "\n"


def compact_money(value: float) -> str:
    """2_900_000 -> '2.9M', -350_000 -> '-350k': short axis labels."""
    size = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if size >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.0f}"


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    import math

    span = high - low
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    tick = first
    while tick <= high + step * 1e-9:
        ticks.append(tick)
        tick += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


_SHAPES = {
    "ready": N_("filled circle"),
    "conditional": N_("filled diamond"),
    "not_ready": N_("hollow square"),
}


def _mark(verdict: str, x: float, y: float) -> str:
    from readiness.reporters.charts import FAIL, PASS

    if verdict == "ready":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{PASS}"/>'
    if verdict == "conditional":
        return (
            f'<path d="M{x:.1f} {y - 7:.1f}L{x + 7:.1f} {y:.1f}L{x:.1f} {y + 7:.1f}'
            f'L{x - 7:.1f} {y:.1f}Z" fill="#9a6700"/>'
        )
    return (
        f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="white" '
        f'stroke="{FAIL}" stroke-width="2"/>'
    )


def matrix_svg(portfolio: Portfolio, label_limit: int = 40) -> str:
    """The value-feasibility scatter as inline SVG (escaped here; insert it as is).

    Feasibility (score) runs left to right, value bottom to top; dashed lines at the
    pass mark and the median value split the quadrants, each labelled. Points are
    numbered by rank (all of them up to `label_limit` initiatives, the top 15 beyond);
    their shape says the verdict. Initiatives without a comparable value sit in a strip
    below the plot, still placed by score.
    """
    from markupsafe import escape

    from readiness.reporters.charts import FONT, GRID, INK, NEUTRAL

    matrix = portfolio.matrix
    left, top, plot_w, plot_h = 84, 34, 560, 340
    strip_top = top + plot_h + 64
    strip_h = 44 if matrix.apart else 0
    width = left + plot_w + 24
    height = strip_top + strip_h + (34 if strip_h else 0) + 34
    low, high = matrix.value_range
    ticks = _nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    currency = matrix.currency or ""

    def sx(score: float) -> float:
        return left + max(0.0, min(score, 100.0)) / 100 * plot_w

    def sy(value: float) -> float:
        return top + plot_h - (value - low) / (high - low) * plot_h

    def e(text: object) -> str:
        return str(escape(str(text)))

    count = len(portfolio.entries)
    labelled = count <= label_limit
    title = _("Value-feasibility matrix")
    desc = _(
        "{placed} initiatives placed by readiness score (feasibility) and ROI net benefit in "
        "{currency} (value); {apart} placed apart without a comparable value. Shapes: ready "
        "is a filled circle, conditional a filled diamond, not ready a hollow square. Points "
        "are numbered by rank."
    ).format(placed=len(matrix.placed), currency=currency or _("their currency"),
             apart=len(matrix.apart))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;{FONT}" role="img" aria-labelledby="matrix-t matrix-d" '
        'class="chart">',
        f'<title id="matrix-t">{e(title)}</title><desc id="matrix-d">{e(desc)}</desc>',
    ]
    split_x = sx(matrix.feasibility_split)
    split_y = sy(matrix.value_split) if matrix.value_split is not None else top + plot_h / 2
    tints = {
        "scale": "#e6f4ea",
        "invest": "#fff4e5",
        "reconsider": "#eef4fb",
        "deprioritise": "#f6f8fa",
    }
    boxes = {
        "invest": (left, top, split_x - left, split_y - top),
        "scale": (split_x, top, left + plot_w - split_x, split_y - top),
        "deprioritise": (left, split_y, split_x - left, top + plot_h - split_y),
        "reconsider": (split_x, split_y, left + plot_w - split_x, top + plot_h - split_y),
    }
    for key, (x, y, w, h) in boxes.items():
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
            f'fill="{tints[key]}"/>'
        )
    for tick in ticks:
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" '
            'stroke-width="0.6"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="end">{e(compact_money(tick))}</text>'
        )
    for step in range(0, 101, 20):
        x = sx(step)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="{GRID}" '
            'stroke-width="0.6"/>'
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="11" fill="{NEUTRAL}" '
            f'text-anchor="middle">{step}</text>'
        )
    parts.append(
        f'<line x1="{split_x:.1f}" y1="{top}" x2="{split_x:.1f}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-dasharray="6 4"/>'
        f'<line x1="{left}" y1="{split_y:.1f}" x2="{left + plot_w}" y2="{split_y:.1f}" '
        f'stroke="{INK}" stroke-dasharray="6 4"/>'
        f'<text x="{split_x + 4:.1f}" y="{top + plot_h - 6}" font-size="10" fill="{INK}">'
        + e(_("pass mark")) + f" {i18n.number(matrix.feasibility_split)}</text>"
    )
    if matrix.value_split is not None:
        parts.append(
            f'<text x="{left + plot_w - 4}" y="{split_y - 5:.1f}" font-size="10" fill="{INK}" '
            f'text-anchor="end">median {e(compact_money(matrix.value_split))} {e(currency)}</text>'
        )
    corners = {
        "invest": (left + 8, top + 16, "start"),
        "scale": (left + plot_w - 8, top + 16, "end"),
        "deprioritise": (left + 8, top + plot_h - 22, "start"),
        "reconsider": (left + plot_w - 8, top + plot_h - 22, "end"),
    }
    for key, (x, y, anchor) in corners.items():
        label = _(QUADRANTS[key][0])
        members = sum(1 for entry in matrix.placed if entry.quadrant == key)
        parts.append(
            f'<text x="{x}" y="{y}" font-size="13" font-weight="700" fill="{INK}" '
            f'text-anchor="{anchor}">{e(label)} ({members})</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h + 34}" font-size="12" fill="{INK}" '
        'text-anchor="middle">' + e(_("Feasibility: readiness score (0-100)")) + "</text>"
        f'<text x="16" y="{top + plot_h / 2:.1f}" font-size="12" fill="{INK}" text-anchor="middle" '
        f'transform="rotate(-90 16 {top + plot_h / 2:.1f})">'
        + e(_("Value: ROI net benefit over the horizon ({currency})").format(
            currency=currency or _("no currency"))) + "</text>"
    )

    def point(entry: Entry, x: float, y: float, note: str) -> str:
        said = _("score {score}, level {level}").format(score=entry.score, level=entry.level)
        hover = f"#{entry.rank} {entry.name} ({entry.id}): {said}"
        hover += f", {_(entry.verdict.value.replace('_', ' '))}; {note}"
        label = ""
        if labelled or entry.rank <= 15:
            label = (
                f'<text x="{x + 8:.1f}" y="{y - 6:.1f}" font-size="10" fill="{INK}">'
                f"{entry.rank}</text>"
            )
        return f"<g><title>{e(hover)}</title>{_mark(entry.verdict.value, x, y)}{label}</g>"

    # Draw the lowest-ranked first so that the best-ranked points stay on top.
    for entry in sorted(matrix.placed, key=lambda item: -item.rank):
        value = entry.value.net_benefit or 0.0
        note = _("net benefit {amount} {currency}").format(amount=compact_money(value),
                                                         currency=currency)
        parts.append(point(entry, sx(entry.score), sy(value), note))
    if matrix.apart:
        parts.append(
            f'<rect x="{left}" y="{strip_top}" width="{plot_w}" height="{strip_h}" fill="#f6f8fa" '
            f'stroke="{GRID}"/>'
            f'<text x="{left}" y="{strip_top - 6}" font-size="12" font-weight="700" fill="{INK}">'
            + e(_("Placed apart, no comparable ROI ({n}): by score only").format(
                n=len(matrix.apart))) + "</text>"
        )
        for entry in sorted(matrix.apart, key=lambda item: -item.rank):
            parts.append(
                point(entry, sx(entry.score), strip_top + strip_h / 2, matrix.reason(entry))
            )
    legend_y = height - 12
    legend = [("ready", _("ready")), ("conditional", _("conditional")),
              ("not_ready", _("not ready"))]
    x = left
    for verdict, text in legend:
        parts.append(_mark(verdict, x + 6, legend_y - 4))
        parts.append(
            f'<text x="{x + 18}" y="{legend_y}" font-size="11" fill="{INK}">{e(text)} '
            f"({e(_(_SHAPES[verdict]))})</text>"
        )
        x += 190
    parts.append("</svg>")
    return "\n".join(parts)


def levels_svg(portfolio: Portfolio) -> str:
    """How many initiatives are stuck at each gate, as a bar chart."""
    from readiness.reporters.charts import Bar, bar_chart

    bars = [
        Bar(
            label=_("{level}: all gates pass").format(level=bucket.level)
            if bucket.level == len(GATE_ORDER)
            else _("{level}: at {gate}").format(level=bucket.level,
                                                gate=GATE_ORDER[bucket.level].title),
            value=bucket.count,
            ok=True if bucket.level == len(GATE_ORDER) else None,
            note=ngettext("initiative", "initiatives", bucket.count),
        )
        for bucket in portfolio.levels
    ]
    maximum = max([bucket.count for bucket in portfolio.levels] + [1])
    return str(
        bar_chart(
            bars,
            title=_("Initiatives by readiness level"),
            description=_("How many initiatives reach each readiness level, that is, the gate "
                          "each is stuck at."),
            maximum=maximum,
            ok_text=_("ready to run"),
            ident="levels",
        )
    )


def _placement(value: float, split: float, low: float, high: float) -> float:
    """A position in 0..1 with `split` at 0.5: Mermaid draws its quadrant lines mid-axis."""
    if value >= split:
        return 0.5 + (0.5 * (value - split) / (high - split) if high > split else 0.0)
    return 0.5 * (value - low) / (split - low) if split > low else 0.0


def _coordinate(value: float) -> str:
    """Mermaid reads a point coordinate as 0, 1 or 0.<digits> only."""
    if value <= 0:
        return "0"
    if value >= 1:
        return "1"
    return f"{value:.3f}".rstrip("0").rstrip(".") if f"{value:.3f}" != "0.000" else "0"


def quadrant_points(portfolio: Portfolio, limit: int = 30) -> list[tuple[str, str, str]]:
    """(label, x, y) for a Mermaid quadrantChart, best-ranked first, at most `limit`."""
    matrix = portfolio.matrix
    if matrix.value_split is None:
        return []
    low, high = matrix.value_range
    points = []
    for entry in sorted(matrix.placed, key=lambda item: item.rank)[:limit]:
        x = _placement(entry.score, matrix.feasibility_split, 0, 100)
        y = _placement(entry.value.net_benefit or 0.0, matrix.value_split, low, high)
        # Labels are built from the id (a slug) alone: no user text reaches Mermaid.
        label = f"{entry.rank} {entry.id.replace('-', ' ')}"
        points.append((label, _coordinate(x), _coordinate(y)))
    return points


def render(portfolio: Portfolio, fmt: str, template_dir: str | None = None) -> str:
    """The portfolio as `json`, `md` or `html`."""
    return "".join(render_chunks(portfolio, fmt, template_dir))


CHUNK = 1 << 16
"""Characters gathered before a piece of the rendered portfolio is handed on."""


def render_chunks(
    portfolio: Portfolio, fmt: str, template_dir: str | None = None
) -> Iterator[str]:
    """The portfolio as `json`, `md` or `html`, in pieces of about CHUNK characters: the
    templates' output is passed on as it is made, never held whole."""
    if fmt == "json":
        yield render_json(portfolio)
        return
    pending: list[str] = []
    size = 0
    for piece in _generate(portfolio, fmt, template_dir):
        pending.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(pending)
            pending.clear()
            size = 0
    if pending:
        yield "".join(pending)


def _generate(portfolio: Portfolio, fmt: str, template_dir: str | None) -> Iterator[str]:
    from markupsafe import Markup

    from readiness.reporters.templating import generate_template

    context: dict[str, object] = {
        "portfolio": portfolio,
        "quadrants": {key: (_(label), _(said)) for key, (label, said) in QUADRANTS.items()},
        "shapes": {key: _(shape) for key, shape in _SHAPES.items()},
        "compact_money": compact_money,
        "rules_reference": rules_reference(),
    }
    if fmt == "html":
        context["matrix_chart"] = Markup(matrix_svg(portfolio))
        context["levels_chart"] = Markup(levels_svg(portfolio))
        return generate_template("portfolio.html.j2", template_dir, **context)
    if fmt == "md":
        context["quadrant_points"] = quadrant_points(portfolio)
        return generate_template("portfolio.md.j2", template_dir, **context)
    raise ValueError(f"unknown portfolio format {fmt!r}")
