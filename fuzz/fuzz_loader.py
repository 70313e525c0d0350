"""Coverage-guided fuzz target (atheris/libFuzzer) for `readiness validate`'s input path.

Each input runs through `harness.check_one`: loader, schema, engine, JSON and text
output. Rejections must be clean (`LoadError`, `InvalidAssessment`); any other exception
is a crash, and libFuzzer saves the input as `crash-<sha1>` in the current folder. Once
fixed, the input goes into `fuzz/crashes/`, which `tests/test_fuzz_regressions.py`
replays on every test run.

    .venv/bin/python fuzz/fuzz_loader.py -max_total_time=60

Without corpus folders on the command line it starts from `fuzz/corpus/` and
`fuzz/crashes/` and writes the inputs it learns into a scratch folder, so the checked-in
corpus stays small; without `-dict=` it uses `fuzz/readiness.dict` (the format's keys,
enum values and YAML syntax). Any other libFuzzer option can be added.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

# The harness sits next to this file; the package is read from the checkout it belongs to.
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

with atheris.instrument_imports(include=["readiness", "yaml", "harness"]):
    from harness import check_one


def test_one_input(data: bytes) -> None:
    check_one(data)


def arguments(given: list[str]) -> list[str]:
    """libFuzzer's arguments, with the dictionary and the corpus folders by default."""
    args = list(given)
    if not any(arg.startswith("-dict=") for arg in args):
        args.append(f"-dict={HERE / 'readiness.dict'}")
    if not [arg for arg in args if not arg.startswith("-")]:
        scratch = tempfile.mkdtemp(prefix="readiness-corpus-")
        args += [scratch, str(HERE / "corpus"), str(HERE / "crashes")]
    return args


def main() -> None:
    atheris.Setup([sys.argv[0], *arguments(sys.argv[1:])], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
