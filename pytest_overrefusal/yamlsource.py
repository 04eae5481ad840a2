"""YAML loading that remembers where every value came from.

PyYAML's composed node tree carries line numbers; we build plain Python values from it and keep a map
from each value's path (a tuple of keys and indices) to its 1-based line, so validation errors can
point at ``file:line``. Duplicate mapping keys are rejected here because PyYAML silently keeps the last.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError

__all__ = ["Located", "load_json_file", "load_yaml"]

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
        return self._scalars.construct_object(node, deep=True)


def load_yaml(path: str | Path, error: type[SourceError] = SourceError) -> Located:
    """Parse ``path`` into a ``Located`` document; syntax errors become ``error(path, line, message)``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(p, None, f"cannot read file: {exc}") from None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(p, line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(p, None, f"YAML error: {exc}") from None
    if node is None:
        return Located(p, None, {(): 1})
    builder = _Builder(p, error)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise error(p, mark.line + 1 if mark else None, f"YAML error: {exc.problem}") from None
    return Located(p, data, builder.lines)


def load_json_file(path: str | Path, error: type[SourceError], what: str) -> tuple[Any, str]:
    """Parse a JSON file (``what`` names it in messages); problems become ``error(path, line, message)``.

    Returns the data and the raw text, which callers use to locate later validation errors.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(p, None, f"{what} file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(p, None, f"cannot read {what}: {exc}") from None
    try:
        return json.loads(text), text
    except json.JSONDecodeError as exc:
        raise error(p, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
