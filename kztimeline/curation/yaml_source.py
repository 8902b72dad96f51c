"""Read seeds YAML keeping the line and column of every key and value, so problems can say where they are.

The records are built straight from libyaml's parser events, without PyYAML's node tree and constructor: the node
tree of a whole file is several times the size of the records it becomes (a 450 MB events file would need tens of
gigabytes), and building from events is about three times faster. Positions are packed into one integer array per
file rather than kept as tuples in dicts: they are only read when a problem is reported.

Dates and times stay strings (PyYAML would turn ``13:22`` into the integer 802 and dates into ``datetime.date``):
the validator parses them itself and reports bad ones with their position.

Aliases are limited: an alias is the same object as its anchor, so the file itself stays small, but everything that
walks the records (the validator, the loader) walks each alias again, and nine levels of nine aliases (a 446-byte
"billion laughs" file) are a billion values. A file may hold at most MAX_ALIASES aliases, and all its aliases
together may stand for at most MAX_ALIAS_VALUES values plus ten for every value the file spells out. A file is read
only when it is a regular file of at most DEFAULT_MAX_YAML_BYTES (``/dev/zero`` would be read forever).
"""

from __future__ import annotations

import os
import stat
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from kztimeline.errors import Problem

try:  # libyaml's C parser; PyYAML's pure-Python parser gives the same events, slower
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.loader import Loader as _Parser  # type: ignore[assignment]

Mark = tuple[int, int]  # 1-based line and column

_COLUMN_BITS: Final = 24  # a mark is packed as line << 24 | column


def _pack(mark: Any) -> int:
    line: int = mark.line
    column: int = mark.column
    return ((line + 1) << _COLUMN_BITS) | (column + 1)


def _unpack(packed: int) -> Mark:
    return packed >> _COLUMN_BITS, packed & ((1 << _COLUMN_BITS) - 1)


class _Marked:
    """Where a mapping or sequence starts: its own mark sits at ``_at`` in the file's shared array of marks."""

    __slots__ = ()  # the concrete classes hold the slots (a dict or list subclass takes no slotted base)
    _marks: array[int]
    _at: int

    @property
    def mark(self) -> Mark:
        return _unpack(self._marks[self._at])

    def _mark_at(self, offset: int) -> Mark:
        return _unpack(self._marks[self._at + offset])


class PositionedDict(_Marked, dict[str, Any]):
    """A mapping that knows where it and each of its keys and values start.

    After the mapping's own mark come a key mark and a value mark for each key, in the mapping's order.
    """

    __slots__ = ("_at", "_marks")

    def key_mark(self, key: str) -> Mark | None:
        index = self._key_index(key)
        return None if index is None else self._mark_at(1 + 2 * index)

    def value_mark(self, key: str) -> Mark | None:
        index = self._key_index(key)
        return None if index is None else self._mark_at(2 + 2 * index)

    def _key_index(self, key: str) -> int | None:
        for index, name in enumerate(self):
            if name == key:
                return index
        return None


class PositionedList(_Marked, list[Any]):
    """A sequence that knows where it and each item start: after its own mark, one mark per item."""

    __slots__ = ("_at", "_marks")

    def item_mark(self, index: int) -> Mark:
        return self._mark_at(1 + index)


class SeedYAMLError(yaml.MarkedYAMLError):
    """A document the seeds format cannot use: a duplicate key, an unknown tag, a second document."""


_RESOLVER: Final = Resolver()
_CONSTRUCTOR: Final = SafeConstructor()
_STRING_TAGS: Final = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "!"})
_MERGE_TAG: Final = "tag:yaml.org,2002:merge"


MAX_ALIASES: Final = 100_000
MAX_ALIAS_VALUES: Final = 1_000_000
_ALIAS_VALUES_PER_EVENT: Final = 10
DEFAULT_MAX_YAML_BYTES: Final = 1_000_000_000  # the generated million-event benchmark's events file is 450 MB


def shown(value: Any, limit: int = 60) -> str:
    """``repr`` of a value for a message, cut to about ``limit`` characters *before* it is built: a key or an id
    can be megabytes long, and a mapping can hold the whole file."""
    if isinstance(value, str):
        return repr(value) if len(value) <= limit else repr(value[:limit]) + f"… ({len(value):,} characters)"
    if isinstance(value, dict | list | tuple | set):
        return f"a {type(value).__name__} of {len(value):,} items"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


_SHARED_UP_TO: Final = 40  # characters: ids, keys, enum values and dates repeat across records
_SHARED_LIMIT: Final = 200_000  # distinct values kept in one file's table
_MISSING: Final = object()


class _ScalarValues:
    """Turns scalar events into values, sharing one object for each short value that repeats.

    A seeds file repeats the same keys, ids, types and dates in every record: sharing them saves both the typing
    work (YAML's implicit resolution is a chain of regular expressions) and the memory of a million equal strings.
    """

    def __init__(self) -> None:
        self.plain: dict[str, Any] = {}
        self.quoted: dict[str, str] = {}

    def value(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted: always text
                if len(value) > _SHARED_UP_TO or len(self.quoted) >= _SHARED_LIMIT:
                    return value
                return self.quoted.setdefault(value, value)
            known = self.plain.get(value, _MISSING)
            if known is not _MISSING:
                return known
            typed = _typed(_RESOLVER.resolve(yaml.ScalarNode, value, event.implicit), value, event)  # type: ignore[no-untyped-call]
            if len(value) <= _SHARED_UP_TO and len(self.plain) < _SHARED_LIMIT:
                self.plain[value] = typed
            return typed
        return _typed(tag, value, event)


def _typed(tag: str, value: str, event: Any) -> Any:
    """The value of a scalar with its tag, typed as YAML 1.1 types it, except that dates and base-60 times stay text."""
    if tag in _STRING_TAGS:
        return value
    node = yaml.ScalarNode(tag, value)
    if tag == "tag:yaml.org,2002:int":
        if ":" in value:  # YAML 1.1 reads 13:22 as base-60; a curator means a time
            return value
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:float":
        return value if ":" in value else _CONSTRUCTOR.construct_yaml_float(node)
    if tag == "tag:yaml.org,2002:bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == _MERGE_TAG:
        return _MERGE
    raise SeedYAMLError(None, None, f"unsupported tag {shown(tag)}", event.start_mark)


class _Merge:
    """The ``<<`` key: the mappings given as its value fill in the keys the mapping does not set itself."""


_MERGE: Final = _Merge()


class _Building:
    """A mapping or sequence whose end event has not come yet."""

    __slots__ = ("anchored", "container", "key", "key_mark", "marks", "merges", "size")

    def __init__(self, container: PositionedDict | PositionedList, mark: int) -> None:
        self.container = container
        self.size = 1  # values in the container with every alias in it expanded, itself included
        self.anchored = False
        self.marks = [mark]
        self.key: Any = None  # a mapping's key waiting for its value
        self.key_mark = 0
        self.merges: list[tuple[Any, int]] = []


def _add(parent: _Building, value: Any, mark: int, event: Any) -> None:
    container = parent.container
    if isinstance(container, PositionedList):
        container.append(value)
        parent.marks.append(mark)
        return
    if parent.key is None:  # this value is a key
        if isinstance(value, (dict, list)):
            raise SeedYAMLError(
                "while constructing a mapping", None, "found a mapping or list as a key", event.start_mark
            )
        parent.key = value if value is _MERGE else ("null" if value is None else value)
        parent.key_mark = mark
        return
    key, parent.key = parent.key, None
    if key is _MERGE:
        parent.merges.append((value, mark))
        return
    if not isinstance(key, str):
        key = str(key)
    if key in container:
        raise SeedYAMLError(
            "while constructing a mapping", None, f"duplicate key {shown(key)}", _mark_at(parent.key_mark, event)
        )
    container[key] = value
    parent.marks.extend((parent.key_mark, mark))


def _mark_at(packed: int, event: Any) -> yaml.Mark:
    line, column = _unpack(packed)
    return yaml.Mark(event.start_mark.name, 0, line - 1, column - 1, None, None)  # type: ignore[arg-type]


def _apply_merges(building: _Building, event: Any) -> None:
    mapping = building.container
    assert isinstance(mapping, PositionedDict)
    for value, mark in building.merges:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, PositionedDict):
                raise SeedYAMLError(
                    "while constructing a mapping", None, "<< expects a mapping or a list of mappings", event.start_mark
                )
            for key, item in source.items():
                if key not in mapping:
                    mapping[key] = item
                    building.marks.extend((mark, mark))


def _finish(building: _Building, marks: array[int]) -> None:
    container = building.container
    container._at = len(marks)
    container._marks = marks
    marks.extend(building.marks)


def load_positioned(text: str) -> Any:
    """Build one YAML document from ``text`` as plain values, :class:`PositionedDict` and :class:`PositionedList`.

    An empty stream is None. Anchors and aliases work (an alias is the same object); ``<<`` merges work.
    """
    parser = _Parser(text)
    marks: array[int] = array("q")
    anchors: dict[str, Any] = {}
    sizes: dict[int, int] = {}  # id() of an anchored container: its size with its aliases expanded
    aliases = Aliases()
    stack: list[_Building] = []
    scalars = _ScalarValues()
    document: Any = None
    documents = 0
    events = 0
    next_event: Callable[[], Any] = parser.get_event  # the event classes are typed as their base, Event
    try:
        while (event := next_event()) is not None:
            events += 1
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                size = 1
                if kind is yaml.AliasEvent:
                    if event.anchor not in anchors:
                        raise SeedYAMLError(
                            None, None, f"found undefined alias {shown(event.anchor)}", event.start_mark
                        )
                    value = anchors[event.anchor]
                    size = sizes.get(id(value), 1)
                    aliases.count(size, events, event)
                else:
                    value = scalars.value(event)
                    if event.anchor is not None:
                        anchors[event.anchor] = value
                if stack:
                    stack[-1].size += size
                    _add(stack[-1], value, _pack(event.start_mark), event)
                else:
                    document = value
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise SeedYAMLError(None, None, f"unsupported tag {event.tag!r}", event.start_mark)
                container = PositionedDict() if kind is yaml.MappingStartEvent else PositionedList()
                stack.append(_Building(container, _pack(event.start_mark)))
                if event.anchor is not None:
                    anchors[event.anchor] = container
                    stack[-1].anchored = True
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                building = stack.pop()
                if building.merges:
                    _apply_merges(building, event)
                _finish(building, marks)
                if building.anchored:
                    sizes[id(building.container)] = building.size
                if stack:
                    stack[-1].size += building.size
                    _add(stack[-1], building.container, building.marks[0], event)
                else:
                    document = building.container
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise SeedYAMLError(
                        None, None, "a second document ('---'): a seeds file holds one", event.start_mark
                    )
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
    return document


class Aliases:
    """The aliases of one file so far, and how many values they stand for: an alias bomb stops at its first alias
    over the limits, long before the values it stands for would be walked."""

    def __init__(self) -> None:
        self.aliases = 0
        self.values = 0

    def count(self, size: int, events: int, event: Any) -> None:
        self.aliases += 1
        self.values += size
        if self.aliases > MAX_ALIASES:
            raise SeedYAMLError(
                None, None, f"more than {MAX_ALIASES:,} aliases (*name): a seeds file needs few", event.start_mark
            )
        allowed = MAX_ALIAS_VALUES + _ALIAS_VALUES_PER_EVENT * events
        if self.values > allowed:
            raise SeedYAMLError(
                None,
                None,
                f"aliases (*name) stand for more than {allowed:,} values: an alias bomb? (values repeated through "
                f"aliases may be at most {MAX_ALIAS_VALUES:,} plus {_ALIAS_VALUES_PER_EVENT} for every value written)",
                event.start_mark,
            )


@dataclass
class SeedFile:
    """One parsed YAML file: its path as shown to the user, and its content (None when unreadable)."""

    display_path: str
    content: Any


def read_seed_file(
    path: Path, display_path: str, max_bytes: int = DEFAULT_MAX_YAML_BYTES
) -> tuple[SeedFile, list[Problem]]:
    """Parse one YAML file; a syntax error becomes a :class:`Problem` at the parser's line and column. A file that
    is not a regular file, or is larger than ``max_bytes``, is refused unread."""
    try:
        text = read_bounded_text(path, max_bytes)
    except FileTooLargeError as error:
        return SeedFile(display_path, None), [Problem(display_path, 1, 1, "(file)", str(error), "io")]
    except UnicodeDecodeError as error:
        return SeedFile(display_path, None), [
            Problem(display_path, 1, 1, "(file)", f"not UTF-8 text: {error.reason} at byte {error.start}", "encoding")
        ]
    except OSError as error:
        return SeedFile(display_path, None), [
            Problem(display_path, 1, 1, "(file)", f"cannot read: {error.strerror}", "io")
        ]
    return read_seed_text(text, display_path)


class FileTooLargeError(OSError):
    """A file larger than the limit, or one that is not a regular file (a device, a pipe): not read."""


def read_bounded_text(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of ``path``, read only if it is a regular file of at most ``max_bytes`` bytes (checked on the
    opened file, and again by reading at most one byte more)."""
    if not stat.S_ISREG(path.stat().st_mode):  # before opening: opening a named pipe waits for a writer
        raise FileTooLargeError("not a regular file (a device, a pipe or a socket): not read")
    with path.open("rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise FileTooLargeError("not a regular file (a device, a pipe or a socket): not read")
        if status.st_size > max_bytes:
            raise FileTooLargeError(f"{status.st_size:,} bytes, more than the {max_bytes:,} a seeds file may have")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLargeError(f"more than the {max_bytes:,} bytes a seeds file may have (it grew while read)")
    return data.decode("utf-8")


def read_seed_text(text: str, display_path: str) -> tuple[SeedFile, list[Problem]]:
    """Parse the YAML ``text`` of one seeds file (read from a file, or from standard input)."""
    try:
        content = load_positioned(text)
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
    mark: Mark = root.mark if isinstance(root, (PositionedDict, PositionedList)) else (1, 1)
    node = root
    for step in path:
        if isinstance(node, PositionedDict) and isinstance(step, str) and step in node:
            mark = node.value_mark(step) or mark
            node = node[step]
        elif isinstance(node, PositionedList) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_mark(step)
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
    if isinstance(node, PositionedDict):
        mark = node.key_mark(key)
        if mark is not None:
            return mark
    return locate(root, path)


SCHEMA_COMMENT: Final = "# yaml-language-server: $schema="


def schema_comment(directory: Path) -> str:
    """The first line of a new seeds file in ``directory``: tells editors (VS Code's YAML extension and others using
    yaml-language-server) which JSON Schema to check the file against while a curator types.

    The line the directory's other seeds files use, if any; else the path from the directory to the schema this
    kztimeline ships (``../kztimeline/schemas/seeds.schema.json`` in the repository). YAML readers see a comment.
    """
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        try:
            with path.open(encoding="utf-8") as handle:
                first = handle.readline().rstrip("\r\n")
        except (OSError, UnicodeDecodeError):
            continue
        if first.startswith(SCHEMA_COMMENT):
            return first
    from kztimeline.resources import schema_path

    try:
        relative = os.path.relpath(schema_path("seeds"), directory)
    except ValueError:  # another drive (Windows): no relative path exists
        return SCHEMA_COMMENT + schema_path("seeds").as_uri()
    return SCHEMA_COMMENT + Path(relative).as_posix()
