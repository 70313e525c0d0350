"""The floor of `readiness validate`: the two steps every file needs, and nothing else.

    .venv/bin/python bench/floor.py LISTING [--jobs N] [--load-only]

Imports what `readiness validate` imports (the command's start-up), then loads each file
listed in LISTING (one path a line) into data with the position of every value, and
validates it against the assessment format, in N processes forked as the command forks
them (default: one per core). It runs no rule, scores no gate and writes nothing.

`validate` cannot be faster than this on the same files: every error and finding needs the
positions, and every rule and score needs the validated assessment. `bench/run.py` times
it beside the command and the plain parse, so that its results say how much of a target
the work the command must do leaves room for (docs/performance.md).
"""

from __future__ import annotations

import argparse
import multiprocessing

import readiness.cli.validate  # noqa: F401 - the command's imports, for its start-up
from readiness.batch import chunked, default_jobs
from readiness.loader import LoadError, collector_paused, load
from readiness.schema import InvalidAssessment, validate

LOAD_ONLY = False


def check(paths: list[str]) -> int:
    """Load and validate each file; how many were read as assessments."""
    read = 0
    for path in paths:
        try:
            with collector_paused():  # as `batch.check_file` checks a file
                document = load(path)
                if not LOAD_ONLY:
                    validate(document)
        except (LoadError, InvalidAssessment):
            continue
        read += 1
    return read


def main() -> None:
    global LOAD_ONLY
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("listing", help="a file of paths, one a line")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--load-only", action="store_true", help="load, do not validate")
    args = parser.parse_args()
    LOAD_ONLY = args.load_only
    with open(args.listing, encoding="utf-8") as handle:
        paths = handle.read().split("\n")
    chunks = list(chunked(paths, max(1, args.jobs)))
    if args.jobs <= 1:
        read = sum(map(check, chunks))
    else:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            read = sum(pool.imap(check, chunks))
    print(f"{read} of {len(paths)} files read as assessments")


if __name__ == "__main__":
    main()
