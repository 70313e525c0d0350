"""The benchmark corpus is what it claims: valid files of 4-8 KB, and files with one error each."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from readiness.loader import LoadError, load, loads
from readiness.schema import InvalidAssessment, validate
from tests.common import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402  (bench/ is a folder of scripts, not a package)


def errors_of(text: str) -> list[str]:
    """Every error the validator reports for `text`; empty for a valid assessment."""
    try:
        validate(loads(text, "sample.yaml"))
    except LoadError as exc:
        return [exc.message]
    except InvalidAssessment as exc:
        return [error.message for error in exc.errors]
    return []


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    corpus.generate(folder, valid=40, invalid=40, seed=3)
    return folder


def test_valid_files_are_valid_and_4_to_8_kb(sample: Path) -> None:
    files = sorted((sample / "valid").iterdir())
    assert len(files) == 40
    for path in files:
        assert corpus.MIN_BYTES <= path.stat().st_size <= corpus.MAX_BYTES, path
        validate(load(path))  # raises if the file is not valid


def test_invalid_files_have_exactly_one_error(sample: Path) -> None:
    files = sorted((sample / "invalid").iterdir())
    assert len(files) == 40
    for path in files:
        assert len(errors_of(path.read_text(encoding="utf-8"))) == 1, path


@pytest.mark.parametrize("kind", sorted(corpus.MUTATIONS))
def test_each_kind_of_error_is_one_error(kind: str) -> None:
    rng = random.Random(kind)
    for index in range(20):
        lines = corpus.valid_text(rng, index).splitlines()
        mutated = corpus.MUTATIONS[kind](lines, rng)
        if mutated is not None:
            break
    assert mutated is not None, f"{kind} never applies"
    assert errors_of("\n".join(lines) + "\n") == []
    assert len(errors_of("\n".join(mutated) + "\n")) == 1


def test_the_corpus_is_varied() -> None:
    rng = random.Random(5)
    texts = [corpus.valid_text(rng, index) for index in range(60)]
    documents = [validate(loads(text, "sample.yaml")) for text in texts]
    assert len({d.initiative.use_case for d in documents}) >= 8
    assert len({d.initiative.stage for d in documents}) == 4
    assert len({len(d.data_pipeline.sources or []) for d in documents if d.data_pipeline}) >= 3
    assert len({len(d.decision_boundaries.actions or [])
                for d in documents if d.decision_boundaries}) >= 3
    assert any(d.waivers for d in documents) and not all(d.waivers for d in documents)


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = corpus.generate(tmp_path / "one", valid=3, invalid=3, seed=9)
    second = corpus.generate(tmp_path / "two", valid=3, invalid=3, seed=9)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_copies_of_the_examples_differ_only_in_id_and_name(tmp_path: Path) -> None:
    from datetime import date

    from readiness.engine import assess_file

    examples = sorted((ROOT / "examples").glob("*.yaml"))
    copies = corpus.copy_examples(tmp_path, ROOT / "examples", 2 * len(examples))
    assert len({validate(load(path)).initiative.id for path in copies}) == len(copies)
    today = date(2026, 11, 25)
    for index, copy in enumerate(copies):
        example = examples[index % len(examples)]
        changed = [
            (old, new)
            for old, new in zip(example.read_text(encoding="utf-8").splitlines(),
                                copy.read_text(encoding="utf-8").splitlines(), strict=True)
            if old != new
        ]
        assert [old.split(":")[0] for old, _ in changed] == ["  id", "  name"], copy
        original, copied = assess_file(example, today=today), assess_file(copy, today=today)
        assert copied.findings == original.findings, copy
        assert (copied.score, copied.level, copied.verdict) == (
            original.score, original.level, original.verdict)
        assert copied.initiative != original.initiative
