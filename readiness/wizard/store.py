"""The assessment file being edited: round-trip YAML, atomic saves, the skipped questions.

Edits go through ruamel.yaml's round-trip mode so that the comments and key order of a
hand-edited file survive; every save is atomic and holds Ctrl-C until the file is whole.
"""

from __future__ import annotations

import contextlib
import enum
import io
import json
import re
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml as pyyaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
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

    def __init__(self, path: Path, text: str | None) -> None:
        self.path = path
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
        self.saved_text = text
        self.sidecar = path.with_name(f".{path.name}.assess.json")
        self.skipped: set[str] = set()
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            state = json.loads(self.sidecar.read_text(encoding="utf-8"))
            self.skipped = {str(item) for item in state.get("skipped", [])}

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open FILE, or start a new one. Raises LoadError when FILE does not parse: the
        real loader reads it first, and a file it rejects is never written over."""
        target = Path(path)
        if not target.exists():
            return cls(target, None)
        load(target)  # LoadError with the line and column
        text = target.read_text(encoding="utf-8-sig")
        try:
            return cls(target, text)
        except Exception as exc:  # ruamel is stricter than the loader on a few odd files
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise LoadError(str(target), f"cannot edit this file: {exc}", line, column) from None

    def dump(self, tree: CommentedMap) -> str:
        if self.is_json:
            return json.dumps(_plain(tree), indent=2, ensure_ascii=False, default=str) + "\n"
        buffer = io.StringIO()
        self.yaml.dump(tree, buffer)
        return buffer.getvalue()

    def save(self, text: str) -> None:
        from readiness.io import write_atomic

        with _interrupts_deferred():
            write_atomic(self.path, text)
        self.saved_text = text
        self.exists = True

    def save_skipped(self) -> None:
        from readiness.io import write_atomic

        with _interrupts_deferred():
            if self.skipped:
                write_atomic(self.sidecar, json.dumps({"skipped": sorted(self.skipped)}, indent=1))
            else:
                with contextlib.suppress(FileNotFoundError):
                    self.sidecar.unlink()


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
    entry[slot] = CommentToken(existing + comment, None, None)


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
