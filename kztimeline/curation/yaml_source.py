"""Read seeds YAML keeping the line and column of every key and value, so problems can say where they are.

Dates and times stay strings (PyYAML would turn ``13:22`` into the integer 802 and dates into ``datetime.date``):
the validator parses them itself and reports bad ones with their position.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kztimeline.errors import Problem

try:  # libyaml's C parser is several times faster; the constructor below stays pure Python either way
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Mark = tuple[int, int]  # 1-based line and column


class PositionedDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys and values start."""

    mark: Mark = (1, 1)
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class PositionedList(list[Any]):
    """A sequence that remembers where it and each item start."""

    mark: Mark = (1, 1)
    item_marks: list[Mark]


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class DuplicateKeyError(yaml.MarkedYAMLError):
    """The same key twice in one mapping: PyYAML would silently keep the last one."""


class PositionLoader(_BaseLoader):
    """A safe loader building :class:`PositionedDict` / :class:`PositionedList` and keeping dates as strings."""

    def construct_positioned_mapping(self, node: yaml.MappingNode) -> PositionedDict:
        mapping = PositionedDict()
        mapping.mark = _mark(node)
        mapping.key_marks = {}
        mapping.value_marks = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in mapping:
                raise DuplicateKeyError(
                    "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_marks[key] = _mark(key_node)
            mapping.value_marks[key] = _mark(value_node)
        return mapping

    def construct_positioned_sequence(self, node: yaml.SequenceNode) -> PositionedList:
        sequence = PositionedList(self.construct_object(child, deep=True) for child in node.value)
        sequence.mark = _mark(node)
        sequence.item_marks = [_mark(child) for child in node.value]
        return sequence

    def construct_scalar_as_string(self, node: yaml.ScalarNode) -> str:
        return str(self.construct_scalar(node))

    def construct_int_unless_sexagesimal(self, node: yaml.ScalarNode) -> int | str:
        text = str(self.construct_scalar(node))
        if ":" in text:  # YAML 1.1 reads 13:22 as base-60; a curator means a time
            return text
        return int(self.construct_yaml_int(node))


PositionLoader.add_constructor("tag:yaml.org,2002:map", PositionLoader.construct_positioned_mapping)
PositionLoader.add_constructor("tag:yaml.org,2002:seq", PositionLoader.construct_positioned_sequence)
PositionLoader.add_constructor("tag:yaml.org,2002:timestamp", PositionLoader.construct_scalar_as_string)
PositionLoader.add_constructor("tag:yaml.org,2002:int", PositionLoader.construct_int_unless_sexagesimal)


@dataclass
class SeedFile:
    """One parsed YAML file: its path as shown to the user, and its content (None when unreadable)."""

    display_path: str
    content: Any


def read_seed_file(path: Path, display_path: str) -> tuple[SeedFile, list[Problem]]:
    """Parse one YAML file; a syntax error becomes a :class:`Problem` at the parser's line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return SeedFile(display_path, None), [
            Problem(display_path, 1, 1, "(file)", f"not UTF-8 text: {error.reason} at byte {error.start}", "encoding")
        ]
    except OSError as error:
        return SeedFile(display_path, None), [
            Problem(display_path, 1, 1, "(file)", f"cannot read: {error.strerror}", "io")
        ]
    try:
        content = yaml.load(text, Loader=PositionLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part)
        return SeedFile(display_path, None), [Problem(display_path, line, column, "(yaml)", message, "yaml-syntax")]
    except yaml.YAMLError as error:
        return SeedFile(display_path, None), [Problem(display_path, 1, 1, "(yaml)", str(error), "yaml-syntax")]
    return SeedFile(display_path, content), []


def locate(root: Any, path: tuple[str | int, ...]) -> Mark:
    """The position of the value at ``path`` (keys and list indexes), or of its nearest positioned ancestor."""
    mark: Mark = getattr(root, "mark", (1, 1))
    node = root
    for step in path:
        if isinstance(node, PositionedDict) and isinstance(step, str) and step in node:
            mark = node.value_marks.get(step, mark)
            node = node[step]
        elif isinstance(node, PositionedList) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_marks[step]
            node = node[step]
        else:
            break
    return mark


def locate_key(root: Any, path: tuple[str | int, ...], key: str) -> Mark:
    """The position of ``key`` itself in the mapping at ``path`` (for unexpected keys)."""
    node = root
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return locate(root, path)
    if isinstance(node, PositionedDict) and key in node.key_marks:
        return node.key_marks[key]
    return locate(root, path)
