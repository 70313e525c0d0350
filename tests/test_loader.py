"""Bad input never becomes a traceback: each class of broken file through the real command
(exit 2, file and line in the message), and the loader's positions, limits and choices."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from readiness.loader import Limits, LoadError, load, loads
from readiness.schema import validate
from tests.common import EXAMPLES, HEADER
from tests.test_cli_validate import TODAY, assert_usage_error, cli, run


def billion_laughs() -> str:
    """The classic alias bomb: 9 levels of 9 aliases, about 387 million values."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "schema_version: 1\n" + "\n".join(lines) + "\n"


# (file name, content, line the message names, text the message holds)
BAD_FILES: list[tuple[str, str | bytes, int, str]] = [
    ("syntax.yaml", "schema_version: 1\ninitiative:\n  id: a\n   name: b\n", 4,
     "YAML syntax error"),
    ("unclosed.yaml", "schema_version: 1\ninitiative: {id: a\n", 3, "YAML syntax error"),
    ("empty.yaml", "", 1, "file is empty"),
    ("comments.yaml", "\n   \n# only a comment\n", 1, "no document"),
    ("list.yaml", "- schema_version: 1\n- initiative: {}\n", 1, "not a list"),
    ("scalar.yaml", "\n\njust some text\n", 3, "not a single value"),
    ("latin1.yaml", "schema_version: 1\nname: Qu\xe9bec\n".encode("latin-1"), 2, "not UTF-8"),
    ("bomb.yaml", billion_laughs(), 7, "expands to more than"),
    ("recursive.yaml", "schema_version: 1\nloop: &x\n  - *x\n", 2, "recursive alias"),
    ("duplicate.yaml", HEADER + "workflow:\n  status: in_progress\n  status: complete\n", 12,
     "duplicate key 'status' (first defined at line 11)"),
    ("json-syntax.json", '{"schema_version": 1,\n "initiative": {"id": "a"\n', 3,
     "YAML syntax error"),
]


@pytest.mark.parametrize(
    ("name", "content", "line", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES]
)
def test_bad_file_is_exit_2_with_file_and_line(
    tmp_path: Path, name: str, content: str | bytes, line: int, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    started = time.perf_counter()
    proc = cli("validate", str(path))
    assert time.perf_counter() - started < 10  # generous: the bomb must not hang
    assert_usage_error(proc, f"{path}:{line}:", message)


def test_alias_bomb_fails_fast() -> None:
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        loads(billion_laughs(), "bomb.yaml")
    assert time.perf_counter() - started < 2
    assert (caught.value.line, caught.value.column) == (7, 4)  # the first value over the limit


def test_alias_bomb_through_the_command_takes_under_two_seconds(tmp_path: Path) -> None:
    # Measured against the same command on a one-screen file, so that a busy machine's
    # interpreter start-up does not count against the loader.
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs())
    small = tmp_path / "small.yaml"
    small.write_text(HEADER)
    started = time.perf_counter()
    cli("validate", str(small))
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    proc = cli("validate", str(path))
    elapsed = time.perf_counter() - started
    assert_usage_error(proc, f"{path}:7:4:")
    assert elapsed - baseline < 2, f"took {elapsed:.2f} s against {baseline:.2f} s"


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    limit = Limits().max_bytes
    path.write_text("schema_version: 1\nnotes: |\n" + "  padding line of text\n" * (limit // 20))
    assert path.stat().st_size > limit
    assert_usage_error(cli("validate", str(path)), f"{path}:1:", f"limit of {limit} bytes")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert_usage_error(cli("validate", str(missing)), f"{missing}:1:", "no such file")


def test_every_file_of_a_batch_is_reported_even_when_one_is_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    proc = run("validate", "--today", TODAY, str(EXAMPLES / "care-copilot-ready.yaml"),
               str(missing))
    assert proc.returncode == 2
    assert "Ready for production" in proc.stdout and "no such file" in proc.stdout


# --- the loader, in-process ----------------------------------------------------------------


def test_positions_are_one_based_lines_and_columns() -> None:
    document = loads(
        "schema_version: 1\ndata_pipeline:\n  sources:\n    - name: CRM\n      owner: Team\n",
        "p.yaml",
    )
    assert document.positions[("schema_version",)] == (1, 1)
    assert document.positions[("data_pipeline", "sources", 0)] == (4, 7)
    assert document.positions[("data_pipeline", "sources", 0, "owner")] == (5, 7)
    # A path that is not in the file falls back to its nearest ancestor.
    assert document.position(("data_pipeline", "sources", 0, "kind")) == (4, 7)


def test_plain_on_key_stays_a_key() -> None:
    text = HEADER + (
        "rollout:\n  users_enabled: 60\n  users_total: 1200\n"
        "  history:\n    - on: 2026-06-08\n      users_enabled: 60\n"
        "    - {on: 2026-07-01, users_enabled: 60}\n"
    )
    document = loads(text, "on.yaml")
    assert document.data["rollout"]["history"][0] == {"on": date(2026, 6, 8), "users_enabled": 60}
    assessment = validate(document)
    assert assessment.rollout is not None and assessment.rollout.history is not None
    assert [step.on for step in assessment.rollout.history] == [
        date(2026, 6, 8), date(2026, 7, 1)
    ]


def test_impossible_date_is_left_to_the_schema_so_other_errors_are_reported_too() -> None:
    document = loads("schema_version: 1\nday: 2026-02-30\n", "d.yaml")
    assert document.data["day"] == "2026-02-30"


def test_limits_are_enforced(tmp_path: Path) -> None:
    small = Limits(max_bytes=100, max_depth=3, max_nodes=20, max_string=10)
    with pytest.raises(LoadError, match="limit is 100 bytes"):
        loads(b"a: " + b"x" * 200, "big.yaml", small)
    with pytest.raises(LoadError, match="deeper than 3") as deep:
        loads("a:\n b:\n  c:\n   d:\n    e: 1\n", "deep.yaml", small)
    assert deep.value.line == 5  # the value of `d`, the fourth level
    with pytest.raises(LoadError, match="more than 20 values"):
        loads("a: [" + ", ".join(["1"] * 30) + "]\n", "wide.yaml", small)
    with pytest.raises(LoadError, match="the limit is 10"):
        loads("a: abcdefghijkl\n", "long.yaml", small)
    path = tmp_path / "over.yaml"
    path.write_bytes(b"a: 1\n" * 30)
    with pytest.raises(LoadError, match="over the limit of 100 bytes"):
        load(path, small)


def test_a_directory_given_to_the_loader(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a directory"):
        load(tmp_path)


def test_merge_keys_are_followed_and_explicit_keys_win() -> None:
    document = loads(
        "base: &base {name: CRM, kind: crm}\nsource:\n  <<: *base\n  name: Billing\n", "m.yaml"
    )
    assert document.data["source"] == {"name": "Billing", "kind": "crm"}
    # Each key is located where the data took it from: the key written in the mapping
    # itself, and the merged one in the mapping it came from.
    assert document.positions[("source", "name")] == (4, 3)
    assert document.positions[("source", "kind")] == (1, 25)
    assert ("source", "owner") not in document.positions
    assert document.positions.get(("source", "owner")) is None
    assert document.position(("source", "owner")) == (2, 1)


def test_positions_follow_aliases_and_list_items_and_stop_at_scalars() -> None:
    document = loads("a: &x [p, {q: 1}]\nb: *x\nc: text\n", "a.yaml")
    assert document.positions[("b", 1, "q")] == (1, 12)  # the aliased node's own key
    assert document.positions[("a", 0)] == (1, 8)
    assert ("a", 2) not in document.positions  # past the end of the list
    assert ("a", "0") not in document.positions  # a list has no keys
    assert ("c", "d") not in document.positions  # a scalar has no children
    with pytest.raises(KeyError):
        document.positions[("missing",)]


def test_a_json_version_of_an_example_gives_the_same_result(tmp_path: Path) -> None:
    example = EXAMPLES / "care-copilot-ready.yaml"
    data = load(example).data
    as_json = tmp_path / "care-copilot-ready.json"
    as_json.write_text(json.dumps(data, default=str, indent=2))
    results = []
    for path in (example, as_json):
        proc = run("validate", "--format", "json", "--today", TODAY, str(path))
        entry = json.loads(proc.stdout)["files"][0]
        results.append((proc.returncode, entry["valid"], entry["score"], entry["level"],
                        entry["verdict"], entry["gates"], [f["rule"] for f in entry["findings"]]))
    assert results[0] == results[1]
    assert results[0][:5] == (0, True, 100, 6, "ready")


def test_a_json_file_with_an_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "schema_version": 1,\n  "initiative": {\n    "id": "x",\n'
                    '    "nmae": "X"\n  }\n}\n')
    proc = run("validate", "--format", "json", str(path))
    errors = json.loads(proc.stdout)["files"][0]["errors"]
    assert proc.returncode == 2
    assert ("initiative.nmae", 5, 5) in [(e["path"], e["line"], e["column"]) for e in errors]
    assert any("did you mean 'name'" in e["message"] for e in errors)


def test_the_documented_limits_are_the_real_ones() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text()
    limits = Limits()
    for label, value in (("file size", f"{limits.max_bytes:,} bytes"),
                         ("nesting depth", f"{limits.max_depth} levels"),
                         ("values after alias expansion", f"{limits.max_nodes:,}"),
                         ("one string", f"{limits.max_string:,} characters")):
        assert f"| {label} | {value} |" in text, label
