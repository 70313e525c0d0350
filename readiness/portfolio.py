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
  in one plain sentence (from the rule's `pattern`) with a link to the rule reference;
- the distribution of initiatives by readiness level (where each is stuck);
- stale flags: an assessment older than `stale_after` days (90 by default).

Each file's `Result` is reduced to an `Entry` as soon as it is assessed and then
dropped, so memory grows with the number of files, not with their size; an `Entry` holds
only what the outputs show (slots, no per-instance dict; texts shared between entries
are shared objects), and ranking and placing set fields in place rather than copying
every entry. `reporters.portfolio` renders it as JSON, Markdown and HTML.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
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
from readiness.thresholds import Bar, FailOn, Thresholds

STALE_AFTER_DAYS = 90
RULES_REFERENCE = "docs/rules.md"
"""The rule reference relative to the repository root, where its address is not known
(the `Rules` project URL of the installed package); links use its anchors."""

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
    worst: tuple[Severity, ...]  # the worst severity of each of `rules`' findings
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
    of rules, the same date, age, owner or next step hold the same object."""
    def one(value: Any) -> Any:
        return value if shared is None else shared.setdefault(value, value)

    severities: dict[str, Severity] = {}
    for finding in result.active:
        held = severities.get(finding.rule)
        if held is None or finding.severity.rank > held.rank:
            severities[finding.rule] = finding.severity
    rules = one(tuple(sorted(severities)))
    worst = one(tuple(severities[rule] for rule in rules))
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
        headline=sys.intern(advice.headline(result)),  # a few dozen distinct texts
        blockers=result.counts[Severity.BLOCKER],
        majors=result.counts[Severity.MAJOR],
        minors=result.counts[Severity.MINOR],
        blocked_at=blocked.id if blocked else None,
        owner=one(str(initiative.accountable_owner)) if initiative.accountable_owner else None,
        assessed_on=assessed_on,
        age_days=age,
        stale=age > stale_after,
        value=net_benefit(outcomes.roi if outcomes else None),
        rules=rules,
        worst=worst,
        questionnaire=one(result.pack.ref),
        problems=sys.intern(advice.problems_in_words(result.findings)),
        next_step=one(steps[0].text) if steps else "",  # files of one kind share it
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
        phrase = REGISTRY[self.rule].pattern
        if i18n.active() != "en":  # French says the pattern as a noun, then the count
            return ngettext("{pattern}: {count} of {total} initiative",
                            "{pattern}: {count} of {total} initiatives", self.count).format(
                pattern=_(phrase), count=self.count, total=self.total)
        verb = singular(phrase) if self.count == 1 else phrase
        noun = "initiative" if self.total == 1 else "initiatives"
        return f"{self.count} of {self.total} {noun} {verb}"

    @property
    def anchor(self) -> str:
        return REGISTRY[self.rule].anchor

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

    def below(self, bar: Bar) -> list[Entry]:
        """The initiatives that fall short of `bar`, the bar of `readiness validate`."""
        from readiness.engine import shortfalls

        return [
            e for e in self.entries
            if shortfalls({Severity.BLOCKER: e.blockers, Severity.MAJOR: e.majors,
                           Severity.MINOR: e.minors}, e.score, e.level, bar)
        ]


def anti_patterns(entries: Sequence[Entry]) -> list[AntiPattern]:
    """Per rule, the initiatives with an unwaived finding of it, and the worst severity
    among them (DAT001 is a blocker when live, else major); most frequent first."""
    found: dict[str, list[str]] = {}
    worst: dict[str, Severity] = {}
    for entry in entries:
        for rule, severity in zip(entry.rules, entry.worst, strict=True):
            found.setdefault(rule, []).append(entry.id)
            if rule not in worst or severity.rank > worst[rule].rank:
                worst[rule] = severity
    order = list(REGISTRY)
    patterns = [
        AntiPattern(
            rule=rule,
            name=REGISTRY[rule].name,
            severity=worst[rule],
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
        # An initiative id is unique in a portfolio (docs/format.md, `initiative`;
        # docs/portfolio.md): a later file with the same id is listed as invalid rather
        # than counted twice.
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
