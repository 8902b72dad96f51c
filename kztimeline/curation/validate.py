"""Validate a seeds directory completely before anything is written, and turn it into rows ready to load.

Three passes, every problem collected with its file, line, column and field:

1. each YAML file parses and matches ``schemas/seeds.schema.json`` (types, required fields, vocabularies);
2. ids are unique, every reference resolves (with "did you mean …?"), dates and time zones are real;
3. every citation excerpt, statement text and figure excerpt occurs verbatim in its article.

Only a dataset with no problems is returned; :func:`kztimeline.db.load.load_dataset` then writes it in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kztimeline.curation.text import (
    casefold_key,
    nearest_passage,
    normalise_for_matching,
    placeholder_in,
    stated_numbers,
)
from kztimeline.curation.yaml_source import SeedFile, locate, locate_key, read_seed_file, read_seed_text, shown
from kztimeline.db.stamp import seeds_digest
from kztimeline.errors import KztimelineError, Problem, Report, did_you_mean, suggestion_suffix
from kztimeline.resources import schema_path
from kztimeline.taxonomy import DEFAULT_TIMEZONE, VAGUE_QUALIFIERS

SECTIONS = ("articles", "actors", "places", "events", "statements", "figures")
# Sections of records that add to a record defined elsewhere (usually in another file): what ``import`` drafts when
# a new article reports an event or a quotation the timeline already has. They have no ids of their own.
ADDITION_SECTIONS = ("citations", "statement_sources")

# Insert order respects foreign keys; deletes run in reverse.
TABLES = (
    "articles",
    "actors",
    "actor_aliases",
    "places",
    "place_aliases",
    "events",
    "event_tags",
    "event_places",
    "event_actors",
    "citations",
    "statements",
    "statement_sources",
    "figures",
)


@dataclass
class Dataset:
    """A validated seeds directory as table rows, with a digest of the files it came from."""

    rows: dict[str, list[dict[str, Any]]]
    digest: str
    source: str

    def counts(self) -> dict[str, int]:
        return {section: len(self.rows[section]) for section in SECTIONS}


@dataclass
class _Entry:
    """One record of one section, with what is needed to point at its fields."""

    file: SeedFile
    section: str
    index: int
    record: dict[str, Any]
    dates: dict[str, Any] = field(default_factory=dict)  # the checked date block, for events, statements, figures

    @property
    def id(self) -> str | None:
        value = self.record.get("id")
        return value if isinstance(value, str) else None

    def path(self, *steps: str | int) -> tuple[str | int, ...]:
        return (self.section, self.index, *steps)

    def field_name(self, *steps: str | int) -> str:
        label = f"{self.section}[{self.id}]" if self.id else f"{self.section}[{self.index}]"
        return label + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps)

    def problem(self, steps: tuple[str | int, ...], message: str, kind: str) -> Problem:
        line, column = locate(self.file.content, self.path(*steps))
        return Problem(self.file.display_path, line, column, self.field_name(*steps), message, kind)


@dataclass
class _Context:
    directory: Path
    report: Report = field(default_factory=Report)
    entries: dict[str, list[_Entry]] = field(default_factory=lambda: {s: [] for s in SECTIONS + ADDITION_SECTIONS})
    ids: dict[str, dict[str, _Entry]] = field(default_factory=lambda: {s: {} for s in SECTIONS})
    article_texts: dict[str, str] = field(default_factory=dict)  # id -> raw text
    normalised_texts: dict[str, str] = field(default_factory=dict)
    max_article_bytes: int = 0  # set from the caller's limit (see kztimeline.curation.seed_paths)
    seed_files: frozenset[Path] | None = None  # the files an article may name, once listed


def seed_files(directory: Path) -> list[Path]:
    """The YAML files of a seeds directory, in the order they are read."""
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


@dataclass(frozen=True)
class SeedText:
    """A seeds file that is not among a directory's files (one read from standard input): its name, its YAML, and
    the name of the directory's file it is a new version of, if any (checked in that file's place)."""

    display_path: str
    text: str
    replaces: str | None = None


# problems that leave a file's records unknown (a YAML file refused or unreadable)
_UNREADABLE_KINDS = ("yaml-syntax", "encoding", "io", "unsafe-path", "not-a-file")


def validate_seeds(
    directory: Path, extra: Path | SeedText | None = None, *, max_article_bytes: int | None = None
) -> tuple[Dataset | None, Report]:
    """Validate a seeds directory (with ``extra`` as one more of its files); return the dataset (None when
    invalid) and the report of problems. Article texts over ``max_article_bytes`` (default: see
    :func:`kztimeline.curation.seed_paths.max_article_bytes`) are refused.

    Files are read in name order, ``extra`` last (even when it is one of the directory's files): of two records with
    the same id, the one read second is the new one, reported with where the first is.
    """
    from kztimeline.curation.seed_paths import max_article_bytes as article_limit

    if not directory.is_dir():
        raise KztimelineError(f"seeds directory not found: {directory}")
    context = _Context(directory, max_article_bytes=article_limit(max_article_bytes))
    files = seed_files(directory)
    if isinstance(extra, SeedText) and extra.replaces:
        files = [path for path in files if path.name != extra.replaces]
    elif isinstance(extra, Path):
        files = [path for path in files if path.resolve() != extra.resolve()]
    if not files and extra is None:
        context.report.add(Problem(str(directory), 1, 1, "(directory)", "no *.yaml files to read", "empty"))
    for path in files:
        if _is_safe_seed_file(context, path):
            _read_and_check_schema(context, path)
    if isinstance(extra, Path):
        _read_and_check_schema(context, extra)
    elif extra is not None:
        _check_schema(context, *read_seed_text(extra.text, extra.display_path))
    if any(problem.type in _UNREADABLE_KINDS for problem in context.report.problems):
        # records of an unreadable file are unknown: checking references now would only add noise
        return None, context.report
    _register_ids(context)
    _check_articles(context)
    _check_actors(context)
    _check_places(context)
    _check_events(context)
    _check_statements(context)
    _check_figures(context)
    _check_additions(context)
    _check_published_before(context)
    _check_drafts(context)
    _check_placeholders(context)
    _check_reader_facing_text(context)
    if not context.report.valid:
        return None, context.report
    return Dataset(_rows(context), seeds_digest(directory), str(directory)), context.report


# --- pass 1: YAML and schema ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaError:
    """One way a seeds file breaks the schema, in the terms the problem messages need."""

    keyword: str  # the JSON Schema keyword that failed ("required", "enum", "type", …)
    keyword_value: Any  # its value in the schema (the enum's choices, the pattern, the type name…)
    subschema: dict[str, Any]  # the schema object holding the keyword (its "properties" name the allowed fields)
    instance: Any  # the value that failed
    path: tuple[str | int, ...]  # where the value is in the file's data
    message: str  # the validator's own message, for keywords without a message of ours
    alternatives: tuple[SchemaError, ...] = ()  # why each branch of an anyOf failed
    missing: str | None = None  # the required field that is missing


Validator = Any  # a function fastjsonschema compiled: returns the value, or raises JsonSchemaValueException


@cache
def _schema() -> dict[str, Any]:
    """The seeds schema (draft-07) with each ``$ref`` replaced by what it points to, read once.

    Every subschema is then whole by itself, so any of them compiles alone (see :func:`_validator`). In draft-07 the
    siblings of a ``$ref`` are ignored, and the seeds schema gives them none; it has no recursive references.
    """
    schema: dict[str, Any] = json.loads(schema_path("seeds").read_text(encoding="utf-8"))

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target: Any = schema
            for step in node["$ref"].removeprefix("#/").split("/"):
                target = target[step]
            return inline(target)
        return {key: inline(value) for key, value in node.items() if key != "definitions"}

    inlined: dict[str, Any] = inline(schema)
    return inlined


_compiled: dict[int, tuple[dict[str, Any], Callable[[Any], Any]]] = {}


def _validator(node: dict[str, Any]) -> Callable[[Any], Any]:
    """``node`` (the schema or one of its subschemas) compiled by fastjsonschema, once per process.

    fastjsonschema turns a schema into Python code: it confirms the 100,000 events of the benchmark dataset in about
    1 s, where jsonschema takes 20 s (docs/benchmarks.md), and installs as 0.3 MB of pure Python where jsonschema-rs
    (0.2 s) was a 15 MB native library that broke the 70 MB install budget. It compiles drafts 4, 6 and 7, so the
    seeds schema is a draft-07 schema (with only keywords that mean the same in 2020-12); tests/test_validate.py
    checks that it agrees with jsonschema's Draft7Validator. The nodes are those of :func:`_schema`'s one tree, so
    their ids stay theirs (the cache keeps each node alive with its validator).
    """
    cached = _compiled.get(id(node))
    if cached is None:
        import fastjsonschema

        document = {**node, "$schema": _schema()["$schema"]}
        cached = _compiled[id(node)] = (node, fastjsonschema.compile(document, use_default=False))
    return cached[1]


def _first_error(node: dict[str, Any], instance: Any) -> Any:
    """fastjsonschema's first error for ``instance`` against ``node`` (a ``JsonSchemaValueException``), or None."""
    from fastjsonschema import JsonSchemaValueException

    try:
        _validator(node)(instance)
    except JsonSchemaValueException as error:
        return error
    return None


def describe_schema_error(error: SchemaError) -> str:
    """The validator's wording of one schema error, without its position ("expected text, got null")."""
    if error.keyword == "anyOf" and error.alternatives:
        inner = [e for e in error.alternatives if e.keyword != "type" or e.keyword_value != "null"]
        return describe_schema_error(inner[0] if inner else error.alternatives[0])
    if error.keyword == "type":
        return f"expected {_type_name(error.keyword_value)}, got {_type_name(_json_type(error.instance))}"
    if error.keyword == "required":
        return "required field is missing"
    return error.message


def _explain(node: dict[str, Any], instance: Any, path: tuple[str | int, ...]) -> list[SchemaError]:
    """Every way ``instance`` (at ``path``) breaks ``node``, nothing when it is valid.

    fastjsonschema stops at the first error, so a mapping or a list that fails is explained part by part: each
    missing required field, the unknown fields, each present field and each item against its own subschema (each
    compiled once). Only a value that is no container to descend into is reported with fastjsonschema's own error.
    """
    error = _first_error(node, instance)
    if error is None:
        return []
    if "anyOf" in node:
        alternatives = tuple(inner for branch in node["anyOf"] for inner in _explain(branch, instance, path))
        return [SchemaError("anyOf", node["anyOf"], node, instance, path, _own_message(error), alternatives)]
    parts: list[SchemaError] = []
    if node.get("type") == "object" and isinstance(instance, dict):
        parts = _explain_mapping(node, instance, path)
    elif node.get("type") == "array" and isinstance(instance, list):
        parts = _explain_list(node, instance, path)
    if parts:
        return parts
    # a failure of the value itself (its type, enum, pattern, length, range), or of a keyword not explained above
    rule = error.rule
    return [SchemaError(rule, node.get(rule), node, instance, path, _own_message(error))]


def _explain_mapping(node: dict[str, Any], instance: dict[str, Any], path: tuple[str | int, ...]) -> list[SchemaError]:
    properties: dict[str, Any] = node.get("properties", {})
    errors = [
        SchemaError("required", node["required"], node, instance, path, f"{name!r} is a required property", (), name)
        for name in node.get("required", ())
        if name not in instance
    ]
    for key, value in instance.items():
        if key in properties:
            errors.extend(_explain(properties[key], value, (*path, key)))
    if node.get("additionalProperties") is False and any(key not in properties for key in instance):
        extras = ", ".join(repr(key) for key in instance if key not in properties)
        errors.append(SchemaError("additionalProperties", False, node, instance, path, f"unknown properties: {extras}"))
    return errors


def _explain_list(node: dict[str, Any], instance: list[Any], path: tuple[str | int, ...]) -> list[SchemaError]:
    errors = []
    if len(instance) < node.get("minItems", 0):
        errors.append(SchemaError("minItems", node["minItems"], node, instance, path, "too few items"))
    if "items" in node:
        for index, item in enumerate(instance):
            errors.extend(_explain(node["items"], item, (*path, index)))
    return errors


def _own_message(error: Any) -> str:
    """fastjsonschema's message without its name for the value (``data.events[0].title must …``)."""
    message: str = error.message
    return message.removeprefix(f"{error.name} ")


def _dotted(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".") or "(file)"


def schema_errors(content: Any) -> Iterator[SchemaError]:
    """Every way ``content`` (one parsed seeds file) breaks the seeds schema; nothing for a valid file.

    A valid file costs one call of the compiled schema; only a file that fails is explained field by field.
    """
    yield from _explain(_schema(), content, ())


def _display_path(path: Path) -> str:
    """Paths under the working directory are shown relative to it, as editors and compilers do."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def validate_seed_file(
    directory: Path, file: Path | SeedText, *, max_article_bytes: int | None = None
) -> tuple[Report, int]:
    """Validate one seeds file as a file of ``directory``, whose other files define what it refers to.

    ``file`` is a path (in ``directory`` or not) or a :class:`SeedText`. Return the problems found in that file, and
    how many problems the other files of ``directory`` have (which also make loading them fail).
    """
    extra: Path | SeedText | None = file
    if isinstance(file, SeedText):
        display_path = file.display_path
    else:
        sibling = next((path for path in seed_files(directory) if path.resolve() == file.resolve()), None)
        if sibling is not None:  # one of the directory's own files: read last, its ids are the new ones
            extra = file = sibling
        display_path = _display_path(file)
    _, report = validate_seeds(directory, extra, max_article_bytes=max_article_bytes)
    mine = Report(
        [problem for problem in report.problems if problem.file == display_path],
        [warning for warning in report.warnings if warning.file == display_path],
    )
    return mine, len(report.problems) - len(mine.problems)


def _is_safe_seed_file(context: _Context, path: Path) -> bool:
    """Whether a YAML file of the directory may be read: a regular file inside it once links are resolved (a
    ``events.yaml`` linking to a file elsewhere, or a FIFO, is reported instead)."""
    from kztimeline.curation.seed_paths import UnsafeSeedFile, ensure_inside

    try:
        ensure_inside(context.directory, path, path.name)
        if not path.is_file():
            raise UnsafeSeedFile(f"{path.name!r} is not a regular file", "not-a-file")
    except UnsafeSeedFile as refused:
        context.report.add(Problem(_display_path(path), 1, 1, "(file)", refused.message, refused.kind))
        return False
    return True


def _read_and_check_schema(context: _Context, path: Path) -> None:
    _check_schema(context, *read_seed_file(path, _display_path(path)))


def _check_schema(context: _Context, seed_file: SeedFile, problems: list[Problem]) -> None:
    context.report.extend(problems)
    if seed_file.content is None:  # unreadable, or an empty file (allowed)
        return
    content = seed_file.content
    if not isinstance(content, dict):
        context.report.add(
            Problem(
                seed_file.display_path,
                1,
                1,
                "(file)",
                "expected a mapping of sections (articles:, events:, …)",
                "schema",
            )
        )
        return
    context.report.extend(control_character_problems(seed_file))
    invalid_records: set[tuple[str, int]] = set()
    for error in schema_errors(content):
        path_steps = error.path
        context.report.extend(_schema_problems(seed_file, path_steps, error))
        if len(path_steps) >= 2 and isinstance(path_steps[0], str) and isinstance(path_steps[1], int):
            invalid_records.add((path_steps[0], path_steps[1]))
    for section in SECTIONS + ADDITION_SECTIONS:
        records = content.get(section)
        if not isinstance(records, list):
            continue
        for index, record in enumerate(records):
            if isinstance(record, dict):
                entry = _Entry(seed_file, section, index, record)
                if (section, index) in invalid_records:
                    # Keep its id known so references to it do not cascade into more problems; skip its checks.
                    entry.record = {"id": record.get("id"), "_invalid": True}
                context.entries[section].append(entry)


# C0 controls but tab and line feed, DEL, and C1 controls (U+009B is a one-character ESC [)
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI"}


def control_character_problems(seed_file: SeedFile) -> list[Problem]:
    """A problem for every text (value or key) of the file holding a control character other than a line break
    or a tab, at the text's position and with the character's place in it.

    Such characters have no place in curated text and are how text takes over a terminal: ESC starts escape
    sequences (clear the screen, set the window title, OSC 8 links), CR and BS overwrite what was printed. YAML's
    line breaks are already line feeds when parsed; a CR here was written as an escape (``"\\r"``) on purpose.
    """
    problems: list[Problem] = []
    content = seed_file.content
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(content, ())]
    seen: set[int] = set()  # an alias is the same object as its anchor: report it once, where it is written
    while pending:
        node, steps = pending.pop()
        if isinstance(node, dict | list):
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and _CONTROL_CHARACTER.search(key):
                    line, column = locate_key(content, steps, key)
                    problems.append(_control_problem(seed_file, steps, key, line, column, "key"))
                pending.append((value, (*steps, key)))
        elif isinstance(node, list):
            pending.extend((item, (*steps, index)) for index, item in enumerate(node))
        elif isinstance(node, str) and _CONTROL_CHARACTER.search(node):
            line, column = locate(content, steps)
            problems.append(_control_problem(seed_file, steps, node, line, column, "text"))
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def _control_problem(
    seed_file: SeedFile, steps: tuple[str | int, ...], text: str, line: int, column: int, what: str
) -> Problem:
    found = _CONTROL_CHARACTER.search(text)
    assert found is not None
    code = ord(found.group())
    name = f"U+{code:04X}" + (f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else "")
    more = len(_CONTROL_CHARACTER.findall(text)) - 1
    message = (
        f"control character {name} at character {found.start() + 1} of the {what}"
        + (f" (and {more} more)" if more else "")
        + ": only line breaks and tabs may be used in text"
    )

    def record_id(prefix: tuple[str | int, ...]) -> str | None:
        node: Any = seed_file.content
        for step in prefix:
            node = node[step]
        identifier = node.get("id") if isinstance(node, dict) else None
        return identifier if isinstance(identifier, str) and not _CONTROL_CHARACTER.search(identifier) else None

    return Problem(seed_file.display_path, line, column, _field_label(steps, record_id), message, "control-character")


def _field_label(steps: tuple[str | int, ...], record_ids: Any) -> str:
    label = ""
    for i, step in enumerate(steps):
        if isinstance(step, int):
            record_id = record_ids(steps[: i + 1])
            label += f"[{record_id}]" if i == 1 and record_id else f"[{step}]"
        else:
            label += f".{step}" if label else step
    return label or "(file)"


def _schema_problems(seed_file: SeedFile, steps: tuple[str | int, ...], error: SchemaError) -> list[Problem]:
    def record_id(prefix: tuple[str | int, ...]) -> str | None:
        node: Any = seed_file.content
        try:
            for step in prefix:
                node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
        value = node.get("id") if isinstance(node, dict) else None
        return value if isinstance(value, str) else None

    def at(field_steps: tuple[str | int, ...], message: str, key: str | None = None) -> Problem:
        line, column = (
            locate_key(seed_file.content, field_steps, key) if key else locate(seed_file.content, field_steps)
        )
        label = _field_label(field_steps + ((key,) if key else ()), record_id)
        return Problem(seed_file.display_path, line, column, label, message, "schema")

    keyword = error.keyword
    if keyword == "required":
        line, column = locate(seed_file.content, steps)
        allowed = list(error.subschema.get("properties", {}))
        misspelt = {did_you_mean_one(key, allowed) for key in error.instance if key not in allowed}
        # a misspelt key is reported once, as an unknown field with its suggestion, not also as a missing field
        if error.missing is None or error.missing in misspelt:
            return []
        label = _field_label((*steps, error.missing), record_id)
        return [Problem(seed_file.display_path, line, column, label, "required field is missing", "schema")]
    if keyword == "additionalProperties":
        allowed = list(error.subschema.get("properties", {}))
        extras = [key for key in error.instance if key not in allowed]
        return [at(steps, f"unknown field{suggestion_suffix(key, allowed)}", key=key) for key in extras]
    if keyword == "enum":
        choices = [str(c) for c in error.keyword_value]
        return [
            at(
                steps,
                f"{shown(error.instance)} is not one of: {', '.join(choices)}"
                + suggestion_suffix(str(error.instance), choices),
            )
        ]
    if keyword == "pattern":
        return [at(steps, _pattern_message(error.keyword_value, error.instance))]
    if keyword == "anyOf" and error.alternatives:
        # nullable fields: report why the non-null alternative failed
        inner = [e for e in error.alternatives if e.keyword != "type" or e.keyword_value != "null"]
        best = inner[0] if inner else error.alternatives[0]
        return _schema_problems(seed_file, steps, best)
    if keyword == "type":
        return [at(steps, f"expected {_type_name(error.keyword_value)}, got {_type_name(_json_type(error.instance))}")]
    if keyword == "minItems":
        return [at(steps, f"needs at least {error.keyword_value} item{'s' if error.keyword_value != 1 else ''}")]
    if keyword in _BOUND_MESSAGES:
        # the wording the seeds validator has always used, with the value as JSON ("" for an empty text)
        value = error.instance
        if isinstance(value, str) and len(value) > 60:  # the message shows the start of a long text only
            value = value[:60] + f"… ({len(value):,} characters)"
        as_json = json.dumps(value, ensure_ascii=False)
        plural = "s" if keyword in ("minLength", "maxLength") and error.keyword_value != 1 else ""
        return [at(steps, _BOUND_MESSAGES[keyword].format(value=as_json, limit=error.keyword_value, s=plural))]
    return [at(steps, error.message)]


_BOUND_MESSAGES = {
    "minLength": "{value} is shorter than {limit} character{s}",
    "maxLength": "{value} is longer than {limit} character{s}",
    "minimum": "{value} is less than the minimum of {limit}",
    "maximum": "{value} is greater than the maximum of {limit}",
}


def did_you_mean_one(name: str, candidates: list[str]) -> str | None:
    close = did_you_mean(name, candidates, limit=1)
    return close[0] if close else None


def _pattern_message(pattern: str, value: Any) -> str:
    if pattern.startswith("^[a-z0-9]+"):
        return f"{shown(value)} is not a lowercase slug (letters a-z, digits and single hyphens)"
    if "\\d{4}" in pattern:
        return f"{shown(value)} is not an ISO date YYYY-MM-DD"
    if "\\d{2}:" in pattern:
        return f"{shown(value)} is not a time HH:MM (quote it in YAML)"
    if "[a-z]{2}" in pattern:
        return f"{shown(value)} is not a two-letter ISO 639-1 language code"
    return f"{shown(value)} does not match {pattern}"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_name(json_type: Any) -> str:
    names = {"array": "a list", "object": "a mapping", "string": "text", "integer": "an integer", "number": "a number"}
    if isinstance(json_type, list):
        return " or ".join(_type_name(t) for t in json_type)
    return names.get(json_type, str(json_type))


# --- pass 2: ids, references, dates --------------------------------------------------------------------------------


def _valid_entries(context: _Context, section: str) -> Iterator[_Entry]:
    for entry in context.entries[section]:
        if not entry.record.get("_invalid"):
            yield entry


def _register_ids(context: _Context) -> None:
    for section in SECTIONS:
        for entry in context.entries[section]:
            if entry.id is None:
                continue
            first = context.ids[section].get(entry.id)
            if first is not None:
                where = f"{first.file.display_path}:{locate(first.file.content, first.path('id'))[0]}"
                context.report.add(
                    entry.problem(("id",), f"duplicate id {shown(entry.id)} (first defined at {where})", "duplicate-id")
                )
                continue
            context.ids[section][entry.id] = entry


def _check_reference(context: _Context, entry: _Entry, steps: tuple[str | int, ...], section: str, value: Any) -> bool:
    """Report a reference to a missing record; True when it resolves (or is absent)."""
    if value is None:
        return True
    if value in context.ids[section]:
        return True
    singular = section[:-1]
    hint = suggestion_suffix(str(value), context.ids[section])
    context.report.add(entry.problem(steps, f"unknown {singular} {shown(value)}{hint}", "unknown-reference"))
    return False


def _parse_date(context: _Context, entry: _Entry, key: str) -> dt.date | None:
    value = entry.record.get(key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        context.report.add(entry.problem((key,), f"{value!r} is not a real date", "invalid-date"))
        return None


def _date_block(context: _Context, entry: _Entry) -> dict[str, Any]:
    """The date columns of an event, statement or figure, with problems reported for impossible values."""
    start = _parse_date(context, entry, "date")
    end = _parse_date(context, entry, "date_end")
    latest = _parse_date(context, entry, "date_latest")
    if start and end and end < start:
        context.report.add(entry.problem(("date_end",), f"ends ({end}) before it starts ({start})", "invalid-date"))
    if start and latest and latest <= start:
        context.report.add(
            entry.problem(
                ("date_latest",),
                f"a window must end after its first day ({start}); for one known day leave date_latest out",
                "invalid-date",
            )
        )
    if end is not None and latest is not None:
        context.report.add(
            entry.problem(
                ("date_latest",),
                "give date_end (a duration: it lasted until then) or date_latest (a window: one day in it, not"
                " stated which), not both",
                "invalid-date",
            )
        )
    if latest is not None and entry.record.get("approximate"):
        context.report.add(
            entry.problem(("approximate",), "a window (date_latest) already says the day is uncertain", "invalid-date")
        )
    time = entry.record.get("time")
    if time is not None:
        hours, minutes = (int(part) for part in str(time).split(":"))
        if hours > 23 or minutes > 59:
            context.report.add(entry.problem(("time",), f"{shown(time)} is not a time of day", "invalid-date"))
    timezone = entry.record.get("timezone") or DEFAULT_TIMEZONE
    if not _is_timezone(timezone):
        hint = suggestion_suffix(timezone, _all_timezones())
        context.report.add(entry.problem(("timezone",), f"unknown time zone {shown(timezone)}{hint}", "invalid-date"))
    precision = "range" if end else "window" if latest else "approximate" if entry.record.get("approximate") else "day"
    return {
        "date_start": start,
        "date_end": end,
        "date_latest": latest,
        "date_precision": precision,
        "time": time,
        "timezone": timezone,
        "date_note": entry.record.get("date_note"),
    }


@cache
def _is_timezone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@cache
def _all_timezones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def _check_verbatim(context: _Context, entry: _Entry, steps: tuple[str | int, ...], article_id: Any, text: Any) -> None:
    normalised_article = context.normalised_texts.get(str(article_id))
    if normalised_article is None or not isinstance(text, str):
        return  # the article reference or file is already reported
    wanted = normalise_for_matching(text)
    if wanted not in normalised_article:
        message = f"not found verbatim in article {article_id!r}"
        nearest = nearest_passage(normalised_article, wanted)
        if nearest is not None:
            message += f"; nearest: “{nearest[0]}” ({nearest[1]})"
        context.report.add(entry.problem(steps, message, "not-verbatim"))


def _check_articles(context: _Context) -> None:
    from dateutil.parser import isoparse

    for entry in _valid_entries(context, "articles"):
        record = entry.record
        text = _read_article(context, entry)
        if text is None:
            continue
        if entry.id:
            context.article_texts[entry.id] = text
            context.normalised_texts[entry.id] = normalise_for_matching(text)
        published = record.get("published")
        if published is not None:
            try:
                isoparse(str(published))
            except (ValueError, OverflowError):
                context.report.add(
                    entry.problem(("published",), f"{shown(published)} is not an ISO date or date-time", "invalid-date")
                )
        if record.get("published_inferred") and not record.get("date_note"):
            context.report.add(
                entry.problem(
                    ("published_inferred",), "an inferred date needs a date_note with its evidence", "missing-evidence"
                )
            )


def _read_article(context: _Context, entry: _Entry) -> str | None:
    """The text of an article's file, or None after reporting why it cannot be read: a file outside the seeds
    directory's ``articles/`` folder (links resolved), not a regular file, larger than the limit, or not UTF-8."""
    from kztimeline.curation.seed_paths import UnsafeSeedFile, article_path, read_bounded_text
    from kztimeline.db.stamp import seed_paths

    written = str(entry.record["file"])
    try:
        path = article_path(context.directory, written)
        if path.is_file() and path not in _article_files(context, seed_paths):
            raise UnsafeSeedFile(
                f"{written!r} is not in the seeds directory's articles/ folder, where article texts live", "unsafe-path"
            )
        return read_bounded_text(path, context.max_article_bytes, written)
    except UnsafeSeedFile as refused:
        context.report.add(entry.problem(("file",), refused.message, refused.kind))
    except FileNotFoundError:
        context.report.add(entry.problem(("file",), f"article file not found: {written}", "missing-file"))
    except OSError as error:
        context.report.add(entry.problem(("file",), f"cannot read article file: {error.strerror}", "io"))
    return None


def _article_files(context: _Context, seed_paths: Callable[[Path], list[Path]]) -> frozenset[Path]:
    """The files of ``articles/`` that the seeds digest covers (listed once per validation): the only ones an
    article may name."""
    if context.seed_files is None:
        folder = context.directory / "articles"
        context.seed_files = frozenset(path for path in seed_paths(context.directory) if path.is_relative_to(folder))
    return context.seed_files


def _check_aliases(context: _Context, entry: _Entry) -> None:
    # Spellings that differ only in case or hyphens are kept (they record how sources write a name); exact repeats
    # are a mistake.
    seen: dict[str, int] = {str(entry.record["name"]): -1}
    for index, alias in enumerate(entry.record.get("aliases") or []):
        key = alias
        if key in seen:
            context.report.add(
                entry.problem(
                    ("aliases", index), f"alias {shown(alias)} repeats the name or another alias", "duplicate-alias"
                )
            )
        seen[key] = index


def _check_actors(context: _Context) -> None:
    for entry in _valid_entries(context, "actors"):
        _check_aliases(context, entry)


def _check_places(context: _Context) -> None:
    places = context.ids["places"]
    for entry in _valid_entries(context, "places"):
        _check_aliases(context, entry)
        if not _check_reference(context, entry, ("parent",), "places", entry.record.get("parent")):
            continue
        # walk up the hierarchy to catch cycles (a place inside itself)
        seen = {entry.id}
        parent = entry.record.get("parent")
        while parent is not None:
            if parent in seen:
                context.report.add(entry.problem(("parent",), f"place hierarchy loops back to {parent!r}", "cycle"))
                break
            seen.add(parent)
            parent_entry = places.get(parent)
            parent = parent_entry.record.get("parent") if parent_entry else None
        latitude, longitude = entry.record.get("latitude"), entry.record.get("longitude")
        if (latitude is None) != (longitude is None):
            context.report.add(
                entry.problem(("latitude",), "give both latitude and longitude, or neither", "coordinates")
            )


def _check_events(context: _Context) -> None:
    for entry in _valid_entries(context, "events"):
        record = entry.record
        entry.dates = _date_block(context, entry)
        for index, place in enumerate(record.get("places") or []):
            _check_reference(context, entry, ("places", index), "places", place)
        if len(set(record.get("places") or [])) != len(record.get("places") or []):
            context.report.add(entry.problem(("places",), "a place is listed twice", "duplicate-reference"))
        seen_actors: set[str] = set()
        for index, participant in enumerate(record.get("actors") or []):
            actor = participant["actor"]
            _check_reference(context, entry, ("actors", index, "actor"), "actors", actor)
            if actor in seen_actors:
                context.report.add(
                    entry.problem(("actors", index, "actor"), f"actor {actor!r} is listed twice", "duplicate-reference")
                )
            seen_actors.add(actor)
        if len(set(record.get("tags") or [])) != len(record.get("tags") or []):
            context.report.add(entry.problem(("tags",), "a tag is listed twice", "duplicate-reference"))
        for index, citation in enumerate(record["citations"]):
            if _check_reference(context, entry, ("citations", index, "article"), "articles", citation["article"]):
                _check_verbatim(
                    context, entry, ("citations", index, "excerpt"), citation["article"], citation["excerpt"]
                )


def _check_statements(context: _Context) -> None:
    for entry in _valid_entries(context, "statements"):
        record = entry.record
        entry.dates = _date_block(context, entry)
        _check_reference(context, entry, ("speaker",), "actors", record["speaker"])
        _check_reference(context, entry, ("place",), "places", record.get("place"))
        _check_reference(context, entry, ("event",), "events", record.get("event"))
        for index, source in enumerate(record["sources"]):
            _check_reference(context, entry, ("sources", index, "via"), "actors", source.get("via"))
            if not _check_reference(context, entry, ("sources", index, "article"), "articles", source["article"]):
                continue
            excerpt = source.get("excerpt")
            if excerpt is None:
                _check_verbatim(context, entry, ("text",), source["article"], record["text"])
            else:
                _check_verbatim(context, entry, ("sources", index, "excerpt"), source["article"], excerpt)
                if normalise_for_matching(record["text"]) not in normalise_for_matching(excerpt):
                    context.report.add(
                        entry.problem(
                            ("sources", index, "excerpt"),
                            "the excerpt does not contain the statement text",
                            "not-verbatim",
                        )
                    )


def _check_figures(context: _Context) -> None:
    figures = context.ids["figures"]
    for entry in _valid_entries(context, "figures"):
        record = entry.record
        entry.dates = _date_block(context, entry)
        qualifier = record["qualifier"]
        if qualifier == "range":
            if record.get("low") is None or record.get("high") is None:
                context.report.add(entry.problem(("qualifier",), "a range needs low and high", "figure"))
            elif record["low"] > record["high"]:
                context.report.add(entry.problem(("low",), "low is greater than high", "figure"))
        elif qualifier in VAGUE_QUALIFIERS:
            if record.get("value") is not None:
                context.report.add(
                    entry.problem(("value",), f"{qualifier!r} is a vague quantity: leave value null", "figure")
                )
        elif record.get("value") is None:
            context.report.add(entry.problem(("value",), f"qualifier {qualifier!r} needs a value", "figure"))
        if record["metric"] == "other" and not record.get("label"):
            context.report.add(
                entry.problem(("label",), "metric 'other' needs a label saying what is counted", "figure")
            )
        _check_reference(context, entry, ("place",), "places", record.get("place"))
        _check_reference(context, entry, ("stated_by",), "actors", record.get("stated_by"))
        _check_reference(context, entry, ("via",), "actors", record.get("via"))
        superseded_by = record.get("superseded_by")
        if _check_reference(context, entry, ("superseded_by",), "figures", superseded_by) and superseded_by:
            if superseded_by == entry.id:
                context.report.add(entry.problem(("superseded_by",), "a figure cannot supersede itself", "cycle"))
            elif record.get("status", "current") == "current":
                context.report.add(
                    entry.problem(("status",), "a superseded figure needs status 'superseded'", "figure")
                )
            else:
                _check_supersession_cycle(context, entry, figures)
        if _check_reference(context, entry, ("article",), "articles", record["article"]):
            _check_verbatim(context, entry, ("excerpt",), record["article"], record["excerpt"])
            if (
                normalise_for_matching(record["stated"]).casefold()
                not in normalise_for_matching(record["excerpt"]).casefold()
            ):
                context.report.add(
                    entry.problem(("stated",), "the stated number is not in the excerpt", "not-verbatim")
                )
        mismatch = _stated_value_problem(record)
        if mismatch is not None:
            context.report.add(entry.problem(("value",), mismatch, "figure"))


def _check_supersession_cycle(context: _Context, entry: _Entry, figures: dict[str, _Entry]) -> None:
    seen = {entry.id}
    current = entry.record.get("superseded_by")
    while current is not None:
        if current in seen:
            context.report.add(entry.problem(("superseded_by",), f"supersession loops back to {current!r}", "cycle"))
            return
        seen.add(current)
        target = figures.get(current)
        current = target.record.get("superseded_by") if target else None


def _stated_value_problem(record: dict[str, Any]) -> str | None:
    """Why a figure's ``stated`` wording and its value disagree (``stated: 9,900`` with ``value: 990``), or None.

    Only a wording with digits is compared: "dozens" or "two of whom" has nothing to check against."""
    numbers = stated_numbers(str(record["stated"]))
    values = [record.get(key) for key in ("value", "low", "high") if record.get(key) is not None]
    if not numbers or not values or any(float(str(value)) in numbers for value in values):
        return None
    shown = " / ".join(f"{key} {record[key]}" for key in ("value", "low", "high") if record.get(key) is not None)
    return f"{record['stated']!r} does not say {shown}: check the number against the excerpt"


# A record may be dated up to a day after its article: a story filed in the evening in New York is already dated the
# next day in Almaty.
_PUBLICATION_SLACK = dt.timedelta(days=1)


def _check_published_before(context: _Context) -> None:
    """An event, quotation or figure cannot be dated after every article that reports it was published."""
    from dateutil.parser import isoparse

    published: dict[str, dt.date] = {}
    for entry in _valid_entries(context, "articles"):
        value = entry.record.get("published")
        if value is not None and entry.id:
            with contextlib.suppress(ValueError, OverflowError):
                published[entry.id] = isoparse(str(value)).date()
    for section in ("events", "statements", "figures"):
        for entry in _valid_entries(context, section):
            start = entry.dates.get("date_start")
            added = additions_of(context, section, entry.id)
            dates = [published[a] for a in _articles_of(section, entry.record, added) if a in published]
            if start is None or not dates or start <= max(dates) + _PUBLICATION_SLACK:
                continue
            context.report.add(
                entry.problem(
                    ("date",),
                    f"dated {start}, after its latest article was published ({max(dates)}): a source reports what"
                    " happened before it",
                    "date-after-publication",
                )
            )


def _articles_of(section: str, record: dict[str, Any], added: Iterable[_Entry] = ()) -> list[str]:
    """The articles an event, statement or figure cites, with those of the records that add to it."""
    extra = [str(addition.record["article"]) for addition in added]
    if section == "events":
        return [str(citation["article"]) for citation in record["citations"]] + extra
    if section == "statements":
        return [str(source["article"]) for source in record["sources"]] + extra
    return [str(record["article"])]


def _check_placeholders(context: _Context) -> None:
    """Text that ``import`` left for the curator to replace must not reach the database."""
    for section in SECTIONS:
        for entry in _valid_entries(context, section):
            for key in ("title", "summary", "description"):
                value = entry.record.get(key)
                placeholder = placeholder_in(value) if isinstance(value, str) else None
                if placeholder is not None:
                    context.report.add(
                        entry.problem((key,), f"still holds the import placeholder {placeholder!r}", "placeholder")
                    )


def additions_of(context: _Context, section: str, record_id: str | None) -> list[_Entry]:
    """The valid records of the addition sections that add to the event or statement ``record_id``, in file order."""
    if record_id is None or section not in _ADDITION_TARGETS:
        return []
    addition_section, key = _ADDITION_TARGETS[section]
    return [entry for entry in _valid_entries(context, addition_section) if entry.record.get(key) == record_id]


# section of the record added to -> (the addition section, the field of an addition naming the record)
_ADDITION_TARGETS = {"events": ("citations", "event"), "statements": ("statement_sources", "statement")}


def _check_additions(context: _Context) -> None:
    """A citation or statement source added from another file: what it adds to exists, and it is not a repeat."""
    for entry in _valid_entries(context, "citations"):
        record = entry.record
        event = context.ids["events"].get(record["event"])
        if not _check_reference(context, entry, ("event",), "events", record["event"]):
            continue
        if _check_reference(context, entry, ("article",), "articles", record["article"]):
            _check_verbatim(context, entry, ("excerpt",), record["article"], record["excerpt"])
        cited = [(c.get("article"), c.get("excerpt")) for c in (event.record.get("citations") or [])] if event else []
        if (record["article"], record["excerpt"]) in cited:
            context.report.add(
                entry.problem(("excerpt",), f"event {record['event']!r} already cites this", "duplicate")
            )
    for entry in _valid_entries(context, "statement_sources"):
        record = entry.record
        statement = context.ids["statements"].get(record["statement"])
        if not _check_reference(context, entry, ("statement",), "statements", record["statement"]):
            continue
        _check_reference(context, entry, ("via",), "actors", record.get("via"))
        if not _check_reference(context, entry, ("article",), "articles", record["article"]) or statement is None:
            continue
        text = statement.record.get("text")
        excerpt = record.get("excerpt")
        if excerpt is None:
            _check_verbatim(context, entry, ("article",), record["article"], text)
        else:
            _check_verbatim(context, entry, ("excerpt",), record["article"], excerpt)
        sources = [s.get("article") for s in (statement.record.get("sources") or [])]
        if record["article"] in sources:
            context.report.add(
                entry.problem(
                    ("article",), f"statement {record['statement']!r} already cites this article", "duplicate"
                )
            )


def _check_drafts(context: _Context) -> None:
    for section in SECTIONS + ADDITION_SECTIONS:
        for entry in _valid_entries(context, section):
            if entry.record.get("draft"):
                context.report.add(
                    entry.problem(("draft",), "draft not yet reviewed: check it, then remove 'draft: true'", "draft")
                )


# --- warnings: text for readers ------------------------------------------------------------------------------------

# The fields of each section that readers see (`show`, `quotes`, `figures`, `actor`, the exports), other than names,
# aliases and the verbatim quotations and excerpts.
READER_FACING_FIELDS: dict[str, tuple[str, ...]] = {
    "articles": ("title", "date_note"),
    "actors": ("description",),
    "places": ("coordinates_source",),
    "events": ("title", "summary", "date_note"),
    "statements": ("venue", "date_note"),
    "figures": ("label", "scope", "note", "date_note"),
}

# A lowercase slug standing alone: not part of a longer word, slug, file name or web address ("killed-44" is not in
# "killed-44-cnn", "Killed-44", "killed-44.txt" or "example.org/killed-44": an article's URL often ends in its id).
# Only slugs with a hyphen or a digit are looked up (see _id_like): a tenth of the words of ordinary text.
_SLUG_TOKEN = re.compile(r"(?<![\w./-])(?:[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]*[0-9][a-z0-9]*)(?![\w/-]|\.\w)")
# (what a note contains for certain, to skip the pattern on most texts; the pattern; why it is no text for readers)
_CURATOR_NOTES = (
    ("`", re.compile(r"`[^`\n]+`"), "backticks are markup readers see as it is"),
    (".y", re.compile(r"\b[\w.-]+\.ya?ml\b"), "readers have no seeds files"),
)


def _id_like(identifier: str) -> bool:
    """Whether an id could not be read as an ordinary word: it has a hyphen or a digit, and is not only digits and
    hyphens (an id ``2022-01-07`` would match every date)."""
    return any(c == "-" or c.isdigit() for c in identifier) and not all(c == "-" or c.isdigit() for c in identifier)


def _ids_readers_should_not_see(context: _Context) -> dict[str, str]:
    """Every id that would be out of place in reader-facing text, with its section's singular name.

    Only ids with a hyphen or a digit count (``tokayev`` in "Tokayev orders…" is a name, not an id), and not one
    spelt like a name or alias of an actor or place (``nur-sultan`` for Nur-Sultan), which readers know as a word.
    """
    names: set[str] = set()
    for section in ("actors", "places"):
        for entry in _valid_entries(context, section):
            for name in (entry.record.get("name"), *(entry.record.get("aliases") or [])):
                if isinstance(name, str):
                    names.add(name.casefold())
    found: dict[str, str] = {}
    for section in SECTIONS:
        for identifier in context.ids[section]:
            if _id_like(identifier) and identifier.casefold() not in names:
                found.setdefault(identifier, section[:-1])
    return found


def _check_reader_facing_text(context: _Context) -> None:
    """Warn where text shown to readers names a record by its internal id or holds a note meant for curators.

    Readers see titles, summaries, descriptions and date notes, never ids: an article is named by its outlet, or its
    title when the text names no outlet. Warnings leave the seeds valid.
    """
    identifiers = _ids_readers_should_not_see(context)
    for section, keys in READER_FACING_FIELDS.items():
        for entry in _valid_entries(context, section):
            for key in keys:
                value = entry.record.get(key)
                if isinstance(value, str) and placeholder_in(value) is None:  # a placeholder is an error already
                    for message in _reader_facing_problems(value, identifiers):
                        context.report.warn(entry.problem((key,), message, "reader-facing-text"))


def _reader_facing_problems(text: str, identifiers: dict[str, str]) -> list[str]:
    """What is wrong with one reader-facing text: each id it names and each note to curators, in order."""
    found: list[tuple[int, str]] = []
    for match in _SLUG_TOKEN.finditer(text):
        kind = identifiers.get(match.group())
        if kind is not None:
            found.append((match.start(), f"names the {kind} {match.group()!r} by its id: {_HOW_TO_NAME[kind]}"))
    for marker, pattern, why in _CURATOR_NOTES:
        for match in pattern.finditer(text) if marker in text else ():
            found.append((match.start(), f"{match.group()!r} is a note to curators ({why}): move it to a YAML comment"))
    return [message for _, message in sorted(found)]


_HOW_TO_NAME = {
    "article": "name the article by its outlet, or its title when the text names no outlet",
    "actor": "write the actor's name",
    "place": "write the place's name",
    "event": "say what happened in words",
    "statement": "quote or describe the statement in words",
    "figure": "give the number in words",
}


# --- building rows ---------------------------------------------------------------------------------------------------


def _rows(context: _Context) -> dict[str, list[dict[str, Any]]]:
    from dateutil.parser import isoparse

    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for entry in _valid_entries(context, "articles"):
        r = entry.record
        text = context.article_texts[str(entry.id)]
        published = r.get("published")
        rows["articles"].append(
            {
                "id": r["id"],
                "title": r["title"],
                "outlet": r.get("outlet"),
                "author": r.get("author"),
                "url": r.get("url"),
                "retrieved": r.get("retrieved"),
                "published": str(published) if published is not None else None,
                "published_date": isoparse(str(published)).date() if published is not None else None,
                "published_inferred": bool(r.get("published_inferred", False)),
                "date_note": r.get("date_note"),
                "language": r["language"],
                "source_file": str(r["file"]),
                "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "text": text,
            }
        )
    for entry in _valid_entries(context, "actors"):
        r = entry.record
        rows["actors"].append(
            {
                "id": r["id"],
                "name": r["name"],
                "name_key": casefold_key(r["name"]),
                "kind": r["kind"],
                "description": r.get("description"),
            }
        )
        rows["actor_aliases"].extend(
            {"actor_id": r["id"], "position": i, "alias": alias, "alias_key": casefold_key(alias)}
            for i, alias in enumerate(r.get("aliases") or [])
        )
    for entry in _parents_first(list(_valid_entries(context, "places")), "parent"):
        r = entry.record
        rows["places"].append(
            {
                "id": r["id"],
                "name": r["name"],
                "name_key": casefold_key(r["name"]),
                "kind": r["kind"],
                "parent_id": r.get("parent"),
                "latitude": r.get("latitude"),
                "longitude": r.get("longitude"),
                "geonames_id": r.get("geonames_id"),
                "coordinates_source": r.get("coordinates_source"),
            }
        )
        rows["place_aliases"].extend(
            {"place_id": r["id"], "position": i, "alias": alias, "alias_key": casefold_key(alias)}
            for i, alias in enumerate(r.get("aliases") or [])
        )
    for entry in _valid_entries(context, "events"):
        r = entry.record
        rows["events"].append(
            {
                "id": r["id"],
                "title": r["title"],
                "summary": r.get("summary"),
                "type": r["type"],
                **entry.dates,
            }
        )
        rows["event_tags"].extend(
            {"event_id": r["id"], "tag": t, "position": i} for i, t in enumerate(r.get("tags") or [])
        )
        rows["event_places"].extend(
            {"event_id": r["id"], "place_id": p, "position": i} for i, p in enumerate(r.get("places") or [])
        )
        rows["event_actors"].extend(
            {"event_id": r["id"], "actor_id": a["actor"], "role": a.get("role", "actor"), "position": i}
            for i, a in enumerate(r.get("actors") or [])
        )
        citations = [*r["citations"], *(addition.record for addition in additions_of(context, "events", r["id"]))]
        rows["citations"].extend(
            {"event_id": r["id"], "position": i, "article_id": c["article"], "excerpt": c["excerpt"]}
            for i, c in enumerate(citations)
        )
    for entry in _valid_entries(context, "statements"):
        r = entry.record
        rows["statements"].append(
            {
                "id": r["id"],
                "speaker_id": r["speaker"],
                "text": r["text"],
                "partial": bool(r.get("partial", False)),
                "venue": r.get("venue"),
                "place_id": r.get("place"),
                "event_id": r.get("event"),
                **entry.dates,
            }
        )
        rows["statement_sources"].extend(
            {
                "statement_id": r["id"],
                "position": i,
                "article_id": s["article"],
                "via_id": s.get("via"),
                "excerpt": s.get("excerpt") or r["text"],
            }
            for i, s in enumerate([*r["sources"], *(a.record for a in additions_of(context, "statements", r["id"]))])
        )
    for entry in _parents_first(list(_valid_entries(context, "figures")), "superseded_by"):
        r = entry.record
        rows["figures"].append(
            {
                "id": r["id"],
                "metric": r["metric"],
                "label": r.get("label"),
                "stated": r["stated"],
                "value": r.get("value"),
                "low": r.get("low"),
                "high": r.get("high"),
                "qualifier": r["qualifier"],
                "scope": r.get("scope"),
                "place_id": r.get("place"),
                "stated_by_id": r.get("stated_by"),
                "via_id": r.get("via"),
                "article_id": r["article"],
                "excerpt": r["excerpt"],
                "status": r.get("status", "current"),
                "superseded_by_id": r.get("superseded_by"),
                "note": r.get("note"),
                **entry.dates,
            }
        )
    return rows


def _parents_first(entries: list[_Entry], link: str) -> list[_Entry]:
    """Order records so that the one a record links to (its parent, its successor) is inserted before it."""
    by_id = {entry.id: entry for entry in entries}
    ordered: list[_Entry] = []
    placed: set[str | None] = set()

    def place(entry: _Entry) -> None:
        if entry.id in placed:
            return
        placed.add(entry.id)
        target = by_id.get(entry.record.get(link))
        if target is not None:
            place(target)
        ordered.append(entry)

    for entry in entries:
        place(entry)
    return ordered
