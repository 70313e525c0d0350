"""The benchmark: readiness against check-jsonschema and against the cost of parsing YAML.

    .venv/bin/python bench/run.py [--reps 3] [--peer-reps 1] [--memory]

One run measures, side by side and each as a whole process (start-up included), the
median wall time of several repetitions, timed in rounds (each round runs every case of
its group once, so that the cases a ratio compares see the same load), of:

  (a) `readiness validate` over the corpus (1,000 valid and 1,000 invalid files), with
      the default number of jobs and with --jobs 1, in the default text format and in JSON;
  (b) `check-jsonschema --schemafile <readiness schema>` over the same files, as
      installed by default (ruamel.yaml in pure Python) and with ruamel.yaml.clib;
  (c) a plain loop of `yaml.load(..., Loader=yaml.CSafeLoader)` over the same files in
      one process: the cost of parsing alone, the limit;
  (d) `readiness validate` on one file against `check-jsonschema` on one file;
  (e) `readiness --version` against `python -c "import typer"`;
  (f) `readiness report --format html` on one file;
  (g) `readiness portfolio` over the 1,000 valid files;
  and, with --memory, the peak memory (max RSS) of (a) and (g) over 1,000 and 10,000
  files (about two and a half minutes more, most of it the 10,000-file runs).

check-jsonschema over the corpus runs once by default: one run takes a minute or more,
so its noise is small next to the ratios, and three would not fit in five minutes.

It prints a table (medians, files per second, max RSS), the ratios the targets name, and
writes everything to bench/out/results.json. The corpus is generated once (bench/corpus.py,
seeded) and reused; ruamel.yaml.clib is installed with pip into bench/out/ruamel-clib, so
that the default installation of check-jsonschema is left as it is.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/ is not a package)

TODAY = "2026-11-25"
CORPUS_SEED = 7
BIG_SEED = 11

PARSE_LOOP = """
import sys, yaml
paths = open(sys.argv[1], encoding="utf-8").read().split("\\n")
for path in paths:
    with open(path, "rb") as handle:
        text = handle.read()
    try:
        yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date such as 2026-02-30
        pass
"""

# Hides ruamel.yaml's C extension, for measuring check-jsonschema without it even where
# the virtualenv has it.
NO_CLIB = 'raise ImportError("ruamel.yaml.clib hidden by the benchmark")\n'
PROBE_CLIB = "import ruamel.yaml.main as m; print('C' if m.CParser is not None else 'pure')"


@dataclass
class Run:
    """One case: a command, how many files it handles, and what each repetition took."""

    name: str
    group: str
    argv: list[str]
    files: int
    env: dict[str, str] = field(default_factory=dict)
    expect: tuple[int, ...] = (0,)
    walls: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    max_rss_kb: int = 0
    skipped: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def rate(self) -> float:
        return self.files / self.median if self.walls and self.files else float("nan")


def measure(run: Run, reps: int) -> None:
    """Run the command `reps` times as a whole process; wall time, CPU time and max RSS."""
    for _ in range(reps):
        measure_once(run)


def measure_together(runs: Sequence[Run], reps: int) -> None:
    """`reps` rounds of every run, one after the other within each round: the cases a
    ratio compares see the same load on a shared machine, not one quiet minute and the
    next busy one."""
    for _ in range(reps):
        for run in runs:
            measure_once(run)


def measure_once(run: Run) -> None:
    """Run the command once as a whole process; wall time, CPU time and max RSS."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **run.env}
    start = time.perf_counter()
    process = subprocess.Popen(
        run.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in run.expect:
        raise SystemExit(
            f"{run.name}: exit {process.returncode}, expected {run.expect}\n"
            f"{' '.join(run.argv)}\n{errors.decode(errors='replace')[-2000:]}"
        )
    run.walls.append(wall)
    run.cpu.append(usage.ru_utime + usage.ru_stime)
    # ru_maxrss of the child: the largest resident set of it or any of its descendants.
    run.max_rss_kb = max(run.max_rss_kb, usage.ru_maxrss)


def readiness(*args: str) -> list[str]:
    script = BIN / "readiness"
    if script.exists():
        return [str(script), *args]
    return [PYTHON, "-m", "readiness", *args]


def works(argv: Sequence[str]) -> tuple[bool, str]:
    """Whether a command runs, and its last line of output (the reason when it does not)."""
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    lines = (done.stderr or done.stdout).strip().splitlines()
    return done.returncode == 0, lines[-1] if lines else ""


def make_corpus(folder: Path, valid: int, invalid: int, seed: int) -> Path:
    """Generate the corpus once; a marker records what it holds, so a change regenerates it."""
    marker = folder / "corpus.json"
    spec = {"valid": valid, "invalid": invalid, "seed": seed,
            "generator": (HERE / "corpus.py").stat().st_mtime_ns}
    if marker.exists() and json.loads(marker.read_text()) == spec:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {valid + invalid} files in {folder.relative_to(ROOT)} ...", flush=True)
    corpus.generate(folder, valid, invalid, seed)
    marker.write_text(json.dumps(spec))
    return folder


def make_big_corpus(folder: Path, total: int, first: int) -> tuple[Path, Path]:
    """`total` valid files in two folders: `first` of them in part1, the rest in part2."""
    marker = folder / "corpus.json"
    spec = {"total": total, "first": first, "seed": BIG_SEED,
            "generator": (HERE / "corpus.py").stat().st_mtime_ns}
    part1, part2 = folder / "part1", folder / "part2"
    if not (marker.exists() and json.loads(marker.read_text()) == spec):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {total} files in {folder.relative_to(ROOT)} ...", flush=True)
        with tempfile.TemporaryDirectory(dir=OUT) as scratch:
            corpus.generate(Path(scratch), total, 0, BIG_SEED)
            part1.mkdir(parents=True)
            part2.mkdir(parents=True)
            for index, path in enumerate(sorted((Path(scratch) / "valid").iterdir())):
                path.rename((part1 if index < first else part2) / path.name)
        marker.write_text(json.dumps(spec))
    return part1, folder


def clib_path() -> Path | None:
    """A folder holding ruamel.yaml.clib (installed there with pip once), or None."""
    target = OUT / "ruamel-clib"
    probe = [PYTHON, "-c", PROBE_CLIB]
    env = {**os.environ, "PYTHONPATH": str(target)}
    if target.exists() and subprocess.run(probe, capture_output=True, text=True,
                                           env=env).stdout.strip() == "C":
        return target
    print("installing ruamel.yaml.clib into bench/out/ruamel-clib ...", flush=True)
    done = subprocess.run(
        [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--target", str(target), "ruamel.yaml.clib"],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        print(f"  cannot install ruamel.yaml.clib: {done.stderr.strip()[-300:]}")
        return None
    return target


def machine() -> dict[str, object]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()

    def version(package: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as get

        try:
            return get(package)
        except PackageNotFoundError:
            return "absent"

    return {
        "date": datetime.date.today().isoformat(),
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_before": os.getloadavg(),
        "versions": {p: version(p) for p in ("readiness", "check-jsonschema", "ruamel.yaml",
                                             "pyyaml", "pydantic", "typer", "rich", "jinja2")},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="repetitions of each corpus run")
    parser.add_argument("--single-reps", type=int, default=11,
                        help="repetitions of each one-file and start-up run")
    parser.add_argument("--files", type=int, default=1000,
                        help="valid files in the corpus (as many invalid ones)")
    parser.add_argument("--peer-reps", type=int, default=1,
                        help="repetitions of check-jsonschema over the corpus")
    parser.add_argument("--memory", action="store_true",
                        help="also measure max RSS over 1,000 and 10,000 files")
    args = parser.parse_args()
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()
    # An installed package has its bytecode compiled at install time (pip does so for every
    # wheel, check-jsonschema's included); an editable checkout has only what earlier runs
    # wrote, and none where PYTHONDONTWRITEBYTECODE is set, so each run would compile the
    # modules again. Compile it once, so that readiness is measured as installed.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "readiness")], check=True)

    folder = make_corpus(OUT / "corpus", args.files, args.files, CORPUS_SEED)
    valid, invalid = folder / "valid", folder / "invalid"
    paths = sorted(valid.iterdir()) + sorted(invalid.iterdir())
    paths = [p for p in paths if p.suffix == ".yaml"]
    total = len(paths)
    listing = OUT / "files.txt"
    listing.write_text("\n".join(str(p) for p in paths), encoding="utf-8")
    one = sorted(valid.iterdir())[0]
    schema = OUT / "assessment.schema.json"
    done = subprocess.run(readiness("schema"), capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"readiness schema failed: {done.stderr}")
    json.loads(done.stdout)
    schema.write_text(done.stdout, encoding="utf-8")

    cjs = str(BIN / "check-jsonschema")
    hide = OUT / "no-clib"
    hide.mkdir(exist_ok=True)
    (hide / "_ruamel_yaml.py").write_text(NO_CLIB)
    clib = clib_path()
    configs = {"default (pure Python YAML)": {"PYTHONPATH": str(hide)}}
    if clib is not None:
        configs["with ruamel.yaml.clib"] = {"PYTHONPATH": str(clib)}
    for label, env in list(configs.items()):
        probe = subprocess.run([PYTHON, "-c", PROBE_CLIB], capture_output=True, text=True,
                               env={**os.environ, **env}).stdout.strip()
        info[f"check-jsonschema parser, {label}"] = probe
    help_text = subprocess.run(readiness("validate", "--help"), capture_output=True,
                               text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "200"}).stdout
    has_jobs = "--jobs" in help_text
    cores = os.cpu_count() or 1
    validate = ["validate", str(valid), str(invalid), "--today", TODAY]

    runs: list[Run] = []
    corpus_runs: list[Run] = [
        Run("readiness validate (text)", "a", readiness(*validate), total, expect=(2,)),
        Run("readiness validate --format json", "a",
            readiness(*validate, "--format", "json"), total, expect=(2,)),
    ]
    if has_jobs:
        corpus_runs.append(Run("readiness validate --jobs 1", "a",
                               readiness(*validate, "--jobs", "1"), total, expect=(2,)))
        if cores != 2:
            corpus_runs.append(Run("readiness validate --jobs 2", "a",
                                   readiness(*validate, "--jobs", "2"), total, expect=(2,)))
    for label, env in configs.items():
        corpus_runs.append(Run(f"check-jsonschema, {label}", "b",
                               [cjs, "--schemafile", str(schema), *map(str, paths)], total,
                               env=env, expect=(1,)))
    corpus_runs.append(Run("yaml.load(CSafeLoader) loop", "c",
                           [PYTHON, "-c", PARSE_LOOP, str(listing)], total))
    single_runs: list[Run] = [
        Run("readiness validate, one file", "d",
            readiness("validate", str(one), "--today", TODAY), 1, expect=(0, 1)),
    ]
    for label, env in configs.items():
        single_runs.append(Run(f"check-jsonschema, one file, {label}", "d",
                               [cjs, "--schemafile", str(schema), str(one)], 1, env=env))
    single_runs += [
        Run("readiness --version", "e", readiness("--version"), 0),
        Run("python -c 'import typer'", "e", [PYTHON, "-c", "import typer"], 0),
        Run("readiness --help", "e", readiness("--help"), 0),
        Run("check-jsonschema --version", "e", [cjs, "--version"], 0,
            env=configs["default (pure Python YAML)"]),
    ]
    report_ok, report_why = works(readiness("report", "--help"))
    report = Run("readiness report --format html, one file", "f",
                 readiness("report", str(one), "--format", "html", "--today", TODAY), 1,
                 expect=(0, 1))
    if not report_ok:
        report.skipped = f"`readiness report` is not available: {report_why}"
    single_runs.append(report)
    portfolio_ok, portfolio_why = works(readiness("portfolio", "--help"))
    portfolio = Run("readiness portfolio (markdown)", "g",
                    readiness("portfolio", str(valid), "--today", TODAY), args.files,
                    expect=(0, 1))
    if not portfolio_ok:
        portfolio.skipped = f"`readiness portfolio` is not available: {portfolio_why}"
    corpus_runs.append(portfolio)
    runs = corpus_runs + single_runs

    for run in runs:
        if run.skipped:
            print(f"skipped: {run.name}: {run.skipped}")
    # check-jsonschema over the corpus alone (a minute a run); every other case in rounds,
    # so that each ratio compares runs made under the same load.
    peers = [run for run in corpus_runs if run.group == "b"]
    ours = [run for run in corpus_runs if run.group != "b" and not run.skipped]
    singles = [run for run in single_runs if not run.skipped]
    for run in peers:
        print(f"{run.name}: {args.peer_reps} runs ...", flush=True)
        measure(run, args.peer_reps)
    print(f"{len(ours)} corpus cases, {args.reps} rounds ...", flush=True)
    measure_together(ours, args.reps)
    print(f"{len(singles)} one-file and start-up cases, {args.single_reps} rounds ...",
          flush=True)
    measure_together(singles, args.single_reps)

    memory: list[Run] = []
    if args.memory:
        part1, big = make_big_corpus(OUT / "corpus-big", 10 * args.files, args.files)
        for size, target in ((args.files, part1), (10 * args.files, big)):
            memory.append(Run(f"readiness validate, {size} files", "memory (a)",
                              readiness("validate", str(target), "--today", TODAY), size,
                              expect=(0, 1)))
            if portfolio_ok:
                memory.append(Run(f"readiness portfolio, {size} files", "memory (g)",
                                  readiness("portfolio", str(target), "--today", TODAY), size,
                                  expect=(0, 1)))
        for run in memory:
            print(f"{run.name}: 1 run (memory) ...", flush=True)
            measure(run, 1)

    info["load_average_after"] = os.getloadavg()
    info["seconds"] = round(time.perf_counter() - started, 1)
    by_name = {run.name: run for run in runs + memory}
    ratios = targets(by_name, configs, has_jobs, cores, args.files)
    print_table(runs + memory, ratios, info)
    results = {
        "machine": info,
        "runs": [{**asdict(run), "median": run.median, "files_per_second": run.rate}
                 for run in runs + memory],
        "targets": ratios,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {(OUT / 'results.json').relative_to(ROOT)} in {info['seconds']} s")


def targets(runs: dict[str, Run], configs: dict[str, dict[str, str]], has_jobs: bool,
            cores: int, files: int) -> list[dict[str, object]]:
    """The ratios of issue 7's targets, each with its bound and whether it holds."""
    rows: list[dict[str, object]] = []

    def add(label: str, value: float, bound: float, at_least: bool) -> None:
        met = value >= bound if at_least else value <= bound
        rows.append({"target": label, "value": round(value, 3),
                     "bound": f"{'>=' if at_least else '<='} {bound}", "met": bool(met)})

    a = runs["readiness validate (text)"]
    parse = runs["yaml.load(CSafeLoader) loop"]
    for label in configs:
        b = runs[f"check-jsonschema, {label}"]
        bound = 10 if label.startswith("default") else 3
        add(f"(a) / (b) files/s, check-jsonschema {label}", a.rate / b.rate, bound, True)
    if has_jobs:
        add("(a) --jobs 1 / (c) files/s", runs["readiness validate --jobs 1"].rate / parse.rate,
            0.7, True)
        two = runs["readiness validate (text)"] if cores == 2 else runs[
            "readiness validate --jobs 2"]
        add("(a) --jobs 2 / (c) files/s", two.rate / parse.rate, 1.2, True)
    else:
        add("(a) one process / (c) files/s", a.rate / parse.rate, 0.7, True)
    single = runs["readiness validate, one file"]
    add("(d) readiness / check-jsonschema wall, one file (default install)",
        single.median / runs["check-jsonschema, one file, default (pure Python YAML)"].median,
        0.75, False)
    add("(e) readiness --version / import typer wall",
        runs["readiness --version"].median / runs["python -c 'import typer'"].median, 1.3, False)
    report = runs["readiness report --format html, one file"]
    if not report.skipped:
        add("(f) report html / validate, one file wall", report.median / single.median, 1.2,
            False)
    for group, name in (("a", "readiness validate"), ("g", "readiness portfolio")):
        small = runs.get(f"{name}, {files} files")
        large = runs.get(f"{name}, {10 * files} files")
        if small and large and small.walls and large.walls:
            add(f"({group}) max RSS, {10 * files} / {files} files",
                large.max_rss_kb / small.max_rss_kb, 1.2, False)
    return rows


def print_table(runs: list[Run], ratios: list[dict[str, object]], info: dict[str, object]) -> None:
    print()
    print(f"{info['date']}, {info['nproc']} cores, {info['cpu']}, Python {info['python']}, "
          f"load average {info['load_average_before'][0]:.2f} before, "  # type: ignore[index]
          f"{info['load_average_after'][0]:.2f} after")  # type: ignore[index]
    header = f"{'':4}{'case':58}{'files':>7}{'median s':>10}{'files/s':>10}{'max RSS MB':>12}"
    print(header)
    print("-" * len(header))
    for run in runs:
        if run.skipped:
            print(f"({run.group}) {run.name:56}  skipped: {run.skipped}")
            continue
        rate = f"{run.rate:10.0f}" if run.files > 1 else f"{'':10}"
        print(f"({run.group[0]}) {run.name:58}{run.files:7d}{run.median:10.3f}{rate}"
              f"{run.max_rss_kb / 1024:12.1f}")
    print()
    for row in ratios:
        mark = "met" if row["met"] else "NOT MET"
        print(f"{row['target']:70} {row['value']:8.2f}  target {row['bound']:8} {mark}")


if __name__ == "__main__":
    main()
