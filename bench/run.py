"""The benchmark: readiness against check-jsonschema and against the cost of parsing YAML.

    .venv/bin/python bench/run.py [--reps 5] [--peer-reps 1] [--memory]

One run measures, side by side and each as a whole process (start-up included), the
median wall time of several repetitions, timed in rounds (each round runs every case of
its group once, so that the cases a ratio compares see the same load), of:

  (a) `readiness validate` over the corpus (1,000 valid and 1,000 invalid files), with
      the default number of jobs and with --jobs 1, in the default text format and in JSON;
  (b) `check-jsonschema --schemafile <readiness schema>` over the same files, as
      installed by default (ruamel.yaml in pure Python) and with ruamel.yaml.clib;
  (a) floor: bench/floor.py, the command's imports and then only loading and validating
      each file, with --jobs 1 and the default, over each corpus;
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
EXAMPLES = " [examples]"
"""The suffix of the cases run over the copies of the bundled examples."""
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
    steal: list[float] = field(default_factory=list)
    max_rss_kb: int = 0
    skipped: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def rate(self) -> float:
        return self.files / self.median if self.walls and self.files else float("nan")

    @property
    def stolen_share(self) -> float:
        """The share of the machine's CPU time (every core) that the hypervisor gave to
        other guests while this case ran, over all its repetitions."""
        machine = sum(self.walls) * (os.cpu_count() or 1)
        return sum(self.steal) / machine if machine else float("nan")


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
        LOADS.append(os.getloadavg()[0])


LOADS: list[float] = []
"""The one-minute load average after each round."""


def measure_once(run: Run) -> None:
    """Run the command once as a whole process; wall time, CPU time and max RSS."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **run.env}
    stolen_before = stolen()
    start = time.perf_counter()
    process = subprocess.Popen(
        run.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    run.steal.append(stolen() - stolen_before)
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


def stolen() -> float:
    """Seconds of CPU time that the hypervisor has given to other guests since the machine
    started, every core together: the `steal` column of Linux's /proc/stat; 0 elsewhere.
    On a virtual machine a busy neighbour slows a case that needs both cores more than
    one that needs one, and this says when that happened."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = handle.readline().split()
    except OSError:
        return 0.0
    if len(fields) < 9 or fields[0] != "cpu":
        return 0.0
    return int(fields[8]) / TICKS


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def readiness(*args: str) -> list[str]:
    script = BIN / "readiness"
    if script.exists():
        return [str(script), *args]
    return [PYTHON, "-m", "readiness", *args]


def validate_runs(suffix: str, argv: list[str], files: int, expect: tuple[int, ...],
                  has_jobs: bool, cores: int) -> list[Run]:
    """`readiness validate` over one corpus: the default jobs in text and JSON, and --jobs 1
    (and --jobs 2 where the machine does not have two cores)."""
    runs = [
        Run(f"readiness validate (text){suffix}", "a", readiness(*argv), files, expect=expect),
        Run(f"readiness validate --format json{suffix}", "a",
            readiness(*argv, "--format", "json"), files, expect=expect),
    ]
    if has_jobs:
        runs.append(Run(f"readiness validate --jobs 1{suffix}", "a",
                        readiness(*argv, "--jobs", "1"), files, expect=expect))
        if cores != 2:
            runs.append(Run(f"readiness validate --jobs 2{suffix}", "a",
                            readiness(*argv, "--jobs", "2"), files, expect=expect))
    return runs


def export(ref: str) -> tuple[Path, str]:
    """The source tree of git `ref`, exported once into bench/out/baseline/<commit> (no
    git metadata, nothing installed: it runs from the tree with this interpreter and the
    dependencies of this virtualenv), its bytecode compiled; and the commit."""
    done = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"--baseline {ref}: not a commit: {done.stderr.strip()}")
    commit = done.stdout.strip()
    tree = OUT / "baseline" / commit
    if not (tree / "readiness" / "__init__.py").exists():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], capture_output=True, cwd=ROOT,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(tree / "readiness")], check=True)
    return tree, commit


def from_tree(tree: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """A readiness command run from the source tree `tree`: `python -P -m readiness` with
    the tree first on the path (-P: not the working directory), whatever is installed."""
    return [PYTHON, "-P", "-m", "readiness", *args], {"PYTHONPATH": str(tree)}


def validity(tree: Path, args: Sequence[str]) -> dict[str, tuple[bool, str]]:
    """Per file, whether the code in `tree` finds it valid, and its first error."""
    argv, env = from_tree(tree, "validate", *args, "--today", TODAY, "--format", "json",
                          "--jobs", "1")
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **env})
    if done.returncode not in (0, 1, 2) or not done.stdout:
        raise SystemExit(f"{' '.join(argv)} (from {tree}): exit {done.returncode}\n"
                         f"{done.stderr[-2000:]}")
    return {
        entry["path"]: (entry["valid"], entry["errors"][0]["message"] if entry["errors"] else "")
        for entry in json.loads(done.stdout)["files"]
    }


def baseline_runs(ref: str, corpora: dict[str, tuple[list[str], list[Path]]],
                  info: dict[str, object]) -> list[Run]:
    """`readiness validate` of this tree and of `ref`, side by side over each corpus, in
    text with the default jobs and with --jobs 1, both started the same way (`from_tree`).

    A corpus is used whole when both accept the same files; otherwise only the files both
    agree on (a file the baseline rejects for a field it does not know would skip the
    work being measured), and the number left out is recorded with one reason."""
    tree, commit = export(ref)
    probe, env = from_tree(tree)
    where = subprocess.run([probe[0], "-P", "-c", "import readiness; print(readiness.__file__)"],
                           capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, **env}).stdout.strip()
    if not where.startswith(str(tree)):
        raise SystemExit(f"--baseline {ref}: readiness imported from {where}, not {tree}")
    info["baseline"] = {"ref": ref, "commit": commit, "corpora": {}}
    short = commit[:7]
    runs = []
    for suffix, (args, paths) in corpora.items():
        ours = validity(ROOT, args)
        theirs = validity(tree, args)
        agreed = [str(p) for p in paths if ours[str(p)][0] == theirs[str(p)][0]]
        left_out = [str(p) for p in paths if ours[str(p)][0] != theirs[str(p)][0]]
        note: dict[str, object] = {"files": len(agreed), "left_out": len(left_out)}
        if left_out:
            first = left_out[0]
            note["why"] = (f"{first}: valid here, {'' if theirs[first][0] else 'in'}valid "
                           f"at {short}: {theirs[first][1] or ours[first][1]}")
            args = agreed
        info["baseline"]["corpora"][suffix.strip() or "[generated]"] = note  # type: ignore[index]
        codes = (2,) if any(not ours[p][0] for p in agreed) else (0, 1)
        for jobs in ((), ("--jobs", "1")):
            label = " --jobs 1" if jobs else ""
            for side, source in (("this tree", ROOT), (f"baseline {short}", tree)):
                argv, env = from_tree(source, "validate", *args, "--today", TODAY, *jobs)
                runs.append(Run(f"{side}: validate{label}{suffix}", "o", argv, len(agreed),
                                env=env, expect=codes))
    return runs


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


def make_examples_corpus(folder: Path, count: int) -> Path:
    """`count` copies of examples/*.yaml with distinct initiative ids and names, made once
    (a marker records what they were made from) and checked against the examples: each
    copy of the first round has the same `validate --format json` entry as its example,
    but for its path and id."""
    marker = folder / "corpus.json"
    examples = ROOT / "examples"
    sources = sorted(examples.glob("*.yaml"))
    spec = {"count": count, "examples": {p.name: p.stat().st_mtime_ns for p in sources},
            "generator": (HERE / "corpus.py").stat().st_mtime_ns}
    if marker.exists() and json.loads(marker.read_text()) == spec:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"copying the examples {count} times into {folder.relative_to(ROOT)} ...", flush=True)
    written = corpus.copy_examples(folder, examples, count)
    originals = _validate_json(sources)
    copies = _validate_json(written[: len(sources)])
    for copy, original in zip(copies, originals, strict=True):
        expected = {**original, "path": copy["path"], "initiative": copy.get("initiative")}
        if copy != expected:
            raise SystemExit(f"{copy['path']}: not checked as {original['path']} is")
    marker.write_text(json.dumps(spec))
    return folder


def _validate_json(paths: Sequence[Path]) -> list[dict[str, object]]:
    """Each file's entry of `readiness validate --format json`, in order."""
    done = subprocess.run(readiness("validate", *map(str, paths), "--today", TODAY,
                                    "--format", "json", "--jobs", "1"),
                          capture_output=True, text=True, cwd=ROOT)
    files: list[dict[str, object]] = json.loads(done.stdout)["files"]
    return files


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
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each corpus run")
    parser.add_argument("--single-reps", type=int, default=11,
                        help="repetitions of each one-file and start-up run")
    parser.add_argument("--files", type=int, default=1000,
                        help="valid files in the corpus (as many invalid ones)")
    parser.add_argument("--peer-reps", type=int, default=1,
                        help="repetitions of check-jsonschema over the corpus")
    parser.add_argument("--memory", action="store_true",
                        help="also measure max RSS over 1,000 and 10,000 files")
    parser.add_argument("--baseline", metavar="REF",
                        help="also time `validate` of git REF against this tree, in the "
                        "same rounds over the same files, and print the ratio")
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
    copies = make_examples_corpus(OUT / "corpus-examples", args.files)
    example_paths = sorted(p for p in copies.iterdir() if p.suffix == ".yaml")
    example_listing = OUT / "files-examples.txt"
    example_listing.write_text("\n".join(str(p) for p in example_paths), encoding="utf-8")
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
    examples = ["validate", str(copies), "--today", TODAY]

    runs: list[Run] = []
    corpus_runs = validate_runs("", validate, total, (2,), has_jobs, cores)
    corpus_runs += validate_runs(EXAMPLES, examples, len(example_paths), (1,), has_jobs, cores)
    for label, env in configs.items():
        corpus_runs.append(Run(f"check-jsonschema, {label}", "b",
                               [cjs, "--schemafile", str(schema), *map(str, paths)], total,
                               env=env, expect=(1,)))
    corpus_runs.append(Run("yaml.load(CSafeLoader) loop", "c",
                           [PYTHON, "-c", PARSE_LOOP, str(listing)], total))
    corpus_runs.append(Run(f"yaml.load(CSafeLoader) loop{EXAMPLES}", "c",
                           [PYTHON, "-c", PARSE_LOOP, str(example_listing)],
                           len(example_paths)))
    for suffix, paths_file, count in (("", listing, total),
                                      (EXAMPLES, example_listing, len(example_paths))):
        floor = [PYTHON, str(HERE / "floor.py"), str(paths_file)]
        corpus_runs.append(Run(f"floor: load and validate only, --jobs 1{suffix}", "a",
                               [*floor, "--jobs", "1"], count))
        corpus_runs.append(Run(f"floor: load and validate only, default jobs{suffix}", "a",
                               floor, count))
    if args.baseline:
        corpus_runs += baseline_runs(args.baseline, {
            "": (validate[1:3], paths), EXAMPLES: ([str(copies)], example_paths)}, info)
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
    info["load_average_rounds"] = LOADS
    info["seconds"] = round(time.perf_counter() - started, 1)
    by_name = {run.name: run for run in runs + memory}
    ratios = targets(by_name, configs, has_jobs, cores, args.files)
    print_table(runs + memory, ratios, info)
    results = {
        "machine": info,
        "runs": [{**asdict(run), "median": run.median, "files_per_second": run.rate,
                  "stolen_share": run.stolen_share}
                 for run in runs + memory],
        "targets": ratios,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {(OUT / 'results.json').relative_to(ROOT)} in {info['seconds']} s")


def targets(runs: dict[str, Run], configs: dict[str, dict[str, str]], has_jobs: bool,
            cores: int, files: int) -> list[dict[str, object]]:
    """The ratios of the targets of docs/performance.md, each with its bound and whether
    it holds."""
    rows: list[dict[str, object]] = []

    def add(label: str, value: float, bound: float, at_least: bool,
            rounds: Sequence[float] = (), floor: bool = False,
            beyond: tuple[float, float] | None = None) -> None:
        met = value >= bound if at_least else value <= bound
        rows.append({"target": label, "value": round(value, 3),
                     "bound": f"{'>=' if at_least else '<='} {bound}", "met": bool(met),
                     "rounds": [round(r, 3) for r in rounds], "floor": floor,
                     "beyond_floor": [round(s, 3) for s in beyond] if beyond else None})

    a = runs["readiness validate (text)"]
    for label in configs:
        b = runs[f"check-jsonschema, {label}"]
        bound: float = 10 if label.startswith("default") else 3
        add(f"(a) / (b) files/s, check-jsonschema {label}", a.rate / b.rate, bound, True)
    for suffix in ("", EXAMPLES):
        parse = runs[f"yaml.load(CSafeLoader) loop{suffix}"]
        default = runs[f"readiness validate (text){suffix}"]
        if has_jobs:
            one = runs[f"readiness validate --jobs 1{suffix}"]
            add(f"(a) --jobs 1 / (c) files/s{suffix}", one.rate / parse.rate, 0.75, True,
                per_round(parse, one))
            add(f"(a) default ({cores} jobs) / (c) files/s{suffix}", default.rate / parse.rate,
                1.3, True, per_round(parse, default))
            if cores != 2:
                two = runs[f"readiness validate --jobs 2{suffix}"]
                add(f"(a) --jobs 2 / (c) files/s{suffix}", two.rate / parse.rate, 1.3, True)
        else:
            add(f"(a) one process / (c) files/s{suffix}", default.rate / parse.rate, 0.75, True)
        for jobs, bound in (("--jobs 1", 0.75), ("default jobs", 1.3)):
            floor = runs[f"floor: load and validate only, {jobs}{suffix}"]
            # The seconds the command may take beyond the floor and still meet the bound
            # (the parse loop's median over the bound, less the floor's), and those it took.
            command = (runs[f"readiness validate --jobs 1{suffix}"]
                       if jobs == "--jobs 1" and has_jobs else default)
            beyond = (parse.median / bound - floor.median, command.median - floor.median)
            add(f"floor, {jobs} / (c) files/s{suffix}", floor.rate / parse.rate, bound, True,
                per_round(parse, floor), floor=True, beyond=beyond)
    for name, run in runs.items():
        if run.group == "o" and name.startswith("baseline "):
            side, case = name.split(": ", 1)
            ours = runs[f"this tree: {case}"]
            add(f"(o) {case}, wall: this tree / {side}", ours.median / run.median, 1.1, False)
    single = runs["readiness validate, one file"]
    peer = runs["check-jsonschema, one file, default (pure Python YAML)"]
    add("(d) readiness / check-jsonschema wall, one file (default install)",
        single.median / peer.median, 0.75, False, per_round(single, peer))
    version, typer = runs["readiness --version"], runs["python -c 'import typer'"]
    add("(e) readiness --version / import typer wall", version.median / typer.median, 1.3,
        False, per_round(version, typer))
    report = runs["readiness report --format html, one file"]
    if not report.skipped:
        add("(f) report html / validate, one file wall", report.median / single.median, 1.2,
            False, per_round(report, single))
    for group, name in (("a", "readiness validate"), ("g", "readiness portfolio")):
        small = runs.get(f"{name}, {files} files")
        large = runs.get(f"{name}, {10 * files} files")
        if small and large and small.walls and large.walls:
            add(f"({group}) max RSS, {10 * files} / {files} files",
                large.max_rss_kb / small.max_rss_kb, 1.2, False)
    return rows


def per_round(numerator: Run, denominator: Run) -> list[float]:
    """A ratio of wall times in each round: the two runs were timed in the same rounds
    (`measure_together`), so the spread of these says how much the machine moved the
    ratio while the code stayed the same."""
    if len(numerator.walls) != len(denominator.walls):
        return []
    return [n / d for n, d in zip(numerator.walls, denominator.walls, strict=True)]


def print_table(runs: list[Run], ratios: list[dict[str, object]], info: dict[str, object]) -> None:
    print()
    print(f"{info['date']}, {info['nproc']} cores, {info['cpu']}, Python {info['python']}, "
          f"load average {info['load_average_before'][0]:.2f} before, "  # type: ignore[index]
          f"{info['load_average_after'][0]:.2f} after")  # type: ignore[index]
    print("load average after each round: " + ", ".join(f"{x:.2f}" for x in LOADS))
    baseline = info.get("baseline")
    if isinstance(baseline, dict):
        print(f"baseline {baseline['ref']} ({baseline['commit']}):")
        for corpus_name, note in baseline["corpora"].items():
            print(f"  {corpus_name}: {note['files']} files"
                  + (f", {note['left_out']} left out ({note['why']})" if note["left_out"] else ""))
    header = (f"{'':4}{'case':62}{'files':>7}{'median s':>10}{'files/s':>10}{'max RSS MB':>12}"
              f"{'steal %':>9}")
    print(header)
    print("-" * len(header))
    for run in runs:
        if run.skipped:
            print(f"({run.group}) {run.name:60}  skipped: {run.skipped}")
            continue
        rate = f"{run.rate:10.0f}" if run.files > 1 else f"{'':10}"
        print(f"({run.group[0]}) {run.name:62}{run.files:7d}{run.median:10.3f}{rate}"
              f"{run.max_rss_kb / 1024:12.1f}{100 * run.stolen_share:9.1f}")
    for floor in (False, True):
        print()
        if floor:
            print("The floor, load and validate only, against the same bounds: where it does "
                  "not reach a bound, no work after them leaves room for the target.")
        for row in ratios:
            if row["floor"] is floor:
                print_ratio(row)


def print_ratio(row: dict[str, object]) -> None:
    if row["floor"]:
        mark = "room" if row["met"] else "NO ROOM"
    else:
        mark = "met" if row["met"] else "NOT MET"
    rounds = row["rounds"]
    spread = (f"  (rounds {min(rounds):.2f}-{max(rounds):.2f})"
              if isinstance(rounds, list) and len(rounds) > 1 else "")
    print(f"{row['target']:80} {row['value']:6.2f}  target {row['bound']:8} {mark}{spread}")
    beyond = row.get("beyond_floor")
    if isinstance(beyond, list):
        allowed, taken = beyond
        print(f"{'':6}beyond the floor the command may take {allowed:.3f} s and meet the "
              f"bound; it took {taken:.3f} s (rules, scores, advice, output)")


if __name__ == "__main__":
    main()
