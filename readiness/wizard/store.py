"""The assessment file being edited: round-trip YAML, atomic saves, the skipped questions.

Edits go through ruamel.yaml's round-trip mode so that the comments and key order of a
hand-edited file survive; every save is atomic and holds Ctrl-C until the file is whole.
A save keeps the file's line endings (CRLF) and byte order mark, goes through a symbolic
link to its target, and is refused when the file changed on disk since it was read
(`FileChanged`). One session edits a file at a time (`session_lock`). See docs/assess.md,
"Saving, interrupting, resuming".
"""

from __future__ import annotations

import codecs
import contextlib
import enum
import io
import json
import os
import re
import signal
import socket
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml as pyyaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from readiness.loader import LoadError, load
from readiness.model import Assessment
from readiness.schema import unwrap_model


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation of a file, so edits keep its layout."""
    from ruamel.yaml.util import load_yaml_guess_indent

    keys = [len(line) - len(line.lstrip(" ")) for line in text.splitlines()
            if re.match(r"^ +[^ #\-]", line)]
    mapping = min(keys) if keys else 2
    try:
        _, sequence, offset = load_yaml_guess_indent(text)
    except Exception:  # the real loader has already accepted the file; layout is a nicety
        sequence, offset = None, None
    if not re.search(r"^ *- ", text, re.MULTILINE) or sequence is None or offset is None:
        return mapping, mapping + 2, mapping
    return mapping, sequence, offset


class Store:
    """An assessment file being edited: its round-trip tree, its saves, its skipped questions.

    Skipped questions (an empty answer to an optional question) are remembered in a small
    sidecar file, `.NAME.assess.json` beside the assessment, so that a resumed session does
    not ask them again and the closing panel lists them; deleting it brings them back.
    """

    def __init__(self, path: Path, text: str | None, *, bom: bool = False,
                 crlf: bool = False, disk: bytes | None = None) -> None:
        self.path = path
        self.bom = bom  # the file starts with a UTF-8 byte order mark: kept
        self.crlf = crlf  # the file's lines end with CRLF: kept
        self.disk = disk  # the bytes on disk as read or last written: None for a new file
        self.is_json = path.suffix.lower() == ".json"
        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096  # never re-fold long lines of a hand-edited file
        if text is None:
            self.yaml.indent(mapping=2, sequence=4, offset=2)
            self.tree: CommentedMap = CommentedMap()
            self.tree["schema_version"] = 1
        else:
            mapping, sequence, offset = _guess_indent(text)
            self.yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
            self.tree = self.yaml.load(text)
        self.exists = text is not None
        self.sidecar = path.with_name(f".{path.name}.assess.json")
        self.skipped: set[str] = set()
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            state = json.loads(self.sidecar.read_text(encoding="utf-8"))
            self.skipped = {str(item) for item in state.get("skipped", [])}

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open FILE, or start a new one. Raises LoadError when FILE does not parse: the
        real loader reads it first, and a file it rejects is never written over."""
        from readiness.atomic import refuse_read_only

        target = Path(path)
        if not target.exists():
            return cls(target, None)
        refuse_read_only(target)  # before any question, so no answer is typed in vain
        load(target)  # LoadError with the line and column
        raw = target.read_bytes()
        text = raw.decode("utf-8-sig")
        first = text.find("\n")
        crlf = first > 0 and text[first - 1] == "\r"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            return cls(target, text, bom=raw.startswith(codecs.BOM_UTF8), crlf=crlf, disk=raw)
        except Exception as exc:  # ruamel is stricter than the loader on a few odd files
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise LoadError(str(target), f"cannot edit this file: {exc}", line, column) from None

    def dump(self, tree: CommentedMap) -> str:
        if self.is_json:
            text = json.dumps(_plain(tree), indent=2, ensure_ascii=False, default=str)
            return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
        buffer = io.StringIO()
        self.yaml.dump(tree, buffer)
        return buffer.getvalue()

    def save(self, text: str) -> None:
        """Write `text` (with the file's line endings and byte order mark); FileChanged,
        and nothing written, when the file on disk is not the one read or last written."""
        from readiness.atomic import write_atomic

        written = ("\ufeff" if self.bom else "") + (
            text.replace("\n", "\r\n") if self.crlf else text)
        with _interrupts_deferred():
            if self.on_disk() != self.disk:
                raise FileChanged(self.path)
            write_atomic(self.path, written)
        self.disk = written.encode("utf-8")
        self.exists = True

    def on_disk(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def save_skipped(self) -> None:
        from readiness.atomic import write_atomic

        with _interrupts_deferred():
            if self.skipped:
                write_atomic(self.sidecar, json.dumps({"skipped": sorted(self.skipped)}, indent=1))
            else:
                with contextlib.suppress(FileNotFoundError):
                    self.sidecar.unlink()


_JSON_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029]")
"""Characters json.dumps writes raw that the loader refuses (DEL, C1) or reads as a line
break (U+0085, U+2028, U+2029): written as \\u escapes, as the file had them."""


class FileChanged(Exception):
    """The file changed on disk since the session read or last wrote it (an editor, or a
    session that did not take the lock): the save is not made."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} was changed by another program since it was read")
        self.path = path


class SessionLocked(Exception):
    """Another `readiness assess` session is editing the file."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path} is being edited by another session ({holder})")
        self.path = path
        self.holder = holder


def lock_path(path: Path) -> Path:
    """The lock file of a session: beside the file, or beside a symbolic link's target,
    so that two names of one file share it."""
    target = Path(os.path.realpath(path))
    return target.with_name(f".{target.name}.assess.lock")


@contextlib.contextmanager
def session_lock(path: Path) -> Iterator[None]:
    """Hold the file for one session: an exclusive lock (flock) on `.NAME.assess.lock`
    beside it, which says who holds it. SessionLocked when another session holds it. The
    lock goes with the process, so a session killed with `kill -9` leaves no stale lock;
    where there is no flock (Windows) sessions are not locked, and the check before each
    save (`Store.save`) still refuses to write over another session's answers."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    lock = lock_path(path)
    if not lock.parent.is_dir():
        # A new file in a folder the first save creates: nothing to lock yet, and a
        # session that saves first is noticed by the other's check before its saves.
        yield
        return
    while True:
        handle = open(lock, "a+", encoding="utf-8")  # noqa: SIM115 - held for the session
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "a session just starting"
            handle.close()
            raise SessionLocked(path, holder) from None
        except BaseException:
            handle.close()
            raise
        try:  # the session that held it may have removed the lock file meanwhile
            current = os.path.samestat(os.fstat(handle.fileno()), os.stat(lock))
        except FileNotFoundError:
            current = False
        if current:
            break
        handle.close()
    try:
        handle.seek(0)
        handle.truncate()
        since = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        handle.write(f"process {os.getpid()} on {socket.gethostname()}, since {since}\n")
        handle.flush()
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        handle.close()


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C during a save; it is delivered (and the wizard stops) right after."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, ValueError, OSError):  # not the main thread, or no sigmask
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


# --- values in the tree ------------------------------------------------------------------


def get(tree: Any, parts: Sequence[str | int]) -> Any:
    """The value at a path of keys and list indices, or None."""
    node = tree
    for part in parts:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _yaml11_safe(value: str) -> Any:
    """Quote a string that the loader (YAML 1.1) would read as something else: yes, on, 12."""
    if not value or value != value.strip():
        return SingleQuotedScalarString(value)
    resolver = pyyaml.resolver.Resolver()
    resolved = resolver.resolve(pyyaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if resolved != "tag:yaml.org,2002:str" or value[0] in "!&*{[|>%@`'\"#,?:-" or ": " in value:
        return SingleQuotedScalarString(value)
    return value


def node(value: Any, flow: bool = True) -> Any:
    """A value as ruamel nodes: small mappings and lists in flow style, like the examples."""
    if isinstance(value, CommentedMap | CommentedSeq):
        return value  # already a node of the file: keep its style and comments
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = node(item)
        if flow:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq([node(item) for item in value])
        if flow and not any(isinstance(item, CommentedMap) and not item.fa.flow_style()
                            for item in sequence):
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, enum.Enum):
        return node(value.value)
    if isinstance(value, str):
        return _yaml11_safe(value)
    return value


def _field_order(model: type[BaseModel] | None, key: str) -> int:
    fields = list(model.model_fields) if model else []
    return fields.index(key) if key in fields else len(fields)


def _last_item(tree: Any) -> tuple[Any, str | int] | None:
    """The container and key of the deepest last entry in block style: where ruamel keeps
    the comments that follow a section."""
    found = None
    while isinstance(tree, CommentedMap | CommentedSeq) and tree and not tree.fa.flow_style():
        key: str | int = list(tree)[-1] if isinstance(tree, CommentedMap) else len(tree) - 1
        found = (tree, key)
        tree = tree[key]
    return found


def _take_trailing_comment(tree: Any) -> str | None:
    """Detach the comment lines after a mapping's last entry (keeping a same-line comment)."""
    found = _last_item(tree)
    if found is None:
        return None
    container, key = found
    slot = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.get(key)
    if not entry or len(entry) <= slot or entry[slot] is None:
        return None
    token = entry[slot]
    head, newline, rest = token.value.partition("\n")
    if not rest.strip():
        return None
    token.value = head + newline
    return str(rest)


def _attach_trailing_comment(tree: Any, comment: str) -> None:
    found = _last_item(tree)
    if found is None:
        return
    container, key = found
    slot = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= slot:
        entry.append(None)
    existing = entry[slot].value if entry[slot] is not None else "\n"
    entry[slot] = CommentToken(existing + comment, CommentMark(0), None)


def set_value(tree: CommentedMap, parts: Sequence[str], value: Any, flow: bool = True) -> None:
    """Set a dotted field, creating mappings on the way; new keys go where the model lists
    them (so `status` comes first in a gate), existing keys stay where they are."""
    current: CommentedMap = tree
    model: type[BaseModel] | None = Assessment
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        new = node(value, flow) if last else CommentedMap()
        if part in current:
            if last:
                current[part] = new
                return
            if not isinstance(current[part], dict):
                current[part] = new
        else:
            order = _field_order(model, part)
            position = len(current)
            for index, key in enumerate(current):
                if _field_order(model, str(key)) > order:
                    position = index
                    break
            comment = (
                _take_trailing_comment(current)
                if position == len(current) and current is not tree else None
            )
            current.insert(position, part, new)
            if comment:
                _attach_trailing_comment(current, comment)
            if last:
                return
        child = model.model_fields.get(part) if model else None
        model = unwrap_model(child.annotation) if child else None
        current = current[part]


def unset_value(tree: CommentedMap, parts: Sequence[str]) -> None:
    """Remove a dotted field, and the mappings it leaves empty."""
    chain: list[tuple[Any, str]] = []
    current: Any = tree
    for part in parts:
        if not isinstance(current, dict) or part not in current:
            return
        chain.append((current, part))
        current = current[part]
    for container, key in reversed(chain):
        comment = _take_trailing_comment(container) if list(container)[-1] == key else None
        del container[key]
        if comment and container:
            _attach_trailing_comment(container, comment)
        if container or container is tree:
            break


def set_value_in(record: CommentedMap, parts: Sequence[str], value: Any,
                 model: type[BaseModel] | None = None) -> None:
    """Set a key of a record (`limit.amount`), nested mappings in flow style; a new key
    goes where the record's model lists it."""
    current = record
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if part in current and (last or isinstance(current[part], dict)):
            if last:
                current[part] = node(value)
                return
        else:
            new: Any = node(value) if last else CommentedMap()
            if not last:
                new.fa.set_flow_style()
            order = _field_order(model, part)
            position = next((i for i, key in enumerate(current)
                             if _field_order(model, str(key)) > order), len(current))
            current.insert(position, part, new)
            if last:
                return
        info = model.model_fields.get(part) if model else None
        model = unwrap_model(info.annotation) if info else None
        current = current[part]
