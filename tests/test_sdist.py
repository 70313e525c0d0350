"""The source distribution is complete: built from this tree without a warning, it holds
the licence, tests, examples and docs, and a smoke subset of the suite passes when it is
unpacked (importing the unpacked code, not this tree's)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.common import ROOT

SMOKE = ["tests/test_smoke_core.py", "tests/test_examples.py", "tests/test_init.py"]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    if importlib.util.find_spec("build") is None:
        pytest.skip("the build package is not installed (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(out),
                          str(ROOT)], capture_output=True, text=True, timeout=600)
    log = run.stdout + run.stderr
    if run.returncode != 0 and "No matching distribution" in log:
        pytest.skip("building needs setuptools from the package index: " + log[-300:])
    assert run.returncode == 0, log[-3000:]
    (archive,) = out.glob("readiness-*.tar.gz")
    return archive, log


def test_the_build_gives_no_warning(sdist: tuple[Path, str]) -> None:
    _, log = sdist
    for sign in ("DeprecationWarning", "BuildBackendWarning", "Cannot find any files",
                 "is not listed in the `packages`", "no previously-included"):
        assert sign not in log, log[-3000:]


def test_the_sdist_holds_licence_tests_examples_and_docs(sdist: tuple[Path, str]) -> None:
    archive, _ = sdist
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for expected in ("LICENSE", "tests/common.py", "tests/conftest.py", "docs/rules.md",
                     "docs/editors.md", "examples/care-copilot-ready.yaml",
                     "questionnaires/telecom-customer-ops.yaml", "readiness/data/starter.yaml",
                     ".ci/floors.py", "action.yml", ".pre-commit-hooks.yaml", *SMOKE):
        assert expected in names, expected
    assert not any("__pycache__" in name for name in names)


def test_the_sdist_holds_every_file_of_the_tests_and_the_fuzzing_corpus(
    sdist: tuple[Path, str],
) -> None:
    # MANIFEST.in takes these folders by the kinds of file they hold (not their
    # __pycache__): a file of a new kind would be left out without this test.
    tracked = subprocess.run(["git", "ls-files", "tests", "fuzz"], cwd=ROOT,
                             capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout: " + tracked.stderr[-200:])
    archive, _ = sdist
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    missing = [name for name in tracked.stdout.splitlines() if name not in names]
    assert missing == []


def test_a_smoke_subset_passes_in_the_unpacked_sdist(sdist: tuple[Path, str],
                                                     tmp_path: Path) -> None:
    archive, _ = sdist
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.glob("readiness-*")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PYTEST_"))}
    where = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, '.'); import readiness; "
         "print(readiness.__file__)"],
        cwd=unpacked, capture_output=True, text=True, env=env, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(unpacked), where.stdout + where.stderr
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SMOKE],
                         cwd=unpacked, capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout
