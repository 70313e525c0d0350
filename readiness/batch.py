"""Validating many files: find them, assess each, decide the exit code (docs/cli.md).

Every file is checked and reported even when others are invalid; the worst outcome
decides the exit code: 2 if any file is invalid, else 1 if any falls short of the bar.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from readiness.choices import EXIT_BELOW_BAR, EXIT_INVALID, EXIT_OK
from readiness.engine import Result, assess
from readiness.loader import LoadError, collector_paused, display_name, load
from readiness.model import Assessment, Status
from readiness.packs import PackChoice, PackSource, as_choice
from readiness.schema import InvalidAssessment, SchemaError, validate
from readiness.scoring import GateResult, criterion_result
from readiness.thresholds import Bar, Thresholds

if TYPE_CHECKING:
    from concurrent.futures import Future

SUFFIXES = (".yaml", ".yml", ".json")
SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
# A top-level key in block YAML starts a line; in JSON (or a YAML flow mapping) it may
# follow the opening brace or be indented by a pretty-printer.
_YAML_MARKER = re.compile(r"""^(?:\{\s*)?["']?schema_version["']?\s*:""", re.MULTILINE)


@dataclass
class FileReport:
    """One file's outcome: a result, or the errors that made it invalid."""

    path: str
    result: Result | None = None
    errors: list[SchemaError] = field(default_factory=list)
    shortfalls: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.result is not None

    @property
    def below_bar(self) -> bool:
        return self.valid and bool(self.shortfalls)


@dataclass
class Rendered:
    """A file as a run checked in worker processes hands it on when every output renders
    a file on its own (`Output.renderer`): each output's text, made in the worker, and
    what the counts need."""

    path: str
    valid: bool
    shortfalls: list[str]
    texts: tuple[str, ...]


Render = Callable[[FileReport], str]
"""An output's text for one file (`Output.renderer`)."""


class Output(Protocol):
    """Where a run writes: `readiness.reporters.Writer` is one."""

    def file(self, report: FileReport) -> None: ...

    def renderer(self) -> Render | None: ...

    def write(self, text: str) -> None: ...


@dataclass
class Tally:
    """What a run keeps of every file once its output is written: the counts that decide
    the summary line and the exit code."""

    files: int = 0
    invalid: int = 0
    below_bar: int = 0

    def add(self, report: FileReport | Rendered) -> None:
        self.files += 1
        if not report.valid:
            self.invalid += 1
        elif report.shortfalls:
            self.below_bar += 1

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return EXIT_INVALID
        return EXIT_BELOW_BAR if self.below_bar else EXIT_OK


def is_assessment(path: str | Path) -> bool:
    """In a folder, a YAML or JSON file is an assessment when it has a top-level
    `schema_version` key in its first 64 KiB (after a UTF-8 byte order mark). A file
    that is not UTF-8 text (UTF-16 with or without its mark, Latin-1...) or cannot be
    read counts as one, so that the loader reports why: no file in a scanned folder is
    skipped because of its encoding. See docs/ci.md."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return True  # let the loader report why it cannot be read
    is_json = str(path).lower().endswith(".json")
    if not is_json and (head.startswith(_PLAIN_KEY[1:]) or _PLAIN_KEY in head):
        return True
    text = _decoded(head)
    if text is None or "\x00" in text:
        return True  # not UTF-8, or UTF-16 without its mark: YAML and JSON hold no NUL
    if is_json:
        return _json_top_level_key(text, "schema_version")
    return bool(_YAML_MARKER.search(text))


_HEAD = 65536
_PLAIN_KEY = b"\nschema_version:"
"""The YAML marker as most files write it, at the start of a line: found in the bytes
(as `_YAML_MARKER` would find it in the text), it spares decoding the head and searching
it with the expression."""


def _decoded(head: bytes) -> str | None:
    """The start of a file as text, without a UTF-8 byte order mark; None if it is not
    UTF-8 (a character cut at the end of the 64 KiB read is dropped)."""
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        cut = len(head) == _HEAD and exc.start >= len(head) - 3
        if cut and exc.reason == "unexpected end of data":
            return head[: exc.start].decode("utf-8-sig")
        return None


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def _json_top_level_key(text: str, key: str) -> bool:
    """Whether JSON `text` (possibly cut short) has `key` among the keys of its top-level
    object: a key of the same name nested deeper (a JSON Schema's `properties`) is not."""
    depth = 0
    previous = ""
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
        elif token == ":":
            if depth == 1 and previous == f'"{key}"':
                return True
        previous = token
    return False


def discover(paths: Iterable[str | Path], assessments_only: bool = False) -> Iterator[str]:
    """Files as given (with `assessments_only`, only those `is_assessment` accepts);
    folders searched recursively for assessment files, in sorted order.

    Paths are plain strings: pathlib interns every name it parses for good, which would
    make memory grow with the number of files of a large portfolio."""
    for given in paths:
        path = os.fspath(given)
        if not os.path.isdir(path):
            if not assessments_only or path == "-" or is_assessment(path):
                yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
            for name in sorted(files):
                if name.lower().endswith(SUFFIXES):
                    candidate = os.path.join(root, name)
                    # Only regular files: opening a FIFO named *.yaml would wait forever.
                    if os.path.isfile(candidate) and is_assessment(candidate):
                        yield candidate


def check_file(
    path: str | Path, packs: PackSource, thresholds: Thresholds, today: date, bar: Bar,
    keep_all: bool = False,
) -> FileReport:
    """Load, validate, assess and measure one file against the bar; never raises for bad
    input. `packs` is one pack, or a choice by the file's domain; `keep_all` keeps every
    finding in the result (`Result.all_findings`), for a comparison."""
    # The file's objects are freed when `_check` returns, before the collector is back
    # (docs/reliability.md, "Time and output bounds").
    with collector_paused():
        return _check(path, packs, thresholds, today, bar, keep_all)


def _check(
    path: str | Path, packs: PackSource, thresholds: Thresholds, today: date, bar: Bar,
    keep_all: bool = False,
) -> FileReport:
    name = display_name(path)
    try:
        document = load(path)
        assessment = validate(document)
    except LoadError as exc:
        return FileReport(name, errors=[SchemaError(exc.message, "", exc.line, exc.column)])
    except InvalidAssessment as exc:
        return FileReport(name, errors=exc.errors)
    pack = as_choice(packs).for_domain(assessment.initiative.domain)
    result = assess(document, assessment, pack, thresholds, today, keep_all=keep_all)
    return FileReport(name, result=result, shortfalls=result.shortfalls(bar))


def write_reports(
    outputs: Sequence[Output],
    paths: Iterable[str | Path],
    packs: PackSource,
    thresholds: Thresholds,
    today: date,
    bar: Bar,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Tally:
    """Check every file as `iter_reports` does and hand each output its part as soon as
    the file and those before it are ready; the counts of the run.

    When every output renders a file on its own (`Output.renderer`), files checked in
    worker processes are rendered there: this process then only writes their texts,
    instead of receiving, rebuilding and rendering each report while the workers wait
    for a core (docs/performance.md)."""
    tally = Tally()
    renders = [output.renderer() for output in outputs]
    ready = tuple(r for r in renders if r is not None)
    rendered = ready if len(ready) == len(renders) else None
    for item in _reports(paths, packs, thresholds, today, bar, jobs, progress, rendered):
        tally.add(item)
        if isinstance(item, Rendered):
            for output, text in zip(outputs, item.texts, strict=True):
                output.write(text)
        else:
            for output in outputs:
                output.file(item)
    return tally


def iter_reports(
    paths: Iterable[str | Path],
    packs: PackSource,
    thresholds: Thresholds,
    today: date,
    bar: Bar,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[FileReport]:
    """Check every file `discover` finds, in `jobs` processes (None: one per core, or one
    process for fewer than `POOL_FROM` files), yielding each report in input order as
    soon as it and those before it are ready.

    Reports are the same whatever the number of jobs. Each keeps what the reporters read
    (`FileReport.result` with the assessment cut to its `initiative`). At most a few
    chunks per worker are in flight, so a run holds a bounded number of reports however
    many files it checks. `progress(done, total)` is called as files complete.
    """
    for report in _reports(paths, packs, thresholds, today, bar, jobs, progress, None):
        assert isinstance(report, FileReport)
        yield report


def _reports(
    paths: Iterable[str | Path],
    packs: PackSource,
    thresholds: Thresholds,
    today: date,
    bar: Bar,
    jobs: int | None,
    progress: Callable[[int, int], None] | None,
    renders: tuple[Render, ...] | None,
) -> Iterator[FileReport | Rendered]:
    """`iter_reports`; with `renders`, a file checked in a worker process comes back
    `Rendered` by them."""
    # Names, not Path objects: a run over 10,000 files holds the list for its whole length.
    files = list(discover(paths))
    choice = as_choice(packs)
    if jobs is None:
        wanted = default_jobs() if len(files) >= POOL_FROM else 1
    else:
        wanted = max(1, jobs)
    workers = min(wanted, -(-len(files) // CHUNK))
    done = 0
    if workers <= 1:
        for path in files:
            yield _reduced(check_file(path, choice, thresholds, today, bar))
            done += 1
            if progress:
                progress(done, len(files))
        return
    choice.packs  # noqa: B018 - every pack loaded once here, not again in each worker
    for chunk in _in_processes(files, workers, choice, thresholds, today, bar, renders):
        for sent in chunk:
            if isinstance(sent, Rendered):
                yield sent
            else:
                yield _restore(*sent, choice, thresholds)
        done += len(chunk)
        if progress:
            progress(done, len(files))


CHUNK = 32
"""Files per task sent to a worker process: large enough that sending a task costs
little. Towards the end of a run the tasks get shorter (`chunked`)."""


def chunked(files: list[str], workers: int) -> Iterator[list[str]]:
    """`files` in the runs sent to `workers` processes: CHUNK files each, then, once a
    worker's share of what is left is under four chunks, a quarter of that share (at
    least four files), so that the workers finish together: the last task is a few
    files, not a whole chunk that one worker checks while the others wait."""
    start = 0
    while start < len(files):
        size = min(CHUNK, max(4, (len(files) - start) // (4 * workers)))
        yield files[start : start + size]
        start += size


POOL_FROM = 96
"""With no --jobs, fewer files than this are checked in the command's own process: the
pool's start-up (forking, sending the packs to each worker) costs more than a second core
saves on a few files. See docs/performance.md for the measurements behind it."""


def default_jobs() -> int:
    """One process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _reduced(report: FileReport) -> FileReport:
    """What the reporters read: the assessment cut to its initiative (id and name)."""
    result = report.result
    if result is None:
        return report
    assessment = Assessment.model_construct(
        schema_version=result.assessment.schema_version,
        initiative=result.assessment.initiative,
    )
    return replace(report, result=replace(result, assessment=assessment))


# --- worker processes ------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(
    packs: PackChoice, thresholds: Thresholds, today: date, bar: Bar,
    renders: tuple[Render, ...] | None,
) -> None:
    _WORKER.update(packs=packs, thresholds=thresholds, today=today, bar=bar, renders=renders)
    # Interrupting a run is the parent's to handle; workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


Criteria = tuple[tuple[bool, ...], ...]
"""Whether each criterion of each gate holds, in the pack's order (it is satisfied when
it holds and its gate has started)."""

Sent = tuple[FileReport, Criteria, int]
"""A report as a worker sends it, its criteria, and its pack's index in the choice."""


def _check_chunk(paths: list[str]) -> list[Sent | Rendered]:
    """Files as sent back to the parent: rendered, when the run has `renders`; otherwise
    reports without what the parent already has: the packs (only the index of the one
    that scored the file) and thresholds, and the criteria's texts (only whether each is
    satisfied)."""
    w = _WORKER
    choice: PackChoice = w["packs"]
    renders: tuple[Render, ...] | None = w["renders"]
    sent: list[Sent | Rendered] = []
    for path in paths:
        report = _reduced(check_file(path, choice, w["thresholds"], w["today"], w["bar"]))
        if renders is not None:
            texts = tuple(render(report) for render in renders)
            sent.append(Rendered(report.path, report.valid, report.shortfalls, texts))
            continue
        criteria: Criteria = ()
        pack_index = 0
        if report.result is not None:
            result = report.result
            pack_index = choice.index(result.pack)
            criteria = tuple(tuple(c.holds for c in gate.criteria) for gate in result.gates)
            gates = [replace(gate, criteria=()) for gate in result.gates]
            report = replace(
                report,
                result=replace(result, gates=gates, pack=None, thresholds=None),  # type: ignore[arg-type]
            )
        sent.append((report, criteria, pack_index))
    return sent


def _restore(
    report: FileReport,
    criteria: Criteria,
    pack_index: int,
    choice: PackChoice,
    thresholds: Thresholds,
) -> FileReport:
    """The report as `check_file` made it, from what `_check_chunk` sent: each criterion's
    result as scoring makes it (`scoring.criterion_result`, made once for all files)."""
    result = report.result
    if result is None:
        return report
    pack = choice.packs[pack_index]
    gates = []
    for index, (gate, flags) in enumerate(zip(result.gates, criteria, strict=True)):
        started = gate.status != Status.NOT_STARTED
        made = tuple(
            criterion_result(c, started and held, held)
            for c, held in zip(pack.gates[index].criteria, flags, strict=True)
        )
        gates.append(GateResult(gate.id, gate.status, gate.score, gate.passed, made))
    return replace(report, result=replace(result, gates=gates, pack=pack, thresholds=thresholds))


def _in_processes(
    files: list[str], workers: int, packs: PackChoice, thresholds: Thresholds, today: date,
    bar: Bar, renders: tuple[Render, ...] | None,
) -> Iterator[list[Sent | Rendered]]:
    """Chunks of files as `_check_chunk` sends them, in input order, checked by a pool
    of `workers` processes."""
    # Imported here: a run over one file or a few never starts a pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts a worker in milliseconds with everything already imported; elsewhere
    # (macOS, Windows) the platform's default start method is the safe one.
    method = "fork" if sys.platform == "linux" else None
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker,
        initargs=(packs, thresholds, today, bar, renders),
    )
    # Submit ahead only a few chunks per worker: results wait in the parent until their
    # turn, and a slow reader (a pipe, a terminal) must not let them pile up.
    ahead = 2 * workers
    pending: deque[Future[list[Sent | Rendered]]] = deque()
    try:
        for chunk in chunked(files, workers):
            pending.append(pool.submit(_check_chunk, chunk))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        # Interrupted (or a worker failed): drop the chunks not started, do not wait.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
