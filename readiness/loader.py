"""Reading assessment files: bytes -> (data, positions), or a LoadError with a position.

YAML (and JSON, which is read by the same parser) is composed into a node graph by
libyaml's C parser where it is available, then turned into plain Python data by a
small walk that records the 1-based line and column of every path, rejects duplicate
keys, and stops alias expansion and nesting at fixed limits. Nothing here knows about
the assessment schema.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml: about 8x faster than the pure-Python parser
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml is present in the wheels we install
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """The safe loader, reading `1e3` and `5e-324` as numbers as JSON and YAML 1.2 do
    (YAML 1.1 wants a dot and a signed exponent, and would read them as text)."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"),
)

Loc = tuple[str | int, ...]
"""A path into the document: keys and list indices, as pydantic reports them."""


def format_path(loc: Loc) -> str:
    """('data_pipeline', 'sources', 0, 'owner') -> 'data_pipeline.sources[0].owner'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class Positions:
    """The 1-based line and column of every path of a document, looked up in its node
    graph when asked (a file's findings and errors name a few of its hundreds of paths).

    A key's position is that of the key, an item's that of the item. A key that comes
    from a merge (`<<`) is found in the mapping it was merged from, as the data has it:
    keys written in the mapping itself first, then each merged mapping in order.
    """

    __slots__ = ("_found", "_keys", "_root")

    def __init__(self, root: yaml.Node) -> None:
        self._root = root
        self._found: dict[Loc, tuple[int, int] | None] = {}
        # Per mapping node: its own keys (the first of each), and what it merges.
        self._keys: dict[int, tuple[dict[str, tuple[Any, yaml.Node]], list[yaml.Node]]] = {}

    def get(self, loc: Loc, default: tuple[int, int] | None = None) -> tuple[int, int] | None:
        if loc not in self._found:
            self._found[loc] = self._lookup(loc)
        found = self._found[loc]
        return default if found is None else found

    def __getitem__(self, loc: Loc) -> tuple[int, int]:
        found = self.get(loc)
        if found is None:
            raise KeyError(loc)
        return found

    def __contains__(self, loc: object) -> bool:
        return isinstance(loc, tuple) and self.get(loc) is not None

    def _lookup(self, loc: Loc) -> tuple[int, int] | None:
        node = self._root
        mark = node.start_mark
        for part in loc:
            found = self._child(node, part)
            if found is None:
                return None
            mark, node = found
        return mark.line + 1, mark.column + 1

    def _child(self, node: yaml.Node, part: str | int) -> tuple[Any, yaml.Node] | None:
        """The mark that locates `part` of `node` (its key, or the item), and its value.

        A mapping's keys are indexed the first time one of them is asked for, so that
        locating every key of a mapping (a file of 20,000 unknown keys) takes linear time.
        """
        if isinstance(node, yaml.SequenceNode):
            if type(part) is int and 0 <= part < len(node.value):
                item = node.value[part]
                return item.start_mark, item
            return None
        if not isinstance(node, yaml.MappingNode) or not isinstance(part, str):
            return None
        index = self._keys.get(id(node))
        if index is None:
            own: dict[str, tuple[Any, yaml.Node]] = {}
            merged: list[yaml.Node] = []
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    merged.append(value_node)
                elif isinstance(key_node, yaml.ScalarNode):
                    own.setdefault(key_node.value, (key_node.start_mark, value_node))
            index = self._keys[id(node)] = (own, merged)
        own, merged = index
        if part in own:
            return own[part]
        for source in merged:
            for item in source.value if isinstance(source, yaml.SequenceNode) else [source]:
                found = self._child(item, part)
                if found is not None:
                    return found
        return None


@dataclass(frozen=True)
class Limits:
    """Hard limits on what the loader accepts; each is documented in docs/format.md."""

    max_bytes: int = 1_000_000
    max_depth: int = 50
    max_nodes: int = 200_000
    max_string: int = 10_000
    max_chars: int = 1_000_000
    """Characters of text, keys and values, once aliases are expanded: no more than a
    file of `max_bytes` holds without aliases, so only repetition through aliases (one
    long string reused thousands of times) can reach it."""


DEFAULT_LIMITS = Limits()


class LoadError(Exception):
    """A file that cannot be read as an assessment document, with where it went wrong."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = path
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Document:
    """What the loader hands on: the file name, its data, and a position for every path."""

    path: str
    data: Any
    positions: Positions
    values: int = 0
    """How many values `data` holds, aliases expanded (keys aside)."""

    def position(self, loc: Loc) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that is in the file."""
        while loc:
            found = self.positions.get(loc)
            if found is not None:
                return found
            loc = loc[:-1]
        return self.positions.get(()) or (1, 1)


_SCALAR = yaml.ScalarNode
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_FLOAT_CHARS = frozenset("0123456789.eE+-")

# libyaml's composer asks the Python resolver for the tag of every plain scalar, keys
# included, and the resolver tries a list of regular expressions each time: a third of
# the cost of composing a file. The answer depends on the text alone, and assessment
# files repeat the same keys and values, so answers are remembered (a bounded cache).
_TAGS: dict[str, str] = {}
_TAGS_LIMIT = 4096


class _CachingLoader(_Loader):
    """The loader above with the same tags, resolved once per distinct plain scalar."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            if value[:1] not in _RESOLVED_FIRST:  # type: ignore[index]
                return _STR_TAG  # most keys and words: no implicit type starts so
            tag = _TAGS.get(value)  # type: ignore[arg-type]
            if tag is None:
                tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                if len(_TAGS) >= _TAGS_LIMIT:
                    _TAGS.clear()
                _TAGS[value] = tag  # type: ignore[index]
            return tag
        # What the base resolver answers when there are no path resolvers.
        if kind is yaml.ScalarNode:
            return _STR_TAG
        return _MAP_TAG if kind is yaml.MappingNode else _SEQ_TAG

    # Only path resolvers use these two, and the safe loader has none. The composer calls
    # them around every node: builtins that take the same arguments and do nothing of
    # consequence cost a fifth of a Python method's call.
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]  # (node, index) -> a slice
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]  # () -> ()


assert not _Loader.yaml_path_resolvers, "the cache assumes tags depend on the text alone"
_RESOLVED_FIRST = frozenset(_Loader.yaml_implicit_resolvers)
"""The first characters an implicitly typed scalar (number, date, bool, null, merge) may
start with; a plain scalar starting with any other character is text."""


class _Walker:
    """Node graph -> plain data, checking the limits and rejecting duplicate keys."""

    def __init__(self, path: str, loader: Any, limits: Limits) -> None:
        self.path = path
        self.loader = loader
        self.limits = limits
        self.nodes = 0
        self.chars = 0
        self.active: set[int] = set()
        self.sizes: dict[int, int] = {}

    def error(self, node: yaml.Node, message: str) -> LoadError:
        mark = node.start_mark
        return LoadError(self.path, message, mark.line + 1, mark.column + 1)

    def measure(self, node: yaml.Node, depth: int = 0) -> int:
        """How many values `node` expands to, aliases included, computed once per node.

        Runs before the walk so that an alias bomb (a few lines that expand to billions
        of values) fails at once, at the value that crosses the limit, instead of after
        the walk has copied the first few hundred thousand values.
        """
        key = id(node)
        known = self.sizes.get(key)
        if known is not None:
            return known
        if isinstance(node, yaml.ScalarNode):
            return 1
        if depth > self.limits.max_depth:
            raise self.error(node, f"nesting deeper than {self.limits.max_depth} levels")
        if key in self.active:
            raise self.error(node, "recursive alias: a value that contains itself")
        self.active.add(key)
        children = (
            node.value if isinstance(node, yaml.SequenceNode) else [v for _, v in node.value]
        )
        size = 1 + sum(self.measure(child, depth + 1) for child in children)
        self.active.discard(key)
        if size > self.limits.max_nodes:
            raise self.error(
                node,
                f"this value expands to more than {self.limits.max_nodes} values "
                "(aliases nested inside aliases, or a very large file)",
            )
        self.sizes[key] = size
        return size

    def walk(self, node: yaml.Node, depth: int) -> Any:
        """The value of `node`, `depth` keys and indices below the top."""
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise _too_many_values(self.path, self.limits, node.start_mark)
        if depth > self.limits.max_depth:
            raise self.error(node, f"nesting deeper than {self.limits.max_depth} levels")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        key = id(node)
        if key in self.active:
            raise self.error(node, "recursive alias: a value that contains itself")
        self.active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.walk(child, depth + 1) for child in node.value]
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, depth)
        finally:
            self.active.discard(key)

    def too_much_text(self, node: yaml.Node) -> LoadError:
        """`chars`, the text of every key and value counted as often as aliases repeat
        it, has just passed the limit at `node`."""
        return self.error(
            node,
            f"text expands to more than {self.limits.max_chars} characters through "
            "aliases (a value repeated many times, such as this one)",
        )

    def scalar(self, node: yaml.ScalarNode) -> Any:
        self.chars += len(node.value)
        if self.chars > self.limits.max_chars:
            raise self.too_much_text(node)
        value = _plain_value(node.tag, node.value)
        if value is _SLOW:
            try:
                value = self.loader.construct_object(node)
            except yaml.constructor.ConstructorError as exc:
                raise self.error(node, f"cannot read value: {exc.problem}") from None
            except (ValueError, OverflowError) as exc:
                if node.tag == _TIMESTAMP_TAG:
                    # 2026-02-30 looks like a date but is none: kept as text so that the
                    # schema reports it with every other error in the file.
                    return node.value
                raise self.error(node, f"cannot read value {node.value!r}: {exc}") from None
        if isinstance(value, str) and len(value) > self.limits.max_string:
            raise self.error(
                node, f"string of {len(value)} characters; the limit is {self.limits.max_string}"
            )
        return value

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: list[yaml.Node] = []
        limits = self.limits
        max_chars, max_string = limits.max_chars, limits.max_string
        # Most values are scalars in their common forms (`_plain_value`): taken without a
        # call to `walk`, with the same limits checked here.
        inline = depth + 1 <= limits.max_depth
        # The counts in locals for this mapping's own scalars, handed back around a walk.
        chars, nodes, max_nodes = self.chars, self.nodes, limits.max_nodes
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.append(value_node)
                continue
            if not isinstance(key_node, _SCALAR):
                raise self.error(key_node, "a key must be a plain value, not a list or mapping")
            # Keys are names: kept as written, so YAML 1.1 never turns `on:` into True.
            key = key_node.value
            chars += len(key)
            if chars > max_chars:
                raise self.too_much_text(key_node)
            if key in result:
                raise self.error(
                    key_node,
                    f"duplicate key '{key}' (first defined at line {_first_key(node, key)})",
                )
            if inline and type(value_node) is _SCALAR and nodes < max_nodes:
                text = value_node.value
                tag = value_node.tag
                if tag == _STR_TAG:
                    value = text if len(text) <= max_string else _SLOW
                else:
                    value = _plain_value(tag, text)
                if value is not _SLOW:
                    nodes += 1
                    chars += len(text)
                    if chars > max_chars:
                        raise self.too_much_text(value_node)
                    result[key] = value
                    continue
            self.chars, self.nodes = chars, nodes
            result[key] = self.walk(value_node, depth + 1)
            chars, nodes = self.chars, self.nodes
        self.chars, self.nodes = chars, nodes
        for source in merged:
            sources = source.value if isinstance(source, yaml.SequenceNode) else [source]
            for item in sources:
                if not isinstance(item, yaml.MappingNode):
                    raise self.error(item, "a merge key ('<<') takes a mapping or a list of them")
                for key, value in self.mapping(item, depth).items():
                    result.setdefault(key, value)
        return result


def _first_key(node: yaml.MappingNode, key: str) -> int:
    """The line of the first `key` written in the mapping `node`."""
    for key_node, _ in node.value:
        if key_node.value == key and key_node.tag != _MERGE_TAG:
            return int(key_node.start_mark.line) + 1
    return 0


_SLOW = object()


def _plain_value(tag: str, text: str) -> Any:
    """The value of a scalar in its most common forms, as SafeConstructor would build it;
    `_SLOW` for every other form (hex, octal, sexagesimal, .inf, binary, datetimes,
    impossible dates), which goes through the constructor itself."""
    if tag == _STR_TAG:
        return text
    try:
        if tag == _INT_TAG:
            digits = text[1:] if text[:1] == "-" else text
            if digits.isdigit() and digits.isascii() and (digits[0] != "0" or digits == "0"):
                return int(text)
        elif tag == _FLOAT_TAG:
            if _FLOAT_CHARS.issuperset(text):
                return float(text)
        elif tag == _TIMESTAMP_TAG:
            if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
                return date(int(text[:4]), int(text[5:7]), int(text[8:]))
        elif tag == _BOOL_TAG:
            return _BOOLS.get(text.lower(), _SLOW)
        elif tag == _NULL_TAG:
            return None
    except ValueError:  # e.g. 2026-02-30: the constructor's own path reports it
        pass
    return _SLOW


_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of an offset libyaml reports (bytes of the UTF-8 text)."""
    if _BaseLoader.__name__.startswith("C"):
        text = text.encode("utf-8")[:offset].decode("utf-8", "ignore")
    else:  # pragma: no cover - the pure-Python reader counts characters
        text = text[:offset]
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


def _check_nesting(text: str, path: str, limits: Limits) -> None:
    """Stop at the nesting limit while reading the event stream, before any composer runs.

    Both composers, libyaml's and the pure-Python one, build nested values recursively:
    a file of a hundred thousand `[` would overflow the C stack (a crash) or Python's
    recursion limit. The parser underneath reads events without recursion, so counting
    open collections there gives every PyYAML the same answer, with the line of the value
    that goes one level too deep. Syntax errors surface here as they would in the
    composer, and are reported the same way.

    The values are counted there too: a file that holds more than `max_nodes` values
    (`[1,1,1,...]` in 900 KB) is refused before the composer builds a node for each.

    The scan is only needed where a composer could go too deep: a file that cannot nest
    deeper than `_COMPOSED_DEPTH` levels is composed directly, and the walk from nodes to
    data finds a value past `max_depth` (the first one, in the order of the file).
    """
    # `_most_values` counts characters, so a text shorter than the limit is under it.
    few_values = len(text) < limits.max_nodes or _most_values(text) <= limits.max_nodes
    if few_values and not _may_nest_deeper(text, max(limits.max_depth, _COMPOSED_DEPTH)):
        return
    try:
        _scan_nesting(_BaseLoader(text), path, limits)
    except yaml.MarkedYAMLError as exc:
        # libyaml of some PyYAML versions stops at a nesting depth of its own, reading
        # ahead of the events: the pure-Python parser, which has no such stop, finds
        # where the limit above is crossed, so every PyYAML gives the same answer.
        if "nesting depth" not in str(exc.problem):
            raise
        _scan_nesting(yaml.SafeLoader(text), path, limits)


@functools.lru_cache(maxsize=64)
def _leading_run(width: int) -> re.Pattern[str]:
    """A line that starts with at least `width` characters of indentation and the block
    indicators of compact nesting (`- - x`, `- ? a`, `: - b`), newline included: searched
    newline to newline, not tried at every character of the file."""
    return re.compile(rf"\n[ \t?:-]{{{width}}}")


_COMPOSED_DEPTH = 300
"""The deepest nesting composed without the event scan: within what the composers'
recursion holds (libyaml's C stack; the pure-Python composer takes two of Python's 1,000
frames per level, so 300 levels compose from 150 frames deep), and six times the deepest
any assessment needs. The shipped packs, with about 240 flow collections each, are read
without the scan."""


def _may_nest_deeper(text: str, depth: int) -> bool:
    """Whether the file could nest deeper than `depth` levels: false for almost every
    file, which then skips the event scan (a tenth of the time of reading a large file).

    Flow collections open with `[` or `{`. A block collection starts at the column of its
    first key or item, further right than the collection holding it, but for a list that
    is a key's value, which may start at the key's column: so block nesting is at most
    twice the widest run of indentation and indicators at the start of a line, plus one.
    """
    flow = text.count("[") + text.count("{")
    if flow > depth:
        return True
    # flow + 2 * (widest + 1) > depth, for the widest leading run of any line:
    return _leading_run((depth - flow) // 2).search("\n" + text) is not None


def _most_values(text: str) -> int:
    """At most how many values the file holds: a value that is not the first of its line
    follows a comma, opens a flow collection (`[`, `{`) or a compact one (`- `, `? `).
    For a file of 100,000 `key: value` lines this is 100,001: no scan is needed to know it
    is under the limit."""
    return (text.count("\n") + 1 + text.count(",") + text.count("[") + text.count("{")
            + text.count("-") + text.count("?"))


def _scan_nesting(parser: Any, path: str, limits: Limits) -> None:
    # Values are counted as `_Walker.walk` counts them, aliases as one (the walk counts
    # what they expand to, which is more). Keys are not values, and neither is what a
    # merge key (`<<`) holds: its subtree is not counted, so the count never exceeds the
    # walk's. Each open collection: [is a mapping, next is a key, subtree not counted,
    # the key before this value is `<<`].
    stack: list[list[bool]] = []
    values = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if isinstance(event, yaml.StreamEndEvent):
                return
            if not isinstance(event, yaml.NodeEvent):
                continue
            counted = True
            if stack:
                parent = stack[-1]
                if parent[2]:
                    counted = False
                elif parent[0] and parent[1]:  # a key
                    counted = False
                    parent[3] = isinstance(event, yaml.ScalarEvent) and event.value == "<<"
                elif parent[0]:  # the value of a key
                    counted = not parent[3]
                if parent[0]:
                    parent[1] = not parent[1]
            if counted:
                values += 1
                if values > limits.max_nodes:
                    raise _too_many_values(path, limits, event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) > limits.max_depth:  # the top-level mapping is depth 0
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    raise LoadError(
                        path, f"nesting deeper than {limits.max_depth} levels", line, column
                    )
                stack.append([isinstance(event, yaml.MappingStartEvent), True, not counted, False])
    finally:
        parser.dispose()


def _too_many_values(path: str, limits: Limits, mark: Any) -> LoadError:
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return LoadError(
        path,
        f"document expands to more than {limits.max_nodes} values "
        "(too many aliases or a very large file)",
        line, column,
    )


def _utf16_without_mark(raw: bytes) -> bool:
    """UTF-16 text with no byte order mark: every other byte of its start is zero (which
    UTF-8 allows, but no YAML or JSON file holds)."""
    start = raw[:64]
    return len(start) >= 4 and (not any(start[1::2]) or not any(start[0::2]))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a file is read (and, in `batch.check_file`,
    checked): reading allocates a few objects per value (node, marks, data) and none of
    them is garbage yet, so each collection the allocations trigger walks them all for
    nothing. A file of 200,000 values is composed in about a third of the time without
    it; once the file is checked its objects are freed as their last reference goes, so
    the collector never has to walk them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def loads(text: str | bytes, path: str = "<string>", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse YAML or JSON text into a Document; every failure is a LoadError."""
    if isinstance(text, bytes):
        if len(text) > limits.max_bytes:
            raise LoadError(
                path, f"file is {len(text)} bytes; the limit is {limits.max_bytes} bytes"
            )
        raw = text
        if _utf16_without_mark(raw):
            raise LoadError(path, "UTF-16 text: save the file as UTF-8")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
                raise LoadError(path, "UTF-16 text: save the file as UTF-8") from None
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise LoadError(
                path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                line, column,
            ) from None
    if len(text) > limits.max_bytes:
        raise LoadError(path, f"file is over the limit of {limits.max_bytes} bytes")
    if not text.strip():
        raise LoadError(path, "file is empty: an assessment starts with 'schema_version: 1'")
    loader = _CachingLoader(text)
    with collector_paused():
        return _parse(loader, text, path, limits)


def _parse(loader: Any, text: str, path: str, limits: Limits) -> Document:
    try:
        try:
            _check_nesting(text, path, limits)
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise LoadError(path, f"YAML syntax error: {problem}", line, column) from None
        except yaml.reader.ReaderError as exc:
            # A character YAML does not allow in a file (DEL, C1 controls, U+FFFE); JSON
            # allows some of them raw, and both allow them escaped.
            line, column = _offset_position(text, exc.position)
            raise LoadError(
                path,
                f"character U+{exc.character:04X} is not allowed in a YAML file; "
                f"write it as the escape \"\\u{exc.character:04x}\" or leave it out",
                line, column,
            ) from None
        except yaml.YAMLError as exc:
            raise LoadError(path, f"YAML error: {exc}") from None
        if root is None:
            raise LoadError(
                path, "file holds no document: an assessment starts with 'schema_version: 1'"
            )
        if not isinstance(root, yaml.MappingNode):
            kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
            raise LoadError(
                path, f"the top level must be a mapping of keys to values, not {kind}", *_pos(root)
            )
        walker = _Walker(path, loader, limits)
        if "&" in text:
            # Only an anchor lets a value expand (through aliases) to more than the file
            # holds; without one, the walk's own limits suffice and this pass is skipped.
            walker.measure(root)
        data = walker.walk(root, 0)
        return Document(path=path, data=data, positions=Positions(root), values=walker.nodes)
    finally:
        loader.dispose()


def top_level_values(raw: bytes, keys: tuple[str, ...]) -> dict[str, str | list[str]] | None:
    """The values of `keys` in the top-level mapping of a YAML or JSON document, read from
    its events only as far as the last of them: a text, or a list of texts, written
    plainly (no anchor, alias, tag or quotes). None when one of them is missing or
    written otherwise, or the text is not read as far: the caller then loads the file.

    For a file whose first keys say what it is (a pack's `id` and `domains`), without
    composing the rest of it."""
    parser = _BaseLoader(raw)
    found: dict[str, str | list[str]] = {}
    try:
        event = None
        for _ in range(3):  # the stream, the document and the top-level mapping start
            event = parser.get_event()
            if isinstance(event, yaml.MappingStartEvent):
                break
        if not isinstance(event, yaml.MappingStartEvent):
            return None
        while len(found) < len(keys):
            key = parser.get_event()
            if not isinstance(key, yaml.ScalarEvent):
                return None  # the end of the mapping, or a key that is not plain text
            value = parser.get_event()
            if key.value in keys and key.value not in found:
                read = _plain_values(parser, value)
                if read is None:
                    return None
                found[key.value] = read
            elif isinstance(value, yaml.CollectionStartEvent):
                depth = 1
                while depth:
                    event = parser.get_event()
                    if isinstance(event, yaml.CollectionStartEvent):
                        depth += 1
                    elif isinstance(event, yaml.CollectionEndEvent):
                        depth -= 1
        return found
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()


def _plain_values(parser: Any, value: Any) -> str | list[str] | None:
    """A plain scalar's text, or the texts of a sequence of plain scalars (read from
    `parser` to its end); None for anything else."""
    def plain(event: Any) -> bool:
        return (isinstance(event, yaml.ScalarEvent) and event.anchor is None
                and event.tag is None and event.implicit[0])

    if plain(value):
        return str(value.value)
    if not (isinstance(value, yaml.SequenceStartEvent) and value.anchor is None
            and value.tag is None):
        return None
    items: list[str] = []
    while plain(item := parser.get_event()):
        items.append(str(item.value))
    return items if isinstance(item, yaml.SequenceEndEvent) else None


STDIN = "-"
"""The path that means standard input, as for most command-line tools."""


def display_name(path: str | Path) -> str:
    """How messages and reports name a file: `<stdin>` for standard input; a name that
    is not UTF-8 (`bad\\xff.yaml`, made on another system) with `\\xff` escapes, so that
    every output can hold it."""
    name = os.fspath(path)
    if name == STDIN:
        return "<stdin>"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def _read(path: str | Path, limits: Limits) -> bytes:
    """Up to one byte past the size limit of the file, or of standard input for `-`."""
    if str(path) == STDIN:
        return sys.stdin.buffer.read(limits.max_bytes + 1)
    with open(path, "rb") as handle:
        return handle.read(limits.max_bytes + 1)


def load(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one file (`-`: standard input); a missing or unreadable file is a
    LoadError too."""
    name = display_name(path)
    try:
        raw = _read(path, limits)
    except FileNotFoundError:
        raise LoadError(name, "no such file") from None
    except IsADirectoryError:
        raise LoadError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise LoadError(name, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > limits.max_bytes:
        raise LoadError(name, f"file is over the limit of {limits.max_bytes} bytes")
    return loads(raw, name, limits)
