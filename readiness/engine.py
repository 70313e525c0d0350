"""The engine: a validated assessment + a pack + thresholds -> a Result.

It runs every rule that applies (docs/rules.md: a rule marked always, or one whose gate
has started or whose initiative is live), applies waivers, scores the gates with the
pack's criteria, and derives the level and verdict. It reads nothing from disk except
through `assess_file`, and knows nothing of output formats.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readiness.findings import Finding, Question, Severity, WaiverNote
from readiness.i18n import _, ngettext
from readiness.loader import Document, load
from readiness.model import Assessment, GateId, Status, Waiver
from readiness.packs import Pack, pack_for_domain
from readiness.rules import REGISTRY, Context, Rule, format_path
from readiness.schema import validate
from readiness.scoring import (
    GateResult,
    Verdict,
    overall_score,
    readiness_level,
    score_gates,
    verdict,
)
from readiness.thresholds import Bar, FailOn, Thresholds

MAX_FINDINGS = 100
"""Findings reported per file; the rest are counted (`Result.findings_not_shown`). The
score, level, verdict and the bar are decided on every finding. See docs/reliability.md
("Limits")."""


def not_shown_words(count: int) -> str:
    """What every output says of the findings it leaves out: '3 more findings not shown:
    ...'; empty when there are none."""
    if not count:
        return ""
    return ngettext("{count} more finding not shown: only {limit} of a file are reported, "
                    "the most severe first",
                    "{count} more findings not shown: only {limit} of a file are reported, "
                    "the most severe first", count).format(count=count, limit=MAX_FINDINGS)


def most_severe(findings: list[Finding], limit: int = MAX_FINDINGS) -> list[Finding]:
    """At most `limit` findings, in their order: unwaived before waived; the first
    instance of every rule in every gate (every problem) before a second one, so that no
    problem is left out for the sake of another's instances; then the most severe."""
    if len(findings) <= limit:
        return findings
    seen: Counter[tuple[str, GateId]] = Counter()
    ranks = []
    for position, finding in enumerate(findings):
        key = (finding.rule, finding.gate)
        again = seen[key]
        ranks.append((finding.waived, again > 0, -finding.severity.rank, again, position))
        seen[key] += 1
    kept = sorted(position for *_, position in sorted(ranks)[:limit])
    return [findings[position] for position in kept]


@dataclass
class Result:
    """Everything known about one assessed file; reporters read only this."""

    path: str
    assessment: Assessment
    pack: Pack
    thresholds: Thresholds
    today: date
    gates: list[GateResult]
    findings: list[Finding]
    score: int
    level: int
    verdict: Verdict
    live: bool = False
    scaling: bool = False
    counts: Counter[Severity] = field(default_factory=Counter)
    questions: list[Question] = field(default_factory=list)
    findings_not_shown: int = 0
    """Findings found but not in `findings` (over `MAX_FINDINGS`); counted in `counts`."""
    all_findings: list[Finding] | None = None
    """Every finding, waived ones included, in file order, when `assess` was asked to keep
    them (`keep_all`, for comparing two files: readiness.diff); None otherwise."""

    @property
    def initiative(self) -> str:
        return self.assessment.initiative.id

    @property
    def active(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.waived]

    @property
    def waived(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.waived]

    @property
    def blocked_at(self) -> GateResult | None:
        """The first gate that does not pass; None at level 6."""
        return self.gates[self.level] if self.level < len(self.gates) else None

    def shortfalls(self, bar: Bar) -> list[str]:
        """Why this file falls short of the bar; empty when it meets it."""
        return shortfalls(self.counts, self.score, self.level, bar)


def shortfalls(counts: Mapping[Severity, int], score: float, level: int, bar: Bar) -> list[str]:
    """Why an initiative with these unwaived finding counts, score and level falls short
    of the bar; empty when it meets it."""
    reasons = []
    if bar.fail_on != FailOn.NONE:
        threshold = Severity(bar.fail_on.value)
        failing = sum(n for severity, n in counts.items() if severity.rank >= threshold.rank)
        if failing:
            reasons.append(ngettext("{n} unwaived finding at or above {severity}",
                                    "{n} unwaived findings at or above {severity}",
                                    failing).format(n=failing, severity=threshold.words()))
    if bar.min_score is not None and score < bar.min_score:
        reasons.append(_("score {score} is below --min-score {bar}").format(
            score=score, bar=f"{bar.min_score:g}"))
    if bar.min_level is not None and level < bar.min_level:
        reasons.append(_("level {level} is below --min-level {bar}").format(
            level=level, bar=bar.min_level))
    return reasons


def applies(rule: Rule, context: Context, started: Collection[GateId]) -> bool:
    """docs/rules.md: a content rule runs when its gate has started or the AI is live."""
    return rule.always or rule.gate is None or rule.gate in started or context.live


def _waiver_note(waiver: Waiver) -> WaiverNote:
    return WaiverNote(waiver.reason, str(waiver.approved_by), waiver.expires_on.isoformat())


def open_questions(document: Document, assessment: Assessment) -> list[Question]:
    """The file's open questions, in file order, each with its line and gate."""
    return [
        Question(
            field=question.field,
            gate=question.gate,
            ask=str(question.ask),
            raised_on=question.raised_on,
            note=question.note or "",
            line=document.position(("open_questions", index))[0],
        )
        for index, question in enumerate(assessment.open_questions or [])
    ]


def locate(context: Context, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """The position of the evidence, or of its nearest ancestor in the file. When the whole
    section is absent, a rule ran because the initiative is live: point at what makes it so."""
    positions = context.document.positions
    present = loc
    while present and present not in positions:
        present = present[:-1]
    if not present and context.live:
        return context.document.position(context.live_evidence)
    return context.document.position(loc)


def run_rules(context: Context) -> tuple[list[Finding], set[str]]:
    """Every applicable rule's findings, waived where a current waiver covers them."""
    waivers: dict[str, WaiverNote] = {}
    for waiver in context.assessment.waivers or []:
        if waiver.holds_on(context.today):
            waivers.setdefault(waiver.rule, _waiver_note(waiver))
    findings: list[Finding] = []
    ran: set[str] = set()
    assessment = context.assessment
    started = {gate for gate in GateId if assessment.status(gate) != Status.NOT_STARTED}
    for rule in REGISTRY.values():
        if not applies(rule, context, started):
            continue
        ran.add(rule.id)
        for hit in rule.run(context):
            line, column = locate(context, hit.loc)
            gate = hit.gate or rule.gate
            assert gate is not None, f"{rule.id} must name a gate for each hit"
            findings.append(
                Finding(
                    rule=rule.id,
                    name=rule.name,
                    severity=hit.severity or rule.severity,
                    gate=gate,
                    message=hit.message,
                    path=format_path(hit.loc),
                    line=line,
                    column=column,
                    remediation=_(rule.remediation),
                    waiver=waivers.get(rule.id),
                    subject=hit.subject,
                )
            )
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return findings, ran


def assess(
    document: Document,
    assessment: Assessment,
    pack: Pack,
    thresholds: Thresholds | None = None,
    today: date | None = None,
    keep_all: bool = False,
) -> Result:
    thresholds = thresholds or Thresholds()
    today = today or date.today()
    context = Context(assessment, document, thresholds, today)
    findings, ran = run_rules(context)
    gates = score_gates(pack, assessment, findings, ran, thresholds)
    level = readiness_level(gates)
    shown = most_severe(findings)
    return Result(
        path=document.path,
        assessment=assessment,
        pack=pack,
        thresholds=thresholds,
        today=today,
        gates=gates,
        findings=shown,
        score=overall_score(gates),
        level=level,
        verdict=verdict(level, findings),
        live=context.live,
        scaling=context.scaling,
        counts=Counter(f.severity for f in findings if not f.waived),
        questions=open_questions(document, assessment),
        findings_not_shown=len(findings) - len(shown),
        all_findings=findings if keep_all else None,
    )


def assess_file(
    path: str | Path,
    pack: Pack | str | None = None,
    thresholds: Thresholds | None = None,
    today: date | None = None,
) -> Result:
    """Load, validate and assess one file with `pack` (an id or path), or by default the
    pack of its domain. Raises LoadError, InvalidAssessment or PackError."""
    document = load(path)
    assessment = validate(document)
    if not isinstance(pack, Pack):
        pack = pack_for_domain(assessment.initiative.domain, named=pack)
    return assess(document, assessment, pack, thresholds, today)
