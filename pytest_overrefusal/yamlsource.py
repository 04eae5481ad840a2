"""YAML loading that remembers where every value came from.

PyYAML's composed node tree carries line numbers; we build plain Python values from it and keep a map
from each value's path (a tuple of keys and indices) to its 1-based line, so validation errors can
point at ``file:line``. Duplicate mapping keys are rejected here because PyYAML silently keeps the last.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError

__all__ = ["MAX_ALIAS_EXPANSION", "MAX_DEPTH", "Located", "load_json_file", "load_yaml"]

# Bounds checked on the composed node graph *before* any value is built, so that a few hundred bytes
# of nested aliases (a "billion laughs" document) cannot take gigabytes of memory, and a document
# nested deeper than any real suite cannot overflow the recursive builder.
MAX_DEPTH = 64  # nesting of mappings and sequences, aliases followed
MAX_ALIAS_EXPANSION = 10_000  # nodes added by expanding aliases, beyond the nodes written out

Path_ = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it (several times faster); same nodes and marks.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """A loaded document and the line of every path inside it."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, where: Path_) -> int:
        """The line of ``where``, or of its nearest ancestor that has one."""
        probe = tuple(where)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)


class _Builder:
    """Builds plain values from a composed node tree, recording the line of every path."""

    def __init__(self, path: Path, error: type[SourceError]) -> None:
        self.path = path
        self.error = error
        self.lines: dict[Path_, int] = {}
        # One constructor for every scalar: SafeConstructor resolves int, float, bool, null and str.
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, where: Path_) -> Any:
        self.lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                line = key_node.start_mark.line + 1
                if not isinstance(key, (str, int, float, bool)):
                    raise self.error(self.path, line, f"mapping key must be a plain value, got {key!r}")
                if key in out:
                    raise self.error(self.path, line, f"duplicate key {key!r}")
                child = (*where, str(key))
                out[key] = self.build(value_node, child)
                self.lines[child] = line
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # e.g. a timestamp that is no real date: 2020-13-45
            raise self.error(self.path, _line(node), f"YAML error: {exc} in {node.value!r}") from None


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def check_graph(root: yaml.Node, path: Path, error: type[SourceError]) -> None:
    """Refuse alias cycles, nesting beyond ``MAX_DEPTH`` and alias expansion beyond ``MAX_ALIAS_EXPANSION``.

    Iterative (no recursion), and memoised per node so that measuring a bomb costs as little as
    reading it: the expanded size of a node is computed once however often aliases reach it.
    """
    size: dict[int, int] = {}  # id(node) -> nodes in its expansion
    depth: dict[int, int] = {}  # id(node) -> nesting below it
    active: set[int] = set()
    distinct: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if done:
            active.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            if depth[key] > MAX_DEPTH:
                raise error(path, _line(node), f"nesting deeper than {MAX_DEPTH} levels (aliases followed)")
            if size[key] - len(distinct) > MAX_ALIAS_EXPANSION:
                raise error(
                    path,
                    _line(node),
                    f"aliases expand to more than {MAX_ALIAS_EXPANSION} extra values (an alias bomb?); "
                    "write the values out instead",
                )
            continue
        if key in size:
            continue
        if key in active:
            raise error(path, _line(node), "recursive alias: a value that contains itself")
        active.add(key)
        distinct.add(key)
        if len(active) > MAX_DEPTH:
            raise error(path, _line(node), f"nesting deeper than {MAX_DEPTH} levels (aliases followed)")
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in size)


class _Composer:
    """Nodes from libyaml's event stream, composed iteratively with the bounds checked on the way.

    PyYAML's composer (and libyaml's, in C) recurses once per nesting level, so a few hundred
    kilobytes of ``[[[[`` overflow the stack and can crash the interpreter. Composing here refuses
    nesting beyond ``MAX_DEPTH`` and an alias to a node that is still open (a recursive alias) as
    soon as they appear, and counts aliases so that the expansion walk only runs when there are any.
    """

    def __init__(self, path: Path, error: type[SourceError]) -> None:
        self.path = path
        self.error = error
        self.resolver = yaml.resolver.Resolver()
        self.anchors: dict[str, yaml.Node] = {}
        self.open: list[yaml.Node] = []
        self.open_ids: set[int] = set()
        self.keys: list[yaml.Node | None] = []  # the pending key of each open mapping (None for sequences)
        self.aliases = 0

    def _fail(self, event: yaml.Event, message: str) -> SourceError:
        mark = event.start_mark
        return self.error(self.path, int(mark.line) + 1 if mark is not None else None, message)

    def _attach(self, node: yaml.Node) -> None:
        parent = self.open[-1]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
        elif self.keys[-1] is None:
            self.keys[-1] = node
        else:
            parent.value.append((self.keys[-1], node))
            self.keys[-1] = None

    def compose(self, text: str) -> yaml.Node | None:
        root: yaml.Node | None = None
        documents = 0
        resolve: Any = self.resolver.resolve  # untyped in types-PyYAML
        anchors = self.anchors
        str_tag = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
        events: Iterable[Any] = yaml.parse(text, Loader=_LOADER)  # Any: dispatched on exact type below
        for event in events:
            node: yaml.Node
            kind = type(event)
            if kind is yaml.ScalarEvent:  # by far the most frequent: checked first, resolved cheaply
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.ScalarNode, event.value, event.implicit) if event.implicit[0] else str_tag
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                closed = self.open.pop()
                self.keys.pop()
                self.open_ids.discard(id(closed))
                closed.end_mark = event.end_mark
                continue
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                collection = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(collection, None, event.implicit)
                node = collection(tag, [], event.start_mark, None, flow_style=event.flow_style)
            elif kind is yaml.AliasEvent:
                target = anchors.get(str(event.anchor))
                if target is None:
                    raise self._fail(event, f"YAML syntax error: found undefined alias {event.anchor!r}")
                if id(target) in self.open_ids:
                    raise self._fail(event, "recursive alias: a value that contains itself")
                self.aliases += 1
                node = target
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self._fail(event, "YAML syntax error: expected a single document in the stream")
                continue
            else:
                continue  # stream start and end, document end
            anchor = event.anchor if kind is not yaml.AliasEvent else None
            if anchor is not None:
                if anchor in anchors:
                    raise self._fail(event, f"YAML syntax error: found duplicate anchor {anchor!r}")
                anchors[anchor] = node
            if self.open:
                self._attach(node)
            else:
                root = node
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if len(self.open) >= MAX_DEPTH:
                    raise self._fail(event, f"nesting deeper than {MAX_DEPTH} levels")
                self.open.append(node)
                self.open_ids.add(id(node))
                self.keys.append(None)
        return root


class _NotPlain(Exception):
    """``read_plain`` met something it leaves to the composer."""


_NO_KEY: Any = object()
_PLAIN_KEY = (str, int, float, bool)


def read_plain(text: str) -> tuple[Any, dict[Path_, int]] | None:
    """The values and lines ``load_yaml``'s composer and builder give, built in one pass over libyaml's
    events without making nodes; or None for anything but a plain document (anchors, aliases, explicit
    tags, nesting near ``MAX_DEPTH``, more than one document) and for every problem (duplicate keys,
    non-scalar keys, syntax errors). The caller then composes the text, which gives the located error.

    Suites are plain documents, so this is how they are read; it halves the time of a suite's YAML.
    """
    try:
        return _plain(text)
    except _NotPlain:
        return None
    except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError):
        return None  # the composer meets the same problem and words it


def _plain(text: str) -> tuple[Any, dict[Path_, int]]:
    resolve: Any = yaml.resolver.Resolver().resolve  # untyped in types-PyYAML
    construct: Any = yaml.constructor.SafeConstructor().construct_object
    str_tag = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
    scalar_node, scalar_event = yaml.ScalarNode, yaml.ScalarEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    lines: dict[Path_, int] = {}
    # Each open collection: [container, its path, the pending key of a mapping (_NO_KEY: none), key line]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    events: Iterable[Any] = yaml.parse(text, Loader=_LOADER)
    for event in events:
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None:
                raise _NotPlain
            tag = event.tag
            if tag is not None and tag != "!":
                raise _NotPlain
            tag = resolve(scalar_node, event.value, event.implicit) if event.implicit[0] else str_tag
            if tag == str_tag:
                value: Any = event.value
            else:  # null, bool, int, float, timestamp: SafeConstructor, as the builder does
                value = construct(scalar_node(tag, event.value, event.start_mark, event.end_mark), deep=True)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _NotPlain
            if len(stack) >= MAX_DEPTH - 1:
                raise _NotPlain
            value = {} if kind is mapping_start else []
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
            continue
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _NotPlain
            continue
        elif kind is yaml.AliasEvent:
            raise _NotPlain
        else:
            continue  # stream start and end, document end
        line = event.start_mark.line + 1
        if not stack:
            where: Path_ = ()
            root = value
            lines[where] = line
        else:
            frame = stack[-1]
            parent = frame[0]
            if type(parent) is list:
                where = (*frame[1], len(parent))
                parent.append(value)
                lines[where] = line
            elif frame[2] is _NO_KEY:  # this value is a key
                if type(value) is dict or type(value) is list or not isinstance(value, _PLAIN_KEY):
                    raise _NotPlain
                if value in parent:
                    raise _NotPlain
                frame[2], frame[3] = value, line
                continue
            else:
                key = frame[2]
                where = (*frame[1], str(key))
                parent[key] = value
                lines[where] = frame[3]  # a mapping value's line is its key's, as the builder records it
                frame[2] = _NO_KEY
        if type(value) is dict or type(value) is list:
            stack.append([value, where, _NO_KEY, 0])
    if documents == 0:
        return None, {(): 1}
    return root, lines


def _decode(p: Path, raw: bytes, error: type[SourceError]) -> str:
    """UTF-8 text, or an error naming the line and byte offset of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            p, line, f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at byte offset {exc.start} (save the file as UTF-8)"
        ) from None


def load_yaml(
    path: str | Path, error: type[SourceError] = SourceError, *, raw: bytes | None = None, fast: bool = True
) -> Located:
    """Parse ``path`` (or ``raw``, its bytes already read) into a ``Located`` document; syntax errors
    become ``error(path, line, message)``.

    With ``fast``, a plain document is read straight from libyaml's events (``read_plain``); anything
    else, every error included, goes through the composer, which is the reference for values, lines
    and messages.
    """
    p = Path(path)
    if raw is None:
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise error(p, None, f"cannot read file: {exc.strerror or exc}") from None
    text = _decode(p, raw, error)
    if fast:
        plain = read_plain(text)
        if plain is not None:
            return Located(p, *plain)
    composer = _Composer(p, error)
    try:
        node = composer.compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(p, line, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise error(p, line, f"YAML error: character U+{code:04X} at offset {exc.position}: {exc.reason}") from None
    except yaml.YAMLError as exc:
        raise error(p, None, f"YAML error: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise error(p, None, f"nesting deeper than {MAX_DEPTH} levels") from None
    if node is None:
        return Located(p, None, {(): 1})
    if composer.aliases:
        check_graph(node, p, error)  # only aliases can expand a document beyond what is written
    builder = _Builder(p, error)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise error(p, mark.line + 1 if mark else None, f"YAML error: {exc.problem}") from None
    except (ValueError, OverflowError) as exc:  # e.g. a timestamp scalar that is no real date
        raise error(p, None, f"YAML error: {exc}") from None
    return Located(p, data, builder.lines)


def load_json_file(path: str | Path, error: type[SourceError], what: str) -> tuple[Any, str]:
    """Parse a JSON file (``what`` names it in messages); problems become ``error(path, line, message)``.

    Returns the data and the raw text, which callers use to locate later validation errors.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise error(p, None, f"{what} file not found") from None
    except OSError as exc:
        raise error(p, None, f"cannot read {what}: {exc.strerror or exc}") from None
    text = _decode(p, raw, error)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(p, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise error(p, None, f"not a {what} file: JSON nested deeper than {MAX_DEPTH} levels") from None
    deep = _too_deep(data)
    if deep is not None:
        shown = deep if len(deep) <= 60 else deep[:57] + "..."
        raise error(p, None, f"not a {what} file: JSON nested deeper than {MAX_DEPTH} levels (at {shown})")
    return data, text


def _too_deep(data: Any) -> str | None:
    """The path of a value nested deeper than ``MAX_DEPTH``, or None; iterative so it cannot overflow."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "$")]
    while stack:
        value, level, where = stack.pop()
        if level > MAX_DEPTH:
            return where
        if isinstance(value, dict):
            stack.extend((v, level + 1, f"{where}.{k}") for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, level + 1, f"{where}[{i}]") for i, v in enumerate(value))
    return None
