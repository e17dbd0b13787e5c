"""YAML loading that remembers where every mapping and key came from, for file:line messages."""

from __future__ import annotations

from pathlib import Path

import yaml

from mammogram_callbacks.core.findings import DataError, Finding


class LineMap(dict):
    """A mapping from YAML that knows its own line and the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's loader when PyYAML was built with it (several times faster), else the Python one.
try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _LineLoader(_BaseLoader):
    """SafeLoader whose mappings are LineMaps."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r} (first at line {mapping.key_lines[key]})",
                problem_mark=key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path | None, display: str | None = None, text: str | None = None):
    """Parse a YAML file; a syntax error becomes a DataError naming the file and line."""
    display = display or str(path)
    if text is None:
        assert path is not None, "load_yaml needs a path or a text"
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DataError([Finding(display, 1, "data", "file not found")]) from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise DataError([Finding(display, line, "data", f"invalid YAML: {problem}")]) from None
