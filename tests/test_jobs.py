"""`validate --jobs N`: the same reports, in the same order, whatever the number of processes;
and a progress bar only on a terminal."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from readiness.batch import CHUNK, check_paths
from readiness.cli.common import PROGRESS_FROM, progress_bar
from readiness.options import Format
from readiness.packs import load_pack
from readiness.reporters import render
from readiness.settings import Bar, Thresholds
from tests.common import EXAMPLES, TODAY


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
    pack = load_pack(None)
    one = check_paths(paths, pack, Thresholds(), TODAY, Bar(), jobs=1)
    two = check_paths(paths, pack, Thresholds(), TODAY, Bar(), jobs=2)
    assert len(one.files) == 3 * CHUNK + 2
    assert [f.path for f in two.files] == sorted(f.path for f in two.files)
    assert one.files == two.files
    assert one.invalid == two.invalid == 2
    for fmt in (Format.JSON, Format.TEXT, Format.SARIF, Format.JUNIT):
        assert render(fmt, one) == render(fmt, two)
    # The reports keep what reporters read, with the parent's pack and thresholds.
    result = two.files[0].result
    assert result is not None
    assert result.pack is pack and result.assessment.initiative.id
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
        check_paths(paths, load_pack(None), Thresholds(), TODAY, Bar(), jobs=jobs,
                    progress=lambda done, total: calls.append((done, total)))
        assert calls[-1] == (3 * CHUNK + 2, 3 * CHUNK + 2)
        assert [done for done, _ in calls] == sorted(done for done, _ in calls)
