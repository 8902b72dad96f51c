"""Reviewing drafts: list what ``import`` drafted, and accept, edit or reject it record by record.

Decisions are written straight back into the YAML file, and only the lines of the record decided on change: a
record's lines are found from the positions the seeds reader keeps (the line of its ``- `` and where the next record
or section starts), so comments, blank lines and formatting everywhere else in the file stay byte for byte. A round
trip through a YAML library would re-emit the whole file (ruamel.yaml keeps most comments but reflows long strings
and quotes; PyYAML drops comments); a line-span edit of one record cannot touch the rest. Every write goes to a
temporary file renamed over the original, so a file is never half-written.

Accepting removes the record's ``draft: true`` line (and the import's note above it, which is about the draft).
Rejecting removes the record and its note, and the section key when the section is left empty; a record that other
records still refer to (a proposed actor a quotation uses) is not rejected: the message names who refers to it.
Editing replaces the record's lines with the edited YAML once it parses and fits the seeds schema.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kztimeline.curation.timeline_records import TimelineRecords, plain
from kztimeline.curation.validate import (
    ADDITION_SECTIONS,
    SECTIONS,
    describe_schema_error,
    schema_errors,
    seed_files,
)
from kztimeline.curation.yaml_source import PositionedDict, PositionedList, read_seed_file
from kztimeline.errors import KztimelineError

_DRAFT_LINE = re.compile(r"^\s*draft:\s*true\s*(#.*)?$")
_COMMENT_LINE = re.compile(r"^\s*#")


@dataclass
class DraftItem:
    """One record still marked ``draft: true``: where it is and what it says."""

    file: Path
    section: str
    index: int  # position in its section
    record: dict[str, Any]
    first_line: int  # 1-based line of its "- ", inclusive
    last_line: int  # inclusive
    note_lines: list[int] = field(default_factory=list)  # the comment lines just above it (the import's note)

    @property
    def label(self) -> str:
        """How the record is named: its id, or what an addition adds to."""
        if self.record.get("id"):
            return str(self.record["id"])
        target = self.record.get("event") or self.record.get("statement")
        return f"{target} ← {self.record.get('article')}"

    @property
    def note(self) -> str:
        lines = self.file.read_text(encoding="utf-8").splitlines()
        return " ".join(lines[number - 1].strip().lstrip("#").strip() for number in self.note_lines)

    def summary(self) -> str:
        """A short line saying what the record is."""
        record = self.record
        for key in ("title", "text", "name", "stated", "excerpt"):
            if isinstance(record.get(key), str):
                return " ".join(str(record[key]).split())[:100]
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "line": self.first_line,
            "section": self.section,
            "id": self.record.get("id"),
            "label": self.label,
            "summary": self.summary(),
            "note": self.note or None,
        }


def list_drafts(seeds: Path, only: Path | None = None) -> list[DraftItem]:
    """Every draft record of the seeds directory (or of the one file ``only``), in file and line order."""
    if not seeds.is_dir():
        raise KztimelineError(f"seeds directory not found: {seeds}")
    files = [only] if only is not None else seed_files(seeds)
    items: list[DraftItem] = []
    for path in files:
        items.extend(item for item in _records_of(path) if item.record.get("draft") is True)
    return items


def _records_of(path: Path) -> list[DraftItem]:
    """Every record of one file with its line span."""
    seed_file, problems = read_seed_file(path, str(path))
    if problems:
        raise KztimelineError(f"{problems[0]} (fix it before reviewing)")
    content = seed_file.content
    if not isinstance(content, PositionedDict):
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    section_starts = sorted(mark[0] for key in content if (mark := content.key_mark(key)) is not None)
    items: list[DraftItem] = []
    for section in (*SECTIONS, *ADDITION_SECTIONS):
        records = content.get(section)
        if not isinstance(records, PositionedList):
            continue
        starts = [records.item_mark(index)[0] for index in range(len(records))]
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                continue
            first = starts[index]
            following = [line for line in [*starts[index + 1 :], *section_starts] if line > first]
            end = (min(following) - 1) if following else len(lines)
            while end > first and (not lines[end - 1].strip() or _COMMENT_LINE.match(lines[end - 1])):
                end -= 1  # blank lines and the next record's note belong after it
            notes: list[int] = []
            above = first - 1
            while above >= 1 and _COMMENT_LINE.match(lines[above - 1]) and above not in section_starts:
                notes.insert(0, above)
                above -= 1
            items.append(DraftItem(path, section, index, plain(record), first, end, notes))
    return sorted(items, key=lambda item: item.first_line)


# ---- decisions ----------------------------------------------------------------------------------------------------


def acceptance_problem(item: DraftItem) -> str | None:
    """What keeps a draft from being accepted as it is: the first way the record without its ``draft: true`` breaks
    the seeds format (a speaker or a date the import could not fill in and left null), as "field: message"."""
    record = {key: value for key, value in item.record.items() if key != "draft"}
    problems = list(schema_errors({item.section: [record]}))
    if not problems:
        return None
    first = problems[0]
    steps = [*first.path[2:], *([first.missing] if first.keyword == "required" and first.missing else [])]
    where = ".".join(str(step) for step in steps) or "(record)"
    return f"{where}: {describe_schema_error(first)}"


def accept(item: DraftItem) -> None:
    """Delete the record's ``draft: true`` (and the import's note above it); refused, with the field to fill in,
    for a record that would break the seeds format once accepted."""
    problem = acceptance_problem(item)
    if problem is not None:
        raise KztimelineError(f"{item.section} {item.label} cannot be accepted as it is ({problem}): edit it first")
    lines = _lines(item.file)
    body = [line for line in lines[item.first_line - 1 : item.last_line] if not _DRAFT_LINE.match(line)]
    _replace_lines(item, lines, body, drop_notes=True)


def reject(item: DraftItem, seeds: Path) -> None:
    """Delete the record (and its note); refused while other records refer to it."""
    users = referring_to(item, seeds)
    if users:
        raise KztimelineError(
            f"{item.section} {item.label} is used by {', '.join(users[:5])}: reject or edit those first"
        )
    lines = _lines(item.file)
    _replace_lines(item, lines, [], drop_notes=True)


def replace_record(item: DraftItem, new_yaml: str) -> dict[str, Any]:
    """Replace the record with ``new_yaml`` (one mapping, as a curator edited it) once it parses and fits the schema;
    the record as written is returned. A problem raises :class:`KztimelineError` and writes nothing."""
    try:
        record = yaml.safe_load(new_yaml)
    except yaml.YAMLError as error:
        raise KztimelineError(f"the edited record is not YAML: {str(error).splitlines()[0]}") from None
    if isinstance(record, list) and len(record) == 1:
        record = record[0]
    if not isinstance(record, dict):
        raise KztimelineError("the edited record must be one mapping (key: value lines)")
    problems = list(schema_errors({item.section: [record]}))
    if problems:
        first = problems[0]
        where = ".".join(str(step) for step in first.path[2:]) or "(record)"
        raise KztimelineError(f"the edited record does not fit the seeds format: {where}: {first.message}")
    dumped = yaml.safe_dump([record], sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
    body = [f"  {line}" if line else "" for line in dumped.splitlines()]
    lines = _lines(item.file)
    _check_in_place(item, lines, body)
    _replace_lines(item, lines, body, drop_notes=False)
    return record


def _check_in_place(item: DraftItem, lines: list[str], body: list[str]) -> None:
    """Validate the file as it would be with the edited record (references, dates, verbatim excerpts: what the schema
    alone cannot see), and refuse the edit for a problem inside the record. A draft may still be a draft and hold
    what a review must change (placeholders); everything else must be right."""
    from kztimeline.curation.validate import SeedText, validate_seed_file

    new_text = "\n".join(lines[: item.first_line - 1] + body + lines[item.last_line :]) + "\n"
    shown = str(item.file)
    report, _ = validate_seed_file(item.file.parent, SeedText(shown, new_text, replaces=item.file.name))
    span = range(item.first_line, item.first_line + len(body))
    mine = [p for p in report.problems if p.line in span and p.type not in ("draft", "placeholder")]
    if mine:
        first = mine[0]
        raise KztimelineError(f"the edited record has a problem: {first.field}: {first.message}")


def record_yaml(item: DraftItem) -> str:
    """The record's own lines, unindented, for an editor."""
    lines = _lines(item.file)[item.first_line - 1 : item.last_line]
    text = "\n".join(lines)
    return re.sub(r"^  - ", "", re.sub(r"(?m)^    ", "", text), count=1) + "\n"


@dataclass
class AcceptAllResult:
    """What ``review --accept-all`` did: drafts accepted by section, and the ones left as drafts with why."""

    accepted: Counter[str] = field(default_factory=Counter)
    left: list[tuple[DraftItem, str]] = field(default_factory=list)


def accept_all(seeds: Path) -> AcceptAllResult:
    """Accept every draft of the seeds directory that fits the seeds format without its ``draft: true`` (for
    scripted pipelines and benchmarks); a draft with a field still to fill in stays a draft, reported with it."""
    result = AcceptAllResult()
    for path in seed_files(seeds):
        # from the last record up, so the line numbers of the ones not yet accepted stay right
        for item in sorted(list_drafts(seeds, only=path), key=lambda draft: -draft.first_line):
            problem = acceptance_problem(item)
            if problem is not None:
                result.left.append((item, problem))
                continue
            accept(item)
            result.accepted[item.section] += 1
    result.left.sort(key=lambda pair: (str(pair[0].file), pair[0].first_line))
    return result


def referring_to(item: DraftItem, seeds: Path) -> list[str]:
    """The records (as "section id") that refer to the record of ``item``."""
    record_id = item.record.get("id")
    if not record_id or item.section not in ("actors", "places", "events", "statements", "articles"):
        return []
    timeline = TimelineRecords.from_seeds(seeds)
    users: list[str] = []
    for section, records in timeline.sections.items():
        for other_id, other in records.items():
            if (section, other_id) != (item.section, record_id) and _refers(other, item.section, str(record_id)):
                users.append(f"{section[:-1]} {other_id}")
    for path in seed_files(seeds):
        for addition in _records_of(path):
            if addition.section in ADDITION_SECTIONS and _refers(addition.record, item.section, str(record_id)):
                users.append(f"{addition.section[:-1]} {addition.label}")
    return users


def _refers(record: dict[str, Any], section: str, record_id: str) -> bool:
    keys = {
        "actors": ("speaker", "via", "stated_by", "actor"),
        "places": ("place", "parent", "places"),
        "events": ("event",),
        "statements": ("statement",),
        "articles": ("article",),
    }[section]
    found = False

    def walk(value: Any, key: str | None = None) -> None:
        nonlocal found
        if isinstance(value, dict):
            for inner_key, inner in value.items():
                walk(inner, inner_key)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        elif key in keys and value == record_id:
            found = True

    walk(record)
    return found


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _replace_lines(item: DraftItem, lines: list[str], body: list[str], *, drop_notes: bool) -> None:
    start = (item.note_lines[0] if drop_notes and item.note_lines else item.first_line) - 1
    new = lines[:start] + body + lines[item.last_line :]
    if not body:
        new = _without_empty_section(new, start)
    text = "\n".join(new) + "\n"
    handle, name = tempfile.mkstemp(prefix=f".{item.file.name}.", dir=item.file.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(name, item.file)
    finally:
        Path(name).unlink(missing_ok=True)


def _without_empty_section(lines: list[str], at: int) -> list[str]:
    """Drop a section key left with no records after ``at`` (an empty section would read as null)."""
    above = at - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0 or not re.match(r"^[a-z_]+:\s*$", lines[above]):
        return lines
    below = at
    while below < len(lines) and not lines[below].strip():
        below += 1
    if below < len(lines) and lines[below].startswith(" "):
        return lines  # records follow: the section is not empty
    return lines[:above] + lines[below:]
