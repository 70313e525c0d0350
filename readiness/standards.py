"""What an assessment is held to, in one place: the rules check it and the reports show
it (docs/rules.md).

- the regulations each jurisdiction requires (GOV003), those that count as a privacy
  review (GOV005), and the compliance statuses both accept;
- how far from its system of record a source may be read (DAT001);
- the source kinds each use case needs (DAT002; the wizard shows them);
- whether a stakeholder group's success measure is an outcome metric of the initiative,
  a model measure, or unrelated (OWN003; the report and the wizard show it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from readiness.model import (
    Assessment,
    ComplianceStatus,
    Jurisdiction,
    MetricKind,
    RegulationId,
    SourceKind,
    UseCase,
)

R = RegulationId
REQUIRED_REGULATIONS: dict[Jurisdiction, tuple[RegulationId, ...]] = {
    Jurisdiction.CA: (R.PIPEDA, R.CRTC),
    Jurisdiction.CA_QC: (R.PIPEDA, R.CRTC, R.QC_LAW25),
    Jurisdiction.US: (R.FCC_CPNI,),
    Jurisdiction.US_CA: (R.FCC_CPNI, R.CCPA),
    Jurisdiction.EU: (R.GDPR, R.EU_AI_ACT),
    Jurisdiction.UK: (R.UK_GDPR,),
}
"""The regulations each jurisdiction requires (docs/rules.md, GOV003)."""

PRIVACY_REGULATIONS = frozenset({R.PIPEDA, R.QC_LAW25, R.GDPR, R.UK_GDPR, R.CCPA, R.FCC_CPNI})
"""Regulations that count as a privacy review (docs/rules.md, GOV005)."""

ACCEPTED_STATUSES = frozenset({ComplianceStatus.COMPLIANT, ComplianceStatus.IN_REVIEW})
"""A regulation in one of these statuses is taken care of (GOV003, GOV005); `gap` and
`not_assessed` are not."""

MAX_HOPS = 1
"""A source two or more hops from its system of record is 'two systems behind' (DAT001)."""

K = SourceKind
NEEDED_SOURCES: dict[UseCase, tuple[SourceKind, ...]] = {
    UseCase.AGENT_COPILOT: (K.CRM, K.INTERACTION_HISTORY, K.NETWORK_TELEMETRY),
    UseCase.BILLING_AGENT: (K.CRM, K.BSS, K.TICKETING),
    UseCase.CONVERSATION_AGENT: (K.CRM, K.KNOWLEDGE_BASE),
    UseCase.ORDER_MANAGEMENT: (K.CRM, K.BSS, K.OSS),
    UseCase.FRAUD_DETECTION: (K.BSS, K.NETWORK_TELEMETRY),
    UseCase.CHURN_PREDICTION: (K.CRM, K.BSS, K.NETWORK_TELEMETRY),
    UseCase.SENTIMENT_ANALYSIS: (K.INTERACTION_HISTORY,),
    UseCase.TICKET_CLASSIFICATION: (K.TICKETING, K.CRM, K.OSS),
    UseCase.SELF_SERVICE: (K.CRM, K.KNOWLEDGE_BASE, K.NETWORK_TELEMETRY),
    UseCase.PERSONALIZATION: (K.CRM, K.BSS),
    UseCase.PREDICTIVE_MAINTENANCE: (K.NETWORK_TELEMETRY, K.OSS),
    UseCase.ANOMALY_DETECTION: (K.NETWORK_TELEMETRY,),
    UseCase.OTHER: (),
}
"""The source kinds each use case needs in production (docs/rules.md, DAT002)."""


MeasureKind = Literal["outcome", "model", "unrelated"]

MODEL_WORDS = frozenset(
    ("accuracy", "precision", "recall", "f1", "auc", "roc", "bleu", "rouge", "perplexity")
)
"""A success measure containing one of these words measures the model, not the operation."""

_WORD = re.compile(r"\w+")

Words = str
"""A text's words, lower-cased, each with one space on either side (' model auc '), so
that one run of whole words is in another when the text is (' auc ' is in ' model auc
', not in ' auction volume '); '' for a text without words."""


@lru_cache(maxsize=4096)  # the names of metrics and measures repeat from file to file
def _words(text: str) -> Words:
    found = _WORD.findall(text.casefold())
    return f" {' '.join(found)} " if found else ""


def _same(measure: Words, name: Words) -> bool:
    """One of the two contains the other as whole words ('model AUC' is the metric 'AUC')."""
    if not measure or not name:
        return False
    return name in measure or measure in name


def measure_names(assessment: Assessment) -> tuple[list[Words], list[Words]]:
    """The words of the outcome metrics' names and of the model measures' names (`kind:
    model` metrics and offline metrics)."""
    outcome = [_words(m.name) for m in assessment.metrics if m.operational]
    model = [_words(m.name) for m in assessment.metrics if m.kind == MetricKind.MODEL]
    offline = assessment.model.offline_metrics if assessment.model else None
    model += [_words(m.name) for m in offline or [] if m.name]
    return outcome, model


def _is_one_of(words: Words, names: Sequence[Words]) -> bool:
    return any(_same(words, name) for name in names)


def measure_of(measure: str, outcome: Sequence[Words], model: Sequence[Words]) -> MeasureKind:
    words = _words(measure)
    if words and words in outcome:
        return "outcome"
    if _is_one_of(words, model) or not MODEL_WORDS.isdisjoint(words.split()):
        return "model"
    if _is_one_of(words, outcome):
        return "outcome"
    return "unrelated"


def names_an_outcome(measure: str, outcome: Sequence[Words]) -> bool:
    """The measure is a business or service metric of the initiative, whether or not it
    also names a model measure ('average handle time and accuracy' is both)."""
    return _is_one_of(_words(measure), outcome)


def measure_kind(measure: str, assessment: Assessment) -> MeasureKind:
    """What a stakeholder group's success measure is, compared with the initiative's metrics.

    A measure *is* a metric when one of the two, lower-cased, contains the other as whole
    words ('model AUC' is the metric 'AUC'; 'AUCTION volume' is not). In this order: the
    very name of a business or service metric is an outcome ('billing accuracy', when the
    initiative measures it); a `kind: model` metric, an offline metric of the model, or a
    measure with a model word (accuracy, precision, recall, F1, AUC, ROC, BLEU, ROUGE,
    perplexity) is a model measure; a measure that is a business or service metric is an
    outcome; anything else is unrelated."""
    outcome, model = measure_names(assessment)
    return measure_of(measure, outcome, model)
