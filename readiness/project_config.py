"""Project configuration: `[tool.readiness]` in `pyproject.toml`, or a `.readiness.toml`.

The configuration is the nearest one found walking up from the working directory, as far
as the repository root (the first folder holding `.git`) or the user's home, whichever
comes first; outside both, only the working directory itself is searched. So a
`.readiness.toml` that someone else drops in a shared folder above (`/tmp`) never applies.
In one folder `.readiness.toml` wins over `pyproject.toml` (a dedicated file is the more
deliberate choice); a `pyproject.toml` without a `[tool.readiness]` table does not count,
and the search goes on upwards. Keys are kebab-case, as in the rest of `pyproject.toml`;
a snake_case spelling is an unknown key whose error suggests the kebab-case one.
Command-line options win over the file. A file that is not UTF-8 text or not TOML, an
unknown key or a wrongly typed value raises `ConfigError`, which names the file (and the
key); the command line makes it exit 2.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.choices import FailOn
from readiness.i18n import LANGUAGES, UnknownLanguage, checked
from readiness.thresholds import Bar, Thresholds

DEDICATED = ".readiness.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    def __init__(self, path: Path, message: str, key: str | None = None) -> None:
        self.path = path
        self.key = key
        self.message = message
        where = f"{path}: " + (f"{key}: " if key else "")
        super().__init__(where + message)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _language(value: str) -> bool:
    try:
        checked(value)
    except UnknownLanguage:
        return False
    return True


@dataclass(frozen=True)
class Key:
    field: str
    check: Callable[[Any], bool]
    expected: str


THRESHOLD_KEYS: dict[str, Key] = {
    "pass-mark": Key("pass_mark", _number, "a number from 0 to 100"),
    "high-value-limit": Key("high_value_limit", _number, "a number >= 0"),
    "pilot-cohort": Key("pilot_cohort", _number, "a share from 0 to 1"),
    "override-major": Key("override_major", _number, "a rate from 0 to 1"),
    "override-blocker": Key("override_blocker", _number, "a rate from 0 to 1"),
    "off-track-share": Key("off_track_share", _number, "a share from 0 to 1"),
    "off-track-days": Key("off_track_days", _integer, "a whole number of days >= 1"),
    "open-question-days": Key("open_question_days", _integer, "a whole number of days >= 1"),
    "stale-after-days": Key("stale_after_days", _integer, "a whole number of days >= 1"),
}
BAR_KEYS: dict[str, Key] = {
    "fail-on": Key("fail_on", lambda v: v in {f.value for f in FailOn},
                   "one of " + ", ".join(f'"{f.value}"' for f in FailOn)),
    "min-score": Key("min_score", _number, "a number from 0 to 100"),
    "min-level": Key("min_level", _integer, "a whole number from 0 to 6"),
}
OTHER_KEYS: dict[str, Key] = {
    "questionnaire": Key("questionnaire", _text, "a pack id or the path to a pack file"),
    "packs": Key("packs", lambda v: isinstance(v, list) and all(_text(i) for i in v),
                 "a list of pack files or folders of packs"),
    "lang": Key("lang", lambda v: _text(v) and _language(v), "one of " + ", ".join(
        f'"{code}"' for code in LANGUAGES)),
}
KEYS = {**THRESHOLD_KEYS, **BAR_KEYS, **OTHER_KEYS}


@dataclass(frozen=True)
class Config:
    """What a configuration file sets; `None` and empty mean 'not set'."""

    path: Path | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    bar: dict[str, Any] = field(default_factory=dict)
    questionnaire: str | None = None
    packs: tuple[str, ...] = ()
    """The team's own packs (files or folders): each scores the domains it declares,
    before a shipped pack that declares the same."""
    lang: str | None = None
    """The language of the output for people (readiness.i18n), under READINESS_LANG and
    --lang."""

    def merged_bar(self, **given: Any) -> Bar:
        """The bar from the file with the command-line values that were given on top."""
        values = {**self.bar, **{key: value for key, value in given.items() if value is not None}}
        return Bar(**values)


def searched(start: Path | None = None) -> list[Path]:
    """The folders searched for a configuration file, nearest first: from `start` (the
    working directory) up to the repository root or the user's home, whichever comes
    first; only `start` when neither is above it."""
    folder = (start or Path.cwd()).resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (KeyError, RuntimeError, OSError):  # no home: no user entry, no $HOME
        home = None
    folders = []
    for candidate in (folder, *folder.parents):
        folders.append(candidate)
        if candidate == home or _holds_git(candidate):
            return folders
    return [folder]


def _holds_git(folder: Path) -> bool:
    """True when `folder` holds `.git` (a folder, or a file in a worktree or submodule)."""
    try:
        return (folder / ".git").exists()
    except OSError:  # a folder we may not look into is no repository root of ours
        return False


def find(start: Path | None = None) -> Path | None:
    """The nearest configuration file from `start` (the working directory) upwards, within
    the folders `searched` gives."""
    for candidate in searched(start):
        dedicated = candidate / DEDICATED
        if dedicated.is_file():
            return dedicated
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = _contents(path)
        if not _TOOL_KEY.search(text):
            return False  # no `tool` key anywhere: no table to find, and nothing to parse
        data = _parsed(path, text)
    except ConfigError:
        return True  # report the broken file rather than skipping past it
    tool = data.get("tool")
    return isinstance(tool, dict) and "readiness" in tool


_TOOL_KEY = re.compile(
    r"""tool["']?\s*\.\s*["']?readiness|^\s*\[\s*["']?tool["']?\s*\]|^\s*["']?tool["']?\s*=""",
    re.MULTILINE,
)
"""Where a TOML file may set `tool.readiness`: `[tool.readiness]` or a dotted key
`tool.readiness...`, the table `[tool]`, or an inline `tool = {...}` (bare or quoted
keys, spaces around the dot). A pyproject.toml with none of them is passed over without
being parsed, even when it is not valid TOML: it holds no settings of readiness."""


def _read(path: Path) -> dict[str, Any]:
    return _parsed(path, _contents(path))


def _contents(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")  # TOML is UTF-8; a mark some editors write is skipped
    except UnicodeDecodeError as exc:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise ConfigError(path, "UTF-16 text: save the file as UTF-8") from None
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}); TOML files "
            "are UTF-8: save the file as UTF-8",
        ) from None
    return text


def _parsed(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # only for a file that may hold settings: most pyproject.toml files do not

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None


def parse(path: Path, table: Mapping[str, Any]) -> Config:
    """Check every key and value of a readiness table and build the configuration."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        spec = KEYS.get(key)
        if spec is None:
            hint = difflib.get_close_matches(key.replace("_", "-"), list(KEYS), n=1, cutoff=0.6)
            message = f"unknown setting {key!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
            raise ConfigError(path, message + "; known settings: " + ", ".join(KEYS), key)
        if not spec.check(value):
            raise ConfigError(path, f"expected {spec.expected}, got {value!r}", key)
        values[key] = value
    thresholds_given = {
        THRESHOLD_KEYS[k].field: v for k, v in values.items() if k in THRESHOLD_KEYS
    }
    bar = {BAR_KEYS[k].field: v for k, v in values.items() if k in BAR_KEYS}
    from pydantic import ValidationError

    try:
        thresholds = Thresholds(**thresholds_given)
        Bar(**bar)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else ""
        key = next((k for k, spec in KEYS.items() if spec.field == name), name)
        raise ConfigError(path, f"expected {KEYS[key].expected if key in KEYS else 'a valid value'}"
                          f", got {error.get('input')!r}", key) from None
    # Pack paths are relative to the file that names them, not to where readiness runs.
    questionnaire = values.get("questionnaire")
    if questionnaire is not None and _looks_like_path(questionnaire):
        questionnaire = str((path.parent / questionnaire).resolve())
    packs = tuple(str((path.parent / entry).resolve()) for entry in values.get("packs", []))
    lang = checked(values["lang"]) if "lang" in values else None
    return Config(path, thresholds, bar, questionnaire, packs, lang)


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.endswith((".yaml", ".yml", ".json"))


def load(path: Path) -> Config:
    """Read one configuration file (`.readiness.toml`, or the table of a pyproject.toml)."""
    data = _read(path)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("readiness", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(path, "[tool.readiness] must be a table", "tool.readiness")
        return parse(path, table)
    return parse(path, data)


def discover(start: Path | None = None) -> Config:
    """The configuration that applies in `start`; the defaults when there is none."""
    path = find(start)
    return Config() if path is None else load(path)
