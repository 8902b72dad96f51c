"""The CSV export: one CSV file per table, in a directory or a zip, for spreadsheets and data frames, with
``datapackage.json`` describing them (``datapackage``) and ``events_flat.csv``, one row per event (``flat_events``).
Text that a spreadsheet would run as a formula is neutralised unless ``raw`` (``csv_writer``).

The tables and their selection are those of the JSON export (``json_export``): with filters, the matching events and
their child rows, the statements attached to them, the figures in the filter's dates (stated by its actors / about its
places), then only the articles, actors and places these refer to (places with their parents). Names are repeated
beside ids (``actor_id`` and ``actor``) so a single file reads on its own. Lists of aliases are ``; ``-separated, as in
the SQL views; flags are ``true``/``false``; a missing value is an empty field.

Every table is streamed from the database to its file; nothing is held but the ids that a filtered export refers to.
Writing is atomic: the files are written beside the target and renamed into place, so a failed export leaves nothing.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from kztimeline.db.reader import Reader
from kztimeline.errors import KztimelineError
from kztimeline.export.csv_writer import BYTE_ORDER_MARK, CsvWriter
from kztimeline.export.datapackage import TABLE_SCHEMAS, datapackage
from kztimeline.export.flat_events import DATE_FIELDS, FlatEvents, merged_event_documents
from kztimeline.export.json_export import other_sections  # the JSON export's selection of the later sections
from kztimeline.query.timeline import TIMELINE_ORDER, TimelineFilter, event_selection, resolve_filter

# table -> its columns, in the order the files are written (the columns are those datapackage.json describes)
TABLES: dict[str, tuple[str, ...]] = {name: tuple(table.fields) for name, table in TABLE_SCHEMAS.items()}
DATAPACKAGE = "datapackage.json"

Progress = Callable[[str, int], None]  # (table, rows written so far)
OpenTable = Callable[[str], contextlib.AbstractContextManager[TextIO]]  # file name -> a text stream to write it to

_DATES = (
    "{table}.date_start AS date, {table}.date_end, {table}.date_latest, {table}.date_precision, {table}.time, "
    "{table}.timezone, {table}.date_note"
)
# the events' date columns, from flat_events.DATE_FIELDS (the column of ``date`` is date_start)
_EVENT_DATES = ", ".join("events.date_start AS date" if name == "date" else f"events.{name}" for name in DATE_FIELDS)
_STATEMENT_ORDER = "statements.date_start, COALESCE(statements.time, ''), statements.id"


@dataclass(frozen=True)
class CsvOptions:
    """``excel``: each CSV file starts with a UTF-8 byte order mark (Excel reads Cyrillic as mojibake without it);
    ``raw``: text cells as they are, without the formula neutralisation (see ``csv_writer``)."""

    excel: bool = False
    raw: bool = False


def write_csv_export(
    reader: Reader,
    wanted: TimelineFilter,
    target: Path,
    *,
    progress: Progress | None = None,
    excel: bool = False,
    raw: bool = False,
) -> dict[str, int]:
    """Write one CSV file per table and ``datapackage.json`` into the directory ``target``, or into a zip when it
    ends in ``.zip``.

    A directory that exists must be empty or hold only a previous CSV export, which is replaced. Return how many
    rows each table has.
    """
    options = CsvOptions(excel, raw)
    if target.suffix.lower() == ".zip":
        if target.is_dir():
            raise KztimelineError(f"{target} is a directory; a .zip name is written as a zip file")
        return _write_zip(reader, wanted, target, progress, options)
    _check_directory(target)
    return _write_directory(reader, wanted, target, progress, options)


def write_csv_tables(
    reader: Reader,
    wanted: TimelineFilter,
    open_table: OpenTable,
    *,
    progress: Progress | None = None,
    options: CsvOptions = CsvOptions(),
) -> dict[str, int]:
    """Write each table through ``open_table("events.csv")`` etc., one after another, then ``datapackage.json``;
    return the row counts."""
    counts: dict[str, int] = {}
    for table, rows in _table_rows(reader, wanted):
        columns = TABLES[table]
        with open_table(f"{table}.csv") as stream:
            if options.excel:
                stream.write(BYTE_ORDER_MARK)
            writer = CsvWriter(stream, raw=options.raw)  # RFC 4180: CRLF line ends, fields quoted when needed
            writer.writerow(columns)
            count = 0
            for count, row in enumerate(rows, start=1):
                writer.writerow([row[column] for column in columns])
                if progress is not None and count % 5000 == 0:
                    progress(table, count)
            counts[table] = count
            if progress is not None:
                progress(table, count)
    with open_table(DATAPACKAGE) as stream:
        json.dump(datapackage(wanted, list(counts), raw=options.raw), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    return counts


def _table_rows(reader: Reader, wanted: TimelineFilter) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """(table, rows) in the order of TABLES; each table must be consumed before the next is asked for, because a
    filtered export keeps only the articles, actors and places that the rows before refer to."""
    resolved = resolve_filter(reader, wanted)
    filtered = not wanted.is_empty()
    referenced: dict[str, set[str]] = {"articles": set(), "actors": set(), "places": set()}
    where, params = event_selection(reader, resolved)

    def event_rows(columns: str, joins: str, child_order: str) -> Iterator[dict[str, Any]]:
        order = f"{TIMELINE_ORDER}, {child_order}" if child_order else TIMELINE_ORDER
        return reader.iterate(f"SELECT {columns} FROM events {joins}{where} ORDER BY {order}", params)

    yield (
        "events",
        event_rows(f"events.id, {_EVENT_DATES}, events.type, events.title, events.summary", "", ""),
    )
    yield "events_flat", _flat_rows(reader, where, params)
    yield (
        "event_actors",
        _noting(
            event_rows(
                "event_actors.event_id, event_actors.position, event_actors.actor_id, actors.name AS actor, "
                "event_actors.role",
                "JOIN event_actors ON event_actors.event_id = events.id "
                "JOIN actors ON actors.id = event_actors.actor_id",
                "event_actors.position",
            ),
            referenced,
            actors=("actor_id",),
        ),
    )
    yield (
        "event_places",
        _noting(
            event_rows(
                "event_places.event_id, event_places.position, event_places.place_id, places.name AS place",
                "JOIN event_places ON event_places.event_id = events.id "
                "JOIN places ON places.id = event_places.place_id",
                "event_places.position",
            ),
            referenced,
            places=("place_id",),
        ),
    )
    yield (
        "event_tags",
        event_rows(
            "event_tags.event_id, event_tags.position, event_tags.tag",
            "JOIN event_tags ON event_tags.event_id = events.id",
            "event_tags.position",
        ),
    )
    yield (
        "citations",
        _noting(
            event_rows(
                "citations.event_id, citations.position, citations.article_id, articles.outlet, citations.excerpt",
                "JOIN citations ON citations.event_id = events.id JOIN articles ON articles.id = citations.article_id",
                "citations.position",
            ),
            referenced,
            articles=("article_id",),
        ),
    )
    statements_where = f"statements.event_id IN (SELECT events.id FROM events{where})" if filtered else "1 = 1"
    statements_params = params if filtered else {}
    statements_sql = f"""
        SELECT statements.id, {_DATES.format(table="statements")}, statements.speaker_id, speaker.name AS speaker,
               statements.text, statements.partial, statements.venue, statements.place_id, places.name AS place,
               statements.event_id
        FROM statements
        JOIN actors AS speaker ON speaker.id = statements.speaker_id
        LEFT JOIN places ON places.id = statements.place_id
        WHERE {statements_where} ORDER BY {_STATEMENT_ORDER}"""
    yield (
        "statements",
        _noting(
            ({**row, "partial": bool(row["partial"])} for row in reader.iterate(statements_sql, statements_params)),
            referenced,
            actors=("speaker_id",),
            places=("place_id",),
        ),
    )
    sources_sql = f"""
        SELECT statement_sources.statement_id, statement_sources.position, statement_sources.article_id,
               articles.outlet, statement_sources.via_id, via.name AS via, statement_sources.excerpt
        FROM statements
        JOIN statement_sources ON statement_sources.statement_id = statements.id
        JOIN articles ON articles.id = statement_sources.article_id
        LEFT JOIN actors AS via ON via.id = statement_sources.via_id
        WHERE {statements_where} ORDER BY {_STATEMENT_ORDER}, statement_sources.position"""
    yield (
        "statement_sources",
        _noting(
            reader.iterate(sources_sql, statements_params),
            referenced,
            articles=("article_id",),
            actors=("via_id",),
        ),
    )
    for section, documents in other_sections(reader, resolved, filtered, referenced):
        if section == "figures":
            documents = ({**figure, **figure["source"]} for figure in documents)
        yield section, documents


def _flat_rows(reader: Reader, where: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The flat events table, merged from ordered queries like the JSON export's events (see ``flat_events``)."""
    flat = FlatEvents(reader)
    for event in merged_event_documents(reader, where, params):
        yield flat.row(event)


def _noting(
    rows: Iterator[dict[str, Any]],
    referenced: dict[str, set[str]],
    *,
    articles: tuple[str, ...] = (),
    actors: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> Iterator[dict[str, Any]]:
    """The rows, noting the articles, actors and places they refer to (what a filtered export keeps later)."""
    keys = [("articles", key) for key in articles] + [("actors", key) for key in actors]
    keys += [("places", key) for key in places]
    for row in rows:
        for kind, key in keys:
            if row[key] is not None:
                referenced[kind].add(row[key])
        yield row


def _check_directory(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise KztimelineError(f"{target} exists and is not a directory; CSV files go into a directory or a .zip")
    ours = {f"{table}.csv" for table in TABLES} | {DATAPACKAGE}
    others = sorted(entry.name for entry in target.iterdir() if entry.name not in ours or not entry.is_file())
    if others:
        raise KztimelineError(
            f"{target} holds files that are not a CSV export ({', '.join(others[:3])}); choose a new or empty directory"
        )


def _write_directory(
    reader: Reader, wanted: TimelineFilter, target: Path, progress: Progress | None, options: CsvOptions
) -> dict[str, int]:
    """Write into a new directory beside ``target``, then swap it in: a failed export leaves ``target`` as it was."""
    parent = target.resolve().parent
    temporary = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:

        @contextlib.contextmanager
        def open_table(name: str) -> Iterator[TextIO]:
            with open(temporary / name, "w", encoding="utf-8", newline="") as stream:
                yield stream

        counts = write_csv_tables(reader, wanted, open_table, progress=progress, options=options)
        os.chmod(temporary, 0o777 & ~_umask())  # mkdtemp makes it private; the export is an ordinary directory
        if target.exists():
            previous = parent / f".{target.name}.previous.{os.getpid()}"
            os.replace(target, previous)
            try:
                os.replace(temporary, target)
            except BaseException:
                os.replace(previous, target)
                raise
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return counts


def _write_zip(
    reader: Reader, wanted: TimelineFilter, target: Path, progress: Progress | None, options: CsvOptions
) -> dict[str, int]:
    handle, name = tempfile.mkstemp(dir=target.resolve().parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:

            @contextlib.contextmanager
            def open_table(table_file: str) -> Iterator[TextIO]:
                # force_zip64: the size is not known in advance and a table may pass 2 GiB
                member_info = zipfile.ZipInfo(table_file, date_time=time.localtime()[:6])
                member_info.compress_type = zipfile.ZIP_DEFLATED
                member_info.external_attr = (0o666 & ~_umask()) << 16  # an ordinary file when unpacked
                with (
                    archive.open(member_info, "w", force_zip64=True) as member,
                    io.TextIOWrapper(member, encoding="utf-8", newline="") as stream,
                ):
                    yield stream

            counts = write_csv_tables(reader, wanted, open_table, progress=progress, options=options)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; the export is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return counts


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
