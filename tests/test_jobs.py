"""`validate --jobs N`: the same reports, in the same order, whatever the number of processes;
and a progress bar only on a terminal."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from readiness.batch import CHUNK, FileReport, Render, iter_reports, write_reports
from readiness.choices import Format
from readiness.cli.common import PROGRESS_FROM, progress_bar
from readiness.packs import choose_packs
from readiness.thresholds import Bar, Thresholds
from tests.common import EXAMPLES, TODAY, checked, rendered


def corpus(tmp_path: Path) -> list[Path]:
    """Enough files for several chunks: the examples again and again, and some broken."""
    folder = tmp_path / "many"
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.yaml"))
    for index in range(3 * CHUNK):
        source = examples[index % len(examples)]
        shutil.copy(source, folder / f"{index:03d}-{source.name}")
    (folder / "050-broken.yaml").write_text("schema_version: 1\ninitiative: {id: [\n")
    (folder / "051-unknown-key.yaml").write_text("schema_version: 1\nintiative: {}\n")
    return [folder]


def test_jobs_give_the_same_reports_in_the_same_order(tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    pack = choose_packs()
    one = checked(paths, pack, Thresholds(), TODAY, Bar(), jobs=1)
    two = checked(paths, pack, Thresholds(), TODAY, Bar(), jobs=2)
    assert len(one.files) == 3 * CHUNK + 2
    assert [f.path for f in two.files] == sorted(f.path for f in two.files)
    assert one.files == two.files
    assert one.tally.invalid == two.tally.invalid == 2
    def same(text: str) -> str:  # JUnit stamps the time of rendering: a second may pass
        return re.sub(r'timestamp="[^"]*"', 'timestamp=""', text)

    for fmt in (Format.JSON, Format.TEXT, Format.SARIF, Format.JUNIT):
        assert same(rendered(fmt, one)) == same(rendered(fmt, two))
    # The reports keep what reporters read, with the parent's packs and thresholds: each
    # file scored with the pack of its domain.
    result = two.files[0].result
    assert result is not None
    assert result.pack is pack.for_domain(result.assessment.initiative.domain)
    assert result.assessment.initiative.id
    used = {id(f.result.pack) for f in two.files if f.result is not None}
    assert used == {id(p) for p in pack.packs} and len(used) == 2
    assert result.assessment.data_pipeline is None  # the rest of the assessment is let go


def test_progress_goes_to_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_bar(io.StringIO()) is None  # a pipe or a file: no bar at all
    screen = Terminal()
    show = progress_bar(screen)
    assert show is not None
    show(1, PROGRESS_FROM - 1)
    assert screen.getvalue() == ""  # a short run draws nothing
    show(1, 1000)
    assert "1/1000 files" in screen.getvalue()
    show(1000, 1000)
    assert screen.getvalue().endswith("\r\x1b[K")  # the line is cleared at the end


def test_progress_is_called_as_files_complete(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    paths = corpus(tmp_path)
    for jobs in (1, 2):
        calls.clear()
        list(iter_reports(paths, choose_packs(), Thresholds(), TODAY, Bar(), jobs=jobs,
                          progress=lambda done, total: calls.append((done, total))))
        assert calls[-1] == (3 * CHUNK + 2, 3 * CHUNK + 2)
        assert [done for done, _ in calls] == sorted(done for done, _ in calls)


# --- streaming -----------------------------------------------------------------------------


def test_reports_stream_in_input_order_with_a_bounded_number_in_flight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    from readiness import batch

    paths = corpus(tmp_path)
    pack = choose_packs()
    whole = checked(paths, pack, Thresholds(), TODAY, Bar(), jobs=1)
    submitted: list[int] = []

    class Counting(concurrent.futures.ProcessPoolExecutor):
        def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append(1)
            return super().submit(*args, **kwargs)

    # The pool is imported when a run starts one: replaced where it is imported from.
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(batch, "CHUNK", 4)  # 25 chunks of 4 files
    stream = batch.iter_reports(paths, pack, Thresholds(), TODAY, Bar(), jobs=2)
    first = next(stream)
    # The first report arrives with only a few chunks per worker submitted.
    assert len(submitted) == 2 * 2 + 1
    rest = list(stream)
    assert len(submitted) == -(-len(whole.files) // 4)
    assert [first, *rest] == whole.files  # the same reports, in input order


@pytest.mark.parametrize(("files", "workers"), [(1000, 2), (2000, 2), (1000, 8), (100, 2), (3, 2)])
def test_tasks_get_shorter_towards_the_end(files: int, workers: int) -> None:
    from readiness.batch import CHUNK, chunked

    names = [f"{index}.yaml" for index in range(files)]
    chunks = list(chunked(names, workers))
    sizes = [len(chunk) for chunk in chunks]
    assert [name for chunk in chunks for name in chunk] == names  # every file, in order
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes) <= CHUNK
    if files >= 4 * workers * CHUNK:  # long enough for full chunks: it starts with them
        assert sizes[0] == CHUNK
    # The last tasks are a few files each, whoever checks them.
    assert all(size <= 4 for size in sizes[-2:]) or len(chunks) == 1


def test_small_batches_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    from readiness import batch

    class NoPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("a pool for a handful of files")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    reports = list(batch.iter_reports([EXAMPLES], choose_packs(), Thresholds(), TODAY, Bar()))
    assert len(reports) == len(list(EXAMPLES.glob("*.yaml"))) < batch.POOL_FROM


def test_the_command_streams_every_format_into_its_output(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from readiness.cli import app

    paths = corpus(tmp_path)
    whole = checked(paths, choose_packs(), Thresholds(), TODAY, Bar(), jobs=1)
    outputs = {fmt: tmp_path / f"out.{fmt.value}" for fmt in (Format.JSON, Format.SARIF,
                                                                Format.JUNIT)}
    args = ["validate", str(paths[0]), "--today", TODAY.isoformat(), "--jobs", "2",
            "-f", "text"]
    for fmt in outputs:
        args += ["-f", fmt.value]
    for target in outputs.values():
        args += ["-o", str(target)]
    outcome = CliRunner().invoke(app, args, env={"NO_COLOR": "1"})
    assert outcome.exit_code == whole.exit_code == 2, outcome.output
    assert outcome.stdout == rendered(Format.TEXT, whole)
    assert outputs[Format.JSON].read_text() == rendered(Format.JSON, whole)
    assert json.loads(outputs[Format.SARIF].read_text()) == json.loads(
        rendered(Format.SARIF, whole))
    junit = outputs[Format.JUNIT].read_text()
    assert junit.count("<testsuite ") == len(whole.files) and junit.endswith("</testsuites>\n")
    assert not list(tmp_path.glob(".*.tmp"))  # every temporary file was renamed into place


def _first_line(report: FileReport) -> str:
    """A renderer, as a format gives one: text made from the report alone."""
    return f"{report.path} {'valid' if report.valid else 'invalid'}\n"


class Recorder:
    """An output that records how the run handed it each file."""

    def __init__(self, renders: bool) -> None:
        self.renders = renders
        self.files: list[str] = []
        self.texts: list[str] = []

    def file(self, report: FileReport) -> None:
        self.files.append(_first_line(report))

    def renderer(self) -> Render | None:
        return _first_line if self.renders else None

    def write(self, text: str) -> None:
        self.texts.append(text)


def test_workers_render_when_every_output_renders_alone(tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    expected = [_first_line(r) for r in checked(paths, choose_packs(), Thresholds(), TODAY,
                                                   Bar(), jobs=1).files]
    # In worker processes, with outputs that all render alone: only texts come back.
    both = [Recorder(renders=True), Recorder(renders=True)]
    tally = write_reports(both, paths, choose_packs(), Thresholds(), TODAY, Bar(), jobs=2)
    assert (tally.files, tally.invalid) == (len(expected), 2)
    for output in both:
        assert output.texts == expected and output.files == []
    # One output that needs the whole report: every output gets the report.
    mixed = [Recorder(renders=True), Recorder(renders=False)]
    write_reports(mixed, paths, choose_packs(), Thresholds(), TODAY, Bar(), jobs=2)
    for output in mixed:
        assert output.files == expected and output.texts == []
    # In this process, the reports are handed over as they are.
    alone = [Recorder(renders=True)]
    write_reports(alone, paths, choose_packs(), Thresholds(), TODAY, Bar(), jobs=1)
    assert alone[0].files == expected and alone[0].texts == []


def test_the_command_writes_what_workers_rendered_as_it_would_render_it(
    tmp_path: Path,
) -> None:
    """Text on stdout and JSON in a file, both rendered in the workers; and --quiet."""
    from typer.testing import CliRunner

    from readiness.cli import app

    paths = corpus(tmp_path)
    whole = checked(paths, choose_packs(), Thresholds(), TODAY, Bar(), jobs=1)
    target = tmp_path / "out.json"
    base = ["validate", str(paths[0]), "--today", TODAY.isoformat(), "--jobs", "2"]
    outcome = CliRunner().invoke(app, [*base, "-f", "text", "-f", "json", "-o", str(target)],
                                 env={"NO_COLOR": "1"})
    assert outcome.exit_code == 2, outcome.output
    assert outcome.stdout == rendered(Format.TEXT, whole)
    assert target.read_text() == rendered(Format.JSON, whole)
    quiet = CliRunner().invoke(app, [*base, "--quiet"], env={"NO_COLOR": "1"})
    assert quiet.exit_code == 2 and quiet.stdout == ""
    broken = [f.path for f in whole.files if not f.valid]
    errors = [line.split(":")[0] for line in quiet.stderr.splitlines()]
    assert sorted(set(errors)) == sorted(broken) and len(errors) >= 2
