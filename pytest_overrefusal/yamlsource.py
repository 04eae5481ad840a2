"""YAML loading that remembers where every value came from.

PyYAML's composed node tree carries line numbers; we build plain Python values from it and keep a map
from each value's path (a tuple of keys and indices) to its 1-based line, so validation errors can
point at ``file:line``. Duplicate mapping keys are rejected here because PyYAML silently keeps the last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError

__all__ = ["Located", "load_yaml"]

Path_ = tuple[str | int, ...]


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


def _construct(node: yaml.Node, where: Path_, lines: dict[Path_, int], error: type[SourceError], path: Path) -> Any:
    lines[where] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, where + ("<key>",), {}, error, path)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise error(path, key_node.start_mark.line + 1, f"mapping key must be a plain value, got {key!r}")
            if key in out:
                raise error(path, key_node.start_mark.line + 1, f"duplicate key {key!r}")
            child = where + (str(key),)
            out[key] = _construct(value_node, child, lines, error, path)
            lines[child] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, where + (i,), lines, error, path) for i, item in enumerate(node.value)]
    # Scalars: let SafeLoader's resolver decide the type (int, float, bool, null, str).
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def load_yaml(path: str | Path, error: type[SourceError] = SourceError) -> Located:
    """Parse ``path`` into a ``Located`` document; syntax errors become ``error(path, line, message)``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(p, None, f"cannot read file: {exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(p, line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(p, None, f"YAML error: {exc}") from None
    if node is None:
        return Located(p, None, {(): 1})
    lines: dict[Path_, int] = {}
    try:
        data = _construct(node, (), lines, error, p)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise error(p, mark.line + 1 if mark else None, f"YAML error: {exc.problem}") from None
    return Located(p, data, lines)
